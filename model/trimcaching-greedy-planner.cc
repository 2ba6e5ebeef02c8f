/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "trimcaching-greedy-planner.h"

#include "plan-assigner.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("TrimcachingGreedyPlanner");

NS_OBJECT_ENSURE_REGISTERED(TrimcachingGreedyPlanner);

TypeId
TrimcachingGreedyPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::TrimcachingGreedyPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<TrimcachingGreedyPlanner>();
    return tid;
}

PlanResult
TrimcachingGreedyPlanner::Solve(const PlanningProblem& p)
{
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    uint32_t nc = p.GetNCloudlets();
    uint32_t dc = p.GetDcSite();
    // Current delay of each class: its best DC option at first.
    std::vector<double> cur(classes.size(), 0);
    std::vector<std::vector<uint32_t>> byModel(cat.GetNModels());
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        cur[q] = p.GetBestDcDelay(q);
        for (auto m : classes[q].candidates)
        {
            if (!classes[q].dcOnly)
            {
                byModel[m].push_back(q);
            }
        }
    }
    std::vector<std::set<uint32_t>> open(nc);
    std::vector<std::vector<bool>> held(nc, std::vector<bool>(cat.GetNBlocks(), false));
    std::vector<double> used(nc, 0);
    std::vector<bool> pulls(nc, false);
    // Net gain of adding m at c, and the bytes it adds (shared blocks counted once).
    auto evaluate = [&](uint32_t m, uint32_t c, double& bytes) {
        double saved = 0;
        for (auto q : byModel[m])
        {
            double d = p.GetClassDelay(q, m, c);
            if (d < cur[q])
            {
                saved += classes[q].GetCount() * (cur[q] - d);
            }
        }
        bytes = 0;
        double pull = 0;
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!held[c][k])
            {
                bytes += cat.GetBlocks()[k].bytes;
                pull += p.GetBlockPullDelay(c, k);
            }
        }
        if (pull > 0 && !pulls[c])
        {
            pull += p.GetPullLatency(c);
        }
        return saved - pull;
    };
    // Lazy greedy on gain per byte: gains only shrink as caching proceeds.
    using Entry = std::tuple<double, uint32_t, uint32_t>; // ratio, m, c
    std::priority_queue<Entry> heap;
    for (uint32_t c = 0; c < nc; ++c)
    {
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            double bytes;
            double gain = evaluate(m, c, bytes);
            if (gain > 0)
            {
                heap.emplace(gain / std::max(bytes, 1.0), m, c);
            }
        }
    }
    while (!heap.empty())
    {
        auto [ratio, m, c] = heap.top();
        heap.pop();
        if (open[c].count(m))
        {
            continue;
        }
        double bytes;
        double gain = evaluate(m, c, bytes);
        if (gain <= 0 || used[c] + bytes > p.GetStorageBytes(c))
        {
            continue;
        }
        double now = gain / std::max(bytes, 1.0);
        if (!heap.empty() && now < std::get<0>(heap.top()) * (1 - 1e-12))
        {
            heap.emplace(now, m, c);
            continue;
        }
        open[c].insert(m);
        used[c] += bytes;
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!held[c][k])
            {
                held[c][k] = true;
                pulls[c] = pulls[c] || !p.IsResident(c, k);
            }
        }
        for (auto q : byModel[m])
        {
            cur[q] = std::min(cur[q], p.GetClassDelay(q, m, c));
        }
    }
    // Load repair (our addition: TrimCaching has no compute limit): while the assignment
    // overloads some site (the DC), cache the (model, cloudlet) that could take the most
    // load off the DC (within the cloudlet's spare load) among those that fit; at most
    // 4 x C rounds.
    PlacementPlan plan = PlanAssigner::AssignBest(p, open);
    for (uint32_t round = 0; round < 4 * nc && !PlanEvaluator(p).Evaluate(plan).feasible; ++round)
    {
        // Requests of each class at the DC, spare load of each cloudlet.
        std::vector<double> dcLoad(classes.size(), 0);
        std::vector<double> spare(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            spare[c] = p.GetLoadCapacity(c);
        }
        for (uint32_t r = 0; r < plan.decisions.size(); ++r)
        {
            const auto& d = plan.decisions[r];
            if (d.rejected)
            {
                continue;
            }
            if (d.site == dc)
            {
                dcLoad[p.GetRequestClass()[r]] += 1;
            }
            else
            {
                spare[d.site] -= p.GetFlops(d.model, p.GetScenario().requests[r].tokens);
            }
        }
        double best = 0;
        uint32_t bm = 0;
        uint32_t bc = 0;
        for (uint32_t c = 0; c < nc; ++c)
        {
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (open[c].count(m) || byModel[m].empty())
                {
                    continue;
                }
                double bytes;
                evaluate(m, c, bytes);
                // Load it could take off the DC (even at some delay cost), within the
                // cloudlet's spare load.
                double saved = 0;
                for (auto q : byModel[m])
                {
                    saved += dcLoad[q] > 0 ? p.GetFlops(m, classes[q].tokens) * dcLoad[q] : 0;
                }
                saved = std::min(saved, spare[c]);
                if (used[c] + bytes > p.GetStorageBytes(c) || saved <= 0)
                {
                    continue;
                }
                double ratio = saved;
                if (ratio > best)
                {
                    best = ratio;
                    bm = m;
                    bc = c;
                }
            }
        }
        if (best <= 0)
        {
            break;
        }
        open[bc].insert(bm);
        for (auto k : cat.GetModels()[bm].blocks)
        {
            if (!held[bc][k])
            {
                held[bc][k] = true;
                used[bc] += cat.GetBlocks()[k].bytes;
                pulls[bc] = pulls[bc] || !p.IsResident(bc, k);
            }
        }
        for (auto q : byModel[bm])
        {
            cur[q] = std::min(cur[q], p.GetClassDelay(q, bm, bc));
        }
        plan = PlanAssigner::AssignBest(p, open);
    }
    return Finish(p, plan, t0);
}

} // namespace mecpfm
} // namespace ns3
