/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_LP_FORMULATION_H
#define MEC_PFM_PFM_LP_FORMULATION_H

#include "placement-plan.h"
#include "planning-problem.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One option of a request class: model m at site s.
 */
struct ClassOption
{
    uint32_t cls{0};   //!< class q
    uint32_t model{0}; //!< model m
    uint32_t site{0};  //!< site s (C = the DC)
};

/**
 * \ingroup mec-pfm
 * \brief The linear (integer) program of doc/planner.rst on GLPK, over request classes.
 *
 * Variables: x_{q,m,s} (count of class q served by m at s, integer in [0, n_q]),
 * y_{m,c} (model m available at cloudlet c), z_{k,c} (block k held at c), p_c (c pulls).
 * Rows: demand sum_{m,s} x = n_q; linking x_{q,m,c} <= n_q y_{m,c}; y_{m,c} <= z_{k,c};
 * z_{k,c} <= p_c (non-resident k); storage; load at every site.
 *
 * Options can be pruned to the home, the K cloudlets of least transfer delay and the DC
 * (Options::nearest); the LP then prices every pruned option with the duals and adds the
 * ones of negative reduced cost until none is left (column generation), so that the LP
 * value is the LP optimum of the unpruned problem. If the iteration limit stops it first,
 * the reported bound is the Farley bound LP + sum_q n_q min(0, min reduced cost), which is
 * still a lower bound of the unpruned LP.
 *
 * The GLPK side lives in private headers (not installed): GlpkProblem owns the GLPK
 * problem, PfmLpModelBuilder builds the model, PfmCutSeparator separates the valid
 * inequalities, PfmBranchAndCut drives the ILP's branch and cut.
 */
class PfmLpFormulation
{
  public:
    /// Load rows are scaled for GLPK: in PFLOP.
    static constexpr double LOAD_UNIT = 1e15;

    /// Build options.
    struct Options
    {
        bool integer{false};    //!< ILP (true) or LP relaxation
        uint32_t nearest{0};    //!< K nearest cloudlets per class besides home; 0 = all
        bool priceOut{true};    //!< column generation on pruned options (LP only)
        uint32_t maxRounds{50}; //!< column-generation rounds
        double timeLimitS{0};   //!< GLPK time limit, 0 = none
        double mipGap{0};       //!< relative MIP gap (ILP)
        bool noSharing{false};  //!< storage and pulls count every model whole
        /// rounds of separation of the valid inequalities of doc/planner.rst ("Stronger
        /// relaxation") after the first simplex; 0 = the plain relaxation
        uint32_t cutRounds{0};
        /// ILP with an incumbent: delete the columns whose reduced cost at the root exceeds
        /// the gap between the incumbent and the relaxation (they are 0 in any better plan)
        bool reducedCostFixing{true};
        /// ILP: branch on fractional y, z, p (weighted by pull time) before any x count
        bool branchPlacementFirst{true};
        /// ILP: separate the valid inequalities at every node of branch and cut too
        bool nodeCuts{true};
        /// ILP: an integer column per model, N_m = sum_c y_{m,c} (the cloudlets holding
        /// m), branched on with the binaries, weighted by the pull time of one copy
        bool copyColumns{false};
        /// ILP: an integer column per (site, per-request load), K = the requests of that
        /// load served there, branched on (weighted by load times the load row's dual)
        /// once the placement is integral
        bool loadGroupColumns{false};
        /// ILP: one linking row per (cloudlet, model), sum_q x_{q,m,c} <= (sum_q n_q)
        /// y_{m,c}, instead of one per option; the per-option rows x_{q,m,c} <= n_q y_{m,c}
        /// are separated where the LP violates them (same integer solutions, far fewer rows)
        bool aggregateLinking{false};
        /// start each simplex of a new model from Bixby's crash basis instead of the slack
        /// basis (GlpkProblem::CrashNextSimplex; the rounding's LPs pruned to K = 1)
        bool crashBasis{false};
        /// ILP: a feasible plan handed to branch and cut as its first incumbent (may be
        /// null; ignored if it uses an option the model does not have)
        const PlacementPlan* incumbent{nullptr};
        /**
         * ILP: a primal heuristic. Given the placement of an LP solution, y[c][m] (the root
         * relaxation after the cuts, then the LP of branch-and-cut nodes), it may return a
         * feasible plan (true). A plan better than the incumbent becomes the incumbent.
         */
        std::function<bool(const std::vector<std::vector<double>>& y, PlacementPlan& plan)>
            placementHeuristic;
    };

    /// Solver outcome.
    enum class Outcome
    {
        OPTIMAL,    //!< solved to optimality (ILP: within the gap)
        FEASIBLE,   //!< ILP stopped with an incumbent not proven optimal
        INFEASIBLE, //!< no feasible solution exists
        TIME_LIMIT, //!< stopped by the time limit without an incumbent
        ERROR       //!< GLPK failed
    };

    /**
     * \param problem the problem (kept by reference)
     * \param options build options
     */
    PfmLpFormulation(const PlanningProblem& problem, const Options& options);

    /// Solve (LP: simplex with column generation; ILP: simplex then branch and cut).
    Outcome Solve();

    /// \return the objective of the solution found (LP: the LP value)
    double GetObjective() const;
    /**
     * \return a true lower bound of the unpruned problem's optimum: the LP value, the
     * Farley bound if pricing did not finish, or for the ILP the best bound of the search
     */
    double GetLowerBound() const;
    /// \return whether the LP value is proven to be the unpruned LP optimum
    bool IsPricedOut() const;
    /// \return wall seconds spent in GLPK
    double GetSolveSeconds() const;

    /// \return the options in the model (pruned set plus priced-in ones)
    const std::vector<ClassOption>& GetOptions() const;
    /// \return x value of each option (counts; fractional for the LP)
    const std::vector<double>& GetX() const;
    /// \return y value of model m at cloudlet c (0 if not in the model)
    double GetY(uint32_t model, uint32_t cloudlet) const;

    /**
     * \brief Turn integral class counts into a plan: members of a class go to its options
     * in order (members sorted by tokens, descending, to options sorted by per-token
     * processing cost, ascending), then CloseOverBlocks.
     * \param problem the problem
     * \param options the options
     * \param counts integral count per option
     * \return the plan
     */
    static PlacementPlan Expand(const PlanningProblem& problem,
                                const std::vector<ClassOption>& options,
                                const std::vector<uint32_t>& counts);

  private:
    /**
     * \brief Build and solve the model over m_options (PfmLpModelBuilder, the root
     * relaxation with PfmCutSeparator's rounds, for the ILP PfmBranchAndCut); fills the
     * solution.
     * \param rowDuals set to the duals of the LP's rows (LP only)
     * \return the outcome
     */
    Outcome SolveOnce(std::vector<double>& rowDuals);

    /**
     * \brief Price every option not in the model; add the most negative per class.
     * \param rowDuals the duals of the last LP
     * \param farley set to the Farley correction of its bound
     * \return number of options added
     */
    uint32_t PriceOut(const std::vector<double>& rowDuals, double& farley);

    const PlanningProblem& m_problem;     //!< problem
    Options m_opt;                        //!< options
    std::vector<ClassOption> m_options;   //!< columns x
    std::vector<double> m_x;              //!< x values
    std::vector<std::vector<double>> m_y; //!< [cloudlet][model]
    double m_objective{0};                //!< objective
    double m_bound{0};                    //!< lower bound
    bool m_pricedOut{false};              //!< LP proven unpruned-optimal
    double m_seconds{0};                  //!< solve time
    // Row indices of the last model (for duals).
    std::vector<int> m_demandRow; //!< per class, 0 if none
    std::vector<int> m_loadRow;   //!< per site
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_LP_FORMULATION_H */
