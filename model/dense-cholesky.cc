/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dense-cholesky.h"

#include <cmath>

namespace ns3
{
namespace mecpfm
{

bool
DenseCholesky::Factorize(const std::vector<double>& a, uint32_t k)
{
    m_k = k;
    m_l.assign(static_cast<size_t>(k) * k, 0.0);
    for (uint32_t i = 0; i < k; ++i)
    {
        for (uint32_t j = 0; j <= i; ++j)
        {
            double s = a[i * k + j];
            for (uint32_t p = 0; p < j; ++p)
            {
                s -= m_l[i * k + p] * m_l[j * k + p];
            }
            if (i == j)
            {
                if (!(s > 0) || !std::isfinite(s))
                {
                    return false;
                }
                m_l[i * k + i] = std::sqrt(s);
            }
            else
            {
                m_l[i * k + j] = s / m_l[j * k + j];
            }
        }
    }
    return true;
}

uint32_t
DenseCholesky::GetOrder() const
{
    return m_k;
}

void
DenseCholesky::Solve(std::vector<double>& b) const
{
    const uint32_t k = m_k;
    for (uint32_t i = 0; i < k; ++i) // L y = b
    {
        double s = b[i];
        for (uint32_t p = 0; p < i; ++p)
        {
            s -= m_l[i * k + p] * b[p];
        }
        b[i] = s / m_l[i * k + i];
    }
    SolveTransposed(b);
}

void
DenseCholesky::SolveTransposed(std::vector<double>& z) const
{
    const uint32_t k = m_k;
    for (uint32_t ii = k; ii-- > 0;) // L^T x = z
    {
        double s = z[ii];
        for (uint32_t p = ii + 1; p < k; ++p)
        {
            s -= m_l[p * k + ii] * z[p];
        }
        z[ii] = s / m_l[ii * k + ii];
    }
}

double
DenseCholesky::InverseQuadratic(const std::vector<double>& v, std::vector<double>& work) const
{
    // v^T (L L^T)^{-1} v = |L^{-1} v|^2
    const uint32_t k = m_k;
    work.resize(k);
    double q = 0;
    for (uint32_t i = 0; i < k; ++i)
    {
        double s = v[i];
        for (uint32_t p = 0; p < i; ++p)
        {
            s -= m_l[i * k + p] * work[p];
        }
        work[i] = s / m_l[i * k + i];
        q += work[i] * work[i];
    }
    return q;
}

} // namespace mecpfm
} // namespace ns3
