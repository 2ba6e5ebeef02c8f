/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-planner.h"

#include "plan-assigner.h"
#include "plan-evaluator.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmPlanner");

NS_OBJECT_ENSURE_REGISTERED(PfmPlanner);

std::string
PlanStatusToString(PlanStatus s)
{
    switch (s)
    {
    case PlanStatus::OPTIMAL:
        return "optimal";
    case PlanStatus::FEASIBLE:
        return "feasible";
    case PlanStatus::INFEASIBLE:
        return "infeasible";
    case PlanStatus::NO_PLAN_FOUND:
        return "no_plan_found";
    case PlanStatus::TIME_LIMIT:
        return "time_limit";
    case PlanStatus::ERROR:
        return "error";
    }
    return "error";
}

double
ReportableLowerBound(const PlanningProblem& problem, double bound)
{
    if (!std::isfinite(bound) || bound < 0 || !problem.IsAggregationExact())
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return bound;
}

TypeId
PfmPlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PfmPlanner")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddAttribute("AccuracyWeight",
                          "w_acc of the objective TotalDelay + w_cost Cost - w_acc sum a_m: "
                          "seconds per unit of accuracy of a served request (0: delay only).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&PfmPlanner::m_accuracyWeight),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("CostWeight",
                          "w_cost of the objective: seconds per unit of operating cost "
                          "(CostModel, default prices; 0: delay only).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&PfmPlanner::m_costWeight),
                          MakeDoubleChecker<double>(0));
    return tid;
}

ObjectiveWeights
PfmPlanner::GetObjectiveWeights() const
{
    ObjectiveWeights w;
    w.accuracyWeight = m_accuracyWeight;
    w.costWeight = m_costWeight;
    return w;
}

void
PfmPlanner::SetObjectiveWeights(const ObjectiveWeights& w)
{
    NS_ABORT_MSG_IF(!ObjectiveWeights::Validate(w.accuracyWeight, "accuracy weight").empty() ||
                        !ObjectiveWeights::Validate(w.costWeight, "cost weight").empty(),
                    "objective weights must be finite and >= 0");
    m_accuracyWeight = w.accuracyWeight;
    m_costWeight = w.costWeight;
}

PfmPlanner::WeightsScope::WeightsScope(const PlanningProblem& problem, const ObjectiveWeights& w)
    : m_problem(problem),
      m_saved(problem.GetObjectiveWeights())
{
    problem.SetObjectiveWeights(w);
}

PfmPlanner::WeightsScope::~WeightsScope()
{
    m_problem.SetObjectiveWeights(m_saved);
}

PfmPlanner::PfmPlanner()
{
    NS_LOG_FUNCTION(this);
}

PfmPlanner::~PfmPlanner()
{
    NS_LOG_FUNCTION(this);
}

int64_t
PfmPlanner::AssignStreams(int64_t stream)
{
    return 0;
}

PlanResult
PfmPlanner::Finish(const PlanningProblem& problem,
                   PlacementPlan plan,
                   std::chrono::steady_clock::time_point started,
                   bool wholeModels,
                   bool repair)
{
    PlanResult r;
    const PlanEvaluator evaluator(problem, CostModel(), wholeModels);
    PlanMetrics m = evaluator.Evaluate(plan);
    if (!m.feasible && repair && !wholeModels)
    {
        PlacementPlan fixed = PlanAssigner::RepairPlan(problem, plan);
        PlanMetrics fm = evaluator.Evaluate(fixed);
        if (fm.feasible)
        {
            r.message = "the heuristic's plan broke a capacity (" + m.violations.front() +
                        "): repaired by the shared feasibility phase";
            NS_LOG_INFO(r.message);
            plan = std::move(fixed);
            m = fm;
        }
    }
    r.plan = std::move(plan);
    r.hasPlan = true;
    r.wholeModels = wholeModels;
    r.status = m.feasible ? PlanStatus::FEASIBLE : PlanStatus::NO_PLAN_FOUND;
    if (!m.feasible)
    {
        r.message =
            "no feasible plan found, also after the feasibility phase: " + m.violations.front();
    }
    r.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

PlanResult
PfmPlanner::SolveHelper(Ptr<PfmPlanner> planner, TypeId fallback, const PlanningProblem& problem)
{
    if (!planner)
    {
        ObjectFactory factory;
        factory.SetTypeId(fallback);
        planner = factory.Create<PfmPlanner>();
        planner->AssignStreams(0);
        planner->SetObjectiveWeights(problem.GetObjectiveWeights()); // the caller's
    }
    return planner->Solve(problem);
}

namespace
{
/// The namespace of the module's planners' TypeIds.
const std::string TYPE_PREFIX = "ns3::mecpfm::";

/// "nearest-greedy" -> "ns3::mecpfm::NearestGreedyPlanner"
std::string
ToTypeName(const std::string& shortName)
{
    std::string out = TYPE_PREFIX;
    bool upper = true;
    for (char ch : shortName)
    {
        if (ch == '-' || ch == '_')
        {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
        upper = false;
    }
    return out + "Planner";
}

/// "ns3::mecpfm::NearestGreedyPlanner" -> "nearest-greedy"
std::string
ToShortName(const std::string& typeName)
{
    std::string name =
        typeName.substr(TYPE_PREFIX.size(), typeName.size() - TYPE_PREFIX.size() - 7);
    std::string out;
    for (size_t i = 0; i < name.size(); ++i)
    {
        if (std::isupper(static_cast<unsigned char>(name[i])))
        {
            if (i > 0)
            {
                out += '-';
            }
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
        }
        else
        {
            out += name[i];
        }
    }
    return out;
}
} // namespace

Ptr<PfmPlanner>
PfmPlanner::CreateByName(const std::string& name)
{
    TypeId tid;
    std::string typeName = name.find("::") != std::string::npos ? name : ToTypeName(name);
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) || !tid.IsChildOf(GetTypeId()) ||
        !tid.HasConstructor())
    {
        return nullptr;
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<PfmPlanner>();
}

std::vector<std::string>
PfmPlanner::GetShortNames()
{
    std::vector<std::string> out;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId tid = TypeId::GetRegistered(i);
        const std::string& n = tid.GetName();
        if (tid != GetTypeId() && tid.IsChildOf(GetTypeId()) && tid.HasConstructor() &&
            n.rfind(TYPE_PREFIX, 0) == 0 && n.size() > TYPE_PREFIX.size() + 7 &&
            n.compare(n.size() - 7, 7, "Planner") == 0)
        {
            out.push_back(ToShortName(n));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace mecpfm
} // namespace ns3
