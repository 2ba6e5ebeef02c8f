/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wifi-access-network.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/he-configuration.h"
#include "ns3/ht-configuration.h"
#include "ns3/integer.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#if __has_include("ns3/neighbor-cache-helper.h")
#include "ns3/neighbor-cache-helper.h" // ns-3.37 and later
#define MEC_PFM_HAVE_NEIGHBOR_CACHE_HELPER 1
#endif

#include <cmath>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("WifiAccessNetwork");
NS_OBJECT_ENSURE_REGISTERED(WifiAccessNetwork);

TypeId
WifiAccessNetwork::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::WifiAccessNetwork")
            .SetParent<AccessNetwork>()
            .SetGroupName("MecPfm")
            .AddConstructor<WifiAccessNetwork>()
            .AddAttribute("Standard",
                          "IEEE 802.11 amendment: ax (HE), ac (VHT) or n (HT), all at 5 GHz.",
                          StringValue("ax"),
                          MakeStringAccessor(&WifiAccessNetwork::m_standard),
                          MakeStringChecker())
            .AddAttribute("Mcs",
                          "MCS index of the constant data rate (one spatial stream).",
                          UintegerValue(7),
                          MakeUintegerAccessor(&WifiAccessNetwork::m_mcs),
                          MakeUintegerChecker<uint32_t>(0, 11))
            .AddAttribute("IdealRate",
                          "Choose the MCS per frame from the SNR (IdealWifiManager) instead "
                          "of the constant Mcs (ConstantRateWifiManager).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&WifiAccessNetwork::m_idealRate),
                          MakeBooleanChecker())
            .AddAttribute("ChannelWidth",
                          "Channel width in MHz.",
                          UintegerValue(20),
                          MakeUintegerAccessor(&WifiAccessNetwork::m_width),
                          MakeUintegerChecker<uint32_t>(20, 160))
            .AddAttribute("ShortGuardInterval",
                          "Use the shortest guard interval (HE 800 ns, HT/VHT 400 ns).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&WifiAccessNetwork::m_shortGi),
                          MakeBooleanChecker())
            .AddAttribute("Distance",
                          "Distance of the stations from their access point, m.",
                          DoubleValue(5),
                          MakeDoubleAccessor(&WifiAccessNetwork::m_distance),
                          MakeDoubleChecker<double>(0.1, 1000))
            .AddAttribute("Network",
                          "The first BSS's /24; the k-th BSS gets the k-th /24 after it.",
                          Ipv4AddressValue("172.16.0.0"),
                          MakeIpv4AddressAccessor(&WifiAccessNetwork::m_network),
                          MakeIpv4AddressChecker())
            .AddAttribute("PcapPrefix",
                          "If not empty, write radiotap pcap files of every Wi-Fi device "
                          "with this prefix.",
                          StringValue(""),
                          MakeStringAccessor(&WifiAccessNetwork::m_pcapPrefix),
                          MakeStringChecker())
            .AddAttribute("StaticArp",
                          "Fill the ARP caches of the BSS at set-up (NeighborCacheHelper), "
                          "so that the first request does not wait for ARP and its ns-3 "
                          "request jitter (uniform 0-10 ms per request, ArpL3Protocol::"
                          "RequestJitter); point-to-point links need no ARP at all.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&WifiAccessNetwork::m_staticArp),
                          MakeBooleanChecker())
            .AddAttribute("Stream",
                          "First random stream of the Wi-Fi devices and channels (100 per "
                          "BSS), away from the applications' streams.",
                          IntegerValue(1000000),
                          MakeIntegerAccessor(&WifiAccessNetwork::m_stream),
                          MakeIntegerChecker<int64_t>(0));
    return tid;
}

WifiAccessNetwork::WifiAccessNetwork()
    : m_standard("ax"),
      m_mcs(7),
      m_idealRate(false),
      m_width(20),
      m_shortGi(true),
      m_distance(5),
      m_network("172.16.0.0"),
      m_staticArp(true),
      m_stream(1000000),
      m_ipv4Init(false),
      m_nBss(0),
      m_nSta(0),
      m_nAssoc(0),
      m_nDeassoc(0),
      m_lastAssoc(Seconds(-1))
{
}

std::string
WifiAccessNetwork::Check(const std::string& standard, uint32_t mcs, uint32_t widthMhz)
{
    std::ostringstream why;
    if (standard == "ax")
    {
        if (mcs > 11)
        {
            why << "802.11ax has MCS 0 to 11, not " << mcs;
        }
        else if (widthMhz != 20 && widthMhz != 40 && widthMhz != 80 && widthMhz != 160)
        {
            why << "802.11ax channel width is 20, 40, 80 or 160 MHz, not " << widthMhz;
        }
    }
    else if (standard == "ac")
    {
        if (mcs > 9)
        {
            why << "802.11ac has MCS 0 to 9, not " << mcs;
        }
        else if (widthMhz != 20 && widthMhz != 40 && widthMhz != 80 && widthMhz != 160)
        {
            why << "802.11ac channel width is 20, 40, 80 or 160 MHz, not " << widthMhz;
        }
        else if (mcs == 9 && widthMhz == 20)
        {
            why << "VhtMcs9 is not allowed at 20 MHz with one spatial stream";
        }
    }
    else if (standard == "n")
    {
        if (mcs > 7)
        {
            why << "802.11n with one spatial stream has MCS 0 to 7, not " << mcs;
        }
        else if (widthMhz != 20 && widthMhz != 40)
        {
            why << "802.11n channel width is 20 or 40 MHz, not " << widthMhz;
        }
    }
    else
    {
        why << "unknown Wi-Fi standard \"" << standard << "\" (ax, ac or n)";
    }
    return why.str();
}

std::string
WifiAccessNetwork::GetModeName() const
{
    std::string prefix = m_standard == "ax" ? "HeMcs" : m_standard == "ac" ? "VhtMcs" : "HtMcs";
    return prefix + std::to_string(m_mcs);
}

uint32_t
WifiAccessNetwork::GetNBss() const
{
    return m_nBss;
}

uint32_t
WifiAccessNetwork::GetNStations() const
{
    return m_nSta;
}

uint32_t
WifiAccessNetwork::GetNAssociations() const
{
    return m_nAssoc;
}

uint32_t
WifiAccessNetwork::GetNDeassociations() const
{
    return m_nDeassoc;
}

Time
WifiAccessNetwork::GetLastAssociation() const
{
    return m_lastAssoc;
}

void
WifiAccessNetwork::NotifyAssoc(Mac48Address ap)
{
    ++m_nAssoc;
    m_lastAssoc = Simulator::Now();
    NS_LOG_INFO("station associated with " << ap << " at " << Simulator::Now().As(Time::S));
    // A station's link going up flushes its ARP cache (ArpCache::Flush on link change):
    // refill it once the association event is over.
    auto it = m_channelOfAp.find(ap);
    if (m_staticArp && it != m_channelOfAp.end())
    {
        Simulator::ScheduleNow(&WifiAccessNetwork::PopulateArp, it->second);
    }
}

void
WifiAccessNetwork::NotifyDeAssoc(Mac48Address ap)
{
    ++m_nDeassoc;
    NS_LOG_WARN("station lost its association with " << ap << " at "
                                                     << Simulator::Now().As(Time::S));
}

void
WifiAccessNetwork::PopulateArp(Ptr<YansWifiChannel> channel)
{
#ifdef MEC_PFM_HAVE_NEIGHBOR_CACHE_HELPER
    NeighborCacheHelper arp;
    arp.PopulateNeighborCache(channel);
#else
    NS_LOG_WARN("no NeighborCacheHelper before ns-3.37: dynamic ARP");
#endif
}

Ipv4Address
WifiAccessNetwork::Attach(Ptr<Node> cloudlet, NodeContainer users)
{
    NS_LOG_FUNCTION(this << cloudlet << users.GetN());
    std::string bad = Check(m_standard, m_mcs, m_width);
    NS_ABORT_MSG_IF(!bad.empty(), bad);
    NS_ABORT_MSG_IF(users.GetN() > 253, "at most 253 users in one /24 BSS");
    if (!m_ipv4Init)
    {
        m_ipv4.SetBase(m_network, "255.255.255.0");
        m_ipv4Init = true;
    }
    const uint32_t k = m_nBss++;
    const int64_t stream = m_stream + 100 * static_cast<int64_t>(k);

    // A medium of its own: log-distance loss, constant-speed delay.
    YansWifiChannelHelper channelHelper = YansWifiChannelHelper::Default();
    Ptr<YansWifiChannel> channel = channelHelper.Create();
    channelHelper.AssignStreams(channel, stream);
    YansWifiPhyHelper phy;
    phy.SetChannel(channel);
    phy.Set("ChannelSettings", StringValue("{0, " + std::to_string(m_width) + ", BAND_5GHZ, 0}"));
    phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);

    NetDeviceContainer ap;
    NetDeviceContainer sta;
    InstallDevices(phy, cloudlet, users, k, stream, ap, sta);
    PlaceNodes(cloudlet, users);
    const Ipv4Address apAddr = AssignAddresses(ap, sta, users);
    // Static ARP: filled now (for the access point, whose link is up from the start) and
    // again whenever a station associates.
    m_channelOfAp[Mac48Address::ConvertFrom(ap.Get(0)->GetAddress())] = channel;
    if (m_staticArp)
    {
        PopulateArp(channel);
    }
    m_nSta += users.GetN();

    if (!m_pcapPrefix.empty())
    {
        phy.EnablePcap(m_pcapPrefix, NetDeviceContainer(ap, sta));
    }
    NS_LOG_INFO("BSS " << k << ": access point " << apAddr << " on node " << cloudlet->GetId()
                       << ", " << users.GetN() << " station(s)");
    return apAddr;
}

void
WifiAccessNetwork::InstallDevices(YansWifiPhyHelper& phy,
                                  Ptr<Node> cloudlet,
                                  NodeContainer users,
                                  uint32_t k,
                                  int64_t stream,
                                  NetDeviceContainer& ap,
                                  NetDeviceContainer& sta)
{
    WifiHelper wifi;
    wifi.SetStandard(m_standard == "ax"   ? WIFI_STANDARD_80211ax
                     : m_standard == "ac" ? WIFI_STANDARD_80211ac
                                          : WIFI_STANDARD_80211n);
    if (m_idealRate)
    {
        wifi.SetRemoteStationManager("ns3::IdealWifiManager");
    }
    else
    {
        wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager",
                                     "DataMode",
                                     StringValue(GetModeName()),
                                     "ControlMode",
                                     StringValue(GetModeName()));
    }

    Ssid ssid("mec-pfm-" + std::to_string(k));
    WifiMacHelper mac;
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
    sta = wifi.Install(phy, mac, users);
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
    ap = wifi.Install(phy, mac, cloudlet);
    NetDeviceContainer all(ap, sta);
    wifi.AssignStreams(all, stream + 1);

    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        auto dev = DynamicCast<WifiNetDevice>(all.Get(i));
        if (m_standard == "ax")
        {
            dev->GetHeConfiguration()->SetGuardInterval(NanoSeconds(m_shortGi ? 800 : 3200));
        }
        else
        {
            dev->GetHtConfiguration()->SetShortGuardIntervalSupported(m_shortGi);
        }
    }
    for (uint32_t i = 0; i < sta.GetN(); ++i)
    {
        Ptr<WifiMac> staMac = DynamicCast<WifiNetDevice>(sta.Get(i))->GetMac();
        staMac->TraceConnectWithoutContext("Assoc",
                                           MakeCallback(&WifiAccessNetwork::NotifyAssoc, this));
        staMac->TraceConnectWithoutContext("DeAssoc",
                                           MakeCallback(&WifiAccessNetwork::NotifyDeAssoc, this));
    }
}

void
WifiAccessNetwork::PlaceNodes(Ptr<Node> cloudlet, NodeContainer users) const
{
    // The access point where the cloudlet is (the origin if it has no position), the
    // stations evenly on a circle of radius Distance around it.
    Vector apPos(0, 0, 0);
    if (Ptr<MobilityModel> m = cloudlet->GetObject<MobilityModel>())
    {
        apPos = m->GetPosition();
    }
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    NodeContainer placed;
    if (!cloudlet->GetObject<MobilityModel>())
    {
        pos->Add(apPos);
        placed.Add(cloudlet);
    }
    for (uint32_t i = 0; i < users.GetN(); ++i)
    {
        double a = 2 * M_PI * i / users.GetN();
        pos->Add(Vector(apPos.x + m_distance * std::cos(a),
                        apPos.y + m_distance * std::sin(a),
                        apPos.z));
        placed.Add(users.Get(i));
    }
    MobilityHelper mobility;
    mobility.SetPositionAllocator(pos);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(placed);
}

Ipv4Address
WifiAccessNetwork::AssignAddresses(NetDeviceContainer ap,
                                   NetDeviceContainer sta,
                                   NodeContainer users)
{
    // Addresses: the access point .1, the stations .2 and up, one /24 per BSS.
    Ipv4InterfaceContainer apIf = m_ipv4.Assign(ap);
    Ipv4InterfaceContainer staIf = m_ipv4.Assign(sta);
    m_ipv4.NewNetwork();
    const Ipv4Address apAddr = apIf.GetAddress(0);

    // Users: default route through the access point (the cloudlet is their only
    // neighbour). Cloudlet: the connected /24 route reaches its users.
    Ipv4StaticRoutingHelper srh;
    for (uint32_t i = 0; i < users.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = users.Get(i)->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4, "install the internet stack on the users before Attach()");
        srh.GetStaticRouting(ipv4)->SetDefaultRoute(apAddr, staIf.Get(i).second);
    }
    return apAddr;
}

} // namespace mecpfm
} // namespace ns3
