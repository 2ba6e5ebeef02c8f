/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * libFuzzer target: the Azure trace CSV reader (AzureTraceReader::Read from a stream), and
 * the rows it accepts turned into requests of the shipped two-cloudlets scenario
 * (AzureTraceReader::MakeRequests, with 0 to 3 size classes picked by the row count). Bad
 * input must end in a ScenarioError; anything else is a finding.
 */

#include "ns3/azure-trace-reader.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"

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
    static const MecScenario base =
        ScenarioReader::ReadFile(MecPfmSourceDir() + "/scenarios/two-cloudlets.json");
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try
    {
        std::vector<AzureTraceRow> rows = AzureTraceReader::Read(in, "fuzz.csv");
        MecScenario s = base;
        s.requests.clear();
        AzureTraceOptions o;
        o.sizeClasses = rows.size() % 4;
        AzureTraceReader::MakeRequests(rows, o, s, "fuzz.json");
    }
    catch (const ScenarioError&)
    {
        // The reader's answer to bad input.
    }
    return 0;
}
