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
#include "ns3/plan-evaluator.h"
#include "ns3/plan-io.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/rounding-planner.h"
#include "ns3/scenario-reader.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
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
           "       [--no-bound] [--accuracy-weight=W] [--cost-weight=W]\n"
           "       mec-pfm-tool plan --list\n"
           "Runs an offline planner. Human-readable lines, then as the last line one JSON\n"
           "object: algorithm, status (optimal|feasible|infeasible|no_plan_found|\n"
           "time_limit|error; infeasible only when proven),\n"
           "objective_s, lower_bound_s (a valid lower bound >= 0, such as the LP bound of\n"
           "the unpruned problem, or null: always null with --class-tolerance merging\n"
           "requests of different sizes), pull_bytes,\n"
           "avg_accuracy, cost, served_edge, served_dc, rejected, accuracy_weight,\n"
           "cost_weight, weighted_objective (TotalDelay + w_cost cost - w_acc x the sum of\n"
           "the served models' accuracies; objective_s stays TotalDelay), weighted_lower_bound\n"
           "(a bound of weighted_objective, may be < 0; with a weight > 0 lower_bound_s is\n"
           "null), certificate (rounding only, else null: doc/planner.rst, Theorems 2 and\n"
           "4: lp_value and lp_pruned, the theorems' bounds, proven_factor, measured_ratio,\n"
           "repair_ran, ratio_proven), wall_s.\n"
           "  --seed=N             ns-3 run number for randomized planners (default 1)\n"
           "  --time-limit=S       GLPK time limit of ilp and no-sharing (default none)\n"
           "  --mip-gap=G          relative MIP gap at which ilp stops as optimal (default 0)\n"
           "  --output=FILE        write the plan for `./mec-pfm run --plan=FILE`\n"
           "  --class-tolerance=R  merge requests whose sizes agree within a factor 1+R\n"
           "  --no-bound           skip the LP bound of non-LP planners\n"
           "  --accuracy-weight=W  w_acc >= 0, s per unit of accuracy (default 0)\n"
           "  --cost-weight=W      w_cost >= 0, s per unit of cost (default 0)\n"
           "Bad input: a message on stderr and exit code 2, no JSON line.\n";
}

/// \return a JSON number, or null if not finite
nlohmann::ordered_json
Num(double x)
{
    return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

/// The command line of `plan`.
struct PlanOptions
{
    std::string scenario;     //!< --scenario
    std::string algorithm;    //!< --algorithm
    std::string output;       //!< --output
    uint32_t seed{1};         //!< --seed
    double timeLimit{0};      //!< --time-limit
    double mipGap{0};         //!< --mip-gap
    double tolerance{0};      //!< --class-tolerance
    bool bound{true};         //!< not --no-bound
    ObjectiveWeights weights; //!< --accuracy-weight, --cost-weight
};

/**
 * \brief The whole value must be a number ("1e-4x" is an error, not 1e-4).
 * \param v the value
 * \return the number; throws std::invalid_argument otherwise
 */
double
ParseNumber(const std::string& v)
{
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used != v.size())
    {
        throw std::invalid_argument("trailing characters");
    }
    return d;
}

/**
 * \brief Read one argument into the options.
 * \param a the argument
 * \param o the options
 * \return -1 to go on, else the exit code (0 after --help or --list, 2 for an unknown
 *         argument); throws std::exception for a bad value
 */
int
ParsePlanArg(const std::string& a, PlanOptions& o)
{
    auto val = [&a](const std::string& k) { return a.substr(k.size()); };
    auto has = [&a](const std::string& k) { return a.rfind(k, 0) == 0; };
    if (a == "--help" || a == "-h")
    {
        PlanUsage();
        return 0;
    }
    if (a == "--list")
    {
        for (const auto& n : PfmPlanner::GetShortNames())
        {
            std::cout << n << "\n";
        }
        return 0;
    }
    if (has("--scenario="))
    {
        o.scenario = val("--scenario=");
    }
    else if (has("--algorithm="))
    {
        o.algorithm = val("--algorithm=");
    }
    else if (has("--output="))
    {
        o.output = val("--output=");
    }
    else if (has("--seed="))
    {
        o.seed = static_cast<uint32_t>(std::stoul(val("--seed=")));
    }
    else if (has("--time-limit="))
    {
        o.timeLimit = ParseNumber(val("--time-limit="));
        if (!(o.timeLimit >= 0))
        {
            throw std::invalid_argument("negative");
        }
    }
    else if (has("--mip-gap="))
    {
        o.mipGap = ParseNumber(val("--mip-gap="));
        if (!(o.mipGap >= 0 && o.mipGap < 1))
        {
            throw std::invalid_argument("out of [0, 1)");
        }
    }
    else if (has("--class-tolerance="))
    {
        o.tolerance = ParseNumber(val("--class-tolerance="));
        if (!(o.tolerance >= 0))
        {
            throw std::invalid_argument("negative");
        }
    }
    else if (has("--accuracy-weight=") || has("--cost-weight="))
    {
        bool acc = has("--accuracy-weight=");
        std::string name = acc ? "--accuracy-weight" : "--cost-weight";
        double w = std::nan("");
        std::string why;
        try
        {
            w = ParseNumber(val(name + "="));
            why = ObjectiveWeights::Validate(w, name);
        }
        catch (const std::exception&)
        {
            why = name + " must be a number";
        }
        if (!why.empty())
        {
            std::cerr << "mec-pfm-tool plan: " << why << " (\"" << a << "\")\n";
            return 2;
        }
        (acc ? o.weights.accuracyWeight : o.weights.costWeight) = w;
    }
    else if (a == "--no-bound")
    {
        o.bound = false;
    }
    else
    {
        std::cerr << "mec-pfm-tool plan: unknown argument \"" << a << "\"\n";
        return 2;
    }
    return -1;
}

/**
 * \brief Read the command line.
 * \param argc the count
 * \param argv the arguments
 * \param o the options
 * \return -1 to go on, else the exit code
 */
int
ParsePlanArgs(int argc, char** argv, PlanOptions& o)
{
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        try
        {
            int code = ParsePlanArg(a, o);
            if (code >= 0)
            {
                return code;
            }
        }
        catch (const std::exception&)
        {
            std::cerr << "mec-pfm-tool plan: bad value in \"" << a << "\"\n";
            return 2;
        }
    }
    if (o.scenario.empty() || o.algorithm.empty())
    {
        std::cerr << "mec-pfm-tool plan: --scenario=FILE and --algorithm=NAME are required\n";
        return 2;
    }
    if (o.seed == 0)
    {
        std::cerr << "mec-pfm-tool plan: --seed must be >= 1\n";
        return 2;
    }
    return -1;
}

/**
 * \brief Create the planner the options name, with their seed, time limit and gap.
 * \param o the options
 * \return the planner, or null after a message on stderr
 */
Ptr<PfmPlanner>
MakePlanner(const PlanOptions& o)
{
    Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(o.algorithm);
    if (!planner)
    {
        std::cerr << "mec-pfm-tool plan: unknown algorithm \"" << o.algorithm << "\"; one of:";
        for (const auto& n : PfmPlanner::GetShortNames())
        {
            std::cerr << " " << n;
        }
        std::cerr << "\n";
        return nullptr;
    }
    RngSeedManager::SetRun(o.seed);
    planner->AssignStreams(0);
    planner->SetObjectiveWeights(o.weights);
    if (o.timeLimit > 0)
    {
        planner->SetAttributeFailSafe("TimeLimit", DoubleValue(o.timeLimit));
    }
    if (o.mipGap > 0 && !planner->SetAttributeFailSafe("MipGap", DoubleValue(o.mipGap)))
    {
        std::cerr << "mec-pfm-tool plan: --mip-gap applies to ilp only, not \"" << o.algorithm
                  << "\"\n";
        return nullptr;
    }
    return planner;
}

/**
 * \brief Print the plan's metrics (and its whole-model accounting for no-sharing plans).
 * \param o the options (their weights)
 * \param problem the problem
 * \param r the result, with a plan
 * \return the plan's metrics under union accounting
 */
PlanMetrics
PrintMetrics(const PlanOptions& o, const PlanningProblem& problem, const PlanResult& r)
{
    // Always the original problem (union accounting of shared blocks); a plan made
    // under whole-model accounting (no-sharing) also gets that accounting printed.
    PlanMetrics m = PlanEvaluator(problem, CostModel(), false, o.weights).Evaluate(r.plan);
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
    if (!o.weights.IsZero())
    {
        std::printf("weighted objective %.6f = total delay + %g x cost - %g x accuracy sum "
                    "%.4f\n",
                    m.objective,
                    o.weights.costWeight,
                    o.weights.accuracyWeight,
                    m.accuracySum);
    }
    return m;
}

/**
 * \brief The LP bound of the unpruned problem, for planners that give none of their own.
 * \param o the options
 * \param problem the problem
 * \param r the planner's result
 * \return the bound, or NaN
 */
double
LowerBound(const PlanOptions& o, const PlanningProblem& problem, const PlanResult& r)
{
    if (!problem.IsAggregationExact())
    {
        // A bound over the classes' mean requests is none of the request-by-request problem.
        std::printf("lower bound: none (--class-tolerance merged requests of different "
                    "sizes)\n");
        return std::nan("");
    }
    double lb = r.lowerBoundS;
    if (o.bound && o.algorithm != "lp" && r.status != PlanStatus::ERROR &&
        (std::isnan(lb) || r.wholeModels))
    {
        Ptr<LpPlanner> lpp = CreateObject<LpPlanner>();
        lpp->SetObjectiveWeights(o.weights);
        PlanResult b = lpp->Solve(problem);
        lb = b.status == PlanStatus::OPTIMAL ? b.lowerBoundS : std::nan("");
        std::printf("lp bound: %.6f s (%.3f s)\n", lb, b.wallS);
    }
    lb = o.algorithm == "lp" ? r.lowerBoundS : lb;
    if (!o.weights.IsZero())
    {
        // A bound of the weighted objective, which may be negative (ResultJson prints it
        // as weighted_lower_bound, and no bound of the delay).
        return std::isfinite(lb) ? lb : std::nan("");
    }
    if (std::isfinite(lb) && lb < 0)
    {
        // A Farley bound can be valid and negative: it says nothing, so none is printed.
        std::printf("lower bound %.6f s < 0: printed as none\n", lb);
    }
    return ReportableLowerBound(problem, lb);
}

/**
 * \brief Rounding's certificate (doc/planner.rst, Theorems 2 and 4) as JSON.
 * \param c the certificate
 * \return the object
 */
nlohmann::ordered_json
CertificateJson(const RoundingCertificate& c)
{
    nlohmann::ordered_json j;
    j["lp_value"] = Num(c.lpValue);
    j["lp_pruned"] = c.lpPruned;
    j["lp_lower_bound"] = Num(c.lpBound);
    j["theorem2_rho"] = Num(c.provenRatio);
    j["theorem2_bound"] = Num(c.ratioBound);
    j["theorem2_pre_repair"] = Num(c.preRepairCost);
    j["theorem2_pre_repair_feasible"] = c.preRepairFeasible;
    j["lp_accuracy"] = Num(c.lpAccuracy);
    if (c.covering.applicable)
    {
        j["theorem4_alpha"] = c.covering.alpha;
        j["theorem4_expected_rounds"] = Num(c.covering.expectedRounds);
        j["theorem4_bound"] = Num(c.covering.expectedBound);
        j["theorem4_a_priori_factor"] = Num(c.covering.aprioriFactor);
        j["theorem4_storage_factor"] = Num(c.covering.expectedRounds);
        j["theorem4_draws"] = c.coveringDraws;
        j["theorem4_mean_pre_repair"] = Num(c.coveringMeanCost);
        j["theorem4_mean_rounds"] = Num(c.coveringMeanRounds);
        j["theorem4_pre_repair_feasible"] = c.coveringFeasible;
    }
    else
    {
        // The accuracy weight makes costs negative: Theorem 4 does not apply.
        for (const char* k : {"theorem4_alpha",
                              "theorem4_expected_rounds",
                              "theorem4_bound",
                              "theorem4_a_priori_factor",
                              "theorem4_storage_factor",
                              "theorem4_draws",
                              "theorem4_mean_pre_repair",
                              "theorem4_mean_rounds",
                              "theorem4_pre_repair_feasible"})
        {
            j[k] = nullptr;
        }
    }
    j["proven_factor"] = Num(c.provenFactor);
    j["measured_ratio"] = Num(c.measuredRatio);
    j["repair_ran"] = c.repairRan;
    j["fallback"] =
        c.fallback.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.fallback);
    j["within_bound"] = c.withinBound;
    j["ratio_proven"] = c.ratioProven;
    return j;
}

/**
 * \brief The last line of the output.
 * \param o the options
 * \param r the result
 * \param m the metrics (if r has a plan)
 * \param lb the lower bound
 * \param cert rounding's certificate (null for the other planners)
 * \param wall0 when the command started
 * \return the JSON object
 */
nlohmann::ordered_json
ResultJson(const PlanOptions& o,
           const PlanResult& r,
           const PlanMetrics& m,
           double lb,
           const RoundingCertificate* cert,
           std::chrono::steady_clock::time_point wall0)
{
    using J = nlohmann::ordered_json;
    bool have = r.hasPlan;
    double nan = std::nan("");
    J j;
    j["algorithm"] = o.algorithm;
    j["status"] = PlanStatusToString(r.status);
    const bool weighted = !o.weights.IsZero();
    j["objective_s"] = Num(have ? m.totalDelayS : nan);
    j["lower_bound_s"] = Num(weighted ? nan : lb);
    j["pull_bytes"] = Num(have ? m.pullBytes : nan);
    j["avg_accuracy"] = Num(have ? m.avgAccuracy : nan);
    j["cost"] = Num(have ? m.cost : nan);
    j["served_edge"] = have ? J(m.servedEdge) : J(nullptr);
    j["served_dc"] = have ? J(m.servedDc) : J(nullptr);
    j["rejected"] = have ? J(m.rejected) : J(nullptr);
    j["accuracy_weight"] = o.weights.accuracyWeight;
    j["cost_weight"] = o.weights.costWeight;
    j["weighted_objective"] = Num(have ? m.objective : nan);
    j["weighted_lower_bound"] = Num(lb);
    j["certificate"] = cert ? CertificateJson(*cert) : J(nullptr);
    j["wall_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    return j;
}
} // namespace

int
ToolPlan(int argc, char** argv)
{
    auto wall0 = std::chrono::steady_clock::now();
    PlanOptions o;
    int code = ParsePlanArgs(argc, argv, o);
    if (code >= 0)
    {
        return code;
    }
    Ptr<PfmPlanner> planner = MakePlanner(o);
    if (!planner)
    {
        return 2;
    }
    MecScenario sc;
    try
    {
        sc = ScenarioReader::ReadFile(MecPfmResolvePath(o.scenario));
    }
    catch (const ScenarioError& e)
    {
        std::cerr << "invalid scenario: " << e.what() << "\n";
        return 2;
    }
    if (!o.output.empty())
    {
        // Before planning: a plan that cannot be written is found now, not after the solve.
        const std::string probe = o.output + ".part";
        const bool writable = static_cast<bool>(std::ofstream(probe));
        std::remove(probe.c_str());
        if (!writable)
        {
            std::cerr << "mec-pfm-tool plan: --output: cannot write \"" << o.output << "\"\n";
            return 2;
        }
    }
    PlanningProblem problem(sc, o.tolerance);
    std::printf("scenario %s: %zu requests in %zu classes, %u cloudlets, %u models\n",
                sc.name.c_str(),
                sc.requests.size(),
                problem.GetClasses().size(),
                problem.GetNCloudlets(),
                sc.catalogue.GetNModels());
    PlanResult r = planner->Solve(problem);
    std::printf("%s: %s (%.3f s)%s%s\n",
                o.algorithm.c_str(),
                PlanStatusToString(r.status).c_str(),
                r.wallS,
                r.message.empty() ? "" : ": ",
                r.message.c_str());
    double lb = LowerBound(o, problem, r);
    PlanMetrics m;
    if (r.hasPlan)
    {
        m = PrintMetrics(o, problem, r);
        // The bound is of the objective the planner minimised: the weighted one with weights.
        const double objective = o.weights.IsZero() ? m.totalDelayS : m.objective;
        if (m.feasible && std::isfinite(lb) && lb > objective + 1e-6 * std::fabs(objective) + 1e-9)
        {
            // A bound above a feasible plan's objective is no bound (a solver's tolerance
            // on a badly scaled instance): say so, print none.
            std::printf("lower bound %.6f s above the plan's objective %.6f s: printed as "
                        "none\n",
                        lb,
                        objective);
            lb = std::nan("");
        }
        if (!o.output.empty())
        {
            try
            {
                PlanIo::Write(problem, r.plan, o.algorithm, o.output);
                std::printf("plan written to %s\n", o.output.c_str());
            }
            catch (const ScenarioError& e)
            {
                std::cerr << e.what() << "\n";
                return 2;
            }
        }
    }
    else if (!o.output.empty())
    {
        std::printf("no plan to write to %s\n", o.output.c_str());
    }
    Ptr<RoundingPlanner> rounding = DynamicCast<RoundingPlanner>(planner);
    const RoundingCertificate* cert = rounding && r.hasPlan ? &rounding->GetCertificate() : nullptr;
    std::cout << ResultJson(o, r, m, lb, cert, wall0).dump() << std::endl;
    return r.status == PlanStatus::ERROR ? 1 : 0;
}
