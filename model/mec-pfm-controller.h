/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_CONTROLLER_H
#define MEC_PFM_MEC_PFM_CONTROLLER_H

#include "admission-policy.h"

#include "ns3/object.h"

#include <map>

namespace ns3
{
namespace mecpfm
{

class PfmSiteApp;

/**
 * \ingroup mec-pfm
 * \brief The controller: asks the AdmissionPolicy for a decision per request, giving it the
 * live ClusterState of all sites. Home cloudlets call it; it never plans by itself.
 */
class MecPfmController : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /** \param policy the policy deciding per request */
    void SetPolicy(Ptr<AdmissionPolicy> policy);
    /** \return the policy */
    Ptr<AdmissionPolicy> GetPolicy() const;
    /**
     * \param site site index
     * \param app the application serving it
     */
    void AddSite(uint32_t site, Ptr<PfmSiteApp> app);
    /**
     * \param r the request
     * \return the policy's decision
     */
    RequestDecision Decide(const InferenceRequest& r);

  protected:
    void DoDispose() override;

  private:
    Ptr<AdmissionPolicy> m_policy;               //!< policy
    std::map<uint32_t, Ptr<PfmSiteApp>> m_sites; //!< sites
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_CONTROLLER_H */
