/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "block-pull-header.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("BlockPullHeader");
NS_OBJECT_ENSURE_REGISTERED(BlockPullHeader);

BlockPullHeader::BlockPullHeader()
    : m_block(0),
      m_bytes(0)
{
}

TypeId
BlockPullHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::BlockPullHeader")
                            .SetParent<Header>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<BlockPullHeader>();
    return tid;
}

TypeId
BlockPullHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
BlockPullHeader::GetSerializedSize() const
{
    return 12;
}

void
BlockPullHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_block);
    start.WriteHtonU64(m_bytes);
}

uint32_t
BlockPullHeader::Deserialize(Buffer::Iterator start)
{
    m_block = start.ReadNtohU32();
    m_bytes = start.ReadNtohU64();
    return GetSerializedSize();
}

void
BlockPullHeader::Print(std::ostream& os) const
{
    os << "block=" << m_block << " bytes=" << m_bytes;
}

void
BlockPullHeader::SetBlock(uint32_t block)
{
    m_block = block;
}

uint32_t
BlockPullHeader::GetBlock() const
{
    return m_block;
}

void
BlockPullHeader::SetBytes(uint64_t bytes)
{
    m_bytes = bytes;
}

uint64_t
BlockPullHeader::GetBytes() const
{
    return m_bytes;
}

} // namespace mecpfm
} // namespace ns3
