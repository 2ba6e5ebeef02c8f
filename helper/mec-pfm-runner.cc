/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-runner.h"

#include "mec-pfm-app-helper.h"

#include "ns3/data-rate.h"
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

MecPfmRunner::MecPfmRunner(std::shared_ptr<const PlanningProblem> problem,
                           PlacementPlan plan,
                           std::string algorithm)
    : m_problem(std::move(problem)),
      m_plan(std::move(plan)),
      m_algorithm(std::move(algorithm))
{
}

const std::vector<MecPfmRequestResult>&
MecPfmRunner::GetResults() const
{
    return m_collector->GetResults();
}

Ptr<MecPfmStatsCollector>
MecPfmRunner::GetCollector() const
{
    return m_collector;
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
    const MecScenario& sc = m_problem->GetScenario();
    MecNetworkHelper::ConfigureTcp(cfg.segmentSize);
    MecNetworkHelper net;
    net.SetMtu(cfg.mtu);
    NodeContainer backhaul = net.Build(sc);

    std::vector<Ipv4Address> siteAddr(m_problem->GetNSites());
    for (uint32_t s = 0; s < m_problem->GetNSites(); ++s)
    {
        siteAddr[s] = net.GetAddress(m_problem->GetSiteNode(s));
    }
    const uint32_t buf = GetPullSendBuffer(*m_problem);

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
                              UintegerValue(GetPullReceiveBuffer(*m_problem, cfg.segmentSize)));
    apps.SetRepositoryAttribute("SndBufSize", UintegerValue(buf));
    apps.SetClientAttribute("Timeout", TimeValue(Seconds(cfg.timeoutS)));
    ApplicationContainer sites = apps.InstallSites(backhaul);
    sites.Start(Seconds(0));
    m_collector = CreateObject<MecPfmStatsCollector>();
    m_collector->Setup(m_problem, m_plan, m_algorithm);
    m_collector->Connect(sites);

    Ptr<AccessNetwork> access = cfg.access;
    if (!access)
    {
        access = CreateObject<PointToPointAccessNetwork>();
        access->SetAttribute("UplinkRate",
                             DataRateValue(DataRate(static_cast<uint64_t>(sc.uplinkBps))));
        access->SetAttribute("DownlinkRate",
                             DataRateValue(DataRate(static_cast<uint64_t>(sc.downlinkBps))));
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
    m_collector->Connect(clients);
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

    m_collector->Finish(std::chrono::duration<double>(t1 - t0).count(),
                        Simulator::GetEventCount() - events0);
    const MecPfmRunSummary summary = m_collector->GetSummary();

    if (!cfg.outDir.empty())
    {
        for (const std::string& err : {m_collector->WriteRequestsCsv(cfg.outDir + "/requests.csv"),
                                       m_collector->WriteSummaryJson(cfg.outDir + "/summary.json")})
        {
            if (!err.empty())
            {
                throw ScenarioError(err, "", "cannot write");
            }
        }
        if (fm)
        {
            fm->CheckForLostPackets();
            fm->SerializeToXmlFile(cfg.outDir + "/flowmon.xml", false, false);
        }
    }
    Simulator::Destroy();
    return summary;
}

void
MecPfmRunner::PrintTable(std::ostream& os) const
{
    m_collector->PrintTable(os);
}

} // namespace mecpfm
} // namespace ns3
