/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool plan`: run an offline planner on a scenario. Human-readable lines, then as
 * the last line one JSON object (doc/mec-pfm.rst, "Planner command").
 */

#include "mec-pfm-tool.h"

#include "ns3/double.h"
#include "ns3/lp-planner.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/pfm-planner.h"
#include "ns3/plan-io.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/scenario-reader.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{
void
PlanUsage()
{
    std::cout
        << "usage: mec-pfm-tool plan --scenario=FILE --algorithm=NAME [--seed=N]\n"
           "       [--time-limit=S] [--mip-gap=G] [--output=PLAN.json] [--class-tolerance=R]\n"
           "       [--no-bound]\n"
           "       mec-pfm-tool plan --list\n"
           "Runs an offline planner. Human-readable lines, then as the last line one JSON\n"
           "object: algorithm, status (optimal|feasible|infeasible|time_limit|error),\n"
           "objective_s, lower_bound_s (LP bound of the unpruned problem), pull_bytes,\n"
           "avg_accuracy, cost, served_edge, served_dc, rejected, wall_s.\n"
           "  --seed=N             ns-3 run number for randomized planners (default 1)\n"
           "  --time-limit=S       GLPK time limit of ilp and no-sharing (default none)\n"
           "  --mip-gap=G          relative MIP gap at which ilp stops as optimal (default 0)\n"
           "  --output=FILE        write the plan for `./mec-pfm run --plan=FILE`\n"
           "  --class-tolerance=R  merge requests whose sizes agree within a factor 1+R\n"
           "  --no-bound           skip the LP bound of non-LP planners\n"
           "Bad input: a message on stderr and exit code 2, no JSON line.\n";
}

/// \return a JSON number, or null if not finite
nlohmann::ordered_json
Num(double x)
{
    return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}
} // namespace

int
ToolPlan(int argc, char** argv)
{
    auto wall0 = std::chrono::steady_clock::now();
    std::string scenario;
    std::string algorithm;
    std::string output;
    uint32_t seed = 1;
    double timeLimit = 0;
    double mipGap = 0;
    double tolerance = 0;
    bool bound = true;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto val = [&a](const std::string& k) { return a.substr(k.size()); };
        // The whole value must be a number ("1e-4x" is an error, not 1e-4).
        auto number = [&val](const std::string& k) {
            std::string v = val(k);
            size_t used = 0;
            double d = std::stod(v, &used);
            if (used != v.size())
            {
                throw std::invalid_argument("trailing characters");
            }
            return d;
        };
        try
        {
            if (a == "--help" || a == "-h")
            {
                PlanUsage();
                return 0;
            }
            else if (a == "--list")
            {
                for (const auto& n : PfmPlanner::GetShortNames())
                {
                    std::cout << n << "\n";
                }
                return 0;
            }
            else if (a.rfind("--scenario=", 0) == 0)
            {
                scenario = val("--scenario=");
            }
            else if (a.rfind("--algorithm=", 0) == 0)
            {
                algorithm = val("--algorithm=");
            }
            else if (a.rfind("--output=", 0) == 0)
            {
                output = val("--output=");
            }
            else if (a.rfind("--seed=", 0) == 0)
            {
                seed = static_cast<uint32_t>(std::stoul(val("--seed=")));
            }
            else if (a.rfind("--time-limit=", 0) == 0)
            {
                timeLimit = number("--time-limit=");
                if (!(timeLimit >= 0))
                {
                    throw std::invalid_argument("negative");
                }
            }
            else if (a.rfind("--mip-gap=", 0) == 0)
            {
                mipGap = number("--mip-gap=");
                if (!(mipGap >= 0 && mipGap < 1))
                {
                    throw std::invalid_argument("out of [0, 1)");
                }
            }
            else if (a.rfind("--class-tolerance=", 0) == 0)
            {
                tolerance = number("--class-tolerance=");
                if (!(tolerance >= 0))
                {
                    throw std::invalid_argument("negative");
                }
            }
            else if (a == "--no-bound")
            {
                bound = false;
            }
            else
            {
                std::cerr << "mec-pfm-tool plan: unknown argument \"" << a << "\"\n";
                return 2;
            }
        }
        catch (const std::exception&)
        {
            std::cerr << "mec-pfm-tool plan: bad value in \"" << a << "\"\n";
            return 2;
        }
    }
    if (scenario.empty() || algorithm.empty())
    {
        std::cerr << "mec-pfm-tool plan: --scenario=FILE and --algorithm=NAME are required\n";
        return 2;
    }
    Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(algorithm);
    if (!planner)
    {
        std::cerr << "mec-pfm-tool plan: unknown algorithm \"" << algorithm << "\"; one of:";
        for (const auto& n : PfmPlanner::GetShortNames())
        {
            std::cerr << " " << n;
        }
        std::cerr << "\n";
        return 2;
    }
    if (seed == 0)
    {
        std::cerr << "mec-pfm-tool plan: --seed must be >= 1\n";
        return 2;
    }
    RngSeedManager::SetRun(seed);
    planner->AssignStreams(0);
    if (timeLimit > 0)
    {
        planner->SetAttributeFailSafe("TimeLimit", DoubleValue(timeLimit));
    }
    if (mipGap > 0 && !planner->SetAttributeFailSafe("MipGap", DoubleValue(mipGap)))
    {
        std::cerr << "mec-pfm-tool plan: --mip-gap applies to ilp only, not \"" << algorithm
                  << "\"\n";
        return 2;
    }
    MecScenario sc;
    try
    {
        sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
    }
    catch (const ScenarioError& e)
    {
        std::cerr << "invalid scenario: " << e.what() << "\n";
        return 2;
    }
    PlanningProblem problem(sc, tolerance);
    std::printf("scenario %s: %zu requests in %zu classes, %u cloudlets, %u models\n",
                sc.name.c_str(),
                sc.requests.size(),
                problem.GetClasses().size(),
                problem.GetNCloudlets(),
                sc.catalogue.GetNModels());
    PlanResult r = planner->Solve(problem);
    std::printf("%s: %s (%.3f s)%s%s\n",
                algorithm.c_str(),
                PlanStatusToString(r.status).c_str(),
                r.wallS,
                r.message.empty() ? "" : ": ",
                r.message.c_str());
    double lb = r.lowerBoundS;
    if (bound && algorithm != "lp" && r.status != PlanStatus::ERROR &&
        (std::isnan(lb) || r.wholeModels))
    {
        Ptr<LpPlanner> lpp = CreateObject<LpPlanner>();
        PlanResult b = lpp->Solve(problem);
        lb = b.status == PlanStatus::OPTIMAL ? b.lowerBoundS : std::nan("");
        std::printf("lp bound: %.6f s (%.3f s)\n", lb, b.wallS);
    }
    nlohmann::ordered_json j;
    j["algorithm"] = algorithm;
    j["status"] = PlanStatusToString(r.status);
    PlanMetrics m;
    bool have = r.hasPlan;
    if (have)
    {
        // Always the original problem (union accounting of shared blocks); a plan made
        // under whole-model accounting (no-sharing) also gets that accounting printed.
        m = PlanEvaluator(problem).Evaluate(r.plan);
        if (r.wholeModels)
        {
            PlanMetrics w = PlanEvaluator(problem, CostModel(), true).Evaluate(r.plan);
            std::printf("no-sharing accounting (every model stored and pulled whole): total "
                        "delay %.6f s = serving %.6f s + pulls %.6f s; pulled %.3f GB; cost "
                        "%.4f; %s\n",
                        w.totalDelayS,
                        w.servingDelayS,
                        w.pullDelayS,
                        w.pullBytes / 1e9,
                        w.cost,
                        w.feasible ? "feasible" : "infeasible");
        }
        if (!m.feasible)
        {
            std::printf("plan violates: %s\n", m.violations.front().c_str());
        }
        std::printf("total delay %.6f s = serving %.6f s + pulls %.6f s; pulled %.3f GB; "
                    "accuracy %.4f; cost %.4f; edge %u, dc %u, rejected %u\n",
                    m.totalDelayS,
                    m.servingDelayS,
                    m.pullDelayS,
                    m.pullBytes / 1e9,
                    m.avgAccuracy,
                    m.cost,
                    m.servedEdge,
                    m.servedDc,
                    m.rejected);
        if (!output.empty())
        {
            try
            {
                PlanIo::Write(problem, r.plan, algorithm, output);
                std::printf("plan written to %s\n", output.c_str());
            }
            catch (const ScenarioError& e)
            {
                std::cerr << e.what() << "\n";
                return 2;
            }
        }
    }
    else if (!output.empty())
    {
        std::printf("no plan to write to %s\n", output.c_str());
    }
    double nan = std::nan("");
    j["objective_s"] = Num(have ? m.totalDelayS : nan);
    j["lower_bound_s"] = Num(algorithm == "lp" ? r.lowerBoundS : lb);
    j["pull_bytes"] = Num(have ? m.pullBytes : nan);
    j["avg_accuracy"] = Num(have ? m.avgAccuracy : nan);
    j["cost"] = Num(have ? m.cost : nan);
    j["served_edge"] =
        have ? nlohmann::ordered_json(m.servedEdge) : nlohmann::ordered_json(nullptr);
    j["served_dc"] = have ? nlohmann::ordered_json(m.servedDc) : nlohmann::ordered_json(nullptr);
    j["rejected"] = have ? nlohmann::ordered_json(m.rejected) : nlohmann::ordered_json(nullptr);
    j["wall_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    std::cout << j.dump() << std::endl;
    return r.status == PlanStatus::ERROR ? 1 : 0;
}
