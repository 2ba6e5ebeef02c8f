/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_POPULARITY_PLANNER_H
#define MEC_PFM_POPULARITY_PLANNER_H

#include "pfm-planner.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline: each cloudlet caches the models most requested by its own users (the number of
 * its requests a model can serve) until its storage is full; requests are served at home if a
 * candidate is cached there, else at the DC (by least delay, within load); if that overloads the
 * DC, requests may also use other cloudlets caching a candidate.
 */
class PopularityPlanner : public PfmPlanner
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
