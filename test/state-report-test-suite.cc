/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-client.h"
#include "ns3/block-store.h"
#include "ns3/cloudlet-app.h"
#include "ns3/config.h"
#include "ns3/context-features.h"
#include "ns3/lints-policy.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/mec-pfm-online-helper.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/node-list.h"
#include "ns3/packet.h"
#include "ns3/pfm-site-app.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"
#include "ns3/reported-site-state-view.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/site-state-header.h"
#include "ns3/test.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * State reports (doc/mpi.rst, "Decisions and state across ranks"): the SiteStateHeader's
 * wire format against hand-computed bytes; the ReportedSiteStateView's rules; in a run of
 * scenarios/two-cloudlets.json with reports, the state every decision reads of a remote site
 * against that site's state as the test itself read it when the report was sent, and its age
 * against T plus the one-way delay; the decisions of live reads and of reports at small T.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * \param blocks the block indices set
 * \param n bits
 * \return the bitmap
 */
std::vector<bool>
Bits(const std::set<uint32_t>& blocks, uint32_t n)
{
    std::vector<bool> v(n, false);
    for (uint32_t b : blocks)
    {
        v[b] = true;
    }
    return v;
}

} // namespace

/// The header's size, bytes and round trip, computed by hand.
class SiteStateHeaderTestCase : public TestCase
{
  public:
    SiteStateHeaderTestCase()
        : TestCase("SiteStateHeader: hand-computed size and bytes, round trip")
    {
    }

  private:
    void DoRun() override
    {
        SiteStateReport r;
        r.site = 7;
        r.stamp = TimeStep(0x0102030405060708LL);
        r.queueLength = 5;
        r.busyServers = 2;
        r.pullsInFlight = 3;
        r.stored = Bits({0, 3, 9}, 10);
        r.pullPending = Bits({1, 8}, 10);
        SiteStateHeader h;
        h.SetReport(r);
        // 6 fixed fields (4 + 8 + 4 + 4 + 4 + 4 = 28 bytes) and two bitmaps of ceil(10/8) = 2.
        NS_TEST_ASSERT_MSG_EQ(h.GetSerializedSize(), 32u, "28 + 2 x 2 bytes");
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 32u, "the datagram is the header");
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        // Network order: site 7 = 00 00 00 07; the stamp's bytes 01..08; n = 10 at 24..27.
        const std::vector<uint8_t> head = {0, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8};
        NS_TEST_ASSERT_MSG_EQ(std::equal(head.begin(), head.end(), bytes.begin()),
                              true,
                              "site and stamp in network order");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[15]), 5u, "queue length");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[19]), 2u, "busy servers");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[23]), 3u, "pulls");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[27]), 10u, "blocks");
        // Stored {0, 3, 9}: byte 0 = bits 0 and 3 = 0x09, byte 1 = bit 1 (block 9) = 0x02.
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[28]), 0x09u, "stored, blocks 0..7");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[29]), 0x02u, "stored, blocks 8..9");
        // Pending {1, 8}: 0x02, 0x01.
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[30]), 0x02u, "pending, blocks 0..7");
        NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[31]), 0x01u, "pending, blocks 8..9");

        SiteStateHeader back;
        p->RemoveHeader(back);
        const SiteStateReport& q = back.GetReport();
        NS_TEST_ASSERT_MSG_EQ(q.site, 7u, "site");
        NS_TEST_ASSERT_MSG_EQ(q.stamp, r.stamp, "stamp");
        NS_TEST_ASSERT_MSG_EQ(q.SameState(r), true, "every field survives");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 0u, "read whole");

        // The DC's report has no bitmaps: 28 bytes. A pending bitmap shorter than the stored
        // one is padded with false.
        SiteStateReport dc;
        dc.site = 2;
        SiteStateHeader hd;
        hd.SetReport(dc);
        NS_TEST_ASSERT_MSG_EQ(hd.GetSerializedSize(), 28u, "no blocks: the fixed part");
        SiteStateReport shortPending = r;
        shortPending.pullPending = Bits({1}, 2);
        SiteStateHeader hs;
        hs.SetReport(shortPending);
        NS_TEST_ASSERT_MSG_EQ((hs.GetReport().pullPending == Bits({1}, 10)), true, "padded");
    }
};

/// ReportedSiteStateView: newest report wins, the initial state before any, the sums.
class ReportedViewTestCase : public TestCase
{
  public:
    ReportedViewTestCase()
        : TestCase("ReportedSiteStateView: initial state, newest report, byte sums")
    {
    }

  private:
    void DoRun() override
    {
        // two-cloudlets: blocks base (2e9 B), lora-qa, lora-chat (8e6 B each), small (1e9 B);
        // c2 (site 1) starts with base; site 2 is the DC.
        PlanningProblem p(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json")));
        const auto& cat = p.GetCatalogue();
        const uint32_t n = cat.GetNBlocks();
        NS_TEST_ASSERT_MSG_EQ(n, 4u, "four blocks");
        ReportedSiteStateView v(p);
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            double initial = 0;
            for (uint32_t b : cat.GetModels()[m].blocks)
            {
                initial += cat.GetBlocks()[b].id == "base" ? 2e9 : 0.0;
            }
            NS_TEST_ASSERT_MSG_EQ(v.GetResidentBytes(1, m), initial, "c2 starts with base");
            NS_TEST_ASSERT_MSG_EQ(v.GetResidentBytes(0, m), 0.0, "c1 starts empty");
            NS_TEST_ASSERT_MSG_EQ(v.GetResidentBytes(2, m), cat.GetModelBytes(m), "the DC: all");
        }
        NS_TEST_ASSERT_MSG_EQ(v.GetQueueLength(0), 0u, "no report: empty queue");
        NS_TEST_ASSERT_MSG_EQ(v.GetPendingPullBytes(0), 0.0, "no report: no pulls");

        SiteStateReport r;
        r.site = 0;
        r.stamp = Seconds(2);
        r.queueLength = 4;
        r.busyServers = 1;
        r.pullsInFlight = 2;
        std::set<uint32_t> all;
        for (uint32_t b = 0; b < n; ++b)
        {
            all.insert(b);
        }
        r.stored = Bits(all, n);
        r.pullPending = Bits(all, n);
        NS_TEST_ASSERT_MSG_EQ(v.Update(r), true, "first report");
        NS_TEST_ASSERT_MSG_EQ(v.GetQueueLength(0), 4u, "queue");
        NS_TEST_ASSERT_MSG_EQ(v.GetBusyServers(0), 1u, "busy");
        NS_TEST_ASSERT_MSG_EQ(v.GetPullsInFlight(0), 2u, "pulls");
        NS_TEST_ASSERT_MSG_EQ_TOL(v.GetPendingPullBytes(0), 3.016e9, 1, "every unique byte");
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            NS_TEST_ASSERT_MSG_EQ(v.GetResidentBytes(0, m), cat.GetModelBytes(m), "all stored");
        }
        SiteStateReport older = r;
        older.stamp = Seconds(1);
        older.queueLength = 9;
        NS_TEST_ASSERT_MSG_EQ(v.Update(older), false, "an older report is ignored");
        NS_TEST_ASSERT_MSG_EQ(v.GetQueueLength(0), 4u, "still the newer one");
        SiteStateReport newer = r;
        newer.stamp = Seconds(3);
        newer.queueLength = 1;
        newer.stored.assign(n, false);
        NS_TEST_ASSERT_MSG_EQ(v.Update(newer), true, "a newer one replaces it");
        NS_TEST_ASSERT_MSG_EQ(v.GetQueueLength(0), 1u, "newer queue");
        NS_TEST_ASSERT_MSG_EQ(v.GetResidentBytes(0, 0), 0.0, "nothing stored now");
        NS_TEST_ASSERT_MSG_EQ(v.GetReport(1), nullptr, "no report of c2");
    }
};

namespace
{

/// A site's state as the test reads it from the site's objects.
struct Truth
{
    uint32_t queue{0};          //!< requests at the site
    uint32_t busy{0};           //!< busy servers
    uint32_t pulls{0};          //!< pulls queued or running
    std::set<uint32_t> stored;  //!< blocks stored
    std::set<uint32_t> pending; //!< blocks being pulled
};

/// What one decision read of one arm's site.
struct Read
{
    double timeS{0};    //!< decision time
    uint32_t home{0};   //!< deciding home
    uint32_t site{0};   //!< the arm's site
    uint32_t model{0};  //!< the arm's model
    double qlen{0};     //!< QLEN
    double busy{0};     //!< BUSY (fraction)
    double pulls{0};    //!< PULLS
    double resident{0}; //!< RESIDENT (fraction)
    double backlog{0};  //!< BACKLOG (seconds)
};

/// lints, recording what each decision reads of every arm's site before deciding.
class ProbePolicy : public LintsPolicy
{
  public:
    uint32_t Decide(AdmissionQuery& query) override
    {
        const auto& arms = query.GetArms();
        const auto qlen = query.Observe(ContextFeatures::QLEN);
        const auto busy = query.Observe(ContextFeatures::BUSY);
        const auto pulls = query.Observe(ContextFeatures::PULLS);
        const auto resident = query.Observe(ContextFeatures::RESIDENT);
        const auto backlog = query.Observe(ContextFeatures::BACKLOG);
        if (!snapshot.IsNull())
        {
            snapshot(); // the test reads the live state of every arm's site now
        }
        for (uint32_t a = 0; a < arms.size(); ++a)
        {
            if (arms[a].reject)
            {
                continue;
            }
            reads.push_back({query.GetTime(),
                             query.GetHomeSite(),
                             arms[a].site,
                             arms[a].model,
                             qlen[a],
                             busy[a],
                             pulls[a],
                             resident[a],
                             backlog[a]});
        }
        return LintsPolicy::Decide(query);
    }

    std::vector<Read> reads; //!< every read, in decision order
    Callback<void> snapshot; //!< called at each decision, before its reads are recorded
};

} // namespace

/**
 * Every decision under StateView "reports" reads a remote site's state as that site was when
 * it sent the newest report the home had received, and that report is at most T plus the
 * one-way delay old.
 */
class ReportedStateReadTestCase : public TestCase
{
  public:
    ReportedStateReadTestCase()
        : TestCase("reports: a decision reads the remote site's state at the report's send time")
    {
    }

  private:
    /// \brief Find the site applications (called before the run).
    void Connect()
    {
        for (auto n = NodeList::Begin(); n != NodeList::End(); ++n)
        {
            for (uint32_t i = 0; i < (*n)->GetNApplications(); ++i)
            {
                if (Ptr<PfmSiteApp> app = DynamicCast<PfmSiteApp>((*n)->GetApplication(i)))
                {
                    m_apps[app->GetSite()] = app;
                    app->TraceConnectWithoutContext(
                        "StateReportSent",
                        MakeCallback(&ReportedStateReadTestCase::Sent, this));
                    app->TraceConnectWithoutContext(
                        "StateReportReceived",
                        MakeBoundCallback(&ReportedStateReadTestCase::ReceivedAt,
                                          this,
                                          app->GetSite()));
                }
            }
        }
    }

    /**
     * \param site a site
     * \return its state now, read from its objects
     */
    Truth ReadNow(uint32_t site) const
    {
        Ptr<PfmSiteApp> app = m_apps.at(site);
        Truth t;
        t.queue = app->GetQueueLength();
        t.busy = app->GetBusyServers();
        if (Ptr<CloudletApp> c = DynamicCast<CloudletApp>(app))
        {
            for (uint32_t b = 0; b < m_problem->GetCatalogue().GetNBlocks(); ++b)
            {
                if (c->GetBlockStore()->Has(b))
                {
                    t.stored.insert(b);
                }
                if (c->GetPullClient()->IsPending(b))
                {
                    t.pending.insert(b);
                }
            }
            t.pulls = c->GetPullClient()->GetRunning() + c->GetPullClient()->GetQueued();
        }
        return t;
    }

    /// \brief A decision is under way: read every site's state now (the reads to come).
    void Snapshot()
    {
        std::map<uint32_t, Truth> now;
        for (const auto& [site, app] : m_apps)
        {
            now[site] = ReadNow(site);
        }
        m_live.push_back({m_policy->reads.size(), now});
    }

    /// \param r a report sent now: record the sender's state as the test reads it
    void Sent(const SiteStateReport& r)
    {
        m_truth[{r.site, r.stamp.GetTimeStep()}] = ReadNow(r.site);
        ++m_sent;
    }

    /**
     * \param self the test
     * \param at the receiving site
     * \param r the report
     */
    static void ReceivedAt(ReportedStateReadTestCase* self, uint32_t at, const SiteStateReport& r)
    {
        // Receptions are ordered against decisions by the number of reads taken so far:
        // one at the same time step as a decision is before it exactly when it came first.
        self->m_received[{at, r.site}].push_back({self->m_policy->reads.size(), r.stamp});
        const double oneWay = (Simulator::Now() - r.stamp).GetSeconds();
        auto d = self->m_oneWay.try_emplace({r.site, at}, oneWay, oneWay).first;
        d->second.first = std::min(d->second.first, oneWay);
        d->second.second = std::max(d->second.second, oneWay);
    }

    /**
     * \param site a site
     * \param model a model
     * \param blocks blocks stored
     * \return the model's stored bytes (the DC: all)
     */
    double ResidentOf(uint32_t site, uint32_t model, const std::set<uint32_t>& blocks) const
    {
        const auto& cat = m_problem->GetCatalogue();
        double bytes = 0;
        for (uint32_t b : cat.GetModels()[model].blocks)
        {
            bytes += m_problem->IsDc(site) || blocks.count(b) ? cat.GetBlocks()[b].bytes : 0.0;
        }
        return bytes;
    }

    /**
     * \param read one read of a remote site
     * \param t the truth it must equal
     */
    void CheckRead(const Read& read, const Truth& t)
    {
        const auto& cat = m_problem->GetCatalogue();
        const double servers = std::max<uint32_t>(
            1,
            m_problem->GetScenario().nodes[m_problem->GetSiteNode(read.site)].accelerators);
        double pending = 0;
        for (uint32_t b : t.pending)
        {
            pending += cat.GetBlocks()[b].bytes;
        }
        NS_TEST_EXPECT_MSG_EQ(read.qlen, double(t.queue), "queue of site " << read.site);
        NS_TEST_EXPECT_MSG_EQ_TOL(read.busy, t.busy / servers, 1e-12, "busy " << read.site);
        NS_TEST_EXPECT_MSG_EQ(read.pulls, double(t.pulls), "pulls of site " << read.site);
        NS_TEST_EXPECT_MSG_EQ_TOL(read.resident,
                                  ResidentOf(read.site, read.model, t.stored) /
                                      cat.GetModelBytes(read.model),
                                  1e-12,
                                  "resident fraction at site " << read.site);
        NS_TEST_EXPECT_MSG_EQ_TOL(read.backlog,
                                  m_problem->GetPullTime(read.site, pending),
                                  1e-12,
                                  "backlog of site " << read.site);
    }

    void DoRun() override
    {
        m_problem = std::make_shared<const PlanningProblem>(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json")));
        Ptr<ProbePolicy> policy = CreateObject<ProbePolicy>();
        policy->AssignStreams(0);
        MecPfmRunner run(m_problem, PlacementPlan::CloudOnly(*m_problem), "lints");
        MecPfmRunConfig cfg;
        cfg.policy = policy;
        cfg.timeoutS = 60;
        cfg.stateReportS = m_T;
        cfg.beforeRun = MakeCallback(&ReportedStateReadTestCase::Connect, this);
        m_policy = policy;
        policy->snapshot = MakeCallback(&ReportedStateReadTestCase::Snapshot, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        NS_TEST_ASSERT_MSG_EQ(run.GetController()->GetStateViewMode(),
                              MecPfmController::REPORTS,
                              "the runner chose reports");
        const uint32_t n = static_cast<uint32_t>(m_problem->GetScenario().requests.size());
        NS_TEST_ASSERT_MSG_EQ(run.GetSummary().completed, n, "every request completes");
        NS_TEST_ASSERT_MSG_GT(m_sent, 0u, "reports were sent");
        CheckReads();
        Simulator::Destroy();
    }

    /// \brief Check every read of a remote site against the truth at its report's send time.
    void CheckReads()
    {
        uint32_t remote = 0;
        uint32_t stale = 0;
        double maxAge = 0;
        for (uint64_t i = 0; i < m_policy->reads.size(); ++i)
        {
            const Read& r = m_policy->reads[i];
            if (r.site == r.home)
            {
                continue; // the home's own state is read live
            }
            ++remote;
            // The newest report of r.site that had reached the home before this read.
            const Time stamp = NewestBefore(r.home, r.site, i);
            NS_TEST_ASSERT_MSG_EQ(stamp.IsPositive() || stamp.IsZero(), true, "a report");
            auto truth = m_truth.find({r.site, stamp.GetTimeStep()});
            NS_TEST_ASSERT_MSG_EQ((truth != m_truth.end()), true, "the report was sent");
            CheckRead(r, truth->second);
            stale += Differs(truth->second, LiveAt(i).at(r.site)) ? 1 : 0;
            const double age = r.timeS - stamp.GetSeconds();
            const auto d = m_oneWay.at({r.site, r.home});
            maxAge = std::max(maxAge, age);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(age, m_T + d.second + 1e-9, "age <= T + one-way delay");
            // Physics: no report arrives faster than the route's propagation delay.
            NS_TEST_EXPECT_MSG_GT_OR_EQ(d.first,
                                        m_problem->GetRoute(r.site, r.home).delayS - 1e-12,
                                        "one-way delay >= propagation " << r.site << ">" << r.home);
        }
        NS_TEST_ASSERT_MSG_GT(remote, 10u, "decisions read remote sites");
        // The check has teeth: some reads saw a state that live reads would not have.
        NS_TEST_ASSERT_MSG_GT(stale, 0u, "some reports were out of date at the decision");
        std::cout << "state reports: " << remote << " remote reads, " << stale
                  << " of them out of date, largest age " << maxAge << " s (T = " << m_T << " s)\n";
    }

    /**
     * \param a a state
     * \param b another
     * \return true if they differ in anything a decision reads
     */
    static bool Differs(const Truth& a, const Truth& b)
    {
        return a.queue != b.queue || a.busy != b.busy || a.pulls != b.pulls ||
               a.stored != b.stored || a.pending != b.pending;
    }

    /**
     * \param read a read's index
     * \return the live state of every site at the read's decision
     */
    const std::map<uint32_t, Truth>& LiveAt(uint64_t read) const
    {
        const std::map<uint32_t, Truth>* at = nullptr;
        for (const auto& [first, states] : m_live)
        {
            at = first <= read ? &states : at;
        }
        NS_ABORT_MSG_IF(!at, "no snapshot before read " << read);
        return *at;
    }

    /**
     * \param home the receiving site
     * \param site the reporting site
     * \param read a read's index
     * \return the stamp of the newest report of site received by home before the read
     *         (negative: none)
     */
    Time NewestBefore(uint32_t home, uint32_t site, uint64_t read) const
    {
        Time best = TimeStep(-1);
        auto it = m_received.find({home, site});
        if (it == m_received.end())
        {
            return best;
        }
        for (const auto& [readsBefore, stamp] : it->second)
        {
            if (readsBefore <= read)
            {
                best = std::max(best, stamp);
            }
        }
        return best;
    }

    std::shared_ptr<const PlanningProblem> m_problem;      //!< problem
    Ptr<ProbePolicy> m_policy;                             //!< the deciding policy
    std::map<uint32_t, Ptr<PfmSiteApp>> m_apps;            //!< site applications by site
    std::map<std::pair<uint32_t, int64_t>, Truth> m_truth; //!< (site, stamp) -> state then
    /// (at, site) -> (reads taken before it arrived, stamp) of every report received
    std::map<std::pair<uint32_t, uint32_t>, std::vector<std::pair<uint64_t, Time>>> m_received;
    /// (from, to) -> least and largest one-way delay of a report
    std::map<std::pair<uint32_t, uint32_t>, std::pair<double, double>> m_oneWay;
    /// (reads recorded before, every site's live state) at each decision
    std::vector<std::pair<uint64_t, std::map<uint32_t, Truth>>> m_live;
    uint32_t m_sent{0};     //!< reports sent
    const double m_T{0.05}; //!< report interval, seconds
};

/**
 * With T small against the gaps between arrivals, deciding from reports decides as live reads
 * do on two-cloudlets; without reports (the default) no report is sent.
 */
class LiveAndReportsAgreeTestCase : public TestCase
{
  public:
    LiveAndReportsAgreeTestCase()
        : TestCase("reports at small T decide as live reads (two-cloudlets); live sends none")
    {
    }

  private:
    /// \brief A report was sent (any site).
    void Sent(std::string, const SiteStateReport&)
    {
        ++m_sent;
    }

    /// \brief Count the reports of every site (before the run).
    void Connect()
    {
        Config::Connect("/NodeList/*/ApplicationList/*/$ns3::mecpfm::PfmSiteApp/StateReportSent",
                        MakeCallback(&LiveAndReportsAgreeTestCase::Sent, this));
    }

    /**
     * \param T the report interval (0: live reads)
     * \param policyName the policy
     * \return (site, model) per decision, -1 for a rejection, in decision order by request
     */
    std::map<uint32_t, std::pair<int64_t, int64_t>> Decisions(double T,
                                                              const std::string& policyName)
    {
        auto problem = std::make_shared<const PlanningProblem>(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json")));
        Ptr<AdmissionPolicy> policy = AdmissionPolicy::CreateByName(policyName);
        policy->AssignStreams(0);
        MecPfmRunner run(problem, PlacementPlan::CloudOnly(*problem), policyName);
        MecPfmRunConfig cfg;
        cfg.policy = policy;
        cfg.timeoutS = 60;
        cfg.stateReportS = T;
        cfg.beforeRun = MakeCallback(&LiveAndReportsAgreeTestCase::Connect, this);
        m_sent = 0;
        std::map<uint32_t, std::pair<int64_t, int64_t>> d;
        NS_TEST_EXPECT_MSG_EQ(run.Run(cfg), true, run.GetError());
        for (const OnlineRecord& r : run.GetController()->GetRecords())
        {
            d[r.requestId] = {r.site, r.model};
        }
        NS_TEST_EXPECT_MSG_EQ(run.GetSummary().completed,
                              problem->GetScenario().requests.size(),
                              "every request completes (T = " << T << ")");
        Simulator::Destroy();
        return d;
    }

    void DoRun() override
    {
        // Arrivals come in groups 0.5 s apart (same-instant arrivals are decided microseconds
        // apart, but a request forwarded by one of them needs the one-way delay, 3 ms or
        // more, to reach its serving site, so a live read does not see it there either).
        for (const std::string policy : {"lints", "tsrc"})
        {
            const auto live = Decisions(0, policy);
            NS_TEST_EXPECT_MSG_EQ(m_sent, 0u, "live reads: no report is sent");
            for (double T : {0.001, 0.01})
            {
                const auto reported = Decisions(T, policy);
                NS_TEST_EXPECT_MSG_GT(m_sent, 0u, "reports were sent");
                NS_TEST_EXPECT_MSG_EQ(reported.size(), live.size(), "every request decided");
                for (const auto& [id, arm] : live)
                {
                    NS_TEST_EXPECT_MSG_EQ((reported.at(id) == arm),
                                          true,
                                          policy << ", T = " << T << ": request " << id);
                }
            }
        }
    }

    uint32_t m_sent{0}; //!< reports sent in the current run
};

/// Bad report intervals are refused, naming the option or field.
class StateReportConfigTestCase : public TestCase
{
  public:
    StateReportConfigTestCase()
        : TestCase("bad state report intervals are refused, naming the knob")
    {
    }

  private:
    void DoRun() override
    {
        MecPfmRunConfig cfg;
        cfg.stateReportS = -1;
        NS_TEST_EXPECT_MSG_EQ(MecPfmRunner::CheckConfig(cfg).rfind("stateReportS:", 0),
                              0u,
                              MecPfmRunner::CheckConfig(cfg));
        cfg.stateReportS = 0.1;
        NS_TEST_EXPECT_MSG_EQ(MecPfmRunner::CheckConfig(cfg), "", "0.1 s is fine");
        auto problem = std::make_shared<const PlanningProblem>(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json")));
        MecPfmOnlineHelper helper(problem);
        OnlineConfig c;
        c.stateReportS = 0.1;
        const std::string replay = helper.Check({"lints"}, "replay", 4, 1, c);
        NS_TEST_EXPECT_MSG_EQ(replay.rfind("--stateReports:", 0), 0u, replay);
        NS_TEST_EXPECT_MSG_EQ(helper.Check({"lints"}, "packet", 4, 1, c), "", "packet mode");
        c.stateReportS = -0.5;
        const std::string negative = helper.Check({"lints"}, "packet", 4, 1, c);
        NS_TEST_EXPECT_MSG_EQ(negative.rfind("--stateReports:", 0), 0u, negative);
        c.stateReportS = 0;
        c.stateReportOnChange = true;
        const std::string onChange = helper.Check({"lints"}, "packet", 4, 1, c);
        NS_TEST_EXPECT_MSG_EQ(onChange.rfind("--onChange:", 0), 0u, onChange);
    }
};

/// The suite.
class StateReportTestSuite : public TestSuite
{
  public:
    StateReportTestSuite()
        : TestSuite("mec-pfm-state-reports", UNIT)
    {
        AddTestCase(new SiteStateHeaderTestCase, TestCase::QUICK);
        AddTestCase(new ReportedViewTestCase, TestCase::QUICK);
        AddTestCase(new StateReportConfigTestCase, TestCase::QUICK);
        AddTestCase(new ReportedStateReadTestCase, TestCase::QUICK);
        AddTestCase(new LiveAndReportsAgreeTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static StateReportTestSuite g_stateReportTestSuite;
