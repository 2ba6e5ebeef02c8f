/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/synthetic-scenario.h"
#include "ns3/test.h"

#include <memory>

/**
 * \file
 * \ingroup mec-pfm-tests
 * 50,000 requests from one user node, each on its own TCP connection: more than three
 * times the node's 16,384 ephemeral ports (49152 to 65535), so the run completes only if
 * closed connections give their ports and endpoints back. Wall time is not asserted
 * here (`./mec-pfm bench scale` prints it). The same run checks the cloudlet's queue
 * through the applications: equal requests in Poisson arrivals make it M/D/1.
 */

using namespace ns3;
using namespace ns3::mecpfm;

/**
 * \ingroup mec-pfm-tests
 * One user node sends 50,000 equal requests (Poisson arrivals at load 0.7 of one
 * server): every one is sent, completes, and is counted once; their mean queueing delay
 * is the M/D/1 one, Pollaczek-Khinchine's rho S / (2 (1 - rho)) = 0.0583 s, within
 * 0.005 s: about four standard errors of a 50,000-job mean wait (the replications of
 * mec-pfm-compute-queue give a standard error of 0.0021 s for 18,000 jobs).
 */
class FiftyThousandRequestsTestCase : public TestCase
{
  public:
    FiftyThousandRequestsTestCase()
        : TestCase("50,000 requests from one user node all complete and are all counted")
    {
    }

  private:
    uint32_t m_sent{0};  //!< RequestSent traces
    uint32_t m_ended{0}; //!< RequestCompleted traces

    void Sent(const InferenceRecord&)
    {
        ++m_sent;
    }

    void Ended(const InferenceRecord&)
    {
        ++m_ended;
    }

    /// Connect the trace sinks (MecPfmRunConfig::beforeRun).
    void ConnectTraces()
    {
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestSent",
            MakeCallback(&FiftyThousandRequestsTestCase::Sent, this));
        Config::ConnectWithoutContext(
            "/NodeList/*/ApplicationList/*/$ns3::mecpfm::InferenceClientApp/RequestCompleted",
            MakeCallback(&FiftyThousandRequestsTestCase::Ended, this));
    }

    void DoRun() override
    {
        const uint32_t n = 50000;
        const MecScenario sc = SyntheticScenario::OneCloudletQueue(n, 0.7, 11);
        auto pp = std::make_shared<const PlanningProblem>(sc);
        PlacementPlan plan;
        plan.heldBlocks = {{0}};
        plan.models = {{0}};
        plan.decisions.assign(n, RequestDecision()); // all at the cloudlet (site 0)
        MecPfmRunner run(pp, plan, "scale");
        MecPfmRunConfig cfg;
        cfg.timeoutS = 600;
        cfg.beforeRun = MakeCallback(&FiftyThousandRequestsTestCase::ConnectTraces, this);
        NS_TEST_ASSERT_MSG_EQ(run.Run(cfg), true, run.GetError());
        Simulator::Destroy(); // the results stay readable
        const MecPfmRunSummary& s = run.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(m_sent, n, "every request sent");
        NS_TEST_ASSERT_MSG_EQ(m_ended, n, "every request ended once");
        NS_TEST_ASSERT_MSG_EQ(s.requests, n, "requests");
        NS_TEST_ASSERT_MSG_EQ(s.completed, n, "all completed");
        NS_TEST_ASSERT_MSG_EQ(s.completed + s.rejected + s.failed, s.requests, "counts add up");
        const double pk = 0.7 * 0.05 / (2 * (1 - 0.7));
        NS_TEST_ASSERT_MSG_EQ_TOL(s.meanParts[2], pk, 0.005, "M/D/1 queueing through the apps");
    }
};

/// The suite.
class MecPfmScaleTestSuite : public TestSuite
{
  public:
    MecPfmScaleTestSuite()
        : TestSuite("mec-pfm-scale", SYSTEM)
    {
        AddTestCase(new FiftyThousandRequestsTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmScaleTestSuite g_mecPfmScaleTestSuite;
