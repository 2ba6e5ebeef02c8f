/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLACEMENT_PLAN_H
#define MEC_PFM_PLACEMENT_PLAN_H

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
 * \brief What the plan does with one request.
 */
struct RequestDecision
{
    bool rejected{false}; //!< true: rejected (then model/site are meaningless)
    uint32_t model{0};    //!< serving model
    uint32_t site{0};     //!< serving site (C = the DC)
};

/**
 * \ingroup mec-pfm
 * \brief A plan: the blocks and models each cloudlet holds, and how each request is served.
 *
 * heldBlocks[c] must contain every block of every model in models[c] (the union); blocks
 * held but not resident at start are pulled. The DC holds everything and is not listed.
 */
struct PlacementPlan
{
    std::vector<std::vector<uint32_t>> heldBlocks; //!< per cloudlet site, sorted block indices
    std::vector<std::vector<uint32_t>> models;     //!< per cloudlet site, sorted model indices
    std::vector<RequestDecision> decisions;        //!< per request id

    /**
     * \brief An empty plan for a problem: nothing held, every request served at the DC by
     * the candidate of its class with the fewest FLOPs per token (the fastest there; the
     * first in candidate order on ties), or rejected if its class has no candidate.
     * \param problem the problem
     * \return the plan
     */
    static PlacementPlan CloudOnly(const PlanningProblem& problem);

    /**
     * \brief Set models[c] and heldBlocks[c] to the union of the blocks of the models
     * serving some request at c (plus any models already listed there).
     * \param problem the problem
     */
    void CloseOverBlocks(const PlanningProblem& problem);
};

/**
 * \ingroup mec-pfm
 * \brief What a plan (PlanEvaluator) or a packet-level run (its statistics) uses, priced
 * by CostModel::GetCost.
 */
struct CostUsage
{
    double pulledBytes{0}; //!< bytes pulled over the backhaul
    double edgeFlops{0};   //!< FLOP served at cloudlets
    double dcFlops{0};     //!< FLOP served at the DC
    double heldBytes{0};   //!< bytes held at cloudlets (summed over cloudlets)
    double horizonS{0};    //!< how long they are held, s
};

/**
 * \ingroup mec-pfm
 * \brief Prices of the operating-cost metric (documented defaults).
 */
struct CostModel
{
    double backhaulPerGb{0.02};      //!< price per GB pulled over the backhaul
    double edgePerPflop{0.0004};     //!< price per 10^15 FLOP at a cloudlet
    double dcPerPflop{0.0002};       //!< price per 10^15 FLOP at the DC
    double storagePerGbHour{0.0001}; //!< price per GB held at a cloudlet per hour

    /**
     * \brief The operating cost: GB pulled x backhaul price + PFLOP at the edge and at the
     * DC x their prices + GB-hours held x storage price. The one definition of the cost.
     * \param u what was used
     * \return the cost
     */
    double GetCost(const CostUsage& u) const;
};

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
    uint32_t servedEdge{0};              //!< requests served at a cloudlet
    uint32_t servedDc{0};                //!< requests served at the DC
    uint32_t rejected{0};                //!< requests rejected
};

/**
 * \ingroup mec-pfm
 * \brief Feasibility check and evaluator of the reference objective, request by request.
 */
class PlanEvaluator
{
  public:
    /**
     * \param problem the problem
     * \param costs the prices
     * \param wholeModels account storage and pulls model by model, every model whole (the
     *        no-sharing world), instead of the union of blocks
     */
    explicit PlanEvaluator(const PlanningProblem& problem,
                           CostModel costs = CostModel(),
                           bool wholeModels = false);

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
    const PlanningProblem& m_problem; //!< problem
    CostModel m_costs;                //!< prices
    bool m_wholeModels;               //!< no-sharing accounting
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLACEMENT_PLAN_H */
