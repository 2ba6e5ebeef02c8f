/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "message-channel.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MessageChannel");

namespace
{
/**
 * \brief Holds a socket until the event that calls this runs (see KeepSocketAlive).
 * \param socket the socket
 */
void
ReleaseSocket(Ptr<Socket> socket)
{
}
} // namespace

MessageChannel::MessageChannel(Ptr<Socket> socket, bool connected)
    : m_socket(socket),
      m_connected(connected),
      m_connecting(false),
      m_closing(false),
      m_closed(false),
      m_segment(0),
      m_expect(Expect::NOTHING),
      m_headerSize(0),
      m_payloadLeft(0),
      m_payloadGot(0),
      m_written(0),
      m_sendCallbackSet(false)
{
    NS_LOG_FUNCTION(this << socket << connected);
    // Segment-aligned writes and segment-sized reads (see the class description): the TCP
    // segment size, if this is a TCP socket; otherwise writes are not cut.
    UintegerValue seg;
    if (m_socket->GetAttributeFailSafe("SegmentSize", seg))
    {
        m_segment = static_cast<uint32_t>(seg.Get());
    }
    // Raw pointers: the socket must not keep the channel alive (the owner does, and the
    // destructor removes these callbacks).
    m_socket->SetRecvCallback(MakeCallback(&MessageChannel::OnRecv, this));
    m_socket->SetCloseCallbacks(MakeCallback(&MessageChannel::OnClosed, this),
                                MakeCallback(&MessageChannel::OnClosed, this));
}

MessageChannel::~MessageChannel()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_destroyEvent); // nothing if never scheduled, run or destroyed
    if (!m_closed)
    {
        Detach();
    }
}

Ptr<Socket>
MessageChannel::GetSocket() const
{
    return m_socket;
}

void
MessageChannel::SetConnectCallbacks(ChannelCallback connected, ChannelCallback failed)
{
    NS_LOG_FUNCTION(this);
    m_connectedCb = connected;
    m_failedCb = failed;
}

void
MessageChannel::Connect(const Address& remote)
{
    NS_LOG_FUNCTION(this << remote);
    NS_ASSERT_MSG(!m_closed, "MessageChannel::Connect after Close");
    m_socket->SetConnectCallback(MakeCallback(&MessageChannel::OnConnected, this),
                                 MakeCallback(&MessageChannel::OnConnectFailed, this));
    m_connecting = true;
    if (m_socket->Connect(remote) != 0)
    {
        // ns-3's TCP refuses at once when it has no route; without this the connection
        // would be neither established nor failed, and its owner would wait forever.
        Simulator::ScheduleNow(&MessageChannel::ConnectRefused, Ptr<MessageChannel>(this));
    }
}

void
MessageChannel::ConnectRefused(Ptr<MessageChannel> ch)
{
    if (ch->m_connecting && !ch->m_closed)
    {
        ch->OnConnectFailed(ch->m_socket);
    }
}

void
MessageChannel::SetReceiveCallbacks(HeaderCallback header, ChannelCallback message)
{
    NS_LOG_FUNCTION(this);
    m_headerCb = header;
    m_messageCb = message;
}

void
MessageChannel::SetCloseCallback(ChannelCallback closed)
{
    NS_LOG_FUNCTION(this);
    m_closedCb = closed;
}

void
MessageChannel::ExpectHeader(uint32_t headerSize)
{
    NS_LOG_FUNCTION(this << headerSize);
    m_headerSize = headerSize;
    if (m_expect == Expect::NOTHING && headerSize > 0)
    {
        m_expect = Expect::HEADER;
    }
}

void
MessageChannel::ExpectPayload(uint64_t bytes)
{
    NS_LOG_FUNCTION(this << bytes);
    m_expect = Expect::PAYLOAD;
    m_payloadLeft = bytes;
    m_payloadGot = 0;
    if (bytes == 0)
    {
        MessageDone();
    }
}

uint64_t
MessageChannel::GetPayloadReceived() const
{
    return m_payloadGot;
}

void
MessageChannel::Receive(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p->GetSize());
    while (p && p->GetSize() > 0)
    {
        switch (m_expect)
        {
        case Expect::HEADER:
            p = TakeHeaderBytes(p);
            break;
        case Expect::PAYLOAD:
            p = TakePayloadBytes(p);
            break;
        default:
            NS_LOG_WARN("channel " << this << ": " << p->GetSize()
                                   << " bytes received outside any message, dropped");
            return;
        }
    }
}

Ptr<Packet>
MessageChannel::TakeHeaderBytes(Ptr<Packet> p)
{
    const uint32_t have = m_headerBuf ? m_headerBuf->GetSize() : 0;
    const uint32_t need = m_headerSize - have;
    Ptr<Packet> rest;
    if (p->GetSize() > need)
    {
        rest = p->CreateFragment(need, p->GetSize() - need);
        p = p->CreateFragment(0, need);
    }
    if (m_headerBuf)
    {
        m_headerBuf->AddAtEnd(p);
    }
    else
    {
        m_headerBuf = p;
    }
    if (m_headerBuf->GetSize() < m_headerSize)
    {
        return nullptr;
    }
    Ptr<Packet> header = m_headerBuf;
    m_headerBuf = nullptr;
    m_expect = Expect::PAYLOAD;
    m_payloadGot = 0;
    m_payloadLeft = m_headerCb.IsNull() ? 0 : m_headerCb(Ptr<MessageChannel>(this), header);
    if (m_payloadLeft == 0)
    {
        MessageDone();
    }
    return rest;
}

Ptr<Packet>
MessageChannel::TakePayloadBytes(Ptr<Packet> p)
{
    const uint64_t size = p->GetSize();
    Ptr<Packet> rest;
    if (size <= m_payloadLeft)
    {
        m_payloadLeft -= size;
        m_payloadGot += size;
    }
    else
    {
        const auto take = static_cast<uint32_t>(m_payloadLeft);
        rest = p->CreateFragment(take, static_cast<uint32_t>(size) - take);
        m_payloadGot += take;
        m_payloadLeft = 0;
    }
    if (m_payloadLeft == 0)
    {
        MessageDone();
    }
    return rest;
}

void
MessageChannel::MessageDone()
{
    m_expect = m_headerSize > 0 ? Expect::HEADER : Expect::NOTHING;
    if (!m_messageCb.IsNull())
    {
        m_messageCb(Ptr<MessageChannel>(this));
    }
}

void
MessageChannel::Send(Ptr<Packet> header, uint64_t payloadBytes)
{
    NS_LOG_FUNCTION(this << payloadBytes);
    NS_ASSERT_MSG(!m_closing, "MessageChannel::Send after Close");
    Outgoing o;
    o.header = header;
    o.left = payloadBytes;
    m_out.push_back(o);
    if (m_connected)
    {
        Pump();
    }
}

uint64_t
MessageChannel::GetPayloadQueued() const
{
    uint64_t q = 0;
    for (const auto& o : m_out)
    {
        q += o.left;
    }
    return q;
}

void
MessageChannel::Close()
{
    NS_LOG_FUNCTION(this);
    m_closing = true;
    if (m_out.empty() || (!m_connected && !m_connecting))
    {
        DoClose();
        return;
    }
    // Pump() closes once the queue is written; the channel keeps itself alive until then.
    KeepSelf();
}

void
MessageChannel::Pump()
{
    Ptr<MessageChannel> keep(this);
    while (!m_out.empty())
    {
        if (!WriteFront())
        {
            if (!m_sendCallbackSet)
            {
                m_socket->SetSendCallback(MakeCallback(&MessageChannel::OnSendSpace, this));
                m_sendCallbackSet = true;
            }
            KeepSelf(); // written on, even if the owner lets go
            return;
        }
        m_out.pop_front();
    }
    if (m_sendCallbackSet)
    {
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_sendCallbackSet = false;
    }
    if (m_closing)
    {
        DoClose();
    }
    m_self = nullptr;
}

bool
MessageChannel::WriteFront()
{
    Outgoing& o = m_out.front();
    while (true)
    {
        const uint32_t avail = m_socket->GetTxAvailable();
        if (o.header)
        {
            if (avail < o.header->GetSize() || m_socket->Send(o.header) < 0)
            {
                return false;
            }
            m_written += o.header->GetSize();
            o.header = nullptr;
            continue;
        }
        if (o.left == 0)
        {
            return true;
        }
        if (avail == 0)
        {
            return false;
        }
        // Up to the next segment boundary of the stream (see the class description).
        uint64_t chunk = std::min<uint64_t>(o.left, avail);
        if (m_segment > 0)
        {
            chunk = std::min<uint64_t>(chunk, m_segment - m_written % m_segment);
        }
        const int sent = m_socket->Send(Create<Packet>(static_cast<uint32_t>(chunk)));
        if (sent <= 0)
        {
            return false;
        }
        o.left -= static_cast<uint64_t>(sent);
        m_written += static_cast<uint64_t>(sent);
    }
}

void
MessageChannel::KeepSelf()
{
    m_self = this;
    if (m_destroyEvent.IsExpired())
    {
        m_destroyEvent = Simulator::ScheduleDestroy(&MessageChannel::ReleaseAtDestroy, this);
    }
}

void
MessageChannel::ReleaseAtDestroy()
{
    NS_LOG_FUNCTION(this);
    Ptr<MessageChannel> keep(this); // the last reference may be m_self
    if (!m_closed)
    {
        m_closed = true;
        Detach();
    }
    m_self = nullptr;
}

void
MessageChannel::DoClose()
{
    if (m_closed)
    {
        return;
    }
    m_closed = true;
    Detach();
    m_socket->Close();
}

void
MessageChannel::Detach()
{
    m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    m_sendCallbackSet = false;
    m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                 MakeNullCallback<void, Ptr<Socket>>());
}

void
MessageChannel::OnConnected(Ptr<Socket>)
{
    Ptr<MessageChannel> keep(this);
    m_connected = true;
    if (!m_connectedCb.IsNull())
    {
        m_connectedCb(keep);
    }
    if (!m_closed)
    {
        Pump();
    }
}

void
MessageChannel::KeepSocketAlive()
{
    // ns-3's TCP may drop its own reference to the socket (DeallocateEndPoint) in the
    // very call that reports a failure or a close, and touch the socket after it: an owner
    // that lets go of the channel in its callback must not free the socket there. An event
    // holds it until the current one is over (failures only: no event in a normal run).
    Simulator::ScheduleNow(&ReleaseSocket, m_socket);
}

void
MessageChannel::OnConnectFailed(Ptr<Socket>)
{
    Ptr<MessageChannel> keep(this);
    KeepSocketAlive();
    m_connecting = false;
    if (!m_failedCb.IsNull())
    {
        m_failedCb(keep);
    }
    if (m_closing)
    {
        m_out.clear();
        DoClose();
        m_self = nullptr;
    }
}

void
MessageChannel::OnRecv(Ptr<Socket> s)
{
    Ptr<MessageChannel> keep(this);
    const uint32_t chunk = m_segment > 0 ? m_segment : std::numeric_limits<uint32_t>::max();
    Ptr<Packet> p;
    while ((p = s->Recv(chunk, 0)) && p->GetSize() > 0)
    {
        Receive(p);
    }
}

void
MessageChannel::OnSendSpace(Ptr<Socket>, uint32_t)
{
    Pump();
}

void
MessageChannel::OnClosed(Ptr<Socket>)
{
    Ptr<MessageChannel> keep(this);
    KeepSocketAlive();
    if (!m_closedCb.IsNull())
    {
        m_closedCb(keep);
    }
    if (m_closing)
    {
        m_out.clear();
        DoClose();
        m_self = nullptr;
    }
}

} // namespace mecpfm
} // namespace ns3
