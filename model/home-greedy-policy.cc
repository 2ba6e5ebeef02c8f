/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "home-greedy-policy.h"

#include "planning-problem.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("HomeGreedyPolicy");
NS_OBJECT_ENSURE_REGISTERED(HomeGreedyPolicy);

TypeId
HomeGreedyPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::HomeGreedyPolicy")
                            .SetParent<AdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<HomeGreedyPolicy>();
    return tid;
}

uint32_t
HomeGreedyPolicy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    const PlanningProblem* p = GetSetup().problem;
    NS_ABORT_MSG_IF(!p, "home-greedy needs a PlanningProblem (AdmissionSetup::problem)");
    const auto& models = p->GetCatalogue().GetModels();
    const auto& arms = query.GetArms();
    int64_t best = -1;
    int rank = 3; // 0 home, 1 DC, 2 elsewhere, 3 reject
    for (uint32_t a = 0; a < arms.size(); ++a)
    {
        const AdmissionArm& arm = arms[a];
        int r = arm.reject ? 3 : arm.site == query.GetHomeSite() ? 0 : p->IsDc(arm.site) ? 1 : 2;
        bool better = best < 0 || r < rank ||
                      (r == rank && !arm.reject &&
                       models[arm.model].accuracy > models[arms[best].model].accuracy);
        if (better)
        {
            best = a;
            rank = r;
        }
    }
    return static_cast<uint32_t>(best);
}

} // namespace mecpfm
} // namespace ns3
