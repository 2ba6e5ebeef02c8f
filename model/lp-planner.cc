/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lp-planner.h"

#include "pfm-lp-formulation.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("LpPlanner");

NS_OBJECT_ENSURE_REGISTERED(LpPlanner);

TypeId
LpPlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::LpPlanner")
            .SetParent<PfmPlanner>()
            .SetGroupName("MecPfm")
            .AddConstructor<LpPlanner>()
            .AddAttribute("Nearest",
                          "Cloudlets per class besides its home in the first LP (0 = all); "
                          "the others are priced in by column generation.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LpPlanner::m_nearest),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CutRounds",
                          "Rounds of separation of the valid inequalities of doc/planner.rst "
                          "(0 = the plain LP relaxation; more give a higher lower bound of "
                          "the integer optimum).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LpPlanner::m_cutRounds),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

PlanResult
LpPlanner::Solve(const PlanningProblem& problem)
{
    WeightsScope weights(problem, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    PfmLpFormulation::Options o;
    o.nearest = m_nearest;
    o.cutRounds = m_cutRounds;
    PfmLpFormulation f(problem, o);
    auto out = f.Solve();
    PlanResult r;
    r.wallS = f.GetSolveSeconds();
    r.hasPlan = false;
    switch (out)
    {
    case PfmLpFormulation::Outcome::OPTIMAL:
        r.status = PlanStatus::OPTIMAL;
        r.lowerBoundS = f.GetLowerBound();
        r.message = f.IsPricedOut() ? "LP optimum of the unpruned problem"
                                    : "pricing stopped early: Farley bound";
        break;
    case PfmLpFormulation::Outcome::INFEASIBLE:
        if (m_nearest > 0 && m_nearest + 1 < problem.GetNCloudlets())
        {
            // Pricing needs the duals of a solved LP: an infeasible pruned LP proves nothing.
            r.status = PlanStatus::NO_PLAN_FOUND;
            r.message = "the pruned LP relaxation is infeasible (the unpruned one may not be)";
        }
        else
        {
            r.status = PlanStatus::INFEASIBLE;
            r.message = "the LP relaxation is infeasible: so is the problem";
        }
        break;
    case PfmLpFormulation::Outcome::TIME_LIMIT:
        r.status = PlanStatus::TIME_LIMIT;
        break;
    default:
        r.status = PlanStatus::ERROR;
        r.message = "GLPK failed on the LP";
    }
    return r;
}

} // namespace mecpfm
} // namespace ns3
