/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * The main example on ns-3's distributed simulator: one scenario split across MPI ranks.
 * Rank 0 plans (or reads --plan) and sends the plan to every rank; BackhaulPartitioner puts
 * the data center, and each cloudlet with its users and access links, on one rank, cutting
 * only backhaul links of at least the chosen delay (the lookahead); each rank installs the
 * applications of its own nodes; at the end every rank's results go to rank 0, which writes
 * the one requests.csv and summary.json of the run. Built only in an ns-3 tree configured
 * with --enable-mpi (./mec-pfm intree --mpi); run it through ./mec-pfm run --ranks=N.
 *
 *   mpiexec -np 2 mec-pfm-geant-mpi [--scenario=FILE] [--algorithm=NAME | --plan=FILE]
 *       [--sync=distributed|null-message] [--minCutDelay=S] [--maxImbalance=X]
 *       [--out=DIR [--force=1]] [--seed=N]
 *   mpiexec -np 2 mec-pfm-geant-mpi --policy=NAME --stateReports=T [--onChange=1]
 *       [--features=D] [--slot=S] [--neighbours=K] [...]
 *
 * With --policy an online policy decides every request instead of a plan (doc/online.rst):
 * each rank's controller has its own policy object and reads the sites of other ranks from
 * state reports, which travel in packets (required on more than one rank). Rank 0 then also
 * writes decisions.csv and online.json (the summary mec-pfm-online writes as summary.json).
 *
 * The last line rank 0 prints is one JSON object: ranks, synchronisation, lookahead, and
 * per rank the events, wall seconds of Simulator::Run and peak resident memory.
 */

#include "ns3/backhaul-partitioner.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/mec-pfm-online-helper.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/mpi-interface.h"
#include "ns3/online-report.h"
#include "ns3/plan-io.h"
#include "ns3/scenario-reader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mpi.h>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// The example's options.
struct Options
{
    std::string scenario{"scenarios/geant-default.json"}; //!< scenario file
    std::string algorithm;                                //!< planner (rounding by default)
    std::string planFile;                                 //!< plan to replay instead
    std::string out;                                      //!< output folder (rank 0)
    bool force{false};                                    //!< replace --out
    int64_t seed{1};                                      //!< RngRun
    double timeLimit{60};                                 //!< planner time limit, s
    std::string sync{"distributed"};                      //!< distributed | null-message
    double minCutDelay{-1};                               //!< partitioner threshold, s
    double maxImbalance{1.25};                            //!< partitioner balance
    std::string policy;                                   //!< online policy (none: a plan)
    int64_t features{4}; //!< d of restricted-context policies (signed: -1 must not wrap)
    int64_t neighbours{OnlineConfig().neighbours}; //!< other cloudlets per candidate
    OnlineConfig online;                           //!< online knobs (with --policy)
    MecPfmRunConfig cfg;                           //!< run knobs
};

/// Events this rank executed (GatherResults keeps them for the closing line).
uint64_t g_events = 0;

/**
 * \param s a string on rank 0
 * \return rank 0's string, on every rank
 */
std::string
Broadcast(std::string s)
{
    MPI_Comm comm = MpiInterface::GetCommunicator();
    uint64_t n = s.size();
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, comm);
    s.resize(n);
    MPI_Bcast(s.data(), static_cast<int>(n), MPI_CHAR, 0, comm);
    return s;
}

/**
 * \param mine this rank's string
 * \return on rank 0 every rank's string in rank order; elsewhere empty
 */
std::vector<std::string>
GatherStrings(const std::string& mine)
{
    MPI_Comm comm = MpiInterface::GetCommunicator();
    const int ranks = static_cast<int>(MpiInterface::GetSize());
    int n = static_cast<int>(mine.size());
    std::vector<int> sizes(ranks);
    MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, comm);
    std::vector<int> at(ranks, 0);
    for (int k = 1; k < ranks; ++k)
    {
        at[k] = at[k - 1] + sizes[k - 1];
    }
    std::string all(MpiInterface::GetSystemId() == 0 ? at[ranks - 1] + sizes[ranks - 1] : 0, ' ');
    MPI_Gatherv(mine.data(), n, MPI_CHAR, all.data(), sizes.data(), at.data(), MPI_CHAR, 0, comm);
    std::vector<std::string> out;
    if (MpiInterface::GetSystemId() == 0)
    {
        for (int k = 0; k < ranks; ++k)
        {
            out.push_back(all.substr(at[k], sizes[k]));
        }
    }
    return out;
}

/**
 * \brief MecPfmRunConfig::gather: every rank's results to rank 0's collector.
 * \param collector this rank's collector
 * \param events events this rank executed
 */
void
GatherResults(Ptr<MecPfmStatsCollector> collector, uint64_t events)
{
    g_events = events;
    std::vector<std::string> all = GatherStrings(collector->Pack(events));
    if (MpiInterface::GetSystemId() != 0)
    {
        collector->SetGatheredElsewhere();
    }
    for (size_t k = 1; k < all.size(); ++k)
    {
        if (std::string bad = collector->Merge(all[k]); !bad.empty())
        {
            std::cerr << "rank " << k << ": " << bad << "\n";
            MPI_Abort(MpiInterface::GetCommunicator(), 1);
        }
    }
}

/**
 * \brief Rank 0 obtains the plan and sends it, as a plan file's text, to every rank.
 * \param problem the problem
 * \param o the options
 * \return the plan (the same on every rank), or the error
 */
MecPfmPlanChoice
SharePlan(const PlanningProblem& problem, const Options& o)
{
    MecPfmPlanChoice choice;
    std::string text;
    if (MpiInterface::GetSystemId() == 0)
    {
        choice = MecPfmPlanHelper::Obtain(problem, o.algorithm, o.planFile, o.timeLimit, 0);
        if (choice.ok)
        {
            const auto tmp = std::filesystem::temp_directory_path() /
                             ("mec-pfm-plan-" + std::to_string(getpid()) + ".json");
            PlanIo::Write(problem, choice.plan, choice.name, tmp.string());
            std::ifstream f(tmp);
            std::ostringstream ss;
            ss << f.rdbuf();
            std::filesystem::remove(tmp);
            text = "1" + choice.name + "\n" + ss.str();
        }
        else
        {
            text = "0" + choice.error;
        }
    }
    text = Broadcast(text);
    choice.ok = !text.empty() && text[0] == '1';
    if (!choice.ok)
    {
        choice.error = text.substr(1);
        return choice;
    }
    const size_t eol = text.find('\n');
    choice.name = text.substr(1, eol - 1);
    std::istringstream in(text.substr(eol + 1));
    choice.plan = PlanIo::Read(problem, in, "the plan of rank 0");
    return choice;
}

/**
 * \param o the options
 * \return "" or the first bad option, "option: reason"
 */
std::string
CheckOptions(const Options& o)
{
    if (o.seed < 1 || o.seed > 4294967295LL)
    {
        return "seed: must be in 1..4294967295";
    }
    if (o.sync != "distributed" && o.sync != "null-message")
    {
        return "sync: must be distributed or null-message";
    }
    if (!(o.maxImbalance >= 1))
    {
        return "maxImbalance: must be >= 1";
    }
    if (!o.planFile.empty() && !o.algorithm.empty())
    {
        return "plan: --algorithm and --plan exclude each other";
    }
    if (o.algorithm == "lp")
    {
        return "algorithm: lp gives a lower bound, not a plan to simulate";
    }
    return MecPfmRunner::CheckConfig(o.cfg);
}

/**
 * \param o the options
 * \param problem the problem
 * \return "" or the first bad online option, "option: reason"
 */
std::string
CheckOnlineOptions(const Options& o, std::shared_ptr<const PlanningProblem> problem)
{
    if (o.policy.empty())
    {
        if (o.online.stateReportS > 0 || o.online.stateReportOnChange)
        {
            return "stateReports: state reports feed an online policy: give --policy=NAME";
        }
        return "";
    }
    if (!o.planFile.empty() || !o.algorithm.empty())
    {
        return "policy: an online policy decides instead of a plan: --policy excludes "
               "--algorithm and --plan";
    }
    if (o.neighbours < 0 || o.neighbours > 100000)
    {
        return "neighbours: must be in 0..100000";
    }
    MecPfmOnlineHelper helper(std::move(problem));
    std::string bad = helper.Check({o.policy},
                                   "packet",
                                   static_cast<uint32_t>(std::clamp<int64_t>(o.features, 0, 1000)),
                                   static_cast<uint32_t>(o.seed),
                                   o.online);
    if (!bad.empty())
    {
        return bad.substr(2); // "--policy: ..." -> "policy: ..."
    }
    MecPfmRunConfig cfg = o.cfg;
    cfg.stateReportS = o.online.stateReportS;
    if (bad = MecPfmRunner::CheckConfig(cfg); !bad.empty())
    {
        // The runner names its field; the user wrote the option.
        return bad.rfind("stateReportS:", 0) == 0 ? "stateReports:" + bad.substr(13) : bad;
    }
    if (MpiInterface::GetSize() > 1 && !(o.online.stateReportS > 0))
    {
        // A live read of a site another rank holds would answer as for a site with nothing
        // queued and every block stored, silently (doc/mpi.rst).
        return "stateReports: on more than one rank an online policy reads the other ranks' "
               "sites from state reports: give --stateReports=T (T > 0 s)";
    }
    return "";
}

/**
 * \param o the options
 * \param argc arguments \param argv arguments
 */
void
Parse(Options& o, int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", o.scenario);
    cmd.AddValue("algorithm", "planner short name (default rounding)", o.algorithm);
    cmd.AddValue("plan", "replay this plan file instead of planning", o.planFile);
    cmd.AddValue("out", "folder for requests.csv and summary.json (written by rank 0)", o.out);
    cmd.AddValue("force", "replace an --out folder that holds another run's results", o.force);
    cmd.AddValue("seed", "ns-3 run number (RngRun)", o.seed);
    cmd.AddValue("timeLimit", "planner time limit in seconds", o.timeLimit);
    cmd.AddValue("sync",
                 "synchronisation: distributed (DistributedSimulatorImpl, granted time "
                 "windows) or null-message (NullMessageSimulatorImpl)",
                 o.sync);
    cmd.AddValue("minCutDelay",
                 "links shorter than this many seconds are never cut (-1: the partitioner "
                 "chooses the longest that balances)",
                 o.minCutDelay);
    cmd.AddValue("maxImbalance",
                 "heaviest rank's load over the mean that the automatic choice accepts",
                 o.maxImbalance);
    cmd.AddValue("policy",
                 "online policy deciding every request instead of a plan (./mec-pfm online "
                 "--list)",
                 o.policy);
    cmd.AddValue("stateReports",
                 "with --policy: each site reports its state every this many seconds and a "
                 "decision reads the other sites from its home's last reports (0: live reads, "
                 "one rank only)",
                 o.online.stateReportS);
    cmd.AddValue("onChange",
                 "with stateReports: skip a report whose state is unchanged",
                 o.online.stateReportOnChange);
    cmd.AddValue("features",
                 "with --policy: features a restricted-context policy observes",
                 o.features);
    cmd.AddValue("slot",
                 "with --policy: slot length in seconds (prefetch, slot-replan)",
                 o.online.slotS);
    cmd.AddValue("neighbours",
                 "with --policy: other cloudlets per candidate among the arms",
                 o.neighbours);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", o.cfg.maxConcurrentPulls);
    cmd.AddValue("timeout", "per-request timeout in seconds (then failed)", o.cfg.timeoutS);
    cmd.AddValue("usersPerHome", "user nodes per home cloudlet", o.cfg.usersPerHome);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    // Read signed, checked in CheckOnlineOptions: -3 into an unsigned option wraps around.
    o.online.neighbours = static_cast<uint32_t>(std::clamp<int64_t>(o.neighbours, 0, 100000));
    if (o.planFile.empty() && o.algorithm.empty() && o.policy.empty())
    {
        o.algorithm = "rounding";
    }
}

/**
 * \param summary this rank's summary (its own Simulator::Run)
 * \return this rank's line of the closing JSON
 */
std::string
RankStats(const MecPfmRunSummary& summary)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    std::ostringstream os;
    os << "{\"rank\":" << MpiInterface::GetSystemId() << ",\"events\":" << g_events
       << ",\"wallS\":" << summary.wallS
       << ",\"eventsPerS\":" << (summary.wallS > 0 ? g_events / summary.wallS : 0)
       << ",\"maxRssKiB\":" << ru.ru_maxrss << "}";
    return os.str();
}

/**
 * \brief With --policy: every rank's decision records and controller figures to rank 0,
 * which writes decisions.csv and online.json into the output folder.
 * \param online the helper that prepared the run
 * \param policy this rank's policy
 * \param o the options
 * \param runner this rank's runner, after Run (its summary on rank 0 is the whole run's)
 * \param wallS wall seconds of the run on this rank
 * \param dir rank 0's output folder ("" on the other ranks, or without --out)
 * \return "" or what went wrong (rank 0)
 */
std::string
GatherOnline(const MecPfmOnlineHelper& online,
             Ptr<AdmissionPolicy> policy,
             const Options& o,
             const MecPfmRunner& runner,
             double wallS,
             const std::string& dir)
{
    Ptr<MecPfmController> controller = runner.GetController();
    OnlineRankPart mine;
    mine.records = controller->GetRecords();
    mine.policyWallS = controller->GetPolicyWallSeconds();
    controller->GetReportAge(mine.reportAgeMeanS, mine.reportAgeMaxS, &mine.reportAges);
    const std::vector<std::string> all = GatherStrings(OnlineReport::PackRankPart(mine));
    if (MpiInterface::GetSystemId() != 0)
    {
        return "";
    }
    OnlineRankPart merged;
    for (size_t k = 0; k < all.size(); ++k)
    {
        if (std::string bad = OnlineReport::MergeRankPart(all[k], merged); !bad.empty())
        {
            return "rank " + std::to_string(k) + ": " + bad;
        }
    }
    OnlineRunInfo info;
    info.wallS = wallS;
    info.policyWallS = merged.policyWallS; // summed: each rank's policy ran on its own core
    info.reportAgeMeanS = merged.reportAgeMeanS;
    info.reportAgeMaxS = merged.reportAgeMaxS;
    info.pulledBytes = runner.GetSummary().pulledBytes;
    info.cost = runner.GetSummary().cost;
    for (uint32_t f = 0; f < controller->GetFeatures().GetNFeatures(); ++f)
    {
        info.featureNames.push_back(controller->GetFeatures().GetName(f));
    }
    OnlineReport report = online.MakePacketReport(o.policy, policy, merged.records, info);
    const auto& sum = report.GetSummary();
    std::cout << "online: " << o.policy << ", " << sum["decisions"] << " decisions, "
              << sum["completed"] << " completed, " << sum["rejected"] << " rejected, "
              << sum["failed"] << " failed; report age mean " << info.reportAgeMeanS << " s, max "
              << info.reportAgeMaxS << " s\n";
    if (!dir.empty() && (!report.WriteDecisionsCsv(dir + "/decisions.csv") ||
                         !report.WriteSummaryJson(dir + "/online.json")))
    {
        return "cannot write decisions.csv and online.json into " + dir;
    }
    return "";
}

/**
 * \brief The closing JSON line (rank 0; every rank must call it).
 * \param runner this rank's runner, after Run
 * \param o the options
 * \param part the partition
 */
void
PrintRankStats(const MecPfmRunner& runner, const Options& o, const BackhaulPartition& part)
{
    std::vector<std::string> stats = GatherStrings(RankStats(runner.GetSummary()));
    if (MpiInterface::GetSystemId() == 0)
    {
        runner.PrintTable(std::cout);
        std::cout << "{\"ranks\":" << MpiInterface::GetSize() << ",\"sync\":\"" << o.sync
                  << "\",\"lookaheadS\":" << (part.cutLinks.empty() ? 0 : part.lookaheadS)
                  << ",\"cutLinks\":" << part.cutLinks.size() << ",\"perRank\":[";
        for (size_t k = 0; k < stats.size(); ++k)
        {
            std::cout << (k ? "," : "") << stats[k];
        }
        std::cout << "]}" << std::endl;
    }
}

/**
 * \brief Plan (or prepare the online policy), partition, run and gather.
 * \param o the options
 * \param outDir rank 0's output folder
 * \return the exit code
 */
int
Run(Options& o, MecPfmOutputDir& outDir)
{
    const bool root = MpiInterface::GetSystemId() == 0;
    RngSeedManager::SetRun(o.seed);
    MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(o.scenario));
    auto problem = std::make_shared<const PlanningProblem>(sc);
    if (std::string bad = CheckOnlineOptions(o, problem); !bad.empty())
    {
        std::cerr << (root ? "configuration: " + bad + "\n" : "");
        return 2;
    }
    MecPfmPlanChoice choice;
    if (o.policy.empty())
    {
        choice = SharePlan(*problem, o);
        if (!choice.ok)
        {
            std::cerr << (root ? choice.error + "\n" : "");
            return 2;
        }
    }
    else
    {
        // The policy places blocks itself; the runner starts from the resident blocks.
        choice.plan = PlacementPlan::CloudOnly(*problem);
        choice.name = o.policy;
    }
    PartitionOptions popt;
    popt.ranks = MpiInterface::GetSize();
    popt.minCutDelayS = o.minCutDelay;
    popt.maxImbalance = o.maxImbalance;
    BackhaulPartition part = BackhaulPartitioner::Partition(
        sc,
        BackhaulPartitioner::NodeLoads(sc, o.policy.empty() ? &choice.plan : nullptr),
        popt);
    std::cout << (root ? part.Describe(sc) : "") << std::flush;
    o.cfg.rankOf = part.rankOf;
    o.cfg.gather = MakeCallback(&GatherResults);
    o.cfg.outDir = root ? outDir.GetPath() : "";
    MecPfmRunner runner(problem, choice.plan, choice.name);
    MecPfmOnlineHelper online(problem);
    Ptr<AdmissionPolicy> policy;
    if (!o.policy.empty())
    {
        online.SetConfig(o.online);
        online.SetFeatures(static_cast<uint32_t>(o.features));
        online.SetSeed(static_cast<uint32_t>(o.seed));
        policy = online.PreparePacket(o.policy, o.cfg);
    }
    const auto t0 = std::chrono::steady_clock::now();
    if (!runner.Run(o.cfg))
    {
        std::cerr << runner.GetError() << "\n";
        return 2;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Both gathers are collective: every rank calls both, whatever rank 0 found.
    const std::string bad =
        policy ? GatherOnline(online, policy, o, runner, wall, o.cfg.outDir) : "";
    PrintRankStats(runner, o, part);
    if (!bad.empty())
    {
        std::cerr << bad << "\n";
        return 2;
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    // The simulator implementation (--sync) must be bound before MPI starts, so the
    // command line is parsed first.
    Parse(o, argc, argv);
    GlobalValue::Bind("SimulatorImplementationType",
                      StringValue(o.sync == "null-message" ? "ns3::NullMessageSimulatorImpl"
                                                           : "ns3::DistributedSimulatorImpl"));
    MpiInterface::Enable(&argc, &argv);
    const bool root = MpiInterface::GetSystemId() == 0;
    std::string bad = CheckOptions(o);
    MecPfmOutputDir outDir;
    if (bad.empty() && root)
    {
        bad = outDir.Open(o.out, o.force);
    }
    bad = Broadcast(bad);
    int rc = 2;
    if (!bad.empty())
    {
        std::cerr << (root ? "configuration: " + bad + "\n" : "");
    }
    else
    {
        try
        {
            rc = Run(o, outDir);
        }
        catch (const std::exception& e)
        {
            std::cerr << (root ? std::string(e.what()) + "\n" : "");
        }
    }
    Simulator::Destroy();
    if (rc == 0 && root)
    {
        if (std::string err = outDir.Commit(); !err.empty())
        {
            std::cerr << err << "\n";
            rc = 2;
        }
    }
    MpiInterface::Disable();
    return rc;
}
