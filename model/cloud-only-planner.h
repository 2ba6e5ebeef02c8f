/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_CLOUD_ONLY_PLANNER_H
#define MEC_PFM_CLOUD_ONLY_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline: every request served at the data center (its fastest candidate there).
 */
class CloudOnlyPlanner : public PfmPlanner
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
