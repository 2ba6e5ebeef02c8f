/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-branch-and-cut.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmBranchAndCut");

namespace
{
/// \return seconds since t0
double
SecondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

PfmBranchAndCut::PfmBranchAndCut(const PlanningProblem& problem,
                                 const std::vector<ClassOption>& options,
                                 const PfmLpFormulation::Options& opt,
                                 const PfmLpModelBuilder& builder,
                                 PfmCutSeparator& separator,
                                 GlpkProblem& lp,
                                 PfmLpColumns& cols)
    : m_problem(problem),
      m_options(options),
      m_opt(opt),
      m_builder(builder),
      m_separator(separator),
      m_lp(lp),
      m_cols(cols),
      m_bound(-std::numeric_limits<double>::infinity())
{
}

double
PfmBranchAndCut::GetBound() const
{
    return m_bound;
}

PfmLpFormulation::Outcome
PfmBranchAndCut::Run(double lpValue, std::chrono::steady_clock::time_point started)
{
    PrepareStart();
    if (!m_start.empty() && m_opt.reducedCostFixing)
    {
        FixByReducedCost(lpValue);
    }
    if (m_opt.aggregateLinking)
    {
        AddOptionLinkingRows();
    }
    if (m_opt.copyColumns)
    {
        AddCopyColumns();
    }
    if (m_opt.loadGroupColumns)
    {
        AddLoadGroupColumns();
    }
    if (!m_cols.sums.empty())
    {
        // The new columns are basic, their rows nonbasic (AddSumColumn): the basis stays
        // optimal.
        Resolve();
    }
    if (glp_get_status(m_lp.Get()) != GLP_OPT)
    {
        return m_resolveTimedOut ? PfmLpFormulation::Outcome::TIME_LIMIT
                                 : PfmLpFormulation::Outcome::ERROR;
    }
    CollectBinaries();
    return Search(started);
}

void
PfmBranchAndCut::Resolve()
{
    // Re-solves between the cut loop and branch and cut (after fixing, the per-option
    // rows, the new columns) start from an optimal basis; one stopped by the time limit
    // ends the solve (checked before branch and cut).
    m_resolveTimedOut |= m_lp.Simplex() == GLP_ETMLIM;
}

double
PfmBranchAndCut::ColumnsValue(const std::vector<double>& v) const
{
    double value = 0;
    for (int j = 1; j <= m_lp.GetNColumns(); ++j)
    {
        value += glp_get_obj_coef(m_lp.Get(), j) * v[j];
    }
    return value;
}

void
PfmBranchAndCut::PrepareStart()
{
    // A known feasible plan becomes the first incumbent (GLPK's heuristic callback), so
    // that a time limit still returns at least that plan and pruning starts early.
    if (m_opt.incumbent)
    {
        m_start = m_builder.PlanValues(*m_opt.incumbent, m_lp.GetNColumns(), m_cols);
    }
    // The heuristic on the strengthened root relaxation: its plan replaces the warm start
    // if it is better (reduced-cost fixing then deletes more columns).
    if (!m_opt.placementHeuristic)
    {
        return;
    }
    PlacementPlan plan;
    if (m_opt.placementHeuristic(m_builder.Placement(m_lp.Get(), m_cols), plan))
    {
        auto v = m_builder.PlanValues(plan, m_lp.GetNColumns(), m_cols);
        if (!v.empty() && (m_start.empty() || ColumnsValue(v) < ColumnsValue(m_start)))
        {
            NS_LOG_INFO("root heuristic: " << ColumnsValue(v));
            m_start = std::move(v);
        }
    }
}

void
PfmBranchAndCut::FixByReducedCost(double lpValue)
{
    // Reduced-cost fixing: with the incumbent's value UB and the relaxation's LB, a column
    // at its lower bound 0 whose reduced cost exceeds UB - LB is 0 in every plan better
    // than the incumbent; it is deleted (a smaller model: faster node LPs). Binaries at
    // their upper bound with reduced cost below -(UB - LB) are fixed to 1.
    glp_prob* lp = m_lp.Get();
    const double ub = ColumnsValue(m_start);
    const double gap = ub - lpValue;
    const double tol = 1e-9 * std::max(1.0, std::fabs(ub));
    const int nCols = m_lp.GetNColumns();
    std::vector<int> del{0};
    std::vector<int> newIndex(nCols + 1, 0);
    int kept = 0;
    for (int j = 1; j <= nCols; ++j)
    {
        int st = glp_get_col_stat(lp, j);
        double d = glp_get_col_dual(lp, j);
        if (st == GLP_NL && glp_get_col_lb(lp, j) == 0 && m_start[j] == 0 && d > gap + tol)
        {
            del.push_back(j);
            continue;
        }
        if (st == GLP_NU && glp_get_col_kind(lp, j) == GLP_BV && d < -(gap + tol))
        {
            glp_set_col_bnds(lp, j, GLP_FX, 1, 1);
        }
        newIndex[j] = ++kept;
    }
    NS_LOG_INFO("reduced-cost fixing (gap " << gap << "): " << del.size() - 1 << " of " << nCols
                                            << " columns deleted");
    if (del.size() <= 1)
    {
        return;
    }
    glp_del_cols(lp, static_cast<int>(del.size() - 1), del.data());
    std::vector<double> moved(static_cast<size_t>(kept) + 1, 0);
    for (size_t j = 1; j < m_start.size(); ++j)
    {
        if (newIndex[j])
        {
            moved[newIndex[j]] = m_start[j];
        }
    }
    m_start = std::move(moved);
    for (auto& j : m_cols.x)
    {
        j = newIndex[j];
    }
    for (auto& [key, j] : m_cols.y)
    {
        j = newIndex[j];
    }
    for (auto& [key, j] : m_cols.z)
    {
        j = newIndex[j];
    }
    for (auto& j : m_cols.p)
    {
        j = j ? newIndex[j] : 0;
    }
    // The deleted columns were nonbasic at 0: the basis stays optimal.
    Resolve();
}

void
PfmBranchAndCut::AddOptionLinkingRows()
{
    // Aggregated linking: the root's cuts are done on the small model. Branch and cut
    // gets the per-option rows of the columns left (the LP satisfies them all after
    // separation: the basis stays optimal), so that every node's relaxation is as strong as
    // the textbook model's without separating them again.
    std::vector<int> ind{0, 0, 0};
    std::vector<double> val{0, 1, 0};
    int added = 0;
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        const auto& op = m_options[o];
        if (m_problem.IsDc(op.site) || m_cols.x[o] == 0)
        {
            continue;
        }
        int y = m_cols.y.at({op.site, op.model});
        if (y == 0)
        {
            continue;
        }
        ind[1] = m_cols.x[o];
        ind[2] = y;
        val[2] = -static_cast<double>(m_problem.GetClasses()[op.cls].GetCount());
        m_lp.AddUpperRow(ind, val);
        ++added;
    }
    Resolve();
    NS_LOG_INFO("per-option linking rows: " << added << " added, LP "
                                            << glp_get_obj_val(m_lp.Get()));
}

int
PfmBranchAndCut::AddSumColumn(const std::vector<int>& members, double ub)
{
    int n = m_lp.AddSumColumn(members, ub);
    m_cols.sums[n] = members;
    if (!m_start.empty())
    {
        double inStart = 0;
        for (int j : members)
        {
            inStart += m_start[j];
        }
        m_start.push_back(inStart);
    }
    return n;
}

void
PfmBranchAndCut::AddCopyColumns()
{
    // Copy columns: N_m = sum_c y_{m,c}, integer. A fractional root spreads a large
    // model over several cloudlets in fractions whose sum is not integral (GEANT default:
    // 2.82 copies of one model, 1.14 of another); branching on N_m <= 2 or >= 3 decides how
    // many copies exist, which moves the bound where branching on one y_{m,c} only shifts
    // the fraction to a neighbour. Each is weighted like a z column: by the pull time of
    // the model at the cloudlet where it is largest.
    const auto& cat = m_problem.GetCatalogue();
    std::map<uint32_t, std::vector<int>> ysOf;
    for (const auto& [key, j] : m_cols.y)
    {
        if (j)
        {
            ysOf[key.second].push_back(j);
        }
    }
    for (const auto& [m, ys] : ysOf)
    {
        if (ys.size() < 2)
        {
            continue;
        }
        int n = AddSumColumn(ys, static_cast<double>(ys.size()));
        double w = 0;
        for (uint32_t c = 0; c < m_problem.GetNCloudlets(); ++c)
        {
            double wc = 0;
            for (auto k : cat.GetModels()[m].blocks)
            {
                auto it = m_cols.z.find({c, k});
                wc += it != m_cols.z.end() && it->second ? glp_get_obj_coef(m_lp.Get(), it->second)
                                                         : 0;
            }
            w = std::max(w, wc);
        }
        m_copyWeight[n] = w;
    }
    NS_LOG_INFO("copy columns: " << m_copyWeight.size());
}

void
PfmBranchAndCut::AddLoadGroupColumns()
{
    // Load-group columns K_{s,w} (LoadGroupColumns): the requests of per-request load w
    // that site s serves. GEANT default: 624 classes, 8 to 12 loads a site; branching on
    // one class's count only moves the fraction to another class of the same load.
    const auto& classes = m_problem.GetClasses();
    const uint32_t ns = m_problem.GetNSites();
    std::vector<std::map<double, std::vector<int>>> groups(ns);
    std::vector<std::map<double, double>> most(ns);
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        if (m_cols.x[o])
        {
            const auto& op = m_options[o];
            double w =
                m_problem.GetFlops(op.model, classes[op.cls].tokens) / PfmLpFormulation::LOAD_UNIT;
            groups[op.site][w].push_back(m_cols.x[o]);
            most[op.site][w] += classes[op.cls].GetCount();
        }
    }
    for (uint32_t site = 0; site < ns; ++site)
    {
        // Only where the load binds at the root (a nonzero price): elsewhere the load
        // row does not tie the counts together, and each column slows every node LP
        // (GEANT default: 44 columns at 4 sites instead of 652 at 21).
        const int row = m_cols.loadRow[site];
        if (std::fabs(glp_get_row_dual(m_lp.Get(), row)) < 1e-9)
        {
            continue;
        }
        for (const auto& [w, xs] : groups[site])
        {
            if (xs.size() >= 2)
            {
                int n = AddSumColumn(xs, most[site][w]);
                m_loadGroups.Add(n, row, w);
            }
        }
    }
    NS_LOG_INFO("load-group columns: " << m_loadGroups.GetGroups().size());
}

void
PfmBranchAndCut::CollectBinaries()
{
    // Branching: on the placement first. A fractional x count has many near-equivalent
    // alternatives (the same class at another site a few ms away), so branching on it
    // seldom moves the bound; a fractional y, z or p decides a pull. The binary columns
    // and the copy columns are offered by fractionality times weight (pull time; a copy
    // column weighs one copy's pull); GLPK's own rule picks among the x counts once they
    // are integral.
    for (const auto& [key, j] : m_cols.z)
    {
        m_binaries.push_back(j);
    }
    for (const auto& [key, j] : m_cols.y)
    {
        m_binaries.push_back(j);
    }
    for (auto j : m_cols.p)
    {
        if (j)
        {
            m_binaries.push_back(j);
        }
    }
    for (const auto& [n, w] : m_copyWeight)
    {
        m_binaries.push_back(n);
    }
    m_binaries.erase(std::remove(m_binaries.begin(), m_binaries.end(), 0), m_binaries.end());
}

PfmLpFormulation::Outcome
PfmBranchAndCut::Search(std::chrono::steady_clock::time_point started)
{
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    // No Gomory cuts: on GEANT default their generation took half of branch and cut (a
    // dense tableau row per fractional column, 45k columns): 13 nodes in 30 s with them,
    // 84 without, and a higher bound after 60 s (5035.95 against 5035.71).
    io.gmi_cuts = GLP_OFF;
    // GLPK 5.0's cut generators abort on a problem without integer columns (every request
    // rejected, or none at all): no cuts there, nothing to cut.
    const bool cuts = glp_get_num_int(m_lp.Get()) > 0;
    io.mir_cuts = cuts ? GLP_ON : GLP_OFF;
    io.cov_cuts = cuts ? GLP_ON : GLP_OFF;
    io.clq_cuts = cuts ? GLP_ON : GLP_OFF;
    io.mip_gap = m_opt.mipGap;
    io.cb_info = this;
    io.cb_func = &PfmBranchAndCut::Callback;
    if (m_opt.timeLimitS > 0)
    {
        // What the root (cuts, heuristic, reduced-cost fixing) left of the limit.
        io.tm_lim = static_cast<int>(
            std::min(std::max(1.0, (m_opt.timeLimitS - SecondsSince(started)) * 1000), 2e9));
    }
    int rc = glp_intopt(m_lp.Get(), &io);
    NS_LOG_INFO("branch and cut: " << m_branchCalls << " branchings, " << m_cutCalls
                                   << " separations adding " << m_cutsAdded << " cuts; bound "
                                   << m_bound << "; " << SecondsSince(started)
                                   << " s since the model build");
    int ms = glp_mip_status(m_lp.Get());
    if (ms == GLP_OPT || (ms == GLP_FEAS && rc == GLP_EMIPGAP))
    {
        // GLP_EMIPGAP: stopped because the relative gap fell below MipGap; GLPK leaves the
        // status at "feasible", but the plan is proven optimal within that gap.
        return PfmLpFormulation::Outcome::OPTIMAL;
    }
    if (ms == GLP_FEAS)
    {
        return PfmLpFormulation::Outcome::FEASIBLE;
    }
    if (ms == GLP_NOFEAS)
    {
        return PfmLpFormulation::Outcome::INFEASIBLE;
    }
    return rc == GLP_ETMLIM ? PfmLpFormulation::Outcome::TIME_LIMIT
                            : PfmLpFormulation::Outcome::ERROR;
}

void
PfmBranchAndCut::Callback(glp_tree* tree, void* info)
{
    auto* self = static_cast<PfmBranchAndCut*>(info);
    const int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR)
    {
        self->OnHeuristic(tree);
    }
    if (reason == GLP_ICUTGEN && self->m_opt.nodeCuts)
    {
        ++self->m_cutCalls;
        self->m_cutsAdded += self->m_separator.Separate(glp_ios_get_prob(tree), tree);
    }
    if (reason == GLP_IBRANCH && self->m_opt.branchPlacementFirst)
    {
        self->OnBranch(tree);
    }
    // The callback also follows the best bound of the open nodes: when the time limit
    // stops the search, that (not only the root LP) is the proven lower bound.
    int best = glp_ios_best_node(tree);
    if (best != 0)
    {
        self->m_bound = glp_ios_node_bound(tree, best);
    }
    if (reason == GLP_IBRANCH && self->m_branchCalls % 25 == 0)
    {
        int active = 0;
        int total = 0;
        glp_ios_tree_size(tree, &active, nullptr, &total);
        NS_LOG_LOGIC("branch and cut: incumbent " << glp_mip_obj_val(glp_ios_get_prob(tree))
                                                  << ", bound " << self->m_bound << ", " << active
                                                  << " open nodes of " << total);
    }
}

void
PfmBranchAndCut::OnHeuristic(glp_tree* tree)
{
    if (!m_startGiven && !m_start.empty())
    {
        m_startGiven = true;
        glp_ios_heur_sol(tree, m_start.data());
        return;
    }
    if (!m_opt.placementHeuristic)
    {
        return;
    }
    glp_prob* lp = glp_ios_get_prob(tree);
    PlacementPlan plan;
    if (!m_opt.placementHeuristic(m_builder.Placement(lp, m_cols), plan))
    {
        return;
    }
    auto v = m_builder.PlanValues(plan, glp_get_num_cols(lp), m_cols);
    if (!v.empty())
    {
        glp_ios_heur_sol(tree, v.data());
    }
}

void
PfmBranchAndCut::OnBranch(glp_tree* tree)
{
    ++m_branchCalls;
    // Placement integral: the load-group column whose fraction, times its load, times
    // its site's load price, is largest.
    int pick = PickPlacement(tree);
    if (!pick)
    {
        pick = m_loadGroups.PickBranch(tree);
    }
    if (pick)
    {
        glp_ios_branch_upon(tree, pick, GLP_NO_BRNCH);
    }
}

int
PfmBranchAndCut::PickPlacement(glp_tree* tree) const
{
    glp_prob* lp = glp_ios_get_prob(tree);
    int pick = 0;
    double score = 0;
    for (int j : m_binaries)
    {
        if (!glp_ios_can_branch(tree, j))
        {
            continue;
        }
        double frac = GlpkProblem::Fractionality(glp_get_col_prim(lp, j));
        auto cw = m_copyWeight.find(j);
        double w = cw != m_copyWeight.end() ? cw->second : glp_get_obj_coef(lp, j);
        double s = frac * (1e-3 + std::fabs(w));
        if (s > score)
        {
            score = s;
            pick = j;
        }
    }
    return pick;
}

} // namespace mecpfm
} // namespace ns3
