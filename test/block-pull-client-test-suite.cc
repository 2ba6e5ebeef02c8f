/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-client.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/pfm-repository-app.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <memory>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * BlockPullClient against a PfmRepositoryApp over one point-to-point link: coalescing,
 * MaxConcurrentPulls, priority, byte counts, and the two ways a pull fails (no room, no
 * repository), with their traces.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// A scenario the repository can start with: a data center and one cloudlet.
MecScenario
TwoNodes()
{
    MecScenario sc;
    sc.name = "pull";
    ScenarioNode dc;
    dc.id = "dc";
    dc.role = NodeRole::DATACENTER;
    dc.computeFlops = 1e12;
    ScenarioNode c;
    c.id = "c";
    c.role = NodeRole::CLOUDLET;
    c.computeFlops = 1e12;
    c.storageBytes = 1e9;
    sc.nodes = {dc, c};
    sc.links = {{0, 1, 1e9, 0.005}};
    sc.catalogue.AddBlock("b", 1e6);
    PfmModel m;
    m.id = "m";
    m.task = "t";
    m.accuracy = 1;
    m.flopsPerToken = 1;
    sc.catalogue.AddModel(m, {"b"});
    return sc;
}

Ptr<Socket>
MakeTcp(Ptr<Node> node)
{
    return Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
}

/// \return a TCP socket that gives up connecting after 0.5 + 1 s (two SYNs)
Ptr<Socket>
MakeImpatientTcp(Ptr<Node> node)
{
    Ptr<Socket> s = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    s->SetAttribute("ConnTimeout", TimeValue(Seconds(0.5)));
    s->SetAttribute("ConnCount", UintegerValue(2));
    return s;
}

/// A client node and a repository node joined by 1 Gbit/s, 5 ms; the repository runs.
struct Bed
{
    MecScenario scenario;      //!< its scenario
    NodeContainer nodes;       //!< client 0, repository 1
    Ipv4Address repo;          //!< the repository's address
    Ptr<PfmRepositoryApp> app; //!< the repository

    Bed()
        : scenario(TwoNodes())
    {
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
        p2p.SetDeviceAttribute("Mtu", UintegerValue(9000));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        NetDeviceContainer d = p2p.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper ip("10.2.0.0", "255.255.255.0");
        repo = ip.Assign(d).GetAddress(1);
        app = CreateObject<PfmRepositoryApp>();
        app->SetProblem(std::make_shared<const PlanningProblem>(scenario), 0);
        nodes.Get(1)->AddApplication(app);
        app->SetStartTime(Seconds(0));
    }

    Ptr<BlockPullClient> Client(uint16_t port)
    {
        Ptr<BlockPullClient> c = CreateObject<BlockPullClient>();
        c->SetAttribute("RemoteAddress", Ipv4AddressValue(repo));
        c->SetAttribute("PullPort", UintegerValue(port));
        c->Setup(nodes.Get(0), MakeBoundCallback(&MakeTcp, nodes.Get(0)));
        return c;
    }
};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * Three blocks asked for (one twice) with MaxConcurrentPulls 2, the last one prioritized:
 * three pulls, the prioritized one and the first start together, the third starts when
 * the first pull completes, every pull delivers exactly its bytes.
 */
class PullQueueTestCase : public TestCase
{
  public:
    PullQueueTestCase()
        : TestCase("pulls coalesce, queue behind MaxConcurrentPulls, priority first")
    {
    }

  private:
    Ptr<BlockPullClient> m_client;        //!< the client
    std::vector<uint32_t> m_startOrder;   //!< blocks in start order
    std::map<uint32_t, Time> m_started;   //!< block -> start
    std::map<uint32_t, Time> m_completed; //!< block -> completion
    std::map<uint32_t, uint64_t> m_bytes; //!< block -> completed bytes
    std::vector<uint32_t> m_arrived;      //!< completed callback order
    uint32_t m_maxRunning{0};             //!< most pulls running at once
    uint32_t m_served{0};                 //!< the repository's PullServed

    void Started(uint32_t block, uint64_t)
    {
        m_startOrder.push_back(block);
        m_started[block] = Simulator::Now();
    }

    void Completed(uint32_t block, uint64_t bytes, Time duration)
    {
        m_completed[block] = Simulator::Now();
        m_bytes[block] = bytes;
        NS_TEST_EXPECT_MSG_EQ(duration, Simulator::Now() - m_started[block], "duration");
    }

    void Arrived(uint32_t block)
    {
        m_arrived.push_back(block);
        m_maxRunning = std::max(m_maxRunning, m_client->GetRunning() + 1);
    }

    bool Admit(uint32_t)
    {
        m_maxRunning = std::max(m_maxRunning, m_client->GetRunning() + 1);
        return true;
    }

    void Served(uint32_t, uint64_t)
    {
        ++m_served;
    }

    void DoRun() override
    {
        Bed bed;
        bed.app->TraceConnectWithoutContext("PullServed",
                                            MakeCallback(&PullQueueTestCase::Served, this));
        m_client = bed.Client(9000);
        m_client->SetAttribute("MaxConcurrentPulls", UintegerValue(2));
        m_client->SetAttribute("RcvBufSize", UintegerValue(16 << 20));
        m_client->SetCallbacks(MakeCallback(&PullQueueTestCase::Admit, this),
                               MakeCallback(&PullQueueTestCase::Arrived, this),
                               MakeNullCallback<void, uint32_t, BlockPullClient::Failure>());
        m_client->TraceConnectWithoutContext("PullStarted",
                                             MakeCallback(&PullQueueTestCase::Started, this));
        m_client->TraceConnectWithoutContext("PullCompleted",
                                             MakeCallback(&PullQueueTestCase::Completed, this));
        const std::vector<uint64_t> size = {1000000, 2000000, 3000000};
        for (uint32_t b = 0; b < 3; ++b)
        {
            NS_TEST_ASSERT_MSG_EQ(m_client->Request(b, size[b]), true, "new pull");
        }
        NS_TEST_ASSERT_MSG_EQ(m_client->Request(0, size[0]), false, "coalesced");
        m_client->Prioritize(2);
        Simulator::Schedule(Seconds(0.5), &BlockPullClient::Start, m_client);
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_startOrder.size(), 3u, "three pulls for four requests");
        NS_TEST_ASSERT_MSG_EQ(m_startOrder[0], 2u, "the prioritized block first");
        NS_TEST_ASSERT_MSG_EQ(m_startOrder[1], 0u, "then the queue's head");
        NS_TEST_ASSERT_MSG_EQ(m_startOrder[2], 1u, "the third waits");
        NS_TEST_ASSERT_MSG_EQ(m_started[2], Seconds(0.5), "started at Start");
        NS_TEST_ASSERT_MSG_EQ(m_started[0], Seconds(0.5), "two at once");
        const Time firstDone = std::min(m_completed[0], m_completed[2]);
        NS_TEST_ASSERT_MSG_EQ(m_started[1], firstDone, "the third starts as a slot frees");
        NS_TEST_ASSERT_MSG_EQ(m_maxRunning, 2u, "never more than MaxConcurrentPulls");
        for (uint32_t b = 0; b < 3; ++b)
        {
            NS_TEST_ASSERT_MSG_EQ(m_bytes[b], size[b], "bytes of block " << b);
        }
        NS_TEST_ASSERT_MSG_EQ(m_arrived.size(), 3u, "completed callback per pull");
        NS_TEST_ASSERT_MSG_EQ(m_served, 3u, "the repository served three pulls");
        NS_TEST_ASSERT_MSG_EQ(m_client->IsPending(0), false, "nothing pending at the end");
        m_client->Dispose();
        m_client = nullptr;
        Simulator::Destroy();
    }
};

/**
 * \ingroup mec-pfm-tests
 * A pull refused for lack of room fails at once (NO_ROOM, never started); a pull from a
 * port nobody listens on fails (CONNECTION) once TCP gives up connecting: ns-3.37 ignores
 * the reset that answers its SYN in SYN_SENT, so that is after its SYN retries (here two
 * SYNs, 0.5 s then 1 s).
 */
class PullFailureTestCase : public TestCase
{
  public:
    PullFailureTestCase()
        : TestCase("a pull without room or without repository fails at once, with its reason")
    {
    }

  private:
    std::vector<std::pair<uint32_t, BlockPullClient::Failure>> m_failed; //!< callbacks
    std::vector<Time> m_failedAt;                                        //!< their times
    uint32_t m_traced{0};                                                //!< PullFailed
    uint32_t m_started{0};                                               //!< PullStarted

    bool Admit(uint32_t block)
    {
        return block != 1;
    }

    void Failed(uint32_t block, BlockPullClient::Failure why)
    {
        m_failed.emplace_back(block, why);
        m_failedAt.push_back(Simulator::Now());
    }

    void TracedFail(uint32_t, uint64_t, BlockPullClient::Failure)
    {
        ++m_traced;
    }

    void Started(uint32_t, uint64_t)
    {
        ++m_started;
    }

    Ptr<BlockPullClient> Client(Bed& bed, uint16_t port)
    {
        Ptr<BlockPullClient> c = bed.Client(port);
        c->SetCallbacks(MakeCallback(&PullFailureTestCase::Admit, this),
                        MakeNullCallback<void, uint32_t>(),
                        MakeCallback(&PullFailureTestCase::Failed, this));
        c->TraceConnectWithoutContext("PullFailed",
                                      MakeCallback(&PullFailureTestCase::TracedFail, this));
        c->TraceConnectWithoutContext("PullStarted",
                                      MakeCallback(&PullFailureTestCase::Started, this));
        return c;
    }

    void DoRun() override
    {
        Bed bed;
        Ptr<BlockPullClient> noRoom = Client(bed, 9000);
        Ptr<BlockPullClient> noRepo = Client(bed, 9999);
        noRepo->Setup(bed.nodes.Get(0), MakeBoundCallback(&MakeImpatientTcp, bed.nodes.Get(0)));
        noRoom->Request(1, 1000);
        noRepo->Request(0, 1000);
        Simulator::Schedule(Seconds(1), &BlockPullClient::Start, noRoom);
        Simulator::Schedule(Seconds(2), &BlockPullClient::Start, noRepo);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_failed.size(), 2u, "both failed");
        NS_TEST_ASSERT_MSG_EQ(m_traced, 2u, "PullFailed traced for both");
        NS_TEST_ASSERT_MSG_EQ(m_failed[0].first, 1u, "the block without room");
        NS_TEST_ASSERT_MSG_EQ(m_failed[0].second, BlockPullClient::NO_ROOM, "reason");
        NS_TEST_ASSERT_MSG_EQ(m_failedAt[0], Seconds(1), "at once");
        NS_TEST_ASSERT_MSG_EQ(m_failed[1].first, 0u, "the block without repository");
        NS_TEST_ASSERT_MSG_EQ(m_failed[1].second, BlockPullClient::CONNECTION, "reason");
        NS_TEST_ASSERT_MSG_GT(m_failedAt[1], Seconds(3.4), "after the SYN retries (1.5 s)");
        NS_TEST_ASSERT_MSG_LT(m_failedAt[1], Seconds(6), "after the SYN retries (1.5 s)");
        NS_TEST_ASSERT_MSG_EQ(m_started, 1u, "only the pull with room started");
        NS_TEST_ASSERT_MSG_EQ(noRepo->IsPending(0), false, "a failed pull is not pending");
        noRoom->Dispose();
        noRepo->Dispose();
        Simulator::Destroy();
    }
};

/// The suite.
class BlockPullClientTestSuite : public TestSuite
{
  public:
    BlockPullClientTestSuite()
        : TestSuite("mec-pfm-block-pull-client", UNIT)
    {
        AddTestCase(new PullQueueTestCase, TestCase::QUICK);
        AddTestCase(new PullFailureTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static BlockPullClientTestSuite g_blockPullClientTestSuite;
