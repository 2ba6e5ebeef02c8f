/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_PLAN_HELPER_H
#define MEC_PFM_MEC_PFM_PLAN_HELPER_H

#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"

#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The plan a simulation carries out, and where it came from.
 */
struct MecPfmPlanChoice
{
    bool ok{false};     //!< false: no plan (error says why)
    PlacementPlan plan; //!< the plan
    std::string name;   //!< what produced it: the planner, "plan:FILE" or "cloud-only"
    std::string note;   //!< "" or why the planner's plan was replaced by cloud-only
    std::string error;  //!< "" or "option: reason" (unknown planner, bad plan file)
};

/**
 * \ingroup mec-pfm
 * \brief How the examples obtain their plan: replay a plan file, or plan with a planner
 * by name, falling back to the cloud-only plan when the planner gives none.
 */
class MecPfmPlanHelper
{
  public:
    /**
     * \param problem the problem
     * \param algorithm a planner's short name (PfmPlanner::CreateByName)
     * \param planFile "" to plan, else a plan file to replay (PlanIo) instead
     * \param timeLimit the planner's TimeLimit attribute, seconds (if it has one)
     * \param stream first random stream of the planner
     * \param weights the planner's objective weights (AccuracyWeight, CostWeight; default
     *        0 and 0, TotalDelay alone)
     * \return the plan, or an error naming the option and the reason
     */
    static MecPfmPlanChoice Obtain(const PlanningProblem& problem,
                                   const std::string& algorithm,
                                   const std::string& planFile,
                                   double timeLimit,
                                   int64_t stream = 0,
                                   const ObjectiveWeights& weights = ObjectiveWeights());
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_PLAN_HELPER_H */
