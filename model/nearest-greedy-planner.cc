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

namespace
{
/**
 * \brief The rule of the baseline at one cloudlet: the first model of \p bySize whose load
 * fits and that the cloudlet holds or can still store (then it is opened).
 * \param p the problem
 * \param s the cloudlet
 * \param bySize the request's candidates, smallest first (with objective weights: tried by
 *        least weighted cost at s, ties smallest first)
 * \param r the request
 * \param tokens the request's tokens
 * \param open the models held at s (updated)
 * \param left the load left at s (updated)
 * \param d the request's decision, set if admitted
 * \return whether the request is served at s
 */
bool
AdmitAt(const PlanningProblem& p,
        uint32_t s,
        const std::vector<uint32_t>& bySize,
        uint32_t r,
        double tokens,
        std::set<uint32_t>& open,
        double& left,
        RequestDecision& d)
{
    const auto& cat = p.GetCatalogue();
    std::vector<uint32_t> order = bySize;
    if (!p.GetObjectiveWeights().IsZero())
    {
        // Weighted objective: the least weighted cost at s first (ties: smallest).
        const uint32_t q = p.GetRequestClass()[r];
        std::stable_sort(order.begin(), order.end(), [&p, q, s](uint32_t a, uint32_t b) {
            return p.GetClassCost(q, a, s) < p.GetClassCost(q, b, s);
        });
    }
    for (auto m : order)
    {
        double f = p.GetFlops(m, tokens);
        if (f > left)
        {
            continue;
        }
        std::vector<uint32_t> with(open.begin(), open.end());
        with.push_back(m);
        if (!open.count(m) && cat.GetUnionBytes(with) > p.GetStorageBytes(s))
        {
            continue;
        }
        open.insert(m);
        left -= f;
        d = {false, m, s};
        return true;
    }
    return false;
}
} // namespace

PlanResult
NearestGreedyPlanner::Solve(const PlanningProblem& p)
{
    WeightsScope weights(p, GetObjectiveWeights());
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
        std::vector<uint32_t> bySize = c.candidates;
        std::stable_sort(bySize.begin(), bySize.end(), [&cat](uint32_t a, uint32_t b) {
            return cat.GetModelBytes(a) < cat.GetModelBytes(b);
        });
        const uint32_t h = c.homeSite;
        bool done = !c.dcOnly && AdmitAt(p, h, bySize, r, reqs[r].tokens, open[h], left[h], d);
        if (!done && p.GetFlops(d.model, reqs[r].tokens) > left[dc] && !c.dcOnly)
        {
            // The DC is full: the other cloudlets, nearest first, same rule as at home.
            std::vector<std::pair<double, uint32_t>> near;
            for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
            {
                if (s != h)
                {
                    near.emplace_back(
                        p.GetTransferDelay(h, s, reqs[r].inputBytes, reqs[r].outputBytes),
                        s);
                }
            }
            std::sort(near.begin(), near.end());
            for (auto it = near.begin(); it != near.end() && !done; ++it)
            {
                const uint32_t s = it->second;
                done = AdmitAt(p, s, bySize, r, reqs[r].tokens, open[s], left[s], d);
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
