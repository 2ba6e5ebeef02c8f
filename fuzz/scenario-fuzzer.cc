/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * libFuzzer target: the scenario JSON reader (ScenarioReader::ReadString, which ends with
 * MecScenario::Validate). Bad input must end in a ScenarioError; anything else (a crash, an
 * abort, another exception, undefined behaviour, a leak, a timeout) is a finding.
 *
 * Relative "graphml"/"azure_csv" paths resolve against the seed corpus, fuzz/corpus/scenario/:
 * its copies of the GEANT scenarios name the GEANT GraphML of data/ and a 20-row head of the
 * Azure trace (a seed of the azure-trace target) instead of the trace's 700 KB, so an
 * iteration stays fast while the topology and trace paths of the reader are still reached.
 */

#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"

#include <cstddef>
#include <cstdint>
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
    static const std::string baseDir = MecPfmSourceDir() + "/fuzz/corpus/scenario";
    const std::string text(reinterpret_cast<const char*>(data), size);
    try
    {
        MecScenario s = ScenarioReader::ReadString(text, "fuzz.json", baseDir);
    }
    catch (const ScenarioError&)
    {
        // The reader's answer to bad input.
    }
    return 0;
}
