/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PLANNING_PROBLEM_H
#define MEC_PFM_PLANNING_PROBLEM_H

#include "backhaul-graph.h"
#include "mec-scenario.h"
#include "objective-weights.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Interchangeable requests: same home, same candidate set, same dcOnly, same sizes
 * (within the aggregation tolerance). The planners decide integer counts per class.
 */
struct RequestClass
{
    uint32_t homeSite{0};             //!< site index of the home cloudlet
    std::string task;                 //!< task
    std::vector<uint32_t> candidates; //!< M_q: models that may serve it (sorted); empty if
                                      //!< the request must be rejected
    bool dcOnly{false};               //!< true: no model meets the floor, served at the DC
                                      //!< by candidates[0], the most accurate of the task
    double inputBytes{0};             //!< mean input bytes of the members
    double outputBytes{0};            //!< mean output bytes of the members
    double tokens{0};                 //!< mean tokens of the members
    std::vector<uint32_t> members;    //!< request ids, ascending

    /// \return number of requests n_q
    uint32_t GetCount() const
    {
        return static_cast<uint32_t>(members.size());
    }
};

/**
 * \ingroup mec-pfm
 * \brief The planning instance compiled from a scenario: sites, route metrics, request
 * classes, candidate sets, and the analytical delay model of doc/mec-pfm.rst.
 *
 * Sites are numbered 0..C-1 for the cloudlets (in node order) and C for the data center.
 * No simulator: plain C++ driven by planners, tests and the command-line tool.
 */
class PlanningProblem
{
  public:
    /**
     * \param scenario a validated scenario. The problem keeps its own copy (moved in when
     *        the argument is a temporary), so the argument need not outlive the problem, and
     *        changing it afterwards does not change the problem.
     * \param classTolerance 0 aggregates only identical requests; r > 0 also merges
     *        requests whose input bytes, output bytes and tokens fall in the same geometric
     *        bucket of ratio (1 + r) (the class then carries the members' means)
     */
    explicit PlanningProblem(MecScenario scenario, double classTolerance = 0);

    /// \return the problem's scenario (its own copy, as long as the problem lives)
    const MecScenario& GetScenario() const;
    /// \return the routing
    const BackhaulGraph& GetGraph() const;
    /// \return the model catalogue
    const ModelCatalogue& GetCatalogue() const;

    /// \return number of cloudlets C
    uint32_t GetNCloudlets() const;
    /// \return number of sites C + 1
    uint32_t GetNSites() const;
    /// \return the DC's site index, C
    uint32_t GetDcSite() const;
    /// \return true if site is the DC
    bool IsDc(uint32_t site) const;
    /// \return the scenario node index of a site
    uint32_t GetSiteNode(uint32_t site) const;
    /// \return the site of a cloudlet or DC node index, or -1
    int64_t GetNodeSite(uint32_t node) const;

    /// \return compute rate mu of a site (FLOP/s)
    double GetComputeFlops(uint32_t site) const;
    /// \return storage S of a cloudlet site (infinity for the DC)
    double GetStorageBytes(uint32_t site) const;
    /// \return load capacity of a site: max_load x compute_flops x horizon (FLOP)
    double GetLoadCapacity(uint32_t site) const;
    /// \return true if block k is resident at cloudlet site at the start (always at the DC)
    bool IsResident(uint32_t site, uint32_t block) const;

    /**
     * \param fromSite a site (for example a request's home cloudlet)
     * \param toSite a site (for example the serving site)
     * \return the backhaul route between the two sites' nodes (BackhaulGraph's rule)
     */
    const PathInfo& GetRoute(uint32_t fromSite, uint32_t toSite) const;

    /**
     * \return pull time of block k to cloudlet site: bytes*8 / bw(dc, site), 0 if resident
     * or site is the DC (the once-per-cloudlet latency is GetPullLatency())
     */
    double GetBlockPullDelay(uint32_t site, uint32_t block) const;
    /**
     * \param site a site
     * \param bytes bytes to pull
     * \return bytes*8 / bw(dc, site), without the latency; 0 at the DC
     */
    double GetPullTime(uint32_t site, double bytes) const;
    /// \return lat(dc, site), charged once per cloudlet that pulls at least one block
    double GetPullLatency(uint32_t site) const;

    /// \return access time up(r) + download: in*8/uplink + out*8/downlink
    double GetAccessDelay(double inputBytes, double outputBytes) const;
    /**
     * \return transfer term in*8/bw(h,v) + out*8/bw(v,h) + 2 lat(h,v); 0 if v == h
     */
    double GetTransferDelay(uint32_t homeSite,
                            uint32_t site,
                            double inputBytes,
                            double outputBytes) const;
    /**
     * \param fromSite a site
     * \param toSite a site
     * \param bytes bytes sent
     * \return bytes*8 / bw(from, to) + lat(from, to); 0 if the sites are the same (one leg of
     * GetTransferDelay)
     */
    double GetOneWayDelay(uint32_t fromSite, uint32_t toSite, double bytes) const;
    /// \return processing phi/mu = flops_per_token x tokens / compute_flops(site)
    double GetProcessingDelay(uint32_t model, uint32_t site, double tokens) const;
    /// \return FLOPs of one request of tokens on model
    double GetFlops(uint32_t model, double tokens) const;

    /// \return D_r(m,v) for one request: access + transfer + processing
    double GetRequestDelay(const InferenceRequest& r, uint32_t model, uint32_t site) const;
    /// \return D for the representative (mean) request of class q
    double GetClassDelay(uint32_t q, uint32_t model, uint32_t site) const;
    /**
     * \return the least GetClassDelay of class q at the DC over its candidates (where a
     * request falls back to), infinity if it has no candidate
     * \param q the class
     */
    double GetBestDcDelay(uint32_t q) const;

    /**
     * \brief Set the weights of the objective the planners optimise (default 0 and 0:
     * TotalDelay alone). Planners set them for the length of a Solve() through
     * ObjectiveWeightsScope; the problem's data are unchanged, hence const.
     * \param w the weights
     */
    void SetObjectiveWeights(const ObjectiveWeights& w) const;
    /// \return the weights of the objective the planners optimise
    const ObjectiveWeights& GetObjectiveWeights() const;
    /**
     * \brief The weighted objective of one request of class q served by model at site:
     * GetClassDelay + w_cost x (FLOPs x the site's price per FLOP) - w_acc x a_model.
     * Exactly GetClassDelay when the weights are 0.
     * \param q the class
     * \param model the model
     * \param site the site
     * \return the weighted per-request objective
     */
    double GetClassCost(uint32_t q, uint32_t model, uint32_t site) const;
    /**
     * \brief The weighted objective of holding block k at cloudlet c: its pull delay +
     * w_cost x (pull price of its bytes if not resident + storage price of its bytes over
     * the horizon). Exactly GetBlockPullDelay when the weights are 0.
     * \param c the cloudlet
     * \param k the block
     * \return the weighted per-block objective
     */
    double GetBlockCost(uint32_t c, uint32_t k) const;
    /**
     * \return the least GetClassCost of class q at the DC over its candidates, infinity
     * if it has no candidate (GetBestDcDelay when the weights are 0)
     * \param q the class
     */
    double GetBestDcCost(uint32_t q) const;
    /**
     * \brief Whether model a needs fewer FLOPs per token than model b (ties: lower index).
     *
     * At any one site the lighter of two candidates of a class is both faster and loads
     * the site less: it dominates the other wherever linking rows do not interfere.
     * \param a a model
     * \param b a model
     * \return a is lighter than b
     */
    bool IsLighter(uint32_t a, uint32_t b) const;
    /**
     * \return the lightest candidate of class q (IsLighter); the class must have one
     * \param q the class
     */
    uint32_t GetLightestCandidate(uint32_t q) const;

    /**
     * \brief The models that may serve a request: those of its task that meet its accuracy
     * floor (sorted); if none does, the most accurate model of the task, to be served at
     * the DC (dcOnly), or none at all where the scenario rejects such requests.
     * \param task the request's task
     * \param minAccuracy its accuracy floor
     * \param dcOnly set to true when the one candidate may serve only at the DC
     * \return the candidates
     */
    std::vector<uint32_t> GetCandidates(const std::string& task,
                                        double minAccuracy,
                                        bool& dcOnly) const;
    /// \return the request classes
    const std::vector<RequestClass>& GetClasses() const;
    /**
     * \return true if every class holds requests of identical sizes (always with
     * classTolerance 0). Otherwise classes merge requests of different sizes, and a bound
     * of the class problem (LP or ILP over the classes' mean requests) is not a bound of
     * the request-by-request problem that PlanEvaluator prices.
     */
    bool IsAggregationExact() const;
    /**
     * \return the class index of each request, indexed by request id. Every request has
     * one: a request that no model can serve is in a class with no candidate.
     */
    const std::vector<uint32_t>& GetRequestClass() const;

  private:
    MecScenario m_scenario;                    //!< the scenario (the problem's own copy)
    std::unique_ptr<BackhaulGraph> m_graph;    //!< routes
    std::vector<uint32_t> m_siteNode;          //!< site -> node
    std::vector<int64_t> m_nodeSite;           //!< node -> site or -1
    std::vector<std::vector<bool>> m_resident; //!< [site][block]
    std::vector<RequestClass> m_classes;       //!< classes
    std::vector<uint32_t> m_requestClass;      //!< request -> class
    bool m_exact{true};                        //!< every class's members alike
    mutable ObjectiveWeights m_weights;        //!< the weights planners optimise
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PLANNING_PROBLEM_H */
