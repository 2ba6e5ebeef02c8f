/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-header.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("InferenceHeader");
NS_OBJECT_ENSURE_REGISTERED(InferenceRequestHeader);
NS_OBJECT_ENSURE_REGISTERED(InferenceResponseHeader);

namespace
{
uint64_t
DoubleBits(double d)
{
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

double
BitsDouble(uint64_t u)
{
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}

void
WriteTime(Buffer::Iterator& i, Time t)
{
    i.WriteHtonU64(static_cast<uint64_t>(t.GetTimeStep()));
}

Time
ReadTime(Buffer::Iterator& i)
{
    return TimeStep(static_cast<uint64_t>(i.ReadNtohU64()));
}
} // namespace

TypeId
InferenceRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::InferenceRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<InferenceRequestHeader>();
    return tid;
}

TypeId
InferenceRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
InferenceRequestHeader::GetSerializedSize() const
{
    return 4 + 4 + 4 + 8 + 8 + 8 + 1 + 8;
}

void
InferenceRequestHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(m_msg.requestId);
    i.WriteHtonU32(m_msg.model);
    i.WriteHtonU32(m_msg.site);
    i.WriteHtonU64(DoubleBits(m_msg.tokens));
    i.WriteHtonU64(m_msg.inputBytes);
    i.WriteHtonU64(m_msg.outputBytes);
    i.WriteU8(m_msg.decided ? 1 : 0);
    WriteTime(i, m_msg.sent);
}

uint32_t
InferenceRequestHeader::Deserialize(Buffer::Iterator i)
{
    m_msg = InferenceMessage();
    m_msg.requestId = i.ReadNtohU32();
    m_msg.model = i.ReadNtohU32();
    m_msg.site = i.ReadNtohU32();
    m_msg.tokens = BitsDouble(i.ReadNtohU64());
    m_msg.inputBytes = i.ReadNtohU64();
    m_msg.outputBytes = i.ReadNtohU64();
    m_msg.decided = i.ReadU8() != 0;
    m_msg.sent = ReadTime(i);
    return GetSerializedSize();
}

void
InferenceRequestHeader::Print(std::ostream& os) const
{
    os << "request=" << m_msg.requestId << " model=" << m_msg.model << " site=" << m_msg.site
       << " tokens=" << m_msg.tokens << " in=" << m_msg.inputBytes << " out=" << m_msg.outputBytes
       << " decided=" << m_msg.decided << " sent=" << m_msg.sent.As(Time::S);
}

void
InferenceRequestHeader::SetMessage(const InferenceMessage& m)
{
    m_msg = m;
}

const InferenceMessage&
InferenceRequestHeader::GetMessage() const
{
    return m_msg;
}

TypeId
InferenceResponseHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::InferenceResponseHeader")
                            .SetParent<Header>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<InferenceResponseHeader>();
    return tid;
}

TypeId
InferenceResponseHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
InferenceResponseHeader::GetSerializedSize() const
{
    return 4 + 4 + 4 + 8 + 8 + 1 + 5 * 8;
}

void
InferenceResponseHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(m_msg.requestId);
    i.WriteHtonU32(m_msg.model);
    i.WriteHtonU32(m_msg.site);
    i.WriteHtonU64(DoubleBits(m_msg.tokens));
    i.WriteHtonU64(m_msg.outputBytes);
    i.WriteU8(static_cast<uint8_t>(m_msg.status));
    WriteTime(i, m_msg.sent);
    WriteTime(i, m_msg.arrived);
    WriteTime(i, m_msg.modelReady);
    WriteTime(i, m_msg.started);
    WriteTime(i, m_msg.finished);
}

uint32_t
InferenceResponseHeader::Deserialize(Buffer::Iterator i)
{
    m_msg = InferenceMessage();
    m_msg.requestId = i.ReadNtohU32();
    m_msg.model = i.ReadNtohU32();
    m_msg.site = i.ReadNtohU32();
    m_msg.tokens = BitsDouble(i.ReadNtohU64());
    m_msg.outputBytes = i.ReadNtohU64();
    uint8_t s = i.ReadU8();
    m_msg.status = s <= 2 ? static_cast<InferenceStatus>(s) : InferenceStatus::FAILED;
    m_msg.sent = ReadTime(i);
    m_msg.arrived = ReadTime(i);
    m_msg.modelReady = ReadTime(i);
    m_msg.started = ReadTime(i);
    m_msg.finished = ReadTime(i);
    return GetSerializedSize();
}

void
InferenceResponseHeader::Print(std::ostream& os) const
{
    os << "response=" << m_msg.requestId << " status=" << static_cast<int>(m_msg.status)
       << " model=" << m_msg.model << " site=" << m_msg.site << " out=" << m_msg.outputBytes;
}

void
InferenceResponseHeader::SetMessage(const InferenceMessage& m)
{
    m_msg = m;
}

const InferenceMessage&
InferenceResponseHeader::GetMessage() const
{
    return m_msg;
}

} // namespace mecpfm
} // namespace ns3
