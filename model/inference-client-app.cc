/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-client-app.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("InferenceClientApp");
NS_OBJECT_ENSURE_REGISTERED(InferenceClientApp);

TypeId
InferenceClientApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::InferenceClientApp")
            .SetParent<MecPfmApplication>()
            .SetGroupName("MecPfm")
            .AddConstructor<InferenceClientApp>()
            .AddAttribute("RemoteAddress",
                          "Address of the home cloudlet as this user reaches it.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&InferenceClientApp::m_remote),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port",
                          "TCP port of the home cloudlet's inference service.",
                          UintegerValue(7000),
                          MakeUintegerAccessor(&InferenceClientApp::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Timeout",
                          "A request without a response after this long ends FAILED.",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&InferenceClientApp::m_timeout),
                          MakeTimeChecker())
            .AddAttribute("PoissonRate",
                          "If > 0: ignore arrival times and send the request list (cycled) "
                          "with exponential gaps of this rate (requests per second).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&InferenceClientApp::m_poissonRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PoissonCount",
                          "Number of Poisson requests (0: as many as the list has).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&InferenceClientApp::m_poissonCount),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("RequestSent",
                            "A request was sent: its record (id, sequence number, sent).",
                            MakeTraceSourceAccessor(&InferenceClientApp::m_sentTrace),
                            "ns3::mecpfm::InferenceClientApp::RecordCallback")
            .AddTraceSource("RequestCompleted",
                            "A request ended (completed, rejected or failed): its record.",
                            MakeTraceSourceAccessor(&InferenceClientApp::m_completedTrace),
                            "ns3::mecpfm::InferenceClientApp::RecordCallback");
    return tid;
}

InferenceClientApp::InferenceClientApp()
    : m_nextSeq(0),
      m_homeSet(false),
      m_home(0),
      m_port(7000),
      m_poissonRate(0),
      m_poissonCount(0),
      m_poissonSent(0)
{
    m_gap = CreateObject<ExponentialRandomVariable>();
}

InferenceClientApp::~InferenceClientApp() = default;

void
InferenceClientApp::SetRequests(const std::vector<InferenceRequest>& requests,
                                const std::vector<std::string>& tasks)
{
    NS_LOG_FUNCTION(this << requests.size());
    m_requests = requests;
    m_taskIndex.clear();
    for (const auto& r : requests)
    {
        auto t = std::find(tasks.begin(), tasks.end(), r.task);
        NS_ABORT_MSG_IF(t == tasks.end(),
                        "request " << r.id << ": task " << r.task << " is not in the task list");
        m_taskIndex.push_back(static_cast<uint32_t>(t - tasks.begin()));
    }
}

void
InferenceClientApp::SetRemote(Ipv4Address addr)
{
    NS_LOG_FUNCTION(this << addr);
    m_remote = addr;
}

void
InferenceClientApp::SetHome(uint32_t home, Ipv4Address addr)
{
    NS_LOG_FUNCTION(this << home << addr);
    m_homeSet = true;
    m_home = home;
    m_remote = addr;
}

std::vector<uint32_t>
InferenceClientApp::GetOpenSeqs() const
{
    std::vector<uint32_t> seqs;
    for (const auto& [ch, o] : m_open)
    {
        seqs.push_back(o.seq);
    }
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

const std::map<uint32_t, InferenceRecord>&
InferenceClientApp::GetRecords() const
{
    return m_records;
}

int64_t
InferenceClientApp::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_gap->SetStream(stream);
    return 1;
}

bool
InferenceClientApp::Abandon(uint32_t requestId, uint32_t seq, FailureReason reason)
{
    for (auto& [key, o] : m_open)
    {
        if (o.seq == seq && m_records[seq].msg.requestId == requestId)
        {
            End(key, InferenceStatus::FAILED, reason);
            return true;
        }
    }
    return false;
}

uint32_t
InferenceClientApp::AbandonHome(uint32_t home, FailureReason reason)
{
    // In send order: m_open's order is that of addresses, which may vary between runs.
    std::map<uint32_t, MessageChannel*> ended;
    for (auto& [key, o] : m_open)
    {
        if (m_records[o.seq].home == home)
        {
            ended[o.seq] = key;
        }
    }
    for (auto& [seq, key] : ended)
    {
        End(key, InferenceStatus::FAILED, reason);
    }
    return static_cast<uint32_t>(ended.size());
}

void
InferenceClientApp::DoDispose()
{
    m_open.clear();
    MecPfmApplication::DoDispose();
}

void
InferenceClientApp::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_poissonRate > 0)
    {
        if (m_poissonCount == 0)
        {
            m_poissonCount = static_cast<uint32_t>(m_requests.size());
        }
        m_gap->SetAttribute("Mean", DoubleValue(1.0 / m_poissonRate));
        SchedulePoisson();
        return;
    }
    for (uint32_t i = 0; i < m_requests.size(); ++i)
    {
        m_sendEvents.push_back(Simulator::Schedule(Seconds(m_requests[i].arrivalS),
                                                   &InferenceClientApp::Send,
                                                   this,
                                                   i));
    }
}

void
InferenceClientApp::SchedulePoisson()
{
    if (m_poissonSent >= m_poissonCount || m_requests.empty())
    {
        return;
    }
    // A member function, not a lambda: ns-3.35's Simulator::Schedule takes no lambdas.
    m_sendEvents.push_back(
        Simulator::Schedule(Seconds(m_gap->GetValue()), &InferenceClientApp::SendPoisson, this));
}

void
InferenceClientApp::SendPoisson()
{
    Send(m_poissonSent % m_requests.size());
    ++m_poissonSent;
    SchedulePoisson();
}

void
InferenceClientApp::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (auto& e : m_sendEvents)
    {
        e.Cancel();
    }
}

void
InferenceClientApp::Send(uint32_t idx)
{
    const InferenceRequest& r = m_requests[idx];
    InferenceRecord rec;
    rec.home = m_homeSet ? m_home : r.home;
    rec.msg.requestId = r.id;
    rec.msg.seq = m_nextSeq++;
    rec.msg.home = rec.home;
    rec.msg.task = m_taskIndex[idx];
    rec.msg.minAccuracy = r.minAccuracy;
    rec.msg.tokens = r.tokens;
    rec.msg.inputBytes = static_cast<uint64_t>(std::llround(r.inputBytes));
    rec.msg.outputBytes = static_cast<uint64_t>(std::llround(r.outputBytes));
    rec.msg.sent = Simulator::Now();
    m_records[rec.msg.seq] = rec;

    Ptr<Socket> s = CreateTcpSocket();
    s->Bind();
    Open o;
    o.seq = rec.msg.seq;
    o.channel = Create<MessageChannel>(s, false);
    MessageChannel* key = PeekPointer(o.channel);
    o.timeout = Simulator::Schedule(m_timeout, &InferenceClientApp::Timeout, this, key);
    m_open[key] = o;
    o.channel->SetConnectCallbacks(MakeCallback(&InferenceClientApp::Connected, this),
                                   MakeCallback(&InferenceClientApp::ConnectFailed, this));
    o.channel->SetCloseCallback(MakeCallback(&InferenceClientApp::ConnectionLost, this));
    o.channel->ExpectHeader(InferenceResponseHeader().GetSerializedSize());
    o.channel->SetReceiveCallbacks(MakeCallback(&InferenceClientApp::ResponseHeader, this),
                                   MakeCallback(&InferenceClientApp::ResponseReceived, this));
    o.channel->Connect(InetSocketAddress(m_remote, m_port));
    NS_LOG_INFO("request " << r.id << " sent (send " << rec.msg.seq << ")");
    m_sentTrace(m_records[rec.msg.seq]);
}

void
InferenceClientApp::Connected(Ptr<MessageChannel> ch)
{
    auto it = m_open.find(PeekPointer(ch));
    if (it == m_open.end())
    {
        return;
    }
    const InferenceMessage& msg = m_records[it->second.seq].msg;
    InferenceRequestHeader h;
    h.SetMessage(msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    ch->Send(head, msg.inputBytes);
}

void
InferenceClientApp::ConnectFailed(Ptr<MessageChannel> ch)
{
    End(PeekPointer(ch), InferenceStatus::FAILED, FailureReason::CONNECT_FAILED);
}

void
InferenceClientApp::ConnectionLost(Ptr<MessageChannel> ch)
{
    NS_LOG_WARN("connection closed before the response");
    End(PeekPointer(ch), InferenceStatus::FAILED, FailureReason::CONNECT_FAILED);
}

void
InferenceClientApp::Timeout(MessageChannel* ch)
{
    NS_LOG_WARN("request timed out");
    End(ch, InferenceStatus::FAILED, FailureReason::TIMEOUT);
}

uint64_t
InferenceClientApp::ResponseHeader(Ptr<MessageChannel> ch, Ptr<Packet> header)
{
    InferenceResponseHeader h;
    header->RemoveHeader(h);
    auto it = m_open.find(PeekPointer(ch));
    if (it == m_open.end())
    {
        return 0;
    }
    const InferenceMessage& m = h.GetMessage();
    it->second.response = m;
    return m.status == InferenceStatus::COMPLETED ? m.outputBytes : 0;
}

void
InferenceClientApp::ResponseReceived(Ptr<MessageChannel> ch)
{
    auto it = m_open.find(PeekPointer(ch));
    if (it == m_open.end())
    {
        return;
    }
    InferenceRecord& rec = m_records[it->second.seq];
    // The response's fields, and what only the request carried.
    InferenceMessage m = it->second.response;
    m.seq = rec.msg.seq;
    m.home = rec.msg.home;
    m.task = rec.msg.task;
    m.minAccuracy = rec.msg.minAccuracy;
    m.inputBytes = rec.msg.inputBytes;
    m.sent = rec.msg.sent;
    rec.msg = m;
    End(PeekPointer(ch), m.status, m.reason);
}

void
InferenceClientApp::End(MessageChannel* ch, InferenceStatus status, FailureReason reason)
{
    auto it = m_open.find(ch);
    if (it == m_open.end())
    {
        return;
    }
    Simulator::Remove(it->second.timeout);
    InferenceRecord& rec = m_records[it->second.seq];
    rec.status = status;
    rec.reason = reason;
    rec.received = Simulator::Now();
    rec.ended = true;
    Ptr<MessageChannel> channel = it->second.channel;
    m_open.erase(it);
    channel->Close();
    NS_LOG_INFO("request " << rec.msg.requestId << " ended " << GetStatusName(status) << " ("
                           << GetFailureReasonName(reason) << ")");
    m_completedTrace(rec);
}

} // namespace mecpfm
} // namespace ns3
