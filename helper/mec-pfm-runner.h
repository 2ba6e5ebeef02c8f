/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_RUNNER_H
#define MEC_PFM_MEC_PFM_RUNNER_H

#include "mec-network-helper.h"
#include "mec-pfm-stats-collector.h"

#include "ns3/admission-policy.h"
#include "ns3/callback.h"
#include "ns3/inference-client-app.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"

#include <memory>
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
 * \brief The run driver: builds the network of a scenario (MecNetworkHelper), installs the
 * applications (MecPfmAppHelper) with a plan, runs, and writes the results.
 */
class MecPfmRunner
{
  public:
    /**
     * \param problem the problem (shared with the applications)
     * \param plan the plan to carry out
     * \param algorithm the planner's name (reported)
     */
    MecPfmRunner(std::shared_ptr<const PlanningProblem> problem,
                 PlacementPlan plan,
                 std::string algorithm);
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
    /** \return the statistics collector of the last Run */
    Ptr<MecPfmStatsCollector> GetCollector() const;

  private:
    std::shared_ptr<const PlanningProblem> m_problem; //!< problem
    PlacementPlan m_plan;                             //!< plan
    std::string m_algorithm;                          //!< algorithm
    Ptr<MecPfmStatsCollector> m_collector;            //!< statistics
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_RUNNER_H */
