/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "restricted-context-policy.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("RestrictedContextPolicy");
NS_OBJECT_ENSURE_REGISTERED(RestrictedContextPolicy);

TypeId
RestrictedContextPolicy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::RestrictedContextPolicy")
            .SetParent<LinearAdmissionPolicy>()
            .SetGroupName("MecPfm")
            .AddAttribute("Features",
                          "d: context features observed per decision.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&RestrictedContextPolicy::m_d),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ExploreScale",
                          "gamma_0: an exploration decision has probability "
                          "min(1, gamma_0 / sqrt(t)) at decision t.",
                          DoubleValue(4.0),
                          MakeDoubleAccessor(&RestrictedContextPolicy::m_exploreScale),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("ExploreArms",
                          "The arm of an exploration decision: \"thompson\" (a Thompson "
                          "draw on the features it observed) or \"uniform\" (uniform among "
                          "the serving arms: the variant of the regret bound).",
                          StringValue("thompson"),
                          MakeStringAccessor(&RestrictedContextPolicy::m_exploreArms),
                          MakeStringChecker())
            .AddAttribute("ReselectEvery",
                          "Exploration feedbacks between two moves of the feature subset.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RestrictedContextPolicy::m_reselectEvery),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MinSamples",
                          "A subset competes once this many exploration decisions observed "
                          "it (at least d + 2).",
                          DoubleValue(10),
                          MakeDoubleAccessor(&RestrictedContextPolicy::m_minSamples),
                          MakeDoubleChecker<double>(1))
            .AddAttribute("Confidence",
                          "z: a swap replaces the subset if its residual plus z standard "
                          "errors is below the subset's residual minus z standard errors.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&RestrictedContextPolicy::m_confidence),
                          MakeDoubleChecker<double>(0));
    return tid;
}

RestrictedContextPolicy::RestrictedContextPolicy()
    : m_d(4),
      m_exploreScale(4.0),
      m_exploreArms("thompson"),
      m_reselectEvery(16),
      m_minSamples(10),
      m_confidence(1)
{
}

void
RestrictedContextPolicy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_exploreArms != "thompson" && m_exploreArms != "uniform",
                    "RestrictedContextPolicy::ExploreArms must be thompson or uniform, not \""
                        << m_exploreArms << "\"");
    LinearAdmissionPolicy::Start(setup);
    m_selected.clear();
    m_impact.clear();
    m_impactDecisions = 0;
    m_subsets.clear();
    m_armModels.clear();
    m_explorations = 0;
    m_exploreFeedbacks = 0;
}

const std::vector<uint32_t>&
RestrictedContextPolicy::GetSelected() const
{
    return m_selected;
}

uint64_t
RestrictedContextPolicy::GetExplorations() const
{
    return m_explorations;
}

void
RestrictedContextPolicy::RandomSubset(std::vector<uint32_t>& features)
{
    const uint32_t n = GetNFeatures();
    std::vector<uint32_t> all(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        all[i] = i;
    }
    const uint32_t d = std::min(m_d, n);
    for (uint32_t i = 0; i < d; ++i) // partial Fisher-Yates
    {
        std::swap(all[i], all[m_uniform->GetInteger(i, n - 1)]);
    }
    features.assign(all.begin(), all.begin() + d);
    std::sort(features.begin(), features.end());
}

void
RestrictedContextPolicy::Chosen(AdmissionQuery& query,
                                const FeatureStatistics::Fit& fit,
                                uint32_t,
                                bool explore)
{
    if (explore || fit.features != m_selected)
    {
        return;
    }
    const auto& arms = query.GetArms();
    const size_t k = m_selected.size();
    // The mean model's cost of every arm, and what it would be without each member.
    std::vector<double> cost(arms.size());
    uint32_t best = 0;
    for (uint32_t a = 0; a < arms.size(); ++a)
    {
        double pred = fit.theta[k];
        for (size_t i = 0; i < k; ++i)
        {
            pred += fit.theta[i] * query.Observe(m_selected[i])[a];
        }
        cost[a] = GetArmCost(arms[a], pred);
        best = cost[a] < cost[best] ? a : best;
    }
    m_impact.resize(k, 0.0);
    for (size_t i = 0; i < k; ++i)
    {
        const std::vector<double>& xi = query.Observe(m_selected[i]);
        uint32_t alt = best;
        double altCost = std::numeric_limits<double>::infinity();
        for (uint32_t a = 0; a < arms.size(); ++a)
        {
            const double c = cost[a] - (arms[a].reject ? 0.0 : fit.theta[i] * xi[a]);
            if (c < altCost)
            {
                altCost = c;
                alt = a;
            }
        }
        m_impact[i] += cost[alt] - cost[best];
    }
    ++m_impactDecisions;
}

void
RestrictedContextPolicy::InitialSubset()
{
    // The features the prior weighs, then random ones.
    std::vector<uint32_t> all(GetNFeatures());
    for (uint32_t f = 0; f < all.size(); ++f)
    {
        all[f] = f;
    }
    const std::vector<double> prior = GetPrior(all);
    std::vector<uint32_t> random;
    RandomSubset(random);
    m_selected.clear();
    for (uint32_t f = 0; f < all.size() && m_selected.size() < m_d; ++f)
    {
        if (prior[f] != 0)
        {
            m_selected.push_back(f);
        }
    }
    for (uint32_t f : random)
    {
        if (m_selected.size() < std::min<size_t>(m_d, all.size()) &&
            std::find(m_selected.begin(), m_selected.end(), f) == m_selected.end())
        {
            m_selected.push_back(f);
        }
    }
    std::sort(m_selected.begin(), m_selected.end());
    m_weakest = ~0U;
}

std::vector<bool>
RestrictedContextPolicy::Protected() const
{
    // A member the prior weighs stays until the data say with confidence that its weight is
    // well below the prior's: |theta_i| + 2 sd_i < |prior_i| / 2. Before the data can say
    // anything (a queue that has always been empty) it stays.
    const size_t k = m_selected.size();
    const std::vector<double> prior = GetPrior(m_selected);
    std::vector<bool> keep(k, false);
    FeatureStatistics::Fit fit;
    const bool fitted = FitArmModel(m_selected, k + 2, GetLambda(), fit);
    std::vector<double> e(k + 1);
    std::vector<double> work;
    for (size_t i = 0; i < k; ++i)
    {
        if (prior[i] == 0)
        {
            continue;
        }
        keep[i] = true;
        if (fitted)
        {
            std::fill(e.begin(), e.end(), 0.0);
            e[i] = 1;
            const double sd = std::sqrt(fit.noiseVar * fit.precision.InverseQuadratic(e, work));
            keep[i] = !(std::fabs(fit.theta[i]) + 2 * sd < std::fabs(prior[i]) / 2);
        }
    }
    return keep;
}

std::vector<bool>
RestrictedContextPolicy::WeakMembers(const std::vector<bool>& skip) const
{
    // Members whose impact is within a few percent of the least among those neither skipped
    // nor protected. The reference variant (uniform exploration arms) uses neither impacts
    // nor protection: every member not skipped is weak, and the residuals alone decide the
    // moves (doc/online.rst, the Theorem).
    const size_t k = m_selected.size();
    if (m_exploreArms == "uniform")
    {
        std::vector<bool> weak(k);
        for (size_t i = 0; i < k; ++i)
        {
            weak[i] = !skip[i];
        }
        return weak;
    }
    const std::vector<bool> keep = Protected();
    std::vector<double> impact = m_impact;
    impact.resize(k, 0.0);
    double least = std::numeric_limits<double>::infinity();
    double most = -least;
    for (size_t i = 0; i < k; ++i)
    {
        if (!skip[i] && !keep[i])
        {
            least = std::min(least, impact[i]);
            most = std::max(most, impact[i]);
        }
    }
    std::vector<bool> weak(k, false);
    for (size_t i = 0; i < k; ++i)
    {
        weak[i] = !skip[i] && !keep[i] && impact[i] <= least + 0.05 * (most - least) + 1e-12;
    }
    return weak;
}

bool
RestrictedContextPolicy::FindWeakest()
{
    // Among the weak members whose swaps are not all measured yet (all, once every one is),
    // one uniformly (ties are common early on, when the model knows nothing yet).
    const size_t k = m_selected.size();
    m_exhausted.resize(k, false);
    std::vector<bool> weak = WeakMembers(m_exhausted);
    if (std::none_of(weak.begin(), weak.end(), [](bool b) { return b; }))
    {
        m_exhausted.assign(k, false);
        weak = WeakMembers(m_exhausted);
    }
    std::vector<uint32_t> pick;
    for (uint32_t i = 0; i < k; ++i)
    {
        if (weak[i])
        {
            pick.push_back(i);
        }
    }
    if (pick.empty())
    {
        m_weakest = ~0U; // every member is protected: nothing to explore
        return false;
    }
    m_weakest = pick[m_uniform->GetInteger(0, static_cast<uint32_t>(pick.size() - 1))];
    return true;
}

bool
RestrictedContextPolicy::SelectFeatures(const AdmissionQuery& query,
                                        std::vector<uint32_t>& features)
{
    if (m_selected.empty())
    {
        InitialSubset();
    }
    const double t = static_cast<double>(GetDecisions()) + 1;
    const double gamma = std::min(1.0, m_exploreScale / std::sqrt(t));
    // Draw first, so that the stream of draws does not depend on the impacts' state.
    const bool draw = m_uniform->GetValue() < gamma;
    if (!draw || m_impactDecisions < m_minSamples)
    {
        features = m_selected;
        return false;
    }
    if (m_weakest >= m_selected.size() && !FindWeakest())
    {
        features = m_selected;
        return false;
    }
    ++m_explorations;
    // Swap in the outsider whose subset has the fewest samples so far (ties: uniformly), so
    // that every swap of the weakest member is measured soon.
    const uint32_t n = GetNFeatures();
    features = m_selected;
    if (features.size() >= n)
    {
        return true;
    }
    std::vector<uint32_t> fewest;
    double least = std::numeric_limits<double>::infinity();
    std::vector<uint32_t> s;
    for (uint32_t f = 0; f < n; ++f)
    {
        // S itself competes too in the reference variant (its residual must come from
        // exploration decisions there); otherwise only the outsiders.
        const bool member = std::binary_search(m_selected.begin(), m_selected.end(), f);
        if (member && !(m_exploreArms == "uniform" && f == m_selected[m_weakest]))
        {
            continue;
        }
        s = m_selected;
        s[m_weakest] = f;
        std::sort(s.begin(), s.end());
        auto it = m_subsets.find(s);
        const double have = it == m_subsets.end() ? 0.0 : it->second.stats.GetSamples();
        if (have < least)
        {
            least = have;
            fewest.clear();
        }
        if (have == least)
        {
            fewest.push_back(f);
        }
    }
    features[m_weakest] =
        fewest[m_uniform->GetInteger(0, static_cast<uint32_t>(fewest.size() - 1))];
    std::sort(features.begin(), features.end());
    if (least + 1 >= m_minSamples)
    {
        // Every swap of this member is (about to be) measured: try another member next.
        m_exhausted.resize(m_selected.size(), false);
        m_exhausted[m_weakest] = true;
        m_weakest = ~0U;
    }
    return true;
}

void
RestrictedContextPolicy::Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta)
{
    ThompsonDraw(fit, theta);
}

bool
RestrictedContextPolicy::PickUniformly(bool explore)
{
    if (explore && m_exploreArms == "uniform")
    {
        return true;
    }
    return false;
}

void
RestrictedContextPolicy::Learn(const std::vector<uint32_t>& features,
                               const std::vector<double>& x,
                               double delayS,
                               bool explore)
{
    // The reference variant (uniform exploration arms) learns the subsets' residuals from
    // exploration decisions only: one population, whatever the subset; its arm models learn
    // from every decision. The default variant learns both from exploration decisions and
    // the decisions on S.
    const bool uniform = m_exploreArms == "uniform";
    if (uniform)
    {
        AddTo(m_armModels, features, x, delayS);
    }
    if (explore || (!uniform && features == m_selected))
    {
        AddTo(m_subsets, features, x, delayS);
    }
    if (explore && ++m_exploreFeedbacks % m_reselectEvery == 0)
    {
        Reselect();
    }
}

void
RestrictedContextPolicy::AddTo(std::map<std::vector<uint32_t>, SubsetStatistics>& stats,
                               const std::vector<uint32_t>& features,
                               const std::vector<double>& x,
                               double delayS)
{
    // A subset's statistics hold its own features only, relabelled 0..d-1.
    std::vector<uint32_t> local(features.size());
    for (uint32_t i = 0; i < local.size(); ++i)
    {
        local[i] = i;
    }
    auto it = stats.find(features);
    if (it == stats.end())
    {
        it = stats
                 .emplace(
                     features,
                     SubsetStatistics{FeatureStatistics(static_cast<uint32_t>(local.size())), {}})
                 .first;
    }
    SubsetStatistics& sub = it->second;
    sub.stats.Add(local, x, delayS);
    // With a window, the subset's own last Window samples: a window over all feedbacks
    // would let the few exploration samples of a swap expire before MinSamples of them
    // accumulate, and S would never move.
    if (GetWindow() > 0)
    {
        sub.window.emplace_back(x, delayS);
        if (sub.window.size() > GetWindow())
        {
            sub.stats.Add(local, sub.window.front().first, sub.window.front().second, -1);
            sub.window.pop_front();
        }
    }
}

bool
RestrictedContextPolicy::FitArmModel(const std::vector<uint32_t>& features,
                                     double least,
                                     double lambda,
                                     FeatureStatistics::Fit& fit) const
{
    if (m_exploreArms != "uniform")
    {
        return FitOwn(features, least, lambda, fit);
    }
    auto it = m_armModels.find(features);
    if (it == m_armModels.end() || it->second.stats.GetSamples() < least)
    {
        return false;
    }
    std::vector<uint32_t> local(features.size());
    for (uint32_t i = 0; i < local.size(); ++i)
    {
        local[i] = i;
    }
    it->second.stats.FitSubset(local, lambda, fit, GetPrior(features));
    fit.features = features;
    return true;
}

bool
RestrictedContextPolicy::FitOwn(const std::vector<uint32_t>& features,
                                double least,
                                double lambda,
                                FeatureStatistics::Fit& fit) const
{
    auto it = m_subsets.find(features);
    if (it == m_subsets.end() || it->second.stats.GetSamples() < least)
    {
        return false;
    }
    std::vector<uint32_t> local(features.size());
    for (uint32_t i = 0; i < local.size(); ++i)
    {
        local[i] = i;
    }
    it->second.stats.FitSubset(local, lambda, fit, GetPrior(features));
    fit.features = features;
    return true;
}

double
RestrictedContextPolicy::Residual(const std::vector<uint32_t>& features, double z) const
{
    FeatureStatistics::Fit fit;
    // Least squares (a negligible ridge): a prior would favour subsets with more samples.
    if (!FitOwn(features, std::max<double>(m_minSamples, features.size() + 2), 1e-9, fit))
    {
        return z < 0 ? 0.0 : std::numeric_limits<double>::infinity();
    }
    // A variance estimate on dof degrees of freedom has relative standard error sqrt(2/dof):
    // |est - var| <= c var with c = |z| sqrt(2/dof) gives var >= est / (1 + c) (the lower
    // bound) and, where c < 1, var <= est / (1 - c) (the upper bound; none where c >= 1).
    const double dof = fit.samples - static_cast<double>(features.size()) - 1;
    const double c = std::abs(z) * std::sqrt(2 / dof);
    if (z < 0)
    {
        return fit.noiseVar / (1 + c);
    }
    return c < 1 ? fit.noiseVar / (1 - c) : std::numeric_limits<double>::infinity();
}

bool
RestrictedContextPolicy::DoFit(const std::vector<uint32_t>& features, FeatureStatistics::Fit& fit)
{
    if (FitArmModel(features, features.size() + 2, GetLambda(), fit))
    {
        return true;
    }
    return LinearAdmissionPolicy::DoFit(features, fit);
}

void
RestrictedContextPolicy::Reselect()
{
    // S moves to the swap whose residual is lowest for sure: its upper confidence bound
    // below S's lower bound (Confidence standard errors each). A swap may drop only a weak
    // member: one whose absence would barely have changed the decisions on S, as measured
    // since S was chosen (never before MinSamples of them).
    if (m_impactDecisions < m_minSamples)
    {
        return;
    }
    const std::vector<bool> weak = WeakMembers(std::vector<bool>(m_selected.size(), false));
    const double current = Residual(m_selected, -m_confidence);
    double bestRes = std::numeric_limits<double>::infinity();
    std::vector<uint32_t> best;
    uint32_t measured = 0; // swaps with MinSamples samples
    double most = 0;       // samples of the best-sampled swap
    for (const auto& [s, sub] : m_subsets)
    {
        uint32_t common = 0;
        for (uint32_t f : s)
        {
            common += std::binary_search(m_selected.begin(), m_selected.end(), f) ? 1 : 0;
        }
        if (s.size() != m_selected.size() || common + 1 != s.size())
        {
            continue; // not one swap away
        }
        uint32_t dropped = 0; // the member of S that s lacks
        while (std::binary_search(s.begin(), s.end(), m_selected[dropped]))
        {
            ++dropped;
        }
        most = std::max(most, sub.stats.GetSamples());
        measured += sub.stats.GetSamples() >= m_minSamples ? 1 : 0;
        if (!weak[dropped])
        {
            continue;
        }
        const double r = Residual(s, m_confidence);
        if (r < bestRes)
        {
            bestRes = r;
            best = s;
        }
    }
    NS_LOG_DEBUG("reselect at decision " << GetDecisions() << ": " << measured
                                         << " swaps of S with MinSamples samples, the most " << most
                                         << "; residual bounds " << current << ", " << bestRes);
    if (!best.empty() && bestRes < current)
    {
        NS_LOG_INFO("feature subset moves (residual bounds " << current << " > " << bestRes << ")");
        m_selected = best;
        m_impact.clear();
        m_impactDecisions = 0;
        m_weakest = ~0U; // found at the next exploration, once impacts are measured
        m_exhausted.clear();
    }
}

} // namespace mecpfm
} // namespace ns3
