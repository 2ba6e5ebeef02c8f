/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ilp-planner.h"

#include "pfm-lp-formulation.h"
#include "plan-assigner.h"
#include "plan-evaluator.h"
#include "rounding-planner.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("IlpPlanner");

NS_OBJECT_ENSURE_REGISTERED(IlpPlanner);

TypeId
IlpPlanner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::IlpPlanner")
                            .SetParent<PfmPlanner>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<IlpPlanner>()
                            .AddAttribute("TimeLimit",
                                          "Seconds GLPK may spend (0 = no limit).",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&IlpPlanner::m_timeLimit),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("WarmStart",
                                          "Hand the plan of WarmStartPlanner to branch and "
                                          "cut as its first incumbent.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_warmStart),
                                          MakeBooleanChecker())
                            .AddAttribute("WarmStartPlanner",
                                          "The planner of the warm start (with WarmStart). "
                                          "Null (the default): a RoundingPlanner with its "
                                          "default attributes on random stream 0, created "
                                          "for each Solve. From a string: a TypeId name with "
                                          "attributes, e.g. "
                                          "\"ns3::mecpfm::RoundingPlanner[Trials=4]\".",
                                          PointerValue(),
                                          MakePointerAccessor(&IlpPlanner::m_warmStartPlanner),
                                          MakePointerChecker<PfmPlanner>())
                            .AddAttribute("MipGap",
                                          "Relative MIP gap at which the search stops.",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&IlpPlanner::m_mipGap),
                                          MakeDoubleChecker<double>(0, 1))
                            .AddAttribute("CutRounds",
                                          "Rounds of separation of the valid inequalities of "
                                          "doc/planner.rst before branch and cut (0 = none; "
                                          "it stops at the first round that adds none).",
                                          UintegerValue(100),
                                          MakeUintegerAccessor(&IlpPlanner::m_cutRounds),
                                          MakeUintegerChecker<uint32_t>())
                            .AddAttribute("BranchPlacementFirst",
                                          "Branch on fractional y, z, p (weighted by pull "
                                          "time) before GLPK's own choice among the x counts.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_branchPlacement),
                                          MakeBooleanChecker())
                            .AddAttribute("NodeCuts",
                                          "Separate the valid inequalities of doc/planner.rst "
                                          "at every node of branch and cut, not only at the "
                                          "root.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_nodeCuts),
                                          MakeBooleanChecker())
                            .AddAttribute("CopyColumns",
                                          "Add an integer column per model counting the "
                                          "cloudlets that hold it, N_m = sum_c y_{m,c}, and "
                                          "branch on it with the binaries (needs "
                                          "BranchPlacementFirst).",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_copyColumns),
                                          MakeBooleanChecker())
                            .AddAttribute("LoadGroupColumns",
                                          "Add an integer column per (site, per-request load), "
                                          "the requests of that load the site serves, and "
                                          "branch on it once the placement is integral, "
                                          "weighted by load times the site's load price (needs "
                                          "BranchPlacementFirst).",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_loadGroupColumns),
                                          MakeBooleanChecker())
                            .AddAttribute("AggregateLinking",
                                          "One linking row per (cloudlet, model) in the model; "
                                          "the per-option rows x <= n y are separated as cuts "
                                          "where the LP violates them.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_aggregateLinking),
                                          MakeBooleanChecker())
                            .AddAttribute("LpHeuristic",
                                          "Primal heuristic on the LP of the root and of "
                                          "branch-and-cut nodes: open the models the LP opens "
                                          "at least half, fit storage, assign by the "
                                          "assignment integer program; a better plan becomes "
                                          "the incumbent.",
                                          BooleanValue(true),
                                          MakeBooleanAccessor(&IlpPlanner::m_lpHeuristic),
                                          MakeBooleanChecker())
                            .AddAttribute("HeuristicNodes",
                                          "Branch-and-bound subproblems of the LP heuristic's "
                                          "assignment integer program at the root and at "
                                          "integral placements (a work limit: same plan on "
                                          "any machine).",
                                          UintegerValue(400),
                                          MakeUintegerAccessor(&IlpPlanner::m_heuristicNodes),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddAttribute("HeuristicNodesAtNode",
                                          "Subproblems of that integer program at the other "
                                          "nodes of branch and cut (at most HeuristicNodes).",
                                          UintegerValue(100),
                                          MakeUintegerAccessor(&IlpPlanner::m_heuristicNodesAtNode),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddAttribute("AssignMaxOptions",
                                          "Most options of the heuristic's assignment LP.",
                                          UintegerValue(50000),
                                          MakeUintegerAccessor(&IlpPlanner::m_assignMaxOptions),
                                          MakeUintegerChecker<uint64_t>(1));
    return tid;
}

int64_t
IlpPlanner::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return m_warmStartPlanner ? m_warmStartPlanner->AssignStreams(stream) : 0;
}

PlanResult
IlpPlanner::SolveIlp(const PlanningProblem& problem, PfmLpFormulation::Options o)
{
    o.integer = true;
    const bool noSharing = o.noSharing;
    const double mipGap = o.mipGap;
    PfmLpFormulation f(problem, o);
    auto out = f.Solve();
    PlanResult r;
    r.wallS = f.GetSolveSeconds();
    r.wholeModels = noSharing;
    if (out == PfmLpFormulation::Outcome::OPTIMAL || out == PfmLpFormulation::Outcome::FEASIBLE)
    {
        std::vector<uint32_t> counts;
        for (double x : f.GetX())
        {
            counts.push_back(static_cast<uint32_t>(std::llround(std::max(0.0, x))));
        }
        r.plan = PfmLpFormulation::Expand(problem, f.GetOptions(), counts);
        r.hasPlan = true;
        if (!noSharing)
        {
            r.lowerBoundS = f.GetLowerBound();
        }
    }
    switch (out)
    {
    case PfmLpFormulation::Outcome::OPTIMAL:
        r.status = PlanStatus::OPTIMAL;
        if (mipGap > 0)
        {
            r.message = "optimal within the relative gap MipGap = " + std::to_string(mipGap);
        }
        break;
    case PfmLpFormulation::Outcome::FEASIBLE:
        // Stopped with an incumbent: by the time limit (the only other stop, the gap,
        // ends as OPTIMAL).
        r.status = PlanStatus::TIME_LIMIT;
        r.message = "time limit: best plan found, optimality not proven";
        break;
    case PfmLpFormulation::Outcome::INFEASIBLE:
        r.status = PlanStatus::INFEASIBLE;
        r.message = "no plan meets storage and load (GLPK proved it)";
        break;
    case PfmLpFormulation::Outcome::TIME_LIMIT:
        r.status = PlanStatus::TIME_LIMIT;
        r.message = "time limit before any feasible plan";
        break;
    default:
        r.status = PlanStatus::ERROR;
        r.message = "GLPK failed";
    }
    return r;
}

std::function<bool(const std::vector<std::vector<double>>&, PlacementPlan&)>
IlpPlanner::MakePlacementHeuristic(const PlanningProblem& problem,
                                   const PlanResult& start,
                                   std::chrono::steady_clock::time_point deadline)
{
    struct State
    {
        explicit State(const PlanningProblem& p)
            : evaluator(PlanEvaluator::Weighted(p))
        {
        }

        PlanEvaluator evaluator;
        /// placements tried, with the assignment IP's budget (subproblems) they had
        std::map<std::vector<std::set<uint32_t>>, uint32_t> tried;
        double best{std::numeric_limits<double>::infinity()};
        uint64_t calls{0};
        std::chrono::steady_clock::time_point deadline;
    };

    auto state = std::make_shared<State>(problem);
    if (start.hasPlan)
    {
        PlanMetrics m = state->evaluator.Evaluate(start.plan);
        if (m.feasible)
        {
            state->best = m.objective;
        }
    }
    state->deadline = deadline;
    const uint64_t maxOptions = m_assignMaxOptions;
    const uint32_t rootNodes = m_heuristicNodes;
    const uint32_t nodeNodes = std::min(m_heuristicNodes, m_heuristicNodesAtNode);
    return [&problem, state, maxOptions, rootNodes, nodeNodes](
               const std::vector<std::vector<double>>& y,
               PlacementPlan& plan) {
        // At the nodes: the first 10 calls, then every 10th (each costs an assignment IP),
        // and every node whose placement is integral (each placement once): there the
        // assignment IP is the node's own integer problem.
        const uint64_t call = state->calls++;
        bool integral = true;
        for (const auto& row : y)
        {
            for (double v : row)
            {
                integral = integral && std::min(v, 1 - v) <= 1e-6;
            }
        }
        if (call > 10 && call % 10 != 0 && !integral)
        {
            return false;
        }
        // The time limit is the only wall-clock stop: near it the heuristic is skipped (or
        // stopped), so a run the TimeLimit ends is the one kind that may not repeat itself.
        const bool limited = state->deadline != std::chrono::steady_clock::time_point::max();
        double left =
            limited
                ? std::chrono::duration<double>(state->deadline - std::chrono::steady_clock::now())
                      .count()
                : 0;
        if (limited && left < 0.1)
        {
            return false;
        }
        // Open what the LP opens at least half; fit storage, closing the least supported
        // models first.
        std::vector<std::set<uint32_t>> open(y.size());
        for (uint32_t c = 0; c < y.size(); ++c)
        {
            for (uint32_t m = 0; m < y[c].size(); ++m)
            {
                if (y[c][m] >= 0.5 - 1e-9)
                {
                    open[c].insert(m);
                }
            }
            PlanAssigner::FitStorage(problem, c, open[c], y[c]);
        }
        // Assign by the assignment integer program: HeuristicNodes subproblems at the root
        // and at an integral placement, HeuristicNodesAtNode at other nodes (work limits,
        // not seconds: the plan does not depend on the machine), never past the time
        // limit. Each placement once, or again with a larger budget.
        const uint32_t nodes = call == 0 || integral ? rootNodes : nodeNodes;
        auto before = state->tried.find(open);
        if (before != state->tried.end() && before->second >= nodes)
        {
            return false;
        }
        state->tried[open] = nodes;
        PlacementPlan cand;
        if (!PlanAssigner::AssignByLp(problem, open, 0, maxOptions, cand, nullptr, nodes, left))
        {
            return false;
        }
        PlanMetrics m = state->evaluator.Evaluate(cand);
        NS_LOG_DEBUG("LP heuristic, call " << call << ": " << m.objective
                                           << (m.feasible ? "" : " infeasible"));
        // Strictly better by a relative 1e-12 (the objective may be negative with weights).
        const double bar =
            std::isinf(state->best) ? state->best : state->best - 1e-12 * std::fabs(state->best);
        if (!m.feasible || m.objective >= bar)
        {
            return false;
        }
        state->best = m.objective;
        plan = std::move(cand);
        return true;
    };
}

PlanResult
IlpPlanner::Solve(const PlanningProblem& problem)
{
    WeightsScope weights(problem, GetObjectiveWeights());
    NS_LOG_FUNCTION(this);
    PfmLpFormulation::Options o;
    o.mipGap = m_mipGap;
    o.cutRounds = m_cutRounds;
    o.branchPlacementFirst = m_branchPlacement;
    o.nodeCuts = m_nodeCuts;
    o.copyColumns = m_copyColumns;
    o.loadGroupColumns = m_loadGroupColumns;
    o.aggregateLinking = m_aggregateLinking;
    if (!m_warmStart)
    {
        o.timeLimitS = m_timeLimit;
        return SolveIlp(problem, o);
    }
    auto t0 = std::chrono::steady_clock::now();
    PlanResult start = SolveHelper(m_warmStartPlanner, RoundingPlanner::GetTypeId(), problem);
    // GLPK takes a heuristic solution without checking its rows (glp_ios_heur_sol), and a
    // heuristic planner keeps its plan even where it breaks a capacity: only a feasible
    // warm start is used (the rounding algorithm returns no other).
    if (start.hasPlan && !PlanEvaluator(problem).Evaluate(start.plan).feasible)
    {
        NS_LOG_INFO("the warm start breaks a capacity: not used");
        start.hasPlan = false;
    }
    double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    o.timeLimitS = m_timeLimit > 0 ? std::max(1.0, m_timeLimit - spent) : 0;
    o.incumbent = start.hasPlan ? &start.plan : nullptr;
    if (m_lpHeuristic)
    {
        o.placementHeuristic = MakePlacementHeuristic(
            problem,
            start,
            m_timeLimit > 0 ? t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::chrono::duration<double>(m_timeLimit))
                            : std::chrono::steady_clock::time_point::max());
    }
    PlanResult r = SolveIlp(problem, o);
    r.wallS += spent;
    if (!r.hasPlan && r.status == PlanStatus::TIME_LIMIT && start.hasPlan)
    {
        // The limit struck before branch and cut began (the LP relaxation of a large ILP):
        // the warm start is still the best plan known, and its LP bound a true bound.
        r.plan = start.plan;
        r.hasPlan = true;
        r.lowerBoundS = start.lowerBoundS;
        r.message = "time limit before branch and cut: the warm start";
    }
    else if (r.hasPlan && start.hasPlan)
    {
        // Classes aggregate requests of similar size (classTolerance > 0): the ILP compares
        // plans by their classes' mean requests, PlanEvaluator request by request. An
        // ILP plan may then evaluate worse than the warm start; keep the better.
        PlanEvaluator evaluator = PlanEvaluator::Weighted(problem);
        PlanMetrics mi = evaluator.Evaluate(r.plan);
        PlanMetrics ms = evaluator.Evaluate(start.plan);
        if (ms.feasible && (!mi.feasible || ms.objective < mi.objective))
        {
            r.plan = start.plan;
            r.message += "; the warm start evaluates better request by request: returned";
        }
    }
    return r;
}

} // namespace mecpfm
} // namespace ns3
