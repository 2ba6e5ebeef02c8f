/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rounding-planner.h"

#include "plan-assigner.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("RoundingPlanner");

NS_OBJECT_ENSURE_REGISTERED(RoundingPlanner);

TypeId
RoundingPlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::RoundingPlanner")
            .SetParent<PfmPlanner>()
            .SetGroupName("MecPfm")
            .AddConstructor<RoundingPlanner>()
            .AddAttribute("Trials",
                          "Independent roundings K; the best feasible one is kept.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RoundingPlanner::m_trials),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("LocalSearchPasses",
                          "Passes of close-one/open-one local search on the best trial's "
                          "plan (0 = none).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&RoundingPlanner::m_localSearchPasses),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LocalSearchMoves",
                          "Most moves the local search evaluates (each one assignment of "
                          "every request): bounds its time on large instances.",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&RoundingPlanner::m_localSearchMoves),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LocalSearchWork",
                          "Most request assignments the local search may spend in all "
                          "(moves x requests): bounds its time on large instances.",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&RoundingPlanner::m_localSearchWork),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("MaxOptions",
                          "With Nearest = 0: if the unpruned LP has more (class, model, site) "
                          "options than this, prune to as many nearest cloudlets as fit, "
                          "without pricing (0 = never prune).",
                          UintegerValue(30000),
                          MakeUintegerAccessor(&RoundingPlanner::m_maxOptions),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("PriceOut",
                          "With Nearest > 0: add the pruned options of negative reduced cost "
                          "until none is left (column generation); if false, the LP of the "
                          "pruned options is solved once and the bound of the unpruned LP "
                          "comes from Farley's correction.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RoundingPlanner::m_priceOut),
                          MakeBooleanChecker())
            .AddAttribute("Nearest",
                          "Cloudlets per class besides its home in the first LP (0 = all); "
                          "the others are priced in by column generation.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RoundingPlanner::m_nearest),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AssignTrials",
                          "Last step: re-assign the requests of this many placements (the "
                          "local search's, then the best other trials') by the assignment LP "
                          "(PlanAssigner::AssignByLp), keeping the best plan (0 = none).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&RoundingPlanner::m_assignTrials),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AssignNearest",
                          "Cloudlets per class besides its home in the assignment LP, among "
                          "those holding one of its candidates (0 = all, or as many as "
                          "AssignMaxOptions allows).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RoundingPlanner::m_assignNearest),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AssignMaxOptions",
                          "With AssignNearest = 0: most options of the assignment LP (0 = no "
                          "limit).",
                          UintegerValue(50000),
                          MakeUintegerAccessor(&RoundingPlanner::m_assignMaxOptions),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("AssignWork",
                          "Most options the assignment LPs may have in all (their sizes "
                          "summed): no further placement is re-assigned if the next LP, as "
                          "large as the last, would exceed it; bounds the step's time on large "
                          "instances.",
                          UintegerValue(50000),
                          MakeUintegerAccessor(&RoundingPlanner::m_assignWork),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

RoundingPlanner::RoundingPlanner()
    : m_rng(CreateObject<UniformRandomVariable>()),
      m_trials(16),
      m_nearest(0),
      m_localSearchPasses(3),
      m_priceOut(true),
      m_localSearchMoves(1000),
      m_maxOptions(30000),
      m_localSearchWork(1000000)
{
}

int64_t
RoundingPlanner::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

double
RoundingPlanner::GetExpectedBound() const
{
    return m_expectedBound;
}

double
RoundingPlanner::GetProvenRatio(const PlanningProblem& p)
{
    double rho = 1;
    for (uint32_t q = 0; q < p.GetClasses().size(); ++q)
    {
        const auto& c = p.GetClasses()[q];
        if (c.candidates.empty() || c.dcOnly)
        {
            continue;
        }
        double bestDc = p.GetBestDcDelay(q);
        double best = std::numeric_limits<double>::infinity();
        for (auto m : c.candidates)
        {
            for (uint32_t s = 0; s < p.GetNSites(); ++s)
            {
                best = std::min(best, p.GetClassDelay(q, m, s));
            }
        }
        if (best > 0)
        {
            rho = std::max(rho, bestDc / best);
        }
    }
    return rho;
}

const RoundingCertificate&
RoundingPlanner::GetCertificate() const
{
    return m_cert;
}

PlanResult
RoundingPlanner::Solve(const PlanningProblem& p)
{
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    uint32_t nc = p.GetNCloudlets();
    uint32_t dc = p.GetDcSite();
    m_cert = RoundingCertificate();
    PfmLpFormulation::Options o;
    o.nearest = m_nearest;
    o.priceOut = m_priceOut;
    if (m_nearest == 0 && m_maxOptions > 0)
    {
        // Large instances: prune to the K nearest cloudlets (besides home) with K as large
        // as MaxOptions allows, solve that LP once, and bound the unpruned LP by Farley's
        // correction (doc/planner.rst). Deterministic: depends on the instance only.
        uint64_t perSite = 0;
        uint64_t dcOnly = 0;
        for (const auto& cl : classes)
        {
            (cl.dcOnly ? dcOnly : perSite) += cl.candidates.size();
        }
        const uint64_t all = dcOnly + perSite * (nc + 1);
        if (all > m_maxOptions)
        {
            // home + K nearest + DC per class: (K + 2) x candidates.
            uint64_t k =
                perSite > 0 && m_maxOptions > dcOnly ? (m_maxOptions - dcOnly) / perSite : 0;
            o.nearest = static_cast<uint32_t>(std::max<uint64_t>(1, k >= 2 ? k - 2 : 1));
            o.priceOut = false;
            NS_LOG_INFO("unpruned LP would have " << all << " options: pruned to the " << o.nearest
                                                  << " nearest cloudlets");
        }
    }
    auto elapsed = [&t0]() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    PfmLpFormulation lp(p, o);
    auto out = lp.Solve();
    NS_LOG_INFO("LP " << lp.GetObjective() << " at " << elapsed() << " s");
    PlanResult best;
    if (out != PfmLpFormulation::Outcome::OPTIMAL)
    {
        best.status = out == PfmLpFormulation::Outcome::INFEASIBLE ? PlanStatus::INFEASIBLE
                                                                   : PlanStatus::ERROR;
        best.message = "the LP relaxation could not be solved";
        best.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return best;
    }
    // y*, clipped to [0, 1].
    std::vector<std::vector<double>> y(nc, std::vector<double>(cat.GetNModels(), 0));
    for (uint32_t c = 0; c < nc; ++c)
    {
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            y[c][m] = std::min(1.0, std::max(0.0, lp.GetY(m, c)));
        }
    }
    // Best DC delay of each class: where an unopened option falls back to.
    std::vector<double> dDc(classes.size());
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        dDc[q] = p.GetBestDcDelay(q);
    }
    // The certified expectation before repair (Theorem 2):
    //   E <= LP pull part + sum_o x*_o (y*_o D_o + (1 - y*_o) D_dc(q)) <= rho LP.
    // perCloudlet[c] lists (x*_o, option) of the LP's options at cloudlet c, for the
    // derandomization below.
    std::vector<std::vector<std::pair<double, ClassOption>>> perCloudlet(nc);
    double serveLp = 0;
    double expected = 0;
    double dcPart = 0;
    const auto& opts = lp.GetOptions();
    const auto& x = lp.GetX();
    for (size_t i = 0; i < opts.size(); ++i)
    {
        if (x[i] <= 0)
        {
            continue;
        }
        const auto& op = opts[i];
        double d = p.GetClassDelay(op.cls, op.model, op.site);
        serveLp += x[i] * d;
        if (p.IsDc(op.site))
        {
            expected += x[i] * d;
            dcPart += x[i] * d;
            continue;
        }
        double yy = y[op.site][op.model];
        expected += x[i] * (yy * d + (1 - yy) * dDc[op.cls]);
        perCloudlet[op.site].emplace_back(x[i], op);
    }
    m_expectedBound = expected + (lp.GetObjective() - serveLp);
    m_cert.lpValue = lp.GetObjective();
    m_cert.provenRatio = GetProvenRatio(p);
    m_cert.expectedBound = m_expectedBound;

    // Open set of cloudlet c under threshold u: {m : y*_{m,c} >= u, y*_{m,c} > 0}.
    auto openAt = [&](uint32_t c, double u) {
        std::set<uint32_t> open;
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            if (y[c][m] > 0 && y[c][m] >= u)
            {
                open.insert(m);
            }
        }
        return open;
    };
    // Pull time of the union of a set of models at c (+ the latency once).
    auto pullOf = [&](uint32_t c, const std::set<uint32_t>& open) {
        std::set<uint32_t> ks;
        for (auto m : open)
        {
            ks.insert(cat.GetModels()[m].blocks.begin(), cat.GetModels()[m].blocks.end());
        }
        double t = 0;
        bool any = false;
        for (auto k : ks)
        {
            if (!p.IsResident(c, k))
            {
                t += p.GetBlockPullDelay(c, k);
                any = true;
            }
        }
        return t + (any ? p.GetPullLatency(c) : 0.0);
    };

    // Trial 0: derandomized. For each cloudlet, the threshold among the breakpoints
    // {y*_{m,c}} u {above every y*} minimising the cloudlet's share of the pessimistic
    // estimator; the minimum is at most its average over u ~ U(0,1], the expectation.
    std::vector<std::set<uint32_t>> derand(nc);
    double estimator = dcPart;
    for (uint32_t c = 0; c < nc; ++c)
    {
        std::set<double> breaks{2.0};
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            if (y[c][m] > 0)
            {
                breaks.insert(y[c][m]);
            }
        }
        double bestEst = std::numeric_limits<double>::infinity();
        for (double u : breaks)
        {
            auto open = openAt(c, u);
            double est = pullOf(c, open);
            for (const auto& [xo, op] : perCloudlet[c])
            {
                est += xo *
                       (open.count(op.model) ? p.GetClassDelay(op.cls, op.model, c) : dDc[op.cls]);
            }
            if (est < bestEst)
            {
                bestEst = est;
                derand[c] = open;
            }
        }
        estimator += bestEst;
    }
    m_cert.estimator = estimator;

    // The derandomized plan before repair: every class to its cheapest open option,
    // capacities ignored; then check storage and load.
    {
        double cost = 0;
        std::vector<double> load(p.GetNSites(), 0);
        for (uint32_t c = 0; c < nc; ++c)
        {
            cost += pullOf(c, derand[c]);
        }
        bool feasible = true;
        for (uint32_t c = 0; c < nc; ++c)
        {
            std::vector<uint32_t> ms(derand[c].begin(), derand[c].end());
            feasible = feasible && cat.GetUnionBytes(ms) <= p.GetStorageBytes(c) * (1 + 1e-12);
        }
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            const auto& cl = classes[q];
            if (cl.candidates.empty())
            {
                continue;
            }
            double bd = std::numeric_limits<double>::infinity();
            uint32_t bm = cl.candidates[0];
            uint32_t bs = dc;
            for (auto m : cl.candidates)
            {
                for (uint32_t s = 0; s <= dc; ++s)
                {
                    if (s != dc && (cl.dcOnly || !derand[s].count(m)))
                    {
                        continue;
                    }
                    double d = p.GetClassDelay(q, m, s);
                    if (d < bd)
                    {
                        bd = d;
                        bm = m;
                        bs = s;
                    }
                }
            }
            cost += cl.GetCount() * bd;
            for (auto r : cl.members)
            {
                load[bs] += p.GetFlops(bm, p.GetScenario().requests[r].tokens);
            }
        }
        for (uint32_t s = 0; s <= dc; ++s)
        {
            feasible = feasible && load[s] <= p.GetLoadCapacity(s) * (1 + 1e-12);
        }
        m_cert.preRepairCost = cost;
        m_cert.preRepairFeasible = feasible;
    }

    double bestTotal = std::numeric_limits<double>::infinity();
    PlanEvaluator evaluator(p);
    std::vector<std::set<uint32_t>> bestOpen(nc);
    // Every trial's placement, for the assignment LP.
    std::vector<std::tuple<int, double, std::vector<std::set<uint32_t>>>> placements;
    // Models some class may be served by at a cloudlet (the local search opens only these).
    std::vector<bool> servable(cat.GetNModels(), false);
    for (const auto& cl : classes)
    {
        if (!cl.dcOnly)
        {
            for (auto m : cl.candidates)
            {
                servable[m] = true;
            }
        }
    }
    for (uint32_t t = 0; t <= m_trials; ++t)
    {
        // Trial t >= 1: one threshold per cloudlet, model m opens at c iff U_c <= y*_{m,c},
        // so block k is held with probability max_{m owns k} y*_{m,c} <= z*_{k,c}.
        std::vector<std::set<uint32_t>> open(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            if (t == 0)
            {
                open[c] = derand[c];
            }
            else
            {
                open[c] = openAt(c, m_rng->GetValue(0, 1));
            }
            // Repair storage: close the models of least LP support first.
            PlanAssigner::FitStorage(p, c, open[c], y[c]);
        }
        // Assignment: cheapest open option with load to spare; if the DC is then over
        // capacity, open models where storage and load allow (repair).
        PlacementPlan plan = PlanAssigner::AssignRelievingDc(p, open);
        PlanMetrics m = evaluator.Evaluate(plan);
        NS_LOG_DEBUG("trial " << t << ": " << m.totalDelayS << (m.feasible ? "" : " infeasible")
                              << (m.violations.empty() ? "" : ": " + m.violations.front()));
        // Feasible placements rank first, then by total delay.
        placements.emplace_back(m.feasible ? 0 : 1, m.totalDelayS, open);
        if (m.feasible && m.totalDelayS < bestTotal)
        {
            bestTotal = m.totalDelayS;
            best.plan = std::move(plan);
            best.hasPlan = true;
            bestOpen = open;
        }
    }
    NS_LOG_INFO("trials: " << bestTotal << " at " << elapsed() << " s");
    // Local search on the best plan: close one open model, or open one that fits, while
    // that lowers the total delay of a feasible plan (first improvement, bounded passes).
    // It can only improve the plan, so every guarantee above still holds.
    // Move budget: LocalSearchMoves, and at most LocalSearchWork request assignments.
    const uint64_t nReq = std::max<uint64_t>(1, p.GetScenario().requests.size());
    const auto maxMoves =
        static_cast<uint32_t>(std::min<uint64_t>(m_localSearchMoves, m_localSearchWork / nReq));
    uint32_t moves = 0;
    for (uint32_t pass = 0;
         best.hasPlan && pass < m_localSearchPasses && moves < m_localSearchMoves;
         ++pass)
    {
        bool improved = false;
        auto tryMove = [&]() {
            if (moves >= maxMoves)
            {
                return false;
            }
            ++moves;
            PlacementPlan cand = PlanAssigner::AssignBest(p, bestOpen);
            PlanMetrics m = evaluator.Evaluate(cand);
            if (m.feasible && m.totalDelayS < bestTotal * (1 - 1e-9))
            {
                bestTotal = m.totalDelayS;
                best.plan = std::move(cand);
                return true;
            }
            return false;
        };
        for (uint32_t c = 0; c < nc; ++c)
        {
            std::vector<uint32_t> was(bestOpen[c].begin(), bestOpen[c].end());
            for (auto m : was)
            {
                bestOpen[c].erase(m);
                if (tryMove())
                {
                    improved = true;
                }
                else
                {
                    bestOpen[c].insert(m);
                }
            }
            // Swap an open model for another of its task and open, with it, the models
            // that share one of its blocks (e.g. a full fine-tune for a LoRA adapter whose
            // base then serves a sibling task too): one move, kept only if it improves.
            std::vector<uint32_t> now(bestOpen[c].begin(), bestOpen[c].end());
            for (auto m : now)
            {
                for (auto o : cat.GetModelsForTask(cat.GetModels()[m].task))
                {
                    if (!bestOpen[c].count(m) || bestOpen[c].count(o) || !servable[o])
                    {
                        continue;
                    }
                    const auto before = bestOpen[c];
                    bestOpen[c].erase(m);
                    bestOpen[c].insert(o);
                    const auto& ob = cat.GetModels()[o].blocks;
                    for (uint32_t q = 0; q < cat.GetNModels(); ++q)
                    {
                        const auto& qb = cat.GetModels()[q].blocks;
                        if (bestOpen[c].count(q) || !servable[q] ||
                            std::none_of(qb.begin(), qb.end(), [&ob](uint32_t k) {
                                return std::find(ob.begin(), ob.end(), k) != ob.end();
                            }))
                        {
                            continue;
                        }
                        bestOpen[c].insert(q);
                        std::vector<uint32_t> ms(bestOpen[c].begin(), bestOpen[c].end());
                        if (cat.GetUnionBytes(ms) > p.GetStorageBytes(c) * (1 + 1e-12))
                        {
                            bestOpen[c].erase(q);
                        }
                    }
                    std::vector<uint32_t> ms(bestOpen[c].begin(), bestOpen[c].end());
                    if (cat.GetUnionBytes(ms) <= p.GetStorageBytes(c) * (1 + 1e-12) && tryMove())
                    {
                        improved = true;
                    }
                    else
                    {
                        bestOpen[c] = before;
                    }
                }
            }
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (bestOpen[c].count(m) || !servable[m])
                {
                    continue;
                }
                bestOpen[c].insert(m);
                std::vector<uint32_t> ms(bestOpen[c].begin(), bestOpen[c].end());
                if (cat.GetUnionBytes(ms) <= p.GetStorageBytes(c) * (1 + 1e-12) && tryMove())
                {
                    improved = true;
                }
                else
                {
                    bestOpen[c].erase(m);
                }
            }
        }
        NS_LOG_DEBUG("local search pass " << pass << ": " << bestTotal);
        if (!improved)
        {
            break;
        }
    }
    NS_LOG_INFO("local search: " << bestTotal << " at " << elapsed() << " s");
    // Re-assign by the assignment LP: the local search's placement, then the best other
    // trial placements (AssignTrials in all), keeping the best plan.
    if (m_assignTrials > 0)
    {
        std::sort(placements.begin(), placements.end(), [](const auto& a, const auto& b) {
            return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b)
                                                    : std::get<1>(a) < std::get<1>(b);
        });
        std::vector<std::vector<std::set<uint32_t>>> tried;
        if (best.hasPlan)
        {
            tried.push_back(bestOpen);
        }
        for (const auto& pl : placements)
        {
            if (tried.size() >= m_assignTrials)
            {
                break;
            }
            if (std::find(tried.begin(), tried.end(), std::get<2>(pl)) == tried.end())
            {
                tried.push_back(std::get<2>(pl));
            }
        }
        // The LPs have about the same size: stop before the next one would exceed the work
        // budget (the first always runs).
        uint64_t work = 0;
        uint64_t last = 0;
        for (const auto& open : tried)
        {
            if (last > 0 && work + last > m_assignWork)
            {
                break;
            }
            PlacementPlan cand;
            uint64_t size = 0;
            bool ok =
                PlanAssigner::AssignByLp(p, open, m_assignNearest, m_assignMaxOptions, cand, &size);
            work += size;
            last = size;
            if (!ok)
            {
                continue;
            }
            PlanMetrics m = evaluator.Evaluate(cand);
            NS_LOG_DEBUG("assignment LP: " << m.totalDelayS << (m.feasible ? "" : " infeasible"));
            if (m.feasible && m.totalDelayS < bestTotal)
            {
                bestTotal = m.totalDelayS;
                best.plan = std::move(cand);
                best.hasPlan = true;
            }
        }
    }
    NS_LOG_INFO("assignment LP: " << bestTotal << " at " << elapsed() << " s");
    m_cert.finalCost = best.hasPlan ? bestTotal : std::numeric_limits<double>::quiet_NaN();
    best.lowerBoundS = lp.GetLowerBound();
    best.status = best.hasPlan ? PlanStatus::FEASIBLE : PlanStatus::INFEASIBLE;
    if (!best.hasPlan)
    {
        best.message = "no trial found a feasible plan";
    }
    else
    {
        std::ostringstream msg;
        msg << "LP " << m_cert.lpValue << ", certified pre-repair " << m_cert.preRepairCost
            << " <= rho x LP with rho " << m_cert.provenRatio
            << (m_cert.preRepairFeasible ? " (no repair needed: ratio proven)"
                                         : " (repair needed: heuristic)");
        best.message = msg.str();
    }
    best.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return best;
}

} // namespace mecpfm
} // namespace ns3
