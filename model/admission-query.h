/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ADMISSION_QUERY_H
#define MEC_PFM_ADMISSION_QUERY_H

#include "feature-source.h"
#include "mec-scenario.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace mecpfm
{

class PlanningProblem;

/**
 * \ingroup mec-pfm
 * \brief One admission decision as a policy sees it: the request, its arms, and the context
 * features, each of which the policy must Observe() before it may use it.
 *
 * Observing a feature computes it for every arm at once (in reality: one state query per
 * candidate site) and records it; decisions.csv lists what each decision observed, so a
 * restricted-context policy can be checked to have looked at no more than its budget.
 */
class AdmissionQuery
{
  public:
    /**
     * \param id decision number (unique per run; feedback names it)
     * \param timeS decision time, seconds
     * \param request the request
     * \param homeSite the site index of the request's home cloudlet
     * \param arms the arms (non-empty)
     * \param features where feature values come from (outlives the query)
     */
    AdmissionQuery(uint64_t id,
                   double timeS,
                   const InferenceRequest& request,
                   uint32_t homeSite,
                   std::vector<AdmissionArm> arms,
                   const FeatureSource& features);

    /**
     * \brief The arms of a request: each candidate model (PlanningProblem::GetCandidates) at
     * its home cloudlet, at the \p neighbours other cloudlets of least transfer delay from
     * home, and at the DC (a DC-only request: the DC alone); then the rejection arm if
     * \p allowReject or the request has no candidate at all.
     * \param problem the problem
     * \param request the request
     * \param neighbours other cloudlets per candidate
     * \param allowReject whether rejecting a request with candidates is allowed
     * \return the arms
     */
    static std::vector<AdmissionArm> MakeArms(const PlanningProblem& problem,
                                              const InferenceRequest& request,
                                              uint32_t neighbours,
                                              bool allowReject);

    /** \return the decision number */
    uint64_t GetId() const;
    /** \return the decision time, seconds */
    double GetTime() const;
    /** \return the request */
    const InferenceRequest& GetRequest() const;
    /** \return the site index of the home cloudlet */
    uint32_t GetHomeSite() const;
    /** \return the arms */
    const std::vector<AdmissionArm>& GetArms() const;
    /**
     * \param site a site
     * \param model a model
     * \return the index of the arm serving with that model at that site, or -1
     */
    int64_t FindArm(uint32_t site, uint32_t model) const;
    /** \return the index of the rejection arm, or -1 */
    int64_t FindRejectArm() const;
    /** \return the number N of features available */
    uint32_t GetNFeatures() const;
    /** \return the feature source */
    const FeatureSource& GetSource() const;
    /**
     * \brief Observe feature f (computes it for every arm the first time).
     * \param f a feature, < GetNFeatures()
     * \return its value per arm (0 for the rejection arm)
     */
    const std::vector<double>& Observe(uint32_t f);
    /** \return the features observed so far, in the order observed */
    const std::vector<uint32_t>& GetObserved() const;

  private:
    uint64_t m_id;                             //!< decision number
    double m_time;                             //!< decision time
    InferenceRequest m_request;                //!< request
    uint32_t m_home;                           //!< home site
    std::vector<AdmissionArm> m_arms;          //!< arms
    const FeatureSource& m_features;           //!< feature source
    std::vector<std::vector<double>> m_values; //!< per feature, per arm (empty: not observed)
    std::vector<uint32_t> m_observed;          //!< observed features
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ADMISSION_QUERY_H */
