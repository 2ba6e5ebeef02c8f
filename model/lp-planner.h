/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_LP_PLANNER_H
#define MEC_PFM_LP_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief LP relaxation of the ILP (doc/planner.rst): a lower bound of the optimum; no plan. Options
 * are pruned to the K nearest cloudlets and priced back in (column generation), so the bound holds
 * for the unpruned problem.
 */
class LpPlanner : public PfmPlanner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanResult Solve(const PlanningProblem& problem) override;

  private:
    uint32_t m_nearest{0};   //!< K nearest cloudlets per class (0 = all)
    uint32_t m_cutRounds{0}; //!< separation rounds (0 = plain LP)
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
