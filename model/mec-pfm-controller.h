/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_CONTROLLER_H
#define MEC_PFM_MEC_PFM_CONTROLLER_H

#include "admission-policy.h"
#include "context-features.h"
#include "inference-client-app.h"
#include "online-record.h"
#include "placement-plan.h"
#include "reported-site-state-view.h"
#include "site-state-view.h"

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace ns3
{
namespace mecpfm
{

class PfmSiteApp;

/**
 * \ingroup mec-pfm
 * \brief The controller of the packet-level simulation: asks the AdmissionPolicy for each
 * request's arm (home cloudlets call it; it never plans by itself), gives the policy the
 * live state of the sites (it is the SiteStateView of ContextFeatures), feeds back the
 * delays the clients measure (ConnectClient), and at every slot boundary lets the policy
 * place blocks (SlotLength). It keeps one OnlineRecord per decision for the online
 * outputs; its regret estimate is the analytical delay of ContextFeatures
 * (GetAnalyticalDelay) of the arm chosen minus the least over the arms.
 *
 * What a decision reads of the sites is chosen by StateView: "live" (the default) reads
 * every site's state through its application at the instant of the decision; "reports"
 * reads the home's own state live and every other site's from the last SiteStateReport
 * that reached the home in a packet (PfmSiteApp's StateReportInterval; ReportReceived), so
 * that no decision needs a pointer to a remote site and a distributed run decides by the
 * same mechanism as a sequential one (doc/mpi.rst, "Decisions and state across ranks").
 */
class MecPfmController : public Object, public SiteStateView
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    MecPfmController();
    ~MecPfmController() override;

    /// Where a decision reads the state of the sites (the StateView attribute).
    enum StateViewMode
    {
        LIVE,   //!< every site through its application, at the decision
        REPORTS //!< the home live, the others from the last report the home received
    };

    /** \param problem the problem (shared with the applications) */
    void SetProblem(std::shared_ptr<const PlanningProblem> problem);
    /** \param policy the policy deciding per request */
    void SetPolicy(Ptr<AdmissionPolicy> policy);
    /** \return the policy */
    Ptr<AdmissionPolicy> GetPolicy() const;
    /**
     * \param site site index
     * \param app the application serving it
     */
    void AddSite(uint32_t site, Ptr<PfmSiteApp> app);
    /**
     * \brief Start the policy (AdmissionPolicy::Start) and schedule the slot boundaries.
     * Call before Simulator::Run, after AddSite.
     */
    void Start();
    /**
     * \brief The arm of one request.
     * \param r the request, as its header describes it
     * \param seq the client's number of this send (with r.id it names the send)
     * \return the decision
     */
    RequestDecision Decide(const InferenceRequest& r, uint32_t seq);
    /**
     * \brief Feed the delays a client measures back to the policy (connects to its
     * RequestCompleted trace source).
     * \param client the client application
     */
    void ConnectClient(Ptr<InferenceClientApp> client);
    /**
     * \brief A site that went down held this request (a node_down fault): its client ends
     * it FAILED with the reason now. The model tells the client directly, as the network
     * that would carry the news is down; the client would otherwise wait for its timeout.
     * \param msg the request as the site held it (request id and the client's seq)
     * \param reason why
     */
    void RequestDropped(const InferenceMessage& msg, FailureReason reason);
    /**
     * \brief A home went down: every open request of its users ends FAILED with the reason.
     * \param home the home's node
     * \param reason why
     */
    void HomeDown(uint32_t home, FailureReason reason);
    /**
     * \brief A site of this controller received a state report (PfmSiteApp): it goes into
     * that site's ReportedSiteStateView, which its decisions read under StateView "reports".
     * \param atSite the receiving site (a decision maker: a home cloudlet)
     * \param report the report
     */
    void ReportReceived(uint32_t atSite, const SiteStateReport& report);
    /**
     * \param home a home site
     * \return what the home knows of the other sites from their reports (nullptr if it
     *         received none yet)
     */
    const ReportedSiteStateView* GetReportedView(uint32_t home) const;
    /** \return the StateView attribute */
    StateViewMode GetStateViewMode() const;
    /**
     * \brief The staleness of the reports the decisions read (StateView "reports"): at each
     * decision, the age of the home's last report of every other site (the time since the
     * run's start for a site not heard from yet).
     * \param meanS mean age over decisions and sites, seconds (0 without reports)
     * \param maxS largest age, seconds
     * \param count if not null, the number of ages the mean is over (to merge ranks' means)
     */
    void GetReportAge(double& meanS, double& maxS, uint64_t* count = nullptr) const;
    /** \return one record per decision, in decision order */
    const std::vector<OnlineRecord>& GetRecords() const;
    /** \return wall seconds spent in the policy (Start, Decide, Feedback, PlanSlot) */
    double GetPolicyWallSeconds() const;
    /** \return the feature source of the decisions */
    const ContextFeatures& GetFeatures() const;

    double GetResidentBytes(uint32_t site, uint32_t model) const override;
    double GetPendingPullBytes(uint32_t site) const override;
    uint32_t GetPullsInFlight(uint32_t site) const override;
    uint32_t GetQueueLength(uint32_t site) const override;
    uint32_t GetBusyServers(uint32_t site) const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \param site a site
     * \param home the deciding home
     * \param now the decision's time
     */
    void RecordReportAge(uint32_t home, Time now);
    /**
     * \param site a site
     * \return the view a decision reads the site from if it is not a live read (StateView
     *         "reports", during a decision, a site other than the deciding home), else nullptr
     */
    const SiteStateView* ReportedFor(uint32_t site) const;
    /**
     * \param k the slot starting now
     */
    void StartSlot(uint32_t k);
    /**
     * \param record a client's record of a request that ended
     */
    void RequestEnded(const InferenceRecord& record);
    /**
     * \param query the decision
     * \param chosen the arm chosen
     * \return the regret estimate
     */
    double EstimateRegret(const AdmissionQuery& query, uint32_t chosen) const;

    std::shared_ptr<const PlanningProblem> m_problem;         //!< problem
    std::unique_ptr<ContextFeatures> m_features;              //!< feature source over this state
    Ptr<AdmissionPolicy> m_policy;                            //!< policy
    std::map<uint32_t, Ptr<PfmSiteApp>> m_sites;              //!< sites
    uint32_t m_neighbours;                                    //!< other cloudlets per candidate
    bool m_allowReject;                                       //!< rejection arm for every request
    double m_rejectPenalty;                                   //!< seconds
    double m_failPenalty;                                     //!< seconds
    double m_accuracyWeight;                                  //!< seconds per unit of accuracy
    Time m_slot;                                              //!< slot length (0: no slots)
    uint64_t m_decisions{0};                                  //!< decisions made
    double m_policyWall{0};                                   //!< wall seconds in the policy
    std::vector<OnlineRecord> m_records;                      //!< per decision
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_open; //!< (request, seq) -> decision
    std::vector<InferenceRequest> m_seen;                     //!< decided in this slot
    std::vector<Ptr<InferenceClientApp>> m_clients;           //!< connected clients
    StateViewMode m_stateView{LIVE};                          //!< StateView attribute
    std::map<uint32_t, ReportedSiteStateView> m_reported;     //!< by receiving (home) site
    int64_t m_deciding{-1}; //!< home site of the decision under way (-1: none)
    double m_ageSum{0};     //!< sum of report ages read, seconds
    double m_ageMax{0};     //!< largest report age read, seconds
    uint64_t m_ageCount{0}; //!< report ages summed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_CONTROLLER_H */
