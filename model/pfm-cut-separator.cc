/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-cut-separator.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmCutSeparator");

namespace
{
/// A cut is added when its violation exceeds this share of its largest term (scale-free:
/// rows mix counts, PFLOP and indicator columns).
constexpr double REL_TOL = 1e-4;
} // namespace

PfmCutSeparator::PfmCutSeparator(const PlanningProblem& problem,
                                 const std::vector<ClassOption>& options,
                                 const PfmLpFormulation::Options& opt,
                                 const PfmLpColumns& cols)
    : m_problem(problem),
      m_options(options),
      m_opt(opt),
      m_cols(cols),
      m_byModel(problem.GetNCloudlets())
{
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        if (!problem.IsDc(m_options[o].site))
        {
            m_byModel[m_options[o].site][m_options[o].model].push_back(o);
        }
    }
}

double
PfmCutSeparator::Prim(int j) const
{
    // Column 0: deleted by reduced-cost fixing (0 in every plan the search still seeks).
    return j ? glp_get_col_prim(m_lp, j) : 0.0;
}

double
PfmCutSeparator::Phi(size_t o) const
{
    return m_problem.GetFlops(m_options[o].model, m_problem.GetClasses()[m_options[o].cls].tokens) /
           PfmLpFormulation::LOAD_UNIT;
}

bool
PfmCutSeparator::Pulls(uint32_t c, uint32_t m) const
{
    for (auto k : m_problem.GetCatalogue().GetModels()[m].blocks)
    {
        if (!m_problem.IsResident(c, k))
        {
            return true;
        }
    }
    return false;
}

uint32_t
PfmCutSeparator::Separate(glp_prob* lp, glp_tree* tree)
{
    m_lp = lp;
    m_tree = tree;
    m_added = 0;
    m_xv.assign(m_options.size(), 0);
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        m_xv[o] = Prim(m_cols.x[o]);
    }
    if (m_opt.integer && m_opt.aggregateLinking)
    {
        OptionLinkingCuts();
    }
    for (uint32_t c = 0; c < m_problem.GetNCloudlets(); ++c)
    {
        if (m_byModel[c].empty())
        {
            continue;
        }
        LoadCuts(c);
        ClassCuts(c);
    }
    return m_added;
}

void
PfmCutSeparator::AddCut(const Terms& terms)
{
    m_ind.assign(1, 0);
    m_val.assign(1, 0);
    for (const auto& [j, a] : terms)
    {
        if (j == 0)
        {
            continue;
        }
        m_ind.push_back(j);
        m_val.push_back(a);
    }
    if (m_tree)
    {
        glp_ios_add_row(m_tree,
                        nullptr,
                        0,
                        0,
                        static_cast<int>(m_ind.size() - 1),
                        m_ind.data(),
                        m_val.data(),
                        GLP_UP,
                        0);
    }
    else
    {
        int i = glp_add_rows(m_lp, 1);
        glp_set_row_bnds(m_lp, i, GLP_UP, 0, 0);
        glp_set_mat_row(m_lp, i, static_cast<int>(m_ind.size() - 1), m_ind.data(), m_val.data());
    }
    ++m_added;
}

void
PfmCutSeparator::LoadCut(uint32_t c, const std::vector<uint32_t>& models, int indicator)
{
    const auto& classes = m_problem.GetClasses();
    std::map<uint32_t, double> maxPhi; // class -> largest per-request load
    double lhs = 0;
    Terms terms;
    for (auto m : models)
    {
        for (auto o : m_byModel[c].at(m))
        {
            double f = Phi(o);
            lhs += f * m_xv[o];
            terms.emplace_back(m_cols.x[o], f);
            auto& mp = maxPhi[m_options[o].cls];
            mp = std::max(mp, f);
        }
    }
    double most = 0;
    for (const auto& [q, f] : maxPhi)
    {
        most += classes[q].GetCount() * f;
    }
    double u = std::min(m_problem.GetLoadCapacity(c) / PfmLpFormulation::LOAD_UNIT, most);
    if (lhs - u * Prim(indicator) > REL_TOL * std::max(u, 1e-12))
    {
        terms.emplace_back(indicator, -u);
        AddCut(terms);
    }
}

void
PfmCutSeparator::OptionLinkingCuts()
{
    // The per-option linking rows the model left out: x_{q,m,c} <= n_q y_{m,c}.
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        const auto& op = m_options[o];
        if (m_problem.IsDc(op.site) || m_xv[o] <= 0)
        {
            continue;
        }
        double n = m_problem.GetClasses()[op.cls].GetCount();
        int y = m_cols.y.at({op.site, op.model});
        if (m_xv[o] - n * Prim(y) > REL_TOL * n)
        {
            AddCut({{m_cols.x[o], 1}, {y, -n}});
        }
    }
}

void
PfmCutSeparator::LoadCuts(uint32_t c)
{
    const auto& cat = m_problem.GetCatalogue();
    std::map<uint32_t, std::vector<uint32_t>> modelsOfBlock;
    std::vector<uint32_t> pulling;
    for (const auto& [m, opts] : m_byModel[c])
    {
        LoadCut(c, {m}, m_cols.y.at({c, m}));
        if (!m_opt.noSharing)
        {
            for (auto k : cat.GetModels()[m].blocks)
            {
                modelsOfBlock[k].push_back(m);
            }
        }
        if (m_cols.p[c] && Pulls(c, m))
        {
            pulling.push_back(m);
        }
    }
    for (const auto& [k, models] : modelsOfBlock)
    {
        if (models.size() > 1)
        {
            LoadCut(c, models, m_cols.z.at({c, k}));
        }
    }
    if (!pulling.empty())
    {
        LoadCut(c, pulling, m_cols.p[c]);
    }
}

void
PfmCutSeparator::ClassCuts(uint32_t c)
{
    // Class linking: the members of class q that c serves with models holding block k (or
    // pulling anything) are at most n_q times that block's (the pull's) indicator.
    const auto& cat = m_problem.GetCatalogue();
    std::map<uint32_t, std::vector<size_t>> byClass;
    for (const auto& [m, opts] : m_byModel[c])
    {
        for (auto o : opts)
        {
            byClass[m_options[o].cls].push_back(o);
        }
    }
    for (const auto& [q, opts] : byClass)
    {
        if (opts.size() < 2)
        {
            continue;
        }
        double n = m_problem.GetClasses()[q].GetCount();
        std::map<int, std::vector<size_t>> byIndicator;
        for (auto o : opts)
        {
            uint32_t m = m_options[o].model;
            if (!m_opt.noSharing)
            {
                for (auto k : cat.GetModels()[m].blocks)
                {
                    byIndicator[m_cols.z.at({c, k})].push_back(o);
                }
            }
            if (m_cols.p[c] && Pulls(c, m))
            {
                byIndicator[m_cols.p[c]].push_back(o);
            }
        }
        for (const auto& [j, members] : byIndicator)
        {
            if (members.size() < 2)
            {
                continue;
            }
            double lhs = 0;
            Terms terms;
            for (auto o : members)
            {
                lhs += m_xv[o];
                terms.emplace_back(m_cols.x[o], 1);
            }
            if (lhs - n * Prim(j) > REL_TOL * n)
            {
                terms.emplace_back(j, -n);
                AddCut(terms);
            }
        }
    }
}

} // namespace mecpfm
} // namespace ns3
