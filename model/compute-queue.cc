/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "compute-queue.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ComputeQueue");
NS_OBJECT_ENSURE_REGISTERED(ComputeQueue);

TypeId
ComputeQueue::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::ComputeQueue")
                            .SetParent<Object>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<ComputeQueue>()
                            .AddAttribute("Servers",
                                          "Identical servers g (accelerators) working in parallel.",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&ComputeQueue::m_servers),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddTraceSource("JobStarted",
                                            "A job started service: (job, time it waited).",
                                            MakeTraceSourceAccessor(&ComputeQueue::m_startedTrace),
                                            "ns3::mecpfm::ComputeQueue::JobStartedCallback")
                            .AddTraceSource("JobFinished",
                                            "A job finished: (job, its service time).",
                                            MakeTraceSourceAccessor(&ComputeQueue::m_finishedTrace),
                                            "ns3::mecpfm::ComputeQueue::JobFinishedCallback");
    return tid;
}

ComputeQueue::ComputeQueue()
    : m_servers(1),
      m_busy(0)
{
}

void
ComputeQueue::SetCallbacks(Callback<void, uint64_t> started, Callback<void, uint64_t> finished)
{
    NS_LOG_FUNCTION(this);
    m_startedCb = started;
    m_finishedCb = finished;
}

void
ComputeQueue::Submit(uint64_t id, Time service)
{
    NS_LOG_FUNCTION(this << id << service);
    Job job;
    job.id = id;
    job.service = service;
    job.submitted = Simulator::Now();
    m_waiting.push_back(job);
    StartJobs();
}

uint32_t
ComputeQueue::GetServers() const
{
    return m_servers;
}

uint32_t
ComputeQueue::GetQueueLength() const
{
    return static_cast<uint32_t>(m_waiting.size()) + m_busy;
}

uint32_t
ComputeQueue::GetWaiting() const
{
    return static_cast<uint32_t>(m_waiting.size());
}

uint32_t
ComputeQueue::GetBusyServers() const
{
    return m_busy;
}

uint32_t
ComputeQueue::Clear()
{
    NS_LOG_FUNCTION(this);
    const auto dropped = static_cast<uint32_t>(m_waiting.size() + m_inService.size());
    for (auto& [id, ev] : m_inService)
    {
        ev.Cancel();
    }
    m_inService.clear();
    m_waiting.clear();
    m_busy = 0;
    return dropped;
}

void
ComputeQueue::DoDispose()
{
    m_waiting.clear();
    m_inService.clear();
    m_startedCb = MakeNullCallback<void, uint64_t>();
    m_finishedCb = MakeNullCallback<void, uint64_t>();
    Object::DoDispose();
}

void
ComputeQueue::StartJobs()
{
    while (m_busy < m_servers && !m_waiting.empty())
    {
        Job job = m_waiting.front();
        m_waiting.pop_front();
        ++m_busy;
        m_startedTrace(job.id, Simulator::Now() - job.submitted);
        if (!m_startedCb.IsNull())
        {
            m_startedCb(job.id);
        }
        m_inService[job.id] =
            Simulator::Schedule(job.service, &ComputeQueue::Finish, this, job.id, job.service);
    }
}

void
ComputeQueue::Finish(uint64_t id, Time service)
{
    NS_LOG_FUNCTION(this << id);
    m_inService.erase(id);
    --m_busy;
    m_finishedTrace(id, service);
    if (!m_finishedCb.IsNull())
    {
        m_finishedCb(id);
    }
    StartJobs();
}

} // namespace mecpfm
} // namespace ns3
