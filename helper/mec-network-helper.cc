/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-network-helper.h"

#include "ns3/abort.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/tcp-socket.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecNetworkHelper");

MecNetworkHelper::MecNetworkHelper()
    : m_mtu(65000),
      m_network("10.0.0.0")
{
}

void
MecNetworkHelper::SetNetwork(Ipv4Address network)
{
    m_network = network;
}

void
MecNetworkHelper::SetMtu(uint32_t mtu)
{
    m_mtu = mtu;
}

uint32_t
MecNetworkHelper::GetMtu() const
{
    return m_mtu;
}

void
MecNetworkHelper::ConfigureTcp(uint32_t segmentSize)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(segmentSize));
    // One delayed ACK per segment: small request messages are not held 200 ms.
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
}

void
MecNetworkHelper::SetSystemIds(std::vector<uint32_t> rankOf)
{
    m_rankOf = std::move(rankOf);
}

NodeContainer
MecNetworkHelper::Build(const MecScenario& scenario)
{
    const uint32_t n = static_cast<uint32_t>(scenario.nodes.size());
    m_graph = std::make_unique<BackhaulGraph>(scenario.nodes, scenario.links);
    NS_ABORT_MSG_IF(!m_rankOf.empty() && m_rankOf.size() != n, "one system id per node");
    for (uint32_t v = 0; v < n; ++v)
    {
        // Every rank creates every node (same ids, addresses and routes everywhere); a
        // node's events run on its own rank only.
        m_nodes.Add(CreateObject<Node>(m_rankOf.empty() ? 0 : m_rankOf[v]));
    }
    InternetStackHelper internet;
    internet.Install(m_nodes);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_mtu));
    Ipv4AddressHelper ipv4(m_network, "255.255.255.252");
    m_addrs.assign(n, {});
    m_scenario = &scenario;
    // ifIndex and address per (link, end).
    m_ifIndex.assign(scenario.links.size(), {});
    m_linkAddr.assign(scenario.links.size(), {});
    m_linkDrop.assign(scenario.links.size(), {});
    for (uint32_t l = 0; l < scenario.links.size(); ++l)
    {
        const auto& L = scenario.links[l];
        p2p.SetDeviceAttribute(
            "DataRate",
            DataRateValue(DataRate(static_cast<uint64_t>(std::llround(L.bandwidthBps)))));
        p2p.SetChannelAttribute("Delay", TimeValue(Seconds(L.delayS)));
        NetDeviceContainer d = p2p.Install(m_nodes.Get(L.a), m_nodes.Get(L.b));
        m_linkDevices.push_back(d);
        Ipv4InterfaceContainer ifs = ipv4.Assign(d);
        ipv4.NewNetwork();
        for (uint32_t e = 0; e < 2; ++e)
        {
            uint32_t node = e == 0 ? L.a : L.b;
            m_ifIndex[l][e] = ifs.Get(e).second;
            m_linkAddr[l][e] = ifs.GetAddress(e);
            m_addrs[node].push_back(ifs.GetAddress(e));
        }
    }
    std::vector<uint32_t> identity(scenario.links.size());
    for (uint32_t l = 0; l < identity.size(); ++l)
    {
        identity[l] = l;
    }
    AddRoutes(*m_graph, identity);
    return m_nodes;
}

void
MecNetworkHelper::AddRoutes(const BackhaulGraph& graph, const std::vector<uint32_t>& linkOf)
{
    // Static host routes toward every address of every site, along GetPath.
    const MecScenario& scenario = *m_scenario;
    const uint32_t n = static_cast<uint32_t>(scenario.nodes.size());
    std::vector<uint32_t> sites;
    for (uint32_t v = 0; v < n; ++v)
    {
        if (scenario.nodes[v].role != NodeRole::SWITCH)
        {
            sites.push_back(v);
        }
    }
    Ipv4StaticRoutingHelper srh;
    for (uint32_t p = 0; p < n; ++p)
    {
        Ptr<Ipv4StaticRouting> rt = srh.GetStaticRouting(m_nodes.Get(p)->GetObject<Ipv4>());
        for (uint32_t w : sites)
        {
            if (w == p)
            {
                continue;
            }
            const PathInfo& path = graph.GetPath(p, w);
            if (!path.reachable || path.links.empty())
            {
                continue;
            }
            uint32_t l = linkOf[path.links[0]];
            uint32_t myEnd = scenario.links[l].a == p ? 0 : 1;
            Ipv4Address nextHop = m_linkAddr[l][1 - myEnd];
            for (const auto& a : m_addrs[w])
            {
                rt->AddHostRouteTo(a, nextHop, m_ifIndex[l][myEnd]);
            }
        }
    }
}

void
MecNetworkHelper::SetLinkUp(uint32_t link, bool up)
{
    NS_LOG_FUNCTION(this << link << up);
    for (uint32_t e = 0; e < 2; ++e)
    {
        Ptr<ErrorModel>& em = m_linkDrop.at(link)[e];
        if (!em)
        {
            // Rate 1 per packet: U[0, 1) < 1 always. Installed on faulted links only, so a
            // run without faults draws nothing more.
            Ptr<RateErrorModel> rem = CreateObject<RateErrorModel>();
            rem->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            rem->SetRate(1.0);
            em = rem;
            m_linkDevices[link].Get(e)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
        if (up)
        {
            em->Disable();
        }
        else
        {
            em->Enable();
        }
    }
}

void
MecNetworkHelper::SetNodeUp(uint32_t node, bool up)
{
    NS_LOG_FUNCTION(this << node << up);
    Ptr<Ipv4> ip = m_nodes.Get(node)->GetObject<Ipv4>();
    for (uint32_t i = 1; i < ip->GetNInterfaces(); ++i) // 0 is the loopback
    {
        if (up)
        {
            ip->SetUp(i);
        }
        else
        {
            ip->SetDown(i);
        }
    }
}

void
MecNetworkHelper::UpdateRoutes(const std::vector<bool>& usable)
{
    NS_LOG_FUNCTION(this);
    std::vector<ScenarioLink> links;
    std::vector<uint32_t> linkOf;
    for (uint32_t l = 0; l < m_scenario->links.size(); ++l)
    {
        if (usable.at(l))
        {
            links.push_back(m_scenario->links[l]);
            linkOf.push_back(l);
        }
    }
    const BackhaulGraph graph(m_scenario->nodes, links);
    // The routes toward a destination that is still reachable are replaced; those toward
    // one that is not are kept (its packets are lost until a path exists again, and TCP
    // retries meanwhile: ns-3 would refuse a connection without a route at once).
    Ipv4StaticRoutingHelper srh;
    for (uint32_t p = 0; p < m_nodes.GetN(); ++p)
    {
        std::set<Ipv4Address> replaced;
        for (uint32_t w = 0; w < m_nodes.GetN(); ++w)
        {
            if (w != p && graph.GetPath(p, w).reachable)
            {
                replaced.insert(m_addrs[w].begin(), m_addrs[w].end());
            }
        }
        Ptr<Ipv4StaticRouting> rt = srh.GetStaticRouting(m_nodes.Get(p)->GetObject<Ipv4>());
        for (uint32_t i = rt->GetNRoutes(); i-- > 0;)
        {
            const Ipv4RoutingTableEntry route = rt->GetRoute(i);
            if (route.IsHost() && replaced.count(route.GetDest()) > 0)
            {
                rt->RemoveRoute(i);
            }
        }
    }
    AddRoutes(graph, linkOf);
}

NodeContainer
MecNetworkHelper::GetNodes() const
{
    return m_nodes;
}

Ipv4Address
MecNetworkHelper::GetAddress(uint32_t node) const
{
    NS_ABORT_MSG_IF(node >= m_addrs.size() || m_addrs[node].empty(),
                    "node " << node << " has no backhaul address");
    return m_addrs[node][0];
}

NetDeviceContainer
MecNetworkHelper::GetLinkDevices(uint32_t link) const
{
    return m_linkDevices.at(link);
}

NetDeviceContainer
MecNetworkHelper::GetDevices() const
{
    NetDeviceContainer all;
    for (const auto& d : m_linkDevices)
    {
        all.Add(d);
    }
    return all;
}

const BackhaulGraph&
MecNetworkHelper::GetGraph() const
{
    return *m_graph;
}

void
MecNetworkHelper::EnablePcap(const std::string& prefix) const
{
    // Headers only (128 bytes a packet): payload bytes are virtual zeros, and full captures
    // of GB pulls would write GB files. The capture size is the files' own, not a default
    // (PointToPointHelper::EnablePcap, with PcapFileWrapper::CaptureSize left alone).
    PcapHelper pcap;
    for (const auto& d : m_linkDevices)
    {
        for (uint32_t i = 0; i < d.GetN(); ++i)
        {
            auto dev = DynamicCast<PointToPointNetDevice>(d.Get(i));
            Ptr<PcapFileWrapper> file = pcap.CreateFile(pcap.GetFilenameFromDevice(prefix, dev),
                                                        std::ios::out,
                                                        PcapHelper::DLT_PPP,
                                                        128);
            pcap.HookDefaultSink<PointToPointNetDevice>(dev, "PromiscSniffer", file);
        }
    }
}

} // namespace mecpfm
} // namespace ns3
