/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Online admission in the packet-level simulation (doc/online.rst): the GEANT backbone and
 * the whole Azure conversation trace (scenarios/geant-online.json, 19,366 requests over
 * 3,502 s), decided one request at a time by tsrc (Thompson sampling with restricted
 * context), against plan-replay (an offline plan that knew the whole demand) and
 * home-greedy (home cloudlet, most accurate candidate). Prints a comparison table; with
 * --out, writes DIR/<policy>/decisions.csv and summary.json for each.
 *
 * Measured (packet mode, seed 1, with other work on the machine's second core): tsrc
 * 14,606 s of total delay in 991 s of wall time, plan-replay 23,258 s in 405 s,
 * home-greedy 9,446 completed (2.7 million s) and 9,920 failed in 1,328 s; peak memory
 * 816 MB. The whole default run takes about 45 minutes; --mode=replay under one.
 *
 *   ./mec-pfm run mec-pfm-online [--scenario=FILE] [--policies=tsrc,plan-replay,home-greedy]
 *        [--mode=packet|replay] [--seed=N] [--features=D] [--slot=S] [--out=DIR [--force=1]]
 *
 * --out=DIR is checked before the runs; they write into DIR.part-PID, renamed to DIR when
 * every policy has finished (MecPfmOutputDir); --force=1 replaces a previous run's DIR.
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-online-helper.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;
using namespace ns3::mecpfm;

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/geant-online.json";
    std::string policies = "tsrc,plan-replay,home-greedy";
    std::string mode = "packet";
    std::string out;
    uint32_t seed = 1;
    uint32_t features = 4;
    bool force = false;
    OnlineConfig config;

    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", scenario);
    cmd.AddValue("policies", "policies to compare, comma-separated", policies);
    cmd.AddValue("mode", "packet (ns-3 applications) or replay (no packets)", mode);
    cmd.AddValue("seed", "ns-3 run number (RngRun) of every random draw", seed);
    cmd.AddValue("features", "features a restricted-context policy observes", features);
    cmd.AddValue("slot", "slot length in seconds (prefetch, slot-replan)", config.slotS);
    cmd.AddValue("neighbours", "other cloudlets per candidate among the arms", config.neighbours);
    cmd.AddValue("stateReports",
                 "packet mode: each site reports its state every this many seconds and a "
                 "decision reads the other sites from its home's last reports (0: live reads)",
                 config.stateReportS);
    cmd.AddValue("onChange",
                 "with stateReports: skip a report whose state is unchanged",
                 config.stateReportOnChange);
    cmd.AddValue("out",
                 "folder for <policy>/decisions.csv and summary.json; written as OUT.part-PID "
                 "and renamed to OUT when every policy has finished",
                 out);
    cmd.AddValue("force",
                 "replace an --out folder that holds another run's results (as a whole)",
                 force);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    MecPfmOutputDir outDir;

    try
    {
        RngSeedManager::SetRun(seed);
        auto problem = std::make_shared<const PlanningProblem>(
            ScenarioReader::ReadFile(MecPfmResolvePath(scenario)));
        MecPfmOnlineHelper helper(problem);
        std::vector<std::string> names;
        std::stringstream list(policies);
        for (std::string name; std::getline(list, name, ',');)
        {
            names.push_back(name);
        }
        const std::string why = helper.Check(names, mode, features, seed, config);
        if (!why.empty())
        {
            std::cerr << "mec-pfm-online: " << why << "\n";
            return 2;
        }
        if (std::string bad = outDir.Open(out, force); !bad.empty())
        {
            std::cerr << "mec-pfm-online: " << bad << "\n";
            return 2;
        }
        helper.SetConfig(config);
        helper.SetFeatures(features);
        helper.SetSeed(seed);
        std::cout << "scenario " << problem->GetScenario().name << ", "
                  << problem->GetScenario().requests.size() << " requests, mode " << mode << "\n\n"
                  << std::left << std::setw(14) << "policy" << std::right << std::setw(10)
                  << "completed" << std::setw(9) << "failed" << std::setw(12) << "mean (s)"
                  << std::setw(14) << "total (s)" << std::setw(14) << "cost (s)" << std::setw(11)
                  << "accuracy" << std::setw(12) << "pulled GB" << std::setw(10) << "wall s\n";
        for (const auto& name : names)
        {
            RngSeedManager::SetRun(seed);
            OnlineReport report = helper.Run(name, mode);
            const auto& s = report.GetSummary();
            std::cout << std::left << std::setw(14) << name << std::right << std::fixed
                      << std::setw(10) << s["completed"].get<uint32_t>() << std::setw(9)
                      << s["failed"].get<uint32_t>() << std::setw(12) << std::setprecision(4)
                      << s["mean_delay_s"].get<double>() << std::setw(14) << std::setprecision(1)
                      << s["total_delay_s"].get<double>() << std::setw(14)
                      << s["total_cost_s"].get<double>() << std::setw(11) << std::setprecision(4)
                      << s["avg_accuracy"].get<double>() << std::setw(12) << std::setprecision(2)
                      << s["pulled_bytes"].get<double>() / 1e9 << std::setw(10)
                      << std::setprecision(1) << s["wall_s"].get<double>() << "\n"
                      << std::flush;
            if (!out.empty())
            {
                std::string dir = outDir.GetPath() + "/" + name;
                mkdir(dir.c_str(), 0755);
                if (!report.WriteDecisionsCsv(dir + "/decisions.csv") ||
                    !report.WriteSummaryJson(dir + "/summary.json"))
                {
                    std::cerr << "cannot write into " << dir << "\n";
                    return 2;
                }
            }
        }
        if (std::string bad = outDir.Commit(); !bad.empty())
        {
            std::cerr << "mec-pfm-online: " << bad << "\n";
            return 2;
        }
        if (!out.empty())
        {
            std::cout << "\nresults in " << out << "/<policy>/\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
