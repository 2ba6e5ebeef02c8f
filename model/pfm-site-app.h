/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_SITE_APP_H
#define MEC_PFM_PFM_SITE_APP_H

#include "compute-queue.h"
#include "inference-request-header.h"
#include "inference-response-header.h"
#include "mec-pfm-application.h"
#include "mec-pfm-controller.h"
#include "message-channel.h"
#include "planning-problem.h"
#include "reported-site-state-view.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Common part of a serving site (cloudlet or data center): a TCP server of
 * inference requests, the home's decision hook (the MecPfmController's policy decides:
 * serve here, forward to the serving site, or reject), a forwarding proxy, and a
 * ComputeQueue whose service time is PlanningProblem::GetProcessingDelay.
 *
 * The home decides from the request header alone (id, home, task, accuracy floor, sizes,
 * tokens, send time): nothing is looked up in the scenario by request id.
 *
 * A request served here first waits for its model (WaitForModel: at once here, until
 * its blocks are stored at a CloudletApp), then for a server.
 *
 * State reports: with StateReportInterval T > 0 the site sends its SiteStateReport
 * (GetStateReport) every T, from time 0, in a UDP datagram (SiteStateHeader) to the
 * StateReportPort of every cloudlet but itself (the cloudlets are the homes, where requests
 * are decided) until StateReportStop, and hands every report it receives to its controller
 * (MecPfmController::ReportReceived). UDP because a report is only worth its newest copy: a
 * lost one is replaced T later, where TCP would deliver it late and hold newer ones behind it.
 */
class PfmSiteApp : public MecPfmApplication
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PfmSiteApp();
    ~PfmSiteApp() override;

    /// TracedCallback signature of RequestServed: the request as it finished.
    typedef void (*ServedCallback)(const InferenceMessage& msg);
    /// TracedCallback signature of RequestDecided: the request and its decision.
    typedef void (*DecidedCallback)(const InferenceMessage& msg, const RequestDecision& d);
    /// TracedCallback signature of StateReportSent and StateReportReceived: the report.
    typedef void (*StateReportCallback)(const SiteStateReport& report);

    /**
     * \param problem the problem: catalogue, processing times (shared, kept alive)
     * \param site this application's site index
     */
    void SetProblem(std::shared_ptr<const PlanningProblem> problem, uint32_t site);
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
    /**
     * \brief The site's node went down (a node_down fault; doc/mec-pfm.rst, "Faults"): every
     * request it holds (reading, waiting for its model or a server, in service, or forwarded
     * on behalf of its users) ends FAILED with reason NODE_DOWN at once: the controller tells
     * the clients (MecPfmController::RequestDropped, HomeDown), the network being down.
     */
    virtual void SetDown();
    /** \brief The site's node is back: it accepts requests again (state as SetDown left it). */
    virtual void SetUp();
    /** \return true between SetDown and SetUp */
    bool IsDown() const;
    /**
     * \brief The site's state now, as a report carries it (the base: queue and servers;
     * CloudletApp adds its blocks and pulls).
     * \return the report, stamped now
     */
    virtual SiteStateReport GetStateReport() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    /**
     * \brief Call ready once the model's blocks are all here (at once by default: the DC),
     * or failed if they cannot be (a block does not fit, or its pull failed).
     * \param model the model
     * \param ready the continuation
     * \param failed the continuation on failure, with the reason
     */
    virtual void WaitForModel(uint32_t model,
                              Callback<void> ready,
                              Callback<void, FailureReason> failed);
    /**
     * \brief A request served here left the site (answered, or failed before service).
     * \param model its model
     */
    virtual void RequestLeft(uint32_t model);

    std::shared_ptr<const PlanningProblem> m_problem; //!< problem
    uint32_t m_site;                                  //!< site index

  private:
    /// A request served here: waiting for its model, for a server, or in service.
    struct Job
    {
        InferenceMessage msg;      //!< the request
        Ptr<MessageChannel> reply; //!< where the response goes
    };

    /// A request forwarded to its serving site.
    struct Forwarded
    {
        InferenceMessage msg;        //!< the request
        InferenceMessage response;   //!< the serving site's response, once read
        Ptr<MessageChannel> channel; //!< connection to the serving site
        Ptr<MessageChannel> user;    //!< where the response is relayed
    };

    void HandleAccept(Ptr<Socket> s, const Address& from);
    uint64_t RequestHeader(Ptr<MessageChannel> ch, Ptr<Packet> header);
    void RequestReceived(Ptr<MessageChannel> ch);
    void ReaderClosed(Ptr<MessageChannel> ch);
    void OnRequest(InferenceMessage msg, Ptr<MessageChannel> reply);
    /**
     * \param msg a request header's fields
     * \return the request as the policy sees it (from the header alone)
     */
    InferenceRequest RequestOf(const InferenceMessage& msg) const;
    void ServeHere(InferenceMessage msg, Ptr<MessageChannel> reply);
    /**
     * \brief ModelReady of an application for the job under a number, as a bindable free
     * function.
     * \param app the application
     * \param id the job
     */
    static void ModelReadyOf(PfmSiteApp* app, uint64_t id);
    /**
     * \brief ModelFailed of an application for the job under a number (bindable).
     * \param app the application
     * \param id the job
     * \param reason why the model cannot be here
     */
    static void ModelFailedOf(PfmSiteApp* app, uint64_t id, FailureReason reason);
    void ModelReady(uint64_t id);
    void ModelFailed(uint64_t id, FailureReason reason);
    void JobStarted(uint64_t id);
    void JobFinished(uint64_t id);
    void Forward(InferenceMessage msg, Ptr<MessageChannel> user);
    void FwdConnected(Ptr<MessageChannel> ch);
    void FwdFailed(Ptr<MessageChannel> ch);
    uint64_t FwdHeader(Ptr<MessageChannel> ch, Ptr<Packet> header);
    void FwdReceived(Ptr<MessageChannel> ch);
    void Respond(const InferenceMessage& msg, Ptr<MessageChannel> reply);
    /** \brief Open the report socket and send the first report (StateReportInterval > 0). */
    void StartStateReports();
    /** \brief Send this site's report to every other cloudlet; schedule the next one. */
    void SendStateReport();
    /** \param s the report socket, with datagrams to read */
    void ReceiveStateReports(Ptr<Socket> s);

    uint16_t m_port;           //!< inference port
    bool m_rerouteNoRoom;      //!< RerouteOnNoRoom attribute
    uint32_t m_servers;        //!< g
    Ptr<Socket> m_listen;      //!< listening socket
    Ptr<ComputeQueue> m_queue; //!< the servers
    std::map<MessageChannel*, std::pair<Ptr<MessageChannel>, InferenceMessage>>
        m_reading;                                         //!< requests being read
    std::map<MessageChannel*, Forwarded> m_fwd;            //!< forwarded requests
    std::map<uint64_t, Job> m_jobs;                        //!< requests served here
    uint64_t m_nextJob;                                    //!< number of the next job
    bool m_down{false};                                    //!< between SetDown and SetUp
    std::vector<Ipv4Address> m_siteAddress;                //!< by site
    std::vector<std::string> m_tasks;                      //!< task names, by index
    Ptr<MecPfmController> m_controller;                    //!< controller
    TracedCallback<const InferenceMessage&> m_servedTrace; //!< RequestServed
    TracedCallback<const InferenceMessage&, const RequestDecision&>
        m_decidedTrace;                                          //!< RequestDecided
    TracedCallback<const InferenceMessage&> m_userResponseTrace; //!< UserResponseSent
    std::set<Ptr<MessageChannel>> m_userChannels; //!< connections of users homed here, open
    Time m_reportInterval;                        //!< StateReportInterval (0: no reports)
    Time m_reportStop;                            //!< StateReportStop (0: none)
    uint16_t m_reportPort;                        //!< StateReportPort
    bool m_reportOnChange;                        //!< StateReportOnChange
    Ptr<Socket> m_reportSocket;                   //!< sends and receives reports
    EventId m_reportEvent;                        //!< the next report
    SiteStateReport m_lastSent;                   //!< the last report sent
    bool m_sentOne{false};                        //!< a report was sent
    TracedCallback<const SiteStateReport&> m_reportSentTrace;     //!< StateReportSent
    TracedCallback<const SiteStateReport&> m_reportReceivedTrace; //!< StateReportReceived
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_SITE_APP_H */
