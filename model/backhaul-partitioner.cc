/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "backhaul-partitioner.h"

#include "scenario-error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

namespace
{
/**
 * \param parent union-find parents
 * \param v a node
 * \return its group's root
 */
uint32_t
Root(std::vector<uint32_t>& parent, uint32_t v)
{
    while (parent[v] != v)
    {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    return v;
}
} // namespace

std::vector<double>
BackhaulPartitioner::NodeLoads(const MecScenario& sc, const PlacementPlan* plan)
{
    std::vector<double> load(sc.nodes.size(), 1.0);
    // Sites in the plan's order: cloudlets in node order, then the DC (PlanningProblem).
    std::vector<uint32_t> siteNode = sc.GetCloudlets();
    siteNode.push_back(sc.GetDatacenter());
    for (const auto& r : sc.requests)
    {
        load[r.home] += 1;
        if (plan && r.id < plan->decisions.size() && !plan->decisions[r.id].rejected &&
            plan->decisions[r.id].site < siteNode.size())
        {
            load[siteNode[plan->decisions[r.id].site]] += 1;
        }
    }
    return load;
}

bool
BackhaulPartitioner::Spread(const MecScenario& sc,
                            const std::vector<double>& load,
                            uint32_t ranks,
                            double threshold,
                            BackhaulPartition& part)
{
    const uint32_t n = static_cast<uint32_t>(sc.nodes.size());
    std::vector<uint32_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (const auto& L : sc.links)
    {
        // A zero-delay link is never cut: ns-3's synchronisation needs a positive lookahead.
        if (L.delayS < threshold || L.delayS <= 0)
        {
            parent[Root(parent, L.a)] = Root(parent, L.b);
        }
    }
    // Groups: (load, first node) so that ties break by node index.
    std::vector<std::pair<double, uint32_t>> groups;
    std::vector<int64_t> groupOf(n, -1);
    std::vector<double> groupLoad;
    for (uint32_t v = 0; v < n; ++v)
    {
        const uint32_t r = Root(parent, v);
        if (groupOf[r] < 0)
        {
            groupOf[r] = static_cast<int64_t>(groupLoad.size());
            groupLoad.push_back(0);
        }
        groupLoad[groupOf[r]] += load[v];
    }
    if (groupLoad.size() < ranks)
    {
        return false;
    }
    std::vector<uint32_t> order(groupLoad.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&groupLoad](uint32_t x, uint32_t y) {
        return groupLoad[x] > groupLoad[y];
    });
    std::vector<double> rankLoad(ranks, 0);
    std::vector<uint32_t> rankOfGroup(groupLoad.size());
    for (uint32_t g : order)
    {
        const auto k = static_cast<uint32_t>(std::min_element(rankLoad.begin(), rankLoad.end()) -
                                             rankLoad.begin());
        rankOfGroup[g] = k;
        rankLoad[k] += groupLoad[g];
    }
    // Ranks numbered by their first node: the same partition always has the same numbers.
    std::vector<int64_t> renumber(ranks, -1);
    uint32_t next = 0;
    part.rankOf.assign(n, 0);
    part.load.assign(ranks, 0);
    for (uint32_t v = 0; v < n; ++v)
    {
        const uint32_t k = rankOfGroup[groupOf[Root(parent, v)]];
        if (renumber[k] < 0)
        {
            renumber[k] = next++;
        }
        part.rankOf[v] = static_cast<uint32_t>(renumber[k]);
        part.load[part.rankOf[v]] += load[v];
    }
    const double total = std::accumulate(part.load.begin(), part.load.end(), 0.0);
    part.imbalance = *std::max_element(part.load.begin(), part.load.end()) / (total / ranks);
    part.minCutDelayS = threshold;
    return true;
}

void
BackhaulPartitioner::FindCuts(const MecScenario& sc, BackhaulPartition& part)
{
    part.cutLinks.clear();
    part.lookaheadS = std::numeric_limits<double>::infinity();
    for (uint32_t l = 0; l < sc.links.size(); ++l)
    {
        const auto& L = sc.links[l];
        if (part.rankOf[L.a] != part.rankOf[L.b])
        {
            part.cutLinks.push_back(l);
            part.lookaheadS = std::min(part.lookaheadS, L.delayS);
        }
    }
}

BackhaulPartition
BackhaulPartitioner::Partition(const MecScenario& sc,
                               const std::vector<double>& load,
                               const PartitionOptions& opt)
{
    const std::string file = sc.sourceFile.empty() ? sc.name : sc.sourceFile;
    if (opt.ranks < 1)
    {
        throw ScenarioError(file, "ranks", "must be at least 1");
    }
    if (load.size() != sc.nodes.size())
    {
        throw ScenarioError(file, "load", "one load per node is needed");
    }
    BackhaulPartition best;
    if (opt.minCutDelayS >= 0 || opt.ranks == 1)
    {
        const double t = opt.ranks == 1 ? 0 : opt.minCutDelayS;
        if (!Spread(sc, load, opt.ranks, t, best))
        {
            std::ostringstream why;
            why << "links of at least " << t * 1e3 << " ms leave fewer than " << opt.ranks
                << " groups of nodes: lower the minimum cut delay or the ranks";
            throw ScenarioError(file, "ranks", why.str());
        }
        FindCuts(sc, best);
        return best;
    }
    // Thresholds from the longest link delay down: the first balanced enough wins.
    std::set<double, std::greater<double>> delays;
    for (const auto& L : sc.links)
    {
        if (L.delayS > 0)
        {
            delays.insert(L.delayS);
        }
    }
    bool found = false;
    for (double t : delays)
    {
        BackhaulPartition p;
        if (!Spread(sc, load, opt.ranks, t, p))
        {
            continue;
        }
        if (!found || p.imbalance < best.imbalance - 1e-12)
        {
            best = p;
            found = true;
        }
        if (p.imbalance <= opt.maxImbalance)
        {
            best = p;
            break;
        }
    }
    if (!found)
    {
        std::ostringstream why;
        why << "the backhaul cannot be cut into " << opt.ranks
            << " parts along links of positive delay";
        throw ScenarioError(file, "ranks", why.str());
    }
    FindCuts(sc, best);
    return best;
}

std::string
BackhaulPartition::Describe(const MecScenario& sc) const
{
    std::ostringstream os;
    const uint32_t ranks = static_cast<uint32_t>(load.size());
    os << "partition: " << ranks << " rank(s), links under " << minCutDelayS * 1e3
       << " ms kept whole, " << cutLinks.size() << " link(s) cut, lookahead ";
    if (std::isinf(lookaheadS))
    {
        os << "none (nothing cut)";
    }
    else
    {
        os << lookaheadS * 1e3 << " ms";
    }
    os << ", load imbalance " << imbalance << "\n";
    for (uint32_t k = 0; k < ranks; ++k)
    {
        uint32_t nodes = 0;
        uint32_t cloudlets = 0;
        bool dc = false;
        for (uint32_t v = 0; v < rankOf.size(); ++v)
        {
            if (rankOf[v] == k)
            {
                ++nodes;
                cloudlets += sc.nodes[v].role == NodeRole::CLOUDLET ? 1 : 0;
                dc = dc || sc.nodes[v].role == NodeRole::DATACENTER;
            }
        }
        os << "  rank " << k << ": " << nodes << " node(s), " << cloudlets << " cloudlet(s)"
           << (dc ? ", the data center" : "") << ", load " << load[k] << "\n";
    }
    return os.str();
}

} // namespace mecpfm
} // namespace ns3
