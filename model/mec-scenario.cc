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
}

} // namespace mecpfm
} // namespace ns3
