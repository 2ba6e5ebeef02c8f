/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-evaluator.h"

#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanEvaluator");

PlanEvaluator::PlanEvaluator(const PlanningProblem& problem,
                             CostModel costs,
                             bool wholeModels,
                             ObjectiveWeights weights)
    : m_problem(problem),
      m_costs(costs),
      m_wholeModels(wholeModels),
      m_weights(weights)
{
}

PlanEvaluator
PlanEvaluator::Weighted(const PlanningProblem& problem)
{
    return PlanEvaluator(problem, CostModel(), false, problem.GetObjectiveWeights());
}

namespace
{

/// At most this many violations are listed; the rest are counted in one line.
constexpr std::size_t kMaxViolations = 50;

/**
 * \brief Record a violation.
 * \param out the metrics
 * \param s what is wrong
 */
void
AddViolation(PlanMetrics& out, const std::string& s)
{
    if (out.violations.size() < kMaxViolations)
    {
        out.violations.push_back(s);
    }
    else if (out.violations.size() == kMaxViolations)
    {
        out.violations.emplace_back("... more violations not listed");
    }
}

} // namespace

PlanMetrics
PlanEvaluator::Evaluate(const PlacementPlan& plan) const
{
    PlanMetrics out;
    if (!CheckShape(plan, out))
    {
        return out;
    }
    const auto& p = m_problem;
    const auto& scenario = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    uint32_t nc = p.GetNCloudlets();

    // Cloudlet contents: storage, pulls, complete models.
    std::vector<std::vector<bool>> avail(nc, std::vector<bool>(cat.GetNModels(), false));
    double heldBytesTotal = 0;
    for (uint32_t c = 0; c < nc; ++c)
    {
        std::vector<bool> held(cat.GetNBlocks(), false);
        CloudletUse use = AccountBlockUnion(c, plan, held, out);
        if (m_wholeModels)
        {
            use = AccountWholeModels(c, plan);
        }
        out.pullBytes += use.pulledBytes;
        out.pullDelayS += use.pullDelayS;
        if (use.pulls)
        {
            out.pullDelayS += p.GetPullLatency(c);
        }
        heldBytesTotal += use.heldBytes;
        if (use.heldBytes > p.GetStorageBytes(c) * (1 + 1e-9))
        {
            std::ostringstream os;
            os << "cloudlet " << scenario.nodes[p.GetSiteNode(c)].id << ": holds " << use.heldBytes
               << " bytes" << (m_wholeModels ? " of whole models" : "") << ", storage is "
               << p.GetStorageBytes(c);
            AddViolation(out, os.str());
        }
        CheckModels(c, plan, held, avail[c], out);
    }

    // Requests: candidates, availability, load, delay.
    ServedTotals served = EvaluateRequests(plan, avail, out);
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        if (served.load[s] > p.GetLoadCapacity(s) * (1 + 1e-9))
        {
            std::ostringstream os;
            os << "site " << scenario.nodes[p.GetSiteNode(s)].id << ": load " << served.load[s]
               << " FLOP exceeds max_load x compute x horizon = " << p.GetLoadCapacity(s);
            AddViolation(out, os.str());
        }
    }
    out.totalDelayS = out.servingDelayS + out.pullDelayS;
    out.avgAccuracy = scenario.requests.empty() ? 0 : served.accuracy / scenario.requests.size();
    CostUsage used;
    used.pulledBytes = out.pullBytes;
    used.edgeFlops = served.edgeFlops;
    used.dcFlops = served.dcFlops;
    used.heldBytes = heldBytesTotal;
    used.horizonS = scenario.horizonS;
    out.cost = m_costs.GetCost(used);
    out.accuracySum = served.accuracy;
    out.objective = m_weights.Combine(out.totalDelayS, out.cost, out.accuracySum);
    out.feasible = out.violations.empty();
    return out;
}

bool
PlanEvaluator::CheckShape(const PlacementPlan& plan, PlanMetrics& out) const
{
    uint32_t nc = m_problem.GetNCloudlets();
    std::size_t nr = m_problem.GetScenario().requests.size();
    if (plan.heldBlocks.size() != nc || plan.models.size() != nc)
    {
        AddViolation(out,
                     "plan lists " + std::to_string(plan.heldBlocks.size()) + " block sets and " +
                         std::to_string(plan.models.size()) + " model sets for " +
                         std::to_string(nc) + " cloudlets");
        return false;
    }
    if (plan.decisions.size() != nr)
    {
        AddViolation(out,
                     "plan has " + std::to_string(plan.decisions.size()) + " decisions for " +
                         std::to_string(nr) + " requests");
        return false;
    }
    return true;
}

PlanEvaluator::CloudletUse
PlanEvaluator::AccountBlockUnion(uint32_t c,
                                 const PlacementPlan& plan,
                                 std::vector<bool>& held,
                                 PlanMetrics& out) const
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    const std::string where = "cloudlet " + p.GetScenario().nodes[p.GetSiteNode(c)].id;
    CloudletUse use;
    for (auto k : plan.heldBlocks[c])
    {
        if (k >= cat.GetNBlocks())
        {
            AddViolation(out, where + ": unknown block index " + std::to_string(k));
            continue;
        }
        if (held[k])
        {
            AddViolation(out, where + ": block " + cat.GetBlocks()[k].id + " listed twice");
            continue;
        }
        held[k] = true;
        use.heldBytes += cat.GetBlocks()[k].bytes;
        if (!p.IsResident(c, k))
        {
            use.pulls = true;
            use.pulledBytes += cat.GetBlocks()[k].bytes;
            use.pullDelayS += p.GetBlockPullDelay(c, k);
        }
    }
    return use;
}

PlanEvaluator::CloudletUse
PlanEvaluator::AccountWholeModels(uint32_t c, const PlacementPlan& plan) const
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    CloudletUse use;
    for (auto m : plan.models[c])
    {
        if (m >= cat.GetNModels())
        {
            continue; // CheckModels reports it
        }
        for (auto k : cat.GetModels()[m].blocks)
        {
            use.heldBytes += cat.GetBlocks()[k].bytes;
            if (!p.IsResident(c, k))
            {
                use.pulls = true;
                use.pulledBytes += cat.GetBlocks()[k].bytes;
                use.pullDelayS += p.GetBlockPullDelay(c, k);
            }
        }
    }
    return use;
}

void
PlanEvaluator::CheckModels(uint32_t c,
                           const PlacementPlan& plan,
                           const std::vector<bool>& held,
                           std::vector<bool>& avail,
                           PlanMetrics& out) const
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    const std::string where = "cloudlet " + p.GetScenario().nodes[p.GetSiteNode(c)].id;
    for (auto m : plan.models[c])
    {
        if (m >= cat.GetNModels())
        {
            AddViolation(out, where + ": unknown model index " + std::to_string(m));
            continue;
        }
        avail[m] = true;
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!held[k])
            {
                AddViolation(out,
                             where + ": model " + cat.GetModels()[m].id + " lacks block " +
                                 cat.GetBlocks()[k].id);
            }
        }
    }
}

PlanEvaluator::ServedTotals
PlanEvaluator::EvaluateRequests(const PlacementPlan& plan,
                                const std::vector<std::vector<bool>>& avail,
                                PlanMetrics& out) const
{
    const auto& p = m_problem;
    const auto& scenario = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    const auto& cls = p.GetRequestClass();
    ServedTotals t;
    t.load.assign(p.GetNSites(), 0);
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
                AddViolation(out, where + ": rejected although a model can serve it");
            }
            continue;
        }
        if (d.site >= p.GetNSites() || d.model >= cat.GetNModels())
        {
            AddViolation(out, where + ": unknown site or model index");
            continue;
        }
        if (!std::binary_search(c.candidates.begin(), c.candidates.end(), d.model))
        {
            AddViolation(out,
                         where + ": model " + cat.GetModels()[d.model].id + " is not a candidate");
            continue;
        }
        if (c.dcOnly && !p.IsDc(d.site))
        {
            AddViolation(out, where + ": no model meets its floor, so only the DC may serve it");
        }
        if (!p.IsDc(d.site) && !avail[d.site][d.model])
        {
            AddViolation(out,
                         where + ": model " + cat.GetModels()[d.model].id +
                             " is not available at " + scenario.nodes[p.GetSiteNode(d.site)].id);
        }
        const auto& req = scenario.requests[r];
        double flops = p.GetFlops(d.model, req.tokens);
        t.load[d.site] += flops;
        out.servingDelayS += p.GetRequestDelay(req, d.model, d.site);
        t.accuracy += cat.GetModels()[d.model].accuracy;
        (p.IsDc(d.site) ? t.dcFlops : t.edgeFlops) += flops;
        ++(p.IsDc(d.site) ? out.servedDc : out.servedEdge);
    }
    return t;
}

} // namespace mecpfm
} // namespace ns3
