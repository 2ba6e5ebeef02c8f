/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_RANDOM_POLICY_H
#define MEC_PFM_RANDOM_POLICY_H

#include "admission-policy.h"

#include "ns3/random-variable-stream.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "random": a uniformly random serving arm (the rejection arm only if it is the only
 * one). Observes no feature.
 */
class RandomPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RandomPolicy();
    uint32_t Decide(AdmissionQuery& query) override;
    int64_t AssignStreams(int64_t stream) override;

  private:
    Ptr<UniformRandomVariable> m_rng; //!< draws
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_RANDOM_POLICY_H */
