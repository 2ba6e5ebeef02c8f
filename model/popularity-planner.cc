/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "popularity-planner.h"

#include "plan-assigner.h"
#include "plan-evaluator.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PopularityPlanner");

NS_OBJECT_ENSURE_REGISTERED(PopularityPlanner);

TypeId
PopularityPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::PopularityPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<PopularityPlanner>();
    return tid;
}

PlanResult
PopularityPlanner::Solve(const PlanningProblem& p)
{
    WeightsScope weights(p, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    uint32_t nc = p.GetNCloudlets();
    // popularity[c][m]: requests homed at c that m can serve.
    std::vector<std::vector<double>> pop(nc, std::vector<double>(cat.GetNModels(), 0));
    for (const auto& c : p.GetClasses())
    {
        if (c.dcOnly)
        {
            continue;
        }
        for (auto m : c.candidates)
        {
            pop[c.homeSite][m] += c.GetCount();
        }
    }
    std::vector<std::set<uint32_t>> open(nc);
    for (uint32_t c = 0; c < nc; ++c)
    {
        std::vector<uint32_t> order;
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            if (pop[c][m] > 0)
            {
                order.push_back(m);
            }
        }
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
            return pop[c][a] > pop[c][b];
        });
        open[c] = PlanAssigner::FillStorage(p, c, order);
    }
    // Home or DC; if the DC has no load to spare for the overflow, a request may use
    // another cloudlet caching one of its candidates (respect load before locality).
    PlacementPlan plan = PlanAssigner::AssignBest(p, open, true);
    if (!PlanEvaluator(p).Evaluate(plan).feasible)
    {
        plan = PlanAssigner::AssignBest(p, open, false);
    }
    return Finish(p, plan, t0);
}

} // namespace mecpfm
} // namespace ns3
