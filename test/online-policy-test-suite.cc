/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/admission-policy.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/feature-statistics.h"
#include "ns3/string.h"
#include "ns3/synthetic-bandit.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <iostream>
#include <map>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The online policies on the stationary synthetic environment of the regret bound
 * (SyntheticBandit): the cumulative regret of tsrc grows sublinearly (log-log slope between
 * 10^3 and 10^5 decisions well below 1), tsrc ends within a few percent of lints, which sees
 * every feature; with one informative feature tsrc learns to observe it; delayed and
 * out-of-order feedback; after a change of the delay model tsrc-window recovers, close to
 * a clairvoyant policy; a decision never depends on feedback that has not arrived; the
 * pairwise statistics agree with ridge regression solved here by Gaussian elimination,
 * whatever the order of the samples, and forget a removed sample exactly.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// theta* with weights on a few features only: the sparse model of the regret bound.
std::vector<double>
SparseTheta(uint32_t n, const std::map<uint32_t, double>& weights)
{
    std::vector<double> theta(n, 0.0);
    for (const auto& [f, w] : weights)
    {
        theta[f] = w;
    }
    return theta;
}

/**
 * \param name policy short name
 * \param d features of restricted-context policies
 * \param stream first random stream
 * \return the policy
 */
Ptr<AdmissionPolicy>
MakePolicy(const std::string& name, uint32_t d, int64_t stream)
{
    Ptr<AdmissionPolicy> p = AdmissionPolicy::CreateByName(name);
    NS_ABORT_MSG_IF(!p, "no policy " << name);
    p->SetAttributeFailSafe("Features", UintegerValue(d));
    p->SetAttributeFailSafe("Prefetch", BooleanValue(false));
    p->AssignStreams(stream);
    return p;
}

/// Sublinear regret of tsrc, and tsrc close to lints.
class RegretTestCase : public TestCase
{
  public:
    RegretTestCase()
        : TestCase("tsrc: sublinear regret, within a few percent of lints")
    {
    }

  private:
    void DoRun() override
    {
        SyntheticBandit::Params prm;
        prm.features = 16;
        prm.arms = 20;
        prm.theta = SparseTheta(16, {{1, 2.0}, {5, -1.5}, {9, 1.0}, {13, 0.8}});
        prm.noise = 0.2;
        prm.maxDelay = 20;
        const uint32_t T = 100000;
        double slopeSum = 0;
        double tsrcCost = 0;
        double lintsCost = 0;
        double tsrcLate = 0;
        double lintsLate = 0;
        for (int64_t seed = 0; seed < 3; ++seed)
        {
            prm.stream = 100 + 10 * seed;
            SyntheticBandit env(prm);
            auto tsrc = MakePolicy("tsrc", 4, 1000 + seed);
            auto r = env.Run(*tsrc, T);
            double slope = std::log10(r.cumulativeRegret[T - 1] / r.cumulativeRegret[999]) / 2;
            slopeSum += slope;
            tsrcCost += r.totalCost;
            tsrcLate += r.lateCost;
            SyntheticBandit env2(prm);
            auto lints = MakePolicy("lints", 4, 1000 + seed);
            auto l = env2.Run(*lints, T);
            lintsCost += l.totalCost;
            lintsLate += l.lateCost;
            NS_TEST_ASSERT_MSG_LT(slope, 0.8, "log-log slope of tsrc's regret, seed " << seed);
        }
        std::clog << "tsrc: mean log-log slope of the cumulative regret (10^3..10^5) "
                  << slopeSum / 3 << "; cost against lints: last tenth " << tsrcLate / lintsLate
                  << ", whole run " << tsrcCost / lintsCost << "\n";
        NS_TEST_ASSERT_MSG_LT(slopeSum / 3, 0.7, "mean log-log slope of tsrc's regret");
        // The whole run includes finding the informative features, the price of the
        // restricted context; by the end tsrc decides as well as lints within a few percent.
        NS_TEST_ASSERT_MSG_LT(tsrcLate / lintsLate,
                              1.05,
                              "tsrc's cost in the last tenth against lints's");
        NS_TEST_ASSERT_MSG_LT(tsrcCost / lintsCost, 1.5, "tsrc's whole cost against lints's");
    }
};

/// One informative feature among N: tsrc observes it.
class InformativeFeatureTestCase : public TestCase
{
  public:
    InformativeFeatureTestCase()
        : TestCase("tsrc: with one informative feature it observes it in > 80% of late decisions")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t d : {1u, 4u})
        {
            SyntheticBandit::Params prm;
            prm.features = 16;
            prm.arms = 10;
            prm.theta = SparseTheta(16, {{7, 3.0}});
            prm.noise = 0.3;
            prm.maxDelay = 5;
            prm.stream = 300 + d;
            SyntheticBandit env(prm);
            auto tsrc = MakePolicy("tsrc", d, 400 + d);
            const uint32_t T = 40000;
            auto r = env.Run(*tsrc, T);
            double late = r.observedLate[7] / (T / 2.0);
            NS_TEST_ASSERT_MSG_GT(late, 0.8, "share of late decisions observing it, d = " << d);
            uint64_t total = 0;
            for (auto c : r.observedCount)
            {
                total += c;
            }
            NS_TEST_ASSERT_MSG_EQ(total, uint64_t(T) * d, "every decision observes d features");
        }
    }
};

/**
 * \brief The clairvoyant policy of a SyntheticBandit: it knows theta* (thetaAfter from
 * changeAt on), observes the features it weighs and picks the arm of least true mean
 * 1 + theta*^T x. Over the last tenth of the decisions it also sums the mean over the arms of
 * their true means: the cost of an arm chosen blind to the features.
 */
class OraclePolicy : public AdmissionPolicy
{
  public:
    /**
     * \param prm the environment's parameters
     * \param decisions T of the run
     */
    OraclePolicy(const SyntheticBandit::Params& prm, uint32_t decisions)
        : m_prm(prm),
          m_decisions(decisions)
    {
    }

    uint32_t Decide(AdmissionQuery& query) override
    {
        const uint64_t t = query.GetId();
        const std::vector<double>& theta =
            !m_prm.thetaAfter.empty() && t >= m_prm.changeAt ? m_prm.thetaAfter : m_prm.theta;
        std::vector<double> mean(query.GetArms().size(), 1.0);
        for (uint32_t f = 0; f < theta.size(); ++f)
        {
            if (theta[f] != 0)
            {
                const std::vector<double>& x = query.Observe(f);
                for (size_t a = 0; a < mean.size(); ++a)
                {
                    mean[a] += theta[f] * x[a];
                }
            }
        }
        uint32_t best = 0;
        double sum = 0;
        for (uint32_t a = 0; a < mean.size(); ++a)
        {
            best = mean[a] < mean[best] ? a : best;
            sum += mean[a];
        }
        if (10 * t >= 9ULL * m_decisions)
        {
            m_blindLate += sum / mean.size();
        }
        return best;
    }

    /** \return the expected cost of a blind arm over the last tenth */
    double GetBlindLate() const
    {
        return m_blindLate;
    }

  private:
    SyntheticBandit::Params m_prm; //!< the environment
    uint32_t m_decisions;          //!< T
    double m_blindLate{0};         //!< see GetBlindLate()
};

/**
 * \brief Non-stationary demand (the weight of an informative feature flips sign half-way):
 * tsrc-window recovers; where the subset rarely moves, it ends below tsrc.
 *
 * Over six environments, the late cost (the last tenth of the decisions) is placed between
 * the clairvoyant cost after the change (0: OraclePolicy) and the cost of blind arms (1),
 * both computed here from thetaAfter and the arms' features. With d = 4, tsrc-window must
 * recover most of the way on every stream and on average. With d = 8, S rarely moves (a swap
 * needs more samples for a finite residual bound), so tsrc's model of S mixes 20000 samples
 * from before the change with those after; the window forgets them: its mean late cost is
 * below tsrc's. (With d = 4, tsrc recovers too: after the change S's residual grows and S
 * moves to a swap, whose statistics are fresh.)
 */
class WindowTestCase : public TestCase
{
  public:
    WindowTestCase()
        : TestCase("tsrc-window: recovers after the delay model changes; below tsrc if S is stuck")
    {
    }

  private:
    void DoRun() override
    {
        SyntheticBandit::Params prm;
        prm.features = 16;
        prm.arms = 10;
        prm.theta = SparseTheta(16, {{2, 2.0}, {6, 1.0}});
        prm.thetaAfter = SparseTheta(16, {{2, -2.0}, {6, 1.0}}); // the best arms change
        prm.changeAt = 20000;
        prm.noise = 0.2;
        prm.maxDelay = 10;
        const uint32_t T = 40000;
        const int streams = 6;
        double share4 = 0;        // mean over streams: tsrc-window, d = 4
        double late8[2] = {0, 0}; // mean late cost, d = 8: tsrc, tsrc-window
        for (int s = 0; s < streams; ++s)
        {
            prm.stream = 700 + s;
            SyntheticBandit oracleEnv(prm);
            OraclePolicy oracle(prm, T);
            const double best = oracleEnv.Run(oracle, T).lateCost;
            const double blind = oracle.GetBlindLate();
            NS_TEST_ASSERT_MSG_LT(best, blind, "the clairvoyant beats blind arms, stream " << s);
            SyntheticBandit env4(prm);
            const double late4 = env4.Run(*MakePolicy("tsrc-window", 4, 800), T).lateCost;
            const double share = (late4 - best) / (blind - best);
            share4 += share / streams;
            NS_TEST_ASSERT_MSG_LT(share,
                                  0.25,
                                  "tsrc-window, d = 4, stream " << prm.stream << ": late cost "
                                                                << late4 << ", clairvoyant " << best
                                                                << ", blind " << blind);
            int i = 0;
            for (const std::string name : {"tsrc", "tsrc-window"})
            {
                SyntheticBandit env8(prm);
                late8[i++] += env8.Run(*MakePolicy(name, 8, 800), T).lateCost / streams;
            }
        }
        NS_TEST_ASSERT_MSG_LT(share4,
                              0.1,
                              "tsrc-window, d = 4: mean late cost above the clairvoyant's, in "
                              "units of blind arms' above it");
        NS_TEST_ASSERT_MSG_LT(late8[1],
                              late8[0],
                              "d = 8: tsrc-window's mean late cost below tsrc's");
    }
};

/// A feature source whose values are fixed by (decision, arm, feature).
class FixedSource : public FeatureSource
{
  public:
    uint32_t GetNFeatures() const override
    {
        return 6;
    }

    std::string GetName(uint32_t f) const override
    {
        return "f" + std::to_string(f);
    }

    double GetValue(uint32_t f, const InferenceRequest& r, const AdmissionArm& arm) const override
    {
        return std::fmod(std::sin(1.3 * r.id + 2.1 * arm.site + 0.7 * f) * 1000.0, 1.0) + 1.0;
    }
};

/// A decision uses only feedback that has arrived.
class NoPeekingTestCase : public TestCase
{
  public:
    NoPeekingTestCase()
        : TestCase("policies decide on arrived feedback only (delayed, out of order)")
    {
    }

  private:
    /**
     * \param name policy
     * \param corruptAfter feedback delivered after this decision is multiplied by 7
     * \return the arms chosen
     */
    std::vector<uint32_t> Drive(const std::string& name, uint32_t corruptAfter)
    {
        FixedSource src;
        auto policy = MakePolicy(name, 2, 77);
        policy->Start(AdmissionSetup());
        std::vector<AdmissionArm> arms;
        for (uint32_t a = 0; a < 5; ++a)
        {
            arms.push_back(AdmissionArm{a, 0, false});
        }
        std::multimap<uint32_t, std::pair<uint64_t, double>> due;
        std::vector<uint32_t> chosen;
        for (uint32_t t = 0; t < 300; ++t)
        {
            InferenceRequest r;
            r.id = t;
            AdmissionQuery q(t, t, r, 0, arms, src);
            uint32_t a = policy->Decide(q);
            chosen.push_back(a);
            // Feedback later, in an order unlike the decisions' (delay 1..25 by a hash).
            uint32_t at = t + 1 + (t * 7919) % 25;
            due.emplace(at, std::make_pair(uint64_t(t), 0.5 + a * 0.1 + (t % 3) * 0.05));
            for (auto it = due.begin(); it != due.end() && it->first <= t;)
            {
                double v = it->second.second * (it->first > corruptAfter ? 7.0 : 1.0);
                policy->Feedback(it->second.first, v);
                it = due.erase(it);
            }
        }
        return chosen;
    }

    void DoRun() override
    {
        for (const std::string name :
             {"tsrc", "tsrc-window", "lints", "linucb", "eps-greedy", "ucb1", "random"})
        {
            auto a = Drive(name, 1000);
            auto b = Drive(name, 150);
            for (uint32_t t = 0; t <= 150; ++t)
            {
                NS_TEST_ASSERT_MSG_EQ(a[t], b[t], name << ": decision " << t);
            }
        }
    }
};

/**
 * \brief Ridge regression by Gaussian elimination on the normal equations (the independent
 * truth for FeatureStatistics): (X^T X + lambda I) theta = X^T c.
 */
std::vector<double>
Ridge(const std::vector<std::vector<double>>& x, const std::vector<double>& c, double lambda)
{
    const size_t k = x[0].size();
    std::vector<std::vector<double>> a(k, std::vector<double>(k + 1, 0.0));
    for (size_t r = 0; r < x.size(); ++r)
    {
        for (size_t i = 0; i < k; ++i)
        {
            for (size_t j = 0; j < k; ++j)
            {
                a[i][j] += x[r][i] * x[r][j];
            }
            a[i][k] += x[r][i] * c[r];
        }
    }
    for (size_t i = 0; i < k; ++i)
    {
        a[i][i] += lambda;
    }
    for (size_t i = 0; i < k; ++i)
    {
        size_t p = i;
        for (size_t r = i + 1; r < k; ++r)
        {
            p = std::fabs(a[r][i]) > std::fabs(a[p][i]) ? r : p;
        }
        std::swap(a[i], a[p]);
        for (size_t r = 0; r < k; ++r)
        {
            if (r != i)
            {
                double f = a[r][i] / a[i][i];
                for (size_t j = i; j <= k; ++j)
                {
                    a[r][j] -= f * a[i][j];
                }
            }
        }
    }
    std::vector<double> theta(k);
    for (size_t i = 0; i < k; ++i)
    {
        theta[i] = a[i][k] / a[i][i];
    }
    return theta;
}

/// FeatureStatistics against ridge regression, in any order, with removal.
class StatisticsTestCase : public TestCase
{
  public:
    StatisticsTestCase()
        : TestCase("feature statistics: ridge fit as by hand, order-free, removal exact")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(5);
        const std::vector<uint32_t> s = {1, 3, 4};
        std::vector<std::vector<double>> rows;
        std::vector<double> costs;
        for (int i = 0; i < 200; ++i)
        {
            std::vector<double> v = {u->GetValue(), u->GetValue(), u->GetValue()};
            rows.push_back({v[0], v[1], v[2], 1.0});
            costs.push_back(2 * v[0] - v[1] + 0.5 * v[2] + 1 + u->GetValue(-0.1, 0.1));
        }
        FeatureStatistics fwd(6);
        FeatureStatistics rev(6);
        FeatureStatistics extra(6);
        for (size_t i = 0; i < rows.size(); ++i)
        {
            fwd.Add(s, {rows[i][0], rows[i][1], rows[i][2]}, costs[i]);
            size_t j = rows.size() - 1 - i;
            rev.Add(s, {rows[j][0], rows[j][1], rows[j][2]}, costs[j]);
            extra.Add(s, {rows[i][0], rows[i][1], rows[i][2]}, costs[i]);
        }
        extra.Add({0, 1, 3, 4}, {9, 9, 9, 9}, 100);
        extra.Add({0, 1, 3, 4}, {9, 9, 9, 9}, 100, -1);
        const double lambda = 0.5;
        auto truth = Ridge(rows, costs, lambda);
        for (const FeatureStatistics* st : {&fwd, &rev, &extra})
        {
            FeatureStatistics::Fit fit;
            NS_TEST_ASSERT_MSG_EQ(st->FitSubset(s, lambda, fit), true, "fit");
            for (size_t i = 0; i < truth.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(fit.theta[i], truth[i], 1e-9, "coefficient " << i);
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(fwd.GetSamples(), 200, 1e-12, "samples");
        NS_TEST_ASSERT_MSG_EQ_TOL(extra.GetPairWeight(0, 1), 0, 1e-12, "removed pair");
    }
};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * The online policies on synthetic environments.
 */
class OnlinePolicyTestSuite : public TestSuite
{
  public:
    OnlinePolicyTestSuite()
        : TestSuite("mec-pfm-online-policy", UNIT)
    {
        AddTestCase(new StatisticsTestCase, TestCase::QUICK);
        AddTestCase(new NoPeekingTestCase, TestCase::QUICK);
        AddTestCase(new InformativeFeatureTestCase, TestCase::QUICK);
        AddTestCase(new RegretTestCase, TestCase::QUICK);
        AddTestCase(new WindowTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static OnlinePolicyTestSuite g_onlinePolicyTestSuite;
