/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_CLIENT_APP_H
#define MEC_PFM_INFERENCE_CLIENT_APP_H

#include "inference-request-header.h"
#include "inference-response-header.h"
#include "mec-pfm-application.h"
#include "mec-scenario.h"
#include "message-channel.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What a client recorded about one request.
 */
struct InferenceRecord
{
    InferenceMessage msg;                            //!< the response's fields
    uint32_t home{0};                                //!< home node
    InferenceStatus status{InferenceStatus::FAILED}; //!< how it ended
    FailureReason reason{FailureReason::NONE};       //!< why it failed (status FAILED)
    Time received;                                   //!< response fully received
    bool ended{false};                               //!< ended (any status)
};

/**
 * \ingroup mec-pfm
 * \brief A user: sends inference requests (the scenario's list at their arrival times, or
 * Poisson arrivals) to its home cloudlet over TCP, each on its own connection, with its
 * payload; receives the response and records the delay and its parts. A request with no
 * response within Timeout (reason TIMEOUT), or whose connection fails (CONNECT_FAILED),
 * ends FAILED; a FAILED response carries its own reason.
 */
class InferenceClientApp : public MecPfmApplication
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    InferenceClientApp();
    ~InferenceClientApp() override;

    /// TracedCallback signature of RequestSent and RequestCompleted: a send's record.
    typedef void (*RecordCallback)(const InferenceRecord& record);

    /**
     * \param requests requests to send at their arrivalS (relative to the app's start)
     * \param tasks the catalogue's tasks (ModelCatalogue::GetTasks): a request's task
     *        travels as its index in this list
     */
    void SetRequests(const std::vector<InferenceRequest>& requests,
                     const std::vector<std::string>& tasks);
    /** \param addr the home cloudlet's address reachable from this client */
    void SetRemote(Ipv4Address addr);
    /**
     * \brief The user moved: its next requests go to this home (the header's home, from
     * which the home cloudlet decides, and the address they are sent to) instead of the
     * request list's home. Requests already sent stay with their connection.
     * \param home the scenario node of the new home cloudlet
     * \param addr its address as this client reaches it
     */
    void SetHome(uint32_t home, Ipv4Address addr);
    /** \return the sequence numbers of the requests sent and not ended yet */
    std::vector<uint32_t> GetOpenSeqs() const;
    /**
     * \return the record of every send, by sequence number (msg.seq; one request of the
     * list is sent several times when Poisson arrivals cycle it)
     */
    const std::map<uint32_t, InferenceRecord>& GetRecords() const;
    /**
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);
    /**
     * \brief End an open send FAILED now (the site holding it went down).
     * \param requestId the request
     * \param seq the send's number
     * \param reason why
     * \return true if the send was open here (it ends now), false otherwise
     */
    bool Abandon(uint32_t requestId, uint32_t seq, FailureReason reason);
    /**
     * \brief End every open send to this home FAILED now (the home went down).
     * \param home the home's node
     * \param reason why
     * \return the sends ended
     */
    uint32_t AbandonHome(uint32_t home, FailureReason reason);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /// An open request.
    struct Open
    {
        uint32_t seq{0};             //!< the send (sequence number)
        Ptr<MessageChannel> channel; //!< its connection
        InferenceMessage response;   //!< the response header, once read
        EventId timeout;             //!< timeout
    };

    void Send(uint32_t idx);
    void SchedulePoisson();
    /// Send the next Poisson request and schedule the one after.
    void SendPoisson();
    void Connected(Ptr<MessageChannel> ch);
    void ConnectFailed(Ptr<MessageChannel> ch);
    /** \param ch a connection the home closed or broke before its response was in */
    void ConnectionLost(Ptr<MessageChannel> ch);
    uint64_t ResponseHeader(Ptr<MessageChannel> ch, Ptr<Packet> header);
    void ResponseReceived(Ptr<MessageChannel> ch);
    /** \param ch the connection of a request without response in time */
    void Timeout(MessageChannel* ch);
    /**
     * \param ch the request's connection
     * \param status how it ended
     * \param reason why it failed (status FAILED)
     */
    void End(MessageChannel* ch, InferenceStatus status, FailureReason reason);

    std::vector<InferenceRequest> m_requests;                //!< what to send
    std::vector<uint32_t> m_taskIndex;                       //!< task index of each request
    uint32_t m_nextSeq;                                      //!< number of the next send
    Ipv4Address m_remote;                                    //!< home cloudlet
    bool m_homeSet;                                          //!< SetHome was called
    uint32_t m_home;                                         //!< home node of SetHome
    uint16_t m_port;                                         //!< port
    Time m_timeout;                                          //!< per-request timeout
    double m_poissonRate;                                    //!< > 0: Poisson arrivals (per second)
    uint32_t m_poissonCount;                                 //!< Poisson requests to send
    uint32_t m_poissonSent;                                  //!< Poisson requests sent
    Ptr<ExponentialRandomVariable> m_gap;                    //!< Poisson gaps
    std::map<MessageChannel*, Open> m_open;                  //!< open requests
    std::map<uint32_t, InferenceRecord> m_records;           //!< records, by sequence number
    std::vector<EventId> m_sendEvents;                       //!< scheduled sends
    TracedCallback<const InferenceRecord&> m_sentTrace;      //!< RequestSent
    TracedCallback<const InferenceRecord&> m_completedTrace; //!< RequestCompleted
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_INFERENCE_CLIENT_APP_H */
