/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "model-catalogue.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ModelCatalogue");

uint32_t
ModelCatalogue::AddBlock(const std::string& id, double bytes)
{
    if (id.empty())
    {
        throw std::invalid_argument("block id is empty");
    }
    if (m_blockIndex.count(id))
    {
        throw std::invalid_argument("duplicate block id \"" + id + "\"");
    }
    if (!(bytes > 0) || !std::isfinite(bytes))
    {
        throw std::invalid_argument("block \"" + id + "\" has a non-positive size");
    }
    auto k = static_cast<uint32_t>(m_blocks.size());
    m_blocks.push_back(PfmBlock{id, bytes});
    m_blockIndex[id] = k;
    return k;
}

uint32_t
ModelCatalogue::AddModel(PfmModel model, const std::vector<std::string>& blockIds)
{
    if (model.id.empty())
    {
        throw std::invalid_argument("model id is empty");
    }
    if (m_modelIndex.count(model.id))
    {
        throw std::invalid_argument("duplicate model id \"" + model.id + "\"");
    }
    if (!(model.accuracy >= 0 && model.accuracy <= 1))
    {
        throw std::invalid_argument("model \"" + model.id + "\" has an accuracy outside [0,1]");
    }
    if (!(model.flopsPerToken > 0) || !std::isfinite(model.flopsPerToken))
    {
        throw std::invalid_argument("model \"" + model.id + "\" has non-positive flops_per_token");
    }
    if (model.task.empty())
    {
        throw std::invalid_argument("model \"" + model.id + "\" has an empty task");
    }
    if (blockIds.empty())
    {
        throw std::invalid_argument("model \"" + model.id + "\" has no blocks");
    }
    std::set<uint32_t> seen;
    model.blocks.clear();
    for (const auto& b : blockIds)
    {
        auto it = m_blockIndex.find(b);
        if (it == m_blockIndex.end())
        {
            throw std::invalid_argument("model \"" + model.id + "\" uses unknown block \"" + b +
                                        "\"");
        }
        if (!seen.insert(it->second).second)
        {
            throw std::invalid_argument("model \"" + model.id + "\" lists block \"" + b +
                                        "\" twice");
        }
    }
    model.blocks.assign(seen.begin(), seen.end());
    auto m = static_cast<uint32_t>(m_models.size());
    m_modelIndex[model.id] = m;
    m_models.push_back(std::move(model));
    return m;
}

const std::vector<PfmBlock>&
ModelCatalogue::GetBlocks() const
{
    return m_blocks;
}

const std::vector<PfmModel>&
ModelCatalogue::GetModels() const
{
    return m_models;
}

uint32_t
ModelCatalogue::GetNBlocks() const
{
    return static_cast<uint32_t>(m_blocks.size());
}

uint32_t
ModelCatalogue::GetNModels() const
{
    return static_cast<uint32_t>(m_models.size());
}

int64_t
ModelCatalogue::FindBlock(const std::string& id) const
{
    auto it = m_blockIndex.find(id);
    return it == m_blockIndex.end() ? -1 : static_cast<int64_t>(it->second);
}

int64_t
ModelCatalogue::FindModel(const std::string& id) const
{
    auto it = m_modelIndex.find(id);
    return it == m_modelIndex.end() ? -1 : static_cast<int64_t>(it->second);
}

double
ModelCatalogue::GetModelBytes(uint32_t m) const
{
    NS_ASSERT(m < m_models.size());
    double sum = 0;
    for (auto k : m_models[m].blocks)
    {
        sum += m_blocks[k].bytes;
    }
    return sum;
}

double
ModelCatalogue::GetUnionBytes(const std::vector<uint32_t>& models) const
{
    std::vector<bool> held(m_blocks.size(), false);
    double sum = 0;
    for (auto m : models)
    {
        NS_ASSERT(m < m_models.size());
        for (auto k : m_models[m].blocks)
        {
            if (!held[k])
            {
                held[k] = true;
                sum += m_blocks[k].bytes;
            }
        }
    }
    return sum;
}

double
ModelCatalogue::GetTotalUniqueBytes() const
{
    double sum = 0;
    for (const auto& b : m_blocks)
    {
        sum += b.bytes;
    }
    return sum;
}

double
ModelCatalogue::GetTotalModelBytes() const
{
    double sum = 0;
    for (uint32_t m = 0; m < m_models.size(); ++m)
    {
        sum += GetModelBytes(m);
    }
    return sum;
}

std::vector<std::string>
ModelCatalogue::GetTasks() const
{
    std::set<std::string> tasks;
    for (const auto& m : m_models)
    {
        tasks.insert(m.task);
    }
    return {tasks.begin(), tasks.end()};
}

std::vector<uint32_t>
ModelCatalogue::GetModelsForTask(const std::string& task) const
{
    std::vector<uint32_t> out;
    for (uint32_t m = 0; m < m_models.size(); ++m)
    {
        if (m_models[m].task == task)
        {
            out.push_back(m);
        }
    }
    return out;
}

} // namespace mecpfm
} // namespace ns3
