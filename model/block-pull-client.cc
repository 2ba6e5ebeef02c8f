/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "block-pull-client.h"

#include "block-pull-header.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("BlockPullClient");
NS_OBJECT_ENSURE_REGISTERED(BlockPullClient);

TypeId
BlockPullClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::BlockPullClient")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddConstructor<BlockPullClient>()
            .AddAttribute("RemoteAddress",
                          "Address of the model repository.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&BlockPullClient::m_remote),
                          MakeIpv4AddressChecker())
            .AddAttribute("PullPort",
                          "TCP port of the repository's block-pull service.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&BlockPullClient::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxConcurrentPulls",
                          "Pulls running at once (further ones queue).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&BlockPullClient::m_maxPulls),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RcvBufSize",
                          "TCP receive buffer of pull connections, bytes (0: the socket's "
                          "default).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&BlockPullClient::m_rcvBuf),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ResumeAttempts",
                          "New connections a pull may open when its established connection "
                          "breaks, each asking for the bytes not yet arrived; then it fails.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&BlockPullClient::m_maxResumes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("StallTimeout",
                          "An established pull that receives nothing for this long is closed "
                          "and resumed on a new connection (0: never; checked every quarter "
                          "of it).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&BlockPullClient::m_stallTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("PullStarted",
                            "A block pull started: (block, bytes).",
                            MakeTraceSourceAccessor(&BlockPullClient::m_startedTrace),
                            "ns3::mecpfm::BlockPullClient::PullStartedCallback")
            .AddTraceSource("PullCompleted",
                            "A block pull completed: (block, bytes, duration).",
                            MakeTraceSourceAccessor(&BlockPullClient::m_completedTrace),
                            "ns3::mecpfm::BlockPullClient::PullCompletedCallback")
            .AddTraceSource("PullFailed",
                            "A block pull failed: (block, bytes, why).",
                            MakeTraceSourceAccessor(&BlockPullClient::m_failedTrace),
                            "ns3::mecpfm::BlockPullClient::PullFailedCallback");
    return tid;
}

BlockPullClient::BlockPullClient()
    : m_port(9000),
      m_maxPulls(2),
      m_rcvBuf(0),
      m_maxResumes(3),
      m_stallTimeout(Seconds(0)),
      m_running(false)
{
}

void
BlockPullClient::Setup(Ptr<Node> node, Callback<Ptr<Socket>> createSocket)
{
    NS_LOG_FUNCTION(this << node);
    m_node = node;
    m_createSocket = createSocket;
}

void
BlockPullClient::SetCallbacks(Callback<bool, uint32_t> admit,
                              Callback<void, uint32_t> completed,
                              Callback<void, uint32_t, Failure> failed)
{
    NS_LOG_FUNCTION(this);
    m_admit = admit;
    m_completedCb = completed;
    m_failedCb = failed;
}

void
BlockPullClient::Start()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_node || m_createSocket.IsNull(), "BlockPullClient: Setup() first");
    m_running = true;
    Pump();
}

void
BlockPullClient::Stop()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
}

bool
BlockPullClient::Request(uint32_t block, uint64_t bytes)
{
    NS_LOG_FUNCTION(this << block << bytes);
    if (!m_pending.insert(block).second)
    {
        NS_LOG_LOGIC("block " << block << " already coming");
        return false;
    }
    Pull p;
    p.block = block;
    p.bytes = bytes;
    m_queue.push_back(p);
    if (m_running)
    {
        Pump();
    }
    return true;
}

void
BlockPullClient::Prioritize(uint32_t block)
{
    NS_LOG_FUNCTION(this << block);
    auto q = std::find_if(m_queue.begin(), m_queue.end(), [block](const Pull& p) {
        return p.block == block;
    });
    if (q != m_queue.end())
    {
        Pull p = *q;
        m_queue.erase(q);
        m_queue.push_front(p);
    }
}

bool
BlockPullClient::IsPending(uint32_t block) const
{
    return m_pending.count(block) > 0;
}

uint32_t
BlockPullClient::GetRunning() const
{
    return static_cast<uint32_t>(m_active.size());
}

uint32_t
BlockPullClient::GetQueued() const
{
    return static_cast<uint32_t>(m_queue.size());
}

uint64_t
BlockPullClient::GetBytesArrived() const
{
    uint64_t running = 0;
    for (const auto& [key, p] : m_active)
    {
        running += p.channel->GetPayloadReceived();
    }
    return m_bytesArrived + running;
}

uint64_t
BlockPullClient::GetBytesCompleted() const
{
    return m_bytesCompleted;
}

uint64_t
BlockPullClient::GetArrivedOfCompleted() const
{
    return m_arrivedOfCompleted;
}

uint32_t
BlockPullClient::GetResumes() const
{
    return m_resumes;
}

void
BlockPullClient::Abort()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    std::map<MessageChannel*, Pull> active;
    active.swap(m_active);
    for (auto& [key, p] : active)
    {
        p.stallCheck.Cancel();
        m_bytesArrived += p.channel->GetPayloadReceived();
        p.channel->Close();
        m_failedTrace(p.block, p.bytes, CONNECTION);
    }
    m_queue.clear();
    m_pending.clear();
}

void
BlockPullClient::DoDispose()
{
    m_active.clear();
    m_queue.clear();
    m_node = nullptr;
    m_createSocket = MakeNullCallback<Ptr<Socket>>();
    m_admit = MakeNullCallback<bool, uint32_t>();
    m_completedCb = MakeNullCallback<void, uint32_t>();
    m_failedCb = MakeNullCallback<void, uint32_t, Failure>();
    Object::DoDispose();
}

void
BlockPullClient::Pump()
{
    while (m_running && m_active.size() < m_maxPulls && !m_queue.empty())
    {
        Pull p = m_queue.front();
        m_queue.pop_front();
        StartPull(p);
    }
}

void
BlockPullClient::StartPull(Pull p)
{
    if (!m_admit.IsNull() && !m_admit(p.block))
    {
        NS_LOG_WARN("no room for block " << p.block << " (" << p.bytes << " B); not pulled");
        Fail(p.block, p.bytes, NO_ROOM);
        return;
    }
    p.started = Simulator::Now();
    NS_LOG_INFO("pulls block " << p.block << " (" << p.bytes << " B)");
    m_startedTrace(p.block, p.bytes);
    Open(p);
}

void
BlockPullClient::Open(Pull& p)
{
    Ptr<Socket> s = m_createSocket();
    if (m_rcvBuf > 0)
    {
        s->SetAttribute("RcvBufSize", UintegerValue(m_rcvBuf));
    }
    s->Bind();
    p.connected = false;
    p.channel = Create<MessageChannel>(s, false);
    m_active[PeekPointer(p.channel)] = p;
    p.channel->SetConnectCallbacks(MakeCallback(&BlockPullClient::Connected, this),
                                   MakeCallback(&BlockPullClient::ConnectFailed, this));
    p.channel->SetReceiveCallbacks(MessageChannel::HeaderCallback(),
                                   MakeCallback(&BlockPullClient::Arrived, this));
    p.channel->SetCloseCallback(MakeCallback(&BlockPullClient::Broken, this));
    p.channel->ExpectPayload(p.bytes - p.done);
    p.channel->Connect(InetSocketAddress(m_remote, m_port));
}

void
BlockPullClient::CheckStall(MessageChannel* key)
{
    auto it = m_active.find(key);
    if (it == m_active.end())
    {
        return;
    }
    Pull& p = it->second;
    const uint64_t got = p.channel->GetPayloadReceived();
    if (got != p.lastGot)
    {
        p.lastGot = got;
        p.lastProgress = Simulator::Now();
    }
    else if (Simulator::Now() - p.lastProgress >= m_stallTimeout)
    {
        NS_LOG_WARN("pull of block " << p.block << " stalled for " << m_stallTimeout.As(Time::S));
        Broken(p.channel);
        return;
    }
    p.stallCheck = Simulator::Schedule(m_stallTimeout / 4, &BlockPullClient::CheckStall, this, key);
}

void
BlockPullClient::Connected(Ptr<MessageChannel> ch)
{
    auto it = m_active.find(PeekPointer(ch));
    if (it == m_active.end())
    {
        return;
    }
    it->second.connected = true;
    if (m_stallTimeout.IsStrictlyPositive())
    {
        it->second.lastGot = 0;
        it->second.lastProgress = Simulator::Now();
        it->second.stallCheck = Simulator::Schedule(m_stallTimeout / 4,
                                                    &BlockPullClient::CheckStall,
                                                    this,
                                                    PeekPointer(ch));
    }
    // A resumed pull asks for the rest only: the repository sends what the header says.
    BlockPullHeader h;
    h.SetBlock(it->second.block);
    h.SetBytes(it->second.bytes - it->second.done);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    ch->Send(head, 0);
}

void
BlockPullClient::ConnectFailed(Ptr<MessageChannel> ch)
{
    auto it = m_active.find(PeekPointer(ch));
    if (it == m_active.end())
    {
        return;
    }
    Pull p = it->second;
    m_active.erase(it);
    NS_LOG_WARN("pull of block " << p.block << " failed: no connection");
    ch->Close();
    Fail(p.block, p.bytes, CONNECTION);
    Pump();
}

void
BlockPullClient::Broken(Ptr<MessageChannel> ch)
{
    auto it = m_active.find(PeekPointer(ch));
    if (it == m_active.end())
    {
        return;
    }
    Pull p = it->second;
    m_active.erase(it);
    p.stallCheck.Cancel();
    const uint64_t got = ch->GetPayloadReceived();
    m_bytesArrived += got;
    p.done += got;
    ch->Close();
    if (p.connected && p.resumes < m_maxResumes && p.done < p.bytes)
    {
        Resume(p);
        return;
    }
    NS_LOG_WARN("pull of block " << p.block << " failed");
    Fail(p.block, p.bytes, CONNECTION);
    Pump();
}

void
BlockPullClient::Resume(Pull p)
{
    ++p.resumes;
    ++m_resumes;
    NS_LOG_WARN("pull of block " << p.block << " resumes at byte " << p.done << " of " << p.bytes
                                 << " (connection " << p.resumes + 1 << ")");
    Open(p);
}

void
BlockPullClient::Arrived(Ptr<MessageChannel> ch)
{
    auto it = m_active.find(PeekPointer(ch));
    if (it == m_active.end())
    {
        return;
    }
    Pull p = it->second;
    m_active.erase(it);
    p.stallCheck.Cancel();
    const uint64_t got = ch->GetPayloadReceived();
    m_bytesArrived += got;
    m_arrivedOfCompleted += p.done + got;
    m_bytesCompleted += p.bytes;
    ch->Close();
    const Time took = Simulator::Now() - p.started;
    NS_LOG_INFO("got block " << p.block << " in " << took.As(Time::S));
    m_pending.erase(p.block);
    m_completedTrace(p.block, p.bytes, took);
    if (!m_completedCb.IsNull())
    {
        m_completedCb(p.block);
    }
    Pump();
}

void
BlockPullClient::Fail(uint32_t block, uint64_t bytes, Failure why)
{
    m_pending.erase(block);
    m_failedTrace(block, bytes, why);
    if (!m_failedCb.IsNull())
    {
        m_failedCb(block, why);
    }
}

} // namespace mecpfm
} // namespace ns3
