/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_RUNNER_H
#define MEC_PFM_MEC_PFM_RUNNER_H

#include "mec-network-helper.h"

#include "ns3/admission-policy.h"
#include "ns3/callback.h"
#include "ns3/inference-client-app.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Knobs of one packet-level run.
 */
struct MecPfmRunConfig
{
    std::string outDir;             //!< "" = write nothing; else requests.csv, summary.json...
    bool pcap{false};               //!< pcap of every backhaul device under outDir
    bool flowmon{false};            //!< FlowMonitor XML under outDir
    uint32_t mtu{65000};            //!< backhaul MTU (1500 for realistic packets)
    uint32_t segmentSize{64000};    //!< TCP segment size (1448 with MTU 1500)
    uint32_t maxConcurrentPulls{2}; //!< per cloudlet
    double timeoutS{3600};          //!< per-request timeout (then FAILED)
    double stopS{0};                //!< stop time; 0 = last arrival + timeout + 1
    uint32_t usersPerHome{1};       //!< user nodes per home cloudlet (requests round-robin)
    Ptr<AccessNetwork> access;      //!< null = PointToPointAccessNetwork at the scenario rates
    Ptr<AdmissionPolicy> policy;    //!< null = replay the plan's decisions
    Callback<void> beforeRun;       //!< called after set-up, before Simulator::Run (connect traces)
};

/**
 * \ingroup mec-pfm
 * \brief One request's outcome as the results files show it.
 */
struct MecPfmRequestResult
{
    uint32_t id{0};               //!< request id
    uint32_t home{0};             //!< home node
    int64_t site{-1};             //!< serving site (-1 if none)
    int64_t model{-1};            //!< serving model (-1 if none)
    std::string status{"failed"}; //!< completed / rejected / failed
    double sendS{-1};             //!< sent (-1: never sent)
    double recvS{-1};             //!< response received (-1: none)
    double delayS{0};             //!< end-to-end delay (completed only)
    double uploadS{0};            //!< upload part
    double waitModelS{0};         //!< wait-for-model part
    double queueS{0};             //!< queueing part
    double processS{0};           //!< processing part
    double downloadS{0};          //!< download part
};

/**
 * \ingroup mec-pfm
 * \brief Totals of a run.
 */
struct MecPfmRunSummary
{
    uint32_t requests{0};          //!< requests in the scenario
    uint32_t completed{0};         //!< completed
    uint32_t rejected{0};          //!< rejected
    uint32_t failed{0};            //!< failed (incl. never answered)
    double meanDelayS{0};          //!< mean delay of completed
    double p50DelayS{0};           //!< median
    double p95DelayS{0};           //!< 95th percentile
    double p99DelayS{0};           //!< 99th percentile
    double meanParts[5]{};         //!< mean upload, wait, queue, process, download
    double pulledBytes{0};         //!< bytes received by pulls
    uint32_t pulls{0};             //!< pulls started
    double pullTimeS{0};           //!< sum over cloudlets of the last pull's completion time
    double avgAccuracy{0};         //!< sum of served accuracies / requests
    double cost{0};                //!< operating cost (CostModel) of what was served and pulled
    double plannedTotalDelayS{0};  //!< planner's TotalDelay (PlanEvaluator)
    double measuredTotalDelayS{0}; //!< measured: sum of delays of served + pull times
    double simS{0};                //!< simulated seconds
    double wallS{0};               //!< wall seconds of Simulator::Run
    uint64_t events{0};            //!< events executed
};

/**
 * \ingroup mec-pfm
 * \brief The run driver: builds the network of a scenario (MecNetworkHelper), installs the
 * applications (MecPfmAppHelper) with a plan, runs, and writes the results.
 */
class MecPfmRunner
{
  public:
    /**
     * \param problem the problem (outlives the runner)
     * \param plan the plan to carry out
     * \param algorithm the planner's name (reported)
     */
    MecPfmRunner(const PlanningProblem& problem, PlacementPlan plan, std::string algorithm);
    /**
     * \brief Build, run and (if cfg.outDir) write results. Calls Simulator::Destroy.
     * \param cfg the knobs
     * \return the summary
     * \throws ScenarioError if cfg.usersPerHome is 0
     */
    MecPfmRunSummary Run(const MecPfmRunConfig& cfg);
    /**
     * \brief The send buffer of pull connections: twice the largest bandwidth-delay product
     * of a path from the DC to a cloudlet, within [1 MiB, 256 MiB]. Pull receive buffers
     * are twice this plus four segments (doc/mec-pfm.rst, Helpers).
     * \param problem the problem
     * \return bytes
     */
    static uint32_t GetPullSendBuffer(const PlanningProblem& problem);
    /**
     * \brief The receive buffer of pull connections: twice the send buffer plus four
     * segments, so that the receive window never limits a pull (ns-3 issue #991).
     * \param problem the problem
     * \param segmentSize TCP segment size, bytes
     * \return bytes
     */
    static uint32_t GetPullReceiveBuffer(const PlanningProblem& problem, uint32_t segmentSize);
    /** \return one result per scenario request, by id */
    const std::vector<MecPfmRequestResult>& GetResults() const;
    /**
     * \param os where to print a human-readable table of the summary
     */
    void PrintTable(std::ostream& os) const;
    /**
     * \param path file to write requests.csv to
     * \throws ScenarioError if it cannot be written
     */
    void WriteRequestsCsv(const std::string& path) const;
    /**
     * \param path file to write summary.json to
     * \throws ScenarioError if it cannot be written
     */
    void WriteSummaryJson(const std::string& path) const;

  private:
    const PlanningProblem& m_problem;           //!< problem
    PlacementPlan m_plan;                       //!< plan
    std::string m_algorithm;                    //!< algorithm
    std::vector<MecPfmRequestResult> m_results; //!< results
    MecPfmRunSummary m_summary;                 //!< summary
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_RUNNER_H */
