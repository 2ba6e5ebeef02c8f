/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "topology-zoo-reader.h"

#include "ns3/log.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <cmath>
#include <cstdio>
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

/**
 * \brief Labels become node ids, which go into plan files and requests.csv: a label that is
 * not UTF-8 (a Latin-1 file, a cut multi-byte sequence) is refused here, where the file and
 * node are known.
 * \param path the GraphML file
 * \param v the node's number (order of the <node> elements)
 * \param label its label
 * \throw ScenarioError naming the file, the node and the first bad byte's offset in the label
 */
void
CheckUtf8Label(const std::string& path, size_t v, const std::string& label)
{
    size_t i = 0;
    while (i < label.size())
    {
        const auto c = static_cast<unsigned char>(label[i]);
        // Lead byte: the sequence's length and the least code point (no overlong forms).
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
        for (size_t k = 1; n > 0 && k < n; ++k)
        {
            const auto d = i + k < label.size() ? static_cast<unsigned char>(label[i + k]) : 0;
            n = (d >> 6) == 2 ? n : 0;
            cp = (cp << 6) | (d & 0x3f);
        }
        const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (n == 0 || cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        {
            char hex[8];
            std::snprintf(hex, sizeof(hex), "0x%02x", c);
            throw ScenarioError(path,
                                "<node> #" + std::to_string(v),
                                "label is not valid UTF-8: byte " + std::to_string(i) + " (" + hex +
                                    ") of the label");
        }
        i += n;
    }
}

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
        CheckUtf8Label(path, v, zv.label);
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
