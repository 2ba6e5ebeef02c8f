/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * libFuzzer target: the plan file reader (PlanIo::Read from a stream) against the shipped
 * two-cloudlets scenario, and the plan it accepts checked by PlanEvaluator::Evaluate (the
 * reader does not check feasibility; the evaluator must report, never crash on, any plan
 * the reader returns). Bad input must end in a ScenarioError; anything else is a finding.
 */

#include "ns3/mec-pfm-paths.h"
#include "ns3/plan-evaluator.h"
#include "ns3/plan-io.h"
#include "ns3/planning-problem.h"
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
    static const PlanningProblem problem(
        ScenarioReader::ReadFile(MecPfmSourceDir() + "/scenarios/two-cloudlets.json"));
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try
    {
        PlacementPlan plan = PlanIo::Read(problem, in, "fuzz-plan.json");
        PlanMetrics m = PlanEvaluator(problem).Evaluate(plan);
    }
    catch (const ScenarioError&)
    {
        // The reader's answer to bad input.
    }
    return 0;
}
