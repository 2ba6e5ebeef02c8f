/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_SITE_APP_H
#define MEC_PFM_PFM_SITE_APP_H

#include "admission-policy.h"
#include "inference-header.h"
#include "pfm-stream.h"
#include "placement-plan.h"
#include "planning-problem.h"
#include "site-state-view.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

class PfmSiteApp;

/**
 * \ingroup mec-pfm
 * \brief The controller: asks the AdmissionPolicy for a decision per request, giving it the
 * live state of all sites. Home cloudlets call it; it never plans by itself.
 */
class MecPfmController : public Object, public SiteStateView
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /** \param problem the problem (outlives the controller) */
    void SetProblem(const PlanningProblem* problem);
    double GetResidentBytes(uint32_t site, uint32_t model) const override;
    double GetPendingPullBytes(uint32_t site) const override;
    uint32_t GetPullsInFlight(uint32_t site) const override;
    uint32_t GetQueueLength(uint32_t site) const override;
    uint32_t GetBusyServers(uint32_t site) const override;
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
     * \param r the request
     * \return the policy's decision
     */
    RequestDecision Decide(const InferenceRequest& r);

  protected:
    void DoDispose() override;

  private:
    Ptr<AdmissionPolicy> m_policy;               //!< policy
    const PlanningProblem* m_problem{nullptr};   //!< problem
    bool m_started{false};                       //!< policy started
    uint64_t m_decisions{0};                     //!< decisions made
    std::map<uint32_t, Ptr<PfmSiteApp>> m_sites; //!< sites
};

/**
 * \ingroup mec-pfm
 * \brief Common part of a serving site (cloudlet or data center): receives inference
 * requests over TCP, carries out the controller's decision (serve here, forward, reject),
 * and runs a FIFO compute queue with g servers whose service time is
 * PlanningProblem::GetProcessingDelay.
 */
class PfmSiteApp : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PfmSiteApp();
    ~PfmSiteApp() override;

    /**
     * \param problem the problem (outlives the simulation run)
     * \param site this application's site index
     */
    void SetProblem(const PlanningProblem* problem, uint32_t site);
    /** \param addresses the address of every site, by site index */
    void SetSiteAddresses(const std::vector<Ipv4Address>& addresses);
    /** \param controller the controller asked for decisions */
    void SetController(Ptr<MecPfmController> controller);
    /** \return this site's index */
    uint32_t GetSite() const;
    /** \return requests waiting for a server or in service */
    uint32_t GetQueueLength() const;
    /** \return busy servers */
    uint32_t GetBusyServers() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    /**
     * \brief Call done once the model's blocks are all here (at once by default: the DC).
     * \param model the model
     * \param done the continuation
     */
    virtual void WaitForModel(uint32_t model, Callback<void> done);

    const PlanningProblem* m_problem; //!< problem
    uint32_t m_site;                  //!< site index

  private:
    /// Per-connection receive state.
    struct Conn
    {
        PfmStreamReader reader;     //!< reader
        InferenceRequestHeader hdr; //!< header once read
        bool headerDone{false};     //!< header parsed
    };

    /// A forwarded request waiting for the serving site's response.
    struct FwdConn
    {
        PfmStreamReader reader;      //!< reader of the response
        InferenceResponseHeader hdr; //!< response header once read
        bool headerDone{false};      //!< header parsed
        InferenceMessage msg;        //!< the request
        Ptr<Socket> user;            //!< where the response is relayed
    };

    /// A request waiting for a server.
    struct Job
    {
        InferenceMessage msg; //!< request
        Ptr<Socket> reply;    //!< where the response goes
    };

    void HandleAccept(Ptr<Socket> s, const Address& from);
    void HandleRead(Ptr<Socket> s);
    void HandlePeerClose(Ptr<Socket> s);
    void OnRequest(InferenceMessage msg, Ptr<Socket> reply);
    void ServeHere(InferenceMessage msg, Ptr<Socket> reply);
    void ModelReady(InferenceMessage msg, Ptr<Socket> reply);
    /**
     * \brief ModelReady of an application for the request waiting under a number, as a
     * bindable free function.
     * \param app the application
     * \param id the number in m_waiting
     */
    static void ModelReadyOf(PfmSiteApp* app, uint64_t id);
    void TryStart();
    void Finish(Job job);
    void Forward(InferenceMessage msg, Ptr<Socket> reply);
    void Respond(const InferenceMessage& msg, Ptr<Socket> reply);
    void FwdConnected(Ptr<Socket> s);
    void FwdFailed(Ptr<Socket> s);
    void FwdRead(Ptr<Socket> s);

    uint16_t m_port;                        //!< inference port
    Ptr<Socket> m_listen;                   //!< listening socket
    std::map<Ptr<Socket>, Conn> m_conns;    //!< receive states
    std::map<Ptr<Socket>, FwdConn> m_fwd;   //!< forwarded requests
    std::vector<Ipv4Address> m_siteAddress; //!< by site
    Ptr<MecPfmController> m_controller;     //!< controller
    uint32_t m_servers;                     //!< g
    uint32_t m_busy;                        //!< busy servers
    std::deque<Job> m_queue;                //!< waiting for a server
    std::map<uint64_t, Job> m_waiting;      //!< served here, waiting for their model
    uint64_t m_nextWaiting{0};              //!< number of the next request in m_waiting
    TracedCallback<const InferenceMessage&> m_servedTrace; //!< RequestServed
    TracedCallback<const InferenceMessage&, const RequestDecision&>
        m_decidedTrace; //!< RequestDecided
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_SITE_APP_H */
