/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLAN_IO_H
#define MEC_PFM_PLAN_IO_H

#include "placement-plan.h"
#include "planning-problem.h"
#include "scenario-error.h"

#include <istream>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Plan files: what `mec-pfm-tool plan --output` writes and the simulation replays.
 *
 * JSON: {"scenario": NAME, "algorithm": NAME, "requests_total": N,
 *  "cloudlets": [{"id": NODE, "models": [MODEL...], "blocks": [BLOCK...]}...],
 *  "requests": [{"id": I, "site": NODE, "model": MODEL} or {"id": I, "rejected": true}...]}
 * Ids are the scenario's node, model and block ids, so a plan stays readable and is
 * checked against the scenario it is replayed on.
 */
class PlanIo
{
  public:
    /**
     * \param problem the problem the plan is for
     * \param plan the plan
     * \param algorithm the planner's name
     * \param path the file to write
     * \throws ScenarioError if the file cannot be written
     */
    static void Write(const PlanningProblem& problem,
                      const PlacementPlan& plan,
                      const std::string& algorithm,
                      const std::string& path);

    /**
     * \param problem the problem to replay the plan on
     * \param path the plan file
     * \return the plan (not yet checked for feasibility: use PlanEvaluator)
     * \throws ScenarioError naming the file, JSON path and reason: unknown ids, a cloudlet
     * listed twice or not a cloudlet, a request id out of range or decided twice, missing
     * decisions
     */
    static PlacementPlan Read(const PlanningProblem& problem, const std::string& path);

    /**
     * \brief Read a plan from a stream (the fuzzer's entry point; Read(problem, path) opens
     * the file and calls this).
     * \param problem the problem to replay the plan on
     * \param in the plan's JSON text
     * \param path the file name used in errors
     * \return the plan, as Read(problem, path)
     * \throws ScenarioError as Read(problem, path)
     */
    static PlacementPlan Read(const PlanningProblem& problem,
                              std::istream& in,
                              const std::string& path);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLAN_IO_H */
