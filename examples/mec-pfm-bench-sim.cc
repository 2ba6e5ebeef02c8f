/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Simulation benchmark (`./mec-pfm bench sim`): how much the module costs over raw ns-3 TCP.
 *
 * 1. Plan a scenario (default: GEANT default, rounding) and carry the plan out with
 *    MecPfmRunner, recording every block pull (cloudlet, bytes, start time).
 * 2. Rebuild the same backhaul (same helper, MTU, segment size, static routes and socket
 *    buffers) and replay those pulls as plain ns-3 BulkSendApplication transfers from the
 *    data center to PacketSinks at the cloudlets: the same bytes over the same paths with
 *    the same start times, and no module code in the event loop.
 *
 * Prints a table, then as its last line one JSON object: wall_s (Simulator::Run of the
 * module's run), sim_s, events, pulled_bytes, pulls, baseline_wall_s, baseline_events,
 * baseline_bytes, ratio (= baseline_wall_s / wall_s), plan_wall_s, peak_rss_mb (the
 * process's peak resident set, both runs included), and the targets met or not.
 *
 *   ./mec-pfm bench sim [--scenario=FILE] [--algorithm=NAME] [--mtu=N --segmentSize=N]
 */

#include "ns3/abort.h"
#include "ns3/applications-module.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mec-network-helper.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/pfm-planner.h"
#include "ns3/scenario-reader.h"

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <sys/resource.h>
#include <vector>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// One block pull seen in the module's run.
struct PullRecord
{
    uint32_t node;  //!< cloudlet node (scenario index = ns-3 node id of the backhaul)
    uint64_t bytes; //!< block bytes
    double startS;  //!< pull start
};

std::vector<PullRecord> g_pulls; //!< pulls of the module's run

/**
 * \param context trace context (/NodeList/N/...)
 * \param block block index
 * \param bytes block bytes
 */
void
OnPullStarted(std::string context, uint32_t block, uint64_t bytes)
{
    uint32_t node = 0;
    std::sscanf(context.c_str(), "/NodeList/%u/", &node);
    g_pulls.push_back({node, bytes, Simulator::Now().GetSeconds()});
}

/** Connect to every cloudlet's PullStarted trace. */
void
ConnectPullTraces()
{
    Config::Connect(
        "/NodeList/*/ApplicationList/*/$ns3::mecpfm::CloudletApp/PullClient/PullStarted",
        MakeCallback(&OnPullStarted));
}

/// \return the peak resident set of this process, MB
double
PeakRssMb()
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0; // KiB on Linux
}

/// Result of the baseline run.
struct Baseline
{
    double wallS{0};    //!< wall of Simulator::Run
    uint64_t events{0}; //!< events
    uint64_t bytes{0};  //!< bytes received by the sinks
    double lastRxS{0};  //!< simulated time of the last byte
};

/**
 * \brief PacketSink "Rx" sink of the baseline (a bound function, not a lambda: ns-3.35's
 * Callback takes none).
 * \param b the baseline's counters
 * \param pkt the packet received
 */
void
BaselineRx(Baseline* b, Ptr<const Packet> pkt, const Address&)
{
    b->bytes += pkt->GetSize();
    b->lastRxS = Simulator::Now().GetSeconds();
}

Baseline
RunBaseline(const PlanningProblem& problem, const MecPfmRunConfig& cfg)
{
    const MecScenario& sc = problem.GetScenario();
    MecNetworkHelper::ConfigureTcp(cfg.segmentSize);
    const uint32_t sndBuf = MecPfmRunner::GetPullSendBuffer(problem);
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(sndBuf));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize",
                       UintegerValue(MecPfmRunner::GetPullReceiveBuffer(problem, cfg.segmentSize)));
    MecNetworkHelper net;
    net.SetMtu(cfg.mtu);
    NodeContainer nodes = net.Build(sc);
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        // Pull records name ns-3 node ids of the module's run, built by the same helper.
        NS_ABORT_MSG_IF(nodes.Get(i)->GetId() != i, "backhaul node ids differ between runs");
    }
    Ptr<Node> dc = nodes.Get(problem.GetSiteNode(problem.GetDcSite()));

    const uint16_t port = 9100;
    ApplicationContainer sinks;
    std::vector<bool> hasSink(nodes.GetN(), false);
    for (const auto& p : g_pulls)
    {
        if (!hasSink[p.node])
        {
            hasSink[p.node] = true;
            PacketSinkHelper sink("ns3::TcpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), port));
            sinks.Add(sink.Install(nodes.Get(p.node)));
        }
        BulkSendHelper bulk("ns3::TcpSocketFactory",
                            InetSocketAddress(net.GetAddress(p.node), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(p.bytes));
        bulk.SetAttribute("SendSize", UintegerValue(cfg.segmentSize));
        ApplicationContainer a = bulk.Install(dc);
        a.Start(Seconds(p.startS));
    }
    sinks.Start(Seconds(0));

    Baseline b;
    for (uint32_t i = 0; i < sinks.GetN(); ++i)
    {
        sinks.Get(i)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&BaselineRx, &b));
    }
    uint64_t e0 = Simulator::GetEventCount();
    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    b.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    b.events = Simulator::GetEventCount() - e0;
    Simulator::Destroy();
    return b;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/geant-default.json";
    std::string algorithm = "rounding";
    uint32_t seed = 1;
    MecPfmRunConfig cfg;

    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", scenario);
    cmd.AddValue("algorithm", "planner short name (mec-pfm-tool plan --list)", algorithm);
    cmd.AddValue("seed", "ns-3 run number (RngRun)", seed);
    cmd.AddValue("mtu", "backhaul MTU", cfg.mtu);
    cmd.AddValue("segmentSize", "TCP segment size", cfg.segmentSize);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", cfg.maxConcurrentPulls);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    RngSeedManager::SetRun(seed);

    try
    {
        MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(algorithm);
        if (!planner)
        {
            std::cerr << "--algorithm: unknown planner \"" << algorithm << "\"\n";
            return 2;
        }
        planner->AssignStreams(0);
        PlanResult r = planner->Solve(*problem);
        if (!r.hasPlan)
        {
            std::cerr << "planner " << algorithm << " gave no plan: " << r.message << "\n";
            return 1;
        }

        // 1. The module.
        cfg.beforeRun = MakeCallback(&ConnectPullTraces);
        MecPfmRunner runner(problem, r.plan, algorithm);
        if (!runner.Run(cfg))
        {
            std::cerr << runner.GetError() << "\n";
            return 2;
        }
        Simulator::Destroy();
        const MecPfmRunSummary& s = runner.GetSummary();

        // 2. Raw ns-3 TCP, the same pulls.
        Baseline b = RunBaseline(*problem, cfg);

        double ratio = s.wallS > 0 ? b.wallS / s.wallS : 0;
        double rss = PeakRssMb();
        const bool wallOk = s.wallS <= 60;
        const bool ratioOk = ratio >= 0.5;
        const bool rssOk = rss < 1024;
        const bool bytesOk = s.pulledBytes >= 50e9;

        std::cout << std::fixed << std::setprecision(3);
        std::cout << "scenario " << sc.name << ", algorithm " << algorithm << ", MTU " << cfg.mtu
                  << ", segment " << cfg.segmentSize << "\n"
                  << "  module   : " << s.completed << "/" << s.requests << " requests completed, "
                  << g_pulls.size() << " pulls, " << s.pulledBytes / 1e9 << " GB, sim " << s.simS
                  << " s, wall " << s.wallS << " s, " << s.events << " events\n"
                  << "  baseline : BulkSend of the same pulls, " << b.bytes / 1e9
                  << " GB, last byte at " << b.lastRxS << " s, wall " << b.wallS << " s, "
                  << b.events << " events\n"
                  << "  ratio baseline/module wall " << ratio << ", peak RSS " << rss
                  << " MB, planning " << r.wallS << " s\n"
                  << "  target wall <= 60 s: " << (wallOk ? "met" : "NOT met")
                  << "; ratio >= 0.5: " << (ratioOk ? "met" : "NOT met")
                  << "; memory < 1 GB: " << (rssOk ? "met" : "NOT met")
                  << "; >= 50 GB pulled: " << (bytesOk ? "met" : "NOT met") << "\n";
        std::ostringstream j;
        j << std::setprecision(6) << "{\"scenario\":\"" << sc.name << "\",\"algorithm\":\""
          << algorithm << "\",\"wall_s\":" << s.wallS << ",\"sim_s\":" << s.simS
          << ",\"events\":" << s.events << ",\"pulled_bytes\":" << std::setprecision(12)
          << s.pulledBytes << ",\"pulls\":" << g_pulls.size()
          << ",\"baseline_wall_s\":" << std::setprecision(6) << b.wallS
          << ",\"baseline_events\":" << b.events << ",\"baseline_bytes\":" << b.bytes
          << ",\"ratio\":" << ratio << ",\"plan_wall_s\":" << r.wallS << ",\"peak_rss_mb\":" << rss
          << ",\"completed\":" << s.completed << ",\"requests\":" << s.requests << "}";
        std::cout << j.str() << std::endl;
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
