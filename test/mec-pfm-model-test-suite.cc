/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/placement-plan.h"
#include "ns3/plan-evaluator.h"
#include "ns3/planning-problem.h"
#include "ns3/test.h"

#include <memory>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The problem model: union storage accounting of shared blocks, the reference objective
 * against values computed by hand for a two-cloudlet example, and a problem that outlives
 * the scenario it was made from.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * Two cloudlets c1, c2 behind a switch s, the DC behind s too:
 *   dc --(1e9 bit/s, 20 ms)-- s --(1e10, 1 ms)-- c1
 *                              s --(2e9, 2 ms)-- c2
 * Blocks: base 1e9 B (shared), adA 1e7 B, adB 2e7 B, solo 5e8 B.
 * Models: A = base+adA (task t, acc 0.8), B = base+adB (task t, acc 0.9),
 *         S = solo (task u, acc 0.7). flops_per_token: A,B 1e10, S 2e9.
 */
MecScenario
TwoCloudlets()
{
    MecScenario s;
    s.name = "two";
    s.horizonS = 100;
    s.maxLoad = 0.5;
    s.uplinkBps = 1e8;
    s.downlinkBps = 2e8;
    ScenarioNode dc{"dc", NodeRole::DATACENTER, 1e15, 4, 0, {}};
    ScenarioNode sw{"s", NodeRole::SWITCH, 0, 0, 0, {}};
    ScenarioNode c1{"c1", NodeRole::CLOUDLET, 1e14, 1, 1.2e9, {}};
    ScenarioNode c2{"c2", NodeRole::CLOUDLET, 5e13, 1, 2e9, {}};
    s.nodes = {dc, sw, c1, c2};
    s.links = {{0, 1, 1e9, 0.020}, {1, 2, 1e10, 0.001}, {1, 3, 2e9, 0.002}};
    s.catalogue.AddBlock("base", 1e9);
    s.catalogue.AddBlock("adA", 1e7);
    s.catalogue.AddBlock("adB", 2e7);
    s.catalogue.AddBlock("solo", 5e8);
    PfmModel a{"A", "f", "t", 0.8, 1e10, {}};
    PfmModel b{"B", "f", "t", 0.9, 1e10, {}};
    PfmModel so{"S", "", "u", 0.7, 2e9, {}};
    s.catalogue.AddModel(a, {"base", "adA"});
    s.catalogue.AddModel(b, {"base", "adB"});
    s.catalogue.AddModel(so, {"solo"});
    // r0: home c1, task t, floor 0.85 (only B), in 4000 B, out 1000 B, 500 tokens
    // r1: home c2, task t, floor 0.5 (A or B), in 8000, out 2000, 1000 tokens
    // r2: home c2, task u, floor 0.9 (none: DC fallback with S), in 1000, out 1000, 100
    s.requests = {{0, 2, "t", 0.85, 4000, 1000, 500, 0},
                  {1, 3, "t", 0.5, 8000, 2000, 1000, 1},
                  {2, 3, "u", 0.9, 1000, 1000, 100, 2}};
    s.Validate("two-cloudlets");
    return s;
}

/**
 * \ingroup mec-pfm-tests
 * Union storage: siblings share their base; the catalogue counts it once.
 */
class UnionStorageTestCase : public TestCase
{
  public:
    UnionStorageTestCase()
        : TestCase("union of shared blocks is counted once")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario s = TwoCloudlets();
        const auto& cat = s.catalogue;
        NS_TEST_ASSERT_MSG_EQ_TOL(cat.GetModelBytes(0), 1.01e9, 1, "size of A");
        NS_TEST_ASSERT_MSG_EQ_TOL(cat.GetUnionBytes({0, 1}), 1e9 + 1e7 + 2e7, 1, "A u B");
        NS_TEST_ASSERT_MSG_EQ_TOL(cat.GetTotalModelBytes(), 1.01e9 + 1.02e9 + 5e8, 1, "sum");
        NS_TEST_ASSERT_MSG_EQ_TOL(cat.GetTotalUniqueBytes(), 1.53e9, 1, "unique");

        // A plan holding A and B at c1: 1.03e9 <= 1.2e9 fits; the sum 2.03e9 would not.
        PlanningProblem p(s);
        PlacementPlan plan = PlacementPlan::CloudOnly(p);
        plan.models[0] = {0, 1};
        plan.CloseOverBlocks(p);
        PlanMetrics m = PlanEvaluator(p).Evaluate(plan);
        NS_TEST_ASSERT_MSG_EQ(m.feasible, true, "union fits in 1.2e9 bytes");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.pullBytes, 1.03e9, 1, "pulled union");
        // Adding S (5e8) overflows c1.
        plan.models[0] = {0, 1, 2};
        plan.CloseOverBlocks(p);
        m = PlanEvaluator(p).Evaluate(plan);
        NS_TEST_ASSERT_MSG_EQ(m.feasible, false, "1.53e9 > 1.2e9");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The reference objective against hand computation.
 */
class ReferenceObjectiveTestCase : public TestCase
{
  public:
    ReferenceObjectiveTestCase()
        : TestCase("reference objective equals the hand computation")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario s = TwoCloudlets();
        PlanningProblem p(s);
        NS_TEST_ASSERT_MSG_EQ(p.GetNCloudlets(), 2, "two cloudlets");
        NS_TEST_ASSERT_MSG_EQ(p.GetDcSite(), 2, "DC is site 2");
        // Routes: dc->c1 = dc,s,c1: bw 1e9, lat 0.021; dc->c2: bw 1e9, lat 0.022;
        // c2->c1 = c2,s,c1: bw 2e9, lat 0.003.
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetRoute(2, 0).bottleneckBps, 1e9, 1, "bw dc-c1");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetRoute(2, 0).delayS, 0.021, 1e-12, "lat dc-c1");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetRoute(1, 0).delayS, 0.003, 1e-12, "lat c2-c1");

        // Plan: c1 holds B (base, adB); r0 -> B at c1; r1 -> B at c1 (remote);
        // r2 -> S at DC.
        PlacementPlan plan = PlacementPlan::CloudOnly(p);
        plan.decisions[0] = {false, 1, 0};
        plan.decisions[1] = {false, 1, 0};
        plan.decisions[2] = {false, 2, 2};
        plan.CloseOverBlocks(p);
        PlanMetrics m = PlanEvaluator(p).Evaluate(plan);
        NS_TEST_ASSERT_MSG_EQ(m.feasible, true, "feasible");

        // r0 at home: access 4000*8/1e8 + 1000*8/2e8 = 3.2e-4 + 4e-5; processing
        // 1e10*500/1e14 = 0.05.
        double d0 = 3.2e-4 + 4e-5 + 0.05;
        // r1 from c2 to c1: access 6.4e-4 + 8e-5; transfer 8000*8/2e9 + 2000*8/2e9 +
        // 2*0.003 = 3.2e-5 + 8e-6 + 0.006; processing 1e10*1000/1e14 = 0.1.
        double d1 = 6.4e-4 + 8e-5 + 3.2e-5 + 8e-6 + 0.006 + 0.1;
        // r2 from c2 to DC: access 8e-5 + 4e-5; transfer 8000/1e9 + 8000/1e9 + 2*0.022;
        // processing 2e9*100/1e15 = 2e-4.
        double d2 = 8e-5 + 4e-5 + 8e-6 + 8e-6 + 0.044 + 2e-4;
        // Pull to c1: (1e9 + 2e7) * 8 / 1e9 + lat 0.021.
        double pull = 1.02e9 * 8 / 1e9 + 0.021;
        NS_TEST_ASSERT_MSG_EQ_TOL(m.servingDelayS, d0 + d1 + d2, 1e-9, "serving delay");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.pullDelayS, pull, 1e-9, "pull delay");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.totalDelayS, d0 + d1 + d2 + pull, 1e-9, "TotalDelay");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.pullBytes, 1.02e9, 1, "pull bytes");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.avgAccuracy, (0.9 + 0.9 + 0.7) / 3, 1e-12, "accuracy");
        NS_TEST_ASSERT_MSG_EQ(m.servedEdge, 2, "edge");
        NS_TEST_ASSERT_MSG_EQ(m.servedDc, 1, "dc");
        NS_TEST_ASSERT_MSG_EQ(m.rejected, 0, "rejected");

        // Infeasible variants: A cannot serve r0 (floor 0.85); r2 may not go to a cloudlet.
        PlacementPlan bad = plan;
        bad.decisions[0] = {false, 0, 0};
        bad.CloseOverBlocks(p);
        NS_TEST_ASSERT_MSG_EQ(PlanEvaluator(p).Evaluate(bad).feasible, false, "floor");
        bad = plan;
        bad.decisions[2] = {false, 2, 1};
        bad.CloseOverBlocks(p);
        NS_TEST_ASSERT_MSG_EQ(PlanEvaluator(p).Evaluate(bad).feasible, false, "dc-only");
        // Load: c1 capacity 0.5 * 1e14 * 100 = 5e15 FLOP; r0 + r1 = 1.5e13 fits. Shrink
        // the horizon so that it does not: 1.5e13 > 0.5*1e14*0.2 = 1e13.
        MecScenario s2 = TwoCloudlets();
        s2.horizonS = 0.2;
        PlanningProblem p2(s2);
        NS_TEST_ASSERT_MSG_EQ(PlanEvaluator(p2).Evaluate(plan).feasible, false, "load");
    }
};

/**
 * \ingroup mec-pfm-tests
 * A problem keeps its own scenario: made from a temporary, or from a scenario that is
 * changed or destroyed afterwards, it still answers with the values of the scenario it was
 * made from (the hand-computed ones of ReferenceObjectiveTestCase).
 */
class ScenarioOwnershipTestCase : public TestCase
{
  public:
    ScenarioOwnershipTestCase()
        : TestCase("a problem owns its scenario (temporaries, later changes)")
    {
    }

  private:
    /// \return a problem whose scenario argument was a local of this function
    static std::unique_ptr<PlanningProblem> MakeFromLocal()
    {
        MecScenario local = TwoCloudlets();
        return std::make_unique<PlanningProblem>(local);
    }

    /**
     * Check a problem against TwoCloudlets(), computed by hand.
     * \param p the problem
     * \param what the case, for messages
     */
    void CheckTwoCloudlets(const PlanningProblem& p, const std::string& what)
    {
        NS_TEST_ASSERT_MSG_EQ(p.GetScenario().name, "two", what);
        NS_TEST_ASSERT_MSG_EQ(p.GetScenario().requests.size(), 3, what);
        NS_TEST_ASSERT_MSG_EQ(p.GetNCloudlets(), 2, what);
        // c1: capacity 0.5 x 1e14 x 100; c2 stores 2e9 B.
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetLoadCapacity(0), 5e15, 1, what);
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetStorageBytes(1), 2e9, 1, what);
        // r0 served by B at its home c1: 3.2e-4 + 4e-5 + 0.05 (ReferenceObjectiveTestCase).
        NS_TEST_ASSERT_MSG_EQ_TOL(p.GetRequestDelay(p.GetScenario().requests[0], 1, 0),
                                  3.2e-4 + 4e-5 + 0.05,
                                  1e-12,
                                  what);
        PlanMetrics m = PlanEvaluator(p).Evaluate(PlacementPlan::CloudOnly(p));
        NS_TEST_ASSERT_MSG_EQ(m.feasible, true, what);
        NS_TEST_ASSERT_MSG_EQ(m.servedDc, 3, what);
    }

    void DoRun() override
    {
        PlanningProblem fromTemporary(TwoCloudlets());
        std::unique_ptr<PlanningProblem> fromLocal = MakeFromLocal();
        // Other scenarios made and destroyed in between (they would reuse freed memory).
        for (int i = 0; i < 8; ++i)
        {
            std::vector<MecScenario> others(4, TwoCloudlets());
            for (auto& o : others)
            {
                o.name = "other";
                o.horizonS = 1;
                o.requests.clear();
            }
        }
        CheckTwoCloudlets(fromTemporary, "made from a temporary");
        CheckTwoCloudlets(*fromLocal, "made from a destroyed local");

        MecScenario s = TwoCloudlets();
        PlanningProblem fromLvalue(s);
        s.name = "changed";
        s.horizonS = 0.2;
        s.nodes[3].storageBytes = 1;
        s.requests.clear();
        CheckTwoCloudlets(fromLvalue, "made from a scenario changed afterwards");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The problem model's suite.
 */
class MecPfmModelTestSuite : public TestSuite
{
  public:
    MecPfmModelTestSuite()
        : TestSuite("mec-pfm-model", UNIT)
    {
        AddTestCase(new UnionStorageTestCase, TestCase::QUICK);
        AddTestCase(new ReferenceObjectiveTestCase, TestCase::QUICK);
        AddTestCase(new ScenarioOwnershipTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MecPfmModelTestSuite g_mecPfmModelTestSuite;

} // namespace
