/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "placement-plan.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <set>
#include <sstream>

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
        // The fastest candidate at the DC: processing is the only term that differs.
        d.model = c.candidates.front();
        for (auto m : c.candidates)
        {
            if (problem.GetFlops(m, 1) < problem.GetFlops(d.model, 1))
            {
                d.model = m;
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

double
CostModel::GetCost(const CostUsage& u) const
{
    return u.pulledBytes / 1e9 * backhaulPerGb + u.edgeFlops / 1e15 * edgePerPflop +
           u.dcFlops / 1e15 * dcPerPflop +
           u.heldBytes / 1e9 * u.horizonS / 3600.0 * storagePerGbHour;
}

PlanEvaluator::PlanEvaluator(const PlanningProblem& problem, CostModel costs, bool wholeModels)
    : m_problem(problem),
      m_costs(costs),
      m_wholeModels(wholeModels)
{
}

PlanMetrics
PlanEvaluator::Evaluate(const PlacementPlan& plan) const
{
    PlanMetrics out;
    const auto& p = m_problem;
    const auto& scenario = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    uint32_t nc = p.GetNCloudlets();
    uint32_t ns = p.GetNSites();
    auto fail = [&out](const std::string& s) {
        if (out.violations.size() < 50)
        {
            out.violations.push_back(s);
        }
        else if (out.violations.size() == 50)
        {
            out.violations.emplace_back("... more violations not listed");
        }
    };
    if (plan.heldBlocks.size() != nc || plan.models.size() != nc)
    {
        fail("plan lists " + std::to_string(plan.heldBlocks.size()) + " block sets and " +
             std::to_string(plan.models.size()) + " model sets for " + std::to_string(nc) +
             " cloudlets");
        out.feasible = false;
        return out;
    }
    if (plan.decisions.size() != scenario.requests.size())
    {
        fail("plan has " + std::to_string(plan.decisions.size()) + " decisions for " +
             std::to_string(scenario.requests.size()) + " requests");
        out.feasible = false;
        return out;
    }

    // Cloudlet contents: storage and pulls.
    std::vector<std::vector<bool>> held(nc, std::vector<bool>(cat.GetNBlocks(), false));
    std::vector<std::vector<bool>> avail(nc, std::vector<bool>(cat.GetNModels(), false));
    double heldBytesTotal = 0;
    for (uint32_t c = 0; c < nc; ++c)
    {
        const std::string where = "cloudlet " + scenario.nodes[p.GetSiteNode(c)].id;
        double bytes = 0;
        bool pulls = false;
        double pulledHere = 0;
        double pullDelayHere = 0;
        for (auto k : plan.heldBlocks[c])
        {
            if (k >= cat.GetNBlocks())
            {
                fail(where + ": unknown block index " + std::to_string(k));
                continue;
            }
            if (held[c][k])
            {
                fail(where + ": block " + cat.GetBlocks()[k].id + " listed twice");
                continue;
            }
            held[c][k] = true;
            bytes += cat.GetBlocks()[k].bytes;
            if (!p.IsResident(c, k))
            {
                pulls = true;
                pulledHere += cat.GetBlocks()[k].bytes;
                pullDelayHere += p.GetBlockPullDelay(c, k);
            }
        }
        out.pullBytes += pulledHere;
        out.pullDelayS += pullDelayHere;
        if (pulls)
        {
            out.pullDelayS += p.GetPullLatency(c);
            pullDelayHere += p.GetPullLatency(c);
        }
        heldBytesTotal += bytes;
        if (!m_wholeModels && bytes > p.GetStorageBytes(c) * (1 + 1e-9))
        {
            std::ostringstream os;
            os << where << ": holds " << bytes << " bytes, storage is " << p.GetStorageBytes(c);
            fail(os.str());
        }
        if (m_wholeModels)
        {
            // Every model stored and pulled whole: undo the union accounting above.
            heldBytesTotal -= bytes;
            out.pullBytes -= pulledHere;
            out.pullDelayS -= pullDelayHere;
            bytes = 0;
            pulls = false;
            for (auto m : plan.models[c])
            {
                if (m >= cat.GetNModels())
                {
                    continue;
                }
                for (auto k : cat.GetModels()[m].blocks)
                {
                    bytes += cat.GetBlocks()[k].bytes;
                    if (!p.IsResident(c, k))
                    {
                        pulls = true;
                        out.pullBytes += cat.GetBlocks()[k].bytes;
                        out.pullDelayS += p.GetBlockPullDelay(c, k);
                    }
                }
            }
            if (pulls)
            {
                out.pullDelayS += p.GetPullLatency(c);
            }
            heldBytesTotal += bytes;
            if (bytes > p.GetStorageBytes(c) * (1 + 1e-9))
            {
                std::ostringstream os;
                os << where << ": holds " << bytes << " bytes of whole models, storage is "
                   << p.GetStorageBytes(c);
                fail(os.str());
            }
        }
        for (auto m : plan.models[c])
        {
            if (m >= cat.GetNModels())
            {
                fail(where + ": unknown model index " + std::to_string(m));
                continue;
            }
            avail[c][m] = true;
            for (auto k : cat.GetModels()[m].blocks)
            {
                if (!held[c][k])
                {
                    fail(where + ": model " + cat.GetModels()[m].id + " lacks block " +
                         cat.GetBlocks()[k].id);
                }
            }
        }
    }

    // Requests: candidates, availability, load, delay.
    std::vector<double> load(ns, 0);
    double accuracy = 0;
    double edgeFlops = 0;
    double dcFlops = 0;
    const auto& cls = p.GetRequestClass();
    for (uint32_t r = 0; r < plan.decisions.size(); ++r)
    {
        const auto& d = plan.decisions[r];
        const auto& c = p.GetClasses()[cls[r]];
        const std::string where = "request " + std::to_string(r);
        if (d.rejected)
        {
            ++out.rejected;
            if (!c.candidates.empty())
            {
                fail(where + ": rejected although a model can serve it");
            }
            continue;
        }
        if (d.site >= ns || d.model >= cat.GetNModels())
        {
            fail(where + ": unknown site or model index");
            continue;
        }
        if (!std::binary_search(c.candidates.begin(), c.candidates.end(), d.model))
        {
            fail(where + ": model " + cat.GetModels()[d.model].id + " is not a candidate");
            continue;
        }
        if (c.dcOnly && !p.IsDc(d.site))
        {
            fail(where + ": no model meets its floor, so only the DC may serve it");
        }
        if (!p.IsDc(d.site) && !avail[d.site][d.model])
        {
            fail(where + ": model " + cat.GetModels()[d.model].id + " is not available at " +
                 scenario.nodes[p.GetSiteNode(d.site)].id);
        }
        const auto& req = scenario.requests[r];
        double flops = p.GetFlops(d.model, req.tokens);
        load[d.site] += flops;
        out.servingDelayS += p.GetRequestDelay(req, d.model, d.site);
        accuracy += cat.GetModels()[d.model].accuracy;
        if (p.IsDc(d.site))
        {
            ++out.servedDc;
            dcFlops += flops;
        }
        else
        {
            ++out.servedEdge;
            edgeFlops += flops;
        }
    }
    for (uint32_t s = 0; s < ns; ++s)
    {
        if (load[s] > p.GetLoadCapacity(s) * (1 + 1e-9))
        {
            std::ostringstream os;
            os << "site " << scenario.nodes[p.GetSiteNode(s)].id << ": load " << load[s]
               << " FLOP exceeds max_load x compute x horizon = " << p.GetLoadCapacity(s);
            fail(os.str());
        }
    }
    out.totalDelayS = out.servingDelayS + out.pullDelayS;
    out.avgAccuracy = scenario.requests.empty() ? 0 : accuracy / scenario.requests.size();
    CostUsage used;
    used.pulledBytes = out.pullBytes;
    used.edgeFlops = edgeFlops;
    used.dcFlops = dcFlops;
    used.heldBytes = heldBytesTotal;
    used.horizonS = scenario.horizonS;
    out.cost = m_costs.GetCost(used);
    out.feasible = out.violations.empty();
    return out;
}

} // namespace mecpfm
} // namespace ns3
