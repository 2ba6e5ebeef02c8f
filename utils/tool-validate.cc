/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool validate --scenario=FILE`: read, check and summarise a scenario.
 */

#include "mec-pfm-tool.h"

#include "ns3/backhaul-graph.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace ns3;
using namespace ns3::mecpfm;

int
ToolValidate(int argc, char** argv)
{
    std::string scenario;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a == "--help" || a == "-h")
        {
            std::cout << "usage: mec-pfm-tool validate --scenario=FILE\n"
                         "Reads and checks a scenario; prints nodes, cloudlets, links, "
                         "blocks, models,\nrequests, the sharing ratio, and each cloudlet's "
                         "path to the data center.\nExit 0 if valid, 2 with the file, JSON "
                         "path and reason on stderr if not.\n";
            return 0;
        }
        if (a.rfind("--scenario=", 0) == 0)
        {
            scenario = a.substr(11);
        }
        else
        {
            std::cerr << "mec-pfm-tool validate: unknown argument \"" << a << "\"\n";
            return 2;
        }
    }
    if (scenario.empty())
    {
        std::cerr << "mec-pfm-tool validate: --scenario=FILE is required\n";
        return 2;
    }
    MecScenario s;
    try
    {
        s = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
    }
    catch (const ScenarioError& e)
    {
        std::cerr << "invalid scenario: " << e.what() << "\n";
        return 2;
    }
    const auto& cat = s.catalogue;
    auto cloudlets = s.GetCloudlets();
    std::printf("scenario   %s (%s)\n", s.name.c_str(), s.sourceFile.c_str());
    std::printf("nodes      %zu (%zu cloudlets, 1 data center, %zu switches)\n",
                s.nodes.size(),
                cloudlets.size(),
                s.nodes.size() - cloudlets.size() - 1);
    std::printf("links      %zu\n", s.links.size());
    if (!s.topologyReport.empty())
    {
        std::printf("topology   %s\n", s.topologyReport.c_str());
    }
    std::printf("blocks     %u\n", cat.GetNBlocks());
    std::printf("models     %u (%zu tasks)\n", cat.GetNModels(), cat.GetTasks().size());
    std::printf("requests   %zu over %.1f s (horizon %.1f s)\n",
                s.requests.size(),
                s.requests.empty() ? 0.0 : s.requests.back().arrivalS,
                s.horizonS);
    double unique = cat.GetTotalUniqueBytes();
    double sum = cat.GetTotalModelBytes();
    std::printf("storage    unique blocks %.3f GB, sum of model sizes %.3f GB, sharing ratio "
                "%.3f\n",
                unique / 1e9,
                sum / 1e9,
                sum / unique);
    BackhaulGraph g(s.nodes, s.links);
    uint32_t dc = s.GetDatacenter();
    std::printf("%-16s %10s %10s %5s %12s  %s\n",
                "cloudlet",
                "bw_Gbps",
                "delay_ms",
                "hops",
                "storage_GB",
                "path from the data center");
    for (auto c : cloudlets)
    {
        const auto& p = g.GetPath(dc, c);
        std::string route;
        for (auto n : p.nodes)
        {
            route += (route.empty() ? "" : " > ") + s.nodes[n].id;
        }
        std::printf("%-16s %10.3f %10.3f %5u %12.1f  %s\n",
                    s.nodes[c].id.c_str(),
                    p.bottleneckBps / 1e9,
                    p.delayS * 1e3,
                    p.hops,
                    s.nodes[c].storageBytes / 1e9,
                    route.c_str());
    }
    std::printf("valid\n");
    return 0;
}
