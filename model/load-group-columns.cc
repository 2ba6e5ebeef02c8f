/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "load-group-columns.h"

#include "ns3/log.h"

#include <cmath>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("LoadGroupColumns");

void
LoadGroupColumns::Add(int col, int loadRow, double w)
{
    m_groups.push_back({col, loadRow, w});
}

int
LoadGroupColumns::PickBranch(glp_tree* tree) const
{
    glp_prob* lp = glp_ios_get_prob(tree);
    int pick = 0;
    double score = 0;
    for (const auto& g : m_groups)
    {
        if (!glp_ios_can_branch(tree, g.col))
        {
            continue;
        }
        double frac = GlpkProblem::Fractionality(glp_get_col_prim(lp, g.col));
        double s = frac * g.w * (1e-6 + std::fabs(glp_get_row_dual(lp, g.loadRow)));
        if (s > score)
        {
            score = s;
            pick = g.col;
        }
    }
    return pick;
}

const std::vector<LoadGroupColumns::Group>&
LoadGroupColumns::GetGroups() const
{
    return m_groups;
}

} // namespace mecpfm
} // namespace ns3
