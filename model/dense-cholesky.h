/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_DENSE_CHOLESKY_H
#define MEC_PFM_DENSE_CHOLESKY_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Cholesky factorisation A = L L^T of a small symmetric positive-definite matrix
 * (the precision matrices of the online policies' linear models: a few to a few dozen rows),
 * with the solves and the Gaussian draw those models need.
 *
 * Matrices are dense, row-major, k x k. Nothing is allocated after Factorize() has sized
 * the factor, so a policy can refactorise on every feedback without touching the heap.
 */
class DenseCholesky
{
  public:
    /**
     * \brief Factorise A (only its lower triangle is read).
     * \param a the matrix, row-major k x k
     * \param k its order
     * \return false if A is not (numerically) positive definite
     */
    bool Factorize(const std::vector<double>& a, uint32_t k);
    /** \return the order of the last factorised matrix */
    uint32_t GetOrder() const;
    /**
     * \brief Solve A x = b.
     * \param b the right-hand side (k entries); overwritten by x
     */
    void Solve(std::vector<double>& b) const;
    /**
     * \brief x = L^{-T} z: if z ~ N(0, I), x ~ N(0, A^{-1}) (the Thompson-sampling draw).
     * \param z standard normal draws (k entries); overwritten by x
     */
    void SolveTransposed(std::vector<double>& z) const;
    /**
     * \brief The quadratic form v^T A^{-1} v (the width of a confidence ellipsoid).
     * \param v the vector (k entries)
     * \param work scratch space (resized to k)
     * \return v^T A^{-1} v
     */
    double InverseQuadratic(const std::vector<double>& v, std::vector<double>& work) const;

  private:
    uint32_t m_k{0};         //!< order
    std::vector<double> m_l; //!< lower-triangular factor, row-major k x k
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_DENSE_CHOLESKY_H */
