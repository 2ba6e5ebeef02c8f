/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cloudlet-app.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("CloudletApp");

NS_OBJECT_ENSURE_REGISTERED(CloudletApp);

TypeId
CloudletApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::CloudletApp")
            .SetParent<PfmSiteApp>()
            .SetGroupName("MecPfm")
            .AddConstructor<CloudletApp>()
            .AddAttribute("PullPort",
                          "TCP port of the repository's block-pull service.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&CloudletApp::m_pullPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxConcurrentPulls",
                          "Pulls running at once (further ones queue; a block a waiting "
                          "request needs jumps the queue).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&CloudletApp::m_maxPulls),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RcvBufSize",
                          "TCP receive buffer of pull connections, bytes. Keep it above "
                          "twice the repository's SndBufSize plus a few segments: ns-3 "
                          "before 3.41 crashes when the receive window binds (ns-3 issue "
                          "#991, doc/mec-pfm.rst). The default suits SndBufSize 4 MiB.",
                          UintegerValue(9 << 20),
                          MakeUintegerAccessor(&CloudletApp::m_rcvBuf),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("PullStarted",
                            "A block pull started: (block, bytes).",
                            MakeTraceSourceAccessor(&CloudletApp::m_pullStartedTrace),
                            "ns3::mecpfm::CloudletApp::PullStartedCallback")
            .AddTraceSource("PullCompleted",
                            "A block pull completed: (block, bytes, duration).",
                            MakeTraceSourceAccessor(&CloudletApp::m_pullCompletedTrace),
                            "ns3::mecpfm::CloudletApp::PullCompletedCallback");
    return tid;
}

CloudletApp::CloudletApp()
    : m_pullPort(9000),
      m_maxPulls(2),
      m_rcvBuf(9 << 20),
      m_capacity(0),
      m_pulledBytes(0),
      m_pullsStarted(0),
      m_refused(0),
      m_running(false)
{
}

void
CloudletApp::SetRepository(Ipv4Address addr)
{
    m_repo = addr;
}

void
CloudletApp::SetPlannedBlocks(const std::vector<uint32_t>& blocks)
{
    NS_ABORT_MSG_IF(!m_problem, "CloudletApp: SetProblem before SetPlannedBlocks");
    m_planned = std::set<uint32_t>(blocks.begin(), blocks.end());
    if (m_stored.empty() && !m_running)
    {
        const auto& node = m_problem->GetScenario().nodes[m_problem->GetSiteNode(m_site)];
        m_stored.insert(node.residentBlocks.begin(), node.residentBlocks.end());
    }
    // Evict only what the new plan no longer needs.
    for (auto it = m_stored.begin(); it != m_stored.end();)
    {
        if (!m_planned.count(*it))
        {
            NS_LOG_INFO("cloudlet " << m_site << " evicts block " << *it);
            it = m_stored.erase(it);
        }
        else
        {
            ++it;
        }
    }
    if (m_running)
    {
        for (uint32_t b : m_planned)
        {
            EnsureBlock(b);
        }
    }
}

bool
CloudletApp::HasBlock(uint32_t block) const
{
    return m_stored.count(block) > 0;
}

uint64_t
CloudletApp::GetPulledBytes() const
{
    return m_pulledBytes;
}

uint32_t
CloudletApp::GetPullsStarted() const
{
    return m_pullsStarted;
}

double
CloudletApp::GetStoredBytes() const
{
    double s = 0;
    for (uint32_t b : m_stored)
    {
        s += m_problem->GetCatalogue().GetBlocks()[b].bytes;
    }
    return s;
}

Time
CloudletApp::GetLastPullTime() const
{
    return m_lastPull;
}

void
CloudletApp::DoDispose()
{
    m_pulls.clear();
    m_waiters.clear();
    PfmSiteApp::DoDispose();
}

void
CloudletApp::StartApplication()
{
    PfmSiteApp::StartApplication();
    m_capacity = m_problem->GetStorageBytes(m_site);
    m_running = true;
    for (uint32_t b : m_planned)
    {
        EnsureBlock(b);
    }
}

void
CloudletApp::EnsureBlock(uint32_t block)
{
    if (m_stored.count(block))
    {
        return;
    }
    if (m_inFlight.count(block))
    {
        NS_LOG_LOGIC("cloudlet " << m_site << ": block " << block << " already coming");
        return;
    }
    m_inFlight.insert(block);
    m_pending.push_back(block);
    if (m_running)
    {
        PumpPulls();
    }
}

bool
CloudletApp::MakeRoom(double bytes)
{
    double used = 0;
    for (uint32_t b : m_stored)
    {
        used += m_problem->GetCatalogue().GetBlocks()[b].bytes;
    }
    for (const auto& [s, p] : m_pulls)
    {
        used += static_cast<double>(p.bytes);
    }
    if (used + bytes <= m_capacity * (1 + 1e-9))
    {
        return true;
    }
    // Evict blocks outside the plan that no waiting request needs.
    for (auto it = m_stored.begin(); it != m_stored.end() && used + bytes > m_capacity;)
    {
        bool needed = m_planned.count(*it) > 0;
        for (const auto& w : m_waiters)
        {
            const auto& mb = m_problem->GetCatalogue().GetModels()[w.model].blocks;
            needed = needed || std::binary_search(mb.begin(), mb.end(), *it);
        }
        if (!needed)
        {
            used -= m_problem->GetCatalogue().GetBlocks()[*it].bytes;
            it = m_stored.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return used + bytes <= m_capacity * (1 + 1e-9);
}

void
CloudletApp::PumpPulls()
{
    while (m_pulls.size() < m_maxPulls && !m_pending.empty())
    {
        uint32_t b = m_pending.front();
        m_pending.pop_front();
        StartPull(b);
    }
}

void
CloudletApp::StartPull(uint32_t block)
{
    double bytes = m_problem->GetCatalogue().GetBlocks()[block].bytes;
    if (!MakeRoom(bytes))
    {
        NS_LOG_WARN("cloudlet " << m_site << ": no room for block " << block << " (" << bytes
                                << " B); not pulled");
        ++m_refused;
        m_inFlight.erase(block);
        return;
    }
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    s->SetAttribute("RcvBufSize", UintegerValue(m_rcvBuf));
    s->Bind();
    Pull p;
    p.block = block;
    p.bytes = static_cast<uint64_t>(std::llround(bytes));
    p.started = Simulator::Now();
    m_pulls[s] = p;
    ++m_pullsStarted;
    NS_LOG_INFO("cloudlet " << m_site << " pulls block " << block << " (" << p.bytes << " B)");
    m_pullStartedTrace(block, p.bytes);
    s->SetConnectCallback(MakeCallback(&CloudletApp::PullConnected, this),
                          MakeCallback(&CloudletApp::PullFailed, this));
    s->SetRecvCallback(MakeCallback(&CloudletApp::PullRead, this));
    s->Connect(InetSocketAddress(m_repo, m_pullPort));
}

void
CloudletApp::PullConnected(Ptr<Socket> s)
{
    auto it = m_pulls.find(s);
    if (it == m_pulls.end())
    {
        return;
    }
    BlockPullHeader h;
    h.SetBlock(it->second.block);
    h.SetBytes(it->second.bytes);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    s->Send(head);
}

void
CloudletApp::PullFailed(Ptr<Socket> s)
{
    auto it = m_pulls.find(s);
    if (it == m_pulls.end())
    {
        return;
    }
    NS_LOG_WARN("cloudlet " << m_site << ": pull of block " << it->second.block << " failed");
    m_inFlight.erase(it->second.block);
    m_pulls.erase(it);
    PumpPulls();
}

void
CloudletApp::PullRead(Ptr<Socket> s)
{
    Ptr<Packet> p;
    // Read one TCP segment at a time. Reading the whole receive buffer, or any amount that
    // cuts a segment, makes ns-3 concatenate (and copy) payload on every read, which costs
    // more wall time than the TCP simulation of the pull itself; whole segments are handed
    // over without a copy.
    UintegerValue seg;
    s->GetAttribute("SegmentSize", seg);
    const auto chunk = static_cast<uint32_t>(std::max<uint64_t>(1, seg.Get()));
    while ((p = s->Recv(chunk, 0)))
    {
        auto it = m_pulls.find(s);
        if (it == m_pulls.end())
        {
            continue;
        }
        it->second.got += p->GetSize();
        m_pulledBytes += p->GetSize();
        if (it->second.got >= it->second.bytes)
        {
            Pull done = it->second;
            m_pulls.erase(it);
            s->Close();
            Time took = Simulator::Now() - done.started;
            NS_LOG_INFO("cloudlet " << m_site << " got block " << done.block << " in "
                                    << took.As(Time::S));
            m_lastPull = Simulator::Now();
            m_pullCompletedTrace(done.block, done.bytes, took);
            BlockArrived(done.block);
            PumpPulls();
        }
    }
}

void
CloudletApp::BlockArrived(uint32_t block)
{
    m_inFlight.erase(block);
    m_stored.insert(block);
    std::vector<Waiter> ready;
    for (auto it = m_waiters.begin(); it != m_waiters.end();)
    {
        if (ModelPresent(it->model))
        {
            ready.push_back(*it);
            it = m_waiters.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (auto& w : ready)
    {
        w.done();
    }
}

bool
CloudletApp::ModelPresent(uint32_t model) const
{
    for (uint32_t b : m_problem->GetCatalogue().GetModels()[model].blocks)
    {
        if (!m_stored.count(b))
        {
            return false;
        }
    }
    return true;
}

void
CloudletApp::WaitForModel(uint32_t model, Callback<void> done)
{
    if (ModelPresent(model))
    {
        done();
        return;
    }
    m_waiters.push_back(Waiter{model, done});
    for (uint32_t b : m_problem->GetCatalogue().GetModels()[model].blocks)
    {
        if (!m_stored.count(b) && !m_inFlight.count(b))
        {
            EnsureBlock(b);
        }
        else if (!m_stored.count(b))
        {
            // Needed now: move a queued pull to the front.
            auto q = std::find(m_pending.begin(), m_pending.end(), b);
            if (q != m_pending.end())
            {
                m_pending.erase(q);
                m_pending.push_front(b);
            }
        }
    }
}

} // namespace mecpfm
} // namespace ns3
