/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-lp-formulation.h"

#include "glpk-problem.h"
#include "pfm-branch-and-cut.h"
#include "pfm-cut-separator.h"
#include "pfm-lp-model-builder.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmLpFormulation");

namespace
{
/// \return seconds since t0
double
SecondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/**
 * \brief Solve the root relaxation, then strengthen it: add violated valid inequalities
 * and re-solve from the current basis (dual simplex: the new rows only cut the point off),
 * for at most Options::cutRounds rounds.
 * \param lp the model
 * \param separator its cut separator
 * \param opt the options (time limit, cut rounds)
 * \param started when the model build began (it counts against the time limit: a million
 * columns take seconds)
 * \return OPTIMAL if the relaxation is solved, else why not
 */
PfmLpFormulation::Outcome
SolveRoot(GlpkProblem& lp,
          PfmCutSeparator& separator,
          const PfmLpFormulation::Options& opt,
          std::chrono::steady_clock::time_point started)
{
    using Outcome = PfmLpFormulation::Outcome;
    if (opt.timeLimitS > 0)
    {
        lp.SetSimplexTimeLimit(opt.timeLimitS - SecondsSince(started));
    }
    int rc = lp.Simplex();
    Outcome out = Outcome::ERROR;
    if (rc == GLP_ETMLIM)
    {
        out = Outcome::TIME_LIMIT;
    }
    else if (rc == 0)
    {
        int st = glp_get_status(lp.Get());
        if (st == GLP_OPT)
        {
            out = Outcome::OPTIMAL;
        }
        else if (st == GLP_NOFEAS || st == GLP_INFEAS)
        {
            out = Outcome::INFEASIBLE;
        }
    }
    for (uint32_t round = 0; out == Outcome::OPTIMAL && round < opt.cutRounds; ++round)
    {
        uint32_t added = separator.Separate(lp.Get());
        NS_LOG_INFO("cut round " << round << ": " << added << " rows, LP "
                                 << glp_get_obj_val(lp.Get()) << " at " << SecondsSince(started)
                                 << " s");
        if (added == 0)
        {
            break;
        }
        if (opt.timeLimitS > 0)
        {
            lp.SetSimplexTimeLimit(opt.timeLimitS - SecondsSince(started));
        }
        rc = lp.Simplex();
        if (rc == GLP_ETMLIM)
        {
            out = Outcome::TIME_LIMIT;
        }
        else if (rc != 0 || glp_get_status(lp.Get()) != GLP_OPT)
        {
            // Valid inequalities never make a feasible relaxation infeasible: a failure
            // here is numerical.
            out = Outcome::ERROR;
        }
    }
    return out;
}

/**
 * \brief Read the x and y values of the solution at hand.
 * \param lp the model
 * \param cols its columns (0: deleted by reduced-cost fixing, hence 0)
 * \param mip the MIP solution (else the LP's)
 * \param problem the problem
 * \param x set to the value of each option
 * \param y set to y[cloudlet][model]
 */
void
ReadSolution(const GlpkProblem& lp,
             const PfmLpColumns& cols,
             bool mip,
             const PlanningProblem& problem,
             std::vector<double>& x,
             std::vector<std::vector<double>>& y)
{
    auto value = [&lp, mip](int j) {
        return j == 0 ? 0.0 : (mip ? glp_mip_col_val(lp.Get(), j) : glp_get_col_prim(lp.Get(), j));
    };
    x.assign(cols.x.size(), 0);
    for (size_t o = 0; o < cols.x.size(); ++o)
    {
        x[o] = value(cols.x[o]);
    }
    y.assign(problem.GetNCloudlets(), std::vector<double>(problem.GetCatalogue().GetNModels(), 0));
    for (const auto& [key, j] : cols.y)
    {
        y[key.first][key.second] = value(j);
    }
}

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
                // faster and loads the DC less than any other: the only DC option needed
                // for TotalDelay. With objective weights a heavier, more accurate model
                // may cost less: every candidate is an option.
                if (!problem.GetObjectiveWeights().IsZero())
                {
                    for (auto m : classes[q].candidates)
                    {
                        m_options.push_back(ClassOption{q, m, s});
                    }
                }
                else if (!classes[q].candidates.empty())
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
    auto started = std::chrono::steady_clock::now();
    GlpkProblem lp;
    PfmLpColumns cols;
    PfmLpModelBuilder builder(m_problem, m_options, m_opt);
    builder.Build(lp, cols);
    if (m_opt.crashBasis)
    {
        lp.CrashNextSimplex();
    }
    m_demandRow = cols.demandRow;
    m_loadRow = cols.loadRow;
    PfmCutSeparator separator(m_problem, m_options, m_opt, cols);
    Outcome out = SolveRoot(lp, separator, m_opt, started);
    if (out != Outcome::OPTIMAL)
    {
        return out;
    }
    const double lpValue = glp_get_obj_val(lp.Get());
    if (!m_opt.integer)
    {
        m_objective = lpValue;
        ReadSolution(lp, cols, false, m_problem, m_x, m_y);
        rowDuals.assign(lp.GetNRows() + 1, 0);
        for (int i = 1; i <= lp.GetNRows(); ++i)
        {
            rowDuals[i] = glp_get_row_dual(lp.Get(), i);
        }
        return out;
    }
    // Branch and cut from the optimal relaxation.
    m_bound = lpValue;
    PfmBranchAndCut search(m_problem, m_options, m_opt, builder, separator, lp, cols);
    out = search.Run(lpValue, started);
    if (std::isfinite(search.GetBound()))
    {
        m_bound = std::max(m_bound, search.GetBound());
    }
    if (out == Outcome::OPTIMAL || out == Outcome::FEASIBLE)
    {
        m_objective = glp_mip_obj_val(lp.Get());
        ReadSolution(lp, cols, true, m_problem, m_x, m_y);
        if (out == Outcome::OPTIMAL)
        {
            // GLPK's gap is |best - bound| / (|best| + eps): the bound is at least
            // best - gap |best| (the weighted objective may be negative).
            const double slack = m_opt.mipGap * std::fabs(m_objective);
            m_bound =
                std::max(m_bound,
                         m_objective >= 0 ? m_objective * (1 - m_opt.mipGap) : m_objective - slack);
        }
    }
    return out;
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
                double rc = p.GetClassCost(q, m, s) - u -
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
