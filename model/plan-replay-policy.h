/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLAN_REPLAY_POLICY_H
#define MEC_PFM_PLAN_REPLAY_POLICY_H

#include "admission-policy.h"
#include "placement-plan.h"

#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "plan-replay": the offline reference. Replays a PlacementPlan made with the whole
 * demand known in advance: its blocks are placed at the first slot boundary and every
 * request gets the plan's decision. Without SetPlan(), Start() plans the run's whole
 * scenario with Planner.
 */
class PlanReplayPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /** \param plan the plan whose decisions are replayed (indexed by request id) */
    void SetPlan(const PlacementPlan& plan);
    /** \return the plan replayed */
    const PlacementPlan& GetPlan() const;
    void Start(const AdmissionSetup& setup) override;
    uint32_t Decide(AdmissionQuery& query) override;
    bool PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held) override;

  private:
    std::string m_planner{"rounding"}; //!< planner used without SetPlan()
    bool m_hasPlan{false};             //!< SetPlan() was called
    PlacementPlan m_plan;              //!< the plan
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLAN_REPLAY_POLICY_H */
