/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-reader.h"

#include "azure-trace-reader.h"
#include "default-catalogue.h"
#include "topology-zoo-reader.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ScenarioReader");

namespace
{
using Json = nlohmann::json;

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
            // and fewer than half the name's length: "b" is no misspelling of "a").
            std::string hint;
            size_t best = 3;
            for (auto f = obj.begin(); f != obj.end(); ++f)
            {
                size_t d = Distance(f.key(), key);
                if (d < best && 2 * d < key.size())
                {
                    best = d;
                    hint = " (found \"" + f.key() + "\": misspelt?)";
                }
            }
            Fail(path + "/" + key, "missing required field \"" + key + "\"" + hint);
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
        return positive ? Positive(obj[key], path + "/" + key)
                        : NonNegative(obj[key], path + "/" + key);
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
    if (rd.Has(doc, "catalogue"))
    {
        const Json& c = doc["catalogue"];
        if (!c.is_string() || c.get<std::string>() != "default")
        {
            rd.Fail("/catalogue", "the only named catalogue is \"default\"");
        }
        if (rd.Has(doc, "blocks") || rd.Has(doc, "models"))
        {
            rd.Fail("/catalogue", "give either \"catalogue\" or \"blocks\" and \"models\"");
        }
        s.catalogue = DefaultCatalogue::Build();
        return;
    }
    const Json& blocks = rd.Array(rd.Field(doc, "blocks", ""), "/blocks");
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        std::string p = "/blocks/" + std::to_string(i);
        const Json& b = rd.Object(blocks[i], p);
        std::string id = rd.String(rd.Field(b, "id", p), p + "/id");
        double bytes = rd.Positive(rd.Field(b, "bytes", p), p + "/bytes");
        if (s.catalogue.FindBlock(id) >= 0)
        {
            rd.Fail(p + "/id", "duplicate block id \"" + id + "\"");
        }
        s.catalogue.AddBlock(id, bytes);
    }
    const Json& models = rd.Array(rd.Field(doc, "models", ""), "/models");
    for (size_t i = 0; i < models.size(); ++i)
    {
        std::string p = "/models/" + std::to_string(i);
        const Json& m = rd.Object(models[i], p);
        PfmModel model;
        model.id = rd.String(rd.Field(m, "id", p), p + "/id");
        if (s.catalogue.FindModel(model.id) >= 0)
        {
            rd.Fail(p + "/id", "duplicate model id \"" + model.id + "\"");
        }
        model.task = rd.String(rd.Field(m, "task", p), p + "/task");
        model.accuracy = rd.Unit(rd.Field(m, "accuracy", p), p + "/accuracy");
        model.flopsPerToken =
            rd.Positive(rd.Field(m, "flops_per_token", p), p + "/flops_per_token");
        if (rd.Has(m, "family"))
        {
            model.family = rd.String(m["family"], p + "/family");
        }
        const Json& bl = rd.Array(rd.Field(m, "blocks", p), p + "/blocks");
        if (bl.empty())
        {
            rd.Fail(p + "/blocks", "a model needs at least one block");
        }
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (size_t j = 0; j < bl.size(); ++j)
        {
            std::string bp = p + "/blocks/" + std::to_string(j);
            std::string id = rd.String(bl[j], bp);
            if (s.catalogue.FindBlock(id) < 0)
            {
                rd.Fail(bp, "unknown block \"" + id + "\"");
            }
            if (!seen.insert(id).second)
            {
                rd.Fail(bp, "block \"" + id + "\" listed twice");
            }
            ids.push_back(id);
        }
        s.catalogue.AddModel(model, ids);
    }
}

void
ReadSiteParameters(const Reader& rd, const Json& n, const std::string& p, ScenarioNode& node)
{
    node.computeFlops = rd.Positive(rd.Field(n, "compute_flops", p), p + "/compute_flops");
    if (node.role == NodeRole::CLOUDLET)
    {
        node.accelerators = rd.Count(rd.Field(n, "accelerators", p), p + "/accelerators", 1);
        node.storageBytes = rd.Positive(rd.Field(n, "storage_bytes", p), p + "/storage_bytes");
    }
    else if (rd.Has(n, "accelerators"))
    {
        node.accelerators = rd.Count(n["accelerators"], p + "/accelerators", 1);
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
    const Json& res = rd.Array(rd.Field(n, "resident_blocks", p), p + "/resident_blocks");
    std::set<int64_t> seen;
    for (size_t j = 0; j < res.size(); ++j)
    {
        std::string rp = p + "/resident_blocks/" + std::to_string(j);
        std::string id = rd.String(res[j], rp);
        int64_t k = s.catalogue.FindBlock(id);
        if (k < 0)
        {
            rd.Fail(rp, "unknown block \"" + id + "\"");
        }
        if (!seen.insert(k).second)
        {
            rd.Fail(rp, "block \"" + id + "\" listed twice");
        }
        node.residentBlocks.push_back(static_cast<uint32_t>(k));
    }
}

void
ReadInlineTopology(const Reader& rd, const Json& doc, MecScenario& s)
{
    const Json& nodes = rd.Array(rd.Field(doc, "nodes", ""), "/nodes");
    std::map<std::string, uint32_t> index;
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        std::string p = "/nodes/" + std::to_string(i);
        const Json& n = rd.Object(nodes[i], p);
        ScenarioNode node;
        node.id = rd.String(rd.Field(n, "id", p), p + "/id");
        if (index.count(node.id))
        {
            rd.Fail(p + "/id", "duplicate node id \"" + node.id + "\"");
        }
        std::string role = rd.String(rd.Field(n, "role", p), p + "/role");
        if (role == "datacenter")
        {
            node.role = NodeRole::DATACENTER;
        }
        else if (role == "cloudlet")
        {
            node.role = NodeRole::CLOUDLET;
        }
        else if (role == "switch")
        {
            node.role = NodeRole::SWITCH;
        }
        else
        {
            rd.Fail(p + "/role",
                    "must be \"datacenter\", \"cloudlet\" or \"switch\", found \"" + role + "\"");
        }
        if (node.role != NodeRole::SWITCH)
        {
            ReadSiteParameters(rd, n, p, node);
        }
        ReadResident(rd, n, p, s, node);
        index[node.id] = static_cast<uint32_t>(s.nodes.size());
        s.nodes.push_back(node);
    }
    const Json& links = rd.Array(rd.Field(doc, "links", ""), "/links");
    for (size_t i = 0; i < links.size(); ++i)
    {
        std::string p = "/links/" + std::to_string(i);
        const Json& l = rd.Object(links[i], p);
        ScenarioLink link;
        for (const char* end : {"a", "b"})
        {
            std::string id = rd.String(rd.Field(l, end, p), p + "/" + end);
            auto it = index.find(id);
            if (it == index.end())
            {
                rd.Fail(p + "/" + end, "unknown node \"" + id + "\"");
            }
            (std::string(end) == "a" ? link.a : link.b) = it->second;
        }
        if (link.a == link.b)
        {
            rd.Fail(p, "a link must join two different nodes");
        }
        link.bandwidthBps = rd.Positive(rd.Field(l, "bandwidth_bps", p), p + "/bandwidth_bps");
        link.delayS = rd.Delay(rd.Field(l, "delay_s", p), p + "/delay_s");
        s.links.push_back(link);
    }
}

/**
 * "topology": {"graphml": FILE, "cloudlets": N, "datacenter_at": ID,
 *   "cloudlet": {compute_flops, accelerators, storage_bytes},
 *   "datacenter": {compute_flops[, accelerators]}, "datacenter_link_bps",
 *   "datacenter_link_delay_s", "default_link_bps", "min_link_delay_s"}
 */
void
ReadZooTopology(const Reader& rd, const Json& doc, MecScenario& s)
{
    const std::string p = "/topology";
    const Json& t = rd.Object(doc["topology"], p);
    if (rd.Has(doc, "nodes") || rd.Has(doc, "links"))
    {
        rd.Fail(p, "give either \"topology\" or \"nodes\" and \"links\"");
    }
    std::string file = rd.Resolve(rd.String(rd.Field(t, "graphml", p), p + "/graphml"));
    double defBps = rd.OptNumber(t, "default_link_bps", p, 1e9, true);
    double minDelay = rd.Has(t, "min_link_delay_s")
                          ? rd.Delay(t["min_link_delay_s"], p + "/min_link_delay_s")
                          : 1e-4;
    ZooGraph g;
    try
    {
        g = TopologyZooReader::Read(file, defBps, minDelay);
    }
    catch (const ScenarioError& e)
    {
        // Name the scenario and the field too; e.what() names the GraphML file and element.
        rd.Fail(p + "/graphml", e.what());
    }
    uint32_t n = static_cast<uint32_t>(g.nodes.size());
    uint32_t nCloudlets = rd.Has(t, "cloudlets") ? rd.Count(t["cloudlets"], p + "/cloudlets", 1)
                                                 : std::min<uint32_t>(20, n - 1);
    if (nCloudlets + 1 > n)
    {
        rd.Fail(p + "/cloudlets",
                "the graph has " + std::to_string(n) + " nodes: at most " + std::to_string(n - 1) +
                    " cloudlets besides the data center's node");
    }
    // Degrees; ranking by degree (descending), then id.
    std::vector<uint32_t> degree(n, 0);
    for (const auto& l : g.links)
    {
        ++degree[l.a];
        ++degree[l.b];
    }
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return degree[a] != degree[b] ? degree[a] > degree[b] : g.nodes[a].id < g.nodes[b].id;
    });
    uint32_t pop = order[0];
    if (rd.Has(t, "datacenter_at"))
    {
        std::string at = rd.String(t["datacenter_at"], p + "/datacenter_at");
        auto it = std::find_if(g.nodes.begin(), g.nodes.end(), [&](const ScenarioNode& x) {
            return x.id == at;
        });
        if (it == g.nodes.end())
        {
            rd.Fail(p + "/datacenter_at", "unknown node \"" + at + "\" in " + file);
        }
        pop = static_cast<uint32_t>(it - g.nodes.begin());
    }
    ScenarioNode cl;
    cl.role = NodeRole::CLOUDLET;
    ReadSiteParameters(rd, rd.Field(t, "cloudlet", p), p + "/cloudlet", cl);
    ScenarioNode dc;
    dc.role = NodeRole::DATACENTER;
    ReadSiteParameters(rd, rd.Field(t, "datacenter", p), p + "/datacenter", dc);
    uint32_t made = 0;
    for (auto v : order)
    {
        if (made == nCloudlets)
        {
            break;
        }
        if (v == pop)
        {
            continue;
        }
        auto& node = g.nodes[v];
        node.role = NodeRole::CLOUDLET;
        node.computeFlops = cl.computeFlops;
        node.accelerators = cl.accelerators;
        node.storageBytes = cl.storageBytes;
        ++made;
    }
    s.nodes = g.nodes;
    s.links = g.links;
    dc.id = "datacenter";
    if (s.FindNode(dc.id) >= 0)
    {
        rd.Fail(p, "the graph already has a node named \"datacenter\"");
    }
    dc.latitude = g.nodes[pop].latitude;
    dc.longitude = g.nodes[pop].longitude;
    s.nodes.push_back(dc);
    ScenarioLink up;
    up.a = pop;
    up.b = n;
    up.bandwidthBps = rd.OptNumber(t, "datacenter_link_bps", p, 1e10, true);
    up.delayS = rd.Has(t, "datacenter_link_delay_s")
                    ? rd.Delay(t["datacenter_link_delay_s"], p + "/datacenter_link_delay_s")
                    : 0.01;
    s.links.push_back(up);
}

void
ReadInlineRequests(const Reader& rd, const Json& doc, MecScenario& s)
{
    const Json& reqs = rd.Array(rd.Field(doc, "requests", ""), "/requests");
    for (size_t i = 0; i < reqs.size(); ++i)
    {
        std::string p = "/requests/" + std::to_string(i);
        const Json& r = rd.Object(reqs[i], p);
        InferenceRequest q;
        std::string home = rd.String(rd.Field(r, "home", p), p + "/home");
        int64_t h = s.FindNode(home);
        if (h < 0)
        {
            rd.Fail(p + "/home", "unknown node \"" + home + "\"");
        }
        if (s.nodes[h].role != NodeRole::CLOUDLET)
        {
            rd.Fail(p + "/home", "node \"" + home + "\" is not a cloudlet");
        }
        q.home = static_cast<uint32_t>(h);
        q.task = rd.String(rd.Field(r, "task", p), p + "/task");
        if (s.catalogue.GetModelsForTask(q.task).empty())
        {
            rd.Fail(p + "/task", "no model serves task \"" + q.task + "\"");
        }
        q.minAccuracy = rd.Unit(rd.Field(r, "min_accuracy", p), p + "/min_accuracy");
        q.inputBytes = rd.NonNegative(rd.Field(r, "input_bytes", p), p + "/input_bytes");
        q.outputBytes = rd.NonNegative(rd.Field(r, "output_bytes", p), p + "/output_bytes");
        q.tokens = rd.Positive(rd.Field(r, "tokens", p), p + "/tokens");
        q.arrivalS = rd.OptNumber(r, "arrival_s", p, 0, false);
        uint32_t count = rd.Has(r, "count") ? rd.Count(r["count"], p + "/count", 1) : 1;
        if (count > ScenarioReader::MAX_REQUESTS - s.requests.size())
        {
            rd.Fail(p + "/count",
                    "more than " + std::to_string(ScenarioReader::MAX_REQUESTS) +
                        " requests in total");
        }
        for (uint32_t c = 0; c < count; ++c)
        {
            s.requests.push_back(q);
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
    const std::string p = "/trace";
    const Json& t = rd.Object(doc["trace"], p);
    if (rd.Has(doc, "requests"))
    {
        rd.Fail(p, "give either \"trace\" or \"requests\"");
    }
    std::string file = rd.Resolve(rd.String(rd.Field(t, "azure_csv", p), p + "/azure_csv"));
    AzureTraceOptions o;
    if (rd.Has(t, "start_row"))
    {
        o.startRow = rd.Count(t["start_row"], p + "/start_row", 0);
    }
    if (rd.Has(t, "max_requests"))
    {
        o.maxRequests = rd.Count(t["max_requests"], p + "/max_requests", 1);
    }
    o.timeScale = rd.OptNumber(t, "time_scale", p, 1.0, true);
    o.bytesPerToken = rd.OptNumber(t, "bytes_per_token", p, 4.0, true);
    if (rd.Has(t, "tasks"))
    {
        const Json& ts = rd.Array(t["tasks"], p + "/tasks");
        for (size_t i = 0; i < ts.size(); ++i)
        {
            std::string tp = p + "/tasks/" + std::to_string(i);
            std::string task = rd.String(ts[i], tp);
            if (s.catalogue.GetModelsForTask(task).empty())
            {
                rd.Fail(tp, "no model serves task \"" + task + "\"");
            }
            o.tasks.push_back(task);
        }
        if (o.tasks.empty())
        {
            rd.Fail(p + "/tasks", "must not be empty");
        }
    }
    if (rd.Has(t, "task_weights"))
    {
        const Json& ws = rd.Array(t["task_weights"], p + "/task_weights");
        size_t want = o.tasks.empty() ? s.catalogue.GetTasks().size() : o.tasks.size();
        if (ws.size() != want)
        {
            rd.Fail(p + "/task_weights",
                    "needs one weight per task (" + std::to_string(want) + ")");
        }
        for (size_t i = 0; i < ws.size(); ++i)
        {
            o.taskWeights.push_back(rd.Positive(ws[i], p + "/task_weights/" + std::to_string(i)));
        }
    }
    o.floorLow = rd.Has(t, "floor_low") ? rd.Unit(t["floor_low"], p + "/floor_low") : 0.6;
    o.floorHigh = rd.Has(t, "floor_high") ? rd.Unit(t["floor_high"], p + "/floor_high") : 1.0;
    if (o.floorLow > o.floorHigh)
    {
        rd.Fail(p + "/floor_low", "must not exceed floor_high");
    }
    if (rd.Has(t, "seed"))
    {
        o.seed = rd.Count(t["seed"], p + "/seed", 0);
    }
    if (rd.Has(t, "size_classes"))
    {
        o.sizeClasses = rd.Count(t["size_classes"], p + "/size_classes", 0);
    }
    std::vector<AzureTraceRow> rows;
    try
    {
        rows = AzureTraceReader::Read(file);
    }
    catch (const ScenarioError& e)
    {
        // Name the scenario and the field too; e.what() names the CSV file and line.
        rd.Fail(p + "/azure_csv", e.what());
    }
    AzureTraceReader::MakeRequests(rows, o, s, rd.File());
}

} // namespace

MecScenario
ScenarioReader::ReadFile(const std::string& path)
{
    NS_LOG_FUNCTION(path);
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
    Json doc;
    try
    {
        doc = Json::parse(text);
    }
    catch (const Json::parse_error& e)
    {
        size_t line = 1;
        size_t col = 1;
        size_t upto = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        for (size_t i = 0; i < upto; ++i)
        {
            if (text[i] == '\n')
            {
                ++line;
                col = 1;
            }
            else
            {
                ++col;
            }
        }
        std::string what = e.what();
        auto pos = what.find("syntax error");
        throw ScenarioError(file,
                            "line " + std::to_string(line) + ", column " + std::to_string(col),
                            "malformed JSON: " +
                                (pos == std::string::npos ? what : what.substr(pos)));
    }
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
    s.name = rd.String(rd.Field(doc, "name", ""), "/name");
    s.horizonS = rd.Positive(rd.Field(doc, "horizon_s", ""), "/horizon_s");
    s.maxLoad = rd.Positive(rd.Field(doc, "max_load", ""), "/max_load");
    if (s.maxLoad > 1)
    {
        rd.Fail("/max_load", "must be in (0, 1]");
    }
    const Json& access = rd.Field(doc, "access", "");
    s.uplinkBps = rd.Positive(rd.Field(access, "uplink_bps", "/access"), "/access/uplink_bps");
    s.downlinkBps =
        rd.Positive(rd.Field(access, "downlink_bps", "/access"), "/access/downlink_bps");
    if (rd.Has(doc, "on_no_candidate"))
    {
        std::string v = rd.String(doc["on_no_candidate"], "/on_no_candidate");
        if (v == "dc_best")
        {
            s.noCandidate = NoCandidatePolicy::DC_BEST;
        }
        else if (v == "reject")
        {
            s.noCandidate = NoCandidatePolicy::REJECT;
        }
        else
        {
            rd.Fail("/on_no_candidate", "must be \"dc_best\" or \"reject\", found \"" + v + "\"");
        }
    }
    ReadCatalogue(rd, doc, s);
    if (rd.Has(doc, "topology"))
    {
        ReadZooTopology(rd, doc, s);
    }
    else
    {
        ReadInlineTopology(rd, doc, s);
    }
    if (rd.Has(doc, "trace"))
    {
        ReadTrace(rd, doc, s);
    }
    else
    {
        ReadInlineRequests(rd, doc, s);
    }
    // Requests in arrival order (stable), ids = positions.
    std::stable_sort(s.requests.begin(), s.requests.end(), [](const auto& a, const auto& b) {
        return a.arrivalS < b.arrivalS;
    });
    for (uint32_t i = 0; i < s.requests.size(); ++i)
    {
        s.requests[i].id = i;
    }
    s.Validate(file);
    return s;
}

} // namespace mecpfm
} // namespace ns3
