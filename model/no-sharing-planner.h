/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_NO_SHARING_PLANNER_H
#define MEC_PFM_NO_SHARING_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline: the same ILP, but every model is stored and pulled whole (no block is shared
 * between co-located models): what sharing buys. Its metrics use whole-model accounting.
 */
class NoSharingPlanner : public PfmPlanner
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

  private:
    /**
     * \brief A plan that meets storage with every model counted whole: the placement of
     * WarmStartPlanner (by default the rounding algorithm), at each cloudlet its models
     * kept in order of requests served while their whole sizes fit, requests re-assigned
     * (PlanAssigner::AssignByLp, else AssignBest).
     * \param problem the problem
     * \param plan the plan, set if the return value is true
     * \return whether a plan feasible under whole-model accounting was found
     */
    bool WarmStart(const PlanningProblem& problem, PlacementPlan& plan) const;

    double m_timeLimit;                 //!< seconds, 0 = none
    bool m_warmStart{true};             //!< start branch and cut from WarmStart()
    Ptr<PfmPlanner> m_warmStartPlanner; //!< its planner (null: a RoundingPlanner)
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
