/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SLOT_REPLAN_POLICY_H
#define MEC_PFM_SLOT_REPLAN_POLICY_H

#include "admission-policy.h"
#include "placement-plan.h"

#include <string>
#include <unordered_map>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "slot-replan": an oracle of each slot's demand. At every slot boundary it plans
 * the requests that will arrive in the slot (their true sizes and times, read from the
 * scenario) with Planner, places the plan's blocks and replays its decisions.
 */
class SlotReplanPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Start(const AdmissionSetup& setup) override;
    uint32_t Decide(AdmissionQuery& query) override;
    bool PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held) override;

  private:
    std::string m_planner{"rounding"};                      //!< planner
    std::vector<std::vector<uint32_t>> m_held;              //!< blocks of the last plan
    std::unordered_map<uint32_t, RequestDecision> m_decide; //!< request id -> decision
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SLOT_REPLAN_POLICY_H */
