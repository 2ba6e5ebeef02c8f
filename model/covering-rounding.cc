/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "covering-rounding.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("CoveringRounding");

namespace
{
/// The filters tried; the one of least instance bound is used (a function of the LP only).
const double ALPHAS[] = {1.05, 1.1, 1.25, 1.5, 2, 3, 4, 8};
} // namespace

CoveringRounding::CoveringRounding(const PlanningProblem& p,
                                   const PfmLpFormulation& lp,
                                   const std::vector<std::vector<double>>& y,
                                   uint32_t maxRounds)
    : m_p(p),
      m_maxRounds(std::max<uint32_t>(1, maxRounds))
{
    // Negative costs (an accuracy weight) break the filter (Markov's inequality) and the
    // pull bound: the theorem is stated for non-negative costs.
    m_bound.applicable = p.GetObjectiveWeights().accuracyWeight <= 0;
    CollectClasses(lp, y);
    if (!m_bound.applicable)
    {
        return;
    }
    // The a priori theorem holds for every alpha: report its best factor (and that alpha's
    // cap term), and use the alpha of least instance bound.
    double apriori = std::numeric_limits<double>::infinity();
    double aprioriCap = 0;
    for (double a : ALPHAS)
    {
        CoveringBound b = BoundFor(a);
        if (b.aprioriFactor < apriori)
        {
            apriori = b.aprioriFactor;
            aprioriCap = b.capTerm;
        }
        if (a == ALPHAS[0] || b.expectedBound < m_bound.expectedBound)
        {
            m_bound = b;
        }
    }
    m_bound.aprioriFactor = apriori;
    m_bound.aprioriCapTerm = aprioriCap;
    BuildBalls(m_bound.alpha);
    NS_LOG_INFO("alpha " << m_bound.alpha << ", E[rounds] <= " << m_bound.expectedRounds
                         << ", bound " << m_bound.expectedBound << ", a priori factor "
                         << m_bound.aprioriFactor);
}

const CoveringBound&
CoveringRounding::GetBound() const
{
    return m_bound;
}

void
CoveringRounding::CollectClasses(const PfmLpFormulation& lp,
                                 const std::vector<std::vector<double>>& y)
{
    const auto& classes = m_p.GetClasses();
    std::vector<double> serve(classes.size(), 0);
    const auto& opts = lp.GetOptions();
    const auto& x = lp.GetX();
    double lpServe = 0;
    // Options priced in after the last solve have no x: 0 in the LP solution.
    for (size_t i = 0; i < std::min(opts.size(), x.size()); ++i)
    {
        const double v = x[i] * m_p.GetClassCost(opts[i].cls, opts[i].model, opts[i].site);
        serve[opts[i].cls] += v;
        lpServe += v;
    }
    m_bound.lpServe = lpServe;
    m_bound.lpPull = std::max(0.0, lp.GetObjective() - lpServe);
    for (uint32_t q = 0; q < classes.size(); ++q)
    {
        const auto& cl = classes[q];
        if (cl.candidates.empty() || cl.dcOnly)
        {
            continue; // rejected, or served at the DC by every plan
        }
        ClassOptions co;
        co.count = cl.GetCount();
        co.dBar = serve[q] / co.count;
        co.dcCost = m_p.GetBestDcCost(q);
        for (uint32_t c = 0; c < m_p.GetNCloudlets(); ++c)
        {
            for (auto m : cl.candidates)
            {
                if (y[c][m] > 0)
                {
                    co.cloudlet.push_back(c);
                    co.cost.push_back(m_p.GetClassCost(q, m, c));
                    co.y.push_back(y[c][m]);
                }
            }
        }
        m_bound.kappa = std::max<uint32_t>(m_bound.kappa, cl.candidates.size());
        m_classes.push_back(std::move(co));
    }
}

CoveringBound
CoveringRounding::BoundFor(double alpha) const
{
    CoveringBound b = m_bound;
    b.alpha = alpha;
    std::vector<double> miss;
    b.capTerm = 0;
    for (const auto& co : m_classes)
    {
        const double limit = alpha * co.dBar;
        if (co.dcCost <= limit)
        {
            continue; // the DC, always open, covers it
        }
        // P(no option of the ball opens in a round) = prod_c (1 - max y* of the ball at c):
        // one threshold per cloudlet, independent across cloudlets.
        double pMiss = 1;
        double yMax = 0;
        for (size_t i = 0; i < co.cloudlet.size(); ++i)
        {
            if (co.cost[i] <= limit)
            {
                yMax = std::max(yMax, co.y[i]);
            }
            if (i + 1 == co.cloudlet.size() || co.cloudlet[i + 1] != co.cloudlet[i])
            {
                pMiss *= 1 - std::min(1.0, yMax);
                yMax = 0;
            }
        }
        miss.push_back(pMiss);
        b.capTerm += co.count * co.dcCost * std::pow(pMiss, m_maxRounds);
    }
    b.classes = static_cast<uint32_t>(miss.size());
    b.expectedRounds = ExpectedRoundsBound(miss, m_maxRounds);
    b.expectedBound = alpha * b.lpServe + b.expectedRounds * b.lpPull + b.capTerm;
    b.aprioriFactor = AprioriFactor(alpha, b.kappa, b.classes);
    return b;
}

void
CoveringRounding::BuildBalls(double alpha)
{
    m_ball.clear();
    for (const auto& co : m_classes)
    {
        const double limit = alpha * co.dBar;
        if (co.dcCost <= limit)
        {
            continue;
        }
        std::vector<std::pair<uint32_t, double>> ball;
        for (size_t i = 0; i < co.cloudlet.size(); ++i)
        {
            if (co.cost[i] > limit)
            {
                continue;
            }
            if (!ball.empty() && ball.back().first == co.cloudlet[i])
            {
                ball.back().second = std::max(ball.back().second, co.y[i]);
            }
            else
            {
                ball.emplace_back(co.cloudlet[i], co.y[i]);
            }
        }
        m_ball.push_back(std::move(ball));
    }
}

std::vector<double>
CoveringRounding::Draw(Ptr<UniformRandomVariable> rng, uint32_t& rounds) const
{
    const uint32_t nc = m_p.GetNCloudlets();
    std::vector<double> v(nc, 2.0); // above every y*: nothing open
    std::vector<uint32_t> uncovered(m_ball.size());
    for (uint32_t i = 0; i < uncovered.size(); ++i)
    {
        uncovered[i] = i;
    }
    rounds = 0;
    while (!uncovered.empty() && rounds < m_maxRounds)
    {
        for (uint32_t c = 0; c < nc; ++c)
        {
            v[c] = std::min(v[c], rng->GetValue(0, 1));
        }
        ++rounds;
        auto covered = [this, &v](uint32_t i) {
            for (const auto& [c, yMax] : m_ball[i])
            {
                if (yMax >= v[c])
                {
                    return true;
                }
            }
            return false;
        };
        uncovered.erase(std::remove_if(uncovered.begin(), uncovered.end(), covered),
                        uncovered.end());
    }
    return v;
}

double
CoveringRounding::AprioriFactor(double alpha, uint32_t kappa, uint32_t classes)
{
    const double n = std::max<uint32_t>(1, classes);
    return std::max(alpha, kappa * (std::log(n) + 1) / (1 - 1 / alpha) + 2);
}

double
CoveringRounding::ExpectedRoundsBound(const std::vector<double>& miss, uint32_t maxRounds)
{
    std::vector<double> pw(miss.size(), 1.0); // miss_q^t
    double sum = 0;
    for (uint32_t t = 0; t < maxRounds; ++t)
    {
        double s = 0;
        for (double v : pw)
        {
            s += v;
        }
        if (s <= 1e-9)
        {
            // Every miss_q < 1 here; the rest is at most sum_q miss_q^t / (1 - miss_q).
            for (size_t q = 0; q < miss.size(); ++q)
            {
                sum += pw[q] / (1 - miss[q]);
            }
            return sum;
        }
        sum += std::min(1.0, s);
        for (size_t q = 0; q < miss.size(); ++q)
        {
            pw[q] *= miss[q];
        }
    }
    return sum;
}

} // namespace mecpfm
} // namespace ns3
