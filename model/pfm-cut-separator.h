/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): uses GLPK types.

#ifndef MEC_PFM_PFM_CUT_SEPARATOR_H
#define MEC_PFM_PFM_CUT_SEPARATOR_H

#include "pfm-lp-model-builder.h"

#include <map>
#include <utility>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Separation of the valid inequalities of doc/planner.rst ("Stronger relaxation"):
 * load linking on a model, a shared block or the pull indicator (V1-V3), class linking
 * (V4), and, with aggregated linking, the per-option rows x_{q,m,c} <= n_q y_{m,c}.
 *
 * A cut sum(a_j v_j) <= 0 is added where the LP point violates it by more than 1e-4 of
 * its largest term: as a row of the problem at the root, through glp_ios_add_row at a
 * branch-and-cut node.
 */
class PfmCutSeparator
{
  public:
    /**
     * \param problem the problem (kept by reference)
     * \param options the options of the model (kept by reference)
     * \param opt the build options (kept by reference)
     * \param cols the model's columns (kept by reference: reduced-cost fixing renumbers
     * them in place)
     */
    PfmCutSeparator(const PlanningProblem& problem,
                    const std::vector<ClassOption>& options,
                    const PfmLpFormulation::Options& opt,
                    const PfmLpColumns& cols);

    /**
     * \brief Add the inequalities the current LP point violates.
     * \param lp the problem, solved to optimality
     * \param tree the branch-and-cut tree (in glp_intopt's callback), or null at the root
     * \return number of cuts added
     */
    uint32_t Separate(glp_prob* lp, glp_tree* tree = nullptr);

  private:
    /// A cut's terms (column, coefficient); column 0 (deleted) is skipped.
    using Terms = std::vector<std::pair<int, double>>;

    /// Add sum(terms) <= 0.
    void AddCut(const Terms& terms);
    /**
     * \brief Load linking: the load a set of models puts on c is at most U times the
     * indicator every one of them needs, U = min(load capacity, the most that demand can
     * put there).
     */
    void LoadCut(uint32_t c, const std::vector<uint32_t>& models, int indicator);
    /// The per-option linking rows of the aggregated model, where violated.
    void OptionLinkingCuts();
    /// The load cuts of cloudlet c: per model, per shared block, on the pull indicator.
    void LoadCuts(uint32_t c);
    /// The class-linking cuts of cloudlet c.
    void ClassCuts(uint32_t c);
    /// \return whether model m pulls a block to cloudlet c
    bool Pulls(uint32_t c, uint32_t m) const;
    /// \return per-request load of option o (PFLOP)
    double Phi(size_t o) const;
    /// \return the LP value of column j (0 for a deleted column)
    double Prim(int j) const;

    const PlanningProblem& m_problem;          //!< problem
    const std::vector<ClassOption>& m_options; //!< options
    const PfmLpFormulation::Options& m_opt;    //!< build options
    const PfmLpColumns& m_cols;                //!< columns
    /// options at each cloudlet, by model
    std::vector<std::map<uint32_t, std::vector<size_t>>> m_byModel;
    glp_prob* m_lp{nullptr};   //!< problem of the current call
    glp_tree* m_tree{nullptr}; //!< tree of the current call (null at the root)
    std::vector<double> m_xv;  //!< x values of the current LP point
    uint32_t m_added{0};       //!< cuts added by the current call
    std::vector<int> m_ind;    //!< row buffer: columns
    std::vector<double> m_val; //!< row buffer: coefficients
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_CUT_SEPARATOR_H */
