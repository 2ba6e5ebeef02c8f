/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TRIMCACHING_GREEDY_PLANNER_H
#define MEC_PFM_TRIMCACHING_GREEDY_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline after Qu et al., TrimCaching (ICDCS 2024): greedily cache the (model, cloudlet)
 * of largest delay saved per newly stored byte, shared blocks counted once; requests then take
 * their best available option. If that overloads a site (TrimCaching has no compute limit),
 * more models are cached, each time the one that could take the most load off the DC, until
 * the load fits or nothing fits.
 */
class TrimcachingGreedyPlanner : public PfmPlanner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanResult Solve(const PlanningProblem& problem) override;
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
