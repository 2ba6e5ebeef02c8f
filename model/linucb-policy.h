/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_LINUCB_POLICY_H
#define MEC_PFM_LINUCB_POLICY_H

#include "linear-admission-policy.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "linucb": optimism with the full context (Li et al., WWW 2010, with a shared
 * model): an arm's cost is its predicted delay minus Alpha sigma sqrt(x^T A^{-1} x).
 */
class LinucbPolicy : public LinearAdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    bool SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features) override;
    double Bonus(const FeatureStatistics::Fit& fit, const std::vector<double>& x) override;

  private:
    double m_alpha{1.0};        //!< width of the confidence bound
    std::vector<double> m_work; //!< scratch
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_LINUCB_POLICY_H */
