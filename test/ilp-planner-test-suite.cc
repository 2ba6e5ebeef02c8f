/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/ilp-planner.h"
#include "ns3/lp-planner.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-evaluator.h"
#include "ns3/planning-problem.h"
#include "ns3/pointer.h"
#include "ns3/rounding-planner.h"
#include "ns3/scenario-reader.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The GLPK planners against truth computed in the test: the ILP optimum equals an
 * exhaustive search over every assignment of requests to (model, site), written here from
 * the formulation (own routes, own delays, own union storage); lp <= ilp; pruning with
 * pricing gives the same bound; time limit and infeasibility give a clear status; the
 * warm start comes from the WarmStartPlanner attribute.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using namespace ns3::mecpfm::test;

namespace
{

/// Result of the exhaustive search.
struct Exhaustive
{
    bool feasible{false};                                 //!< some assignment is feasible
    double best{std::numeric_limits<double>::infinity()}; //!< its objective
    double bestAccuracy{0};  //!< sum of the served models' accuracies of that optimum
    uint64_t assignments{0}; //!< enumerated
};

/// Weights and prices of the weighted objective, as the test computes it by hand.
struct HandWeights
{
    double accuracy{0}; //!< w_acc, s per unit of accuracy
    double cost{0};     //!< w_cost, s per unit of cost
    // The documented default prices (CostModel): per GB pulled, per PFLOP at a cloudlet
    // and at the DC, per GB-hour held at a cloudlet.
    double perGbPulled{0.02};    //!< backhaul
    double perPflopEdge{0.0004}; //!< edge compute
    double perPflopDc{0.0002};   //!< DC compute
    double perGbHour{0.0001};    //!< storage
};

/**
 * \brief Enumerate every assignment of each request to (candidate model, site), hold at
 * each cloudlet exactly the union of the blocks of the models it uses, check storage and
 * load, and compute TotalDelay by hand (with \p w: TotalDelay + w_cost x cost - w_acc x
 * the sum of the accuracies, the cost priced here by hand). Nothing of PlanningProblem is
 * used.
 * \param s the scenario (star topology of MakeTinyScenario)
 * \param star its links
 * \param w the weights (default 0 and 0: TotalDelay)
 * \return the optimum
 */
Exhaustive
Search(const MecScenario& s, const TinyStar& star, const HandWeights& w = HandWeights())
{
    const auto& cat = s.catalogue;
    const uint32_t nNodes = s.nodes.size();
    std::vector<uint32_t> sites; // node indices: cloudlets, then the DC (node 0)
    for (uint32_t n = 2; n < nNodes; ++n)
    {
        sites.push_back(n);
    }
    sites.push_back(0);
    const uint32_t nc = sites.size() - 1;

    auto bw = [&](uint32_t a, uint32_t b) { return std::min(star.bw[a], star.bw[b]); };
    auto lat = [&](uint32_t a, uint32_t b) { return star.delay[a] + star.delay[b]; };
    auto delay = [&](const InferenceRequest& r, uint32_t m, uint32_t v) {
        double d = r.inputBytes * 8 / s.uplinkBps + r.outputBytes * 8 / s.downlinkBps;
        if (v != r.home)
        {
            d += r.inputBytes * 8 / bw(r.home, v) + r.outputBytes * 8 / bw(v, r.home) +
                 2 * lat(r.home, v);
        }
        d += cat.GetModels()[m].flopsPerToken * r.tokens / s.nodes[v].computeFlops;
        return d;
    };

    // Options per request: (model, site index) pairs.
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> opts(s.requests.size());
    for (size_t i = 0; i < s.requests.size(); ++i)
    {
        const auto& r = s.requests[i];
        int bestAcc = -1;
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            const auto& mm = cat.GetModels()[m];
            if (mm.task != r.task)
            {
                continue;
            }
            if (bestAcc < 0 || mm.accuracy > cat.GetModels()[bestAcc].accuracy)
            {
                bestAcc = m;
            }
            if (mm.accuracy >= r.minAccuracy)
            {
                for (uint32_t v = 0; v <= nc; ++v)
                {
                    opts[i].push_back({m, v});
                }
            }
        }
        if (opts[i].empty())
        {
            opts[i].push_back({static_cast<uint32_t>(bestAcc), nc}); // DC fallback
        }
    }

    Exhaustive e;
    std::vector<size_t> pick(s.requests.size(), 0);
    while (true)
    {
        ++e.assignments;
        std::vector<double> load(nc + 1, 0);
        std::vector<std::set<uint32_t>> blocks(nc);
        double serve = 0;
        double accuracy = 0;
        double price = 0;
        for (size_t i = 0; i < pick.size(); ++i)
        {
            auto [m, v] = opts[i][pick[i]];
            const auto& r = s.requests[i];
            serve += delay(r, m, sites[v]);
            accuracy += cat.GetModels()[m].accuracy;
            double flops = cat.GetModels()[m].flopsPerToken * r.tokens;
            price += flops / 1e15 * (v == nc ? w.perPflopDc : w.perPflopEdge);
            load[v] += flops;
            if (v < nc)
            {
                for (auto k : cat.GetModels()[m].blocks)
                {
                    blocks[v].insert(k);
                }
            }
        }
        bool ok = true;
        double pull = 0;
        for (uint32_t v = 0; v <= nc && ok; ++v)
        {
            const auto& node = s.nodes[sites[v]];
            ok = load[v] <= s.maxLoad * node.computeFlops * s.horizonS * (1 + 1e-12);
            if (v == nc || !ok)
            {
                continue;
            }
            double bytes = 0;
            bool pulls = false;
            for (auto k : blocks[v])
            {
                bytes += cat.GetBlocks()[k].bytes;
                price += cat.GetBlocks()[k].bytes / 1e9 * s.horizonS / 3600 * w.perGbHour;
                bool resident =
                    std::count(node.residentBlocks.begin(), node.residentBlocks.end(), k) > 0;
                if (!resident)
                {
                    pull += cat.GetBlocks()[k].bytes * 8 / bw(0, sites[v]);
                    price += cat.GetBlocks()[k].bytes / 1e9 * w.perGbPulled;
                    pulls = true;
                }
            }
            ok = bytes <= node.storageBytes * (1 + 1e-12);
            if (pulls)
            {
                pull += lat(0, sites[v]);
            }
        }
        double objective = serve + pull + w.cost * price - w.accuracy * accuracy;
        if (ok && objective < e.best)
        {
            e.best = objective;
            e.bestAccuracy = accuracy;
            e.feasible = true;
        }
        if (!NextChoice(pick, opts))
        {
            break;
        }
    }
    return e;
}

/**
 * \ingroup mec-pfm-tests
 * ILP optimum == exhaustive optimum on random tiny instances; lp <= ilp.
 */
class IlpExhaustiveTestCase : public TestCase
{
  public:
    IlpExhaustiveTestCase()
        : TestCase("ILP optimum equals exhaustive search on 260 tiny instances")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t feasible = 0;
        uint32_t infeasible = 0;
        uint32_t binding = 0;
        uint32_t stronger = 0;
        double gapLp = 0;
        double gapCut = 0;
        // Instances 200 to 259: two token sizes, so that requests share loads and the
        // load-group columns exist where the load binds.
        for (int64_t i = 0; i < 260; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + (i % 2);
            o.requests = o.cloudlets == 2 ? 4 : 3;
            o.sharingHeavy = (i % 3) != 0;
            o.tightness = (i % 4 == 0) ? 0 : 0.3 + 0.7 * ((i % 5) / 4.0);
            o.tokenLevels = i >= 200 ? 2 : 0;
            o.resident = (i % 7) < 3;
            o.dcFallback = (i % 6) == 5;
            TinyStar star;
            MecScenario s = MakeTinyScenario(1000 + i, o, &star);
            Exhaustive e = Search(s, star);

            PlanningProblem p(s);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            PlanResult r = ilp->Solve(p);
            Ptr<LpPlanner> lp = CreateObject<LpPlanner>();
            PlanResult b = lp->Solve(p);
            // The relaxation strengthened by the valid inequalities, and the ILP without them.
            Ptr<LpPlanner> cutLp = CreateObject<LpPlanner>();
            cutLp->SetAttribute("CutRounds", UintegerValue(20));
            PlanResult bc = cutLp->Solve(p);
            Ptr<IlpPlanner> plainIlp = CreateObject<IlpPlanner>();
            plainIlp->SetAttribute("CutRounds", UintegerValue(0));
            plainIlp->SetAttribute("WarmStart", BooleanValue(false));
            PlanResult r0 = plainIlp->Solve(p);
            // The textbook model: one linking row per option, no node cuts, no LP heuristic,
            // no copy or load-group columns (the default ILP above has all five).
            Ptr<IlpPlanner> fullIlp = CreateObject<IlpPlanner>();
            fullIlp->SetAttribute("AggregateLinking", BooleanValue(false));
            fullIlp->SetAttribute("CopyColumns", BooleanValue(false));
            fullIlp->SetAttribute("LoadGroupColumns", BooleanValue(false));
            fullIlp->SetAttribute("NodeCuts", BooleanValue(false));
            fullIlp->SetAttribute("LpHeuristic", BooleanValue(false));
            PlanResult r1 = fullIlp->Solve(p);
            if (!e.feasible)
            {
                ++infeasible;
                NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status),
                                      "infeasible",
                                      "instance " << i << ": exhaustive found no plan");
                NS_TEST_ASSERT_MSG_EQ(r.hasPlan, false, "instance " << i);
                NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r0.status), "infeasible", "plain " << i);
                NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r1.status), "infeasible", "full " << i);
                continue;
            }
            ++feasible;
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status),
                                  "optimal",
                                  "instance " << i << ": " << r.message);
            NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, "instance " << i);
            PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
            NS_TEST_ASSERT_MSG_EQ(m.feasible,
                                  true,
                                  "instance " << i << ": "
                                              << (m.violations.empty() ? "" : m.violations[0]));
            NS_TEST_ASSERT_MSG_EQ_TOL(m.totalDelayS,
                                      e.best,
                                      1e-6 * e.best,
                                      "instance " << i << ": ILP vs exhaustive (" << e.assignments
                                                  << " assignments)");
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(b.status), "optimal", "LP " << i);
            NS_TEST_ASSERT_MSG_EQ((b.lowerBoundS <= e.best * (1 + 1e-7)),
                                  true,
                                  "instance " << i << ": LP " << b.lowerBoundS << " > opt "
                                              << e.best);
            NS_TEST_ASSERT_MSG_EQ((r.lowerBoundS <= e.best * (1 + 1e-7)),
                                  true,
                                  "instance " << i << ": ILP bound above the optimum");
            // plain LP <= strengthened LP <= optimum; the ILP without cuts finds it too.
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(bc.status), "optimal", "cut LP " << i);
            NS_TEST_ASSERT_MSG_EQ((bc.lowerBoundS <= e.best * (1 + 1e-7)),
                                  true,
                                  "instance " << i << ": cut LP " << bc.lowerBoundS << " > opt "
                                              << e.best);
            NS_TEST_ASSERT_MSG_EQ((bc.lowerBoundS >= b.lowerBoundS * (1 - 1e-7)),
                                  true,
                                  "instance " << i << ": cut LP below the LP");
            stronger += bc.lowerBoundS > b.lowerBoundS * (1 + 1e-6) ? 1 : 0;
            gapLp += (e.best - b.lowerBoundS) / e.best;
            gapCut += (e.best - bc.lowerBoundS) / e.best;
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r0.status), "optimal", "plain " << i);
            PlanMetrics m0 = PlanEvaluator(p).Evaluate(r0.plan);
            NS_TEST_ASSERT_MSG_EQ_TOL(m0.totalDelayS,
                                      e.best,
                                      1e-6 * e.best,
                                      "instance " << i << ": ILP without cuts vs exhaustive");
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r1.status), "optimal", "full " << i);
            PlanMetrics m1 = PlanEvaluator(p).Evaluate(r1.plan);
            NS_TEST_ASSERT_MSG_EQ_TOL(m1.totalDelayS,
                                      e.best,
                                      1e-6 * e.best,
                                      "instance " << i
                                                  << ": per-option linking rows vs exhaustive");
            // Is a capacity binding here? The optimum without capacities is lower.
            MecScenario roomy = s;
            roomy.horizonS = 1e12; // load capacity max_load x mu x H: no delay changes
            for (auto& n : roomy.nodes)
            {
                n.storageBytes = n.role == NodeRole::CLOUDLET ? 1e15 : n.storageBytes;
            }
            Exhaustive free = Search(roomy, star);
            binding += free.best < e.best * (1 - 1e-9) ? 1 : 0;
        }
        std::cout << "ilp-exhaustive: " << feasible << " feasible (capacity binding in " << binding
                  << "), " << infeasible << " infeasible" << std::endl;
        std::cout << "ilp-exhaustive: cuts raise the LP bound on " << stronger
                  << " instances; mean gap to the optimum: LP " << 100 * gapLp / feasible
                  << " %, with cuts " << 100 * gapCut / feasible << " %" << std::endl;
        NS_TEST_ASSERT_MSG_GT(binding, 40u, "too few capacity-binding instances");
        NS_TEST_ASSERT_MSG_GT(stronger, 10u, "the cuts never strengthen the LP");
        NS_TEST_ASSERT_MSG_GT(feasible, 120u, "too few feasible instances");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The weighted objective TotalDelay + w_cost Cost - w_acc sum a_m: on tiny instances, for
 * several weights, the ILP's plan (priced by PlanEvaluator with the weights) equals the
 * exhaustive optimum of the objective priced by hand; LP <= optimum; rounding's plan is
 * feasible, no better than the optimum, and its pre-repair plan within its certified bound;
 * the served accuracy of the optimum never falls as w_acc grows, and rises on some.
 */
class WeightedObjectiveTestCase : public TestCase
{
  public:
    WeightedObjectiveTestCase()
        : TestCase("weighted objective: ILP == exhaustive search for several weights")
    {
    }

  private:
    /// One (w_acc, w_cost) setting; the w_cost 0 settings in increasing w_acc come first.
    struct Setting
    {
        double acc;  //!< w_acc
        double cost; //!< w_cost
    };

    /**
     * \brief Solve one instance at one setting with the ILP, the LP and rounding, and
     * check them against the exhaustive optimum.
     * \param i the instance
     * \param s the scenario
     * \param star its links
     * \param w the setting
     * \param accuracy set to the ILP plan's accuracy sum
     * \return the exhaustive optimum
     */
    Exhaustive Check(int64_t i,
                     const MecScenario& s,
                     const TinyStar& star,
                     const Setting& w,
                     double& accuracy)
    {
        HandWeights hw;
        hw.accuracy = w.acc;
        hw.cost = w.cost;
        Exhaustive e = Search(s, star, hw);
        PlanningProblem p(s);
        ObjectiveWeights ow;
        ow.accuracyWeight = w.acc;
        ow.costWeight = w.cost;
        PlanEvaluator eval(p, CostModel(), false, ow);
        std::ostringstream where;
        where << "instance " << i << ", w_acc " << w.acc << ", w_cost " << w.cost;
        Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
        ilp->SetAttribute("AccuracyWeight", DoubleValue(w.acc));
        ilp->SetAttribute("CostWeight", DoubleValue(w.cost));
        PlanResult r = ilp->Solve(p);
        if (!e.feasible)
        {
            NS_TEST_EXPECT_MSG_EQ(PlanStatusToString(r.status), "infeasible", where.str());
            return e;
        }
        const double tol = 1e-6 * std::max(1.0, std::fabs(e.best));
        NS_TEST_EXPECT_MSG_EQ(PlanStatusToString(r.status), "optimal", where.str());
        PlanMetrics m = eval.Evaluate(r.plan);
        NS_TEST_EXPECT_MSG_EQ(m.feasible, true, where.str());
        NS_TEST_EXPECT_MSG_EQ_TOL(m.objective, e.best, tol, where.str() << ": ILP vs exhaustive");
        accuracy = m.accuracySum;
        // The ILP's own bound and the LP bound of the same weights are bounds, also when
        // the ILP stops at a relative gap (the objective may be negative).
        NS_TEST_EXPECT_MSG_EQ((r.lowerBoundS <= e.best + tol), true, where.str());
        Ptr<IlpPlanner> gapped = CreateObject<IlpPlanner>();
        gapped->SetAttribute("AccuracyWeight", DoubleValue(w.acc));
        gapped->SetAttribute("CostWeight", DoubleValue(w.cost));
        gapped->SetAttribute("MipGap", DoubleValue(0.2));
        PlanResult rg = gapped->Solve(p);
        NS_TEST_EXPECT_MSG_EQ((rg.lowerBoundS <= e.best + tol),
                              true,
                              where.str() << ": MipGap 0.2 bound " << rg.lowerBoundS << " > opt "
                                          << e.best);
        Ptr<LpPlanner> lp = CreateObject<LpPlanner>();
        lp->SetAttribute("AccuracyWeight", DoubleValue(w.acc));
        lp->SetAttribute("CostWeight", DoubleValue(w.cost));
        PlanResult b = lp->Solve(p);
        NS_TEST_EXPECT_MSG_EQ(PlanStatusToString(b.status), "optimal", where.str());
        NS_TEST_EXPECT_MSG_EQ((b.lowerBoundS <= e.best + tol),
                              true,
                              where.str() << ": LP " << b.lowerBoundS << " > opt " << e.best);
        Ptr<RoundingPlanner> rounding = CreateObject<RoundingPlanner>();
        rounding->AssignStreams(0);
        rounding->SetAttribute("AccuracyWeight", DoubleValue(w.acc));
        rounding->SetAttribute("CostWeight", DoubleValue(w.cost));
        PlanResult rr = rounding->Solve(p);
        if (rr.hasPlan)
        {
            PlanMetrics mr = eval.Evaluate(rr.plan);
            NS_TEST_EXPECT_MSG_EQ(mr.feasible, true, where.str() << ": rounding");
            NS_TEST_EXPECT_MSG_EQ((mr.objective >= e.best - tol), true, where.str());
            // Theorem 2 with weights: C_0 <= rho LP + (rho - 1) w_acc A*.
            const RoundingCertificate& cert = rounding->GetCertificate();
            NS_TEST_EXPECT_MSG_EQ((cert.preRepairCost <= cert.ratioBound + tol),
                                  true,
                                  where.str() << ": pre-repair " << cert.preRepairCost
                                              << " > certified " << cert.ratioBound);
            NS_TEST_EXPECT_MSG_EQ((cert.lpValue <= e.best + tol), true, where.str());
        }
        else
        {
            ++m_roundingNoPlan;
        }
        return e;
    }

    void DoRun() override
    {
        const std::vector<Setting> settings{{0, 0}, {2, 0}, {10, 0}, {1000, 0}, {0, 1e4}, {5, 1e4}};
        const size_t byAccuracy = 4; // the first four: w_cost 0, w_acc increasing
        uint32_t changed = 0;
        uint32_t feasible = 0;
        for (int64_t i = 0; i < 40; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2;
            o.requests = 3 + (i % 2);
            o.sharingHeavy = (i % 3) == 1;
            o.tightness = (i % 4 == 3) ? 0.5 : 0;
            o.resident = (i % 5) == 2;
            TinyStar star;
            MecScenario s = MakeTinyScenario(5000 + i, o, &star);
            std::vector<double> acc(settings.size(), 0);
            bool ok = true;
            for (size_t k = 0; k < settings.size(); ++k)
            {
                Exhaustive e = Check(i, s, star, settings[k], acc[k]);
                ok = ok && e.feasible;
            }
            if (!ok)
            {
                continue;
            }
            ++feasible;
            // Optimal plans' accuracy never falls as w_acc rises (exchange argument: with
            // w2 > w1, f1(p1) <= f1(p2) and f2(p2) <= f2(p1) give (w2 - w1)(A2 - A1) >= 0).
            for (size_t k = 1; k < byAccuracy; ++k)
            {
                NS_TEST_EXPECT_MSG_EQ((acc[k] >= acc[k - 1] - 1e-9),
                                      true,
                                      "instance " << i << ": accuracy fell from " << acc[k - 1]
                                                  << " to " << acc[k]);
            }
            changed += acc[byAccuracy - 1] > acc[0] + 1e-9 ? 1 : 0;
        }
        std::cout << "weighted objective: " << feasible << " feasible instances, accuracy of the "
                  << "optimum rises with w_acc on " << changed << "; rounding found no plan "
                  << m_roundingNoPlan << " times" << std::endl;
        NS_TEST_ASSERT_MSG_GT(feasible, 20u, "too few feasible instances");
        NS_TEST_ASSERT_MSG_GT(changed, 5u, "the accuracy weight changes too few optima");
    }

    uint32_t m_roundingNoPlan{0}; //!< runs where rounding found no plan
};

/**
 * \ingroup mec-pfm-tests
 * Pruned LP with pricing == unpruned LP (a true bound); Farley bound without pricing is
 * still below the unpruned LP.
 */
class LpPruningTestCase : public TestCase
{
  public:
    LpPruningTestCase()
        : TestCase("pruned LP priced out equals the unpruned LP")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 20; ++i)
        {
            TinyOptions o;
            o.cloudlets = 8;
            o.requests = 30;
            o.sharingHeavy = true;
            o.tightness = 0.2 + 0.04 * i;
            MecScenario s = MakeTinyScenario(5000 + i, o);
            PlanningProblem p(s);
            Ptr<LpPlanner> full = CreateObject<LpPlanner>();
            full->SetAttribute("Nearest", UintegerValue(0));
            Ptr<LpPlanner> pruned = CreateObject<LpPlanner>();
            pruned->SetAttribute("Nearest", UintegerValue(1));
            PlanResult a = full->Solve(p);
            PlanResult b = pruned->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(a.status),
                                  PlanStatusToString(b.status),
                                  "instance " << i);
            if (a.status != PlanStatus::OPTIMAL)
            {
                continue;
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(b.lowerBoundS,
                                      a.lowerBoundS,
                                      1e-6 * a.lowerBoundS,
                                      "instance " << i << ": " << b.message);
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * A request no model of its task satisfies (served at the DC by the most accurate model)
 * and an ordinary request whose floor only that model meets, same home and sizes: the
 * two have the same candidate set but must not share a class. Checked against the
 * exhaustive search (which decides the DC fallback request by request), in both orders.
 */
class DcOnlyClassTestCase : public TestCase
{
  public:
    DcOnlyClassTestCase()
        : TestCase("a DC-only request and an ordinary one with the same candidates stay apart")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 8; ++i)
        {
            TinyOptions o;
            o.cloudlets = 1;
            o.requests = 2;
            TinyStar star;
            MecScenario s = MakeTinyScenario(7000 + i / 2, o, &star);
            const auto& cat = s.catalogue;
            uint32_t best = 0;
            bool any = false;
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (cat.GetModels()[m].task == "t" &&
                    (!any || cat.GetModels()[m].accuracy > cat.GetModels()[best].accuracy))
                {
                    best = m;
                    any = true;
                }
            }
            // The most accurate model resident at a fast cloudlet: serving there beats the DC.
            auto& c0 = s.nodes[2];
            c0.computeFlops = 1e15;
            c0.residentBlocks = cat.GetModels()[best].blocks;
            const double floors[2] = {0.999, cat.GetModels()[best].accuracy};
            for (uint32_t r = 0; r < 2; ++r)
            {
                auto& q = s.requests[r];
                q.home = 2;
                q.task = "t";
                q.inputBytes = 5e5;
                q.outputBytes = 2e4;
                q.tokens = 800;
                // Even instances: the DC-only request first; odd: the ordinary one first.
                q.minAccuracy = floors[(r + i) % 2];
            }
            s.Validate(s.name);
            const uint32_t dcOnlyReq = i % 2 == 0 ? 0 : 1;

            PlanningProblem p(s);
            const auto& cls = p.GetClasses();
            for (uint32_t r = 0; r < 2; ++r)
            {
                const auto& c = cls[p.GetRequestClass()[r]];
                NS_TEST_ASSERT_MSG_EQ(c.dcOnly,
                                      (r == dcOnlyReq),
                                      "instance " << i << ", request " << r);
                NS_TEST_ASSERT_MSG_EQ(c.candidates.size(), 1u, "instance " << i);
                NS_TEST_ASSERT_MSG_EQ(c.candidates[0], best, "instance " << i);
            }
            Exhaustive e = Search(s, star);
            NS_TEST_ASSERT_MSG_EQ(e.feasible, true, "instance " << i);
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            PlanResult r = ilp->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status), "optimal", r.message);
            const auto& d = r.plan.decisions;
            NS_TEST_ASSERT_MSG_EQ(d[dcOnlyReq].site,
                                  p.GetDcSite(),
                                  "instance " << i << ": the request below every floor at the DC");
            NS_TEST_ASSERT_MSG_EQ(d[1 - dcOnlyReq].site,
                                  0u,
                                  "instance " << i << ": the ordinary request at the cloudlet");
            double total = 0;
            for (uint32_t q = 0; q < 2; ++q)
            {
                total += p.GetRequestDelay(s.requests[q], d[q].model, d[q].site);
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(total, e.best, 1e-9 * e.best, "instance " << i);
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * The printed lower bound (ReportableLowerBound): with a class tolerance that merges
 * requests of different sizes, the ILP's proven bound over the classes' mean requests can
 * exceed the exhaustive optimum of the request-by-request problem (found here), so none is
 * printed; a negative or non-finite bound is never printed; an exact bound >= 0 is.
 */
class ReportableBoundTestCase : public TestCase
{
  public:
    ReportableBoundTestCase()
        : TestCase("printed lower bounds are bounds: none with merged classes or below 0")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t above = 0;
        uint32_t merged = 0;
        for (int64_t i = 0; i < 40; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2;
            o.requests = 5;
            o.tightness = 0.3 + 0.6 * (i % 4) / 3.0;
            TinyStar star;
            MecScenario s = MakeTinyScenario(8000 + i, o, &star);
            for (auto& q : s.requests)
            {
                q.home = 2; // one home, one task: the tolerance merges them
                q.task = "t";
                q.minAccuracy = 0;
            }
            s.Validate(s.name);
            Exhaustive e = Search(s, star);
            PlanningProblem exact(s);
            NS_TEST_ASSERT_MSG_EQ(exact.IsAggregationExact(), true, "tolerance 0");
            PlanningProblem p(s, 100); // sizes within a factor 101 share a class
            if (p.IsAggregationExact())
            {
                continue;
            }
            ++merged;
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("TimeLimit", DoubleValue(5));
            PlanResult r = ilp->Solve(p);
            if (e.feasible && std::isfinite(r.lowerBoundS) && r.lowerBoundS > e.best * (1 + 1e-9))
            {
                ++above; // the class problem's bound is no bound of this problem
            }
            NS_TEST_ASSERT_MSG_EQ(std::isnan(ReportableLowerBound(p, r.lowerBoundS)),
                                  true,
                                  "instance " << i << ": a bound printed for merged classes");
            PlanResult x = CreateObject<IlpPlanner>()->Solve(exact);
            if (e.feasible && x.status == PlanStatus::OPTIMAL)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(ReportableLowerBound(exact, x.lowerBoundS),
                                          x.lowerBoundS,
                                          1e-12,
                                          "instance " << i << ": an exact bound is printed");
                NS_TEST_ASSERT_MSG_LT_OR_EQ(x.lowerBoundS, e.best * (1 + 1e-9), "instance " << i);
            }
        }
        std::cout << "class tolerance: " << merged << " instances merge sizes; the class "
                  << "ILP's bound exceeds the exhaustive optimum on " << above << std::endl;
        NS_TEST_ASSERT_MSG_GT(merged, 30u, "too few merged instances");
        NS_TEST_ASSERT_MSG_GT(above, 0u, "never above: the test shows nothing");
        // Negative (a Farley bound on a tight instance) or not a number: none.
        TinyOptions o;
        PlanningProblem p(MakeTinyScenario(8100, o));
        NS_TEST_ASSERT_MSG_EQ(std::isnan(ReportableLowerBound(p, -8049.75)), true, "< 0");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(ReportableLowerBound(p, std::nan(""))), true, "NaN");
        NS_TEST_ASSERT_MSG_EQ(
            std::isnan(ReportableLowerBound(p, std::numeric_limits<double>::infinity())),
            true,
            "infinity");
        NS_TEST_ASSERT_MSG_EQ(ReportableLowerBound(p, 0.0), 0.0, "0 is a bound");
        NS_TEST_ASSERT_MSG_EQ(ReportableLowerBound(p, 12.5), 12.5, "a bound");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Same instance, same ILP plan, whatever the machine's load: the LP heuristic's assignment
 * integer program has a work budget (subproblems), not seconds. Each instance is planned
 * three times, once while two other threads keep the CPU busy, with a small budget (where
 * a budget in seconds would make the heuristic's plan depend on timing) and a relative
 * gap at which the search stops on the heuristic's incumbent.
 */
class IlpReproducibleTestCase : public TestCase
{
  public:
    IlpReproducibleTestCase()
        : TestCase("ILP: same plan on every run, also under CPU load")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 4; ++i)
        {
            TinyOptions o;
            o.cloudlets = 8;
            o.requests = 80;
            o.sharingHeavy = true;
            o.tightness = 0.5 + 0.1 * i;
            o.tokenLevels = 3;
            MecScenario s = MakeTinyScenario(9100 + i, o);
            PlanningProblem p(s);
            std::vector<PlanResult> runs;
            for (int k = 0; k < 3; ++k)
            {
                std::atomic<bool> stop{false};
                std::vector<std::thread> burners;
                for (int b = 0; k == 1 && b < 2; ++b)
                {
                    burners.emplace_back([&stop]() {
                        volatile double x = 0;
                        while (!stop.load())
                        {
                            x = x + 1;
                        }
                    });
                }
                Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
                ilp->SetAttribute("MipGap", DoubleValue(0.02));
                ilp->SetAttribute("WarmStart", BooleanValue(false));
                // A small budget of the heuristic.
                ilp->SetAttribute("HeuristicNodes", UintegerValue(3));
                ilp->SetAttribute("HeuristicNodesAtNode", UintegerValue(2));
                runs.push_back(ilp->Solve(p));
                stop = true;
                for (auto& t : burners)
                {
                    t.join();
                }
            }
            for (int k = 1; k < 3; ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(runs[k].hasPlan, runs[0].hasPlan, "instance " << i);
                if (!runs[0].hasPlan)
                {
                    continue;
                }
                const double a = PlanEvaluator(p).Evaluate(runs[0].plan).totalDelayS;
                const double b = PlanEvaluator(p).Evaluate(runs[k].plan).totalDelayS;
                NS_TEST_ASSERT_MSG_EQ(b, a, "instance " << i << ", run " << k);
                for (size_t r = 0; r < runs[0].plan.decisions.size(); ++r)
                {
                    const auto& x = runs[0].plan.decisions[r];
                    const auto& y = runs[k].plan.decisions[r];
                    NS_TEST_ASSERT_MSG_EQ((x.site == y.site && x.model == y.model),
                                          true,
                                          "instance " << i << ", run " << k << ", request " << r);
                }
            }
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * The ILP on GEANT default with MipGap 1e-4 (where wall-clock budgets of the LP heuristic
 * gave 5036.576913 on a quiet machine and 5036.760635 on a loaded one): the same plan on a
 * run while two other threads keep the CPU busy as on a quiet run. EXTENSIVE (about a
 * minute): ./build/mec-pfm-core-test-runner --suite=mec-pfm-ilp-planner
 * --fullness=EXTENSIVE. The planner is created by name, so that the test runs unchanged
 * against a library built before this test.
 */
class IlpGeantReproducibleTestCase : public TestCase
{
  public:
    IlpGeantReproducibleTestCase()
        : TestCase("ILP on GEANT default: same plan on a quiet and a loaded machine")
    {
    }

  private:
    void DoRun() override
    {
        PlanningProblem p(
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json")));
        std::vector<PlanResult> runs;
        for (int k = 0; k < 2; ++k)
        {
            std::atomic<bool> stop{false};
            std::vector<std::thread> burners;
            for (int b = 0; k == 1 && b < 2; ++b)
            {
                burners.emplace_back([&stop]() {
                    volatile double x = 0;
                    while (!stop.load())
                    {
                        x = x + 1;
                    }
                });
            }
            Ptr<PfmPlanner> ilp = PfmPlanner::CreateByName("ilp");
            ilp->SetAttribute("MipGap", DoubleValue(1e-4));
            ilp->SetAttribute("TimeLimit", DoubleValue(300));
            runs.push_back(ilp->Solve(p));
            stop = true;
            for (auto& t : burners)
            {
                t.join();
            }
        }
        NS_TEST_ASSERT_MSG_EQ(runs[0].hasPlan, true, runs[0].message);
        NS_TEST_ASSERT_MSG_EQ(runs[1].hasPlan, true, runs[1].message);
        const double quiet = PlanEvaluator(p).Evaluate(runs[0].plan).totalDelayS;
        const double loaded = PlanEvaluator(p).Evaluate(runs[1].plan).totalDelayS;
        std::cout << std::setprecision(16) << "ilp GEANT default, MipGap 1e-4: quiet " << quiet
                  << " (" << runs[0].wallS << " s), loaded " << loaded << " (" << runs[1].wallS
                  << " s)" << std::endl;
        NS_TEST_ASSERT_MSG_EQ(loaded, quiet, "the plan depends on the machine's load");
        for (size_t r = 0; r < runs[0].plan.decisions.size(); ++r)
        {
            const auto& x = runs[0].plan.decisions[r];
            const auto& y = runs[1].plan.decisions[r];
            NS_TEST_ASSERT_MSG_EQ((x.site == y.site && x.model == y.model), true, "request " << r);
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * Time limit and infeasibility: a clear status, no crash.
 */
class IlpStatusTestCase : public TestCase
{
  public:
    IlpStatusTestCase()
        : TestCase("time limit and infeasibility give a clear status")
    {
    }

  private:
    void DoRun() override
    {
        // Infeasible: every site can carry almost nothing.
        TinyOptions o;
        o.cloudlets = 3;
        o.requests = 6;
        MecScenario s = MakeTinyScenario(77, o);
        for (auto& n : s.nodes)
        {
            if (n.role != NodeRole::SWITCH)
            {
                n.computeFlops = 1;
            }
        }
        PlanningProblem p(s);
        PlanResult r = CreateObject<IlpPlanner>()->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status), "infeasible", r.message);
        NS_TEST_ASSERT_MSG_EQ(r.hasPlan, false, "no plan when infeasible");
        PlanResult l = CreateObject<LpPlanner>()->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(l.status), "infeasible", l.message);

        // Time limit: a larger, tight instance with a 1 ms budget.
        TinyOptions big;
        big.cloudlets = 12;
        big.requests = 300;
        big.sharingHeavy = true;
        big.tightness = 0.6;
        MecScenario sb = MakeTinyScenario(78, big);
        PlanningProblem pb(sb);
        Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
        ilp->SetAttribute("TimeLimit", DoubleValue(0.001));
        PlanResult t = ilp->Solve(pb);
        std::string st = PlanStatusToString(t.status);
        std::cout << "ilp 1 ms budget: " << st << " (" << t.message << "), plan " << t.hasPlan
                  << ", " << t.wallS << " s" << std::endl;
        NS_TEST_ASSERT_MSG_EQ((st == "time_limit" || st == "optimal" || st == "infeasible"),
                              true,
                              "status " << st << ": " << t.message);
        if (t.hasPlan)
        {
            PlanMetrics m = PlanEvaluator(pb).Evaluate(t.plan);
            NS_TEST_ASSERT_MSG_EQ(m.feasible, true, "a time-limited plan is still feasible");
            NS_TEST_ASSERT_MSG_EQ((t.lowerBoundS <= m.totalDelayS * (1 + 1e-9)), true, "bound");
        }
        // The limit is respected: with 1 ms the ILP stops before branch and cut and returns
        // its warm start (checked by what it did, not by a wall-clock figure, which depends on
        // the machine's load; the benchmark measures the times).
        NS_TEST_ASSERT_MSG_EQ(
            (st != "time_limit" || t.message.find("before branch and cut") != std::string::npos),
            true,
            "limit respected: " << t.message);
        // no-sharing too: a limit before branch and cut returns its warm start.
        Ptr<PfmPlanner> ns = PfmPlanner::CreateByName("no-sharing");
        ns->SetAttribute("TimeLimit", DoubleValue(0.001));
        PlanResult tn = ns->Solve(pb);
        std::cout << "no-sharing 1 ms budget: " << PlanStatusToString(tn.status) << " ("
                  << tn.message << "), plan " << tn.hasPlan << std::endl;
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(tn.status), "time_limit", tn.message);
        NS_TEST_ASSERT_MSG_EQ(tn.hasPlan, true, "no-sharing: the warm start when time is up");
        NS_TEST_ASSERT_MSG_EQ(PlanEvaluator(pb, CostModel(), true).Evaluate(tn.plan).feasible,
                              true,
                              "no-sharing: its warm start is feasible with models stored whole");

        // A relative MIP gap: the stop it causes is "optimal" (within the gap), and the
        // plan is within that gap of the reported bound.
        Ptr<IlpPlanner> gapped = CreateObject<IlpPlanner>();
        gapped->SetAttribute("MipGap", DoubleValue(0.05));
        gapped->SetAttribute("TimeLimit", DoubleValue(60));
        PlanResult g = gapped->Solve(pb);
        std::cout << "ilp MipGap 0.05: " << PlanStatusToString(g.status) << " (" << g.message
                  << "), " << g.wallS << " s" << std::endl;
        NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(g.status), "optimal", g.message);
        NS_TEST_ASSERT_MSG_EQ(g.hasPlan, true, "a plan within the gap");
        PlanMetrics mg = PlanEvaluator(pb).Evaluate(g.plan);
        NS_TEST_ASSERT_MSG_EQ(mg.feasible, true, "plan within the gap is feasible");
        NS_TEST_ASSERT_MSG_EQ((g.lowerBoundS <= mg.totalDelayS * (1 + 1e-9)), true, "bound");
    }
};

/**
 * \ingroup mec-pfm-tests
 * A warm-start planner that counts its runs and returns the cloud-only plan. Not
 * registered as a TypeId, so that it stays out of PfmPlanner::GetShortNames().
 */
class CountingPlanner : public PfmPlanner
{
  public:
    PlanResult Solve(const PlanningProblem& problem) override
    {
        ++runs;
        return Finish(problem, PlacementPlan::CloudOnly(problem), std::chrono::steady_clock::now());
    }

    uint32_t runs{0}; //!< Solve() calls
};

/**
 * \ingroup mec-pfm-tests
 * The WarmStartPlanner attribute of ilp and no-sharing: the planner given runs once per
 * Solve (never with WarmStart false), one given as a string is created from it, and the
 * ILP from another warm start still finds the exhaustive optimum.
 */
class WarmStartPlannerTestCase : public TestCase
{
  public:
    WarmStartPlannerTestCase()
        : TestCase("WarmStartPlanner: the planner given warm-starts ilp and no-sharing")
    {
    }

  private:
    void DoRun() override
    {
        // From a string: a TypeId name with attributes.
        Ptr<IlpPlanner> named = CreateObject<IlpPlanner>();
        named->SetAttribute("WarmStartPlanner",
                            StringValue("ns3::mecpfm::RoundingPlanner[Trials=2]"));
        PointerValue pv;
        named->GetAttribute("WarmStartPlanner", pv);
        NS_TEST_ASSERT_MSG_EQ((pv.Get<PfmPlanner>() != nullptr), true, "created from the string");
        NS_TEST_ASSERT_MSG_EQ(pv.Get<PfmPlanner>()->GetInstanceTypeId().GetName(),
                              "ns3::mecpfm::RoundingPlanner",
                              "its type");
        UintegerValue trials;
        pv.Get<PfmPlanner>()->GetAttribute("Trials", trials);
        NS_TEST_ASSERT_MSG_EQ(trials.Get(), 2u, "its attributes");
        NS_TEST_ASSERT_MSG_EQ(named->AssignStreams(5), 1, "streams go to the given planner");
        PointerValue none;
        CreateObject<IlpPlanner>()->GetAttribute("WarmStartPlanner", none);
        NS_TEST_ASSERT_MSG_EQ((none.Get<PfmPlanner>() == nullptr), true, "default: null");

        uint32_t solved = 0;
        for (int64_t i = 0; i < 40; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + (i % 2);
            o.requests = o.cloudlets == 2 ? 4 : 3;
            o.sharingHeavy = (i % 3) != 0;
            o.tightness = (i % 4 == 0) ? 0 : 0.3 + 0.7 * ((i % 5) / 4.0);
            o.resident = (i % 7) < 3;
            TinyStar star;
            MecScenario s = MakeTinyScenario(3000 + i, o, &star);
            Exhaustive e = Search(s, star);
            PlanningProblem p(s);
            Ptr<CountingPlanner> counting = CreateObject<CountingPlanner>();
            Ptr<IlpPlanner> ilp = CreateObject<IlpPlanner>();
            ilp->SetAttribute("WarmStartPlanner", PointerValue(counting));
            PlanResult r = ilp->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(counting->runs, 1u, "ilp: one warm start, instance " << i);
            ilp->SetAttribute("WarmStart", BooleanValue(false));
            ilp->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(counting->runs, 1u, "WarmStart false: none, instance " << i);
            Ptr<PfmPlanner> ns = PfmPlanner::CreateByName("no-sharing");
            ns->SetAttribute("WarmStartPlanner", PointerValue(counting));
            ns->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(counting->runs, 2u, "no-sharing: one warm start " << i);
            if (!e.feasible)
            {
                NS_TEST_ASSERT_MSG_EQ(r.hasPlan, false, "instance " << i);
                continue;
            }
            ++solved;
            NS_TEST_ASSERT_MSG_EQ(PlanStatusToString(r.status), "optimal", r.message);
            NS_TEST_ASSERT_MSG_EQ_TOL(PlanEvaluator(p).Evaluate(r.plan).totalDelayS,
                                      e.best,
                                      1e-6 * e.best,
                                      "instance " << i << ": ILP from the cloud-only plan");
        }
        NS_TEST_ASSERT_MSG_GT(solved, 20u, "too few feasible instances");
    }
};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * The GLPK planners.
 */
class IlpPlannerTestSuite : public TestSuite
{
  public:
    IlpPlannerTestSuite()
        : TestSuite("mec-pfm-ilp-planner", UNIT)
    {
        AddTestCase(new DcOnlyClassTestCase, TestCase::QUICK);
        AddTestCase(new IlpExhaustiveTestCase, TestCase::QUICK);
        AddTestCase(new WeightedObjectiveTestCase, TestCase::QUICK);
        AddTestCase(new LpPruningTestCase, TestCase::QUICK);
        AddTestCase(new IlpStatusTestCase, TestCase::QUICK);
        AddTestCase(new IlpReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new IlpGeantReproducibleTestCase, TestCase::EXTENSIVE);
        AddTestCase(new ReportableBoundTestCase, TestCase::QUICK);
        AddTestCase(new WarmStartPlannerTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static IlpPlannerTestSuite g_ilpPlannerTestSuite;
