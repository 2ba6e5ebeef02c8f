/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/backhaul-graph.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"
#include "ns3/test.h"

#include <cmath>
#include <limits>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Routing against an independent search: depth-first enumeration of simple paths (pruned
 * only by the best delay found so far for the pair), ranked by the documented rule (least
 * delay at 1 ns, then fewer hops, then the smaller sequence of node ids).
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Exhaustive best route from s to t.
class BruteForce
{
  public:
    BruteForce(const MecScenario& sc)
        : m_sc(sc)
    {
    }

    /// \return the best node sequence from s to t (empty if none)
    std::vector<uint32_t> Best(uint32_t s, uint32_t t)
    {
        m_t = t;
        m_bestNs = std::numeric_limits<int64_t>::max();
        m_best.clear();
        m_onPath.assign(m_sc.nodes.size(), false);
        std::vector<uint32_t> path{s};
        m_onPath[s] = true;
        Dfs(path, 0);
        return m_best;
    }

  private:
    bool Better(int64_t ns, const std::vector<uint32_t>& p) const
    {
        if (m_best.empty() || ns != m_bestNs)
        {
            return m_best.empty() || ns < m_bestNs;
        }
        if (p.size() != m_best.size())
        {
            return p.size() < m_best.size();
        }
        for (size_t i = 0; i < p.size(); ++i)
        {
            if (m_sc.nodes[p[i]].id != m_sc.nodes[m_best[i]].id)
            {
                return m_sc.nodes[p[i]].id < m_sc.nodes[m_best[i]].id;
            }
        }
        return false;
    }

    void Dfs(std::vector<uint32_t>& path, int64_t ns)
    {
        uint32_t u = path.back();
        if (u == m_t)
        {
            if (Better(ns, path))
            {
                m_bestNs = ns;
                m_best = path;
            }
            return;
        }
        for (const auto& l : m_sc.links)
        {
            uint32_t v = l.a == u ? l.b : (l.b == u ? l.a : UINT32_MAX);
            if (v == UINT32_MAX || m_onPath[v])
            {
                continue;
            }
            int64_t next = ns + std::llround(l.delayS * 1e9);
            if (!m_best.empty() && next > m_bestNs)
            {
                continue;
            }
            m_onPath[v] = true;
            path.push_back(v);
            Dfs(path, next);
            path.pop_back();
            m_onPath[v] = false;
        }
    }

    const MecScenario& m_sc;      //!< scenario
    uint32_t m_t{0};              //!< target
    int64_t m_bestNs{0};          //!< best delay
    std::vector<uint32_t> m_best; //!< best path
    std::vector<bool> m_onPath;   //!< nodes on the current path
};

/**
 * \ingroup mec-pfm-tests
 * Every pair of GEANT default nodes.
 */
class GeantRoutingTestCase : public TestCase
{
  public:
    GeantRoutingTestCase()
        : TestCase("GEANT routes equal an exhaustive path search")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        BackhaulGraph g(sc.nodes, sc.links);
        BruteForce bf(sc);
        uint32_t n = static_cast<uint32_t>(sc.nodes.size());
        for (uint32_t s = 0; s < n; ++s)
        {
            for (uint32_t t = 0; t < n; ++t)
            {
                const PathInfo& p = g.GetPath(s, t);
                auto best = bf.Best(s, t);
                NS_TEST_ASSERT_MSG_EQ(p.reachable, true, "GEANT is connected");
                NS_TEST_ASSERT_MSG_EQ((p.nodes == best),
                                      true,
                                      "route " << sc.nodes[s].id << " -> " << sc.nodes[t].id);
                double delay = 0;
                double bw = std::numeric_limits<double>::infinity();
                for (size_t i = 0; i + 1 < best.size(); ++i)
                {
                    for (const auto& l : sc.links)
                    {
                        if ((l.a == best[i] && l.b == best[i + 1]) ||
                            (l.b == best[i] && l.a == best[i + 1]))
                        {
                            delay += l.delayS;
                            bw = std::min(bw, l.bandwidthBps);
                            break;
                        }
                    }
                }
                NS_TEST_ASSERT_MSG_EQ_TOL(p.delayS, delay, 1e-12, "lat");
                if (s != t)
                {
                    NS_TEST_ASSERT_MSG_EQ(p.bottleneckBps, bw, "bw");
                }
                NS_TEST_ASSERT_MSG_EQ(p.hops + 1, best.size(), "hops");
            }
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * Tie-breaking on a square with equal delays: fewer hops, then smaller id sequence.
 */
class TieBreakTestCase : public TestCase
{
  public:
    TieBreakTestCase()
        : TestCase("ties: fewer hops, then the smaller sequence of ids")
    {
    }

  private:
    void DoRun() override
    {
        // a-b-d and a-c-d both 2 ms; a-d direct 2 ms (1 hop) wins; without it, a-b-d.
        std::vector<ScenarioNode> nodes(4);
        nodes[0].id = "a";
        nodes[1].id = "c";
        nodes[2].id = "b";
        nodes[3].id = "d";
        std::vector<ScenarioLink> links{{0, 1, 1e9, 0.001},
                                        {1, 3, 1e9, 0.001},
                                        {0, 2, 1e9, 0.001},
                                        {2, 3, 1e9, 0.001}};
        BackhaulGraph g1(nodes, links);
        NS_TEST_ASSERT_MSG_EQ((g1.GetPath(0, 3).nodes == std::vector<uint32_t>{0, 2, 3}),
                              true,
                              "a-b-d before a-c-d");
        links.push_back({0, 3, 1e8, 0.002});
        BackhaulGraph g2(nodes, links);
        NS_TEST_ASSERT_MSG_EQ(g2.GetPath(0, 3).hops, 1, "one hop wins a delay tie");
        NS_TEST_ASSERT_MSG_EQ(g2.GetPath(0, 3).bottleneckBps, 1e8, "its bandwidth");
        NS_TEST_ASSERT_MSG_EQ(g2.GetPath(3, 3).hops, 0, "to itself");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The routing suite.
 */
class BackhaulRoutingTestSuite : public TestSuite
{
  public:
    BackhaulRoutingTestSuite()
        : TestSuite("mec-pfm-backhaul-routing", UNIT)
    {
        AddTestCase(new TieBreakTestCase, TestCase::QUICK);
        AddTestCase(new GeantRoutingTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static BackhaulRoutingTestSuite g_backhaulRoutingTestSuite;

} // namespace
