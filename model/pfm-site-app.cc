/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-site-app.h"

#include "site-state-header.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmSiteApp");
NS_OBJECT_ENSURE_REGISTERED(PfmSiteApp);

TypeId
PfmSiteApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PfmSiteApp")
            .SetParent<MecPfmApplication>()
            .SetGroupName("MecPfm")
            .AddAttribute("Port",
                          "TCP port of the inference service.",
                          UintegerValue(7000),
                          MakeUintegerAccessor(&PfmSiteApp::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Servers",
                          "Compute servers g (accelerators) of the site's ComputeQueue.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&PfmSiteApp::m_servers),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RerouteOnNoRoom",
                          "A request whose model cannot be pulled for lack of room (the "
                          "blocks in use fill the storage, or the model is larger than it) "
                          "goes on to the DC, which holds every model, instead of failing. "
                          "The replay environment (OnlineReplay) does the same.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&PfmSiteApp::m_rerouteNoRoom),
                          MakeBooleanChecker())
            .AddAttribute("ComputeQueue",
                          "The site's compute servers (for its trace sources).",
                          TypeId::ATTR_GET,
                          PointerValue(),
                          MakePointerAccessor(&PfmSiteApp::m_queue),
                          MakePointerChecker<ComputeQueue>())
            .AddAttribute("StateReportInterval",
                          "Send this site's state report (SiteStateHeader) every interval, "
                          "from time 0, to every other cloudlet (the deciding homes). 0: no "
                          "reports (a controller whose StateView is live needs none).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&PfmSiteApp::m_reportInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StateReportStop",
                          "No report is sent after this time (0: until the application "
                          "stops). The runner sets it shortly after the last arrival: "
                          "after the last decision reports serve nothing, and at a small "
                          "interval they would be most of the run's events.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&PfmSiteApp::m_reportStop),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StateReportPort",
                          "UDP port state reports are sent to and received on.",
                          UintegerValue(7100),
                          MakeUintegerAccessor(&PfmSiteApp::m_reportPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("StateReportOnChange",
                          "Skip a periodic report whose state (all but its stamp) equals the "
                          "last one sent: fewer packets, but a report's stamp then says when "
                          "the state was last sent, not when it was last checked.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&PfmSiteApp::m_reportOnChange),
                          MakeBooleanChecker())
            .AddTraceSource("StateReportSent",
                            "This site sent its state report (to every other cloudlet).",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_reportSentTrace),
                            "ns3::mecpfm::PfmSiteApp::StateReportCallback")
            .AddTraceSource("StateReportReceived",
                            "This site received another site's state report.",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_reportReceivedTrace),
                            "ns3::mecpfm::PfmSiteApp::StateReportCallback")
            .AddTraceSource("RequestServed",
                            "A request finished processing at this site.",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_servedTrace),
                            "ns3::mecpfm::PfmSiteApp::ServedCallback")
            .AddTraceSource("RequestDecided",
                            "This site (as home) obtained a decision for a request.",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_decidedTrace),
                            "ns3::mecpfm::PfmSiteApp::DecidedCallback")
            .AddTraceSource("UserResponseSent",
                            "This site (as home) handed a response to its user's connection "
                            "(served here, relayed from the serving site, or rejected): the "
                            "response (with the request's id and sequence number).",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_userResponseTrace),
                            "ns3::mecpfm::PfmSiteApp::ServedCallback");
    return tid;
}

PfmSiteApp::PfmSiteApp()
    : m_site(0),
      m_port(7000),
      m_rerouteNoRoom(true),
      m_servers(1),
      m_nextJob(0),
      m_reportPort(7100),
      m_reportOnChange(false)
{
    m_queue = CreateObject<ComputeQueue>();
}

PfmSiteApp::~PfmSiteApp() = default;

void
PfmSiteApp::SetProblem(std::shared_ptr<const PlanningProblem> problem, uint32_t site)
{
    NS_LOG_FUNCTION(this << site);
    m_problem = problem;
    m_site = site;
    m_tasks = m_problem->GetCatalogue().GetTasks();
}

void
PfmSiteApp::SetSiteAddresses(const std::vector<Ipv4Address>& addresses)
{
    NS_LOG_FUNCTION(this);
    m_siteAddress = addresses;
}

void
PfmSiteApp::SetController(Ptr<MecPfmController> controller)
{
    NS_LOG_FUNCTION(this << controller);
    m_controller = controller;
}

uint32_t
PfmSiteApp::GetSite() const
{
    return m_site;
}

uint32_t
PfmSiteApp::GetQueueLength() const
{
    return m_queue->GetQueueLength();
}

uint32_t
PfmSiteApp::GetBusyServers() const
{
    return m_queue->GetBusyServers();
}

void
PfmSiteApp::SetDown()
{
    NS_LOG_FUNCTION(this);
    m_down = true;
    const uint32_t dropped = m_queue->Clear();
    NS_LOG_WARN("site " << m_site << " down: " << m_jobs.size() << " requests held (" << dropped
                        << " at the servers), " << m_fwd.size() << " forwarded");
    const uint32_t node = m_problem->GetSiteNode(m_site);
    std::map<uint64_t, Job> jobs;
    jobs.swap(m_jobs);
    for (auto& [id, job] : jobs)
    {
        m_controller->RequestDropped(job.msg, FailureReason::NODE_DOWN);
        job.reply->Close();
    }
    std::map<MessageChannel*, Forwarded> fwd;
    fwd.swap(m_fwd);
    for (auto& [key, f] : fwd)
    {
        m_controller->RequestDropped(f.msg, FailureReason::NODE_DOWN);
        f.channel->Close();
        f.user->Close();
    }
    for (auto& [key, r] : m_reading)
    {
        if (r.second.decided) // a request forwarded here whose header was read
        {
            m_controller->RequestDropped(r.second, FailureReason::NODE_DOWN);
        }
        r.first->Close();
    }
    m_reading.clear();
    // The requests of this home's users that were still being read, or not yet connected.
    m_controller->HomeDown(node, FailureReason::NODE_DOWN);
}

void
PfmSiteApp::SetUp()
{
    NS_LOG_FUNCTION(this);
    m_down = false;
}

bool
PfmSiteApp::IsDown() const
{
    return m_down;
}

void
PfmSiteApp::DoDispose()
{
    m_listen = nullptr;
    m_reportSocket = nullptr;
    m_reading.clear();
    m_fwd.clear();
    m_jobs.clear();
    m_userChannels.clear();
    m_queue->Dispose();
    m_controller = nullptr;
    MecPfmApplication::DoDispose();
}

void
PfmSiteApp::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_problem, "PfmSiteApp: SetProblem was not called");
    m_queue->SetAttribute("Servers", UintegerValue(m_servers));
    m_queue->SetCallbacks(MakeCallback(&PfmSiteApp::JobStarted, this),
                          MakeCallback(&PfmSiteApp::JobFinished, this));
    m_listen = CreateTcpSocket();
    m_listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listen->Listen();
    m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&PfmSiteApp::HandleAccept, this));
    if (m_reportInterval.IsStrictlyPositive())
    {
        StartStateReports();
    }
}

void
PfmSiteApp::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listen)
    {
        m_listen->Close();
        m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    m_reportEvent.Cancel();
    if (m_reportSocket)
    {
        m_reportSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_reportSocket->Close();
    }
}

SiteStateReport
PfmSiteApp::GetStateReport() const
{
    SiteStateReport r;
    r.site = m_site;
    r.stamp = Simulator::Now();
    r.queueLength = m_queue->GetQueueLength();
    r.busyServers = m_queue->GetBusyServers();
    return r;
}

void
PfmSiteApp::StartStateReports()
{
    NS_LOG_FUNCTION(this);
    m_reportSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_reportSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_reportPort));
    m_reportSocket->SetRecvCallback(MakeCallback(&PfmSiteApp::ReceiveStateReports, this));
    m_reportEvent = Simulator::ScheduleNow(&PfmSiteApp::SendStateReport, this);
}

void
PfmSiteApp::SendStateReport()
{
    NS_LOG_FUNCTION(this);
    const Time next = Simulator::Now() + m_reportInterval;
    if (m_reportStop.IsZero() || next <= m_reportStop)
    {
        m_reportEvent = Simulator::Schedule(m_reportInterval, &PfmSiteApp::SendStateReport, this);
    }
    const SiteStateReport report = GetStateReport();
    if (m_down || (m_reportOnChange && m_sentOne && report.SameState(m_lastSent)))
    {
        return; // a node that is down sends nothing
    }
    SiteStateHeader h;
    h.SetReport(report);
    for (uint32_t c = 0; c < m_problem->GetNCloudlets() && c < m_siteAddress.size(); ++c)
    {
        if (c == m_site)
        {
            continue;
        }
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        m_reportSocket->SendTo(p, 0, InetSocketAddress(m_siteAddress[c], m_reportPort));
    }
    m_lastSent = report;
    m_sentOne = true;
    m_reportSentTrace(report);
}

void
PfmSiteApp::ReceiveStateReports(Ptr<Socket> s)
{
    Address from;
    while (Ptr<Packet> p = s->RecvFrom(from))
    {
        SiteStateHeader h;
        if (m_down || !m_controller || p->GetSize() < h.GetSerializedSize())
        {
            continue;
        }
        p->RemoveHeader(h);
        m_reportReceivedTrace(h.GetReport());
        m_controller->ReportReceived(m_site, h.GetReport());
    }
}

void
PfmSiteApp::WaitForModel(uint32_t, Callback<void> ready, Callback<void, FailureReason>)
{
    ready();
}

void
PfmSiteApp::RequestLeft(uint32_t)
{
}

void
PfmSiteApp::HandleAccept(Ptr<Socket> s, const Address&)
{
    Ptr<MessageChannel> ch = Create<MessageChannel>(s, true);
    ch->ExpectHeader(InferenceRequestHeader().GetSerializedSize());
    ch->SetReceiveCallbacks(MakeCallback(&PfmSiteApp::RequestHeader, this),
                            MakeCallback(&PfmSiteApp::RequestReceived, this));
    ch->SetCloseCallback(MakeCallback(&PfmSiteApp::ReaderClosed, this));
    m_reading[PeekPointer(ch)] = {ch, InferenceMessage()};
}

uint64_t
PfmSiteApp::RequestHeader(Ptr<MessageChannel> ch, Ptr<Packet> header)
{
    InferenceRequestHeader h;
    header->RemoveHeader(h);
    auto it = m_reading.find(PeekPointer(ch));
    if (it == m_reading.end())
    {
        return 0;
    }
    it->second.second = h.GetMessage();
    return h.GetMessage().inputBytes;
}

void
PfmSiteApp::RequestReceived(Ptr<MessageChannel> ch)
{
    auto it = m_reading.find(PeekPointer(ch));
    if (it == m_reading.end())
    {
        return;
    }
    InferenceMessage msg = it->second.second;
    m_reading.erase(it);
    OnRequest(msg, ch);
}

void
PfmSiteApp::ReaderClosed(Ptr<MessageChannel> ch)
{
    m_reading.erase(PeekPointer(ch));
}

void
PfmSiteApp::OnRequest(InferenceMessage msg, Ptr<MessageChannel> reply)
{
    if (msg.decided)
    {
        NS_LOG_INFO("site " << m_site << " serves forwarded request " << msg.requestId);
        ServeHere(msg, reply);
        return;
    }
    NS_ABORT_MSG_IF(!m_controller, "PfmSiteApp: no controller");
    m_userChannels.insert(reply); // this site is the user's home: it answers the user
    RequestDecision d;
    d.rejected = true;
    if (msg.task < m_tasks.size())
    {
        d = m_controller->Decide(RequestOf(msg), msg.seq);
    }
    else
    {
        NS_LOG_WARN("request " << msg.requestId << ": unknown task index " << msg.task
                               << ", rejected");
    }
    m_decidedTrace(msg, d);
    if (d.rejected)
    {
        msg.status = InferenceStatus::REJECTED;
        msg.arrived = msg.modelReady = msg.started = msg.finished = Simulator::Now();
        msg.site = m_site;
        msg.outputBytes = 0;
        Respond(msg, reply);
        return;
    }
    msg.model = d.model;
    msg.site = d.site;
    msg.decided = true;
    if (d.site == m_site)
    {
        ServeHere(msg, reply);
    }
    else
    {
        Forward(msg, reply);
    }
}

InferenceRequest
PfmSiteApp::RequestOf(const InferenceMessage& msg) const
{
    InferenceRequest r;
    r.id = msg.requestId;
    r.home = msg.home;
    r.task = m_tasks[msg.task];
    r.minAccuracy = msg.minAccuracy;
    r.inputBytes = static_cast<double>(msg.inputBytes);
    r.outputBytes = static_cast<double>(msg.outputBytes);
    r.tokens = msg.tokens;
    r.arrivalS = msg.sent.GetSeconds();
    return r;
}

void
PfmSiteApp::ServeHere(InferenceMessage msg, Ptr<MessageChannel> reply)
{
    msg.arrived = Simulator::Now();
    msg.site = m_site;
    // A bound static function rather than a lambda (ns-3.35's Callback has no lambda
    // constructor, and the module builds in-tree there too); bound arguments must be
    // comparable, so the request waits in m_jobs under a number.
    const uint64_t id = m_nextJob++;
    m_jobs.emplace(id, Job{msg, reply});
    WaitForModel(msg.model,
                 MakeBoundCallback(&PfmSiteApp::ModelReadyOf, this, id),
                 MakeBoundCallback(&PfmSiteApp::ModelFailedOf, this, id));
}

void
PfmSiteApp::ModelReadyOf(PfmSiteApp* app, uint64_t id)
{
    app->ModelReady(id);
}

void
PfmSiteApp::ModelFailedOf(PfmSiteApp* app, uint64_t id, FailureReason reason)
{
    app->ModelFailed(id, reason);
}

void
PfmSiteApp::ModelFailed(uint64_t id, FailureReason reason)
{
    auto it = m_jobs.find(id);
    NS_ASSERT_MSG(it != m_jobs.end(), "no request waits under " << id);
    Job job = it->second;
    m_jobs.erase(it);
    const uint32_t dc = m_problem->GetDcSite();
    if (reason == FailureReason::NO_ROOM && m_rerouteNoRoom && m_site != dc)
    {
        NS_LOG_INFO("site " << m_site << ": request " << job.msg.requestId
                            << " goes on to the DC (no room for its model)");
        RequestLeft(job.msg.model);
        job.msg.site = dc;
        Forward(job.msg, job.reply);
        return;
    }
    NS_LOG_WARN("site " << m_site << ": request " << job.msg.requestId << " fails at once ("
                        << GetFailureReasonName(reason) << ")");
    job.msg.status = InferenceStatus::FAILED;
    job.msg.reason = reason;
    job.msg.modelReady = job.msg.started = job.msg.finished = Simulator::Now();
    job.msg.outputBytes = 0;
    Respond(job.msg, job.reply);
    RequestLeft(job.msg.model);
}

void
PfmSiteApp::ModelReady(uint64_t id)
{
    auto it = m_jobs.find(id);
    NS_ASSERT_MSG(it != m_jobs.end(), "no request waits under " << id);
    InferenceMessage& msg = it->second.msg;
    msg.modelReady = Simulator::Now();
    // The service time is the planning core's formula, not a copy of it.
    const double s = m_problem->GetProcessingDelay(msg.model, m_site, msg.tokens);
    m_queue->Submit(id, Seconds(s));
}

void
PfmSiteApp::JobStarted(uint64_t id)
{
    m_jobs.at(id).msg.started = Simulator::Now();
}

void
PfmSiteApp::JobFinished(uint64_t id)
{
    auto it = m_jobs.find(id);
    NS_ASSERT_MSG(it != m_jobs.end(), "no job " << id);
    Job job = it->second;
    m_jobs.erase(it);
    job.msg.finished = Simulator::Now();
    job.msg.status = InferenceStatus::COMPLETED;
    m_servedTrace(job.msg);
    Respond(job.msg, job.reply);
    RequestLeft(job.msg.model);
}

void
PfmSiteApp::Respond(const InferenceMessage& msg, Ptr<MessageChannel> reply)
{
    InferenceResponseHeader h;
    h.SetMessage(msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    const uint64_t payload = msg.status == InferenceStatus::COMPLETED ? msg.outputBytes : 0;
    reply->Send(head, payload);
    if (m_userChannels.erase(reply) > 0)
    {
        m_userResponseTrace(msg);
    }
    // One request per connection: close it once the response is in the socket (the FIN
    // rides on the response's last segment, so no packet is added; see MecPfmApplication).
    reply->Close();
}

void
PfmSiteApp::Forward(InferenceMessage msg, Ptr<MessageChannel> user)
{
    NS_ABORT_MSG_IF(msg.site >= m_siteAddress.size(), "no address for site " << msg.site);
    Ptr<Socket> s = CreateTcpSocket();
    s->Bind();
    Forwarded f;
    f.msg = msg;
    f.user = user;
    f.channel = Create<MessageChannel>(s, false);
    m_fwd[PeekPointer(f.channel)] = f;
    f.channel->SetConnectCallbacks(MakeCallback(&PfmSiteApp::FwdConnected, this),
                                   MakeCallback(&PfmSiteApp::FwdFailed, this));
    f.channel->ExpectHeader(InferenceResponseHeader().GetSerializedSize());
    f.channel->SetReceiveCallbacks(MakeCallback(&PfmSiteApp::FwdHeader, this),
                                   MakeCallback(&PfmSiteApp::FwdReceived, this));
    f.channel->Connect(InetSocketAddress(m_siteAddress[msg.site], m_port));
}

void
PfmSiteApp::FwdConnected(Ptr<MessageChannel> ch)
{
    auto it = m_fwd.find(PeekPointer(ch));
    if (it == m_fwd.end())
    {
        return;
    }
    InferenceRequestHeader h;
    h.SetMessage(it->second.msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    ch->Send(head, it->second.msg.inputBytes);
}

void
PfmSiteApp::FwdFailed(Ptr<MessageChannel> ch)
{
    auto it = m_fwd.find(PeekPointer(ch));
    if (it == m_fwd.end())
    {
        return;
    }
    NS_LOG_WARN("forwarding request " << it->second.msg.requestId << " failed");
    InferenceMessage msg = it->second.msg;
    msg.status = InferenceStatus::FAILED;
    msg.reason = FailureReason::FORWARD_FAILED;
    msg.outputBytes = 0;
    Ptr<MessageChannel> user = it->second.user;
    m_fwd.erase(it);
    Respond(msg, user);
}

uint64_t
PfmSiteApp::FwdHeader(Ptr<MessageChannel> ch, Ptr<Packet> header)
{
    InferenceResponseHeader h;
    header->RemoveHeader(h);
    auto it = m_fwd.find(PeekPointer(ch));
    if (it == m_fwd.end())
    {
        return 0;
    }
    const InferenceMessage& m = h.GetMessage();
    it->second.response = m;
    return m.status == InferenceStatus::COMPLETED ? m.outputBytes : 0;
}

void
PfmSiteApp::FwdReceived(Ptr<MessageChannel> ch)
{
    auto it = m_fwd.find(PeekPointer(ch));
    if (it == m_fwd.end())
    {
        return;
    }
    InferenceMessage resp = it->second.response;
    Ptr<MessageChannel> user = it->second.user;
    m_fwd.erase(it);
    ch->Close();
    Respond(resp, user);
}

} // namespace mecpfm
} // namespace ns3
