/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_STATS_COLLECTOR_H
#define MEC_PFM_MEC_PFM_STATS_COLLECTOR_H

#include "ns3/application-container.h"
#include "ns3/block-pull-client.h"
#include "ns3/cost-model.h"
#include "ns3/inference-client-app.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"

#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One request's outcome as the results files show it.
 */
struct MecPfmRequestResult
{
    uint32_t id{0};                                  //!< request id
    uint32_t home{0};                                //!< home node
    int64_t site{-1};                                //!< serving site (-1 if none)
    int64_t model{-1};                               //!< serving model (-1 if none)
    InferenceStatus status{InferenceStatus::FAILED}; //!< how it ended (failed if it did not)
    FailureReason reason{FailureReason::NONE};       //!< why it failed (NONE: not ended)
    double sendS{-1};                                //!< sent (-1: never sent)
    double recvS{-1};                                //!< response received (-1: none)
    double delayS{0};                                //!< end-to-end delay (completed only)
    double uploadS{0};                               //!< upload part
    double waitModelS{0};                            //!< wait-for-model part
    double queueS{0};                                //!< queueing part
    double processS{0};                              //!< processing part
    double downloadS{0};                             //!< download part
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
    double pulledBytes{0};         //!< bytes of completed pulls
    uint32_t pulls{0};             //!< pulls started
    double pullTimeS{0};           //!< sum over cloudlets of the last pull's completion time
    double avgAccuracy{0};         //!< sum of served accuracies / requests
    double cost{0};                //!< operating cost (CostModel) of what was served and pulled
    double plannedTotalDelayS{0};  //!< planner's TotalDelay (PlanEvaluator)
    double measuredTotalDelayS{0}; //!< measured: sum of delays of served + pull times
    double simS{0};                //!< simulated seconds
    double wallS{0};               //!< wall seconds of Simulator::Run
    uint64_t events{0};            //!< events executed
    // The conservation check (summary.json "conservation"; doc/mec-pfm.rst, "Faults").
    uint32_t ends{0};                    //!< RequestCompleted traces (each send ends once)
    uint32_t notEnded{0};                //!< requests without an end at the stop time
    bool requestsOk{true};               //!< requests = completed + rejected + failed = ends
    uint64_t arrivedBytes{0};            //!< payload bytes that arrived on pull connections
    uint64_t arrivedOfCompletedBytes{0}; //!< of these, on connections of completed pulls
    uint32_t pullResumes{0};             //!< pulls resumed on a new connection
    bool bytesOk{true};                  //!< pulledBytes = arrivedOfCompletedBytes <= arrived
    bool conservationOk{true};           //!< requestsOk and bytesOk
    std::string conservationError;       //!< what failed ("" if nothing)
};

/**
 * \ingroup mec-pfm
 * \brief Statistics of a packet-level run, gathered from the applications' trace sources
 * (requests sent and ended at the clients, each send told apart by its client and
 * sequence number; pulls started and completed, blocks stored and
 * evicted at the cloudlets): one result per request, a summary, and the results files
 * requests.csv and summary.json.
 *
 * Connect() it to the applications before Simulator::Run, call Finish() after it.
 */
class MecPfmStatsCollector : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    MecPfmStatsCollector();

    /**
     * \param problem the problem (its requests, catalogue and delay model)
     * \param plan the plan carried out (for its planned total delay)
     * \param algorithm the planner's name (reported)
     * \param costs the prices of the cost (CostModel::GetCost, as the planners')
     */
    void Setup(std::shared_ptr<const PlanningProblem> problem,
               const PlacementPlan& plan,
               const std::string& algorithm,
               const CostModel& costs = CostModel());
    /**
     * \brief An online policy decides, not the plan given to Setup: the run has no planned
     * total delay (summary.json's planned_total_delay_s is null).
     */
    void SetNoPlan();
    /**
     * \brief Connect to the trace sources of these applications: InferenceClientApps and
     * CloudletApps (others are skipped).
     * \param apps the applications
     */
    void Connect(ApplicationContainer apps);
    /**
     * \brief This rank's part of the results, as text, for MPI's gather: the rows of the
     * requests whose clients run here, the pull counters of the cloudlets here, the
     * conservation counters (request ends, bytes arrived on pull connections) and the
     * events executed. Numbers are written in hexadecimal floating point, so Merge gets
     * every bit back.
     * \param events events this rank executed
     * \return the text
     */
    std::string Pack(uint64_t events) const;
    /**
     * \brief Take in another rank's Pack: its rows replace the untouched ones here, its
     * cloudlets are added, its events counted (GetMergedEvents). Rows of repeated sends
     * are appended and then kept in the order of their send times.
     * \param packed a Pack of another rank
     * \return "" or why the text could not be read
     */
    std::string Merge(const std::string& packed);
    /** \return events of the ranks merged in (0 in a sequential run) */
    uint64_t GetMergedEvents() const;
    /**
     * \brief This rank's results were sent to another rank, which checks conservation on
     * the whole run: Finish skips the check here (its counts hold this rank's part only).
     */
    void SetGatheredElsewhere();
    /**
     * \brief Compute the results and the summary.
     * \param wallS wall seconds of Simulator::Run
     * \param events events executed
     */
    void Finish(double wallS, uint64_t events);
    /**
     * \return one result per scenario request, by id, then one per further send of a
     * request (Poisson arrivals cycling the list), in send order (after Finish)
     */
    const std::vector<MecPfmRequestResult>& GetResults() const;
    /** \return the summary (after Finish) */
    const MecPfmRunSummary& GetSummary() const;
    /**
     * \param path file to write requests.csv to
     * \return "" or why it could not be written
     */
    std::string WriteRequestsCsv(const std::string& path) const;
    /**
     * \param path file to write summary.json to
     * \return "" or why it could not be written
     */
    std::string WriteSummaryJson(const std::string& path) const;
    /** \param os where to print a human-readable table of the summary */
    void PrintTable(std::ostream& os) const;

  private:
    /// What the cloudlet traces told about one cloudlet.
    struct CloudletStats
    {
        uint32_t pullsStarted{0};  //!< pulls started
        double pulledBytes{0};     //!< bytes of completed pulls
        double lastPullS{0};       //!< completion time of the last pull
        std::set<uint32_t> stored; //!< blocks stored now
    };

    static void RequestSentOf(MecPfmStatsCollector* c, uint32_t client, const InferenceRecord& rec);
    static void RequestEndedOf(MecPfmStatsCollector* c,
                               uint32_t client,
                               const InferenceRecord& rec);
    static void PullStartedOf(MecPfmStatsCollector* c,
                              uint32_t site,
                              uint32_t block,
                              uint64_t bytes);
    static void PullCompletedOf(MecPfmStatsCollector* c,
                                uint32_t site,
                                uint32_t block,
                                uint64_t bytes,
                                Time duration);
    static void BlockStoredOf(MecPfmStatsCollector* c, uint32_t site, uint32_t block, double bytes);
    static void BlockEvictedOf(MecPfmStatsCollector* c,
                               uint32_t site,
                               uint32_t block,
                               double bytes);
    /** Count, average and take percentiles of the results. */
    /**
     * \brief Merge's reading of one cloudlet line.
     * \param in the rest of the line
     * \return false if it is malformed
     */
    bool MergeCloudlet(std::istream& in);
    void SummarizeRequests();
    /** Pulls, storage, cost and the total delays. */
    void SummarizePulls();
    /** The conservation check of requests and pulled bytes (MecPfmRunSummary). */
    void CheckConservation();

    std::shared_ptr<const PlanningProblem> m_problem;        //!< problem
    PlacementPlan m_plan;                                    //!< plan
    std::string m_algorithm;                                 //!< algorithm
    CostModel m_costs;                                       //!< prices
    std::vector<MecPfmRequestResult> m_results;              //!< by request id, then repeated sends
    std::map<std::pair<uint32_t, uint32_t>, size_t> m_rowOf; //!< (client, seq) -> result
    uint32_t m_clients{0};                                   //!< clients connected
    std::map<uint32_t, CloudletStats> m_cloudlets;           //!< by site
    std::vector<Ptr<BlockPullClient>> m_pullers;             //!< the cloudlets' pull clients
    uint32_t m_ends{0};                                      //!< RequestCompleted traces
    MecPfmRunSummary m_summary;                              //!< summary
    uint64_t m_mergedEvents{0};                              //!< events of merged ranks
    /// Conservation counters of merged ranks: ends, then bytes arrived, arrived of completed
    /// pulls, completed, and pull resumes (CheckConservation).
    uint64_t m_mergedCounts[5]{0, 0, 0, 0, 0};
    bool m_gatheredElsewhere{false}; //!< SetGatheredElsewhere
    bool m_hasPlan{true};            //!< false after SetNoPlan
    size_t m_base{0};                //!< rows before repeated sends
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_STATS_COLLECTOR_H */
