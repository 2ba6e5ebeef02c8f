/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "context-features.h"

#include "planning-problem.h"
#include "site-state-view.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace mecpfm
{

ContextFeatures::ContextFeatures(const PlanningProblem& problem, const SiteStateView& state)
    : m_problem(problem),
      m_state(state)
{
}

void
ContextFeatures::SetNow(double nowS)
{
    m_now = nowS;
}

uint32_t
ContextFeatures::GetNFeatures() const
{
    return N_FEATURES;
}

std::string
ContextFeatures::GetName(uint32_t f) const
{
    static const char* names[N_FEATURES] = {"proc",
                                            "xfer",
                                            "pull",
                                            "backlog",
                                            "queue",
                                            "busy",
                                            "qlen",
                                            "resident",
                                            "pulls",
                                            "dc",
                                            "home",
                                            "accuracy",
                                            "size",
                                            "latency",
                                            "pergb",
                                            "tod"};
    NS_ABORT_MSG_IF(f >= N_FEATURES, "no feature " << f);
    return names[f];
}

double
ContextFeatures::GetPrior(uint32_t f) const
{
    return (f == PROC || f == XFER || f == PULL || f == QUEUE) ? 1.0 : 0.0;
}

double
ContextFeatures::GetAnalyticalDelay(const InferenceRequest& r, const AdmissionArm& arm) const
{
    double d = m_problem.GetAccessDelay(r.inputBytes, r.outputBytes);
    for (uint32_t f : {PROC, XFER, PULL, BACKLOG, QUEUE})
    {
        d += GetValue(f, r, arm);
    }
    return d;
}

double
ContextFeatures::GetValue(uint32_t f, const InferenceRequest& r, const AdmissionArm& arm) const
{
    const PlanningProblem& p = m_problem;
    const uint32_t s = arm.site;
    const uint32_t m = arm.model;
    const auto home = static_cast<uint32_t>(p.GetNodeSite(r.home));
    const double modelBytes = p.GetCatalogue().GetModelBytes(m);
    const double servers =
        std::max<uint32_t>(1, p.GetScenario().nodes[p.GetSiteNode(s)].accelerators);
    switch (f)
    {
    case PROC:
        return p.GetProcessingDelay(m, s, r.tokens);
    case XFER:
        return p.GetTransferDelay(home, s, r.inputBytes, r.outputBytes);
    case PULL: {
        double missing = std::max(0.0, modelBytes - m_state.GetResidentBytes(s, m));
        return missing > 0 ? p.GetPullTime(s, missing) + p.GetPullLatency(s) : 0.0;
    }
    case BACKLOG:
        return p.GetPullTime(s, m_state.GetPendingPullBytes(s));
    case QUEUE:
        return m_state.GetQueueLength(s) * p.GetProcessingDelay(m, s, r.tokens) / servers;
    case BUSY:
        return m_state.GetBusyServers(s) / servers;
    case QLEN:
        return m_state.GetQueueLength(s);
    case RESIDENT:
        return modelBytes > 0 ? m_state.GetResidentBytes(s, m) / modelBytes : 1.0;
    case PULLS:
        return m_state.GetPullsInFlight(s);
    case IS_DC:
        return p.IsDc(s) ? 1.0 : 0.0;
    case IS_HOME:
        return s == home ? 1.0 : 0.0;
    case ACCURACY:
        return p.GetCatalogue().GetModels()[m].accuracy;
    case SIZE:
        return modelBytes / 1e9;
    case LATENCY:
        return s == home ? 0.0 : p.GetRoute(home, s).delayS;
    case PER_GB:
        return s == home ? 0.0 : 8e9 / p.GetRoute(home, s).bottleneckBps;
    case TIME_OF_DAY:
        return std::fmod(std::max(0.0, m_now), 86400.0) / 86400.0;
    default:
        NS_ABORT_MSG("no feature " << f);
    }
    return 0;
}

} // namespace mecpfm
} // namespace ns3
