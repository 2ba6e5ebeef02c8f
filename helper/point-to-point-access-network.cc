/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "point-to-point-access-network.h"

#include "ns3/data-rate.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PointToPointAccessNetwork");
NS_OBJECT_ENSURE_REGISTERED(PointToPointAccessNetwork);

TypeId
PointToPointAccessNetwork::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PointToPointAccessNetwork")
            .SetParent<AccessNetwork>()
            .SetGroupName("MecPfm")
            .AddConstructor<PointToPointAccessNetwork>()
            .AddAttribute("UplinkRate",
                          "User-to-cloudlet rate.",
                          DataRateValue(DataRate("100Mbps")),
                          MakeDataRateAccessor(&PointToPointAccessNetwork::m_up),
                          MakeDataRateChecker())
            .AddAttribute("DownlinkRate",
                          "Cloudlet-to-user rate.",
                          DataRateValue(DataRate("100Mbps")),
                          MakeDataRateAccessor(&PointToPointAccessNetwork::m_down),
                          MakeDataRateChecker())
            .AddAttribute("Delay",
                          "Propagation delay of an access link (the planner assumes 0).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&PointToPointAccessNetwork::m_delay),
                          MakeTimeChecker())
            .AddAttribute("Mtu",
                          "MTU of the access links.",
                          UintegerValue(65000),
                          MakeUintegerAccessor(&PointToPointAccessNetwork::m_mtu),
                          MakeUintegerChecker<uint16_t>(576));
    return tid;
}

PointToPointAccessNetwork::PointToPointAccessNetwork()
    : m_up("100Mbps"),
      m_down("100Mbps"),
      m_mtu(65000),
      m_ipv4Init(false)
{
}

Ipv4Address
PointToPointAccessNetwork::Attach(Ptr<Node> cloudlet, NodeContainer users)
{
    if (!m_ipv4Init)
    {
        m_ipv4.SetBase("10.128.0.0", "255.255.255.252");
        m_ipv4Init = true;
    }
    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", TimeValue(m_delay));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_mtu));
    Ipv4Address cloudletAddr;
    for (uint32_t i = 0; i < users.GetN(); ++i)
    {
        NetDeviceContainer d = p2p.Install(users.Get(i), cloudlet);
        d.Get(0)->SetAttribute("DataRate", DataRateValue(m_up));
        d.Get(1)->SetAttribute("DataRate", DataRateValue(m_down));
        Ipv4InterfaceContainer ifs = m_ipv4.Assign(d);
        m_ipv4.NewNetwork();
        // The user's default route is its link to the cloudlet, so that every user reaches
        // the one address returned below (the cloudlet accepts packets for any of its
        // addresses on any interface: ns-3's weak end-system model).
        Ipv4StaticRoutingHelper srh;
        srh.GetStaticRouting(users.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(ifs.GetAddress(1), ifs.Get(0).second);
        cloudletAddr = ifs.GetAddress(1);
    }
    // With several users a cloudlet has several access addresses, one per user link; the
    // users reach the last one through their default route.
    return cloudletAddr;
}

} // namespace mecpfm
} // namespace ns3
