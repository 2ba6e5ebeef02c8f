/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "topology-zoo-reader.h"

#include "ns3/log.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("TopologyZooReader");

namespace
{
/// Vertex properties; NaN means "absent" (the reader leaves absent data untouched).
struct ZooVertex
{
    std::string label;        //!< label
    double lat{std::nan("")}; //!< Latitude
    double lon{std::nan("")}; //!< Longitude
};

/// Edge properties; NaN means "absent".
struct ZooEdge
{
    double speed{std::nan("")}; //!< LinkSpeedRaw, bit/s
};

using ZooBoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, ZooVertex, ZooEdge>;

} // namespace

double
TopologyZooReader::HaversineKm(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad;
    double dlon = (lon2 - lon1) * rad;
    double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * EARTH_RADIUS_KM * std::asin(std::min(1.0, std::sqrt(a)));
}

ZooGraph
TopologyZooReader::Read(const std::string& path, double defaultLinkBps, double minLinkDelayS)
{
    NS_LOG_FUNCTION(path << defaultLinkBps << minLinkDelayS);
    std::ifstream in(path);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the GraphML file");
    }
    return Read(in, path, defaultLinkBps, minLinkDelayS);
}

ZooGraph
TopologyZooReader::Read(std::istream& in,
                        const std::string& path,
                        double defaultLinkBps,
                        double minLinkDelayS)
{
    ZooBoostGraph g;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("label", boost::get(&ZooVertex::label, g));
    dp.property("Latitude", boost::get(&ZooVertex::lat, g));
    dp.property("Longitude", boost::get(&ZooVertex::lon, g));
    dp.property("LinkSpeedRaw", boost::get(&ZooEdge::speed, g));
    try
    {
        boost::read_graphml(in, g, dp);
    }
    catch (const std::exception& e)
    {
        throw ScenarioError(path, "", std::string("not a readable GraphML file: ") + e.what());
    }

    ZooGraph out;
    std::set<std::string> used;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
    {
        const auto& zv = g[v];
        // Boost numbers vertices in the order of the <node> elements in the file.
        std::string where = "<node> #" + std::to_string(v) +
                            (zv.label.empty() ? "" : " (label \"" + zv.label + "\")");
        ScenarioNode n;
        n.id = zv.label.empty() ? "n" + std::to_string(v) : zv.label;
        for (int k = 2; used.count(n.id); ++k)
        {
            n.id =
                (zv.label.empty() ? "n" + std::to_string(v) : zv.label) + "-" + std::to_string(k);
        }
        used.insert(n.id);
        n.latitude = zv.lat;
        n.longitude = zv.lon;
        if (!std::isfinite(n.latitude) || !std::isfinite(n.longitude))
        {
            throw ScenarioError(path,
                                where,
                                "no valid Latitude/Longitude: the link delays cannot be derived");
        }
        n.role = NodeRole::SWITCH;
        out.nodes.push_back(n);
    }
    std::set<std::pair<uint32_t, uint32_t>> pairs;
    uint32_t idx = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g)))
    {
        auto a = static_cast<uint32_t>(boost::source(e, g));
        auto b = static_cast<uint32_t>(boost::target(e, g));
        std::string where = "<edge> #" + std::to_string(idx) + " (" + out.nodes[a].id + " - " +
                            out.nodes[b].id + ")";
        ++idx;
        if (a == b)
        {
            throw ScenarioError(path, where, "self loop");
        }
        if (!pairs.insert({std::min(a, b), std::max(a, b)}).second)
        {
            ++out.parallelLinks;
        }
        ScenarioLink l;
        l.a = a;
        l.b = b;
        double sp = g[e].speed;
        if (std::isnan(sp))
        {
            l.bandwidthBps = defaultLinkBps;
            out.speedKnown.push_back(false);
        }
        else
        {
            l.bandwidthBps = sp;
            if (!(sp > 0) || !std::isfinite(sp))
            {
                throw ScenarioError(path, where, "LinkSpeedRaw is not a positive number");
            }
            out.speedKnown.push_back(true);
        }
        double km = HaversineKm(out.nodes[a].latitude,
                                out.nodes[a].longitude,
                                out.nodes[b].latitude,
                                out.nodes[b].longitude);
        l.delayS = std::max(minLinkDelayS, km * DELAY_PER_KM);
        out.links.push_back(l);
    }
    NS_LOG_INFO(path << ": " << out.nodes.size() << " nodes, " << out.links.size() << " links");
    return out;
}

} // namespace mecpfm
} // namespace ns3
