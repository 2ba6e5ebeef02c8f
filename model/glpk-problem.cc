/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "glpk-problem.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("GlpkProblem");

GlpkProblem::GlpkProblem()
{
    glp_term_out(GLP_OFF);
    m_lp = glp_create_prob();
    glp_set_obj_dir(m_lp, GLP_MIN);
    glp_init_smcp(&m_smcp);
    m_smcp.msg_lev = GLP_MSG_OFF;
    // Dual simplex first (primal as fallback): on GEANT's LP (50k columns) the first
    // solve took < 40 s where primal took > 60 s.
    m_smcp.meth = GLP_DUALP;
}

GlpkProblem::~GlpkProblem()
{
    glp_delete_prob(m_lp);
}

glp_prob*
GlpkProblem::Get() const
{
    return m_lp;
}

int
GlpkProblem::AddRow(int type, double lb, double ub)
{
    int i = glp_add_rows(m_lp, 1);
    glp_set_row_bnds(m_lp, i, type, lb, ub);
    return i;
}

int
GlpkProblem::AddColumn(int type, double lb, double ub, double cost)
{
    int j = glp_add_cols(m_lp, 1);
    glp_set_col_bnds(m_lp, j, type, lb, ub);
    glp_set_obj_coef(m_lp, j, cost);
    return j;
}

int
GlpkProblem::AddUpperRow(const std::vector<int>& ind, const std::vector<double>& val)
{
    int i = AddRow(GLP_UP, 0, 0);
    glp_set_mat_row(m_lp, i, static_cast<int>(ind.size() - 1), ind.data(), val.data());
    return i;
}

int
GlpkProblem::AddSumColumn(const std::vector<int>& members, double ub)
{
    int n = glp_add_cols(m_lp, 1);
    glp_set_col_kind(m_lp, n, GLP_IV);
    if (std::isfinite(ub))
    {
        glp_set_col_bnds(m_lp, n, GLP_DB, 0, ub);
    }
    else
    {
        glp_set_col_bnds(m_lp, n, GLP_LO, 0, 0);
    }
    std::vector<int> ind{0};
    std::vector<double> val{0};
    for (int j : members)
    {
        ind.push_back(j);
        val.push_back(1);
    }
    ind.push_back(n);
    val.push_back(-1);
    int i = glp_add_rows(m_lp, 1);
    glp_set_row_bnds(m_lp, i, GLP_FX, 0, 0);
    glp_set_mat_row(m_lp, i, static_cast<int>(ind.size() - 1), ind.data(), val.data());
    // N basic at the sum of its members, the row nonbasic at 0: a basis that was optimal
    // stays optimal (no pivot).
    glp_set_col_stat(m_lp, n, GLP_BS);
    glp_set_row_stat(m_lp, i, GLP_NS);
    return n;
}

void
GlpkProblem::LoadMatrix(const GlpkTriplets& t)
{
    glp_load_matrix(m_lp, t.GetSize(), t.ia.data(), t.ja.data(), t.ar.data());
    glp_scale_prob(m_lp, GLP_SF_AUTO);
}

void
GlpkProblem::SetSimplexTimeLimit(double seconds)
{
    m_smcp.tm_lim = static_cast<int>(std::min(std::max(1.0, seconds * 1000), 2e9));
}

void
GlpkProblem::CrashNextSimplex()
{
    m_crash = true;
}

int
GlpkProblem::Simplex()
{
    if (m_crash)
    {
        glp_cpx_basis(m_lp);
        m_crash = false;
    }
    return glp_simplex(m_lp, &m_smcp);
}

int
GlpkProblem::GetNColumns() const
{
    return glp_get_num_cols(m_lp);
}

int
GlpkProblem::GetNRows() const
{
    return glp_get_num_rows(m_lp);
}

double
GlpkProblem::Fractionality(double v)
{
    return std::min(v - std::floor(v), std::ceil(v) - v);
}

} // namespace mecpfm
} // namespace ns3
