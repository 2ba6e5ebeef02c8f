/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): uses GLPK types.

#ifndef MEC_PFM_PFM_BRANCH_AND_CUT_H
#define MEC_PFM_PFM_BRANCH_AND_CUT_H

#include "load-group-columns.h"
#include "pfm-cut-separator.h"
#include "pfm-lp-model-builder.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The ILP's branch and cut (doc/planner.rst), from the optimal root relaxation of a
 * model built by PfmLpModelBuilder and strengthened by PfmCutSeparator.
 *
 * Before glp_intopt: the first incumbent (Options::incumbent, or the placement heuristic's
 * plan on the root if better), reduced-cost fixing against it, the per-option linking rows
 * of the aggregated model, copy and load-group columns. During glp_intopt (its callback):
 * the incumbent and the heuristic's plans handed to GLPK, the cuts at every node, branching
 * on the placement first, and the best bound of the open nodes.
 */
class PfmBranchAndCut
{
  public:
    /**
     * \param problem the problem
     * \param options the model's options
     * \param opt the build options
     * \param builder the model's builder (plans to column values)
     * \param separator the cut separator of the model
     * \param lp the model, its root relaxation solved to optimality
     * \param cols its columns (renumbered in place by reduced-cost fixing)
     * All are kept by reference.
     */
    PfmBranchAndCut(const PlanningProblem& problem,
                    const std::vector<ClassOption>& options,
                    const PfmLpFormulation::Options& opt,
                    const PfmLpModelBuilder& builder,
                    PfmCutSeparator& separator,
                    GlpkProblem& lp,
                    PfmLpColumns& cols);

    /**
     * \brief Run branch and cut.
     * \param lpValue the value of the root relaxation
     * \param started when the model build began (the time limit counts from there)
     * \return OPTIMAL (within the gap) or FEASIBLE with a solution in the problem (GLPK's
     * MIP solution), INFEASIBLE, TIME_LIMIT or ERROR
     */
    PfmLpFormulation::Outcome Run(double lpValue, std::chrono::steady_clock::time_point started);

    /// \return the best bound of the open nodes when the search stopped (-infinity if none)
    double GetBound() const;

  private:
    /// The first incumbent: the given plan, or the heuristic's on the root if better.
    void PrepareStart();
    /// Delete the columns (fix the binaries) that no plan better than the start can use.
    void FixByReducedCost(double lpValue);
    /// Aggregated linking: add the per-option linking rows of the columns left.
    void AddOptionLinkingRows();
    /// Add the copy columns N_m; weights to copyWeight.
    void AddCopyColumns();
    /// Add the load-group columns at the sites whose load binds at the root.
    void AddLoadGroupColumns();
    /// An integer sum column, recorded in cols.sums, its value appended to the start.
    int AddSumColumn(const std::vector<int>& members, double ub);
    /// Re-solve from an optimal basis; notes a stop by the time limit.
    void Resolve();
    /// \return the objective of column values (1-based)
    double ColumnsValue(const std::vector<double>& v) const;
    /// The branching candidates of the placement: z, y, p and copy columns.
    void CollectBinaries();
    /// \return glp_intopt's outcome as PfmLpFormulation's
    PfmLpFormulation::Outcome Search(std::chrono::steady_clock::time_point started);

    /// glp_intopt's callback: info is this object.
    static void Callback(glp_tree* tree, void* info);
    /// Hand the start, then the heuristic's plans, to GLPK (GLP_IHEUR).
    void OnHeuristic(glp_tree* tree);
    /// Branch on the placement first, then on a load-group column (GLP_IBRANCH).
    void OnBranch(glp_tree* tree);
    /// \return the binary or copy column of largest fractionality times weight, 0 if none
    int PickPlacement(glp_tree* tree) const;

    const PlanningProblem& m_problem;          //!< problem
    const std::vector<ClassOption>& m_options; //!< options
    const PfmLpFormulation::Options& m_opt;    //!< build options
    const PfmLpModelBuilder& m_builder;        //!< builder
    PfmCutSeparator& m_separator;              //!< cuts
    GlpkProblem& m_lp;                         //!< the model
    PfmLpColumns& m_cols;                      //!< its columns

    std::vector<double> m_start;        //!< first incumbent's column values (empty: none)
    bool m_startGiven{false};           //!< handed to GLPK
    bool m_resolveTimedOut{false};      //!< a re-solve before the search hit the time limit
    std::vector<int> m_binaries;        //!< placement columns branched on first
    std::map<int, double> m_copyWeight; //!< copy column -> pull time of one copy
    LoadGroupColumns m_loadGroups;      //!< load-group columns
    double m_bound;                     //!< best bound of the open nodes
    uint64_t m_cutCalls{0};             //!< node separations
    uint64_t m_cutsAdded{0};            //!< cuts added at the nodes
    uint64_t m_branchCalls{0};          //!< branching callbacks
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_BRANCH_AND_CUT_H */
