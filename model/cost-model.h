/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_COST_MODEL_H
#define MEC_PFM_COST_MODEL_H

namespace ns3
{
namespace mecpfm
{

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

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_COST_MODEL_H */
