/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-runner.h"

#include "ns3/data-rate.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/log.h"
#include "ns3/mec-scenario.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
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

std::string
MecPfmRunner::CheckConfig(const MecPfmRunConfig& cfg)
{
    if (cfg.mtu < 576 || cfg.mtu > 65535)
    {
        return "mtu: " + std::to_string(cfg.mtu) + " is not within 576 to 65535";
    }
    // 52 = IPv4 (20) + TCP with timestamps (32): a larger segment would be fragmented.
    if (cfg.segmentSize == 0 || cfg.segmentSize + 52 > cfg.mtu)
    {
        return "segmentSize: must be between 1 and mtu - 52 (mtu " + std::to_string(cfg.mtu) +
               ", segmentSize " + std::to_string(cfg.segmentSize) + ")";
    }
    // Upper limits catch negative numbers that a command line wrapped around (-1 reads as
    // 4294967295 into an unsigned option).
    if (cfg.usersPerHome == 0 || cfg.usersPerHome > 100000)
    {
        return "usersPerHome: must be in 1..100000";
    }
    if (cfg.maxConcurrentPulls == 0 || cfg.maxConcurrentPulls > 10000)
    {
        return "maxConcurrentPulls: must be in 1..10000";
    }
    // ns-3's time reaches about 9.2e9 s: a timeout beyond 1e9 s would overflow it.
    if (!cfg.rankOf.empty() && (cfg.pcap || cfg.flowmon))
    {
        return "rankOf: pcap and flowmon are for sequential runs";
    }
    if (!(cfg.timeoutS > 0 && cfg.timeoutS <= 1e9))
    {
        return "timeoutS: must be in (0, 1e9] seconds";
    }
    if (!(cfg.pullStallS > 0 && cfg.pullStallS <= 1e9))
    {
        return "pullStallS: must be in (0, 1e9] seconds";
    }
    // Below 1 ms every site sends more reports than the run has other events (at 1 ns a
    // two-cloudlet run did not end in 20 s): a typo, not an experiment.
    if (!(cfg.stateReportS == 0 || (cfg.stateReportS >= 1e-3 && cfg.stateReportS <= 1e9)))
    {
        return "stateReportS: must be 0 (live reads) or in [0.001, 1e9] seconds";
    }
    if (!(cfg.stateReportTailS >= 0 && cfg.stateReportTailS <= 1e9))
    {
        return "stateReportTailS: must be in [0, 1e9] seconds";
    }
    if (!(cfg.stopS >= 0))
    {
        return "stopS: must be 0 (automatic) or positive";
    }
    struct stat st;
    if (!cfg.outDir.empty() && (stat(cfg.outDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
    {
        return "outDir: " + cfg.outDir + " is not a directory";
    }
    return "";
}

const std::string&
MecPfmRunner::GetError() const
{
    return m_error;
}

const MecPfmRunSummary&
MecPfmRunner::GetSummary() const
{
    return m_collector->GetSummary();
}

const std::vector<MecPfmRequestResult>&
MecPfmRunner::GetResults() const
{
    return m_collector->GetResults();
}

Ptr<MecPfmController>
MecPfmRunner::GetController() const
{
    return m_apps ? m_apps->GetController() : nullptr;
}

Ptr<MecPfmStatsCollector>
MecPfmRunner::GetCollector() const
{
    return m_collector;
}

void
MecPfmRunner::PrintTable(std::ostream& os) const
{
    m_collector->PrintTable(os);
}

ApplicationContainer
MecPfmRunner::GetSiteApps() const
{
    return m_sites;
}

ApplicationContainer
MecPfmRunner::GetClientApps() const
{
    return m_clients;
}

const std::vector<MecPfmHomeChange>&
MecPfmRunner::GetHomeChanges() const
{
    return m_homeChanges;
}

void
MecPfmRunner::HomeChanged(Ptr<Node> user, Ptr<Node> cloudlet, Ipv4Address address)
{
    auto client = m_clientOf.find(user->GetId());
    auto to = m_scenarioNode.find(cloudlet->GetId());
    NS_ABORT_MSG_IF(client == m_clientOf.end() || to == m_scenarioNode.end(),
                    "HomeChanged: node " << user->GetId() << " is no user or node "
                                         << cloudlet->GetId() << " no backhaul node");
    MecPfmHomeChange c;
    c.timeS = Simulator::Now().GetSeconds();
    c.client = client->second;
    c.from = m_homeOf[user->GetId()];
    c.to = to->second;
    c.inFlightSeq = c.client->GetOpenSeqs();
    NS_LOG_INFO("user node " << user->GetId() << ": home " << c.from << " -> " << c.to << " ("
                             << c.inFlightSeq.size() << " request(s) in flight)");
    m_homeOf[user->GetId()] = c.to;
    c.client->SetHome(c.to, address);
    m_homeChanges.push_back(c);
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

bool
MecPfmRunner::Run(const MecPfmRunConfig& cfg)
{
    m_error = CheckConfig(cfg);
    if (!m_error.empty())
    {
        return false;
    }
    MecNetworkHelper net;
    net.SetMtu(cfg.mtu);
    if (cfg.access)
    {
        net.SetNetwork(cfg.access->GetBackhaulNetwork());
    }
    net.SetSystemIds(cfg.rankOf);
    NodeContainer backhaul = net.Build(m_problem->GetScenario());
    ApplicationContainer sites = InstallSites(cfg, net);
    m_collector = CreateObject<MecPfmStatsCollector>();
    m_collector->Setup(m_problem, m_plan, m_algorithm, cfg.costs);
    if (cfg.policy)
    {
        m_collector->SetNoPlan(); // the plan given is cloud-only, not what decided
    }
    m_collector->Connect(sites);
    m_sites = sites;
    m_clients = InstallUsers(cfg, backhaul);
    m_collector->Connect(m_clients);
    m_apps->AssignStreams(cfg.stream);
    InstallFaults(net);

    if (cfg.pcap && !cfg.outDir.empty())
    {
        net.EnablePcap(cfg.outDir + "/backhaul");
    }
    FlowMonitorHelper fmh;
    Ptr<FlowMonitor> fm = cfg.flowmon ? fmh.InstallAll() : nullptr;
    Simulate(cfg);
    Ptr<AccessNetwork> access = cfg.access;
    if (access)
    {
        // A configuration's access network may serve another Run: no stale connection.
        access->TraceDisconnectWithoutContext("HomeChanged",
                                              MakeCallback(&MecPfmRunner::HomeChanged, this));
    }
    if (fm && !cfg.outDir.empty())
    {
        fm->CheckForLostPackets();
        fm->SerializeToXmlFile(cfg.outDir + "/flowmon.xml", false, false);
    }
    return WriteOutputs(cfg);
}

ApplicationContainer
MecPfmRunner::InstallSites(const MecPfmRunConfig& cfg, MecNetworkHelper& net)
{
    std::vector<Ipv4Address> siteAddr(m_problem->GetNSites());
    for (uint32_t s = 0; s < m_problem->GetNSites(); ++s)
    {
        siteAddr[s] = net.GetAddress(m_problem->GetSiteNode(s));
    }
    m_apps = std::make_unique<MecPfmAppHelper>(m_problem, siteAddr);
    if (cfg.policy)
    {
        // An online policy places blocks itself (AdmissionPolicy::PlanSlot): the cloudlets
        // start with their resident blocks only.
        m_apps->SetPolicy(cfg.policy);
    }
    else
    {
        m_apps->SetPlan(m_plan);
    }
    // The TCP segment size goes to the module's own sockets (MecPfmApplication): the
    // backhaul's MTU allows it, and ns-3's defaults stay the user's.
    m_apps->SetApplicationAttribute("TcpSegmentSize", UintegerValue(cfg.segmentSize));
    m_apps->SetCloudletAttribute("MaxConcurrentPulls", UintegerValue(cfg.maxConcurrentPulls));
    // The receive window must never be what limits a pull: ns-3 up to 3.40 crashes
    // (TcpTxBuffer::NextSeg returns an empty segment, ns-3 issue #991) when the bytes
    // sent but not acknowledged reach the advertised window while some of them are lost
    // or SACKed. Twice the send buffer plus a margin keeps the window above anything the
    // repository can have in flight, even with out-of-order data held at the receiver.
    m_apps->SetCloudletAttribute("RcvBufSize",
                                 UintegerValue(GetPullReceiveBuffer(*m_problem, cfg.segmentSize)));
    m_apps->SetRepositoryAttribute("SndBufSize", UintegerValue(GetPullSendBuffer(*m_problem)));
    m_apps->SetClientAttribute("Timeout", TimeValue(Seconds(cfg.timeoutS)));
    if (!m_problem->GetScenario().faults.empty())
    {
        // A pull whose repository gave up is never told so (doc/mec-pfm.rst, "Faults"); a
        // run without faults schedules no stall checks.
        m_apps->SetCloudletAttribute("PullStallTimeout", TimeValue(Seconds(cfg.pullStallS)));
    }
    if (cfg.stateReportS > 0)
    {
        double lastArrival = 0;
        for (const auto& r : m_problem->GetScenario().requests)
        {
            lastArrival = std::max(lastArrival, r.arrivalS);
        }
        m_apps->SetStateReports(Seconds(cfg.stateReportS),
                                cfg.stateReportOnChange,
                                Seconds(lastArrival + cfg.stateReportTailS));
    }
    ApplicationContainer sites = m_apps->InstallSites(net.GetNodes());
    sites.Start(Seconds(0));
    return sites;
}

ApplicationContainer
MecPfmRunner::InstallUsers(const MecPfmRunConfig& cfg, NodeContainer backhaul)
{
    const MecScenario& sc = m_problem->GetScenario();
    Ptr<AccessNetwork> access = cfg.access;
    if (!access)
    {
        access = CreateObject<PointToPointAccessNetwork>();
        access->SetAttribute("UplinkRate",
                             DataRateValue(DataRate(static_cast<uint64_t>(sc.uplinkBps))));
        access->SetAttribute("DownlinkRate",
                             DataRateValue(DataRate(static_cast<uint64_t>(sc.downlinkBps))));
    }
    m_clientOf.clear();
    m_homeOf.clear();
    m_scenarioNode.clear();
    m_homeChanges.clear();
    for (uint32_t v = 0; v < backhaul.GetN(); ++v)
    {
        m_scenarioNode[backhaul.Get(v)->GetId()] = v;
    }
    access->TraceConnectWithoutContext("HomeChanged",
                                       MakeCallback(&MecPfmRunner::HomeChanged, this));
    std::map<uint32_t, uint32_t> perHome;
    for (const auto& r : sc.requests)
    {
        ++perHome[r.home];
    }
    ApplicationContainer clients;
    InternetStackHelper internet;
    for (const auto& [home, count] : perHome)
    {
        // usersPerHome users share the home's requests round-robin in id order: the k-th
        // request of the home goes to user k mod usersPerHome (MecPfmAppHelper).
        NodeContainer users;
        users.Create(cfg.usersPerHome, cfg.rankOf.empty() ? 0 : cfg.rankOf[home]);
        internet.Install(users);
        Ipv4Address remote = access->Attach(backhaul.Get(home), users);
        ApplicationContainer mine = m_apps->InstallClients(users, home, remote);
        for (uint32_t i = 0; i < mine.GetN(); ++i)
        {
            const uint32_t id = mine.Get(i)->GetNode()->GetId();
            m_clientOf[id] = DynamicCast<InferenceClientApp>(mine.Get(i));
            m_homeOf[id] = home;
        }
        clients.Add(mine);
    }
    clients.Start(Seconds(0));
    return clients;
}

void
MecPfmRunner::InstallFaults(MecNetworkHelper& net)
{
    m_faults = nullptr;
    if (m_problem->GetScenario().faults.empty())
    {
        return; // nothing scheduled: a run without faults is the run it always was
    }
    std::map<uint32_t, Ptr<PfmSiteApp>> sites;
    for (uint32_t c = 0; c < m_problem->GetNCloudlets(); ++c)
    {
        sites[m_problem->GetSiteNode(c)] = m_apps->GetCloudlet(c);
    }
    m_faults = CreateObject<MecFaultInjector>();
    m_faults->Setup(&net, m_problem->GetScenario(), sites);
    m_faults->Schedule();
}

void
MecPfmRunner::Simulate(const MecPfmRunConfig& cfg)
{
    double lastArrival = 0;
    for (const auto& r : m_problem->GetScenario().requests)
    {
        lastArrival = std::max(lastArrival, r.arrivalS);
    }
    Simulator::Stop(Seconds(cfg.stopS > 0 ? cfg.stopS : lastArrival + cfg.timeoutS + 1));
    if (!cfg.beforeRun.IsNull())
    {
        cfg.beforeRun();
    }
    const uint64_t events0 = Simulator::GetEventCount();
    const auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const auto t1 = std::chrono::steady_clock::now();
    const uint64_t events = Simulator::GetEventCount() - events0;
    if (!cfg.gather.IsNull())
    {
        cfg.gather(m_collector, events);
    }
    m_collector->Finish(std::chrono::duration<double>(t1 - t0).count(),
                        events + m_collector->GetMergedEvents());
    const MecPfmRunSummary& s = m_collector->GetSummary();
    if (!s.conservationOk)
    {
        std::cerr << "mec-pfm: CONSERVATION CHECK FAILED: " << s.conservationError << "\n";
        NS_LOG_ERROR("conservation check failed: " << s.conservationError);
    }
}

bool
MecPfmRunner::WriteOutputs(const MecPfmRunConfig& cfg)
{
    if (cfg.outDir.empty())
    {
        return true;
    }
    m_error = m_collector->WriteRequestsCsv(cfg.outDir + "/requests.csv");
    if (m_error.empty())
    {
        m_error = m_collector->WriteSummaryJson(cfg.outDir + "/summary.json");
    }
    return m_error.empty();
}

} // namespace mecpfm
} // namespace ns3
