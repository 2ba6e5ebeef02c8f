/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rounding-planner.h"

#include "pfm-lp-formulation.h"
#include "plan-assigner.h"
#include "plan-evaluator.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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
            .AddAttribute("LocalSearchGroups",
                          "After the single-model passes of the local search, passes that also "
                          "open a family group at a cloudlet in one move (the models sharing a "
                          "block, most demanded there first, as storage allows), alone or in "
                          "place of one open model; within the same move budgets.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RoundingPlanner::m_localSearchGroups),
                          MakeBooleanChecker())
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
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("CoveringTrials",
                          "Draws of the covering rounding (doc/planner.rst, Theorem 4): rounds "
                          "of the threshold rounding until every class has an open option "
                          "within alpha times its LP cost; each draw is repaired and offered "
                          "like a trial (0 = none).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&RoundingPlanner::m_coveringTrials),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CoveringMaxRounds",
                          "Most rounds of one covering draw (R of Theorem 4; the bound counts "
                          "the classes left uncovered after R rounds at their DC cost).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&RoundingPlanner::m_coveringMaxRounds),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Fallback",
                          "Feasibility phase: if no trial meets every capacity, the planners "
                          "(short names, comma-separated, tried in order until one has a "
                          "feasible plan) whose plan the local search and the assignment LP "
                          "then improve (\"\" = none).",
                          StringValue("trimcaching-greedy,popularity,nearest-greedy"),
                          MakeStringAccessor(&RoundingPlanner::m_fallback),
                          MakeStringChecker());
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
RoundingPlanner::GetProvenRatio(const PlanningProblem& p)
{
    // rho_w = max over classes and options of (c^d_q + w_acc a_m) / P_{q,m,s}, where c is
    // the weighted per-request cost and P = c + w_acc a_m its delay + cost part; with the
    // weights 0 this is max_q D^d_q / min_{m,s} D_{q,m,s} (doc/planner.rst, Theorem 2).
    const double wAcc = p.GetObjectiveWeights().accuracyWeight;
    const auto& models = p.GetCatalogue().GetModels();
    double rho = 1;
    for (uint32_t q = 0; q < p.GetClasses().size(); ++q)
    {
        const auto& c = p.GetClasses()[q];
        if (c.candidates.empty() || c.dcOnly)
        {
            continue;
        }
        double bestDc = p.GetBestDcCost(q);
        for (auto m : c.candidates)
        {
            double acc = wAcc * models[m].accuracy;
            for (uint32_t s = 0; s < p.GetNSites(); ++s)
            {
                double part = p.GetClassCost(q, m, s) + acc;
                if (part > 0)
                {
                    rho = std::max(rho, (bestDc + acc) / part);
                }
            }
        }
    }
    return rho;
}

const RoundingCertificate&
RoundingPlanner::GetCertificate() const
{
    return m_cert;
}

namespace
{

/// A placement: per cloudlet, the models open.
using Placement = std::vector<std::set<uint32_t>>;

/// \return seconds since t0
double
SecondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// \return sum over the LP's options of x*_o a_m: the accuracy sum A* of its solution
double
LpAccuracy(const PlanningProblem& p, const PfmLpFormulation& lp)
{
    double a = 0;
    const auto& opts = lp.GetOptions();
    const auto& x = lp.GetX();
    // Options priced in after the last solve (Farley's correction appends them) have no
    // x: they are 0 in the LP solution.
    for (size_t i = 0; i < std::min(opts.size(), x.size()); ++i)
    {
        a += x[i] * p.GetCatalogue().GetModels()[opts[i].model].accuracy;
    }
    return a;
}

/// \return whether models fit the storage of cloudlet c
bool
FitsStorage(const PlanningProblem& p, uint32_t c, const std::set<uint32_t>& models)
{
    std::vector<uint32_t> ms(models.begin(), models.end());
    return p.GetCatalogue().GetUnionBytes(ms) <= p.GetStorageBytes(c) * (1 + 1e-12);
}

/// Open set of cloudlet c under threshold u: {m : y*_{m,c} >= u, y*_{m,c} > 0}.
std::set<uint32_t>
OpenAt(const std::vector<double>& yc, double u)
{
    std::set<uint32_t> open;
    for (uint32_t m = 0; m < yc.size(); ++m)
    {
        if (yc[m] > 0 && yc[m] >= u)
        {
            open.insert(m);
        }
    }
    return open;
}

/// Pull time of the union of a set of models at c (+ the latency once).
double
PullOf(const PlanningProblem& p, uint32_t c, const std::set<uint32_t>& open)
{
    const auto& cat = p.GetCatalogue();
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
            any = true;
        }
        t += p.GetBlockCost(c, k); // a resident block's only cost is its storage price
    }
    return t + (any ? p.GetPullLatency(c) : 0.0);
}

/// y* of the LP, clipped to [0, 1]: [cloudlet][model].
std::vector<std::vector<double>>
ClippedPlacement(const PlanningProblem& p, const PfmLpFormulation& lp)
{
    const uint32_t nModels = p.GetCatalogue().GetNModels();
    std::vector<std::vector<double>> y(p.GetNCloudlets(), std::vector<double>(nModels, 0));
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        for (uint32_t m = 0; m < nModels; ++m)
        {
            y[c][m] = std::min(1.0, std::max(0.0, lp.GetY(m, c)));
        }
    }
    return y;
}

/**
 * \brief A placement's plan before repair: every class to its first open option
 * (PlanAssigner::AssignUncapacitated, the tie rule of AssignBest), capacities ignored.
 * \return its cost (pull + serving) and whether it meets every storage and load row
 */
std::pair<double, bool>
PreRepair(const PlanningProblem& p, const Placement& open)
{
    const uint32_t nc = p.GetNCloudlets();
    double cost = 0;
    std::vector<double> load(p.GetNSites(), 0);
    bool feasible = true;
    for (uint32_t c = 0; c < nc; ++c)
    {
        cost += PullOf(p, c, open[c]);
        feasible = feasible && FitsStorage(p, c, open[c]);
    }
    const PlacementPlan plan = PlanAssigner::AssignUncapacitated(p, open);
    const auto& classes = p.GetClasses();
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& cl = classes[q];
        if (cl.candidates.empty())
        {
            continue;
        }
        const auto& d = plan.decisions[cl.members.front()];
        cost += cl.GetCount() * p.GetClassCost(q, d.model, d.site);
        for (auto r : cl.members)
        {
            load[d.site] += p.GetFlops(d.model, p.GetScenario().requests[r].tokens);
        }
    }
    for (uint32_t s = 0; s <= p.GetDcSite(); ++s)
    {
        feasible = feasible && load[s] <= p.GetLoadCapacity(s) * (1 + 1e-12);
    }
    return {cost, feasible};
}

/**
 * \brief Phase 1, the LP relaxation's options. Large instances: prune to the K nearest
 * cloudlets (besides home) with K as large as maxOptions allows, solve that LP once, and
 * bound the unpruned LP by Farley's correction (doc/planner.rst). Deterministic: depends
 * on the instance only.
 */
PfmLpFormulation::Options
RelaxationOptions(const PlanningProblem& p, uint32_t nearest, bool priceOut, uint64_t maxOptions)
{
    PfmLpFormulation::Options o;
    o.nearest = nearest;
    o.priceOut = priceOut;
    if (nearest != 0 || maxOptions == 0)
    {
        return o;
    }
    uint64_t perSite = 0;
    uint64_t dcOnly = 0;
    for (const auto& cl : p.GetClasses())
    {
        (cl.dcOnly ? dcOnly : perSite) += cl.candidates.size();
    }
    const uint64_t all = dcOnly + perSite * (p.GetNCloudlets() + 1);
    if (all > maxOptions)
    {
        // home + K nearest + DC per class: (K + 2) x candidates.
        uint64_t k = perSite > 0 && maxOptions > dcOnly ? (maxOptions - dcOnly) / perSite : 0;
        o.nearest = static_cast<uint32_t>(std::max<uint64_t>(1, k >= 2 ? k - 2 : 1));
        o.priceOut = false;
        // Pruning at its floor (K = 1) leaves more than MaxOptions options: there GLPK's dual
        // simplex from Bixby's crash basis needs a third fewer iterations than from the
        // slack basis (synthetic 100 x 100,000: 7,519 against 11,275, 34,536 rows x 32,235
        // columns), while on GEANT default (K = 10, 27,596 columns) it needs more (8,048
        // against 6,734): so only there.
        o.crashBasis = k < 3;
        NS_LOG_INFO("unpruned LP would have " << all << " options: pruned to the " << o.nearest
                                              << " nearest cloudlets");
    }
    return o;
}

/**
 * \brief The certificate of Theorem 2 (doc/planner.rst): the certified expectation before
 * repair, the derandomized placement (trial 0) and the cost of its plan before repair.
 */
class Certification
{
  public:
    /// Certify the rounding of the LP's y (clipped) into cert.
    Certification(const PlanningProblem& p,
                  const PfmLpFormulation& lp,
                  const std::vector<std::vector<double>>& y,
                  RoundingCertificate& cert)
        : m_p(p),
          m_y(y),
          m_dDc(p.GetClasses().size()),
          m_perCloudlet(p.GetNCloudlets())
    {
        // Best DC delay of each class: where an unopened option falls back to.
        for (uint32_t q = 0; q < m_dDc.size(); ++q)
        {
            m_dDc[q] = p.GetBestDcCost(q);
        }
        cert.lpValue = lp.GetObjective();
        cert.provenRatio = RoundingPlanner::GetProvenRatio(p);
        cert.lpAccuracy = LpAccuracy(p, lp);
        cert.ratioBound =
            cert.provenRatio * cert.lpValue +
            (cert.provenRatio - 1) * p.GetObjectiveWeights().accuracyWeight * cert.lpAccuracy;
        cert.expectedBound = ExpectedBound(lp);
        cert.estimator = Derandomize();
        CheckPreRepair(cert);
    }

    /// \return the derandomized placement
    const Placement& GetPlacement() const
    {
        return m_derand;
    }

  private:
    /**
     * The certified expectation before repair (Theorem 2):
     *   E <= LP pull part + sum_o x*_o (y*_o D_o + (1 - y*_o) D_dc(q)) <= rho LP.
     * Fills m_perCloudlet, the (x*_o, option) of the LP's options at each cloudlet, and
     * m_dcPart, the LP's serving delay at the DC, for the derandomization.
     */
    double ExpectedBound(const PfmLpFormulation& lp)
    {
        double serveLp = 0;
        double expected = 0;
        const auto& opts = lp.GetOptions();
        const auto& x = lp.GetX();
        // Options priced in after the last solve have no x (0 in the LP solution); reading
        // past x was undefined behaviour.
        for (size_t i = 0; i < std::min(opts.size(), x.size()); ++i)
        {
            if (x[i] <= 0)
            {
                continue;
            }
            const auto& op = opts[i];
            double d = m_p.GetClassCost(op.cls, op.model, op.site);
            serveLp += x[i] * d;
            if (m_p.IsDc(op.site))
            {
                expected += x[i] * d;
                m_dcPart += x[i] * d;
                continue;
            }
            double yy = m_y[op.site][op.model];
            expected += x[i] * (yy * d + (1 - yy) * m_dDc[op.cls]);
            m_perCloudlet[op.site].emplace_back(x[i], op);
        }
        return expected + (lp.GetObjective() - serveLp);
    }

    /**
     * Trial 0: derandomized. For each cloudlet, the threshold among the breakpoints
     * {y*_{m,c}} u {above every y*} minimising the cloudlet's share of the pessimistic
     * estimator; the minimum is at most its average over u ~ U(0,1], the expectation.
     * \return the estimator
     */
    double Derandomize()
    {
        const uint32_t nc = m_p.GetNCloudlets();
        m_derand.assign(nc, {});
        double estimator = m_dcPart;
        for (uint32_t c = 0; c < nc; ++c)
        {
            std::set<double> breaks{2.0};
            for (double v : m_y[c])
            {
                if (v > 0)
                {
                    breaks.insert(v);
                }
            }
            double bestEst = std::numeric_limits<double>::infinity();
            for (double u : breaks)
            {
                auto open = OpenAt(m_y[c], u);
                double est = PullOf(m_p, c, open);
                for (const auto& [xo, op] : m_perCloudlet[c])
                {
                    est += xo * (open.count(op.model) ? m_p.GetClassCost(op.cls, op.model, c)
                                                      : m_dDc[op.cls]);
                }
                if (est < bestEst)
                {
                    bestEst = est;
                    m_derand[c] = open;
                }
            }
            estimator += bestEst;
        }
        return estimator;
    }

    /// The derandomized plan before repair: its cost and whether it meets every capacity.
    void CheckPreRepair(RoundingCertificate& cert) const
    {
        std::tie(cert.preRepairCost, cert.preRepairFeasible) = PreRepair(m_p, m_derand);
    }

    const PlanningProblem& m_p;                  //!< problem
    const std::vector<std::vector<double>>& m_y; //!< y*, clipped
    std::vector<double> m_dDc;                   //!< best DC delay per class
    /// per cloudlet, (x*_o, option) of the LP's options there
    std::vector<std::vector<std::pair<double, ClassOption>>> m_perCloudlet;
    double m_dcPart{0}; //!< LP serving delay at the DC
    Placement m_derand; //!< the derandomized placement
};

/// The best feasible plan so far, its placement, and every trial's placement.
struct Incumbent
{
    /// \param p the problem
    explicit Incumbent(const PlanningProblem& p)
        : evaluator(PlanEvaluator::Weighted(p)),
          open(p.GetNCloudlets())
    {
    }

    /**
     * \brief Keep a plan if it is feasible and costs less than the best times (1 - margin).
     * \return whether it was kept
     */
    bool Offer(PlacementPlan& plan, double margin = 0)
    {
        PlanMetrics m = evaluator.Evaluate(plan);
        last = m;
        // Better by the relative margin (the weighted objective may be negative).
        const double bar = std::isinf(total) ? total : total - margin * std::fabs(total);
        if (!m.feasible || m.objective >= bar)
        {
            return false;
        }
        total = m.objective;
        result.plan = std::move(plan);
        result.hasPlan = true;
        return true;
    }

    PlanEvaluator evaluator;                               //!< evaluates every candidate
    PlanResult result;                                     //!< the best plan (hasPlan: found)
    double total{std::numeric_limits<double>::infinity()}; //!< its (weighted) objective
    Placement open;   //!< the placement of the best trial, then of the local search
    PlanMetrics last; //!< metrics of the last plan offered
    /// every trial's placement: (0 feasible / 1 not, total delay, placement)
    std::vector<std::tuple<int, double, Placement>> placements;
};

/// Repair a placement (close the least supported models until storage fits, assign with
/// AssignRelievingDc) and offer its plan to the incumbent; the placement is recorded.
void
OfferPlacement(const PlanningProblem& p,
               const std::vector<std::vector<double>>& y,
               Placement open,
               const char* what,
               Incumbent& best)
{
    // Without the assignment LP here: step 7 runs it on the best placements.
    PlacementPlan plan = PlanAssigner::RepairPlacement(p, open, y, false);
    bool kept = best.Offer(plan);
    const PlanMetrics& m = best.last;
    NS_LOG_DEBUG(what << ": " << m.objective << (m.feasible ? "" : " infeasible")
                      << (m.violations.empty() ? "" : ": " + m.violations.front()));
    // Feasible placements rank first, then by total delay.
    best.placements.emplace_back(m.feasible ? 0 : 1, m.objective, open);
    if (kept)
    {
        best.open = std::move(open);
    }
}

/**
 * \brief Phase 2, the rounding trials. Trial 0 is the derandomized placement; trial t >= 1
 * draws one threshold per cloudlet: model m opens at c iff U_c <= y*_{m,c}, so block k is
 * held with probability max_{m owns k} y*_{m,c} <= z*_{k,c}. Phase 3, repair: close the
 * models of least LP support until storage fits, assign each request its cheapest open
 * option with load to spare and, if the DC is then over capacity, open models where
 * storage and load allow (PlanAssigner::AssignRelievingDc).
 */
void
RunTrials(const PlanningProblem& p,
          const std::vector<std::vector<double>>& y,
          const Placement& derand,
          uint32_t trials,
          Ptr<UniformRandomVariable> rng,
          Incumbent& best)
{
    const uint32_t nc = p.GetNCloudlets();
    for (uint32_t t = 0; t <= trials; ++t)
    {
        Placement open(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            open[c] = t == 0 ? derand[c] : OpenAt(y[c], rng->GetValue(0, 1));
        }
        OfferPlacement(p, y, std::move(open), t == 0 ? "trial 0" : "trial", best);
    }
}

/**
 * \brief Phase 2b, the covering draws of Theorem 4 (doc/planner.rst): rounds of the
 * threshold rounding until every class has an open option within alpha times its LP cost.
 * Each draw's plan before repair is measured into cert (its cost, whether it meets every
 * capacity), then repaired and offered like a trial.
 */
void
CoveringTrials(const PlanningProblem& p,
               const CoveringRounding& covering,
               const std::vector<std::vector<double>>& y,
               uint32_t draws,
               Ptr<UniformRandomVariable> rng,
               Incumbent& best,
               RoundingCertificate& cert)
{
    const uint32_t nc = p.GetNCloudlets();
    cert.covering = covering.GetBound();
    if (!cert.covering.applicable)
    {
        return;
    }
    double sumCost = 0;
    double sumRounds = 0;
    for (uint32_t t = 0; t < draws; ++t)
    {
        uint32_t rounds = 0;
        const std::vector<double> v = covering.Draw(rng, rounds);
        Placement open(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            open[c] = OpenAt(y[c], v[c]);
        }
        const auto [cost, feasible] = PreRepair(p, open);
        NS_LOG_DEBUG("covering draw " << t << ": " << rounds << " rounds, before repair " << cost
                                      << (feasible ? "" : " (breaks a capacity)"));
        sumCost += cost;
        sumRounds += rounds;
        if (feasible && (!cert.coveringFeasible || cost < cert.coveringBestCost))
        {
            cert.coveringBestCost = cost;
        }
        cert.coveringFeasible = cert.coveringFeasible || feasible;
        OfferPlacement(p, y, std::move(open), "covering draw", best);
    }
    cert.coveringDraws = draws;
    cert.coveringMeanCost = draws > 0 ? sumCost / draws : 0;
    cert.coveringMeanRounds = draws > 0 ? sumRounds / draws : 0;
}

/**
 * \brief Phase 4, local search on the best plan's placement: close one open model, swap
 * one for a sibling, or open one that fits, while that lowers the total delay of a
 * feasible plan (first improvement, bounded passes and moves). With groups, further passes
 * then also open a family group at a cloudlet in one move (GroupMoves): they start from
 * the single-model passes' result, so the search with groups is never worse than without.
 * It can only improve the plan, so every guarantee of the rounding still holds.
 */
class LocalSearch
{
  public:
    /**
     * \param p the problem
     * \param best the incumbent (improved in place)
     * \param maxMoves most moves evaluated in all
     * \param groups whether passes with the family-group moves follow
     */
    LocalSearch(const PlanningProblem& p, Incumbent& best, uint32_t maxMoves, bool groups)
        : m_p(p),
          m_best(best),
          m_maxMoves(maxMoves),
          m_groups(groups),
          m_servable(p.GetCatalogue().GetNModels(), false),
          m_demand(p.GetNCloudlets(), std::vector<double>(p.GetCatalogue().GetNModels(), 0))
    {
        // Models some class may be served by at a cloudlet (the search opens only these),
        // and each one's demand at each home cloudlet (requests it may serve there).
        for (const auto& cl : p.GetClasses())
        {
            if (!cl.dcOnly)
            {
                for (auto m : cl.candidates)
                {
                    m_servable[m] = true;
                    if (cl.homeSite < p.GetNCloudlets())
                    {
                        m_demand[cl.homeSite][m] += cl.GetCount();
                    }
                }
            }
        }
        if (m_groups)
        {
            FindFamilies();
            SortNeighbours();
        }
    }

    /**
     * \brief Run passes until one improves nothing; with groups, then passes that also make
     * the family-group moves.
     * \param passes most passes (of each kind)
     * \param moveCap no pass starts once this many moves are made
     */
    void Run(uint32_t passes, uint32_t moveCap)
    {
        Passes(passes, moveCap, false);
        if (m_groups && !m_families.empty())
        {
            Passes(passes, moveCap, true);
        }
    }

  private:
    /// Passes until one improves nothing (see Run); with groups GroupMoves first at each c.
    void Passes(uint32_t passes, uint32_t moveCap, bool groups)
    {
        for (uint32_t pass = 0; m_best.result.hasPlan && pass < passes && m_moves < moveCap; ++pass)
        {
            bool improved = false;
            for (uint32_t c = 0; c < m_p.GetNCloudlets(); ++c)
            {
                improved = (groups && GroupMoves(c)) || improved;
                improved = (groups && RelocateMoves(c)) || improved;
                improved = CloseMoves(c) || improved;
                improved = SwapMoves(c) || improved;
                improved = OpenMoves(c) || improved;
            }
            NS_LOG_DEBUG("local search pass " << pass << (groups ? " (groups)" : "") << ": "
                                              << m_best.total);
            if (!improved)
            {
                break;
            }
        }
    }

    /// Fill m_nearest: per cloudlet, the others by the transfer delay of 1 MB each way.
    void SortNeighbours()
    {
        const uint32_t nc = m_p.GetNCloudlets();
        m_nearest.assign(nc, {});
        for (uint32_t c = 0; c < nc; ++c)
        {
            std::vector<std::pair<double, uint32_t>> by;
            for (uint32_t d = 0; d < nc; ++d)
            {
                if (d != c)
                {
                    by.emplace_back(m_p.GetTransferDelay(c, d, 1e6, 1e6), d);
                }
            }
            std::sort(by.begin(), by.end());
            for (const auto& [delay, d] : by)
            {
                m_nearest[c].push_back(d);
            }
        }
    }

    /// The families: for each block, the servable models holding it, if two or more
    /// (distinct sets only; e.g. a LoRA base and its adapters' models).
    void FindFamilies()
    {
        const auto& cat = m_p.GetCatalogue();
        std::set<std::vector<uint32_t>> seen;
        for (uint32_t k = 0; k < cat.GetNBlocks(); ++k)
        {
            std::vector<uint32_t> f;
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                const auto& b = cat.GetModels()[m].blocks;
                if (m_servable[m] && std::find(b.begin(), b.end(), k) != b.end())
                {
                    f.push_back(m);
                }
            }
            if (f.size() >= 2 && seen.insert(f).second)
            {
                m_families.push_back(std::move(f));
            }
        }
    }

    /**
     * \return whether opening a family group at c improved the plan. A LoRA base pulled for
     * one adapter is what makes its siblings cheap (each adds only its adapter), so one
     * model at a time may never pay for the base while the group does (synthetic 5 x 500:
     * the ILP's optimum holds two such groups at a cloudlet the rounding left empty). For
     * each family, its models not open at c with demand there, most demanded first, are
     * added as storage allows: the first two, then all; if neither improves, all in place
     * of one open model of another family (each tried).
     */
    bool GroupMoves(uint32_t c)
    {
        bool improved = false;
        for (const auto& f : m_families)
        {
            std::vector<uint32_t> add;
            for (auto m : f)
            {
                if (!m_best.open[c].count(m) && m_demand[c][m] > 0)
                {
                    add.push_back(m);
                }
            }
            if (add.size() < 2)
            {
                continue;
            }
            std::stable_sort(add.begin(), add.end(), [this, c](uint32_t a, uint32_t b) {
                return m_demand[c][a] > m_demand[c][b];
            });
            bool done = TryGroup(c, add, 2, nullptr) ||
                        (add.size() > 2 && TryGroup(c, add, add.size(), nullptr));
            const std::vector<uint32_t> now(m_best.open[c].begin(), m_best.open[c].end());
            for (size_t i = 0; !done && i < now.size(); ++i)
            {
                done = std::find(f.begin(), f.end(), now[i]) == f.end() &&
                       TryGroup(c, add, add.size(), &now[i]);
            }
            improved = done || improved;
        }
        return improved;
    }

    /**
     * \return whether moving a unit of c's open models to another cloudlet improved the
     * plan. A unit is a family's models open at c (or one model of no family): on
     * synthetic 5 x 500 the rounding held a LoRA base with two adapters at a cloudlet
     * where the ILP's optimum holds none, and moving them to a cloudlet holding nothing
     * lowered the total delay from 68.65 to 63.32 (greedy assignment), where closing them
     * (the DC overloads) or opening them there too (the base pulled twice) does not.
     * Targets are tried nearest first (transfer delay of a unit request from c).
     */
    bool RelocateMoves(uint32_t c)
    {
        bool improved = false;
        for (const auto& unit : Units(c))
        {
            if (unit.size() >= 2 && TryRelocate(unit, c, c))
            {
                improved = true;
                continue;
            }
            bool moved = false;
            for (size_t i = 0; !moved && i < m_nearest[c].size(); ++i)
            {
                moved = IsOpen(unit, c) && TryRelocate(unit, c, m_nearest[c][i]);
            }
            for (size_t i = 0; !moved && i < m_nearest[c].size(); ++i)
            {
                moved = IsOpen(unit, c) && TryExchanges(unit, c, m_nearest[c][i]);
            }
            improved = moved || improved;
        }
        return improved;
    }

    /// \return whether every model of unit is open at c
    bool IsOpen(const std::vector<uint32_t>& unit, uint32_t c) const
    {
        return std::all_of(unit.begin(), unit.end(), [this, c](uint32_t m) {
            return m_best.open[c].count(m) > 0;
        });
    }

    /**
     * \return whether exchanging unit (open at c) with a unit of d improved the plan (the
     * first that did is kept): each moves to the other's cloudlet, storage allowing
     */
    bool TryExchanges(const std::vector<uint32_t>& unit, uint32_t c, uint32_t d)
    {
        for (const auto& other : Units(d))
        {
            if (other == unit || !IsOpen(other, d))
            {
                continue;
            }
            const auto beforeC = m_best.open[c];
            const auto beforeD = m_best.open[d];
            for (auto m : unit)
            {
                m_best.open[c].erase(m);
            }
            for (auto m : other)
            {
                m_best.open[d].erase(m);
                m_best.open[c].insert(m);
            }
            m_best.open[d].insert(unit.begin(), unit.end());
            if (FitsStorage(m_p, c, m_best.open[c]) && FitsStorage(m_p, d, m_best.open[d]) &&
                TryMove())
            {
                return true;
            }
            m_best.open[c] = beforeC;
            m_best.open[d] = beforeD;
        }
        return false;
    }

    /// \return the units of c (RelocateMoves): distinct, each non-empty
    std::set<std::vector<uint32_t>> Units(uint32_t c) const
    {
        const auto& open = m_best.open[c];
        std::set<std::vector<uint32_t>> units;
        std::vector<bool> inFamily(m_servable.size(), false);
        for (const auto& f : m_families)
        {
            std::vector<uint32_t> u;
            for (auto m : f)
            {
                inFamily[m] = true;
                if (open.count(m))
                {
                    u.push_back(m);
                }
            }
            if (!u.empty())
            {
                units.insert(u);
            }
        }
        for (auto m : open)
        {
            if (!inFamily[m])
            {
                units.insert({m});
            }
        }
        return units;
    }

    /**
     * \return whether closing unit at c and opening it at d (if it fits) improved the plan;
     * with d == c, whether closing it did (one adapter closed alone frees no base)
     */
    bool TryRelocate(const std::vector<uint32_t>& unit, uint32_t c, uint32_t d)
    {
        auto& to = m_best.open[d];
        if (d != c &&
            std::all_of(unit.begin(), unit.end(), [&to](uint32_t m) { return to.count(m) > 0; }))
        {
            return false;
        }
        const auto beforeC = m_best.open[c];
        const auto beforeD = to;
        for (auto m : unit)
        {
            m_best.open[c].erase(m);
            if (d != c)
            {
                to.insert(m);
            }
        }
        if (FitsStorage(m_p, d, to) && TryMove())
        {
            return true;
        }
        m_best.open[c] = beforeC;
        to = beforeD;
        return false;
    }

    /**
     * \return whether opening at c the first models of add that fit (at most limit, at
     * least two), with model *close closed first if not null, improved the plan (kept)
     */
    bool TryGroup(uint32_t c, const std::vector<uint32_t>& add, size_t limit, const uint32_t* close)
    {
        auto& open = m_best.open[c];
        const auto before = open;
        if (close)
        {
            open.erase(*close);
        }
        size_t added = 0;
        for (size_t i = 0; i < add.size() && added < limit; ++i)
        {
            open.insert(add[i]);
            if (FitsStorage(m_p, c, open))
            {
                ++added;
            }
            else
            {
                open.erase(add[i]);
            }
        }
        if (added >= 2 && TryMove())
        {
            return true;
        }
        open = before;
        return false;
    }

    /// \return whether assigning the requests to the current placement improved the plan
    bool TryMove()
    {
        if (m_moves >= m_maxMoves)
        {
            return false;
        }
        ++m_moves;
        PlacementPlan cand = PlanAssigner::AssignBest(m_p, m_best.open);
        return m_best.Offer(cand, 1e-9);
    }

    /// \return whether closing an open model of c improved the plan (kept closed)
    bool CloseMoves(uint32_t c)
    {
        bool improved = false;
        auto& open = m_best.open[c];
        std::vector<uint32_t> was(open.begin(), open.end());
        for (auto m : was)
        {
            open.erase(m);
            if (TryMove())
            {
                improved = true;
            }
            else
            {
                open.insert(m);
            }
        }
        return improved;
    }

    /**
     * \return whether swapping an open model of c for another of its task improved the
     * plan. With the new model the swap opens the models that share one of its blocks (e.g.
     * a full fine-tune for a LoRA adapter whose base then serves a sibling task too), as
     * storage allows: one move, kept only if it improves.
     */
    bool SwapMoves(uint32_t c)
    {
        const auto& cat = m_p.GetCatalogue();
        bool improved = false;
        auto& open = m_best.open[c];
        std::vector<uint32_t> now(open.begin(), open.end());
        for (auto m : now)
        {
            for (auto o : cat.GetModelsForTask(cat.GetModels()[m].task))
            {
                if (!open.count(m) || open.count(o) || !m_servable[o])
                {
                    continue;
                }
                const auto before = open;
                open.erase(m);
                open.insert(o);
                OpenSharing(c, o);
                if (FitsStorage(m_p, c, open) && TryMove())
                {
                    improved = true;
                }
                else
                {
                    open = before;
                }
            }
        }
        return improved;
    }

    /// Open at c, as storage allows, the servable models sharing a block with model o.
    void OpenSharing(uint32_t c, uint32_t o)
    {
        const auto& cat = m_p.GetCatalogue();
        auto& open = m_best.open[c];
        const auto& ob = cat.GetModels()[o].blocks;
        for (uint32_t q = 0; q < cat.GetNModels(); ++q)
        {
            const auto& qb = cat.GetModels()[q].blocks;
            if (open.count(q) || !m_servable[q] ||
                std::none_of(qb.begin(), qb.end(), [&ob](uint32_t k) {
                    return std::find(ob.begin(), ob.end(), k) != ob.end();
                }))
            {
                continue;
            }
            open.insert(q);
            if (!FitsStorage(m_p, c, open))
            {
                open.erase(q);
            }
        }
    }

    /// \return whether opening a servable model that fits at c improved the plan
    bool OpenMoves(uint32_t c)
    {
        bool improved = false;
        auto& open = m_best.open[c];
        for (uint32_t m = 0; m < m_p.GetCatalogue().GetNModels(); ++m)
        {
            if (open.count(m) || !m_servable[m])
            {
                continue;
            }
            open.insert(m);
            if (FitsStorage(m_p, c, open) && TryMove())
            {
                improved = true;
            }
            else
            {
                open.erase(m);
            }
        }
        return improved;
    }

    const PlanningProblem& m_p;   //!< problem
    Incumbent& m_best;            //!< incumbent
    uint32_t m_maxMoves;          //!< move budget
    uint32_t m_moves{0};          //!< moves made
    bool m_groups;                //!< whether the family-group passes run
    std::vector<bool> m_servable; //!< models a class may use at a cloudlet
    /// [cloudlet][model]: requests homed there that the model may serve
    std::vector<std::vector<double>> m_demand;
    std::vector<std::vector<uint32_t>> m_families; //!< servable models sharing a block
    /// per cloudlet, the other cloudlets by transfer delay from it (nearest first)
    std::vector<std::vector<uint32_t>> m_nearest;
};

/**
 * \brief Phase 5: re-assign by the assignment LP (PlanAssigner::AssignByLp) the local
 * search's placement, then the best other trial placements (assignTrials in all), keeping
 * the best plan. The LPs have about the same size: it stops before the next one would
 * exceed the work budget (the first always runs).
 */
void
Reassign(const PlanningProblem& p,
         Incumbent& best,
         uint32_t assignTrials,
         uint32_t nearest,
         uint64_t maxOptions,
         uint64_t maxWork)
{
    auto& placements = best.placements;
    std::sort(placements.begin(), placements.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b)
                                                : std::get<1>(a) < std::get<1>(b);
    });
    std::vector<Placement> tried;
    if (best.result.hasPlan)
    {
        tried.push_back(best.open);
    }
    for (const auto& pl : placements)
    {
        if (tried.size() >= assignTrials)
        {
            break;
        }
        if (std::find(tried.begin(), tried.end(), std::get<2>(pl)) == tried.end())
        {
            tried.push_back(std::get<2>(pl));
        }
    }
    uint64_t work = 0;
    uint64_t last = 0;
    for (const auto& open : tried)
    {
        if (last > 0 && work + last > maxWork)
        {
            break;
        }
        PlacementPlan cand;
        uint64_t size = 0;
        bool ok = PlanAssigner::AssignByLp(p, open, nearest, maxOptions, cand, &size);
        work += size;
        last = size;
        if (ok)
        {
            best.Offer(cand);
            NS_LOG_DEBUG("assignment LP: " << best.last.objective
                                           << (best.last.feasible ? "" : " infeasible"));
        }
    }
}

/**
 * \brief The feasibility phase: when no trial met every capacity (load binding at the edge
 * and at the DC together can defeat the greedy repair), the first planner of the list that
 * has a feasible plan seeds the incumbent, for the local search and the assignment LP to
 * improve. Planners are given by short name, comma-separated.
 * \return the name of the planner used, "" if none had a feasible plan
 */
std::string
FeasibilityPhase(const PlanningProblem& p, const std::string& list, Incumbent& best)
{
    std::istringstream in(list);
    std::string name;
    while (std::getline(in, name, ','))
    {
        Ptr<PfmPlanner> planner = name.empty() ? nullptr : PfmPlanner::CreateByName(name);
        if (!planner || DynamicCast<RoundingPlanner>(planner))
        {
            continue;
        }
        planner->SetObjectiveWeights(p.GetObjectiveWeights());
        PlanResult r = planner->Solve(p);
        if (!r.hasPlan)
        {
            continue;
        }
        Placement open(p.GetNCloudlets());
        for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
        {
            open[c].insert(r.plan.models[c].begin(), r.plan.models[c].end());
        }
        if (best.Offer(r.plan))
        {
            NS_LOG_INFO("feasibility phase: the plan of " << name << ", " << best.total);
            best.open = open;
            best.placements.emplace_back(0, best.total, std::move(open));
            return name;
        }
    }
    return "";
}

/**
 * \brief Complete the certificate once the plan is chosen: the bound proven for a plan that
 * needed no repair (the least of Theorem 2's and Theorem 4's), as a factor of the LP, the
 * measured ratio, and whether the returned plan's ratio is proven.
 * \param p the problem (its objective weights)
 * \param finalCost the returned plan's objective (NaN: no plan)
 * \param cert the certificate
 */
void
FinishCertificate(const PlanningProblem& p, double finalCost, RoundingCertificate& cert)
{
    cert.finalCost = finalCost;
    const double lp = cert.lpValue;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // Theorem 2 bounds trial 0 before repair (deterministic), Theorem 4 the covering draws
    // (in expectation); a plan that needed no repair costs at most its pre-repair plan, and
    // the returned plan is checked against the bound, not assumed within it.
    // The lesser bound the plan meets: Theorem 4's bounds an expectation, so one draw (and
    // the plan it leads to) may exceed it while Theorem 2's still holds.
    const double b4 = cert.covering.applicable ? cert.covering.expectedBound
                                               : std::numeric_limits<double>::infinity();
    const double low = std::min(cert.ratioBound, b4);
    const double high = std::max(cert.ratioBound, b4);
    const double bound =
        !(finalCost > low + 1e-9 * std::fabs(low)) || !std::isfinite(high) ? low : high;
    cert.provenFactor = lp > 0 ? bound / lp : nan;
    cert.measuredRatio = lp > 0 ? finalCost / lp : nan;
    cert.repairRan = !(cert.preRepairFeasible || cert.coveringFeasible);
    cert.withinBound = !cert.lpPruned && !cert.repairRan && std::isfinite(finalCost) &&
                       finalCost <= bound + 1e-9 * std::fabs(bound);
    // A ratio needs a positive LP value and a multiplicative bound: with an accuracy weight
    // the bound is additive (doc/planner.rst, "The weighted objective") and no ratio holds.
    cert.ratioProven = cert.withinBound && std::isfinite(cert.provenFactor) &&
                       p.GetObjectiveWeights().accuracyWeight <= 0;
}

/// \return the one-line summary of a certificate; "ratio proven" only when it is
std::string
CertificateMessage(const RoundingCertificate& c)
{
    std::ostringstream msg;
    msg << "LP " << c.lpValue << (c.lpPruned ? " (pruned: no bound of OPT)" : "")
        << ", certified pre-repair " << c.preRepairCost
        << " <= rho x LP + (rho - 1) w_acc A* = " << c.ratioBound << " with rho " << c.provenRatio;
    if (c.covering.applicable)
    {
        msg << "; covering rounding (alpha " << c.covering.alpha
            << "): E <= " << c.covering.expectedBound << " = "
            << c.covering.expectedBound / c.lpValue << " x LP";
    }
    msg << "; returned " << c.finalCost << " = " << c.measuredRatio << " x LP";
    if (!c.fallback.empty())
    {
        msg << " (no trial met the capacities: the plan of " << c.fallback
            << ", improved; heuristic)";
    }
    else if (c.ratioProven)
    {
        msg << " (no repair needed: ratio " << c.provenFactor << " proven)";
    }
    else if (c.withinBound)
    {
        msg << " (no repair needed: within the bound "
            << std::min(c.ratioBound,
                        c.covering.applicable ? c.covering.expectedBound : c.ratioBound)
            << "; with an accuracy weight the bound is additive, no ratio)";
    }
    else if (c.repairRan)
    {
        msg << " (repair needed: heuristic)";
    }
    else if (c.lpPruned)
    {
        msg << " (no repair needed, but the LP was pruned: it bounds no optimum)";
    }
    else
    {
        msg << " (no repair needed, but above both theorems' bounds: no ratio proven)";
    }
    return msg.str();
}

/// The budgets of the improvement steps (attributes of RoundingPlanner).
struct ImproveBudget
{
    uint32_t localSearchPasses; //!< LocalSearchPasses
    uint32_t localSearchMoves;  //!< LocalSearchMoves
    uint64_t localSearchWork;   //!< LocalSearchWork
    uint32_t assignTrials;      //!< AssignTrials
    uint32_t assignNearest;     //!< AssignNearest
    uint64_t assignMaxOptions;  //!< AssignMaxOptions
    uint64_t assignWork;        //!< AssignWork
    bool localSearchGroups;     //!< LocalSearchGroups
};

/// Phases 4 and 5: the local search, then the assignment LP, on the incumbent.
void
Improve(const PlanningProblem& p, Incumbent& best, const ImproveBudget& b)
{
    // Move budget: LocalSearchMoves, and at most LocalSearchWork request assignments.
    const uint64_t nReq = std::max<uint64_t>(1, p.GetScenario().requests.size());
    LocalSearch(p,
                best,
                std::min<uint64_t>(b.localSearchMoves, b.localSearchWork / nReq),
                b.localSearchGroups)
        .Run(b.localSearchPasses, b.localSearchMoves);
    if (b.assignTrials > 0)
    {
        Reassign(p, best, b.assignTrials, b.assignNearest, b.assignMaxOptions, b.assignWork);
    }
}

/**
 * \brief No LP solution: an error, a proof of infeasibility (the unpruned LP), or, when
 * the pruned LP is infeasible, the feasibility phase and its improvement.
 * \return the result (wall time not set)
 */
PlanResult
WithoutLp(const PlanningProblem& p,
          bool infeasible,
          bool pruned,
          const std::string& fallback,
          const ImproveBudget& budget,
          Incumbent& best,
          RoundingCertificate& cert)
{
    PlanResult r;
    if (!infeasible)
    {
        r.status = PlanStatus::ERROR;
        r.message = "the LP relaxation could not be solved";
        return r;
    }
    if (!pruned)
    {
        r.status = PlanStatus::INFEASIBLE;
        r.message = "the LP relaxation is infeasible: so is the problem";
        return r;
    }
    // The pruned LP proves nothing: the feasibility phase may still find a plan.
    cert.fallback = FeasibilityPhase(p, fallback, best);
    if (!best.result.hasPlan)
    {
        r.status = PlanStatus::NO_PLAN_FOUND;
        r.message = "the pruned LP relaxation is infeasible (the unpruned one may not be) and "
                    "the feasibility phase found no plan";
        return r;
    }
    Improve(p, best, budget);
    r = std::move(best.result);
    r.status = PlanStatus::FEASIBLE;
    r.message = "the pruned LP relaxation is infeasible: the plan of " + cert.fallback +
                ", improved (heuristic, no bound)";
    cert.finalCost = best.total;
    return r;
}

} // namespace

PlanResult
RoundingPlanner::LocalSearchFrom(const PlanningProblem& p,
                                 const std::vector<std::set<uint32_t>>& open,
                                 bool groups,
                                 uint32_t passes,
                                 uint32_t moves)
{
    NS_LOG_FUNCTION(&p << groups << passes << moves);
    Incumbent best(p);
    best.open = open;
    best.open.resize(p.GetNCloudlets());
    PlacementPlan start = PlanAssigner::AssignBest(p, best.open);
    best.Offer(start);
    LocalSearch(p, best, moves, groups).Run(passes, moves);
    PlanResult r = std::move(best.result);
    r.status = r.hasPlan ? PlanStatus::FEASIBLE : PlanStatus::NO_PLAN_FOUND;
    return r;
}

PlanResult
RoundingPlanner::Solve(const PlanningProblem& p)
{
    WeightsScope weights(p, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    m_cert = RoundingCertificate();
    const PfmLpFormulation::Options lpOptions =
        RelaxationOptions(p, m_nearest, m_priceOut, m_maxOptions);
    PfmLpFormulation lp(p, lpOptions);
    auto out = lp.Solve();
    NS_LOG_INFO("LP " << lp.GetObjective() << " at " << SecondsSince(t0) << " s");
    Incumbent best(p);
    const ImproveBudget budget{m_localSearchPasses,
                               m_localSearchMoves,
                               m_localSearchWork,
                               m_assignTrials,
                               m_assignNearest,
                               m_assignMaxOptions,
                               m_assignWork,
                               m_localSearchGroups};
    if (out != PfmLpFormulation::Outcome::OPTIMAL)
    {
        // An infeasible LP proves the problem infeasible only if no option was pruned.
        const bool pruned = lpOptions.nearest > 0 && lpOptions.nearest + 1 < p.GetNCloudlets();
        PlanResult r = WithoutLp(p,
                                 out == PfmLpFormulation::Outcome::INFEASIBLE,
                                 pruned,
                                 m_fallback,
                                 budget,
                                 best,
                                 m_cert);
        r.wallS = SecondsSince(t0);
        return r;
    }
    const auto y = ClippedPlacement(p, lp);
    Certification certification(p, lp, y, m_cert);
    m_cert.lpPruned = !lp.IsPricedOut();
    m_cert.lpBound = lp.GetLowerBound();
    RunTrials(p, y, certification.GetPlacement(), m_trials, m_rng, best);
    CoveringTrials(p,
                   CoveringRounding(p, lp, y, m_coveringMaxRounds),
                   y,
                   m_coveringTrials,
                   m_rng,
                   best,
                   m_cert);
    NS_LOG_INFO("trials: " << best.total << " at " << SecondsSince(t0) << " s");
    if (!best.result.hasPlan)
    {
        m_cert.fallback = FeasibilityPhase(p, m_fallback, best);
    }
    Improve(p, best, budget);
    NS_LOG_INFO("improved: " << best.total << " at " << SecondsSince(t0) << " s");
    PlanResult r = std::move(best.result);
    FinishCertificate(p, r.hasPlan ? best.total : std::numeric_limits<double>::quiet_NaN(), m_cert);
    r.lowerBoundS = lp.GetLowerBound();
    // No feasible plan from the trials proves nothing about the problem.
    r.status = r.hasPlan ? PlanStatus::FEASIBLE : PlanStatus::NO_PLAN_FOUND;
    r.message = r.hasPlan ? CertificateMessage(m_cert)
                          : "no trial found a feasible plan (the problem may still have one)";
    r.wallS = SecondsSince(t0);
    return r;
}

} // namespace mecpfm
} // namespace ns3
