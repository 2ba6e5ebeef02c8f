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
 * The first S holds the features the prior weighs (FeatureSource::GetPrior), filled up
 * with random ones. Afterwards, with probability gamma_t = min(1, ExploreScale / sqrt(t))
 * (t the decision count) an exploration decision observes S with its weakest member
 * replaced by a non-member drawn uniformly, chosen before the context is seen; every other
 * decision observes S. The weakest member is the one whose absence would have cost the
 * decisions on S least: for each decision on S and each member, the model's cost of the arm
 * it would have chosen without that member, minus the cost of the arm it chose. A feature
 * that keeps decisions away from bad arms (a 10 s pull) is thus never dropped to explore,
 * although, for that very reason, it barely varies among the arms chosen. No exploration
 * happens before MinSamples decisions on S have measured these impacts. A member the prior
 * weighs (FeatureSource::GetPrior) is protected: it is neither explored away nor dropped
 * until its fitted weight is, with confidence, below half the prior's; with as many
 * protected members as d (ContextFeatures' four times and d = 4), tsrc explores no other
 * feature.
 *
 * Each subset keeps the statistics of the decisions that observed it. Every ReselectEvery
 * exploration feedbacks, S moves to the swap (a subset one swap away with MinSamples
 * samples, dropping a member as weak as the weakest) of least residual variance (the
 * least-squares fit of the delay on its features) if that residual is lower than S's with
 * confidence: the swap's estimate plus Confidence
 * standard errors below S's minus as many. A local search over subsets, driven by how well
 * each subset predicts delay.
 * With a window (tsrc-window) the pairwise model keeps the last Window feedbacks and each
 * subset's statistics the last Window samples of that subset: S's (the arm model) are then
 * about the last Window decisions, while a swap keeps the few exploration samples that
 * measure it (a window over all feedbacks dropped them before MinSamples accumulated: S
 * never moved).
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
    /**
     * \brief In a decision on S: the impact of each member, what the decision would lose
     * (in the fitted model's mean costs) had that member not been observed.
     */
    void Chosen(AdmissionQuery& query,
                const FeatureStatistics::Fit& fit,
                uint32_t chosen,
                bool explore) override;
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
    /// The first S: the features the prior weighs, filled up with random ones.
    void InitialSubset();
    /**
     * \param skip members not to consider
     * \return per member of S: its impact is within a few percent of the least
     */
    std::vector<bool> WeakMembers(const std::vector<bool>& skip) const;
    /**
     * \return per member of S: the prior weighs it and the data do not yet show with
     * confidence that its weight is well below the prior's
     */
    std::vector<bool> Protected() const;
    /**
     * \brief Choose the member of S whose swaps exploration measures next.
     * \return false if every member is protected (then nothing is explored)
     */
    bool FindWeakest();
    /**
     * \param features a subset
     * \param z standard errors: z > 0 for the upper confidence bound of its residual
     * variance, est / (1 - c), z < 0 for the lower, est / (1 + c), with c = |z| sqrt(2/dof)
     * the relative standard error of a variance estimate on dof degrees of freedom
     * \return the bound; +infinity (z >= 0) or 0 (z < 0) with fewer than MinSamples
     * samples, and +infinity for the upper bound where c >= 1
     */
    double Residual(const std::vector<uint32_t>& features, double z) const;
    /**
     * \param features a subset
     * \param least samples it needs
     * \param lambda the ridge parameter
     * \param fit set to the fit on its own statistics (coefficients of its features, then
     * the intercept)
     * \return false if it has fewer samples
     */
    bool FitOwn(const std::vector<uint32_t>& features,
                double least,
                double lambda,
                FeatureStatistics::Fit& fit) const;
    /**
     * \brief Like FitOwn, on the statistics the arm model learns from: the reference
     * variant's every decision on the subset (m_armModels), else the subset's own.
     * \param features a subset
     * \param least samples it needs
     * \param lambda the ridge parameter
     * \param fit set to the fit
     * \return false if it has fewer samples
     */
    bool FitArmModel(const std::vector<uint32_t>& features,
                     double least,
                     double lambda,
                     FeatureStatistics::Fit& fit) const;

    /// The statistics of the samples of one subset.
    struct SubsetStatistics
    {
        FeatureStatistics stats; //!< over the subset's features, relabelled 0..d-1
        /// With a window: the samples in stats (values, delay), oldest first.
        std::deque<std::pair<std::vector<double>, double>> window;
    };

    /**
     * \brief Add a sample to a subset's statistics; with a window, forget the subset's
     * oldest sample beyond its last Window.
     * \param stats per subset
     * \param features the subset
     * \param x the observed values
     * \param delayS the delay
     */
    void AddTo(std::map<std::vector<uint32_t>, SubsetStatistics>& stats,
               const std::vector<uint32_t>& features,
               const std::vector<double>& x,
               double delayS);

    uint32_t m_d;                     //!< features per decision
    double m_exploreScale;            //!< gamma_0
    std::string m_exploreArms;        //!< "thompson" or "uniform"
    uint32_t m_reselectEvery;         //!< exploration feedbacks between reselections
    double m_minSamples;              //!< least samples for a subset to compete
    double m_confidence;              //!< z of the residuals' confidence bounds
    std::vector<uint32_t> m_selected; //!< S
    uint32_t m_weakest{0};            //!< position in S of its weakest member
    std::vector<double> m_impact;     //!< per member of S: summed loss had it been unseen
    std::vector<bool> m_exhausted;    //!< per member of S: all its swaps measured
    uint64_t m_impactDecisions{0};    //!< decisions on S summed in m_impact
    std::map<std::vector<uint32_t>, SubsetStatistics> m_subsets; //!< per subset observed
    /// The reference variant's arm models: every decision's sample, per subset observed
    /// (m_subsets then holds exploration samples only, for the residuals).
    std::map<std::vector<uint32_t>, SubsetStatistics> m_armModels;
    uint64_t m_explorations{0};     //!< exploration decisions
    uint64_t m_exploreFeedbacks{0}; //!< exploration feedbacks
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_RESTRICTED_CONTEXT_POLICY_H */
