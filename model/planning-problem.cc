/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "planning-problem.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanningProblem");

namespace
{
/**
 * \param x a non-negative size
 * \param ratio bucket ratio (> 1), or <= 1 for no bucketing
 * \return the bucket key (the exact value when not bucketing)
 */
double
Bucket(double x, double ratio)
{
    if (ratio <= 1 || x <= 0)
    {
        return x;
    }
    return std::floor(std::log(x) / std::log(ratio));
}
} // namespace

PlanningProblem::PlanningProblem(MecScenario scenario, double classTolerance)
    : m_scenario(std::move(scenario))
{
    NS_LOG_FUNCTION(this << m_scenario.name << classTolerance);
    NS_ABORT_MSG_IF(classTolerance < 0, "classTolerance must be >= 0");
    m_graph = std::make_unique<BackhaulGraph>(m_scenario.nodes, m_scenario.links);
    m_nodeSite.assign(m_scenario.nodes.size(), -1);
    for (auto c : m_scenario.GetCloudlets())
    {
        m_nodeSite[c] = static_cast<int64_t>(m_siteNode.size());
        m_siteNode.push_back(c);
    }
    uint32_t dc = m_scenario.GetDatacenter();
    m_nodeSite[dc] = static_cast<int64_t>(m_siteNode.size());
    m_siteNode.push_back(dc);

    const auto& cat = m_scenario.catalogue;
    m_resident.assign(GetNSites(), std::vector<bool>(cat.GetNBlocks(), false));
    for (uint32_t s = 0; s < GetNCloudlets(); ++s)
    {
        for (auto k : m_scenario.nodes[m_siteNode[s]].residentBlocks)
        {
            m_resident[s][k] = true;
        }
    }
    m_resident[GetDcSite()].assign(cat.GetNBlocks(), true);

    // Candidate sets: models of the task meeting the floor; if none, the most accurate
    // model of the task at the DC (or rejection).
    double ratio = classTolerance > 0 ? 1 + classTolerance : 0;
    // dcOnly is part of the key: a request no model satisfies has the same one candidate
    // (the task's most accurate model) as an ordinary request whose floor only that model
    // meets, but may be served only at the DC.
    using Key =
        std::tuple<uint32_t, std::string, std::vector<uint32_t>, bool, double, double, double>;
    std::map<Key, uint32_t> index;
    m_requestClass.assign(m_scenario.requests.size(), 0);
    for (const auto& r : m_scenario.requests)
    {
        bool dcOnly = false;
        std::vector<uint32_t> cands = GetCandidates(r.task, r.minAccuracy, dcOnly);
        auto home = static_cast<uint32_t>(m_nodeSite[r.home]);
        Key key{home,
                r.task,
                cands,
                dcOnly,
                Bucket(r.inputBytes, ratio),
                Bucket(r.outputBytes, ratio),
                Bucket(r.tokens, ratio)};
        auto it = index.find(key);
        uint32_t q;
        if (it == index.end())
        {
            q = static_cast<uint32_t>(m_classes.size());
            index.emplace(key, q);
            RequestClass c;
            c.homeSite = home;
            c.task = r.task;
            c.candidates = cands;
            c.dcOnly = dcOnly;
            m_classes.push_back(std::move(c));
        }
        else
        {
            q = it->second;
            const auto& first = m_scenario.requests[m_classes[q].members.front()];
            m_exact = m_exact && first.inputBytes == r.inputBytes &&
                      first.outputBytes == r.outputBytes && first.tokens == r.tokens;
        }
        auto& c = m_classes[q];
        c.members.push_back(r.id);
        c.inputBytes += r.inputBytes;
        c.outputBytes += r.outputBytes;
        c.tokens += r.tokens;
        m_requestClass[r.id] = q;
    }
    for (auto& c : m_classes)
    {
        double n = c.members.size();
        c.inputBytes /= n;
        c.outputBytes /= n;
        c.tokens /= n;
    }
    NS_LOG_INFO(m_scenario.requests.size() << " requests in " << m_classes.size() << " classes");
}

std::vector<uint32_t>
PlanningProblem::GetCandidates(const std::string& task, double minAccuracy, bool& dcOnly) const
{
    const auto& cat = m_scenario.catalogue;
    std::vector<uint32_t> cands;
    dcOnly = false;
    auto ofTask = cat.GetModelsForTask(task);
    for (auto m : ofTask)
    {
        if (cat.GetModels()[m].accuracy >= minAccuracy)
        {
            cands.push_back(m);
        }
    }
    if (cands.empty() && m_scenario.noCandidate == NoCandidatePolicy::DC_BEST && !ofTask.empty())
    {
        uint32_t best = ofTask.front();
        for (auto m : ofTask)
        {
            if (cat.GetModels()[m].accuracy > cat.GetModels()[best].accuracy)
            {
                best = m;
            }
        }
        cands.push_back(best);
        dcOnly = true;
    }
    return cands;
}

const MecScenario&
PlanningProblem::GetScenario() const
{
    return m_scenario;
}

const BackhaulGraph&
PlanningProblem::GetGraph() const
{
    return *m_graph;
}

const ModelCatalogue&
PlanningProblem::GetCatalogue() const
{
    return m_scenario.catalogue;
}

uint32_t
PlanningProblem::GetNCloudlets() const
{
    return static_cast<uint32_t>(m_siteNode.size() - 1);
}

uint32_t
PlanningProblem::GetNSites() const
{
    return static_cast<uint32_t>(m_siteNode.size());
}

uint32_t
PlanningProblem::GetDcSite() const
{
    return GetNCloudlets();
}

bool
PlanningProblem::IsDc(uint32_t site) const
{
    return site == GetDcSite();
}

uint32_t
PlanningProblem::GetSiteNode(uint32_t site) const
{
    NS_ASSERT(site < m_siteNode.size());
    return m_siteNode[site];
}

int64_t
PlanningProblem::GetNodeSite(uint32_t node) const
{
    return node < m_nodeSite.size() ? m_nodeSite[node] : -1;
}

double
PlanningProblem::GetComputeFlops(uint32_t site) const
{
    return m_scenario.nodes[GetSiteNode(site)].computeFlops;
}

double
PlanningProblem::GetStorageBytes(uint32_t site) const
{
    if (IsDc(site))
    {
        return std::numeric_limits<double>::infinity();
    }
    return m_scenario.nodes[GetSiteNode(site)].storageBytes;
}

double
PlanningProblem::GetLoadCapacity(uint32_t site) const
{
    return m_scenario.maxLoad * GetComputeFlops(site) * m_scenario.horizonS;
}

bool
PlanningProblem::IsResident(uint32_t site, uint32_t block) const
{
    return m_resident[site][block];
}

const PathInfo&
PlanningProblem::GetRoute(uint32_t fromSite, uint32_t toSite) const
{
    return m_graph->GetPath(GetSiteNode(fromSite), GetSiteNode(toSite));
}

double
PlanningProblem::GetBlockPullDelay(uint32_t site, uint32_t block) const
{
    if (IsDc(site) || m_resident[site][block])
    {
        return 0;
    }
    return GetPullTime(site, m_scenario.catalogue.GetBlocks()[block].bytes);
}

double
PlanningProblem::GetPullTime(uint32_t site, double bytes) const
{
    if (IsDc(site) || bytes <= 0)
    {
        return 0;
    }
    return bytes * 8.0 / GetRoute(GetDcSite(), site).bottleneckBps;
}

double
PlanningProblem::GetPullLatency(uint32_t site) const
{
    if (IsDc(site))
    {
        return 0;
    }
    return GetRoute(GetDcSite(), site).delayS;
}

double
PlanningProblem::GetAccessDelay(double inputBytes, double outputBytes) const
{
    return inputBytes * 8.0 / m_scenario.uplinkBps + outputBytes * 8.0 / m_scenario.downlinkBps;
}

double
PlanningProblem::GetTransferDelay(uint32_t homeSite,
                                  uint32_t site,
                                  double inputBytes,
                                  double outputBytes) const
{
    if (homeSite == site)
    {
        return 0;
    }
    const auto& there = GetRoute(homeSite, site);
    const auto& back = GetRoute(site, homeSite);
    return inputBytes * 8.0 / there.bottleneckBps + outputBytes * 8.0 / back.bottleneckBps +
           there.delayS + back.delayS;
}

double
PlanningProblem::GetOneWayDelay(uint32_t fromSite, uint32_t toSite, double bytes) const
{
    if (fromSite == toSite)
    {
        return 0;
    }
    const auto& route = GetRoute(fromSite, toSite);
    return bytes * 8.0 / route.bottleneckBps + route.delayS;
}

double
PlanningProblem::GetFlops(uint32_t model, double tokens) const
{
    return m_scenario.catalogue.GetModels()[model].flopsPerToken * tokens;
}

double
PlanningProblem::GetProcessingDelay(uint32_t model, uint32_t site, double tokens) const
{
    return GetFlops(model, tokens) / GetComputeFlops(site);
}

double
PlanningProblem::GetRequestDelay(const InferenceRequest& r, uint32_t model, uint32_t site) const
{
    auto home = static_cast<uint32_t>(m_nodeSite[r.home]);
    return GetAccessDelay(r.inputBytes, r.outputBytes) +
           GetTransferDelay(home, site, r.inputBytes, r.outputBytes) +
           GetProcessingDelay(model, site, r.tokens);
}

double
PlanningProblem::GetClassDelay(uint32_t q, uint32_t model, uint32_t site) const
{
    const auto& c = m_classes[q];
    return GetAccessDelay(c.inputBytes, c.outputBytes) +
           GetTransferDelay(c.homeSite, site, c.inputBytes, c.outputBytes) +
           GetProcessingDelay(model, site, c.tokens);
}

double
PlanningProblem::GetBestDcDelay(uint32_t q) const
{
    double best = std::numeric_limits<double>::infinity();
    for (auto m : m_classes[q].candidates)
    {
        best = std::min(best, GetClassDelay(q, m, GetDcSite()));
    }
    return best;
}

void
PlanningProblem::SetObjectiveWeights(const ObjectiveWeights& w) const
{
    m_weights = w;
}

const ObjectiveWeights&
PlanningProblem::GetObjectiveWeights() const
{
    return m_weights;
}

double
PlanningProblem::GetClassCost(uint32_t q, uint32_t model, uint32_t site) const
{
    double d = GetClassDelay(q, model, site);
    if (m_weights.IsZero())
    {
        return d;
    }
    const auto& pr = m_weights.prices;
    double flops = GetFlops(model, m_classes[q].tokens);
    double compute = flops / 1e15 * (IsDc(site) ? pr.dcPerPflop : pr.edgePerPflop);
    return d + m_weights.costWeight * compute -
           m_weights.accuracyWeight * m_scenario.catalogue.GetModels()[model].accuracy;
}

double
PlanningProblem::GetBlockCost(uint32_t c, uint32_t k) const
{
    double d = GetBlockPullDelay(c, k);
    if (m_weights.IsZero())
    {
        return d;
    }
    const auto& pr = m_weights.prices;
    double gb = m_scenario.catalogue.GetBlocks()[k].bytes / 1e9;
    double price = gb * m_scenario.horizonS / 3600.0 * pr.storagePerGbHour;
    if (!IsResident(c, k))
    {
        price += gb * pr.backhaulPerGb;
    }
    return d + m_weights.costWeight * price;
}

double
PlanningProblem::GetBestDcCost(uint32_t q) const
{
    double best = std::numeric_limits<double>::infinity();
    for (auto m : m_classes[q].candidates)
    {
        best = std::min(best, GetClassCost(q, m, GetDcSite()));
    }
    return best;
}

bool
PlanningProblem::IsLighter(uint32_t a, uint32_t b) const
{
    const auto& models = m_scenario.catalogue.GetModels();
    return models[a].flopsPerToken != models[b].flopsPerToken
               ? models[a].flopsPerToken < models[b].flopsPerToken
               : a < b;
}

uint32_t
PlanningProblem::GetLightestCandidate(uint32_t q) const
{
    const auto& cands = m_classes[q].candidates;
    NS_ASSERT_MSG(!cands.empty(), "class " << q << " has no candidate");
    return *std::min_element(cands.begin(), cands.end(), [this](uint32_t a, uint32_t b) {
        return IsLighter(a, b);
    });
}

const std::vector<RequestClass>&
PlanningProblem::GetClasses() const
{
    return m_classes;
}

bool
PlanningProblem::IsAggregationExact() const
{
    return m_exact;
}

const std::vector<uint32_t>&
PlanningProblem::GetRequestClass() const
{
    return m_requestClass;
}

} // namespace mecpfm
} // namespace ns3
