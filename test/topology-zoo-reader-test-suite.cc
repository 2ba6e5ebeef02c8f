/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

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
        const std::string f = "data/topology-zoo/Geant2012.graphml";
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

        ZooGraph g = TopologyZooReader::Read(f, 1e9, 1e-4);
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
 * The reader's suite.
 */
class TopologyZooReaderTestSuite : public TestSuite
{
  public:
    TopologyZooReaderTestSuite()
        : TestSuite("mec-pfm-topology-zoo-reader", UNIT)
    {
        AddTestCase(new GeantReadTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static TopologyZooReaderTestSuite g_topologyZooReaderTestSuite;

} // namespace
