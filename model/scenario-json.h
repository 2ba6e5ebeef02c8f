/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SCENARIO_JSON_H
#define MEC_PFM_SCENARIO_JSON_H

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The field names (and named values) of the module's JSON files, spelled once.
 *
 * Scenario files (read by ScenarioReader, written by SyntheticScenario::WriteJson, and named
 * in the JSON paths of MecScenario::Validate's errors; format in doc/scenario-format.rst) and
 * plan files (read and written by PlanIo). One nested struct per kind of JSON object; every
 * reader and writer of these files uses these names, so that a field cannot be spelled one
 * way when written and another when read. (Tests spell the names out on purpose: they check
 * the format, not this header.)
 */
class ScenarioJson
{
  public:
    /// The top-level object of a scenario file.
    struct Scenario
    {
        static constexpr const char* NAME = "name";           //!< string
        static constexpr const char* HORIZON_S = "horizon_s"; //!< seconds
        static constexpr const char* MAX_LOAD = "max_load";   //!< in (0, 1]
        static constexpr const char* ACCESS = "access";       //!< an Access object
        /// "dc_best" or "reject" (NoCandidatePolicy); optional
        static constexpr const char* ON_NO_CANDIDATE = "on_no_candidate";
        static constexpr const char* DC_BEST = "dc_best"; //!< value of ON_NO_CANDIDATE
        static constexpr const char* REJECT = "reject";   //!< value of ON_NO_CANDIDATE
        /// "default" (DefaultCatalogue), instead of BLOCKS and MODELS
        static constexpr const char* CATALOGUE = "catalogue";
        static constexpr const char* DEFAULT_CATALOGUE = "default"; //!< value of CATALOGUE
        static constexpr const char* BLOCKS = "blocks";             //!< Block objects
        static constexpr const char* MODELS = "models";             //!< Model objects
        static constexpr const char* NODES = "nodes";               //!< Node objects
        static constexpr const char* LINKS = "links";               //!< Link objects
        /// a Topology object, instead of NODES and LINKS
        static constexpr const char* TOPOLOGY = "topology";
        static constexpr const char* REQUESTS = "requests"; //!< Request objects
        /// a Trace object, instead of REQUESTS
        static constexpr const char* TRACE = "trace";
        /// Fault objects (optional): faults of the packet-level run
        static constexpr const char* FAULTS = "faults";
    };

    /// The "access" object of a scenario: the users' access links.
    struct Access
    {
        static constexpr const char* UPLINK_BPS = "uplink_bps";     //!< bit/s
        static constexpr const char* DOWNLINK_BPS = "downlink_bps"; //!< bit/s
    };

    /// A node of "nodes" (its site fields also make "cloudlet" and "datacenter" of Topology).
    struct Node
    {
        static constexpr const char* ID = "id";                       //!< string, unique
        static constexpr const char* ROLE = "role";                   //!< one of the roles below
        static constexpr const char* DATACENTER = "datacenter";       //!< value of ROLE
        static constexpr const char* CLOUDLET = "cloudlet";           //!< value of ROLE
        static constexpr const char* SWITCH = "switch";               //!< value of ROLE
        static constexpr const char* COMPUTE_FLOPS = "compute_flops"; //!< FLOP/s
        static constexpr const char* ACCELERATORS = "accelerators";   //!< servers, >= 1
        static constexpr const char* STORAGE_BYTES = "storage_bytes"; //!< bytes (cloudlets)
        /// block ids held at the start (cloudlets)
        static constexpr const char* RESIDENT_BLOCKS = "resident_blocks";
    };

    /// A link of "links".
    struct Link
    {
        static constexpr const char* A = "a";                         //!< node id
        static constexpr const char* B = "b";                         //!< node id
        static constexpr const char* BANDWIDTH_BPS = "bandwidth_bps"; //!< bit/s
        static constexpr const char* DELAY_S = "delay_s";             //!< seconds
    };

    /// A block of "blocks".
    struct Block
    {
        static constexpr const char* ID = "id";       //!< string, unique
        static constexpr const char* BYTES = "bytes"; //!< size
    };

    /// A model of "models".
    struct Model
    {
        static constexpr const char* ID = "id";                           //!< string, unique
        static constexpr const char* FAMILY = "family";                   //!< optional string
        static constexpr const char* TASK = "task";                       //!< string
        static constexpr const char* ACCURACY = "accuracy";               //!< in [0, 1]
        static constexpr const char* FLOPS_PER_TOKEN = "flops_per_token"; //!< FLOP
        static constexpr const char* BLOCKS = "blocks";                   //!< block ids
    };

    /// A fault of "faults" (ScenarioFault).
    struct Fault
    {
        static constexpr const char* KIND = "kind";           //!< one of the kinds below
        static constexpr const char* LINK_DOWN = "link_down"; //!< value of KIND
        static constexpr const char* NODE_DOWN = "node_down"; //!< value of KIND
        static constexpr const char* A = "a";                 //!< node id (link_down)
        static constexpr const char* B = "b";                 //!< node id (link_down)
        static constexpr const char* NODE = "node";           //!< node id (node_down)
        static constexpr const char* AT_S = "at_s";           //!< seconds, >= 0
        static constexpr const char* FOR_S = "for_s";         //!< seconds, > 0
    };

    /// A request of "requests".
    struct Request
    {
        static constexpr const char* HOME = "home";                 //!< cloudlet id
        static constexpr const char* TASK = "task";                 //!< string
        static constexpr const char* MIN_ACCURACY = "min_accuracy"; //!< in [0, 1]
        static constexpr const char* INPUT_BYTES = "input_bytes";   //!< bytes
        static constexpr const char* OUTPUT_BYTES = "output_bytes"; //!< bytes
        static constexpr const char* TOKENS = "tokens";             //!< tokens processed
        static constexpr const char* ARRIVAL_S = "arrival_s";       //!< optional seconds
        static constexpr const char* COUNT = "count";               //!< optional copies
    };

    /// The "topology" object: a Topology Zoo GraphML file (ScenarioReader documents it).
    struct Topology
    {
        static constexpr const char* GRAPHML = "graphml";             //!< file path
        static constexpr const char* CLOUDLETS = "cloudlets";         //!< how many
        static constexpr const char* DATACENTER_AT = "datacenter_at"; //!< node id
        static constexpr const char* CLOUDLET = "cloudlet";           //!< Node site fields
        static constexpr const char* DATACENTER = "datacenter";       //!< Node site fields
        /// bit/s of the data center's link
        static constexpr const char* DATACENTER_LINK_BPS = "datacenter_link_bps";
        /// seconds of the data center's link
        static constexpr const char* DATACENTER_LINK_DELAY_S = "datacenter_link_delay_s";
        /// bit/s of links without a speed
        static constexpr const char* DEFAULT_LINK_BPS = "default_link_bps";
        /// the smallest link delay
        static constexpr const char* MIN_LINK_DELAY_S = "min_link_delay_s";
        /// seconds of links with an end without coordinates
        static constexpr const char* UNLOCATED_LINK_DELAY_S = "unlocated_link_delay_s";
    };

    /// The "trace" object: an Azure LLM inference trace (AzureTraceOptions).
    struct Trace
    {
        static constexpr const char* AZURE_CSV = "azure_csv";             //!< file path
        static constexpr const char* START_ROW = "start_row";             //!< startRow
        static constexpr const char* MAX_REQUESTS = "max_requests";       //!< maxRequests
        static constexpr const char* TIME_SCALE = "time_scale";           //!< timeScale
        static constexpr const char* BYTES_PER_TOKEN = "bytes_per_token"; //!< bytesPerToken
        static constexpr const char* TASKS = "tasks";                     //!< tasks
        static constexpr const char* TASK_WEIGHTS = "task_weights";       //!< taskWeights
        static constexpr const char* FLOOR_LOW = "floor_low";             //!< floorLow
        static constexpr const char* FLOOR_HIGH = "floor_high";           //!< floorHigh
        static constexpr const char* SEED = "seed";                       //!< seed
        static constexpr const char* SIZE_CLASSES = "size_classes";       //!< sizeClasses
    };

    /// The top-level object of a plan file (PlanIo).
    struct Plan
    {
        static constexpr const char* SCENARIO = "scenario";             //!< scenario name
        static constexpr const char* ALGORITHM = "algorithm";           //!< planner name
        static constexpr const char* REQUESTS_TOTAL = "requests_total"; //!< decisions
        static constexpr const char* CLOUDLETS = "cloudlets";           //!< PlanCloudlet objects
        static constexpr const char* REQUESTS = "requests";             //!< PlanRequest objects
    };

    /// A cloudlet of a plan's "cloudlets": what it holds.
    struct PlanCloudlet
    {
        static constexpr const char* ID = "id";         //!< the cloudlet's node id
        static constexpr const char* MODELS = "models"; //!< model ids it serves with
        static constexpr const char* BLOCKS = "blocks"; //!< block ids it holds
    };

    /// A decision of a plan's "requests".
    struct PlanRequest
    {
        static constexpr const char* ID = "id";             //!< request index
        static constexpr const char* SITE = "site";         //!< serving node id
        static constexpr const char* MODEL = "model";       //!< serving model id
        static constexpr const char* REJECTED = "rejected"; //!< true if rejected
    };
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SCENARIO_JSON_H */
