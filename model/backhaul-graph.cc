/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "backhaul-graph.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <limits>
#include <numeric>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("BackhaulGraph");

namespace
{

/**
 * Route label: total delay in integer nanoseconds (so that equal sums compare equal,
 * whatever the order of the additions), hop count, then the sequence of node ranks (rank =
 * position of the node id in the sorted list of ids, so comparing ranks compares ids).
 */
struct Label
{
    int64_t delayNs{0};        //!< summed delay, ns
    uint32_t hops{0};          //!< links
    std::vector<uint32_t> seq; //!< ranks of the nodes after the source
    bool infinite{false};      //!< unreached
};

/// Weight of a directed arc: its delay and the rank of its head.
struct ArcWeight
{
    int64_t delayNs{0};   //!< delay, ns
    uint32_t headRank{0}; //!< rank of the head node
};

/// Strict lexicographic order on labels.
struct LabelLess
{
    bool operator()(const Label& x, const Label& y) const
    {
        if (x.infinite != y.infinite)
        {
            return !x.infinite;
        }
        if (x.infinite)
        {
            return false;
        }
        if (x.delayNs != y.delayNs)
        {
            return x.delayNs < y.delayNs;
        }
        if (x.hops != y.hops)
        {
            return x.hops < y.hops;
        }
        return x.seq < y.seq;
    }
};

/// Extension of a label by an arc.
struct LabelCombine
{
    Label operator()(const Label& x, const ArcWeight& w) const
    {
        if (x.infinite)
        {
            return x;
        }
        Label out = x;
        out.delayNs += w.delayNs;
        out.hops += 1;
        out.seq.push_back(w.headRank);
        return out;
    }
};

using Graph = boost::adjacency_list<boost::vecS,
                                    boost::vecS,
                                    boost::directedS,
                                    boost::no_property,
                                    boost::property<boost::edge_index_t, uint32_t>>;

} // namespace

BackhaulGraph::BackhaulGraph(const std::vector<ScenarioNode>& nodes,
                             const std::vector<ScenarioLink>& links)
    : m_n(static_cast<uint32_t>(nodes.size()))
{
    NS_LOG_FUNCTION(this << nodes.size() << links.size());
    // Ranks of node ids.
    std::vector<uint32_t> order(m_n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&nodes](uint32_t a, uint32_t b) {
        return nodes[a].id < nodes[b].id;
    });
    std::vector<uint32_t> rank(m_n);
    std::vector<uint32_t> nodeOfRank(m_n);
    for (uint32_t r = 0; r < m_n; ++r)
    {
        rank[order[r]] = r;
        nodeOfRank[r] = order[r];
    }

    // Two arcs per undirected link; arc index -> link index.
    Graph g(m_n);
    std::vector<ArcWeight> weights;
    for (uint32_t l = 0; l < links.size(); ++l)
    {
        const auto& ln = links[l];
        NS_ABORT_MSG_IF(ln.a >= m_n || ln.b >= m_n, "link " << l << " names an unknown node");
        auto ns = static_cast<int64_t>(std::llround(ln.delayS * 1e9));
        boost::add_edge(ln.a, ln.b, static_cast<uint32_t>(weights.size()), g);
        weights.push_back(ArcWeight{ns, rank[ln.b]});
        boost::add_edge(ln.b, ln.a, static_cast<uint32_t>(weights.size()), g);
        weights.push_back(ArcWeight{ns, rank[ln.a]});
    }
    auto edgeIndex = boost::get(boost::edge_index, g);
    auto weightMap = boost::make_function_property_map<Graph::edge_descriptor>(
        [&weights, &edgeIndex](const Graph::edge_descriptor& e) {
            return weights[boost::get(edgeIndex, e)];
        });

    m_paths.assign(static_cast<size_t>(m_n) * m_n, PathInfo());
    Label inf;
    inf.infinite = true;
    for (uint32_t s = 0; s < m_n; ++s)
    {
        std::vector<Label> dist(m_n);
        std::vector<Graph::vertex_descriptor> pred(m_n);
        boost::dijkstra_shortest_paths(
            g,
            s,
            boost::predecessor_map(
                boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g)))
                .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                                boost::get(boost::vertex_index, g)))
                .weight_map(weightMap)
                .distance_compare(LabelLess())
                .distance_combine(LabelCombine())
                .distance_inf(inf)
                .distance_zero(Label()));
        for (uint32_t t = 0; t < m_n; ++t)
        {
            PathInfo& p = m_paths[static_cast<size_t>(s) * m_n + t];
            if (dist[t].infinite)
            {
                p.reachable = false;
                continue;
            }
            p.reachable = true;
            p.nodes.push_back(s);
            for (auto r : dist[t].seq)
            {
                p.nodes.push_back(nodeOfRank[r]);
            }
            p.hops = dist[t].hops;
            p.delayS = 0;
            p.bottleneckBps = std::numeric_limits<double>::infinity();
            for (size_t i = 0; i + 1 < p.nodes.size(); ++i)
            {
                // The best link between consecutive nodes: the one the label used is the
                // one of least delay (parallel links: smaller delay, then larger bandwidth,
                // then lower index).
                int64_t best = -1;
                for (uint32_t l = 0; l < links.size(); ++l)
                {
                    const auto& ln = links[l];
                    bool joins = (ln.a == p.nodes[i] && ln.b == p.nodes[i + 1]) ||
                                 (ln.b == p.nodes[i] && ln.a == p.nodes[i + 1]);
                    if (!joins)
                    {
                        continue;
                    }
                    if (best < 0)
                    {
                        best = l;
                        continue;
                    }
                    const auto& bl = links[best];
                    auto lns = std::llround(ln.delayS * 1e9);
                    auto bns = std::llround(bl.delayS * 1e9);
                    if (lns < bns || (lns == bns && ln.bandwidthBps > bl.bandwidthBps))
                    {
                        best = l;
                    }
                }
                NS_ASSERT(best >= 0);
                p.links.push_back(static_cast<uint32_t>(best));
                p.delayS += links[best].delayS;
                p.bottleneckBps = std::min(p.bottleneckBps, links[best].bandwidthBps);
            }
        }
    }
}

const PathInfo&
BackhaulGraph::GetPath(uint32_t from, uint32_t to) const
{
    NS_ASSERT_MSG(from < m_n && to < m_n, "node index out of range");
    return m_paths[static_cast<size_t>(from) * m_n + to];
}

uint32_t
BackhaulGraph::GetNNodes() const
{
    return m_n;
}

} // namespace mecpfm
} // namespace ns3
