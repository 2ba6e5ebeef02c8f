/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-client.h"
#include "ns3/boolean.h"
#include "ns3/cloudlet-app.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/node-list.h"
#include "ns3/pfm-planner.h"
#include "ns3/pfm-repository-app.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-io.h"
#include "ns3/planning-problem.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The packet-level simulation against closed forms computed in the test: idle request
 * delay parts, union bytes of sibling models at the DC link, pull coalescing, FIFO waits
 * with one server, accounting of every request, trace sources, pcap, several users per
 * home sharing its requests round-robin.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

// Line topology dc - s - c (node 0 dc, 1 switch, 2 cloudlet). Links 1 Gbit/s, 5 ms.
// Blocks: base (2e8 B), adA (1e7 B), adB (1e7 B), big (1e12 B, never fits).
// Models: mA = base+adA, mB = base+adB (siblings), mBig = big.
const double kBase = 2e8;
const double kAd = 1e7;
const double kFlops = 4e9; // per token
const double kEdge = 1e13; // FLOP/s at the cloudlet
const double kDcFlops = 1e12;

MecScenario
LineScenario(uint32_t servers, bool resident)
{
    MecScenario sc;
    sc.name = "line";
    sc.horizonS = 600;
    sc.uplinkBps = 1e8;
    sc.downlinkBps = 5e7;
    ScenarioNode dc;
    dc.id = "dc";
    dc.role = NodeRole::DATACENTER;
    dc.computeFlops = kDcFlops;
    dc.accelerators = 4;
    ScenarioNode s;
    s.id = "s";
    ScenarioNode c;
    c.id = "c";
    c.role = NodeRole::CLOUDLET;
    c.computeFlops = kEdge;
    c.accelerators = servers;
    c.storageBytes = 1e9;
    sc.nodes = {dc, s, c};
    sc.links = {{0, 1, 1e9, 0.005}, {1, 2, 1e9, 0.005}};
    sc.catalogue.AddBlock("base", kBase);
    sc.catalogue.AddBlock("adA", kAd);
    sc.catalogue.AddBlock("adB", kAd);
    sc.catalogue.AddBlock("big", 1e12);
    PfmModel a;
    a.id = "mA";
    a.family = "base";
    a.task = "t";
    a.accuracy = 0.8;
    a.flopsPerToken = kFlops;
    sc.catalogue.AddModel(a, {"base", "adA"});
    PfmModel b = a;
    b.id = "mB";
    b.accuracy = 0.7;
    sc.catalogue.AddModel(b, {"base", "adB"});
    PfmModel big = a;
    big.id = "mBig";
    big.family = "";
    sc.catalogue.AddModel(big, {"big"});
    if (resident)
    {
        sc.nodes[2].residentBlocks = {0, 1, 2};
    }
    return sc;
}

void
AddRequest(MecScenario& sc, double at, double in, double out, double tokens)
{
    InferenceRequest r;
    r.id = static_cast<uint32_t>(sc.requests.size());
    r.home = 2;
    r.task = "t";
    r.inputBytes = in;
    r.outputBytes = out;
    r.tokens = tokens;
    r.arrivalS = at;
    sc.requests.push_back(r);
}

PlacementPlan
EmptyPlan(const PlanningProblem& pp)
{
    PlacementPlan p;
    p.heldBlocks.assign(pp.GetNCloudlets(), {});
    p.models.assign(pp.GetNCloudlets(), {});
    p.decisions.assign(pp.GetScenario().requests.size(), RequestDecision());
    return p;
}

RequestDecision
At(uint32_t site, uint32_t model)
{
    RequestDecision d;
    d.site = site;
    d.model = model;
    return d;
}

bool
Near(double a, double b, double rel)
{
    return std::fabs(a - b) <= rel * std::fabs(b);
}

} // namespace

/// An idle request served at its home: each delay part equals its closed form within 2%.
class IdleRequestTestCase : public TestCase
{
  public:
    IdleRequestTestCase()
        : TestCase("idle single request: delay parts equal the closed form within 2%")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = LineScenario(1, true);
        AddRequest(sc, 1.0, 200000, 100000, 500);
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        plan.models[0] = {0, 1};
        plan.decisions[0] = At(0, 0);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.completed, 1u, "completed");
        const auto& r = run.GetResults()[0];
        double up = 200000 * 8 / 1e8;       // 16 ms
        double down = 100000 * 8 / 5e7;     // 16 ms
        double proc = 500 * kFlops / kEdge; // 0.2 s
        NS_TEST_ASSERT_MSG_EQ(Near(r.uploadS, up, 0.02),
                              true,
                              "upload " << r.uploadS << " vs " << up);
        NS_TEST_ASSERT_MSG_EQ(Near(r.downloadS, down, 0.02),
                              true,
                              "download " << r.downloadS << " vs " << down);
        NS_TEST_ASSERT_MSG_EQ(Near(r.processS, proc, 1e-9), true, "processing " << r.processS);
        NS_TEST_ASSERT_MSG_EQ(r.waitModelS, 0.0, "model was resident");
        NS_TEST_ASSERT_MSG_EQ(r.queueS, 0.0, "idle server");
        NS_TEST_ASSERT_MSG_EQ(Near(r.delayS, up + down + proc, 0.02), true, "total " << r.delayS);
        NS_TEST_ASSERT_MSG_EQ(run.GetResults()[0].site, 0, "served at the home");
    }
};

/// Two sibling models pulled to one cloudlet: the DC link carries the union, not the sum.
class SiblingUnionTestCase : public TestCase
{
  public:
    SiblingUnionTestCase()
        : TestCase("two sibling models cross the DC link with the union of their blocks")
    {
    }

  private:
    uint64_t m_dcBytes{0};

    void Tx(Ptr<const Packet> p)
    {
        m_dcBytes += p->GetSize();
    }

    /// Connect the trace sinks (MecPfmRunConfig::beforeRun).
    void ConnectTraces()
    {
        // Node 0 is the DC; its only device is the DC link.
        Config::ConnectWithoutContext("/NodeList/0/DeviceList/*/$ns3::PointToPointNetDevice/MacTx",
                                      MakeCallback(&SiblingUnionTestCase::Tx, this));
    }

    void DoRun() override
    {
        MecScenario sc = LineScenario(1, false);
        AddRequest(sc, 0.1, 1000, 1000, 10);
        AddRequest(sc, 0.1, 1000, 1000, 10);
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        plan.models[0] = {0, 1};
        plan.decisions[0] = At(0, 0);
        plan.decisions[1] = At(0, 1);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        cfg.beforeRun = MakeCallback(&SiblingUnionTestCase::ConnectTraces, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        double unionBytes = kBase + 2 * kAd;
        double sumBytes = 2 * (kBase + kAd);
        NS_TEST_ASSERT_MSG_EQ(s.completed, 2u, "both served");
        NS_TEST_ASSERT_MSG_EQ(s.pulledBytes, unionBytes, "pulled bytes = union");
        // IP/TCP headers add < 1%.
        NS_TEST_ASSERT_MSG_EQ((m_dcBytes >= unionBytes && m_dcBytes < 1.01 * unionBytes),
                              true,
                              "DC link carried " << m_dcBytes << " B; union " << unionBytes
                                                 << ", sum " << sumBytes);
    }
};

/// Concurrent needs of a block coalesce into one pull; requests wait for their model.
class CoalesceTestCase : public TestCase
{
  public:
    CoalesceTestCase()
        : TestCase("concurrent needs of one block coalesce into one pull")
    {
    }

  private:
    std::map<uint32_t, uint32_t> m_started;
    uint32_t m_completedPulls{0};

    void Started(uint32_t block, uint64_t)
    {
        ++m_started[block];
    }

    void Completed(uint32_t, uint64_t, Time)
    {
        ++m_completedPulls;
    }

    /// Connect the trace sinks (MecPfmRunConfig::beforeRun).
    void ConnectTraces()
    {
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullClient/PullStarted",
            MakeCallback(&CoalesceTestCase::Started, this));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullClient/PullCompleted",
            MakeCallback(&CoalesceTestCase::Completed, this));
    }

    void DoRun() override
    {
        MecScenario sc = LineScenario(2, false);
        AddRequest(sc, 0.0, 1000, 1000, 10);
        AddRequest(sc, 0.0, 1000, 1000, 10);
        AddRequest(sc, 0.5, 1000, 1000, 10);
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp); // nothing planned: pulls on demand
        plan.decisions[0] = At(0, 0);
        plan.decisions[1] = At(0, 1);
        plan.decisions[2] = At(0, 0);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        cfg.maxConcurrentPulls = 4;
        cfg.beforeRun = MakeCallback(&CoalesceTestCase::ConnectTraces, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.completed, 3u, "all served");
        NS_TEST_ASSERT_MSG_EQ(m_started[0], 1u, "base pulled once for three needs");
        NS_TEST_ASSERT_MSG_EQ(m_started[1], 1u, "adA once");
        NS_TEST_ASSERT_MSG_EQ(m_started[2], 1u, "adB once");
        NS_TEST_ASSERT_MSG_EQ(m_completedPulls, 3u, "three pulls completed");
        NS_TEST_ASSERT_MSG_EQ(s.pulledBytes, kBase + 2 * kAd, "union pulled");
        // The first two waited for at least the base's transmission time.
        double base = kBase * 8 / 1e9;
        NS_TEST_ASSERT_MSG_EQ((run.GetResults()[0].waitModelS > base), true, "waited for blocks");
        NS_TEST_ASSERT_MSG_EQ((run.GetResults()[1].waitModelS > base), true, "waited for blocks");
    }
};

/// N simultaneous requests on one server: the k-th waits (k-1) service times.
class FifoWaitTestCase : public TestCase
{
  public:
    FifoWaitTestCase()
        : TestCase("N simultaneous requests on one server: the k-th waits (k-1) services")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 5;
        MecScenario sc = LineScenario(1, true);
        for (uint32_t i = 0; i < n; ++i)
        {
            AddRequest(sc, 1.0, 500, 500, 250); // service 0.1 s
        }
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        for (uint32_t i = 0; i < n; ++i)
        {
            plan.decisions[i] = At(0, 0);
        }
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.completed, n, "all served");
        std::vector<MecPfmRequestResult> r = run.GetResults();
        double service = 250 * kFlops / kEdge;
        // Order by start of service; waiting plus arrival offset is (k-1) services.
        std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) {
            return a.sendS + a.uploadS + a.queueS < b.sendS + b.uploadS + b.queueS;
        });
        double firstArrival = r[0].sendS + r[0].uploadS;
        for (uint32_t k = 0; k < n; ++k)
        {
            double arrival = r[k].sendS + r[k].uploadS;
            double expect = k * service - (arrival - firstArrival);
            NS_TEST_ASSERT_MSG_EQ_TOL(r[k].queueS, expect, 1e-6, "queue of the " << k + 1 << "-th");
            NS_TEST_ASSERT_MSG_EQ((arrival - firstArrival < 0.01), true, "nearly simultaneous");
        }
    }
};

/// Every request ends completed, rejected or failed; counts add up; traces fire; pcap.
class AccountingTestCase : public TestCase
{
  public:
    AccountingTestCase()
        : TestCase("every request ends completed, rejected or failed; traces fire; pcap written")
    {
    }

  private:
    uint32_t m_sent{0};
    uint32_t m_served{0};
    uint32_t m_ended{0};

    void Sent(const InferenceRecord&)
    {
        ++m_sent;
    }

    void Served(const InferenceMessage&)
    {
        ++m_served;
    }

    void Ended(const InferenceRecord&)
    {
        ++m_ended;
    }

    /// Connect the trace sinks (MecPfmRunConfig::beforeRun).
    void ConnectTraces()
    {
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestSent",
            MakeCallback(&AccountingTestCase::Sent, this));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::PfmSiteApp/RequestServed",
            MakeCallback(&AccountingTestCase::Served, this));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestCompleted",
            MakeCallback(&AccountingTestCase::Ended, this));
    }

    void DoRun() override
    {
        // Refused pulls fail here (their re-routing is RerouteTestCase's).
        Config::SetDefault("ns3::mecpfm::PfmSiteApp::RerouteOnNoRoom", BooleanValue(false));
        MecScenario sc = LineScenario(2, true);
        for (uint32_t i = 0; i < 12; ++i)
        {
            AddRequest(sc, 0.1 * i, 2000, 800, 100);
        }
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        for (uint32_t i = 0; i < 12; ++i)
        {
            switch (i % 4)
            {
            case 0:
                plan.decisions[i] = At(0, 0); // cloudlet
                break;
            case 1:
                plan.decisions[i] = At(pp->GetDcSite(), 1); // forwarded to the DC
                break;
            case 2:
                plan.decisions[i].rejected = true;
                break;
            default:
                plan.decisions[i] = At(0, 2); // mBig never fits: failed at once
            }
        }
        std::string dir = CreateTempDirFilename("mec-pfm-sim");
        mkdir(dir.c_str(), 0755);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 5;
        cfg.outDir = dir;
        cfg.pcap = true;
        cfg.beforeRun = MakeCallback(&AccountingTestCase::ConnectTraces, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        Config::SetDefault("ns3::mecpfm::PfmSiteApp::RerouteOnNoRoom", BooleanValue(true));
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.requests, 12u, "requests");
        NS_TEST_ASSERT_MSG_EQ(s.completed, 6u, "cloudlet + DC served");
        NS_TEST_ASSERT_MSG_EQ(s.rejected, 3u, "rejected");
        NS_TEST_ASSERT_MSG_EQ(s.failed, 3u, "failed (no room)");
        NS_TEST_ASSERT_MSG_EQ(s.completed + s.rejected + s.failed, s.requests, "counts add up");
        NS_TEST_ASSERT_MSG_EQ(m_sent, 12u, "RequestSent fired per request");
        NS_TEST_ASSERT_MSG_EQ(m_served, 6u, "RequestServed fired per served request");
        NS_TEST_ASSERT_MSG_EQ(m_ended, 12u, "RequestCompleted fired per ended request");
        for (const auto& r : run.GetResults())
        {
            if (r.id % 4 == 3)
            {
                NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(r.reason), "no-room", "why it failed");
                // At once: an upload and a download of a few kB, not the 5 s timeout.
                NS_TEST_ASSERT_MSG_LT(r.recvS - r.sendS, 0.01, "failed at once");
            }
            if (r.id % 4 == 1)
            {
                NS_TEST_ASSERT_MSG_EQ(r.site, static_cast<int64_t>(pp->GetDcSite()), "at the DC");
                // DC processing: tokens x flops / DC rate.
                NS_TEST_ASSERT_MSG_EQ_TOL(r.processS, 100 * kFlops / kDcFlops, 1e-9, "DC rate");
            }
        }
        struct stat st;
        NS_TEST_ASSERT_MSG_EQ(stat((dir + "/backhaul-0-1.pcap").c_str(), &st), 0, "pcap exists");
        NS_TEST_ASSERT_MSG_EQ((st.st_size > 24), true, "pcap has packets");
        NS_TEST_ASSERT_MSG_EQ(stat((dir + "/requests.csv").c_str(), &st), 0, "requests.csv");
        // Its columns agree with each other: recv_s - send_s = delay_s for every completed row
        // (a rejected or failed request has delay_s 0: doc/mec-pfm.rst, "Outputs").
        std::ifstream csv(dir + "/requests.csv");
        std::string line;
        std::getline(csv, line); // header
        uint32_t rows = 0;
        while (std::getline(csv, line))
        {
            std::vector<std::string> f;
            std::stringstream ss(line);
            for (std::string x; std::getline(ss, x, ',');)
            {
                f.push_back(x);
            }
            NS_TEST_ASSERT_MSG_EQ(f.size(), 13u, "13 columns: " << line);
            const double delay = f[4] == "completed" ? std::stod(f[6]) - std::stod(f[5]) : 0.0;
            NS_TEST_EXPECT_MSG_EQ_TOL(delay,
                                      std::stod(f[7]),
                                      1e-9,
                                      "recv_s - send_s against delay_s: " << line);
            ++rows;
        }
        NS_TEST_ASSERT_MSG_EQ(rows, 12u, "a row per request");
        NS_TEST_ASSERT_MSG_EQ(stat((dir + "/summary.json").c_str(), &st), 0, "summary.json");
    }
};

/// A request whose model can never fit at its cloudlet goes on to the DC (the default).
class RerouteTestCase : public TestCase
{
  public:
    RerouteTestCase()
        : TestCase("a pull refused for lack of room re-routes its request to the DC")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = LineScenario(2, true);
        for (uint32_t i = 0; i < 4; ++i)
        {
            AddRequest(sc, 0.1 * i, 2000, 800, 100);
        }
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        for (uint32_t i = 0; i < 4; ++i)
        {
            // mBig never fits at cloudlet 0 (odd requests); the DC serves it when decided
            // there (even requests).
            plan.decisions[i] = i % 2 ? At(0, 2) : At(pp->GetDcSite(), 2);
        }
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 5;
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy();
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(s.completed, 4u, "every request served");
        NS_TEST_ASSERT_MSG_EQ(s.failed, 0u, "none failed");
        std::vector<double> delay(4, 0);
        for (const auto& r : run.GetResults())
        {
            NS_TEST_ASSERT_MSG_EQ(r.site, static_cast<int64_t>(pp->GetDcSite()), "at the DC");
            NS_TEST_ASSERT_MSG_EQ_TOL(r.processS, 100 * kFlops / kDcFlops, 1e-9, "DC rate");
            delay[r.id] = r.recvS - r.sendS;
        }
        for (uint32_t i = 1; i < 4; i += 2)
        {
            // The home cloudlet forwards a DC decision anyway: a request refused there at
            // once takes the same path, so the same delay (not a timeout's).
            NS_TEST_ASSERT_MSG_EQ_TOL(delay[i], delay[i - 1], 1e-3, "re-routed at once");
        }
    }
};

/**
 * A request waiting for a block whose pull fails ends FAILED with reason PULL_FAILED as
 * soon as the pull fails, not at the client's timeout: the cloudlet pulls from a port
 * nobody listens on, and its TCP gives up connecting after two SYNs (0.2 s, then 0.4 s).
 */
class PullFailureFailsRequestTestCase : public TestCase
{
  public:
    PullFailureFailsRequestTestCase()
        : TestCase("a failed pull fails the requests waiting for it at once (pull-failed)")
    {
    }

  private:
    uint32_t m_pullFailures{0}; //!< PullFailed traces

    void PullFailed(uint32_t, uint64_t, BlockPullClient::Failure why)
    {
        NS_TEST_EXPECT_MSG_EQ(why, BlockPullClient::CONNECTION, "connection failure");
        ++m_pullFailures;
    }

    /// Point the cloudlet's pulls at a closed port (MecPfmRunConfig::beforeRun).
    void Misconfigure()
    {
        Config::Set("/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullPort",
                    UintegerValue(9999));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullClient/PullFailed",
            MakeCallback(&PullFailureFailsRequestTestCase::PullFailed, this));
    }

    void DoRun() override
    {
        Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(0.2)));
        Config::SetDefault("ns3::TcpSocket::ConnCount", UintegerValue(2));
        MecScenario sc = LineScenario(1, false);
        AddRequest(sc, 0.1, 1000, 1000, 10);
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp); // nothing held: the request needs a pull
        plan.decisions[0] = At(0, 0);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 3600;
        cfg.beforeRun = MakeCallback(&PullFailureFailsRequestTestCase::Misconfigure, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        Config::Reset();
        NS_TEST_ASSERT_MSG_EQ(s.failed, 1u, "failed");
        const auto& r = run.GetResults()[0];
        NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(r.reason), "pull-failed", "why");
        NS_TEST_ASSERT_MSG_GT(m_pullFailures, 0u, "the pulls failed");
        // Two SYNs (0.2 s + 0.4 s) after the request arrived, not the 3600 s timeout.
        NS_TEST_ASSERT_MSG_LT(r.recvS, 2.0, "failed at once");
    }
};

/**
 * Poisson mode cycles the client's three requests (served, rejected, no room) 30 times:
 * every send is sent, ends and is counted once, keyed by its sequence number (the records
 * used to be keyed by request id, and a later send of a request overwrote the earlier
 * one); the home decides from what the header carries (home, task, accuracy floor).
 */
class PoissonModeTestCase : public TestCase
{
  public:
    PoissonModeTestCase()
        : TestCase("Poisson mode: every send is counted (sent = completed + rejected + failed)")
    {
    }

  private:
    uint32_t m_sent{0};                      //!< RequestSent
    uint32_t m_ended{0};                     //!< RequestCompleted
    std::set<uint32_t> m_seqs;               //!< sequence numbers sent
    std::vector<InferenceMessage> m_decided; //!< what the home decided on
    Ptr<InferenceClientApp> m_client;        //!< the client

    void Sent(const InferenceRecord& rec)
    {
        ++m_sent;
        NS_TEST_EXPECT_MSG_EQ(m_seqs.insert(rec.msg.seq).second, true, "a new sequence number");
    }

    void Ended(const InferenceRecord&)
    {
        ++m_ended;
    }

    void Decided(const InferenceMessage& msg, const RequestDecision&)
    {
        m_decided.push_back(msg);
    }

    /// Poisson arrivals for the client; connect the trace sinks (beforeRun).
    void Configure()
    {
        const std::string client =
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/";
        Config::Set(client + "PoissonRate", DoubleValue(20));
        Config::Set(client + "PoissonCount", UintegerValue(30));
        Config::ConnectWithoutContext(client + "RequestSent",
                                      MakeCallback(&PoissonModeTestCase::Sent, this));
        Config::ConnectWithoutContext(client + "RequestCompleted",
                                      MakeCallback(&PoissonModeTestCase::Ended, this));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/RequestDecided",
            MakeCallback(&PoissonModeTestCase::Decided, this));
        for (uint32_t n = 0; n < NodeList::GetNNodes(); ++n)
        {
            Ptr<Node> node = NodeList::GetNode(n);
            for (uint32_t a = 0; a < node->GetNApplications(); ++a)
            {
                if (auto c = DynamicCast<InferenceClientApp>(node->GetApplication(a)))
                {
                    m_client = c;
                }
            }
        }
    }

    void DoRun() override
    {
        // The third request fails for lack of room (not re-routed: RerouteTestCase).
        Config::SetDefault("ns3::mecpfm::PfmSiteApp::RerouteOnNoRoom", BooleanValue(false));
        MecScenario sc = LineScenario(1, true);
        AddRequest(sc, 0.0, 1000, 1000, 10);
        AddRequest(sc, 0.0, 1000, 1000, 10);
        AddRequest(sc, 0.0, 1000, 1000, 10);
        sc.requests[0].minAccuracy = 0.25;
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1, 2};
        plan.decisions[0] = At(0, 0);      // served
        plan.decisions[1].rejected = true; // rejected
        plan.decisions[2] = At(0, 2);      // mBig: no room, failed
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        cfg.stopS = 60;
        cfg.beforeRun = MakeCallback(&PoissonModeTestCase::Configure, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        Config::SetDefault("ns3::mecpfm::PfmSiteApp::RerouteOnNoRoom", BooleanValue(true));
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(m_sent, 30u, "PoissonCount sends");
        NS_TEST_ASSERT_MSG_EQ(m_ended, 30u, "every send ended");
        NS_TEST_ASSERT_MSG_NE(m_client, nullptr, "the client");
        NS_TEST_ASSERT_MSG_EQ(m_client->GetRecords().size(), 30u, "a record per send");
        NS_TEST_ASSERT_MSG_EQ(s.requests, 30u, "a result per send");
        NS_TEST_ASSERT_MSG_EQ(s.completed + s.rejected + s.failed, m_sent, "sends add up");
        NS_TEST_ASSERT_MSG_EQ(s.completed, 10u, "the list cycled: 10 each");
        NS_TEST_ASSERT_MSG_EQ(s.rejected, 10u, "the list cycled: 10 each");
        NS_TEST_ASSERT_MSG_EQ(s.failed, 10u, "the list cycled: 10 each");
        NS_TEST_ASSERT_MSG_EQ(run.GetResults().size(), 30u, "rows");
        NS_TEST_ASSERT_MSG_EQ(m_decided.size(), 30u, "the home decided each send");
        const auto tasks = pp->GetCatalogue().GetTasks();
        for (const auto& m : m_decided)
        {
            NS_TEST_ASSERT_MSG_EQ(m.home, 2u, "home from the header");
            NS_TEST_ASSERT_MSG_EQ(tasks.at(m.task), "t", "task from the header");
            NS_TEST_ASSERT_MSG_EQ(m.minAccuracy, (m.requestId == 0 ? 0.25 : 0.0), "floor");
        }
        m_client = nullptr;
    }
};

namespace
{
/// Trace counts, by "declaring TypeId/source name".
using TraceCounts = std::map<std::string, uint32_t>;

/**
 * Count one firing of a trace source (bound to the count map and the source's key).
 * \param counts the counts
 * \param key the source
 */
template <typename... Args>
void
CountTrace(TraceCounts* counts, std::string key, Args...)
{
    ++(*counts)[key];
}

/// Connects a counter to one trace source of an object.
using TraceConnector = std::function<bool(Ptr<Object>, const std::string&, TraceCounts*)>;

/// \return a connector for a source of signature void (Args...)
template <typename... Args>
TraceConnector
Counter()
{
    return [](Ptr<Object> o, const std::string& key, TraceCounts* counts) {
        const std::string name = key.substr(key.find('/') + 1);
        return o->TraceConnectWithoutContext(name,
                                             MakeBoundCallback(&CountTrace<Args...>, counts, key));
    };
}
} // namespace

/**
 * Every trace source of every application of the module (and of the parts they are
 * composed of) fires in one small run: a request served at its cloudlet, one that waits
 * for a pull, one forwarded to the DC, one whose block does not fit; a resident block
 * outside the plan is evicted; the sites send state reports. The test lists the sources it knows; a
 * source added to a class without being listed here fails the test.
 */
class TraceSourcesFireTestCase : public TestCase
{
  public:
    TraceSourcesFireTestCase()
        : TestCase("every trace source of every application fires in a small run")
    {
    }

  private:
    TraceCounts m_counts;                               //!< firings
    std::map<std::string, TraceConnector> m_connectors; //!< known sources
    std::set<std::string> m_declared;                   //!< sources the classes declare

    /// \return the objects whose sources are counted: the apps and their parts
    static std::vector<Ptr<Object>> Objects()
    {
        std::vector<Ptr<Object>> objects;
        for (uint32_t n = 0; n < NodeList::GetNNodes(); ++n)
        {
            Ptr<Node> node = NodeList::GetNode(n);
            for (uint32_t a = 0; a < node->GetNApplications(); ++a)
            {
                Ptr<Application> app = node->GetApplication(a);
                objects.push_back(app);
                if (auto site = DynamicCast<PfmSiteApp>(app))
                {
                    PointerValue q;
                    site->GetAttribute("ComputeQueue", q);
                    objects.push_back(q.Get<Object>());
                }
                if (auto cloudlet = DynamicCast<CloudletApp>(app))
                {
                    objects.push_back(cloudlet->GetBlockStore());
                    objects.push_back(cloudlet->GetPullClient());
                }
            }
        }
        return objects;
    }

    /// Connect a counter to every source of every object (MecPfmRunConfig::beforeRun).
    void ConnectAll()
    {
        for (Ptr<Object> o : Objects())
        {
            for (TypeId tid = o->GetInstanceTypeId(); tid.GetName().rfind("ns3::mecpfm::", 0) == 0;
                 tid = tid.GetParent())
            {
                for (uint32_t i = 0; i < tid.GetTraceSourceN(); ++i)
                {
                    const std::string key = tid.GetName() + "/" + tid.GetTraceSource(i).name;
                    m_declared.insert(key);
                    auto c = m_connectors.find(key);
                    if (c != m_connectors.end())
                    {
                        NS_TEST_EXPECT_MSG_EQ(c->second(o, key, &m_counts), true, key);
                    }
                }
            }
        }
    }

    void DoRun() override
    {
        const std::string m = "ns3::mecpfm::";
        m_connectors[m + "InferenceClientApp/RequestSent"] = Counter<const InferenceRecord&>();
        m_connectors[m + "InferenceClientApp/RequestCompleted"] = Counter<const InferenceRecord&>();
        m_connectors[m + "PfmSiteApp/RequestServed"] = Counter<const InferenceMessage&>();
        m_connectors[m + "PfmSiteApp/RequestDecided"] =
            Counter<const InferenceMessage&, const RequestDecision&>();
        m_connectors[m + "PfmSiteApp/UserResponseSent"] = Counter<const InferenceMessage&>();
        m_connectors[m + "PfmSiteApp/StateReportSent"] = Counter<const SiteStateReport&>();
        m_connectors[m + "PfmSiteApp/StateReportReceived"] = Counter<const SiteStateReport&>();
        m_connectors[m + "PfmRepositoryApp/PullServed"] = Counter<uint32_t, uint64_t>();
        m_connectors[m + "BlockPullClient/PullStarted"] = Counter<uint32_t, uint64_t>();
        m_connectors[m + "BlockPullClient/PullCompleted"] = Counter<uint32_t, uint64_t, Time>();
        m_connectors[m + "BlockPullClient/PullFailed"] =
            Counter<uint32_t, uint64_t, BlockPullClient::Failure>();
        m_connectors[m + "BlockStore/BlockStored"] = Counter<uint32_t, double>();
        m_connectors[m + "BlockStore/BlockEvicted"] = Counter<uint32_t, double>();
        m_connectors[m + "ComputeQueue/JobStarted"] = Counter<uint64_t, Time>();
        m_connectors[m + "ComputeQueue/JobFinished"] = Counter<uint64_t, Time>();

        MecScenario sc = LineScenario(2, true); // base, adA and adB resident
        AddRequest(sc, 0.1, 1000, 1000, 10);    // mA at the cloudlet
        AddRequest(sc, 0.1, 1000, 1000, 10);    // mB: adB was evicted, pulled again
        AddRequest(sc, 0.2, 1000, 1000, 10);    // forwarded to the DC
        AddRequest(sc, 0.3, 1000, 1000, 10);    // mBig: no room
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan = EmptyPlan(*pp);
        plan.heldBlocks[0] = {0, 1}; // adB not planned: evicted at the start
        plan.decisions[0] = At(0, 0);
        plan.decisions[1] = At(0, 1);
        plan.decisions[2] = At(pp->GetDcSite(), 0);
        plan.decisions[3] = At(0, 2);
        MecPfmRunner run(pp, plan, "test");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 100;
        cfg.stateReportS = 0.05; // the state report sources fire (the DC reports to the cloudlet)
        cfg.beforeRun = MakeCallback(&TraceSourcesFireTestCase::ConnectAll, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(m_declared.size(), m_connectors.size(), "every source known");
        for (const auto& key : m_declared)
        {
            NS_TEST_ASSERT_MSG_EQ(m_connectors.count(key), 1u, key << " is listed in the test");
            NS_TEST_ASSERT_MSG_GT(m_counts[key], 0u, key << " fired");
        }
        // The request without room at its cloudlet goes on to the DC (RerouteOnNoRoom).
        NS_TEST_ASSERT_MSG_EQ(run.GetSummary().completed, 4u, "three served, one re-routed");
        NS_TEST_ASSERT_MSG_EQ(run.GetSummary().failed, 0u, "none failed");
    }
};

/// Three users per home: each sends its round-robin share; every request ends; counts add up.
class UsersPerHomeTestCase : public TestCase
{
  public:
    UsersPerHomeTestCase()
        : TestCase("usersPerHome=3: each user sends its round-robin share, accounting adds up")
    {
    }

  private:
    std::map<uint32_t, uint32_t> m_sender;          //!< request id -> node that sent it
    std::map<uint32_t, uint32_t> m_ender;           //!< request id -> node that recorded its end
    std::map<uint32_t, InferenceStatus> m_status;   //!< request id -> how it ended
    std::vector<Ptr<InferenceClientApp>> m_clients; //!< the clients (found before the run)
    std::vector<uint32_t> m_clientNode;             //!< their nodes

    static uint32_t NodeOf(const std::string& context)
    {
        // "/NodeList/<n>/ApplicationList/..."
        return static_cast<uint32_t>(std::stoul(context.substr(std::string("/NodeList/").size())));
    }

    void Sent(std::string context, const InferenceRecord& rec)
    {
        const uint32_t id = rec.msg.requestId;
        NS_TEST_EXPECT_MSG_EQ(m_sender.count(id), 0u, "request " << id << " sent once");
        m_sender[id] = NodeOf(context);
    }

    void Ended(std::string context, const InferenceRecord& rec)
    {
        NS_TEST_EXPECT_MSG_EQ(m_ender.count(rec.msg.requestId), 0u, "ends once");
        m_ender[rec.msg.requestId] = NodeOf(context);
        m_status[rec.msg.requestId] = rec.status;
    }

    void FindClients()
    {
        for (uint32_t n = 0; n < NodeList::GetNNodes(); ++n)
        {
            Ptr<Node> node = NodeList::GetNode(n);
            for (uint32_t a = 0; a < node->GetNApplications(); ++a)
            {
                if (auto c = DynamicCast<InferenceClientApp>(node->GetApplication(a)))
                {
                    m_clients.push_back(c);
                    m_clientNode.push_back(node->GetId());
                }
            }
        }
    }

    /// Connect the trace sinks (MecPfmRunConfig::beforeRun).
    void ConnectTraces()
    {
        FindClients();
        Config::Connect(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestSent",
            MakeCallback(&UsersPerHomeTestCase::Sent, this));
        Config::Connect(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestCompleted",
            MakeCallback(&UsersPerHomeTestCase::Ended, this));
    }

    void DoRun() override
    {
        const uint32_t users = 3;
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json"));
        auto pp = std::make_shared<const PlanningProblem>(sc);
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName("nearest-greedy");
        NS_TEST_ASSERT_MSG_NE(planner, nullptr, "planner exists");
        PlanResult pr = planner->Solve(*pp);
        NS_TEST_ASSERT_MSG_EQ(pr.hasPlan, true, "a plan");
        uint32_t planRejected = 0;
        for (const auto& d : pr.plan.decisions)
        {
            planRejected += d.rejected ? 1 : 0;
        }
        // The home's requests in id order, by home (the truth the shares are checked against).
        std::map<uint32_t, std::vector<uint32_t>> byHome;
        for (const auto& r : sc.requests)
        {
            byHome[r.home].push_back(r.id);
        }
        NS_TEST_ASSERT_MSG_EQ(byHome.size(), 2u, "two homes");

        MecPfmRunner run(pp, pr.plan, "nearest-greedy");
        MecPfmRunConfig cfg;
        cfg.usersPerHome = users;
        cfg.timeoutS = 60;
        cfg.beforeRun = MakeCallback(&UsersPerHomeTestCase::ConnectTraces, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        const uint32_t n = static_cast<uint32_t>(sc.requests.size());

        // Accounting.
        NS_TEST_ASSERT_MSG_EQ(s.requests, n, "requests");
        NS_TEST_ASSERT_MSG_EQ(s.completed + s.rejected + s.failed, n, "counts add up");
        NS_TEST_ASSERT_MSG_EQ(s.rejected, planRejected, "rejected as planned");
        NS_TEST_ASSERT_MSG_EQ(s.failed, 0u, "no user loses its requests (every user routed)");
        NS_TEST_ASSERT_MSG_EQ(s.completed, n - planRejected, "the others complete");
        uint32_t okResults = 0;
        for (const auto& r : run.GetResults())
        {
            okResults += r.sendS >= 0 ? 1 : 0;
            NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.status),
                                  static_cast<int>(m_status.at(r.id)),
                                  "result and trace agree on request " << r.id);
        }
        NS_TEST_ASSERT_MSG_EQ(okResults, n, "every request was sent");
        NS_TEST_ASSERT_MSG_EQ(m_sender.size(), n, "RequestSent once per request");
        NS_TEST_ASSERT_MSG_EQ(m_ender.size(), n, "RequestCompleted once per request");

        // Users: usersPerHome client apps per home, each on its own node.
        NS_TEST_ASSERT_MSG_EQ(m_clients.size(), users * byHome.size(), "clients");
        NS_TEST_ASSERT_MSG_EQ(std::set<uint32_t>(m_clientNode.begin(), m_clientNode.end()).size(),
                              m_clients.size(),
                              "one client per user node");
        // Round-robin: the k-th request (id order) of a home is sent by its (k mod 3)-th user
        // (users in creation order, i.e. increasing node id); homes have disjoint users.
        std::set<uint32_t> allUsers;
        for (const auto& [home, ids] : byHome)
        {
            std::set<uint32_t> homeUsers;
            for (uint32_t id : ids)
            {
                homeUsers.insert(m_sender.at(id));
            }
            NS_TEST_ASSERT_MSG_EQ(homeUsers.size(),
                                  std::min<size_t>(users, ids.size()),
                                  "home " << sc.nodes[home].id << " uses all its users");
            std::vector<uint32_t> order(homeUsers.begin(), homeUsers.end());
            std::map<uint32_t, uint32_t> share;
            for (uint32_t k = 0; k < ids.size(); ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(m_sender.at(ids[k]),
                                      order[k % users],
                                      "request " << ids[k] << " of home " << sc.nodes[home].id);
                NS_TEST_ASSERT_MSG_EQ(m_ender.at(ids[k]), m_sender.at(ids[k]), "ends at sender");
                ++share[m_sender.at(ids[k])];
            }
            for (uint32_t u = 0; u < users; ++u)
            {
                uint32_t expect = static_cast<uint32_t>((ids.size() + users - 1 - u) / users);
                NS_TEST_ASSERT_MSG_EQ(share[order[u]], expect, "share of user " << u);
                NS_TEST_ASSERT_MSG_EQ(allUsers.insert(order[u]).second, true, "disjoint users");
            }
        }
        // The clients' own records agree with the traces.
        uint32_t recorded = 0;
        for (uint32_t i = 0; i < m_clients.size(); ++i)
        {
            for (const auto& [seq, rec] : m_clients[i]->GetRecords())
            {
                const uint32_t id = rec.msg.requestId;
                NS_TEST_ASSERT_MSG_EQ(rec.msg.seq, seq, "records keyed by sequence number");
                NS_TEST_ASSERT_MSG_EQ(m_sender.at(id), m_clientNode[i], "record at the sender");
                NS_TEST_ASSERT_MSG_EQ(rec.ended, true, "request " << id << " ended");
                ++recorded;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(recorded, n, "records add up");
        m_clients.clear();
    }
};

/// A plan file is checked before it is simulated: every violation refused, by file and reason.
class PlanFileCheckedTestCase : public TestCase
{
  public:
    PlanFileCheckedTestCase()
        : TestCase("a plan file that breaks a constraint or names another scenario is refused")
    {
    }

  private:
    /**
     * \brief Write the plan (with the scenario name given), obtain it, expect a refusal.
     * \param p the problem
     * \param plan the plan
     * \param name the scenario name written into the file
     * \param what the case
     * \param word a word the error must contain
     */
    void ExpectRefused(const PlanningProblem& p,
                       const PlacementPlan& plan,
                       const std::string& name,
                       const std::string& what,
                       const std::string& word)
    {
        std::string f = CreateTempDirFilename("plan-" + std::to_string(m_n++) + ".json");
        PlanIo::Write(p, plan, "test", f);
        if (name != p.GetScenario().name)
        {
            std::ifstream in(f);
            nlohmann::json j = nlohmann::json::parse(in);
            in.close();
            j["scenario"] = name;
            std::ofstream(f) << j.dump();
        }
        MecPfmPlanChoice c = MecPfmPlanHelper::Obtain(p, "rounding", f, 0);
        NS_TEST_EXPECT_MSG_EQ(c.ok, false, what << ": not refused");
        NS_TEST_EXPECT_MSG_NE(c.error.find(f), std::string::npos, what << ": " << c.error);
        NS_TEST_EXPECT_MSG_NE(c.error.find(word), std::string::npos, what << ": " << c.error);
    }

    void DoRun() override
    {
        PlanningProblem p(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json")));
        const auto& cat = p.GetCatalogue();
        PlanResult r = PfmPlanner::CreateByName("nearest-greedy")->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, "a plan to spoil");
        // The good plan is accepted.
        std::string good = CreateTempDirFilename("good.json");
        PlanIo::Write(p, r.plan, "test", good);
        NS_TEST_ASSERT_MSG_EQ(MecPfmPlanHelper::Obtain(p, "rounding", good, 0).ok, true, "good");
        // Another scenario's plan.
        ExpectRefused(p, r.plan, "geant-default", "other scenario", "is for scenario");
        // A model listed without its blocks.
        PlacementPlan noBlocks = PlacementPlan::CloudOnly(p);
        noBlocks.models[0] = {0};
        ExpectRefused(p, noBlocks, p.GetScenario().name, "model without blocks", "lacks block");
        // Storage exceeded: every block at cloudlet 0.
        PlacementPlan full = PlacementPlan::CloudOnly(p);
        for (uint32_t k = 0; k < cat.GetNBlocks(); ++k)
        {
            full.heldBlocks[0].push_back(k);
        }
        ExpectRefused(p, full, p.GetScenario().name, "storage", "storage is");
        // A request sent to a cloudlet that holds no model.
        PlacementPlan nowhere = PlacementPlan::CloudOnly(p);
        nowhere.decisions[0].site = 0;
        ExpectRefused(p, nowhere, p.GetScenario().name, "site without the model", "not available");
        // A request served by a model that is not its candidate (another task, or below its
        // floor).
        PlacementPlan wrong = PlacementPlan::CloudOnly(p);
        const auto& cands = p.GetClasses()[p.GetRequestClass()[0]].candidates;
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            if (!std::binary_search(cands.begin(), cands.end(), m))
            {
                wrong.decisions[0].model = m;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_NE(wrong.decisions[0].model, cands.front(), "a non-candidate exists");
        ExpectRefused(p, wrong, p.GetScenario().name, "not a candidate", "not a candidate");
    }

    uint32_t m_n{0}; //!< file counter
};

/// The suite.
class MecPfmSimulationTestSuite : public TestSuite
{
  public:
    MecPfmSimulationTestSuite()
        : TestSuite("mec-pfm-simulation", UNIT)
    {
        AddTestCase(new IdleRequestTestCase, TestCase::QUICK);
        AddTestCase(new SiblingUnionTestCase, TestCase::QUICK);
        AddTestCase(new CoalesceTestCase, TestCase::QUICK);
        AddTestCase(new FifoWaitTestCase, TestCase::QUICK);
        AddTestCase(new AccountingTestCase, TestCase::QUICK);
        AddTestCase(new RerouteTestCase, TestCase::QUICK);
        AddTestCase(new PullFailureFailsRequestTestCase, TestCase::QUICK);
        AddTestCase(new PoissonModeTestCase, TestCase::QUICK);
        AddTestCase(new TraceSourcesFireTestCase, TestCase::QUICK);
        AddTestCase(new UsersPerHomeTestCase, TestCase::QUICK);
        AddTestCase(new PlanFileCheckedTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmSimulationTestSuite g_mecPfmSimulationTestSuite;
