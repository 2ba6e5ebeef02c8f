/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/pfm-planner.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-assigner.h"
#include "ns3/plan-evaluator.h"
#include "ns3/planning-problem.h"
#include "ns3/random-variable-stream.h"
#include "ns3/synthetic-scenario.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Every registered planner (by TypeId name, so planners added later are covered): a plan
 * marked usable passes PlanEvaluator's feasibility check and a planner says "infeasible"
 * exactly when its plan fails it; lp <= ilp <= every other algorithm; no-sharing >= ilp;
 * cloud-only equals a closed form computed here from the star's link parameters; the
 * random planner repeats itself on the same stream; synthetic instances are reproducible.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using namespace ns3::mecpfm::test;

namespace
{

/// Degenerate problems: no request at all, or every request rejected. Every planner returns
/// the empty plan (nothing held, every request rejected), feasible, of objective 0; none
/// aborts (GLPK's cut generators abort on a problem without integer columns).
class DegenerateProblemsTestCase : public TestCase
{
  public:
    DegenerateProblemsTestCase()
        : TestCase("no request, or every request rejected: every planner plans it, none aborts")
    {
    }

  private:
    void DoRun() override
    {
        TinyOptions o;
        o.cloudlets = 2;
        o.requests = 5;
        MecScenario none = MakeTinyScenario(515, o);
        none.requests.clear();
        MecScenario rejected = MakeTinyScenario(516, o);
        rejected.noCandidate = NoCandidatePolicy::REJECT;
        for (auto& r : rejected.requests)
        {
            r.minAccuracy = 2; // no model reaches it
        }
        for (const MecScenario* sc : {&none, &rejected})
        {
            PlanningProblem p(*sc);
            for (const auto& name : PfmPlanner::GetShortNames())
            {
                PlanResult r = PfmPlanner::CreateByName(name)->Solve(p);
                const std::string what = name + " on " + (sc == &none ? "none" : "rejected");
                if (name == "lp")
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(r.lowerBoundS, 0.0, 1e-9, what << ": bound");
                    continue;
                }
                NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, what << ": a plan");
                PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
                NS_TEST_EXPECT_MSG_EQ(m.feasible, true, what << ": feasible");
                NS_TEST_EXPECT_MSG_EQ_TOL(m.totalDelayS, 0.0, 1e-12, what << ": objective 0");
                NS_TEST_EXPECT_MSG_EQ(m.rejected,
                                      static_cast<uint32_t>(sc->requests.size()),
                                      what << ": every request rejected");
                NS_TEST_EXPECT_MSG_EQ(m.pullBytes, 0.0, what << ": nothing pulled");
            }
        }
    }
};

/// Every planner on many small instances: feasibility and the order of objectives.
class AllPlannersTestCase : public TestCase
{
  public:
    AllPlannersTestCase()
        : TestCase("every planner: feasible plans, honest status, lp <= ilp <= others")
    {
    }

  private:
    void Check(const MecScenario& s, const std::string& label);
    void DoRun() override;
    uint32_t m_compared{0};          //!< instances where ilp was optimal
    uint32_t m_noSharingCompared{0}; //!< no-sharing optimal with and without warm start
};

void
AllPlannersTestCase::Check(const MecScenario& s, const std::string& label)
{
    PlanningProblem p(s);
    std::map<std::string, double> obj;
    std::map<std::string, PlanStatus> status;
    double lp = std::nan("");
    // no-sharing with and without its warm start: the same optimum (whole-model accounting)
    // where both prove it within 2 s
    {
        PlanEvaluator whole(p, CostModel(), true);
        double v[2];
        bool optimal[2];
        for (int w = 0; w < 2; ++w)
        {
            Ptr<PfmPlanner> ns = PfmPlanner::CreateByName("no-sharing");
            ns->SetAttribute("WarmStart", BooleanValue(w == 1));
            ns->SetAttribute("TimeLimit", DoubleValue(2));
            PlanResult r = ns->Solve(p);
            optimal[w] = r.hasPlan && r.message == "optimal under whole-model accounting";
            v[w] = optimal[w] ? whole.Evaluate(r.plan).totalDelayS : 0;
            if (r.hasPlan)
            {
                NS_TEST_ASSERT_MSG_EQ(whole.Evaluate(r.plan).feasible,
                                      true,
                                      label << ": no-sharing plan (warm start " << w << ")");
            }
        }
        if (optimal[0] && optimal[1])
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(v[1],
                                      v[0],
                                      1e-6 * std::max(1.0, v[0]),
                                      label << ": no-sharing optimum depends on the warm start");
            ++m_noSharingCompared;
        }
    }
    for (const auto& name : PfmPlanner::GetShortNames())
    {
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(name);
        NS_TEST_ASSERT_MSG_NE(planner, nullptr, "planner " << name << " not creatable");
        planner->AssignStreams(7);
        planner->SetAttributeFailSafe("TimeLimit", ns3::DoubleValue(10));
        PlanResult r = planner->Solve(p);
        status[name] = r.status;
        NS_TEST_ASSERT_MSG_NE(static_cast<int>(r.status),
                              static_cast<int>(PlanStatus::ERROR),
                              label << ": " << name << " failed: " << r.message);
        if (name == "lp")
        {
            NS_TEST_ASSERT_MSG_EQ(r.hasPlan, false, "the LP gives a bound, not a plan");
            if (r.status == PlanStatus::OPTIMAL)
            {
                lp = r.lowerBoundS;
            }
            continue;
        }
        if (!r.hasPlan)
        {
            const std::string st = PlanStatusToString(r.status);
            NS_TEST_ASSERT_MSG_EQ(
                (st == "infeasible" || st == "time_limit" || st == "no_plan_found"),
                true,
                label << ": " << name << " has no plan but status " << st);
            continue;
        }
        // Always judged on the original problem, union accounting.
        PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
        bool usable = r.status == PlanStatus::OPTIMAL || r.status == PlanStatus::FEASIBLE ||
                      r.status == PlanStatus::TIME_LIMIT;
        if (usable)
        {
            NS_TEST_ASSERT_MSG_EQ(m.feasible,
                                  true,
                                  label << ": " << name << " says " << PlanStatusToString(r.status)
                                        << " but its plan "
                                        << "violates: "
                                        << (m.violations.empty() ? "" : m.violations.front()));
            obj[name] = m.totalDelayS;
        }
        else if (name != "ilp" && name != "no-sharing")
        {
            // A heuristic says no_plan_found only if its plan really breaks a capacity.
            NS_TEST_ASSERT_MSG_EQ(m.feasible,
                                  false,
                                  label << ": " << name << " found no plan, plan is fine");
        }
        if (r.status == PlanStatus::FEASIBLE && name != "ilp" && name != "lp")
        {
            NS_TEST_ASSERT_MSG_EQ(m.feasible, true, label << ": " << name);
        }
    }
    // "infeasible" is a proof: no planner may say it where some planner has a feasible plan
    // (a heuristic that finds none says no_plan_found).
    if (!obj.empty())
    {
        for (const auto& [name, st] : status)
        {
            NS_TEST_ASSERT_MSG_NE(PlanStatusToString(st),
                                  "infeasible",
                                  label << ": " << name << " says infeasible, "
                                        << obj.begin()->first << " has a feasible plan");
        }
    }
    if (status.count("ilp") && status["ilp"] == PlanStatus::INFEASIBLE)
    {
        // Then nobody may claim a feasible plan.
        NS_TEST_ASSERT_MSG_EQ(obj.empty(), true, label << ": ilp infeasible, some plan not");
        return;
    }
    if (!obj.count("ilp") || status["ilp"] != PlanStatus::OPTIMAL)
    {
        return;
    }
    ++m_compared;
    double ilp = obj["ilp"];
    double tol = 1e-6 * std::max(1.0, ilp);
    if (std::isfinite(lp))
    {
        NS_TEST_ASSERT_MSG_LT_OR_EQ(lp, ilp + tol, label << ": lp bound above the ilp optimum");
    }
    for (const auto& [name, v] : obj)
    {
        NS_TEST_ASSERT_MSG_GT_OR_EQ(v + tol,
                                    ilp,
                                    label << ": " << name << " beats the ilp optimum");
    }
    if (obj.count("no-sharing"))
    {
        NS_TEST_ASSERT_MSG_GT_OR_EQ(obj["no-sharing"] + tol, ilp, label << ": no-sharing");
    }
}

void
AllPlannersTestCase::DoRun()
{
    auto names = PfmPlanner::GetShortNames();
    for (const char* must :
         {"cloud-only", "nearest-greedy", "popularity", "trimcaching-greedy", "random"})
    {
        bool found = false;
        for (const auto& n : names)
        {
            found = found || n == must;
        }
        NS_TEST_ASSERT_MSG_EQ(found, true, "planner " << must << " not registered");
    }
    for (int64_t i = 0; i < 24; ++i)
    {
        TinyOptions o;
        o.cloudlets = 2 + i % 3;
        o.requests = 6 + i % 7;
        o.sharingHeavy = i % 2;
        o.tightness = (i % 4) / 3.0;
        o.resident = i % 5 == 0;
        o.dcFallback = i % 3 == 0;
        MecScenario s = MakeTinyScenario(1000 + i, o);
        Check(s, "tiny " + std::to_string(i));
    }
    for (int64_t i = 0; i < 3; ++i)
    {
        SyntheticScenario::Params sp;
        sp.cloudlets = 3 + i;
        sp.requests = 20 + 5 * i;
        sp.stream = 50 + i;
        sp.useDefaultCatalogue = false;
        sp.catalogue = SyntheticScenario::SmallCatalogue();
        sp.tasks = {"x", "y"};
        sp.taskWeights = {2, 1};
        sp.cloudletStorageBytes = 6e9;
        MecScenario s = SyntheticScenario::Generate(sp);
        Check(s, s.name);
    }
    // The comparison must not be vacuous.
    NS_TEST_ASSERT_MSG_GT(m_compared, 10u, "too few instances with a proven ilp optimum");
    std::cout << "no-sharing: same optimum with and without warm start on " << m_noSharingCompared
              << " instances" << std::endl;
    NS_TEST_ASSERT_MSG_GT(m_noSharingCompared, 10u, "too few no-sharing comparisons");
}

/**
 * \brief An independent feasibility check of a plan (written here, not PlanEvaluator):
 * every request of a class with candidates is served by one of them, at a cloudlet only if
 * its class may use one and the model is held there with all its blocks; the blocks held
 * fit each cloudlet's storage and the FLOPs served each site's load capacity.
 * \return the first violation, "" if none
 */
std::string
IndependentViolation(const PlanningProblem& p, const PlacementPlan& plan)
{
    const auto& cat = p.GetCatalogue();
    const auto& reqs = p.GetScenario().requests;
    std::vector<double> load(p.GetNSites(), 0);
    for (uint32_t r = 0; r < reqs.size(); ++r)
    {
        const auto& d = plan.decisions[r];
        const auto& cl = p.GetClasses()[p.GetRequestClass()[r]];
        if (d.rejected)
        {
            if (!cl.candidates.empty())
            {
                return "request " + std::to_string(r) + " rejected";
            }
            continue;
        }
        if (std::find(cl.candidates.begin(), cl.candidates.end(), d.model) == cl.candidates.end())
        {
            return "request " + std::to_string(r) + " served by a non-candidate";
        }
        if (!p.IsDc(d.site))
        {
            const auto& ms = plan.models[d.site];
            if (cl.dcOnly || std::find(ms.begin(), ms.end(), d.model) == ms.end())
            {
                return "request " + std::to_string(r) + " at a cloudlet without its model";
            }
        }
        load[d.site] += p.GetFlops(d.model, reqs[r].tokens);
    }
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        if (load[s] > p.GetLoadCapacity(s) * (1 + 1e-9))
        {
            return "site " + std::to_string(s) + " overloaded";
        }
    }
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        const std::set<uint32_t> held(plan.heldBlocks[c].begin(), plan.heldBlocks[c].end());
        double bytes = 0;
        for (auto k : held)
        {
            bytes += cat.GetBlocks()[k].bytes;
        }
        if (bytes > p.GetStorageBytes(c) * (1 + 1e-9))
        {
            return "cloudlet " + std::to_string(c) + " over storage";
        }
        for (auto m : plan.models[c])
        {
            for (auto k : cat.GetModels()[m].blocks)
            {
                if (!held.count(k))
                {
                    return "cloudlet " + std::to_string(c) + " misses a block of its model";
                }
            }
        }
    }
    return "";
}

/**
 * The baselines' feasibility phase (PlanAssigner::RepairPlan through PfmPlanner::Finish):
 * on instances of the tight family (storage, edge and DC load binding; nearest-greedy on
 * 20 x 5,000 stream 0 and random on 5 x 500 stream 0 ended no_plan_found before it) every
 * baseline returns a plan that an independent check accepts; on tiny tight instances a
 * baseline says no_plan_found only where the ILP proves the instance infeasible.
 */
class BaselinesFeasibilityTestCase : public TestCase
{
  public:
    BaselinesFeasibilityTestCase()
        : TestCase("baselines plan wherever a plan exists: tight instances, ILP-checked tiny ones")
    {
    }

  private:
    /// \return the status of baseline \p name on \p p, its plan checked independently
    PlanStatus Run(const std::string& name, const PlanningProblem& p, const std::string& label)
    {
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(name);
        planner->AssignStreams(7);
        PlanResult r = planner->Solve(p);
        if (r.status == PlanStatus::FEASIBLE)
        {
            NS_TEST_EXPECT_MSG_EQ(IndependentViolation(p, r.plan),
                                  "",
                                  label << ": " << name << " says feasible");
        }
        return r.status;
    }

    void DoRun() override
    {
        const std::vector<std::string> baselines{"trimcaching-greedy",
                                                 "popularity",
                                                 "nearest-greedy",
                                                 "random"};
        for (auto [c, n, stream] :
             std::vector<std::tuple<uint32_t, uint32_t, int64_t>>{{5, 500, 0},
                                                                  {5, 500, 1},
                                                                  {5, 500, 2},
                                                                  {5, 300, 3},
                                                                  {20, 5000, 0}})
        {
            MecScenario s =
                SyntheticScenario::Generate(SyntheticScenario::TightParams(c, n, stream));
            PlanningProblem p(s);
            for (const auto& b : baselines)
            {
                NS_TEST_EXPECT_MSG_EQ(PlanStatusToString(Run(b, p, s.name)),
                                      "feasible",
                                      s.name << ": " << b);
            }
        }
        uint32_t infeasible = 0;
        for (int64_t i = 0; i < 30; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + i % 2;
            o.requests = 6 + i % 5;
            o.sharingHeavy = i % 2;
            o.tightness = 1;
            MecScenario s = MakeTinyScenario(3000 + i, o);
            PlanningProblem p(s);
            Ptr<PfmPlanner> ilp = PfmPlanner::CreateByName("ilp");
            ilp->SetAttribute("TimeLimit", DoubleValue(20));
            const PlanStatus exact = ilp->Solve(p).status;
            infeasible += exact == PlanStatus::INFEASIBLE;
            for (const auto& b : baselines)
            {
                const std::string label = "tiny tight " + std::to_string(i);
                if (Run(b, p, label) != PlanStatus::FEASIBLE)
                {
                    NS_TEST_EXPECT_MSG_EQ(PlanStatusToString(exact),
                                          "infeasible",
                                          label << ": " << b << " found no plan");
                }
            }
        }
        std::cout << "tiny tight instances proven infeasible by the ilp: " << infeasible << " of 30"
                  << std::endl;
    }
};

/// cloud-only against a closed form from the star's link parameters.
class CloudOnlyClosedFormTestCase : public TestCase
{
  public:
    CloudOnlyClosedFormTestCase()
        : TestCase("cloud-only equals its closed form, with and without an accuracy weight")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 20; ++i)
        {
            TinyOptions o;
            o.cloudlets = 1 + i % 4;
            o.requests = 5 + i;
            o.dcFallback = true;
            TinyStar star;
            MecScenario s = MakeTinyScenario(2000 + i, o, &star);
            double expect = 0;
            double expectAcc = 0; // under a large accuracy weight: the most accurate candidate
            uint32_t dc = 0;      // node 0, behind switch node 1
            for (const auto& r : s.requests)
            {
                double bw = std::min(star.bw[dc], star.bw[r.home]);
                double lat = star.delay[dc] + star.delay[r.home];
                double fewest = std::numeric_limits<double>::infinity();
                double bestAcc = -1;
                double bestQualifying = -1;
                double fptOfBest = 0;
                for (const auto& m : s.catalogue.GetModels())
                {
                    if (m.task != r.task)
                    {
                        continue;
                    }
                    if (m.accuracy >= r.minAccuracy)
                    {
                        fewest = std::min(fewest, m.flopsPerToken);
                        bestQualifying = std::max(bestQualifying, m.accuracy);
                    }
                    if (m.accuracy > bestAcc)
                    {
                        bestAcc = m.accuracy;
                        fptOfBest = m.flopsPerToken;
                    }
                }
                double fpt = std::isfinite(fewest) ? fewest : fptOfBest; // DC fallback
                expectAcc += bestQualifying >= 0 ? bestQualifying : bestAcc;
                expect += r.inputBytes * 8 / s.uplinkBps + r.outputBytes * 8 / s.downlinkBps +
                          r.inputBytes * 8 / bw + r.outputBytes * 8 / bw + 2 * lat +
                          fpt * r.tokens / s.nodes[dc].computeFlops;
            }
            PlanningProblem p(s);
            PlanResult r = PfmPlanner::CreateByName("cloud-only")->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, "cloud-only has a plan");
            PlanMetrics m = PlanEvaluator(p).Evaluate(r.plan);
            NS_TEST_ASSERT_MSG_EQ_TOL(m.totalDelayS, expect, 1e-9 * expect, "instance " << i);
            NS_TEST_ASSERT_MSG_EQ(m.pullBytes, 0, "cloud-only pulls nothing");
            NS_TEST_ASSERT_MSG_EQ(m.servedEdge, 0u, "cloud-only serves nothing at the edge");
            NS_TEST_ASSERT_MSG_EQ(((r.status == PlanStatus::FEASIBLE) == m.feasible),
                                  true,
                                  "status follows the DC load check");
            NS_TEST_ASSERT_MSG_EQ(m.objective, m.totalDelayS, "weights 0: objective is delay");
            // w_acc = 1e6 s per unit of accuracy outweighs any delay here: at the DC each
            // request gets its most accurate candidate (the fallback where none qualifies).
            Ptr<PfmPlanner> weighted = PfmPlanner::CreateByName("cloud-only");
            weighted->SetAttribute("AccuracyWeight", DoubleValue(1e6));
            PlanResult rw = weighted->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(rw.hasPlan, true, "weighted cloud-only has a plan");
            PlanMetrics mw = PlanEvaluator(p).Evaluate(rw.plan);
            NS_TEST_ASSERT_MSG_EQ_TOL(mw.accuracySum,
                                      expectAcc,
                                      1e-9 * expectAcc,
                                      "instance " << i << ": the most accurate candidates");
            NS_TEST_ASSERT_MSG_EQ(mw.servedEdge, 0u, "weighted cloud-only stays at the DC");
        }
    }
};

/// Seeded planners and the generator repeat themselves.
class ReproducibleTestCase : public TestCase
{
  public:
    ReproducibleTestCase()
        : TestCase("same stream, same plan; synthetic instances are reproducible")
    {
    }

  private:
    void DoRun() override
    {
        SyntheticScenario::Params sp;
        sp.cloudlets = 8;
        sp.requests = 400;
        sp.stream = 3;
        MecScenario a = SyntheticScenario::Generate(sp);
        MecScenario b = SyntheticScenario::Generate(sp);
        NS_TEST_ASSERT_MSG_EQ(a.requests.size(), b.requests.size(), "same size");
        for (size_t r = 0; r < a.requests.size(); ++r)
        {
            NS_TEST_ASSERT_MSG_EQ(a.requests[r].home, b.requests[r].home, "same homes");
            NS_TEST_ASSERT_MSG_EQ(a.requests[r].arrivalS, b.requests[r].arrivalS, "same times");
        }
        NS_TEST_ASSERT_MSG_EQ(a.links.size(), b.links.size(), "same links");
        sp.stream = 4;
        MecScenario c = SyntheticScenario::Generate(sp);
        bool differs = false;
        for (size_t r = 0; r < a.requests.size(); ++r)
        {
            differs = differs || a.requests[r].home != c.requests[r].home;
        }
        NS_TEST_ASSERT_MSG_EQ(differs, true, "another stream, another instance");
        // Few size classes: requests aggregate.
        PlanningProblem p(a);
        NS_TEST_ASSERT_MSG_LT(p.GetClasses().size(), a.requests.size() / 2, "classes");
        // The DC cannot carry all the load at its fewest FLOPs.
        double demand = 0;
        for (const auto& q : p.GetClasses())
        {
            double f = std::numeric_limits<double>::infinity();
            for (auto m : q.candidates)
            {
                f = std::min(f, p.GetFlops(m, q.tokens));
            }
            demand += f * q.GetCount();
        }
        NS_TEST_ASSERT_MSG_LT(p.GetLoadCapacity(p.GetDcSite()), 0.5 * demand, "DC too strong");

        for (const char* name : {"random", "rounding"})
        {
            Ptr<PfmPlanner> x = PfmPlanner::CreateByName(name);
            Ptr<PfmPlanner> y = PfmPlanner::CreateByName(name);
            if (!x)
            {
                continue;
            }
            x->AssignStreams(11);
            y->AssignStreams(11);
            PlanResult rx = x->Solve(p);
            PlanResult ry = y->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(rx.plan.decisions.size(), ry.plan.decisions.size(), name);
            for (size_t r = 0; r < rx.plan.decisions.size(); ++r)
            {
                NS_TEST_ASSERT_MSG_EQ(rx.plan.decisions[r].site,
                                      ry.plan.decisions[r].site,
                                      name << " request " << r);
                NS_TEST_ASSERT_MSG_EQ(rx.plan.decisions[r].model,
                                      ry.plan.decisions[r].model,
                                      name << " request " << r);
            }
        }
    }
};

/**
 * \brief TrimCaching's greedy written plainly: at every step recompute the gain of every
 * (model, cloudlet) that is not cached and fits the cloudlet's free storage (delay saved
 * over the classes' current best options minus the pull time of its new blocks, plus the
 * pull latency if the cloudlet pulls nothing yet), and cache the largest gain per new byte
 * (ties: the larger model, then the larger cloudlet) while it is positive.
 * \param p the problem
 * \return the models cached at each cloudlet
 */
std::vector<std::set<uint32_t>>
PlainTrimCaching(const PlanningProblem& p)
{
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    const uint32_t nc = p.GetNCloudlets();
    std::vector<std::set<uint32_t>> open(nc);
    std::vector<std::set<uint32_t>> held(nc);
    std::vector<double> used(nc, 0);
    std::vector<bool> pulls(nc, false);
    std::vector<double> cur(classes.size());
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        cur[q] = p.GetBestDcDelay(q);
    }
    auto serves = [&](uint32_t q, uint32_t m) {
        const auto& c = classes[q];
        return !c.dcOnly && std::count(c.candidates.begin(), c.candidates.end(), m) > 0;
    };
    while (true)
    {
        double bestRatio = 0;
        bool found = false;
        uint32_t bm = 0;
        uint32_t bc = 0;
        double bBytes = 0;
        for (uint32_t c = 0; c < nc; ++c)
        {
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (open[c].count(m))
                {
                    continue;
                }
                double saved = 0;
                for (uint32_t q = 0; q < classes.size(); ++q)
                {
                    if (serves(q, m))
                    {
                        saved += classes[q].GetCount() *
                                 std::max(0.0, cur[q] - p.GetClassDelay(q, m, c));
                    }
                }
                double bytes = 0;
                double pull = 0;
                for (auto k : cat.GetModels()[m].blocks)
                {
                    if (!held[c].count(k))
                    {
                        bytes += cat.GetBlocks()[k].bytes;
                        pull += p.GetBlockPullDelay(c, k);
                    }
                }
                if (pull > 0 && !pulls[c])
                {
                    pull += p.GetPullLatency(c);
                }
                double gain = saved - pull;
                if (gain <= 0 || used[c] + bytes > p.GetStorageBytes(c))
                {
                    continue;
                }
                double ratio = gain / std::max(bytes, 1.0);
                if (!found || ratio > bestRatio ||
                    (ratio == bestRatio && std::make_pair(m, c) > std::make_pair(bm, bc)))
                {
                    found = true;
                    bestRatio = ratio;
                    bm = m;
                    bc = c;
                    bBytes = bytes;
                }
            }
        }
        if (!found)
        {
            return open;
        }
        open[bc].insert(bm);
        used[bc] += bBytes;
        for (auto k : cat.GetModels()[bm].blocks)
        {
            pulls[bc] = pulls[bc] || (!held[bc].count(k) && !p.IsResident(bc, k));
            held[bc].insert(k);
        }
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            if (serves(q, bm))
            {
                cur[q] = std::min(cur[q], p.GetClassDelay(q, bm, bc));
            }
        }
    }
}

/**
 * \ingroup mec-pfm-tests
 * trimcaching-greedy makes the choices of the plain greedy (PlainTrimCaching, every gain
 * recomputed at every step) on sharing-heavy instances whose storage binds and load does
 * not (so that its plan is AssignBest of its caching); and a sibling whose first gain is
 * negative (it would pull the shared base for few requests) is cached once its base is.
 */
class TrimCachingGreedyTestCase : public TestCase
{
  public:
    TrimCachingGreedyTestCase()
        : TestCase("trimcaching-greedy equals the greedy that recomputes every gain")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t compared = 0;
        for (int64_t i = 0; i < 60; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + i % 4;
            o.requests = 10 + i % 20;
            o.sharingHeavy = i % 4 != 0;
            o.resident = i % 3 == 0;
            MecScenario s = MakeTinyScenario(80000 + i, o);
            s.horizonS = 1e12; // load never binds: only storage does
            Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
            u->SetStream(90000 + i);
            for (auto& n : s.nodes)
            {
                if (n.role == NodeRole::CLOUDLET)
                {
                    n.storageBytes *= u->GetValue(0.2, 0.9);
                    n.residentBlocks.clear();
                }
            }
            s.Validate(s.name);
            PlanningProblem p(s);
            PlacementPlan expected = PlanAssigner::AssignBest(p, PlainTrimCaching(p));
            PlanResult r = PfmPlanner::CreateByName("trimcaching-greedy")->Solve(p);
            NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, "instance " << i);
            NS_TEST_ASSERT_MSG_EQ((r.plan.models == expected.models),
                                  true,
                                  "instance " << i << ": other models cached");
            for (size_t q = 0; q < expected.decisions.size(); ++q)
            {
                NS_TEST_ASSERT_MSG_EQ((r.plan.decisions[q].site == expected.decisions[q].site &&
                                       r.plan.decisions[q].model == expected.decisions[q].model),
                                      true,
                                      "instance " << i << ", request " << q);
            }
            ++compared;
        }
        NS_TEST_ASSERT_MSG_EQ(compared, 60u, "every instance compared");

        // A sibling that pays only after its base: model "mt" (task t) and "mu" (task u)
        // share a 1 GB base. Forty requests of t pay for pulling it; two of u do not, but
        // once the base is held they pay for mu's 1 MB adapter.
        TinyOptions o;
        o.cloudlets = 1;
        o.requests = 42;
        MecScenario s = MakeTinyScenario(99, o);
        ModelCatalogue cat;
        cat.AddBlock("base", 1e9);
        cat.AddBlock("at", 1e6);
        cat.AddBlock("au", 1e6);
        cat.AddModel(PfmModel{"mt", "b", "t", 0.8, 1e9, {}}, {"base", "at"});
        cat.AddModel(PfmModel{"mu", "b", "u", 0.8, 1e9, {}}, {"base", "au"});
        s.catalogue = cat;
        s.nodes[0].computeFlops = 1e13; // the DC
        s.nodes[2].computeFlops = 1e15; // the cloudlet
        s.nodes[2].storageBytes = 1e10;
        s.nodes[2].residentBlocks.clear();
        s.links[0].bandwidthBps = 1e10; // DC - switch
        s.links[0].delayS = 0.05;
        s.links[1].bandwidthBps = 1e10; // switch - cloudlet
        s.links[1].delayS = 0.001;
        for (auto& q : s.requests)
        {
            q.home = 2;
            q.task = q.id < 40 ? "t" : "u";
            q.minAccuracy = 0.5;
            q.inputBytes = 1e3;
            q.outputBytes = 1e3;
            q.tokens = 100;
        }
        s.Validate(s.name);
        PlanningProblem p(s);
        // The premise, by hand: each u request saves about 0.11 s at the cloudlet, less than
        // the base's pull (8e9 bit at 1e10 bit/s = 0.8 s), more than the adapter's (0.8 ms).
        double save = p.GetBestDcDelay(1) - p.GetClassDelay(1, 1, 0);
        NS_TEST_ASSERT_MSG_EQ(p.GetClasses()[1].task, "u", "class 1 is task u");
        NS_TEST_ASSERT_MSG_LT(2 * save, 0.8, "mu alone does not pay");
        NS_TEST_ASSERT_MSG_GT(2 * save, 0.0008 * 2, "mu after mt pays");
        PlanResult r = PfmPlanner::CreateByName("trimcaching-greedy")->Solve(p);
        NS_TEST_ASSERT_MSG_EQ(r.hasPlan, true, "a plan");
        std::set<uint32_t> atCloudlet(r.plan.models[0].begin(), r.plan.models[0].end());
        NS_TEST_ASSERT_MSG_EQ(atCloudlet.count(0), 1u, "mt cached");
        NS_TEST_ASSERT_MSG_EQ(atCloudlet.count(1), 1u, "mu cached once its base is held");
        NS_TEST_ASSERT_MSG_EQ(r.plan.decisions[41].site, 0u, "u served at the cloudlet");
    }
};

/// The suite.
class BaselinePlannersTestSuite : public TestSuite
{
  public:
    BaselinePlannersTestSuite()
        : TestSuite("mec-pfm-baseline-planners", UNIT)
    {
        AddTestCase(new TrimCachingGreedyTestCase, TestCase::QUICK);
        AddTestCase(new CloudOnlyClosedFormTestCase, TestCase::QUICK);
        AddTestCase(new ReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new AllPlannersTestCase, TestCase::QUICK);
        AddTestCase(new DegenerateProblemsTestCase, TestCase::QUICK);
        AddTestCase(new BaselinesFeasibilityTestCase, TestCase::QUICK);
    }
};

/// Static instance.
BaselinePlannersTestSuite g_baselinePlannersTestSuite;

} // namespace
