/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "assignment-lp.h"

#include "load-group-columns.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("AssignmentLp");

namespace
{

/**
 * Exchanges that keep every load row: move one member of a class to a cheaper option with
 * load to spare, or swap two members of two classes between two sites (one goes s1 -> s2,
 * the other s2 -> s1) when the pair lowers the total delay and both loads still fit.
 * Repeated until no exchange improves (or a bounded number of passes).
 */
class CountExchanges
{
  public:
    /// The options and their counts (changed in place by Run()).
    CountExchanges(const PlanningProblem& p,
                   const std::vector<ClassOption>& opts,
                   std::vector<uint32_t>& counts)
        : m_p(p),
          m_opts(opts),
          m_counts(counts),
          m_delay(opts.size()),
          m_flops(opts.size()),
          m_ofClass(p.GetClasses().size()),
          m_left(p.GetNSites())
    {
        for (uint32_t s = 0; s < p.GetNSites(); ++s)
        {
            m_left[s] = p.GetLoadCapacity(s);
        }
        for (size_t o = 0; o < opts.size(); ++o)
        {
            m_delay[o] = p.GetClassCost(opts[o].cls, opts[o].model, opts[o].site);
            m_flops[o] = p.GetFlops(opts[o].model, p.GetClasses()[opts[o].cls].tokens);
            m_ofClass[opts[o].cls].push_back(o);
            m_left[opts[o].site] -= counts[o] * m_flops[o];
        }
    }

    /// Exchange until none improves (50 passes at most).
    void Run()
    {
        for (int pass = 0; pass < 50; ++pass)
        {
            bool improved = MovePass();
            improved = SwapPass() || improved;
            if (!improved)
            {
                break;
            }
        }
    }

  private:
    /// A move (from, to) between two options of one class.
    using Move = std::pair<size_t, size_t>;

    /// \return whether site s can take \p add more FLOPs
    bool Fits(uint32_t s, double add) const
    {
        return m_left[s] - add >= -1e-12 * m_p.GetLoadCapacity(s);
    }

    /// Move one member from option \p from to option \p to.
    void Apply(size_t from, size_t to)
    {
        --m_counts[from];
        ++m_counts[to];
        m_left[m_opts[from].site] += m_flops[from];
        m_left[m_opts[to].site] -= m_flops[to];
    }

    /// \return whether a member moved to a cheaper option of its class with load to spare
    bool MovePass()
    {
        bool improved = false;
        for (const auto& os : m_ofClass)
        {
            for (size_t a : os)
            {
                for (size_t b : os)
                {
                    while (m_counts[a] > 0 && m_delay[b] < m_delay[a] - 1e-12 &&
                           Fits(m_opts[b].site, m_flops[b]))
                    {
                        Apply(a, b);
                        improved = true;
                    }
                }
            }
        }
        return improved;
    }

    /// \return the candidate moves by (from site, to site), cheapest first
    std::vector<std::vector<std::vector<Move>>> MovesBySitePair() const
    {
        const uint32_t ns = m_p.GetNSites();
        std::vector<std::vector<std::vector<Move>>> byPair(ns, std::vector<std::vector<Move>>(ns));
        for (const auto& os : m_ofClass)
        {
            for (size_t a : os)
            {
                if (m_counts[a] == 0)
                {
                    continue;
                }
                for (size_t b : os)
                {
                    if (m_opts[b].site != m_opts[a].site)
                    {
                        byPair[m_opts[a].site][m_opts[b].site].emplace_back(a, b);
                    }
                }
            }
        }
        for (auto& row : byPair)
        {
            for (auto& list : row)
            {
                std::sort(list.begin(), list.end(), [this](const Move& x, const Move& y) {
                    double dx = m_delay[x.second] - m_delay[x.first];
                    double dy = m_delay[y.second] - m_delay[y.first];
                    return dx != dy ? dx < dy : x < y;
                });
            }
        }
        return byPair;
    }

    /// \return whether two members of two classes swapped sites
    bool SwapPass()
    {
        bool improved = false;
        const auto byPair = MovesBySitePair();
        const uint32_t ns = m_p.GetNSites();
        for (uint32_t s1 = 0; s1 < ns; ++s1)
        {
            for (uint32_t s2 = 0; s2 < ns; ++s2)
            {
                for (const auto& [a, b] : byPair[s1][s2])
                {
                    double gain1 = m_delay[a] - m_delay[b];
                    if (gain1 <= 1e-12)
                    {
                        break; // sorted: no later first move gains
                    }
                    improved = SwapWith(s1, s2, a, b, gain1, byPair[s2][s1]) || improved;
                }
            }
        }
        return improved;
    }

    /// \return whether a move back from s2 to s1 paired with (a, b) was applied
    bool SwapWith(uint32_t s1,
                  uint32_t s2,
                  size_t a,
                  size_t b,
                  double gain1,
                  const std::vector<Move>& back)
    {
        for (const auto& [c, d] : back)
        {
            double gain2 = m_delay[c] - m_delay[d];
            if (gain1 + gain2 <= 1e-12)
            {
                break;
            }
            if (m_counts[a] == 0 || m_counts[c] == 0 || m_opts[a].cls == m_opts[c].cls)
            {
                continue;
            }
            // a leaves s1, d enters s1; c leaves s2, b enters s2.
            if (Fits(s1, m_flops[d] - m_flops[a]) && Fits(s2, m_flops[b] - m_flops[c]))
            {
                Apply(a, b);
                Apply(c, d);
                return true;
            }
        }
        return false;
    }

    const PlanningProblem& m_p;                 //!< problem
    const std::vector<ClassOption>& m_opts;     //!< options
    std::vector<uint32_t>& m_counts;            //!< counts
    std::vector<double> m_delay;                //!< delay per option
    std::vector<double> m_flops;                //!< FLOPs per option
    std::vector<std::vector<size_t>> m_ofClass; //!< options of each class
    std::vector<double> m_left;                 //!< load left per site
};

} // namespace

AssignmentLp::AssignmentLp(const PlanningProblem& problem,
                           const std::vector<std::set<uint32_t>>& open,
                           uint32_t nearest,
                           uint64_t maxOptions)
    : m_problem(problem)
{
    SelectOptions(OptionsByClass(open), nearest, maxOptions);
    NS_LOG_INFO("assignment LP: " << m_options.size() << " options");
    // Per class, its options by delay: where members left over by the rounding go.
    m_ofClass.resize(problem.GetClasses().size());
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        m_ofClass[m_options[o].cls].push_back(o);
    }
    for (uint32_t q = 0; q < m_ofClass.size(); ++q)
    {
        std::sort(m_ofClass[q].begin(), m_ofClass[q].end(), [&](size_t a, size_t b) {
            double da = problem.GetClassCost(q, m_options[a].model, m_options[a].site);
            double db = problem.GetClassCost(q, m_options[b].model, m_options[b].site);
            return da != db ? da < db : a < b;
        });
    }
}

const std::vector<ClassOption>&
AssignmentLp::GetOptions() const
{
    return m_options;
}

double
AssignmentLp::Flops(size_t o) const
{
    return m_problem.GetFlops(m_options[o].model, m_problem.GetClasses()[m_options[o].cls].tokens);
}

std::vector<std::vector<ClassOption>>
AssignmentLp::OptionsByClass(const std::vector<std::set<uint32_t>>& open) const
{
    // At a given site the lightest candidate (PlanningProblem::IsLighter) is the fastest
    // and loads the site least: it dominates the others there, and is the class's only
    // option at that site. Not so with objective weights (a heavier model may be more
    // accurate): then every open candidate is an option.
    const auto& p = m_problem;
    const bool all = !p.GetObjectiveWeights().IsZero();
    const auto& classes = p.GetClasses();
    std::vector<std::vector<ClassOption>> optsOf(classes.size());
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& cl = classes[q];
        if (cl.candidates.empty())
        {
            continue;
        }
        if (all)
        {
            for (auto m : cl.candidates)
            {
                optsOf[q].push_back(ClassOption{q, m, p.GetDcSite()});
            }
        }
        else
        {
            optsOf[q].push_back(ClassOption{q, p.GetLightestCandidate(q), p.GetDcSite()});
        }
        if (cl.dcOnly)
        {
            continue;
        }
        std::vector<std::tuple<double, uint32_t, uint32_t>> sites; // (delay, c, model)
        for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
        {
            bool any = false;
            uint32_t best = 0;
            double d = c == cl.homeSite
                           ? -1
                           : p.GetTransferDelay(cl.homeSite, c, cl.inputBytes, cl.outputBytes);
            for (auto m : cl.candidates)
            {
                if (all && open[c].count(m))
                {
                    sites.emplace_back(d, c, m);
                }
                else if (open[c].count(m) && (!any || p.IsLighter(m, best)))
                {
                    best = m;
                    any = true;
                }
            }
            if (any)
            {
                sites.emplace_back(d, c, best);
            }
        }
        std::sort(sites.begin(), sites.end());
        for (const auto& [d, c, m] : sites)
        {
            optsOf[q].push_back(ClassOption{q, m, c});
        }
    }
    return optsOf;
}

void
AssignmentLp::SelectOptions(const std::vector<std::vector<ClassOption>>& optsOf,
                            uint32_t nearest,
                            uint64_t maxOptions)
{
    const auto& classes = m_problem.GetClasses();
    // Options with K cloudlets besides home (all if K = 0).
    auto usedOf = [&](uint32_t q, uint32_t k) {
        const auto& os = optsOf[q];
        if (k == 0 || os.size() <= 1)
        {
            return os.size();
        }
        bool home = os.size() > 1 && os[1].site == classes[q].homeSite;
        return std::min<size_t>(os.size(), 1 + k + (home ? 1 : 0));
    };
    auto countWith = [&](uint32_t k) {
        uint64_t n = 0;
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            n += usedOf(q, k);
        }
        return n;
    };
    if (nearest == 0 && maxOptions > 0 && countWith(0) > maxOptions)
    {
        nearest = 1;
        while (nearest + 1 < m_problem.GetNCloudlets() && countWith(nearest + 1) <= maxOptions)
        {
            ++nearest;
        }
    }
    m_options.reserve(countWith(nearest));
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        m_options.insert(m_options.end(),
                         optsOf[q].begin(),
                         optsOf[q].begin() + usedOf(q, nearest));
    }
}

bool
AssignmentLp::Solve(uint32_t integerNodes, double maxSeconds, PlacementPlan& plan)
{
    NS_LOG_FUNCTION(this << integerNodes << maxSeconds);
    PfmLpModelBuilder(m_problem, m_options, m_buildOptions).BuildAssignment(m_lp, m_cols);
    // The relaxation alone, above 30,000 options: from Bixby's crash basis. Synthetic
    // 100 x 100,000 (49,072 options): 2,070 dual simplex iterations against 4,684 from the
    // slack basis. Smaller LPs (GEANT's have about 5,000 options) and the integer program
    // keep the slack basis, and their results.
    if (integerNodes == 0 && m_options.size() > 30000)
    {
        m_lp.CrashNextSimplex();
    }
    std::vector<uint32_t> counts(m_options.size(), 0);
    bool done = integerNodes > 0 && SolveInteger(integerNodes, maxSeconds, counts);
    if (!done && !RoundRelaxation(counts))
    {
        return false;
    }
    if (integerNodes > 0)
    {
        CountExchanges(m_problem, m_options, counts).Run();
    }
    plan = PfmLpFormulation::Expand(m_problem, m_options, counts);
    return true;
}

namespace
{
/// What the integer program's callback needs: the load-group columns and the work budget.
struct CallbackInfo
{
    const LoadGroupColumns* kcols{nullptr}; //!< branched on first
    uint64_t maxNodes{0};                   //!< subproblems allowed
    uint64_t nodes{0};                      //!< subproblems started
};
} // namespace

void
AssignmentLp::Callback(glp_tree* tree, void* info)
{
    auto* ci = static_cast<CallbackInfo*>(info);
    const int reason = glp_ios_reason(tree);
    if (reason == GLP_IPREPRO)
    {
        // Every subproblem passes here once: a work limit, the same on every machine.
        if (++ci->nodes > ci->maxNodes)
        {
            glp_ios_terminate(tree);
        }
        return;
    }
    if (reason != GLP_IBRANCH)
    {
        return;
    }
    int pick = ci->kcols->PickBranch(tree);
    if (pick)
    {
        glp_ios_branch_upon(tree, pick, GLP_NO_BRNCH);
    }
}

bool
AssignmentLp::SolveInteger(uint32_t nodes, double seconds, std::vector<uint32_t>& counts)
{
    // The integer program: the LP, then branch and cut on the counts.
    glp_prob* lp = m_lp.Get();
    int rc = m_lp.Simplex();
    if (rc != 0 || glp_get_status(lp) != GLP_OPT)
    {
        return false;
    }
    const auto& classes = m_problem.GetClasses();
    // Load-group columns at every site, branched on by their load times the site's price.
    std::vector<std::map<double, std::vector<int>>> groups(m_problem.GetNSites());
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        glp_set_col_kind(lp, m_cols.x[o], GLP_IV);
        groups[m_options[o].site]
              [m_problem.GetFlops(m_options[o].model, classes[m_options[o].cls].tokens) /
               PfmLpFormulation::LOAD_UNIT]
                  .push_back(m_cols.x[o]);
    }
    LoadGroupColumns kcols;
    const int firstGroupRow = m_lp.GetNRows() + 1;
    for (uint32_t site = 0; site < m_problem.GetNSites(); ++site)
    {
        for (const auto& [w, xs] : groups[site])
        {
            if (xs.size() >= 2)
            {
                int k = m_lp.AddSumColumn(xs, std::numeric_limits<double>::infinity());
                kcols.Add(k, m_cols.loadRow[site], w);
            }
        }
    }
    m_lp.Simplex();
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    if (seconds > 0)
    {
        io.tm_lim = static_cast<int>(std::min(std::max(1.0, seconds * 1000), 2e9));
    }
    // GLPK 5.0's cut generators abort on a problem without integer columns (every request
    // rejected, or none at all): no cuts there, nothing to cut.
    const bool cuts = glp_get_num_int(lp) > 0;
    io.mir_cuts = cuts ? GLP_ON : GLP_OFF;
    io.cov_cuts = cuts ? GLP_ON : GLP_OFF;
    CallbackInfo info;
    info.kcols = &kcols;
    info.maxNodes = nodes;
    io.cb_info = &info;
    io.cb_func = &AssignmentLp::Callback;
    rc = glp_intopt(lp, &io);
    int st = glp_mip_status(lp);
    NS_LOG_INFO("assignment IP: rc " << rc << ", status " << st << ", value " << glp_mip_obj_val(lp)
                                     << " (LP " << glp_get_obj_val(lp) << "), "
                                     << std::min(info.nodes, info.maxNodes) << " subproblems");
    const bool found = st == GLP_OPT || st == GLP_FEAS;
    for (size_t o = 0; found && o < m_options.size(); ++o)
    {
        counts[o] =
            static_cast<uint32_t>(std::llround(std::max(0.0, glp_mip_col_val(lp, m_cols.x[o]))));
    }
    for (size_t o = 0; o < m_options.size(); ++o)
    {
        glp_set_col_kind(lp, m_cols.x[o], GLP_CV);
    }
    // The LP rounding (if needed) works on the counts alone.
    if (!kcols.GetGroups().empty())
    {
        std::vector<int> del{0};
        for (const auto& g : kcols.GetGroups())
        {
            del.push_back(g.col);
        }
        glp_del_cols(lp, static_cast<int>(del.size() - 1), del.data());
        del.assign(1, 0);
        for (int i = firstGroupRow; i <= m_lp.GetNRows(); ++i)
        {
            del.push_back(i);
        }
        glp_del_rows(lp, static_cast<int>(del.size() - 1), del.data());
        glp_std_basis(lp);
    }
    return found;
}

bool
AssignmentLp::RoundRelaxation(std::vector<uint32_t>& counts)
{
    // Integral counts: round down, then place the members left over at the cheapest option
    // with load to spare. If one fits nowhere, reserve at every site the load its
    // fractional options need rounded up and solve again (twice at most).
    const auto& p = m_problem;
    glp_prob* lp = m_lp.Get();
    std::vector<double> reserve(p.GetNSites(), 0);
    for (int attempt = 0; attempt < 3; ++attempt)
    {
        for (uint32_t s = 0; s < p.GetNSites(); ++s)
        {
            glp_set_row_bnds(lp,
                             m_cols.loadRow[s],
                             GLP_UP,
                             0,
                             std::max(0.0, p.GetLoadCapacity(s) - reserve[s]) /
                                 PfmLpFormulation::LOAD_UNIT);
        }
        int rc = m_lp.Simplex();
        NS_LOG_INFO("assignment LP, attempt " << attempt << ": simplex rc " << rc << ", "
                                              << glp_get_it_cnt(lp) << " iterations, value "
                                              << glp_get_obj_val(lp));
        if (rc != 0 || glp_get_status(lp) != GLP_OPT)
        {
            NS_LOG_INFO("assignment LP: no optimum (rc " << rc << ", status " << glp_get_status(lp)
                                                         << ")");
            return false;
        }
        std::vector<double> left(p.GetNSites());
        for (uint32_t s = 0; s < p.GetNSites(); ++s)
        {
            left[s] = p.GetLoadCapacity(s);
        }
        for (size_t o = 0; o < m_options.size(); ++o)
        {
            double v = glp_get_col_prim(lp, m_cols.x[o]);
            counts[o] = static_cast<uint32_t>(std::floor(v + 1e-7));
            left[m_options[o].site] -= counts[o] * Flops(o);
            if (v - counts[o] > 1e-7)
            {
                reserve[m_options[o].site] += Flops(o);
            }
        }
        if (PlaceLeftovers(left, counts))
        {
            return true;
        }
        NS_LOG_INFO("assignment LP, attempt " << attempt << ": a member fits nowhere");
    }
    return false;
}

bool
AssignmentLp::PlaceLeftovers(std::vector<double>& left, std::vector<uint32_t>& counts) const
{
    const auto& classes = m_problem.GetClasses();
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        if (classes[q].candidates.empty())
        {
            continue; // rejected (no model meets the floor, no DC fallback): as CloudOnly
        }
        const auto& ofClass = m_ofClass[q];
        uint32_t got = 0;
        for (auto o : ofClass)
        {
            got += counts[o];
        }
        for (; got < classes[q].GetCount(); ++got)
        {
            auto it = std::find_if(ofClass.begin(), ofClass.end(), [&](size_t o) {
                return left[m_options[o].site] >= Flops(o);
            });
            if (it == ofClass.end())
            {
                NS_LOG_INFO("a member of class " << q << " fits nowhere");
                return false;
            }
            left[m_options[*it].site] -= Flops(*it);
            ++counts[*it];
        }
    }
    return true;
}

} // namespace mecpfm
} // namespace ns3
