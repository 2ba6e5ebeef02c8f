/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-controller.h"

#include "pfm-site-app.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmController");
NS_OBJECT_ENSURE_REGISTERED(MecPfmController);

TypeId
MecPfmController::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::MecPfmController")
                            .SetParent<Object>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<MecPfmController>();
    return tid;
}

void
MecPfmController::SetPolicy(Ptr<AdmissionPolicy> policy)
{
    NS_LOG_FUNCTION(this << policy);
    m_policy = policy;
}

Ptr<AdmissionPolicy>
MecPfmController::GetPolicy() const
{
    return m_policy;
}

void
MecPfmController::AddSite(uint32_t site, Ptr<PfmSiteApp> app)
{
    NS_LOG_FUNCTION(this << site << app);
    m_sites[site] = app;
}

RequestDecision
MecPfmController::Decide(const InferenceRequest& r)
{
    NS_LOG_FUNCTION(this << r.id);
    NS_ABORT_MSG_IF(!m_policy, "MecPfmController has no AdmissionPolicy");
    ClusterState st;
    st.now = Simulator::Now();
    uint32_t n = m_sites.empty() ? 0 : m_sites.rbegin()->first + 1;
    st.queueLength.assign(n, 0);
    st.busyServers.assign(n, 0);
    for (const auto& [site, app] : m_sites)
    {
        st.queueLength[site] = app->GetQueueLength();
        st.busyServers[site] = app->GetBusyServers();
    }
    return m_policy->Decide(r, st);
}

void
MecPfmController::DoDispose()
{
    m_policy = nullptr;
    m_sites.clear();
    Object::DoDispose();
}

} // namespace mecpfm
} // namespace ns3
