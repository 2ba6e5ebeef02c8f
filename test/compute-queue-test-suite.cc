/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/compute-queue.h"
#include "ns3/double.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <iostream>
#include <map>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * ComputeQueue alone on the simulator clock: FCFS order and waits of simultaneous jobs on
 * g servers against the closed form; the mean wait under Poisson arrivals against the
 * Pollaczek-Khinchine formula (M/D/1) and Erlang C (M/M/g), so that the queue cannot
 * drift from an FCFS multi-server queue unnoticed.
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

namespace
{

/// Mean and standard error of the mean wait over independent replications.
struct WaitEstimate
{
    double mean{0}; //!< mean of the replications' mean waits, s
    double se{0};   //!< its standard error, s
};

/**
 * \ingroup mec-pfm-tests
 * Feeds a ComputeQueue with Poisson arrivals and measures the mean wait of the jobs
 * after a warm-up (the queue starts empty, which biases early waits down).
 */
class PoissonFeeder
{
  public:
    /**
     * \param servers g
     * \param rate arrivals per second
     * \param service mean service time, s
     * \param exponential exponential service times (else deterministic)
     * \param stream first random stream
     */
    PoissonFeeder(uint32_t servers, double rate, double service, bool exponential, int64_t stream)
        : m_exponential(exponential),
          m_service(service)
    {
        m_queue = CreateObject<ComputeQueue>();
        m_queue->SetAttribute("Servers", UintegerValue(servers));
        m_queue->SetCallbacks(MakeCallback(&PoissonFeeder::Started, this),
                              MakeNullCallback<void, uint64_t>());
        m_gap = CreateObject<ExponentialRandomVariable>();
        m_gap->SetAttribute("Mean", DoubleValue(1 / rate));
        m_gap->SetStream(stream);
        m_draw = CreateObject<ExponentialRandomVariable>();
        m_draw->SetAttribute("Mean", DoubleValue(service));
        m_draw->SetStream(stream + 1);
    }

    /**
     * \param jobs jobs to submit
     * \param warmup jobs whose wait is not counted
     * \return the mean wait of the counted jobs, s
     */
    double Run(uint32_t jobs, uint32_t warmup)
    {
        m_jobs = jobs;
        m_warmup = warmup;
        Simulator::Schedule(Seconds(m_gap->GetValue()), &PoissonFeeder::Arrive, this);
        Simulator::Run();
        m_queue->Dispose();
        Simulator::Destroy();
        return m_sum / (m_jobs - m_warmup);
    }

  private:
    void Arrive()
    {
        const uint64_t id = m_next++;
        m_submitted[id] = Simulator::Now();
        const double s = m_exponential ? m_draw->GetValue() : m_service;
        m_queue->Submit(id, Seconds(s));
        if (m_next < m_jobs)
        {
            Simulator::Schedule(Seconds(m_gap->GetValue()), &PoissonFeeder::Arrive, this);
        }
    }

    void Started(uint64_t id)
    {
        auto it = m_submitted.find(id);
        if (id >= m_warmup)
        {
            m_sum += (Simulator::Now() - it->second).GetSeconds();
        }
        m_submitted.erase(it);
    }

    Ptr<ComputeQueue> m_queue;             //!< the queue
    Ptr<ExponentialRandomVariable> m_gap;  //!< interarrival times
    Ptr<ExponentialRandomVariable> m_draw; //!< exponential service times
    bool m_exponential;                    //!< exponential service
    double m_service;                      //!< mean service time, s
    uint32_t m_jobs{0};                    //!< jobs to submit
    uint32_t m_warmup{0};                  //!< jobs not counted
    uint64_t m_next{0};                    //!< next job
    std::map<uint64_t, Time> m_submitted;  //!< waiting jobs -> submission time
    double m_sum{0};                       //!< sum of counted waits, s
};

/**
 * \param reps independent replications (streams 1000 + 2 k)
 * \param servers g
 * \param rate arrivals per second
 * \param service mean service time, s
 * \param exponential exponential service times
 * \return mean wait and its standard error over the replications
 */
WaitEstimate
Estimate(uint32_t reps, uint32_t servers, double rate, double service, bool exponential)
{
    std::vector<double> means;
    for (uint32_t k = 0; k < reps; ++k)
    {
        PoissonFeeder f(servers, rate, service, exponential, 1000 + 2 * k);
        means.push_back(f.Run(20000, 2000));
    }
    WaitEstimate e;
    for (double m : means)
    {
        e.mean += m / reps;
    }
    double var = 0;
    for (double m : means)
    {
        var += (m - e.mean) * (m - e.mean) / (reps - 1);
    }
    e.se = std::sqrt(var / reps);
    return e;
}

} // namespace

/**
 * \ingroup mec-pfm-tests
 * M/D/1 at load 0.7 (service 50 ms): the mean wait matches Pollaczek-Khinchine,
 * Wq = rho S / (2 (1 - rho)) = 0.0583 s. 20 independent replications of 20,000 jobs
 * (the first 2,000 of each not counted): the tolerance is 4 standard errors of their
 * mean (a 99.99 % interval; the standard error is about 0.6 % of Wq here).
 */
class MD1TestCase : public TestCase
{
  public:
    MD1TestCase()
        : TestCase("Poisson arrivals, one deterministic server: mean wait is Pollaczek-Khinchine")
    {
    }

  private:
    void DoRun() override
    {
        const double rho = 0.7;
        const double s = 0.05;
        const double pk = rho * s / (2 * (1 - rho));
        const WaitEstimate e = Estimate(20, 1, rho / s, s, false);
        std::cout << "M/D/1: mean wait " << e.mean << " s (se " << e.se << "), P-K " << pk << " s"
                  << std::endl;
        NS_TEST_ASSERT_MSG_LT(e.se, 0.02 * pk, "enough replications for a tight test");
        NS_TEST_ASSERT_MSG_EQ_TOL(e.mean, pk, 4 * e.se, "Pollaczek-Khinchine");
    }
};

/**
 * \ingroup mec-pfm-tests
 * M/M/3 at load 0.7 (exponential service times of mean 50 ms drawn in the test): the mean
 * wait matches Erlang C, Wq = C(g, a) / (g mu - lambda) with a = lambda / mu, computed
 * here from its definition; same replications and tolerance as the M/D/1 case.
 */
class MMgTestCase : public TestCase
{
  public:
    MMgTestCase()
        : TestCase("Poisson arrivals, three exponential servers: mean wait is Erlang C")
    {
    }

  private:
    /**
     * \param g servers
     * \param a offered load lambda / mu
     * \return the probability that an arrival waits (Erlang C)
     */
    static double ErlangC(uint32_t g, double a)
    {
        double sum = 0;
        double term = 1; // a^k / k!
        for (uint32_t k = 0; k < g; ++k)
        {
            sum += term;
            term *= a / (k + 1);
        }
        const double last = term * g / (g - a); // a^g / g! * g / (g - a)
        return last / (sum + last);
    }

    void DoRun() override
    {
        const uint32_t g = 3;
        const double rho = 0.7;
        const double s = 0.05;
        const double mu = 1 / s;
        const double lambda = rho * g * mu;
        const double wq = ErlangC(g, lambda / mu) / (g * mu - lambda);
        const WaitEstimate e = Estimate(20, g, lambda, s, true);
        std::cout << "M/M/3: mean wait " << e.mean << " s (se " << e.se << "), Erlang C " << wq
                  << " s" << std::endl;
        NS_TEST_ASSERT_MSG_LT(e.se, 0.03 * wq, "enough replications for a tight test");
        NS_TEST_ASSERT_MSG_EQ_TOL(e.mean, wq, 4 * e.se, "Erlang C");
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
        AddTestCase(new MD1TestCase, TestCase::QUICK);
        AddTestCase(new MMgTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static ComputeQueueTestSuite g_computeQueueTestSuite;
