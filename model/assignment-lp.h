/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): uses GLPK types. The public entry
// is PlanAssigner::AssignByLp.

#ifndef MEC_PFM_ASSIGNMENT_LP_H
#define MEC_PFM_ASSIGNMENT_LP_H

#include "glpk-problem.h"
#include "pfm-lp-model-builder.h"

#include <set>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The assignment that minimises the total serving delay for a fixed placement
 * (PlanAssigner::AssignByLp): the LP of doc/planner.rst with every y fixed, built by
 * PfmLpModelBuilder::BuildAssignment, optionally solved as an integer program (branching
 * on LoadGroupColumns), made integral and improved by exchanges.
 */
class AssignmentLp
{
  public:
    /**
     * \brief Choose the options (see PlanAssigner::AssignByLp).
     * \param problem the problem (kept by reference)
     * \param open per cloudlet site, the models available
     * \param nearest cloudlets per class besides its home (0 = every one with an option,
     * or as many as \p maxOptions allows)
     * \param maxOptions with \p nearest 0: the largest K whose options fit (0 = no limit)
     */
    AssignmentLp(const PlanningProblem& problem,
                 const std::vector<std::set<uint32_t>>& open,
                 uint32_t nearest,
                 uint64_t maxOptions);

    /// \return the options of the LP
    const std::vector<ClassOption>& GetOptions() const;

    /**
     * \brief Solve (see PlanAssigner::AssignByLp); call once.
     * \param integerNodes if > 0: the integer program first, for at most this many
     * branch-and-bound subproblems, and exchanges after
     * \param maxSeconds if > 0, also a wall-clock limit of the integer program
     * \param plan the plan, set if the return value is true
     * \return false if no assignment within the load capacities was found
     */
    bool Solve(uint32_t integerNodes, double maxSeconds, PlacementPlan& plan);

  private:
    /**
     * \brief Per class, its options: the lightest candidate at the DC, then its cloudlets
     * holding one of its candidates (the lightest open one), home first, then by transfer
     * delay.
     */
    std::vector<std::vector<ClassOption>> OptionsByClass(
        const std::vector<std::set<uint32_t>>& open) const;
    /**
     * \brief Keep per class the DC option, its home and K other cloudlets: K = \p nearest,
     * or, with \p nearest 0, all or as many as \p maxOptions allows.
     */
    void SelectOptions(const std::vector<std::vector<ClassOption>>& byClass,
                       uint32_t nearest,
                       uint64_t maxOptions);
    /// \return whether the integer program, stopped after \p nodes subproblems (or
    /// \p seconds if > 0), found counts (the LP's basis is reset after)
    bool SolveInteger(uint32_t nodes, double seconds, std::vector<uint32_t>& counts);
    /// \return whether rounding the LP's counts placed every member (three attempts)
    bool RoundRelaxation(std::vector<uint32_t>& counts);
    /// \return whether every member not counted found an option with load to spare
    bool PlaceLeftovers(std::vector<double>& left, std::vector<uint32_t>& counts) const;
    /// \return FLOPs of one request of option o
    double Flops(size_t o) const;
    /// glp_intopt's callback: branch on the load-group columns, count the subproblems and
    /// stop at the budget (info: a CallbackInfo of assignment-lp.cc).
    static void Callback(glp_tree* tree, void* info);

    const PlanningProblem& m_problem;           //!< problem
    std::vector<ClassOption> m_options;         //!< the LP's options
    std::vector<std::vector<size_t>> m_ofClass; //!< options of each class, cheapest first
    PfmLpFormulation::Options m_buildOptions;   //!< the builder's (defaults: an LP)
    GlpkProblem m_lp;                           //!< the LP
    PfmLpColumns m_cols;                        //!< its columns and rows
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ASSIGNMENT_LP_H */
