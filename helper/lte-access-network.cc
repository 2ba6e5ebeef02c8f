/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-access-network.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/ns2-mobility-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/position-allocator.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("LteAccessNetwork");
NS_OBJECT_ENSURE_REGISTERED(LteAccessNetwork);

namespace
{

/**
 * \param s a token
 * \param v set to its value
 * \return s is a whole finite number (strtod reads all of it)
 */
bool
ParseNs2Number(const std::string& s, double& v)
{
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size() && std::isfinite(v);
}

/**
 * \param s a token, "$node_(N)"
 * \param node set to N
 * \return s has that form
 */
bool
ParseNs2Node(const std::string& s, uint32_t& node)
{
    const std::string head = "$node_(";
    if (s.size() < head.size() + 2 || s.compare(0, head.size(), head) != 0 || s.back() != ')')
    {
        return false;
    }
    const std::string n = s.substr(head.size(), s.size() - head.size() - 1);
    if (n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    node = static_cast<uint32_t>(std::stoul(n));
    return true;
}

/**
 * \param coord a token
 * \return it names a coordinate (X_, Y_ or Z_)
 */
bool
IsNs2Coord(const std::string& coord)
{
    return coord == "X_" || coord == "Y_" || coord == "Z_";
}

/**
 * \param line a trace line
 * \return its words, the comment ('#' to the end) and a trailing ';' left out
 */
std::vector<std::string>
Ns2Words(const std::string& line)
{
    std::istringstream in(line.substr(0, line.find('#')));
    std::vector<std::string> t;
    for (std::string w; in >> w;)
    {
        t.push_back(w);
    }
    while (!t.empty() && t.back().back() == ';')
    {
        t.back().pop_back();
        if (t.back().empty())
        {
            t.pop_back();
        }
    }
    return t;
}

/**
 * \brief A scheduled line: $ns_ at t "$node_(i) set C_ v" or "$node_(i) setdest x y s".
 * \param t its words ($ns_ and at checked)
 * \param node set to the node it names
 * \return "" or why it is no such line
 */
std::string
ParseNs2Scheduled(std::vector<std::string> t, uint32_t& node)
{
    const std::string form = "not '$ns_ at t \"$node_(i) set X_|Y_|Z_ v\"' nor '$ns_ at t "
                             "\"$node_(i) setdest x y speed\"'";
    // The closing quote ends the last word or stands alone.
    if (t.back() == "\"")
    {
        t.pop_back();
    }
    else if (t.back().size() > 1 && t.back().back() == '"')
    {
        t.back().pop_back();
    }
    else
    {
        return form;
    }
    if (t.size() < 7 || t[3].size() < 2 || t[3][0] != '"')
    {
        return form;
    }
    double time = 0;
    double v = 0;
    if (!ParseNs2Node(t[3].substr(1), node) || !ParseNs2Number(t[2], time))
    {
        return form;
    }
    if (time < 0)
    {
        return "negative time " + t[2];
    }
    if (t.size() == 7 && t[4] == "set")
    {
        return IsNs2Coord(t[5]) && ParseNs2Number(t[6], v) ? "" : form;
    }
    double x = 0;
    double y = 0;
    if (t.size() != 8 || t[4] != "setdest" || !ParseNs2Number(t[5], x) ||
        !ParseNs2Number(t[6], y) || !ParseNs2Number(t[7], v))
    {
        return form;
    }
    return v >= 0 ? "" : "negative speed " + t[7];
}

/**
 * \brief One line of an ns-2 movement trace, as Ns2MobilityHelper reads it.
 * \param line the line
 * \param node set to the node it names (UINT32_MAX for a blank or comment line)
 * \param initial set to the coordinate's letter of an initial "$node_(i) set C_ v", else 0
 * \return "" or why it is no such line
 */
std::string
ParseNs2Line(const std::string& line, uint32_t& node, char& initial)
{
    node = UINT32_MAX;
    initial = 0;
    if (line.find('\r') != std::string::npos)
    {
        return "carriage return (Ns2MobilityHelper misreads CRLF line ends)";
    }
    std::vector<std::string> t = Ns2Words(line);
    if (t.empty())
    {
        return "";
    }
    if (t[0] == "$ns_" && t.size() > 1 && t[1] == "at")
    {
        return ParseNs2Scheduled(t, node);
    }
    double v = 0;
    if (t.size() != 4 || !ParseNs2Node(t[0], node) || t[1] != "set" || !IsNs2Coord(t[2]) ||
        !ParseNs2Number(t[3], v))
    {
        return "not '$node_(i) set X_|Y_|Z_ v' nor a '$ns_ at' line";
    }
    initial = t[2][0];
    return "";
}

} // namespace

TypeId
LteAccessNetwork::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::LteAccessNetwork")
            .SetParent<AccessNetwork>()
            .SetGroupName("MecPfm")
            .AddConstructor<LteAccessNetwork>()
            .AddAttribute("Bandwidth",
                          "Uplink and downlink bandwidth of every eNB in resource blocks "
                          "(LteEnbNetDevice's UlBandwidth and DlBandwidth).",
                          UintegerValue(25),
                          MakeUintegerAccessor(&LteAccessNetwork::m_bandwidth),
                          MakeUintegerChecker<uint32_t>(6, 100))
            .AddAttribute("Scheduler",
                          "TypeId of the eNBs' MAC scheduler (LteHelper's Scheduler).",
                          StringValue("ns3::PfFfMacScheduler"),
                          MakeStringAccessor(&LteAccessNetwork::m_scheduler),
                          MakeStringChecker())
            .AddAttribute("PathlossModel",
                          "TypeId of the path-loss model (LteHelper's PathlossModel).",
                          StringValue("ns3::FriisPropagationLossModel"),
                          MakeStringAccessor(&LteAccessNetwork::m_pathloss),
                          MakeStringChecker())
            .AddAttribute("HandoverAlgorithm",
                          "TypeId of the eNBs' handover algorithm (LteHelper's "
                          "HandoverAlgorithm): ns3::A3RsrpHandoverAlgorithm, "
                          "ns3::A2A4RsrqHandoverAlgorithm or ns3::NoOpHandoverAlgorithm.",
                          StringValue("ns3::A3RsrpHandoverAlgorithm"),
                          MakeStringAccessor(&LteAccessNetwork::m_handover),
                          MakeStringChecker())
            .AddAttribute("InterSiteDistance",
                          "Distance between neighbouring eNBs of the grid, m.",
                          DoubleValue(500),
                          MakeDoubleAccessor(&LteAccessNetwork::m_isd),
                          MakeDoubleChecker<double>(1, 100000))
            .AddAttribute("GridWidth",
                          "eNBs a row of the grid (the k-th Attach's eNB is at column k mod "
                          "GridWidth, row k / GridWidth).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&LteAccessNetwork::m_gridWidth),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Mobility",
                          "The UEs move (random waypoint) instead of standing still.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LteAccessNetwork::m_mobility),
                          MakeBooleanChecker())
            .AddAttribute("RoamingDistance",
                          "Half-width of the square around its first eNB in which a moving "
                          "UE picks its waypoints, m (0: InterSiteDistance).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&LteAccessNetwork::m_roaming),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("UeSpeed",
                          "Speed of a moving UE, m/s.",
                          DoubleValue(10),
                          MakeDoubleAccessor(&LteAccessNetwork::m_speed),
                          MakeDoubleChecker<double>(0.01, 1000))
            .AddAttribute("MobilityTrace",
                          "ns-2 movement trace (Ns2MobilityHelper) that places and moves the "
                          "UEs instead (\"\": none): its node i is the i-th UE over all "
                          "Attach calls; Mobility, RoamingDistance and UeSpeed are then unused.",
                          StringValue(""),
                          MakeStringAccessor(&LteAccessNetwork::m_trace),
                          MakeStringChecker())
            .AddAttribute("RlcBufferBytes",
                          "ns-3's default LteRlcUm::MaxTxBufferSize, set at the first Attach "
                          "(RLC entities are created at run time).",
                          UintegerValue(1 << 20),
                          MakeUintegerAccessor(&LteAccessNetwork::m_rlcBuffer),
                          MakeUintegerChecker<uint32_t>(1500))
            .AddAttribute("UeMtu",
                          "MTU of the UEs' LTE devices (larger TCP segments are IP-fragmented).",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&LteAccessNetwork::m_ueMtu),
                          MakeUintegerChecker<uint16_t>(576))
            .AddAttribute("SgiDataRate",
                          "Rate of the PGW-cloudlet SGi links.",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&LteAccessNetwork::m_sgiRate),
                          MakeDataRateChecker())
            .AddAttribute("SgiDelay",
                          "Delay of the PGW-cloudlet SGi links.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&LteAccessNetwork::m_sgiDelay),
                          MakeTimeChecker())
            .AddAttribute("SgiMtu",
                          "MTU of the SGi links (the cloudlets' 64 kB TCP segments are "
                          "fragmented to it, and each fragment fits a GTP-U packet on S1-U).",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&LteAccessNetwork::m_sgiMtu),
                          MakeUintegerChecker<uint16_t>(576))
            .AddAttribute("SgiNetwork",
                          "The first SGi /30; the k-th cloudlet's link gets the k-th after it.",
                          Ipv4AddressValue("10.192.0.0"),
                          MakeIpv4AddressAccessor(&LteAccessNetwork::m_sgiNetwork),
                          MakeIpv4AddressChecker())
            .AddAttribute("Stream",
                          "First random stream of the UEs' positions and of the LTE devices.",
                          IntegerValue(1000),
                          MakeIntegerAccessor(&LteAccessNetwork::m_stream),
                          MakeIntegerChecker<int64_t>(0));
    return tid;
}

LteAccessNetwork::LteAccessNetwork()
    : m_bandwidth(25),
      m_isd(500),
      m_gridWidth(4),
      m_mobility(false),
      m_roaming(0),
      m_speed(10),
      m_rlcBuffer(1 << 20),
      m_ueMtu(1500),
      m_sgiRate("10Gbps"),
      m_sgiMtu(1500),
      m_stream(1000),
      m_nConnected(0),
      m_lastConnected(Seconds(-1)),
      m_nHoStart(0),
      m_nHoOk(0),
      m_nHoError(0)
{
}

LteAccessNetwork::~LteAccessNetwork() = default;

void
LteAccessNetwork::DoDispose()
{
    m_sites.clear();
    m_lte = nullptr;
    m_epc = nullptr;
    AccessNetwork::DoDispose();
}

Ipv4Address
LteAccessNetwork::GetBackhaulNetwork() const
{
    return Ipv4Address("10.64.0.0");
}

std::string
LteAccessNetwork::CheckBandwidth(uint32_t rbs)
{
    for (uint32_t ok : {6, 15, 25, 50, 75, 100})
    {
        if (rbs == ok)
        {
            return "";
        }
    }
    return "LTE bandwidth " + std::to_string(rbs) +
           " RBs is not one of 6, 15, 25, 50, 75, 100 (1.4 to 20 MHz)";
}

std::string
LteAccessNetwork::CheckMobilityTrace(const std::string& file, uint32_t nUes)
{
    std::ifstream in(file);
    if (!in)
    {
        return file + ": cannot open the mobility trace";
    }
    std::vector<uint8_t> placed(nUes, 0); // bit 0: X_, bit 1: Y_
    std::string line;
    for (uint32_t n = 1; std::getline(in, line); ++n)
    {
        uint32_t node = 0;
        char initial = 0;
        if (std::string bad = ParseNs2Line(line, node, initial); !bad.empty())
        {
            return file + ":" + std::to_string(n) + ": " + bad;
        }
        if (node < nUes && (initial == 'X' || initial == 'Y'))
        {
            placed[node] |= initial == 'X' ? 1 : 2;
        }
    }
    for (uint32_t i = 0; i < nUes; ++i)
    {
        if (placed[i] != 3)
        {
            return file + ": no initial position of $node_(" + std::to_string(i) + ") (\"$node_(" +
                   std::to_string(i) + ") set X_ x\" and \"... set Y_ y\"): the " +
                   "trace must place each of the " + std::to_string(nUes) +
                   " UEs (its node i is the i-th UE)";
        }
    }
    return "";
}

void
LteAccessNetwork::Setup()
{
    NS_LOG_FUNCTION(this);
    // RLC entities are created when bearers are, at run time: only the default reaches them.
    Config::SetDefault("ns3::LteRlcUm::MaxTxBufferSize", UintegerValue(m_rlcBuffer));
    m_epc = CreateObject<PointToPointEpcHelper>();
    m_lte = CreateObject<LteHelper>();
    m_lte->SetEpcHelper(m_epc);
    m_lte->SetSchedulerType(m_scheduler);
    m_lte->SetAttribute("PathlossModel", StringValue(m_pathloss));
    m_lte->SetHandoverAlgorithmType(m_handover);
    m_lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(m_bandwidth));
    m_lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(m_bandwidth));
    m_lte->SetUeDeviceAttribute("Mtu", UintegerValue(m_ueMtu));
    m_sgiIpv4.SetBase(m_sgiNetwork, "255.255.255.252");
    // The PGW and the SGW stand still beside the radio grid (AnimationInterface wants a
    // position on every node).
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    pos->Add(Vector(-200, -100, 0));
    pos->Add(Vector(-100, -100, 0));
    MobilityHelper still;
    still.SetPositionAllocator(pos);
    still.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    still.Install(NodeContainer(m_epc->GetPgwNode(), m_epc->GetSgwNode()));
}

Ipv4Address
LteAccessNetwork::Attach(Ptr<Node> cloudlet, NodeContainer users)
{
    NS_LOG_FUNCTION(this << cloudlet << users.GetN());
    std::string bad = CheckBandwidth(m_bandwidth);
    NS_ABORT_MSG_IF(!bad.empty(), bad);
    if (!m_lte)
    {
        Setup();
    }
    const int64_t stream = m_stream + 1000 * static_cast<int64_t>(m_sites.size());
    Site site;
    site.cloudlet = cloudlet;
    AddEnb(site);
    ConnectSgi(site);
    m_siteOfCell[DynamicCast<LteEnbNetDevice>(site.enbDev)->GetCellId()] =
        static_cast<uint32_t>(m_sites.size());
    m_sites.push_back(site);
    if (m_trace.empty())
    {
        PlaceUes(users, site.position, stream);
    }
    else
    {
        PlaceUesByTrace(users);
    }
    InstallUes(users, site, stream + 10);
    FitSrsPeriodicity();
    NS_LOG_INFO("site " << m_sites.size() - 1 << ": eNB node " << site.enb->GetId() << " at "
                        << site.position << ", cloudlet " << site.address << ", " << users.GetN()
                        << " UE(s)");
    return site.address;
}

void
LteAccessNetwork::AddEnb(Site& site)
{
    const auto k = static_cast<uint32_t>(m_sites.size());
    site.position = Vector(m_isd * (k % m_gridWidth), m_isd * (k / m_gridWidth), 30);
    site.enb = CreateObject<Node>();
    Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
    pos->Add(site.position);
    MobilityHelper mobility;
    mobility.SetPositionAllocator(pos);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(site.enb);
    site.enbDev = m_lte->InstallEnbDevice(NodeContainer(site.enb)).Get(0);
    for (const auto& other : m_sites)
    {
        m_lte->AddX2Interface(other.enb, site.enb);
    }
}

void
LteAccessNetwork::ConnectSgi(Site& site)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_sgiRate));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_sgiMtu));
    p2p.SetChannelAttribute("Delay", TimeValue(m_sgiDelay));
    site.sgi = p2p.Install(m_epc->GetPgwNode(), site.cloudlet);
    Ipv4InterfaceContainer ifs = m_sgiIpv4.Assign(site.sgi);
    m_sgiIpv4.NewNetwork();
    site.address = ifs.GetAddress(1);
    // The cloudlet reaches the UEs (7.0.0.0/8, PointToPointEpcHelper's UE network) through
    // the PGW; the PGW reaches the cloudlet by the connected /30. The backhaul's static host
    // routes toward the sites (MecNetworkHelper) are untouched: the PGW is no shortcut
    // between sites, since no site routes a site address to it.
    Ipv4StaticRoutingHelper srh;
    srh.GetStaticRouting(site.cloudlet->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"),
                            Ipv4Mask("255.0.0.0"),
                            ifs.GetAddress(0),
                            ifs.Get(1).second);
}

void
LteAccessNetwork::PlaceUes(NodeContainer users, const Vector& at, int64_t stream) const
{
    // First positions: uniform in a square of half-width 0.4 InterSiteDistance around the
    // eNB, closer to it than to any other eNB of the grid (the same with Mobility).
    const double h = 0.4 * m_isd;
    Ptr<RandomBoxPositionAllocator> first = CreateObject<RandomBoxPositionAllocator>();
    auto uniform = [](double lo, double hi) {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetAttribute("Min", DoubleValue(lo));
        u->SetAttribute("Max", DoubleValue(hi));
        return PointerValue(u);
    };
    first->SetAttribute("X", uniform(at.x - h, at.x + h));
    first->SetAttribute("Y", uniform(at.y - h, at.y + h));
    first->SetAttribute("Z", uniform(1.5, 1.5));
    first->AssignStreams(stream);
    MobilityHelper mobility;
    mobility.SetPositionAllocator(first);
    if (!m_mobility)
    {
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(users);
        return;
    }
    const double r = m_roaming > 0 ? m_roaming : m_isd;
    Ptr<RandomBoxPositionAllocator> waypoints = CreateObject<RandomBoxPositionAllocator>();
    waypoints->SetAttribute("X", uniform(at.x - r, at.x + r));
    waypoints->SetAttribute("Y", uniform(at.y - r, at.y + r));
    waypoints->SetAttribute("Z", uniform(1.5, 1.5));
    waypoints->AssignStreams(stream + 3);
    std::ostringstream speed;
    speed << "ns3::ConstantRandomVariable[Constant=" << m_speed << "]";
    mobility.SetMobilityModel("ns3::RandomWaypointMobilityModel",
                              "Speed",
                              StringValue(speed.str()),
                              "Pause",
                              StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                              "PositionAllocator",
                              PointerValue(waypoints));
    mobility.Install(users);
    mobility.AssignStreams(users, stream + 6);
}

void
LteAccessNetwork::PlaceUesByTrace(NodeContainer users) const
{
    // Ns2MobilityHelper::Install(begin, end) maps the trace's node i to the i-th node of the
    // range and skips the nodes it maps to null: the UEs of earlier Attach calls (already
    // moving by the trace) stand before this call's users as null.
    const uint32_t first = m_ues.GetN();
    std::string bad = CheckMobilityTrace(m_trace, first + users.GetN());
    NS_ABORT_MSG_IF(!bad.empty(), bad);
    std::vector<Ptr<Node>> range(first);
    range.insert(range.end(), users.Begin(), users.End());
    Ns2MobilityHelper(m_trace).Install(range.begin(), range.end());
}

void
LteAccessNetwork::InstallUes(NodeContainer users, const Site& site, int64_t stream)
{
    NetDeviceContainer devs = m_lte->InstallUeDevice(users);
    m_lte->AssignStreams(NetDeviceContainer(NetDeviceContainer(site.enbDev), devs), stream);
    m_epc->AssignUeIpv4Address(devs);
    Ipv4StaticRoutingHelper srh;
    const uint32_t siteIndex = static_cast<uint32_t>(m_sites.size() - 1);
    for (uint32_t i = 0; i < users.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = users.Get(i)->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4, "install the internet stack on the users before Attach()");
        srh.GetStaticRouting(ipv4)->SetDefaultRoute(m_epc->GetUeDefaultGatewayAddress(),
                                                    ipv4->GetInterfaceForDevice(devs.Get(i)));
        const auto ue = static_cast<uint32_t>(m_ues.GetN());
        m_ues.Add(users.Get(i));
        m_ueDevs.Add(devs.Get(i));
        m_serving.push_back(siteIndex);
        Ptr<LteUeRrc> rrc = DynamicCast<LteUeNetDevice>(devs.Get(i))->GetRrc();
        rrc->TraceConnectWithoutContext(
            "HandoverEndOk",
            MakeBoundCallback(&LteAccessNetwork::HandoverEndOkOf, this, ue));
        rrc->TraceConnectWithoutContext("ConnectionEstablished",
                                        MakeCallback(&LteAccessNetwork::NotifyConnected, this));
        rrc->TraceConnectWithoutContext("HandoverStart",
                                        MakeCallback(&LteAccessNetwork::NotifyHandoverStart, this));
        rrc->TraceConnectWithoutContext("HandoverEndError",
                                        MakeCallback(&LteAccessNetwork::NotifyHandoverError, this));
    }
    m_lte->Attach(devs, site.enbDev);
}

void
LteAccessNetwork::FitSrsPeriodicity()
{
    // Every UE may end up on one eNB: its SRS periodicity must have room for all of them.
    uint32_t period = 0;
    for (uint32_t p : {2, 5, 10, 20, 40, 80, 160, 320})
    {
        if (p >= m_ues.GetN())
        {
            period = p;
            break;
        }
    }
    NS_ABORT_MSG_IF(period == 0, "LteAccessNetwork: " << m_ues.GetN() << " UEs, at most 320");
    period = std::max<uint32_t>(period, 40); // ns-3's default, the least it uses
    for (const auto& s : m_sites)
    {
        DynamicCast<LteEnbNetDevice>(s.enbDev)->GetRrc()->SetAttribute("SrsPeriodicity",
                                                                       UintegerValue(period));
    }
}

void
LteAccessNetwork::HandoverEndOkOf(LteAccessNetwork* net,
                                  uint32_t ue,
                                  uint64_t imsi,
                                  uint16_t cellId,
                                  uint16_t rnti)
{
    ++net->m_nHoOk;
    auto it = net->m_siteOfCell.find(cellId);
    NS_ABORT_MSG_IF(it == net->m_siteOfCell.end(), "handover to unknown cell " << cellId);
    net->m_serving[ue] = it->second;
    const Site& s = net->m_sites[it->second];
    NS_LOG_INFO("UE " << ue << " (IMSI " << imsi << ") now in cell " << cellId << ": home "
                      << s.address);
    net->NotifyHomeChanged(net->m_ues.Get(ue), s.cloudlet, s.address);
}

void
LteAccessNetwork::NotifyConnected(uint64_t, uint16_t, uint16_t)
{
    ++m_nConnected;
    m_lastConnected = Simulator::Now();
}

void
LteAccessNetwork::NotifyHandoverStart(uint64_t, uint16_t, uint16_t, uint16_t)
{
    ++m_nHoStart;
}

void
LteAccessNetwork::NotifyHandoverError(uint64_t, uint16_t, uint16_t)
{
    ++m_nHoError;
}

void
LteAccessNetwork::EnablePcap(const std::string& prefix) const
{
    NS_ABORT_MSG_IF(!m_epc, "LteAccessNetwork::EnablePcap: call after Attach");
    // Headers only, as the backhaul's (MecNetworkHelper::EnablePcap): every point-to-point
    // device of the SGW (S1-U toward each eNB, and its S5 and S11 links; one capture per
    // S1-U link is enough, the eNB side adds nothing), and both ends of the SGi links.
    NetDeviceContainer devs;
    Ptr<Node> sgw = m_epc->GetSgwNode();
    for (uint32_t i = 0; i < sgw->GetNDevices(); ++i)
    {
        devs.Add(sgw->GetDevice(i));
    }
    for (const auto& s : m_sites)
    {
        devs.Add(s.sgi);
    }
    PcapHelper pcap;
    for (uint32_t i = 0; i < devs.GetN(); ++i)
    {
        auto dev = DynamicCast<PointToPointNetDevice>(devs.Get(i));
        if (!dev)
        {
            continue;
        }
        Ptr<PcapFileWrapper> file = pcap.CreateFile(pcap.GetFilenameFromDevice(prefix, dev),
                                                    std::ios::out,
                                                    PcapHelper::DLT_PPP,
                                                    128);
        pcap.HookDefaultSink<PointToPointNetDevice>(dev, "PromiscSniffer", file);
    }
}

Ptr<LteHelper>
LteAccessNetwork::GetLteHelper() const
{
    return m_lte;
}

Ptr<PointToPointEpcHelper>
LteAccessNetwork::GetEpcHelper() const
{
    return m_epc;
}

NodeContainer
LteAccessNetwork::GetEnbNodes() const
{
    NodeContainer c;
    for (const auto& s : m_sites)
    {
        c.Add(s.enb);
    }
    return c;
}

NetDeviceContainer
LteAccessNetwork::GetEnbDevices() const
{
    NetDeviceContainer c;
    for (const auto& s : m_sites)
    {
        c.Add(s.enbDev);
    }
    return c;
}

NodeContainer
LteAccessNetwork::GetUeNodes() const
{
    return m_ues;
}

NetDeviceContainer
LteAccessNetwork::GetUeDevices() const
{
    return m_ueDevs;
}

Ptr<Node>
LteAccessNetwork::GetServingCloudlet(uint32_t ue) const
{
    return m_sites.at(m_serving.at(ue)).cloudlet;
}

uint32_t
LteAccessNetwork::GetNConnections() const
{
    return m_nConnected;
}

Time
LteAccessNetwork::GetLastConnection() const
{
    return m_lastConnected;
}

uint32_t
LteAccessNetwork::GetNHandoverStarts() const
{
    return m_nHoStart;
}

uint32_t
LteAccessNetwork::GetNHandovers() const
{
    return m_nHoOk;
}

uint32_t
LteAccessNetwork::GetNHandoverFailures() const
{
    return m_nHoError;
}

} // namespace mecpfm
} // namespace ns3
