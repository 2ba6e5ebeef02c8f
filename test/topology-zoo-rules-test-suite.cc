/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"
#include "ns3/test.h"
#include "ns3/topology-zoo-reader.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The Topology Zoo rules for what real Zoo files contain (doc/scenario-format.rst,
 * "Topology Zoo rules"): nodes without coordinates, GraphML key types, self loops,
 * parallel edges, hyperedges, disconnected graphs. Small hand-written files in test/data;
 * expected delays from the spherical law of cosines (not the reader's haversine) and
 * the median taken here.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Fibre delay in seconds between two points in degrees, by the spherical law of cosines.
double
CosineLawDelay(double lat1, double lon1, double lat2, double lon2)
{
    const double r = M_PI / 180;
    double c = std::sin(lat1 * r) * std::sin(lat2 * r) +
               std::cos(lat1 * r) * std::cos(lat2 * r) * std::cos((lon2 - lon1) * r);
    return 6371.0 * std::acos(std::min(1.0, c)) * 5e-6;
}

/// The coordinates written in the test files.
const double LONDON[2] = {51.5074, -0.1278};
const double PARIS[2] = {48.8566, 2.3522};
const double BRUSSELS[2] = {50.8503, 4.3517};
const double BERLIN[2] = {52.52, 13.405};

double
Delay(const double* a, const double* b)
{
    return CosineLawDelay(a[0], a[1], b[0], b[1]);
}

/// The delay of the link between nodes a and b (either order), NaN if none.
double
LinkDelay(const ZooGraph& g, uint32_t a, uint32_t b)
{
    for (const auto& l : g.links)
    {
        if ((l.a == a && l.b == b) || (l.a == b && l.b == a))
        {
            return l.delayS;
        }
    }
    return std::nan("");
}

ZooGraph
ReadFixture(const std::string& name, const ZooReadOptions& o = ZooReadOptions())
{
    return TopologyZooReader::Read(MecPfmResolvePath("test/data/" + name), o);
}

/**
 * \ingroup mec-pfm-tests
 * Nodes without valid coordinates are kept; their links get the median delay of the
 * located links, the given delay, or the fallback.
 */
class ZooUnlocatedTestCase : public TestCase
{
  public:
    ZooUnlocatedTestCase()
        : TestCase("nodes without coordinates: median, given and fallback delays")
    {
    }

  private:
    void DoRun() override
    {
        ZooGraph g = ReadFixture("zoo-unlocated.graphml");
        NS_TEST_ASSERT_MSG_EQ(g.nodes.size(), 8, "every node kept");
        // Nowhere (none), LatitudeOnly, OffTheGlobe (95 N), NotANumber ("north").
        NS_TEST_ASSERT_MSG_EQ(g.report.unlocatedNodes, 4, "unlocated nodes");
        for (uint32_t v = 0; v < 8; ++v)
        {
            NS_TEST_ASSERT_MSG_EQ(g.located[v], (v < 4), "located: node " << v);
        }
        // The four located links (London-Paris, Paris-Brussels, Brussels-Berlin,
        // London-Brussels): an even count, so the mean of the middle two.
        std::vector<double> d{Delay(LONDON, PARIS),
                              Delay(PARIS, BRUSSELS),
                              Delay(BRUSSELS, BERLIN),
                              Delay(LONDON, BRUSSELS)};
        NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, 2, 3), d[2], 1e-9, "Brussels-Berlin");
        std::sort(d.begin(), d.end());
        double median = (d[1] + d[2]) / 2;
        // Nowhere-London, LatitudeOnly-Paris, OffTheGlobe-Berlin, NotANumber-Nowhere.
        const uint32_t ends[4][2] = {{4, 0}, {5, 1}, {6, 3}, {7, 4}};
        for (const auto& e : ends)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, e[0], e[1]), median, 1e-12, "median");
        }
        NS_TEST_ASSERT_MSG_EQ(g.report.unlocatedLinks, 4, "links given the median");
        NS_TEST_ASSERT_MSG_EQ((g.report.unlocatedRule == UnlocatedDelayRule::MEDIAN), true, "rule");
        std::string line = g.report.ToString();
        NS_TEST_ASSERT_MSG_NE(line.find("zoo-unlocated.graphml: 8 nodes, 8 edges, 4 without "
                                        "coordinates (4 links given the median delay"),
                              std::string::npos,
                              line);

        ZooReadOptions o;
        o.unlocatedLinkDelayS = 0.007;
        g = ReadFixture("zoo-unlocated.graphml", o);
        NS_TEST_ASSERT_MSG_EQ(LinkDelay(g, 4, 0), 0.007, "given delay");
        NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, 0, 1), Delay(LONDON, PARIS), 1e-9, "located");

        // No link with two located ends: the fallback (1 ms unless set), reported.
        g = ReadFixture("zoo-none-located.graphml");
        NS_TEST_ASSERT_MSG_EQ(g.report.unlocatedNodes, 2, "A and B");
        NS_TEST_ASSERT_MSG_EQ(LinkDelay(g, 0, 1), 1e-3, "fallback A-B");
        NS_TEST_ASSERT_MSG_EQ(LinkDelay(g, 1, 2), 1e-3, "fallback B-C");
        NS_TEST_ASSERT_MSG_NE(g.report.ToString().find("fallback delay 1.000 ms"),
                              std::string::npos,
                              g.report.ToString());
        o = ZooReadOptions();
        o.fallbackLinkDelayS = 4e-3;
        g = ReadFixture("zoo-none-located.graphml", o);
        NS_TEST_ASSERT_MSG_EQ(LinkDelay(g, 1, 2), 4e-3, "fallback option");
    }
};

/**
 * \ingroup mec-pfm-tests
 * GraphML key types: "integer" (two Zoo files), long, float, boolean, a key's <default>;
 * a Zoo hyperedge node.
 */
class ZooKeyTypesTestCase : public TestCase
{
  public:
    ZooKeyTypesTestCase()
        : TestCase("GraphML key types: integer, long, float, boolean, defaults")
    {
    }

  private:
    void DoRun() override
    {
        ZooGraph g = ReadFixture("zoo-integer-keys.graphml");
        // Transit, hyperedge, id, key are declared "integer".
        NS_TEST_ASSERT_MSG_EQ(g.report.nonStandardKeyTypes, 4, "integer keys");
        NS_TEST_ASSERT_MSG_EQ(g.nodes.size(), 5, "nodes");
        NS_TEST_ASSERT_MSG_EQ(g.nodes[0].id, "Warsaw", "label");
        NS_TEST_ASSERT_MSG_EQ_TOL(g.nodes[0].latitude, 52.2297, 1e-12, "float latitude");
        NS_TEST_ASSERT_MSG_EQ(g.hyperedge[2], true, "Bus: hyperedge 1 (integer key)");
        NS_TEST_ASSERT_MSG_EQ(g.hyperedge[4], false, "Gdansk: hyperedge 0");
        NS_TEST_ASSERT_MSG_EQ(g.report.hyperedgeNodes, 1, "hyperedge nodes");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 6, "links");
        NS_TEST_ASSERT_MSG_EQ(g.links[0].bandwidthBps, 1e10, "long LinkSpeedRaw");
        NS_TEST_ASSERT_MSG_EQ(g.links[1].bandwidthBps, 2.5e9, "the key's <default>");
        NS_TEST_ASSERT_MSG_EQ(g.speedKnown[1], true, "a default is a speed of the file");
        // Bus has no coordinates: its 4 links get the median of Warsaw-Poznan and
        // Warsaw-Krakow, two values, so their mean.
        const double warsaw[2] = {52.2297, 21.0122};
        const double poznan[2] = {52.4064, 16.9252};
        const double krakow[2] = {50.0647, 19.945};
        double median = (Delay(warsaw, poznan) + Delay(warsaw, krakow)) / 2;
        for (uint32_t v : {0, 1, 3, 4})
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, 2, v), median, 1e-9, "Bus - " << v);
        }
    }
};

/**
 * \ingroup mec-pfm-tests
 * Self loops dropped, parallel edges merged, <hyperedge> elements expanded, edges
 * undirected.
 */
class ZooEdgeRulesTestCase : public TestCase
{
  public:
    ZooEdgeRulesTestCase()
        : TestCase("self loops dropped, parallel edges merged, hyperedges expanded")
    {
    }

  private:
    void DoRun() override
    {
        ZooGraph g = ReadFixture("zoo-self-loop.graphml");
        NS_TEST_ASSERT_MSG_EQ(g.report.fileEdges, 3, "edges in the file");
        NS_TEST_ASSERT_MSG_EQ(g.report.selfLoopsDropped, 1, "self loop dropped");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 2, "links left");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(LinkDelay(g, 2, 2)), true, "no 2-2 link");

        // Paris - Paris-2 twice: no speed, then 2.5 Gbit/s; one link with the known speed.
        g = ReadFixture("zoo-small.graphml");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 3, "4 edges, one merged");
        NS_TEST_ASSERT_MSG_EQ(g.report.parallelMerged, 1, "merged");
        NS_TEST_ASSERT_MSG_EQ(g.links[1].a, 1, "first edge's order kept");
        NS_TEST_ASSERT_MSG_EQ(g.links[1].bandwidthBps, 2.5e9, "the known speed");
        NS_TEST_ASSERT_MSG_EQ(g.speedKnown[1], true, "known");

        // A <hyperedge> London-Paris-Brussels with a speed: three links; "directed" ignored.
        g = ReadFixture("zoo-hyperedge.graphml");
        NS_TEST_ASSERT_MSG_EQ(g.report.hyperedgesExpanded, 1, "expanded");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 4, "3 + 1 links");
        NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, 0, 2), Delay(LONDON, BRUSSELS), 1e-9, "L-B");
        NS_TEST_ASSERT_MSG_EQ_TOL(LinkDelay(g, 1, 2), Delay(PARIS, BRUSSELS), 1e-9, "P-B");
        NS_TEST_ASSERT_MSG_EQ(g.links[0].bandwidthBps, 4e10, "the hyperedge's speed");
        NS_TEST_ASSERT_MSG_EQ(g.links[3].bandwidthBps, 1e9, "the default speed");
    }
};

/// A scenario around one test GraphML file (the default catalogue, no requests).
nlohmann::json
ZooScenario(const std::string& file)
{
    nlohmann::json j;
    j["name"] = "zoo";
    j["horizon_s"] = 3600;
    j["max_load"] = 0.8;
    j["access"] = {{"uplink_bps", 1e8}, {"downlink_bps", 1e8}};
    j["catalogue"] = "default";
    j["requests"] = nlohmann::json::array();
    j["topology"] = {
        {"graphml", "test/data/" + file},
        {"cloudlet", {{"compute_flops", 1e13}, {"accelerators", 1}, {"storage_bytes", 3.2e10}}},
        {"datacenter", {{"compute_flops", 4e13}}}};
    return j;
}

/// The ids of the scenario's cloudlets, sorted.
std::vector<std::string>
CloudletIds(const MecScenario& s)
{
    std::vector<std::string> out;
    for (auto c : s.GetCloudlets())
    {
        out.push_back(s.nodes[c].id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/**
 * \ingroup mec-pfm-tests
 * A disconnected graph: only the data center's component is kept; hyperedge nodes never
 * become sites.
 */
class ZooComponentsTestCase : public TestCase
{
  public:
    ZooComponentsTestCase()
        : TestCase("disconnected graph: the data center's component kept; hyperedge nodes")
    {
    }

  private:
    std::string Error(const nlohmann::json& j)
    {
        try
        {
            ScenarioReader::ReadString(j.dump(), "zoo.json", MecPfmSourceDir());
        }
        catch (const ScenarioError& e)
        {
            return e.what();
        }
        return "";
    }

    void DoRun() override
    {
        // London-Paris-Brussels (a triangle), Madrid-Barcelona, Reykjavik alone.
        ZooGraph g = ReadFixture("zoo-disconnected.graphml");
        std::vector<uint32_t> comp = TopologyZooReader::Components(g);
        std::vector<uint32_t> expected{0, 0, 0, 1, 1, 2};
        NS_TEST_ASSERT_MSG_EQ((comp == expected), true, "components");
        uint32_t madrid = TopologyZooReader::KeepComponent(g, 3);
        NS_TEST_ASSERT_MSG_EQ(madrid, 0, "Madrid renumbered");
        NS_TEST_ASSERT_MSG_EQ(g.nodes.size(), 2, "Madrid, Barcelona");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 1, "one link");
        NS_TEST_ASSERT_MSG_EQ(g.links[0].b, 1, "renumbered link");
        NS_TEST_ASSERT_MSG_EQ(g.report.droppedNodes, 4, "dropped nodes");
        NS_TEST_ASSERT_MSG_EQ(g.report.droppedComponents, 2, "dropped components");
        NS_TEST_ASSERT_MSG_NE(g.report.ToString().find("4 nodes in 2 other components dropped "
                                                       "(London, Paris, Brussels, Reykjavik)"),
                              std::string::npos,
                              g.report.ToString());

        // The default PoP is in the largest component: its three nodes, all of degree 2,
        // so the PoP is the smallest id, Brussels, and London and Paris the cloudlets.
        MecScenario s = ScenarioReader::ReadString(ZooScenario("zoo-disconnected.graphml").dump(),
                                                   "zoo.json",
                                                   MecPfmSourceDir());
        NS_TEST_ASSERT_MSG_EQ(s.nodes.size(), 4, "3 nodes and the data center");
        NS_TEST_ASSERT_MSG_EQ(s.links[s.links.size() - 1].a, 2, "DC behind Brussels");
        std::vector<std::string> cl{"London", "Paris"};
        NS_TEST_ASSERT_MSG_EQ((CloudletIds(s) == cl), true, "cloudlets");
        NS_TEST_ASSERT_MSG_NE(s.topologyReport.find("3 nodes in 2 other components dropped"),
                              std::string::npos,
                              s.topologyReport);
        nlohmann::json j = ZooScenario("zoo-disconnected.graphml");
        j["topology"]["datacenter_at"] = "Madrid";
        j["topology"]["cloudlets"] = 2;
        NS_TEST_ASSERT_MSG_NE(Error(j).find("/topology/cloudlets: the graph has 2 nodes in the "
                                            "data center's component: at most 1 cloudlets"),
                              std::string::npos,
                              Error(j));

        // The scenario field unlocated_link_delay_s reaches the reader: Nowhere-London
        // (nodes 4 and 0 of zoo-unlocated.graphml; PoP Brussels, so no node is dropped).
        j = ZooScenario("zoo-unlocated.graphml");
        j["topology"]["unlocated_link_delay_s"] = 0.005;
        s = ScenarioReader::ReadString(j.dump(), "zoo.json", MecPfmSourceDir());
        bool found = false;
        for (const auto& l : s.links)
        {
            if ((l.a == 4 && l.b == 0) || (l.a == 0 && l.b == 4))
            {
                found = true;
                NS_TEST_ASSERT_MSG_EQ(l.delayS, 0.005, "unlocated_link_delay_s");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(found, true, "Nowhere-London link");
        NS_TEST_ASSERT_MSG_NE(s.topologyReport.find("4 links given the set delay 5.000 ms"),
                              std::string::npos,
                              s.topologyReport);

        // Bus (a Zoo hyperedge node) has the highest degree but is neither PoP nor cloudlet.
        s = ScenarioReader::ReadString(ZooScenario("zoo-integer-keys.graphml").dump(),
                                       "zoo.json",
                                       MecPfmSourceDir());
        NS_TEST_ASSERT_MSG_EQ(s.links.back().a, 0, "DC behind Warsaw");
        cl = {"Gdansk", "Krakow", "Poznan"};
        NS_TEST_ASSERT_MSG_EQ((CloudletIds(s) == cl), true, "cloudlets without Bus");
        j = ZooScenario("zoo-bad-endpoint.graphml");
        NS_TEST_ASSERT_MSG_NE(Error(j).find("zoo-bad-endpoint.graphml: <edge> #1: target \"9\" "
                                            "is not the id of a <node>"),
                              std::string::npos,
                              Error(j));
    }
};

/**
 * \ingroup mec-pfm-tests
 * The Topology Zoo rules' suite.
 */
class TopologyZooRulesTestSuite : public TestSuite
{
  public:
    TopologyZooRulesTestSuite()
        : TestSuite("mec-pfm-topology-zoo-rules", UNIT)
    {
        AddTestCase(new ZooUnlocatedTestCase, TestCase::QUICK);
        AddTestCase(new ZooKeyTypesTestCase, TestCase::QUICK);
        AddTestCase(new ZooEdgeRulesTestCase, TestCase::QUICK);
        AddTestCase(new ZooComponentsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static TopologyZooRulesTestSuite g_topologyZooRulesTestSuite;

} // namespace
