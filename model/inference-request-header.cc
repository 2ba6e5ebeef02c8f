/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-request-header.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("InferenceRequestHeader");
NS_OBJECT_ENSURE_REGISTERED(InferenceRequestHeader);

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
    return 4 + 4 + 4 + 4 + 8 + 4 + 4 + 8 + 8 + 8 + 1 + 8;
}

void
InferenceRequestHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(m_msg.requestId);
    i.WriteHtonU32(m_msg.seq);
    i.WriteHtonU32(m_msg.home);
    i.WriteHtonU32(m_msg.task);
    WriteDouble(i, m_msg.minAccuracy);
    i.WriteHtonU32(m_msg.model);
    i.WriteHtonU32(m_msg.site);
    WriteDouble(i, m_msg.tokens);
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
    m_msg.seq = i.ReadNtohU32();
    m_msg.home = i.ReadNtohU32();
    m_msg.task = i.ReadNtohU32();
    m_msg.minAccuracy = ReadDouble(i);
    m_msg.model = i.ReadNtohU32();
    m_msg.site = i.ReadNtohU32();
    m_msg.tokens = ReadDouble(i);
    m_msg.inputBytes = i.ReadNtohU64();
    m_msg.outputBytes = i.ReadNtohU64();
    m_msg.decided = i.ReadU8() != 0;
    m_msg.sent = ReadTime(i);
    return GetSerializedSize();
}

void
InferenceRequestHeader::Print(std::ostream& os) const
{
    os << "request=" << m_msg.requestId << " seq=" << m_msg.seq << " home=" << m_msg.home
       << " task=" << m_msg.task << " floor=" << m_msg.minAccuracy << " model=" << m_msg.model
       << " site=" << m_msg.site << " tokens=" << m_msg.tokens << " in=" << m_msg.inputBytes
       << " out=" << m_msg.outputBytes << " decided=" << m_msg.decided
       << " sent=" << m_msg.sent.As(Time::S);
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

} // namespace mecpfm
} // namespace ns3
