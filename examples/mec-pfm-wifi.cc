/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Wi-Fi access from ns-3's wifi module: the module works with other ns-3 modules. The
 * users of each home cloudlet reach it over their own IEEE 802.11 BSS instead of the
 * default point-to-point access links (PointToPointAccessNetwork). WifiAccessNetwork,
 * defined in this file, is an AccessNetwork (helper/mec-network-helper.h) handed to the
 * runner through MecPfmRunConfig::access; the library itself does not depend on wifi.
 *
 * Per cloudlet, one BSS: the cloudlet node itself is the access point (an ApWifiMac
 * WifiNetDevice next to its backhaul devices), its users are stations a few metres away
 * (constant-position mobility), with a distinct SSID, a distinct /24 (172.16.k.0/24 for
 * the k-th BSS) and a YansWifiChannel of its own, so that BSSs never interfere: in the
 * scenarios cloudlets are kilometres apart. The default standard is 802.11ax (HE, 5 GHz,
 * 20 MHz, HeMcs7, 800 ns guard interval at a constant rate); --standard=ac / n select
 * VHT / HT.
 *
 *   ./mec-pfm run mec-pfm-wifi [--scenario=FILE] [--algorithm=NAME] [--out=DIR]
 *        [--pcap=1] [--seed=N] [--standard=ax|ac|n] [--mcs=N | --idealRate=1]
 *        [--channelWidth=MHz] [--distance=M] [--staticArp=0] [--access=wifi|p2p]
 *
 * --access=p2p runs the same plan over the default point-to-point access links, for
 * comparison. The ARP caches of each BSS are filled at set-up (--staticArp=0: dynamic
 * ARP, whose ns-3 request jitter adds up to 10 ms to each user's first request; point-to-
 * point links have no ARP). The backhaul's 64000-byte TCP segments are IP-fragmented to
 * the 1500-byte Wi-Fi MTU on the access leg (a request of a few kB is two fragments).
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/he-configuration.h"
#include "ns3/ht-configuration.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/mec-network-helper.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/pfm-planner.h"
#include "ns3/scenario-reader.h"
#include "ns3/ssid.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#if __has_include("ns3/neighbor-cache-helper.h")
#include "ns3/neighbor-cache-helper.h" // ns-3.37 and later
#define MEC_PFM_HAVE_NEIGHBOR_CACHE_HELPER 1
#endif

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;
using namespace ns3::mecpfm;

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmWifiExample");

/**
 * \ingroup mec-pfm
 * \brief Wi-Fi access: one BSS per cloudlet, the cloudlet node is its access point.
 *
 * Attach() gives the cloudlet an ApWifiMac device and every user a StaWifiMac device on a
 * YansWifiChannel of this BSS alone (separate channel objects: no interference between
 * BSSs, whatever their channel numbers), with constant-position mobility (access point at
 * the cloudlet's position or the origin, stations on a circle of radius Distance around
 * it), SSID "mec-pfm-<k>" and the subnet Network + k (/24) for the k-th BSS. The access
 * point's address is .1, the stations' .2 and up. The users' default route points at the
 * access point; the cloudlet reaches the users through the connected /24 route that IPv4
 * adds with the address (the same as PointToPointAccessNetwork, which adds no route
 * either). The users' internet stack must be installed before Attach(), as the runner does.
 */
class WifiAccessNetwork : public AccessNetwork
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    WifiAccessNetwork();
    Ipv4Address Attach(Ptr<Node> cloudlet, NodeContainer users) override;

    /**
     * \param standard "ax", "ac" or "n"
     * \param mcs MCS index (one spatial stream)
     * \param widthMhz channel width in MHz
     * \return "" if the combination is valid, else why not
     */
    static std::string Check(const std::string& standard, uint32_t mcs, uint32_t widthMhz);
    /** \return the WifiMode name of the data rate, e.g. "HeMcs7" */
    std::string GetModeName() const;
    /** \return BSSs built */
    uint32_t GetNBss() const;
    /** \return stations attached */
    uint32_t GetNStations() const;
    /** \return association events seen so far */
    uint32_t GetNAssociations() const;
    /** \return de-association events seen so far */
    uint32_t GetNDeassociations() const;
    /** \return time of the last association (-1 s if none) */
    Time GetLastAssociation() const;

  private:
    /** \param ap the access point's MAC address */
    void NotifyAssoc(Mac48Address ap);
    /** \param ap the access point's MAC address */
    void NotifyDeAssoc(Mac48Address ap);
    /** \param channel fill the ARP caches of the devices on it */
    static void PopulateArp(Ptr<YansWifiChannel> channel);

    std::string m_standard;   //!< "ax", "ac" or "n"
    uint32_t m_mcs;           //!< MCS index
    bool m_idealRate;         //!< IdealWifiManager instead of the constant MCS
    uint32_t m_width;         //!< channel width, MHz
    bool m_shortGi;           //!< shortest guard interval (HE 800 ns, HT/VHT 400 ns)
    double m_distance;        //!< station distance to the access point, m
    Ipv4Address m_network;    //!< first /24
    std::string m_pcapPrefix; //!< "" = no pcap
    bool m_staticArp;         //!< fill the ARP caches at set-up
    int64_t m_stream;         //!< first random stream of the wifi objects
    Ipv4AddressHelper m_ipv4; //!< addresses
    bool m_ipv4Init;          //!< base set
    uint32_t m_nBss;          //!< BSSs built
    uint32_t m_nSta;          //!< stations attached
    uint32_t m_nAssoc;        //!< association events
    uint32_t m_nDeassoc;      //!< de-association events
    Time m_lastAssoc;         //!< last association
    std::map<Mac48Address, Ptr<YansWifiChannel>> m_channelOfAp; //!< per access point
};

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
    NetDeviceContainer sta = wifi.Install(phy, mac, users);
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
    NetDeviceContainer ap = wifi.Install(phy, mac, cloudlet);
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
        phy.EnablePcap(m_pcapPrefix, all);
    }
    NS_LOG_INFO("BSS " << ssid << ": access point " << apAddr << " on node " << cloudlet->GetId()
                       << ", " << users.GetN() << " station(s)");
    return apAddr;
}

} // namespace mecpfm
} // namespace ns3

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/two-cloudlets.json";
    std::string algorithm = "rounding";
    std::string out;
    std::string access = "wifi";
    std::string standard = "ax";
    uint32_t mcs = 7;
    uint32_t width = 20;
    bool shortGi = true;
    bool idealRate = false;
    bool staticArp = true;
    double distance = 5;
    bool pcap = false;
    uint32_t seed = 1;
    double timeLimit = 60;
    MecPfmRunConfig cfg;

    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", scenario);
    cmd.AddValue("algorithm", "planner short name (mec-pfm-tool plan --list)", algorithm);
    cmd.AddValue("out", "directory for requests.csv, summary.json (and pcap)", out);
    cmd.AddValue("pcap",
                 "write pcap files of the backhaul and radiotap pcap files of the Wi-Fi "
                 "devices under --out (default mec-pfm-wifi-out)",
                 pcap);
    cmd.AddValue("seed", "ns-3 run number (RngRun) for planners, arrivals and Wi-Fi", seed);
    cmd.AddValue("timeLimit", "planner time limit in seconds", timeLimit);
    cmd.AddValue("access", "access network: wifi, or p2p (the default links, to compare)", access);
    cmd.AddValue("standard", "Wi-Fi standard: ax (HE), ac (VHT) or n (HT), at 5 GHz", standard);
    cmd.AddValue("mcs", "constant MCS index, one spatial stream (ax 0-11, ac 0-9, n 0-7)", mcs);
    cmd.AddValue("idealRate",
                 "choose the MCS per frame from the SNR (IdealWifiManager) instead of --mcs",
                 idealRate);
    cmd.AddValue("channelWidth", "channel width in MHz (20, 40, 80, 160; n: 20, 40)", width);
    cmd.AddValue("shortGuard", "shortest guard interval (HE 800 ns, HT/VHT 400 ns)", shortGi);
    cmd.AddValue("staticArp",
                 "fill the Wi-Fi ARP caches at set-up (0: dynamic ARP, with ns-3's 0-10 ms "
                 "request jitter on the first request of each user)",
                 staticArp);
    cmd.AddValue("distance", "distance of the users from their access point, m", distance);
    cmd.AddValue("mtu", "backhaul MTU (1500 for realistic packets, much slower)", cfg.mtu);
    cmd.AddValue("segmentSize", "TCP segment size (1448 with --mtu=1500)", cfg.segmentSize);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", cfg.maxConcurrentPulls);
    cmd.AddValue("timeout", "per-request timeout in seconds (then failed)", cfg.timeoutS);
    cmd.AddValue("stop",
                 "stop time in seconds (0: last arrival + timeout + 1); Wi-Fi beacons cost "
                 "events until then",
                 cfg.stopS);
    cmd.Parse(argc, argv);

    if (access != "wifi" && access != "p2p")
    {
        std::cerr << "--access: \"" << access << "\" is neither wifi nor p2p\n";
        return 2;
    }
    if (std::string bad = WifiAccessNetwork::Check(standard, mcs, width); !bad.empty())
    {
        std::cerr << "--standard/--mcs/--channelWidth: " << bad << "\n";
        return 2;
    }
    if (!(distance >= 0.1 && distance <= 1000))
    {
        std::cerr << "--distance: " << distance << " m is not in [0.1, 1000]\n";
        return 2;
    }
    if (pcap && out.empty())
    {
        out = "mec-pfm-wifi-out";
    }

    try
    {
        RngSeedManager::SetRun(seed);
        MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(algorithm);
        if (!planner)
        {
            std::cerr << "--algorithm: unknown planner \"" << algorithm << "\"; one of:";
            for (const auto& n : PfmPlanner::GetShortNames())
            {
                std::cerr << " " << n;
            }
            std::cerr << "\n";
            return 2;
        }
        planner->AssignStreams(0);
        planner->SetAttributeFailSafe("TimeLimit", DoubleValue(timeLimit));
        PlanResult r = planner->Solve(*problem);
        PlacementPlan plan = r.plan;
        std::string used = algorithm;
        if (!r.hasPlan)
        {
            std::cerr << "planner " << algorithm << " gave no plan (" << r.message
                      << "); falling back to cloud-only\n";
            plan = PlacementPlan::CloudOnly(*problem);
            used = "cloud-only";
        }
        if (!out.empty())
        {
            mkdir(out.c_str(), 0755);
        }
        cfg.outDir = out;
        cfg.pcap = pcap;

        Ptr<WifiAccessNetwork> wifi;
        if (access == "wifi")
        {
            wifi = CreateObject<WifiAccessNetwork>();
            wifi->SetAttribute("Standard", StringValue(standard));
            wifi->SetAttribute("Mcs", UintegerValue(mcs));
            wifi->SetAttribute("IdealRate", BooleanValue(idealRate));
            wifi->SetAttribute("ChannelWidth", UintegerValue(width));
            wifi->SetAttribute("ShortGuardInterval", BooleanValue(shortGi));
            wifi->SetAttribute("Distance", DoubleValue(distance));
            wifi->SetAttribute("StaticArp", BooleanValue(staticArp));
            if (pcap)
            {
                wifi->SetAttribute("PcapPrefix", StringValue(out + "/wifi"));
            }
            cfg.access = wifi;
        }
        MecPfmRunner runner(problem, plan, used);
        runner.Run(cfg);
        runner.PrintTable(std::cout);

        if (wifi)
        {
            double firstArrival = -1;
            for (const auto& q : sc.requests)
            {
                firstArrival = firstArrival < 0 ? q.arrivalS : std::min(firstArrival, q.arrivalS);
            }
            std::cout << "  access: Wi-Fi 802.11" << standard << " "
                      << (idealRate ? std::string("ideal rate") : wifi->GetModeName()) << ", "
                      << width << " MHz, " << wifi->GetNBss() << " BSS, " << wifi->GetNStations()
                      << " station(s) at " << distance << " m, " << wifi->GetNAssociations()
                      << " association(s), last at " << wifi->GetLastAssociation().GetSeconds()
                      << " s, " << wifi->GetNDeassociations() << " lost\n";
            if (wifi->GetNAssociations() < wifi->GetNStations())
            {
                std::cout << "  WARNING: not every station associated\n";
            }
            else if (firstArrival >= 0 && wifi->GetLastAssociation().GetSeconds() > firstArrival)
            {
                std::cout << "  WARNING: a station associated after the first request ("
                          << firstArrival << " s); early requests wait for it\n";
            }
        }
        else
        {
            std::cout << "  access: point-to-point links (PointToPointAccessNetwork)\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
