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
                          DoubleValue(10.0),
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
            .AddAttribute("Hysteresis",
                          "A subset replaces the current one if its residual is lower by "
                          "at least this fraction.",
                          DoubleValue(0.02),
                          MakeDoubleAccessor(&RestrictedContextPolicy::m_hysteresis),
                          MakeDoubleChecker<double>(0, 1));
    return tid;
}

RestrictedContextPolicy::RestrictedContextPolicy()
    : m_d(4),
      m_exploreScale(10.0),
      m_exploreArms("thompson"),
      m_reselectEvery(16),
      m_minSamples(10),
      m_hysteresis(0.02)
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
    m_subsets.clear();
    m_window.clear();
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
RestrictedContextPolicy::FindWeakest()
{
    m_weakest = m_uniform->GetInteger(0, static_cast<uint32_t>(m_selected.size() - 1));
    FeatureStatistics::Fit fit;
    if (!FitOwn(m_selected, m_selected.size() + 2, fit))
    {
        return;
    }
    // Strength of a member: |coefficient| x its standard deviation, E[x^2] - E[x]^2 from
    // the subset's own moments (local index i; the intercept is local index d).
    const FeatureStatistics& own = m_subsets.at(m_selected);
    const auto d = static_cast<uint32_t>(m_selected.size());
    double least = std::numeric_limits<double>::infinity();
    for (uint32_t i = 0; i < d; ++i)
    {
        const double var = std::max(0.0, own.GetMoment(i, i) - std::pow(own.GetMoment(i, d), 2));
        const double strength = std::fabs(fit.theta[i]) * std::sqrt(var);
        if (strength < least)
        {
            least = strength;
            m_weakest = i;
        }
    }
}

bool
RestrictedContextPolicy::SelectFeatures(const AdmissionQuery& query,
                                        std::vector<uint32_t>& features)
{
    if (m_selected.empty())
    {
        RandomSubset(m_selected);
        m_weakest = 0;
    }
    const double t = static_cast<double>(GetDecisions()) + 1;
    const double gamma = std::min(1.0, m_exploreScale / std::sqrt(t));
    if (m_uniform->GetValue() >= gamma)
    {
        features = m_selected;
        return false;
    }
    ++m_explorations;
    features = m_selected;
    const uint32_t n = GetNFeatures();
    if (features.size() < n)
    {
        uint32_t in = m_uniform->GetInteger(0, n - static_cast<uint32_t>(features.size()) - 1);
        for (uint32_t f = 0; f < n; ++f)
        {
            if (!std::binary_search(m_selected.begin(), m_selected.end(), f) && in-- == 0)
            {
                features[m_weakest] = f;
                break;
            }
        }
        std::sort(features.begin(), features.end());
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
    return explore && m_exploreArms == "uniform";
}

void
RestrictedContextPolicy::Learn(const std::vector<uint32_t>& features,
                               const std::vector<double>& x,
                               double delayS,
                               bool explore)
{
    if (!explore && features != m_selected)
    {
        return;
    }
    // A subset's statistics hold its own features only, relabelled 0..d-1.
    std::vector<uint32_t> local(features.size());
    for (uint32_t i = 0; i < local.size(); ++i)
    {
        local[i] = i;
    }
    auto it = m_subsets.find(features);
    if (it == m_subsets.end())
    {
        it = m_subsets.emplace(features, FeatureStatistics(static_cast<uint32_t>(local.size())))
                 .first;
    }
    it->second.Add(local, x, delayS);
    if (GetWindow() > 0)
    {
        m_window.push_back(Sample{features, x, delayS});
        if (m_window.size() > GetWindow())
        {
            const Sample& old = m_window.front();
            m_subsets.at(old.features).Add(local, old.x, old.delay, -1);
            m_window.pop_front();
        }
    }
    if (explore && ++m_exploreFeedbacks % m_reselectEvery == 0)
    {
        Reselect();
    }
}

bool
RestrictedContextPolicy::FitOwn(const std::vector<uint32_t>& features,
                                double least,
                                FeatureStatistics::Fit& fit) const
{
    auto it = m_subsets.find(features);
    if (it == m_subsets.end() || it->second.GetSamples() < least)
    {
        return false;
    }
    std::vector<uint32_t> local(features.size());
    for (uint32_t i = 0; i < local.size(); ++i)
    {
        local[i] = i;
    }
    it->second.FitSubset(local, GetLambda(), fit);
    fit.features = features;
    return true;
}

double
RestrictedContextPolicy::Residual(const std::vector<uint32_t>& features) const
{
    FeatureStatistics::Fit fit;
    if (!FitOwn(features, std::max<double>(m_minSamples, features.size() + 2), fit))
    {
        return std::numeric_limits<double>::infinity();
    }
    return fit.noiseVar;
}

bool
RestrictedContextPolicy::DoFit(const std::vector<uint32_t>& features, FeatureStatistics::Fit& fit)
{
    if (FitOwn(features, features.size() + 2, fit))
    {
        return true;
    }
    return LinearAdmissionPolicy::DoFit(features, fit);
}

void
RestrictedContextPolicy::Reselect()
{
    const double current = Residual(m_selected);
    double bestRes = current;
    std::vector<uint32_t> best = m_selected;
    for (const auto& [s, stats] : m_subsets)
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
        const double r = Residual(s);
        if (r < bestRes)
        {
            bestRes = r;
            best = s;
        }
    }
    if (best != m_selected && (!std::isfinite(current) || bestRes < current * (1 - m_hysteresis)))
    {
        NS_LOG_INFO("feature subset moves (residual " << current << " -> " << bestRes << ")");
        m_selected = best;
    }
    FindWeakest();
}

} // namespace mecpfm
} // namespace ns3
