/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/channel.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/mec-network-helper.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/planning-problem.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"

#include <sstream>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The static routes MecNetworkHelper installs against the planner's routes: ns-3's own
 * routing lookup (Ipv4RoutingProtocol::RouteOutput at every node, the gateway and output
 * device mapped to the node at the other end of the point-to-point channel) walked hop by
 * hop without running the simulator, compared with PlanningProblem::GetRoute (the
 * planner's Dijkstra). Also the request path of a user node over the access network.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Outcome of a hop-by-hop walk of ns-3's forwarding decisions.
struct Walk
{
    std::vector<uint32_t> nodes; //!< node ids visited, source first
    bool arrived{false};         //!< reached a node that owns the destination address
    std::string error;           //!< why the walk stopped early ("" if it arrived)
};

/// \return whether the node owns the address on one of its interfaces.
bool
Owns(Ptr<Node> node, Ipv4Address a)
{
    return node->GetObject<Ipv4>()->GetInterfaceForAddress(a) >= 0;
}

/**
 * Follow ns-3's routing decisions from node `from` toward address `dst`: at each node ask
 * its routing protocol for a route, take the output device's point-to-point channel to
 * the device at the other end; stop at the node owning dst, on a missing route, or after
 * maxHops.
 */
Walk
WalkRoutes(Ptr<Node> from, Ipv4Address dst, uint32_t maxHops)
{
    Walk w;
    Ptr<Node> u = from;
    w.nodes.push_back(u->GetId());
    for (uint32_t hop = 0; hop <= maxHops; ++hop)
    {
        if (Owns(u, dst))
        {
            w.arrived = true;
            return w;
        }
        if (hop == maxHops)
        {
            break;
        }
        Ptr<Ipv4> ipv4 = u->GetObject<Ipv4>();
        Ipv4Header header;
        header.SetDestination(dst);
        header.SetProtocol(6);
        Socket::SocketErrno err = Socket::ERROR_NOTERROR;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, err);
        if (!route || err != Socket::ERROR_NOTERROR)
        {
            std::ostringstream os;
            os << "no route at node " << u->GetId() << " to " << dst;
            w.error = os.str();
            return w;
        }
        Ptr<NetDevice> dev = route->GetOutputDevice();
        Ptr<Channel> ch = dev ? dev->GetChannel() : nullptr;
        if (!ch || ch->GetNDevices() != 2)
        {
            std::ostringstream os;
            os << "node " << u->GetId() << ": output device is not point-to-point";
            w.error = os.str();
            return w;
        }
        Ptr<NetDevice> other = ch->GetDevice(0) == dev ? ch->GetDevice(1) : ch->GetDevice(0);
        Ptr<Node> next = other->GetNode();
        // The gateway must be the next node's address on that link (or the destination
        // itself for a directly connected route).
        Ipv4Address gw = route->GetGateway();
        if (gw != Ipv4Address::GetZero())
        {
            Ptr<Ipv4> nextIp = next->GetObject<Ipv4>();
            int32_t ifc = nextIp->GetInterfaceForAddress(gw);
            if (ifc < 0 || nextIp->GetNetDevice(ifc) != other)
            {
                std::ostringstream os;
                os << "node " << u->GetId() << ": gateway " << gw
                   << " is not the far end of the output device";
                w.error = os.str();
                return w;
            }
        }
        u = next;
        w.nodes.push_back(u->GetId());
    }
    w.error = "no arrival within the hop cap (loop?)";
    return w;
}

/// \return "a b c" for printing
std::string
Str(const std::vector<uint32_t>& v)
{
    std::ostringstream os;
    for (size_t i = 0; i < v.size(); ++i)
    {
        os << (i ? " " : "") << v[i];
    }
    return os.str();
}

/// \return every non-loopback IPv4 address of a node
std::vector<Ipv4Address>
AddressesOf(Ptr<Node> node)
{
    std::vector<Ipv4Address> out;
    Ptr<Ipv4> ip = node->GetObject<Ipv4>();
    for (uint32_t i = 0; i < ip->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ip->GetNAddresses(i); ++k)
        {
            Ipv4Address a = ip->GetAddress(i, k).GetLocal();
            if (a != Ipv4Address::GetLoopback())
            {
                out.push_back(a);
            }
        }
    }
    return out;
}

} // namespace

/**
 * \ingroup mec-pfm-tests
 * GEANT default: for every ordered pair of sites (the DC and every cloudlet), ns-3's
 * forwarding decisions toward every address of the destination visit exactly the nodes of
 * the planner's route, and terminate.
 */
class GeantStaticRoutesTestCase : public TestCase
{
  public:
    GeantStaticRoutesTestCase()
        : TestCase("GEANT: ns-3 static routes follow the planner's routes hop by hop")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        sc.requests.clear(); // routes only: no need to aggregate the trace
        PlanningProblem pp(sc);
        MecNetworkHelper net;
        NodeContainer nodes = net.Build(sc);
        NS_TEST_ASSERT_MSG_EQ(nodes.GetN(), sc.nodes.size(), "one ns-3 node per scenario node");
        const uint32_t maxHops = static_cast<uint32_t>(sc.nodes.size());
        const uint32_t nSites = pp.GetNSites();
        NS_TEST_ASSERT_MSG_GT(pp.GetNCloudlets(), 1u, "GEANT has cloudlets");
        uint32_t pairs = 0;
        uint32_t walks = 0;
        uint32_t multiHop = 0;
        for (uint32_t s = 0; s < nSites; ++s)
        {
            for (uint32_t t = 0; t < nSites; ++t)
            {
                if (s == t)
                {
                    continue;
                }
                const uint32_t from = pp.GetSiteNode(s);
                const uint32_t to = pp.GetSiteNode(t);
                const PathInfo& planned = pp.GetRoute(s, t);
                NS_TEST_ASSERT_MSG_EQ(planned.reachable, true, "GEANT is connected");
                std::vector<uint32_t> expect;
                for (uint32_t v : planned.nodes)
                {
                    expect.push_back(nodes.Get(v)->GetId());
                }
                NS_TEST_ASSERT_MSG_EQ(planned.nodes.front(), from, "route starts at the source");
                NS_TEST_ASSERT_MSG_EQ(planned.nodes.back(), to, "route ends at the destination");
                // The address the applications use, then every other address of the site.
                std::vector<Ipv4Address> dsts{net.GetAddress(to)};
                for (const auto& a : AddressesOf(nodes.Get(to)))
                {
                    if (a != dsts.front())
                    {
                        dsts.push_back(a);
                    }
                }
                for (const auto& dst : dsts)
                {
                    Walk w = WalkRoutes(nodes.Get(from), dst, maxHops);
                    NS_TEST_ASSERT_MSG_EQ(w.arrived,
                                          true,
                                          sc.nodes[from].id << " -> " << sc.nodes[to].id << " ("
                                                            << dst << "): " << w.error);
                    NS_TEST_ASSERT_MSG_EQ(Str(w.nodes),
                                          Str(expect),
                                          sc.nodes[from].id << " -> " << sc.nodes[to].id << " ("
                                                            << dst << ")");
                    ++walks;
                }
                multiHop += planned.hops > 1 ? 1 : 0;
                ++pairs;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(pairs, nSites * (nSites - 1), "every ordered pair of sites");
        NS_TEST_ASSERT_MSG_GT(walks, pairs, "sites have several addresses");
        NS_TEST_ASSERT_MSG_GT(multiHop, 0u, "some routes cross intermediate nodes");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mec-pfm-tests
 * Users attached together by the default PointToPointAccessNetwork (one link each) all
 * reach their home cloudlet at the one address Attach returns, in one hop, and the
 * cloudlet's answers go straight back.
 */
class UserPathTestCase : public TestCase
{
  public:
    UserPathTestCase()
        : TestCase("every user reaches its home cloudlet over its access link and back")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        sc.requests.clear();
        PlanningProblem pp(sc);
        MecNetworkHelper net;
        NodeContainer backhaul = net.Build(sc);
        const uint32_t home = pp.GetSiteNode(0);
        Ptr<Node> cloudlet = backhaul.Get(home);
        NodeContainer users;
        users.Create(3); // several users per home (MecPfmRunConfig::usersPerHome)
        InternetStackHelper internet;
        internet.Install(users);
        Ptr<PointToPointAccessNetwork> access = CreateObject<PointToPointAccessNetwork>();
        Ipv4Address remote = access->Attach(cloudlet, users);
        NS_TEST_ASSERT_MSG_EQ(Owns(cloudlet, remote), true, "Attach returns a cloudlet address");
        for (uint32_t i = 0; i < users.GetN(); ++i)
        {
            Ptr<Node> user = users.Get(i);
            Walk up = WalkRoutes(user, remote, 4);
            NS_TEST_ASSERT_MSG_EQ(up.arrived, true, "user " << i << " -> cloudlet: " << up.error);
            NS_TEST_ASSERT_MSG_EQ(Str(up.nodes),
                                  Str({user->GetId(), cloudlet->GetId()}),
                                  "one access hop");
            Ipv4Address userAddr = AddressesOf(user).at(0);
            Walk down = WalkRoutes(cloudlet, userAddr, 4);
            NS_TEST_ASSERT_MSG_EQ(down.arrived,
                                  true,
                                  "cloudlet -> user " << i << ": " << down.error);
            NS_TEST_ASSERT_MSG_EQ(Str(down.nodes),
                                  Str({cloudlet->GetId(), user->GetId()}),
                                  "one access hop back");
        }
        // The request forwarded by the home cloudlet to the DC follows the planner's route.
        const PathInfo& toDc = pp.GetRoute(0, pp.GetDcSite());
        std::vector<uint32_t> expect;
        for (uint32_t v : toDc.nodes)
        {
            expect.push_back(backhaul.Get(v)->GetId());
        }
        Walk fwd = WalkRoutes(cloudlet, net.GetAddress(pp.GetSiteNode(pp.GetDcSite())), 64);
        NS_TEST_ASSERT_MSG_EQ(fwd.arrived, true, "cloudlet -> DC: " << fwd.error);
        NS_TEST_ASSERT_MSG_EQ(Str(fwd.nodes), Str(expect), "home cloudlet -> DC");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mec-pfm-tests
 * The suite.
 */
class MecPfmNetworkHelperTestSuite : public TestSuite
{
  public:
    MecPfmNetworkHelperTestSuite()
        : TestSuite("mec-pfm-network-helper", UNIT)
    {
        AddTestCase(new GeantStaticRoutesTestCase, TestCase::QUICK);
        AddTestCase(new UserPathTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmNetworkHelperTestSuite g_mecPfmNetworkHelperTestSuite;
