/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TSRC_POLICY_H
#define MEC_PFM_TSRC_POLICY_H

#include "restricted-context-policy.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "tsrc": Thompson sampling with restricted context over all feedback
 * (RestrictedContextPolicy with no window).
 */
class TsrcPolicy : public RestrictedContextPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_TSRC_POLICY_H */
