/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_COVERING_ROUNDING_H
#define MEC_PFM_COVERING_ROUNDING_H

#include "pfm-lp-formulation.h"
#include "planning-problem.h"

#include "ns3/random-variable-stream.h"

#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What Theorem 4 of doc/planner.rst proves of the covering rounding of one LP
 * solution, before repair.
 *
 * With LPserve = sum_o x*_o D_o and LPpull the LP's pull part (LP = LPserve + LPpull):
 * E[TotalDelay] <= expectedBound = alpha LPserve + expectedRounds LPpull + capTerm, and
 * E[bytes held at cloudlet c] <= expectedRounds x (storage of c). A priori (from kappa and
 * the number of classes alone, for the best alpha of the grid): expectedBound <=
 * aprioriFactor x LP + aprioriCapTerm.
 */
struct CoveringBound
{
    /// false: the theorem does not apply (an accuracy weight > 0 makes costs negative)
    bool applicable{false};
    double alpha{2};          //!< filter: class q is covered by an option of cost <= alpha d_q
    double lpServe{0};        //!< serving part of the LP value
    double lpPull{0};         //!< pull part of the LP value (blocks, latency)
    double expectedRounds{0}; //!< E[min(T, R)] <= this (T: rounds until every class is covered)
    double capTerm{0};        //!< sum_q n_q D^d_q P(q uncovered after R rounds)
    double expectedBound{0};  //!< E[TotalDelay before repair] <= this
    uint32_t kappa{0};        //!< most candidate models of a class that may use a cloudlet
    uint32_t classes{0};      //!< classes not covered by the DC alone (N of the theorem)
    /// least over the alphas of max(alpha, kappa (ln N + 1) / (1 - 1/alpha) + 2), N >= 1
    double aprioriFactor{0};
    double aprioriCapTerm{0}; //!< the cap term at that alpha
};

/**
 * \ingroup mec-pfm
 * \brief The covering rounding of doc/planner.rst (Theorem 4): rounds of the correlated
 * threshold rounding, repeated until every class has an open option within alpha times
 * its fractional per-request cost d_q = sum_o x*_o D_o / n_q (or R rounds).
 *
 * At a cloudlet, the union of the rounds' open sets {m : y*_{m,c} >= U_c^r} is the open set
 * of one threshold, V_c = min_r U_c^r; Draw() returns those thresholds. The bound and the
 * filter depend on the LP solution only (deterministic); alpha is the value of a fixed grid
 * that minimises the instance's bound.
 */
class CoveringRounding
{
  public:
    /**
     * \param p the problem (its objective weights as set for the solve)
     * \param lp a solved LP relaxation of p
     * \param y the LP's y*, clipped to [0, 1]: [cloudlet][model]
     * \param maxRounds R, the most rounds of one draw (>= 1)
     */
    CoveringRounding(const PlanningProblem& p,
                     const PfmLpFormulation& lp,
                     const std::vector<std::vector<double>>& y,
                     uint32_t maxRounds);

    /// \return what Theorem 4 proves for this LP solution
    const CoveringBound& GetBound() const;

    /**
     * \brief One draw: rounds of one uniform threshold per cloudlet until every class is
     * covered or R rounds were drawn.
     * \param rng the random stream (uniform on (0, 1))
     * \param rounds set to the rounds drawn
     * \return per cloudlet the least threshold drawn, V_c (open: y*_{m,c} >= V_c, y* > 0)
     */
    std::vector<double> Draw(Ptr<UniformRandomVariable> rng, uint32_t& rounds) const;

    /**
     * \brief The a priori factor of Theorem 4.
     * \param alpha the filter (> 1)
     * \param kappa most candidates of a class
     * \param classes number of classes N (values below 1 count as 1)
     * \return max(alpha, kappa (ln N + 1) / (1 - 1/alpha) + 2)
     */
    static double AprioriFactor(double alpha, uint32_t kappa, uint32_t classes);

    /**
     * \brief The bound on E[min(T, R)] of Theorem 4 from the classes' miss probabilities.
     * \param miss per class, the probability that one round leaves it uncovered
     * \param maxRounds R
     * \return sum_{t=0}^{R-1} min(1, sum_q miss_q^t)
     */
    static double ExpectedRoundsBound(const std::vector<double>& miss, uint32_t maxRounds);

  private:
    /// One class that a cloudlet may serve: its (cloudlet, cost, y*) pairs with y* > 0.
    struct ClassOptions
    {
        uint32_t count{0};              //!< n_q
        double dBar{0};                 //!< d_q: the LP's per-request serving cost of the class
        double dcCost{0};               //!< D^d_q, its best DC option
        std::vector<uint32_t> cloudlet; //!< per pair: the cloudlet
        std::vector<double> cost;       //!< per pair: D_{q,m,c}
        std::vector<double> y;          //!< per pair: y*_{m,c}
    };

    /// Collect the classes, their d_q and (cloudlet, cost, y*) pairs; fills lpServe, lpPull.
    void CollectClasses(const PfmLpFormulation& lp, const std::vector<std::vector<double>>& y);
    /// The bound for one alpha (fills b; m_ball is not touched).
    CoveringBound BoundFor(double alpha) const;
    /// Per class, per cloudlet: the largest y* of an option within alpha d_q (the ball).
    void BuildBalls(double alpha);

    const PlanningProblem& m_p;          //!< problem
    uint32_t m_maxRounds;                //!< R
    std::vector<ClassOptions> m_classes; //!< classes that may use a cloudlet
    /// per class not covered at the DC: (cloudlet, largest y* of its ball there)
    std::vector<std::vector<std::pair<uint32_t, double>>> m_ball;
    CoveringBound m_bound; //!< the bound at the chosen alpha
};

} // namespace mecpfm
} // namespace ns3

#endif /* header guard */
