/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BACKHAUL_GRAPH_H
#define MEC_PFM_BACKHAUL_GRAPH_H

#include "mec-scenario.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A route through the backhaul and its metrics.
 */
struct PathInfo
{
    bool reachable{false};       //!< false if no route exists
    std::vector<uint32_t> nodes; //!< node indices from source to destination, inclusive
    std::vector<uint32_t> links; //!< link indices along the route
    double bottleneckBps{0};     //!< bw(u,w): smallest link bandwidth on the route
    double delayS{0};            //!< lat(u,w): summed propagation delay
    uint32_t hops{0};            //!< number of links
};

/**
 * \ingroup mec-pfm
 * \brief The backhaul graph G = (N, E) and the routing rule shared by the planner and the
 * packet-level simulation.
 *
 * The route from u to w is the path of minimum total propagation delay; ties are broken
 * by fewer hops, then by the lexicographically smaller sequence of node ids (the string
 * ids, compared from u on). Built on Boost Graph (adjacency list + Dijkstra with a
 * lexicographic label). All routes are computed once, at construction.
 */
class BackhaulGraph
{
  public:
    /**
     * \param nodes the nodes (ids are used for tie-breaking)
     * \param links undirected links between node indices
     */
    BackhaulGraph(const std::vector<ScenarioNode>& nodes, const std::vector<ScenarioLink>& links);

    /**
     * \param from source node index
     * \param to destination node index
     * \return the route (reachable == false if none); from == to gives an empty route
     * with reachable == true, zero delay and infinite bottleneck
     */
    const PathInfo& GetPath(uint32_t from, uint32_t to) const;

    /// \return the number of nodes
    uint32_t GetNNodes() const;

  private:
    uint32_t m_n;                  //!< number of nodes
    std::vector<PathInfo> m_paths; //!< m_paths[from * m_n + to]
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BACKHAUL_GRAPH_H */
