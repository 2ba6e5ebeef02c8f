/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "topology-zoo-reader.h"

#include "ns3/log.h"

#include <algorithm>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
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
using PTree = boost::property_tree::ptree;

/// A GraphML <key>: the data it names and how its values are typed.
struct KeyInfo
{
    std::string name;       //!< attr.name
    std::string type;       //!< attr.type, "integer" already read as "long"
    std::string domain;     //!< for: node, edge, hyperedge, graph, all
    bool hasDefault{false}; //!< a <default> child was given
    std::string def;        //!< its text
};

/// The parse of one file: its keys, its node ids, what the rules changed.
struct ZooParse
{
    std::string path;                                        //!< the file, for errors
    std::map<std::string, KeyInfo> keys;                     //!< by key id
    std::map<std::string, uint32_t> nodeIds;                 //!< GraphML node id -> index
    std::vector<double> speed;                               //!< per link: LinkSpeedRaw or NaN
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> pairs; //!< node pair -> link
};

/// The names of the data the reader uses.
const char* const LABEL = "label";
const char* const LATITUDE = "Latitude";
const char* const LONGITUDE = "Longitude";
const char* const LINK_SPEED = "LinkSpeedRaw";
const char* const HYPEREDGE = "hyperedge";

/// The value of an XML attribute of e, "" if absent.
std::string
Attr(const PTree& e, const std::string& name)
{
    // '/' as the path separator: GraphML attribute names contain '.' (attr.name).
    return e.get<std::string>(PTree::path_type("<xmlattr>/" + name, '/'), "");
}

/// Whether e has that XML attribute.
bool
HasAttr(const PTree& e, const std::string& name)
{
    return e.get_child_optional(PTree::path_type("<xmlattr>/" + name, '/')).has_value();
}

/// s without leading and trailing white space.
std::string
Trim(const std::string& s)
{
    size_t b = s.find_first_not_of(" \t\r\n");
    size_t e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/**
 * A value as a number by its key's type (GraphML: int, long, float, double, boolean;
 * string is read as a number too); false if it is not one.
 */
bool
ParseNumber(const std::string& text, const std::string& type, double& out)
{
    std::string t = Trim(text);
    if (t.empty())
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    if (type == "int" || type == "long")
    {
        long long v = std::strtoll(t.c_str(), &end, 10);
        out = static_cast<double>(v);
    }
    else if (type == "boolean")
    {
        if (t == "true" || t == "false")
        {
            out = t == "true";
            return true;
        }
        long long v = std::strtoll(t.c_str(), &end, 10);
        out = static_cast<double>(v);
        return *end == '\0' && (v == 0 || v == 1);
    }
    else
    {
        out = std::strtod(t.c_str(), &end);
    }
    return *end == '\0' && errno == 0;
}

/// The file as an XML tree with a <graphml> root (errors: unreadable, not XML, no root).
PTree
LoadXml(std::istream& in, const std::string& path)
{
    PTree doc;
    try
    {
        boost::property_tree::read_xml(in, doc);
    }
    catch (const boost::property_tree::xml_parser_error& e)
    {
        throw ScenarioError(path,
                            "",
                            "not a readable GraphML file: " + e.message() + " (line " +
                                std::to_string(e.line()) + ")");
    }
    if (!doc.get_child_optional("graphml"))
    {
        throw ScenarioError(path, "", "not a readable GraphML file: no <graphml> element");
    }
    return doc;
}

/// The <key> elements: names, types ("integer" read as "long"), defaults.
void
ReadKeys(ZooParse& zp, const PTree& graphml, ZooReadReport& report)
{
    static const std::set<std::string> types{"boolean", "int", "long", "float", "double", "string"};
    static const std::set<std::string> used{LABEL, LATITUDE, LONGITUDE, LINK_SPEED, HYPEREDGE};
    uint32_t k = 0;
    for (const auto& child : graphml)
    {
        if (child.first != "key")
        {
            continue;
        }
        const PTree& e = child.second;
        KeyInfo key;
        std::string id = Attr(e, "id");
        key.name = Attr(e, "attr.name");
        key.domain = HasAttr(e, "for") ? Attr(e, "for") : "all";
        key.type = HasAttr(e, "attr.type") ? Attr(e, "attr.type") : "string";
        std::string where = "<key> #" + std::to_string(k++) + " (id \"" + id + "\")";
        if (key.type == "integer")
        {
            key.type = "long";
            ++report.nonStandardKeyTypes;
        }
        if (!types.count(key.type) && used.count(key.name))
        {
            throw ScenarioError(zp.path,
                                where,
                                "attr.type \"" + key.type + "\" of " + key.name +
                                    " is not a GraphML type");
        }
        if (auto d = e.get_child_optional("default"))
        {
            key.hasDefault = true;
            key.def = d->data();
        }
        zp.keys[id] = key;
    }
}

/// The data of an element by key name, the key's <default> where the element has none.
std::map<std::string, std::pair<std::string, const KeyInfo*>>
ElementData(const ZooParse& zp, const PTree& e, const std::string& domain)
{
    std::map<std::string, std::pair<std::string, const KeyInfo*>> out;
    for (const auto& kv : zp.keys)
    {
        const KeyInfo& k = kv.second;
        if (k.hasDefault && (k.domain == domain || k.domain == "all"))
        {
            out[k.name] = {k.def, &k};
        }
    }
    for (const auto& child : e)
    {
        if (child.first != "data")
        {
            continue;
        }
        auto it = zp.keys.find(Attr(child.second, "key"));
        if (it != zp.keys.end()) // data of an undeclared key says nothing the reader uses
        {
            out[it->second.name] = {child.second.data(), &it->second};
        }
    }
    return out;
}

/// A coordinate in [-limit, limit] degrees, or NaN.
double
Coordinate(const std::map<std::string, std::pair<std::string, const KeyInfo*>>& data,
           const char* name,
           double limit)
{
    auto it = data.find(name);
    double v = 0;
    if (it == data.end() || !ParseNumber(it->second.first, it->second.second->type, v) ||
        !std::isfinite(v) || std::fabs(v) > limit)
    {
        return std::nan("");
    }
    return v;
}

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

/// The node's id: its label made unique, "n<k>" without a label.
std::string
UniqueId(const std::string& label, uint32_t k, std::set<std::string>& used, uint32_t& renamed)
{
    std::string base = label.empty() ? "n" + std::to_string(k) : label;
    std::string id = base;
    for (int s = 2; used.count(id); ++s)
    {
        id = base + "-" + std::to_string(s);
    }
    renamed += id != base;
    used.insert(id);
    return id;
}

/// The <node> elements: unique ids, coordinates (or unlocated), hyperedge flags.
void
ReadNodes(ZooParse& zp, const PTree& graph, ZooGraph& out)
{
    std::set<std::string> used;
    uint32_t k = 0;
    for (const auto& child : graph)
    {
        if (child.first != "node")
        {
            continue;
        }
        auto data = ElementData(zp, child.second, "node");
        std::string label = data.count(LABEL) ? data[LABEL].first : "";
        CheckUtf8Label(zp.path, k, label);
        std::string where =
            "<node> #" + std::to_string(k) + (label.empty() ? "" : " (label \"" + label + "\")");
        std::string gid = Attr(child.second, "id");
        if (!zp.nodeIds.emplace(gid, k).second)
        {
            throw ScenarioError(zp.path, where, "node id \"" + gid + "\" given twice");
        }
        ScenarioNode n;
        n.id = UniqueId(label, k, used, out.report.labelsRenamed);
        n.latitude = Coordinate(data, LATITUDE, 90);
        n.longitude = Coordinate(data, LONGITUDE, 180);
        n.role = NodeRole::SWITCH;
        bool located = std::isfinite(n.latitude) && std::isfinite(n.longitude);
        double hyper = 0;
        if (data.count(HYPEREDGE) &&
            !ParseNumber(data[HYPEREDGE].first, data[HYPEREDGE].second->type, hyper))
        {
            throw ScenarioError(zp.path, where, "hyperedge is not a number");
        }
        out.report.unlocatedNodes += !located;
        out.report.hyperedgeNodes += hyper != 0;
        out.nodes.push_back(n);
        out.located.push_back(located);
        out.hyperedge.push_back(hyper != 0);
        ++k;
    }
    out.report.fileNodes = k;
}

/// LinkSpeedRaw of an edge element, NaN if absent.
double
EdgeSpeed(const ZooParse& zp, const PTree& e, const std::string& where)
{
    auto data = ElementData(zp, e, "edge");
    auto it = data.find(LINK_SPEED);
    if (it == data.end())
    {
        return std::nan("");
    }
    double sp = 0;
    if (!ParseNumber(it->second.first, it->second.second->type, sp) || !(sp > 0) ||
        !std::isfinite(sp))
    {
        throw ScenarioError(zp.path, where, "LinkSpeedRaw is not a positive number");
    }
    return sp;
}

/// One undirected edge: dropped (self loop), merged (parallel) or a new link.
void
AddEdge(ZooParse& zp, uint32_t a, uint32_t b, double speed, ZooGraph& out)
{
    if (a == b)
    {
        ++out.report.selfLoopsDropped;
        return;
    }
    auto key = std::make_pair(std::min(a, b), std::max(a, b));
    auto it = zp.pairs.find(key);
    if (it == zp.pairs.end())
    {
        zp.pairs[key] = static_cast<uint32_t>(out.links.size());
        ScenarioLink l;
        l.a = a;
        l.b = b;
        out.links.push_back(l);
        zp.speed.push_back(speed);
        return;
    }
    ++out.report.parallelMerged;
    double& kept = zp.speed[it->second];
    if (std::isnan(kept) || speed > kept)
    {
        kept = speed; // NaN (no speed) only stays if no merged edge has one
    }
}

/// The index of the node a GraphML id names (an edge or hyperedge end).
uint32_t
EndNode(const ZooParse& zp, const std::string& gid, const std::string& where, const char* end)
{
    auto it = zp.nodeIds.find(gid);
    if (it == zp.nodeIds.end())
    {
        throw ScenarioError(zp.path,
                            where,
                            std::string(end) + " \"" + gid + "\" is not the id of a <node>");
    }
    return it->second;
}

/// A <hyperedge>: one edge between every two of its endpoints.
void
ReadHyperedge(ZooParse& zp, const PTree& h, uint32_t k, ZooGraph& out)
{
    std::string where = "<hyperedge> #" + std::to_string(k);
    std::vector<uint32_t> ends;
    for (const auto& child : h)
    {
        if (child.first == "endpoint")
        {
            ends.push_back(EndNode(zp, Attr(child.second, "node"), where, "endpoint"));
        }
    }
    double speed = EdgeSpeed(zp, h, where);
    for (size_t i = 0; i < ends.size(); ++i)
    {
        for (size_t j = i + 1; j < ends.size(); ++j)
        {
            AddEdge(zp, ends[i], ends[j], speed, out);
        }
    }
    ++out.report.hyperedgesExpanded;
}

/// The <edge> and <hyperedge> elements of the graph, in file order.
void
ReadEdges(ZooParse& zp, const PTree& graph, ZooGraph& out)
{
    uint32_t k = 0;
    uint32_t h = 0;
    for (const auto& child : graph)
    {
        if (child.first == "hyperedge")
        {
            ReadHyperedge(zp, child.second, h++, out);
            continue;
        }
        if (child.first != "edge")
        {
            continue;
        }
        std::string where = "<edge> #" + std::to_string(k++);
        uint32_t a = EndNode(zp, Attr(child.second, "source"), where, "source");
        uint32_t b = EndNode(zp, Attr(child.second, "target"), where, "target");
        where += " (" + out.nodes[a].id + " - " + out.nodes[b].id + ")";
        AddEdge(zp, a, b, EdgeSpeed(zp, child.second, where), out);
    }
    out.report.fileEdges = k;
}

/// The median rule's delay: the median of the located links' delays, or the fallback.
double
UnlocatedDelay(const ZooGraph& g, const ZooReadOptions& o, UnlocatedDelayRule& rule)
{
    if (!std::isnan(o.unlocatedLinkDelayS))
    {
        rule = UnlocatedDelayRule::GIVEN;
        return std::max(o.minLinkDelayS, o.unlocatedLinkDelayS);
    }
    std::vector<double> d;
    for (const auto& l : g.links)
    {
        if (g.located[l.a] && g.located[l.b])
        {
            d.push_back(l.delayS);
        }
    }
    if (d.empty())
    {
        rule = UnlocatedDelayRule::FALLBACK;
        return std::max(o.minLinkDelayS, o.fallbackLinkDelayS);
    }
    rule = UnlocatedDelayRule::MEDIAN;
    std::sort(d.begin(), d.end());
    size_t m = d.size() / 2;
    return d.size() % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}

/// Great-circle delays, the unlocated rule, LinkSpeedRaw or the default bandwidth.
void
SetLinkDelaysAndSpeeds(const ZooParse& zp, const ZooReadOptions& o, ZooGraph& g)
{
    for (size_t i = 0; i < g.links.size(); ++i)
    {
        auto& l = g.links[i];
        const auto& a = g.nodes[l.a];
        const auto& b = g.nodes[l.b];
        l.delayS = std::nan("");
        if (g.located[l.a] && g.located[l.b])
        {
            double km =
                TopologyZooReader::HaversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
            l.delayS = std::max(o.minLinkDelayS, km * TopologyZooReader::DELAY_PER_KM);
        }
        bool known = !std::isnan(zp.speed[i]);
        l.bandwidthBps = known ? zp.speed[i] : o.defaultLinkBps;
        g.speedKnown.push_back(known);
        g.report.defaultSpeedLinks += known ? 0 : 1;
        g.report.defaultLinkBps = o.defaultLinkBps;
    }
    UnlocatedDelayRule rule = UnlocatedDelayRule::NONE;
    double d = UnlocatedDelay(g, o, rule);
    for (auto& l : g.links)
    {
        if (std::isnan(l.delayS))
        {
            l.delayS = d;
            ++g.report.unlocatedLinks;
        }
    }
    if (g.report.unlocatedLinks > 0)
    {
        g.report.unlocatedRule = rule;
        g.report.unlocatedDelayS = d;
    }
}

/// The file name of a path.
std::string
BaseName(const std::string& path)
{
    size_t s = path.find_last_of('/');
    return s == std::string::npos ? path : path.substr(s + 1);
}

/// "1 node", "2 nodes": a count with its noun in the right number.
std::string
Plural(uint64_t n, const std::string& one, const std::string& many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::string
ZooReadReport::ToString() const
{
    std::string s = file + ": " + Plural(fileNodes, "node", "nodes") + ", " +
                    Plural(fileEdges, "edge", "edges");
    std::vector<std::string> parts;
    if (unlocatedNodes > 0)
    {
        char d[160];
        const char* why = unlocatedRule == UnlocatedDelayRule::MEDIAN     ? "the median delay"
                          : unlocatedRule == UnlocatedDelayRule::FALLBACK ? "the fallback delay"
                                                                          : "the set delay";
        std::snprintf(d,
                      sizeof(d),
                      " (%u link%s given %s %.3f ms%s)",
                      unlocatedLinks,
                      unlocatedLinks == 1 ? "" : "s",
                      why,
                      unlocatedDelayS * 1e3,
                      unlocatedRule == UnlocatedDelayRule::FALLBACK ? ", no located link" : "");
        parts.push_back(std::to_string(unlocatedNodes) + " without coordinates" +
                        (unlocatedLinks > 0 ? d : ""));
    }
    auto count = [&parts](uint32_t n, const std::string& one, const std::string& many) {
        if (n > 0)
        {
            parts.push_back(Plural(n, one, many));
        }
    };
    count(selfLoopsDropped, "self-loop dropped", "self-loops dropped");
    count(parallelMerged, "parallel edge merged", "parallel edges merged");
    count(labelsRenamed, "repeated label renamed", "repeated labels renamed");
    count(hyperedgeNodes, "hyperedge node (never a cloudlet)", "hyperedge nodes (never cloudlets)");
    count(hyperedgesExpanded, "<hyperedge> element made links", "<hyperedge> elements made links");
    count(nonStandardKeyTypes,
          "key of type \"integer\" read as \"long\"",
          "keys of type \"integer\" read as \"long\"");
    if (droppedNodes > 0)
    {
        std::string ids;
        for (size_t i = 0; i < droppedIds.size() && i < 8; ++i)
        {
            ids += (i ? ", " : "") + droppedIds[i];
        }
        parts.push_back(Plural(droppedNodes, "node", "nodes") + " in " +
                        Plural(droppedComponents, "other component", "other components") +
                        " dropped (" + ids + (droppedIds.size() > 8 ? ", ..." : "") + ")");
    }
    for (const auto& p : parts)
    {
        s += ", " + p;
    }
    // Not a rule that changes the file, but a value the file does not give: always said.
    if (defaultSpeedLinks > 0)
    {
        char b[96];
        std::snprintf(b,
                      sizeof(b),
                      "%s%u link%s without LinkSpeedRaw given %g Gbit/s",
                      parts.empty() ? "; " : ", ",
                      defaultSpeedLinks,
                      defaultSpeedLinks == 1 ? "" : "s",
                      defaultLinkBps / 1e9);
        s += b;
    }
    return s + (parts.empty() && defaultSpeedLinks == 0 ? "; used as in the file" : "");
}

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
TopologyZooReader::Read(const std::string& path, const ZooReadOptions& options)
{
    NS_LOG_FUNCTION(path << options.defaultLinkBps << options.minLinkDelayS);
    std::ifstream in(path);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the GraphML file");
    }
    return Read(in, path, options);
}

ZooGraph
TopologyZooReader::Read(std::istream& in, const std::string& path, const ZooReadOptions& options)
{
    PTree doc = LoadXml(in, path);
    const PTree& graphml = doc.get_child("graphml");
    auto graph = graphml.get_child_optional("graph");
    if (!graph)
    {
        throw ScenarioError(path, "", "no <graph> element in <graphml>");
    }
    ZooParse zp;
    zp.path = path;
    ZooGraph out;
    out.report.file = BaseName(path);
    ReadKeys(zp, graphml, out.report);
    ReadNodes(zp, *graph, out);
    ReadEdges(zp, *graph, out);
    SetLinkDelaysAndSpeeds(zp, options, out);
    NS_LOG_INFO(out.report.ToString());
    return out;
}

std::vector<uint32_t>
TopologyZooReader::Components(const ZooGraph& g)
{
    const uint32_t none = UINT32_MAX;
    std::vector<std::vector<uint32_t>> adj(g.nodes.size());
    for (const auto& l : g.links)
    {
        adj[l.a].push_back(l.b);
        adj[l.b].push_back(l.a);
    }
    std::vector<uint32_t> comp(g.nodes.size(), none);
    uint32_t next = 0;
    for (uint32_t s = 0; s < g.nodes.size(); ++s)
    {
        if (comp[s] != none)
        {
            continue;
        }
        std::vector<uint32_t> stack{s};
        comp[s] = next;
        while (!stack.empty())
        {
            uint32_t v = stack.back();
            stack.pop_back();
            for (auto w : adj[v])
            {
                if (comp[w] == none)
                {
                    comp[w] = next;
                    stack.push_back(w);
                }
            }
        }
        ++next;
    }
    return comp;
}

uint32_t
TopologyZooReader::KeepComponent(ZooGraph& g, uint32_t node)
{
    NS_LOG_FUNCTION(node);
    auto comp = Components(g);
    std::vector<uint32_t> index(g.nodes.size(), UINT32_MAX);
    ZooGraph kept;
    kept.report = g.report;
    std::set<uint32_t> dropped;
    for (uint32_t v = 0; v < g.nodes.size(); ++v)
    {
        if (comp[v] != comp[node])
        {
            kept.report.droppedIds.push_back(g.nodes[v].id);
            dropped.insert(comp[v]);
            continue;
        }
        index[v] = static_cast<uint32_t>(kept.nodes.size());
        kept.nodes.push_back(g.nodes[v]);
        kept.located.push_back(g.located[v]);
        kept.hyperedge.push_back(g.hyperedge[v]);
    }
    for (size_t i = 0; i < g.links.size(); ++i)
    {
        if (index[g.links[i].a] != UINT32_MAX)
        {
            ScenarioLink l = g.links[i];
            l.a = index[l.a];
            l.b = index[l.b];
            kept.links.push_back(l);
            kept.speedKnown.push_back(g.speedKnown[i]);
        }
    }
    kept.report.droppedNodes += static_cast<uint32_t>(g.nodes.size() - kept.nodes.size());
    kept.report.droppedComponents += static_cast<uint32_t>(dropped.size());
    g = kept;
    return index[node];
}

} // namespace mecpfm
} // namespace ns3
