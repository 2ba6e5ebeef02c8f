/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_RUNNER_H
#define MEC_PFM_MEC_PFM_RUNNER_H

#include "mec-fault-injector.h"
#include "mec-network-helper.h"
#include "mec-pfm-app-helper.h"
#include "mec-pfm-stats-collector.h"

#include "ns3/admission-policy.h"
#include "ns3/application-container.h"
#include "ns3/callback.h"
#include "ns3/placement-plan.h"
#include "ns3/planning-problem.h"

#include <map>
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
    std::string outDir;          //!< "" = write nothing; else requests.csv, summary.json...
    bool pcap{false};            //!< pcap of every backhaul device under outDir
    bool flowmon{false};         //!< FlowMonitor XML under outDir
    uint32_t mtu{65000};         //!< backhaul MTU (1500 for realistic packets)
    uint32_t segmentSize{64000}; //!< TCP segment size of the module's sockets (1448 with MTU 1500)
    uint32_t maxConcurrentPulls{2}; //!< per cloudlet
    double timeoutS{3600};          //!< per-request timeout (then FAILED)
    double stopS{0};                //!< stop time; 0 = last arrival + timeout + 1
    double pullStallS{60};          //!< with faults only: a pull without progress this long resumes
    uint32_t usersPerHome{1};       //!< user nodes per home cloudlet (requests round-robin)
    int64_t stream{0};              //!< first random stream of the applications
    CostModel costs;                //!< prices of the reported cost
    Ptr<AccessNetwork> access;      //!< null = PointToPointAccessNetwork at the scenario rates
    Ptr<AdmissionPolicy> policy;    //!< null = replay the plan (blocks and decisions); else
                                    //!< this online policy decides and places blocks
    Callback<void> beforeRun;       //!< called after set-up, before Simulator::Run (connect traces)
    /// with a policy: > 0 makes its decisions read the other sites from state reports sent
    /// every this many seconds (MecPfmAppHelper::SetStateReports); 0: live reads
    double stateReportS{0};
    bool stateReportOnChange{false}; //!< skip reports whose state did not change
    /// the sites stop reporting this long after the last arrival (a decision comes after
    /// its request's upload, milliseconds on the scenarios' access links; one later than
    /// this reads the last reports sent)
    double stateReportTailS{10};
    /// MPI rank of each scenario node (BackhaulPartitioner; a cloudlet's users go with it);
    /// empty: a sequential run
    std::vector<uint32_t> rankOf;
    /// under MPI: called on every rank after Simulator::Run with this rank's collector and
    /// its events, to bring the other ranks' results to rank 0 (MecPfmStatsCollector::Pack,
    /// Merge) before the summary is made; null in a sequential run
    Callback<void, Ptr<MecPfmStatsCollector>, uint64_t> gather;
};

/**
 * \ingroup mec-pfm
 * \brief A user's home cloudlet changed during a run (AccessNetwork's HomeChanged: a
 * handover), and the requests it had in flight then.
 */
struct MecPfmHomeChange
{
    double timeS{0};                   //!< when
    Ptr<InferenceClientApp> client;    //!< the user's client
    uint32_t from{0};                  //!< old home node
    uint32_t to{0};                    //!< new home node
    std::vector<uint32_t> inFlightSeq; //!< sends of the client open then (sequence numbers)
};

/**
 * \ingroup mec-pfm
 * \brief The run driver: builds the network of a scenario (MecNetworkHelper), installs the
 * applications (MecPfmAppHelper) with a plan, connects a MecPfmStatsCollector, runs, and
 * writes the results.
 *
 * It leaves ns-3's defaults alone (the TCP settings go to the module's own sockets through
 * the applications' attributes) and the simulator to its caller: call
 * Simulator::Destroy() once done with the run (the results stay readable).
 *
 * When the access network reports that a user changed home (AccessNetwork's HomeChanged),
 * the runner sends the user's next requests there (InferenceClientApp::SetHome) and
 * records the change with the requests then in flight (GetHomeChanges).
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
     * \brief Check a configuration before anything is built.
     * \param cfg the knobs
     * \return "" if it can be run, else "field: reason" (a MecPfmRunConfig field)
     */
    static std::string CheckConfig(const MecPfmRunConfig& cfg);
    /**
     * \brief Build, run and (if cfg.outDir) write the results.
     * \param cfg the knobs
     * \return false if the configuration is bad (nothing was built) or the results could
     *         not be written; GetError() says why
     */
    bool Run(const MecPfmRunConfig& cfg);
    /** \return why the last Run returned false ("" if it did not) */
    const std::string& GetError() const;
    /** \return the summary of the last Run */
    const MecPfmRunSummary& GetSummary() const;
    /** \return the results of the last Run, one per request (MecPfmStatsCollector) */
    const std::vector<MecPfmRequestResult>& GetResults() const;
    /** \return the controller of the last Run (its decisions and the policy) */
    Ptr<MecPfmController> GetController() const;
    /** \return the statistics collector of the last Run */
    Ptr<MecPfmStatsCollector> GetCollector() const;
    /** \param os where to print a human-readable table of the summary */
    void PrintTable(std::ostream& os) const;
    /** \return the site applications of the last Run (repository first, then cloudlets) */
    ApplicationContainer GetSiteApps() const;
    /** \return the clients of the last Run */
    ApplicationContainer GetClientApps() const;
    /** \return the home changes of the last Run, in time order */
    const std::vector<MecPfmHomeChange>& GetHomeChanges() const;
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

  private:
    /**
     * \param cfg the knobs
     * \param net builds the backhaul
     * \return the applications of the sites (repository first, then cloudlets)
     */
    ApplicationContainer InstallSites(const MecPfmRunConfig& cfg, MecNetworkHelper& net);
    /**
     * \brief Create the user nodes, attach them to their home cloudlets, install clients.
     * \param cfg the knobs
     * \param backhaul the backhaul nodes
     * \return the clients
     */
    ApplicationContainer InstallUsers(const MecPfmRunConfig& cfg, NodeContainer backhaul);
    /**
     * \brief Schedule the scenario's faults (if any) on the network of this run.
     * \param net the network
     */
    void InstallFaults(MecNetworkHelper& net);
    /**
     * \brief Run the simulator until the stop time, and collect; print a violation of the
     * conservation check (MecPfmRunSummary::conservationOk) to stderr.
     * \param cfg the knobs
     */
    void Simulate(const MecPfmRunConfig& cfg);
    /**
     * \brief Write requests.csv, summary.json (and flowmon.xml) under cfg.outDir.
     * \param cfg the knobs
     * \return false (m_error) if a file could not be written
     */
    bool WriteOutputs(const MecPfmRunConfig& cfg);
    /**
     * \brief AccessNetwork's HomeChanged: the user's next requests go to the new home.
     * \param user the user node
     * \param cloudlet its new home cloudlet node
     * \param address the new home's address as the user reaches it
     */
    void HomeChanged(Ptr<Node> user, Ptr<Node> cloudlet, Ipv4Address address);

    std::shared_ptr<const PlanningProblem> m_problem;       //!< problem
    PlacementPlan m_plan;                                   //!< plan
    std::string m_algorithm;                                //!< algorithm
    std::unique_ptr<MecPfmAppHelper> m_apps;                //!< applications of the last Run
    Ptr<MecPfmStatsCollector> m_collector;                  //!< statistics of the last Run
    Ptr<MecFaultInjector> m_faults;                         //!< faults of the last Run (or null)
    std::string m_error;                                    //!< why the last Run failed
    ApplicationContainer m_sites;                           //!< site applications of the last Run
    ApplicationContainer m_clients;                         //!< clients of the last Run
    std::map<uint32_t, Ptr<InferenceClientApp>> m_clientOf; //!< by user node id
    std::map<uint32_t, uint32_t> m_homeOf;                  //!< home node, by user node id
    std::map<uint32_t, uint32_t> m_scenarioNode;            //!< by backhaul node id
    std::vector<MecPfmHomeChange> m_homeChanges;            //!< of the last Run
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_RUNNER_H */
