/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Scale benchmark (`./mec-pfm bench scale`): wall time of the simulation against the
 * number of requests one user node sends. One cloudlet with one server and its model
 * resident, one user node, equal requests (service 50 ms) arriving as a Poisson process
 * at load rho (default 0.7): an M/D/1 queue behind TCP connections, one per request.
 * Prints one line per size and, last, one JSON object. Wall time should grow linearly with
 * the requests (it grew with their square while connections kept their endpoints).
 *
 *   ./mec-pfm bench scale [--sizes=2000,4000,8000,16000,50000] [--rho=0.7]
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/synthetic-scenario.h"

#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::mecpfm;

int
main(int argc, char* argv[])
{
    std::string sizes = "2000,4000,8000,16000,50000";
    double rho = 0.7;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sizes", "comma-separated numbers of requests", sizes);
    cmd.AddValue("rho", "load of the cloudlet's server (0 < rho < 1)", rho);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    std::vector<uint32_t> ns;
    std::stringstream ss(sizes);
    for (std::string item; std::getline(ss, item, ',');)
    {
        ns.push_back(static_cast<uint32_t>(std::stoul(item)));
    }
    std::ostringstream json;
    json << "{\"rho\":" << rho << ",\"runs\":[";
    for (size_t k = 0; k < ns.size(); ++k)
    {
        MecScenario sc = SyntheticScenario::OneCloudletQueue(ns[k], rho, 7);
        auto problem = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan;
        plan.heldBlocks = {{0}};
        plan.models = {{0}};
        plan.decisions.assign(ns[k], RequestDecision());
        MecPfmRunner runner(problem, plan, "scale");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 600;
        if (!runner.Run(cfg))
        {
            std::cerr << runner.GetError() << "\n";
            return 2;
        }
        Simulator::Destroy();
        const MecPfmRunSummary& s = runner.GetSummary();
        std::cout << std::fixed << std::setprecision(3) << "requests " << ns[k] << ": completed "
                  << s.completed << ", failed " << s.failed << ", mean queueing "
                  << std::setprecision(4) << s.meanParts[2] << " s, " << s.events
                  << " events, wall " << std::setprecision(2) << s.wallS << " s ("
                  << std::setprecision(1) << 1e6 * s.wallS / ns[k] << " us/request)" << std::endl;
        json << (k ? "," : "") << "{\"requests\":" << ns[k] << ",\"completed\":" << s.completed
             << ",\"events\":" << s.events << ",\"wall_s\":" << s.wallS << "}";
    }
    json << "]}";
    std::cout << json.str() << std::endl;
    return 0;
}
