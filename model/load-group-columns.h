/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Private header of the planning core (not installed): uses GLPK types.

#ifndef MEC_PFM_LOAD_GROUP_COLUMNS_H
#define MEC_PFM_LOAD_GROUP_COLUMNS_H

#include "glpk-problem.h"

#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The load-group columns of doc/planner.rst and the branching rule on them, shared
 * by the ILP (PfmBranchAndCut) and the assignment integer program (AssignmentLp).
 *
 * K_{s,w} = the requests of per-request load w that site s serves, an integer column
 * summing the site's counts of that load. Given integral K the counts form a
 * transportation problem with integral vertices, so branching on K, weighted by load times
 * the site's load price (the load row's dual), decides what branching on single counts
 * decides only by enumeration.
 */
class LoadGroupColumns
{
  public:
    /// One column K_{s,w}.
    struct Group
    {
        int col;     //!< the column
        int loadRow; //!< the load row of its site
        double w;    //!< its per-request load (PFLOP)
    };

    /**
     * \brief Record a column, added by GlpkProblem::AddSumColumn over the count columns of
     * one load at one site.
     * \param col the column
     * \param loadRow the site's load row
     * \param w the load
     */
    void Add(int col, int loadRow, double w);

    /**
     * \brief The branching rule: the column of largest fractionality times w times the
     * absolute dual of its load row (plus 1e-6), among those GLPK can branch on.
     * \param tree the search tree (in glp_intopt's callback)
     * \return the column, 0 if none is fractional
     */
    int PickBranch(glp_tree* tree) const;

    /// \return the columns, in the order added (ascending column index)
    const std::vector<Group>& GetGroups() const;

  private:
    std::vector<Group> m_groups; //!< the columns
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_LOAD_GROUP_COLUMNS_H */
