/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "admission-policy.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("AdmissionPolicy");
NS_OBJECT_ENSURE_REGISTERED(AdmissionPolicy);

TypeId
AdmissionPolicy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::AdmissionPolicy").SetParent<Object>().SetGroupName("MecPfm");
    return tid;
}

AdmissionPolicy::~AdmissionPolicy() = default;

void
AdmissionPolicy::Feedback(const InferenceRequest&, const RequestDecision&, double)
{
}

} // namespace mecpfm
} // namespace ns3
