/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_FEATURE_STATISTICS_H
#define MEC_PFM_FEATURE_STATISTICS_H

#include "dense-cholesky.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Sufficient statistics of a linear cost model c = theta^T x + noise over N features
 * plus an intercept, from samples in which only some features were observed.
 *
 * For every pair of features (the intercept, index N, is always observed) it keeps the sum
 * of x_i x_j and the weight of the samples in which both were observed; for every feature
 * the sum of x_i c. A fit on a subset S uses the pairwise means, scaled by the least
 * pairwise weight n_S: A = n_S Sigma_SS + lambda I, b = n_S m_S. When every sample observed
 * all of S this is exactly ridge regression on those samples; when the features observed
 * are chosen independently of their values (missing completely at random) the pairwise
 * means are consistent estimates of the second moments (doc/online.rst, Lemma 1).
 * Samples can be removed (weight -1) for a sliding window.
 */
class FeatureStatistics
{
  public:
    /// A ridge fit on a subset of the features.
    struct Fit
    {
        std::vector<uint32_t> features; //!< the subset S (the intercept is the last coefficient)
        std::vector<double> theta;      //!< coefficients, |S| + 1
        DenseCholesky precision;        //!< factor of A = n_S Sigma_SS + lambda I
        double noiseVar{1};             //!< residual variance estimate (corrected for degrees
                                        //!< of freedom; E[c^2] if there are too few samples)
        double samples{0};              //!< n_S
    };

    /** \param nFeatures N (the intercept is added) */
    explicit FeatureStatistics(uint32_t nFeatures = 0);
    /** \brief Forget every sample. */
    void Clear();
    /**
     * \brief Add (weight 1) or remove (weight -1) one sample.
     * \param features the observed features (distinct, < N; the intercept is implied)
     * \param values their values, in the same order
     * \param cost the observed cost
     * \param weight 1 to add, -1 to remove a sample added before
     */
    void Add(const std::vector<uint32_t>& features,
             const std::vector<double>& values,
             double cost,
             double weight = 1);
    /**
     * \brief Ridge fit on a subset: the posterior mean of a Gaussian prior N(prior,
     * lambda^{-1} I) on the coefficients, theta = A^{-1} (n_S m_S + lambda prior).
     * \param subset the features S (sorted or not; no intercept)
     * \param lambda ridge parameter, the prior's precision (> 0)
     * \param fit the result
     * \param prior prior mean of the coefficients of S then the intercept (empty: zero)
     * \return false if no sample observed all of S (fit is then the prior)
     */
    bool FitSubset(const std::vector<uint32_t>& subset,
                   double lambda,
                   Fit& fit,
                   const std::vector<double>& prior = {}) const;
    /**
     * \brief Mean squared residual of the least-squares (ridge lambda) fit on a subset, from
     * the pairwise means, corrected for the degrees of freedom (n / (n - |S| - 1)); +infinity
     * if some pair of S was observed together in fewer than minPair samples.
     * \param subset the features S
     * \param lambda ridge parameter
     * \param minPair least weight of every pair of S
     * \return the estimated residual variance
     */
    double GetResidual(const std::vector<uint32_t>& subset, double lambda, double minPair) const;
    /** \return total weight of the samples */
    double GetSamples() const;
    /**
     * \param i a feature
     * \param j a feature
     * \return weight of the samples in which both were observed
     */
    double GetPairWeight(uint32_t i, uint32_t j) const;
    /**
     * \param i a feature (N: the intercept)
     * \param j a feature (N: the intercept)
     * \return the mean of x_i x_j over the samples that observed both (0 if none)
     */
    double GetMoment(uint32_t i, uint32_t j) const;
    /** \return N */
    uint32_t GetNFeatures() const;

  private:
    /**
     * \brief Assemble the pairwise means on S plus the intercept.
     * \param subset S
     * \param sigma second moments (k x k, row-major)
     * \param m cross moments with the cost (k)
     * \param c2 set to the mean of c^2 over the samples of the least observed pair
     * \return the least pairwise weight n_S
     */
    double Moments(const std::vector<uint32_t>& subset,
                   std::vector<double>& sigma,
                   std::vector<double>& m,
                   double& c2) const;

    uint32_t m_dim;                      //!< N + 1
    std::vector<double> m_sxx;           //!< sums of x_i x_j, (N+1)^2
    std::vector<double> m_w;             //!< weights of pairs, (N+1)^2
    std::vector<double> m_sxc;           //!< sums of x_i c
    std::vector<double> m_scc;           //!< sums of c^2 per pair (that pair's samples)
    double m_total{0};                   //!< total weight
    mutable std::vector<uint32_t> m_idx; //!< scratch: indices with the intercept
    mutable std::vector<double> m_val;   //!< scratch: values with the intercept
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_FEATURE_STATISTICS_H */
