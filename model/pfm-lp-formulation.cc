/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-lp-formulation.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <glpk.h>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmLpFormulation");

namespace
{
/// Storage rows are scaled for GLPK: in GB (load rows: PfmLpFormulation::LOAD_UNIT).
constexpr double STORE_UNIT = 1e9;

/// Sparse matrix in GLPK's 1-based triplet form.
struct Triplets
{
    std::vector<int> ia{0};    //!< rows
    std::vector<int> ja{0};    //!< columns
    std::vector<double> ar{0}; //!< values

    void Add(int i, int j, double v)
    {
        ia.push_back(i);
        ja.push_back(j);
        ar.push_back(v);
    }
};

/// \return the sites a class may use after pruning: home, K nearest cloudlets, DC
std::vector<uint32_t>
PrunedSites(const PlanningProblem& p, uint32_t q, uint32_t nearest)
{
    const auto& c = p.GetClasses()[q];
    uint32_t dc = p.GetDcSite();
    if (c.dcOnly)
    {
        return {dc};
    }
    std::vector<uint32_t> sites;
    if (nearest == 0 || nearest + 1 >= p.GetNCloudlets())
    {
        for (uint32_t s = 0; s <= dc; ++s)
        {
            sites.push_back(s);
        }
        return sites;
    }
    std::vector<std::pair<double, uint32_t>> byDelay;
    for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
    {
        if (s != c.homeSite)
        {
            byDelay.emplace_back(p.GetTransferDelay(c.homeSite, s, c.inputBytes, c.outputBytes), s);
        }
    }
    std::sort(byDelay.begin(), byDelay.end());
    sites.push_back(c.homeSite);
    for (uint32_t i = 0; i < nearest && i < byDelay.size(); ++i)
    {
        sites.push_back(byDelay[i].second);
    }
    sites.push_back(dc);
    return sites;
}
} // namespace

PfmLpFormulation::PfmLpFormulation(const PlanningProblem& problem, const Options& options)
    : m_problem(problem),
      m_opt(options)
{
    NS_LOG_FUNCTION(this);
    const auto& classes = problem.GetClasses();
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        for (auto s : PrunedSites(problem, q, options.nearest))
        {
            if (problem.IsDc(s))
            {
                // At the DC (no linking rows) the candidate of fewest FLOPs per token is
                // faster and loads the DC less than any other: the only DC option needed.
                if (!classes[q].candidates.empty())
                {
                    m_options.push_back(ClassOption{q, problem.GetLightestCandidate(q), s});
                }
                continue;
            }
            for (auto m : classes[q].candidates)
            {
                m_options.push_back(ClassOption{q, m, s});
            }
        }
    }
}

PfmLpFormulation::Outcome
PfmLpFormulation::Solve()
{
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<double> duals;
    Outcome out = SolveOnce(duals);
    bool pruned = m_opt.nearest > 0 && m_opt.nearest + 1 < m_problem.GetNCloudlets();
    if (!m_opt.integer && pruned && m_opt.priceOut)
    {
        for (uint32_t round = 0; out == Outcome::OPTIMAL; ++round)
        {
            double farley = 0;
            uint32_t added = PriceOut(duals, farley);
            m_bound = m_objective + farley;
            if (added == 0)
            {
                m_pricedOut = true;
                m_bound = m_objective;
                break;
            }
            if (round + 1 >= m_opt.maxRounds)
            {
                break;
            }
            NS_LOG_INFO("pricing round " << round << ": " << added << " options added");
            out = SolveOnce(duals);
        }
    }
    else if (!m_opt.integer && out == Outcome::OPTIMAL)
    {
        m_pricedOut = !pruned;
        m_bound = m_objective;
        if (pruned)
        {
            // Not priced: still a valid bound through the Farley correction.
            double farley = 0;
            PriceOut(duals, farley);
            m_bound = m_objective + farley;
        }
    }
    m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

PfmLpFormulation::Outcome
PfmLpFormulation::SolveOnce(std::vector<double>& rowDuals)
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    uint32_t nc = p.GetNCloudlets();
    uint32_t ns = p.GetNSites();

    auto started = std::chrono::steady_clock::now();
    glp_term_out(GLP_OFF);
    glp_prob* lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    Triplets t;
    auto addRow = [lp](int type, double lb, double ub) {
        int i = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, i, type, lb, ub);
        return i;
    };
    auto addCol = [lp](int type, double lb, double ub, double cost) {
        int j = glp_add_cols(lp, 1);
        glp_set_col_bnds(lp, j, type, lb, ub);
        glp_set_obj_coef(lp, j, cost);
        return j;
    };

    // Rows: demand, load.
    m_demandRow.assign(classes.size(), 0);
    m_loadRow.assign(ns, 0);
    for (uint32_t s = 0; s < ns; ++s)
    {
        m_loadRow[s] = addRow(GLP_UP, 0, p.GetLoadCapacity(s) / LOAD_UNIT);
    }
    // x columns.
    Columns cols;
    cols.x.assign(m_options.size(), 0);
    cols.p.assign(nc, 0);
    auto& xcol = cols.x;
    auto& ycol = cols.y; // (c, m) -> column
    // ILP with aggregated linking: the per-option rows x <= n_q y are left to separation.
    const bool aggregated = m_opt.integer && m_opt.aggregateLinking;
    std::map<std::pair<uint32_t, uint32_t>, std::pair<int, double>> linkRow; // row, sum n_q
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        const auto& op = m_options[o];
        const auto& c = classes[op.cls];
        double n = c.GetCount();
        if (!m_demandRow[op.cls])
        {
            m_demandRow[op.cls] = addRow(GLP_FX, n, n);
        }
        xcol[o] = addCol(GLP_DB, 0, n, p.GetClassDelay(op.cls, op.model, op.site));
        if (m_opt.integer)
        {
            glp_set_col_kind(lp, xcol[o], GLP_IV);
        }
        t.Add(m_demandRow[op.cls], xcol[o], 1);
        t.Add(m_loadRow[op.site], xcol[o], p.GetFlops(op.model, c.tokens) / LOAD_UNIT);
        if (!p.IsDc(op.site))
        {
            auto key = std::make_pair(op.site, op.model);
            if (!ycol.count(key))
            {
                ycol[key] = addCol(GLP_DB, 0, 1, 0);
                if (m_opt.integer)
                {
                    glp_set_col_kind(lp, ycol[key], GLP_BV);
                }
            }
            if (aggregated)
            {
                // One row per (cloudlet, model): sum_q x_{q,m,c} <= (sum_q n_q) y_{m,c}.
                auto& row = linkRow[key];
                if (!row.first)
                {
                    row.first = addRow(GLP_UP, 0, 0);
                }
                row.second += n;
                t.Add(row.first, xcol[o], 1);
            }
            else
            {
                int link = addRow(GLP_UP, 0, 0);
                t.Add(link, xcol[o], 1);
                t.Add(link, ycol[key], -n);
            }
        }
    }
    for (const auto& [key, row] : linkRow)
    {
        t.Add(row.first, ycol.at(key), -row.second);
    }
    // z, p columns; storage rows.
    auto& zcol = cols.z; // (c, k) -> column
    auto& pcol = cols.p;
    std::vector<int> storeRow(nc, 0);
    auto pullCol = [&](uint32_t c) {
        if (!pcol[c])
        {
            pcol[c] = addCol(GLP_DB, 0, 1, p.GetPullLatency(c));
            if (m_opt.integer)
            {
                glp_set_col_kind(lp, pcol[c], GLP_BV);
            }
        }
        return pcol[c];
    };
    for (const auto& [key, y] : ycol)
    {
        uint32_t c = key.first;
        uint32_t m = key.second;
        if (!storeRow[c])
        {
            storeRow[c] = addRow(GLP_UP, 0, p.GetStorageBytes(c) / STORE_UNIT);
        }
        if (m_opt.noSharing)
        {
            double pull = 0;
            for (auto k : cat.GetModels()[m].blocks)
            {
                pull += p.GetBlockPullDelay(c, k);
            }
            glp_set_obj_coef(lp, y, pull);
            t.Add(storeRow[c], y, cat.GetModelBytes(m) / STORE_UNIT);
            if (pull > 0)
            {
                int r = addRow(GLP_UP, 0, 0);
                t.Add(r, y, 1);
                t.Add(r, pullCol(c), -1);
            }
            continue;
        }
        for (auto k : cat.GetModels()[m].blocks)
        {
            auto zk = std::make_pair(c, k);
            if (!zcol.count(zk))
            {
                int z = addCol(GLP_DB, 0, 1, p.GetBlockPullDelay(c, k));
                if (m_opt.integer)
                {
                    glp_set_col_kind(lp, z, GLP_BV);
                }
                zcol[zk] = z;
                t.Add(storeRow[c], z, cat.GetBlocks()[k].bytes / STORE_UNIT);
                if (!p.IsResident(c, k))
                {
                    int r = addRow(GLP_UP, 0, 0);
                    t.Add(r, z, 1);
                    t.Add(r, pullCol(c), -1);
                }
            }
            int r = addRow(GLP_UP, 0, 0);
            t.Add(r, y, 1);
            t.Add(r, zcol[zk], -1);
        }
    }
    glp_load_matrix(lp, static_cast<int>(t.ia.size() - 1), t.ia.data(), t.ja.data(), t.ar.data());
    m_size = {glp_get_num_cols(lp), glp_get_num_rows(lp)};
    NS_LOG_INFO("model: " << m_size.first << " columns, " << m_size.second << " rows, "
                          << t.ia.size() - 1 << " nonzeros");

    glp_scale_prob(lp, GLP_SF_AUTO);
    Outcome out = Outcome::ERROR;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    // Dual simplex first (primal as fallback): on GEANT's LP (50k columns) the first
    // solve took < 40 s where primal took > 60 s.
    sm.meth = GLP_DUALP;
    if (m_opt.timeLimitS > 0)
    {
        // Building the model counts against the limit (a million columns take seconds).
        double spent =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        sm.tm_lim =
            static_cast<int>(std::min(std::max(1.0, (m_opt.timeLimitS - spent) * 1000), 2e9));
    }
    int rc = glp_simplex(lp, &sm);
    if (rc == GLP_ETMLIM)
    {
        out = Outcome::TIME_LIMIT;
    }
    else if (rc != 0)
    {
        out = Outcome::ERROR;
    }
    else
    {
        int st = glp_get_status(lp);
        if (st == GLP_OPT)
        {
            out = Outcome::OPTIMAL;
        }
        else if (st == GLP_NOFEAS || st == GLP_INFEAS)
        {
            out = Outcome::INFEASIBLE;
        }
    }
    // Strengthen the relaxation: add violated valid inequalities and re-solve from the
    // current basis (dual simplex: the new rows only cut the point off).
    for (uint32_t round = 0; out == Outcome::OPTIMAL && round < m_opt.cutRounds; ++round)
    {
        uint32_t added = Separate(lp, cols);
        NS_LOG_INFO(
            "cut round "
            << round << ": " << added << " rows, LP " << glp_get_obj_val(lp) << " at "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s");
        if (added == 0)
        {
            break;
        }
        if (m_opt.timeLimitS > 0)
        {
            double spent =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            sm.tm_lim = static_cast<int>(std::max(1.0, (m_opt.timeLimitS - spent) * 1000));
        }
        rc = glp_simplex(lp, &sm);
        if (rc == GLP_ETMLIM)
        {
            out = Outcome::TIME_LIMIT;
        }
        else if (rc != 0 || glp_get_status(lp) != GLP_OPT)
        {
            // Valid inequalities never make a feasible relaxation infeasible: a failure
            // here is numerical.
            out = Outcome::ERROR;
        }
    }
    double lpValue = out == Outcome::OPTIMAL ? glp_get_obj_val(lp) : 0;
    auto readSolution = [&](bool mip) {
        // Column 0: deleted by reduced-cost fixing, hence 0.
        auto colValue = [&](int j) {
            return j == 0 ? 0.0 : (mip ? glp_mip_col_val(lp, j) : glp_get_col_prim(lp, j));
        };
        m_x.assign(m_options.size(), 0);
        for (size_t o = 0; o < m_options.size(); ++o)
        {
            m_x[o] = colValue(xcol[o]);
        }
        m_y.assign(nc, std::vector<double>(cat.GetNModels(), 0));
        for (const auto& [key, y] : ycol)
        {
            m_y[key.first][key.second] = colValue(y);
        }
        m_z.assign(nc, std::vector<double>(cat.GetNBlocks(), 0));
        for (const auto& [key, z] : zcol)
        {
            m_z[key.first][key.second] = colValue(z);
        }
    };
    if (!m_opt.integer)
    {
        if (out == Outcome::OPTIMAL)
        {
            m_objective = lpValue;
            readSolution(false);
            rowDuals.assign(glp_get_num_rows(lp) + 1, 0);
            for (int i = 1; i <= glp_get_num_rows(lp); ++i)
            {
                rowDuals[i] = glp_get_row_dual(lp, i);
            }
        }
        glp_delete_prob(lp);
        return out;
    }
    if (out != Outcome::OPTIMAL)
    {
        glp_delete_prob(lp);
        return out;
    }
    // Branch and cut from the optimal relaxation.
    m_bound = lpValue;
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    // No Gomory cuts: on GEANT default their generation took half of branch and cut (a
    // dense tableau row per fractional column, 45k columns): 13 nodes in 30 s with them,
    // 84 without, and a higher bound after 60 s (5035.95 against 5035.71).
    io.gmi_cuts = GLP_OFF;
    io.mir_cuts = GLP_ON;
    io.cov_cuts = GLP_ON;
    io.clq_cuts = GLP_ON;
    io.mip_gap = m_opt.mipGap;
    // A known feasible plan becomes the first incumbent (GLPK's heuristic callback), so
    // that a time limit still returns at least that plan and pruning starts early.
    std::vector<double> start;
    if (m_opt.incumbent)
    {
        start = IncumbentColumns(*m_opt.incumbent, glp_get_num_cols(lp), cols);
    }

    // The heuristic on the strengthened root relaxation: its plan replaces the warm start
    // if it is better (reduced-cost fixing below then deletes more columns).
    auto columnsValue = [lp](const std::vector<double>& v) {
        double value = 0;
        for (int j = 1; j <= glp_get_num_cols(lp); ++j)
        {
            value += glp_get_obj_coef(lp, j) * v[j];
        }
        return value;
    };
    auto placementOf = [this, nc, &cat](glp_prob* P, const Columns& c) {
        std::vector<std::vector<double>> y(nc, std::vector<double>(cat.GetNModels(), 0));
        for (const auto& [key, j] : c.y)
        {
            y[key.first][key.second] = j ? glp_get_col_prim(P, j) : 0;
        }
        return y;
    };
    if (m_opt.placementHeuristic)
    {
        PlacementPlan plan;
        if (m_opt.placementHeuristic(placementOf(lp, cols), plan))
        {
            auto v = IncumbentColumns(plan, glp_get_num_cols(lp), cols);
            if (!v.empty() && (start.empty() || columnsValue(v) < columnsValue(start)))
            {
                NS_LOG_INFO("root heuristic: " << columnsValue(v));
                start = std::move(v);
            }
        }
    }

    // Re-solves between the cut loop and branch and cut (after fixing, the per-option rows,
    // the new columns) start from an optimal basis; one stopped by the time limit ends the
    // solve (checked before branch and cut).
    bool resolveTimedOut = false;
    auto resolve = [&]() { resolveTimedOut |= glp_simplex(lp, &sm) == GLP_ETMLIM; };

    // Reduced-cost fixing: with the incumbent's value UB and the relaxation's LB, a column
    // at its lower bound 0 whose reduced cost exceeds UB - LB is 0 in every plan better
    // than the incumbent; it is deleted (a smaller model: faster node LPs). Binaries at
    // their upper bound with reduced cost below -(UB - LB) are fixed to 1.
    if (!start.empty() && m_opt.reducedCostFixing)
    {
        double ub = 0;
        for (int j = 1; j <= glp_get_num_cols(lp); ++j)
        {
            ub += glp_get_obj_coef(lp, j) * start[j];
        }
        double gap = ub - lpValue;
        double tol = 1e-9 * std::max(1.0, std::fabs(ub));
        std::vector<int> del{0};
        std::vector<int> newIndex(glp_get_num_cols(lp) + 1, 0);
        int kept = 0;
        for (int j = 1; j <= glp_get_num_cols(lp); ++j)
        {
            int st = glp_get_col_stat(lp, j);
            double d = glp_get_col_dual(lp, j);
            if (st == GLP_NL && glp_get_col_lb(lp, j) == 0 && start[j] == 0 && d > gap + tol)
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
        NS_LOG_INFO("reduced-cost fixing (gap " << gap << "): " << del.size() - 1 << " of "
                                                << glp_get_num_cols(lp) << " columns deleted");
        if (del.size() > 1)
        {
            glp_del_cols(lp, static_cast<int>(del.size() - 1), del.data());
            std::vector<double> moved(static_cast<size_t>(kept) + 1, 0);
            for (size_t j = 1; j < start.size(); ++j)
            {
                if (newIndex[j])
                {
                    moved[newIndex[j]] = start[j];
                }
            }
            start = std::move(moved);
            for (auto& j : xcol)
            {
                j = newIndex[j];
            }
            for (auto& [key, j] : ycol)
            {
                j = newIndex[j];
            }
            for (auto& [key, j] : zcol)
            {
                j = newIndex[j];
            }
            for (auto& j : pcol)
            {
                j = j ? newIndex[j] : 0;
            }
            // The deleted columns were nonbasic at 0: the basis stays optimal.
            resolve();
        }
    }

    // Aggregated linking: the root's cuts are done on the small model. Branch and cut
    // gets the per-option rows of the columns left (the LP satisfies them all after
    // separation: the basis stays optimal), so that every node's relaxation is as strong as
    // the textbook model's without separating them again.
    if (aggregated)
    {
        std::vector<int> ind{0, 0, 0};
        std::vector<double> val{0, 1, 0};
        int added = 0;
        for (size_t o = 0; o < m_options.size(); ++o)
        {
            const auto& op = m_options[o];
            if (p.IsDc(op.site) || xcol[o] == 0)
            {
                continue;
            }
            int y = ycol.at({op.site, op.model});
            if (y == 0)
            {
                continue;
            }
            ind[1] = xcol[o];
            ind[2] = y;
            val[2] = -static_cast<double>(classes[op.cls].GetCount());
            int i = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, i, GLP_UP, 0, 0);
            glp_set_mat_row(lp, i, 2, ind.data(), val.data());
            ++added;
        }
        resolve();
        NS_LOG_INFO("per-option linking rows: " << added << " added, LP " << glp_get_obj_val(lp));
    }

    // An integer column N = sum of the given columns (each term integral in every plan),
    // with its value in the incumbent.
    auto addSumColumn = [&](const std::vector<int>& members, double ub) {
        int n = AddSumColumn(lp, members, ub);
        cols.sums[n] = members;
        if (!start.empty())
        {
            double inStart = 0;
            for (int j : members)
            {
                inStart += start[j];
            }
            start.push_back(inStart);
        }
        return n;
    };
    // Copy columns: N_m = sum_c y_{m,c}, integer. A fractional root spreads a large
    // model over several cloudlets in fractions whose sum is not integral (GEANT default:
    // 2.82 copies of one model, 1.14 of another); branching on N_m <= 2 or >= 3 decides how
    // many copies exist, which moves the bound where branching on one y_{m,c} only shifts
    // the fraction to a neighbour. Each is weighted like a z column: by the pull time of
    // the model at the cloudlet where it is largest.
    std::map<int, double> copyWeight;
    if (m_opt.copyColumns)
    {
        std::map<uint32_t, std::vector<int>> ysOf;
        for (const auto& [key, j] : cols.y)
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
            int n = addSumColumn(ys, static_cast<double>(ys.size()));
            double w = 0;
            for (uint32_t c = 0; c < nc; ++c)
            {
                double wc = 0;
                for (auto k : cat.GetModels()[m].blocks)
                {
                    auto it = cols.z.find({c, k});
                    wc += it != cols.z.end() && it->second ? glp_get_obj_coef(lp, it->second) : 0;
                }
                w = std::max(w, wc);
            }
            copyWeight[n] = w;
        }
        NS_LOG_INFO("copy columns: " << copyWeight.size());
    }
    // Load-group columns: K_{s,w} = the requests of per-request load w that site s serves,
    // the sum of its options of that load. Given integral K the counts form a
    // transportation problem (classes supply n_q, groups demand K; every x in one class
    // row and one group row), whose vertices are integral: branching on K decides how a
    // site's load is made up, where branching on one class's count only moves the fraction
    // to another class of the same load (GEANT default: 624 classes, 8 to 12 loads a site).
    std::map<int, std::pair<int, double>> groupOf; // K column -> (load row, w)
    if (m_opt.loadGroupColumns)
    {
        std::vector<std::map<double, std::vector<int>>> groups(p.GetNSites());
        std::vector<std::map<double, double>> most(p.GetNSites());
        for (size_t o = 0; o < m_options.size(); ++o)
        {
            if (xcol[o])
            {
                const auto& op = m_options[o];
                double w = p.GetFlops(op.model, classes[op.cls].tokens) / LOAD_UNIT;
                groups[op.site][w].push_back(xcol[o]);
                most[op.site][w] += classes[op.cls].GetCount();
            }
        }
        for (uint32_t site = 0; site < p.GetNSites(); ++site)
        {
            // Only where the load binds at the root (a nonzero price): elsewhere the load
            // row does not tie the counts together, and each column slows every node LP
            // (GEANT default: 44 columns at 4 sites instead of 652 at 21).
            if (std::fabs(glp_get_row_dual(lp, m_loadRow[site])) < 1e-9)
            {
                continue;
            }
            for (const auto& [w, xs] : groups[site])
            {
                if (xs.size() >= 2)
                {
                    groupOf[addSumColumn(xs, most[site][w])] = {m_loadRow[site], w};
                }
            }
        }
        NS_LOG_INFO("load-group columns: " << groupOf.size());
    }
    if (!cols.sums.empty())
    {
        // The new columns are basic, their rows nonbasic (AddSumColumn): the basis stays
        // optimal.
        resolve();
    }
    if (glp_get_status(lp) != GLP_OPT)
    {
        glp_delete_prob(lp);
        return resolveTimedOut ? Outcome::TIME_LIMIT : Outcome::ERROR;
    }

    // The callback also follows the best bound of the open nodes: when the time limit
    // stops the search, that (not only the root LP) is the proven lower bound.
    // Branching: on the placement first. A fractional x count has many near-equivalent
    // alternatives (the same class at another site a few ms away), so branching on it
    // seldom moves the bound; a fractional y, z or p decides a pull. The binary columns
    // and the copy columns are offered by fractionality times weight (pull time; a copy
    // column weighs one copy's pull); GLPK's own rule picks among the x counts once they
    // are integral.
    std::vector<int> binaries;
    for (const auto& [key, j] : zcol)
    {
        binaries.push_back(j);
    }
    for (const auto& [key, j] : ycol)
    {
        binaries.push_back(j);
    }
    for (auto j : pcol)
    {
        if (j)
        {
            binaries.push_back(j);
        }
    }
    for (const auto& [n, w] : copyWeight)
    {
        binaries.push_back(n);
    }
    binaries.erase(std::remove(binaries.begin(), binaries.end(), 0), binaries.end());

    struct HeurInfo
    {
        std::vector<double>* start;
        bool given;
        double bound;
        const std::vector<int>* binaries;
        bool placementFirst;
        const PfmLpFormulation* self;
        const Columns* cols;
        bool nodeCuts;
        uint64_t cutCalls{0};
        uint64_t cutsAdded{0};
        uint64_t branchCalls{0};
        std::function<std::vector<double>(glp_tree*)> heuristic;
        const std::map<int, double>* copyWeight;
        const std::map<int, std::pair<int, double>>* groupOf;
    } heur{&start,
           false,
           -std::numeric_limits<double>::infinity(),
           &binaries,
           m_opt.branchPlacementFirst,
           this,
           &cols,
           m_opt.nodeCuts,
           0,
           0,
           0,
           {},
           &copyWeight,
           &groupOf};

    if (m_opt.placementHeuristic)
    {
        heur.heuristic = [&](glp_tree* tree) {
            PlacementPlan plan;
            glp_prob* P = glp_ios_get_prob(tree);
            if (!m_opt.placementHeuristic(placementOf(P, cols), plan))
            {
                return std::vector<double>{};
            }
            return IncumbentColumns(plan, glp_get_num_cols(P), cols);
        };
    }
    io.cb_info = &heur;
    io.cb_func = [](glp_tree* tree, void* info) {
        auto* h = static_cast<HeurInfo*>(info);
        if (glp_ios_reason(tree) == GLP_IHEUR && !h->given && !h->start->empty())
        {
            h->given = true;
            glp_ios_heur_sol(tree, h->start->data());
        }
        else if (glp_ios_reason(tree) == GLP_IHEUR && h->heuristic)
        {
            auto v = h->heuristic(tree);
            if (!v.empty())
            {
                glp_ios_heur_sol(tree, v.data());
            }
        }
        if (glp_ios_reason(tree) == GLP_ICUTGEN && h->nodeCuts)
        {
            ++h->cutCalls;
            h->cutsAdded += h->self->Separate(glp_ios_get_prob(tree), *h->cols, tree);
        }
        if (glp_ios_reason(tree) == GLP_IBRANCH && h->placementFirst)
        {
            ++h->branchCalls;
            glp_prob* P = glp_ios_get_prob(tree);
            int pick = 0;
            int groupPick = 0;
            double score = 0;
            for (int j : *h->binaries)
            {
                if (!glp_ios_can_branch(tree, j))
                {
                    continue;
                }
                double v = glp_get_col_prim(P, j);
                double frac = std::min(v - std::floor(v), std::ceil(v) - v);
                auto cw = h->copyWeight->find(j);
                double w = cw != h->copyWeight->end() ? cw->second : glp_get_obj_coef(P, j);
                double s = frac * (1e-3 + std::fabs(w));
                if (s > score)
                {
                    score = s;
                    pick = j;
                }
            }
            // Placement integral: the load-group column whose fraction, times its load,
            // times its site's load price (the row's dual), is largest.
            for (const auto& [j, rw] : *h->groupOf)
            {
                if (pick || !glp_ios_can_branch(tree, j))
                {
                    continue;
                }
                double v = glp_get_col_prim(P, j);
                double frac = std::min(v - std::floor(v), std::ceil(v) - v);
                double s = frac * rw.second * (1e-6 + std::fabs(glp_get_row_dual(P, rw.first)));
                if (s > score)
                {
                    score = s;
                    groupPick = j;
                }
            }
            pick = pick ? pick : groupPick;
            if (pick)
            {
                glp_ios_branch_upon(tree, pick, GLP_NO_BRNCH);
            }
        }
        int best = glp_ios_best_node(tree);
        if (best != 0)
        {
            h->bound = glp_ios_node_bound(tree, best);
        }
        if (glp_ios_reason(tree) == GLP_IBRANCH && h->branchCalls % 25 == 0)
        {
            int active = 0;
            int total = 0;
            glp_ios_tree_size(tree, &active, nullptr, &total);
            NS_LOG_LOGIC("branch and cut: incumbent " << glp_mip_obj_val(glp_ios_get_prob(tree))
                                                      << ", bound " << h->bound << ", " << active
                                                      << " open nodes of " << total);
        }
    };
    if (m_opt.timeLimitS > 0)
    {
        // What the root (cuts, heuristic, reduced-cost fixing) left of the limit.
        double spent =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        io.tm_lim = static_cast<int>(std::max(1.0, (m_opt.timeLimitS - spent) * 1000));
    }
    rc = glp_intopt(lp, &io);
    NS_LOG_INFO("branch and cut: "
                << heur.branchCalls << " branchings, " << heur.cutCalls << " separations adding "
                << heur.cutsAdded << " cuts; bound " << heur.bound << "; "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
                << " s since the model build");
    if (std::isfinite(heur.bound))
    {
        m_bound = std::max(m_bound, heur.bound);
    }
    int ms = glp_mip_status(lp);
    if (ms == GLP_OPT || (ms == GLP_FEAS && rc == GLP_EMIPGAP))
    {
        // GLP_EMIPGAP: stopped because the relative gap fell below MipGap; GLPK leaves the
        // status at "feasible", but the plan is proven optimal within that gap.
        out = Outcome::OPTIMAL;
    }
    else if (ms == GLP_FEAS)
    {
        out = Outcome::FEASIBLE;
    }
    else if (ms == GLP_NOFEAS)
    {
        out = Outcome::INFEASIBLE;
    }
    else if (rc == GLP_ETMLIM)
    {
        out = Outcome::TIME_LIMIT;
    }
    else
    {
        out = Outcome::ERROR;
    }
    if (out == Outcome::OPTIMAL || out == Outcome::FEASIBLE)
    {
        m_objective = glp_mip_obj_val(lp);
        readSolution(true);
        if (out == Outcome::OPTIMAL)
        {
            // GLPK's gap is |best - bound| / (|best| + eps).
            m_bound = std::max(m_bound, m_objective * (1 - m_opt.mipGap));
        }
    }
    glp_delete_prob(lp);
    return out;
}

int
PfmLpFormulation::AddSumColumn(glp_prob* lp, const std::vector<int>& members, double ub)
{
    int n = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, n, GLP_IV);
    if (std::isfinite(ub))
    {
        glp_set_col_bnds(lp, n, GLP_DB, 0, ub);
    }
    else
    {
        glp_set_col_bnds(lp, n, GLP_LO, 0, 0);
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
    int i = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, i, GLP_FX, 0, 0);
    glp_set_mat_row(lp, i, static_cast<int>(ind.size() - 1), ind.data(), val.data());
    // N basic at the sum of its members, the row nonbasic at 0: a basis that was optimal
    // stays optimal (no pivot).
    glp_set_col_stat(lp, n, GLP_BS);
    glp_set_row_stat(lp, i, GLP_NS);
    return n;
}

std::vector<double>
PfmLpFormulation::IncumbentColumns(const PlacementPlan& plan, int nCols, const Columns& cols) const
{
    const auto& xcol = cols.x;
    const auto& ycol = cols.y;
    const auto& zcol = cols.z;
    const auto& pcol = cols.p;
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    const auto& cls = p.GetRequestClass();
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, size_t> optionOf;
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        optionOf[{m_options[o].cls, m_options[o].model, m_options[o].site}] = o;
    }
    std::vector<double> v(static_cast<size_t>(nCols) + 1, 0);
    std::set<std::pair<uint32_t, uint32_t>> used; // (c, m)
    for (uint32_t r = 0; r < plan.decisions.size(); ++r)
    {
        const auto& d = plan.decisions[r];
        if (d.rejected)
        {
            continue;
        }
        // At the DC the plan's model may be any candidate: the formulation keeps the
        // lightest, no slower and no heavier (the incumbent's value can only drop).
        uint32_t model = p.IsDc(d.site) ? p.GetLightestCandidate(cls[r]) : d.model;
        auto it = optionOf.find({cls[r], model, d.site});
        if (it == optionOf.end())
        {
            NS_LOG_INFO("incumbent uses an option the model does not have: not used");
            return {};
        }
        if (xcol[it->second] == 0)
        {
            // Deleted by reduced-cost fixing: 0 in every plan better than the incumbent.
            return {};
        }
        v[xcol[it->second]] += 1;
        if (!p.IsDc(d.site))
        {
            used.insert({d.site, d.model});
        }
    }
    // Set an indicator column; false if reduced-cost fixing deleted it (fixed at 0).
    auto set = [&v](int j) {
        v[j] = 1;
        return j != 0;
    };
    for (const auto& [c, m] : used)
    {
        if (!set(ycol.at({c, m})))
        {
            return {};
        }
        if (m_opt.noSharing)
        {
            bool pulls = false;
            for (auto k : cat.GetModels()[m].blocks)
            {
                pulls = pulls || p.GetBlockPullDelay(c, k) > 0;
            }
            if (pulls && !set(pcol[c]))
            {
                return {};
            }
            continue;
        }
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!set(zcol.at({c, k})) || (!p.IsResident(c, k) && !set(pcol[c])))
            {
                return {};
            }
        }
    }
    for (const auto& [n, members] : cols.sums)
    {
        for (int j : members)
        {
            v[n] += v[j];
        }
    }
    return v;
}

uint32_t
PfmLpFormulation::Separate(glp_prob* lp, const Columns& cols, glp_tree* tree) const
{
    const auto& xcol = cols.x;
    const auto& ycol = cols.y;
    const auto& zcol = cols.z;
    const auto& pcol = cols.p;
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    uint32_t nc = p.GetNCloudlets();
    // A cut sum(a_j v_j) <= 0 is added when its violation exceeds this share of its
    // largest term (scale-free: rows mix counts, PFLOP and indicator columns).
    constexpr double REL_TOL = 1e-4;
    std::vector<double> xv(m_options.size());
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        xv[o] = xcol[o] ? glp_get_col_prim(lp, xcol[o]) : 0;
    }
    // Column 0: deleted by reduced-cost fixing (0 in every plan the search still seeks).
    auto prim = [lp](int j) { return j ? glp_get_col_prim(lp, j) : 0.0; };
    // Options at each cloudlet, grouped by model; the models at each cloudlet.
    std::vector<std::map<uint32_t, std::vector<size_t>>> byModel(nc);
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        if (!p.IsDc(m_options[o].site))
        {
            byModel[m_options[o].site][m_options[o].model].push_back(o);
        }
    }
    auto phi = [&](size_t o) {
        return p.GetFlops(m_options[o].model, classes[m_options[o].cls].tokens) / LOAD_UNIT;
    };
    auto pulls = [&](uint32_t c, uint32_t m) {
        for (auto k : cat.GetModels()[m].blocks)
        {
            if (!p.IsResident(c, k))
            {
                return true;
            }
        }
        return false;
    };
    std::vector<int> ind{0};
    std::vector<double> val{0};
    uint32_t added = 0;
    auto addCut = [&](const std::vector<std::pair<int, double>>& terms) {
        ind.assign(1, 0);
        val.assign(1, 0);
        for (const auto& [j, a] : terms)
        {
            if (j == 0)
            {
                continue;
            }
            ind.push_back(j);
            val.push_back(a);
        }
        if (tree)
        {
            glp_ios_add_row(tree,
                            nullptr,
                            0,
                            0,
                            static_cast<int>(ind.size() - 1),
                            ind.data(),
                            val.data(),
                            GLP_UP,
                            0);
        }
        else
        {
            int i = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, i, GLP_UP, 0, 0);
            glp_set_mat_row(lp, i, static_cast<int>(ind.size() - 1), ind.data(), val.data());
        }
        ++added;
    };
    // Load linking: the load a set of models puts on c is at most U times the indicator
    // every one of them needs, U = min(load capacity, the most that demand can put there).
    auto loadCut = [&](uint32_t c, const std::vector<uint32_t>& models, int indicator) {
        std::map<uint32_t, double> maxPhi; // class -> largest per-request load
        double lhs = 0;
        std::vector<std::pair<int, double>> terms;
        for (auto m : models)
        {
            for (auto o : byModel[c].at(m))
            {
                double f = phi(o);
                lhs += f * xv[o];
                terms.emplace_back(xcol[o], f);
                auto& mp = maxPhi[m_options[o].cls];
                mp = std::max(mp, f);
            }
        }
        double most = 0;
        for (const auto& [q, f] : maxPhi)
        {
            most += classes[q].GetCount() * f;
        }
        double u = std::min(p.GetLoadCapacity(c) / LOAD_UNIT, most);
        if (lhs - u * prim(indicator) > REL_TOL * std::max(u, 1e-12))
        {
            terms.emplace_back(indicator, -u);
            addCut(terms);
        }
    };
    if (m_opt.integer && m_opt.aggregateLinking)
    {
        // The per-option linking rows the model left out: x_{q,m,c} <= n_q y_{m,c}.
        for (size_t o = 0; o < m_options.size(); ++o)
        {
            const auto& op = m_options[o];
            if (p.IsDc(op.site) || xv[o] <= 0)
            {
                continue;
            }
            double n = classes[op.cls].GetCount();
            int y = ycol.at({op.site, op.model});
            if (xv[o] - n * prim(y) > REL_TOL * n)
            {
                addCut({{xcol[o], 1}, {y, -n}});
            }
        }
    }
    for (uint32_t c = 0; c < nc; ++c)
    {
        if (byModel[c].empty())
        {
            continue;
        }
        std::map<uint32_t, std::vector<uint32_t>> modelsOfBlock;
        std::vector<uint32_t> pulling;
        for (const auto& [m, opts] : byModel[c])
        {
            loadCut(c, {m}, ycol.at({c, m}));
            if (!m_opt.noSharing)
            {
                for (auto k : cat.GetModels()[m].blocks)
                {
                    modelsOfBlock[k].push_back(m);
                }
            }
            if (pcol[c] && pulls(c, m))
            {
                pulling.push_back(m);
            }
        }
        for (const auto& [k, models] : modelsOfBlock)
        {
            if (models.size() > 1)
            {
                loadCut(c, models, zcol.at({c, k}));
            }
        }
        if (!pulling.empty())
        {
            loadCut(c, pulling, pcol[c]);
        }
        // Class linking: the members of class q that c serves with models holding block k
        // (or pulling anything) are at most n_q times that block's (the pull's) indicator.
        std::map<uint32_t, std::vector<size_t>> byClass;
        for (const auto& [m, opts] : byModel[c])
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
            double n = classes[q].GetCount();
            std::map<int, std::vector<size_t>> byIndicator;
            for (auto o : opts)
            {
                uint32_t m = m_options[o].model;
                if (!m_opt.noSharing)
                {
                    for (auto k : cat.GetModels()[m].blocks)
                    {
                        byIndicator[zcol.at({c, k})].push_back(o);
                    }
                }
                if (pcol[c] && pulls(c, m))
                {
                    byIndicator[pcol[c]].push_back(o);
                }
            }
            for (const auto& [j, members] : byIndicator)
            {
                if (members.size() < 2)
                {
                    continue;
                }
                double lhs = 0;
                std::vector<std::pair<int, double>> terms;
                for (auto o : members)
                {
                    lhs += xv[o];
                    terms.emplace_back(xcol[o], 1);
                }
                if (lhs - n * prim(j) > REL_TOL * n)
                {
                    terms.emplace_back(j, -n);
                    addCut(terms);
                }
            }
        }
    }
    return added;
}

uint32_t
PfmLpFormulation::PriceOut(const std::vector<double>& duals, double& farley)
{
    const auto& p = m_problem;
    const auto& classes = p.GetClasses();
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> have;
    for (const auto& o : m_options)
    {
        have.insert({o.cls, o.model, o.site});
    }
    // Scale for "negative": relative to the class's delay.
    farley = 0;
    std::vector<ClassOption> add;
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& c = classes[q];
        if (c.candidates.empty() || c.dcOnly || !m_demandRow[q])
        {
            continue;
        }
        double u = duals[m_demandRow[q]];
        double best = 0;
        std::vector<std::pair<double, ClassOption>> neg;
        for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
        {
            for (auto m : c.candidates)
            {
                if (have.count({q, m, s}))
                {
                    continue;
                }
                double rc = p.GetClassDelay(q, m, s) - u -
                            duals[m_loadRow[s]] * p.GetFlops(m, c.tokens) / LOAD_UNIT;
                best = std::min(best, rc);
                if (rc < -1e-9 * std::max(1.0, std::fabs(u)))
                {
                    neg.emplace_back(rc, ClassOption{q, m, s});
                }
            }
        }
        farley += c.GetCount() * best;
        std::sort(neg.begin(), neg.end(), [](const auto& a, const auto& b) {
            return a.first < b.first;
        });
        for (size_t i = 0; i < neg.size() && i < 3; ++i)
        {
            // Add the site with every candidate model, so that the class can use it fully.
            for (auto m : c.candidates)
            {
                if (!have.count({q, m, neg[i].second.site}))
                {
                    have.insert({q, m, neg[i].second.site});
                    add.push_back(ClassOption{q, m, neg[i].second.site});
                }
            }
        }
    }
    m_options.insert(m_options.end(), add.begin(), add.end());
    return static_cast<uint32_t>(add.size());
}

double
PfmLpFormulation::GetObjective() const
{
    return m_objective;
}

double
PfmLpFormulation::GetLowerBound() const
{
    return m_bound;
}

bool
PfmLpFormulation::IsPricedOut() const
{
    return m_pricedOut;
}

double
PfmLpFormulation::GetSolveSeconds() const
{
    return m_seconds;
}

const std::vector<ClassOption>&
PfmLpFormulation::GetOptions() const
{
    return m_options;
}

const std::vector<double>&
PfmLpFormulation::GetX() const
{
    return m_x;
}

double
PfmLpFormulation::GetY(uint32_t model, uint32_t cloudlet) const
{
    return m_y.empty() ? 0 : m_y[cloudlet][model];
}

double
PfmLpFormulation::GetZ(uint32_t block, uint32_t cloudlet) const
{
    return m_z.empty() ? 0 : m_z[cloudlet][block];
}

std::pair<int, int>
PfmLpFormulation::GetSize() const
{
    return m_size;
}

PlacementPlan
PfmLpFormulation::Expand(const PlanningProblem& problem,
                         const std::vector<ClassOption>& options,
                         const std::vector<uint32_t>& counts)
{
    NS_ASSERT(options.size() == counts.size());
    const auto& classes = problem.GetClasses();
    const auto& reqs = problem.GetScenario().requests;
    PlacementPlan plan = PlacementPlan::CloudOnly(problem);
    std::vector<std::vector<size_t>> byClass(classes.size());
    for (size_t o = 0; o < options.size(); ++o)
    {
        if (counts[o] > 0)
        {
            byClass[options[o].cls].push_back(o);
        }
    }
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        auto& opts = byClass[q];
        if (opts.empty())
        {
            continue;
        }
        std::sort(opts.begin(), opts.end(), [&](size_t a, size_t b) {
            double pa = problem.GetProcessingDelay(options[a].model, options[a].site, 1);
            double pb = problem.GetProcessingDelay(options[b].model, options[b].site, 1);
            return pa != pb ? pa < pb : a < b;
        });
        std::vector<uint32_t> members = classes[q].members;
        std::stable_sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) {
            return reqs[a].tokens > reqs[b].tokens;
        });
        size_t next = 0;
        for (auto o : opts)
        {
            for (uint32_t i = 0; i < counts[o] && next < members.size(); ++i, ++next)
            {
                auto& d = plan.decisions[members[next]];
                d.rejected = false;
                d.model = options[o].model;
                d.site = options[o].site;
            }
        }
    }
    plan.CloseOverBlocks(problem);
    return plan;
}

} // namespace mecpfm
} // namespace ns3
