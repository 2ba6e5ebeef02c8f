/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "eps-greedy-policy.h"

#include "ns3/double.h"

namespace ns3
{
namespace mecpfm
{

NS_OBJECT_ENSURE_REGISTERED(EpsGreedyPolicy);

TypeId
EpsGreedyPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::EpsGreedyPolicy")
                            .SetParent<LinearAdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<EpsGreedyPolicy>()
                            .AddAttribute("Epsilon",
                                          "Probability of a uniformly random serving arm.",
                                          DoubleValue(0.05),
                                          MakeDoubleAccessor(&EpsGreedyPolicy::m_epsilon),
                                          MakeDoubleChecker<double>(0, 1));
    return tid;
}

bool
EpsGreedyPolicy::SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features)
{
    AllFeatures(query, features);
    return m_uniform->GetValue() < m_epsilon;
}

bool
EpsGreedyPolicy::PickUniformly(bool explore)
{
    return explore;
}

} // namespace mecpfm
} // namespace ns3
