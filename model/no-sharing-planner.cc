/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "no-sharing-planner.h"

#include "ilp-planner.h"
#include "pfm-lp-formulation.h"
#include "plan-assigner.h"
#include "plan-evaluator.h"
#include "rounding-planner.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("NoSharingPlanner");

NS_OBJECT_ENSURE_REGISTERED(NoSharingPlanner);

TypeId
NoSharingPlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::NoSharingPlanner")
            .SetParent<PfmPlanner>()
            .SetGroupName("MecPfm")
            .AddConstructor<NoSharingPlanner>()
            .AddAttribute("TimeLimit",
                          "Seconds GLPK may spend (0 = no limit).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&NoSharingPlanner::m_timeLimit),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("WarmStart",
                          "Hand branch and cut a first incumbent: the "
                          "placement of WarmStartPlanner, models closed "
                          "until each cloudlet stores its models whole, "
                          "requests re-assigned.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NoSharingPlanner::m_warmStart),
                          MakeBooleanChecker())
            .AddAttribute("WarmStartPlanner",
                          "The planner whose placement the warm start trims (with "
                          "WarmStart). Null (the default): a RoundingPlanner with its "
                          "default attributes on random stream 0, created for each "
                          "Solve. From a string: a TypeId name with attributes.",
                          PointerValue(),
                          MakePointerAccessor(&NoSharingPlanner::m_warmStartPlanner),
                          MakePointerChecker<PfmPlanner>());
    return tid;
}

int64_t
NoSharingPlanner::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return m_warmStartPlanner ? m_warmStartPlanner->AssignStreams(stream) : 0;
}

PlanResult
NoSharingPlanner::Solve(const PlanningProblem& problem)
{
    WeightsScope weights(problem, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    PlacementPlan start;
    bool haveStart = m_warmStart && WarmStart(problem, start);
    double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    PfmLpFormulation::Options o;
    o.timeLimitS = m_timeLimit > 0 ? std::max(1.0, m_timeLimit - spent) : 0;
    o.noSharing = true;
    o.incumbent = haveStart ? &start : nullptr;
    o.cutRounds = 20;
    o.branchPlacementFirst = false;
    o.nodeCuts = false;
    PlanResult r = IlpPlanner::SolveIlp(problem, o);
    r.wallS += spent;
    if (!r.hasPlan && r.status == PlanStatus::TIME_LIMIT && haveStart)
    {
        // The limit struck before branch and cut (the root LP of a large model): the warm
        // start is the best plan known.
        r.plan = start;
        r.hasPlan = true;
        r.wholeModels = true;
        r.message = "time limit before branch and cut: the warm start";
    }
    if (r.status == PlanStatus::INFEASIBLE)
    {
        // No plan stores every model whole; one sharing blocks may still exist.
        r.status = PlanStatus::NO_PLAN_FOUND;
        r.message = "no plan under whole-model accounting (one sharing blocks may exist)";
    }
    if (r.status == PlanStatus::OPTIMAL)
    {
        // Optimal among no-sharing plans; a heuristic for the problem itself.
        r.status = PlanStatus::FEASIBLE;
        r.message = "optimal under whole-model accounting";
    }
    return r;
}

bool
NoSharingPlanner::WarmStart(const PlanningProblem& problem, PlacementPlan& plan) const
{
    const auto& cat = problem.GetCatalogue();
    PlanResult shared = SolveHelper(m_warmStartPlanner, RoundingPlanner::GetTypeId(), problem);
    if (!shared.hasPlan)
    {
        return false;
    }
    // Requests each model serves at each cloudlet: the least used is closed first.
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> served;
    for (const auto& d : shared.plan.decisions)
    {
        if (!d.rejected && !problem.IsDc(d.site))
        {
            ++served[{d.site, d.model}];
        }
    }
    std::vector<std::set<uint32_t>> open(problem.GetNCloudlets());
    for (uint32_t c = 0; c < problem.GetNCloudlets(); ++c)
    {
        std::vector<uint32_t> ms(shared.plan.models[c].begin(), shared.plan.models[c].end());
        std::sort(ms.begin(), ms.end(), [&](uint32_t a, uint32_t b) {
            return served[{c, a}] != served[{c, b}] ? served[{c, a}] > served[{c, b}] : a < b;
        });
        double bytes = 0;
        for (auto m : ms)
        {
            if (bytes + cat.GetModelBytes(m) <= problem.GetStorageBytes(c))
            {
                bytes += cat.GetModelBytes(m);
                open[c].insert(m);
            }
        }
    }
    PlanEvaluator whole(problem, CostModel(), true);
    if (PlanAssigner::AssignByLp(problem, open, 0, 50000, plan) && whole.Evaluate(plan).feasible)
    {
        return true;
    }
    plan = PlanAssigner::AssignBest(problem, open);
    return whole.Evaluate(plan).feasible;
}

} // namespace mecpfm
} // namespace ns3
