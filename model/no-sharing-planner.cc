/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "no-sharing-planner.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NoSharingPlanner");

NS_OBJECT_ENSURE_REGISTERED(NoSharingPlanner);

PlanResult SolveIlp(const PlanningProblem& problem,
                    double timeLimit,
                    double mipGap,
                    bool noSharing,
                    const PlacementPlan* incumbent,
                    uint32_t cutRounds,
                    bool branchPlacement);

TypeId
NoSharingPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NoSharingPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<NoSharingPlanner>()
                            .AddAttribute("TimeLimit",
                                          "Seconds GLPK may spend (0 = no limit).",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&NoSharingPlanner::m_timeLimit),
                                          MakeDoubleChecker<double>(0));
    return tid;
}

PlanResult
NoSharingPlanner::Solve(const PlanningProblem& problem)
{
    NS_LOG_FUNCTION(this);
    PlanResult r = SolveIlp(problem, m_timeLimit, 0, true, nullptr, 20, false);
    if (r.status == PlanStatus::OPTIMAL)
    {
        // Optimal among no-sharing plans; a heuristic for the problem itself.
        r.status = PlanStatus::FEASIBLE;
        r.message = "optimal under whole-model accounting";
    }
    return r;
}

} // namespace ns3
