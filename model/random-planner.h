/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_RANDOM_PLANNER_H
#define MEC_PFM_RANDOM_PLANNER_H

#include "pfm-planner.h"

#include "ns3/random-variable-stream.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Baseline: each cloudlet caches models in random order while they fit; each request takes a
 * uniformly random candidate option with load to spare (home, another cloudlet caching it, or the
 * DC).
 */
class RandomPlanner : public PfmPlanner
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanResult Solve(const PlanningProblem& problem) override;
    RandomPlanner();
    int64_t AssignStreams(int64_t stream) override;

  private:
    Ptr<UniformRandomVariable> m_rng; //!< random draws
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
