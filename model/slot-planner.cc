/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slot-planner.h"

#include "pfm-planner.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("SlotPlanner");

SlotPlanner::SlotPlanner(std::string planner)
    : m_planner(std::move(planner))
{
}

const std::string&
SlotPlanner::GetPlanner() const
{
    return m_planner;
}

bool
SlotPlanner::Plan(const PlanningProblem& problem,
                  const std::vector<InferenceRequest>& requests,
                  double slotS,
                  const std::vector<std::vector<uint32_t>>& held,
                  PlacementPlan& plan) const
{
    NS_LOG_FUNCTION(this << requests.size() << slotS);
    if (requests.empty())
    {
        return false;
    }
    MecScenario sc = problem.GetScenario();
    sc.horizonS = slotS;
    for (uint32_t c = 0; c < problem.GetNCloudlets() && c < held.size(); ++c)
    {
        sc.nodes[problem.GetSiteNode(c)].residentBlocks = held[c];
    }
    double first = requests.front().arrivalS;
    for (const auto& r : requests)
    {
        first = std::min(first, r.arrivalS);
    }
    sc.requests = requests;
    for (uint32_t i = 0; i < sc.requests.size(); ++i)
    {
        sc.requests[i].id = i;
        sc.requests[i].arrivalS = std::min(slotS, std::max(0.0, sc.requests[i].arrivalS - first));
    }
    std::stable_sort(sc.requests.begin(),
                     sc.requests.end(),
                     [](const InferenceRequest& a, const InferenceRequest& b) {
                         return a.arrivalS < b.arrivalS;
                     });
    // Keep decisions indexed like the input: remember where each request went.
    std::vector<uint32_t> original(sc.requests.size());
    for (uint32_t i = 0; i < sc.requests.size(); ++i)
    {
        original[i] = sc.requests[i].id;
        sc.requests[i].id = i;
    }
    PlanningProblem slot(sc);
    Ptr<PfmPlanner> planner = PfmPlanner::CreateByName(m_planner);
    NS_ABORT_MSG_IF(!planner, "SlotPlanner: no planner \"" << m_planner << "\"");
    planner->AssignStreams(0);
    PlanResult r = planner->Solve(slot);
    if (!r.hasPlan)
    {
        NS_LOG_INFO("slot planner " << m_planner << " gave no plan: " << r.message);
        return false;
    }
    plan = r.plan;
    plan.decisions.assign(requests.size(), RequestDecision());
    for (uint32_t i = 0; i < original.size(); ++i)
    {
        plan.decisions[original[i]] = r.plan.decisions[i];
    }
    return true;
}

} // namespace mecpfm
} // namespace ns3
