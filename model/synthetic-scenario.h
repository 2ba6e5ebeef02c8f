/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SYNTHETIC_SCENARIO_H
#define MEC_PFM_SYNTHETIC_SCENARIO_H

#include "mec-scenario.h"
#include "scenario-error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Seeded synthetic planning instances for tests and the planner benchmark.
 *
 * The instance (all randomness from one ns-3 UniformRandomVariable on stream
 * Params::stream, so the global run number of RngSeedManager and the stream fix it):
 * - Backhaul: C cloudlets "c0".."c{C-1}" at uniform random points of a unit square; a random
 *   spanning tree (cloudlet i > 0 links to the nearest of 3 random earlier cloudlets) plus
 *   round(extraLinkRatio x C) random extra links between distinct unlinked cloudlets, so the
 *   graph is connected. Link delay = minLinkDelayS + distance x linkDelayPerUnitS; bandwidth
 *   40 Gbit/s or 10 Gbit/s with equal probability. The data center "dc" is far away: it
 *   links to the min(2, C) cloudlets with the smallest index (gateways) at dcLinkBps and
 *   dcLinkDelayS.
 * - Catalogue: the default catalogue (DefaultCatalogue::Build()) unless Params::catalogue
 *   is set.
 * - Requests: N requests; home cloudlet drawn with per-cloudlet weights uniform in
 *   [0.5, 1.5]; task drawn with Params::taskWeights (tasks not in the catalogue are
 *   skipped); accuracy floor drawn with Params::floorWeights from three tiers: 0, the
 *   median and the best accuracy of the task's models that fit the smallest cloudlet
 *   storage, 0.75 x cloudletStorageBytes (so every request has a candidate any cloudlet
 *   can hold); prompt and output
 *   tokens from one of the Params::sizeClasses (few classes, so that requests aggregate
 *   into classes); bytes = tokens x bytesPerToken; arrival uniform in [0, horizon),
 *   requests sorted by arrival.
 * - Capacities: each cloudlet has compute cloudletComputeFlops x (its home weight / the
 *   mean home weight) x a factor in {0.75, 1, 1.25},
 *   storage cloudletStorageBytes x a factor in {0.75, 1, 1.25} (so storage binds: no
 *   cloudlet can hold the catalogue). Let D be the total FLOPs of the requests when each is
 *   served by its candidate of fewest FLOPs. The horizon is set so that the cloudlets
 *   together can carry edgeShare x D (H = D / (edgeShare x max_load x sum mu_c)) and the DC
 *   compute so that it can carry only dcShare x D (mu_d = dcShare x D / (max_load x H)):
 *   with dcShare < 1 the DC cannot absorb all the load.
 */
class SyntheticScenario
{
  public:
    /// Generator parameters (documented defaults).
    struct Params
    {
        uint32_t cloudlets{20};              //!< C, 1..1000
        uint32_t requests{5000};             //!< N, 1..10^7
        int64_t stream{0};                   //!< ns-3 RNG stream used
        double extraLinkRatio{0.5};          //!< extra links per cloudlet beyond a tree
        double minLinkDelayS{0.0005};        //!< delay of a zero-length link
        double linkDelayPerUnitS{0.01};      //!< delay per unit of distance
        double dcLinkBps{4e10};              //!< DC access links
        double dcLinkDelayS{0.1};            //!< DC access links (the DC is far)
        double cloudletComputeFlops{1e14};   //!< nominal cloudlet compute
        double cloudletStorageBytes{3.2e10}; //!< nominal cloudlet storage
        double maxLoad{0.8};                 //!< rho_max
        double edgeShare{1.0};               //!< cloudlets carry this share of D
        double dcShare{0.3};                 //!< the DC carries this share of D
        double bytesPerToken{4};             //!< request bytes per token
        double accessBps{1e8};               //!< access uplink = downlink rate
        std::vector<std::string> tasks{"conv", "code", "mnli", "sst2", "qnli", "qqp"};
        std::vector<double> taskWeights{4, 2, 1, 1, 1, 1}; //!< weights of tasks
        std::vector<double> floorWeights{3, 1, 1};         //!< weights of floor tiers
        /// (prompt tokens, output tokens) of the size classes
        std::vector<std::pair<double, double>> sizeClasses{{200, 100}, {1000, 300}, {3000, 500}};
        std::vector<double> sizeWeights{3, 2, 1}; //!< their weights
        bool useDefaultCatalogue{true};           //!< false: use catalogue below
        ModelCatalogue catalogue;                 //!< used if !useDefaultCatalogue
        /// factors of cloudletStorageBytes, one drawn per cloudlet (uniformly)
        std::vector<double> storageFactors{0.75, 1, 1.25};
        std::string name; //!< scenario name ("" = synthetic-c<C>-r<N>-s<stream>)
    };

    /**
     * \brief The tight family (issue "tight instances"): the catalogue TightCatalogue(),
     * its 12 tasks, cloudlet storage of 3 to 12 GB (7.5 GB x {0.4, 0.7, 1, 1.3, 1.6}),
     * edge compute for 80 % of the demand D and a DC for 40 % of it (so both bind), half
     * the requests with the middle or top floor tier.
     * \param cloudlets C
     * \param requests N
     * \param stream the ns-3 stream
     * \return the parameters (name "tight-c<C>-r<N>-s<stream>")
     */
    static Params TightParams(uint32_t cloudlets, uint32_t requests, int64_t stream);

    /**
     * \brief 8 model families of 0.35 to 8 billion parameters (2 bytes and 2 FLOPs per
     * parameter and token), 12 tasks, each served by 3 or 4 families; each family is a trunk
     * (85 %) and a top (15 %) block; for every task it serves, a LoRA variant (trunk + top
     * + a 0.5 % adapter) and a top-layer variant (trunk + its own top). Accuracies grow with
     * the family's size, the LoRA variant slightly above the top-layer one. Deterministic.
     * \return the catalogue
     */
    static ModelCatalogue TightCatalogue();

    /**
     * \brief Generate an instance.
     * \param params the parameters
     * \return a scenario that passes MecScenario::Validate()
     * \throws std::invalid_argument on parameters out of range
     */
    static MecScenario Generate(const Params& params);

    /**
     * \brief Write any scenario as a scenario file (doc/scenario-format.rst) that
     * ScenarioReader reads back to the same scenario: inline nodes, links, blocks, models;
     * consecutive identical requests are written once with "count".
     * \param scenario the scenario
     * \param path the file
     * \throws ScenarioError if the file cannot be written
     */
    static void WriteJson(const MecScenario& scenario, const std::string& path);

    /// \return a small catalogue (2 families with sharing, 1 model without) for tests
    static ModelCatalogue SmallCatalogue();

    /**
     * \brief One cloudlet as an M/D/1 queue: a DC and one cloudlet (1e13 FLOP/s, one
     * server) joined by a 1 Gbit/s, 5 ms link; one model resident at the cloudlet; equal
     * requests (125 tokens, 50 ms of service, 2000 bytes in, 800 out) from the cloudlet's
     * users with exponential gaps of mean 0.05 s / load. The scale test and benchmark use
     * it.
     * \param requests how many
     * \param load the offered load rho (0, 1)
     * \param stream the random stream of the gaps
     * \return the scenario (requests in arrival order)
     */
    static MecScenario OneCloudletQueue(uint32_t requests, double load, int64_t stream);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SYNTHETIC_SCENARIO_H */
