/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-reader.h"

#include "azure-trace-reader.h"
#include "default-catalogue.h"
#include "json-text.h"
#include "scenario-json.h"
#include "topology-zoo-reader.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ScenarioReader");

/// The largest scenario file read (a 10-million-request scenario is about 1.5 GB).
constexpr long long kMaxScenarioBytes = 4LL << 30;

namespace
{
using Json = nlohmann::json;
using J = ScenarioJson;

/// \return the JSON path of field key of the object at parent
std::string
Child(const std::string& parent, const std::string& key)
{
    return parent + "/" + key;
}

/// \return the JSON path of element i of the array at parent
std::string
Child(const std::string& parent, size_t i)
{
    return parent + "/" + std::to_string(i);
}

/// \return the path of a top-level field
std::string
Top(const std::string& key)
{
    return Child("", key);
}

/// \return s in double quotes, for messages
std::string
Quote(const std::string& s)
{
    return "\"" + s + "\"";
}

/**
 * \param key a key found in a scenario object
 * \return true if it is a field name of some object of the scenario format (then it is no
 * misspelling of another field)
 */
bool
IsFormatField(const std::string& key)
{
    static const std::set<std::string> names = {J::Scenario::NAME,
                                                J::Scenario::HORIZON_S,
                                                J::Scenario::MAX_LOAD,
                                                J::Scenario::ACCESS,
                                                J::Scenario::ON_NO_CANDIDATE,
                                                J::Scenario::CATALOGUE,
                                                J::Scenario::BLOCKS,
                                                J::Scenario::MODELS,
                                                J::Scenario::NODES,
                                                J::Scenario::LINKS,
                                                J::Scenario::TOPOLOGY,
                                                J::Scenario::REQUESTS,
                                                J::Scenario::TRACE,
                                                J::Scenario::FAULTS,
                                                J::Fault::KIND,
                                                J::Fault::NODE,
                                                J::Fault::AT_S,
                                                J::Fault::FOR_S,
                                                J::Access::UPLINK_BPS,
                                                J::Access::DOWNLINK_BPS,
                                                J::Node::ID,
                                                J::Node::ROLE,
                                                J::Node::COMPUTE_FLOPS,
                                                J::Node::ACCELERATORS,
                                                J::Node::STORAGE_BYTES,
                                                J::Node::RESIDENT_BLOCKS,
                                                J::Link::A,
                                                J::Link::B,
                                                J::Link::BANDWIDTH_BPS,
                                                J::Link::DELAY_S,
                                                J::Block::BYTES,
                                                J::Model::FAMILY,
                                                J::Model::TASK,
                                                J::Model::ACCURACY,
                                                J::Model::FLOPS_PER_TOKEN,
                                                J::Request::HOME,
                                                J::Request::MIN_ACCURACY,
                                                J::Request::INPUT_BYTES,
                                                J::Request::OUTPUT_BYTES,
                                                J::Request::TOKENS,
                                                J::Request::ARRIVAL_S,
                                                J::Request::COUNT,
                                                J::Topology::GRAPHML,
                                                J::Topology::CLOUDLETS,
                                                J::Topology::DATACENTER_AT,
                                                J::Topology::CLOUDLET,
                                                J::Topology::DATACENTER,
                                                J::Topology::DATACENTER_LINK_BPS,
                                                J::Topology::DATACENTER_LINK_DELAY_S,
                                                J::Topology::DEFAULT_LINK_BPS,
                                                J::Topology::MIN_LINK_DELAY_S,
                                                J::Trace::AZURE_CSV,
                                                J::Trace::START_ROW,
                                                J::Trace::MAX_REQUESTS,
                                                J::Trace::TIME_SCALE,
                                                J::Trace::BYTES_PER_TOKEN,
                                                J::Trace::TASKS,
                                                J::Trace::TASK_WEIGHTS,
                                                J::Trace::FLOOR_LOW,
                                                J::Trace::FLOOR_HIGH,
                                                J::Trace::SEED,
                                                J::Trace::SIZE_CLASSES};
    return names.count(key) > 0;
}

/// Edit distance, for "did you mean" hints on misspelt fields.
size_t
Distance(const std::string& a, const std::string& b)
{
    std::vector<size_t> prev(b.size() + 1);
    std::vector<size_t> cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
    {
        prev[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i)
    {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
        {
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/**
 * SAX pass that finds the first key repeated within one JSON object (nlohmann-json would
 * otherwise keep the last value silently) and its JSON path.
 */
class DuplicateKeyFinder : public nlohmann::json_sax<Json>
{
  public:
    std::string found; //!< JSON path of the first repeated key, "" if none

    bool null() override
    {
        return Value();
    }

    bool boolean(bool) override
    {
        return Value();
    }

    bool number_integer(number_integer_t) override
    {
        return Value();
    }

    bool number_unsigned(number_unsigned_t) override
    {
        return Value();
    }

    bool number_float(number_float_t, const string_t&) override
    {
        return Value();
    }

    bool string(string_t&) override
    {
        return Value();
    }

    bool binary(binary_t&) override
    {
        return Value();
    }

    bool start_object(std::size_t) override
    {
        m_stack.push_back(Frame{true, {}, "", 0});
        return true;
    }

    bool key(string_t& k) override
    {
        Frame& f = m_stack.back();
        if (!f.keys.insert(k).second)
        {
            m_stack.pop_back();
            found = Path() + "/" + k;
            return false; // stop: the first repetition is reported
        }
        f.key = k;
        return true;
    }

    bool end_object() override
    {
        m_stack.pop_back();
        return Value();
    }

    bool start_array(std::size_t) override
    {
        m_stack.push_back(Frame{false, {}, "", 0});
        return true;
    }

    bool end_array() override
    {
        m_stack.pop_back();
        return Value();
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override
    {
        return false;
    }

  private:
    /// An open object or array.
    struct Frame
    {
        bool object;                //!< object (else array)
        std::set<std::string> keys; //!< keys seen (object)
        std::string key;            //!< current key (object)
        size_t index;               //!< current element (array)
    };

    /// A value ended: the enclosing array moves to its next element.
    bool Value()
    {
        if (!m_stack.empty() && !m_stack.back().object)
        {
            ++m_stack.back().index;
        }
        return true;
    }

    /// \return the JSON path of the value being parsed
    std::string Path() const
    {
        std::string p;
        for (const auto& f : m_stack)
        {
            p += "/" + (f.object ? f.key : std::to_string(f.index));
        }
        return p;
    }

    std::vector<Frame> m_stack; //!< open containers
};

/// Typed access to JSON values with errors naming file and path.
class Reader
{
  public:
    Reader(std::string file, std::string baseDir)
        : m_file(std::move(file)),
          m_baseDir(std::move(baseDir))
    {
    }

    [[noreturn]] void Fail(const std::string& path, const std::string& reason) const
    {
        throw ScenarioError(m_file, path.empty() ? "/" : path, reason);
    }

    const Json& Object(const Json& v, const std::string& path) const
    {
        if (!v.is_object())
        {
            Fail(path, "must be an object");
        }
        return v;
    }

    const Json& Field(const Json& obj, const std::string& key, const std::string& path) const
    {
        Object(obj, path);
        auto it = obj.find(key);
        if (it == obj.end())
        {
            // Hint: the present field nearest to the missing one, if close (at most 2 edits,
            // and fewer than half the name's length: "b" is no misspelling of "a"), and not
            // itself a field of the format ("nodes" is no misspelling of "models").
            std::string hint;
            size_t best = 3;
            for (auto f = obj.begin(); f != obj.end(); ++f)
            {
                size_t d = Distance(f.key(), key);
                if (d < best && 2 * d < key.size() && !IsFormatField(f.key()))
                {
                    best = d;
                    hint = " (found \"" + f.key() + "\": misspelt?)";
                }
            }
            Fail(Child(path, key), "missing required field " + Quote(key) + hint);
        }
        return *it;
    }

    bool Has(const Json& obj, const std::string& key) const
    {
        return obj.is_object() && obj.contains(key);
    }

    double Number(const Json& v, const std::string& path) const
    {
        if (!v.is_number())
        {
            Fail(path, "must be a number");
        }
        double x = v.get<double>();
        if (!std::isfinite(x))
        {
            Fail(path, "must be finite");
        }
        return x;
    }

    double Positive(const Json& v, const std::string& path) const
    {
        double x = Number(v, path);
        if (!(x > 0))
        {
            Fail(path, "must be positive, found " + v.dump());
        }
        return x;
    }

    double NonNegative(const Json& v, const std::string& path) const
    {
        double x = Number(v, path);
        if (x < 0)
        {
            Fail(path, "must be >= 0, found " + v.dump());
        }
        return x;
    }

    /// A link delay: >= 0 and at most ScenarioReader::MAX_LINK_DELAY_S.
    double Delay(const Json& v, const std::string& path) const
    {
        double x = NonNegative(v, path);
        if (x > ScenarioReader::MAX_LINK_DELAY_S)
        {
            Fail(path,
                 "must be at most " + std::to_string(ScenarioReader::MAX_LINK_DELAY_S) +
                     " s, found " + v.dump());
        }
        return x;
    }

    double Unit(const Json& v, const std::string& path) const
    {
        double x = Number(v, path);
        if (x < 0 || x > 1)
        {
            Fail(path, "must be in [0, 1], found " + v.dump());
        }
        return x;
    }

    uint32_t Count(const Json& v, const std::string& path, uint32_t min) const
    {
        double x = Number(v, path);
        if (x != std::floor(x) || x < min || x > 4e9)
        {
            Fail(path, "must be a whole number >= " + std::to_string(min) + ", found " + v.dump());
        }
        return static_cast<uint32_t>(x);
    }

    std::string String(const Json& v, const std::string& path) const
    {
        if (!v.is_string())
        {
            Fail(path, "must be a string");
        }
        auto s = v.get<std::string>();
        if (s.empty())
        {
            Fail(path, "must not be empty");
        }
        return s;
    }

    const Json& Array(const Json& v, const std::string& path) const
    {
        if (!v.is_array())
        {
            Fail(path, "must be an array");
        }
        return v;
    }

    // The same checks on a required field: obj's field key, obj being at parent.

    /// \return the positive number of a required field
    double PositiveField(const Json& obj, const std::string& key, const std::string& parent) const
    {
        return Positive(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the number >= 0 of a required field
    double NonNegativeField(const Json& obj,
                            const std::string& key,
                            const std::string& parent) const
    {
        return NonNegative(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the link delay of a required field
    double DelayField(const Json& obj, const std::string& key, const std::string& parent) const
    {
        return Delay(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the number in [0, 1] of a required field
    double UnitField(const Json& obj, const std::string& key, const std::string& parent) const
    {
        return Unit(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the whole number >= min of a required field
    uint32_t CountField(const Json& obj,
                        const std::string& key,
                        const std::string& parent,
                        uint32_t min) const
    {
        return Count(Field(obj, key, parent), Child(parent, key), min);
    }

    /// \return the non-empty string of a required field
    std::string StringField(const Json& obj,
                            const std::string& key,
                            const std::string& parent) const
    {
        return String(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the array of a required field
    const Json& ArrayField(const Json& obj, const std::string& key, const std::string& parent) const
    {
        return Array(Field(obj, key, parent), Child(parent, key));
    }

    /// \return the whole number >= min of an optional field, def if absent
    uint32_t OptCount(const Json& obj,
                      const std::string& key,
                      const std::string& parent,
                      uint32_t min,
                      uint32_t def) const
    {
        return Has(obj, key) ? Count(obj[key], Child(parent, key), min) : def;
    }

    /// \return the number in [0, 1] of an optional field, def if absent
    double OptUnit(const Json& obj,
                   const std::string& key,
                   const std::string& parent,
                   double def) const
    {
        return Has(obj, key) ? Unit(obj[key], Child(parent, key)) : def;
    }

    /// \return the link delay of an optional field, def if absent
    double OptDelay(const Json& obj,
                    const std::string& key,
                    const std::string& parent,
                    double def) const
    {
        return Has(obj, key) ? Delay(obj[key], Child(parent, key)) : def;
    }

    /// Optional field with a default documented in doc/mec-pfm.rst.
    double OptNumber(const Json& obj,
                     const std::string& key,
                     const std::string& path,
                     double def,
                     bool positive) const
    {
        if (!Has(obj, key))
        {
            return def;
        }
        return positive ? Positive(obj[key], Child(path, key))
                        : NonNegative(obj[key], Child(path, key));
    }

    std::string Resolve(const std::string& rel) const
    {
        if (rel.empty() || rel[0] == '/' || m_baseDir.empty())
        {
            return rel;
        }
        return m_baseDir + "/" + rel;
    }

    const std::string& File() const
    {
        return m_file;
    }

  private:
    std::string m_file;    //!< file name for errors
    std::string m_baseDir; //!< base of relative paths
};

void
ReadCatalogue(const Reader& rd, const Json& doc, MecScenario& s)
{
    if (rd.Has(doc, J::Scenario::CATALOGUE))
    {
        const Json& c = doc[J::Scenario::CATALOGUE];
        if (!c.is_string() || !DefaultCatalogue::BuildNamed(c.get<std::string>(), s.catalogue))
        {
            std::string names;
            for (const auto& n : DefaultCatalogue::GetNames())
            {
                names += (names.empty() ? "" : ", ") + Quote(n);
            }
            rd.Fail(Top(J::Scenario::CATALOGUE), "the named catalogues are " + names);
        }
        if (rd.Has(doc, J::Scenario::BLOCKS) || rd.Has(doc, J::Scenario::MODELS))
        {
            rd.Fail(Top(J::Scenario::CATALOGUE),
                    "give either " + Quote(J::Scenario::CATALOGUE) + " or " +
                        Quote(J::Scenario::BLOCKS) + " and " + Quote(J::Scenario::MODELS));
        }
        return;
    }
    const Json& blocks = rd.ArrayField(doc, J::Scenario::BLOCKS, "");
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        std::string p = Child(Top(J::Scenario::BLOCKS), i);
        const Json& b = rd.Object(blocks[i], p);
        std::string id = rd.StringField(b, J::Block::ID, p);
        double bytes = rd.PositiveField(b, J::Block::BYTES, p);
        if (s.catalogue.FindBlock(id) >= 0)
        {
            rd.Fail(Child(p, J::Block::ID), "duplicate block id " + Quote(id));
        }
        s.catalogue.AddBlock(id, bytes);
    }
    const Json& models = rd.ArrayField(doc, J::Scenario::MODELS, "");
    for (size_t i = 0; i < models.size(); ++i)
    {
        std::string p = Child(Top(J::Scenario::MODELS), i);
        const Json& m = rd.Object(models[i], p);
        PfmModel model;
        model.id = rd.StringField(m, J::Model::ID, p);
        if (s.catalogue.FindModel(model.id) >= 0)
        {
            rd.Fail(Child(p, J::Model::ID), "duplicate model id " + Quote(model.id));
        }
        model.task = rd.StringField(m, J::Model::TASK, p);
        model.accuracy = rd.UnitField(m, J::Model::ACCURACY, p);
        model.flopsPerToken = rd.PositiveField(m, J::Model::FLOPS_PER_TOKEN, p);
        if (rd.Has(m, J::Model::FAMILY))
        {
            model.family = rd.String(m[J::Model::FAMILY], Child(p, J::Model::FAMILY));
        }
        const Json& bl = rd.ArrayField(m, J::Model::BLOCKS, p);
        const std::string blp = Child(p, J::Model::BLOCKS);
        if (bl.empty())
        {
            rd.Fail(blp, "a model needs at least one block");
        }
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (size_t j = 0; j < bl.size(); ++j)
        {
            std::string bp = Child(blp, j);
            std::string id = rd.String(bl[j], bp);
            if (s.catalogue.FindBlock(id) < 0)
            {
                rd.Fail(bp, "unknown block " + Quote(id));
            }
            if (!seen.insert(id).second)
            {
                rd.Fail(bp, "block " + Quote(id) + " listed twice");
            }
            ids.push_back(id);
        }
        s.catalogue.AddModel(model, ids);
    }
}

void
ReadSiteParameters(const Reader& rd, const Json& n, const std::string& p, ScenarioNode& node)
{
    node.computeFlops = rd.PositiveField(n, J::Node::COMPUTE_FLOPS, p);
    if (node.role == NodeRole::CLOUDLET)
    {
        node.accelerators = rd.CountField(n, J::Node::ACCELERATORS, p, 1);
        node.storageBytes = rd.PositiveField(n, J::Node::STORAGE_BYTES, p);
    }
    else
    {
        node.accelerators = rd.OptCount(n, J::Node::ACCELERATORS, p, 1, node.accelerators);
    }
}

void
ReadResident(const Reader& rd,
             const Json& n,
             const std::string& p,
             MecScenario& s,
             ScenarioNode& node)
{
    if (node.role != NodeRole::CLOUDLET)
    {
        return;
    }
    const Json& res = rd.ArrayField(n, J::Node::RESIDENT_BLOCKS, p);
    std::set<int64_t> seen;
    for (size_t j = 0; j < res.size(); ++j)
    {
        std::string rp = Child(Child(p, J::Node::RESIDENT_BLOCKS), j);
        std::string id = rd.String(res[j], rp);
        int64_t k = s.catalogue.FindBlock(id);
        if (k < 0)
        {
            rd.Fail(rp, "unknown block " + Quote(id));
        }
        if (!seen.insert(k).second)
        {
            rd.Fail(rp, "block " + Quote(id) + " listed twice");
        }
        node.residentBlocks.push_back(static_cast<uint32_t>(k));
    }
}

/// \return the role named by a node's "role" field
NodeRole
ReadRole(const Reader& rd, const Json& n, const std::string& p)
{
    std::string role = rd.StringField(n, J::Node::ROLE, p);
    if (role == J::Node::DATACENTER)
    {
        return NodeRole::DATACENTER;
    }
    if (role == J::Node::CLOUDLET)
    {
        return NodeRole::CLOUDLET;
    }
    if (role != J::Node::SWITCH)
    {
        rd.Fail(Child(p, J::Node::ROLE),
                "must be " + Quote(J::Node::DATACENTER) + ", " + Quote(J::Node::CLOUDLET) + " or " +
                    Quote(J::Node::SWITCH) + ", found " + Quote(role));
    }
    return NodeRole::SWITCH;
}

void
ReadInlineTopology(const Reader& rd, const Json& doc, MecScenario& s)
{
    const Json& nodes = rd.ArrayField(doc, J::Scenario::NODES, "");
    std::map<std::string, uint32_t> index;
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        std::string p = Child(Top(J::Scenario::NODES), i);
        const Json& n = rd.Object(nodes[i], p);
        ScenarioNode node;
        node.id = rd.StringField(n, J::Node::ID, p);
        if (index.count(node.id))
        {
            rd.Fail(Child(p, J::Node::ID), "duplicate node id " + Quote(node.id));
        }
        node.role = ReadRole(rd, n, p);
        if (node.role != NodeRole::SWITCH)
        {
            ReadSiteParameters(rd, n, p, node);
        }
        ReadResident(rd, n, p, s, node);
        index[node.id] = static_cast<uint32_t>(s.nodes.size());
        s.nodes.push_back(node);
    }
    const Json& links = rd.ArrayField(doc, J::Scenario::LINKS, "");
    for (size_t i = 0; i < links.size(); ++i)
    {
        std::string p = Child(Top(J::Scenario::LINKS), i);
        const Json& l = rd.Object(links[i], p);
        ScenarioLink link;
        for (bool first : {true, false})
        {
            const char* end = first ? J::Link::A : J::Link::B;
            std::string id = rd.StringField(l, end, p);
            auto it = index.find(id);
            if (it == index.end())
            {
                rd.Fail(Child(p, end), "unknown node " + Quote(id));
            }
            (first ? link.a : link.b) = it->second;
        }
        if (link.a == link.b)
        {
            rd.Fail(p, "a link must join two different nodes");
        }
        link.bandwidthBps = rd.PositiveField(l, J::Link::BANDWIDTH_BPS, p);
        link.delayS = rd.DelayField(l, J::Link::DELAY_S, p);
        s.links.push_back(link);
    }
}

/// The GraphML file read with the topology's options (errors name the field and the file).
ZooGraph
ReadZooGraph(const Reader& rd, const Json& t, const std::string& p, const std::string& file)
{
    ZooReadOptions o;
    o.defaultLinkBps = rd.OptNumber(t, J::Topology::DEFAULT_LINK_BPS, p, 1e9, true);
    o.minLinkDelayS = rd.OptDelay(t, J::Topology::MIN_LINK_DELAY_S, p, 1e-4);
    o.unlocatedLinkDelayS =
        rd.OptDelay(t, J::Topology::UNLOCATED_LINK_DELAY_S, p, o.unlocatedLinkDelayS);
    try
    {
        return TopologyZooReader::Read(file, o);
    }
    catch (const ScenarioError& e)
    {
        // Name the scenario and the field too; e.what() names the GraphML file and element.
        rd.Fail(Child(p, J::Topology::GRAPHML), e.what());
    }
    return ZooGraph();
}

/// Node degrees (links after the reader merged parallel edges).
std::vector<uint32_t>
Degrees(const ZooGraph& g)
{
    std::vector<uint32_t> degree(g.nodes.size(), 0);
    for (const auto& l : g.links)
    {
        ++degree[l.a];
        ++degree[l.b];
    }
    return degree;
}

/// Whether node a ranks before node b: higher degree, then smaller id.
bool
RanksBefore(const ZooGraph& g, const std::vector<uint32_t>& degree, uint32_t a, uint32_t b)
{
    return degree[a] != degree[b] ? degree[a] > degree[b] : g.nodes[a].id < g.nodes[b].id;
}

/**
 * The data center's PoP: "datacenter_at", or the first node in the ranking among the
 * nodes of the largest connected component (the first of equal ones) that are not Zoo
 * hyperedge nodes.
 */
uint32_t
ChoosePop(const Reader& rd, const Json& t, const std::string& p, const ZooGraph& g)
{
    if (rd.Has(t, J::Topology::DATACENTER_AT))
    {
        std::string at =
            rd.String(t[J::Topology::DATACENTER_AT], Child(p, J::Topology::DATACENTER_AT));
        auto it = std::find_if(g.nodes.begin(), g.nodes.end(), [&](const ScenarioNode& x) {
            return x.id == at;
        });
        if (it == g.nodes.end())
        {
            rd.Fail(Child(p, J::Topology::DATACENTER_AT),
                    "unknown node " + Quote(at) + " in " + g.report.file);
        }
        return static_cast<uint32_t>(it - g.nodes.begin());
    }
    auto comp = TopologyZooReader::Components(g);
    std::vector<uint32_t> size(g.nodes.size(), 0);
    for (auto c : comp)
    {
        ++size[c];
    }
    uint32_t largest = static_cast<uint32_t>(std::max_element(size.begin(), size.end()) -
                                             size.begin()); // the first of equals
    auto degree = Degrees(g);
    int64_t pop = -1;
    for (uint32_t v = 0; v < g.nodes.size(); ++v)
    {
        if (comp[v] == largest && !g.hyperedge[v] &&
            (pop < 0 || RanksBefore(g, degree, v, static_cast<uint32_t>(pop))))
        {
            pop = v;
        }
    }
    if (pop < 0)
    {
        rd.Fail(Child(p, J::Topology::GRAPHML), "no node of " + g.report.file + " can be a site");
    }
    return static_cast<uint32_t>(pop);
}

/// Make the first "cloudlets" nodes of the ranking, other than the PoP and hyperedge nodes,
/// cloudlets.
void
ChooseCloudlets(const Reader& rd, const Json& t, const std::string& p, uint32_t pop, ZooGraph& g)
{
    auto degree = Degrees(g);
    std::vector<uint32_t> order;
    for (uint32_t v = 0; v < g.nodes.size(); ++v)
    {
        if (v != pop && !g.hyperedge[v])
        {
            order.push_back(v);
        }
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return RanksBefore(g, degree, a, b);
    });
    auto most = static_cast<uint32_t>(order.size());
    uint32_t nCloudlets =
        rd.OptCount(t, J::Topology::CLOUDLETS, p, 1, std::min<uint32_t>(20, most));
    if (nCloudlets > most || most == 0)
    {
        rd.Fail(Child(p, J::Topology::CLOUDLETS),
                "the graph has " + std::to_string(g.nodes.size()) + " nodes" +
                    (g.report.droppedNodes ? " in the data center's component" : "") +
                    ": at most " + std::to_string(most) +
                    " cloudlets besides the data center's node" +
                    (g.report.hyperedgeNodes ? " and the hyperedge nodes" : ""));
    }
    ScenarioNode cl;
    cl.role = NodeRole::CLOUDLET;
    ReadSiteParameters(rd,
                       rd.Field(t, J::Topology::CLOUDLET, p),
                       Child(p, J::Topology::CLOUDLET),
                       cl);
    for (uint32_t i = 0; i < nCloudlets; ++i)
    {
        auto& node = g.nodes[order[i]];
        node.role = NodeRole::CLOUDLET;
        node.computeFlops = cl.computeFlops;
        node.accelerators = cl.accelerators;
        node.storageBytes = cl.storageBytes;
    }
}

/**
 * "topology": {"graphml": FILE, "cloudlets": N, "datacenter_at": ID,
 *   "cloudlet": {compute_flops, accelerators, storage_bytes},
 *   "datacenter": {compute_flops[, accelerators]}, "datacenter_link_bps",
 *   "datacenter_link_delay_s", "default_link_bps", "min_link_delay_s",
 *   "unlocated_link_delay_s"}
 */
void
ReadZooTopology(const Reader& rd, const Json& doc, MecScenario& s)
{
    const std::string p = Top(J::Scenario::TOPOLOGY);
    const Json& t = rd.Object(doc[J::Scenario::TOPOLOGY], p);
    if (rd.Has(doc, J::Scenario::NODES) || rd.Has(doc, J::Scenario::LINKS))
    {
        rd.Fail(p,
                "give either " + Quote(J::Scenario::TOPOLOGY) + " or " + Quote(J::Scenario::NODES) +
                    " and " + Quote(J::Scenario::LINKS));
    }
    std::string file = rd.Resolve(rd.StringField(t, J::Topology::GRAPHML, p));
    ZooGraph g = ReadZooGraph(rd, t, p, file);
    // Only the PoP's connected component can reach the data center.
    uint32_t pop = TopologyZooReader::KeepComponent(g, ChoosePop(rd, t, p, g));
    ChooseCloudlets(rd, t, p, pop, g);
    ScenarioNode dc;
    dc.role = NodeRole::DATACENTER;
    ReadSiteParameters(rd,
                       rd.Field(t, J::Topology::DATACENTER, p),
                       Child(p, J::Topology::DATACENTER),
                       dc);
    s.nodes = g.nodes;
    s.links = g.links;
    s.topologyReport = g.report.ToString();
    // The data center's node id (a value, not a field name).
    dc.id = "datacenter";
    if (s.FindNode(dc.id) >= 0)
    {
        rd.Fail(p, "the graph already has a node named " + Quote(dc.id));
    }
    dc.latitude = g.nodes[pop].latitude;
    dc.longitude = g.nodes[pop].longitude;
    s.nodes.push_back(dc);
    ScenarioLink up;
    up.a = pop;
    up.b = static_cast<uint32_t>(g.nodes.size());
    up.bandwidthBps = rd.OptNumber(t, J::Topology::DATACENTER_LINK_BPS, p, 1e10, true);
    up.delayS = rd.OptDelay(t, J::Topology::DATACENTER_LINK_DELAY_S, p, 0.01);
    s.links.push_back(up);
}

/**
 * \brief MecScenario::Validate's error at a node or link of a GraphML topology, told where
 * the value came from: "/nodes/3/storage_bytes" does not exist in a file with "topology".
 * A cloudlet's or the data center's parameters come from "/topology/cloudlet" or
 * "/topology/datacenter", the data center's link from "/topology/datacenter_link_*"; what
 * the graph itself gives (reachability, link speeds and delays) is named by the GraphML
 * file and the node or link.
 * \param rd the reader
 * \param doc the scenario's JSON
 * \param s the scenario (the data center and its link are the last node and link)
 * \param e the error
 * \return the error to throw
 */
ScenarioError
TopologyError(const Reader& rd, const Json& doc, const MecScenario& s, const ScenarioError& e)
{
    const std::string p = Top(J::Scenario::TOPOLOGY);
    const std::string& where = e.GetWhere();
    const bool node = where.rfind(Top(J::Scenario::NODES) + "/", 0) == 0;
    const bool link = where.rfind(Top(J::Scenario::LINKS) + "/", 0) == 0;
    if (!node && !link)
    {
        return where == Top(J::Scenario::NODES) ? ScenarioError(e.GetFile(), p, e.GetReason()) : e;
    }
    const std::string rest = where.substr(where.find('/', 1) + 1);
    const size_t i = std::stoul(rest);
    const auto slash = rest.find('/');
    const std::string field = slash == std::string::npos ? "" : rest.substr(slash + 1);
    const std::string graphml =
        rd.Resolve(doc[J::Scenario::TOPOLOGY][J::Topology::GRAPHML].get<std::string>());
    const std::string where2 = Child(p, J::Topology::GRAPHML);
    if (node && i + 1 == s.nodes.size())
    {
        const std::string dc = Child(p, J::Topology::DATACENTER);
        return ScenarioError(e.GetFile(), field.empty() ? dc : Child(dc, field), e.GetReason());
    }
    if (node && s.nodes[i].role == NodeRole::CLOUDLET &&
        (field == J::Node::COMPUTE_FLOPS || field == J::Node::ACCELERATORS ||
         field == J::Node::STORAGE_BYTES))
    {
        return ScenarioError(e.GetFile(),
                             Child(Child(p, J::Topology::CLOUDLET), field),
                             e.GetReason() + " (given to every cloudlet; first: " +
                                 Quote(s.nodes[i].id) + " of " + graphml + ")");
    }
    if (node)
    {
        return ScenarioError(e.GetFile(),
                             where2,
                             graphml + ": node " + Quote(s.nodes[i].id) +
                                 (field.empty() ? "" : " (" + field + ")") + ": " + e.GetReason());
    }
    if (i + 1 == s.links.size())
    {
        return ScenarioError(e.GetFile(),
                             Child(p,
                                   field == J::Link::DELAY_S ? J::Topology::DATACENTER_LINK_DELAY_S
                                                             : J::Topology::DATACENTER_LINK_BPS),
                             e.GetReason());
    }
    const auto& l = s.links[i];
    return ScenarioError(e.GetFile(),
                         where2,
                         graphml + ": link " + Quote(s.nodes[l.a].id) + " - " +
                             Quote(s.nodes[l.b].id) + (field.empty() ? "" : " (" + field + ")") +
                             ": " + e.GetReason());
}

void
ReadInlineRequests(const Reader& rd, const Json& doc, MecScenario& s)
{
    const Json& reqs = rd.ArrayField(doc, J::Scenario::REQUESTS, "");
    for (size_t i = 0; i < reqs.size(); ++i)
    {
        std::string p = Child(Top(J::Scenario::REQUESTS), i);
        const Json& r = rd.Object(reqs[i], p);
        InferenceRequest q;
        std::string home = rd.StringField(r, J::Request::HOME, p);
        int64_t h = s.FindNode(home);
        if (h < 0)
        {
            rd.Fail(Child(p, J::Request::HOME), "unknown node " + Quote(home));
        }
        if (s.nodes[h].role != NodeRole::CLOUDLET)
        {
            rd.Fail(Child(p, J::Request::HOME), "node " + Quote(home) + " is not a cloudlet");
        }
        q.home = static_cast<uint32_t>(h);
        q.task = rd.StringField(r, J::Request::TASK, p);
        if (s.catalogue.GetModelsForTask(q.task).empty())
        {
            rd.Fail(Child(p, J::Request::TASK), "no model serves task " + Quote(q.task));
        }
        q.minAccuracy = rd.UnitField(r, J::Request::MIN_ACCURACY, p);
        q.inputBytes = rd.NonNegativeField(r, J::Request::INPUT_BYTES, p);
        q.outputBytes = rd.NonNegativeField(r, J::Request::OUTPUT_BYTES, p);
        q.tokens = rd.PositiveField(r, J::Request::TOKENS, p);
        q.arrivalS = rd.OptNumber(r, J::Request::ARRIVAL_S, p, 0, false);
        uint32_t count = rd.OptCount(r, J::Request::COUNT, p, 1, 1);
        if (count > ScenarioReader::MAX_REQUESTS - s.requests.size())
        {
            rd.Fail(Child(p, J::Request::COUNT),
                    "more than " + std::to_string(ScenarioReader::MAX_REQUESTS) +
                        " requests in total");
        }
        for (uint32_t c = 0; c < count; ++c)
        {
            s.requests.push_back(q);
        }
    }
}

/// The trace's "tasks" and "task_weights" into o (the defaults if absent).
void
ReadTraceTasks(const Reader& rd,
               const Json& t,
               const std::string& p,
               const MecScenario& s,
               AzureTraceOptions& o)
{
    if (rd.Has(t, J::Trace::TASKS))
    {
        const std::string tsp = Child(p, J::Trace::TASKS);
        const Json& ts = rd.Array(t[J::Trace::TASKS], tsp);
        for (size_t i = 0; i < ts.size(); ++i)
        {
            std::string tp = Child(tsp, i);
            std::string task = rd.String(ts[i], tp);
            if (s.catalogue.GetModelsForTask(task).empty())
            {
                rd.Fail(tp, "no model serves task " + Quote(task));
            }
            o.tasks.push_back(task);
        }
        if (o.tasks.empty())
        {
            rd.Fail(tsp, "must not be empty");
        }
    }
    if (rd.Has(t, J::Trace::TASK_WEIGHTS))
    {
        const std::string wp = Child(p, J::Trace::TASK_WEIGHTS);
        const Json& ws = rd.Array(t[J::Trace::TASK_WEIGHTS], wp);
        size_t want = o.tasks.empty() ? s.catalogue.GetTasks().size() : o.tasks.size();
        if (ws.size() != want)
        {
            rd.Fail(wp, "needs one weight per task (" + std::to_string(want) + ")");
        }
        for (size_t i = 0; i < ws.size(); ++i)
        {
            o.taskWeights.push_back(rd.Positive(ws[i], Child(wp, i)));
        }
    }
}

/**
 * "trace": {"azure_csv": FILE, "start_row", "max_requests", "time_scale",
 *   "bytes_per_token", "tasks": [...], "task_weights": [...], "floor_low", "floor_high",
 *   "size_classes",
 *   "seed"}
 */
void
ReadTrace(const Reader& rd, const Json& doc, MecScenario& s)
{
    const std::string p = Top(J::Scenario::TRACE);
    const Json& t = rd.Object(doc[J::Scenario::TRACE], p);
    if (rd.Has(doc, J::Scenario::REQUESTS))
    {
        rd.Fail(p,
                "give either " + Quote(J::Scenario::TRACE) + " or " + Quote(J::Scenario::REQUESTS));
    }
    std::string file = rd.Resolve(rd.StringField(t, J::Trace::AZURE_CSV, p));
    AzureTraceOptions o;
    o.startRow = rd.OptCount(t, J::Trace::START_ROW, p, 0, o.startRow);
    o.maxRequests = rd.OptCount(t, J::Trace::MAX_REQUESTS, p, 1, o.maxRequests);
    o.timeScale = rd.OptNumber(t, J::Trace::TIME_SCALE, p, 1.0, true);
    o.bytesPerToken = rd.OptNumber(t, J::Trace::BYTES_PER_TOKEN, p, 4.0, true);
    ReadTraceTasks(rd, t, p, s, o);
    o.floorLow = rd.OptUnit(t, J::Trace::FLOOR_LOW, p, 0.6);
    o.floorHigh = rd.OptUnit(t, J::Trace::FLOOR_HIGH, p, 1.0);
    if (o.floorLow > o.floorHigh)
    {
        rd.Fail(Child(p, J::Trace::FLOOR_LOW),
                std::string("must not exceed ") + J::Trace::FLOOR_HIGH);
    }
    o.seed = rd.OptCount(t, J::Trace::SEED, p, 0, o.seed);
    o.sizeClasses = rd.OptCount(t, J::Trace::SIZE_CLASSES, p, 0, o.sizeClasses);
    std::vector<AzureTraceRow> rows;
    try
    {
        rows = AzureTraceReader::Read(file);
    }
    catch (const ScenarioError& e)
    {
        // Name the scenario and the field too; e.what() names the CSV file and line.
        rd.Fail(Child(p, J::Trace::AZURE_CSV), e.what());
    }
    AzureTraceReader::MakeRequests(rows, o, s, rd.File());
}

/// The top level's "on_no_candidate" (optional).
NoCandidatePolicy
ReadNoCandidatePolicy(const Reader& rd, const Json& doc, NoCandidatePolicy def)
{
    if (!rd.Has(doc, J::Scenario::ON_NO_CANDIDATE))
    {
        return def;
    }
    const std::string p = Top(J::Scenario::ON_NO_CANDIDATE);
    std::string v = rd.String(doc[J::Scenario::ON_NO_CANDIDATE], p);
    if (v == J::Scenario::DC_BEST)
    {
        return NoCandidatePolicy::DC_BEST;
    }
    if (v != J::Scenario::REJECT)
    {
        rd.Fail(p,
                "must be " + Quote(J::Scenario::DC_BEST) + " or " + Quote(J::Scenario::REJECT) +
                    ", found " + Quote(v));
    }
    return NoCandidatePolicy::REJECT;
}

/// The node of a fault's field key (an id of the scenario).
uint32_t
FaultNode(const Reader& rd,
          const Json& f,
          const char* key,
          const std::string& p,
          const MecScenario& s)
{
    const std::string id = rd.StringField(f, key, p);
    const int64_t v = s.FindNode(id);
    if (v < 0)
    {
        rd.Fail(Child(p, key), "unknown node " + Quote(id));
    }
    return static_cast<uint32_t>(v);
}

/**
 * \brief Read one fault object at path p and append it to s.faults: a link_down between
 * two nodes takes down every link between them (parallel links too).
 */
void
ReadFault(const Reader& rd, const Json& f, const std::string& p, MecScenario& s)
{
    rd.Object(f, p);
    const std::string kind = rd.StringField(f, J::Fault::KIND, p);
    if (kind != J::Fault::LINK_DOWN && kind != J::Fault::NODE_DOWN)
    {
        rd.Fail(Child(p, J::Fault::KIND),
                "must be " + Quote(J::Fault::LINK_DOWN) + " or " + Quote(J::Fault::NODE_DOWN) +
                    ", found " + Quote(kind));
    }
    ScenarioFault x;
    x.atS = rd.NonNegativeField(f, J::Fault::AT_S, p);
    x.forS = rd.PositiveField(f, J::Fault::FOR_S, p);
    // ns-3's time reaches about 9.2e9 s (the ranges of doc/scenario-format.rst).
    for (const char* key : {J::Fault::AT_S, J::Fault::FOR_S})
    {
        if ((key == J::Fault::AT_S ? x.atS : x.forS) > 1e9)
        {
            rd.Fail(Child(p, key), "must be at most 1e9 s");
        }
    }
    if (kind == J::Fault::NODE_DOWN)
    {
        x.kind = ScenarioFault::NODE_DOWN;
        x.node = FaultNode(rd, f, J::Fault::NODE, p, s);
        if (s.nodes[x.node].role == NodeRole::DATACENTER)
        {
            rd.Fail(Child(p, J::Fault::NODE),
                    "the data center cannot go down (put its links down instead)");
        }
        s.faults.push_back(x);
        return;
    }
    x.kind = ScenarioFault::LINK_DOWN;
    const uint32_t a = FaultNode(rd, f, J::Fault::A, p, s);
    const uint32_t b = FaultNode(rd, f, J::Fault::B, p, s);
    bool found = false;
    for (uint32_t l = 0; l < s.links.size(); ++l)
    {
        const auto& L = s.links[l];
        if ((L.a == a && L.b == b) || (L.a == b && L.b == a))
        {
            x.link = l;
            s.faults.push_back(x);
            found = true;
        }
    }
    if (!found)
    {
        rd.Fail(p, "no link between " + Quote(s.nodes[a].id) + " and " + Quote(s.nodes[b].id));
    }
}

/// The optional "faults" array of a scenario.
void
ReadFaults(const Reader& rd, const Json& doc, MecScenario& s)
{
    if (!rd.Has(doc, J::Scenario::FAULTS))
    {
        return;
    }
    const Json& faults = rd.ArrayField(doc, J::Scenario::FAULTS, "");
    for (size_t i = 0; i < faults.size(); ++i)
    {
        ReadFault(rd, faults[i], Child(Top(J::Scenario::FAULTS), i), s);
    }
}

/// \return the number in text, or a JSON string of it if it is none (an error then)
Json
CompactNumber(const std::string& text)
{
    size_t used = 0;
    try
    {
        const double x = std::stod(text, &used);
        if (used == text.size() && std::isfinite(x))
        {
            return x;
        }
    }
    catch (const std::exception&)
    {
    }
    return text;
}

/**
 * \brief One item of the compact form, KIND:WHAT@AT+FOR, as a fault object. WHAT is a node
 * id (node_down) or two node ids joined by ',' or '-' (link_down; the '-' that splits it
 * into two known ids, as ids may contain '-').
 */
Json
CompactFault(const Reader& rd, const std::string& item, const std::string& p, const MecScenario& s)
{
    const size_t colon = item.find(':');
    const size_t at = item.rfind('@');
    const size_t plus = item.rfind('+');
    if (colon == std::string::npos || at == std::string::npos || plus == std::string::npos ||
        !(colon < at && at < plus))
    {
        rd.Fail(p,
                "must read KIND:WHAT@AT+FOR (for example link_down:s-c1@5+20), found " +
                    Quote(item));
    }
    Json f;
    f[J::Fault::KIND] = item.substr(0, colon);
    const std::string what = item.substr(colon + 1, at - colon - 1);
    f[J::Fault::AT_S] = CompactNumber(item.substr(at + 1, plus - at - 1));
    f[J::Fault::FOR_S] = CompactNumber(item.substr(plus + 1));
    if (f[J::Fault::KIND] != J::Fault::LINK_DOWN)
    {
        f[J::Fault::NODE] = what;
        return f;
    }
    size_t split = what.find(',');
    for (size_t k = what.find('-'); split == std::string::npos && k != std::string::npos;
         k = what.find('-', k + 1))
    {
        if (s.FindNode(what.substr(0, k)) >= 0 && s.FindNode(what.substr(k + 1)) >= 0)
        {
            split = k;
        }
    }
    if (split == std::string::npos)
    {
        split = std::min(what.find('-'), what.size());
    }
    f[J::Fault::A] = what.substr(0, split);
    f[J::Fault::B] = split < what.size() ? what.substr(split + 1) : "";
    return f;
}

} // namespace

MecScenario
ScenarioReader::ReadFile(const std::string& path)
{
    NS_LOG_FUNCTION(path);
    // A scenario is a regular file of bounded size: /dev/zero or a FIFO would be read until
    // memory runs out.
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
    {
        throw ScenarioError(path, "", "cannot open the scenario file");
    }
    if (!S_ISREG(st.st_mode))
    {
        throw ScenarioError(path, "", "not a regular file");
    }
    if (st.st_size > kMaxScenarioBytes)
    {
        throw ScenarioError(path,
                            "",
                            "larger than " + std::to_string(kMaxScenarioBytes >> 20) +
                                " MiB, the most a scenario file may have");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the scenario file");
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto slash = path.find_last_of('/');
    std::string base = slash == std::string::npos ? "." : path.substr(0, slash);
    if (slash == 0)
    {
        base = "/";
    }
    return ReadString(ss.str(), path, base);
}

MecScenario
ScenarioReader::ReadString(const std::string& text,
                           const std::string& file,
                           const std::string& baseDir)
{
    Json doc = JsonText::Parse(text, file);
    Reader rd(file, baseDir);
    DuplicateKeyFinder dup;
    Json::sax_parse(text, &dup);
    if (!dup.found.empty())
    {
        rd.Fail(dup.found, "field given twice in the same object");
    }
    rd.Object(doc, "");
    MecScenario s;
    s.sourceFile = file;
    s.name = rd.StringField(doc, J::Scenario::NAME, "");
    s.horizonS = rd.PositiveField(doc, J::Scenario::HORIZON_S, "");
    s.maxLoad = rd.PositiveField(doc, J::Scenario::MAX_LOAD, "");
    if (s.maxLoad > 1)
    {
        rd.Fail(Top(J::Scenario::MAX_LOAD), "must be in (0, 1]");
    }
    const Json& access = rd.Field(doc, J::Scenario::ACCESS, "");
    const std::string ap = Top(J::Scenario::ACCESS);
    s.uplinkBps = rd.PositiveField(access, J::Access::UPLINK_BPS, ap);
    s.downlinkBps = rd.PositiveField(access, J::Access::DOWNLINK_BPS, ap);
    s.noCandidate = ReadNoCandidatePolicy(rd, doc, s.noCandidate);
    ReadCatalogue(rd, doc, s);
    if (rd.Has(doc, J::Scenario::TOPOLOGY))
    {
        ReadZooTopology(rd, doc, s);
    }
    else
    {
        ReadInlineTopology(rd, doc, s);
    }
    if (rd.Has(doc, J::Scenario::TRACE))
    {
        ReadTrace(rd, doc, s);
    }
    else
    {
        ReadInlineRequests(rd, doc, s);
    }
    ReadFaults(rd, doc, s);
    // Validated in file order, so that an error's /requests/N is the file's N; then in
    // arrival order (stable), ids = positions.
    for (uint32_t i = 0; i < s.requests.size(); ++i)
    {
        s.requests[i].id = i;
    }
    try
    {
        s.Validate(file);
    }
    catch (const ScenarioError& e)
    {
        if (!rd.Has(doc, J::Scenario::TOPOLOGY))
        {
            throw;
        }
        throw TopologyError(rd, doc, s, e);
    }
    std::stable_sort(s.requests.begin(), s.requests.end(), [](const auto& a, const auto& b) {
        return a.arrivalS < b.arrivalS;
    });
    for (uint32_t i = 0; i < s.requests.size(); ++i)
    {
        s.requests[i].id = i;
    }
    return s;
}

void
ScenarioReader::AddFaults(const std::string& spec, const std::string& source, MecScenario& s)
{
    NS_LOG_FUNCTION(spec << source);
    if (!spec.empty() && spec[0] == '@')
    {
        // A file holding a JSON array: read as a scenario is (size and kind checked).
        const std::string path = spec.substr(1);
        struct stat st;
        if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxScenarioBytes)
        {
            throw ScenarioError(path, "", "cannot read the faults file (" + source + ")");
        }
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        const size_t at = text.find_first_not_of(" \t\r\n");
        if (at == std::string::npos || text[at] != '[')
        {
            throw ScenarioError(path, "", "must hold a JSON array of fault objects");
        }
        AddFaults(text, path, s);
        return;
    }
    Reader rd(source, ".");
    const size_t first = spec.find_first_not_of(" \t\r\n");
    Json faults = Json::array();
    if (first != std::string::npos && spec[first] == '[')
    {
        faults = JsonText::Parse(spec, source);
    }
    else
    {
        std::stringstream items(spec);
        std::string item;
        while (std::getline(items, item, ';'))
        {
            if (!item.empty())
            {
                faults.push_back(
                    CompactFault(rd, item, Child(Top(J::Scenario::FAULTS), faults.size()), s));
            }
        }
    }
    rd.Array(faults, Top(J::Scenario::FAULTS));
    for (size_t i = 0; i < faults.size(); ++i)
    {
        ReadFault(rd, faults[i], Child(Top(J::Scenario::FAULTS), i), s);
    }
    s.Validate(source);
}

} // namespace mecpfm
} // namespace ns3
