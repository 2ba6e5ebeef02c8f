/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-assigner.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PlanAssigner");

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

    // Options per class, sorted by delay; regret = best DC delay - best delay.
    struct Opt
    {
        double d;
        uint32_t m;
        uint32_t s;
    };

    std::vector<std::vector<Opt>> opts(classes.size());
    std::vector<std::pair<double, uint32_t>> order;
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& c = classes[q];
        if (c.candidates.empty())
        {
            continue;
        }
        double bestDc = p.GetBestDcDelay(q);
        for (auto m : c.candidates)
        {
            opts[q].push_back({p.GetClassDelay(q, m, dc), m, dc});
        }
        if (!c.dcOnly)
        {
            for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
            {
                if (homeOnly && s != c.homeSite)
                {
                    continue;
                }
                for (auto m : c.candidates)
                {
                    if (open[s].count(m))
                    {
                        opts[q].push_back({p.GetClassDelay(q, m, s), m, s});
                    }
                }
            }
        }
        std::sort(opts[q].begin(), opts[q].end(), [](const Opt& a, const Opt& b) {
            return a.d != b.d ? a.d < b.d : (a.s != b.s ? a.s < b.s : a.m < b.m);
        });
        order.emplace_back(-(bestDc - opts[q].front().d), q);
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
                double f = p.GetFlops(o.m, reqs[r].tokens);
                if (f <= left[o.s] * (1 + 1e-12))
                {
                    left[o.s] -= f;
                    d.rejected = false;
                    d.model = o.m;
                    d.site = o.s;
                    placed = true;
                    break;
                }
            }
            if (!placed)
            {
                // Nowhere to go: its best DC option, over capacity (reported infeasible).
                for (const auto& o : opts[q])
                {
                    if (o.s == dc)
                    {
                        d.rejected = false;
                        d.model = o.m;
                        d.site = dc;
                        left[dc] -= p.GetFlops(o.m, reqs[r].tokens);
                        break;
                    }
                }
            }
        }
    }
    plan.CloseOverBlocks(p);
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

} // namespace ns3
