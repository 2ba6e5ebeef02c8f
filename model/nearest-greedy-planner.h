/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_NEAREST_GREEDY_PLANNER_H
#define MEC_PFM_NEAREST_GREEDY_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline: in arrival order, each request at its home cloudlet by its smallest candidate
 * model, pulled if storage and load allow, else at the data center; if the data center has no load
 * to spare, at the nearest other cloudlet (by transfer delay) where the same rule admits it.
 */
class NearestGreedyPlanner : public PfmPlanner
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
