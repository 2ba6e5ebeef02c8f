/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "admission-query.h"

#include "planning-problem.h"

#include "ns3/abort.h"

#include <algorithm>
#include <numeric>

namespace ns3
{
namespace mecpfm
{

AdmissionQuery::AdmissionQuery(uint64_t id,
                               double timeS,
                               const InferenceRequest& request,
                               uint32_t homeSite,
                               std::vector<AdmissionArm> arms,
                               const FeatureSource& features)
    : m_id(id),
      m_time(timeS),
      m_request(request),
      m_home(homeSite),
      m_arms(std::move(arms)),
      m_features(features),
      m_values(features.GetNFeatures())
{
    NS_ABORT_MSG_IF(m_arms.empty(), "an admission decision needs at least one arm");
}

std::vector<AdmissionArm>
AdmissionQuery::MakeArms(const PlanningProblem& problem,
                         const InferenceRequest& request,
                         uint32_t neighbours,
                         bool allowReject)
{
    std::vector<AdmissionArm> arms;
    bool dcOnly = false;
    auto cands = problem.GetCandidates(request.task, request.minAccuracy, dcOnly);
    const auto home = static_cast<uint32_t>(problem.GetNodeSite(request.home));
    const uint32_t dc = problem.GetDcSite();
    std::vector<uint32_t> sites;
    if (!dcOnly)
    {
        sites.push_back(home);
        // Other cloudlets by the delay of moving a request there and back (ties: index).
        std::vector<uint32_t> others;
        for (uint32_t c = 0; c < problem.GetNCloudlets(); ++c)
        {
            if (c != home && problem.GetRoute(home, c).reachable)
            {
                others.push_back(c);
            }
        }
        auto cost = [&](uint32_t c) {
            return problem.GetTransferDelay(home, c, request.inputBytes, request.outputBytes);
        };
        std::stable_sort(others.begin(), others.end(), [&](uint32_t a, uint32_t b) {
            return cost(a) < cost(b);
        });
        others.resize(std::min<size_t>(others.size(), neighbours));
        sites.insert(sites.end(), others.begin(), others.end());
    }
    sites.push_back(dc);
    for (uint32_t m : cands)
    {
        for (uint32_t s : sites)
        {
            arms.push_back(AdmissionArm{s, m, false});
        }
    }
    if (allowReject || cands.empty())
    {
        arms.push_back(AdmissionArm{0, 0, true});
    }
    return arms;
}

uint64_t
AdmissionQuery::GetId() const
{
    return m_id;
}

double
AdmissionQuery::GetTime() const
{
    return m_time;
}

const InferenceRequest&
AdmissionQuery::GetRequest() const
{
    return m_request;
}

uint32_t
AdmissionQuery::GetHomeSite() const
{
    return m_home;
}

const std::vector<AdmissionArm>&
AdmissionQuery::GetArms() const
{
    return m_arms;
}

int64_t
AdmissionQuery::FindArm(uint32_t site, uint32_t model) const
{
    for (size_t a = 0; a < m_arms.size(); ++a)
    {
        if (!m_arms[a].reject && m_arms[a].site == site && m_arms[a].model == model)
        {
            return static_cast<int64_t>(a);
        }
    }
    return -1;
}

int64_t
AdmissionQuery::FindRejectArm() const
{
    for (size_t a = 0; a < m_arms.size(); ++a)
    {
        if (m_arms[a].reject)
        {
            return static_cast<int64_t>(a);
        }
    }
    return -1;
}

uint32_t
AdmissionQuery::GetNFeatures() const
{
    return static_cast<uint32_t>(m_values.size());
}

const FeatureSource&
AdmissionQuery::GetSource() const
{
    return m_features;
}

const std::vector<double>&
AdmissionQuery::Observe(uint32_t f)
{
    NS_ABORT_MSG_IF(f >= m_values.size(), "no feature " << f);
    auto& v = m_values[f];
    if (v.empty())
    {
        v.resize(m_arms.size(), 0.0);
        for (size_t a = 0; a < m_arms.size(); ++a)
        {
            if (!m_arms[a].reject)
            {
                v[a] = m_features.GetValue(f, m_request, m_arms[a]);
            }
        }
        m_observed.push_back(f);
    }
    return v;
}

const std::vector<uint32_t>&
AdmissionQuery::GetObserved() const
{
    return m_observed;
}

} // namespace mecpfm
} // namespace ns3
