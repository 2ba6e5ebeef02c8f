/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ROUNDING_PLANNER_H
#define MEC_PFM_ROUNDING_PLANNER_H

#include "covering-rounding.h"
#include "pfm-planner.h"

#include "ns3/random-variable-stream.h"

#include <set>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What the rounding certifies about its last run (doc/planner.rst, Theorems 2 and 4).
 *
 * Costs are of the weighted objective (PlanningProblem::GetObjectiveWeights; TotalDelay
 * when the weights are 0). Theorem 2, always (proven): preRepairCost <= estimator <=
 * expectedBound <= ratioBound = provenRatio x lpValue + (provenRatio - 1) x w_acc x
 * lpAccuracy. Theorem 4 (accuracy weight 0): the covering draws' plans before repair cost
 * at most covering.expectedBound in expectation. If preRepairFeasible or
 * coveringFeasible (proven): the returned plan costs at most that pre-repair plan.
 * Otherwise the returned plan comes from the repair, a heuristic without a proven ratio.
 * Both theorems bound the cost by a factor of lpValue; lpValue <= OPT only when the LP was
 * not pruned (lpPruned false).
 */
struct RoundingCertificate
{
    double lpValue{0};     //!< value of the LP whose solution is rounded
    bool lpPruned{false};  //!< that LP left options out (not priced out): no bound of OPT
    double lpBound{0};     //!< a lower bound of OPT (the LP, or Farley's bound if pruned)
    double provenRatio{1}; //!< rho of GetProvenRatio()
    double lpAccuracy{0};  //!< A*: sum x*_o a_m of the LP solution
    /// what preRepairCost is proven at most: rho LP + (rho - 1) w_acc A* (rho LP when the
    /// accuracy weight is 0)
    double ratioBound{0};
    double expectedBound{0};       //!< E[cost before repair] is at most this (>= estimator)
    double estimator{0};           //!< pessimistic estimator of the derandomized rounding
    double preRepairCost{0};       //!< objective of the derandomized plan before repair
    bool preRepairFeasible{false}; //!< that plan already meets storage and load
    CoveringBound covering;        //!< Theorem 4's bound for this LP solution
    uint32_t coveringDraws{0};     //!< covering draws made (CoveringTrials)
    double coveringMeanCost{0};    //!< mean cost of their plans before repair
    double coveringMeanRounds{0};  //!< mean rounds of a draw
    bool coveringFeasible{false};  //!< one of them met storage and load before repair
    double coveringBestCost{0};    //!< least cost of such a feasible pre-repair plan
    /// the factor of lpValue proven for a plan that needed no repair: min(rho, Theorem 4's
    /// expectedBound / lpValue when a covering plan needed none)
    double provenFactor{0};
    /// the planner whose plan seeded the local search when no trial met the capacities
    /// (the feasibility phase; "" if none was needed or none had a plan)
    std::string fallback;
    double finalCost{0};     //!< objective of the plan returned
    double measuredRatio{0}; //!< finalCost / lpValue
    /// the returned plan is not covered by a theorem's plan that met every capacity
    bool repairRan{true};
    /// !lpPruned, !repairRan and finalCost at most the least of the theorems' bounds
    bool withinBound{false};
    /// withinBound, a finite provenFactor and no accuracy weight: then the returned plan is
    /// proven within provenFactor of OPT
    bool ratioProven{false};
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
     * \brief The proven ratio of doc/planner.rst for a problem, under the problem's
     * objective weights: rho = max over classes q and options (m, s) of
     * (c^d_q + w_acc a_m) / P_{q,m,s}, c^d_q the weighted cost of q's best DC option and
     * P the option's delay + cost part. With the weights 0: max over classes of (delay of
     * the best DC option) / (delay of the best option anywhere).
     * \param problem the problem
     * \return rho >= 1
     */
    static double GetProvenRatio(const PlanningProblem& problem);

    /// \return what the last Solve() certifies
    const RoundingCertificate& GetCertificate() const;

    /**
     * \brief Step 6 of doc/planner.rst alone: the local search from a given placement (its
     * requests assigned by PlanAssigner::AssignBest first), as Solve runs it on the best
     * trial's placement.
     * \param p the problem
     * \param open per cloudlet site, the models open at the start
     * \param groups whether the family-group passes follow (LocalSearchGroups)
     * \param passes most passes of each kind (LocalSearchPasses)
     * \param moves most moves evaluated (LocalSearchMoves)
     * \return the best feasible plan found (hasPlan false if none; status FEASIBLE if any)
     */
    static PlanResult LocalSearchFrom(const PlanningProblem& p,
                                      const std::vector<std::set<uint32_t>>& open,
                                      bool groups,
                                      uint32_t passes = 3,
                                      uint32_t moves = 1000);

  private:
    Ptr<UniformRandomVariable> m_rng;   //!< random draws
    uint32_t m_trials;                  //!< K
    uint32_t m_nearest;                 //!< LP pruning
    uint32_t m_localSearchPasses;       //!< local search passes on the best plan
    bool m_priceOut;                    //!< column generation on pruned options
    uint32_t m_localSearchMoves;        //!< most local-search moves evaluated
    uint64_t m_maxOptions;              //!< automatic pruning threshold (0 = never)
    uint64_t m_localSearchWork;         //!< local-search budget in request assignments
    bool m_localSearchGroups{true};     //!< family-group moves after the single-model ones
    uint32_t m_assignTrials{3};         //!< placements re-assigned by the LP
    uint32_t m_assignNearest{0};        //!< cloudlets per class in that LP (0 = all)
    uint64_t m_assignMaxOptions{50000}; //!< option budget of that LP
    uint64_t m_assignWork{50000};       //!< option budget of all those LPs
    uint32_t m_coveringTrials{2};       //!< covering draws (Theorem 4)
    uint32_t m_coveringMaxRounds{1000}; //!< most rounds of one covering draw
    std::string m_fallback;             //!< planners of the feasibility phase
    RoundingCertificate m_cert;         //!< certificate of the last run
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
