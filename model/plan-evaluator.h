/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLAN_EVALUATOR_H
#define MEC_PFM_PLAN_EVALUATOR_H

#include "cost-model.h"
#include "objective-weights.h"
#include "placement-plan.h"
#include "planning-problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The metrics of a plan under the reference objective.
 */
struct PlanMetrics
{
    bool feasible{false};                //!< every constraint holds
    std::vector<std::string> violations; //!< human-readable, empty if feasible
    double totalDelayS{0};               //!< TotalDelay: serving + pull
    double servingDelayS{0};             //!< sum over served requests of D_r(m,v)
    double pullDelayS{0};                //!< sum over cloudlets of pull time (+ latency once)
    double pullBytes{0};                 //!< bytes pulled from the DC
    double avgAccuracy{0};               //!< sum a_m over served / number of requests
    double cost{0};                      //!< operating cost under the CostModel
    double accuracySum{0};               //!< sum a_m over served requests
    /// the weighted objective TotalDelay + w_cost cost - w_acc accuracySum of the
    /// evaluator's ObjectiveWeights (totalDelayS exactly when both weights are 0)
    double objective{0};
    uint32_t servedEdge{0}; //!< requests served at a cloudlet
    uint32_t servedDc{0};   //!< requests served at the DC
    uint32_t rejected{0};   //!< requests rejected
};

/**
 * \ingroup mec-pfm
 * \brief Feasibility check and evaluator of the reference objective, request by request.
 */
class PlanEvaluator
{
  public:
    /**
     * \param problem the problem; kept by reference, it must outlive the evaluator
     * \param costs the prices
     * \param wholeModels account storage and pulls model by model, every model whole (the
     *        no-sharing world), instead of the union of blocks
     * \param weights the weights of PlanMetrics::objective (default 0 and 0: TotalDelay)
     */
    explicit PlanEvaluator(const PlanningProblem& problem,
                           CostModel costs = CostModel(),
                           bool wholeModels = false,
                           ObjectiveWeights weights = ObjectiveWeights());

    /**
     * \brief An evaluator whose objective is the one the planners optimise now: the
     * problem's current weights (PlanningProblem::GetObjectiveWeights), default prices.
     * \param problem the problem
     * \return the evaluator
     */
    static PlanEvaluator Weighted(const PlanningProblem& problem);

    /**
     * \brief Check every constraint and compute every metric.
     *
     * Constraints: one decision per request; a served request's model is a candidate of its
     * class (or the DC fallback); a model serving at a cloudlet is listed there and all its
     * blocks are held; storage of the held union within S_v; load within max_load x mu x H
     * at every site; rejections only where the class has no candidate.
     * \param plan the plan
     * \return the metrics (feasible == false with reasons if a constraint fails)
     */
    PlanMetrics Evaluate(const PlacementPlan& plan) const;

  private:
    /// What one cloudlet holds and pulls under a plan.
    struct CloudletUse
    {
        double heldBytes{0};   //!< bytes stored
        double pulledBytes{0}; //!< bytes pulled from the DC
        double pullDelayS{0};  //!< pull time of those bytes, without the path latency
        bool pulls{false};     //!< anything pulled (the path latency is paid once)
    };

    /// Served load and accuracy summed over the requests.
    struct ServedTotals
    {
        std::vector<double> load; //!< FLOPs per site
        double accuracy{0};       //!< sum of the served models' accuracies
        double edgeFlops{0};      //!< FLOPs served at cloudlets
        double dcFlops{0};        //!< FLOPs served at the DC
    };

    /**
     * rief Check the plan's dimensions against the problem.
     * \param plan the plan
     * \param out receives the violations
     *
eturn the plan has one block set and model set per cloudlet, one decision per request
     */
    bool CheckShape(const PlacementPlan& plan, PlanMetrics& out) const;
    /**
     * rief Account cloudlet c's blocks as a union; mark them in held.
     * \param c the cloudlet
     * \param plan the plan
     * \param held per block, set where the plan holds it at c
     * \param out receives the violations
     *
eturn what c holds and pulls, each block once
     */
    CloudletUse AccountBlockUnion(uint32_t c,
                                  const PlacementPlan& plan,
                                  std::vector<bool>& held,
                                  PlanMetrics& out) const;
    /**
     * rief Account cloudlet c's models whole, as if no block were shared.
     * \param c the cloudlet
     * \param plan the plan
     *
eturn what c holds and pulls, every model's blocks counted for each model
     */
    CloudletUse AccountWholeModels(uint32_t c, const PlacementPlan& plan) const;
    /**
     * rief Check that every model the plan lists at c has all its blocks; mark it available.
     * \param c the cloudlet
     * \param plan the plan
     * \param held per block, held at c
     * \param avail per model, set where the model may serve at c
     * \param out receives the violations
     */
    void CheckModels(uint32_t c,
                     const PlacementPlan& plan,
                     const std::vector<bool>& held,
                     std::vector<bool>& avail,
                     PlanMetrics& out) const;
    /**
     * rief Check every request's decision and sum serving delay, load and accuracy.
     * \param plan the plan
     * \param avail per cloudlet and model, available
     * \param out receives the violations, serving delay and counts
     *
eturn the served totals
     */
    ServedTotals EvaluateRequests(const PlacementPlan& plan,
                                  const std::vector<std::vector<bool>>& avail,
                                  PlanMetrics& out) const;

    const PlanningProblem& m_problem; //!< problem
    CostModel m_costs;                //!< prices
    bool m_wholeModels;               //!< no-sharing accounting
    ObjectiveWeights m_weights;       //!< weights of the objective
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLAN_EVALUATOR_H */
