/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "admission-policy.h"

#include "planning-problem.h"
#include "type-short-name.h"

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
AdmissionPolicy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    m_setup = setup;
}

void
AdmissionPolicy::Feedback(uint64_t, double)
{
}

bool
AdmissionPolicy::PlanSlot(const AdmissionSlot&, std::vector<std::vector<uint32_t>>&)
{
    return false;
}

int64_t
AdmissionPolicy::AssignStreams(int64_t)
{
    return 0;
}

const AdmissionSetup&
AdmissionPolicy::GetSetup() const
{
    return m_setup;
}

double
AdmissionPolicy::GetArmCost(const AdmissionArm& arm, double delayS) const
{
    if (arm.reject)
    {
        return m_setup.rejectPenaltyS;
    }
    double acc =
        m_setup.problem ? m_setup.problem->GetCatalogue().GetModels()[arm.model].accuracy : 0.0;
    return delayS - m_setup.accuracyWeightS * acc;
}

Ptr<AdmissionPolicy>
AdmissionPolicy::CreateByName(const std::string& name)
{
    return TypeShortName::Create<AdmissionPolicy>(name, "Policy");
}

std::vector<std::string>
AdmissionPolicy::GetShortNames()
{
    return TypeShortName::List(GetTypeId(), "Policy");
}

} // namespace mecpfm
} // namespace ns3
