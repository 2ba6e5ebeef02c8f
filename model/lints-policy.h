/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_LINTS_POLICY_H
#define MEC_PFM_LINTS_POLICY_H

#include "linear-admission-policy.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "lints": linear Thompson sampling with the full context (every feature observed at
 * every decision; Agrawal and Goyal, ICML 2013): the upper reference of tsrc.
 */
class LintsPolicy : public LinearAdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    bool SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features) override;
    void Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta) override;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_LINTS_POLICY_H */
