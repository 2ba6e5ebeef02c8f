/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-plan-helper.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pfm-planner.h"
#include "ns3/plan-evaluator.h"
#include "ns3/plan-io.h"

#include <exception>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmPlanHelper");

MecPfmPlanChoice
MecPfmPlanHelper::Obtain(const PlanningProblem& problem,
                         const std::string& algorithm,
                         const std::string& planFile,
                         double timeLimit,
                         int64_t stream,
                         const ObjectiveWeights& weights)
{
    MecPfmPlanChoice c;
    if (!planFile.empty())
    {
        try
        {
            c.plan = PlanIo::Read(problem, planFile);
        }
        catch (const std::exception& e)
        {
            c.error = std::string("--plan: ") + e.what();
            return c;
        }
        // A plan file is checked like a planner's plan: every constraint, before simulating.
        PlanMetrics m = PlanEvaluator(problem).Evaluate(c.plan);
        if (!m.feasible)
        {
            c.error = "--plan: " + planFile + ": the plan violates: " + m.violations.front();
            if (m.violations.size() > 1)
            {
                c.error += " (and " + std::to_string(m.violations.size() - 1) + " more)";
            }
            return c;
        }
        c.ok = true;
        c.name = "plan:" + planFile;
        return c;
    }
    Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(algorithm);
    if (!planner)
    {
        c.error = "--algorithm: unknown planner \"" + algorithm + "\"; one of:";
        for (const auto& n : PfmPlanner::GetShortNames())
        {
            c.error += " " + n;
        }
        return c;
    }
    for (const auto& [w, name] : {std::make_pair(weights.accuracyWeight, "accuracyWeight"),
                                  std::make_pair(weights.costWeight, "costWeight")})
    {
        if (std::string why = ObjectiveWeights::Validate(w, name); !why.empty())
        {
            c.error = "--" + why;
            return c;
        }
    }
    planner->SetObjectiveWeights(weights);
    planner->AssignStreams(stream);
    planner->SetAttributeFailSafe("TimeLimit", DoubleValue(timeLimit));
    PlanResult r = planner->Solve(problem);
    c.ok = true;
    if (!r.hasPlan)
    {
        c.note = "planner " + algorithm + " gave no plan (" + r.message +
                 "); falling back to cloud-only";
        c.plan = PlacementPlan::CloudOnly(problem);
        c.name = "cloud-only";
        return c;
    }
    c.plan = r.plan;
    c.name = algorithm;
    return c;
}

} // namespace mecpfm
} // namespace ns3
