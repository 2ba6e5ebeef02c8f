/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-client-app.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

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
            .SetParent<Application>()
            .SetGroupName("MecPfm")
            .AddConstructor<InferenceClientApp>()
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
                            "A request was sent: its id.",
                            MakeTraceSourceAccessor(&InferenceClientApp::m_sentTrace),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("RequestCompleted",
                            "A request ended (completed, rejected or failed).",
                            MakeTraceSourceAccessor(&InferenceClientApp::m_completedTrace),
                            "ns3::mecpfm::InferenceClientApp::CompletedCallback");
    return tid;
}

InferenceClientApp::InferenceClientApp()
    : m_port(7000),
      m_poissonRate(0),
      m_poissonCount(0),
      m_poissonSent(0)
{
    m_gap = CreateObject<ExponentialRandomVariable>();
}

InferenceClientApp::~InferenceClientApp() = default;

void
InferenceClientApp::SetRequests(const std::vector<InferenceRequest>& requests)
{
    m_requests = requests;
}

void
InferenceClientApp::SetRemote(Ipv4Address addr)
{
    m_remote = addr;
}

const std::map<uint32_t, InferenceRecord>&
InferenceClientApp::GetRecords() const
{
    return m_records;
}

int64_t
InferenceClientApp::AssignStreams(int64_t stream)
{
    m_gap->SetStream(stream);
    return 1;
}

void
InferenceClientApp::DoDispose()
{
    m_conns.clear();
    Application::DoDispose();
}

void
InferenceClientApp::StartApplication()
{
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
    rec.home = r.home;
    rec.msg.requestId = r.id;
    rec.msg.tokens = r.tokens;
    rec.msg.inputBytes = static_cast<uint64_t>(std::llround(r.inputBytes));
    rec.msg.outputBytes = static_cast<uint64_t>(std::llround(r.outputBytes));
    rec.msg.sent = Simulator::Now();
    m_records[r.id] = rec;

    Ptr<Socket> s = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    s->Bind();
    Conn c;
    c.id = r.id;
    c.reader = PfmStreamReader(c.hdr.GetSerializedSize());
    c.timeout = Simulator::Schedule(m_timeout, &InferenceClientApp::Timeout, this, s);
    m_conns[s] = c;
    s->SetConnectCallback(MakeCallback(&InferenceClientApp::Connected, this),
                          MakeCallback(&InferenceClientApp::ConnectFailed, this));
    s->SetRecvCallback(MakeCallback(&InferenceClientApp::HandleRead, this));
    s->Connect(InetSocketAddress(m_remote, m_port));
    NS_LOG_INFO("request " << r.id << " sent");
    m_sentTrace(r.id);
}

void
InferenceClientApp::Connected(Ptr<Socket> s)
{
    auto it = m_conns.find(s);
    if (it == m_conns.end())
    {
        return;
    }
    InferenceRequestHeader h;
    h.SetMessage(m_records[it->second.id].msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    Create<PfmStreamWriter>(s, head, m_records[it->second.id].msg.inputBytes, Callback<void>())
        ->Start();
}

void
InferenceClientApp::ConnectFailed(Ptr<Socket> s)
{
    End(s, InferenceStatus::FAILED);
}

void
InferenceClientApp::Timeout(Ptr<Socket> s)
{
    NS_LOG_WARN("request timed out");
    End(s, InferenceStatus::FAILED);
}

void
InferenceClientApp::HandleRead(Ptr<Socket> s)
{
    Ptr<Packet> p;
    while ((p = s->Recv()))
    {
        auto it = m_conns.find(s);
        if (it == m_conns.end() || p->GetSize() == 0)
        {
            continue;
        }
        Conn& c = it->second;
        c.reader.Feed(p);
        if (c.reader.HeaderReady())
        {
            c.reader.TakeHeader(c.hdr);
            const auto& m = c.hdr.GetMessage();
            c.reader.SetExpectedPayload(m.status == InferenceStatus::COMPLETED ? m.outputBytes : 0);
            c.headerDone = true;
        }
        if (c.headerDone && c.reader.Complete())
        {
            InferenceRecord& rec = m_records[c.id];
            InferenceMessage m = c.hdr.GetMessage();
            m.inputBytes = rec.msg.inputBytes;
            m.sent = rec.msg.sent;
            rec.msg = m;
            End(s, m.status);
        }
    }
}

void
InferenceClientApp::End(Ptr<Socket> s, InferenceStatus status)
{
    auto it = m_conns.find(s);
    if (it == m_conns.end())
    {
        return;
    }
    Simulator::Remove(it->second.timeout);
    InferenceRecord& rec = m_records[it->second.id];
    rec.status = status;
    rec.received = Simulator::Now();
    rec.ended = true;
    m_conns.erase(it);
    s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    s->Close();
    NS_LOG_INFO("request " << rec.msg.requestId << " ended with status "
                           << static_cast<int>(status));
    m_completedTrace(rec);
}

} // namespace mecpfm
} // namespace ns3
