/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "online-replay.h"

#include "admission-query.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("OnlineReplay");

OnlineReplay::OnlineReplay(const PlanningProblem& problem, const OnlineConfig& config)
    : m_problem(problem),
      m_config(config),
      m_features(problem, *this)
{
    NS_LOG_FUNCTION(this);
    const auto& cat = problem.GetCatalogue();
    const uint32_t nb = cat.GetNBlocks();
    m_sites.resize(problem.GetNSites());
    for (uint32_t s = 0; s < problem.GetNSites(); ++s)
    {
        Site& site = m_sites[s];
        site.dc = problem.IsDc(s);
        site.capacity = problem.GetStorageBytes(s);
        site.stored.assign(nb, site.dc ? 1 : 0);
        site.planned.assign(nb, 0);
        site.queued.assign(nb, 0);
        site.refs.assign(nb, 0);
        site.lastUse.assign(nb, 0.0);
        const auto& node = problem.GetScenario().nodes[problem.GetSiteNode(s)];
        site.serverFree.assign(std::max<uint32_t>(1, node.accelerators), 0.0);
        if (!site.dc)
        {
            for (uint32_t b : node.residentBlocks)
            {
                site.stored[b] = 1;
                site.used += cat.GetBlocks()[b].bytes;
            }
            m_storedBytes += site.used;
        }
    }
}

OnlineReplay::~OnlineReplay() = default;

double
OnlineReplay::GetPulledBytes() const
{
    return m_pulledBytes;
}

double
OnlineReplay::GetPolicyWallSeconds() const
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

double
OnlineReplay::GetStorageByteSeconds() const
{
    return m_storageIntegral;
}

void
OnlineReplay::SetEvictionCallback(std::function<void(uint32_t, uint32_t, double)> cb)
{
    m_evicted = std::move(cb);
}

void
OnlineReplay::SetServiceCallback(
    std::function<void(uint32_t, uint32_t, uint32_t, double, double)> cb)
{
    m_served = std::move(cb);
}

const ContextFeatures&
OnlineReplay::GetFeatures() const
{
    return m_features;
}

double
OnlineReplay::GetResidentBytes(uint32_t site, uint32_t model) const
{
    const auto& cat = m_problem.GetCatalogue();
    double bytes = 0;
    for (uint32_t b : cat.GetModels()[model].blocks)
    {
        if (m_sites[site].stored[b])
        {
            bytes += cat.GetBlocks()[b].bytes;
        }
    }
    return bytes;
}

double
OnlineReplay::GetPendingPullBytes(uint32_t site) const
{
    return m_sites[site].pendingBytes;
}

uint32_t
OnlineReplay::GetPullsInFlight(uint32_t site) const
{
    return m_sites[site].pulls;
}

uint32_t
OnlineReplay::GetQueueLength(uint32_t site) const
{
    return m_sites[site].inSystem;
}

uint32_t
OnlineReplay::GetBusyServers(uint32_t site) const
{
    const Site& s = m_sites[site];
    return std::min<uint32_t>(s.inSystem, static_cast<uint32_t>(s.serverFree.size()));
}

void
OnlineReplay::Schedule(double t, EventType type, uint32_t index)
{
    m_events.push(Event{t, m_seq++, type, index});
}

std::vector<OnlineRecord>
OnlineReplay::Run(AdmissionPolicy& policy)
{
    NS_LOG_FUNCTION(this);
    AdmissionSetup setup;
    setup.problem = &m_problem;
    setup.accuracyWeightS = m_config.accuracyWeightS;
    setup.rejectPenaltyS = m_config.rejectPenaltyS;
    setup.failPenaltyS = m_config.failPenaltyS;
    setup.slotS = m_config.slotS;
    auto t0 = Tick();
    policy.Start(setup);
    m_policyWall += Since(t0);
    const auto& reqs = m_problem.GetScenario().requests;
    m_records.assign(reqs.size(), OnlineRecord());
    m_sent.resize(reqs.size());
    // Slot 0 starts with the run; slot length 0 means that one slot spans the whole run.
    Schedule(0, EventType::SLOT, 0);
    for (uint32_t i = 0; i < reqs.size(); ++i)
    {
        m_records[i].requestId = reqs[i].id;
        m_sent[i] = reqs[i].arrivalS;
        m_lastArrival = std::max(m_lastArrival, reqs[i].arrivalS);
        Schedule(reqs[i].arrivalS + m_problem.GetAccessDelay(reqs[i].inputBytes, 0),
                 EventType::DECIDE,
                 i);
    }
    while (!m_events.empty())
    {
        Event e = m_events.top();
        m_events.pop();
        m_now = e.t;
        Handle(e, policy);
    }
    AccountStorage();
    return m_records;
}

void
OnlineReplay::Handle(const Event& e, AdmissionPolicy& policy)
{
    switch (e.type)
    {
    case EventType::SLOT:
        StartSlot(e.index, policy);
        break;
    case EventType::DECIDE:
        Decide(e.index, policy);
        break;
    case EventType::ARRIVE:
        Arrive(e.index);
        StartNextPull(m_jobs[e.index].site, policy);
        break;
    case EventType::PULL_DONE:
        PullDone(e.index, policy);
        break;
    case EventType::FINISH:
        Finish(e.index);
        break;
    case EventType::RESPOND:
        Respond(e.index, policy);
        break;
    }
}

void
OnlineReplay::StartSlot(uint32_t k, AdmissionPolicy& policy)
{
    NS_LOG_FUNCTION(this << k);
    AdmissionSlot slot;
    slot.index = k;
    slot.startS = k * m_config.slotS;
    slot.endS =
        m_config.slotS > 0 ? (k + 1) * m_config.slotS : std::numeric_limits<double>::infinity();
    slot.seen.swap(m_seen);
    std::vector<std::vector<uint32_t>> held;
    auto t0 = Tick();
    const bool place = policy.PlanSlot(slot, held);
    m_policyWall += Since(t0);
    if (place)
    {
        for (uint32_t c = 0; c < m_problem.GetNCloudlets() && c < held.size(); ++c)
        {
            SetHeld(c, held[c]);
            StartNextPull(c, policy);
        }
    }
    if (m_config.slotS > 0 && slot.endS <= m_lastArrival)
    {
        Schedule(slot.endS, EventType::SLOT, k + 1);
    }
}

void
OnlineReplay::SetHeld(uint32_t site, const std::vector<uint32_t>& blocks)
{
    Site& s = m_sites[site];
    std::fill(s.planned.begin(), s.planned.end(), 0);
    for (uint32_t b : blocks)
    {
        s.planned[b] = 1;
    }
    const auto& bl = m_problem.GetCatalogue().GetBlocks();
    for (uint32_t b = 0; b < s.queued.size(); ++b)
    {
        if (s.queued[b] == 2 && !s.planned[b]) // a prefetch no longer wanted
        {
            s.queued[b] = 0;
            s.pendingBytes -= bl[b].bytes;
            --s.pulls;
        }
    }
    for (uint32_t b : blocks)
    {
        if (!s.stored[b] && s.queued[b] == 0)
        {
            s.queued[b] = 2;
            s.prefetchQ.push_back(b);
            s.pendingBytes += bl[b].bytes;
            ++s.pulls;
        }
    }
}

void
OnlineReplay::Decide(uint32_t i, AdmissionPolicy& policy)
{
    const InferenceRequest& r = m_problem.GetScenario().requests[i];
    auto arms = AdmissionQuery::MakeArms(m_problem, r, m_config.neighbours, m_config.allowReject);
    const auto home = static_cast<uint32_t>(m_problem.GetNodeSite(r.home));
    m_features.SetNow(m_now);
    AdmissionQuery query(m_decisions++, m_now, r, home, arms, m_features);
    auto t0 = Tick();
    const uint32_t a = policy.Decide(query);
    m_policyWall += Since(t0);
    NS_ABORT_MSG_IF(a >= arms.size(), "policy chose arm " << a << " of " << arms.size());
    OnlineRecord& rec = m_records[i];
    rec.timeS = m_now;
    rec.observed = query.GetObserved();
    if (m_config.regret)
    {
        std::vector<double> costs;
        PredictCosts(i, arms, costs);
        rec.regretS = costs[a] - *std::min_element(costs.begin(), costs.end());
    }
    m_seen.push_back(r);
    if (arms[a].reject)
    {
        rec.outcome = OnlineOutcome::REJECTED;
        rec.reward = -m_config.rejectPenaltyS;
        rec.ended = true;
        return;
    }
    Dispatch(i, arms[a], query.GetId());
    if (m_jobs.back().arrived)
    {
        StartNextPull(arms[a].site, policy);
    }
}

void
OnlineReplay::Dispatch(uint32_t i, const AdmissionArm& arm, uint64_t decision)
{
    const InferenceRequest& r = m_problem.GetScenario().requests[i];
    OnlineRecord& rec = m_records[i];
    rec.site = arm.site;
    rec.model = arm.model;
    rec.servedSite = arm.site;
    rec.accuracy = m_problem.GetCatalogue().GetModels()[arm.model].accuracy;
    rec.flops = m_problem.GetFlops(arm.model, r.tokens);
    Job job;
    job.request = i;
    job.site = arm.site;
    job.model = arm.model;
    job.decision = decision;
    const auto home = static_cast<uint32_t>(m_problem.GetNodeSite(r.home));
    job.arrive = m_now + m_problem.GetOneWayDelay(home, arm.site, r.inputBytes);
    const auto j = static_cast<uint32_t>(m_jobs.size());
    m_jobs.push_back(job);
    Pin(arm.site, arm.model, +1);
    m_sites[arm.site].pending.push_back(j);
    if (arm.site == home)
    {
        Arrive(j);
    }
    else
    {
        Schedule(job.arrive, EventType::ARRIVE, j);
    }
}

void
OnlineReplay::Pin(uint32_t site, uint32_t model, int delta)
{
    Site& s = m_sites[site];
    if (s.dc)
    {
        return;
    }
    for (uint32_t b : m_problem.GetCatalogue().GetModels()[model].blocks)
    {
        s.refs[b] += delta;
        s.lastUse[b] = m_now;
    }
}

bool
OnlineReplay::ModelStored(uint32_t site, uint32_t model) const
{
    const Site& s = m_sites[site];
    for (uint32_t b : m_problem.GetCatalogue().GetModels()[model].blocks)
    {
        if (!s.stored[b])
        {
            return false;
        }
    }
    return true;
}

void
OnlineReplay::Arrive(uint32_t j)
{
    Job& job = m_jobs[j];
    job.arrived = true;
    if (ModelStored(job.site, job.model))
    {
        Enter(j);
        return;
    }
    m_sites[job.site].waiting.push_back(j);
    QueuePulls(job.site, job.model, true);
}

void
OnlineReplay::QueuePulls(uint32_t site, uint32_t model, bool demand)
{
    Site& s = m_sites[site];
    const auto& bl = m_problem.GetCatalogue().GetBlocks();
    for (uint32_t b : m_problem.GetCatalogue().GetModels()[model].blocks)
    {
        if (s.stored[b])
        {
            continue;
        }
        if (s.queued[b] == 0)
        {
            s.queued[b] = demand ? 1 : 2;
            (demand ? s.demandQ : s.prefetchQ).push_back(b);
            s.pendingBytes += bl[b].bytes;
            ++s.pulls;
        }
        else if (s.queued[b] == 2 && demand)
        {
            s.queued[b] = 1; // the stale prefetch entry is skipped later
            s.demandQ.push_back(b);
        }
    }
}

double
OnlineReplay::PullDuration(uint32_t site, uint32_t block) const
{
    return m_problem.GetPullTime(site, m_problem.GetCatalogue().GetBlocks()[block].bytes) +
           m_problem.GetPullLatency(site);
}

void
OnlineReplay::StartNextPull(uint32_t site, AdmissionPolicy& policy)
{
    Site& s = m_sites[site];
    while (s.pulling < 0)
    {
        int64_t b = -1;
        while (!s.demandQ.empty() && b < 0)
        {
            uint32_t c = s.demandQ.front();
            s.demandQ.pop_front();
            b = s.queued[c] == 1 ? static_cast<int64_t>(c) : -1;
        }
        while (!s.prefetchQ.empty() && b < 0)
        {
            uint32_t c = s.prefetchQ.front();
            s.prefetchQ.pop_front();
            b = s.queued[c] == 2 ? static_cast<int64_t>(c) : -1;
        }
        if (b < 0)
        {
            return;
        }
        const double bytes = m_problem.GetCatalogue().GetBlocks()[b].bytes;
        if (!MakeRoom(site, bytes))
        {
            Refuse(site, static_cast<uint32_t>(b), policy);
            continue;
        }
        s.queued[b] = 3;
        s.used += bytes;
        s.pulling = b;
        s.pullDone = m_now + PullDuration(site, static_cast<uint32_t>(b));
        Schedule(s.pullDone, EventType::PULL_DONE, site);
    }
}

bool
OnlineReplay::MakeRoom(uint32_t site, double bytes)
{
    Site& s = m_sites[site];
    const double cap = s.capacity * (1 + 1e-9);
    if (s.used + bytes <= cap)
    {
        return true;
    }
    // Evictable: stored, needed by no decided request; outside the placement first, then
    // least recently used, then lower index.
    std::vector<uint32_t> victims;
    for (uint32_t b = 0; b < s.stored.size(); ++b)
    {
        if (s.stored[b] && s.refs[b] == 0)
        {
            victims.push_back(b);
        }
    }
    std::sort(victims.begin(), victims.end(), [&s](uint32_t a, uint32_t b) {
        if (s.planned[a] != s.planned[b])
        {
            return s.planned[a] < s.planned[b];
        }
        if (s.lastUse[a] != s.lastUse[b])
        {
            return s.lastUse[a] < s.lastUse[b];
        }
        return a < b;
    });
    const auto& bl = m_problem.GetCatalogue().GetBlocks();
    AccountStorage();
    for (uint32_t b : victims)
    {
        if (s.used + bytes <= cap)
        {
            break;
        }
        s.stored[b] = 0;
        s.used -= bl[b].bytes;
        m_storedBytes -= bl[b].bytes;
        NS_LOG_INFO("site " << site << " evicts block " << b);
        if (m_evicted)
        {
            m_evicted(site, b, m_now);
        }
    }
    return s.used + bytes <= cap;
}

void
OnlineReplay::Refuse(uint32_t site, uint32_t block, AdmissionPolicy& policy)
{
    NS_LOG_INFO("site " << site << ": no room for block " << block);
    Site& s = m_sites[site];
    s.queued[block] = 0;
    s.pendingBytes -= m_problem.GetCatalogue().GetBlocks()[block].bytes;
    --s.pulls;
    std::vector<uint32_t> refused;
    for (uint32_t j : s.waiting)
    {
        const auto& mb = m_problem.GetCatalogue().GetModels()[m_jobs[j].model].blocks;
        if (std::find(mb.begin(), mb.end(), block) != mb.end())
        {
            refused.push_back(j);
        }
    }
    for (uint32_t j : refused)
    {
        Reroute(j);
    }
}

void
OnlineReplay::AccountStorage()
{
    m_storageIntegral += m_storedBytes * (m_now - m_lastStorageChange);
    m_lastStorageChange = m_now;
}

void
OnlineReplay::PullDone(uint32_t site, AdmissionPolicy& policy)
{
    Site& s = m_sites[site];
    const auto b = static_cast<uint32_t>(s.pulling);
    const double bytes = m_problem.GetCatalogue().GetBlocks()[b].bytes;
    s.pulling = -1;
    s.queued[b] = 0;
    s.pendingBytes -= bytes;
    --s.pulls;
    s.lastUse[b] = m_now;
    AccountStorage();
    s.stored[b] = 1;
    m_storedBytes += bytes;
    m_pulledBytes += bytes;
    std::vector<uint32_t> ready;
    for (auto it = s.waiting.begin(); it != s.waiting.end();)
    {
        if (ModelStored(site, m_jobs[*it].model))
        {
            ready.push_back(*it);
            it = s.waiting.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (uint32_t j : ready)
    {
        Enter(j);
    }
    StartNextPull(site, policy);
}

void
OnlineReplay::Enter(uint32_t j)
{
    Job& job = m_jobs[j];
    Site& s = m_sites[job.site];
    job.entered = true;
    auto it = std::find(s.pending.begin(), s.pending.end(), j);
    if (it != s.pending.end())
    {
        s.pending.erase(it);
    }
    ++s.inSystem;
    // FCFS with g servers: in order of joining, each request takes the server free first.
    std::pop_heap(s.serverFree.begin(), s.serverFree.end(), std::greater<double>());
    const double start = std::max(m_now, s.serverFree.back());
    const InferenceRequest& r = m_problem.GetScenario().requests[job.request];
    job.finish = start + m_problem.GetProcessingDelay(job.model, job.site, r.tokens);
    s.serverFree.back() = job.finish;
    std::push_heap(s.serverFree.begin(), s.serverFree.end(), std::greater<double>());
    Schedule(job.finish, EventType::FINISH, j);
    if (m_served)
    {
        m_served(job.request, job.site, job.model, start, job.finish);
    }
}

void
OnlineReplay::Finish(uint32_t j)
{
    Job& job = m_jobs[j];
    --m_sites[job.site].inSystem;
    Pin(job.site, job.model, -1);
    const InferenceRequest& r = m_problem.GetScenario().requests[job.request];
    const auto home = static_cast<uint32_t>(m_problem.GetNodeSite(r.home));
    Schedule(m_now + m_problem.GetOneWayDelay(job.site, home, r.outputBytes) +
                 m_problem.GetAccessDelay(0, r.outputBytes),
             EventType::RESPOND,
             j);
}

void
OnlineReplay::Respond(uint32_t j, AdmissionPolicy& policy)
{
    Job& job = m_jobs[j];
    job.done = true;
    OnlineRecord& rec = m_records[job.request];
    rec.outcome = OnlineOutcome::COMPLETED;
    rec.delayS = m_now - m_sent[job.request];
    rec.reward = -(rec.delayS - m_config.accuracyWeightS * rec.accuracy);
    rec.ended = true;
    auto t0 = Tick();
    policy.Feedback(job.decision, rec.delayS);
    m_policyWall += Since(t0);
}

void
OnlineReplay::Reroute(uint32_t j)
{
    Job& job = m_jobs[j];
    Site& s = m_sites[job.site];
    s.waiting.erase(std::remove(s.waiting.begin(), s.waiting.end(), j), s.waiting.end());
    s.pending.erase(std::remove(s.pending.begin(), s.pending.end(), j), s.pending.end());
    Pin(job.site, job.model, -1);
    const InferenceRequest& r = m_problem.GetScenario().requests[job.request];
    const uint32_t dc = m_problem.GetDcSite();
    job.arrive = m_now + m_problem.GetOneWayDelay(job.site, dc, r.inputBytes);
    job.site = dc;
    job.arrived = false;
    m_sites[dc].pending.push_back(j);
    OnlineRecord& rec = m_records[job.request];
    rec.rerouted = true;
    rec.servedSite = dc;
    Schedule(job.arrive, EventType::ARRIVE, j);
}

double
OnlineReplay::ProjectReady(uint32_t site, uint32_t model, double arrive) const
{
    const Site& s = m_sites[site];
    const auto& cat = m_problem.GetCatalogue();
    if (s.dc || ModelStored(site, model))
    {
        return 0;
    }
    if (cat.GetModelBytes(model) > s.capacity * (1 + 1e-9))
    {
        return std::numeric_limits<double>::infinity();
    }
    // The pull schedule: the running pull, then the demand queue, then this model's blocks
    // that nobody asked for yet.
    double t = s.pulling >= 0 ? s.pullDone : m_now;
    double ready = 0;
    const auto& mb = cat.GetModels()[model].blocks;
    auto needed = [&mb](uint32_t b) { return std::find(mb.begin(), mb.end(), b) != mb.end(); };
    if (s.pulling >= 0 && needed(static_cast<uint32_t>(s.pulling)))
    {
        ready = s.pullDone;
    }
    for (uint32_t b : s.demandQ)
    {
        if (s.queued[b] != 1)
        {
            continue;
        }
        t += PullDuration(site, b);
        if (needed(b))
        {
            ready = std::max(ready, t);
        }
    }
    t = std::max(t, arrive);
    for (uint32_t b : mb)
    {
        if (!s.stored[b] && (s.queued[b] == 0 || s.queued[b] == 2))
        {
            t += PullDuration(site, b);
            ready = std::max(ready, t);
        }
    }
    return ready;
}

double
OnlineReplay::ProjectStart(uint32_t site, double ready) const
{
    const Site& s = m_sites[site];
    std::vector<double> free = s.serverFree;
    // Requests decided for this site that will join its queue before this one does.
    std::vector<std::pair<double, double>> ahead; // (join time, service)
    for (uint32_t j : s.pending)
    {
        const Job& job = m_jobs[j];
        double join = std::max(job.arrive, s.dc ? 0.0 : ProjectReady(site, job.model, job.arrive));
        if (join <= ready)
        {
            const auto& r = m_problem.GetScenario().requests[job.request];
            ahead.emplace_back(join, m_problem.GetProcessingDelay(job.model, site, r.tokens));
        }
    }
    std::sort(ahead.begin(), ahead.end());
    for (const auto& [join, service] : ahead)
    {
        std::pop_heap(free.begin(), free.end(), std::greater<double>());
        free.back() = std::max(join, free.back()) + service;
        std::push_heap(free.begin(), free.end(), std::greater<double>());
    }
    return std::max(ready, free.front());
}

void
OnlineReplay::PredictCosts(uint32_t i,
                           const std::vector<AdmissionArm>& arms,
                           std::vector<double>& costs) const
{
    const InferenceRequest& r = m_problem.GetScenario().requests[i];
    const auto home = static_cast<uint32_t>(m_problem.GetNodeSite(r.home));
    const auto& models = m_problem.GetCatalogue().GetModels();
    costs.resize(arms.size());
    for (size_t a = 0; a < arms.size(); ++a)
    {
        const AdmissionArm& arm = arms[a];
        if (arm.reject)
        {
            costs[a] = m_config.rejectPenaltyS;
            continue;
        }
        const double arrive = m_now + m_problem.GetOneWayDelay(home, arm.site, r.inputBytes);
        const double modelReady = ProjectReady(arm.site, arm.model, arrive);
        if (!std::isfinite(modelReady))
        {
            costs[a] = m_config.failPenaltyS;
            continue;
        }
        const double start = ProjectStart(arm.site, std::max(arrive, modelReady));
        const double end = start + m_problem.GetProcessingDelay(arm.model, arm.site, r.tokens) +
                           m_problem.GetOneWayDelay(arm.site, home, r.outputBytes) +
                           m_problem.GetAccessDelay(0, r.outputBytes);
        costs[a] = (end - m_sent[i]) - m_config.accuracyWeightS * models[arm.model].accuracy;
    }
}

} // namespace mecpfm
} // namespace ns3
