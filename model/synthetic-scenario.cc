/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "synthetic-scenario.h"

#include "default-catalogue.h"
#include "scenario-json.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <stdexcept>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("SyntheticScenario");

namespace
{
/// Draw an index with probability proportional to weights.
uint32_t
Pick(Ptr<UniformRandomVariable> rng, const std::vector<double>& w)
{
    double total = std::accumulate(w.begin(), w.end(), 0.0);
    double u = rng->GetValue(0, total);
    for (uint32_t i = 0; i < w.size(); ++i)
    {
        u -= w[i];
        if (u < 0)
        {
            return i;
        }
    }
    return static_cast<uint32_t>(w.size() - 1);
}
} // namespace

ModelCatalogue
SyntheticScenario::SmallCatalogue()
{
    // FLOPs per token = bytes (2 bytes per parameter, 2 FLOPs per parameter and token).
    ModelCatalogue c;
    c.AddBlock("a/base", 4e9);
    c.AddBlock("a/lora-x", 1e7);
    c.AddBlock("a/lora-y", 1e7);
    c.AddBlock("b/bottom", 2e9);
    c.AddBlock("b/top-x", 1e9);
    c.AddBlock("b/top-y", 1e9);
    c.AddBlock("c/full-x", 3e9);
    c.AddModel(PfmModel{"a-lora-x", "a", "x", 0.6, 4.01e9, {}}, {"a/base", "a/lora-x"});
    c.AddModel(PfmModel{"a-lora-y", "a", "y", 0.7, 4.01e9, {}}, {"a/base", "a/lora-y"});
    c.AddModel(PfmModel{"b-top-x", "b", "x", 0.8, 3e9, {}}, {"b/bottom", "b/top-x"});
    c.AddModel(PfmModel{"b-top-y", "b", "y", 0.75, 3e9, {}}, {"b/bottom", "b/top-y"});
    c.AddModel(PfmModel{"c-full-x", "", "x", 0.85, 3e9, {}}, {"c/full-x"});
    return c;
}

ModelCatalogue
SyntheticScenario::TightCatalogue()
{
    // Billions of parameters of the 8 families; family f serves the tasks t with
    // (t + f) % 3 != 0 among those of its window (3 or 4 families per task).
    const double params[] = {0.35, 0.7, 1.1, 1.5, 2.7, 3.8, 7, 8};
    ModelCatalogue c;
    for (uint32_t f = 0; f < 8; ++f)
    {
        const std::string fam = "f" + std::to_string(f);
        const double bytes = 2e9 * params[f];
        c.AddBlock(fam + "/trunk", 0.85 * bytes);
        c.AddBlock(fam + "/top", 0.15 * bytes);
        for (uint32_t t = 0; t < 12; ++t)
        {
            // Task t is served by the families f with (f - t) mod 8 in {0, 2, 3, 5}, and
            // by 3 of them when t is odd: 3 or 4 families per task, 4 to 6 tasks per family.
            const uint32_t d = (f + 8 - t % 8) % 8;
            if (!(d == 0 || d == 2 || d == 3 || (d == 5 && t % 2 == 0)))
            {
                continue;
            }
            const std::string task = "t" + std::to_string(t);
            const double acc = 0.55 + 0.045 * f + 0.004 * ((t * 7 + f * 3) % 5);
            c.AddBlock(fam + "/lora-" + task, 0.005 * bytes);
            c.AddBlock(fam + "/top-" + task, 0.15 * bytes);
            c.AddModel(PfmModel{fam + "-lora-" + task, fam, task, acc + 0.01, 2e9 * params[f], {}},
                       {fam + "/trunk", fam + "/top", fam + "/lora-" + task});
            c.AddModel(PfmModel{fam + "-top-" + task, fam, task, acc, 2e9 * params[f], {}},
                       {fam + "/trunk", fam + "/top-" + task});
        }
    }
    return c;
}

SyntheticScenario::Params
SyntheticScenario::TightParams(uint32_t cloudlets, uint32_t requests, int64_t stream)
{
    Params p;
    p.cloudlets = cloudlets;
    p.requests = requests;
    p.stream = stream;
    p.useDefaultCatalogue = false;
    p.catalogue = TightCatalogue();
    p.tasks.clear();
    p.taskWeights.clear();
    for (uint32_t t = 0; t < 12; ++t)
    {
        p.tasks.push_back("t" + std::to_string(t));
        p.taskWeights.push_back(1 + (t % 3));
    }
    p.cloudletStorageBytes = 7.5e9;
    p.storageFactors = {0.4, 0.7, 1, 1.3, 1.6};
    p.edgeShare = 0.8;
    p.dcShare = 0.4;
    p.floorWeights = {2, 1, 1};
    p.name = "tight-c" + std::to_string(cloudlets) + "-r" + std::to_string(requests) + "-s" +
             std::to_string(stream);
    return p;
}

namespace
{

/**
 * \brief Reject parameters out of range.
 * \param p the parameters
 */
void
CheckParams(const SyntheticScenario::Params& p)
{
    if (p.cloudlets < 1 || p.cloudlets > 1000)
    {
        throw std::invalid_argument("cloudlets must be in 1..1000");
    }
    if (p.requests < 1 || p.requests > 10000000)
    {
        throw std::invalid_argument("requests must be in 1..10^7");
    }
    if (!(p.maxLoad > 0 && p.maxLoad <= 1) || !(p.edgeShare > 0) || !(p.dcShare > 0) ||
        !(p.cloudletComputeFlops > 0) || !(p.cloudletStorageBytes > 0) || !(p.dcLinkBps > 0) ||
        !(p.accessBps > 0) || !(p.bytesPerToken > 0) || p.sizeClasses.empty() ||
        p.sizeClasses.size() != p.sizeWeights.size() || p.floorWeights.size() != 3 ||
        p.tasks.size() != p.taskWeights.size() || p.storageFactors.empty())
    {
        throw std::invalid_argument("synthetic scenario parameters out of range");
    }
}

/// Cloudlet positions in the unit square, which set link delays.
struct Positions
{
    std::vector<double> x; //!< abscissae
    std::vector<double> y; //!< ordinates

    /**
     * \param a a cloudlet
     * \param b a cloudlet
     * \return their distance
     */
    double Distance(uint32_t a, uint32_t b) const
    {
        return std::hypot(x[a] - x[b], y[a] - y[b]);
    }
};

/**
 * \brief Add the cloudlets 0..C-1 (random compute, storage, accelerators, positions), then
 * the DC.
 * \param s the scenario
 * \param p the parameters
 * \param rng the stream
 * \return the cloudlets' positions
 */
Positions
AddNodes(MecScenario& s, const SyntheticScenario::Params& p, Ptr<UniformRandomVariable> rng)
{
    Positions pos;
    for (uint32_t i = 0; i < p.cloudlets; ++i)
    {
        ScenarioNode n;
        n.id = "c" + std::to_string(i);
        n.role = NodeRole::CLOUDLET;
        const double computeFactor[] = {0.75, 1, 1.25};
        n.computeFlops = p.cloudletComputeFlops * computeFactor[rng->GetInteger(0, 2)];
        const uint32_t nf = static_cast<uint32_t>(p.storageFactors.size());
        n.storageBytes = p.cloudletStorageBytes * p.storageFactors[rng->GetInteger(0, nf - 1)];
        n.accelerators = 1 + rng->GetInteger(0, 3);
        pos.x.push_back(rng->GetValue(0, 1));
        pos.y.push_back(rng->GetValue(0, 1));
        s.nodes.push_back(n);
    }
    ScenarioNode dc;
    dc.id = "dc";
    dc.role = NodeRole::DATACENTER;
    dc.accelerators = 8;
    s.nodes.push_back(dc);
    return pos;
}

/**
 * \brief Add the links: a random spanning tree over the cloudlets (each joins the nearest
 * of three earlier ones drawn at random), extra random links, and the DC's links to the
 * first two cloudlets.
 * \param s the scenario, with its nodes
 * \param p the parameters
 * \param rng the stream
 * \param pos the cloudlets' positions
 */
void
AddLinks(MecScenario& s,
         const SyntheticScenario::Params& p,
         Ptr<UniformRandomVariable> rng,
         const Positions& pos)
{
    uint32_t nc = p.cloudlets;
    std::set<std::pair<uint32_t, uint32_t>> linked;
    auto link = [&](uint32_t a, uint32_t b) {
        ScenarioLink l;
        l.a = std::min(a, b);
        l.b = std::max(a, b);
        l.delayS = p.minLinkDelayS + pos.Distance(a, b) * p.linkDelayPerUnitS;
        l.bandwidthBps = rng->GetInteger(0, 1) ? 4e10 : 1e10;
        linked.emplace(l.a, l.b);
        s.links.push_back(l);
    };
    for (uint32_t i = 1; i < nc; ++i)
    {
        uint32_t best = rng->GetInteger(0, i - 1);
        for (int t = 0; t < 2; ++t)
        {
            uint32_t j = rng->GetInteger(0, i - 1);
            if (pos.Distance(i, j) < pos.Distance(i, best))
            {
                best = j;
            }
        }
        link(best, i);
    }
    uint64_t maxLinks = static_cast<uint64_t>(nc) * (nc - 1) / 2;
    uint64_t extra =
        std::min<uint64_t>(std::llround(p.extraLinkRatio * nc), maxLinks - linked.size());
    for (uint64_t e = 0; e < extra;)
    {
        uint32_t a = rng->GetInteger(0, nc - 1);
        uint32_t b = rng->GetInteger(0, nc - 1);
        if (a == b || linked.count({std::min(a, b), std::max(a, b)}))
        {
            continue;
        }
        link(a, b);
        ++e;
    }
    for (uint32_t g = 0; g < std::min<uint32_t>(2, nc); ++g)
    {
        ScenarioLink l;
        l.a = g;
        l.b = nc; // the DC
        l.bandwidthBps = p.dcLinkBps;
        l.delayS = p.dcLinkDelayS;
        s.links.push_back(l);
    }
}

/// The tasks requests are drawn from, their weights and accuracy-floor tiers.
struct TaskMix
{
    std::vector<std::string> tasks;           //!< task names
    std::vector<double> weights;              //!< their weights
    std::vector<std::array<double, 3>> tiers; //!< floors: none, median, best that fits
};

/**
 * \brief The tasks of the parameters present in the catalogue (all the catalogue's if none
 * is), with floor tiers 0, the median and the best accuracy among models that fit in 3/4 of
 * a cloudlet's nominal storage.
 * \param cat the catalogue
 * \param p the parameters
 * \return the mix
 */
TaskMix
MakeTaskMix(const ModelCatalogue& cat, const SyntheticScenario::Params& p)
{
    TaskMix mix;
    for (uint32_t t = 0; t < p.tasks.size(); ++t)
    {
        if (!cat.GetModelsForTask(p.tasks[t]).empty() && p.taskWeights[t] > 0)
        {
            mix.tasks.push_back(p.tasks[t]);
            mix.weights.push_back(p.taskWeights[t]);
        }
    }
    if (mix.tasks.empty())
    {
        mix.tasks = cat.GetTasks();
        mix.weights.assign(mix.tasks.size(), 1.0);
    }
    mix.tiers.resize(mix.tasks.size());
    for (uint32_t t = 0; t < mix.tasks.size(); ++t)
    {
        std::vector<double> acc;
        for (auto m : cat.GetModelsForTask(mix.tasks[t]))
        {
            if (cat.GetModelBytes(m) <= 0.75 * p.cloudletStorageBytes)
            {
                acc.push_back(cat.GetModels()[m].accuracy);
            }
        }
        std::sort(acc.begin(), acc.end());
        mix.tiers[t][0] = 0;
        mix.tiers[t][1] = acc.empty() ? 0 : acc[(acc.size() - 1) / 2];
        mix.tiers[t][2] = acc.empty() ? 0 : acc.back();
    }
    return mix;
}

/**
 * \brief Draw the requests (home by weight, which also scales each cloudlet's compute,
 * task, floor tier, size class, arrival), size the horizon and the DC's compute to the
 * demand, sort by arrival and number them.
 * \param s the scenario, with nodes and links
 * \param p the parameters
 * \param rng the stream
 * \param mix the task mix
 */
void
AddRequests(MecScenario& s,
            const SyntheticScenario::Params& p,
            Ptr<UniformRandomVariable> rng,
            const TaskMix& mix)
{
    const auto& cat = s.catalogue;
    uint32_t nc = p.cloudlets;
    std::vector<double> homeW(nc);
    for (auto& w : homeW)
    {
        w = rng->GetValue(0.5, 1.5);
    }
    double meanW = std::accumulate(homeW.begin(), homeW.end(), 0.0) / nc;
    for (uint32_t i = 0; i < nc; ++i)
    {
        s.nodes[i].computeFlops *= homeW[i] / meanW;
    }
    double demand = 0; // D: FLOPs with the candidate of fewest FLOPs
    s.requests.resize(p.requests);
    for (uint32_t r = 0; r < p.requests; ++r)
    {
        auto& q = s.requests[r];
        q.home = Pick(rng, homeW);
        uint32_t t = Pick(rng, mix.weights);
        q.task = mix.tasks[t];
        q.minAccuracy = mix.tiers[t][Pick(rng, p.floorWeights)];
        const auto& sz = p.sizeClasses[Pick(rng, p.sizeWeights)];
        q.inputBytes = sz.first * p.bytesPerToken;
        q.outputBytes = sz.second * p.bytesPerToken;
        q.tokens = sz.first + sz.second;
        q.arrivalS = rng->GetValue(0, 1); // scaled to the horizon below
        double fpt = std::numeric_limits<double>::infinity();
        for (auto m : cat.GetModelsForTask(q.task))
        {
            if (cat.GetModels()[m].accuracy >= q.minAccuracy)
            {
                fpt = std::min(fpt, cat.GetModels()[m].flopsPerToken);
            }
        }
        demand += fpt * q.tokens;
    }
    double sumMu = 0;
    for (uint32_t i = 0; i < nc; ++i)
    {
        sumMu += s.nodes[i].computeFlops;
    }
    s.horizonS = demand / (p.edgeShare * p.maxLoad * sumMu);
    s.nodes[nc].computeFlops = p.dcShare * demand / (p.maxLoad * s.horizonS);
    for (auto& q : s.requests)
    {
        q.arrivalS *= s.horizonS;
    }
    std::stable_sort(s.requests.begin(),
                     s.requests.end(),
                     [](const InferenceRequest& a, const InferenceRequest& b) {
                         return a.arrivalS < b.arrivalS;
                     });
    for (uint32_t r = 0; r < p.requests; ++r)
    {
        s.requests[r].id = r;
    }
}

} // namespace

MecScenario
SyntheticScenario::OneCloudletQueue(uint32_t requests, double load, int64_t stream)
{
    NS_LOG_FUNCTION(requests << load << stream);
    if (!(load > 0 && load < 1))
    {
        throw std::invalid_argument("load must be in (0, 1)");
    }
    const double service = 0.05; // 125 tokens x 4e9 FLOP / 1e13 FLOP/s
    MecScenario sc;
    sc.name = "one-cloudlet-queue-" + std::to_string(requests);
    sc.horizonS = 1e9;
    ScenarioNode dc;
    dc.id = "dc";
    dc.role = NodeRole::DATACENTER;
    dc.computeFlops = 1e13;
    ScenarioNode c;
    c.id = "c";
    c.role = NodeRole::CLOUDLET;
    c.computeFlops = 1e13;
    c.accelerators = 1;
    c.storageBytes = 1e9;
    c.residentBlocks = {0};
    sc.nodes = {dc, c};
    sc.links = {{0, 1, 1e9, 0.005}};
    sc.catalogue.AddBlock("base", 1e8);
    PfmModel m;
    m.id = "m";
    m.task = "t";
    m.accuracy = 0.9;
    m.flopsPerToken = 4e9;
    sc.catalogue.AddModel(m, {"base"});
    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetAttribute("Mean", DoubleValue(service / load));
    gap->SetStream(stream);
    double t = 0;
    for (uint32_t i = 0; i < requests; ++i)
    {
        t += gap->GetValue();
        InferenceRequest r;
        r.id = i;
        r.home = 1;
        r.task = "t";
        r.inputBytes = 2000;
        r.outputBytes = 800;
        r.tokens = 125;
        r.arrivalS = t;
        sc.requests.push_back(r);
    }
    sc.Validate(sc.name);
    return sc;
}

MecScenario
SyntheticScenario::Generate(const Params& p)
{
    NS_LOG_FUNCTION(p.cloudlets << p.requests << p.stream);
    CheckParams(p);
    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(p.stream);

    MecScenario s;
    s.name = !p.name.empty() ? p.name
                             : "synthetic-c" + std::to_string(p.cloudlets) + "-r" +
                                   std::to_string(p.requests) + "-s" + std::to_string(p.stream);
    s.maxLoad = p.maxLoad;
    s.uplinkBps = p.accessBps;
    s.downlinkBps = p.accessBps;
    s.catalogue = p.useDefaultCatalogue ? DefaultCatalogue::Build() : p.catalogue;
    // The draws' order (nodes, links, homes, requests) is part of the scenario a stream
    // gives: keep it.
    Positions pos = AddNodes(s, p, rng);
    AddLinks(s, p, rng, pos);
    TaskMix mix = MakeTaskMix(s.catalogue, p);
    AddRequests(s, p, rng, mix);
    s.Validate(s.name);
    return s;
}

namespace
{
using OrderedJson = nlohmann::ordered_json;
using J = ScenarioJson;

/// \return the "nodes" array of a scenario file
OrderedJson
NodesJson(const MecScenario& s)
{
    OrderedJson nodes = OrderedJson::array();
    for (const auto& n : s.nodes)
    {
        OrderedJson e;
        e[J::Node::ID] = n.id;
        switch (n.role)
        {
        case NodeRole::DATACENTER:
            e[J::Node::ROLE] = J::Node::DATACENTER;
            e[J::Node::COMPUTE_FLOPS] = n.computeFlops;
            e[J::Node::ACCELERATORS] = n.accelerators;
            break;
        case NodeRole::CLOUDLET: {
            e[J::Node::ROLE] = J::Node::CLOUDLET;
            e[J::Node::COMPUTE_FLOPS] = n.computeFlops;
            e[J::Node::ACCELERATORS] = n.accelerators;
            e[J::Node::STORAGE_BYTES] = n.storageBytes;
            OrderedJson res = OrderedJson::array();
            for (auto k : n.residentBlocks)
            {
                res.push_back(s.catalogue.GetBlocks()[k].id);
            }
            e[J::Node::RESIDENT_BLOCKS] = res;
            break;
        }
        default:
            e[J::Node::ROLE] = J::Node::SWITCH;
        }
        nodes.push_back(e);
    }
    return nodes;
}

/// \return the "links" array of a scenario file
OrderedJson
LinksJson(const MecScenario& s)
{
    OrderedJson links = OrderedJson::array();
    for (const auto& l : s.links)
    {
        links.push_back({{J::Link::A, s.nodes[l.a].id},
                         {J::Link::B, s.nodes[l.b].id},
                         {J::Link::BANDWIDTH_BPS, l.bandwidthBps},
                         {J::Link::DELAY_S, l.delayS}});
    }
    return links;
}

/// \return the "models" array of a scenario file
OrderedJson
ModelsJson(const ModelCatalogue& cat)
{
    OrderedJson models = OrderedJson::array();
    for (const auto& m : cat.GetModels())
    {
        OrderedJson e;
        e[J::Model::ID] = m.id;
        if (!m.family.empty())
        {
            e[J::Model::FAMILY] = m.family;
        }
        e[J::Model::TASK] = m.task;
        e[J::Model::ACCURACY] = m.accuracy;
        OrderedJson bl = OrderedJson::array();
        for (auto k : m.blocks)
        {
            bl.push_back(cat.GetBlocks()[k].id);
        }
        e[J::Model::BLOCKS] = bl;
        e[J::Model::FLOPS_PER_TOKEN] = m.flopsPerToken;
        models.push_back(e);
    }
    return models;
}

/// \return the "requests" array of a scenario file; consecutive identical requests once
OrderedJson
RequestsJson(const MecScenario& s)
{
    OrderedJson reqs = OrderedJson::array();
    for (size_t i = 0; i < s.requests.size();)
    {
        const auto& r = s.requests[i];
        size_t k = i + 1;
        while (k < s.requests.size())
        {
            const auto& o = s.requests[k];
            if (o.home != r.home || o.task != r.task || o.minAccuracy != r.minAccuracy ||
                o.inputBytes != r.inputBytes || o.outputBytes != r.outputBytes ||
                o.tokens != r.tokens || o.arrivalS != r.arrivalS)
            {
                break;
            }
            ++k;
        }
        OrderedJson e;
        e[J::Request::HOME] = s.nodes[r.home].id;
        e[J::Request::TASK] = r.task;
        e[J::Request::MIN_ACCURACY] = r.minAccuracy;
        e[J::Request::INPUT_BYTES] = r.inputBytes;
        e[J::Request::OUTPUT_BYTES] = r.outputBytes;
        e[J::Request::TOKENS] = r.tokens;
        e[J::Request::ARRIVAL_S] = r.arrivalS;
        if (k - i > 1)
        {
            e[J::Request::COUNT] = k - i;
        }
        reqs.push_back(e);
        i = k;
    }
    return reqs;
}
} // namespace

void
SyntheticScenario::WriteJson(const MecScenario& s, const std::string& path)
{
    NS_LOG_FUNCTION(path);
    OrderedJson j;
    j[J::Scenario::NAME] = s.name;
    j[J::Scenario::HORIZON_S] = s.horizonS;
    j[J::Scenario::MAX_LOAD] = s.maxLoad;
    j[J::Scenario::ACCESS] = {{J::Access::UPLINK_BPS, s.uplinkBps},
                              {J::Access::DOWNLINK_BPS, s.downlinkBps}};
    if (s.noCandidate == NoCandidatePolicy::REJECT)
    {
        j[J::Scenario::ON_NO_CANDIDATE] = J::Scenario::REJECT;
    }
    j[J::Scenario::NODES] = NodesJson(s);
    j[J::Scenario::LINKS] = LinksJson(s);
    OrderedJson blocks = OrderedJson::array();
    for (const auto& b : s.catalogue.GetBlocks())
    {
        blocks.push_back({{J::Block::ID, b.id}, {J::Block::BYTES, b.bytes}});
    }
    j[J::Scenario::BLOCKS] = blocks;
    j[J::Scenario::MODELS] = ModelsJson(s.catalogue);
    j[J::Scenario::REQUESTS] = RequestsJson(s);
    std::ofstream out(path);
    if (!out)
    {
        throw ScenarioError(path, "", "cannot write the scenario file");
    }
    out << j.dump() << "\n";
    if (!out)
    {
        throw ScenarioError(path, "", "write failed");
    }
}

} // namespace mecpfm
} // namespace ns3
