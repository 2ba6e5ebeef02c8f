/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-runner.h"

#include "mec-pfm-app-helper.h"

#include "ns3/double.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/log.h"
#include "ns3/mec-scenario.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmRunner");

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

MecPfmRunner::MecPfmRunner(const PlanningProblem& problem,
                           PlacementPlan plan,
                           std::string algorithm)
    : m_problem(problem),
      m_plan(std::move(plan)),
      m_algorithm(std::move(algorithm))
{
}

const std::vector<MecPfmRequestResult>&
MecPfmRunner::GetResults() const
{
    return m_results;
}

uint32_t
MecPfmRunner::GetPullSendBuffer(const PlanningProblem& problem)
{
    double maxBdp = 0;
    for (uint32_t c = 0; c < problem.GetNCloudlets(); ++c)
    {
        const auto& p = problem.GetRoute(problem.GetDcSite(), c);
        if (p.reachable)
        {
            maxBdp = std::max(maxBdp, p.bottleneckBps * 2 * p.delayS / 8);
        }
    }
    return static_cast<uint32_t>(std::clamp(2 * maxBdp, 1.0 * (1 << 20), 256.0 * (1 << 20)));
}

uint32_t
MecPfmRunner::GetPullReceiveBuffer(const PlanningProblem& problem, uint32_t segmentSize)
{
    return static_cast<uint32_t>(2ULL * GetPullSendBuffer(problem) + 4ULL * segmentSize);
}

MecPfmRunSummary
MecPfmRunner::Run(const MecPfmRunConfig& cfg)
{
    if (cfg.segmentSize == 0 || cfg.segmentSize + 52 > cfg.mtu)
    {
        // 52 = IPv4 (20) + TCP with timestamps (32): a larger segment would be fragmented.
        throw ScenarioError("",
                            "segmentSize",
                            "must be between 1 and mtu - 52 (mtu " + std::to_string(cfg.mtu) +
                                ", segmentSize " + std::to_string(cfg.segmentSize) + ")");
    }
    if (cfg.usersPerHome == 0)
    {
        throw ScenarioError("", "usersPerHome", "must be at least 1");
    }
    const MecScenario& sc = m_problem.GetScenario();
    MecNetworkHelper::ConfigureTcp(cfg.segmentSize);
    MecNetworkHelper net;
    net.SetMtu(cfg.mtu);
    NodeContainer backhaul = net.Build(sc);

    std::vector<Ipv4Address> siteAddr(m_problem.GetNSites());
    for (uint32_t s = 0; s < m_problem.GetNSites(); ++s)
    {
        siteAddr[s] = net.GetAddress(m_problem.GetSiteNode(s));
    }
    const uint32_t buf = GetPullSendBuffer(m_problem);

    MecPfmAppHelper apps(m_problem, siteAddr);
    apps.SetPlan(m_plan);
    if (cfg.policy)
    {
        apps.SetPolicy(cfg.policy);
    }
    apps.SetCloudletAttribute("MaxConcurrentPulls", UintegerValue(cfg.maxConcurrentPulls));
    // The receive window must never be what limits a pull: ns-3 up to 3.40 crashes
    // (TcpTxBuffer::NextSeg returns an empty segment, ns-3 issue #991) when the bytes
    // sent but not acknowledged reach the advertised window while some of them are lost
    // or SACKed. Twice the send buffer plus a margin keeps the window above anything the
    // repository can have in flight, even with out-of-order data held at the receiver.
    apps.SetCloudletAttribute("RcvBufSize",
                              UintegerValue(GetPullReceiveBuffer(m_problem, cfg.segmentSize)));
    apps.SetRepositoryAttribute("SndBufSize", UintegerValue(buf));
    apps.SetClientAttribute("Timeout", TimeValue(Seconds(cfg.timeoutS)));
    ApplicationContainer sites = apps.InstallSites(backhaul);
    sites.Start(Seconds(0));

    Ptr<AccessNetwork> access = cfg.access;
    if (!access)
    {
        access = CreateObject<PointToPointAccessNetwork>();
        access->SetAttribute("UplinkBps", DoubleValue(sc.uplinkBps));
        access->SetAttribute("DownlinkBps", DoubleValue(sc.downlinkBps));
    }
    std::map<uint32_t, uint32_t> perHome;
    double lastArrival = 0;
    for (const auto& r : sc.requests)
    {
        ++perHome[r.home];
        lastArrival = std::max(lastArrival, r.arrivalS);
    }
    ApplicationContainer clients;
    InternetStackHelper internet;
    for (const auto& [home, count] : perHome)
    {
        // usersPerHome users share the home's requests round-robin in id order: the k-th
        // request of the home goes to user k mod usersPerHome (MecPfmAppHelper).
        NodeContainer users;
        users.Create(cfg.usersPerHome);
        internet.Install(users);
        Ipv4Address remote = access->Attach(backhaul.Get(home), users);
        clients.Add(apps.InstallClients(users, home, remote));
    }
    clients.Start(Seconds(0));
    apps.AssignStreams(0);

    if (cfg.pcap && !cfg.outDir.empty())
    {
        net.EnablePcap(cfg.outDir + "/backhaul");
    }
    FlowMonitorHelper fmh;
    Ptr<FlowMonitor> fm;
    if (cfg.flowmon)
    {
        fm = fmh.InstallAll();
    }
    double stop = cfg.stopS > 0 ? cfg.stopS : lastArrival + cfg.timeoutS + 1;
    Simulator::Stop(Seconds(stop));

    if (!cfg.beforeRun.IsNull())
    {
        cfg.beforeRun();
    }
    uint64_t events0 = Simulator::GetEventCount();
    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t1 = std::chrono::steady_clock::now();

    // Collect.
    m_summary = MecPfmRunSummary();
    m_summary.wallS = std::chrono::duration<double>(t1 - t0).count();
    m_summary.events = Simulator::GetEventCount() - events0;
    m_results.assign(sc.requests.size(), MecPfmRequestResult());
    for (uint32_t i = 0; i < sc.requests.size(); ++i)
    {
        m_results[i].id = i;
        m_results[i].home = sc.requests[i].home;
    }
    double lastEvent = 0;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        auto app = DynamicCast<InferenceClientApp>(clients.Get(i));
        for (const auto& [id, rec] : app->GetRecords())
        {
            MecPfmRequestResult& r = m_results.at(id);
            r.sendS = rec.msg.sent.GetSeconds();
            if (!rec.ended)
            {
                continue; // failed: no response by the stop time
            }
            r.recvS = rec.received.GetSeconds();
            lastEvent = std::max(lastEvent, r.recvS);
            if (rec.status == InferenceStatus::COMPLETED)
            {
                r.status = "completed";
                r.site = rec.msg.site;
                r.model = rec.msg.model;
                r.uploadS = (rec.msg.arrived - rec.msg.sent).GetSeconds();
                r.waitModelS = (rec.msg.modelReady - rec.msg.arrived).GetSeconds();
                r.queueS = (rec.msg.started - rec.msg.modelReady).GetSeconds();
                r.processS = (rec.msg.finished - rec.msg.started).GetSeconds();
                r.downloadS = (rec.received - rec.msg.finished).GetSeconds();
                r.delayS = (rec.received - rec.msg.sent).GetSeconds();
            }
            else if (rec.status == InferenceStatus::REJECTED)
            {
                r.status = "rejected";
            }
        }
    }
    const auto& models = m_problem.GetCatalogue().GetModels();
    CostModel prices;
    std::vector<double> delays;
    double accSum = 0;
    double flopsEdge = 0;
    double flopsDc = 0;
    for (const auto& r : m_results)
    {
        if (r.status == "completed")
        {
            ++m_summary.completed;
            delays.push_back(r.delayS);
            m_summary.meanDelayS += r.delayS;
            double parts[5] = {r.uploadS, r.waitModelS, r.queueS, r.processS, r.downloadS};
            for (int k = 0; k < 5; ++k)
            {
                m_summary.meanParts[k] += parts[k];
            }
            accSum += models[r.model].accuracy;
            double f = m_problem.GetFlops(r.model, sc.requests[r.id].tokens);
            (m_problem.IsDc(r.site) ? flopsDc : flopsEdge) += f;
        }
        else if (r.status == "rejected")
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
    double heldBytes = 0;
    for (uint32_t c = 0; c < m_problem.GetNCloudlets(); ++c)
    {
        auto app = apps.GetCloudlet(c);
        m_summary.pulledBytes += static_cast<double>(app->GetPulledBytes());
        m_summary.pulls += app->GetPullsStarted();
        if (app->GetPullsStarted() > 0)
        {
            m_summary.pullTimeS += app->GetLastPullTime().GetSeconds();
            lastEvent = std::max(lastEvent, app->GetLastPullTime().GetSeconds());
        }
        heldBytes += app->GetStoredBytes();
    }
    m_summary.cost = m_summary.pulledBytes / 1e9 * prices.backhaulPerGb +
                     flopsEdge / 1e15 * prices.edgePerPflop + flopsDc / 1e15 * prices.dcPerPflop +
                     heldBytes / 1e9 * prices.storagePerGbHour * sc.horizonS / 3600;
    m_summary.measuredTotalDelayS =
        m_summary.meanDelayS * m_summary.completed + m_summary.pullTimeS;
    PlanEvaluator eval(m_problem);
    m_summary.plannedTotalDelayS = eval.Evaluate(m_plan).totalDelayS;
    m_summary.simS = lastEvent;

    if (!cfg.outDir.empty())
    {
        WriteRequestsCsv(cfg.outDir + "/requests.csv");
        WriteSummaryJson(cfg.outDir + "/summary.json");
        if (fm)
        {
            fm->CheckForLostPackets();
            fm->SerializeToXmlFile(cfg.outDir + "/flowmon.xml", false, false);
        }
    }
    Simulator::Destroy();
    return m_summary;
}

void
MecPfmRunner::WriteRequestsCsv(const std::string& path) const
{
    std::ofstream f(path);
    if (!f)
    {
        throw ScenarioError(path, "", "cannot write");
    }
    const auto& sc = m_problem.GetScenario();
    const auto& models = m_problem.GetCatalogue().GetModels();
    f << "id,home,serving_site,model,status,send_s,recv_s,delay_s,upload_s,wait_model_s,"
         "queue_s,processing_s,download_s\n";
    f << std::setprecision(9);
    for (const auto& r : m_results)
    {
        std::string site = r.site >= 0 ? sc.nodes[m_problem.GetSiteNode(r.site)].id : "";
        std::string model = r.model >= 0 ? models[r.model].id : "";
        f << r.id << ',' << sc.nodes[r.home].id << ',' << site << ',' << model << ',' << r.status
          << ',' << r.sendS << ',' << r.recvS << ',' << r.delayS << ',' << r.uploadS << ','
          << r.waitModelS << ',' << r.queueS << ',' << r.processS << ',' << r.downloadS << '\n';
    }
}

void
MecPfmRunner::WriteSummaryJson(const std::string& path) const
{
    const auto& s = m_summary;
    nlohmann::json j;
    j["scenario"] = m_problem.GetScenario().name;
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
    j["planned_total_delay_s"] = s.plannedTotalDelayS;
    j["measured_total_delay_s"] = s.measuredTotalDelayS;
    j["sim_s"] = s.simS;
    j["wall_s"] = s.wallS;
    j["events"] = s.events;
    std::ofstream f(path);
    if (!f)
    {
        throw ScenarioError(path, "", "cannot write");
    }
    f << j.dump(2) << '\n';
}

void
MecPfmRunner::PrintTable(std::ostream& os) const
{
    const auto& s = m_summary;
    os << std::fixed << std::setprecision(4);
    os << "scenario " << m_problem.GetScenario().name << ", algorithm " << m_algorithm << "\n";
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
    os << "  total delay (s)     planned " << s.plannedTotalDelayS << ", measured "
       << s.measuredTotalDelayS << "\n";
    os << "  sim " << s.simS << " s, wall " << s.wallS << " s, " << s.events << " events\n";
    os.unsetf(std::ios::fixed);
}

} // namespace mecpfm
} // namespace ns3
