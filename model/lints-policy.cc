/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lints-policy.h"

namespace ns3
{
namespace mecpfm
{

NS_OBJECT_ENSURE_REGISTERED(LintsPolicy);

TypeId
LintsPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::LintsPolicy")
                            .SetParent<LinearAdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<LintsPolicy>();
    return tid;
}

bool
LintsPolicy::SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features)
{
    AllFeatures(query, features);
    return false;
}

void
LintsPolicy::Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta)
{
    ThompsonDraw(fit, theta);
}

} // namespace mecpfm
} // namespace ns3
