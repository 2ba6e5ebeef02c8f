/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-replay-policy.h"

#include "pfm-planner.h"
#include "planning-problem.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanReplayPolicy");
NS_OBJECT_ENSURE_REGISTERED(PlanReplayPolicy);

TypeId
PlanReplayPolicy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PlanReplayPolicy")
            .SetParent<AdmissionPolicy>()
            .SetGroupName("MecPfm")
            .AddConstructor<PlanReplayPolicy>()
            .AddAttribute("Planner",
                          "Short name of the offline planner that plans the whole demand "
                          "when no plan was set.",
                          StringValue("rounding"),
                          MakeStringAccessor(&PlanReplayPolicy::m_planner),
                          MakeStringChecker());
    return tid;
}

void
PlanReplayPolicy::SetPlan(const PlacementPlan& plan)
{
    m_plan = plan;
    m_hasPlan = true;
}

const PlacementPlan&
PlanReplayPolicy::GetPlan() const
{
    return m_plan;
}

void
PlanReplayPolicy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    AdmissionPolicy::Start(setup);
    if (m_hasPlan || !setup.problem)
    {
        return;
    }
    Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(m_planner);
    NS_ABORT_MSG_IF(!planner, "PlanReplayPolicy: no planner \"" << m_planner << "\"");
    planner->AssignStreams(0);
    PlanResult r = planner->Solve(*setup.problem);
    if (r.hasPlan)
    {
        m_plan = r.plan;
    }
    else
    {
        NS_LOG_WARN("planner " << m_planner << " gave no plan (" << r.message
                               << "): replaying cloud-only");
        m_plan = PlacementPlan::CloudOnly(*setup.problem);
    }
    m_hasPlan = true;
}

bool
PlanReplayPolicy::PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held)
{
    if (slot.index != 0 || !m_hasPlan)
    {
        return false;
    }
    held = m_plan.heldBlocks;
    return true;
}

uint32_t
PlanReplayPolicy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    const InferenceRequest& r = query.GetRequest();
    int64_t arm = -1;
    if (r.id < m_plan.decisions.size())
    {
        const RequestDecision& d = m_plan.decisions[r.id];
        arm = d.rejected ? query.FindRejectArm() : query.FindArm(d.site, d.model);
    }
    if (arm < 0)
    {
        NS_LOG_WARN("request " << r.id << ": the plan's decision is not among its arms; "
                               << "the first arm serves it");
        arm = 0;
    }
    return static_cast<uint32_t>(arm);
}

} // namespace mecpfm
} // namespace ns3
