/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "random-planner.h"

#include "plan-assigner.h"

#include "ns3/log.h"

#include <algorithm>
#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("RandomPlanner");

NS_OBJECT_ENSURE_REGISTERED(RandomPlanner);

TypeId
RandomPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::RandomPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<RandomPlanner>();
    return tid;
}

RandomPlanner::RandomPlanner()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

int64_t
RandomPlanner::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

PlanResult
RandomPlanner::Solve(const PlanningProblem& p)
{
    WeightsScope weights(p, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    const auto& reqs = p.GetScenario().requests;
    const auto& cls = p.GetRequestClass();
    uint32_t nc = p.GetNCloudlets();
    uint32_t dc = p.GetDcSite();
    std::vector<std::set<uint32_t>> open(nc);
    for (uint32_t c = 0; c < nc; ++c)
    {
        std::vector<uint32_t> order(cat.GetNModels());
        for (uint32_t m = 0; m < order.size(); ++m)
        {
            order[m] = m;
        }
        for (uint32_t i = static_cast<uint32_t>(order.size()); i > 1; --i)
        {
            std::swap(order[i - 1], order[m_rng->GetInteger(0, i - 1)]);
        }
        open[c] = PlanAssigner::FillStorage(p, c, order);
    }
    std::vector<double> left(p.GetNSites());
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        left[s] = p.GetLoadCapacity(s);
    }
    PlacementPlan plan = PlacementPlan::CloudOnly(p);
    for (uint32_t r = 0; r < reqs.size(); ++r)
    {
        const auto& c = p.GetClasses()[cls[r]];
        if (c.candidates.empty())
        {
            continue;
        }
        std::vector<std::pair<uint32_t, uint32_t>> opts; // (m, s) with load to spare
        for (uint32_t s = 0; s <= dc; ++s)
        {
            if (c.dcOnly && s != dc)
            {
                continue;
            }
            for (auto m : c.candidates)
            {
                if ((s == dc || open[s].count(m)) && p.GetFlops(m, reqs[r].tokens) <= left[s])
                {
                    opts.emplace_back(m, s);
                }
            }
        }
        auto& d = plan.decisions[r];
        if (!opts.empty())
        {
            auto pick = opts[m_rng->GetInteger(0, static_cast<uint32_t>(opts.size() - 1))];
            d = {false, pick.first, pick.second};
        }
        left[d.site] -= p.GetFlops(d.model, reqs[r].tokens);
    }
    plan.CloseOverBlocks(p);
    return Finish(p, plan, t0);
}

} // namespace mecpfm
} // namespace ns3
