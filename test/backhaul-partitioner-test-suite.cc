/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/backhaul-partitioner.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-error.h"
#include "ns3/scenario-reader.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

/**
 * \file
 * \ingroup mec-pfm-tests
 * BackhaulPartitioner against hand-computed partitions and against exhaustive search:
 * every assignment of a small backhaul's nodes to two ranks is enumerated, and the one
 * returned must cut no link below its threshold, report the least cut delay as its
 * lookahead, and be within LPT's 4/3 of the best balance the threshold allows.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * \param delays link delays of a chain DC - 0 - 1 - ... (node 0 the DC, others cloudlets)
 * \return the scenario (no catalogue: the partitioner reads nodes, links, requests)
 */
MecScenario
Chain(const std::vector<double>& delays)
{
    MecScenario sc;
    sc.name = "chain";
    sc.nodes.resize(delays.size() + 1);
    sc.nodes[0].id = "dc";
    sc.nodes[0].role = NodeRole::DATACENTER;
    for (uint32_t v = 1; v < sc.nodes.size(); ++v)
    {
        sc.nodes[v].id = "c" + std::to_string(v);
        sc.nodes[v].role = NodeRole::CLOUDLET;
    }
    for (uint32_t l = 0; l < delays.size(); ++l)
    {
        ScenarioLink L;
        L.a = l;
        L.b = l + 1;
        L.bandwidthBps = 1e9;
        L.delayS = delays[l];
        sc.links.push_back(L);
    }
    return sc;
}

/// The DC behind a 30 ms link, three cloudlets 1 ms apart: two ranks cut the 30 ms link.
class ChainTestCase : public TestCase
{
  public:
    ChainTestCase()
        : TestCase("two ranks cut the longest link when it balances; loads by hand")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc = Chain({0.030, 0.001, 0.001});
        // Requests homed at c1 (node 1) and c3; the plan serves one at the DC (site 3).
        for (uint32_t i = 0; i < 4; ++i)
        {
            InferenceRequest r;
            r.id = i;
            r.home = i < 2 ? 1 : 3;
            sc.requests.push_back(r);
        }
        PlacementPlan plan;
        plan.decisions.resize(4);
        plan.decisions[0].site = 0; // cloudlet site 0 = node 1
        plan.decisions[1].site = 3; // the DC
        plan.decisions[2].site = 2; // node 3
        plan.decisions[3].rejected = true;
        auto load = BackhaulPartitioner::NodeLoads(sc, &plan);
        // 1 per node, 1 per home, 1 per request served there.
        NS_TEST_ASSERT_MSG_EQ_TOL(load[0], 2.0, 1e-12, "DC: itself and one served");
        NS_TEST_ASSERT_MSG_EQ_TOL(load[1], 4.0, 1e-12, "c1: itself, 2 homed, 1 served");
        NS_TEST_ASSERT_MSG_EQ_TOL(load[2], 1.0, 1e-12, "c2: itself");
        NS_TEST_ASSERT_MSG_EQ_TOL(load[3], 4.0, 1e-12, "c3: itself, 2 homed, 1 served");

        // Equal loads: {DC} against {c1,c2,c3} is 1 : 3 (imbalance 1.5), over the 1.25
        // accepted; at 1 ms every link may be cut: LPT gives {DC,c1} {c2,c3} = 2 : 2.
        std::vector<double> ones(4, 1.0);
        PartitionOptions opt;
        opt.ranks = 2;
        BackhaulPartition p = BackhaulPartitioner::Partition(sc, ones, opt);
        NS_TEST_ASSERT_MSG_EQ_TOL(p.minCutDelayS, 0.001, 1e-15, "threshold");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.imbalance, 1.0, 1e-12, "balanced");
        // A DC as heavy as the three cloudlets: the 30 ms link is the only cut.
        std::vector<double> heavyDc{3, 1, 1, 1};
        p = BackhaulPartitioner::Partition(sc, heavyDc, opt);
        NS_TEST_ASSERT_MSG_EQ(p.cutLinks.size(), 1u, "one cut");
        NS_TEST_ASSERT_MSG_EQ(p.cutLinks[0], 0u, "the DC's link");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.lookaheadS, 0.030, 1e-15, "lookahead = its delay");
        NS_TEST_ASSERT_MSG_EQ(p.rankOf[0], 0u, "ranks numbered by their first node");
        NS_TEST_ASSERT_MSG_EQ(p.rankOf[1] + p.rankOf[2] + p.rankOf[3], 3u, "rest on rank 1");
        // A fixed threshold above every link leaves one group: two ranks are refused.
        opt.minCutDelayS = 0.5;
        bool threw = false;
        try
        {
            BackhaulPartitioner::Partition(sc, ones, opt);
        }
        catch (const ScenarioError& e)
        {
            threw = std::string(e.what()).find("ranks") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "a ScenarioError naming ranks");
    }
};

/// Random small backhauls against every two-way split.
class ExhaustiveTestCase : public TestCase
{
  public:
    ExhaustiveTestCase()
        : TestCase("two ranks on random 8-node backhauls against every split")
    {
    }

  private:
    /**
     * \param sc scenario \param load loads \param t threshold
     * \return the least heaviest-rank load over the splits that cut no link under t
     */
    static double BestMax(const MecScenario& sc, const std::vector<double>& load, double t)
    {
        const uint32_t n = static_cast<uint32_t>(sc.nodes.size());
        double best = std::numeric_limits<double>::infinity();
        for (uint32_t mask = 1; mask + 1 < (1u << n); ++mask)
        {
            bool ok = true;
            for (const auto& L : sc.links)
            {
                const bool cut = ((mask >> L.a) & 1) != ((mask >> L.b) & 1);
                ok = ok && !(cut && (L.delayS < t || L.delayS <= 0));
            }
            double a = 0;
            double b = 0;
            for (uint32_t v = 0; v < n; ++v)
            {
                ((mask >> v) & 1 ? a : b) += load[v];
            }
            best = ok ? std::min(best, std::max(a, b)) : best;
        }
        return best;
    }

    void DoRun() override
    {
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> ms(0, 5);
        std::uniform_int_distribution<int> w(1, 9);
        for (int trial = 0; trial < 200; ++trial)
        {
            std::vector<double> delays;
            for (int l = 0; l < 7; ++l)
            {
                delays.push_back(ms(rng) * 1e-3);
            }
            MecScenario sc = Chain(delays);
            // Two chords, so that groups are not intervals.
            for (int k = 0; k < 2; ++k)
            {
                ScenarioLink L;
                L.a = static_cast<uint32_t>(rng() % 8);
                L.b = static_cast<uint32_t>((L.a + 2 + rng() % 5) % 8);
                L.bandwidthBps = 1e9;
                L.delayS = ms(rng) * 1e-3;
                sc.links.push_back(L);
            }
            std::vector<double> load(8);
            for (auto& x : load)
            {
                x = w(rng);
            }
            PartitionOptions opt;
            opt.ranks = 2;
            BackhaulPartition p;
            try
            {
                p = BackhaulPartitioner::Partition(sc, load, opt);
            }
            catch (const ScenarioError&)
            {
                NS_TEST_ASSERT_MSG_EQ(std::isinf(BestMax(sc, load, 1e-9)),
                                      true,
                                      "refused only when no split exists");
                continue;
            }
            Check(sc, load, p);
        }
    }

    /**
     * \param sc scenario \param load loads \param p the partition returned
     */
    void Check(const MecScenario& sc, const std::vector<double>& load, const BackhaulPartition& p)
    {
        double least = std::numeric_limits<double>::infinity();
        uint32_t cuts = 0;
        for (const auto& L : sc.links)
        {
            if (p.rankOf[L.a] != p.rankOf[L.b])
            {
                NS_TEST_ASSERT_MSG_EQ((L.delayS >= p.minCutDelayS && L.delayS > 0),
                                      true,
                                      "a cut link is at least the threshold");
                least = std::min(least, L.delayS);
                ++cuts;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(cuts, p.cutLinks.size(), "cut links listed");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.lookaheadS, least, 1e-15, "lookahead = least cut delay");
        double a = 0;
        double b = 0;
        for (uint32_t v = 0; v < 8; ++v)
        {
            (p.rankOf[v] == 0 ? a : b) += load[v];
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(p.load[0], a, 1e-9, "rank 0 load");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.load[1], b, 1e-9, "rank 1 load");
        NS_TEST_ASSERT_MSG_EQ((a > 0 && b > 0), true, "both ranks hold nodes");
        // LPT is within 4/3 of the best split of the same groups (Graham).
        const double best = BestMax(sc, load, p.minCutDelayS);
        NS_TEST_ASSERT_MSG_EQ((std::max(a, b) <= 4.0 / 3.0 * best + 1e-9),
                              true,
                              "within 4/3 of the best split at its threshold");
    }
};

/// The shipped GEANT default: the partition printed is the one the MPI run uses.
class GeantTestCase : public TestCase
{
  public:
    GeantTestCase()
        : TestCase("GEANT default in 2 and 4 ranks: cloudlets whole, cuts at the threshold")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        auto load = BackhaulPartitioner::NodeLoads(sc, nullptr);
        for (uint32_t ranks : {2u, 4u})
        {
            PartitionOptions opt;
            opt.ranks = ranks;
            BackhaulPartition p = BackhaulPartitioner::Partition(sc, load, opt);
            NS_TEST_ASSERT_MSG_EQ(p.load.size(), ranks, "one load per rank");
            NS_TEST_ASSERT_MSG_EQ((p.lookaheadS >= p.minCutDelayS), true, "lookahead");
            NS_TEST_ASSERT_MSG_EQ((p.lookaheadS > 0), true, "positive lookahead");
            NS_TEST_ASSERT_MSG_EQ(
                (p.Describe(sc).find("rank " + std::to_string(ranks - 1)) != std::string::npos),
                true,
                "every rank described");
        }
    }
};

/// The suite.
class BackhaulPartitionerTestSuite : public TestSuite
{
  public:
    BackhaulPartitionerTestSuite()
        : TestSuite("mec-pfm-backhaul-partitioner", UNIT)
    {
        AddTestCase(new ChainTestCase, TestCase::QUICK);
        AddTestCase(new ExhaustiveTestCase, TestCase::QUICK);
        AddTestCase(new GeantTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static BackhaulPartitionerTestSuite g_backhaulPartitionerTestSuite;

} // namespace
