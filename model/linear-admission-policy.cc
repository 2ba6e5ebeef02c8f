/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "linear-admission-policy.h"

#include "planning-problem.h"
#include "slot-planner.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("LinearAdmissionPolicy");
NS_OBJECT_ENSURE_REGISTERED(LinearAdmissionPolicy);

TypeId
LinearAdmissionPolicy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::LinearAdmissionPolicy")
            .SetParent<AdmissionPolicy>()
            .SetGroupName("MecPfm")
            .AddAttribute("Lambda",
                          "Precision of the prior on the delay model's coefficients (the "
                          "ridge parameter): how many samples' worth the prior counts.",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&LinearAdmissionPolicy::m_lambda),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("PosteriorScale",
                          "v of the Thompson draw theta ~ N(mean, v^2 sigma^2 A^{-1}), sigma^2 "
                          "the residual variance of the fit. Below 1: a draw that sends a "
                          "request to an arm that must pull a model changes the state for "
                          "later requests (storage, queues), so wide draws cost twice; with 1, "
                          "two of five GEANT seeds of tsrc snowballed into pull storms, with "
                          "0.25 none of six did (doc/online.rst).",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&LinearAdmissionPolicy::m_scale),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PriorVariance",
                          "Noise variance (s^2) assumed before the first fit.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&LinearAdmissionPolicy::m_priorVar),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Prior",
                          "Start from the feature source's prior weights (for ContextFeatures "
                          "the analytical model: 1 on proc, xfer, pull, queue) instead of 0.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LinearAdmissionPolicy::m_usePrior),
                          MakeBooleanChecker())
            .AddAttribute("Prefetch",
                          "At every slot boundary, place blocks for the requests seen in the "
                          "previous slot with PrefetchPlanner (the forecast: the next slot "
                          "looks like the last); the per-request arm stays the policy's.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LinearAdmissionPolicy::m_prefetch),
                          MakeBooleanChecker())
            .AddAttribute("PrefetchPlanner",
                          "Short name of the offline planner of the prefetch.",
                          StringValue("rounding"),
                          MakeStringAccessor(&LinearAdmissionPolicy::m_prefetchPlanner),
                          MakeStringChecker());
    return tid;
}

LinearAdmissionPolicy::LinearAdmissionPolicy()
    : m_uniform(CreateObject<UniformRandomVariable>()),
      m_normal(CreateObject<NormalRandomVariable>()),
      m_lambda(10.0),
      m_scale(0.25),
      m_priorVar(1.0),
      m_window(0),
      m_prefetch(true),
      m_usePrior(true),
      m_prefetchPlanner("rounding")
{
}

LinearAdmissionPolicy::~LinearAdmissionPolicy() = default;

void
LinearAdmissionPolicy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    AdmissionPolicy::Start(setup);
    m_nFeatures = 0;
    m_decisions = 0;
    m_pending.clear();
    m_samples.clear();
    m_fitVersion = ~0ULL;
    m_held.clear();
    if (setup.problem)
    {
        const PlanningProblem& p = *setup.problem;
        for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
        {
            m_held.push_back(p.GetScenario().nodes[p.GetSiteNode(c)].residentBlocks);
        }
    }
}

bool
LinearAdmissionPolicy::PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held)
{
    NS_LOG_FUNCTION(this << slot.index);
    const AdmissionSetup& setup = GetSetup();
    if (!m_prefetch || !setup.problem || slot.seen.empty())
    {
        return false;
    }
    PlacementPlan plan;
    if (!SlotPlanner(m_prefetchPlanner)
             .Plan(*setup.problem,
                   slot.seen,
                   slot.GetLengthS(GetSetup().problem->GetScenario().horizonS),
                   m_held,
                   plan))
    {
        return false;
    }
    m_held = plan.heldBlocks;
    held = m_held;
    return true;
}

int64_t
LinearAdmissionPolicy::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    m_normal->SetStream(stream + 1);
    return 2;
}

uint64_t
LinearAdmissionPolicy::GetDecisions() const
{
    return m_decisions;
}

size_t
LinearAdmissionPolicy::GetPending() const
{
    return m_pending.size();
}

const FeatureStatistics&
LinearAdmissionPolicy::GetModel() const
{
    return m_model;
}

double
LinearAdmissionPolicy::GetLambda() const
{
    return m_lambda;
}

std::vector<double>
LinearAdmissionPolicy::GetPrior(const std::vector<uint32_t>& features) const
{
    std::vector<double> prior(features.size() + 1, 0.0);
    for (size_t i = 0; i < features.size() && !m_prior.empty(); ++i)
    {
        prior[i] = m_prior[features[i]];
    }
    return prior;
}

void
LinearAdmissionPolicy::AllFeatures(const AdmissionQuery& query, std::vector<uint32_t>& features)
{
    features.resize(query.GetNFeatures());
    for (uint32_t f = 0; f < features.size(); ++f)
    {
        features[f] = f;
    }
}

void
LinearAdmissionPolicy::SetWindow(uint32_t window)
{
    m_window = window;
}

uint32_t
LinearAdmissionPolicy::GetWindow() const
{
    return m_window;
}

uint32_t
LinearAdmissionPolicy::GetNFeatures() const
{
    return m_nFeatures;
}

void
LinearAdmissionPolicy::Parameters(const FeatureStatistics::Fit& fit, std::vector<double>& theta)
{
    theta = fit.theta;
}

double
LinearAdmissionPolicy::Bonus(const FeatureStatistics::Fit&, const std::vector<double>&)
{
    return 0;
}

bool
LinearAdmissionPolicy::PickUniformly(bool)
{
    return false;
}

void
LinearAdmissionPolicy::Learn(const std::vector<uint32_t>&, const std::vector<double>&, double, bool)
{
}

bool
LinearAdmissionPolicy::DoFit(const std::vector<uint32_t>& features, FeatureStatistics::Fit& fit)
{
    return m_model.FitSubset(features, m_lambda, fit, GetPrior(features));
}

void
LinearAdmissionPolicy::ThompsonDraw(const FeatureStatistics::Fit& fit, std::vector<double>& theta)
{
    const size_t k = fit.theta.size();
    const double sd = m_scale * std::sqrt(fit.samples > 0 ? fit.noiseVar : m_priorVar);
    theta.resize(k);
    for (size_t i = 0; i < k; ++i)
    {
        theta[i] = m_normal->GetValue() * sd;
    }
    fit.precision.SolveTransposed(theta); // ~ N(0, sd^2 A^{-1})
    for (size_t i = 0; i < k; ++i)
    {
        theta[i] += fit.theta[i];
    }
}

const FeatureStatistics::Fit&
LinearAdmissionPolicy::GetFit(const std::vector<uint32_t>& features)
{
    if (m_fitVersion != m_version || m_fit.features != features)
    {
        if (!DoFit(features, m_fit))
        {
            m_fit.samples = 0; // the prior alone
        }
        m_fitVersion = m_version;
    }
    return m_fit;
}

uint32_t
LinearAdmissionPolicy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    if (m_nFeatures == 0)
    {
        m_nFeatures = query.GetNFeatures();
        m_model = FeatureStatistics(m_nFeatures);
        m_prior.assign(m_nFeatures, 0.0);
        for (uint32_t f = 0; f < m_nFeatures && m_usePrior; ++f)
        {
            m_prior[f] = query.GetSource().GetPrior(f);
        }
        ++m_version;
    }
    std::vector<uint32_t> features;
    const bool explore = SelectFeatures(query, features);
    for (uint32_t f : features)
    {
        query.Observe(f);
    }
    const uint32_t arm = ChooseArm(query, features, explore);
    ++m_decisions;
    if (!query.GetArms()[arm].reject)
    {
        Pending p;
        p.features = features;
        p.x.reserve(features.size());
        for (uint32_t f : features)
        {
            p.x.push_back(query.Observe(f)[arm]);
        }
        p.explore = explore;
        m_pending.emplace(query.GetId(), std::move(p));
    }
    return arm;
}

uint32_t
LinearAdmissionPolicy::ChooseArm(AdmissionQuery& query,
                                 const std::vector<uint32_t>& features,
                                 bool explore)
{
    const auto& arms = query.GetArms();
    if (PickUniformly(explore))
    {
        std::vector<uint32_t> serving;
        for (uint32_t a = 0; a < arms.size(); ++a)
        {
            if (!arms[a].reject)
            {
                serving.push_back(a);
            }
        }
        if (!serving.empty())
        {
            return serving[m_uniform->GetInteger(0, static_cast<uint32_t>(serving.size() - 1))];
        }
    }
    const FeatureStatistics::Fit& fit = GetFit(features);
    Parameters(fit, m_theta);
    const size_t k = features.size();
    m_x.resize(k + 1);
    m_x[k] = 1.0;
    uint32_t best = 0;
    double bestCost = std::numeric_limits<double>::infinity();
    for (uint32_t a = 0; a < arms.size(); ++a)
    {
        double cost;
        if (arms[a].reject)
        {
            cost = GetArmCost(arms[a], 0);
        }
        else
        {
            double pred = m_theta[k];
            for (size_t i = 0; i < k; ++i)
            {
                m_x[i] = query.Observe(features[i])[a];
                pred += m_theta[i] * m_x[i];
            }
            cost = GetArmCost(arms[a], pred) - Bonus(fit, m_x);
        }
        if (cost < bestCost)
        {
            bestCost = cost;
            best = a;
        }
    }
    Chosen(query, fit, best, explore);
    return best;
}

void
LinearAdmissionPolicy::Chosen(AdmissionQuery&, const FeatureStatistics::Fit&, uint32_t, bool)
{
}

void
LinearAdmissionPolicy::Feedback(uint64_t decision, double delayS)
{
    NS_LOG_FUNCTION(this << decision << delayS);
    auto it = m_pending.find(decision);
    if (it == m_pending.end())
    {
        return; // a rejection, or feedback for a decision this policy did not make
    }
    Pending p = std::move(it->second);
    m_pending.erase(it);
    m_model.Add(p.features, p.x, delayS);
    ++m_version;
    if (m_window > 0)
    {
        m_samples.push_back(Sample{p.features, p.x, delayS});
        if (m_samples.size() > m_window)
        {
            const Sample& old = m_samples.front();
            m_model.Add(old.features, old.x, old.delay, -1);
            m_samples.pop_front();
        }
    }
    Learn(p.features, p.x, delayS, p.explore);
}

} // namespace mecpfm
} // namespace ns3
