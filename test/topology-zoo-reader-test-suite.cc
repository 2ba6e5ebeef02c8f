/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mec-pfm-paths.h"
#include "ns3/test.h"
#include "ns3/topology-zoo-reader.h"

#include <cmath>
#include <fstream>
#include <string>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The Topology Zoo reader on the real GEANT 2012 file, against counts taken by a plain text
 * scan of the file and distances by a second formula.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * \ingroup mec-pfm-tests
 * GEANT 2012: nodes, links, speeds, delays.
 */
class GeantReadTestCase : public TestCase
{
  public:
    GeantReadTestCase()
        : TestCase("GEANT 2012 GraphML: counts, speeds, great-circle delays")
    {
    }

  private:
    void DoRun() override
    {
        const std::string f = MecPfmResolvePath("data/topology-zoo/Geant2012.graphml");
        // Independent count: scan the text for <node, <edge and the LinkSpeedRaw key (d42).
        std::ifstream in(f);
        std::string line;
        uint32_t nodes = 0;
        uint32_t edges = 0;
        uint32_t speeds = 0;
        while (std::getline(in, line))
        {
            nodes += line.find("<node ") != std::string::npos;
            edges += line.find("<edge ") != std::string::npos;
            speeds += line.find("<data key=\"d42\">") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(nodes, 40, "text scan: 40 nodes");
        NS_TEST_ASSERT_MSG_EQ(edges, 61, "text scan: 61 edges");
        // The data README says 43; the file has LinkSpeedRaw on 39 edges.
        NS_TEST_ASSERT_MSG_EQ(speeds, 39, "text scan: 39 speeds");

        ZooGraph g = TopologyZooReader::Read(f, ZooReadOptions());
        NS_TEST_ASSERT_MSG_EQ(g.nodes.size(), nodes, "nodes");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), edges, "links");
        uint32_t known = 0;
        for (size_t i = 0; i < g.links.size(); ++i)
        {
            known += g.speedKnown[i];
            if (!g.speedKnown[i])
            {
                NS_TEST_ASSERT_MSG_EQ(g.links[i].bandwidthBps, 1e9, "default speed");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(known, speeds, "links with a speed");
        // Every node located, no rule changed anything; the links without a speed are said.
        NS_TEST_ASSERT_MSG_EQ(g.report.ToString(),
                              "Geant2012.graphml: 40 nodes, 61 edges; " +
                                  std::to_string(edges - speeds) +
                                  " links without LinkSpeedRaw given 1 Gbit/s",
                              "report");
        NS_TEST_ASSERT_MSG_EQ(g.nodes[0].id, "NL", "node 0 is NL");
        NS_TEST_ASSERT_MSG_EQ_TOL(g.nodes[0].latitude, 52.37403, 1e-9, "NL latitude");

        // Delay of NL-BE (edge 0-1) by the spherical law of cosines, a second formula.
        const double r = M_PI / 180;
        double la1 = 52.37403 * r;
        double lo1 = 4.88969 * r;
        double la2 = g.nodes[1].latitude * r;
        double lo2 = g.nodes[1].longitude * r;
        double km = 6371.0 * std::acos(std::sin(la1) * std::sin(la2) +
                                       std::cos(la1) * std::cos(la2) * std::cos(lo2 - lo1));
        bool found = false;
        for (const auto& l : g.links)
        {
            if ((l.a == 0 && l.b == 1) || (l.a == 1 && l.b == 0))
            {
                found = true;
                NS_TEST_ASSERT_MSG_EQ_TOL(l.delayS, km * 5e-6, 1e-9, "NL-BE delay");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(found, true, "NL-BE link");
        // Amsterdam-Brussels is about 173 km.
        NS_TEST_ASSERT_MSG_EQ_TOL(km, 173, 3, "NL-BE distance");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Small hand-written GraphML files: labels, parallel edges, default speed, the documented
 * rejections (the other rules: topology-zoo-rules-test-suite.cc); a haversine distance against a
 * city pair computed by hand.
 */
class ZooRulesTestCase : public TestCase
{
  public:
    ZooRulesTestCase()
        : TestCase("GraphML rules: ids, parallel edges, defaults, rejections; haversine")
    {
    }

  private:
    /// Expect Read(f) to throw a ScenarioError naming the file, the element and the reason.
    void Reject(const std::string& file, const std::string& element, const std::string& reason)
    {
        const std::string f = MecPfmResolvePath(file);
        std::string what;
        try
        {
            TopologyZooReader::Read(f, ZooReadOptions());
        }
        catch (const ScenarioError& e)
        {
            what = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(what.rfind(f + ": ", 0), 0, "file named in: " << what);
        NS_TEST_ASSERT_MSG_NE(what.find(element), std::string::npos, "element in: " << what);
        NS_TEST_ASSERT_MSG_NE(what.find(reason), std::string::npos, "reason in: " << what);
    }

    void DoRun() override
    {
        // London (51.5074 N, 0.1278 W) - Paris (48.8566 N, 2.3522 E), by hand:
        // dlat/2 = -1.3254 deg, dlon/2 = 1.24 deg, cos(lat1) = 0.622414, cos(lat2) = 0.657946;
        // a = sin^2(-0.0231305) + 0.622414 x 0.657946 x sin^2(0.0216404)
        //   = 5.35020e-4 + 0.409515 x 4.68307e-4 = 7.26799e-4;
        // d = 2 x 6371 x asin(sqrt(a)) = 2 x 6371 x 0.0269625 = 343.556 km
        // (the usual published figure is 344 km).
        double km = TopologyZooReader::HaversineKm(51.5074, -0.1278, 48.8566, 2.3522);
        NS_TEST_ASSERT_MSG_EQ_TOL(km, 343.55, 0.1, "London-Paris");
        NS_TEST_ASSERT_MSG_EQ_TOL(TopologyZooReader::HaversineKm(10, 20, 10, 20), 0, 1e-12, "0");
        // A quarter of a meridian: pi/2 x 6371 km.
        NS_TEST_ASSERT_MSG_EQ_TOL(TopologyZooReader::HaversineKm(0, 7, 90, 7),
                                  M_PI / 2 * 6371,
                                  1e-6,
                                  "pole");

        ZooReadOptions o;
        o.minLinkDelayS = 1.5e-3;
        ZooGraph g = TopologyZooReader::Read(MecPfmResolvePath("test/data/zoo-small.graphml"), o);
        NS_TEST_ASSERT_MSG_EQ(g.nodes.size(), 4, "nodes");
        NS_TEST_ASSERT_MSG_EQ(g.nodes[0].id, "London", "label");
        NS_TEST_ASSERT_MSG_EQ(g.nodes[2].id, "Paris-2", "repeated label made unique");
        NS_TEST_ASSERT_MSG_EQ(g.nodes[3].id, "n3", "no label");
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 3, "parallel edges merged");
        NS_TEST_ASSERT_MSG_EQ(g.report.parallelMerged, 1, "one parallel edge (2-1 after 1-2)");
        NS_TEST_ASSERT_MSG_EQ(g.report.labelsRenamed, 1, "Paris-2");
        NS_TEST_ASSERT_MSG_EQ(g.links[0].bandwidthBps, 1e10, "LinkSpeedRaw");
        NS_TEST_ASSERT_MSG_EQ(g.links[2].bandwidthBps, 155e6, "LinkSpeedRaw");
        NS_TEST_ASSERT_MSG_EQ_TOL(g.links[0].delayS, 343.55 * 5e-6, 1e-6, "5 us/km");
        // Paris - Brussels is about 264 km: 1.32 ms, below the 1.5 ms minimum given here.
        NS_TEST_ASSERT_MSG_EQ(g.links[2].delayS, 1.5e-3, "minimum delay");
        o.defaultLinkBps = 3e9;
        g = TopologyZooReader::Read(MecPfmResolvePath("test/data/zoo-no-coordinates.graphml"), o);
        NS_TEST_ASSERT_MSG_EQ(g.links.size(), 1, "London - Nowhere");
        NS_TEST_ASSERT_MSG_EQ(g.links[0].bandwidthBps, 3e9, "default speed");
        NS_TEST_ASSERT_MSG_EQ(g.speedKnown[0], false, "speed unknown");

        Reject("test/data/zoo-bad-endpoint.graphml", "<edge> #1", "target \"9\" is not the id");
        Reject("test/data/zoo-bad-speed.graphml", "<edge> #0", "LinkSpeedRaw is not a positive");
        Reject("test/data/no-such.graphml", "", "cannot open the GraphML file");
        Reject("data/model-facts.csv", "", "not a readable GraphML file");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The reader's suite.
 */
class TopologyZooReaderTestSuite : public TestSuite
{
  public:
    TopologyZooReaderTestSuite()
        : TestSuite("mec-pfm-topology-zoo-reader", UNIT)
    {
        AddTestCase(new GeantReadTestCase, TestCase::QUICK);
        AddTestCase(new ZooRulesTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static TopologyZooReaderTestSuite g_topologyZooReaderTestSuite;

} // namespace
