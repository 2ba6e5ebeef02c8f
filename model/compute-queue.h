/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_COMPUTE_QUEUE_H
#define MEC_PFM_COMPUTE_QUEUE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The compute servers of a site: an FCFS queue with g identical servers (an
 * M/G/g queue under Poisson arrivals). A job's service time is given by whoever submits
 * it; the queue decides only when it starts.
 *
 * The owner numbers its jobs and learns when a job starts and when it finishes through
 * the callbacks (a job submitted to a free server starts within Submit()), in this order within one
 * event: a finishing job's callback, then the start of the next waiting job (the owner answers the
 * first before the next starts).
 */
class ComputeQueue : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ComputeQueue();

    /// TracedCallback signature of JobStarted: (job, time it waited).
    typedef void (*JobStartedCallback)(uint64_t job, Time wait);
    /// TracedCallback signature of JobFinished: (job, its service time).
    typedef void (*JobFinishedCallback)(uint64_t job, Time service);

    /**
     * \param started called when a job starts service (may be null)
     * \param finished called when a job finishes (may be null)
     */
    void SetCallbacks(Callback<void, uint64_t> started, Callback<void, uint64_t> finished);
    /**
     * \brief Add a job; it starts at once if a server is free.
     * \param job its number (the owner's, unique among jobs not yet finished)
     * \param service its service time
     */
    void Submit(uint64_t job, Time service);
    /** \return the servers g */
    uint32_t GetServers() const;
    /** \return jobs waiting or in service */
    uint32_t GetQueueLength() const;
    /** \return jobs waiting for a server */
    uint32_t GetWaiting() const;
    /** \return busy servers */
    uint32_t GetBusyServers() const;
    /**
     * \brief Drop every job, waiting or in service (its site went down): none of them
     * finishes, and no callback is called for them.
     * \return the jobs dropped
     */
    uint32_t Clear();

  protected:
    void DoDispose() override;

  private:
    /// A job waiting for a server.
    struct Job
    {
        uint64_t id{0}; //!< number
        Time service;   //!< service time
        Time submitted; //!< when it arrived
    };

    /** Start waiting jobs while a server is free. */
    void StartJobs();
    /**
     * \param id the job that finished
     * \param service its service time
     */
    void Finish(uint64_t id, Time service);

    uint32_t m_servers;                             //!< g
    uint32_t m_busy;                                //!< busy servers
    std::deque<Job> m_waiting;                      //!< FCFS
    std::map<uint64_t, EventId> m_inService;        //!< end of service, by job
    Callback<void, uint64_t> m_startedCb;           //!< owner: started
    Callback<void, uint64_t> m_finishedCb;          //!< owner: finished
    TracedCallback<uint64_t, Time> m_startedTrace;  //!< JobStarted
    TracedCallback<uint64_t, Time> m_finishedTrace; //!< JobFinished
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_COMPUTE_QUEUE_H */
