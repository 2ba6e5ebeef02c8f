/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "feature-statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

FeatureStatistics::FeatureStatistics(uint32_t nFeatures)
    : m_dim(nFeatures + 1)
{
    Clear();
}

void
FeatureStatistics::Clear()
{
    m_sxx.assign(static_cast<size_t>(m_dim) * m_dim, 0.0);
    m_w.assign(static_cast<size_t>(m_dim) * m_dim, 0.0);
    m_sxc.assign(m_dim, 0.0);
    m_scc.assign(static_cast<size_t>(m_dim) * m_dim, 0.0);
    m_total = 0;
}

void
FeatureStatistics::Add(const std::vector<uint32_t>& features,
                       const std::vector<double>& values,
                       double cost,
                       double weight)
{
    m_idx.assign(features.begin(), features.end());
    m_val.assign(values.begin(), values.end());
    m_idx.push_back(m_dim - 1); // the intercept
    m_val.push_back(1.0);
    const size_t k = m_idx.size();
    for (size_t a = 0; a < k; ++a)
    {
        const size_t i = m_idx[a];
        m_sxc[i] += weight * m_val[a] * cost;
        for (size_t b = 0; b < k; ++b)
        {
            const size_t j = m_idx[b];
            m_sxx[i * m_dim + j] += weight * m_val[a] * m_val[b];
            m_w[i * m_dim + j] += weight;
            m_scc[i * m_dim + j] += weight * cost * cost;
        }
    }
    m_total += weight;
}

double
FeatureStatistics::Moments(const std::vector<uint32_t>& subset,
                           std::vector<double>& sigma,
                           std::vector<double>& m,
                           double& c2) const
{
    m_idx.assign(subset.begin(), subset.end());
    m_idx.push_back(m_dim - 1);
    const size_t k = m_idx.size();
    sigma.assign(k * k, 0.0);
    m.assign(k, 0.0);
    double least = std::numeric_limits<double>::infinity();
    c2 = 0;
    for (size_t a = 0; a < k; ++a)
    {
        const size_t i = m_idx[a];
        const double wi = m_w[i * m_dim + i];
        m[a] = wi > 0 ? m_sxc[i] / wi : 0.0;
        for (size_t b = 0; b < k; ++b)
        {
            const size_t j = m_idx[b];
            const double w = m_w[i * m_dim + j];
            if (w < least)
            {
                least = w;
                c2 = w > 0 ? m_scc[i * m_dim + j] / w : 0.0;
            }
            sigma[a * k + b] = w > 0 ? m_sxx[i * m_dim + j] / w : 0.0;
        }
    }
    return least;
}

bool
FeatureStatistics::FitSubset(const std::vector<uint32_t>& subset,
                             double lambda,
                             Fit& fit,
                             const std::vector<double>& prior) const
{
    std::vector<double> sigma;
    std::vector<double> m;
    double c2 = 0;
    const double n = Moments(subset, sigma, m, c2);
    const size_t k = m.size();
    fit.features = subset;
    const bool sampled = n > 0;
    fit.samples = sampled ? n : 0.0;
    std::vector<double> a(k * k);
    for (size_t i = 0; i < k * k; ++i)
    {
        a[i] = sampled ? n * sigma[i] : 0.0;
    }
    // A ridge that grows until the factorisation succeeds: pairwise means of different
    // samples need not form a positive semi-definite matrix.
    for (double ridge = lambda;; ridge *= 10)
    {
        std::vector<double> reg = a;
        for (size_t i = 0; i < k; ++i)
        {
            reg[i * k + i] += ridge;
        }
        if (fit.precision.Factorize(reg, static_cast<uint32_t>(k)) || ridge > 1e12)
        {
            break;
        }
    }
    fit.theta.assign(k, 0.0);
    for (size_t i = 0; i < k; ++i)
    {
        fit.theta[i] = (sampled ? n * m[i] : 0.0) + (i < prior.size() ? lambda * prior[i] : 0.0);
    }
    fit.precision.Solve(fit.theta);
    if (!sampled)
    {
        fit.noiseVar = 1;
        return false;
    }
    // Mean squared residual E[(c - theta^T x)^2] from the moments.
    double res = c2;
    for (size_t i = 0; i < k; ++i)
    {
        res -= 2 * fit.theta[i] * m[i];
        for (size_t j = 0; j < k; ++j)
        {
            res += fit.theta[i] * sigma[i * k + j] * fit.theta[j];
        }
    }
    // Too few samples for a residual: the second moment of the cost, a finite upper bound.
    fit.noiseVar = n > k ? std::max(res, 1e-12) * n / (n - k) : std::max(c2, 1e-12);
    return true;
}

double
FeatureStatistics::GetResidual(const std::vector<uint32_t>& subset,
                               double lambda,
                               double minPair) const
{
    Fit fit;
    if (!FitSubset(subset, lambda, fit) || fit.samples < minPair)
    {
        return std::numeric_limits<double>::infinity();
    }
    return fit.noiseVar;
}

double
FeatureStatistics::GetSamples() const
{
    return m_total;
}

double
FeatureStatistics::GetPairWeight(uint32_t i, uint32_t j) const
{
    return m_w[static_cast<size_t>(i) * m_dim + j];
}

double
FeatureStatistics::GetMoment(uint32_t i, uint32_t j) const
{
    const size_t k = static_cast<size_t>(i) * m_dim + j;
    return m_w[k] > 0 ? m_sxx[k] / m_w[k] : 0.0;
}

uint32_t
FeatureStatistics::GetNFeatures() const
{
    return m_dim - 1;
}

} // namespace mecpfm
} // namespace ns3
