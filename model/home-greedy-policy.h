/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_HOME_GREEDY_POLICY_H
#define MEC_PFM_HOME_GREEDY_POLICY_H

#include "admission-policy.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "home-greedy", the obvious rule: serve at the home cloudlet with the most accurate
 * candidate (ties: the lower model index), pulling what is missing; a request that may be
 * served only at the DC goes there; the rejection arm only if nothing serves. Observes no
 * feature and never prefetches.
 */
class HomeGreedyPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    uint32_t Decide(AdmissionQuery& query) override;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_HOME_GREEDY_POLICY_H */
