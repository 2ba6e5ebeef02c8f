/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-site-app.h"

#include "cloudlet-app.h"
#include "context-features.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmSiteApp");
NS_OBJECT_ENSURE_REGISTERED(MecPfmController);
NS_OBJECT_ENSURE_REGISTERED(PfmSiteApp);

TypeId
MecPfmController::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::MecPfmController")
                            .SetParent<Object>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<MecPfmController>();
    return tid;
}

void
MecPfmController::SetPolicy(Ptr<AdmissionPolicy> policy)
{
    m_policy = policy;
}

Ptr<AdmissionPolicy>
MecPfmController::GetPolicy() const
{
    return m_policy;
}

void
MecPfmController::AddSite(uint32_t site, Ptr<PfmSiteApp> app)
{
    m_sites[site] = app;
}

void
MecPfmController::SetProblem(const PlanningProblem* problem)
{
    m_problem = problem;
}

double
MecPfmController::GetResidentBytes(uint32_t site, uint32_t model) const
{
    const auto& cat = m_problem->GetCatalogue();
    auto it = m_sites.find(site);
    Ptr<CloudletApp> cloudlet =
        it == m_sites.end() ? nullptr : DynamicCast<CloudletApp>(it->second);
    if (!cloudlet)
    {
        return cat.GetModelBytes(model);
    }
    double bytes = 0;
    for (uint32_t b : cat.GetModels()[model].blocks)
    {
        bytes += cloudlet->HasBlock(b) ? cat.GetBlocks()[b].bytes : 0.0;
    }
    return bytes;
}

double
MecPfmController::GetPendingPullBytes(uint32_t) const
{
    return 0;
}

uint32_t
MecPfmController::GetPullsInFlight(uint32_t) const
{
    return 0;
}

uint32_t
MecPfmController::GetQueueLength(uint32_t site) const
{
    auto it = m_sites.find(site);
    return it == m_sites.end() ? 0 : it->second->GetQueueLength();
}

uint32_t
MecPfmController::GetBusyServers(uint32_t site) const
{
    auto it = m_sites.find(site);
    return it == m_sites.end() ? 0 : it->second->GetBusyServers();
}

RequestDecision
MecPfmController::Decide(const InferenceRequest& r)
{
    NS_ABORT_MSG_IF(!m_policy, "MecPfmController has no AdmissionPolicy");
    NS_ABORT_MSG_IF(!m_problem, "MecPfmController has no problem");
    if (!m_started)
    {
        AdmissionSetup setup;
        setup.problem = m_problem;
        m_policy->Start(setup);
        m_started = true;
    }
    ContextFeatures features(*m_problem, *this);
    features.SetNow(Simulator::Now().GetSeconds());
    auto arms = AdmissionQuery::MakeArms(*m_problem, r, 1000, false);
    auto home = static_cast<uint32_t>(m_problem->GetNodeSite(r.home));
    AdmissionQuery query(m_decisions++, Simulator::Now().GetSeconds(), r, home, arms, features);
    const AdmissionArm& arm = arms.at(m_policy->Decide(query));
    RequestDecision d;
    d.rejected = arm.reject;
    d.site = arm.site;
    d.model = arm.model;
    return d;
}

void
MecPfmController::DoDispose()
{
    m_policy = nullptr;
    m_sites.clear();
    Object::DoDispose();
}

TypeId
PfmSiteApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PfmSiteApp")
            .SetParent<Application>()
            .SetGroupName("MecPfm")
            .AddAttribute("Port",
                          "TCP port of the inference service.",
                          UintegerValue(7000),
                          MakeUintegerAccessor(&PfmSiteApp::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddTraceSource("RequestServed",
                            "A request finished processing at this site.",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_servedTrace),
                            "ns3::mecpfm::PfmSiteApp::ServedCallback")
            .AddTraceSource("RequestDecided",
                            "This site (as home) obtained a decision for a request.",
                            MakeTraceSourceAccessor(&PfmSiteApp::m_decidedTrace),
                            "ns3::mecpfm::PfmSiteApp::DecidedCallback");
    return tid;
}

PfmSiteApp::PfmSiteApp()
    : m_problem(nullptr),
      m_site(0),
      m_port(7000),
      m_servers(1),
      m_busy(0)
{
}

PfmSiteApp::~PfmSiteApp() = default;

void
PfmSiteApp::SetProblem(const PlanningProblem* problem, uint32_t site)
{
    m_problem = problem;
    m_site = site;
    uint32_t node = problem->GetSiteNode(site);
    m_servers = std::max<uint32_t>(1, problem->GetScenario().nodes[node].accelerators);
}

void
PfmSiteApp::SetSiteAddresses(const std::vector<Ipv4Address>& addresses)
{
    m_siteAddress = addresses;
}

void
PfmSiteApp::SetController(Ptr<MecPfmController> controller)
{
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
    return static_cast<uint32_t>(m_queue.size()) + m_busy;
}

uint32_t
PfmSiteApp::GetBusyServers() const
{
    return m_busy;
}

void
PfmSiteApp::DoDispose()
{
    m_listen = nullptr;
    m_conns.clear();
    m_fwd.clear();
    m_queue.clear();
    m_controller = nullptr;
    Application::DoDispose();
}

void
PfmSiteApp::StartApplication()
{
    NS_ABORT_MSG_IF(!m_problem, "PfmSiteApp: SetProblem was not called");
    m_listen = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listen->Listen();
    m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&PfmSiteApp::HandleAccept, this));
}

void
PfmSiteApp::StopApplication()
{
    if (m_listen)
    {
        m_listen->Close();
        m_listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
}

void
PfmSiteApp::WaitForModel(uint32_t, Callback<void> done)
{
    done();
}

void
PfmSiteApp::HandleAccept(Ptr<Socket> s, const Address&)
{
    Conn c;
    c.reader = PfmStreamReader(c.hdr.GetSerializedSize());
    m_conns[s] = c;
    s->SetRecvCallback(MakeCallback(&PfmSiteApp::HandleRead, this));
    s->SetCloseCallbacks(MakeCallback(&PfmSiteApp::HandlePeerClose, this),
                         MakeCallback(&PfmSiteApp::HandlePeerClose, this));
}

void
PfmSiteApp::HandlePeerClose(Ptr<Socket> s)
{
    m_conns.erase(s);
}

void
PfmSiteApp::HandleRead(Ptr<Socket> s)
{
    auto it = m_conns.find(s);
    Ptr<Packet> p;
    while ((p = s->Recv()))
    {
        if (it == m_conns.end() || p->GetSize() == 0)
        {
            continue;
        }
        Conn& c = it->second;
        c.reader.Feed(p);
        if (c.reader.HeaderReady())
        {
            c.reader.TakeHeader(c.hdr);
            c.reader.SetExpectedPayload(c.hdr.GetMessage().inputBytes);
            c.headerDone = true;
        }
        if (c.headerDone && c.reader.Complete())
        {
            InferenceMessage msg = c.hdr.GetMessage();
            m_conns.erase(it);
            it = m_conns.end();
            OnRequest(msg, s);
        }
    }
}

void
PfmSiteApp::OnRequest(InferenceMessage msg, Ptr<Socket> reply)
{
    if (msg.decided)
    {
        NS_LOG_INFO("site " << m_site << " serves forwarded request " << msg.requestId);
        ServeHere(msg, reply);
        return;
    }
    const auto& reqs = m_problem->GetScenario().requests;
    NS_ABORT_MSG_IF(msg.requestId >= reqs.size(), "unknown request id " << msg.requestId);
    NS_ABORT_MSG_IF(!m_controller, "PfmSiteApp: no controller");
    RequestDecision d = m_controller->Decide(reqs[msg.requestId]);
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

void
PfmSiteApp::ServeHere(InferenceMessage msg, Ptr<Socket> reply)
{
    msg.arrived = Simulator::Now();
    msg.site = m_site;
    // A bound static function rather than a lambda (ns-3.35's Callback has no lambda
    // constructor, and the module builds in-tree there too); bound arguments must be
    // comparable, so the request waits in m_waiting under a number.
    uint64_t id = m_nextWaiting++;
    m_waiting.emplace(id, Job{msg, reply});
    WaitForModel(msg.model, MakeBoundCallback(&PfmSiteApp::ModelReadyOf, this, id));
}

void
PfmSiteApp::ModelReadyOf(PfmSiteApp* app, uint64_t id)
{
    auto it = app->m_waiting.find(id);
    NS_ASSERT_MSG(it != app->m_waiting.end(), "no request waits under " << id);
    Job job = it->second;
    app->m_waiting.erase(it);
    app->ModelReady(job.msg, job.reply);
}

void
PfmSiteApp::ModelReady(InferenceMessage msg, Ptr<Socket> reply)
{
    msg.modelReady = Simulator::Now();
    m_queue.push_back(Job{msg, reply});
    TryStart();
}

void
PfmSiteApp::TryStart()
{
    while (m_busy < m_servers && !m_queue.empty())
    {
        Job job = m_queue.front();
        m_queue.pop_front();
        ++m_busy;
        job.msg.started = Simulator::Now();
        // The service time is the planning core's formula, not a copy of it.
        double s = m_problem->GetProcessingDelay(job.msg.model, m_site, job.msg.tokens);
        Simulator::Schedule(Seconds(s), &PfmSiteApp::Finish, this, job);
    }
}

void
PfmSiteApp::Finish(Job job)
{
    --m_busy;
    job.msg.finished = Simulator::Now();
    job.msg.status = InferenceStatus::COMPLETED;
    m_servedTrace(job.msg);
    Respond(job.msg, job.reply);
    TryStart();
}

void
PfmSiteApp::Respond(const InferenceMessage& msg, Ptr<Socket> reply)
{
    InferenceResponseHeader h;
    h.SetMessage(msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    uint64_t payload = msg.status == InferenceStatus::COMPLETED ? msg.outputBytes : 0;
    Ptr<PfmStreamWriter> w = Create<PfmStreamWriter>(reply, head, payload, Callback<void>());
    w->Start();
}

void
PfmSiteApp::Forward(InferenceMessage msg, Ptr<Socket> user)
{
    NS_ABORT_MSG_IF(msg.site >= m_siteAddress.size(), "no address for site " << msg.site);
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    s->Bind();
    FwdConn f;
    f.reader = PfmStreamReader(f.hdr.GetSerializedSize());
    f.msg = msg;
    f.user = user;
    m_fwd[s] = f;
    s->SetConnectCallback(MakeCallback(&PfmSiteApp::FwdConnected, this),
                          MakeCallback(&PfmSiteApp::FwdFailed, this));
    s->SetRecvCallback(MakeCallback(&PfmSiteApp::FwdRead, this));
    s->Connect(InetSocketAddress(m_siteAddress[msg.site], m_port));
}

void
PfmSiteApp::FwdConnected(Ptr<Socket> s)
{
    auto it = m_fwd.find(s);
    if (it == m_fwd.end())
    {
        return;
    }
    InferenceRequestHeader h;
    h.SetMessage(it->second.msg);
    Ptr<Packet> head = Create<Packet>();
    head->AddHeader(h);
    Create<PfmStreamWriter>(s, head, it->second.msg.inputBytes, Callback<void>())->Start();
}

void
PfmSiteApp::FwdFailed(Ptr<Socket> s)
{
    auto it = m_fwd.find(s);
    if (it == m_fwd.end())
    {
        return;
    }
    NS_LOG_WARN("forwarding request " << it->second.msg.requestId << " failed");
    InferenceMessage msg = it->second.msg;
    msg.status = InferenceStatus::FAILED;
    msg.outputBytes = 0;
    Ptr<Socket> user = it->second.user;
    m_fwd.erase(it);
    Respond(msg, user);
}

void
PfmSiteApp::FwdRead(Ptr<Socket> s)
{
    auto it = m_fwd.find(s);
    Ptr<Packet> p;
    while ((p = s->Recv()))
    {
        if (it == m_fwd.end() || p->GetSize() == 0)
        {
            continue;
        }
        FwdConn& f = it->second;
        f.reader.Feed(p);
        if (f.reader.HeaderReady())
        {
            f.reader.TakeHeader(f.hdr);
            const auto& m = f.hdr.GetMessage();
            f.reader.SetExpectedPayload(m.status == InferenceStatus::COMPLETED ? m.outputBytes : 0);
            f.headerDone = true;
        }
        if (f.headerDone && f.reader.Complete())
        {
            InferenceMessage resp = f.hdr.GetMessage();
            Ptr<Socket> user = f.user;
            m_fwd.erase(it);
            it = m_fwd.end();
            s->Close();
            Respond(resp, user);
        }
    }
}

} // namespace mecpfm
} // namespace ns3
