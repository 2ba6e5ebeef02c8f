/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/compute-queue.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * ComputeQueue alone on the simulator clock: FCFS order and waits of simultaneous jobs on
 * g servers against the closed form.
 */

using namespace ns3;
using namespace ns3::mecpfm;

/**
 * \ingroup mec-pfm-tests
 * Jobs submitted at one instant to g servers: job k (0-based) starts after floor(k / g)
 * service times, in submission order; traces and callbacks agree.
 */
class FcfsTestCase : public TestCase
{
  public:
    FcfsTestCase()
        : TestCase("simultaneous jobs on g servers: job k starts after floor(k over g) services")
    {
    }

  private:
    Ptr<ComputeQueue> m_queue;        //!< the queue
    std::map<uint64_t, Time> m_start; //!< job -> start
    std::map<uint64_t, Time> m_end;   //!< job -> finish
    std::vector<uint64_t> m_order;    //!< jobs in start order
    uint32_t m_tracedStarts{0};       //!< JobStarted traces
    uint32_t m_tracedEnds{0};         //!< JobFinished traces
    uint32_t m_maxBusy{0};            //!< most busy servers seen

    void Started(uint64_t id)
    {
        m_start[id] = Simulator::Now();
        m_order.push_back(id);
        m_maxBusy = std::max(m_maxBusy, m_queue->GetBusyServers());
    }

    void Finished(uint64_t id)
    {
        m_end[id] = Simulator::Now();
    }

    void TracedStart(uint64_t, Time)
    {
        ++m_tracedStarts;
    }

    void TracedEnd(uint64_t, Time)
    {
        ++m_tracedEnds;
    }

    void SubmitAll(uint32_t n, Time service)
    {
        for (uint64_t k = 0; k < n; ++k)
        {
            m_queue->Submit(100 + k, service);
        }
        NS_TEST_EXPECT_MSG_EQ(m_queue->GetQueueLength(), n, "all waiting or in service");
    }

    void DoRun() override
    {
        const uint32_t g = 3;
        const uint32_t n = 10;
        const uint64_t serviceMs = 250;
        const Time service = MilliSeconds(serviceMs);
        m_queue = CreateObject<ComputeQueue>();
        m_queue->SetAttribute("Servers", UintegerValue(g));
        m_queue->SetCallbacks(MakeCallback(&FcfsTestCase::Started, this),
                              MakeCallback(&FcfsTestCase::Finished, this));
        m_queue->TraceConnectWithoutContext("JobStarted",
                                            MakeCallback(&FcfsTestCase::TracedStart, this));
        m_queue->TraceConnectWithoutContext("JobFinished",
                                            MakeCallback(&FcfsTestCase::TracedEnd, this));
        Simulator::Schedule(Seconds(1), &FcfsTestCase::SubmitAll, this, n, service);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_order.size(), n, "every job started");
        for (uint64_t k = 0; k < n; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(m_order[k], 100 + k, "FCFS order");
            const Time expect = Seconds(1) + MilliSeconds(serviceMs * (k / g));
            NS_TEST_ASSERT_MSG_EQ(m_start.at(100 + k), expect, "start of job " << k);
            NS_TEST_ASSERT_MSG_EQ(m_end.at(100 + k), expect + service, "end of job " << k);
        }
        NS_TEST_ASSERT_MSG_EQ(m_maxBusy, g, "never more than g busy");
        NS_TEST_ASSERT_MSG_EQ(m_tracedStarts, n, "JobStarted per job");
        NS_TEST_ASSERT_MSG_EQ(m_tracedEnds, n, "JobFinished per job");
        NS_TEST_ASSERT_MSG_EQ(m_queue->GetQueueLength(), 0u, "empty at the end");
        m_queue->Dispose();
        m_queue = nullptr;
        Simulator::Destroy();
    }
};

/// The suite.
class ComputeQueueTestSuite : public TestSuite
{
  public:
    ComputeQueueTestSuite()
        : TestSuite("mec-pfm-compute-queue", UNIT)
    {
        AddTestCase(new FcfsTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static ComputeQueueTestSuite g_computeQueueTestSuite;
