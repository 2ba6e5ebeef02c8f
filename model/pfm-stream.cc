/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-stream.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmStream");

PfmStreamWriter::PfmStreamWriter(Ptr<Socket> socket,
                                 Ptr<Packet> head,
                                 uint64_t payloadBytes,
                                 Callback<void> done)
    : m_socket(socket),
      m_head(head),
      m_left(payloadBytes),
      m_done(done),
      m_finished(false),
      m_written(0),
      m_segment(0)
{
    // Segment-aligned writes (see OnSendSpace): the TCP segment size, if this is a TCP
    // socket; otherwise writes are not cut.
    UintegerValue seg;
    if (m_socket->GetAttributeFailSafe("SegmentSize", seg))
    {
        m_segment = static_cast<uint32_t>(seg.Get());
    }
}

void
PfmStreamWriter::Start()
{
    m_socket->SetSendCallback(
        MakeCallback(&PfmStreamWriter::OnSendSpace, Ptr<PfmStreamWriter>(this)));
    OnSendSpace(m_socket, m_socket->GetTxAvailable());
}

uint64_t
PfmStreamWriter::GetRemaining() const
{
    return m_left;
}

void
PfmStreamWriter::OnSendSpace(Ptr<Socket> s, uint32_t)
{
    if (m_finished)
    {
        return;
    }
    Ptr<PfmStreamWriter> keep(this); // the callback reset below may drop the last reference
    while (true)
    {
        uint32_t avail = m_socket->GetTxAvailable();
        if (m_head)
        {
            if (avail < m_head->GetSize())
            {
                return;
            }
            if (m_socket->Send(m_head) < 0)
            {
                return;
            }
            m_written += m_head->GetSize();
            m_head = nullptr;
            continue;
        }
        if (m_left == 0)
        {
            break;
        }
        if (avail == 0)
        {
            return;
        }
        // Write up to the next segment boundary of the stream, so that every full TCP
        // segment is cut from one application packet. A segment spanning two packets makes
        // ns-3 concatenate them, which turns the payload's virtual zero bytes into real
        // ones that every router on the path then copies (measured on GEANT: a third more
        // wall time than raw BulkSend transfers).
        uint64_t chunk = std::min<uint64_t>(m_left, avail);
        if (m_segment > 0)
        {
            chunk = std::min<uint64_t>(chunk, m_segment - m_written % m_segment);
        }
        int sent = m_socket->Send(Create<Packet>(static_cast<uint32_t>(chunk)));
        if (sent <= 0)
        {
            return;
        }
        m_left -= static_cast<uint64_t>(sent);
        m_written += static_cast<uint64_t>(sent);
    }
    m_finished = true;
    m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    if (!m_done.IsNull())
    {
        m_done();
    }
}

PfmStreamReader::PfmStreamReader(uint32_t headerSize)
    : m_headerSize(headerSize),
      m_buf(nullptr),
      m_haveHeader(false),
      m_payloadGot(0),
      m_payloadExpect(0)
{
}

void
PfmStreamReader::Feed(Ptr<Packet> p)
{
    if (m_haveHeader)
    {
        m_payloadGot += p->GetSize();
        return;
    }
    if (!m_buf)
    {
        m_buf = p->Copy();
    }
    else
    {
        m_buf->AddAtEnd(p);
    }
}

bool
PfmStreamReader::HeaderReady() const
{
    return !m_haveHeader && m_buf && m_buf->GetSize() >= m_headerSize;
}

void
PfmStreamReader::SetExpectedPayload(uint64_t bytes)
{
    m_payloadExpect = bytes;
}

bool
PfmStreamReader::Complete() const
{
    return m_haveHeader && m_payloadGot >= m_payloadExpect;
}

uint64_t
PfmStreamReader::GetPayloadReceived() const
{
    return m_payloadGot;
}

} // namespace mecpfm
} // namespace ns3
