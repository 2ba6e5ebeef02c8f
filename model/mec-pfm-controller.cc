/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-controller.h"

#include "block-pull-client.h"
#include "block-store.h"
#include "cloudlet-app.h"
#include "pfm-site-app.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmController");
NS_OBJECT_ENSURE_REGISTERED(MecPfmController);

TypeId
MecPfmController::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::MecPfmController")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddConstructor<MecPfmController>()
            .AddAttribute("Neighbours",
                          "Other cloudlets per candidate model among a request's arms (the "
                          "home and the DC are always arms).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&MecPfmController::m_neighbours),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AllowReject",
                          "Offer the rejection arm for every request (otherwise only for a "
                          "request with no candidate model).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&MecPfmController::m_allowReject),
                          MakeBooleanChecker())
            .AddAttribute("RejectPenalty",
                          "Cost of a rejection for the policy, seconds.",
                          DoubleValue(60),
                          MakeDoubleAccessor(&MecPfmController::m_rejectPenalty),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("FailPenalty",
                          "Delay fed back to the policy for a request that failed, seconds.",
                          DoubleValue(60),
                          MakeDoubleAccessor(&MecPfmController::m_failPenalty),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AccuracyWeight",
                          "Seconds of delay one unit of accuracy is worth.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&MecPfmController::m_accuracyWeight),
                          MakeDoubleChecker<double>())
            .AddAttribute("SlotLength",
                          "Slot length: at every boundary the policy may place blocks "
                          "(AdmissionPolicy::PlanSlot). 0: one slot spans the run.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&MecPfmController::m_slot),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StateView",
                          "What a decision reads of the sites: live (each site's state "
                          "through its application at the decision) or reports (the home's "
                          "own state live, every other site's from the last state report "
                          "the home received; PfmSiteApp::StateReportInterval).",
                          EnumValue(MecPfmController::LIVE),
                          MakeEnumAccessor(&MecPfmController::m_stateView),
                          MakeEnumChecker(MecPfmController::LIVE,
                                          "live",
                                          MecPfmController::REPORTS,
                                          "reports"));
    return tid;
}

MecPfmController::MecPfmController()
    : m_neighbours(1000),
      m_allowReject(false),
      m_rejectPenalty(60),
      m_failPenalty(60),
      m_accuracyWeight(0)
{
}

MecPfmController::~MecPfmController() = default;

void
MecPfmController::SetProblem(std::shared_ptr<const PlanningProblem> problem)
{
    NS_LOG_FUNCTION(this);
    m_problem = std::move(problem);
    m_features = std::make_unique<ContextFeatures>(*m_problem, *this);
}

void
MecPfmController::SetPolicy(Ptr<AdmissionPolicy> policy)
{
    NS_LOG_FUNCTION(this << policy);
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
    NS_LOG_FUNCTION(this << site << app);
    m_sites[site] = app;
}

const std::vector<OnlineRecord>&
MecPfmController::GetRecords() const
{
    return m_records;
}

double
MecPfmController::GetPolicyWallSeconds() const
{
    return m_policyWall;
}

namespace
{
/// \return now, for timing the policy's calls
std::chrono::steady_clock::time_point
Tick()
{
    return std::chrono::steady_clock::now();
}

/**
 * \param since a Tick()
 * \return seconds since
 */
double
Since(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(Tick() - since).count();
}
} // namespace

const ContextFeatures&
MecPfmController::GetFeatures() const
{
    return *m_features;
}

void
MecPfmController::Start()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_policy, "MecPfmController has no AdmissionPolicy");
    NS_ABORT_MSG_IF(!m_problem, "MecPfmController has no problem (SetProblem)");
    AdmissionSetup setup;
    setup.problem = m_problem.get();
    setup.accuracyWeightS = m_accuracyWeight;
    setup.rejectPenaltyS = m_rejectPenalty;
    setup.failPenaltyS = m_failPenalty;
    setup.slotS = m_slot.GetSeconds();
    auto t0 = Tick();
    m_policy->Start(setup);
    m_policyWall += Since(t0);
    // Slot 0 starts with the run; SlotLength 0 means that one slot spans the whole run.
    Simulator::ScheduleNow(&MecPfmController::StartSlot, this, 0);
}

void
MecPfmController::StartSlot(uint32_t k)
{
    NS_LOG_FUNCTION(this << k);
    AdmissionSlot slot;
    slot.index = k;
    slot.startS = k * m_slot.GetSeconds();
    slot.endS = m_slot.IsStrictlyPositive() ? (k + 1) * m_slot.GetSeconds()
                                            : std::numeric_limits<double>::infinity();
    slot.seen.swap(m_seen);
    std::vector<std::vector<uint32_t>> held;
    auto t0 = Tick();
    const bool place = m_policy->PlanSlot(slot, held);
    m_policyWall += Since(t0);
    if (place)
    {
        for (uint32_t c = 0; c < held.size(); ++c)
        {
            auto it = m_sites.find(c);
            Ptr<CloudletApp> app =
                it == m_sites.end() ? nullptr : DynamicCast<CloudletApp>(it->second);
            if (app)
            {
                app->SetPlannedBlocks(held[c]);
            }
        }
    }
    // The last boundary is the one after the last arrival: the scenario is known.
    double last = 0;
    for (const auto& r : m_problem->GetScenario().requests)
    {
        last = std::max(last, r.arrivalS);
    }
    if (m_slot.IsStrictlyPositive() && slot.endS <= last)
    {
        Simulator::Schedule(m_slot, &MecPfmController::StartSlot, this, k + 1);
    }
}

RequestDecision
MecPfmController::Decide(const InferenceRequest& r, uint32_t seq)
{
    NS_LOG_FUNCTION(this << r.id << seq);
    NS_ABORT_MSG_IF(!m_policy, "MecPfmController has no AdmissionPolicy");
    const double now = Simulator::Now().GetSeconds();
    m_features->SetNow(now);
    auto arms = AdmissionQuery::MakeArms(*m_problem, r, m_neighbours, m_allowReject);
    const auto home = static_cast<uint32_t>(m_problem->GetNodeSite(r.home));
    if (m_stateView == REPORTS)
    {
        m_reported.try_emplace(home, *m_problem); // before any report: the initial state
        m_deciding = home;
        RecordReportAge(home, Simulator::Now());
    }
    AdmissionQuery query(m_decisions, now, r, home, arms, *m_features);
    auto t0 = Tick();
    const uint32_t a = m_policy->Decide(query);
    m_policyWall += Since(t0);
    NS_ABORT_MSG_IF(a >= arms.size(), "policy chose arm " << a << " of " << arms.size());
    OnlineRecord rec;
    rec.requestId = r.id;
    rec.timeS = now;
    rec.observed = query.GetObserved();
    rec.regretS = EstimateRegret(query, a);
    m_deciding = -1;
    RequestDecision d;
    d.rejected = arms[a].reject;
    d.site = arms[a].site;
    d.model = arms[a].model;
    if (d.rejected)
    {
        rec.outcome = OnlineOutcome::REJECTED;
        rec.reward = -m_rejectPenalty;
        rec.ended = true;
    }
    else
    {
        rec.site = rec.servedSite = d.site;
        rec.model = d.model;
        rec.accuracy = m_problem->GetCatalogue().GetModels()[d.model].accuracy;
        rec.flops = m_problem->GetFlops(d.model, r.tokens);
        m_open[{r.id, seq}] = m_decisions;
    }
    m_records.push_back(rec);
    m_seen.push_back(r);
    ++m_decisions;
    return d;
}

double
MecPfmController::EstimateRegret(const AdmissionQuery& query, uint32_t chosen) const
{
    const auto& arms = query.GetArms();
    const auto& models = m_problem->GetCatalogue().GetModels();
    double best = std::numeric_limits<double>::infinity();
    double mine = 0;
    for (uint32_t a = 0; a < arms.size(); ++a)
    {
        double c = arms[a].reject ? m_rejectPenalty
                                  : m_features->GetAnalyticalDelay(query.GetRequest(), arms[a]) -
                                        m_accuracyWeight * models[arms[a].model].accuracy;
        best = std::min(best, c);
        mine = a == chosen ? c : mine;
    }
    return mine - best;
}

void
MecPfmController::ConnectClient(Ptr<InferenceClientApp> client)
{
    NS_LOG_FUNCTION(this << client);
    client->TraceConnectWithoutContext("RequestCompleted",
                                       MakeCallback(&MecPfmController::RequestEnded, this));
    m_clients.push_back(client);
}

void
MecPfmController::RequestDropped(const InferenceMessage& msg, FailureReason reason)
{
    NS_LOG_FUNCTION(this << msg.requestId << msg.seq);
    for (auto& c : m_clients)
    {
        if (c->Abandon(msg.requestId, msg.seq, reason))
        {
            return;
        }
    }
}

void
MecPfmController::HomeDown(uint32_t home, FailureReason reason)
{
    NS_LOG_FUNCTION(this << home);
    for (auto& c : m_clients)
    {
        c->AbandonHome(home, reason);
    }
}

void
MecPfmController::RequestEnded(const InferenceRecord& record)
{
    auto it = m_open.find({record.msg.requestId, record.msg.seq});
    if (it == m_open.end())
    {
        return; // rejected (its cost was known at the decision)
    }
    OnlineRecord& rec = m_records[it->second];
    const uint64_t decision = it->second;
    m_open.erase(it);
    rec.ended = true;
    double fed = m_failPenalty;
    if (record.status == InferenceStatus::COMPLETED)
    {
        rec.outcome = OnlineOutcome::COMPLETED;
        rec.delayS = (record.received - record.msg.sent).GetSeconds();
        rec.servedSite = record.msg.site;
        rec.rerouted = record.msg.site != static_cast<uint32_t>(rec.site);
        rec.reward = -(rec.delayS - m_accuracyWeight * rec.accuracy);
        fed = rec.delayS;
    }
    else
    {
        rec.outcome = OnlineOutcome::FAILED;
        rec.reward = -m_failPenalty;
    }
    auto t0 = Tick();
    m_policy->Feedback(decision, fed);
    m_policyWall += Since(t0);
}

void
MecPfmController::ReportReceived(uint32_t atSite, const SiteStateReport& report)
{
    NS_LOG_FUNCTION(this << atSite << report.site << report.stamp);
    m_reported.try_emplace(atSite, *m_problem).first->second.Update(report);
}

const ReportedSiteStateView*
MecPfmController::GetReportedView(uint32_t home) const
{
    auto it = m_reported.find(home);
    return it == m_reported.end() ? nullptr : &it->second;
}

MecPfmController::StateViewMode
MecPfmController::GetStateViewMode() const
{
    return m_stateView;
}

void
MecPfmController::RecordReportAge(uint32_t home, Time now)
{
    const ReportedSiteStateView& view = m_reported.at(home);
    for (uint32_t s = 0; s < m_problem->GetNSites(); ++s)
    {
        if (s == home)
        {
            continue;
        }
        const SiteStateReport* r = view.GetReport(s);
        const double age = (now - (r ? r->stamp : Seconds(0))).GetSeconds();
        m_ageSum += age;
        m_ageMax = std::max(m_ageMax, age);
        ++m_ageCount;
    }
}

void
MecPfmController::GetReportAge(double& meanS, double& maxS, uint64_t* count) const
{
    meanS = m_ageCount > 0 ? m_ageSum / m_ageCount : 0.0;
    maxS = m_ageMax;
    if (count)
    {
        *count = m_ageCount;
    }
}

const SiteStateView*
MecPfmController::ReportedFor(uint32_t site) const
{
    if (m_deciding < 0 || site == static_cast<uint32_t>(m_deciding))
    {
        return nullptr;
    }
    return &m_reported.at(static_cast<uint32_t>(m_deciding));
}

double
MecPfmController::GetResidentBytes(uint32_t site, uint32_t model) const
{
    if (const SiteStateView* v = ReportedFor(site))
    {
        return v->GetResidentBytes(site, model);
    }
    const auto& cat = m_problem->GetCatalogue();
    auto it = m_sites.find(site);
    Ptr<CloudletApp> app = it == m_sites.end() ? nullptr : DynamicCast<CloudletApp>(it->second);
    if (!app)
    {
        return cat.GetModelBytes(model); // the DC holds every block
    }
    double bytes = 0;
    for (uint32_t b : cat.GetModels()[model].blocks)
    {
        bytes += app->GetBlockStore()->Has(b) ? cat.GetBlocks()[b].bytes : 0.0;
    }
    return bytes;
}

double
MecPfmController::GetPendingPullBytes(uint32_t site) const
{
    if (const SiteStateView* v = ReportedFor(site))
    {
        return v->GetPendingPullBytes(site);
    }
    auto it = m_sites.find(site);
    Ptr<CloudletApp> app = it == m_sites.end() ? nullptr : DynamicCast<CloudletApp>(it->second);
    if (!app)
    {
        return 0;
    }
    const auto& blocks = m_problem->GetCatalogue().GetBlocks();
    double bytes = 0;
    for (uint32_t b = 0; b < blocks.size(); ++b)
    {
        bytes += app->GetPullClient()->IsPending(b) ? blocks[b].bytes : 0.0;
    }
    return bytes;
}

uint32_t
MecPfmController::GetPullsInFlight(uint32_t site) const
{
    if (const SiteStateView* v = ReportedFor(site))
    {
        return v->GetPullsInFlight(site);
    }
    auto it = m_sites.find(site);
    Ptr<CloudletApp> app = it == m_sites.end() ? nullptr : DynamicCast<CloudletApp>(it->second);
    return app ? app->GetPullClient()->GetRunning() + app->GetPullClient()->GetQueued() : 0;
}

uint32_t
MecPfmController::GetQueueLength(uint32_t site) const
{
    if (const SiteStateView* v = ReportedFor(site))
    {
        return v->GetQueueLength(site);
    }
    auto it = m_sites.find(site);
    return it == m_sites.end() ? 0 : it->second->GetQueueLength();
}

uint32_t
MecPfmController::GetBusyServers(uint32_t site) const
{
    if (const SiteStateView* v = ReportedFor(site))
    {
        return v->GetBusyServers(site);
    }
    auto it = m_sites.find(site);
    return it == m_sites.end() ? 0 : it->second->GetBusyServers();
}

void
MecPfmController::DoDispose()
{
    m_policy = nullptr;
    m_sites.clear();
    m_clients.clear();
    Object::DoDispose();
}

} // namespace mecpfm
} // namespace ns3
