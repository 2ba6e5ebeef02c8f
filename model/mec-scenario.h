/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_SCENARIO_H
#define MEC_PFM_MEC_SCENARIO_H

#include "model-catalogue.h"
#include "scenario-error.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/// \ingroup mec-pfm
/// Role of a backhaul node.
enum class NodeRole
{
    DATACENTER, //!< the data center holding every block
    CLOUDLET,   //!< an edge cloudlet at an access point
    SWITCH      //!< a plain switch/router
};

/**
 * \ingroup mec-pfm
 * \brief A node of the backhaul graph.
 */
struct ScenarioNode
{
    std::string id;                       //!< unique id
    NodeRole role{NodeRole::SWITCH};      //!< role
    double computeFlops{0};               //!< mu_v, FLOP/s (cloudlet and DC)
    uint32_t accelerators{1};             //!< g_v (cloudlet and DC)
    double storageBytes{0};               //!< S_v (cloudlet only)
    std::vector<uint32_t> residentBlocks; //!< blocks resident at start (cloudlet only)
    double latitude{std::nan("")};        //!< degrees, NaN if unknown
    double longitude{std::nan("")};       //!< degrees, NaN if unknown
};

/**
 * \ingroup mec-pfm
 * \brief An undirected backhaul link between two nodes (indices into the node list).
 */
struct ScenarioLink
{
    uint32_t a{0};          //!< one end
    uint32_t b{0};          //!< other end
    double bandwidthBps{0}; //!< b_e in bit/s
    double delayS{0};       //!< l_e in seconds
};

/**
 * \ingroup mec-pfm
 * \brief One inference request (after `count` expansion).
 */
struct InferenceRequest
{
    uint32_t id{0};        //!< index in MecScenario::requests
    uint32_t home{0};      //!< node index of the home cloudlet h_r
    std::string task;      //!< task t_r
    double minAccuracy{0}; //!< alpha_r
    double inputBytes{0};  //!< in_r
    double outputBytes{0}; //!< out_r
    double tokens{0};      //!< tokens processed (prompt + generated)
    double arrivalS{0};    //!< arrival time in seconds from the start of the horizon
};

/**
 * \ingroup mec-pfm
 * \brief A fault of the network during a packet-level run (doc/mec-pfm.rst, "Faults"):
 * a backhaul link or a node is down from atS for forS seconds. The planners ignore faults.
 */
struct ScenarioFault
{
    /// What goes down.
    enum Kind
    {
        LINK_DOWN, //!< a backhaul link: packets on it are lost
        NODE_DOWN  //!< a cloudlet or switch: all its interfaces, and a cloudlet's state
    };

    Kind kind{LINK_DOWN}; //!< what goes down
    uint32_t link{0};     //!< the link (LINK_DOWN), index into MecScenario::links
    uint32_t node{0};     //!< the node (NODE_DOWN), index into MecScenario::nodes
    double atS{0};        //!< start, seconds of simulated time
    double forS{0};       //!< duration, seconds (> 0)
};

/**
 * \ingroup mec-pfm
 * \brief What happens to a request none of whose task's models meets its accuracy floor.
 */
enum class NoCandidatePolicy
{
    DC_BEST, //!< served at the DC by the most accurate model of its task (default)
    REJECT   //!< rejected (counted as rejected, never dropped)
};

/**
 * \ingroup mec-pfm
 * \brief A validated scenario: the network, the catalogue and the demand.
 *
 * Plain data; ScenarioReader builds it from JSON (and GraphML/Azure sources) and checks it
 * with Validate(). Indices, not ids, are used everywhere after reading.
 */
struct MecScenario
{
    std::string name;       //!< scenario name
    std::string sourceFile; //!< file it was read from ("" if built in code)
    /// what the Topology Zoo rules changed in the GraphML backhaul (ZooReadReport::ToString),
    /// "" for an inline topology
    std::string topologyReport;
    double horizonS{3600};                                     //!< planning horizon H in seconds
    double maxLoad{0.8};                                       //!< rho_max in (0,1]
    double uplinkBps{1e8};                                     //!< access uplink rate
    double downlinkBps{1e8};                                   //!< access downlink rate
    NoCandidatePolicy noCandidate{NoCandidatePolicy::DC_BEST}; //!< see NoCandidatePolicy
    std::vector<ScenarioNode> nodes;                           //!< all nodes
    std::vector<ScenarioLink> links;                           //!< all links
    ModelCatalogue catalogue;                                  //!< blocks and models
    std::vector<InferenceRequest> requests; //!< demand, ordered by arrival then id
    std::vector<ScenarioFault> faults;      //!< faults of the packet-level run (optional)

    /// \return the index of the (first) data-center node; aborts if there is none (a
    /// validated scenario has exactly one)
    uint32_t GetDatacenter() const;
    /// \return node indices of the cloudlets, in node order
    std::vector<uint32_t> GetCloudlets() const;
    /**
     * \param id node id
     * \return node index or -1
     */
    int64_t FindNode(const std::string& id) const;

    /**
     * \brief Check the whole scenario; throw on the first problem.
     *
     * Checks the rules of doc/scenario-format.rst that concern the assembled scenario:
     * horizon > 0, max_load in (0, 1], access rates > 0; node ids non-empty and unique,
     * compute and accelerators of the DC and cloudlets > 0, cloudlet storage > 0, resident
     * blocks known, listed once and within the storage; exactly one DC; links between two
     * different known nodes with bandwidth > 0 and delay >= 0; at least one model and one
     * cloudlet, every cloudlet connected to the DC; request homes are cloudlets, tasks
     * served by some model, floors in [0, 1], bytes >= 0, tokens > 0, arrivals >= 0; faults
     * on known links and on cloudlets or switches, at_s in [0, 1e9], for_s in (0, 1e9]. (Model
     * accuracies and sizes are checked when the catalogue is built: ModelCatalogue.)
     * \param file the file name to put in errors
     * \throws ScenarioError naming a JSON-like path (for example "/links/4/bandwidth_bps")
     */
    void Validate(const std::string& file) const;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_SCENARIO_H */
