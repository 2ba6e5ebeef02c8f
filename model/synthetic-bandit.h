/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SYNTHETIC_BANDIT_H
#define MEC_PFM_SYNTHETIC_BANDIT_H

#include "admission-policy.h"
#include "feature-source.h"

#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A stationary synthetic environment of the linear model behind the regret bound
 * (doc/online.rst): every decision has Arms arms, each with N features drawn i.i.d.
 * uniform in [0, 1]; an arm's delay is theta*^T x + Gaussian noise, theta* having non-zero
 * weights on a few features only; feedback of decision t arrives after a uniformly random
 * number of later decisions (out of order). Used by the tests and the benchmark of the
 * online policies; needs no scenario.
 */
class SyntheticBandit : public FeatureSource
{
  public:
    /// The environment's parameters.
    struct Params
    {
        uint32_t features{16};          //!< N
        uint32_t arms{40};              //!< arms per decision
        std::vector<double> theta;      //!< theta* (N entries; the intercept is 1 s)
        double noise{0.1};              //!< noise standard deviation, seconds
        uint32_t maxDelay{0};           //!< feedback delay, uniform in [0, maxDelay] decisions
        std::vector<double> thetaAfter; //!< theta* from decision changeAt on (empty: none)
        uint32_t changeAt{0};           //!< when theta* changes (non-stationary demand)
        int64_t stream{0};              //!< first random stream
    };

    /// What a run measured.
    struct Result
    {
        std::vector<double> cumulativeRegret; //!< after each decision
        double totalCost{0};                  //!< sum of expected costs of the chosen arms
        double lateCost{0};                   //!< the same over the last tenth of decisions
        double policyS{0};                    //!< wall seconds inside the policy's calls
        double wallS{0};                      //!< wall seconds of the decision loop
        std::vector<uint64_t> observedCount;  //!< decisions that observed each feature
        std::vector<uint64_t> observedLate;   //!< the same, in the last half of decisions
    };

    /** \param params the parameters */
    explicit SyntheticBandit(const Params& params);
    /**
     * \brief Run a policy for a number of decisions.
     * \param policy the policy (Start() is called here, with no problem)
     * \param decisions T
     * \return the measurements
     */
    Result Run(AdmissionPolicy& policy, uint32_t decisions);

    uint32_t GetNFeatures() const override;
    std::string GetName(uint32_t f) const override;
    double GetValue(uint32_t f,
                    const InferenceRequest& request,
                    const AdmissionArm& arm) const override;

  private:
    Params m_params;                    //!< parameters
    Ptr<UniformRandomVariable> m_x;     //!< features
    Ptr<NormalRandomVariable> m_noise;  //!< noise
    Ptr<UniformRandomVariable> m_delay; //!< feedback delays
    std::vector<double> m_context;      //!< current decision: arms x N
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SYNTHETIC_BANDIT_H */
