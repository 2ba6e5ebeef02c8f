/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): uses GLPK types.

#ifndef MEC_PFM_PFM_LP_MODEL_BUILDER_H
#define MEC_PFM_PFM_LP_MODEL_BUILDER_H

#include "glpk-problem.h"
#include "pfm-lp-formulation.h"

#include <map>
#include <utility>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief GLPK column of every variable and row of every constraint family of a model built
 * by PfmLpModelBuilder (0: none, or a column deleted by reduced-cost fixing).
 */
struct PfmLpColumns
{
    std::vector<int> x;                             //!< per option
    std::map<std::pair<uint32_t, uint32_t>, int> y; //!< per (cloudlet, model)
    std::map<std::pair<uint32_t, uint32_t>, int> z; //!< per (cloudlet, block)
    std::vector<int> p;                             //!< pull indicator per cloudlet
    std::map<int, std::vector<int>> sums;           //!< copy/load-group column -> terms
    std::vector<int> demandRow;                     //!< per class (0: no option)
    std::vector<int> loadRow;                       //!< per site
};

/**
 * \ingroup mec-pfm
 * \brief Builds the linear program of doc/planner.rst over a set of options into a
 * GlpkProblem: the model of PfmLpFormulation (Build) or, with the placement fixed, the
 * assignment LP of AssignmentLp (BuildAssignment: its counts, demand and load rows only).
 *
 * Rows and columns are created in one fixed order (load rows; per option its class's
 * demand row, its column and its linking row; then, per (cloudlet, model), storage, block
 * and pull rows and columns): GLPK's pivoting, hence the plans, depend on it.
 */
class PfmLpModelBuilder
{
  public:
    /**
     * \param problem the problem (kept by reference)
     * \param options the options of the model (kept by reference)
     * \param opt build options: integer, noSharing, aggregateLinking apply
     */
    PfmLpModelBuilder(const PlanningProblem& problem,
                      const std::vector<ClassOption>& options,
                      const PfmLpFormulation::Options& opt);

    /**
     * \brief Build the model of PfmLpFormulation: x, y, z, p columns; demand, load,
     * linking, storage and pull rows.
     * \param lp an empty problem
     * \param cols set to the columns and rows built
     */
    void Build(GlpkProblem& lp, PfmLpColumns& cols) const;
    /**
     * \brief Build the assignment LP of a fixed placement: a continuous count column per
     * option, the demand and load rows.
     * \param lp an empty problem
     * \param cols set to the columns and rows built
     */
    void BuildAssignment(GlpkProblem& lp, PfmLpColumns& cols) const;

    /**
     * \brief Column values (GLPK indexing, 1..nCols) of a plan, for the ILP's incumbent.
     * \param plan the plan
     * \param nCols number of columns
     * \param cols the columns of the variables
     * \return the values, or empty if the plan uses an option the model lacks
     */
    std::vector<double> PlanValues(const PlacementPlan& plan,
                                   int nCols,
                                   const PfmLpColumns& cols) const;
    /**
     * \brief The placement of the current LP solution.
     * \param lp the problem (an LP solution at hand)
     * \param cols the columns of the variables
     * \return y[c][m], 0 where the model has no column
     */
    std::vector<std::vector<double>> Placement(glp_prob* lp, const PfmLpColumns& cols) const;

  private:
    /// Add a load row per site.
    void AddLoadRows(GlpkProblem& lp, PfmLpColumns& cols) const;
    /**
     * \brief Add a count column per option, its class's demand row and, with \p placement,
     * its y column and linking row.
     */
    void AddOptionColumns(GlpkProblem& lp,
                          PfmLpColumns& cols,
                          GlpkTriplets& t,
                          bool placement) const;
    /// Add the storage rows and the z and p columns of every y column, with their rows.
    void AddBlockColumns(GlpkProblem& lp, PfmLpColumns& cols, GlpkTriplets& t) const;
    /// \return the binary column (integer model) or [0, 1] column of the given cost
    int AddIndicator(GlpkProblem& lp, double cost) const;
    /// \return the pull indicator of cloudlet c, added if not yet there
    int PullColumn(GlpkProblem& lp, PfmLpColumns& cols, uint32_t c) const;
    /// \return whether the indicators of a used (cloudlet, model) could be set in v
    bool SetPlacementValues(uint32_t c,
                            uint32_t m,
                            const PfmLpColumns& cols,
                            std::vector<double>& v) const;

    const PlanningProblem& m_problem;          //!< problem
    const std::vector<ClassOption>& m_options; //!< options (columns x)
    const PfmLpFormulation::Options& m_opt;    //!< build options
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_LP_MODEL_BUILDER_H */
