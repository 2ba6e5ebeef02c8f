/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_OBJECTIVE_WEIGHTS_H
#define MEC_PFM_OBJECTIVE_WEIGHTS_H

#include "cost-model.h"

#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The weights of the spec's weighted objective,
 * TotalDelay + costWeight x Cost - accuracyWeight x (sum over served requests of a_m).
 *
 * Both weights are in seconds: per unit of cost (CostModel::GetCost) and per unit of
 * accuracy summed over requests. The default, 0 and 0, is the delay-only objective.
 */
struct ObjectiveWeights
{
    double accuracyWeight{0}; //!< w_acc, s per unit of accuracy (per served request)
    double costWeight{0};     //!< w_cost, s per unit of cost
    CostModel prices;         //!< the prices of Cost

    /// \return both weights are 0: the objective is TotalDelay alone
    bool IsZero() const;
    /**
     * \brief The weighted objective from the plan's parts.
     * \param totalDelayS TotalDelay
     * \param cost the operating cost
     * \param accuracySum the sum of the served models' accuracies
     * \return totalDelayS + costWeight x cost - accuracyWeight x accuracySum
     */
    double Combine(double totalDelayS, double cost, double accuracySum) const;
    /**
     * \brief Check a weight given by a user.
     * \param w the weight
     * \param name its name, for the message
     * \return empty if \p w is finite and >= 0, else why not
     */
    static std::string Validate(double w, const std::string& name);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_OBJECTIVE_WEIGHTS_H */
