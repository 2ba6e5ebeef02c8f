/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_AZURE_TRACE_READER_H
#define MEC_PFM_AZURE_TRACE_READER_H

#include "mec-scenario.h"
#include "scenario-error.h"

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One row of an Azure LLM inference trace (Patel et al., Splitwise, ISCA 2024).
 */
struct AzureTraceRow
{
    double timeS{0};  //!< TIMESTAMP in seconds since 1970-01-01 (a double: ~0.2 us resolution)
    int64_t ticks{0}; //!< TIMESTAMP exactly, in 100 ns ticks since 1970-01-01
    uint32_t contextTokens{0};   //!< ContextTokens (prompt)
    uint32_t generatedTokens{0}; //!< GeneratedTokens (output)
};

/**
 * \ingroup mec-pfm
 * \brief How trace rows become requests (scenario field "trace", doc/mec-pfm.rst).
 */
struct AzureTraceOptions
{
    uint32_t startRow{0};            //!< first data row used (0 = the first after the header)
    uint32_t maxRequests{0};         //!< rows used, 0 = all
    double timeScale{1.0};           //!< arrival = (t - t_first) x timeScale
    double bytesPerToken{4.0};       //!< input = context x this, output = generated x this
    std::vector<std::string> tasks;  //!< tasks to draw from (empty: every catalogue task)
    std::vector<double> taskWeights; //!< their weights (empty: uniform)
    double floorLow{0.6};            //!< floor = u x best accuracy of the task, u ~ U[low, high]
    double floorHigh{1.0};           //!< see floorLow
    uint32_t sizeClasses{0};         //!< 0: each request keeps its row's token counts; N > 0: rows
                                     //!< are split into N size classes by quantiles of their total
                                     //!< tokens, and each request takes its class's mean context
                                     //!< and generated tokens (interchangeable requests, so that
                                     //!< the planner's request classes stay few)
    uint32_t seed{1}; //!< picks the RNG streams of homes, tasks and floors (see MakeRequests)
};

/**
 * \ingroup mec-pfm
 * \brief Reads Azure LLM inference trace CSV files and turns rows into requests.
 */
class AzureTraceReader
{
  public:
    /// First RNG stream number used for requests (2^32, above planners' fixed streams).
    static constexpr int64_t STREAM_BASE = int64_t{1} << 32;

    /**
     * \param path CSV file with header TIMESTAMP,ContextTokens,GeneratedTokens
     * \return all rows in file order, which must be time order (rows with an earlier
     * TIMESTAMP than the row before are rejected); blank lines are skipped
     * \throws ScenarioError naming the file, the line and the reason
     */
    static std::vector<AzureTraceRow> Read(const std::string& path);

    /**
     * \brief Read trace rows from a stream (the fuzzer's entry point; Read(path) opens the
     * file and calls this).
     * \param in the CSV text
     * \param path the file name used in errors
     * \return all rows in file order, as Read(path)
     * \throws ScenarioError naming the file, the line and the reason
     */
    static std::vector<AzureTraceRow> Read(std::istream& in, const std::string& path);

    /**
     * \brief Make requests from rows: arrival relative to the first row used, tokens
     * processed = context + generated, bytes from tokens; home cloudlet uniform over the
     * cloudlets, task by weight, accuracy floor = u x (best accuracy of the task) with u
     * uniform in [floorLow, floorHigh]. The draws come from three random streams of their
     * own, numbers STREAM_BASE + 3 seed + {0, 1, 2}: each gives the values of an ns-3
     * UniformRandomVariable on that stream under RngSeed 1 and RngRun 1, whatever the
     * global RngSeed/RngRun are, and nothing of ns-3's global random state (seed, run, the
     * automatic stream counter) is read or changed. So the same options give the same
     * requests, and a tool's --seed changes its own draws, not the demand.
     * \param rows the trace
     * \param opt options
     * \param scenario the scenario (nodes and catalogue set); its requests are replaced
     * \param file file name for errors
     */
    static void MakeRequests(const std::vector<AzureTraceRow>& rows,
                             const AzureTraceOptions& opt,
                             MecScenario& scenario,
                             const std::string& file);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_AZURE_TRACE_READER_H */
