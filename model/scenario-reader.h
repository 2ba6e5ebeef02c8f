/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SCENARIO_READER_H
#define MEC_PFM_SCENARIO_READER_H

#include "mec-scenario.h"
#include "scenario-error.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Reads scenario files (JSON; format in doc/scenario-format.rst, field names in
 * ScenarioJson).
 *
 * Every field of the format is required unless marked optional; extra fields are ignored
 * (forward compatibility), but a missing required field is an error that names the nearest
 * field present (a misspelling). Every error is a ScenarioError naming the file, the JSON
 * path and the reason; malformed JSON names the line and column. An error inside a file
 * the scenario refers to (GraphML, CSV) names the scenario, the field that refers to it,
 * and then that file with its element or line.
 *
 * Optional fields beyond the basic ones (doc/scenario-format.rst, "Optional fields of
 * mec-pfm"; defaults in brackets):
 * - "on_no_candidate": "dc_best" | "reject" ["dc_best"]: NoCandidatePolicy.
 * - "catalogue": "default", instead of "blocks" and "models": DefaultCatalogue::Build().
 * - "topology": {...}, instead of "nodes" and "links": a Topology Zoo GraphML file read by
 *   TopologyZooReader (its rules for ids, speeds, delays), then roles chosen thus:
 *   - "graphml": path, relative to the scenario file (required);
 *   - "cloudlets": N [min(20, candidates)]: the N nodes of highest degree become cloudlets,
 *     ties broken by the smaller id, skipping the data center's point of presence (PoP)
 *     and the Zoo's hyperedge nodes;
 *   - "datacenter_at": node id [the node of highest degree, ties by smaller id, of the
 *     largest connected component, hyperedge nodes excepted]: the PoP; only its connected
 *     component is kept (TopologyZooReader::KeepComponent);
 *     the data center is an extra node "datacenter" joined to the PoP by one link of
 *     "datacenter_link_bps" [1e10] and "datacenter_link_delay_s" [0.01] (a DC is
 *     usually not inside the research backbone but behind one of its PoPs);
 *   - "cloudlet": {"compute_flops", "accelerators", "storage_bytes"} (required) for
 *     every cloudlet; "datacenter": {"compute_flops"[, "accelerators"]} (required);
 *   - "default_link_bps" [1e9]: links without LinkSpeedRaw (GEANT 2012: 22 of 61);
 *   - "min_link_delay_s" [1e-4]: the smallest link delay (co-located PoPs);
 *   - "unlocated_link_delay_s" [the median rule, ZooReadOptions]: the delay of links with
 *     an end without coordinates;
 *   the other nodes are switches.
 * - "trace": {...}, instead of "requests": an Azure LLM inference trace
 *   (AzureTraceReader):
 *   - "azure_csv": path, relative to the scenario file (required);
 *   - "start_row" [0], "max_requests" [0 = all]: which data rows;
 *   - "time_scale" [1]: arrival = (t - t of the first row used) x time_scale;
 *   - "bytes_per_token" [4]: input/output bytes = context/generated tokens x this;
 *   - "tasks" [every task of the catalogue], "task_weights" [uniform]: task draw;
 *   - "floor_low" [0.6], "floor_high" [1]: accuracy floor = u x best accuracy of the
 *     task, u uniform in [floor_low, floor_high];
 *   - "seed" [1]: picks the ns-3 RNG streams that draw homes, tasks and floors
 *     (AzureTraceReader::MakeRequests); the same seed gives the same requests, whatever
 *     the ns-3 RngSeed/RngRun (a tool's --seed varies its own draws, not the demand);
 *   - "size_classes" [0]: 0 keeps each row's token counts; N > 0 gives each request the
 *     mean token counts of its quantile class among N (AzureTraceOptions::sizeClasses).
 * - "faults": [...] []: faults of the packet-level run (ScenarioFault; AddFaults).
 * Inline requests: "count" [1] copies of a request, "arrival_s" [0]; at most
 * MAX_REQUESTS in total. Requests are ordered by arrival, then by their order in the
 * file (after count expansion); request ids are the positions in that order.
 */
class ScenarioReader
{
  public:
    /// Upper bound on the number of inline requests after "count" expansion.
    static constexpr uint32_t MAX_REQUESTS = 10000000;
    /**
     * Upper bound on one link's delay in seconds. Routing sums delays in integer
     * nanoseconds; the bound keeps the sums far from overflow, and no real link comes
     * near it (a geostationary hop is 0.12 s).
     */
    static constexpr double MAX_LINK_DELAY_S = 1000;

    /**
     * \param path the scenario file
     * \return the validated scenario
     * \throws ScenarioError
     */
    static MecScenario ReadFile(const std::string& path);

    /**
     * \param text the JSON text
     * \param file the name to use in errors
     * \param baseDir directory against which relative paths inside are resolved
     * \return the validated scenario
     * \throws ScenarioError
     */
    static MecScenario ReadString(const std::string& text,
                                  const std::string& file,
                                  const std::string& baseDir);

    /**
     * \brief Append faults given outside the scenario file (a command line) to a scenario.
     *
     * The spec is either a JSON array of fault objects, as "faults" in a scenario file, or
     * the compact form "KIND:WHAT@AT+FOR;..." where WHAT is a node id (node_down) or two
     * node ids joined by ',' or '-' (link_down), AT and FOR seconds: for example
     * "link_down:s-c1@5+20;node_down:c2@10+30", or "@FILE" naming a file that holds such
     * a JSON array (errors then name that file). The same rules as in a scenario file apply
     * (doc/scenario-format.rst, "Faults").
     * \param spec the faults
     * \param source the name to use in errors (for example "--faults")
     * \param s a validated scenario; the faults are appended to s.faults
     * \throws ScenarioError naming source, /faults/N (N counts the spec's items) and the
     *         reason
     */
    static void AddFaults(const std::string& spec, const std::string& source, MecScenario& s);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SCENARIO_READER_H */
