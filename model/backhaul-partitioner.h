/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BACKHAUL_PARTITIONER_H
#define MEC_PFM_BACKHAUL_PARTITIONER_H

#include "mec-scenario.h"
#include "placement-plan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What BackhaulPartitioner::Partition is asked for.
 */
struct PartitionOptions
{
    uint32_t ranks{1};         //!< MPI ranks (logical processes), >= 1
    double minCutDelayS{-1};   //!< links shorter than this are never cut; < 0: chosen
    double maxImbalance{1.25}; //!< accepted heaviest rank / mean rank load (automatic choice)
};

/**
 * \ingroup mec-pfm
 * \brief An assignment of the backhaul's nodes to MPI ranks. A cloudlet's users and access
 * links go with the cloudlet's node (they are not scenario nodes).
 */
struct BackhaulPartition
{
    std::vector<uint32_t> rankOf;   //!< rank of each scenario node
    std::vector<double> load;       //!< load of each rank (BackhaulPartitioner::NodeLoads)
    std::vector<uint32_t> cutLinks; //!< indices of the links whose ends are on two ranks
    double minCutDelayS{0};         //!< links shorter than this were kept whole
    double lookaheadS{0};           //!< least delay of a cut link (infinity: none is cut)
    double imbalance{1};            //!< heaviest rank's load / mean load

    /**
     * \param sc the scenario partitioned
     * \return a few lines: ranks, nodes and cloudlets per rank, load, cut links, lookahead
     */
    std::string Describe(const MecScenario& sc) const;
};

/**
 * \ingroup mec-pfm
 * \brief Splits a scenario's backhaul across MPI ranks for ns-3's distributed simulator.
 *
 * Only point-to-point backhaul links are cut, and only links whose delay is at least the
 * threshold minCutDelayS: the least delay of a cut link is the lookahead of the
 * conservative synchronisation (a rank may run that far ahead of its neighbours), so a
 * short cut link means many synchronisation rounds. Links shorter than the threshold are
 * contracted first (union-find); the groups left are spread over the ranks heaviest first,
 * each to the least loaded rank (LPT, at most 4/3 of the best balance of those groups).
 * With minCutDelayS < 0 the threshold is the largest link delay for which that balance is
 * within maxImbalance (else the best balanced threshold): long links are cut first.
 */
class BackhaulPartitioner
{
  public:
    /**
     * \brief The load of each node: one unit for the node, one per request homed at it
     * (its client, access link and the home's decision) and one per request the plan
     * serves there (its compute and response). Without a plan only homes count.
     * \param sc the scenario
     * \param plan the plan carried out, or nullptr
     * \return the load of each scenario node
     */
    static std::vector<double> NodeLoads(const MecScenario& sc, const PlacementPlan* plan);

    /**
     * \param sc the scenario
     * \param load the load of each node (NodeLoads)
     * \param opt ranks and threshold
     * \return the partition
     * \throws ScenarioError when the ranks outnumber the groups left by the threshold, or an
     * option is out of range
     */
    static BackhaulPartition Partition(const MecScenario& sc,
                                       const std::vector<double>& load,
                                       const PartitionOptions& opt);

  private:
    /**
     * \brief Contract the links shorter than a threshold and spread the groups (LPT).
     * \param sc the scenario
     * \param load node loads
     * \param ranks ranks
     * \param threshold links shorter than this are kept whole
     * \param[out] part the partition (rankOf, load, imbalance)
     * \return false if fewer groups than ranks are left
     */
    static bool Spread(const MecScenario& sc,
                       const std::vector<double>& load,
                       uint32_t ranks,
                       double threshold,
                       BackhaulPartition& part);
    /**
     * \brief Fill cutLinks and lookaheadS from rankOf.
     * \param sc the scenario
     * \param part the partition
     */
    static void FindCuts(const MecScenario& sc, BackhaulPartition& part);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BACKHAUL_PARTITIONER_H */
