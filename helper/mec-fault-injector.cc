/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-fault-injector.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecFaultInjector");
NS_OBJECT_ENSURE_REGISTERED(MecFaultInjector);

TypeId
MecFaultInjector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::MecFaultInjector")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddConstructor<MecFaultInjector>()
            .AddAttribute("RouteUpdateDelay",
                          "Time from a fault or a recovery to the routes recomputed over the "
                          "links that are up (the failure detection and routing convergence "
                          "time; 0: at once).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&MecFaultInjector::m_routeDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Fault",
                            "A fault started (true) or ended (false): (fault index, active).",
                            MakeTraceSourceAccessor(&MecFaultInjector::m_faultTrace),
                            "ns3::mecpfm::MecFaultInjector::FaultCallback");
    return tid;
}

MecFaultInjector::MecFaultInjector()
    : m_routeDelay(Seconds(0))
{
}

void
MecFaultInjector::Setup(MecNetworkHelper* net,
                        const MecScenario& scenario,
                        const std::map<uint32_t, Ptr<PfmSiteApp>>& sites)
{
    NS_LOG_FUNCTION(this);
    m_net = net;
    m_scenario = &scenario;
    m_sites = sites;
    m_linkDown.assign(scenario.links.size(), 0);
    m_nodeDown.assign(scenario.nodes.size(), 0);
}

void
MecFaultInjector::Schedule()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_net || !m_scenario, "MecFaultInjector: Setup() first");
    for (uint32_t f = 0; f < m_scenario->faults.size(); ++f)
    {
        const ScenarioFault& x = m_scenario->faults[f];
        Simulator::Schedule(Seconds(x.atS), &MecFaultInjector::Begin, this, f);
        Simulator::Schedule(Seconds(x.atS + x.forS), &MecFaultInjector::End, this, f);
    }
}

void
MecFaultInjector::DoDispose()
{
    m_sites.clear();
    m_net = nullptr;
    Object::DoDispose();
}

void
MecFaultInjector::Begin(uint32_t f)
{
    const ScenarioFault& x = m_scenario->faults[f];
    m_faultTrace(f, true);
    if (x.kind == ScenarioFault::LINK_DOWN)
    {
        NS_LOG_INFO("fault " << f << ": link " << x.link << " down");
        if (m_linkDown[x.link]++ == 0)
        {
            m_net->SetLinkUp(x.link, false);
        }
    }
    else if (m_nodeDown[x.node]++ == 0)
    {
        NS_LOG_INFO("fault " << f << ": node " << m_scenario->nodes[x.node].id << " down");
        m_net->SetNodeUp(x.node, false);
        auto it = m_sites.find(x.node);
        if (it != m_sites.end())
        {
            it->second->SetDown();
        }
    }
    Simulator::Schedule(m_routeDelay, &MecFaultInjector::Reroute, this);
}

void
MecFaultInjector::End(uint32_t f)
{
    const ScenarioFault& x = m_scenario->faults[f];
    m_faultTrace(f, false);
    if (x.kind == ScenarioFault::LINK_DOWN)
    {
        NS_LOG_INFO("fault " << f << ": link " << x.link << " up");
        if (--m_linkDown[x.link] == 0)
        {
            m_net->SetLinkUp(x.link, true);
        }
    }
    else if (--m_nodeDown[x.node] == 0)
    {
        NS_LOG_INFO("fault " << f << ": node " << m_scenario->nodes[x.node].id << " up");
        m_net->SetNodeUp(x.node, true);
        // Its interfaces going down erased its routes: it starts with the routes of now.
        Reroute();
        auto it = m_sites.find(x.node);
        if (it != m_sites.end())
        {
            it->second->SetUp();
        }
    }
    Simulator::Schedule(m_routeDelay, &MecFaultInjector::Reroute, this);
}

void
MecFaultInjector::Reroute()
{
    std::vector<bool> usable(m_scenario->links.size());
    for (uint32_t l = 0; l < usable.size(); ++l)
    {
        const auto& L = m_scenario->links[l];
        usable[l] = m_linkDown[l] == 0 && m_nodeDown[L.a] == 0 && m_nodeDown[L.b] == 0;
    }
    m_net->UpdateRoutes(usable);
}

} // namespace mecpfm
} // namespace ns3
