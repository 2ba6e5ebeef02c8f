/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ucb1-policy.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("Ucb1Policy");
NS_OBJECT_ENSURE_REGISTERED(Ucb1Policy);

TypeId
Ucb1Policy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::Ucb1Policy")
                            .SetParent<AdmissionPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<Ucb1Policy>();
    return tid;
}

void
Ucb1Policy::Start(const AdmissionSetup& setup)
{
    NS_LOG_FUNCTION(this);
    AdmissionPolicy::Start(setup);
    m_stats.clear();
    m_pending.clear();
    m_total = 0;
    m_scale = 0;
}

uint32_t
Ucb1Policy::Decide(AdmissionQuery& query)
{
    NS_LOG_FUNCTION(this << query.GetId());
    const auto& arms = query.GetArms();
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
            auto it = m_stats.find({arms[a].site, arms[a].model});
            if (it == m_stats.end() || it->second.n == 0)
            {
                cost = -std::numeric_limits<double>::infinity(); // try it once
            }
            else
            {
                const Stat& s = it->second;
                cost = GetArmCost(arms[a], s.sum / s.n) -
                       m_scale * std::sqrt(2 * std::log(std::max(1.0, m_total)) / s.n);
            }
        }
        if (cost < bestCost)
        {
            bestCost = cost;
            best = a;
        }
    }
    if (!arms[best].reject)
    {
        m_pending[query.GetId()] = {arms[best].site, arms[best].model};
    }
    return best;
}

void
Ucb1Policy::Feedback(uint64_t decision, double delayS)
{
    auto it = m_pending.find(decision);
    if (it == m_pending.end())
    {
        return;
    }
    Stat& s = m_stats[it->second];
    s.n += 1;
    s.sum += delayS;
    m_total += 1;
    m_scale = std::max(m_scale, delayS);
    m_pending.erase(it);
}

} // namespace mecpfm
} // namespace ns3
