/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_CONTEXT_FEATURES_H
#define MEC_PFM_CONTEXT_FEATURES_H

#include "feature-source.h"

namespace ns3
{
namespace mecpfm
{

class PlanningProblem;
class SiteStateView;

/**
 * \ingroup mec-pfm
 * \brief The N = 16 context features of an admission decision (doc/online.rst, "Context").
 *
 * Every feature is a property of the (request, arm) pair, so that one linear model over
 * them ranks the arms of any request (a property of the request alone would shift every
 * arm's score equally and could not change a decision). Times are seconds.
 *
 * | # | name | value for request r, arm (model m, site s) | source |
 * |---|------|---------------------------------------------|--------|
 * | 0 | proc | processing time phi_m(r) / mu_s | request, catalogue |
 * | 1 | xfer | transfer time home -> s and back | request, routes |
 * | 2 | pull | time to pull m's bytes not stored at s, plus lat(dc, s) | state: blocks at s |
 * | 3 | backlog | time to pull the bytes already queued or arriving at s | state: pulls at s |
 * | 4 | queue | requests at s x proc / servers of s | state: queue at s |
 * | 5 | busy | busy servers / servers at s | state: servers at s |
 * | 6 | qlen | requests waiting or in service at s | state: queue at s |
 * | 7 | resident | fraction of m's bytes stored at s | state: blocks at s |
 * | 8 | pulls | pulls queued or under way to s | state: pulls at s |
 * | 9 | dc | 1 if s is the DC | arm |
 * | 10 | home | 1 if s is the home cloudlet | arm |
 * | 11 | accuracy | a_m | catalogue |
 * | 12 | size | m's bytes, GB | catalogue |
 * | 13 | latency | lat(home, s) | routes |
 * | 14 | pergb | seconds per GB on the route home -> s (0 at home) | routes |
 * | 15 | tod | time of day as a fraction of 24 h | clock |
 */
class ContextFeatures : public FeatureSource
{
  public:
    /// The features, in order.
    enum Feature : uint32_t
    {
        PROC = 0,    //!< processing time
        XFER,        //!< transfer time
        PULL,        //!< time to pull what is missing
        BACKLOG,     //!< time to pull what is queued
        QUEUE,       //!< queue length x processing time / servers
        BUSY,        //!< busy fraction of the servers
        QLEN,        //!< queue length
        RESIDENT,    //!< resident fraction of the model
        PULLS,       //!< pulls under way
        IS_DC,       //!< the DC
        IS_HOME,     //!< the home cloudlet
        ACCURACY,    //!< model accuracy
        SIZE,        //!< model size
        LATENCY,     //!< route latency
        PER_GB,      //!< route seconds per GB
        TIME_OF_DAY, //!< clock
        N_FEATURES   //!< how many
    };

    /**
     * \param problem the problem (outlives this)
     * \param state the live state (outlives this)
     */
    ContextFeatures(const PlanningProblem& problem, const SiteStateView& state);
    /** \param nowS the current time, seconds (for the time-of-day feature) */
    void SetNow(double nowS);
    uint32_t GetNFeatures() const override;
    std::string GetName(uint32_t f) const override;
    double GetValue(uint32_t f,
                    const InferenceRequest& request,
                    const AdmissionArm& arm) const override;
    /**
     * \brief The analytical model's weights: 1 for the four times whose sum is the delay
     * of an arm up to the access legs (proc, xfer, pull, queue), 0 for the others.
     * \param f a feature
     * \return the prior weight
     */
    double GetPrior(uint32_t f) const override;
    /**
     * \brief The analytical model's delay of an arm: access (up and down) + proc + xfer +
     * pull + backlog + queue. Not an observation (the packet mode's regret estimate).
     * \param request the request
     * \param arm a serving arm
     * \return seconds
     */
    double GetAnalyticalDelay(const InferenceRequest& request, const AdmissionArm& arm) const;

  private:
    const PlanningProblem& m_problem; //!< problem
    const SiteStateView& m_state;     //!< live state
    double m_now{0};                  //!< time
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_CONTEXT_FEATURES_H */
