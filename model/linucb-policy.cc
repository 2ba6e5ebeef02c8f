/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "linucb-policy.h"

#include "ns3/double.h"

#include <cmath>

namespace ns3
{
namespace mecpfm
{

NS_OBJECT_ENSURE_REGISTERED(LinucbPolicy);

TypeId
LinucbPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::LinucbPolicy")
                            .SetParent<LinearAdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<LinucbPolicy>()
                            .AddAttribute("Alpha",
                                          "Width of the confidence bound, in residual "
                                          "standard deviations.",
                                          DoubleValue(1.0),
                                          MakeDoubleAccessor(&LinucbPolicy::m_alpha),
                                          MakeDoubleChecker<double>(0));
    return tid;
}

bool
LinucbPolicy::SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features)
{
    AllFeatures(query, features);
    return false;
}

double
LinucbPolicy::Bonus(const FeatureStatistics::Fit& fit, const std::vector<double>& x)
{
    const double sigma = std::sqrt(fit.samples > 0 ? fit.noiseVar : 1.0);
    return m_alpha * sigma * std::sqrt(fit.precision.InverseQuadratic(x, m_work));
}

} // namespace mecpfm
} // namespace ns3
