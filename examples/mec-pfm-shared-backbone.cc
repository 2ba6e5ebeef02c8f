/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * A shared base pulled once for two sibling models: on scenarios/two-cloudlets.json the
 * cloudlet c1 holds llama-qa and llama-chat (base + one adapter each); every request is
 * served there by the model of its task. The DC link carries the union of the blocks
 * (base + two adapters), not the sum of the two model sizes. Writes pcap files of the
 * backhaul under --out (default mec-pfm-shared-backbone-out; a folder that holds another
 * run's results is replaced only with --force=1, as a whole: MecPfmOutputDir).
 */

#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/scenario-reader.h"

#include <iostream>
#include <memory>

using namespace ns3;
using namespace ns3::mecpfm;

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/two-cloudlets.json";
    std::string out = "mec-pfm-shared-backbone-out";
    bool pcap = true;
    bool force = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario",
                 "scenario with models llama-qa and llama-chat and cloudlet c1",
                 scenario);
    cmd.AddValue("out",
                 "output folder (requests.csv, summary.json, pcap); written as OUT.part-PID "
                 "and renamed to OUT when the run has finished",
                 out);
    cmd.AddValue("force",
                 "replace an --out folder that holds another run's results (as a whole)",
                 force);
    cmd.AddValue("pcap", "write pcap files of the backhaul", pcap);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    MecPfmOutputDir outDir;
    if (std::string bad = outDir.Open(out, force); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    try
    {
        MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        const auto& cat = sc.catalogue;
        int64_t qa = cat.FindModel("llama-qa");
        int64_t chat = cat.FindModel("llama-chat");
        int64_t c1 = sc.FindNode("c1");
        if (qa < 0 || chat < 0 || c1 < 0)
        {
            throw ScenarioError(scenario, "", "needs models llama-qa, llama-chat and node c1");
        }
        uint32_t site = static_cast<uint32_t>(problem->GetNodeSite(c1));
        PlacementPlan plan = PlacementPlan::CloudOnly(*problem);
        plan.models[site] = {static_cast<uint32_t>(std::min(qa, chat)),
                             static_cast<uint32_t>(std::max(qa, chat))};
        plan.CloseOverBlocks(*problem);
        for (const auto& r : sc.requests)
        {
            RequestDecision d;
            d.site = site;
            d.model = static_cast<uint32_t>(r.task == "chat" ? chat : qa);
            plan.decisions[r.id] = d;
        }
        MecPfmRunConfig cfg;
        cfg.outDir = outDir.GetPath();
        cfg.pcap = pcap;
        MecPfmRunner runner(problem, plan, "shared-backbone");
        if (!runner.Run(cfg))
        {
            std::cerr << runner.GetError() << "\n";
            return 2;
        }
        Simulator::Destroy(); // closes the pcap files before the folder is renamed
        if (std::string bad = outDir.Commit(); !bad.empty())
        {
            std::cerr << bad << "\n";
            return 2;
        }
        const MecPfmRunSummary& s = runner.GetSummary();
        runner.PrintTable(std::cout);
        double unionBytes = cat.GetUnionBytes(plan.models[site]);
        double sumBytes = cat.GetModelBytes(qa) + cat.GetModelBytes(chat);
        std::cout << "pulled " << s.pulledBytes << " B; union of the two models " << unionBytes
                  << " B; sum of their sizes " << sumBytes << " B\n";
        std::cout << (s.pulledBytes <= unionBytes ? "shared base pulled once\n"
                                                  : "MORE THAN THE UNION PULLED\n");
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
