/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "random-policy.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("RandomPolicy");
NS_OBJECT_ENSURE_REGISTERED(RandomPolicy);

TypeId
RandomPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::RandomPolicy")
                            .SetParent<AdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<RandomPolicy>();
    return tid;
}

RandomPolicy::RandomPolicy()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

int64_t
RandomPolicy::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint32_t
RandomPolicy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    const auto& arms = query.GetArms();
    std::vector<uint32_t> serving;
    for (uint32_t a = 0; a < arms.size(); ++a)
    {
        if (!arms[a].reject)
        {
            serving.push_back(a);
        }
    }
    if (serving.empty())
    {
        return 0;
    }
    return serving[m_rng->GetInteger(0, static_cast<uint32_t>(serving.size() - 1))];
}

} // namespace mecpfm
} // namespace ns3
