/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ROUNDING_PLANNER_H
#define MEC_PFM_ROUNDING_PLANNER_H

#include "pfm-planner.h"
#include "pfm-lp-formulation.h"

#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup mec-pfm
 * \brief The randomized algorithm of doc/planner.rst: LP relaxation, randomized rounding with one shared threshold per cloudlet, repair, best of K seeded trials.
 */
class RoundingPlanner : public PfmPlanner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanResult Solve(const PlanningProblem& problem) override;
    RoundingPlanner();
    int64_t AssignStreams(int64_t stream) override;

    /**
     * \brief The proven ratio of doc/planner.rst for a problem: rho = max over classes of
     * (delay of the class's best DC option) / (delay of its best option anywhere).
     * \param problem the problem
     * \return rho >= 1
     */
    static double GetProvenRatio(const PlanningProblem& problem);

    /// \return the certified expected objective before repair of the last Solve()
    double GetExpectedBound() const;

  private:
    Ptr<UniformRandomVariable> m_rng; //!< random draws
    uint32_t m_trials;                //!< K
    uint32_t m_nearest;               //!< LP pruning
    double m_expectedBound{0};        //!< certified expectation of the last run
};

} // namespace ns3

#endif /* header guard */
