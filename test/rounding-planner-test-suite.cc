/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/boolean.h"
#include "ns3/covering-rounding.h"
#include "ns3/double.h"
#include "ns3/ilp-planner.h"
#include "ns3/lp-planner.h"
#include "ns3/pfm-lp-formulation.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-assigner.h"
#include "ns3/plan-evaluator.h"
#include "ns3/planning-problem.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rounding-planner.h"
#include "ns3/string.h"
#include "ns3/synthetic-scenario.h"
#include "ns3/test.h"
#include "ns3/trimcaching-greedy-planner.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The randomized rounding: the chain of doc/planner.rst (Theorem 2) holds on every
 * instance; where no repair was needed the returned plan is within the proven ratio of the
 * LP bound (repaired runs are only counted); every plan is feasible, the same seed gives
 * the same plan.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using namespace ns3::mecpfm::test;

namespace
{

/// Tolerance of the numeric comparisons (relative).
const double TOL = 1e-7;

/**
 * \brief rho of Theorem 2 computed here request by request: max over requests with a
 * cloudlet option of (best DC delay) / (best delay anywhere).
 * \param p the problem
 * \return rho
 */
double
RatioOf(const PlanningProblem& p)
{
    double rho = 1;
    const auto& reqs = p.GetScenario().requests;
    for (const auto& c : p.GetClasses())
    {
        if (c.candidates.empty() || c.dcOnly)
        {
            continue;
        }
        for (auto r : c.members)
        {
            double dcBest = std::numeric_limits<double>::infinity();
            double best = dcBest;
            for (auto m : c.candidates)
            {
                for (uint32_t s = 0; s < p.GetNSites(); ++s)
                {
                    double d = p.GetRequestDelay(reqs[r], m, s);
                    best = std::min(best, d);
                    if (p.IsDc(s))
                    {
                        dcBest = std::min(dcBest, d);
                    }
                }
            }
            rho = std::max(rho, dcBest / best);
        }
    }
    return rho;
}

/// \return the rounding's plan with its local search (groups or not) as the last step
PlanResult
RoundWith(const PlanningProblem& p, bool groups)
{
    Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
    rp->SetAttribute("AssignTrials", UintegerValue(0)); // the local search's plan is returned
    rp->SetAttribute("LocalSearchGroups", BooleanValue(groups));
    rp->AssignStreams(3);
    return rp->Solve(p);
}

/**
 * \brief Two cloudlets on a star (as MakeTinyScenario builds it, equal links) and one
 * LoRA family: a 100 MB base and two 1 MB adapters, models "lora-1" (task "t1") and
 * "lora-2" (task "t2"); 20 requests of each task, all homed at cloudlet c1. Pulling the
 * base costs 0.8 s, serving a request at c0 instead of its home about 5 ms more, at the
 * DC about 50 ms more: so the family belongs at c1, but from both models open at c0
 * neither opening one model at c1 (the base again, for 0.1 s of savings) nor closing one
 * at c0 (its requests to the DC) pays; moving the pair does.
 * \return the scenario
 */
MecScenario
SiblingGroupScenario()
{
    MecScenario s;
    s.name = "sibling-group";
    s.horizonS = 10;
    s.maxLoad = 0.8;
    s.uplinkBps = 1e8;
    s.downlinkBps = 2e8;
    auto& cat = s.catalogue;
    cat.AddBlock("lora/base", 1e8);
    cat.AddBlock("lora/a1", 1e6);
    cat.AddBlock("lora/a2", 1e6);
    cat.AddModel(PfmModel{"lora-1", "lora", "t1", 0.8, 1e9, {}}, {"lora/base", "lora/a1"});
    cat.AddModel(PfmModel{"lora-2", "lora", "t2", 0.8, 1e9, {}}, {"lora/base", "lora/a2"});
    ScenarioNode dc{"dc", NodeRole::DATACENTER, 1e13, 4, 0, {}};
    ScenarioNode sw;
    sw.id = "s";
    sw.role = NodeRole::SWITCH;
    s.nodes = {dc, sw};
    for (uint32_t i = 0; i < 2; ++i)
    {
        ScenarioNode c;
        c.id = "c" + std::to_string(i);
        c.role = NodeRole::CLOUDLET;
        c.computeFlops = 1e13;
        c.storageBytes = 1e9;
        s.nodes.push_back(c);
    }
    s.links.push_back({0, 1, 1e9, 0.02});
    s.links.push_back({1, 2, 1e10, 0.001});
    s.links.push_back({1, 3, 1e10, 0.001});
    for (uint32_t r = 0; r < 40; ++r)
    {
        InferenceRequest q;
        q.id = r;
        q.home = 3; // cloudlet c1
        q.task = r % 2 == 0 ? "t1" : "t2";
        q.minAccuracy = 0.5;
        q.inputBytes = 1e6;
        q.outputBytes = 1e4;
        q.tokens = 100;
        q.arrivalS = 0.1 * r;
        s.requests.push_back(q);
    }
    s.Validate(s.name);
    return s;
}

/**
 * \ingroup mec-pfm-tests
 * The family-group moves of the local search (LocalSearchGroups): they run after the
 * single-model passes, so with them the plan is never worse and still feasible (the whole
 * rounding, and the search alone from random placements, on tiny sharing-heavy instances);
 * on SiblingGroupScenario, whose optimum (the ILP's, exact) holds the two siblings at one
 * cloudlet, they reach it from the siblings at the other, where the single-model moves do
 * not.
 */
class GroupMovesTestCase : public TestCase
{
  public:
    GroupMovesTestCase()
        : TestCase("local search: family-group moves never worse, reach a sibling group")
    {
    }

  private:
    /// Never worse, feasible: the rounding with and without, and the search from a placement.
    void NeverWorse()
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(62000);
        uint32_t better = 0;
        uint32_t compared = 0;
        for (int64_t i = 0; i < 30; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + static_cast<uint32_t>(i % 2);
            o.requests = 10;
            o.sharingHeavy = true;
            o.tightness = (i % 3) * 0.5;
            PlanningProblem p(MakeTinyScenario(61000 + i, o));
            PlanEvaluator ev(p);
            std::vector<std::pair<PlanResult, PlanResult>> runs;
            runs.emplace_back(RoundWith(p, true), RoundWith(p, false));
            // A random start: each model open at each cloudlet with probability 1/2.
            std::vector<std::set<uint32_t>> open(p.GetNCloudlets());
            for (auto& set : open)
            {
                for (uint32_t m = 0; m < p.GetCatalogue().GetNModels(); ++m)
                {
                    if (u->GetValue() < 0.5)
                    {
                        set.insert(m);
                    }
                }
            }
            runs.emplace_back(RoundingPlanner::LocalSearchFrom(p, open, true),
                              RoundingPlanner::LocalSearchFrom(p, open, false));
            for (const auto& [with, without] : runs)
            {
                if (!without.hasPlan)
                {
                    continue; // an infeasible start: nothing to improve
                }
                const PlanMetrics mw = ev.Evaluate(with.plan);
                const PlanMetrics mo = ev.Evaluate(without.plan);
                NS_TEST_EXPECT_MSG_EQ((with.hasPlan && mw.feasible), true, "instance " << i);
                NS_TEST_EXPECT_MSG_LT_OR_EQ(mw.totalDelayS,
                                            mo.totalDelayS * (1 + 1e-12),
                                            "instance " << i << ": worse with group moves");
                better += mw.totalDelayS < mo.totalDelayS * (1 - 1e-9) ? 1 : 0;
                ++compared;
            }
        }
        std::clog << "group moves improved " << better << " of " << compared << " runs\n";
        NS_TEST_EXPECT_MSG_GT(compared, 30u, "too few feasible runs to say anything");
    }

    void DoRun() override
    {
        NeverWorse();
        PlanningProblem p(SiblingGroupScenario());
        PlanEvaluator ev(p);
        Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
        ilp->SetAttribute("WarmStart", BooleanValue(false)); // independent of the rounding
        PlanResult exact = ilp->Solve(p);
        NS_TEST_ASSERT_MSG_EQ((exact.status == PlanStatus::OPTIMAL), true, "the ILP solves it");
        const double opt = ev.Evaluate(exact.plan).totalDelayS;
        // The optimum holds both siblings at c1 (site 1), nothing at c0.
        NS_TEST_EXPECT_MSG_EQ(exact.plan.models[1].size(), 2u, "the optimum's group at c1");
        NS_TEST_EXPECT_MSG_EQ(exact.plan.models[0].size(), 0u, "nothing at c0");
        const std::vector<std::set<uint32_t>> start{{0, 1}, {}};
        PlanResult with = RoundingPlanner::LocalSearchFrom(p, start, true);
        PlanResult without = RoundingPlanner::LocalSearchFrom(p, start, false);
        NS_TEST_ASSERT_MSG_EQ((with.hasPlan && without.hasPlan), true, "a feasible start");
        NS_TEST_EXPECT_MSG_EQ_TOL(ev.Evaluate(with.plan).totalDelayS,
                                  opt,
                                  opt * 1e-9,
                                  "group moves reach the optimum");
        NS_TEST_EXPECT_MSG_GT(ev.Evaluate(without.plan).totalDelayS,
                              opt * (1 + 1e-6),
                              "single-model moves stop short of it");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Proven ratio and feasibility on random instances: Theorem 2's chain always; the ratio of
 * the returned plan where no repair was needed (what doc/mec-pfm.rst states).
 */
class RoundingRatioTestCase : public TestCase
{
  public:
    RoundingRatioTestCase()
        : TestCase("without repair, rounding is within the proven ratio; plans are feasible")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t proven = 0;
        uint32_t repaired = 0;
        uint32_t solved = 0;
        double worstProven = 0;
        double worstRepaired = 0;
        double maxRho = 0;
        double maxProvenRatio = 0;
        for (int64_t i = 0; i < 150; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + (i % 4);
            o.requests = 4 + (i % 7) * 2;
            o.sharingHeavy = (i % 3) != 0;
            o.tightness = (i % 3 == 0) ? 0 : 0.2 + 0.2 * (i % 4);
            o.resident = (i % 5) < 2;
            o.dcFallback = (i % 7) == 3;
            MecScenario s = MakeTinyScenario(20000 + i, o);
            PlanningProblem p(s);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("TimeLimit", DoubleValue(2));
            PlanResult opt = ilp->Solve(p);
            Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
            rp->SetAttribute("Trials", UintegerValue(8));
            rp->AssignStreams(i);
            PlanResult r = rp->Solve(p);
            if (opt.status == PlanStatus::INFEASIBLE)
            {
                NS_TEST_ASSERT_MSG_EQ((r.status == PlanStatus::FEASIBLE),
                                      false,
                                      "instance " << i
                                                  << ": feasible plan of an infeasible "
                                                     "problem");
                continue;
            }
            if (opt.status != PlanStatus::OPTIMAL)
            {
                std::cout << "instance " << i << ": ILP " << PlanStatusToString(opt.status)
                          << " in 2 s, skipped" << std::endl;
                continue;
            }
            const RoundingCertificate& c = rp->GetCertificate();
            double rho = RatioOf(p);
            maxRho = std::max(maxRho, rho);
            NS_TEST_ASSERT_MSG_EQ_TOL(c.provenRatio, rho, TOL * rho, "rho, instance " << i);
            // Theorem 2, always: cost before repair <= estimator <= E bound <= rho LP.
            NS_TEST_ASSERT_MSG_EQ((c.preRepairCost <= c.estimator * (1 + TOL)),
                                  true,
                                  "instance " << i);
            NS_TEST_ASSERT_MSG_EQ((c.estimator <= c.expectedBound * (1 + TOL)),
                                  true,
                                  "instance " << i);
            NS_TEST_ASSERT_MSG_EQ((c.expectedBound <= rho * c.lpValue * (1 + TOL)),
                                  true,
                                  "instance " << i);
            // The LP rounded is the LP of the problem: <= the ILP optimum.
            PlanMetrics om = PlanEvaluator(p).Evaluate(opt.plan);
            NS_TEST_ASSERT_MSG_EQ((c.lpValue <= om.totalDelayS * (1 + TOL)),
                                  true,
                                  "instance " << i);
            if (!r.hasPlan)
            {
                // Repair may fail (heuristic); only when the ratio was not proven anyway.
                NS_TEST_ASSERT_MSG_EQ(c.preRepairFeasible, false, "instance " << i);
                continue;
            }
            ++solved;
            PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
            NS_TEST_ASSERT_MSG_EQ(m.feasible,
                                  true,
                                  "instance " << i << ": "
                                              << (m.violations.empty() ? "" : m.violations[0]));
            NS_TEST_ASSERT_MSG_EQ_TOL(m.totalDelayS, c.finalCost, TOL * m.totalDelayS, "final");
            NS_TEST_ASSERT_MSG_EQ((m.totalDelayS >= om.totalDelayS * (1 - TOL)),
                                  true,
                                  "instance " << i << ": below the ILP optimum");
            NS_TEST_ASSERT_MSG_EQ((r.lowerBoundS <= om.totalDelayS * (1 + TOL)),
                                  true,
                                  "instance " << i << ": bound above the optimum");
            double ratio = m.totalDelayS / r.lowerBoundS;
            if (c.preRepairFeasible)
            {
                // Theorem 2: no repair needed, so the plan is within rho of the LP bound.
                ++proven;
                worstProven = std::max(worstProven, ratio / rho);
                maxProvenRatio = std::max(maxProvenRatio, ratio);
                NS_TEST_ASSERT_MSG_EQ((ratio <= rho * (1 + TOL)),
                                      true,
                                      "instance " << i << ": ratio " << ratio << " > rho " << rho);
                // The returned plan is no dearer than the plan before repair.
                NS_TEST_ASSERT_MSG_EQ((m.totalDelayS <= c.preRepairCost * (1 + TOL)),
                                      true,
                                      "instance " << i << ": returned plan above C0");
            }
            else
            {
                ++repaired;
                worstRepaired = std::max(worstRepaired, ratio / rho);
            }
        }
        std::cout << "rounding: " << solved << " solved; " << proven
                  << " with the ratio proven (worst ratio/rho " << worstProven << ", worst ratio "
                  << maxProvenRatio << "), " << repaired << " repaired (worst ratio/rho "
                  << worstRepaired << ", not covered by the theorem); max rho " << maxRho
                  << std::endl;
        NS_TEST_ASSERT_MSG_GT(proven, 60u, "too few instances where the theorem applies");
        NS_TEST_ASSERT_MSG_GT(solved, 100u, "too few instances solved");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Same seed, same plan.
 */
class RoundingSeedTestCase : public TestCase
{
  public:
    RoundingSeedTestCase()
        : TestCase("same seed gives the same plan")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 10; ++i)
        {
            TinyOptions o;
            o.cloudlets = 5;
            o.requests = 40;
            o.sharingHeavy = true;
            o.tightness = 0.5;
            MecScenario s = MakeTinyScenario(30000 + i, o);
            PlanningProblem p(s);
            PlanResult r[2];
            for (int k = 0; k < 2; ++k)
            {
                Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
                rp->AssignStreams(42);
                r[k] = rp->Solve(p);
            }
            NS_TEST_ASSERT_MSG_EQ(r[0].hasPlan, r[1].hasPlan, "instance " << i);
            if (!r[0].hasPlan)
            {
                continue;
            }
            NS_TEST_ASSERT_MSG_EQ((r[0].plan.heldBlocks == r[1].plan.heldBlocks),
                                  true,
                                  "instance " << i);
            NS_TEST_ASSERT_MSG_EQ((r[0].plan.models == r[1].plan.models), true, "instance " << i);
            for (size_t j = 0; j < r[0].plan.decisions.size(); ++j)
            {
                const auto& a = r[0].plan.decisions[j];
                const auto& b = r[1].plan.decisions[j];
                NS_TEST_ASSERT_MSG_EQ(
                    (a.rejected == b.rejected && a.model == b.model && a.site == b.site),
                    true,
                    "instance " << i << " request " << j);
            }
        }
    }
};

/**
 * Where the ILP (checked against exhaustive search in mec-pfm-ilp-planner) finds a plan on
 * instances whose storage and load bind, the DC's included, rounding finds a feasible one
 * too: its repair opens models at cloudlets when the DC is over capacity. (Without that
 * repair, rounding found no plan on a GEANT variant whose DC had 1e14 FLOP/s although the
 * LP and the ILP were feasible.)
 */
class RoundingFeasibleWhereIlpIsTestCase : public TestCase
{
  public:
    RoundingFeasibleWhereIlpIsTestCase()
        : TestCase("rounding finds a feasible plan wherever the ILP does (binding DC)")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t ilpFeasible = 0;
        uint32_t roundingFeasible = 0;
        for (int64_t i = 0; i < 40; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + static_cast<uint32_t>(i % 3);
            o.requests = 12;
            o.sharingHeavy = i % 2 == 0;
            o.tightness = 1;
            o.dcFallback = i % 4 == 0;
            MecScenario s = MakeTinyScenario(50000 + i, o);
            PlanningProblem p(s);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("WarmStart", BooleanValue(false)); // independent of rounding
            ilp->SetAttribute("TimeLimit", DoubleValue(2));
            PlanResult exact = ilp->Solve(p);
            if (!exact.hasPlan)
            {
                continue;
            }
            ++ilpFeasible;
            Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
            rp->AssignStreams(7);
            PlanResult r = rp->Solve(p);
            PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
            NS_TEST_EXPECT_MSG_EQ((r.hasPlan && m.feasible),
                                  true,
                                  "instance " << i << ": the ILP found a plan, rounding "
                                              << (r.hasPlan ? "an infeasible one" : "none"));
            if (r.hasPlan && m.feasible)
            {
                ++roundingFeasible;
                NS_TEST_EXPECT_MSG_GT_OR_EQ(m.totalDelayS,
                                            exact.lowerBoundS * (1 - 1e-9),
                                            "instance " << i << ": below the ILP's bound");
            }
        }
        std::clog << "rounding feasible on " << roundingFeasible << " of " << ilpFeasible
                  << " ILP-feasible tight instances\n";
        NS_TEST_EXPECT_MSG_GT(ilpFeasible, 10u, "too few feasible instances to say anything");
    }
};

/**
 * \ingroup mec-pfm-tests
 * One tie rule before and after repair: where the plan before repair (every class at its
 * first option, load ignored: what Theorem 2 certifies) meets every capacity, AssignBest
 * returns a plan that is feasible and no dearer, on instances built with exact ties.
 *
 * Class A (home c2) ties between model x0 at c1 and x1 at c0 (same FLOPs, c0 and c1 alike,
 * equidistant from c2), and goes first in AssignBest (its large input makes the DC dear for
 * it). Class B (home c0 in the first variant, c1 in the second) has only the more accurate
 * model, open only at its home. Each cloudlet carries one request, the DC none: the plan is
 * feasible only if A takes the cloudlet B does not need. One variant is feasible before
 * repair under a rule preferring the lower model, the other under one preferring the lower
 * site; with one rule for both steps, the feasible one stays feasible after AssignBest.
 */
class TieRuleTestCase : public TestCase
{
  public:
    TieRuleTestCase()
        : TestCase("one tie rule: a feasible plan before repair is kept by AssignBest")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t applies = 0;
        for (uint32_t variant = 0; variant < 2; ++variant)
        {
            TinyOptions o;
            o.cloudlets = 3;
            o.requests = 2;
            MecScenario s = MakeTinyScenario(123, o);
            ModelCatalogue cat;
            cat.AddBlock("b0", 1e8);
            cat.AddBlock("b1", 1e8);
            // variant 0: x1 the more accurate (B's only model); variant 1: x0.
            cat.AddModel(PfmModel{"x0", "", "t", variant == 0 ? 0.7 : 0.9, 1e9, {}}, {"b0"});
            cat.AddModel(PfmModel{"x1", "", "t", variant == 0 ? 0.9 : 0.7, 1e9, {}}, {"b1"});
            s.catalogue = cat;
            s.horizonS = 0.1875;            // load capacity 0.8 x 1e12 x H = 1.5e11: one request
            s.nodes[0].computeFlops = 5e11; // the DC: 7.5e10, not even one
            for (uint32_t n = 2; n < 5; ++n)
            {
                s.nodes[n].computeFlops = 1e12;
                s.nodes[n].storageBytes = 1e9;
                s.nodes[n].residentBlocks = {0, 1};
            }
            s.links[0].bandwidthBps = 1e8; // DC - switch: slow
            s.links[0].delayS = 0.02;
            for (uint32_t l = 1; l < 4; ++l)
            {
                s.links[l].bandwidthBps = 1e10;
                s.links[l].delayS = 0.001;
            }
            for (auto& q : s.requests)
            {
                q.task = "t";
                q.tokens = 100;
                q.arrivalS = 0;
                q.outputBytes = 1e3;
            }
            auto& a = s.requests[0];
            a.home = 4; // c2
            a.minAccuracy = 0.5;
            a.inputBytes = 1e7;
            auto& b = s.requests[1];
            b.home = variant == 0 ? 2 : 3; // c0, c1
            b.minAccuracy = 0.8;
            b.inputBytes = 1e3;
            s.Validate(s.name);
            PlanningProblem p(s);
            // x1 open at c0, x0 at c1: the tie for A is (x0, c1) against (x1, c0).
            std::vector<std::set<uint32_t>> open{{1}, {0}, {}};
            const uint32_t qa = p.GetRequestClass()[0];
            NS_TEST_ASSERT_MSG_EQ(p.GetClassDelay(qa, 0, 1),
                                  p.GetClassDelay(qa, 1, 0),
                                  "an exact tie");
            PlanEvaluator ev(p);
            PlanMetrics before = ev.Evaluate(PlanAssigner::AssignUncapacitated(p, open));
            PlanMetrics after = ev.Evaluate(PlanAssigner::AssignBest(p, open));
            std::cout << "tie variant " << variant << ": before repair "
                      << (before.feasible ? "feasible " : "infeasible ") << before.totalDelayS
                      << ", AssignBest " << (after.feasible ? "feasible " : "infeasible ")
                      << after.totalDelayS << std::endl;
            if (before.feasible)
            {
                ++applies;
                NS_TEST_ASSERT_MSG_EQ(after.feasible, true, "variant " << variant);
                NS_TEST_ASSERT_MSG_LT_OR_EQ(after.totalDelayS,
                                            before.totalDelayS * (1 + TOL),
                                            "variant " << variant);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(applies, 1u, "exactly one variant is feasible before repair");
    }
};

/**
 * \ingroup mec-pfm-tests
 * When rounding finds no plan although one exists (the ILP, independent of rounding, finds
 * one), it says no_plan_found, never infeasible: on tight instances with a weakened
 * rounding (one trial, no local search, no assignment LP) and with an LP pruned to one
 * nearest cloudlet without pricing (whose infeasibility proves nothing).
 */
class RoundingNoPlanFoundTestCase : public TestCase
{
  public:
    RoundingNoPlanFoundTestCase()
        : TestCase("rounding without a plan on a feasible instance says no_plan_found")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t failed = 0;
        uint32_t feasible = 0;
        for (int64_t i = 0; i < 40; ++i)
        {
            TinyOptions o;
            o.cloudlets = 3 + static_cast<uint32_t>(i % 4);
            o.requests = 14;
            o.sharingHeavy = i % 2 == 0;
            o.tightness = 1;
            MecScenario s = MakeTinyScenario(70000 + i, o);
            PlanningProblem p(s);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("WarmStart", BooleanValue(false));
            ilp->SetAttribute("TimeLimit", DoubleValue(5));
            PlanResult exact = ilp->Solve(p);
            if (!exact.hasPlan || !PlanEvaluator(p).Evaluate(exact.plan).feasible)
            {
                continue;
            }
            ++feasible;
            for (int way = 0; way < 2; ++way)
            {
                Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
                rp->AssignStreams(i);
                rp->SetAttribute("Trials", UintegerValue(1));
                rp->SetAttribute("LocalSearchPasses", UintegerValue(0));
                rp->SetAttribute("AssignTrials", UintegerValue(0));
                if (way == 1)
                {
                    rp->SetAttribute("Nearest", UintegerValue(1));
                    rp->SetAttribute("PriceOut", BooleanValue(false));
                }
                PlanResult r = rp->Solve(p);
                const std::string st = PlanStatusToString(r.status);
                NS_TEST_ASSERT_MSG_NE(st,
                                      "infeasible",
                                      "instance " << i << " way " << way
                                                  << ": the ILP found a plan; " << r.message);
                if (!r.hasPlan)
                {
                    ++failed;
                    NS_TEST_ASSERT_MSG_EQ(st, "no_plan_found", "instance " << i);
                }
            }
        }
        std::cout << "rounding found no plan " << failed << " times on " << feasible
                  << " feasible instances" << std::endl;

        // Constructed: every request at c0, each of 5 cloudlets can carry 30 % of the load
        // and the DC almost none. The load fits the five cloudlets (the ILP's plan), not
        // home + 1 nearest + DC: the LP pruned to one nearest cloudlet is infeasible.
        TinyOptions o;
        o.cloudlets = 5;
        o.requests = 20;
        MecScenario s = MakeTinyScenario(70100, o);
        double load = 0;
        const uint32_t solo = 2; // task u's one model
        for (auto& q : s.requests)
        {
            q.home = 2;
            q.task = "u";
            q.minAccuracy = 0;
            load += q.tokens * s.catalogue.GetModels()[solo].flopsPerToken;
        }
        for (auto& n : s.nodes)
        {
            if (n.role == NodeRole::CLOUDLET)
            {
                n.computeFlops = 0.3 * load / (s.maxLoad * s.horizonS);
            }
            else if (n.role == NodeRole::DATACENTER)
            {
                n.computeFlops = 0.01 * load / (s.maxLoad * s.horizonS);
            }
        }
        s.Validate(s.name);
        PlanningProblem p(s);
        Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
        ilp->SetAttribute("WarmStart", BooleanValue(false));
        PlanResult exact = ilp->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(exact.status), "optimal", exact.message);
        // Without the feasibility phase: no plan, and it says so (never "infeasible").
        Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
        rp->AssignStreams(1);
        rp->SetAttribute("Nearest", UintegerValue(1));
        rp->SetAttribute("PriceOut", BooleanValue(false));
        rp->SetAttribute("Fallback", StringValue(""));
        PlanResult r = rp->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(r.hasPlan, false, "the pruned LP is infeasible: " << r.message);
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status), "no_plan_found", r.message);
        // With it (the default): a feasible plan, as PlanEvaluator checks, and no bound.
        rp->SetAttribute("Fallback", StringValue("trimcaching-greedy,popularity,nearest-greedy"));
        r = rp->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status), "feasible", r.message);
        NS_TEST_ASSERT_MSG_EQ(PlanEvaluator(p).Evaluate(r.plan).feasible, true, r.message);
        NS_TEST_ASSERT_MSG_EQ(std::isnan(r.lowerBoundS), true, "a bound from no LP");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The Farley bound that rounding reports when its LP is pruned and not priced out (what it
 * prints as lower_bound_s on large instances): never above the unpruned LP optimum
 * (LpPlanner with every option), which is never above any plan's objective. The
 * instances are chosen so that pruning removes optimal options (the pruned LP's value
 * exceeds the unpruned one on most of them).
 */
class FarleyBoundTestCase : public TestCase
{
  public:
    FarleyBoundTestCase()
        : TestCase("Farley bound of the pruned LP <= unpruned LP <= every plan")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t compared = 0;
        uint32_t prunedAbove = 0;
        uint32_t negative = 0;
        double worstGap = 0;
        for (int64_t i = 0; i < 24; ++i)
        {
            TinyOptions o;
            o.cloudlets = 8;
            o.requests = 30;
            o.sharingHeavy = i % 2 == 0;
            o.tightness = 0.1 + 0.035 * i;
            o.resident = i % 3 == 0;
            MecScenario s = MakeTinyScenario(60000 + i, o);
            PlanningProblem p(s);
            PlanResult full = CreateObject<LpPlanner>()->Solve(p);
            if (full.status != PlanStatus::OPTIMAL)
            {
                continue;
            }
            const double lp = full.lowerBoundS;
            // Both ways of pruning without pricing: Nearest with PriceOut false, and the
            // automatic pruning of a large LP (MaxOptions).
            for (int way = 0; way < 2; ++way)
            {
                Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
                rp->AssignStreams(i);
                rp->SetAttribute("Trials", UintegerValue(4));
                if (way == 0)
                {
                    rp->SetAttribute("Nearest", UintegerValue(1));
                    rp->SetAttribute("PriceOut", BooleanValue(false));
                }
                else
                {
                    rp->SetAttribute("MaxOptions", UintegerValue(100));
                }
                PlanResult r = rp->Solve(p);
                if (!std::isfinite(r.lowerBoundS))
                {
                    continue; // the pruned LP was not solved: no bound claimed
                }
                ++compared;
                const double farley = r.lowerBoundS;
                const double prunedLp = rp->GetCertificate().lpValue;
                prunedAbove += prunedLp > lp * (1 + 1e-6) ? 1 : 0;
                negative += farley < 0 ? 1 : 0;
                worstGap = std::max(worstGap, (lp - farley) / lp);
                NS_TEST_ASSERT_MSG_EQ((farley <= lp * (1 + 1e-7)),
                                      true,
                                      "instance " << i << " way " << way << ": Farley " << farley
                                                  << " > unpruned LP " << lp);
                // What is printed: none, or a bound in [0, LP*].
                const double printed = ReportableLowerBound(p, farley);
                NS_TEST_ASSERT_MSG_EQ((std::isnan(printed) || (printed >= 0 && printed <= farley)),
                                      true,
                                      "instance " << i << ": printed " << printed);
                NS_TEST_ASSERT_MSG_EQ((prunedLp >= lp * (1 - 1e-7)),
                                      true,
                                      "instance " << i << ": pruned LP below the unpruned one");
                // Every plan (rounding's, trimcaching's, cloud-only) costs at least LP*.
                std::vector<PlacementPlan> plans{PlacementPlan::CloudOnly(p)};
                if (r.hasPlan)
                {
                    plans.push_back(r.plan);
                }
                PlanResult g = CreateObject<TrimcachingGreedyPlanner>()->Solve(p);
                plans.push_back(g.plan);
                for (const auto& plan : plans)
                {
                    PlanMetrics m = PlanEvaluator(p).Evaluate(plan);
                    if (m.feasible)
                    {
                        NS_TEST_ASSERT_MSG_EQ((lp <= m.totalDelayS * (1 + 1e-7)),
                                              true,
                                              "instance " << i << ": LP above a plan");
                    }
                }
            }
        }
        std::cout << "farley: " << compared << " bounds compared, pruning removed optimal "
                  << "options in " << prunedAbove << ", " << negative
                  << " negative; worst gap to the unpruned LP " << 100 * worstGap << " %"
                  << std::endl;
        NS_TEST_ASSERT_MSG_GT(compared, 30u, "too few bounds compared");
        NS_TEST_ASSERT_MSG_GT(prunedAbove, 10u, "pruning never removed an optimal option");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Theorem 4 of doc/planner.rst as a property, checked by Monte Carlo on random tiny
 * instances (sharing-heavy ones with LoRA siblings, tight storage, resident blocks, DC
 * fallbacks): over many covering draws, the mean cost of the plan before repair (priced
 * here from the thresholds alone: every class at its cheapest open option or the DC), the
 * mean number of rounds and each cloudlet's mean held bytes stay within the proven bounds of
 * the unpruned LP (up to three standard errors); the instance bound is within the a priori
 * factor (recomputed here from kappa and N) of the LP; and the certificate's rule: "ratio
 * proven" only with an unpruned LP and no repair, and then the plan is within the proven
 * factor of the ILP optimum.
 */
class CoveringRoundingTestCase : public TestCase
{
  public:
    CoveringRoundingTestCase()
        : TestCase("covering rounding (Theorem 4): expectations within the proven bounds")
    {
    }

  private:
    /// Statistics of one quantity over the draws.
    struct Mean
    {
        double sum{0};  //!< sum
        double sum2{0}; //!< sum of squares
        uint32_t n{0};  //!< draws

        /// add a value
        void Add(double v)
        {
            sum += v;
            sum2 += v * v;
            ++n;
        }

        /// \return the mean minus three standard errors
        double Low() const
        {
            const double m = sum / n;
            const double var = std::max(0.0, sum2 / n - m * m);
            return m - 3 * std::sqrt(var / n);
        }
    };

    /// Cost before repair of the plan the thresholds v give, priced from the problem alone.
    static double CostOf(const PlanningProblem& p,
                         const std::vector<std::vector<double>>& y,
                         const std::vector<double>& v,
                         std::vector<double>& heldBytes)
    {
        const auto& cat = p.GetCatalogue();
        std::vector<std::set<uint32_t>> open(p.GetNCloudlets());
        double cost = 0;
        for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
        {
            std::set<uint32_t> blocks;
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (y[c][m] > 0 && y[c][m] >= v[c])
                {
                    open[c].insert(m);
                    blocks.insert(cat.GetModels()[m].blocks.begin(),
                                  cat.GetModels()[m].blocks.end());
                }
            }
            bool pulls = false;
            heldBytes[c] = 0;
            for (auto k : blocks)
            {
                cost += p.GetBlockCost(c, k);
                pulls = pulls || !p.IsResident(c, k);
                heldBytes[c] += cat.GetBlocks()[k].bytes;
            }
            cost += pulls ? p.GetPullLatency(c) : 0;
        }
        for (uint32_t q = 0; q < p.GetClasses().size(); ++q)
        {
            const auto& cl = p.GetClasses()[q];
            if (cl.candidates.empty())
            {
                continue;
            }
            double best = p.GetBestDcCost(q);
            for (uint32_t c = 0; c < p.GetNCloudlets() && !cl.dcOnly; ++c)
            {
                for (auto m : cl.candidates)
                {
                    if (open[c].count(m))
                    {
                        best = std::min(best, p.GetClassCost(q, m, c));
                    }
                }
            }
            cost += cl.GetCount() * best;
        }
        return cost;
    }

    /// The a priori factor at one alpha, from kappa (counted here) and N.
    static double AprioriHere(const PlanningProblem& p, double alpha, uint32_t classes)
    {
        uint32_t kappa = 0;
        for (const auto& cl : p.GetClasses())
        {
            if (!cl.candidates.empty() && !cl.dcOnly)
            {
                kappa = std::max<uint32_t>(kappa, cl.candidates.size());
            }
        }
        const double n = std::max<uint32_t>(1, classes);
        return std::max(alpha, kappa * (std::log(n) + 1) / (1 - 1 / alpha) + 2);
    }

    /// Check the expectations of one instance; \return whether it was checked
    bool CheckInstance(int64_t i, const PlanningProblem& p)
    {
        PfmLpFormulation lp(p, PfmLpFormulation::Options());
        if (lp.Solve() != PfmLpFormulation::Outcome::OPTIMAL)
        {
            return false;
        }
        NS_TEST_EXPECT_MSG_EQ(lp.IsPricedOut(), true, "instance " << i << ": LP pruned");
        const uint32_t nc = p.GetNCloudlets();
        std::vector<std::vector<double>> y(nc, std::vector<double>(p.GetCatalogue().GetNModels()));
        for (uint32_t c = 0; c < nc; ++c)
        {
            for (uint32_t m = 0; m < y[c].size(); ++m)
            {
                y[c][m] = std::min(1.0, std::max(0.0, lp.GetY(m, c)));
            }
        }
        CoveringRounding cr(p, lp, y, 1000);
        const CoveringBound& b = cr.GetBound();
        const double lpv = lp.GetObjective();
        // The a priori factor: the classes' miss probabilities are at most exp(-(1 - 1/alpha)
        // / kappa), whatever the LP solution, so the instance bound is within it.
        NS_TEST_EXPECT_MSG_EQ(
            (b.expectedBound - b.capTerm <= AprioriHere(p, b.alpha, b.classes) * lpv * (1 + TOL)),
            true,
            "instance " << i << ": bound above the a priori factor");
        NS_TEST_EXPECT_MSG_EQ(
            (b.expectedBound <= b.aprioriFactor * lpv * (1 + TOL) + b.aprioriCapTerm),
            true,
            "instance " << i << ": bound above the best a priori factor");
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(900 + i);
        Mean cost;
        Mean rounds;
        std::vector<Mean> held(nc);
        std::vector<double> bytes(nc);
        for (int d = 0; d < 400; ++d)
        {
            uint32_t r = 0;
            const auto v = cr.Draw(rng, r);
            cost.Add(CostOf(p, y, v, bytes));
            rounds.Add(r);
            for (uint32_t c = 0; c < nc; ++c)
            {
                held[c].Add(bytes[c]);
            }
        }
        NS_TEST_EXPECT_MSG_EQ((cost.Low() <= b.expectedBound * (1 + TOL)),
                              true,
                              "instance " << i << ": mean cost " << cost.sum / cost.n
                                          << " above the bound " << b.expectedBound);
        NS_TEST_EXPECT_MSG_EQ((rounds.Low() <= b.expectedRounds + TOL),
                              true,
                              "instance " << i << ": mean rounds above the bound");
        for (uint32_t c = 0; c < nc; ++c)
        {
            NS_TEST_EXPECT_MSG_EQ(
                (held[c].Low() <= b.expectedRounds * p.GetStorageBytes(c) * (1 + TOL) + 1),
                true,
                "instance " << i << ": mean held bytes at " << c << " above the bound");
        }
        m_worst = std::max(m_worst, cost.sum / cost.n / lpv);
        m_worstBound = std::max(m_worstBound, b.expectedBound / lpv);
        return true;
    }

    /// The certificate's rule on one instance, against the ILP optimum.
    void CheckCertificate(int64_t i, const PlanningProblem& p, bool prune)
    {
        Ptr<RoundingPlanner> rp = CreateObject<RoundingPlanner>();
        rp->AssignStreams(i);
        if (prune)
        {
            rp->SetAttribute("Nearest", UintegerValue(1));
            rp->SetAttribute("PriceOut", BooleanValue(false));
        }
        PlanResult r = rp->Solve(p);
        const RoundingCertificate& c = rp->GetCertificate();
        if (!r.hasPlan)
        {
            return;
        }
        const bool says = r.message.find("proven") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(says, c.ratioProven, "instance " << i << ": " << r.message);
        if (c.lpPruned || c.repairRan)
        {
            NS_TEST_ASSERT_MSG_EQ(c.ratioProven, false, "instance " << i << ": proven");
        }
        if (!c.ratioProven)
        {
            return;
        }
        ++m_proven;
        PlanResult opt = CreateObject<IlpPlanner>()->Solve(p);
        if (opt.status == PlanStatus::OPTIMAL)
        {
            const double o = PlanEvaluator(p).Evaluate(opt.plan).totalDelayS;
            NS_TEST_ASSERT_MSG_EQ((c.finalCost <= c.provenFactor * o * (1 + TOL)),
                                  true,
                                  "instance " << i << ": beyond the proven factor of OPT");
        }
    }

    void DoRun() override
    {
        uint32_t checked = 0;
        for (int64_t i = 0; i < 60; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + (i % 4);
            o.requests = 4 + (i % 7) * 2;
            o.sharingHeavy = (i % 3) != 0;
            o.tightness = (i % 3 == 0) ? 0 : 0.2 + 0.2 * (i % 4);
            o.resident = (i % 5) < 2;
            o.dcFallback = (i % 7) == 3;
            o.tokenLevels = i % 4 == 1 ? 2 : 0;
            MecScenario s = MakeTinyScenario(80000 + i, o);
            PlanningProblem p(s);
            checked += CheckInstance(i, p) ? 1 : 0;
            CheckCertificate(i, p, false);
            if (o.cloudlets >= 3)
            {
                CheckCertificate(i, p, true);
            }
        }
        std::cout << "covering rounding: " << checked << " instances, worst mean cost / LP "
                  << m_worst << ", worst proven bound / LP " << m_worstBound << ", " << m_proven
                  << " runs with the ratio proven" << std::endl;
        NS_TEST_ASSERT_MSG_GT(checked, 40u, "too few instances checked");
        NS_TEST_ASSERT_MSG_GT(m_proven, 5u, "the ratio is never proven");
    }

    double m_worst{0};      //!< worst mean pre-repair cost / LP
    double m_worstBound{0}; //!< worst instance bound / LP
    uint32_t m_proven{0};   //!< runs whose certificate proves the ratio
};

/**
 * \ingroup mec-pfm-tests
 * Tight instances (SyntheticScenario::TightParams, scaled down: storage of 3 to 12 GB,
 * edge and DC compute that both bind, LoRA and top-layer variants of 8 families, 12
 * tasks), with the DC's compute cut further on half of them. Against the ILP (proven
 * optimal, or a plan within its time limit): wherever the ILP has a plan, rounding has one
 * too; no planner says "infeasible" where a feasible plan exists; every planner's plan
 * passes PlanEvaluator when it says feasible; every lower bound that would be printed
 * (ReportableLowerBound) is >= 0 and at most every feasible plan's objective.
 */
class TightInstancesTestCase : public TestCase
{
  public:
    TightInstancesTestCase()
        : TestCase("tight instances: a plan wherever the ILP has one; bounds are bounds")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t withPlan = 0;
        uint32_t roundingPlans = 0;
        for (int64_t i = 0; i < 12; ++i)
        {
            SyntheticScenario::Params params =
                SyntheticScenario::TightParams(3 + i % 3, 30 + 10 * (i % 4), 500 + i);
            params.dcShare = i % 2 == 0 ? 0.4 : 0.25;
            MecScenario s = SyntheticScenario::Generate(params);
            PlanningProblem p(s);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("TimeLimit", DoubleValue(1));
            PlanResult opt = ilp->Solve(p);
            std::vector<std::pair<std::string, PlanResult>> runs{{"ilp", opt}};
            for (const auto& name : PfmPlanner::GetShortNames())
            {
                if (name == "ilp")
                {
                    continue;
                }
                Ptr<PfmPlanner> pl = PfmPlanner::CreateByName(name);
                pl->AssignStreams(i);
                if (name == "no-sharing")
                {
                    pl->SetAttribute("TimeLimit", DoubleValue(1));
                }
                runs.emplace_back(name, pl->Solve(p));
            }
            double bestPlan = std::numeric_limits<double>::infinity();
            for (const auto& [name, r] : runs)
            {
                if (!r.hasPlan)
                {
                    continue;
                }
                PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
                const bool claims = r.status == PlanStatus::OPTIMAL ||
                                    r.status == PlanStatus::FEASIBLE ||
                                    r.status == PlanStatus::TIME_LIMIT;
                if (claims && name != "lp")
                {
                    NS_TEST_ASSERT_MSG_EQ(
                        m.feasible,
                        true,
                        "instance " << i << ": " << name << " says feasible, PlanEvaluator: "
                                    << (m.violations.empty() ? "" : m.violations.front()));
                }
                if (m.feasible)
                {
                    bestPlan = std::min(bestPlan, m.totalDelayS);
                }
            }
            const bool feasible = std::isfinite(bestPlan);
            withPlan += feasible ? 1 : 0;
            for (const auto& [name, r] : runs)
            {
                NS_TEST_ASSERT_MSG_EQ((feasible && r.status == PlanStatus::INFEASIBLE),
                                      false,
                                      "instance " << i << ": " << name
                                                  << " says infeasible, a plan exists");
                const double lb = ReportableLowerBound(p, r.lowerBoundS);
                NS_TEST_ASSERT_MSG_EQ(
                    (std::isnan(lb) || (lb >= 0 && (!feasible || lb <= bestPlan * (1 + 1e-6)))),
                    true,
                    "instance " << i << ": " << name << " bound " << lb << " above the plan "
                                << bestPlan);
                if (name == "rounding")
                {
                    roundingPlans += r.hasPlan ? 1 : 0;
                    NS_TEST_ASSERT_MSG_EQ((opt.hasPlan && !r.hasPlan),
                                          false,
                                          "instance " << i
                                                      << ": the ILP has a plan, rounding "
                                                         "none: "
                                                      << r.message);
                }
            }
        }
        std::cout << "tight: " << withPlan << " of 12 instances with a feasible plan, rounding "
                  << "planned " << roundingPlans << std::endl;
        NS_TEST_ASSERT_MSG_GT(withPlan, 6u, "too few feasible tight instances");
    }
};

/**
 * \ingroup mec-pfm-tests
 * PlanAssigner::AssignByLp against an exhaustive search over the assignments a fixed
 * placement allows: equal serving delay when the load does not bind (the LP is then
 * integral), never below it, and feasible plans only, when it binds; with integerNodes
 * (the assignment integer program) equal to it on every instance.
 */
class AssignByLpTestCase : public TestCase
{
  public:
    AssignByLpTestCase()
        : TestCase("assignment LP: optimal for the placement when load does not bind; "
                   "assignment IP: optimal")
    {
    }

  private:
    /// Marks the option "rejected" in the exhaustive search.
    static constexpr uint32_t REJECTED = std::numeric_limits<uint32_t>::max();

    /**
     * \brief Instance i of the sweep.
     * \param i the index: instances 60 to 89 have two token sizes, so that options share
     *        loads (the assignment IP's load-group columns)
     * \param roomy set where the storage is roomy (the LP is then optimal)
     * \return the scenario
     */
    static MecScenario MakeInstance(int64_t i, bool& roomy)
    {
        TinyOptions o;
        o.cloudlets = 2 + static_cast<uint32_t>(i % 2);
        o.requests = o.cloudlets == 2 ? 5 : 4;
        o.tokenLevels = i >= 60 ? 2 : 0;
        o.sharingHeavy = i % 2 == 0;
        roomy = i % 3 == 0;
        o.tightness = roomy ? 0 : 0.8;
        o.dcFallback = i % 4 == 1; // some floors no model meets
        MecScenario s = MakeTinyScenario(70000 + i, o);
        if (i % 8 == 1)
        {
            s.noCandidate = NoCandidatePolicy::REJECT; // those requests are rejected
        }
        return s;
    }

    /**
     * \brief A random set of models per cloudlet that fits its storage.
     * \param p the problem
     * \param stream the random stream
     * \return the models open at each cloudlet
     */
    static std::vector<std::set<uint32_t>> RandomPlacement(const PlanningProblem& p, int64_t stream)
    {
        const auto& cat = p.GetCatalogue();
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(stream);
        std::vector<std::set<uint32_t>> open(p.GetNCloudlets());
        for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
        {
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (u->GetValue() < 0.5)
                {
                    open[c].insert(m);
                    std::vector<uint32_t> ms(open[c].begin(), open[c].end());
                    if (cat.GetUnionBytes(ms) > p.GetStorageBytes(c))
                    {
                        open[c].erase(m);
                    }
                }
            }
        }
        return open;
    }

    /**
     * \brief Exhaustive search: each request to a candidate at the DC or open at a cloudlet
     * (or rejected where it has no candidate), every load within capacity.
     * \param p the problem
     * \param open the models open at each cloudlet
     * \return the least serving delay, infinite if no assignment is feasible
     */
    static double ExhaustiveServingDelay(const PlanningProblem& p,
                                         const std::vector<std::set<uint32_t>>& open)
    {
        const auto& cat = p.GetCatalogue();
        const auto& reqs = p.GetScenario().requests;
        const auto& cls = p.GetRequestClass();
        uint32_t nc = p.GetNCloudlets();
        uint32_t dc = p.GetDcSite();
        std::vector<std::vector<std::pair<uint32_t, uint32_t>>> opts(reqs.size());
        for (size_t r = 0; r < reqs.size(); ++r)
        {
            const auto& cl = p.GetClasses()[cls[r]];
            if (cl.candidates.empty())
            {
                opts[r].emplace_back(REJECTED, dc); // rejected: no delay, no load
            }
            for (auto m : cl.candidates)
            {
                opts[r].emplace_back(m, dc);
                for (uint32_t c = 0; c < nc && !cl.dcOnly; ++c)
                {
                    if (open[c].count(m))
                    {
                        opts[r].emplace_back(m, c);
                    }
                }
            }
        }
        double best = std::numeric_limits<double>::infinity();
        std::vector<size_t> pick(reqs.size(), 0);
        do
        {
            std::vector<double> load(dc + 1, 0);
            double serve = 0;
            for (size_t r = 0; r < reqs.size(); ++r)
            {
                auto [m, v] = opts[r][pick[r]];
                if (m == REJECTED)
                {
                    continue;
                }
                serve += p.GetRequestDelay(reqs[r], m, v);
                load[v] += cat.GetModels()[m].flopsPerToken * reqs[r].tokens;
            }
            bool ok = true;
            for (uint32_t v = 0; v <= dc; ++v)
            {
                ok = ok && load[v] <= p.GetLoadCapacity(v) * (1 + 1e-12);
            }
            if (ok)
            {
                best = std::min(best, serve);
            }
        } while (NextChoice(pick, opts));
        return best;
    }

    void DoRun() override
    {
        uint32_t equal = 0;
        uint32_t compared = 0;
        uint32_t rejected = 0;
        uint32_t exactEqual = 0;
        uint32_t improvedByExchanges = 0;
        for (int64_t i = 0; i < 90; ++i)
        {
            bool roomy = false;
            MecScenario s = MakeInstance(i, roomy);
            PlanningProblem p(s);
            std::vector<std::set<uint32_t>> open = RandomPlacement(p, 80000 + i);
            double best = ExhaustiveServingDelay(p, open);
            // The integer program (tiny: GLPK proves optimality at once) is the optimum.
            PlacementPlan exact;
            bool gotExact = PlanAssigner::AssignByLp(p, open, 0, 0, exact, nullptr, 1000000);
            NS_TEST_ASSERT_MSG_EQ(gotExact,
                                  std::isfinite(best),
                                  "instance " << i << ": assignment IP vs exhaustive");
            if (gotExact)
            {
                PlanMetrics me = PlanEvaluator(p).Evaluate(exact);
                NS_TEST_ASSERT_MSG_EQ(me.feasible, true, "instance " << i << ": assignment IP");
                NS_TEST_ASSERT_MSG_EQ_TOL(me.servingDelayS,
                                          best,
                                          1e-9 * best,
                                          "instance " << i << ": assignment IP not optimal");
                exactEqual += 1;
            }
            PlacementPlan plan;
            bool got = PlanAssigner::AssignByLp(p, open, 0, 0, plan);
            if (!got)
            {
                NS_TEST_ASSERT_MSG_EQ(roomy, false, "instance " << i << ": no plan, load roomy");
                continue;
            }
            PlanMetrics m = PlanEvaluator(p).Evaluate(plan);
            NS_TEST_ASSERT_MSG_EQ(m.feasible,
                                  true,
                                  "instance " << i << ": "
                                              << (m.violations.empty() ? "" : m.violations[0]));
            NS_TEST_ASSERT_MSG_EQ(std::isfinite(best), true, "instance " << i);
            rejected += m.rejected;
            NS_TEST_ASSERT_MSG_GT_OR_EQ(m.servingDelayS,
                                        best * (1 - 1e-9),
                                        "instance " << i << ": below the exhaustive optimum");
            if (roomy)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(m.servingDelayS,
                                          best,
                                          1e-9 * best,
                                          "instance " << i << ": roomy, not optimal");
            }
            ++compared;
            equal += m.servingDelayS <= best * (1 + 1e-9) ? 1 : 0;
            // A budget of one subproblem for the integer program (then the LP rounding if
            // it found none, and the exchanges of the integer mode): still feasible, never
            // worse than the rounding, never below the optimum.
            PlacementPlan quick;
            bool gotQuick = PlanAssigner::AssignByLp(p, open, 0, 0, quick, nullptr, 1);
            NS_TEST_ASSERT_MSG_EQ(gotQuick, true, "instance " << i << ": exchanges");
            PlanMetrics mq = PlanEvaluator(p).Evaluate(quick);
            NS_TEST_ASSERT_MSG_EQ(mq.feasible, true, "instance " << i << ": exchanges");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(mq.servingDelayS,
                                        m.servingDelayS * (1 + 1e-9),
                                        "instance " << i << ": exchanges made it worse");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(mq.servingDelayS,
                                        best * (1 - 1e-9),
                                        "instance " << i << ": exchanges below the optimum");
            improvedByExchanges += mq.servingDelayS < m.servingDelayS * (1 - 1e-9) ? 1 : 0;
        }
        std::clog << "assignment LP optimal for the placement on " << equal << " of " << compared
                  << " instances (" << rejected << " requests rejected); the assignment IP on "
                  << exactEqual << "; exchanges improve the rounding on " << improvedByExchanges
                  << "\n";
        NS_TEST_ASSERT_MSG_GT(rejected, 0u, "no instance with rejected requests");
        NS_TEST_ASSERT_MSG_GT(compared, 40u, "too few instances");
    }
};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * The randomized rounding.
 */
class RoundingPlannerTestSuite : public TestSuite
{
  public:
    RoundingPlannerTestSuite()
        : TestSuite("mec-pfm-rounding-planner", UNIT)
    {
        AddTestCase(new RoundingNoPlanFoundTestCase, TestCase::QUICK);
        AddTestCase(new TieRuleTestCase, TestCase::QUICK);
        AddTestCase(new RoundingRatioTestCase, TestCase::QUICK);
        AddTestCase(new RoundingSeedTestCase, TestCase::QUICK);
        AddTestCase(new RoundingFeasibleWhereIlpIsTestCase, TestCase::QUICK);
        AddTestCase(new AssignByLpTestCase, TestCase::QUICK);
        AddTestCase(new FarleyBoundTestCase, TestCase::QUICK);
        AddTestCase(new CoveringRoundingTestCase, TestCase::QUICK);
        AddTestCase(new TightInstancesTestCase, TestCase::QUICK);
        AddTestCase(new GroupMovesTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static RoundingPlannerTestSuite g_roundingPlannerTestSuite;
