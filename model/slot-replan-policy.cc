/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slot-replan-policy.h"

#include "planning-problem.h"
#include "slot-planner.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("SlotReplanPolicy");
NS_OBJECT_ENSURE_REGISTERED(SlotReplanPolicy);

TypeId
SlotReplanPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::SlotReplanPolicy")
                            .SetParent<AdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<SlotReplanPolicy>()
                            .AddAttribute("Planner",
                                          "Short name of the offline planner of every slot.",
                                          StringValue("rounding"),
                                          MakeStringAccessor(&SlotReplanPolicy::m_planner),
                                          MakeStringChecker());
    return tid;
}

void
SlotReplanPolicy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!setup.problem, "slot-replan needs a PlanningProblem");
    AdmissionPolicy::Start(setup);
    const PlanningProblem& p = *setup.problem;
    m_held.clear();
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        m_held.push_back(p.GetScenario().nodes[p.GetSiteNode(c)].residentBlocks);
    }
    m_decide.clear();
}

bool
SlotReplanPolicy::PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held)
{
    NS_LOG_FUNCTION(this << slot.index);
    const PlanningProblem& p = *GetSetup().problem;
    std::vector<InferenceRequest> next;
    for (const auto& r : p.GetScenario().requests)
    {
        if (r.arrivalS >= slot.startS && r.arrivalS < slot.endS)
        {
            next.push_back(r);
        }
    }
    PlacementPlan plan;
    if (!SlotPlanner(m_planner)
             .Plan(p, next, slot.GetLengthS(p.GetScenario().horizonS), m_held, plan))
    {
        return false;
    }
    for (size_t i = 0; i < next.size(); ++i)
    {
        m_decide[next[i].id] = plan.decisions[i];
    }
    m_held = plan.heldBlocks;
    held = m_held;
    return true;
}

uint32_t
SlotReplanPolicy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    auto it = m_decide.find(query.GetRequest().id);
    int64_t arm = -1;
    if (it != m_decide.end())
    {
        const RequestDecision& d = it->second;
        arm = d.rejected ? query.FindRejectArm() : query.FindArm(d.site, d.model);
        m_decide.erase(it);
    }
    return arm < 0 ? 0 : static_cast<uint32_t>(arm);
}

} // namespace mecpfm
} // namespace ns3
