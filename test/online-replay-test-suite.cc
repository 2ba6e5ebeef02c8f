/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/admission-policy.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/online-replay.h"
#include "ns3/online-report.h"
#include "ns3/planning-problem.h"
#include "ns3/random-variable-stream.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The replay mode of the online system: one request alone takes the analytical delay of
 * PlanningProblem (plus the pulls of its missing blocks, one after the other); the FCFS
 * queues match the Pollaczek-Khinchine mean wait of M/D/1 and the Erlang C mean wait of
 * M/M/2; a block is never evicted while a decided request needs it; rejections only where
 * allowed; every request ends completed, rejected or failed, for every policy; the same
 * seed gives the same decisions.csv byte for byte.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using namespace ns3::mecpfm::test;

namespace
{

/// A policy that serves with a fixed rule (for the closed forms).
class RulePolicy : public AdmissionPolicy
{
  public:
    /// The rule: the arm to take.
    std::function<uint32_t(AdmissionQuery&)> rule;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::mecpfm::test::RulePolicy")
                                .SetParent<AdmissionPolicy>()
                                .SetGroupName("MecPfm");
        return tid;
    }

    uint32_t Decide(AdmissionQuery& q) override
    {
        return rule(q);
    }
};

/// One request alone: the analytical delay, with and without pulls.
class ClosedFormTestCase : public TestCase
{
  public:
    ClosedFormTestCase()
        : TestCase("replay: a request alone takes the analytical delay (and its pulls)")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t stream = 1; stream <= 20; ++stream)
        {
            TinyOptions o;
            o.requests = 1;
            o.cloudlets = 3;
            MecScenario s = MakeTinyScenario(stream, o);
            PlanningProblem p(s);
            const auto& r = s.requests[0];
            const auto& cat = p.GetCatalogue();
            bool dcOnly = false;
            auto cands = p.GetCandidates(r.task, r.minAccuracy, dcOnly);
            if (cands.empty() || dcOnly)
            {
                continue;
            }
            // The delay alone: the analytical delay plus the pulls of every block of the
            // model not resident, one after the other, each with the DC route's latency.
            auto expect = [&p, &cat, &r](uint32_t site, uint32_t m) {
                double pulls = 0;
                for (uint32_t b : cat.GetModels()[m].blocks)
                {
                    if (!p.IsDc(site) && !p.IsResident(site, b))
                    {
                        pulls += p.GetBlockPullDelay(site, b) + p.GetPullLatency(site);
                    }
                }
                return p.GetRequestDelay(r, m, site) + pulls;
            };
            double best = std::numeric_limits<double>::infinity();
            for (uint32_t m : cands)
            {
                for (uint32_t site = 0; site < p.GetNSites(); ++site)
                {
                    best = std::min(best, expect(site, m));
                }
            }
            for (uint32_t m : cands)
            {
                for (uint32_t site = 0; site < p.GetNSites(); ++site)
                {
                    OnlineConfig cfg;
                    cfg.slotS = 0;
                    OnlineReplay replay(p, cfg);
                    auto policy = CreateObject<RulePolicy>();
                    policy->rule = [site, m](AdmissionQuery& q) {
                        return static_cast<uint32_t>(q.FindArm(site, m));
                    };
                    auto recs = replay.Run(*policy);
                    const double e = expect(site, m);
                    NS_TEST_ASSERT_MSG_EQ((recs[0].outcome == OnlineOutcome::COMPLETED),
                                          true,
                                          "completed");
                    NS_TEST_ASSERT_MSG_EQ_TOL(recs[0].delayS,
                                              e,
                                              1e-9 * e,
                                              "stream " << stream << " site " << site);
                    NS_TEST_ASSERT_MSG_EQ_TOL(recs[0].regretS,
                                              e - best,
                                              1e-9 * e,
                                              "stream " << stream << " site " << site
                                                        << ": regret against the best arm");
                }
            }
        }
    }
};

/**
 * \brief A scenario of one cloudlet holding one model, for queueing: Poisson arrivals, the
 * tokens of each request from a distribution.
 * \param rate arrivals per second
 * \param n requests
 * \param servers g
 * \param exponential exponential tokens (else all equal)
 * \param stream random stream
 * \return the scenario
 */
MecScenario
QueueScenario(double rate, uint32_t n, uint32_t servers, bool exponential, int64_t stream)
{
    MecScenario s;
    s.name = "queue";
    s.horizonS = n / rate;
    s.maxLoad = 1;
    s.uplinkBps = 1e9;
    s.downlinkBps = 1e9;
    s.catalogue.AddBlock("b", 1e6);
    s.catalogue.AddModel(PfmModel{"m", "", "t", 0.9, 1e9, {}}, {"b"});
    ScenarioNode dc{"dc", NodeRole::DATACENTER, 1e12, 1, 0, {}};
    ScenarioNode c{"c", NodeRole::CLOUDLET, 1e12, servers, 1e9, {0}};
    s.nodes = {dc, c};
    s.links.push_back({0, 1, 1e9, 0.001});
    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetStream(stream);
    gap->SetAttribute("Mean", DoubleValue(1 / rate));
    Ptr<ExponentialRandomVariable> tok = CreateObject<ExponentialRandomVariable>();
    tok->SetStream(stream + 1);
    tok->SetAttribute("Mean", DoubleValue(100));
    double t = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        InferenceRequest r;
        r.id = i;
        r.home = 1;
        r.task = "t";
        r.inputBytes = 100;
        r.outputBytes = 100;
        r.tokens = exponential ? tok->GetValue() : 100; // service 0.1 s on average
        t += gap->GetValue();
        r.arrivalS = t;
        s.requests.push_back(r);
    }
    s.Validate("queue");
    return s;
}

/// FCFS queues against M/D/1 and M/M/2.
class QueueTestCase : public TestCase
{
  public:
    QueueTestCase()
        : TestCase("replay: FCFS queues match Pollaczek-Khinchine for M-D-1 and Erlang C for M-M-2")
    {
    }

  private:
    /**
     * \param s the scenario
     * \return the mean wait in the queue (delay minus its no-wait value)
     */
    double MeanWait(const MecScenario& s)
    {
        PlanningProblem p(s);
        OnlineConfig cfg;
        cfg.slotS = 0;
        OnlineReplay replay(p, cfg);
        auto policy = CreateObject<RulePolicy>();
        policy->rule = [](AdmissionQuery& q) { return static_cast<uint32_t>(q.FindArm(0, 0)); };
        auto recs = replay.Run(*policy);
        double sum = 0;
        for (uint32_t i = 0; i < recs.size(); ++i)
        {
            sum += recs[i].delayS - p.GetRequestDelay(s.requests[i], 0, 0);
        }
        return sum / recs.size();
    }

    void DoRun() override
    {
        // M/D/1, rho = 0.7, D = 0.1 s: W = rho D / (2 (1 - rho)).
        const double d = 0.1;
        double md1 = 0;
        for (int k = 0; k < 4; ++k)
        {
            md1 += MeanWait(QueueScenario(7, 50000, 1, false, 10 + 2 * k)) / 4;
        }
        const double pk = 0.7 * d / (2 * 0.3);
        NS_TEST_ASSERT_MSG_EQ_TOL(md1, pk, 0.04 * pk, "M/D/1 mean wait");
        // M/M/2, lambda = 14/s, mu = 10/s: a = 1.4, rho = 0.7, Erlang C.
        const double lambda = 14;
        const double mu = 10;
        const double a = lambda / mu;
        const double rho = a / 2;
        const double p0 = 1 / (1 + a + a * a / (2 * (1 - rho)));
        const double erlangC = a * a / (2 * (1 - rho)) * p0;
        const double wq = erlangC / (2 * mu - lambda);
        double mm2 = 0;
        for (int k = 0; k < 4; ++k)
        {
            mm2 += MeanWait(QueueScenario(lambda, 50000, 2, true, 30 + 2 * k)) / 4;
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(mm2, wq, 0.06 * wq, "M/M/2 mean wait (Erlang C)");
    }
};

/// Eviction never removes a block a decided request needs.
class EvictionTestCase : public TestCase
{
  public:
    EvictionTestCase()
        : TestCase("replay: no block is evicted while a decided request needs it")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t evictions = 0;
        for (int64_t stream = 1; stream <= 30; ++stream)
        {
            TinyOptions o;
            o.requests = 60;
            o.cloudlets = 2;
            o.sharingHeavy = true;
            o.tightness = 1;
            MecScenario s = MakeTinyScenario(stream, o);
            for (auto& r : s.requests)
            {
                r.arrivalS *= 0.05; // a burst: many requests in flight at once
            }
            PlanningProblem p(s);
            for (const std::string name : {"random", "home-greedy"})
            {
                OnlineConfig cfg;
                cfg.slotS = 0;
                OnlineReplay replay(p, cfg);
                std::vector<std::tuple<uint32_t, uint32_t, double>> evicted;
                std::vector<std::tuple<uint32_t, uint32_t, uint32_t, double>> served;
                replay.SetEvictionCallback([&evicted](uint32_t s, uint32_t b, double t) {
                    evicted.emplace_back(s, b, t);
                });
                replay.SetServiceCallback(
                    [&served](uint32_t r, uint32_t s, uint32_t m, double, double finish) {
                        served.emplace_back(r, s, m, finish);
                    });
                auto policy = AdmissionPolicy::CreateByName(name);
                policy->AssignStreams(stream);
                auto recs = replay.Run(*policy);
                evictions += evicted.size();
                // A served request needs its model's blocks from its decision to its finish.
                for (const auto& [r, site, m, finish] : served)
                {
                    const double from = recs[r].timeS;
                    for (const auto& [es, eb, et] : evicted)
                    {
                        const auto& mb = p.GetCatalogue().GetModels()[m].blocks;
                        bool needed = es == site && et >= from && et <= finish &&
                                      std::find(mb.begin(), mb.end(), eb) != mb.end();
                        NS_TEST_ASSERT_MSG_EQ(needed,
                                              false,
                                              "stream " << stream << " " << name << ": block " << eb
                                                        << " evicted at " << et << " while request "
                                                        << r << " needed it");
                    }
                }
            }
        }
        NS_TEST_ASSERT_MSG_GT(evictions, 0u, "the instances do evict");
    }
};

/// Rejections only where allowed; every request accounted for, for every policy.
class ConservationTestCase : public TestCase
{
  public:
    ConservationTestCase()
        : TestCase("replay: every policy ends every request; rejections only where allowed")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t stream = 1; stream <= 4; ++stream)
        {
            TinyOptions o;
            o.requests = 40;
            o.cloudlets = 3;
            o.dcFallback = true;
            o.tightness = 0.5;
            MecScenario s = MakeTinyScenario(stream, o);
            if (stream % 2 == 0)
            {
                s.noCandidate = NoCandidatePolicy::REJECT;
            }
            PlanningProblem p(s);
            for (const auto& name : AdmissionPolicy::GetShortNames())
            {
                for (bool allow : {false, true})
                {
                    OnlineConfig cfg;
                    cfg.slotS = 10;
                    cfg.allowReject = allow;
                    cfg.rejectPenaltyS = allow ? 0.0 : 60.0; // rejecting is free: learners do
                    OnlineReplay replay(p, cfg);
                    auto policy = AdmissionPolicy::CreateByName(name);
                    policy->AssignStreams(stream);
                    auto recs = replay.Run(*policy);
                    NS_TEST_ASSERT_MSG_EQ(recs.size(), s.requests.size(), name);
                    for (uint32_t i = 0; i < recs.size(); ++i)
                    {
                        NS_TEST_ASSERT_MSG_EQ(recs[i].ended, true, name << " request " << i);
                        if ((recs[i].outcome == OnlineOutcome::REJECTED) && !allow)
                        {
                            bool dcOnly = false;
                            auto c = p.GetCandidates(s.requests[i].task,
                                                     s.requests[i].minAccuracy,
                                                     dcOnly);
                            NS_TEST_ASSERT_MSG_EQ(c.empty(),
                                                  true,
                                                  name << ": request " << i
                                                       << " rejected though it has a model");
                        }
                    }
                }
            }
        }
    }
};

/// Same seed, same decisions.csv.
class DeterminismTestCase : public TestCase
{
  public:
    DeterminismTestCase()
        : TestCase("replay: the same seed gives the same decisions.csv, byte for byte")
    {
    }

  private:
    /**
     * \param p the problem
     * \param stream the policy's stream
     * \return decisions.csv's text
     */
    std::string Csv(const PlanningProblem& p, const std::string& name, int64_t stream)
    {
        OnlineConfig cfg;
        cfg.slotS = 20;
        OnlineReplay replay(p, cfg);
        auto policy = AdmissionPolicy::CreateByName(name);
        policy->AssignStreams(stream);
        OnlineRunInfo info;
        info.policy = name;
        for (uint32_t f = 0; f < replay.GetFeatures().GetNFeatures(); ++f)
        {
            info.featureNames.push_back(replay.GetFeatures().GetName(f));
        }
        OnlineReport report(p, replay.Run(*policy), info);
        std::string path = CreateTempDirFilename("decisions.csv");
        report.WriteDecisionsCsv(path);
        std::ifstream f(path);
        std::stringstream ss;
        ss << f.rdbuf();
        std::remove(path.c_str());
        return ss.str();
    }

    void DoRun() override
    {
        TinyOptions o;
        o.requests = 300;
        o.cloudlets = 4;
        o.sharingHeavy = true;
        MecScenario s = MakeTinyScenario(7, o);
        PlanningProblem p(s);
        for (const std::string name : {"tsrc", "eps-greedy", "random"})
        {
            NS_TEST_ASSERT_MSG_EQ(Csv(p, name, 11), Csv(p, name, 11), name << ": same seed");
        }
        // The streams are used: another one decides otherwise somewhere.
        NS_TEST_ASSERT_MSG_NE(Csv(p, "random", 11), Csv(p, "random", 12), "another stream");
        std::string a = Csv(p, "tsrc", 11);
        NS_TEST_ASSERT_MSG_EQ(a.substr(0, a.find('\n')),
                              "request_id,time_s,site,model,delay_s,reward,regret_s,observed",
                              "header");
    }
};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * The replay mode of the online system.
 */
class OnlineReplayTestSuite : public TestSuite
{
  public:
    OnlineReplayTestSuite()
        : TestSuite("mec-pfm-online-replay", UNIT)
    {
        AddTestCase(new ClosedFormTestCase, TestCase::QUICK);
        AddTestCase(new QueueTestCase, TestCase::QUICK);
        AddTestCase(new EvictionTestCase, TestCase::QUICK);
        AddTestCase(new ConservationTestCase, TestCase::QUICK);
        AddTestCase(new DeterminismTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static OnlineReplayTestSuite g_onlineReplayTestSuite;
