/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_PLANNER_H
#define MEC_PFM_PFM_PLANNER_H

#include "placement-plan.h"
#include "planning-problem.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <chrono>
#include <limits>
#include <string>

namespace ns3
{
namespace mecpfm
{

/// \ingroup mec-pfm
/// Outcome of a planner run.
enum class PlanStatus
{
    OPTIMAL,       //!< proven optimal (within the MIP gap)
    FEASIBLE,      //!< a feasible plan, optimality not proven (heuristics, approximations)
    INFEASIBLE,    //!< proven infeasible: no plan meets storage and load (a proof only)
    NO_PLAN_FOUND, //!< no feasible plan found, infeasibility not proven (heuristics, a
                   //!< pruned LP, whole-model accounting); a heuristic's plan is kept
    TIME_LIMIT,    //!< stopped by the time limit; plan is the best found (may be empty)
    ERROR          //!< solver failure
};

/**
 * \param s a status
 * \return "optimal", "feasible", "infeasible", "no_plan_found", "time_limit" or "error"
 */
std::string PlanStatusToString(PlanStatus s);

/**
 * \brief The lower bound a tool may print for a problem (lower_bound_s).
 *
 * A valid lower bound of a sum of delays is a number >= 0 and at most any plan's objective.
 * A bound of the class problem (LP or ILP over the classes' mean requests) is one only if
 * the classes are exact (PlanningProblem::IsAggregationExact()); a Farley bound may be
 * valid but negative, saying nothing.
 * \param problem the problem the bound was computed on
 * \param bound the bound (NaN if none)
 * \return \p bound if it is finite, >= 0 and the problem's classes are exact; else NaN
 * (printed as null)
 */
double ReportableLowerBound(const PlanningProblem& problem, double bound);

/**
 * \ingroup mec-pfm
 * \brief What a planner returns.
 */
struct PlanResult
{
    PlanStatus status{PlanStatus::ERROR};                         //!< status
    bool hasPlan{false};                                          //!< plan is meaningful
    PlacementPlan plan;                                           //!< the plan
    double lowerBoundS{std::numeric_limits<double>::quiet_NaN()}; //!< a true lower bound on
                                                                  //!< the optimum, NaN if none
    double wallS{0};                                              //!< solve time
    bool wholeModels{false}; //!< made under whole-model accounting (no-sharing): evaluate its
                             //!< metrics with PlanEvaluator(problem, costs, true)
    std::string message;     //!< details for humans
};

/**
 * \ingroup mec-pfm
 * \brief Abstract base of the offline planners (ILP, LP, rounding, baselines).
 *
 * Planners are chosen by TypeId. The short names of the command line map to TypeIds by
 * CamelCase + "Planner": "ilp" -> ns3::mecpfm::IlpPlanner, "nearest-greedy" ->
 * ns3::mecpfm::NearestGreedyPlanner (see CreateByName()).
 */
class PfmPlanner : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    PfmPlanner();
    ~PfmPlanner() override;

    /**
     * \brief Plan for a problem.
     * \param problem the problem
     * \return the result; status says whether plan is usable
     */
    virtual PlanResult Solve(const PlanningProblem& problem) = 0;

    /**
     * \brief Assign fixed random variable streams.
     * \param stream first stream index
     * \return number of streams used (0 for deterministic planners)
     */
    virtual int64_t AssignStreams(int64_t stream);

    /**
     * \brief Create a planner from a short name ("ilp", "no-sharing") or a TypeId name.
     * \param name the name
     * \return the planner, or nullptr if no such planner exists
     */
    static Ptr<PfmPlanner> CreateByName(const std::string& name);

    /// \return the short names of every registered planner, sorted
    static std::vector<std::string> GetShortNames();

    /**
     * \return the weights of the objective this planner optimises (attributes
     * AccuracyWeight and CostWeight, default prices)
     */
    ObjectiveWeights GetObjectiveWeights() const;
    /**
     * \brief Set the weights (as the attributes AccuracyWeight and CostWeight).
     * \param w the weights; each must be finite and >= 0
     */
    void SetObjectiveWeights(const ObjectiveWeights& w);

  protected:
    /**
     * \brief Sets a problem's objective weights for its lifetime and restores the previous
     * ones after: every Solve() opens one with the planner's weights, so that the costs it
     * compares (PlanningProblem::GetClassCost, GetBlockCost) are the weighted ones.
     */
    class WeightsScope
    {
      public:
        /**
         * \param problem the problem
         * \param w the weights to set
         */
        WeightsScope(const PlanningProblem& problem, const ObjectiveWeights& w);
        ~WeightsScope();
        WeightsScope(const WeightsScope&) = delete;            //!< not copyable
        WeightsScope& operator=(const WeightsScope&) = delete; //!< not copyable

      private:
        const PlanningProblem& m_problem; //!< the problem
        ObjectiveWeights m_saved;         //!< its previous weights
    };

    /**
     * \brief Wrap a heuristic's plan: status FEASIBLE if PlanEvaluator accepts it. A plan
     * that breaks a capacity first goes through the feasibility phase shared with the
     * rounding (PlanAssigner::RepairPlan: repair towards the DC and towards cloudlets with
     * room, the assignment LP); if that finds no feasible plan, NO_PLAN_FOUND (with the
     * first violation in the message; a heuristic proves nothing) and the plan is kept.
     * A feasible plan is returned unchanged.
     * \param problem the problem
     * \param plan the plan
     * \param started when Solve() began (for wallS)
     * \param wholeModels no-sharing accounting (no repair)
     * \param repair whether to repair an infeasible plan (cloud-only: no, by definition)
     * \return the result
     */
    static PlanResult Finish(const PlanningProblem& problem,
                             PlacementPlan plan,
                             std::chrono::steady_clock::time_point started,
                             bool wholeModels = false,
                             bool repair = true);

    /**
     * \brief Run a helper planner, such as the one whose plan warm-starts another.
     * \param planner the planner to run; if null, a new planner of type \p fallback on
     * random stream 0, so that the caller stays deterministic
     * \param fallback the type created when \p planner is null
     * \param problem the problem
     * \return the helper's result
     */
    static PlanResult SolveHelper(Ptr<PfmPlanner> planner,
                                  TypeId fallback,
                                  const PlanningProblem& problem);

    double m_accuracyWeight{0}; //!< w_acc, s per unit of accuracy
    double m_costWeight{0};     //!< w_cost, s per unit of cost
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_PLANNER_H */
