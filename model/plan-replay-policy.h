/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLAN_REPLAY_POLICY_H
#define MEC_PFM_PLAN_REPLAY_POLICY_H

#include "admission-policy.h"

#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Replays the per-request decisions of a PlacementPlan.
 */
class PlanReplayPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /** \param plan the plan whose decisions are replayed */
    void SetPlan(const PlacementPlan& plan);
    RequestDecision Decide(const InferenceRequest& r, const ClusterState& state) override;

  private:
    std::vector<RequestDecision> m_decisions; //!< per request id
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLAN_REPLAY_POLICY_H */
