/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nearest-greedy-planner.h"

#include "ns3/log.h"

#include <algorithm>
#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("NearestGreedyPlanner");

NS_OBJECT_ENSURE_REGISTERED(NearestGreedyPlanner);

TypeId
NearestGreedyPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::NearestGreedyPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<NearestGreedyPlanner>();
    return tid;
}

PlanResult
NearestGreedyPlanner::Solve(const PlanningProblem& p)
{
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    const auto& reqs = p.GetScenario().requests;
    const auto& cls = p.GetRequestClass();
    uint32_t dc = p.GetDcSite();
    std::vector<double> left(p.GetNSites());
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        left[s] = p.GetLoadCapacity(s);
    }
    std::vector<std::set<uint32_t>> open(p.GetNCloudlets());
    PlacementPlan plan = PlacementPlan::CloudOnly(p);
    for (uint32_t r = 0; r < reqs.size(); ++r)
    {
        const auto& c = p.GetClasses()[cls[r]];
        if (c.candidates.empty())
        {
            continue;
        }
        auto& d = plan.decisions[r];
        bool done = false;
        if (!c.dcOnly)
        {
            std::vector<uint32_t> bySize = c.candidates;
            std::stable_sort(bySize.begin(), bySize.end(), [&cat](uint32_t a, uint32_t b) {
                return cat.GetModelBytes(a) < cat.GetModelBytes(b);
            });
            uint32_t h = c.homeSite;
            for (auto m : bySize)
            {
                double f = p.GetFlops(m, reqs[r].tokens);
                if (f > left[h])
                {
                    continue;
                }
                std::vector<uint32_t> with(open[h].begin(), open[h].end());
                with.push_back(m);
                if (!open[h].count(m) && cat.GetUnionBytes(with) > p.GetStorageBytes(h))
                {
                    continue;
                }
                open[h].insert(m);
                left[h] -= f;
                d = {false, m, h};
                done = true;
                break;
            }
        }
        if (!done && p.GetFlops(d.model, reqs[r].tokens) > left[dc] && !c.dcOnly)
        {
            // The DC is full: the other cloudlets, nearest first, same rule as at home.
            std::vector<std::pair<double, uint32_t>> near;
            for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
            {
                if (s != c.homeSite)
                {
                    near.emplace_back(
                        p.GetTransferDelay(c.homeSite, s, reqs[r].inputBytes, reqs[r].outputBytes),
                        s);
                }
            }
            std::sort(near.begin(), near.end());
            std::vector<uint32_t> bySize = c.candidates;
            std::stable_sort(bySize.begin(), bySize.end(), [&cat](uint32_t a, uint32_t b) {
                return cat.GetModelBytes(a) < cat.GetModelBytes(b);
            });
            for (const auto& [delay, s] : near)
            {
                for (auto m : bySize)
                {
                    double f = p.GetFlops(m, reqs[r].tokens);
                    if (f > left[s])
                    {
                        continue;
                    }
                    std::vector<uint32_t> with(open[s].begin(), open[s].end());
                    with.push_back(m);
                    if (!open[s].count(m) && cat.GetUnionBytes(with) > p.GetStorageBytes(s))
                    {
                        continue;
                    }
                    open[s].insert(m);
                    left[s] -= f;
                    d = {false, m, s};
                    done = true;
                    break;
                }
                if (done)
                {
                    break;
                }
            }
        }
        if (!done)
        {
            // The DC, by the candidate of fewest FLOPs (CloudOnly's choice).
            left[dc] -= p.GetFlops(d.model, reqs[r].tokens);
        }
    }
    plan.CloseOverBlocks(p);
    return Finish(p, plan, t0);
}

} // namespace mecpfm
} // namespace ns3
