/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "placement-plan.h"

#include "ns3/log.h"

#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlacementPlan");

PlacementPlan
PlacementPlan::CloudOnly(const PlanningProblem& problem)
{
    PlacementPlan plan;
    plan.heldBlocks.assign(problem.GetNCloudlets(), {});
    plan.models.assign(problem.GetNCloudlets(), {});
    const auto& scenario = problem.GetScenario();
    plan.decisions.resize(scenario.requests.size());
    const auto& cls = problem.GetRequestClass();
    for (uint32_t r = 0; r < scenario.requests.size(); ++r)
    {
        const auto& c = problem.GetClasses()[cls[r]];
        auto& d = plan.decisions[r];
        if (c.candidates.empty())
        {
            d.rejected = true;
            continue;
        }
        d.site = problem.GetDcSite();
        // The fastest candidate at the DC: processing is the only term that differs. With
        // objective weights, the candidate of least weighted cost there (ties: lightest).
        d.model = problem.GetLightestCandidate(cls[r]);
        if (!problem.GetObjectiveWeights().IsZero())
        {
            for (auto m : c.candidates)
            {
                double cm = problem.GetClassCost(cls[r], m, d.site);
                double cb = problem.GetClassCost(cls[r], d.model, d.site);
                if (cm < cb || (cm == cb && problem.IsLighter(m, d.model)))
                {
                    d.model = m;
                }
            }
        }
    }
    return plan;
}

void
PlacementPlan::CloseOverBlocks(const PlanningProblem& problem)
{
    uint32_t nc = problem.GetNCloudlets();
    heldBlocks.resize(nc);
    models.resize(nc);
    std::vector<std::set<uint32_t>> ms(nc);
    for (uint32_t c = 0; c < nc; ++c)
    {
        ms[c].insert(models[c].begin(), models[c].end());
    }
    for (const auto& d : decisions)
    {
        if (!d.rejected && d.site < nc)
        {
            ms[d.site].insert(d.model);
        }
    }
    const auto& cat = problem.GetCatalogue();
    for (uint32_t c = 0; c < nc; ++c)
    {
        std::set<uint32_t> ks(heldBlocks[c].begin(), heldBlocks[c].end());
        for (auto m : ms[c])
        {
            for (auto k : cat.GetModels()[m].blocks)
            {
                ks.insert(k);
            }
        }
        models[c].assign(ms[c].begin(), ms[c].end());
        heldBlocks[c].assign(ks.begin(), ks.end());
    }
}

} // namespace mecpfm
} // namespace ns3
