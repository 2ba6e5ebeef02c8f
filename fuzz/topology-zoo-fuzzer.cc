/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * libFuzzer target: the Topology Zoo GraphML reader (TopologyZooReader::Read from a
 * stream). Bad input must end in a ScenarioError; anything else is a finding.
 */

#include "ns3/topology-zoo-reader.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::mecpfm;

/**
 * \param data the input
 * \param size its length
 * \return 0 (libFuzzer's convention)
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try
    {
        // The scenario reader's defaults: 1 Gbit/s links, 0.1 ms least delay.
        ZooGraph g = TopologyZooReader::Read(in, "fuzz.graphml", ZooReadOptions());
    }
    catch (const ScenarioError&)
    {
        // The reader's answer to bad input.
    }
    return 0;
}
