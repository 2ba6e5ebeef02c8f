/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "block-store.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("BlockStore");
NS_OBJECT_ENSURE_REGISTERED(BlockStore);

namespace
{
/// Relative tolerance of the capacity check (the same as PlanEvaluator's).
const double kCapacityTolerance = 1e-9;
} // namespace

TypeId
BlockStore::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::BlockStore")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddConstructor<BlockStore>()
            .AddAttribute("Capacity",
                          "Storage for parameter blocks, bytes.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&BlockStore::m_capacity),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PinPlanned",
                          "True: the plan's blocks (SetPinned) are never evicted and the "
                          "others are evicted when the plan is set (an offline plan). False: "
                          "the plan's blocks are only evicted last (an online policy).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&BlockStore::m_pinPlanned),
                          MakeBooleanChecker())
            .AddTraceSource("BlockStored",
                            "A block is stored (resident at start or pulled): (block, bytes).",
                            MakeTraceSourceAccessor(&BlockStore::m_storedTrace),
                            "ns3::mecpfm::BlockStore::BlockCallback")
            .AddTraceSource("BlockEvicted",
                            "A block was evicted: (block, bytes).",
                            MakeTraceSourceAccessor(&BlockStore::m_evictedTrace),
                            "ns3::mecpfm::BlockStore::BlockCallback");
    return tid;
}

BlockStore::BlockStore()
    : m_capacity(0),
      m_pinPlanned(true)
{
}

void
BlockStore::SetBlockSizes(const std::vector<double>& bytes)
{
    NS_LOG_FUNCTION(this << bytes.size());
    m_bytes = bytes;
}

double
BlockStore::GetCapacity() const
{
    return m_capacity;
}

double
BlockStore::GetBlockBytes(uint32_t block) const
{
    NS_ABORT_MSG_IF(block >= m_bytes.size(), "BlockStore: unknown block " << block);
    return m_bytes[block];
}

void
BlockStore::Add(uint32_t block)
{
    NS_LOG_FUNCTION(this << block);
    m_reserved.erase(block);
    Touch(block);
    if (m_stored.insert(block).second)
    {
        m_storedTrace(block, GetBlockBytes(block));
    }
}

void
BlockStore::Touch(uint32_t block)
{
    m_lastUse[block] = ++m_clock;
}

bool
BlockStore::Has(uint32_t block) const
{
    return m_stored.count(block) > 0;
}

bool
BlockStore::HasAll(const std::vector<uint32_t>& blocks) const
{
    for (uint32_t b : blocks)
    {
        if (!Has(b))
        {
            return false;
        }
    }
    return true;
}

bool
BlockStore::Reserve(uint32_t block)
{
    NS_LOG_FUNCTION(this << block);
    const double bytes = GetBlockBytes(block);
    const double limit = m_capacity * (1 + kCapacityTolerance);
    double used = GetUsedBytes();
    if (used + bytes > limit)
    {
        double evictable = 0;
        for (uint32_t b : m_stored)
        {
            evictable += IsEvictable(b) ? m_bytes[b] : 0;
        }
        if (used - evictable + bytes > limit)
        {
            NS_LOG_LOGIC("block " << block << " (" << bytes << " B) cannot fit");
            return false;
        }
        // Outside the plan first, then least recently used, then lower index.
        std::vector<uint32_t> victims;
        for (uint32_t b : m_stored)
        {
            if (IsEvictable(b))
            {
                victims.push_back(b);
            }
        }
        std::sort(victims.begin(), victims.end(), [this](uint32_t a, uint32_t b) {
            const bool pa = IsPinned(a);
            const bool pb = IsPinned(b);
            if (pa != pb)
            {
                return !pa;
            }
            const uint64_t ua = m_lastUse.count(a) ? m_lastUse.at(a) : 0;
            const uint64_t ub = m_lastUse.count(b) ? m_lastUse.at(b) : 0;
            return ua != ub ? ua < ub : a < b;
        });
        for (uint32_t b : victims)
        {
            if (used + bytes <= limit)
            {
                break;
            }
            used -= m_bytes[b];
            Evict(b);
        }
    }
    m_reserved.insert(block);
    return true;
}

void
BlockStore::CancelReservation(uint32_t block)
{
    NS_LOG_FUNCTION(this << block);
    m_reserved.erase(block);
}

void
BlockStore::SetPinned(const std::vector<uint32_t>& blocks)
{
    NS_LOG_FUNCTION(this << blocks.size());
    m_pinned = std::set<uint32_t>(blocks.begin(), blocks.end());
    if (!m_pinPlanned)
    {
        return; // the plan's blocks are only evicted last
    }
    for (auto it = m_stored.begin(); it != m_stored.end();)
    {
        const uint32_t b = *it++;
        if (IsEvictable(b))
        {
            Evict(b);
        }
    }
}

bool
BlockStore::IsPinned(uint32_t block) const
{
    return m_pinned.count(block) > 0;
}

void
BlockStore::Acquire(const std::vector<uint32_t>& blocks)
{
    for (uint32_t b : blocks)
    {
        ++m_uses[b];
        Touch(b);
    }
}

void
BlockStore::Release(const std::vector<uint32_t>& blocks)
{
    for (uint32_t b : blocks)
    {
        auto it = m_uses.find(b);
        NS_ABORT_MSG_IF(it == m_uses.end(), "BlockStore: release of unused block " << b);
        if (--it->second == 0)
        {
            m_uses.erase(it);
        }
    }
}

uint32_t
BlockStore::GetUseCount(uint32_t block) const
{
    auto it = m_uses.find(block);
    return it == m_uses.end() ? 0 : it->second;
}

std::vector<uint32_t>
BlockStore::GetStored() const
{
    return std::vector<uint32_t>(m_stored.begin(), m_stored.end());
}

double
BlockStore::GetStoredBytes() const
{
    double s = 0;
    for (uint32_t b : m_stored)
    {
        s += m_bytes[b];
    }
    return s;
}

double
BlockStore::GetUsedBytes() const
{
    double s = GetStoredBytes();
    for (uint32_t b : m_reserved)
    {
        s += m_bytes[b];
    }
    return s;
}

bool
BlockStore::IsEvictable(uint32_t block) const
{
    return m_stored.count(block) && (!m_pinPlanned || !m_pinned.count(block)) &&
           GetUseCount(block) == 0;
}

void
BlockStore::Clear()
{
    NS_LOG_FUNCTION(this);
    const std::set<uint32_t> stored = m_stored;
    for (uint32_t b : stored)
    {
        Evict(b);
    }
    m_reserved.clear();
    m_uses.clear();
    m_lastUse.clear();
}

void
BlockStore::Evict(uint32_t block)
{
    NS_LOG_INFO("evicts block " << block);
    m_stored.erase(block);
    m_evictedTrace(block, m_bytes[block]);
}

} // namespace mecpfm
} // namespace ns3
