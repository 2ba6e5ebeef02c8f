/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_LINEAR_ADMISSION_POLICY_H
#define MEC_PFM_LINEAR_ADMISSION_POLICY_H

#include "admission-policy.h"
#include "feature-statistics.h"

#include "ns3/random-variable-stream.h"

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Common part of the policies that predict an arm's delay with one linear model over
 * the context features it observes (tsrc, tsrc-window, lints, linucb, eps-greedy).
 *
 * Per decision: SelectFeatures() names the features to observe, the model is fitted on them
 * (ridge regression, FeatureStatistics, refitted only when feedback arrived), Parameters()
 * gives the coefficients to score with (a posterior draw or the mean), and the arm of least
 * GetArmCost(predicted delay) - Bonus() wins; ties go to the first arm. What the decision
 * observed is kept until its feedback arrives, which then updates the model: feedback may
 * come in any order, and only feedback that arrived is ever used.
 */
class LinearAdmissionPolicy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    LinearAdmissionPolicy();
    ~LinearAdmissionPolicy() override;

    void Start(const AdmissionSetup& setup) override;
    uint32_t Decide(AdmissionQuery& query) override;
    void Feedback(uint64_t decision, double delayS) override;
    /**
     * \brief With Prefetch: the blocks the PrefetchPlanner (SlotPlanner) places for the
     * requests seen in the previous slot, taken as the forecast of the next.
     * \param slot the slot starting
     * \param held set to the blocks per cloudlet
     * \return whether held was set
     */
    bool PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held) override;
    int64_t AssignStreams(int64_t stream) override;

    /** \return decisions made so far */
    uint64_t GetDecisions() const;
    /** \return decisions whose feedback has not arrived */
    size_t GetPending() const;
    /** \param window learn from the last this many feedbacks only (0: all) */
    void SetWindow(uint32_t window);
    /** \return the window (0: all) */
    uint32_t GetWindow() const;

  protected:
    /**
     * \brief The features this decision observes.
     * \param query the decision
     * \param features set to the features, sorted
     * \return true if this is an exploration decision (passed back to Learn())
     */
    virtual bool SelectFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features) = 0;
    /**
     * \brief The coefficients to score the arms with (default: the fitted mean).
     * \param fit the model fitted on the observed features
     * \param theta set to the coefficients (the intercept last)
     */
    virtual void Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta);
    /**
     * \brief Optimism subtracted from an arm's predicted cost (default 0).
     * \param fit the fit
     * \param x the arm's observed features and the intercept 1
     * \return the bonus, seconds
     */
    virtual double Bonus(const FeatureStatistics::Fit& fit, const std::vector<double>& x);
    /**
     * \brief Whether this decision picks its arm uniformly at random among the arms that do
     * not reject (default false).
     * \param explore what SelectFeatures() returned
     * \return true to pick uniformly
     */
    virtual bool PickUniformly(bool explore);
    /**
     * \brief The arm a model-based decision chose (not called for uniform picks). Default:
     * nothing.
     * \param query the decision
     * \param fit the model fitted on the features observed
     * \param chosen the arm chosen
     * \param explore what SelectFeatures() returned
     */
    virtual void Chosen(AdmissionQuery& query,
                        const FeatureStatistics::Fit& fit,
                        uint32_t chosen,
                        bool explore);
    /**
     * \brief A feedback arrived (after the model learnt it). Default: nothing.
     * \param features the features its decision observed
     * \param x their values for the chosen arm
     * \param delayS the delay fed back
     * \param explore what SelectFeatures() returned for that decision
     */
    virtual void Learn(const std::vector<uint32_t>& features,
                       const std::vector<double>& x,
                       double delayS,
                       bool explore);
    /**
     * \brief Fit the delay model on a subset of the features (default: the pairwise
     * statistics of every feedback, FeatureStatistics::FitSubset).
     * \param features the subset
     * \param fit the result
     * \return false if no sample observed the subset
     */
    virtual bool DoFit(const std::vector<uint32_t>& features, FeatureStatistics::Fit& fit);
    /**
     * \brief A Gaussian draw around the fit: theta ~ N(mean, v^2 A^{-1}), v^2 =
     * PosteriorScale^2 x the residual variance (the Thompson-sampling draw).
     * \param fit the fit
     * \param theta set to the draw
     */
    void ThompsonDraw(const FeatureStatistics::Fit& fit, std::vector<double>& theta);
    /**
     * \param query the decision
     * \param features set to every feature (the full context)
     */
    static void AllFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features);
    /** \return the statistics of the delay model */
    const FeatureStatistics& GetModel() const;
    /** \return the ridge parameter */
    double GetLambda() const;
    /**
     * \param features a subset
     * \return the prior mean of its coefficients, then the intercept's (0)
     */
    std::vector<double> GetPrior(const std::vector<uint32_t>& features) const;
    /** \return the number of features N of the run (set by the first decision) */
    uint32_t GetNFeatures() const;

    Ptr<UniformRandomVariable> m_uniform; //!< uniform draws
    Ptr<NormalRandomVariable> m_normal;   //!< standard normal draws

  private:
    /// What a decision observed, kept until its feedback.
    struct Pending
    {
        std::vector<uint32_t> features; //!< observed features
        std::vector<double> x;          //!< their values for the chosen arm
        bool explore{false};            //!< SelectFeatures() said so
    };

    /// A sample in the window.
    struct Sample
    {
        std::vector<uint32_t> features; //!< observed features
        std::vector<double> x;          //!< values
        double delay{0};                //!< delay
    };

    /**
     * \param features the subset
     * \return the model fitted on it (cached until the next feedback)
     */
    const FeatureStatistics::Fit& GetFit(const std::vector<uint32_t>& features);
    /**
     * \param query the decision
     * \param features observed features
     * \param explore exploration decision
     * \return the chosen arm
     */
    uint32_t ChooseArm(AdmissionQuery& query, const std::vector<uint32_t>& features, bool explore);

    double m_lambda;                                 //!< ridge parameter
    double m_scale;                                  //!< posterior scale
    double m_priorVar;                               //!< noise variance before any fit
    uint32_t m_window;                               //!< samples kept (0: all)
    bool m_prefetch;                                 //!< plan the blocks at slot boundaries
    bool m_usePrior;                                 //!< prior mean from the feature source
    std::vector<double> m_prior;                     //!< prior mean per feature
    std::string m_prefetchPlanner;                   //!< planner of the prefetch
    std::vector<std::vector<uint32_t>> m_held;       //!< blocks the last prefetch placed
    uint32_t m_nFeatures{0};                         //!< N
    uint64_t m_decisions{0};                         //!< decisions made
    FeatureStatistics m_model;                       //!< the delay model's statistics
    uint64_t m_version{0};                           //!< bumped at every change of m_model
    uint64_t m_fitVersion{~0ULL};                    //!< version of the cached fit
    FeatureStatistics::Fit m_fit;                    //!< cached fit
    std::unordered_map<uint64_t, Pending> m_pending; //!< decisions awaiting feedback
    std::deque<Sample> m_samples;                    //!< the window
    std::vector<double> m_theta;                     //!< scratch
    std::vector<double> m_x;                         //!< scratch
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_LINEAR_ADMISSION_POLICY_H */
