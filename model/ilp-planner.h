/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ILP_PLANNER_H
#define MEC_PFM_ILP_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{

/**
 * \ingroup mec-pfm
 * \brief The exact ILP (doc/planner.rst) on GLPK: simplex, then branch and cut.
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

  private:
    double m_timeLimit{0};        //!< seconds, 0 = none
    double m_mipGap{0};           //!< relative gap
    bool m_warmStart{true};       //!< start branch and cut from the rounding plan
    uint32_t m_cutRounds{20};     //!< separation rounds before branch and cut
    bool m_branchPlacement{true}; //!< branch on y, z, p before the x counts
};

} // namespace ns3

#endif /* header guard */
