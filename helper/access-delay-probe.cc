/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "access-delay-probe.h"

#include "ns3/log.h"
#include "ns3/pfm-site-app.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("AccessDelayProbe");
NS_OBJECT_ENSURE_REGISTERED(AccessDelayProbe);

TypeId
AccessDelayProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::AccessDelayProbe")
                            .SetParent<Object>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<AccessDelayProbe>();
    return tid;
}

void
AccessDelayProbe::Connect(ApplicationContainer sites)
{
    NS_LOG_FUNCTION(this << sites.GetN());
    for (uint32_t i = 0; i < sites.GetN(); ++i)
    {
        Ptr<PfmSiteApp> app = DynamicCast<PfmSiteApp>(sites.Get(i));
        if (!app)
        {
            continue;
        }
        app->TraceConnectWithoutContext("RequestDecided",
                                        MakeCallback(&AccessDelayProbe::Decided, this));
        app->TraceConnectWithoutContext("UserResponseSent",
                                        MakeCallback(&AccessDelayProbe::Answered, this));
    }
}

void
AccessDelayProbe::Decided(const InferenceMessage& msg, const RequestDecision&)
{
    m_atHome[msg.requestId] = Simulator::Now().GetSeconds();
}

void
AccessDelayProbe::Answered(const InferenceMessage& msg)
{
    m_answered[msg.requestId] = Simulator::Now().GetSeconds();
}

AccessDelayParts
AccessDelayProbe::GetParts(const MecPfmRequestResult& r) const
{
    AccessDelayParts p;
    auto up = m_atHome.find(r.id);
    auto down = m_answered.find(r.id);
    if (r.status != InferenceStatus::COMPLETED || up == m_atHome.end() || down == m_answered.end())
    {
        return p;
    }
    p.valid = true;
    p.accessUpS = up->second - r.sendS;
    p.accessDownS = r.recvS - down->second;
    p.backhaulS = (r.uploadS - p.accessUpS) + (r.downloadS - p.accessDownS);
    return p;
}

AccessDelayParts
AccessDelayProbe::GetMeanParts(const std::vector<MecPfmRequestResult>& results,
                               uint32_t& count) const
{
    AccessDelayParts mean;
    count = 0;
    for (const auto& r : results)
    {
        AccessDelayParts p = GetParts(r);
        if (!p.valid)
        {
            continue;
        }
        ++count;
        mean.accessUpS += p.accessUpS;
        mean.accessDownS += p.accessDownS;
        mean.backhaulS += p.backhaulS;
    }
    if (count > 0)
    {
        mean.valid = true;
        mean.accessUpS /= count;
        mean.accessDownS /= count;
        mean.backhaulS /= count;
    }
    return mean;
}

} // namespace mecpfm
} // namespace ns3
