/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-client.h"
#include "ns3/cloudlet-app.h"
#include "ns3/config.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <memory>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Faults of the network (MecFaultInjector, doc/mec-pfm.rst "Faults"): a link down during a
 * pull (the pull goes on by another path, or waits, or resumes on a new connection; its
 * bytes are counted once), a cloudlet down during compute (its requests fail with reason
 * node-down at once; its blocks are gone and pulled again), the DC's link down (requests
 * wait, or fail at the client's timeout), and the conservation check of every run.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

const double kBase = 2e8;  // bytes: 1.6 s at 1 Gbit/s
const double kAd = 1e7;    // bytes
const double kFlops = 4e9; // per token
const double kEdge = 1e13; // FLOP/s at the cloudlet
const double kDcFlops = 1e12;

/**
 * Diamond dc - a - c (links 0, 1: 1 Gbit/s, 5 ms each) and dc - b - c (links 2, 3: 1 Gbit/s,
 * 20 ms each): node 0 dc, 1 a, 2 b, 3 c (the cloudlet). With diamond false, a line dc - a - c
 * (links 0, 1 only). Blocks base and ad; model m = base + ad.
 */
MecScenario
Scenario(bool diamond)
{
    MecScenario sc;
    sc.name = "faults";
    sc.horizonS = 600;
    sc.uplinkBps = 1e8;
    sc.downlinkBps = 1e8;
    ScenarioNode dc;
    dc.id = "dc";
    dc.role = NodeRole::DATACENTER;
    dc.computeFlops = kDcFlops;
    dc.accelerators = 4;
    ScenarioNode a;
    a.id = "a";
    ScenarioNode b;
    b.id = "b";
    ScenarioNode c;
    c.id = "c";
    c.role = NodeRole::CLOUDLET;
    c.computeFlops = kEdge;
    c.accelerators = 1;
    c.storageBytes = 1e9;
    sc.nodes = {dc, a, b, c};
    sc.links = {{0, 1, 1e9, 0.005}, {1, 3, 1e9, 0.005}};
    if (diamond)
    {
        sc.links.push_back({0, 2, 1e9, 0.02});
        sc.links.push_back({2, 3, 1e9, 0.02});
    }
    else
    {
        sc.links.push_back({0, 2, 1e9, 0.02}); // b hangs on the DC only: no path to c
    }
    sc.catalogue.AddBlock("base", kBase);
    sc.catalogue.AddBlock("ad", kAd);
    PfmModel m;
    m.id = "m";
    m.family = "base";
    m.task = "t";
    m.accuracy = 0.8;
    m.flopsPerToken = kFlops;
    sc.catalogue.AddModel(m, {"base", "ad"});
    return sc;
}

void
AddRequest(MecScenario& sc, double at, double tokens)
{
    InferenceRequest r;
    r.id = static_cast<uint32_t>(sc.requests.size());
    r.home = 3;
    r.task = "t";
    r.inputBytes = 1000;
    r.outputBytes = 1000;
    r.tokens = tokens;
    r.arrivalS = at;
    sc.requests.push_back(r);
}

void
AddFault(MecScenario& sc, ScenarioFault::Kind kind, uint32_t what, double at, double dur)
{
    ScenarioFault f;
    f.kind = kind;
    (kind == ScenarioFault::LINK_DOWN ? f.link : f.node) = what;
    f.atS = at;
    f.forS = dur;
    sc.faults.push_back(f);
}

/// A plan that holds base and ad at the cloudlet and serves every request at `site`.
PlacementPlan
Plan(const PlanningProblem& pp, uint32_t site, bool hold)
{
    PlacementPlan p;
    p.heldBlocks.assign(pp.GetNCloudlets(), {});
    p.models.assign(pp.GetNCloudlets(), {});
    if (hold)
    {
        p.heldBlocks[0] = {0, 1};
        p.models[0] = {0};
    }
    RequestDecision d;
    d.site = site;
    d.model = 0;
    p.decisions.assign(pp.GetScenario().requests.size(), d);
    return p;
}

/// Completion times of pulls (connected to every cloudlet's PullCompleted).
std::vector<double> g_pullDone;

void
PullDone(uint32_t, uint64_t, Time)
{
    g_pullDone.push_back(Simulator::Now().GetSeconds());
}

void
WatchPulls()
{
    g_pullDone.clear();
    Config::ConnectWithoutContext(
        "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullClient/PullCompleted",
        MakeCallback(&PullDone));
}

/// Run a plan with a client timeout; the results stay readable.
std::unique_ptr<MecPfmRunner>
RunFaulted(const MecScenario& sc,
           uint32_t site,
           bool hold,
           double timeoutS,
           double stopS = 0,
           double stallS = 60)
{
    auto pp = std::make_shared<const PlanningProblem>(sc);
    auto run = std::make_unique<MecPfmRunner>(pp, Plan(*pp, site, hold), "test");
    MecPfmRunConfig cfg;
    cfg.timeoutS = timeoutS;
    cfg.stopS = stopS;
    cfg.pullStallS = stallS;
    cfg.beforeRun = MakeCallback(&WatchPulls);
    const bool ok = run->Run(cfg);
    NS_ABORT_MSG_IF(!ok, run->GetError());
    Simulator::Destroy();
    return run;
}

} // namespace

/**
 * \ingroup mec-pfm-tests
 * A link of the pull's path goes down 0.5 s into a 1.7 s pull. In the diamond the routes
 * switch at once to the other path (40 ms instead of 10 ms) and the pull completes long
 * before the link is back; on a line there is no other path and it completes only after
 * the link is back. Either way the bytes pulled are the two blocks' sizes, once.
 */
class LinkDownDuringPullTestCase : public TestCase
{
  public:
    LinkDownDuringPullTestCase()
        : TestCase("link down during a pull: another path or after recovery, bytes counted once")
    {
    }

  private:
    void Check(bool diamond)
    {
        const double outage = 30;
        MecScenario sc = Scenario(diamond);
        AddFault(sc, ScenarioFault::LINK_DOWN, 1, 0.5, outage); // a - c
        AddRequest(sc, 0.2, 100);
        auto run = RunFaulted(sc, 0, true, 3600);
        const MecPfmRunSummary& s = run->GetSummary();
        const std::string name = diamond ? "diamond: " : "line: ";
        NS_TEST_ASSERT_MSG_EQ(s.completed, 1u, name << "the request completes");
        NS_TEST_ASSERT_MSG_EQ(s.pulledBytes, kBase + kAd, name << "each block once");
        NS_TEST_ASSERT_MSG_EQ(s.arrivedOfCompletedBytes, kBase + kAd, name << "arrived once");
        NS_TEST_ASSERT_MSG_EQ(s.bytesOk, true, name << "bytes conserved");
        NS_TEST_ASSERT_MSG_EQ(s.requestsOk, true, name << "requests conserved");
        NS_TEST_ASSERT_MSG_EQ(g_pullDone.size(), 2u, name << "two pulls completed");
        const double last = g_pullDone.empty() ? 0 : g_pullDone.back();
        if (diamond)
        {
            // Another path: done long before the link is back (TCP's 1 s RTO, then 1.6 s).
            NS_TEST_ASSERT_MSG_LT(last, 10.0, name << "through the other path");
        }
        else
        {
            NS_TEST_ASSERT_MSG_GT(last, 0.5 + outage, name << "after the link is back");
        }
    }

    void DoRun() override
    {
        Check(true);
        Check(false);
    }
};

/**
 * \ingroup mec-pfm-tests
 * On a line, the link goes down for longer than TCP retries (DataRetries 2: the repository
 * gives up after about 1 + 2 + 4 s, and the cloudlet is never told): after 10 s without a
 * byte (the stall timeout) the pull resumes on a new connection that asks for the bytes
 * that have not arrived, and completes after the link is back. The bytes that arrived on
 * its connections add up to the block's size: nothing counted twice, nothing missing.
 */
class PullResumesTestCase : public TestCase
{
  public:
    PullResumesTestCase()
        : TestCase("a pull whose connection breaks resumes: bytes counted once")
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::TcpSocket::DataRetries", UintegerValue(2));
        MecScenario sc = Scenario(false);
        AddFault(sc, ScenarioFault::LINK_DOWN, 1, 0.5, 20);
        AddRequest(sc, 0.2, 100);
        auto run = RunFaulted(sc, 0, true, 3600, 0, 10);
        Config::Reset();
        const MecPfmRunSummary& s = run->GetSummary();
        NS_TEST_ASSERT_MSG_GT(s.pullResumes, 0u, "a pull resumed");
        NS_TEST_ASSERT_MSG_EQ(s.completed, 1u, "the request completes");
        NS_TEST_ASSERT_MSG_EQ(s.pulledBytes, kBase + kAd, "each block once");
        NS_TEST_ASSERT_MSG_EQ(s.arrivedOfCompletedBytes, kBase + kAd, "arrived once");
        NS_TEST_ASSERT_MSG_EQ(s.bytesOk, true, "bytes conserved");
        NS_TEST_ASSERT_MSG_GT(g_pullDone.back(), 20.5, "after the link is back");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The cloudlet goes down at 3 s for 10 s with one request in service (10 s of processing)
 * and one waiting for the server: both fail at 3 s with reason node-down. A request sent
 * at 5 s (the cloudlet down) waits (TCP's SYN retries) and is served after the recovery;
 * one sent at 20 s is served too. The resident blocks are gone after the recovery: the
 * plan's two blocks are pulled again, once.
 */
class NodeDownDuringComputeTestCase : public TestCase
{
  public:
    NodeDownDuringComputeTestCase()
        : TestCase("cloudlet down during compute: its requests fail (node-down), counts add up")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = Scenario(false);
        sc.nodes[3].residentBlocks = {0, 1};
        const double tokens = 10 * kEdge / kFlops; // 10 s of processing
        AddRequest(sc, 1.0, tokens);
        AddRequest(sc, 1.1, tokens);
        AddRequest(sc, 5.0, 100);
        AddRequest(sc, 20.0, 100);
        AddFault(sc, ScenarioFault::NODE_DOWN, 3, 3.0, 10.0);
        auto run = RunFaulted(sc, 0, true, 60);
        const MecPfmRunSummary& s = run->GetSummary();
        const auto& r = run->GetResults();
        for (uint32_t i = 0; i < 2; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(GetStatusName(r[i].status), "failed", "request " << i);
            NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(r[i].reason), "node-down", "why");
            NS_TEST_ASSERT_MSG_EQ_TOL(r[i].recvS, 3.0, 1e-9, "at the fault");
        }
        NS_TEST_ASSERT_MSG_EQ(GetStatusName(r[2].status), "completed", "sent while down");
        NS_TEST_ASSERT_MSG_GT(r[2].recvS, 13.0, "served after the recovery");
        NS_TEST_ASSERT_MSG_EQ(GetStatusName(r[3].status), "completed", "sent after");
        NS_TEST_ASSERT_MSG_EQ(s.completed + s.failed + s.rejected, 4u, "every request counted");
        NS_TEST_ASSERT_MSG_EQ(s.failed, 2u, "the two held requests");
        NS_TEST_ASSERT_MSG_EQ(s.requestsOk, true, "requests conserved");
        NS_TEST_ASSERT_MSG_EQ(s.pulledBytes, kBase + kAd, "the lost blocks pulled again");
        NS_TEST_ASSERT_MSG_EQ(s.bytesOk, true, "bytes conserved");
        NS_TEST_ASSERT_MSG_GT(g_pullDone.front(), 13.0, "pulled after the recovery");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The DC's only link goes down at 0.5 s for 20 s and a request served at the DC arrives at
 * 1 s: with a client timeout of 10 s it fails (timeout) at 11 s; with 100 s it waits and
 * completes after the link is back (the home's forward connection retries its SYN).
 */
class DcLinkDownTestCase : public TestCase
{
  public:
    DcLinkDownTestCase()
        : TestCase("DC link down: requests wait or fail at the client's timeout")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = Scenario(false);
        AddRequest(sc, 1.0, 100);
        AddFault(sc, ScenarioFault::LINK_DOWN, 0, 0.5, 20.0); // dc - a
        const uint32_t dc = PlanningProblem(sc).GetDcSite();
        auto shortRun = RunFaulted(sc, dc, false, 10);
        const auto& a = shortRun->GetResults()[0];
        NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(a.reason), "timeout", "timeout 10 s");
        NS_TEST_ASSERT_MSG_EQ_TOL(a.recvS, 11.0, 1e-6, "at the timeout");
        NS_TEST_ASSERT_MSG_EQ(shortRun->GetSummary().requestsOk, true, "conserved");
        auto longRun = RunFaulted(sc, dc, false, 100);
        const auto& b = longRun->GetResults()[0];
        NS_TEST_ASSERT_MSG_EQ(GetStatusName(b.status), "completed", "timeout 100 s");
        NS_TEST_ASSERT_MSG_GT(b.recvS, 20.5, "after the link is back");
        NS_TEST_ASSERT_MSG_EQ(b.site, static_cast<int64_t>(dc), "served at the DC");
        NS_TEST_ASSERT_MSG_EQ(longRun->GetSummary().requestsOk, true, "conserved");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The conservation check itself: a run stopped before its requests end reports them
 * (requests_ok false, not_ended); the same run to the end is conserved.
 */
class ConservationCheckTestCase : public TestCase
{
  public:
    ConservationCheckTestCase()
        : TestCase("the conservation check reports requests without an end")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = Scenario(false);
        AddRequest(sc, 0.2, 100);
        AddRequest(sc, 5.0, 100);
        auto cut = RunFaulted(sc, 0, true, 3600, 1.0); // the pulls take 1.7 s
        const MecPfmRunSummary& s = cut->GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.requestsOk, false, "not every request ended");
        NS_TEST_ASSERT_MSG_EQ(s.notEnded, 2u, "both without an end");
        NS_TEST_ASSERT_MSG_EQ(s.conservationOk, false, "reported");
        NS_TEST_ASSERT_MSG_EQ(s.bytesOk, true, "no pull completed: nothing miscounted");
        NS_TEST_ASSERT_MSG_GT(s.arrivedBytes, 0u, "part of a pull arrived");
        auto full = RunFaulted(sc, 0, true, 3600);
        NS_TEST_ASSERT_MSG_EQ(full->GetSummary().conservationOk, true, "to the end");
        NS_TEST_ASSERT_MSG_EQ(full->GetSummary().ends, 2u, "one end per request");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The fault test suite.
 */
class MecPfmFaultTestSuite : public TestSuite
{
  public:
    MecPfmFaultTestSuite()
        : TestSuite("mec-pfm-faults", UNIT)
    {
        AddTestCase(new LinkDownDuringPullTestCase, TestCase::QUICK);
        AddTestCase(new PullResumesTestCase, TestCase::QUICK);
        AddTestCase(new NodeDownDuringComputeTestCase, TestCase::QUICK);
        AddTestCase(new DcLinkDownTestCase, TestCase::QUICK);
        AddTestCase(new ConservationCheckTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
static MecPfmFaultTestSuite g_mecPfmFaultTestSuite;
