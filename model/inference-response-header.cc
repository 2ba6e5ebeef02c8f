/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-response-header.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("InferenceResponseHeader");
NS_OBJECT_ENSURE_REGISTERED(InferenceResponseHeader);

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
    WriteDouble(i, m_msg.tokens);
    i.WriteHtonU64(m_msg.outputBytes);
    i.WriteU8(static_cast<uint8_t>(static_cast<uint8_t>(m_msg.status) |
                                   static_cast<uint8_t>(m_msg.reason) << 4));
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
    m_msg.tokens = ReadDouble(i);
    m_msg.outputBytes = i.ReadNtohU64();
    const uint8_t s = i.ReadU8();
    const uint8_t status = s & 0x0f;
    const uint8_t reason = s >> 4;
    m_msg.status = status <= 2 ? static_cast<InferenceStatus>(status) : InferenceStatus::FAILED;
    m_msg.reason = reason <= static_cast<uint8_t>(FailureReason::NODE_DOWN)
                       ? static_cast<FailureReason>(reason)
                       : FailureReason::NONE;
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
    os << "response=" << m_msg.requestId << " status=" << GetStatusName(m_msg.status)
       << " reason=" << GetFailureReasonName(m_msg.reason) << " model=" << m_msg.model
       << " site=" << m_msg.site << " out=" << m_msg.outputBytes;
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
