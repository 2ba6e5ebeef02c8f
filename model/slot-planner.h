/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SLOT_PLANNER_H
#define MEC_PFM_SLOT_PLANNER_H

#include "placement-plan.h"
#include "planning-problem.h"

#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Plans one slot of the online system with an offline planner: the scenario's network
 * and catalogue, the given requests (their arrivals moved into the slot), a horizon of one
 * slot, and the blocks held now counted as resident (they cost no pull).
 *
 * The prefetch of the learning policies plans the requests seen in the previous slot (a
 * persistence forecast of the next slot's demand); slot-replan plans the next slot's true
 * requests.
 */
class SlotPlanner
{
  public:
    /**
     * \param planner short name of the offline planner (PfmPlanner::CreateByName)
     */
    explicit SlotPlanner(std::string planner = "rounding");
    /**
     * \brief Plan a slot.
     * \param problem the whole run's problem (network, catalogue, scenario options)
     * \param requests the slot's requests (any ids and arrival times)
     * \param slotS the slot length, seconds
     * \param held the blocks held now per cloudlet site (resident in the slot's scenario)
     * \param plan set to the plan; its decisions are indexed like \p requests
     * \return false if the planner gave no plan (or there were no requests)
     */
    bool Plan(const PlanningProblem& problem,
              const std::vector<InferenceRequest>& requests,
              double slotS,
              const std::vector<std::vector<uint32_t>>& held,
              PlacementPlan& plan) const;
    /** \return the planner's short name */
    const std::string& GetPlanner() const;

  private:
    std::string m_planner; //!< planner short name
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SLOT_PLANNER_H */
