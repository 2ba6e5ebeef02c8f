/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-scenario.h"

#include "backhaul-graph.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecScenario");

ScenarioError::ScenarioError(const std::string& file,
                             const std::string& where,
                             const std::string& reason)
    : std::runtime_error((file.empty() ? std::string("<input>") : file) +
                         (where.empty() ? std::string() : ": " + where) + ": " + reason),
      m_file(file),
      m_where(where),
      m_reason(reason)
{
}

const std::string&
ScenarioError::GetFile() const
{
    return m_file;
}

const std::string&
ScenarioError::GetWhere() const
{
    return m_where;
}

const std::string&
ScenarioError::GetReason() const
{
    return m_reason;
}

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
/// \return "/prefix/index/field"
std::string
Path(const std::string& prefix, size_t i, const std::string& field = "")
{
    return "/" + prefix + "/" + std::to_string(i) + (field.empty() ? "" : "/" + field);
}

/// \return true if x is a finite number > 0
bool
Positive(double x)
{
    return std::isfinite(x) && x > 0;
}
} // namespace

void
MecScenario::Validate(const std::string& file) const
{
    NS_LOG_FUNCTION(this << file);
    if (!Positive(horizonS))
    {
        throw ScenarioError(file, "/horizon_s", "must be a positive number of seconds");
    }
    if (!(std::isfinite(maxLoad) && maxLoad > 0 && maxLoad <= 1))
    {
        throw ScenarioError(file, "/max_load", "must be in (0, 1]");
    }
    if (!Positive(uplinkBps))
    {
        throw ScenarioError(file, "/access/uplink_bps", "must be positive");
    }
    if (!Positive(downlinkBps))
    {
        throw ScenarioError(file, "/access/downlink_bps", "must be positive");
    }
    std::set<std::string> ids;
    int dcs = 0;
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        if (n.id.empty())
        {
            throw ScenarioError(file, Path("nodes", i, "id"), "empty node id");
        }
        if (!ids.insert(n.id).second)
        {
            throw ScenarioError(file, Path("nodes", i, "id"), "duplicate node id \"" + n.id + "\"");
        }
        if (n.role == NodeRole::DATACENTER)
        {
            ++dcs;
        }
        if (n.role != NodeRole::SWITCH)
        {
            if (!Positive(n.computeFlops))
            {
                throw ScenarioError(file, Path("nodes", i, "compute_flops"), "must be positive");
            }
            if (n.accelerators == 0)
            {
                throw ScenarioError(file, Path("nodes", i, "accelerators"), "must be at least 1");
            }
        }
        if (n.role == NodeRole::CLOUDLET)
        {
            if (!Positive(n.storageBytes))
            {
                throw ScenarioError(file, Path("nodes", i, "storage_bytes"), "must be positive");
            }
            double resident = 0;
            std::set<uint32_t> seen;
            for (size_t j = 0; j < n.residentBlocks.size(); ++j)
            {
                auto k = n.residentBlocks[j];
                if (k >= catalogue.GetNBlocks())
                {
                    throw ScenarioError(file,
                                        Path("nodes", i, "resident_blocks/" + std::to_string(j)),
                                        "unknown block");
                }
                if (!seen.insert(k).second)
                {
                    throw ScenarioError(file,
                                        Path("nodes", i, "resident_blocks/" + std::to_string(j)),
                                        "block \"" + catalogue.GetBlocks()[k].id +
                                            "\" listed twice");
                }
                resident += catalogue.GetBlocks()[k].bytes;
            }
            if (resident > n.storageBytes)
            {
                throw ScenarioError(file,
                                    Path("nodes", i, "resident_blocks"),
                                    "resident blocks exceed storage_bytes");
            }
        }
    }
    if (dcs != 1)
    {
        throw ScenarioError(file,
                            "/nodes",
                            "there must be exactly one node with role \"datacenter\", found " +
                                std::to_string(dcs));
    }
    for (size_t l = 0; l < links.size(); ++l)
    {
        const auto& ln = links[l];
        if (ln.a >= nodes.size() || ln.b >= nodes.size())
        {
            throw ScenarioError(file, Path("links", l), "unknown node");
        }
        if (ln.a == ln.b)
        {
            throw ScenarioError(file, Path("links", l), "a link must join two different nodes");
        }
        if (!Positive(ln.bandwidthBps))
        {
            throw ScenarioError(file, Path("links", l, "bandwidth_bps"), "must be positive");
        }
        if (!(std::isfinite(ln.delayS) && ln.delayS >= 0))
        {
            throw ScenarioError(file, Path("links", l, "delay_s"), "must be >= 0");
        }
    }
    if (catalogue.GetNModels() == 0)
    {
        throw ScenarioError(file, "/models", "the catalogue has no model");
    }
    auto cloudlets = GetCloudlets();
    if (cloudlets.empty())
    {
        throw ScenarioError(file, "/nodes", "there is no node with role \"cloudlet\"");
    }
    BackhaulGraph graph(nodes, links);
    uint32_t dc = GetDatacenter();
    for (auto c : cloudlets)
    {
        if (!graph.GetPath(dc, c).reachable)
        {
            throw ScenarioError(file,
                                Path("nodes", c),
                                "cloudlet \"" + nodes[c].id + "\" cannot reach the data center");
        }
    }
    std::set<std::string> tasks;
    for (const auto& t : catalogue.GetTasks())
    {
        tasks.insert(t);
    }
    for (size_t r = 0; r < requests.size(); ++r)
    {
        const auto& q = requests[r];
        if (q.home >= nodes.size() || nodes[q.home].role != NodeRole::CLOUDLET)
        {
            throw ScenarioError(file, Path("requests", r, "home"), "home must be a cloudlet");
        }
        if (!tasks.count(q.task))
        {
            throw ScenarioError(file,
                                Path("requests", r, "task"),
                                "no model serves task \"" + q.task + "\"");
        }
        if (!(q.minAccuracy >= 0 && q.minAccuracy <= 1))
        {
            throw ScenarioError(file, Path("requests", r, "min_accuracy"), "must be in [0, 1]");
        }
        if (!(std::isfinite(q.inputBytes) && q.inputBytes >= 0))
        {
            throw ScenarioError(file, Path("requests", r, "input_bytes"), "must be >= 0");
        }
        if (!(std::isfinite(q.outputBytes) && q.outputBytes >= 0))
        {
            throw ScenarioError(file, Path("requests", r, "output_bytes"), "must be >= 0");
        }
        if (!Positive(q.tokens))
        {
            throw ScenarioError(file, Path("requests", r, "tokens"), "must be positive");
        }
        if (!(std::isfinite(q.arrivalS) && q.arrivalS >= 0))
        {
            throw ScenarioError(file, Path("requests", r, "arrival_s"), "must be >= 0");
        }
    }
}

} // namespace mecpfm
} // namespace ns3
