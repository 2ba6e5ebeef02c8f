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

  private:
    /**
     * \brief A plan that meets storage with every model counted whole: the rounding
     * algorithm's placement, at each cloudlet its models kept in order of requests served
     * while their whole sizes fit, requests re-assigned (PlanAssigner::AssignByLp, else
     * AssignBest).
     * \param problem the problem
     * \param plan the plan, set if the return value is true
     * \return whether a plan feasible under whole-model accounting was found
     */
    bool WarmStart(const PlanningProblem& problem, PlacementPlan& plan) const;

    double m_timeLimit;     //!< seconds, 0 = none
    bool m_warmStart{true}; //!< start branch and cut from WarmStart()
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
