/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ONLINE_REPLAY_H
#define MEC_PFM_ONLINE_REPLAY_H

#include "admission-policy.h"
#include "context-features.h"
#include "online-record.h"
#include "planning-problem.h"
#include "site-state-view.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Knobs of an online run (both modes).
 */
struct OnlineConfig
{
    double slotS{300};               //!< slot length (prefetch and slot-replan boundaries)
    uint32_t neighbours{1000};       //!< other cloudlets per candidate among the arms
    bool allowReject{false};         //!< a rejection arm for every request
    double rejectPenaltyS{60};       //!< cost of a rejection
    double failPenaltyS{60};         //!< cost of a failure
    double accuracyWeightS{0};       //!< seconds one unit of accuracy is worth
    bool regret{true};               //!< compute the regret of every decision
    double stateReportS{0};          //!< packet mode: decide from state reports sent every this
                                     //!< many seconds (0: live reads; the replay has no reports)
    bool stateReportOnChange{false}; //!< packet mode: skip reports of an unchanged state
};

/**
 * \ingroup mec-pfm
 * \brief The replay mode of doc/online.rst: the online system without packets, an
 * event-driven environment fast enough for long regret runs.
 *
 * A request is decided when it reaches its home cloudlet (after its upload over the access
 * link). Moving it to another site takes GetOneWayDelay each way. At a cloudlet, the blocks
 * of its model that are missing are pulled: one pull at a time per cloudlet, each taking
 * bytes*8 / bw(dc, cloudlet) + lat(dc, cloudlet), blocks a waiting request needs before
 * prefetched ones. Before a pull starts, room is made by evicting the least recently used
 * blocks that no decided request needs, blocks outside the current prefetch placement first;
 * if there is no room the pull is refused and the requests waiting for the block are sent
 * on to the DC at once (GetOneWayDelay from the cloudlet), where they are served
 * (OnlineRecord::rerouted). Once
 * its model is complete a request joins the site's FCFS queue of g servers, whose service
 * time is PlanningProblem::GetProcessingDelay. The response takes the way back and the
 * download. The delay is response received - request sent; it is fed back to the policy at
 * that moment.
 *
 * The regret of a decision is the cost of the chosen arm minus the least cost of any arm,
 * both as predicted from the full state at the decision (the pull schedule, the servers'
 * commitments and the requests already decided for each site), taking no later request
 * into account.
 */
class OnlineReplay : public SiteStateView
{
  public:
    /**
     * \param problem the problem: network, catalogue and the requests to replay
     * \param config the knobs
     */
    OnlineReplay(const PlanningProblem& problem, const OnlineConfig& config);
    ~OnlineReplay() override;

    /**
     * \brief Replay every request of the problem's scenario through the policy.
     * \param policy the policy (Start() is called here)
     * \return one record per request, in arrival order
     */
    std::vector<OnlineRecord> Run(AdmissionPolicy& policy);
    /** \return bytes pulled */
    double GetPulledBytes() const;
    /** \return wall seconds spent in the policy's calls during Run() */
    double GetPolicyWallSeconds() const;
    /** \return integral over time of the bytes held at the cloudlets */
    double GetStorageByteSeconds() const;
    /**
     * \brief Called at every eviction (for tests and tracing).
     * \param cb (site, block, time)
     */
    void SetEvictionCallback(std::function<void(uint32_t, uint32_t, double)> cb);
    /**
     * \brief Called when a request's processing is scheduled (for tests and tracing).
     * \param cb (request index, site, model, start, finish)
     */
    void SetServiceCallback(std::function<void(uint32_t, uint32_t, uint32_t, double, double)> cb);
    /** \return the feature source of the run */
    const ContextFeatures& GetFeatures() const;

    double GetResidentBytes(uint32_t site, uint32_t model) const override;
    double GetPendingPullBytes(uint32_t site) const override;
    uint32_t GetPullsInFlight(uint32_t site) const override;
    uint32_t GetQueueLength(uint32_t site) const override;
    uint32_t GetBusyServers(uint32_t site) const override;

  private:
    /// Kinds of event.
    enum class EventType : uint8_t
    {
        SLOT,      //!< slot boundary
        DECIDE,    //!< a request reaches its home cloudlet
        ARRIVE,    //!< a request reaches its serving site
        PULL_DONE, //!< a site's pull completes
        FINISH,    //!< a request's processing ends
        RESPOND    //!< a request's response reaches its user
    };

    /// An event.
    struct Event
    {
        double t;       //!< time
        uint64_t seq;   //!< insertion order (ties)
        EventType type; //!< kind
        uint32_t index; //!< request, job, site or slot

        /// \param o another event \return true if this one comes later
        bool operator>(const Event& o) const
        {
            return t > o.t || (t == o.t && seq > o.seq);
        }
    };

    /// A request decided for a site.
    struct Job
    {
        uint32_t request{0};  //!< request index
        uint32_t site{0};     //!< serving site
        uint32_t model{0};    //!< serving model
        uint64_t decision{0}; //!< decision number
        double arrive{0};     //!< reaches the site
        bool arrived{false};  //!< has reached it
        bool entered{false};  //!< has joined the queue
        bool done{false};     //!< finished or failed
        double finish{0};     //!< processing ends
    };

    /// State of one site.
    struct Site
    {
        bool dc{false};                 //!< the data center
        double capacity{0};             //!< storage bytes
        double used{0};                 //!< bytes stored or being pulled
        std::vector<uint8_t> stored;    //!< per block
        std::vector<uint8_t> planned;   //!< per block: in the current placement
        std::vector<uint8_t> queued;    //!< per block: 0 no, 1 demand, 2 prefetch, 3 pulling
        std::vector<uint32_t> refs;     //!< per block: decided requests needing it
        std::vector<double> lastUse;    //!< per block: last use
        std::deque<uint32_t> demandQ;   //!< pulls a request waits for
        std::deque<uint32_t> prefetchQ; //!< prefetch pulls
        int64_t pulling{-1};            //!< block being pulled
        double pullDone{0};             //!< when it completes
        double pendingBytes{0};         //!< bytes queued or being pulled
        uint32_t pulls{0};              //!< pulls queued or under way
        std::vector<double> serverFree; //!< heap of the servers' free times
        uint32_t inSystem{0};           //!< requests queued or in service
        std::vector<uint32_t> waiting;  //!< jobs arrived, waiting for their model
        std::vector<uint32_t> pending;  //!< jobs decided, not yet in the queue
    };

    void Schedule(double t, EventType type, uint32_t index);
    void Handle(const Event& e, AdmissionPolicy& policy);
    void StartSlot(uint32_t k, AdmissionPolicy& policy);
    void Decide(uint32_t request, AdmissionPolicy& policy);
    void Dispatch(uint32_t request, const AdmissionArm& arm, uint64_t decision);
    void Arrive(uint32_t job);
    void Enter(uint32_t job);
    void Finish(uint32_t job);
    void Respond(uint32_t job, AdmissionPolicy& policy);
    void Reroute(uint32_t job);
    void PullDone(uint32_t site, AdmissionPolicy& policy);
    void StartNextPull(uint32_t site, AdmissionPolicy& policy);
    void Refuse(uint32_t site, uint32_t block, AdmissionPolicy& policy);
    bool MakeRoom(uint32_t site, double bytes);
    void QueuePulls(uint32_t site, uint32_t model, bool demand);
    void SetHeld(uint32_t site, const std::vector<uint32_t>& blocks);
    bool ModelStored(uint32_t site, uint32_t model) const;
    void Pin(uint32_t site, uint32_t model, int delta);
    void AccountStorage();
    double PullDuration(uint32_t site, uint32_t block) const;
    /**
     * \brief Regret of a decision: predicted cost of each arm.
     * \param request the request
     * \param arms its arms
     * \param costs set to the predicted cost of each arm
     */
    void PredictCosts(uint32_t request,
                      const std::vector<AdmissionArm>& arms,
                      std::vector<double>& costs) const;
    /**
     * \param site a cloudlet
     * \param model a model
     * \param arrive when the request asking for it reaches the site (its missing blocks are
     * queued then)
     * \return when the model would be complete there
     */
    double ProjectReady(uint32_t site, uint32_t model, double arrive) const;
    /**
     * \param site a site
     * \param ready when a new request could join its queue
     * \return when it would start service
     */
    double ProjectStart(uint32_t site, double ready) const;

    const PlanningProblem& m_problem;     //!< problem
    OnlineConfig m_config;                //!< knobs
    ContextFeatures m_features;           //!< feature source over this state
    std::vector<Site> m_sites;            //!< per site
    std::vector<Job> m_jobs;              //!< decided requests
    std::vector<OnlineRecord> m_records;  //!< per request
    std::vector<double> m_sent;           //!< per request: send time
    std::vector<InferenceRequest> m_seen; //!< decided in the current slot
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> m_events; //!< events
    uint64_t m_seq{0};             //!< events scheduled
    double m_now{0};               //!< current time
    double m_pulledBytes{0};       //!< bytes pulled
    double m_storedBytes{0};       //!< bytes stored at cloudlets now
    double m_storageIntegral{0};   //!< byte-seconds
    double m_lastStorageChange{0}; //!< time of the last change of m_storedBytes
    uint64_t m_decisions{0};       //!< decisions made
    double m_policyWall{0};        //!< wall seconds in the policy
    double m_lastArrival{0};       //!< last request's send time
    std::function<void(uint32_t, uint32_t, double)> m_evicted; //!< eviction callback
    std::function<void(uint32_t, uint32_t, uint32_t, double, double)> m_served; //!< service
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ONLINE_REPLAY_H */
