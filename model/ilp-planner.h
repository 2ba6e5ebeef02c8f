/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ILP_PLANNER_H
#define MEC_PFM_ILP_PLANNER_H

#include "pfm-lp-formulation.h"
#include "pfm-planner.h"

#include <chrono>
#include <functional>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The exact ILP (doc/planner.rst) on GLPK: simplex, then branch and cut
 * (PfmLpFormulation), from the plan of a warm-start planner (WarmStartPlanner, by default
 * the rounding algorithm).
 */
class IlpPlanner : public PfmPlanner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanResult Solve(const PlanningProblem& problem) override;
    /**
     * \brief Assign streams to the WarmStartPlanner, if one is set (the default warm start
     * always uses stream 0).
     * \param stream first stream index
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream) override;

    /**
     * \brief Solve the ILP of a formulation and report it as a planner result (shared by
     * IlpPlanner and NoSharingPlanner).
     * \param problem the problem
     * \param options the formulation's options (integer is set here)
     * \return the plan of the search (statuses OPTIMAL, TIME_LIMIT with or without a plan,
     * INFEASIBLE, ERROR) and, unless options.noSharing, its lower bound
     */
    static PlanResult SolveIlp(const PlanningProblem& problem, PfmLpFormulation::Options options);

  private:
    /**
     * \brief The LP heuristic handed to branch and cut (attribute LpHeuristic).
     * \param problem the problem
     * \param start the warm start (its value is the first to beat)
     * \param deadline when the time limit strikes (the heuristic does not run past it)
     * \return the heuristic
     */
    std::function<bool(const std::vector<std::vector<double>>&, PlacementPlan&)>
    MakePlacementHeuristic(const PlanningProblem& problem,
                           const PlanResult& start,
                           std::chrono::steady_clock::time_point deadline);

    double m_timeLimit{0};                //!< seconds, 0 = none
    double m_mipGap{0};                   //!< relative gap
    bool m_warmStart{true};               //!< start branch and cut from a warm-start plan
    Ptr<PfmPlanner> m_warmStartPlanner;   //!< its planner (null: a RoundingPlanner)
    uint32_t m_cutRounds{100};            //!< separation rounds before branch and cut
    bool m_branchPlacement{true};         //!< branch on y, z, p before the x counts
    bool m_nodeCuts{true};                //!< separate the valid inequalities at every node
    bool m_copyColumns{true};             //!< branch on the number of copies of each model
    bool m_loadGroupColumns{true};        //!< branch on the requests of each load at each site
    bool m_aggregateLinking{true};        //!< per-option linking rows separated, not built
    bool m_lpHeuristic{true};             //!< LP-guided placement heuristic in branch and cut
    uint64_t m_assignMaxOptions{50000};   //!< options of the heuristic's assignment LP
    uint32_t m_heuristicNodes{400};       //!< assignment IP subproblems at the root
    uint32_t m_heuristicNodesAtNode{100}; //!< assignment IP subproblems at other nodes
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
