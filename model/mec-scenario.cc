/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-scenario.h"

#include "backhaul-graph.h"
#include "scenario-json.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <set>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecScenario");

uint32_t
MecScenario::GetDatacenter() const
{
    for (uint32_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].role == NodeRole::DATACENTER)
        {
            return i;
        }
    }
    NS_ABORT_MSG("scenario \"" << name << "\" has no data center (call Validate first)");
    return 0;
}

std::vector<uint32_t>
MecScenario::GetCloudlets() const
{
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].role == NodeRole::CLOUDLET)
        {
            out.push_back(i);
        }
    }
    return out;
}

int64_t
MecScenario::FindNode(const std::string& id) const
{
    for (uint32_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].id == id)
        {
            return i;
        }
    }
    return -1;
}

namespace
{
using J = ScenarioJson;

/// \return "/array/index" or "/array/index/field"
std::string
Path(const std::string& array, size_t i, const std::string& field = "")
{
    return "/" + array + "/" + std::to_string(i) + (field.empty() ? "" : "/" + field);
}

/// \return "/field/sub"
std::string
Path(const std::string& field, const std::string& sub)
{
    return "/" + field + "/" + sub;
}

/// \return true if x is a finite number > 0
bool
Positive(double x)
{
    return std::isfinite(x) && x > 0;
}

/// Horizon, load bound and access rates.
void
ValidateGlobals(const MecScenario& s, const std::string& file)
{
    if (!Positive(s.horizonS))
    {
        throw ScenarioError(file,
                            "/" + std::string(J::Scenario::HORIZON_S),
                            "must be a positive number of seconds");
    }
    if (!(std::isfinite(s.maxLoad) && s.maxLoad > 0 && s.maxLoad <= 1))
    {
        throw ScenarioError(file, "/" + std::string(J::Scenario::MAX_LOAD), "must be in (0, 1]");
    }
    if (!Positive(s.uplinkBps))
    {
        throw ScenarioError(file,
                            Path(J::Scenario::ACCESS, J::Access::UPLINK_BPS),
                            "must be positive");
    }
    if (!Positive(s.downlinkBps))
    {
        throw ScenarioError(file,
                            Path(J::Scenario::ACCESS, J::Access::DOWNLINK_BPS),
                            "must be positive");
    }
}

/// The resident blocks of cloudlet node i: known, listed once, within its storage.
void
ValidateResident(const MecScenario& s, size_t i, const std::string& file)
{
    const auto& n = s.nodes[i];
    const auto& blocks = s.catalogue.GetBlocks();
    double resident = 0;
    std::set<uint32_t> seen;
    for (size_t j = 0; j < n.residentBlocks.size(); ++j)
    {
        auto k = n.residentBlocks[j];
        const std::string where =
            Path(J::Scenario::NODES, i, J::Node::RESIDENT_BLOCKS) + "/" + std::to_string(j);
        if (k >= s.catalogue.GetNBlocks())
        {
            throw ScenarioError(file, where, "unknown block");
        }
        if (!seen.insert(k).second)
        {
            throw ScenarioError(file, where, "block \"" + blocks[k].id + "\" listed twice");
        }
        resident += blocks[k].bytes;
    }
    if (resident > n.storageBytes)
    {
        throw ScenarioError(file,
                            Path(J::Scenario::NODES, i, J::Node::RESIDENT_BLOCKS),
                            std::string("resident blocks exceed ") + J::Node::STORAGE_BYTES);
    }
}

/// Node ids unique, site parameters positive, exactly one data center.
void
ValidateNodes(const MecScenario& s, const std::string& file)
{
    const std::string nodes = J::Scenario::NODES;
    std::set<std::string> ids;
    int dcs = 0;
    for (size_t i = 0; i < s.nodes.size(); ++i)
    {
        const auto& n = s.nodes[i];
        if (n.id.empty())
        {
            throw ScenarioError(file, Path(nodes, i, J::Node::ID), "empty node id");
        }
        if (!ids.insert(n.id).second)
        {
            throw ScenarioError(file,
                                Path(nodes, i, J::Node::ID),
                                "duplicate node id \"" + n.id + "\"");
        }
        dcs += n.role == NodeRole::DATACENTER;
        if (n.role != NodeRole::SWITCH && !Positive(n.computeFlops))
        {
            throw ScenarioError(file, Path(nodes, i, J::Node::COMPUTE_FLOPS), "must be positive");
        }
        if (n.role != NodeRole::SWITCH && n.accelerators == 0)
        {
            throw ScenarioError(file, Path(nodes, i, J::Node::ACCELERATORS), "must be at least 1");
        }
        if (n.role == NodeRole::CLOUDLET)
        {
            if (!Positive(n.storageBytes))
            {
                throw ScenarioError(file,
                                    Path(nodes, i, J::Node::STORAGE_BYTES),
                                    "must be positive");
            }
            ValidateResident(s, i, file);
        }
    }
    if (dcs != 1)
    {
        throw ScenarioError(file,
                            "/" + nodes,
                            std::string("there must be exactly one node with role \"") +
                                J::Node::DATACENTER + "\", found " + std::to_string(dcs));
    }
}

/// Links join two different known nodes, with a positive bandwidth and a delay >= 0.
void
ValidateLinks(const MecScenario& s, const std::string& file)
{
    const std::string links = J::Scenario::LINKS;
    for (size_t l = 0; l < s.links.size(); ++l)
    {
        const auto& ln = s.links[l];
        if (ln.a >= s.nodes.size() || ln.b >= s.nodes.size())
        {
            throw ScenarioError(file, Path(links, l), "unknown node");
        }
        if (ln.a == ln.b)
        {
            throw ScenarioError(file, Path(links, l), "a link must join two different nodes");
        }
        if (!Positive(ln.bandwidthBps))
        {
            throw ScenarioError(file, Path(links, l, J::Link::BANDWIDTH_BPS), "must be positive");
        }
        if (!(std::isfinite(ln.delayS) && ln.delayS >= 0))
        {
            throw ScenarioError(file, Path(links, l, J::Link::DELAY_S), "must be >= 0");
        }
    }
}

/// At least one model and one cloudlet; every cloudlet reaches the data center.
void
ValidateReach(const MecScenario& s, const std::string& file)
{
    if (s.catalogue.GetNModels() == 0)
    {
        throw ScenarioError(file,
                            "/" + std::string(J::Scenario::MODELS),
                            "the catalogue has no model");
    }
    auto cloudlets = s.GetCloudlets();
    if (cloudlets.empty())
    {
        throw ScenarioError(file,
                            "/" + std::string(J::Scenario::NODES),
                            std::string("there is no node with role \"") + J::Node::CLOUDLET +
                                "\"");
    }
    BackhaulGraph graph(s.nodes, s.links);
    uint32_t dc = s.GetDatacenter();
    for (auto c : cloudlets)
    {
        if (!graph.GetPath(dc, c).reachable)
        {
            throw ScenarioError(file,
                                Path(J::Scenario::NODES, c),
                                "cloudlet \"" + s.nodes[c].id + "\" cannot reach the data center");
        }
    }
}

/// Requests: cloudlet homes, served tasks, floors in [0, 1], sizes and arrivals in range.
void
ValidateRequests(const MecScenario& s, const std::string& file)
{
    const std::string requests = J::Scenario::REQUESTS;
    std::set<std::string> tasks;
    for (const auto& t : s.catalogue.GetTasks())
    {
        tasks.insert(t);
    }
    for (size_t r = 0; r < s.requests.size(); ++r)
    {
        const auto& q = s.requests[r];
        if (q.home >= s.nodes.size() || s.nodes[q.home].role != NodeRole::CLOUDLET)
        {
            throw ScenarioError(file,
                                Path(requests, r, J::Request::HOME),
                                "home must be a cloudlet");
        }
        if (!tasks.count(q.task))
        {
            throw ScenarioError(file,
                                Path(requests, r, J::Request::TASK),
                                "no model serves task \"" + q.task + "\"");
        }
        if (!(q.minAccuracy >= 0 && q.minAccuracy <= 1))
        {
            throw ScenarioError(file,
                                Path(requests, r, J::Request::MIN_ACCURACY),
                                "must be in [0, 1]");
        }
        if (!(std::isfinite(q.inputBytes) && q.inputBytes >= 0))
        {
            throw ScenarioError(file, Path(requests, r, J::Request::INPUT_BYTES), "must be >= 0");
        }
        if (!(std::isfinite(q.outputBytes) && q.outputBytes >= 0))
        {
            throw ScenarioError(file, Path(requests, r, J::Request::OUTPUT_BYTES), "must be >= 0");
        }
        if (!Positive(q.tokens))
        {
            throw ScenarioError(file, Path(requests, r, J::Request::TOKENS), "must be positive");
        }
        if (!(std::isfinite(q.arrivalS) && q.arrivalS >= 0))
        {
            throw ScenarioError(file, Path(requests, r, J::Request::ARRIVAL_S), "must be >= 0");
        }
    }
}

/**
 * \brief Throw if x is outside [lo, hi].
 * \param file the file
 * \param where the JSON path
 * \param x the value (already checked finite and of the right sign)
 * \param lo the least value
 * \param hi the largest value
 */
void
CheckRange(const std::string& file, const std::string& where, double x, double lo, double hi)
{
    if (x < lo || x > hi)
    {
        std::ostringstream os;
        os << "is " << x << ", outside the range " << lo << " to " << hi
           << " (doc/scenario-format.rst, \"Ranges\")";
        throw ScenarioError(file, where, os.str());
    }
}

/**
 * \brief Magnitudes within documented ranges: far beyond any real system, well inside what
 * the solvers and ns-3's DataRate and Time can represent (1e308 FLOP per token or a link of
 * 1e-300 bit/s crash them).
 * \param s the scenario
 * \param file the file
 */
void
ValidateRanges(const MecScenario& s, const std::string& file)
{
    const double bps[2] = {1e3, 1e13};
    CheckRange(file, "/" + std::string(J::Scenario::HORIZON_S), s.horizonS, 1e-3, 1e15);
    CheckRange(file, Path(J::Scenario::ACCESS, J::Access::UPLINK_BPS), s.uplinkBps, bps[0], bps[1]);
    CheckRange(file,
               Path(J::Scenario::ACCESS, J::Access::DOWNLINK_BPS),
               s.downlinkBps,
               bps[0],
               bps[1]);
    for (size_t i = 0; i < s.nodes.size(); ++i)
    {
        const auto& n = s.nodes[i];
        if (n.role != NodeRole::SWITCH)
        {
            CheckRange(file,
                       Path(J::Scenario::NODES, i, J::Node::COMPUTE_FLOPS),
                       n.computeFlops,
                       1e6,
                       1e21);
        }
        if (n.role == NodeRole::CLOUDLET)
        {
            CheckRange(file,
                       Path(J::Scenario::NODES, i, J::Node::STORAGE_BYTES),
                       n.storageBytes,
                       0,
                       1e16);
        }
    }
    for (size_t l = 0; l < s.links.size(); ++l)
    {
        CheckRange(file,
                   Path(J::Scenario::LINKS, l, J::Link::BANDWIDTH_BPS),
                   s.links[l].bandwidthBps,
                   bps[0],
                   bps[1]);
        CheckRange(file, Path(J::Scenario::LINKS, l, J::Link::DELAY_S), s.links[l].delayS, 0, 10);
    }
    const auto& models = s.catalogue.GetModels();
    for (size_t m = 0; m < models.size(); ++m)
    {
        CheckRange(file,
                   Path(J::Scenario::MODELS, m, J::Model::FLOPS_PER_TOKEN),
                   models[m].flopsPerToken,
                   0,
                   1e15);
    }
    const auto& blocks = s.catalogue.GetBlocks();
    for (size_t k = 0; k < blocks.size(); ++k)
    {
        CheckRange(file, Path(J::Scenario::BLOCKS, k, J::Block::BYTES), blocks[k].bytes, 0, 1e15);
    }
    for (size_t r = 0; r < s.requests.size(); ++r)
    {
        const auto& q = s.requests[r];
        CheckRange(file,
                   Path(J::Scenario::REQUESTS, r, J::Request::INPUT_BYTES),
                   q.inputBytes,
                   0,
                   1e12);
        CheckRange(file,
                   Path(J::Scenario::REQUESTS, r, J::Request::OUTPUT_BYTES),
                   q.outputBytes,
                   0,
                   1e12);
        CheckRange(file, Path(J::Scenario::REQUESTS, r, J::Request::TOKENS), q.tokens, 0, 1e9);
        CheckRange(file, Path(J::Scenario::REQUESTS, r, J::Request::ARRIVAL_S), q.arrivalS, 0, 1e9);
    }
}

/// Faults: on known links, on cloudlets or switches, within ns-3's time.
void
ValidateFaults(const MecScenario& s, const std::string& file)
{
    for (size_t f = 0; f < s.faults.size(); ++f)
    {
        const auto& x = s.faults[f];
        if (x.kind == ScenarioFault::LINK_DOWN && x.link >= s.links.size())
        {
            throw ScenarioError(file, Path(J::Scenario::FAULTS, f), "no such link");
        }
        if (x.kind == ScenarioFault::NODE_DOWN)
        {
            if (x.node >= s.nodes.size())
            {
                throw ScenarioError(file,
                                    Path(J::Scenario::FAULTS, f, J::Fault::NODE),
                                    "no such node");
            }
            if (s.nodes[x.node].role == NodeRole::DATACENTER)
            {
                throw ScenarioError(file,
                                    Path(J::Scenario::FAULTS, f, J::Fault::NODE),
                                    "the data center cannot go down (put its links down)");
            }
        }
        // ns-3's time reaches about 9.2e9 s.
        CheckRange(file, Path(J::Scenario::FAULTS, f, J::Fault::AT_S), x.atS, 0, 1e9);
        if (!(x.forS > 0))
        {
            throw ScenarioError(file, Path(J::Scenario::FAULTS, f, J::Fault::FOR_S), "must be > 0");
        }
        CheckRange(file, Path(J::Scenario::FAULTS, f, J::Fault::FOR_S), x.forS, 0, 1e9);
    }
}

} // namespace

void
MecScenario::Validate(const std::string& file) const
{
    NS_LOG_FUNCTION(this << file);
    ValidateGlobals(*this, file);
    ValidateNodes(*this, file);
    ValidateLinks(*this, file);
    ValidateReach(*this, file);
    ValidateRequests(*this, file);
    ValidateRanges(*this, file);
    ValidateFaults(*this, file);
}

} // namespace mecpfm
} // namespace ns3
