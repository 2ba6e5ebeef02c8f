/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ROUNDING_PLANNER_H
#define MEC_PFM_ROUNDING_PLANNER_H

#include "pfm-planner.h"

#include "ns3/random-variable-stream.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What the rounding certifies about its last run (doc/planner.rst, Theorem 2).
 *
 * Always (proven): preRepairCost <= estimator <= expectedBound <= provenRatio x lpValue.
 * If preRepairFeasible (proven): the returned plan costs at most preRepairCost.
 * Otherwise the returned plan comes from the repair, a heuristic without a proven ratio.
 */
struct RoundingCertificate
{
    double lpValue{0};             //!< value of the LP whose solution is rounded
    double provenRatio{1};         //!< rho of GetProvenRatio()
    double expectedBound{0};       //!< E[cost before repair] is at most this (>= estimator)
    double estimator{0};           //!< pessimistic estimator of the derandomized rounding
    double preRepairCost{0};       //!< TotalDelay of the derandomized plan before repair
    bool preRepairFeasible{false}; //!< that plan already meets storage and load
    double finalCost{0};           //!< TotalDelay of the plan returned
};

/**
 * \ingroup mec-pfm
 * \brief The randomized algorithm of doc/planner.rst: LP relaxation, rounding with one
 * shared threshold per cloudlet (trial 0 derandomized by the method of conditional
 * expectations, trials 1..K random), repair, best feasible plan kept; then a bounded local
 * search and the assignment LP (PlanAssigner::AssignByLp) on the best placements, both
 * kept only where they improve the plan.
 *
 * Solve() runs the phases in that order, each a named step of rounding-planner.cc
 * (RelaxationOptions, Certification, RunTrials, LocalSearch, Reassign).
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

    /// \return what the last Solve() certifies
    const RoundingCertificate& GetCertificate() const;

  private:
    Ptr<UniformRandomVariable> m_rng;   //!< random draws
    uint32_t m_trials;                  //!< K
    uint32_t m_nearest;                 //!< LP pruning
    uint32_t m_localSearchPasses;       //!< local search passes on the best plan
    bool m_priceOut;                    //!< column generation on pruned options
    uint32_t m_localSearchMoves;        //!< most local-search moves evaluated
    uint64_t m_maxOptions;              //!< automatic pruning threshold (0 = never)
    uint64_t m_localSearchWork;         //!< local-search budget in request assignments
    uint32_t m_assignTrials{3};         //!< placements re-assigned by the LP
    uint32_t m_assignNearest{0};        //!< cloudlets per class in that LP (0 = all)
    uint64_t m_assignMaxOptions{50000}; //!< option budget of that LP
    uint64_t m_assignWork{50000};       //!< option budget of all those LPs
    RoundingCertificate m_cert;         //!< certificate of the last run
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
