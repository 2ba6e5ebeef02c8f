/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-stats-collector.h"

#include "ns3/cloudlet-app.h"
#include "ns3/log.h"
#include "ns3/plan-evaluator.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmStatsCollector");
NS_OBJECT_ENSURE_REGISTERED(MecPfmStatsCollector);

namespace
{
double
Percentile(std::vector<double> v, double q)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    // Nearest-rank percentile.
    auto k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    k = std::max<size_t>(k, 1);
    return v[std::min(k, v.size()) - 1];
}

} // namespace

TypeId
MecPfmStatsCollector::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::MecPfmStatsCollector")
                            .SetParent<Object>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<MecPfmStatsCollector>();
    return tid;
}

MecPfmStatsCollector::MecPfmStatsCollector() = default;

void
MecPfmStatsCollector::Setup(std::shared_ptr<const PlanningProblem> problem,
                            const PlacementPlan& plan,
                            const std::string& algorithm,
                            const CostModel& costs)
{
    NS_LOG_FUNCTION(this << algorithm);
    m_problem = std::move(problem);
    m_plan = plan;
    m_algorithm = algorithm;
    m_costs = costs;
    const auto& requests = m_problem->GetScenario().requests;
    m_results.assign(requests.size(), MecPfmRequestResult());
    m_base = requests.size();
    for (uint32_t i = 0; i < requests.size(); ++i)
    {
        m_results[i].id = i;
        m_results[i].home = requests[i].home;
    }
}

void
MecPfmStatsCollector::Connect(ApplicationContainer apps)
{
    NS_LOG_FUNCTION(this);
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        if (auto client = DynamicCast<InferenceClientApp>(apps.Get(i)))
        {
            const uint32_t k = m_clients++;
            client->TraceConnectWithoutContext("RequestSent",
                                               MakeBoundCallback(&RequestSentOf, this, k));
            client->TraceConnectWithoutContext("RequestCompleted",
                                               MakeBoundCallback(&RequestEndedOf, this, k));
        }
        else if (auto cloudlet = DynamicCast<CloudletApp>(apps.Get(i)))
        {
            const uint32_t site = cloudlet->GetSite();
            m_cloudlets[site] = CloudletStats();
            Ptr<BlockPullClient> puller = cloudlet->GetPullClient();
            m_pullers.push_back(puller);
            puller->TraceConnectWithoutContext("PullStarted",
                                               MakeBoundCallback(&PullStartedOf, this, site));
            puller->TraceConnectWithoutContext("PullCompleted",
                                               MakeBoundCallback(&PullCompletedOf, this, site));
            Ptr<BlockStore> store = cloudlet->GetBlockStore();
            store->TraceConnectWithoutContext("BlockStored",
                                              MakeBoundCallback(&BlockStoredOf, this, site));
            store->TraceConnectWithoutContext("BlockEvicted",
                                              MakeBoundCallback(&BlockEvictedOf, this, site));
        }
    }
}

void
MecPfmStatsCollector::RequestSentOf(MecPfmStatsCollector* c,
                                    uint32_t client,
                                    const InferenceRecord& rec)
{
    size_t row = rec.msg.requestId;
    NS_ABORT_MSG_IF(row >= c->m_results.size(), "request " << row << " not in the scenario");
    if (c->m_results[row].sendS >= 0)
    {
        // Sent before (Poisson arrivals cycle the list): a row of its own.
        row = c->m_results.size();
        c->m_results.emplace_back();
        c->m_results[row].id = rec.msg.requestId;
        c->m_results[row].home = rec.home;
    }
    c->m_rowOf[{client, rec.msg.seq}] = row;
    c->m_results[row].sendS = rec.msg.sent.GetSeconds();
}

void
MecPfmStatsCollector::RequestEndedOf(MecPfmStatsCollector* c,
                                     uint32_t client,
                                     const InferenceRecord& rec)
{
    auto it = c->m_rowOf.find({client, rec.msg.seq});
    NS_ABORT_MSG_IF(it == c->m_rowOf.end(), "send " << rec.msg.seq << " was not seen");
    MecPfmRequestResult& r = c->m_results[it->second];
    ++c->m_ends;
    r.recvS = rec.received.GetSeconds();
    r.status = rec.status;
    r.reason = rec.reason;
    if (rec.status == InferenceStatus::COMPLETED)
    {
        r.site = rec.msg.site;
        r.model = rec.msg.model;
        r.uploadS = (rec.msg.arrived - rec.msg.sent).GetSeconds();
        r.waitModelS = (rec.msg.modelReady - rec.msg.arrived).GetSeconds();
        r.queueS = (rec.msg.started - rec.msg.modelReady).GetSeconds();
        r.processS = (rec.msg.finished - rec.msg.started).GetSeconds();
        r.downloadS = (rec.received - rec.msg.finished).GetSeconds();
        r.delayS = (rec.received - rec.msg.sent).GetSeconds();
    }
}

void
MecPfmStatsCollector::PullStartedOf(MecPfmStatsCollector* c, uint32_t site, uint32_t, uint64_t)
{
    ++c->m_cloudlets[site].pullsStarted;
}

void
MecPfmStatsCollector::PullCompletedOf(MecPfmStatsCollector* c,
                                      uint32_t site,
                                      uint32_t,
                                      uint64_t bytes,
                                      Time)
{
    CloudletStats& s = c->m_cloudlets[site];
    s.pulledBytes += static_cast<double>(bytes);
    s.lastPullS = Simulator::Now().GetSeconds();
}

void
MecPfmStatsCollector::BlockStoredOf(MecPfmStatsCollector* c, uint32_t site, uint32_t block, double)
{
    c->m_cloudlets[site].stored.insert(block);
}

void
MecPfmStatsCollector::BlockEvictedOf(MecPfmStatsCollector* c, uint32_t site, uint32_t block, double)
{
    c->m_cloudlets[site].stored.erase(block);
}

std::string
MecPfmStatsCollector::Pack(uint64_t events) const
{
    std::ostringstream os;
    os << std::hexfloat << "E " << events << "\n";
    uint64_t counts[5] = {m_ends, 0, 0, 0, 0};
    for (const auto& p : m_pullers)
    {
        counts[1] += p->GetBytesArrived();
        counts[2] += p->GetArrivedOfCompleted();
        counts[3] += p->GetBytesCompleted();
        counts[4] += p->GetResumes();
    }
    os << "K " << counts[0] << " " << counts[1] << " " << counts[2] << " " << counts[3] << " "
       << counts[4] << "\n";
    for (size_t i = 0; i < m_results.size(); ++i)
    {
        const auto& r = m_results[i];
        if (r.sendS < 0)
        {
            continue; // not sent here
        }
        os << "R " << i << " " << r.id << " " << r.home << " " << r.site << " " << r.model << " "
           << static_cast<int>(r.status) << " " << static_cast<int>(r.reason) << " " << r.sendS
           << " " << r.recvS << " " << r.delayS << " " << r.uploadS << " " << r.waitModelS << " "
           << r.queueS << " " << r.processS << " " << r.downloadS << "\n";
    }
    for (const auto& [site, s] : m_cloudlets)
    {
        os << "C " << site << " " << s.pullsStarted << " " << s.pulledBytes << " " << s.lastPullS
           << " " << s.stored.size();
        for (uint32_t b : s.stored)
        {
            os << " " << b;
        }
        os << "\n";
    }
    return os.str();
}

namespace
{
/**
 * \param in a stream
 * \return the next number in hexadecimal floating point (or decimal), NaN if none
 */
double
ReadDouble(std::istream& in)
{
    std::string w;
    in >> w;
    return w.empty() ? std::nan("") : std::strtod(w.c_str(), nullptr);
}
} // namespace

bool
MecPfmStatsCollector::MergeCloudlet(std::istream& in)
{
    uint32_t site = 0;
    size_t n = 0;
    CloudletStats s;
    in >> site >> s.pullsStarted;
    s.pulledBytes = ReadDouble(in);
    s.lastPullS = ReadDouble(in);
    in >> n;
    for (size_t k = 0; k < n && in; ++k)
    {
        uint32_t b = 0;
        in >> b;
        s.stored.insert(b);
    }
    m_cloudlets[site] = s;
    return static_cast<bool>(in);
}

std::string
MecPfmStatsCollector::Merge(const std::string& packed)
{
    std::istringstream lines(packed);
    std::string line;
    while (std::getline(lines, line))
    {
        std::istringstream in(line);
        char kind = 0;
        in >> kind;
        if (kind == 'E')
        {
            uint64_t e = 0;
            in >> e;
            m_mergedEvents += e;
        }
        else if (kind == 'K')
        {
            for (uint64_t& c : m_mergedCounts)
            {
                uint64_t k = 0;
                in >> k;
                c += k;
            }
        }
        else if (kind == 'C' && MergeCloudlet(in))
        {
            continue;
        }
        else if (kind == 'R')
        {
            size_t i = 0;
            int status = 0;
            int reason = 0;
            MecPfmRequestResult r;
            in >> i >> r.id >> r.home >> r.site >> r.model >> status >> reason;
            double* v[] = {&r.sendS,
                           &r.recvS,
                           &r.delayS,
                           &r.uploadS,
                           &r.waitModelS,
                           &r.queueS,
                           &r.processS,
                           &r.downloadS};
            for (double* x : v)
            {
                *x = ReadDouble(in);
            }
            r.status = static_cast<InferenceStatus>(status);
            r.reason = static_cast<FailureReason>(reason);
            if (!in || r.id >= m_base)
            {
                return "rank results: bad row \"" + line + "\"";
            }
            (i < m_base ? m_results[i] : m_results.emplace_back()) = r;
        }
        if (!in)
        {
            return "rank results: bad line \"" + line + "\"";
        }
    }
    // A sequential run appends repeated sends as they happen: in send-time order.
    std::stable_sort(m_results.begin() + m_base,
                     m_results.end(),
                     [](const MecPfmRequestResult& a, const MecPfmRequestResult& b) {
                         return a.sendS < b.sendS;
                     });
    return "";
}

uint64_t
MecPfmStatsCollector::GetMergedEvents() const
{
    return m_mergedEvents;
}

void
MecPfmStatsCollector::SetNoPlan()
{
    m_hasPlan = false;
}

void
MecPfmStatsCollector::SetGatheredElsewhere()
{
    m_gatheredElsewhere = true;
}

void
MecPfmStatsCollector::Finish(double wallS, uint64_t events)
{
    NS_LOG_FUNCTION(this << wallS << events);
    m_summary = MecPfmRunSummary();
    m_summary.wallS = wallS;
    m_summary.events = events;
    SummarizeRequests();
    SummarizePulls();
    CheckConservation();
}

void
MecPfmStatsCollector::CheckConservation()
{
    MecPfmRunSummary& s = m_summary;
    if (m_gatheredElsewhere)
    {
        return; // the rank that merged every rank's part checks the whole run
    }
    s.ends = m_ends + m_mergedCounts[0];
    s.notEnded = 0;
    for (const auto& r : m_results)
    {
        s.notEnded += r.recvS < 0 ? 1 : 0;
    }
    std::ostringstream why;
    s.requestsOk = s.completed + s.rejected + s.failed == s.requests && s.notEnded == 0 &&
                   s.ends == s.requests;
    if (!s.requestsOk)
    {
        why << "requests " << s.requests << ": completed " << s.completed << " + rejected "
            << s.rejected << " + failed " << s.failed << ", " << s.ends << " ends, " << s.notEnded
            << " without an end at the stop time; ";
    }
    s.arrivedBytes = m_mergedCounts[1];
    s.arrivedOfCompletedBytes = m_mergedCounts[2];
    uint64_t completedBytes = m_mergedCounts[3];
    s.pullResumes = static_cast<uint32_t>(m_mergedCounts[4]);
    for (const auto& p : m_pullers)
    {
        s.arrivedBytes += p->GetBytesArrived();
        s.arrivedOfCompletedBytes += p->GetArrivedOfCompleted();
        s.pullResumes += p->GetResumes();
        completedBytes += p->GetBytesCompleted();
    }
    // pulledBytes (from the PullCompleted traces: block sizes) against the bytes counted as
    // they arrived on the connections: a block resumed or pulled twice would differ.
    s.bytesOk = static_cast<double>(completedBytes) == s.pulledBytes &&
                completedBytes == s.arrivedOfCompletedBytes &&
                s.arrivedOfCompletedBytes <= s.arrivedBytes;
    if (!s.bytesOk)
    {
        why << "pulled bytes " << std::setprecision(17) << s.pulledBytes
            << ", arrived on the connections of completed pulls " << s.arrivedOfCompletedBytes
            << ", arrived in all " << s.arrivedBytes;
    }
    s.conservationOk = s.requestsOk && s.bytesOk;
    s.conservationError = why.str();
}

void
MecPfmStatsCollector::SummarizeRequests()
{
    const auto& models = m_problem->GetCatalogue().GetModels();
    std::vector<double> delays;
    double accSum = 0;
    for (const auto& r : m_results)
    {
        m_summary.simS = std::max(m_summary.simS, r.recvS);
        if (r.status == InferenceStatus::COMPLETED)
        {
            ++m_summary.completed;
            delays.push_back(r.delayS);
            m_summary.meanDelayS += r.delayS;
            const double parts[5] = {r.uploadS, r.waitModelS, r.queueS, r.processS, r.downloadS};
            for (int k = 0; k < 5; ++k)
            {
                m_summary.meanParts[k] += parts[k];
            }
            accSum += models[r.model].accuracy;
        }
        else if (r.status == InferenceStatus::REJECTED)
        {
            ++m_summary.rejected;
        }
        else
        {
            ++m_summary.failed;
        }
    }
    m_summary.requests = static_cast<uint32_t>(m_results.size());
    if (m_summary.completed > 0)
    {
        m_summary.meanDelayS /= m_summary.completed;
        for (double& p : m_summary.meanParts)
        {
            p /= m_summary.completed;
        }
    }
    m_summary.p50DelayS = Percentile(delays, 0.50);
    m_summary.p95DelayS = Percentile(delays, 0.95);
    m_summary.p99DelayS = Percentile(delays, 0.99);
    m_summary.avgAccuracy = m_results.empty() ? 0 : accSum / m_results.size();
}

void
MecPfmStatsCollector::SummarizePulls()
{
    const MecScenario& sc = m_problem->GetScenario();
    const auto& blocks = m_problem->GetCatalogue().GetBlocks();
    double heldBytes = 0;
    for (const auto& [site, s] : m_cloudlets)
    {
        m_summary.pulledBytes += s.pulledBytes;
        m_summary.pulls += s.pullsStarted;
        if (s.pullsStarted > 0)
        {
            m_summary.pullTimeS += s.lastPullS;
            m_summary.simS = std::max(m_summary.simS, s.lastPullS);
        }
        double held = 0;
        for (uint32_t b : s.stored)
        {
            held += blocks[b].bytes;
        }
        heldBytes += held;
    }
    double flopsEdge = 0;
    double flopsDc = 0;
    for (const auto& r : m_results)
    {
        if (r.status == InferenceStatus::COMPLETED)
        {
            const double f = m_problem->GetFlops(r.model, sc.requests[r.id].tokens);
            (m_problem->IsDc(r.site) ? flopsDc : flopsEdge) += f;
        }
    }
    CostUsage used;
    used.pulledBytes = m_summary.pulledBytes;
    used.edgeFlops = flopsEdge;
    used.dcFlops = flopsDc;
    used.heldBytes = heldBytes;
    used.horizonS = sc.horizonS;
    m_summary.cost = m_costs.GetCost(used);
    m_summary.measuredTotalDelayS =
        m_summary.meanDelayS * m_summary.completed + m_summary.pullTimeS;
    m_summary.plannedTotalDelayS =
        m_hasPlan ? PlanEvaluator(*m_problem, m_costs).Evaluate(m_plan).totalDelayS : std::nan("");
}

const std::vector<MecPfmRequestResult>&
MecPfmStatsCollector::GetResults() const
{
    return m_results;
}

const MecPfmRunSummary&
MecPfmStatsCollector::GetSummary() const
{
    return m_summary;
}

std::string
MecPfmStatsCollector::WriteRequestsCsv(const std::string& path) const
{
    std::ofstream f(path);
    if (!f)
    {
        return path + ": cannot write";
    }
    const auto& sc = m_problem->GetScenario();
    const auto& models = m_problem->GetCatalogue().GetModels();
    f << "id,home,serving_site,model,status,send_s,recv_s,delay_s,upload_s,wait_model_s,"
         "queue_s,processing_s,download_s\n";
    // 15 significant digits: send_s and recv_s to 10 ps at an hour, so that recv_s - send_s
    // and delay_s agree (9 digits left them 10 us apart).
    f << std::setprecision(15);
    for (const auto& r : m_results)
    {
        std::string site = r.site >= 0 ? sc.nodes[m_problem->GetSiteNode(r.site)].id : "";
        std::string model = r.model >= 0 ? models[r.model].id : "";
        f << r.id << ',' << sc.nodes[r.home].id << ',' << site << ',' << model << ','
          << GetStatusName(r.status) << ',' << r.sendS << ',' << r.recvS << ',' << r.delayS << ','
          << r.uploadS << ',' << r.waitModelS << ',' << r.queueS << ',' << r.processS << ','
          << r.downloadS << '\n';
    }
    return f ? "" : path + ": write failed";
}

std::string
MecPfmStatsCollector::WriteSummaryJson(const std::string& path) const
{
    const auto& s = m_summary;
    nlohmann::json j;
    j["scenario"] = m_problem->GetScenario().name;
    j["algorithm"] = m_algorithm;
    j["requests"] = s.requests;
    j["completed"] = s.completed;
    j["rejected"] = s.rejected;
    j["failed"] = s.failed;
    j["mean_delay_s"] = s.meanDelayS;
    j["p50_delay_s"] = s.p50DelayS;
    j["p95_delay_s"] = s.p95DelayS;
    j["p99_delay_s"] = s.p99DelayS;
    j["mean_upload_s"] = s.meanParts[0];
    j["mean_wait_model_s"] = s.meanParts[1];
    j["mean_queue_s"] = s.meanParts[2];
    j["mean_processing_s"] = s.meanParts[3];
    j["mean_download_s"] = s.meanParts[4];
    j["pulled_bytes"] = s.pulledBytes;
    j["pulls"] = s.pulls;
    j["pull_time_s"] = s.pullTimeS;
    j["avg_accuracy"] = s.avgAccuracy;
    j["cost"] = s.cost;
    j["planned_total_delay_s"] = m_hasPlan ? nlohmann::json(s.plannedTotalDelayS) : nullptr;
    j["measured_total_delay_s"] = s.measuredTotalDelayS;
    j["sim_s"] = s.simS;
    j["wall_s"] = s.wallS;
    j["events"] = s.events;
    nlohmann::json c;
    c["ok"] = s.conservationOk;
    c["requests_ok"] = s.requestsOk;
    c["ends"] = s.ends;
    c["not_ended"] = s.notEnded;
    c["bytes_ok"] = s.bytesOk;
    c["arrived_bytes"] = s.arrivedBytes;
    c["arrived_bytes_of_completed_pulls"] = s.arrivedOfCompletedBytes;
    c["pull_resumes"] = s.pullResumes;
    if (!s.conservationOk)
    {
        c["error"] = s.conservationError;
    }
    j["conservation"] = c;
    std::ofstream f(path);
    if (!f)
    {
        return path + ": cannot write";
    }
    f << j.dump(2) << '\n';
    return f ? "" : path + ": write failed";
}

void
MecPfmStatsCollector::PrintTable(std::ostream& os) const
{
    const auto& s = m_summary;
    os << std::fixed << std::setprecision(4);
    os << "scenario " << m_problem->GetScenario().name << ", algorithm " << m_algorithm << "\n";
    os << "  requests            " << s.requests << " (completed " << s.completed << ", rejected "
       << s.rejected << ", failed " << s.failed << ")\n";
    os << "  delay mean/p50/p95/p99 (s)  " << s.meanDelayS << " / " << s.p50DelayS << " / "
       << s.p95DelayS << " / " << s.p99DelayS << "\n";
    os << "  mean parts (s): upload " << s.meanParts[0] << ", wait-for-model " << s.meanParts[1]
       << ", queueing " << s.meanParts[2] << ", processing " << s.meanParts[3] << ", download "
       << s.meanParts[4] << "\n";
    os << "  pulled              " << std::setprecision(3) << s.pulledBytes / 1e9 << " GB in "
       << s.pulls << " pulls\n";
    os << "  avg accuracy        " << s.avgAccuracy << "\n";
    os << "  cost                " << s.cost << "\n";
    if (m_hasPlan)
    {
        os << "  total delay (s)     planned " << s.plannedTotalDelayS << ", measured "
           << s.measuredTotalDelayS << "\n";
    }
    else
    {
        os << "  total delay (s)     measured " << s.measuredTotalDelayS
           << " (an online policy decided: no plan)\n";
    }
    os << "  sim " << s.simS << " s, wall " << s.wallS << " s, " << s.events << " events\n";
    os.unsetf(std::ios::fixed);
}

} // namespace mecpfm
} // namespace ns3
