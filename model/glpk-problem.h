/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): the only header of the module that
// includes glpk.h. Installed headers stay free of GLPK types.

#ifndef MEC_PFM_GLPK_PROBLEM_H
#define MEC_PFM_GLPK_PROBLEM_H

#include <glpk.h>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A sparse matrix in GLPK's 1-based triplet form (element 0 unused), loaded into a
 * GlpkProblem by GlpkProblem::LoadMatrix.
 */
struct GlpkTriplets
{
    std::vector<int> ia{0};    //!< rows
    std::vector<int> ja{0};    //!< columns
    std::vector<double> ar{0}; //!< values

    /**
     * \brief Append one element.
     * \param i row
     * \param j column
     * \param v value
     */
    void Add(int i, int j, double v)
    {
        ia.push_back(i);
        ja.push_back(j);
        ar.push_back(v);
    }

    /// \return number of elements
    int GetSize() const
    {
        return static_cast<int>(ia.size() - 1);
    }
};

/**
 * \ingroup mec-pfm
 * \brief Owner of one GLPK problem (glp_prob): created by the constructor (a minimisation,
 * GLPK's terminal output off), freed by the destructor on every exit, a return or an
 * exception. Not copyable.
 *
 * It also holds the simplex parameters of its re-solves (dual simplex first, primal as
 * GLPK's fallback; messages off; an optional time limit). glp_prob is the only object of
 * GLPK that the module allocates: the search tree (glp_tree) belongs to glp_intopt and is
 * only seen inside its callback, and the parameter blocks (glp_smcp, glp_iocp) are plain
 * structs.
 */
class GlpkProblem
{
  public:
    /// Create an empty minimisation problem; GLPK's terminal output off.
    GlpkProblem();
    /// Free the problem.
    ~GlpkProblem();
    GlpkProblem(const GlpkProblem&) = delete;
    GlpkProblem& operator=(const GlpkProblem&) = delete;

    /// \return the GLPK problem, owned by this object
    glp_prob* Get() const;

    /**
     * \brief Add a row.
     * \param type GLP_FX, GLP_UP, ...
     * \param lb lower bound
     * \param ub upper bound
     * \return its index
     */
    int AddRow(int type, double lb, double ub);
    /**
     * \brief Add a continuous column.
     * \param type GLP_DB, GLP_LO, ...
     * \param lb lower bound
     * \param ub upper bound
     * \param cost objective coefficient
     * \return its index
     */
    int AddColumn(int type, double lb, double ub, double cost);
    /**
     * \brief Add the row sum(a_j v_j) <= 0.
     * \param ind the columns, 1-based (element 0 unused)
     * \param val the coefficients, 1-based (element 0 unused)
     * \return its index
     */
    int AddUpperRow(const std::vector<int>& ind, const std::vector<double>& val);
    /**
     * \brief Add an integer column N and the row sum(members) - N = 0 (the copy and
     * load-group columns of doc/planner.rst); N is made basic and the row nonbasic, so
     * that an optimal basis stays optimal.
     * \param members the columns summed (each integral in every solution sought)
     * \param ub upper bound of N (infinite: none)
     * \return N's column index
     */
    int AddSumColumn(const std::vector<int>& members, double ub);
    /**
     * \brief Load the constraint matrix and scale the problem (GLP_SF_AUTO).
     * \param t the nonzeros
     */
    void LoadMatrix(const GlpkTriplets& t);

    /**
     * \brief Time limit of the following simplex runs.
     * \param seconds the limit (clipped to [1 ms, 2e9 ms])
     */
    void SetSimplexTimeLimit(double seconds);
    /**
     * \brief Start the next Simplex() from Bixby's crash basis (glp_cpx_basis) instead of
     * the current one (at first the slack basis); later solves start from their
     * predecessor's basis again.
     */
    void CrashNextSimplex();
    /**
     * \brief Run the simplex from the current basis (or the crash basis: CrashNextSimplex).
     * \return glp_simplex's return code
     */
    int Simplex();

    /// \return number of columns
    int GetNColumns() const;
    /// \return number of rows
    int GetNRows() const;

    /**
     * \param v a value
     * \return its distance to the nearest integer
     */
    static double Fractionality(double v);

  private:
    glp_prob* m_lp;      //!< the problem
    glp_smcp m_smcp;     //!< simplex parameters
    bool m_crash{false}; //!< crash the basis before the next Simplex()
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_GLPK_PROBLEM_H */
