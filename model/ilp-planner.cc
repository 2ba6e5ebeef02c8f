/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ilp-planner.h"

#include "pfm-lp-formulation.h"
#include "rounding-planner.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IlpPlanner");

NS_OBJECT_ENSURE_REGISTERED(IlpPlanner);

TypeId
IlpPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IlpPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<IlpPlanner>()
                            .AddAttribute("TimeLimit",
                                          "Seconds GLPK may spend (0 = no limit).",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&IlpPlanner::m_timeLimit),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("WarmStart",
                                          "Hand the rounding algorithm's plan to branch and "
                                          "cut as its first incumbent.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_warmStart),
                                          MakeBooleanChecker())
                            .AddAttribute("MipGap",
                                          "Relative MIP gap at which the search stops.",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&IlpPlanner::m_mipGap),
                                          MakeDoubleChecker<double>(0, 1))
                            .AddAttribute("CutRounds",
                                          "Rounds of separation of the valid inequalities of "
                                          "doc/planner.rst before branch and cut (0 = none).",
                                          UintegerValue(20),
                                          MakeUintegerAccessor(&IlpPlanner::m_cutRounds),
                                          MakeUintegerChecker<uint32_t>())
                            .AddAttribute("BranchPlacementFirst",
                                          "Branch on fractional y, z, p (weighted by pull "
                                          "time) before GLPK's own choice among the x counts.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_branchPlacement),
                                          MakeBooleanChecker());
    return tid;
}

/// Shared by IlpPlanner and NoSharingPlanner.
PlanResult
SolveIlp(const PlanningProblem& problem,
         double timeLimit,
         double mipGap,
         bool noSharing,
         const PlacementPlan* incumbent,
         uint32_t cutRounds,
         bool branchPlacement)
{
    PfmLpFormulation::Options o;
    o.cutRounds = cutRounds;
    o.branchPlacementFirst = branchPlacement;
    o.incumbent = incumbent;
    o.integer = true;
    o.timeLimitS = timeLimit;
    o.mipGap = mipGap;
    o.noSharing = noSharing;
    PfmLpFormulation f(problem, o);
    auto out = f.Solve();
    PlanResult r;
    r.wallS = f.GetSolveSeconds();
    r.wholeModels = noSharing;
    if (out == PfmLpFormulation::Outcome::OPTIMAL || out == PfmLpFormulation::Outcome::FEASIBLE)
    {
        std::vector<uint32_t> counts;
        for (double x : f.GetX())
        {
            counts.push_back(static_cast<uint32_t>(std::llround(std::max(0.0, x))));
        }
        r.plan = PfmLpFormulation::Expand(problem, f.GetOptions(), counts);
        r.hasPlan = true;
        if (!noSharing)
        {
            r.lowerBoundS = f.GetLowerBound();
        }
    }
    switch (out)
    {
    case PfmLpFormulation::Outcome::OPTIMAL:
        r.status = PlanStatus::OPTIMAL;
        if (mipGap > 0)
        {
            r.message = "optimal within the relative gap MipGap = " + std::to_string(mipGap);
        }
        break;
    case PfmLpFormulation::Outcome::FEASIBLE:
        // Stopped with an incumbent: by the time limit (the only other stop, the gap,
        // ends as OPTIMAL).
        r.status = PlanStatus::TIME_LIMIT;
        r.message = "time limit: best plan found, optimality not proven";
        break;
    case PfmLpFormulation::Outcome::INFEASIBLE:
        r.status = PlanStatus::INFEASIBLE;
        r.message = "no plan meets storage and load (GLPK proved it)";
        break;
    case PfmLpFormulation::Outcome::TIME_LIMIT:
        r.status = PlanStatus::TIME_LIMIT;
        r.message = "time limit before any feasible plan";
        break;
    default:
        r.status = PlanStatus::ERROR;
        r.message = "GLPK failed";
    }
    return r;
}

PlanResult
IlpPlanner::Solve(const PlanningProblem& problem)
{
    NS_LOG_FUNCTION(this);
    if (!m_warmStart)
    {
        return SolveIlp(problem,
                        m_timeLimit,
                        m_mipGap,
                        false,
                        nullptr,
                        m_cutRounds,
                        m_branchPlacement);
    }
    auto t0 = std::chrono::steady_clock::now();
    Ptr<RoundingPlanner> rounding = CreateObject<RoundingPlanner>();
    rounding->AssignStreams(0);
    PlanResult start = rounding->Solve(problem);
    double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double left = m_timeLimit > 0 ? std::max(1.0, m_timeLimit - spent) : 0;
    PlanResult r = SolveIlp(problem,
                            left,
                            m_mipGap,
                            false,
                            start.hasPlan ? &start.plan : nullptr,
                            m_cutRounds,
                            m_branchPlacement);
    r.wallS += spent;
    if (!r.hasPlan && r.status == PlanStatus::TIME_LIMIT && start.hasPlan)
    {
        // The limit struck before branch and cut began (the LP relaxation of a large ILP):
        // the warm start is still the best plan known, and its LP bound a true bound.
        r.plan = start.plan;
        r.hasPlan = true;
        r.lowerBoundS = start.lowerBoundS;
        r.message = "time limit before branch and cut: the rounding plan (the warm start)";
    }
    else if (r.hasPlan && start.hasPlan)
    {
        // Classes aggregate requests of similar size (classTolerance > 0): the ILP compares
        // plans by their classes' mean requests, PlanEvaluator request by request. An
        // ILP plan may then evaluate worse than the warm start; keep the better.
        PlanEvaluator evaluator(problem);
        PlanMetrics mi = evaluator.Evaluate(r.plan);
        PlanMetrics ms = evaluator.Evaluate(start.plan);
        if (ms.feasible && (!mi.feasible || ms.totalDelayS < mi.totalDelayS))
        {
            r.plan = start.plan;
            r.message += "; the warm start evaluates better request by request: returned";
        }
    }
    return r;
}

} // namespace ns3
