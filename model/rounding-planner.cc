/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rounding-planner.h"

#include "plan-assigner.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RoundingPlanner");

NS_OBJECT_ENSURE_REGISTERED(RoundingPlanner);

TypeId
RoundingPlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RoundingPlanner")
            .SetParent<PfmPlanner>()
            .SetGroupName("MecPfm")
            .AddConstructor<RoundingPlanner>()
            .AddAttribute("Trials",
                          "Independent roundings K; the best feasible one is kept.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RoundingPlanner::m_trials),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Nearest",
                          "Cloudlets per class besides its home in the first LP (0 = all); "
                          "the others are priced in by column generation.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&RoundingPlanner::m_nearest),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

RoundingPlanner::RoundingPlanner()
    : m_rng(CreateObject<UniformRandomVariable>()),
      m_trials(16),
      m_nearest(4)
{
}

int64_t
RoundingPlanner::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

double
RoundingPlanner::GetExpectedBound() const
{
    return m_expectedBound;
}

double
RoundingPlanner::GetProvenRatio(const PlanningProblem& p)
{
    double rho = 1;
    uint32_t dc = p.GetDcSite();
    for (uint32_t q = 0; q < p.GetClasses().size(); ++q)
    {
        const auto& c = p.GetClasses()[q];
        if (c.candidates.empty() || c.dcOnly)
        {
            continue;
        }
        double bestDc = std::numeric_limits<double>::infinity();
        double best = std::numeric_limits<double>::infinity();
        for (auto m : c.candidates)
        {
            bestDc = std::min(bestDc, p.GetClassDelay(q, m, dc));
            for (uint32_t s = 0; s < p.GetNSites(); ++s)
            {
                best = std::min(best, p.GetClassDelay(q, m, s));
            }
        }
        if (best > 0)
        {
            rho = std::max(rho, bestDc / best);
        }
    }
    return rho;
}

PlanResult
RoundingPlanner::Solve(const PlanningProblem& p)
{
    NS_LOG_FUNCTION(this);
    auto t0 = std::chrono::steady_clock::now();
    const auto& cat = p.GetCatalogue();
    uint32_t nc = p.GetNCloudlets();
    uint32_t dc = p.GetDcSite();
    PfmLpFormulation::Options o;
    o.nearest = m_nearest;
    PfmLpFormulation lp(p, o);
    auto out = lp.Solve();
    PlanResult best;
    if (out != PfmLpFormulation::Outcome::OPTIMAL)
    {
        best.status = out == PfmLpFormulation::Outcome::INFEASIBLE ? PlanStatus::INFEASIBLE
                                                                    : PlanStatus::ERROR;
        best.message = "the LP relaxation could not be solved";
        best.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return best;
    }
    // y*, and the certified expectation before repair:
    //   E <= LP pull part + sum_o x*_o (y*_o D_o + (1 - y*_o) D_dc(q)).
    std::vector<std::vector<double>> y(nc, std::vector<double>(cat.GetNModels(), 0));
    for (uint32_t c = 0; c < nc; ++c)
    {
        for (uint32_t m = 0; m < cat.GetNModels(); ++m)
        {
            y[c][m] = std::min(1.0, std::max(0.0, lp.GetY(m, c)));
        }
    }
    double serveLp = 0;
    double expected = 0;
    const auto& opts = lp.GetOptions();
    const auto& x = lp.GetX();
    for (size_t i = 0; i < opts.size(); ++i)
    {
        if (x[i] <= 0)
        {
            continue;
        }
        const auto& op = opts[i];
        double d = p.GetClassDelay(op.cls, op.model, op.site);
        serveLp += x[i] * d;
        if (p.IsDc(op.site))
        {
            expected += x[i] * d;
            continue;
        }
        double dDc = std::numeric_limits<double>::infinity();
        for (auto m : p.GetClasses()[op.cls].candidates)
        {
            dDc = std::min(dDc, p.GetClassDelay(op.cls, m, dc));
        }
        double yy = y[op.site][op.model];
        expected += x[i] * (yy * d + (1 - yy) * dDc);
    }
    m_expectedBound = expected + (lp.GetObjective() - serveLp);

    double bestTotal = std::numeric_limits<double>::infinity();
    for (uint32_t t = 0; t < m_trials; ++t)
    {
        // One threshold per cloudlet: model m opens at c iff U_c <= y*_{m,c}, so block k
        // is held with probability max_{m owns k} y*_{m,c} <= z*_{k,c}.
        std::vector<std::set<uint32_t>> open(nc);
        for (uint32_t c = 0; c < nc; ++c)
        {
            double u = m_rng->GetValue(0, 1);
            for (uint32_t m = 0; m < cat.GetNModels(); ++m)
            {
                if (y[c][m] > 0 && u <= y[c][m])
                {
                    open[c].insert(m);
                }
            }
            // Repair storage: close the models of least LP support first.
            PlanAssigner::FitStorage(p, c, open[c], y[c]);
        }
        PlacementPlan plan = PlanAssigner::AssignBest(p, open);
        PlanMetrics m = PlanEvaluator(p).Evaluate(plan);
        NS_LOG_DEBUG("trial " << t << ": " << m.totalDelayS << (m.feasible ? "" : " infeasible"));
        if (m.feasible && m.totalDelayS < bestTotal)
        {
            bestTotal = m.totalDelayS;
            best.plan = std::move(plan);
            best.hasPlan = true;
        }
    }
    best.lowerBoundS = lp.GetLowerBound();
    best.status = best.hasPlan ? PlanStatus::FEASIBLE : PlanStatus::INFEASIBLE;
    if (!best.hasPlan)
    {
        best.message = "no trial found a feasible plan";
    }
    best.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return best;
}

} // namespace ns3
