/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLACEMENT_PLAN_H
#define MEC_PFM_PLACEMENT_PLAN_H

#include "planning-problem.h"

// CostModel lived in this header before it had its own; code that priced plans through this
// header still compiles. New code includes cost-model.h (and plan-evaluator.h for
// PlanEvaluator and PlanMetrics).
#include "cost-model.h"

#include <cstdint>
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

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLACEMENT_PLAN_H */
