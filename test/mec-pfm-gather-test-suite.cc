/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/backhaul-partitioner.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The gather of a distributed run (MecPfmStatsCollector::Pack and Merge) without MPI: a
 * sequential run's results are split as two ranks would hold them (request rows by their
 * home's rank, cloudlet counters by the cloudlet's rank, BackhaulPartitioner's partition)
 * and merged into a fresh collector, which must then write the sequential run's
 * requests.csv byte for byte and the same summary. test/check-mpi.sh checks the same
 * through mpiexec when the MPI build exists.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * \param path a file
 * \return its text
 */
std::string
Slurp(const std::string& path)
{
    std::ifstream f(path);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// A sequential run against its own results split in two and merged.
class GatherTestCase : public TestCase
{
  public:
    GatherTestCase()
        : TestCase("two ranks' packed results merge into the sequential run's outputs")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json"));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        MecPfmPlanChoice choice = MecPfmPlanHelper::Obtain(*problem, "ilp", "", 10, 0);
        NS_TEST_ASSERT_MSG_EQ(choice.ok, true, choice.error);
        MecPfmRunner runner(problem, choice.plan, choice.name);
        MecPfmRunConfig cfg;
        NS_TEST_ASSERT_MSG_EQ(runner.Run(cfg), true, runner.GetError());
        Ptr<MecPfmStatsCollector> whole = runner.GetCollector();

        PartitionOptions opt;
        opt.ranks = 2;
        opt.minCutDelayS = 0.002; // {dc, c2} and {s, c1}: each rank has rows and a cloudlet
        BackhaulPartition part = BackhaulPartitioner::Partition(sc, {1, 1, 1, 1}, opt);
        std::string ranks[2];
        std::istringstream lines(whole->Pack(1000));
        std::string line;
        while (std::getline(lines, line))
        {
            std::istringstream in(line);
            char kind = 0;
            uint32_t a = 0;
            uint32_t b = 0;
            uint32_t home = 0;
            in >> kind >> a >> b >> home;
            uint32_t rank = 0;
            if (kind == 'R')
            {
                rank = part.rankOf[home];
            }
            else if (kind == 'C')
            {
                rank = part.rankOf[problem->GetSiteNode(a)];
            }
            ranks[rank] += line + "\n";
        }
        NS_TEST_ASSERT_MSG_EQ((ranks[0].find("\nR ") != std::string::npos &&
                               ranks[1].find("R ") != std::string::npos),
                              true,
                              "both ranks hold requests");

        Ptr<MecPfmStatsCollector> merged = CreateObject<MecPfmStatsCollector>();
        merged->Setup(problem, choice.plan, choice.name);
        NS_TEST_ASSERT_MSG_EQ(merged->Merge(ranks[1]), "", "rank 1 merges");
        NS_TEST_ASSERT_MSG_EQ(merged->Merge(ranks[0]), "", "rank 0 merges");
        NS_TEST_ASSERT_MSG_EQ(merged->GetMergedEvents(), 1000u, "events counted once");
        merged->Finish(whole->GetSummary().wallS, merged->GetMergedEvents());

        const std::string a = CreateTempDirFilename("whole.csv");
        const std::string b = CreateTempDirFilename("merged.csv");
        NS_TEST_ASSERT_MSG_EQ(whole->WriteRequestsCsv(a), "", "written");
        NS_TEST_ASSERT_MSG_EQ(merged->WriteRequestsCsv(b), "", "written");
        NS_TEST_ASSERT_MSG_EQ((Slurp(a) == Slurp(b)), true, "requests.csv byte for byte");
        const auto& s = whole->GetSummary();
        const auto& m = merged->GetSummary();
        NS_TEST_ASSERT_MSG_EQ(m.completed, s.completed, "completed");
        NS_TEST_ASSERT_MSG_EQ(m.failed, s.failed, "failed");
        NS_TEST_ASSERT_MSG_EQ(m.rejected, s.rejected, "rejected");
        NS_TEST_ASSERT_MSG_EQ(m.pulledBytes, s.pulledBytes, "pulled bytes, exactly");
        NS_TEST_ASSERT_MSG_EQ(m.meanDelayS, s.meanDelayS, "mean delay, exactly");
        NS_TEST_ASSERT_MSG_EQ(m.cost, s.cost, "cost (stored blocks), exactly");
        NS_TEST_ASSERT_MSG_EQ(m.pullTimeS, s.pullTimeS, "pull time, exactly");
        NS_TEST_ASSERT_MSG_EQ(merged->Merge("R 0 x\n").empty(), false, "a bad row is named");
        std::remove(a.c_str());
        std::remove(b.c_str());
        Simulator::Destroy();
    }
};

/// The suite.
class MecPfmGatherTestSuite : public TestSuite
{
  public:
    MecPfmGatherTestSuite()
        : TestSuite("mec-pfm-gather", UNIT)
    {
        AddTestCase(new GatherTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmGatherTestSuite g_mecPfmGatherTestSuite;

} // namespace
