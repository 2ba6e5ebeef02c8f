/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * The main example: plan a scenario (default: GEANT, the default catalogue, the Azure
 * trace) with an offline planner (default: rounding) or replay a plan file, carry the plan
 * out with packets (MecPfmRunner) and print a results table.
 *
 *   ./mec-pfm run [--scenario=FILE] [--algorithm=NAME] [--plan=FILE] [--pcap=1]
 *                 [--out=DIR [--force=1]] [--seed=N] [--flowmon=1]
 *                 [--mtu=1500 --segmentSize=1448] [--faults=SPEC]
 *
 * --out=DIR is checked before anything is planned or simulated; the run writes into
 * DIR.part-PID and renames it to DIR when it has finished (MecPfmOutputDir). A DIR that
 * holds another run's results is refused unless --force=1, which replaces it as a whole.
 *
 * --faults adds faults of the network to the scenario's "faults" (doc/mec-pfm.rst,
 * "Faults"): "link_down:A-B@AT+FOR;node_down:NODE@AT+FOR" (seconds), a JSON array of fault
 * objects, or @FILE holding such an array. The planner ignores faults; the run suffers them.
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/scenario-reader.h"

#include <iostream>
#include <memory>

using namespace ns3;
using namespace ns3::mecpfm;

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/geant-default.json";
    std::string algorithm; // rounding unless --plan is given
    std::string planFile;
    std::string out;
    std::string faults;
    bool pcap = false;
    bool flowmon = false;
    bool force = false;
    int64_t seed = 1; // signed: a negative number is an error, not 4294967295
    double timeLimit = 60;
    ObjectiveWeights weights;
    MecPfmRunConfig cfg;

    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", scenario);
    cmd.AddValue("algorithm",
                 "planner short name (mec-pfm-tool plan --list; default rounding)",
                 algorithm);
    cmd.AddValue("plan", "replay this plan file instead of planning", planFile);
    cmd.AddValue("out",
                 "folder for requests.csv, summary.json (and pcap, flowmon); written as "
                 "OUT.part-PID and renamed to OUT when the run has finished",
                 out);
    cmd.AddValue("force",
                 "replace an --out folder that holds another run's results (as a whole)",
                 force);
    cmd.AddValue("pcap", "write pcap files of the backhaul under --out", pcap);
    cmd.AddValue("flowmon", "write FlowMonitor XML under --out", flowmon);
    cmd.AddValue("seed",
                 "ns-3 run number (RngRun): the randomized planners' draws (arrivals come from the "
                 "scenario file)",
                 seed);
    cmd.AddValue("timeLimit", "planner time limit in seconds", timeLimit);
    cmd.AddValue("accuracyWeight",
                 "planner objective: w_acc >= 0, s per unit of accuracy (default 0)",
                 weights.accuracyWeight);
    cmd.AddValue("costWeight",
                 "planner objective: w_cost >= 0, s per unit of cost (default 0)",
                 weights.costWeight);
    cmd.AddValue("mtu", "backhaul MTU (1500 for realistic packets, much slower)", cfg.mtu);
    cmd.AddValue("segmentSize", "TCP segment size (1448 with --mtu=1500)", cfg.segmentSize);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", cfg.maxConcurrentPulls);
    cmd.AddValue("timeout", "per-request timeout in seconds (then failed)", cfg.timeoutS);
    cmd.AddValue("faults",
                 "faults of the network added to the scenario's (the planner ignores them): "
                 "'link_down:A-B@AT+FOR;node_down:NODE@AT+FOR' (node ids, seconds), a JSON "
                 "array of fault objects, or @FILE with one (doc/scenario-format.rst)",
                 faults);
    cmd.AddValue("usersPerHome",
                 "user nodes per home cloudlet; a home's requests go to them round-robin",
                 cfg.usersPerHome);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    if (seed < 1 || seed > 4294967295LL)
    {
        std::cerr << "configuration: seed: must be in 1..4294967295\n";
        return 2;
    }
    if (!(timeLimit >= 0))
    {
        std::cerr << "configuration: timeLimit: must be >= 0\n";
        return 2;
    }
    if ((pcap || flowmon) && out.empty())
    {
        std::cerr << "configuration: --pcap and --flowmon write under --out: give --out=DIR\n";
        return 2;
    }
    if (!planFile.empty() && !algorithm.empty())
    {
        std::cerr << "configuration: --algorithm and --plan exclude each other (a plan file is "
                     "replayed as it is)\n";
        return 2;
    }
    if (algorithm == "lp")
    {
        std::cerr << "configuration: --algorithm=lp gives a lower bound, not a plan to simulate "
                     "(mec-pfm-tool plan --algorithm=lp prints it)\n";
        return 2;
    }
    if (planFile.empty() && algorithm.empty())
    {
        algorithm = "rounding";
    }
    cfg.pcap = pcap;
    cfg.flowmon = flowmon;
    if (std::string bad = MecPfmRunner::CheckConfig(cfg); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    MecPfmOutputDir outDir;
    if (std::string bad = outDir.Open(out, force); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    cfg.outDir = outDir.GetPath();

    try
    {
        RngSeedManager::SetRun(seed);
        MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
        if (!faults.empty())
        {
            ScenarioReader::AddFaults(faults, "--faults", sc);
        }
        auto problem = std::make_shared<const PlanningProblem>(sc);
        MecPfmPlanChoice choice =
            MecPfmPlanHelper::Obtain(*problem, algorithm, planFile, timeLimit, 0, weights);
        if (!choice.ok)
        {
            std::cerr << choice.error << "\n";
            return 2;
        }
        if (!choice.note.empty())
        {
            std::cerr << choice.note << "\n";
        }
        MecPfmRunner runner(problem, choice.plan, choice.name);
        if (!runner.Run(cfg))
        {
            std::cerr << runner.GetError() << "\n";
            return 2;
        }
        runner.PrintTable(std::cout);
        Simulator::Destroy(); // closes the pcap files before the folder is renamed
        if (std::string bad = outDir.Commit(); !bad.empty())
        {
            std::cerr << bad << "\n";
            return 2;
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
