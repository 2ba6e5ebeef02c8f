/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLAN_ASSIGNER_H
#define MEC_PFM_PLAN_ASSIGNER_H

#include "placement-plan.h"
#include "planning-problem.h"

#include <set>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One way to serve a request class: model at site, with the class's delay there.
 */
struct ServingOption
{
    double delay{0};   //!< GetClassCost(q, model, site): the delay, weighted if the
                       //!< problem has objective weights
    uint32_t model{0}; //!< model
    uint32_t site{0};  //!< site (C = the DC)
};

/**
 * \ingroup mec-pfm
 * \brief Assignment of requests to the models a placement makes available, under the load
 * constraint: shared by the rounding algorithm and the baselines.
 */
class PlanAssigner
{
  public:
    /**
     * \brief The one tie rule between serving options, wherever a class takes its cheapest:
     * lower delay first; on equal delays the lower site, then the lower model.
     * \param a an option
     * \param b another option of the same class
     * \return whether a comes before b
     */
    static bool Precedes(const ServingOption& a, const ServingOption& b);

    /**
     * \brief The options a placement gives class q, first the preferred (Precedes): every
     * candidate at the DC and, unless the class is dcOnly, every candidate open at a
     * cloudlet (only its home with homeOnly).
     * \param problem the problem
     * \param q the class
     * \param open per cloudlet site, the models available
     * \param homeOnly if true, a request may use only its home cloudlet or the DC
     * \return the options, sorted by Precedes (empty if the class has no candidate)
     */
    static std::vector<ServingOption> GetOptions(const PlanningProblem& problem,
                                                 uint32_t q,
                                                 const std::vector<std::set<uint32_t>>& open,
                                                 bool homeOnly = false);

    /**
     * \brief Serve every class by its first option (GetOptions), whatever the load: the
     * plan before repair whose cost Theorem 2 certifies (doc/planner.rst). Where it meets
     * every load capacity, AssignBest returns the same assignment.
     * \param problem the problem
     * \param open per cloudlet site, the models available
     * \return the plan (models serving nobody are not held)
     */
    static PlacementPlan AssignUncapacitated(const PlanningProblem& problem,
                                             const std::vector<std::set<uint32_t>>& open);

    /**
     * \brief Serve every request by its cheapest available option with load to spare.
     *
     * Options of a class are its candidate models open at any cloudlet, and every
     * candidate at the DC. Classes are served in order of decreasing regret (the delay
     * their best option saves over their best DC option), each request by the first
     * option (GetOptions: least delay, ties by Precedes) whose site still has load
     * capacity. A request no site can take goes to
     * its best DC option anyway, and the plan is then infeasible (PlanEvaluator says so).
     * Models that end up serving nobody are not held (their blocks are not pulled).
     * \param problem the problem
     * \param open per cloudlet site, the models available
     * \param homeOnly if true, a request may use only its home cloudlet or the DC
     * \return the plan
     */
    static PlacementPlan AssignBest(const PlanningProblem& problem,
                                    const std::vector<std::set<uint32_t>>& open,
                                    bool homeOnly = false);

    /**
     * \brief The assignment that minimises the total serving delay for a fixed placement:
     * the LP of doc/planner.rst with every y fixed to the placement, solved by GLPK, then
     * made integral.
     *
     * Options of a class: its candidates at the DC and, among the cloudlets where one of
     * its candidates is open, its home and the \p nearest others of least transfer delay
     * (0 = all). The LP's counts are rounded down and the members left over go, one by
     * one, to the class's cheapest LP option with load to spare. Members of a class are
     * spread over its options as PfmLpFormulation::Expand does.
     * \param problem the problem
     * \param open per cloudlet site, the models available
     * \param nearest cloudlets per class besides its home (0 = every one with an option,
     * or as many as \p maxOptions allows)
     * \param maxOptions with \p nearest 0: if all cloudlets give more options than this, the
     * largest K (at least 1) whose options fit (0 = no limit)
     * \param plan the plan, set if the return value is true
     * \param size if not null, set to the number of options of the LP
     * \param integerNodes if > 0: first solve the assignment as an integer program
     * (GLPK's branch and cut from the LP, stopped after this many subproblems: a work
     * limit, so the result does not depend on the machine's speed or load) and use its
     * best integer solution (the rounding above is the fallback when it finds none), then
     * improve it by exchanges that keep every load row: one member moved to a cheaper
     * option with load to spare, or two members of two classes swapped between two sites
     * \param maxSeconds if > 0, a wall-clock stop of that integer program as well (for a
     * caller's overall time limit; then the result may depend on the machine)
     * \return false if GLPK found no assignment within the load capacities (or failed) or
     * a leftover member found no site with load to spare
     *
     * The model is built by the ILP's own builder (AssignmentLp, a private class).
     */
    static bool AssignByLp(const PlanningProblem& problem,
                           const std::vector<std::set<uint32_t>>& open,
                           uint32_t nearest,
                           uint64_t maxOptions,
                           PlacementPlan& plan,
                           uint64_t* size = nullptr,
                           uint32_t integerNodes = 0,
                           double maxSeconds = 0);

    /**
     * \brief AssignBest, then, while the DC is loaded beyond its capacity, open one more
     * model at a cloudlet and assign again.
     *
     * Each step opens, one after the other, the (cloudlet, model) pairs that fit the
     * cloudlet's free storage (blocks already held count once) and could take the most of
     * the DC's load (the FLOPs of the requests the DC serves that have the model among
     * their candidates, up to the cloudlet's spare load; ties go to the pair adding fewer
     * bytes), until their estimated gains cover the DC's overflow; then it assigns again.
     * It stops when the DC fits or no pair can take load; the plan may then still be
     * infeasible.
     * \param problem the problem
     * \param open per cloudlet site, the models available; models opened are added
     * \param maxSteps most models opened
     * \return the plan of the last assignment
     */
    static PlacementPlan AssignRelievingDc(const PlanningProblem& problem,
                                           std::vector<std::set<uint32_t>>& open,
                                           uint32_t maxSteps = 1000);
    /**
     * \brief The repair of a placement, shared by the rounding (each trial) and the
     * baselines (PfmPlanner::Finish, through RepairPlan): at each cloudlet close the models
     * of least priority until storage fits (FitStorage), then assign greedily, opening
     * models at cloudlets with storage and load to spare while the DC is over capacity
     * (AssignRelievingDc); with \p withLp, if that plan still breaks a load capacity,
     * assign the placement by the assignment LP (AssignByLp, all cloudlets, at most 50,000
     * options), which finds an assignment within the capacities where the greedy order does
     * not, and keep it if PlanEvaluator accepts it.
     * \param problem the problem
     * \param open per cloudlet site, the models available; changed in place
     * \param priority per cloudlet, the priority of each model (indexed by model)
     * \param withLp try the assignment LP when the greedy plan is infeasible
     * \return the plan (infeasible if no step found a feasible one)
     */
    static PlacementPlan RepairPlacement(const PlanningProblem& problem,
                                         std::vector<std::set<uint32_t>>& open,
                                         const std::vector<std::vector<double>>& priority,
                                         bool withLp);

    /**
     * \brief Repair a heuristic's plan that breaks a capacity (the baselines' feasibility
     * phase): RepairPlacement on its placement (the models each cloudlet holds, each of
     * priority the number of requests it serves there), with the assignment LP; if that
     * fails, the same from the placement with every cloudlet filled, as storage allows, by
     * the models most demanded by the requests homed there (towards cloudlets with room).
     * \param problem the problem
     * \param plan the plan
     * \return a feasible plan (PlanEvaluator), or \p plan itself if it was feasible or
     * no repair found one
     */
    static PlacementPlan RepairPlan(const PlanningProblem& problem, const PlacementPlan& plan);

    /**
     * \brief Close models at a cloudlet until the union of their blocks fits its storage:
     * the model with the least priority goes first (ties: the one freeing more bytes).
     * \param problem the problem
     * \param c cloudlet site
     * \param open the models, changed in place
     * \param priority priority of each model (indexed by model)
     */
    static void FitStorage(const PlanningProblem& problem,
                           uint32_t c,
                           std::set<uint32_t>& open,
                           const std::vector<double>& priority);
    /**
     * \brief Open models at a cloudlet in the given order while the union of their blocks
     * fits its storage (a model that does not fit is skipped, later ones still tried).
     * \param problem the problem
     * \param c cloudlet site
     * \param order the models, first preferred
     * \return the models opened
     */
    static std::set<uint32_t> FillStorage(const PlanningProblem& problem,
                                          uint32_t c,
                                          const std::vector<uint32_t>& order);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLAN_ASSIGNER_H */
