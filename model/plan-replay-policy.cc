/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-replay-policy.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanReplayPolicy");
NS_OBJECT_ENSURE_REGISTERED(PlanReplayPolicy);

TypeId
PlanReplayPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::PlanReplayPolicy")
                            .SetParent<AdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<PlanReplayPolicy>();
    return tid;
}

void
PlanReplayPolicy::SetPlan(const PlacementPlan& plan)
{
    m_decisions = plan.decisions;
}

RequestDecision
PlanReplayPolicy::Decide(const InferenceRequest& r, const ClusterState&)
{
    if (r.id >= m_decisions.size())
    {
        NS_LOG_WARN("request " << r.id << " has no decision in the plan: rejected");
        RequestDecision d;
        d.rejected = true;
        return d;
    }
    return m_decisions[r.id];
}

} // namespace mecpfm
} // namespace ns3
