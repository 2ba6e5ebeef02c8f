/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-lp-model-builder.h"

#include "ns3/log.h"

#include <set>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmLpModelBuilder");

namespace
{
/// Storage rows are scaled for GLPK: in GB (load rows: PfmLpFormulation::LOAD_UNIT).
constexpr double STORE_UNIT = 1e9;
} // namespace

PfmLpModelBuilder::PfmLpModelBuilder(const PlanningProblem& problem,
                                     const std::vector<ClassOption>& options,
                                     const PfmLpFormulation::Options& opt)
    : m_problem(problem),
      m_options(options),
      m_opt(opt)
{
}

void
PfmLpModelBuilder::Build(GlpkProblem& lp, PfmLpColumns& cols) const
{
    GlpkTriplets t;
    AddLoadRows(lp, cols);
    AddOptionColumns(lp, cols, t, true);
    AddBlockColumns(lp, cols, t);
    lp.LoadMatrix(t);
    NS_LOG_INFO("model: " << lp.GetNColumns() << " columns, " << lp.GetNRows() << " rows, "
                          << t.GetSize() << " nonzeros");
}

void
PfmLpModelBuilder::BuildAssignment(GlpkProblem& lp, PfmLpColumns& cols) const
{
    GlpkTriplets t;
    AddLoadRows(lp, cols);
    AddOptionColumns(lp, cols, t, false);
    lp.LoadMatrix(t);
}

void
PfmLpModelBuilder::AddLoadRows(GlpkProblem& lp, PfmLpColumns& cols) const
{
    cols.demandRow.assign(m_problem.GetClasses().size(), 0);
    cols.loadRow.assign(m_problem.GetNSites(), 0);
    for (uint32_t s = 0; s < m_problem.GetNSites(); ++s)
    {
        cols.loadRow[s] =
            lp.AddRow(GLP_UP, 0, m_problem.GetLoadCapacity(s) / PfmLpFormulation::LOAD_UNIT);
    }
}

int
PfmLpModelBuilder::AddIndicator(GlpkProblem& lp, double cost) const
{
    int j = lp.AddColumn(GLP_DB, 0, 1, cost);
    if (m_opt.integer)
    {
        glp_set_col_kind(lp.Get(), j, GLP_BV);
    }
    return j;
}

void
PfmLpModelBuilder::AddOptionColumns(GlpkProblem& lp,
                                    PfmLpColumns& cols,
                                    GlpkTriplets& t,
                                    bool placement) const
{
    const auto& p = m_problem;
    const auto& classes = p.GetClasses();
    cols.x.assign(m_options.size(), 0);
    cols.p.assign(p.GetNCloudlets(), 0);
    // ILP with aggregated linking: the per-option rows x <= n_q y are left to separation.
    const bool aggregated = m_opt.integer && m_opt.aggregateLinking;
    std::map<std::pair<uint32_t, uint32_t>, std::pair<int, double>> linkRow; // row, sum n_q
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        const auto& op = m_options[o];
        const auto& c = classes[op.cls];
        double n = c.GetCount();
        int& demand = cols.demandRow[op.cls];
        if (!demand)
        {
            demand = lp.AddRow(GLP_FX, n, n);
        }
        int x = lp.AddColumn(GLP_DB, 0, n, p.GetClassCost(op.cls, op.model, op.site));
        cols.x[o] = x;
        if (m_opt.integer)
        {
            glp_set_col_kind(lp.Get(), x, GLP_IV);
        }
        t.Add(demand, x, 1);
        t.Add(cols.loadRow[op.site],
              x,
              p.GetFlops(op.model, c.tokens) / PfmLpFormulation::LOAD_UNIT);
        if (!placement || p.IsDc(op.site))
        {
            continue;
        }
        auto key = std::make_pair(op.site, op.model);
        if (!cols.y.count(key))
        {
            cols.y[key] = AddIndicator(lp, 0);
        }
        if (aggregated)
        {
            // One row per (cloudlet, model): sum_q x_{q,m,c} <= (sum_q n_q) y_{m,c}.
            auto& row = linkRow[key];
            if (!row.first)
            {
                row.first = lp.AddRow(GLP_UP, 0, 0);
            }
            row.second += n;
            t.Add(row.first, x, 1);
        }
        else
        {
            int link = lp.AddRow(GLP_UP, 0, 0);
            t.Add(link, x, 1);
            t.Add(link, cols.y[key], -n);
        }
    }
    for (const auto& [key, row] : linkRow)
    {
        t.Add(row.first, cols.y.at(key), -row.second);
    }
}

int
PfmLpModelBuilder::PullColumn(GlpkProblem& lp, PfmLpColumns& cols, uint32_t c) const
{
    if (!cols.p[c])
    {
        cols.p[c] = AddIndicator(lp, m_problem.GetPullLatency(c));
    }
    return cols.p[c];
}

void
PfmLpModelBuilder::AddBlockColumns(GlpkProblem& lp, PfmLpColumns& cols, GlpkTriplets& t) const
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    std::vector<int> storeRow(p.GetNCloudlets(), 0);
    for (const auto& [key, y] : cols.y)
    {
        uint32_t c = key.first;
        uint32_t m = key.second;
        if (!storeRow[c])
        {
            storeRow[c] = lp.AddRow(GLP_UP, 0, p.GetStorageBytes(c) / STORE_UNIT);
        }
        if (m_opt.noSharing)
        {
            // The model whole: its pull time (weighted: + its prices) on y, its bytes in
            // the storage row.
            double pull = 0;
            double cost = 0;
            for (auto k : cat.GetModels()[m].blocks)
            {
                pull += p.GetBlockPullDelay(c, k);
                cost += p.GetBlockCost(c, k);
            }
            glp_set_obj_coef(lp.Get(), y, cost);
            t.Add(storeRow[c], y, cat.GetModelBytes(m) / STORE_UNIT);
            if (pull > 0)
            {
                int r = lp.AddRow(GLP_UP, 0, 0);
                t.Add(r, y, 1);
                t.Add(r, PullColumn(lp, cols, c), -1);
            }
            continue;
        }
        for (auto k : cat.GetModels()[m].blocks)
        {
            auto zk = std::make_pair(c, k);
            if (!cols.z.count(zk))
            {
                int z = AddIndicator(lp, p.GetBlockCost(c, k));
                cols.z[zk] = z;
                t.Add(storeRow[c], z, cat.GetBlocks()[k].bytes / STORE_UNIT);
                if (!p.IsResident(c, k))
                {
                    int r = lp.AddRow(GLP_UP, 0, 0);
                    t.Add(r, z, 1);
                    t.Add(r, PullColumn(lp, cols, c), -1);
                }
            }
            int r = lp.AddRow(GLP_UP, 0, 0);
            t.Add(r, y, 1);
            t.Add(r, cols.z[zk], -1);
        }
    }
}

std::vector<std::vector<double>>
PfmLpModelBuilder::Placement(glp_prob* lp, const PfmLpColumns& cols) const
{
    std::vector<std::vector<double>> y(
        m_problem.GetNCloudlets(),
        std::vector<double>(m_problem.GetCatalogue().GetNModels(), 0));
    for (const auto& [key, j] : cols.y)
    {
        y[key.first][key.second] = j ? glp_get_col_prim(lp, j) : 0;
    }
    return y;
}

std::vector<double>
PfmLpModelBuilder::PlanValues(const PlacementPlan& plan, int nCols, const PfmLpColumns& cols) const
{
    const auto& p = m_problem;
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
        // At the DC the plan's model may be any candidate: the delay-only formulation keeps
        // the lightest, no slower and no heavier (the incumbent's value can only drop); a
        // weighted one keeps every candidate.
        uint32_t model = p.IsDc(d.site) && p.GetObjectiveWeights().IsZero()
                             ? p.GetLightestCandidate(cls[r])
                             : d.model;
        auto it = optionOf.find({cls[r], model, d.site});
        if (it == optionOf.end())
        {
            NS_LOG_INFO("incumbent uses an option the model does not have: not used");
            return {};
        }
        if (cols.x[it->second] == 0)
        {
            // Deleted by reduced-cost fixing: 0 in every plan better than the incumbent.
            return {};
        }
        v[cols.x[it->second]] += 1;
        if (!p.IsDc(d.site))
        {
            used.insert({d.site, d.model});
        }
    }
    for (const auto& [c, m] : used)
    {
        if (!SetPlacementValues(c, m, cols, v))
        {
            return {};
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

bool
PfmLpModelBuilder::SetPlacementValues(uint32_t c,
                                      uint32_t m,
                                      const PfmLpColumns& cols,
                                      std::vector<double>& v) const
{
    const auto& p = m_problem;
    const auto& cat = p.GetCatalogue();
    // Set an indicator column; false if reduced-cost fixing deleted it (fixed at 0).
    auto set = [&v](int j) {
        v[j] = 1;
        return j != 0;
    };
    if (!set(cols.y.at({c, m})))
    {
        return false;
    }
    if (m_opt.noSharing)
    {
        bool pulls = false;
        for (auto k : cat.GetModels()[m].blocks)
        {
            pulls = pulls || p.GetBlockPullDelay(c, k) > 0;
        }
        return !pulls || set(cols.p[c]);
    }
    for (auto k : cat.GetModels()[m].blocks)
    {
        if (!set(cols.z.at({c, k})) || (!p.IsResident(c, k) && !set(cols.p[c])))
        {
            return false;
        }
    }
    return true;
}

} // namespace mecpfm
} // namespace ns3
