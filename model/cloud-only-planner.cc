/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cloud-only-planner.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("CloudOnlyPlanner");

NS_OBJECT_ENSURE_REGISTERED(CloudOnlyPlanner);

TypeId
CloudOnlyPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::CloudOnlyPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<CloudOnlyPlanner>();
    return tid;
}

PlanResult
CloudOnlyPlanner::Solve(const PlanningProblem& problem)
{
    WeightsScope weights(problem, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    // Cloud-only by definition: never repaired towards the cloudlets.
    return Finish(problem, PlacementPlan::CloudOnly(problem), t0, false, false);
}

} // namespace mecpfm
} // namespace ns3
