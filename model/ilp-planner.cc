/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ilp-planner.h"

#include "pfm-lp-formulation.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

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
                            .AddAttribute("MipGap",
                                          "Relative MIP gap at which the search stops.",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&IlpPlanner::m_mipGap),
                                          MakeDoubleChecker<double>(0, 1));
    return tid;
}

/// Shared by IlpPlanner and NoSharingPlanner.
PlanResult
SolveIlp(const PlanningProblem& problem, double timeLimit, double mipGap, bool noSharing)
{
    PfmLpFormulation::Options o;
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
    return SolveIlp(problem, m_timeLimit, m_mipGap, false);
}

} // namespace ns3
