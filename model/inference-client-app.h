/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_CLIENT_APP_H
#define MEC_PFM_INFERENCE_CLIENT_APP_H

#include "inference-header.h"
#include "mec-scenario.h"
#include "pfm-stream.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
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
    Time received;                                   //!< response fully received
    bool ended{false};                               //!< ended (any status)
};

/**
 * \ingroup mec-pfm
 * \brief A user: sends inference requests (the scenario's list at their arrival times, or
 * Poisson arrivals) to its home cloudlet over TCP, each on its own connection, with its
 * payload; receives the response and records the delay and its parts. A request with no
 * response within Timeout, or whose connection fails, ends FAILED.
 */
class InferenceClientApp : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    InferenceClientApp();
    ~InferenceClientApp() override;

    /** \param requests requests to send at their arrivalS (relative to the app's start) */
    void SetRequests(const std::vector<InferenceRequest>& requests);
    /** \param addr the home cloudlet's address reachable from this client */
    void SetRemote(Ipv4Address addr);
    /** \return the records, by request id */
    const std::map<uint32_t, InferenceRecord>& GetRecords() const;
    /**
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback signature of RequestCompleted.
    typedef void (*CompletedCallback)(const InferenceRecord& record);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /// Per-connection state.
    struct Conn
    {
        uint32_t id{0};              //!< request
        PfmStreamReader reader;      //!< response reader
        InferenceResponseHeader hdr; //!< response header
        bool headerDone{false};      //!< header read
        EventId timeout;             //!< timeout
    };

    void Send(uint32_t idx);
    void SchedulePoisson();
    /// Send the next Poisson request and schedule the one after.
    void SendPoisson();
    void Connected(Ptr<Socket> s);
    void ConnectFailed(Ptr<Socket> s);
    void HandleRead(Ptr<Socket> s);
    void Timeout(Ptr<Socket> s);
    void End(Ptr<Socket> s, InferenceStatus status);

    std::vector<InferenceRequest> m_requests;                //!< what to send
    Ipv4Address m_remote;                                    //!< home cloudlet
    uint16_t m_port;                                         //!< port
    Time m_timeout;                                          //!< per-request timeout
    double m_poissonRate;                                    //!< > 0: Poisson arrivals (per second)
    uint32_t m_poissonCount;                                 //!< Poisson requests to send
    uint32_t m_poissonSent;                                  //!< Poisson requests sent
    Ptr<ExponentialRandomVariable> m_gap;                    //!< Poisson gaps
    std::map<Ptr<Socket>, Conn> m_conns;                     //!< open requests
    std::map<uint32_t, InferenceRecord> m_records;           //!< records
    std::vector<EventId> m_sendEvents;                       //!< scheduled sends
    TracedCallback<uint32_t> m_sentTrace;                    //!< RequestSent
    TracedCallback<const InferenceRecord&> m_completedTrace; //!< RequestCompleted
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_INFERENCE_CLIENT_APP_H */
