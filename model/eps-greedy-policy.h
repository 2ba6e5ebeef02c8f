/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_EPS_GREEDY_POLICY_H
#define MEC_PFM_EPS_GREEDY_POLICY_H

#include "linear-admission-policy.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "eps-greedy": the arm of least predicted cost under the fitted full-context model,
 * except with probability Epsilon a uniformly random serving arm.
 */
class EpsGreedyPolicy : public LinearAdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    bool SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features) override;
    bool PickUniformly(bool explore) override;

  private:
    double m_epsilon{0.05}; //!< exploration probability
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_EPS_GREEDY_POLICY_H */
