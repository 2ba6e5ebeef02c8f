/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "synthetic-bandit.h"

#include "admission-query.h"

#include "ns3/abort.h"
#include "ns3/double.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace ns3
{
namespace mecpfm
{

SyntheticBandit::SyntheticBandit(const Params& params)
    : m_params(params),
      m_x(CreateObject<UniformRandomVariable>()),
      m_noise(CreateObject<NormalRandomVariable>()),
      m_delay(CreateObject<UniformRandomVariable>())
{
    NS_ABORT_MSG_IF(
        m_params.theta.size() != m_params.features ||
            (!m_params.thetaAfter.empty() && m_params.thetaAfter.size() != m_params.features),
        "SyntheticBandit: theta needs " << m_params.features << " entries");
    m_x->SetStream(params.stream);
    m_noise->SetStream(params.stream + 1);
    m_delay->SetStream(params.stream + 2);
    m_noise->SetAttribute("Mean", DoubleValue(0));
    m_noise->SetAttribute("Variance", DoubleValue(params.noise * params.noise));
}

uint32_t
SyntheticBandit::GetNFeatures() const
{
    return m_params.features;
}

std::string
SyntheticBandit::GetName(uint32_t f) const
{
    return "x" + std::to_string(f);
}

double
SyntheticBandit::GetValue(uint32_t f, const InferenceRequest&, const AdmissionArm& arm) const
{
    return m_context[static_cast<size_t>(arm.site) * m_params.features + f];
}

SyntheticBandit::Result
SyntheticBandit::Run(AdmissionPolicy& policy, uint32_t decisions)
{
    const uint32_t n = m_params.features;
    const uint32_t k = m_params.arms;
    AdmissionSetup setup;
    setup.rejectPenaltyS = 1e9; // no rejection arm is offered anyway
    setup.slotS = 0;
    policy.Start(setup);
    Result res;
    res.observedCount.assign(n, 0);
    res.observedLate.assign(n, 0);
    std::vector<AdmissionArm> arms(k);
    for (uint32_t a = 0; a < k; ++a)
    {
        arms[a] = AdmissionArm{a, 0, false};
    }
    std::multimap<uint64_t, std::pair<uint64_t, double>> due; // decision -> (id, delay)
    std::vector<double> mean(k);
    InferenceRequest request;
    double cumulative = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (uint64_t t = 0; t < decisions; ++t)
    {
        m_context.resize(static_cast<size_t>(k) * n);
        for (auto& v : m_context)
        {
            v = m_x->GetValue();
        }
        const bool after = !m_params.thetaAfter.empty() && t >= m_params.changeAt;
        const std::vector<double>& theta = after ? m_params.thetaAfter : m_params.theta;
        for (uint32_t a = 0; a < k; ++a)
        {
            mean[a] = 1.0;
            for (uint32_t f = 0; f < n; ++f)
            {
                mean[a] += theta[f] * m_context[static_cast<size_t>(a) * n + f];
            }
        }
        AdmissionQuery query(t, static_cast<double>(t), request, 0, arms, *this);
        auto p0 = std::chrono::steady_clock::now();
        const uint32_t chosen = policy.Decide(query);
        res.policyS += std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
        for (uint32_t f : query.GetObserved())
        {
            ++res.observedCount[f];
            if (2 * t >= decisions)
            {
                ++res.observedLate[f];
            }
        }
        const double best = *std::min_element(mean.begin(), mean.end());
        cumulative += mean[chosen] - best;
        res.totalCost += mean[chosen];
        if (10 * t >= 9ULL * decisions)
        {
            res.lateCost += mean[chosen];
        }
        res.cumulativeRegret.push_back(cumulative);
        const double delay = mean[chosen] + m_noise->GetValue();
        const uint64_t at = t + m_delay->GetInteger(0, m_params.maxDelay);
        due.emplace(at, std::make_pair(t, delay));
        auto f0 = std::chrono::steady_clock::now();
        for (auto it = due.begin(); it != due.end() && it->first <= t;)
        {
            policy.Feedback(it->second.first, it->second.second);
            it = due.erase(it);
        }
        res.policyS += std::chrono::duration<double>(std::chrono::steady_clock::now() - f0).count();
    }
    res.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

} // namespace mecpfm
} // namespace ns3
