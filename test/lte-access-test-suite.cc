/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm-tests
 * LteAccessNetwork: users reach the cloudlet of their eNB over ns-3's LTE radio and EPC,
 * a handover moves a user's next requests to the new eNB's cloudlet, every request ends
 * with a status and a reason, and the access part of the delay is the only part that LTE
 * changes. The scenario is scenarios/two-cloudlets.json (two cloudlets, ten requests), its
 * arrivals shifted by one second so that the UEs are attached first (a UE's RRC connection
 * takes a few tens of ms; a request sent before it waits for TCP's SYN retransmission).
 */

#include "ns3/access-delay-probe.h"
#include "ns3/lte-access-network.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/mobility-model.h"
#include "ns3/pfm-planner.h"
#include "ns3/pfm-site-app.h"
#include "ns3/planning-problem.h"
#include "ns3/point-to-point-access-network.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Where a request reached a home cloudlet, and the home its header named.
struct SeenAt
{
    uint32_t node{0}; //!< scenario node of the site that decided
    uint32_t home{0}; //!< the header's home
};

/**
 * \ingroup mec-pfm-tests
 * \brief One run of two-cloudlets (arrivals + 1 s) over an access network, with the home
 * cloudlets' view of each request and the access/backhaul split of its delay.
 */
class LteRun
{
  public:
    /**
     * \param access the access network (null: point-to-point)
     * \param handoverAtS > 0: force the first UE to the second eNB then (LTE only)
     * \param shiftS the arrivals shifted by this many seconds
     */
    LteRun(Ptr<AccessNetwork> access, double handoverAtS, double shiftS = 1.0)
        : m_access(access),
          m_handoverAtS(handoverAtS)
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json"));
        for (auto& r : sc.requests)
        {
            r.arrivalS += shiftS;
        }
        m_problem = std::make_shared<const PlanningProblem>(sc);
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName("ilp");
        m_plan = planner->Solve(*m_problem).plan;
        m_runner = std::make_unique<MecPfmRunner>(m_problem, m_plan, "ilp");
        m_probe = CreateObject<AccessDelayProbe>();
        MecPfmRunConfig cfg;
        cfg.access = access;
        cfg.timeoutS = 6;
        cfg.beforeRun = MakeCallback(&LteRun::BeforeRun, this);
        m_ok = m_runner->Run(cfg);
        Simulator::Destroy();
    }

    bool m_ok{false};                                 //!< Run returned true
    std::shared_ptr<const PlanningProblem> m_problem; //!< the problem
    PlacementPlan m_plan;                             //!< the plan
    std::unique_ptr<MecPfmRunner> m_runner;           //!< the runner
    Ptr<AccessDelayProbe> m_probe;                    //!< access parts
    std::map<uint32_t, SeenAt> m_seen;                //!< by request id
    Ptr<AccessNetwork> m_access;                      //!< the access network
    double m_handoverAtS;                             //!< forced handover time
    std::vector<Vector> m_uePositions;                //!< the UEs' positions at 0 s (LTE)

  private:
    /// Connect the probe and the decision traces; schedule the forced handover.
    void BeforeRun()
    {
        ApplicationContainer sites = m_runner->GetSiteApps();
        m_probe->Connect(sites);
        for (uint32_t i = 0; i < sites.GetN(); ++i)
        {
            Ptr<PfmSiteApp> app = DynamicCast<PfmSiteApp>(sites.Get(i));
            const uint32_t node = m_problem->GetSiteNode(app->GetSite());
            app->TraceConnectWithoutContext("RequestDecided",
                                            MakeBoundCallback(&LteRun::DecidedAt, this, node));
        }
        Ptr<LteAccessNetwork> lte = DynamicCast<LteAccessNetwork>(m_access);
        for (uint32_t i = 0; lte && i < lte->GetUeNodes().GetN(); ++i)
        {
            m_uePositions.push_back(
                lte->GetUeNodes().Get(i)->GetObject<MobilityModel>()->GetPosition());
        }
        if (lte && m_handoverAtS > 0)
        {
            NetDeviceContainer enbs = lte->GetEnbDevices();
            lte->GetLteHelper()->HandoverRequest(Seconds(m_handoverAtS),
                                                 lte->GetUeDevices().Get(0),
                                                 enbs.Get(0),
                                                 enbs.Get(1));
        }
    }

    /**
     * \param run the run
     * \param node the deciding site's node
     * \param msg the request
     * \param d the decision
     */
    static void DecidedAt(LteRun* run,
                          uint32_t node,
                          const InferenceMessage& msg,
                          const RequestDecision& d)
    {
        run->m_seen[msg.requestId] = SeenAt{node, msg.home};
    }
};

/**
 * \param sc a scenario
 * \param id a node's id
 * \return its index
 */
uint32_t
NodeIndex(const MecScenario& sc, const std::string& id)
{
    for (uint32_t v = 0; v < sc.nodes.size(); ++v)
    {
        if (sc.nodes[v].id == id)
        {
            return v;
        }
    }
    return UINT32_MAX;
}

/**
 * \param handover the handover algorithm
 * \return an LTE access network of still UEs
 */
Ptr<LteAccessNetwork>
MakeLte(const std::string& handover)
{
    Ptr<LteAccessNetwork> lte = CreateObject<LteAccessNetwork>();
    lte->SetAttribute("HandoverAlgorithm", StringValue(handover));
    return lte;
}

/**
 * \ingroup mec-pfm-tests
 * \brief Still UEs: each request reaches the cloudlet of its UE's eNB (its scenario home)
 * and ends as planned; the access part is non-zero both ways.
 */
class LteServedByOwnCloudletTestCase : public TestCase
{
  public:
    LteServedByOwnCloudletTestCase()
        : TestCase("LTE: a UE's requests reach its eNB's cloudlet and are answered")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<LteAccessNetwork> lte = MakeLte("ns3::A3RsrpHandoverAlgorithm");
        LteRun run(lte, 0);
        NS_TEST_ASSERT_MSG_EQ(run.m_ok, true, run.m_runner->GetError());
        NS_TEST_ASSERT_MSG_EQ(lte->GetNConnections(), 2u, "both UEs connected");
        NS_TEST_ASSERT_MSG_EQ(lte->GetNHandoverStarts(), 0u, "still UEs near their eNB stay");
        NS_TEST_ASSERT_MSG_LT(lte->GetLastConnection().GetSeconds(), 1.0, "attached by 1 s");
        const auto& requests = run.m_problem->GetScenario().requests;
        for (const auto& r : run.m_runner->GetResults())
        {
            const bool rejected = run.m_plan.decisions[r.id].rejected;
            NS_TEST_ASSERT_MSG_EQ(
                static_cast<int>(r.status),
                static_cast<int>(rejected ? InferenceStatus::REJECTED : InferenceStatus::COMPLETED),
                "request " << r.id << " ends as planned");
            NS_TEST_ASSERT_MSG_EQ(run.m_seen.count(r.id), 1u, "request " << r.id << " seen");
            NS_TEST_ASSERT_MSG_EQ(run.m_seen[r.id].node,
                                  requests[r.id].home,
                                  "request " << r.id << " reached its own eNB's cloudlet");
            AccessDelayParts p = run.m_probe->GetParts(r);
            NS_TEST_ASSERT_MSG_EQ(p.valid, !rejected, "parts of request " << r.id);
            if (p.valid)
            {
                // At least one 1 ms subframe each way, and the UE's scheduling request.
                NS_TEST_ASSERT_MSG_GT(p.accessUpS, 0.001, "uplink radio of " << r.id);
                NS_TEST_ASSERT_MSG_GT(p.accessDownS, 0.001, "downlink radio of " << r.id);
            }
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * \brief The same plan over point-to-point links and over LTE: the backhaul part of each
 * completed request is the same (within 2 ms: TCP's ACK clocking on the forwarding hop
 * sees the same links; the arrivals differ by the access delay), the access part is larger
 * over LTE.
 */
class LteBackhaulMatchesPointToPointTestCase : public TestCase
{
  public:
    LteBackhaulMatchesPointToPointTestCase()
        : TestCase("LTE: backhaul part as over point-to-point access, access part larger")
    {
    }

  private:
    void DoRun() override
    {
        LteRun p2p(nullptr, 0);
        LteRun lte(MakeLte("ns3::A3RsrpHandoverAlgorithm"), 0);
        NS_TEST_ASSERT_MSG_EQ(p2p.m_ok && lte.m_ok, true, "both ran");
        const auto& a = p2p.m_runner->GetResults();
        const auto& b = lte.m_runner->GetResults();
        NS_TEST_ASSERT_MSG_EQ(a.size(), b.size(), "same requests");
        uint32_t compared = 0;
        uint32_t forwarded = 0;
        for (size_t i = 0; i < a.size(); ++i)
        {
            AccessDelayParts pa = p2p.m_probe->GetParts(a[i]);
            AccessDelayParts pb = lte.m_probe->GetParts(b[i]);
            NS_TEST_ASSERT_MSG_EQ(pa.valid, pb.valid, "request " << a[i].id << " both ways");
            if (!pa.valid)
            {
                continue;
            }
            ++compared;
            forwarded += pa.backhaulS > 0.001 ? 1 : 0;
            NS_TEST_ASSERT_MSG_EQ_TOL(pb.backhaulS,
                                      pa.backhaulS,
                                      0.002,
                                      "backhaul part of request " << a[i].id);
            NS_TEST_ASSERT_MSG_GT(pb.accessUpS + pb.accessDownS,
                                  pa.accessUpS + pa.accessDownS,
                                  "LTE access slower than 100 Mb/s links, request " << a[i].id);
        }
        NS_TEST_ASSERT_MSG_GT(compared, 0u, "some requests completed");
        NS_TEST_ASSERT_MSG_GT(forwarded, 0u, "some went over the backhaul (c1's to c2)");
    }
};

/**
 * \ingroup mec-pfm-tests
 * \brief A forced X2 handover of c1's UE to c2's eNB between its requests: its later
 * requests name c2 as home and reach c2's cloudlet; every request ends with a status and
 * a reason (a failure always has one).
 */
class LteHandoverMovesHomeTestCase : public TestCase
{
  public:
    LteHandoverMovesHomeTestCase()
        : TestCase("LTE: after a handover a UE's next requests go to the new home")
    {
    }

  private:
    void DoRun() override
    {
        // c1's requests arrive at 1.5 s (two) and 2.0 s (three), c2's at 3.0 s; the
        // handover command at 1.7 s ends well before 2.0 s.
        Ptr<LteAccessNetwork> lte = MakeLte("ns3::NoOpHandoverAlgorithm");
        LteRun run(lte, 1.7);
        NS_TEST_ASSERT_MSG_EQ(run.m_ok, true, run.m_runner->GetError());
        NS_TEST_ASSERT_MSG_EQ(lte->GetNHandovers(), 1u, "one handover");
        const auto& changes = run.m_runner->GetHomeChanges();
        NS_TEST_ASSERT_MSG_EQ(changes.size(), 1u, "one home change");
        const uint32_t c1 = NodeIndex(run.m_problem->GetScenario(), "c1");
        const uint32_t c2 = NodeIndex(run.m_problem->GetScenario(), "c2");
        NS_TEST_ASSERT_MSG_EQ(changes[0].from, c1, "from c1");
        NS_TEST_ASSERT_MSG_EQ(changes[0].to, c2, "to c2");
        NS_TEST_ASSERT_MSG_LT(changes[0].timeS, 2.0, "done before the next requests");
        NS_TEST_ASSERT_MSG_EQ(lte->GetServingCloudlet(0)->GetId(),
                              lte->GetServingCloudlet(1)->GetId(),
                              "both UEs now served by c2's cloudlet");
        uint32_t moved = 0;
        for (const auto& r : run.m_runner->GetResults())
        {
            const auto& q = run.m_problem->GetScenario().requests[r.id];
            const bool ended = r.recvS >= 0;
            const bool failed = r.status == InferenceStatus::FAILED;
            const bool hasReason = r.reason != FailureReason::NONE;
            NS_TEST_ASSERT_MSG_EQ(ended, true, "request " << r.id << " ended");
            NS_TEST_ASSERT_MSG_EQ(failed, hasReason, "a failure has a reason, request " << r.id);
            const bool after = q.home == c1 && r.sendS > changes[0].timeS;
            const uint32_t expect = after ? c2 : q.home;
            NS_TEST_ASSERT_MSG_EQ(run.m_seen.at(r.id).node, expect, "home site of " << r.id);
            NS_TEST_ASSERT_MSG_EQ(run.m_seen.at(r.id).home, expect, "header home of " << r.id);
            moved += after ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(moved, 3u, "c1's three later requests moved to c2");
    }
};

/**
 * \ingroup mec-pfm-tests
 * \brief UEs moved by an ns-2 movement trace (test/data/lte-trace-two-cells.ns2): they
 * start where the trace puts them; c1's UE, walked by the trace into c2's eNB's area
 * (0.2 s to 0.6 s), is handed over by the A3 algorithm (not forced), and its next
 * requests (from 2.5 s) name and reach c2's cloudlet; c2's UE stays.
 */
class LteTraceMovesHomeTestCase : public TestCase
{
  public:
    LteTraceMovesHomeTestCase()
        : TestCase("LTE: a UE the ns-2 trace moves to another eNB's area changes home")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<LteAccessNetwork> lte = MakeLte("ns3::A3RsrpHandoverAlgorithm");
        lte->SetAttribute("MobilityTrace",
                          StringValue(MecPfmResolvePath("test/data/lte-trace-two-cells.ns2")));
        LteRun run(lte, 0, 2.0);
        NS_TEST_ASSERT_MSG_EQ(run.m_ok, true, run.m_runner->GetError());
        // The trace's initial positions (its nodes 0 and 1 are the UEs in Attach order).
        NS_TEST_ASSERT_MSG_EQ(run.m_uePositions.size(), 2u, "two UEs");
        NS_TEST_ASSERT_MSG_EQ_TOL(run.m_uePositions[0].x, 50.0, 1e-9, "UE 0 x");
        NS_TEST_ASSERT_MSG_EQ_TOL(run.m_uePositions[0].y, 20.0, 1e-9, "UE 0 y");
        NS_TEST_ASSERT_MSG_EQ_TOL(run.m_uePositions[1].x, 450.0, 1e-9, "UE 1 x");
        NS_TEST_ASSERT_MSG_EQ_TOL(run.m_uePositions[1].y, -20.0, 1e-9, "UE 1 y");
        NS_TEST_ASSERT_MSG_EQ(lte->GetNHandovers(), 1u, "one handover, UE 0's");
        const auto& changes = run.m_runner->GetHomeChanges();
        NS_TEST_ASSERT_MSG_EQ(changes.size(), 1u, "one home change");
        const MecScenario& sc = run.m_problem->GetScenario();
        const uint32_t c1 = NodeIndex(sc, "c1");
        const uint32_t c2 = NodeIndex(sc, "c2");
        NS_TEST_ASSERT_MSG_EQ(changes[0].from, c1, "from c1");
        NS_TEST_ASSERT_MSG_EQ(changes[0].to, c2, "to c2");
        NS_TEST_ASSERT_MSG_GT(changes[0].timeS, 0.2, "after the trace's move began");
        NS_TEST_ASSERT_MSG_LT(changes[0].timeS, 2.5, "before c1's first request");
        uint32_t moved = 0;
        for (const auto& r : run.m_runner->GetResults())
        {
            NS_TEST_ASSERT_MSG_EQ(run.m_seen.count(r.id), 1u, "request " << r.id << " seen");
            NS_TEST_ASSERT_MSG_EQ(run.m_seen[r.id].node, c2, "request " << r.id << " at c2");
            NS_TEST_ASSERT_MSG_EQ(run.m_seen[r.id].home, c2, "header home of " << r.id);
            moved += sc.requests[r.id].home == c1 ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(moved, 5u, "all five of c1's requests went to c2");
    }
};

/**
 * \ingroup mec-pfm-tests
 * \brief CheckMobilityTrace: a missing file, a line Ns2MobilityHelper would skip, a
 * negative speed, CRLF line ends and a UE without an initial position are refused with the
 * file (and line) named; the shipped traces place the UEs they are written for.
 */
class LteTraceCheckTestCase : public TestCase
{
  public:
    LteTraceCheckTestCase()
        : TestCase("LTE: bad ns-2 movement traces are refused by name and line")
    {
    }

  private:
    /**
     * \param name a file name
     * \param text its content
     * \return its path
     */
    std::string Write(const std::string& name, const std::string& text)
    {
        const std::string path = CreateTempDirFilename(name);
        std::ofstream(path) << text;
        return path;
    }

    void DoRun() override
    {
        const std::string two = MecPfmResolvePath("test/data/lte-trace-two-cells.ns2");
        NS_TEST_ASSERT_MSG_EQ(LteAccessNetwork::CheckMobilityTrace(two, 2), "", "two UEs");
        const std::string crossing = MecPfmResolvePath("scenarios/lte-crossing.ns2");
        NS_TEST_ASSERT_MSG_EQ(LteAccessNetwork::CheckMobilityTrace(crossing, 96), "", "4 x 24 UEs");
        NS_TEST_ASSERT_MSG_EQ(LteAccessNetwork::CheckMobilityTrace(crossing, 97),
                              crossing + ": no initial position of $node_(96) (\"$node_(96) set "
                                         "X_ x\" and \"... set Y_ y\"): the trace must place "
                                         "each of the 97 UEs (its node i is the i-th UE)",
                              "a 97th UE");
        const std::string none = CreateTempDirFilename("no-such.ns2");
        NS_TEST_ASSERT_MSG_EQ(LteAccessNetwork::CheckMobilityTrace(none, 1),
                              none + ": cannot open the mobility trace",
                              "missing file");
        const std::string head = "$node_(0) set X_ 1\n$node_(0) set Y_ 2\n";
        const std::vector<std::pair<std::string, std::string>> bad{
            {"$ns_ at 1 \"$node_(0) setdest 3 4\"\n", ":3: not '$ns_ at t"},
            {"$node_(0) set X_ one\n", ":3: not '$node_(i) set"},
            {"$ns_ at 1 \"$node_(0) setdest 3 4 -5\"\n", ":3: negative speed -5"},
            {"$ns_ at -1 \"$node_(0) set X_ 3\"\n", ":3: negative time -1"},
            {"$node_(0) set Z_ 1.5\r\n", ":3: carriage return"}};
        for (size_t k = 0; k < bad.size(); ++k)
        {
            const std::string f = Write("bad-" + std::to_string(k) + ".ns2", head + bad[k].first);
            const std::string got = LteAccessNetwork::CheckMobilityTrace(f, 1);
            NS_TEST_ASSERT_MSG_EQ(got.rfind(f + bad[k].second, 0), 0u, "case " << k << ": " << got);
        }
        const std::string ok = Write("ok.ns2",
                                     "# comment\n\n" + head +
                                         "$ns_ at 1.5 \"$node_(0) setdest 3 4 5 \" ;\n"
                                         "$ns_ at 2 \"$node_(0) set X_ 7\"  # jump\n");
        NS_TEST_ASSERT_MSG_EQ(LteAccessNetwork::CheckMobilityTrace(ok, 1), "", "good forms");
    }
};

/**
 * \ingroup mec-pfm-tests
 * \brief The LTE access network's suite.
 */
class LteAccessTestSuite : public TestSuite
{
  public:
    LteAccessTestSuite()
        : TestSuite("mec-pfm-lte-access", UNIT)
    {
        AddTestCase(new LteServedByOwnCloudletTestCase, TestCase::QUICK);
        AddTestCase(new LteBackhaulMatchesPointToPointTestCase, TestCase::QUICK);
        AddTestCase(new LteHandoverMovesHomeTestCase, TestCase::QUICK);
        AddTestCase(new LteTraceMovesHomeTestCase, TestCase::QUICK);
        AddTestCase(new LteTraceCheckTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static LteAccessTestSuite g_lteAccessTestSuite;

} // namespace
