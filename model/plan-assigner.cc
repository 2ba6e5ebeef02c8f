/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-assigner.h"

#include "pfm-lp-formulation.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <glpk.h>
#include <limits>
#include <map>
#include <tuple>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanAssigner");

PlacementPlan
PlanAssigner::AssignBest(const PlanningProblem& p,
                         const std::vector<std::set<uint32_t>>& open,
                         bool homeOnly)
{
    const auto& classes = p.GetClasses();
    const auto& reqs = p.GetScenario().requests;
    uint32_t dc = p.GetDcSite();
    std::vector<double> left(p.GetNSites());
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        left[s] = p.GetLoadCapacity(s);
    }

    // Options per class, sorted by delay; regret = best DC delay - best delay.
    struct Opt
    {
        double d;
        uint32_t m;
        uint32_t s;
    };

    std::vector<std::vector<Opt>> opts(classes.size());
    std::vector<std::pair<double, uint32_t>> order;
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& c = classes[q];
        if (c.candidates.empty())
        {
            continue;
        }
        double bestDc = p.GetBestDcDelay(q);
        for (auto m : c.candidates)
        {
            opts[q].push_back({p.GetClassDelay(q, m, dc), m, dc});
        }
        if (!c.dcOnly)
        {
            for (uint32_t s = 0; s < p.GetNCloudlets(); ++s)
            {
                if (homeOnly && s != c.homeSite)
                {
                    continue;
                }
                for (auto m : c.candidates)
                {
                    if (open[s].count(m))
                    {
                        opts[q].push_back({p.GetClassDelay(q, m, s), m, s});
                    }
                }
            }
        }
        std::sort(opts[q].begin(), opts[q].end(), [](const Opt& a, const Opt& b) {
            return a.d != b.d ? a.d < b.d : (a.s != b.s ? a.s < b.s : a.m < b.m);
        });
        // Classes with no open edge option have no choice but the DC: they go first, so
        // that classes which could use a cloudlet do not take the DC's capacity from them.
        bool dcOnly =
            std::all_of(opts[q].begin(), opts[q].end(), [dc](const Opt& o) { return o.s == dc; });
        order.emplace_back(dcOnly ? -std::numeric_limits<double>::infinity()
                                  : -(bestDc - opts[q].front().d),
                           q);
    }
    std::sort(order.begin(), order.end());
    PlacementPlan plan = PlacementPlan::CloudOnly(p);
    for (const auto& [negRegret, q] : order)
    {
        for (auto r : classes[q].members)
        {
            auto& d = plan.decisions[r];
            bool placed = false;
            for (const auto& o : opts[q])
            {
                double f = p.GetFlops(o.m, reqs[r].tokens);
                if (f <= left[o.s] * (1 + 1e-12))
                {
                    left[o.s] -= f;
                    d.rejected = false;
                    d.model = o.m;
                    d.site = o.s;
                    placed = true;
                    break;
                }
            }
            if (!placed)
            {
                // Nowhere to go: its best DC option, over capacity (reported infeasible).
                for (const auto& o : opts[q])
                {
                    if (o.s == dc)
                    {
                        d.rejected = false;
                        d.model = o.m;
                        d.site = dc;
                        left[dc] -= p.GetFlops(o.m, reqs[r].tokens);
                        break;
                    }
                }
            }
        }
    }
    plan.CloseOverBlocks(p);
    return plan;
}

PlacementPlan
PlanAssigner::AssignRelievingDc(const PlanningProblem& p,
                                std::vector<std::set<uint32_t>>& open,
                                uint32_t maxSteps)
{
    const auto& cat = p.GetCatalogue();
    const auto& classes = p.GetClasses();
    const auto& reqs = p.GetScenario().requests;
    const uint32_t nc = p.GetNCloudlets();
    const uint32_t dc = p.GetDcSite();
    PlacementPlan plan = AssignBest(p, open);
    for (uint32_t step = 0; step < maxSteps; ++step)
    {
        std::vector<double> load(p.GetNSites(), 0);
        for (uint32_t r = 0; r < reqs.size(); ++r)
        {
            const auto& d = plan.decisions[r];
            if (!d.rejected)
            {
                load[d.site] += p.GetFlops(d.model, reqs[r].tokens);
            }
        }
        if (load[dc] <= p.GetLoadCapacity(dc) * (1 + 1e-12))
        {
            break;
        }
        // DC load each (cloudlet, model) could take: per model, the FLOPs the DC serves of
        // classes that may use a cloudlet and have the model among their candidates.
        std::vector<double> movable(cat.GetNModels(), 0);
        for (uint32_t q = 0; q < classes.size(); ++q)
        {
            const auto& cl = classes[q];
            if (cl.dcOnly)
            {
                continue;
            }
            for (auto r : cl.members)
            {
                const auto& d = plan.decisions[r];
                if (d.rejected || d.site != dc)
                {
                    continue;
                }
                for (auto m : cl.candidates)
                {
                    movable[m] += p.GetFlops(m, reqs[r].tokens);
                }
            }
        }
        // Open pairs greedily until their estimated gains cover the DC's overflow, then
        // assign again (one assignment per batch, not per model: on large instances an
        // assignment is the expensive part).
        std::vector<double> spare(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            spare[c] = p.GetLoadCapacity(c) - load[c];
        }
        double overflow = load[dc] - p.GetLoadCapacity(dc);
        uint32_t opened = 0;
        while (overflow > 0 && step + opened < maxSteps)
        {
            double bestGain = 0;
            double bestBytes = 0;
            uint32_t bestC = 0;
            uint32_t bestM = 0;
            for (uint32_t c = 0; c < nc; ++c)
            {
                if (spare[c] <= 0)
                {
                    continue;
                }
                std::vector<uint32_t> ms(open[c].begin(), open[c].end());
                const double used = cat.GetUnionBytes(ms);
                for (uint32_t m = 0; m < cat.GetNModels(); ++m)
                {
                    if (open[c].count(m) || movable[m] <= 0)
                    {
                        continue;
                    }
                    ms.push_back(m);
                    const double bytes = cat.GetUnionBytes(ms) - used;
                    const bool fits = used + bytes <= p.GetStorageBytes(c) * (1 + 1e-12);
                    ms.pop_back();
                    if (!fits)
                    {
                        continue;
                    }
                    const double gain = std::min(movable[m], spare[c]);
                    if (gain > bestGain * (1 + 1e-9) ||
                        (gain >= bestGain * (1 - 1e-9) && gain > 0 && bytes < bestBytes))
                    {
                        bestGain = gain;
                        bestBytes = bytes;
                        bestC = c;
                        bestM = m;
                    }
                }
            }
            if (bestGain <= 0)
            {
                break;
            }
            NS_LOG_DEBUG("relieving the DC: open model " << bestM << " at cloudlet " << bestC);
            open[bestC].insert(bestM);
            ++opened;
            // The estimate of what is left: the chosen pair takes its gain.
            movable[bestM] -= bestGain;
            spare[bestC] -= bestGain;
            overflow -= bestGain;
        }
        if (opened == 0)
        {
            NS_LOG_DEBUG("DC over capacity and no model can be opened to relieve it");
            break;
        }
        step += opened - 1;
        plan = AssignBest(p, open);
    }
    return plan;
}

void
PlanAssigner::FitStorage(const PlanningProblem& p,
                         uint32_t c,
                         std::set<uint32_t>& open,
                         const std::vector<double>& priority)
{
    const auto& cat = p.GetCatalogue();
    while (!open.empty())
    {
        std::vector<uint32_t> ms(open.begin(), open.end());
        double used = cat.GetUnionBytes(ms);
        if (used <= p.GetStorageBytes(c) * (1 + 1e-12))
        {
            return;
        }
        uint32_t worst = ms.front();
        double worstFreed = -1;
        for (auto m : ms)
        {
            std::vector<uint32_t> rest;
            for (auto o : ms)
            {
                if (o != m)
                {
                    rest.push_back(o);
                }
            }
            double freed = used - cat.GetUnionBytes(rest);
            if (priority[m] < priority[worst] ||
                (priority[m] == priority[worst] && freed > worstFreed))
            {
                worst = m;
                worstFreed = freed;
            }
        }
        open.erase(worst);
    }
}

namespace
{

/**
 * Exchanges that keep every load row: move one member of a class to a cheaper option with
 * load to spare, or swap two members of two classes between two sites (one goes s1 -> s2,
 * the other s2 -> s1) when the pair lowers the total delay and both loads still fit.
 * Repeated until no exchange improves (or a bounded number of passes).
 */
void
ImproveCounts(const PlanningProblem& p,
              const std::vector<ClassOption>& opts,
              std::vector<uint32_t>& counts)
{
    const auto& classes = p.GetClasses();
    const uint32_t ns = p.GetNSites();
    std::vector<double> delay(opts.size());
    std::vector<double> flops(opts.size());
    std::vector<std::vector<size_t>> ofClass(classes.size());
    std::vector<double> left(ns);
    for (uint32_t s = 0; s < ns; ++s)
    {
        left[s] = p.GetLoadCapacity(s);
    }
    for (size_t o = 0; o < opts.size(); ++o)
    {
        delay[o] = p.GetClassDelay(opts[o].cls, opts[o].model, opts[o].site);
        flops[o] = p.GetFlops(opts[o].model, classes[opts[o].cls].tokens);
        ofClass[opts[o].cls].push_back(o);
        left[opts[o].site] -= counts[o] * flops[o];
    }
    const double eps = 1e-12;
    auto fits = [&](uint32_t s, double add) {
        return left[s] - add >= -eps * p.GetLoadCapacity(s);
    };
    auto move = [&](size_t from, size_t to) {
        --counts[from];
        ++counts[to];
        left[opts[from].site] += flops[from];
        left[opts[to].site] -= flops[to];
    };
    for (int pass = 0; pass < 50; ++pass)
    {
        bool improved = false;
        // Moves: one member to a cheaper option of its class with load to spare.
        for (const auto& os : ofClass)
        {
            for (size_t a : os)
            {
                for (size_t b : os)
                {
                    while (counts[a] > 0 && delay[b] < delay[a] - 1e-12 &&
                           fits(opts[b].site, flops[b]))
                    {
                        move(a, b);
                        improved = true;
                    }
                }
            }
        }
        // Swaps: candidate moves (from, to) by site pair, cheapest first.
        std::vector<std::vector<std::vector<std::pair<size_t, size_t>>>> byPair(
            ns,
            std::vector<std::vector<std::pair<size_t, size_t>>>(ns));
        for (const auto& os : ofClass)
        {
            for (size_t a : os)
            {
                if (counts[a] == 0)
                {
                    continue;
                }
                for (size_t b : os)
                {
                    if (opts[b].site != opts[a].site)
                    {
                        byPair[opts[a].site][opts[b].site].emplace_back(a, b);
                    }
                }
            }
        }
        for (auto& row : byPair)
        {
            for (auto& list : row)
            {
                std::sort(list.begin(), list.end(), [&](const auto& x, const auto& y) {
                    double dx = delay[x.second] - delay[x.first];
                    double dy = delay[y.second] - delay[y.first];
                    return dx != dy ? dx < dy : x < y;
                });
            }
        }
        for (uint32_t s1 = 0; s1 < ns; ++s1)
        {
            for (uint32_t s2 = 0; s2 < ns; ++s2)
            {
                for (const auto& [a, b] : byPair[s1][s2])
                {
                    double gain1 = delay[a] - delay[b];
                    if (gain1 <= 1e-12)
                    {
                        break; // sorted: no later first move gains
                    }
                    for (const auto& [c, d] : byPair[s2][s1])
                    {
                        double gain2 = delay[c] - delay[d];
                        if (gain1 + gain2 <= 1e-12)
                        {
                            break;
                        }
                        if (counts[a] == 0 || counts[c] == 0 || opts[a].cls == opts[c].cls)
                        {
                            continue;
                        }
                        // a leaves s1, d enters s1; c leaves s2, b enters s2.
                        if (fits(s1, flops[d] - flops[a]) && fits(s2, flops[b] - flops[c]))
                        {
                            move(a, b);
                            move(c, d);
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
        if (!improved)
        {
            break;
        }
    }
}

} // namespace

bool
PlanAssigner::AssignByLp(const PlanningProblem& p,
                         const std::vector<std::set<uint32_t>>& open,
                         uint32_t nearest,
                         uint64_t maxOptions,
                         PlacementPlan& plan,
                         uint64_t* size,
                         double integerSeconds)
{
    NS_LOG_FUNCTION(nearest << maxOptions);
    const auto& classes = p.GetClasses();
    uint32_t nc = p.GetNCloudlets();
    uint32_t dc = p.GetDcSite();
    constexpr double LOAD_UNIT = PfmLpFormulation::LOAD_UNIT;
    // At a given site the candidate of fewest FLOPs per token is the fastest and loads the
    // site least: it dominates the others there, and is the class's only option at that
    // site. Per class: that option at the DC, then its cloudlets holding one of its
    // candidates, home first, then by transfer delay.
    std::vector<std::vector<ClassOption>> optsOf(classes.size());
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& cl = classes[q];
        if (cl.candidates.empty())
        {
            continue;
        }
        optsOf[q].push_back(ClassOption{q, p.GetLightestCandidate(q), dc});
        if (cl.dcOnly)
        {
            continue;
        }
        std::vector<std::tuple<double, uint32_t, uint32_t>> sites; // (delay, c, model)
        for (uint32_t c = 0; c < nc; ++c)
        {
            bool any = false;
            uint32_t best = 0;
            for (auto m : cl.candidates)
            {
                if (open[c].count(m) && (!any || p.IsLighter(m, best)))
                {
                    best = m;
                    any = true;
                }
            }
            if (any)
            {
                double d = c == cl.homeSite
                               ? -1
                               : p.GetTransferDelay(cl.homeSite, c, cl.inputBytes, cl.outputBytes);
                sites.emplace_back(d, c, best);
            }
        }
        std::sort(sites.begin(), sites.end());
        for (const auto& [d, c, m] : sites)
        {
            optsOf[q].push_back(ClassOption{q, m, c});
        }
    }
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
        while (nearest + 1 < nc && countWith(nearest + 1) <= maxOptions)
        {
            ++nearest;
        }
    }
    std::vector<ClassOption> opts;
    opts.reserve(countWith(nearest));
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        opts.insert(opts.end(), optsOf[q].begin(), optsOf[q].begin() + usedOf(q, nearest));
    }
    NS_LOG_INFO("assignment LP: " << opts.size() << " options");
    if (size)
    {
        *size = opts.size();
    }
    glp_term_out(GLP_OFF);
    glp_prob* lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    std::vector<int> demandRow(classes.size(), 0);
    int loadRow0 = glp_add_rows(lp, static_cast<int>(p.GetNSites()));
    for (uint32_t s = 0; s < p.GetNSites(); ++s)
    {
        glp_set_row_bnds(lp,
                         loadRow0 + static_cast<int>(s),
                         GLP_UP,
                         0,
                         p.GetLoadCapacity(s) / LOAD_UNIT);
    }
    std::vector<int> ia{0};
    std::vector<int> ja{0};
    std::vector<double> ar{0};
    int first = glp_add_cols(lp, static_cast<int>(opts.size()));
    for (size_t o = 0; o < opts.size(); ++o)
    {
        const auto& op = opts[o];
        const auto& cl = classes[op.cls];
        double n = cl.GetCount();
        if (!demandRow[op.cls])
        {
            demandRow[op.cls] = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, demandRow[op.cls], GLP_FX, n, n);
        }
        int j = first + static_cast<int>(o);
        glp_set_col_bnds(lp, j, GLP_DB, 0, n);
        glp_set_obj_coef(lp, j, p.GetClassDelay(op.cls, op.model, op.site));
        ia.push_back(demandRow[op.cls]);
        ja.push_back(j);
        ar.push_back(1);
        ia.push_back(loadRow0 + static_cast<int>(op.site));
        ja.push_back(j);
        ar.push_back(p.GetFlops(op.model, cl.tokens) / LOAD_UNIT);
    }
    glp_load_matrix(lp, static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = GLP_DUALP;
    std::vector<std::vector<size_t>> ofClass(classes.size());
    for (size_t o = 0; o < opts.size(); ++o)
    {
        ofClass[opts[o].cls].push_back(o);
    }
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        std::sort(ofClass[q].begin(), ofClass[q].end(), [&](size_t a, size_t b) {
            double da = p.GetClassDelay(q, opts[a].model, opts[a].site);
            double db = p.GetClassDelay(q, opts[b].model, opts[b].site);
            return da != db ? da < db : a < b;
        });
    }
    auto flops = [&](size_t o) { return p.GetFlops(opts[o].model, classes[opts[o].cls].tokens); };
    // Integral counts: round down, then place the members left over at the cheapest option
    // with load to spare. If one fits nowhere, reserve at every site the load its
    // fractional options need rounded up and solve again (twice at most).
    std::vector<double> reserve(p.GetNSites(), 0);
    std::vector<uint32_t> counts(opts.size(), 0);
    bool done = false;
    if (integerSeconds > 0)
    {
        // The integer program: the LP, then branch and cut on the counts.
        int rc = glp_simplex(lp, &sm);
        if (rc == 0 && glp_get_status(lp) == GLP_OPT)
        {
            for (size_t o = 0; o < opts.size(); ++o)
            {
                glp_set_col_kind(lp, first + static_cast<int>(o), GLP_IV);
            }
            // Load-group columns K_{s,w} = sum of the counts of load w at site s (see
            // PfmLpFormulation::Options::loadGroupColumns): given integral K the counts are
            // a transportation problem with integral vertices, so branching on K, weighted
            // by load times the site's load price, decides what branching on single counts
            // decides only by enumeration.
            std::vector<std::map<double, std::vector<int>>> groups(p.GetNSites());
            for (size_t o = 0; o < opts.size(); ++o)
            {
                groups[opts[o].site]
                      [p.GetFlops(opts[o].model, classes[opts[o].cls].tokens) / LOAD_UNIT]
                          .push_back(first + static_cast<int>(o));
            }

            struct Group
            {
                int col;
                int loadRow;
                double w;
            };

            std::vector<Group> kcols;
            const int firstGroupRow = glp_get_num_rows(lp) + 1;
            for (uint32_t site = 0; site < p.GetNSites(); ++site)
            {
                for (const auto& [w, xs] : groups[site])
                {
                    if (xs.size() < 2)
                    {
                        continue;
                    }
                    int k = PfmLpFormulation::AddSumColumn(lp,
                                                           xs,
                                                           std::numeric_limits<double>::infinity());
                    kcols.push_back({k, loadRow0 + static_cast<int>(site), w});
                }
            }
            glp_simplex(lp, &sm);
            glp_iocp io;
            glp_init_iocp(&io);
            io.msg_lev = GLP_MSG_OFF;
            io.tm_lim = static_cast<int>(std::min(integerSeconds * 1000, 2e9));
            io.mir_cuts = GLP_ON;
            io.cov_cuts = GLP_ON;
            io.cb_info = &kcols;
            io.cb_func = [](glp_tree* tree, void* info) {
                if (glp_ios_reason(tree) != GLP_IBRANCH)
                {
                    return;
                }
                glp_prob* P = glp_ios_get_prob(tree);
                int pick = 0;
                double score = 0;
                for (const auto& g : *static_cast<std::vector<Group>*>(info))
                {
                    if (!glp_ios_can_branch(tree, g.col))
                    {
                        continue;
                    }
                    double v = glp_get_col_prim(P, g.col);
                    double frac = std::min(v - std::floor(v), std::ceil(v) - v);
                    double sc = frac * g.w * (1e-6 + std::fabs(glp_get_row_dual(P, g.loadRow)));
                    if (sc > score)
                    {
                        score = sc;
                        pick = g.col;
                    }
                }
                if (pick)
                {
                    glp_ios_branch_upon(tree, pick, GLP_NO_BRNCH);
                }
            };
            rc = glp_intopt(lp, &io);
            int st = glp_mip_status(lp);
            NS_LOG_INFO("assignment IP: rc " << rc << ", status " << st << ", value "
                                             << glp_mip_obj_val(lp) << " (LP "
                                             << glp_get_obj_val(lp) << ")");
            if (st == GLP_OPT || st == GLP_FEAS)
            {
                for (size_t o = 0; o < opts.size(); ++o)
                {
                    counts[o] = static_cast<uint32_t>(
                        std::llround(std::max(0.0, glp_mip_col_val(lp, first + int(o)))));
                }
                done = true;
            }
            for (size_t o = 0; o < opts.size(); ++o)
            {
                glp_set_col_kind(lp, first + static_cast<int>(o), GLP_CV);
            }
            // The LP rounding below works on the counts alone.
            if (!kcols.empty())
            {
                std::vector<int> del{0};
                for (const auto& g : kcols)
                {
                    del.push_back(g.col);
                }
                glp_del_cols(lp, static_cast<int>(del.size() - 1), del.data());
                del.assign(1, 0);
                for (int i = firstGroupRow; i <= glp_get_num_rows(lp); ++i)
                {
                    del.push_back(i);
                }
                glp_del_rows(lp, static_cast<int>(del.size() - 1), del.data());
                glp_std_basis(lp);
            }
        }
    }
    for (int attempt = 0; attempt < 3 && !done; ++attempt)
    {
        for (uint32_t s = 0; s < p.GetNSites(); ++s)
        {
            glp_set_row_bnds(lp,
                             loadRow0 + static_cast<int>(s),
                             GLP_UP,
                             0,
                             std::max(0.0, p.GetLoadCapacity(s) - reserve[s]) / LOAD_UNIT);
        }
        int rc = glp_simplex(lp, &sm);
        NS_LOG_INFO("assignment LP, attempt " << attempt << ": simplex rc " << rc << ", "
                                              << glp_get_it_cnt(lp) << " iterations, value "
                                              << glp_get_obj_val(lp));
        if (rc != 0 || glp_get_status(lp) != GLP_OPT)
        {
            NS_LOG_INFO("assignment LP: no optimum (rc " << rc << ", status " << glp_get_status(lp)
                                                         << ")");
            break;
        }
        std::vector<double> left(p.GetNSites());
        for (uint32_t s = 0; s < p.GetNSites(); ++s)
        {
            left[s] = p.GetLoadCapacity(s);
        }
        for (size_t o = 0; o < opts.size(); ++o)
        {
            double v = glp_get_col_prim(lp, first + static_cast<int>(o));
            counts[o] = static_cast<uint32_t>(std::floor(v + 1e-7));
            left[opts[o].site] -= counts[o] * flops(o);
            if (v - counts[o] > 1e-7)
            {
                reserve[opts[o].site] += flops(o);
            }
        }
        done = true;
        for (uint32_t q = 0; q < classes.size() && done; ++q)
        {
            if (classes[q].candidates.empty())
            {
                continue; // rejected (no model meets the floor, no DC fallback): as CloudOnly
            }
            uint32_t got = 0;
            for (auto o : ofClass[q])
            {
                got += counts[o];
            }
            for (; got < classes[q].GetCount() && done; ++got)
            {
                auto it = std::find_if(ofClass[q].begin(), ofClass[q].end(), [&](size_t o) {
                    return left[opts[o].site] >= flops(o);
                });
                if (it == ofClass[q].end())
                {
                    NS_LOG_INFO("assignment LP, attempt " << attempt << ": a member of class " << q
                                                          << " fits nowhere");
                    done = false;
                }
                else
                {
                    left[opts[*it].site] -= flops(*it);
                    ++counts[*it];
                }
            }
        }
    }
    glp_delete_prob(lp);
    if (!done)
    {
        return false;
    }
    if (integerSeconds > 0)
    {
        ImproveCounts(p, opts, counts);
    }
    plan = PfmLpFormulation::Expand(p, opts, counts);
    return true;
}

} // namespace mecpfm
} // namespace ns3
