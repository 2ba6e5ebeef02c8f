/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-assigner.h"

#include "assignment-lp.h"
#include "plan-evaluator.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanAssigner");

bool
PlanAssigner::Precedes(const ServingOption& a, const ServingOption& b)
{
    if (a.delay != b.delay)
    {
        return a.delay < b.delay;
    }
    return a.site != b.site ? a.site < b.site : a.model < b.model;
}

namespace
{
/**
 * \brief The placement seen from the models: per model, the cloudlets where it is open,
 * in increasing order (built once per assignment: a class's options are then found
 * without looking at every cloudlet's set; 100 x 100,000 instances have 100 cloudlets and
 * 4,137 classes).
 * \param p the problem
 * \param open per cloudlet site, the models available
 * \return per model, its cloudlets
 */
std::vector<std::vector<uint32_t>>
SitesOfModels(const PlanningProblem& p, const std::vector<std::set<uint32_t>>& open)
{
    std::vector<std::vector<uint32_t>> sites(p.GetCatalogue().GetNModels());
    for (uint32_t s = 0; s < p.GetNCloudlets() && s < open.size(); ++s)
    {
        for (auto m : open[s])
        {
            sites[m].push_back(s);
        }
    }
    return sites;
}

/// PlanAssigner::GetOptions with the placement given by SitesOfModels.
std::vector<ServingOption>
OptionsOf(const PlanningProblem& p,
          uint32_t q,
          const std::vector<std::vector<uint32_t>>& sitesOf,
          bool homeOnly)
{
    const auto& c = p.GetClasses()[q];
    const uint32_t dc = p.GetDcSite();
    std::vector<ServingOption> opts;
    for (auto m : c.candidates)
    {
        opts.push_back({p.GetClassCost(q, m, dc), m, dc});
    }
    if (!c.dcOnly)
    {
        for (auto m : c.candidates)
        {
            for (auto s : sitesOf[m])
            {
                if (!homeOnly || s == c.homeSite)
                {
                    opts.push_back({p.GetClassCost(q, m, s), m, s});
                }
            }
        }
    }
    // Precedes is a total order on distinct (site, model) pairs: the order does not depend
    // on the order the options were found in.
    std::sort(opts.begin(), opts.end(), [](const ServingOption& a, const ServingOption& b) {
        return PlanAssigner::Precedes(a, b);
    });
    return opts;
}
} // namespace

std::vector<ServingOption>
PlanAssigner::GetOptions(const PlanningProblem& p,
                         uint32_t q,
                         const std::vector<std::set<uint32_t>>& open,
                         bool homeOnly)
{
    return OptionsOf(p, q, SitesOfModels(p, open), homeOnly);
}

PlacementPlan
PlanAssigner::AssignUncapacitated(const PlanningProblem& p,
                                  const std::vector<std::set<uint32_t>>& open)
{
    PlacementPlan plan = PlacementPlan::CloudOnly(p);
    const auto& classes = p.GetClasses();
    const auto sitesOf = SitesOfModels(p, open);
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        auto opts = OptionsOf(p, q, sitesOf, false);
        if (opts.empty())
        {
            continue;
        }
        for (auto r : classes[q].members)
        {
            auto& d = plan.decisions[r];
            d.rejected = false;
            d.model = opts.front().model;
            d.site = opts.front().site;
        }
    }
    plan.CloseOverBlocks(p);
    return plan;
}

PlacementPlan
PlanAssigner::AssignBest(const PlanningProblem& p,
                         const std::vector<std::set<uint32_t>>& open,
                         bool homeOnly)
{
    const auto& classes = p.GetClasses();
    const auto& reqs = p.GetScenario().requests;
    uint32_t dc = p.GetDcSite();
    std::vector<double> left(p.GetNSites());
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        left[s] = p.GetLoadCapacity(s);
    }

    // Options per class, in the order of Precedes; regret = best DC delay - best delay.
    std::vector<std::vector<ServingOption>> opts(classes.size());
    std::vector<std::pair<double, uint32_t>> order;
    const auto sitesOf = SitesOfModels(p, open);
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        if (classes[q].candidates.empty())
        {
            continue;
        }
        double bestDc = p.GetBestDcCost(q);
        opts[q] = OptionsOf(p, q, sitesOf, homeOnly);
        // Classes with no open edge option have no choice but the DC: they go first, so
        // that classes which could use a cloudlet do not take the DC's capacity from them.
        bool dcOnly = std::all_of(opts[q].begin(), opts[q].end(), [dc](const ServingOption& o) {
            return o.site == dc;
        });
        order.emplace_back(dcOnly ? -std::numeric_limits<double>::infinity()
                                  : -(bestDc - opts[q].front().delay),
                           q);
    }
    std::sort(order.begin(), order.end());
    PlacementPlan plan = PlacementPlan::CloudOnly(p);
    for (const auto& [negRegret, q] : order)
    {
        for (auto r : classes[q].members)
        {
            auto& d = plan.decisions[r];
            bool placed = false;
            for (const auto& o : opts[q])
            {
                double f = p.GetFlops(o.model, reqs[r].tokens);
                if (f <= left[o.site] * (1 + 1e-12))
                {
                    left[o.site] -= f;
                    d.rejected = false;
                    d.model = o.model;
                    d.site = o.site;
                    placed = true;
                    break;
                }
            }
            if (!placed)
            {
                // Nowhere to go: its best DC option, over capacity (reported infeasible).
                for (const auto& o : opts[q])
                {
                    if (o.site == dc)
                    {
                        d.rejected = false;
                        d.model = o.model;
                        d.site = dc;
                        left[dc] -= p.GetFlops(o.model, reqs[r].tokens);
                        break;
                    }
                }
            }
        }
    }
    plan.CloseOverBlocks(p);
    return plan;
}

PlacementPlan
PlanAssigner::AssignRelievingDc(const PlanningProblem& p,
                                std::vector<std::set<uint32_t>>& open,
                                uint32_t maxSteps)
{
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    const auto& reqs = p.GetScenario().requests;
    const uint32_t nc = p.GetNCloudlets();
    const uint32_t dc = p.GetDcSite();
    PlacementPlan plan = AssignBest(p, open);
    for (uint32_t step = 0; step < maxSteps; ++step)
    {
        std::vector<double> load(p.GetNSites(), 0);
        for (uint32_t r = 0; r < reqs.size(); ++r)
        {
            const auto& d = plan.decisions[r];
            if (!d.rejected)
            {
                load[d.site] += p.GetFlops(d.model, reqs[r].tokens);
            }
        }
        if (load[dc] <= p.GetLoadCapacity(dc) * (1 + 1e-12))
        {
            break;
        }
        // DC load each (cloudlet, model) could take: per model, the FLOPs the DC serves of
        // classes that may use a cloudlet and have the model among their candidates.
        std::vector<double> movable(cat.GetNModels(), 0);
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            const auto& cl = classes[q];
            if (cl.dcOnly)
            {
                continue;
            }
            for (auto r : cl.members)
            {
                const auto& d = plan.decisions[r];
                if (d.rejected || d.site != dc)
                {
                    continue;
                }
                for (auto m : cl.candidates)
                {
                    movable[m] += p.GetFlops(m, reqs[r].tokens);
                }
            }
        }
        // Open pairs greedily until their estimated gains cover the DC's overflow, then
        // assign again (one assignment per batch, not per model: on large instances an
        // assignment is the expensive part).
        std::vector<double> spare(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            spare[c] = p.GetLoadCapacity(c) - load[c];
        }
        double overflow = load[dc] - p.GetLoadCapacity(dc);
        uint32_t opened = 0;
        while (overflow > 0 && step + opened < maxSteps)
        {
            double bestGain = 0;
            double bestBytes = 0;
            uint32_t bestC = 0;
            uint32_t bestM = 0;
            for (uint32_t c = 0; c < nc; ++c)
            {
                if (spare[c] <= 0)
                {
                    continue;
                }
                std::vector<uint32_t> ms(open[c].begin(), open[c].end());
                const double used = cat.GetUnionBytes(ms);
                for (uint32_t m = 0; m < cat.GetNModels(); ++m)
                {
                    if (open[c].count(m) || movable[m] <= 0)
                    {
                        continue;
                    }
                    ms.push_back(m);
                    const double bytes = cat.GetUnionBytes(ms) - used;
                    const bool fits = used + bytes <= p.GetStorageBytes(c) * (1 + 1e-12);
                    ms.pop_back();
                    if (!fits)
                    {
                        continue;
                    }
                    const double gain = std::min(movable[m], spare[c]);
                    if (gain > bestGain * (1 + 1e-9) ||
                        (gain >= bestGain * (1 - 1e-9) && gain > 0 && bytes < bestBytes))
                    {
                        bestGain = gain;
                        bestBytes = bytes;
                        bestC = c;
                        bestM = m;
                    }
                }
            }
            if (bestGain <= 0)
            {
                break;
            }
            NS_LOG_DEBUG("relieving the DC: open model " << bestM << " at cloudlet " << bestC);
            open[bestC].insert(bestM);
            ++opened;
            // The estimate of what is left: the chosen pair takes its gain.
            movable[bestM] -= bestGain;
            spare[bestC] -= bestGain;
            overflow -= bestGain;
        }
        if (opened == 0)
        {
            NS_LOG_DEBUG("DC over capacity and no model can be opened to relieve it");
            break;
        }
        step += opened - 1;
        plan = AssignBest(p, open);
    }
    return plan;
}

void
PlanAssigner::FitStorage(const PlanningProblem& p,
                         uint32_t c,
                         std::set<uint32_t>& open,
                         const std::vector<double>& priority)
{
    const auto& cat = p.GetCatalogue();
    while (!open.empty())
    {
        std::vector<uint32_t> ms(open.begin(), open.end());
        double used = cat.GetUnionBytes(ms);
        if (used <= p.GetStorageBytes(c) * (1 + 1e-12))
        {
            return;
        }
        uint32_t worst = ms.front();
        double worstFreed = -1;
        for (auto m : ms)
        {
            std::vector<uint32_t> rest;
            for (auto o : ms)
            {
                if (o != m)
                {
                    rest.push_back(o);
                }
            }
            double freed = used - cat.GetUnionBytes(rest);
            if (priority[m] < priority[worst] ||
                (priority[m] == priority[worst] && freed > worstFreed))
            {
                worst = m;
                worstFreed = freed;
            }
        }
        open.erase(worst);
    }
}

bool
PlanAssigner::AssignByLp(const PlanningProblem& p,
                         const std::vector<std::set<uint32_t>>& open,
                         uint32_t nearest,
                         uint64_t maxOptions,
                         PlacementPlan& plan,
                         uint64_t* size,
                         uint32_t integerNodes,
                         double maxSeconds)
{
    NS_LOG_FUNCTION(nearest << maxOptions << integerNodes << maxSeconds);
    AssignmentLp lp(p, open, nearest, maxOptions);
    if (size)
    {
        *size = lp.GetOptions().size();
    }
    return lp.Solve(integerNodes, maxSeconds, plan);
}

PlacementPlan
PlanAssigner::RepairPlacement(const PlanningProblem& p,
                              std::vector<std::set<uint32_t>>& open,
                              const std::vector<std::vector<double>>& priority,
                              bool withLp)
{
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        FitStorage(p, c, open[c], priority[c]);
    }
    PlacementPlan plan = AssignRelievingDc(p, open);
    if (!withLp || PlanEvaluator(p).Evaluate(plan).feasible)
    {
        return plan;
    }
    PlacementPlan byLp;
    if (AssignByLp(p, open, 0, 50000, byLp) && PlanEvaluator(p).Evaluate(byLp).feasible)
    {
        return byLp;
    }
    return plan;
}

namespace
{
/**
 * \brief Per cloudlet, every model in order of the load that the requests homed there
 * could put on it (FLOPs of the requests of the classes that may use a cloudlet and have
 * it among their candidates; ties: lower model first).
 */
std::vector<std::vector<uint32_t>>
ModelsByHomeDemand(const PlanningProblem& p)
{
    const uint32_t nModels = p.GetCatalogue().GetNModels();
    std::vector<std::vector<double>> demand(p.GetNCloudlets(), std::vector<double>(nModels, 0));
    for (const auto& cl : p.GetClasses())
    {
        if (cl.dcOnly || cl.homeSite >= p.GetNCloudlets())
        {
            continue;
        }
        for (auto m : cl.candidates)
        {
            demand[cl.homeSite][m] += cl.GetCount() * p.GetFlops(m, cl.tokens);
        }
    }
    std::vector<std::vector<uint32_t>> order(p.GetNCloudlets());
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        for (uint32_t m = 0; m < nModels; ++m)
        {
            if (demand[c][m] > 0)
            {
                order[c].push_back(m);
            }
        }
        const auto& d = demand[c];
        std::stable_sort(order[c].begin(), order[c].end(), [&d](uint32_t a, uint32_t b) {
            return d[a] > d[b];
        });
    }
    return order;
}
} // namespace

PlacementPlan
PlanAssigner::RepairPlan(const PlanningProblem& p, const PlacementPlan& plan)
{
    const PlanEvaluator evaluator(p);
    if (evaluator.Evaluate(plan).feasible)
    {
        return plan;
    }
    const uint32_t nc = p.GetNCloudlets();
    const uint32_t nModels = p.GetCatalogue().GetNModels();
    // The plan's placement; a model's priority is the number of requests it serves there.
    std::vector<std::set<uint32_t>> open(nc);
    std::vector<std::vector<double>> priority(nc, std::vector<double>(nModels, 0));
    for (uint32_t c = 0; c < nc && c < plan.models.size(); ++c)
    {
        open[c].insert(plan.models[c].begin(), plan.models[c].end());
    }
    for (const auto& d : plan.decisions)
    {
        if (!d.rejected && d.site < nc)
        {
            priority[d.site][d.model] += 1;
        }
    }
    PlacementPlan repaired = RepairPlacement(p, open, priority, true);
    if (evaluator.Evaluate(repaired).feasible)
    {
        return repaired;
    }
    // Towards cloudlets with room: fill each one's free storage with the models its home
    // requests need most (more load the edge can take), then repair again.
    // First on top of the heuristic's placement, then, if its models leave too little
    // room, in place of it.
    const auto byDemand = ModelsByHomeDemand(p);
    const auto kept = open;
    for (bool keep : {true, false})
    {
        for (uint32_t c = 0; c < nc; ++c)
        {
            std::vector<uint32_t> order;
            if (keep)
            {
                order.assign(kept[c].begin(), kept[c].end());
            }
            order.insert(order.end(), byDemand[c].begin(), byDemand[c].end());
            open[c] = FillStorage(p, c, order);
        }
        repaired = RepairPlacement(p, open, priority, true);
        if (evaluator.Evaluate(repaired).feasible)
        {
            return repaired;
        }
    }
    return plan;
}

std::set<uint32_t>
PlanAssigner::FillStorage(const PlanningProblem& p, uint32_t c, const std::vector<uint32_t>& order)
{
    const auto& cat = p.GetCatalogue();
    std::set<uint32_t> open;
    std::vector<uint32_t> held;
    for (auto m : order)
    {
        held.push_back(m);
        if (cat.GetUnionBytes(held) > p.GetStorageBytes(c))
        {
            held.pop_back();
            continue;
        }
        open.insert(m);
    }
    return open;
}

} // namespace mecpfm
} // namespace ns3
