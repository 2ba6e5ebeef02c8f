/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "site-state-header.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("SiteStateHeader");
NS_OBJECT_ENSURE_REGISTERED(SiteStateHeader);

namespace
{
/**
 * \param n bits
 * \return bytes of a bitmap of n bits
 */
uint32_t
BitmapBytes(uint32_t n)
{
    return (n + 7) / 8;
}

/**
 * \brief Write a bitmap, block b as bit b % 8 (least significant first) of byte b / 8.
 * \param i where
 * \param bits the bits
 */
void
WriteBitmap(Buffer::Iterator& i, const std::vector<bool>& bits)
{
    const auto n = static_cast<uint32_t>(bits.size());
    for (uint32_t byte = 0; byte < BitmapBytes(n); ++byte)
    {
        uint8_t v = 0;
        for (uint32_t k = 0; k < 8 && byte * 8 + k < n; ++k)
        {
            v |= bits[byte * 8 + k] ? static_cast<uint8_t>(1u << k) : 0;
        }
        i.WriteU8(v);
    }
}

/**
 * \param i where
 * \param n bits
 * \return the bitmap WriteBitmap wrote
 */
std::vector<bool>
ReadBitmap(Buffer::Iterator& i, uint32_t n)
{
    std::vector<bool> bits(n, false);
    for (uint32_t byte = 0; byte < BitmapBytes(n); ++byte)
    {
        const uint8_t v = i.ReadU8();
        for (uint32_t k = 0; k < 8 && byte * 8 + k < n; ++k)
        {
            bits[byte * 8 + k] = (v >> k) & 1u;
        }
    }
    return bits;
}
} // namespace

TypeId
SiteStateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::SiteStateHeader")
                            .SetParent<Header>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<SiteStateHeader>();
    return tid;
}

TypeId
SiteStateHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
SiteStateHeader::GetSerializedSize() const
{
    const auto n = static_cast<uint32_t>(m_report.stored.size());
    return 4 + 8 + 4 + 4 + 4 + 4 + 2 * BitmapBytes(n);
}

void
SiteStateHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(m_report.site);
    i.WriteHtonU64(static_cast<uint64_t>(m_report.stamp.GetTimeStep()));
    i.WriteHtonU32(m_report.queueLength);
    i.WriteHtonU32(m_report.busyServers);
    i.WriteHtonU32(m_report.pullsInFlight);
    i.WriteHtonU32(static_cast<uint32_t>(m_report.stored.size()));
    WriteBitmap(i, m_report.stored);
    WriteBitmap(i, m_report.pullPending);
}

uint32_t
SiteStateHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_report.site = i.ReadNtohU32();
    m_report.stamp = TimeStep(static_cast<int64_t>(i.ReadNtohU64()));
    m_report.queueLength = i.ReadNtohU32();
    m_report.busyServers = i.ReadNtohU32();
    m_report.pullsInFlight = i.ReadNtohU32();
    const uint32_t n = i.ReadNtohU32();
    m_report.stored = ReadBitmap(i, n);
    m_report.pullPending = ReadBitmap(i, n);
    return GetSerializedSize();
}

void
SiteStateHeader::Print(std::ostream& os) const
{
    os << "site=" << m_report.site << " stamp=" << m_report.stamp
       << " queue=" << m_report.queueLength << " busy=" << m_report.busyServers
       << " pulls=" << m_report.pullsInFlight << " blocks=" << m_report.stored.size();
}

void
SiteStateHeader::SetReport(const SiteStateReport& report)
{
    NS_LOG_FUNCTION(this << report.site);
    m_report = report;
    m_report.pullPending.resize(m_report.stored.size(), false);
}

const SiteStateReport&
SiteStateHeader::GetReport() const
{
    return m_report;
}

} // namespace mecpfm
} // namespace ns3
