/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_RESTRICTED_CONTEXT_POLICY_H
#define MEC_PFM_RESTRICTED_CONTEXT_POLICY_H

#include "linear-admission-policy.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Thompson sampling with restricted context (doc/online.rst, Algorithm 1): every
 * decision observes only Features = d of the N context features.
 *
 * Which d: with probability gamma_t = min(1, ExploreScale / sqrt(t)) (t the decision count)
 * an exploration decision observes S with its weakest member (least |coefficient| x
 * standard deviation in the delay model on S) replaced by a non-member drawn uniformly,
 * chosen before the context is seen; every other decision observes S. Each subset keeps
 * the statistics of the decisions that observed it. Every ReselectEvery exploration
 * feedbacks, S moves to the subset of least residual (the least-squares fit of the delay on
 * its features, corrected for degrees of freedom) among S and the subsets one swap away
 * that have MinSamples samples, if that residual is lower than S's by the factor
 * Hysteresis: a local search over subsets, driven by how well each subset predicts delay.
 * With a window (tsrc-window) the model and the subsets' statistics keep the last Window
 * feedbacks.
 *
 * The arm: a Thompson draw of the delay model fitted on the observed features
 * (LinearAdmissionPolicy), or with ExploreArms = "uniform" a uniform arm in exploration
 * decisions, the variant whose regret bound doc/online.rst proves.
 *
 * Differences from Bouneffouf et al. (IJCAI 2017), whose TSRC keeps a Beta posterior per
 * feature credited with every binary reward: a feature here is kept because the subset
 * holding it predicts delay better, measured on decisions that chose what to observe
 * independently of the values; rewards are delays, not Bernoulli draws.
 */
class RestrictedContextPolicy : public LinearAdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RestrictedContextPolicy();
    void Start(const AdmissionSetup& setup) override;

    /** \return the current subset S */
    const std::vector<uint32_t>& GetSelected() const;
    /** \return exploration decisions so far */
    uint64_t GetExplorations() const;

  protected:
    bool SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features) override;
    void Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta) override;
    bool PickUniformly(bool explore) override;
    /**
     * \brief The model of a subset that has its own statistics (at least d + 2 samples of
     * decisions that observed exactly it); otherwise the pairwise statistics of all.
     * \param features the subset
     * \param fit the result
     * \return false if no sample observed the subset
     */
    bool DoFit(const std::vector<uint32_t>& features, FeatureStatistics::Fit& fit) override;
    void Learn(const std::vector<uint32_t>& features,
               const std::vector<double>& x,
               double delayS,
               bool explore) override;

  private:
    /// Choose S anew from the exploration statistics.
    void Reselect();
    /**
     * \param features set to a uniformly random d-subset (sorted)
     */
    void RandomSubset(std::vector<uint32_t>& features);
    /// Find the weakest member of S in the delay model.
    void FindWeakest();
    /**
     * \param features a subset
     * \return its residual, +infinity if it has fewer than MinSamples samples
     */
    double Residual(const std::vector<uint32_t>& features) const;
    /**
     * \param features a subset
     * \param least samples it needs
     * \param fit set to the fit on its own statistics (coefficients of its features, then
     * the intercept)
     * \return false if it has fewer samples
     */
    bool FitOwn(const std::vector<uint32_t>& features,
                double least,
                FeatureStatistics::Fit& fit) const;

    /// An exploration sample in the selection window.
    struct Sample
    {
        std::vector<uint32_t> features; //!< observed
        std::vector<double> x;          //!< values
        double delay{0};                //!< delay
    };

    uint32_t m_d;                     //!< features per decision
    double m_exploreScale;            //!< gamma_0
    std::string m_exploreArms;        //!< "thompson" or "uniform"
    uint32_t m_reselectEvery;         //!< exploration feedbacks between reselections
    double m_minSamples;              //!< least samples for a subset to compete
    double m_hysteresis;              //!< relative improvement to switch
    std::vector<uint32_t> m_selected; //!< S
    uint32_t m_weakest{0};            //!< position in S of its weakest member
    std::map<std::vector<uint32_t>, FeatureStatistics> m_subsets; //!< per subset observed
    std::deque<Sample> m_window;    //!< exploration samples in the window
    uint64_t m_explorations{0};     //!< exploration decisions
    uint64_t m_exploreFeedbacks{0}; //!< exploration feedbacks
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_RESTRICTED_CONTEXT_POLICY_H */
