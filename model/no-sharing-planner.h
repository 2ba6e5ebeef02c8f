/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_NO_SHARING_PLANNER_H
#define MEC_PFM_NO_SHARING_PLANNER_H

#include "pfm-planner.h"

namespace ns3
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
    double m_timeLimit; //!< seconds, 0 = none
};

} // namespace ns3

#endif /* header guard */
