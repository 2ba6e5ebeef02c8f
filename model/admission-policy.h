/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ADMISSION_POLICY_H
#define MEC_PFM_ADMISSION_POLICY_H

#include "placement-plan.h"
#include "planning-problem.h"

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What a policy may look at when it decides: the live state of the sites.
 */
struct ClusterState
{
    std::vector<uint32_t> queueLength; //!< per site: requests waiting or in service
    std::vector<uint32_t> busyServers; //!< per site: servers busy
    Time now;                          //!< decision time
};

/**
 * \ingroup mec-pfm
 * \brief The per-request hook: which site and model serve a request, or reject it.
 *
 * The applications only carry decisions out; an offline plan (PlanReplayPolicy) or an
 * online learner (a later subclass) makes them.
 */
class AdmissionPolicy : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ~AdmissionPolicy() override;
    /**
     * \param r the request (scenario entry)
     * \param state the live state
     * \return the decision
     */
    virtual RequestDecision Decide(const InferenceRequest& r, const ClusterState& state) = 0;
    /**
     * \brief Feedback once a request ended (for learning policies; default: ignore).
     * \param r the request
     * \param d the decision taken
     * \param delayS its measured end-to-end delay (negative if it failed)
     */
    virtual void Feedback(const InferenceRequest& r, const RequestDecision& d, double delayS);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ADMISSION_POLICY_H */
