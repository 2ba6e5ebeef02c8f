/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/backhaul-partitioner.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/mec-pfm-online-helper.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
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
 * through mpiexec when the MPI build exists. The same for an online run's decision records
 * and figures (OnlineReport::PackRankPart and MergeRankPart), which mec-pfm-geant-mpi
 * gathers to write decisions.csv and online.json.
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
            if (line[0] == 'K')
            {
                // The conservation counters: each rank counts its own clients' ends and its
                // cloudlets' bytes; split each count between the two ranks.
                std::istringstream k(line.substr(1));
                std::string half[2] = {"K", "K"};
                for (uint64_t c = 0; k >> c;)
                {
                    half[0] += " " + std::to_string(c - c / 3);
                    half[1] += " " + std::to_string(c / 3);
                }
                ranks[0] += half[0] + "\n";
                ranks[1] += half[1] + "\n";
                continue;
            }
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
        NS_TEST_ASSERT_MSG_EQ(s.conservationOk, true, s.conservationError);
        NS_TEST_ASSERT_MSG_EQ(m.conservationOk, true, "merged: " << m.conservationError);
        NS_TEST_ASSERT_MSG_EQ(m.ends, s.ends, "request ends counted on every rank");
        NS_TEST_ASSERT_MSG_EQ(m.arrivedBytes, s.arrivedBytes, "bytes arrived on every rank");
        NS_TEST_ASSERT_MSG_EQ(m.arrivedOfCompletedBytes,
                              s.arrivedOfCompletedBytes,
                              "bytes of completed pulls on every rank");
        NS_TEST_ASSERT_MSG_EQ(merged->Merge("R 0 x\n").empty(), false, "a bad row is named");
        std::remove(a.c_str());
        std::remove(b.c_str());
        Simulator::Destroy();
    }
};

/// An online packet run's decision records, split by their home's rank and packed, against
/// the records read directly from the controller.
class OnlineGatherTestCase : public TestCase
{
  public:
    OnlineGatherTestCase()
        : TestCase("two ranks' packed decision records give the sequential decisions.csv")
    {
    }

  private:
    /**
     * \param a a double \param b a double
     * \return a and b have the same bits (so NaN equals NaN)
     */
    static bool SameBits(double a, double b)
    {
        return std::memcmp(&a, &b, sizeof a) == 0;
    }

    /// Doubles of every kind survive PackRecords and UnpackRecords bit for bit.
    void CheckRoundTrip()
    {
        OnlineRecord r;
        r.requestId = 4294967295u;
        r.timeS = 0.1 + 0.2;
        r.site = -1;
        r.model = 17;
        r.servedSite = 3;
        r.rerouted = true;
        r.outcome = OnlineOutcome::REJECTED;
        r.delayS = std::numeric_limits<double>::denorm_min();
        r.reward = -std::numeric_limits<double>::infinity();
        r.regretS = std::nan("");
        r.accuracy = -0.0;
        r.flops = std::numeric_limits<double>::max();
        r.observed = {0, 5, 9};
        r.ended = true;
        std::vector<OnlineRecord> back;
        NS_TEST_ASSERT_MSG_EQ(OnlineReport::UnpackRecords(OnlineReport::PackRecords({r, {}}), back),
                              "",
                              "unpacks");
        NS_TEST_ASSERT_MSG_EQ(back.size(), 2u, "two records");
        const OnlineRecord& b = back[0];
        NS_TEST_ASSERT_MSG_EQ(b.requestId, r.requestId, "id");
        NS_TEST_ASSERT_MSG_EQ((b.site == r.site && b.model == r.model &&
                               b.servedSite == r.servedSite && b.rerouted == r.rerouted &&
                               b.outcome == r.outcome && b.ended == r.ended &&
                               b.observed == r.observed),
                              true,
                              "integers and flags");
        for (auto [x, y] : {std::pair{b.timeS, r.timeS},
                            {b.delayS, r.delayS},
                            {b.reward, r.reward},
                            {b.regretS, r.regretS},
                            {b.accuracy, r.accuracy},
                            {b.flops, r.flops}})
        {
            NS_TEST_ASSERT_MSG_EQ(SameBits(x, y), true, "a double kept bit for bit: " << y);
        }
        NS_TEST_ASSERT_MSG_EQ((back[1].outcome == OnlineOutcome::FAILED && !back[1].ended),
                              true,
                              "a default record");
        std::vector<OnlineRecord> none;
        NS_TEST_ASSERT_MSG_EQ(OnlineReport::UnpackRecords("1 0x1p+0 2\n", none).empty(),
                              false,
                              "a short line is named");
        NS_TEST_ASSERT_MSG_EQ(
            OnlineReport::UnpackRecords(OnlineReport::PackRecords({r}) + "x\n", none)
                .find("record 2"),
            0u,
            "the bad line's number");
    }

    /// The figures of rank parts merge as closed forms say: sums, a weighted mean, a max.
    void CheckFigures()
    {
        OnlineRankPart a;
        a.policyWallS = 1.0;
        a.reportAgeMeanS = 0.5;
        a.reportAgeMaxS = 0.9;
        a.reportAges = 2;
        a.records.resize(3);
        OnlineRankPart b;
        b.policyWallS = 0.25;
        b.reportAgeMeanS = 2.0;
        b.reportAgeMaxS = 3.0;
        b.reportAges = 6;
        b.records.resize(1);
        OnlineRankPart none; // a rank whose decisions read no report (one rank, live reads)
        OnlineRankPart m;
        for (const OnlineRankPart* p : {&a, &none, &b})
        {
            NS_TEST_ASSERT_MSG_EQ(OnlineReport::MergeRankPart(OnlineReport::PackRankPart(*p), m),
                                  "",
                                  "merges");
        }
        NS_TEST_ASSERT_MSG_EQ(m.records.size(), 4u, "records appended");
        NS_TEST_ASSERT_MSG_EQ(m.policyWallS, 1.25, "policy time summed");
        NS_TEST_ASSERT_MSG_EQ(m.reportAges, 8u, "ages counted");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.reportAgeMeanS, (0.5 * 2 + 2.0 * 6) / 8, 1e-15, "weighted");
        NS_TEST_ASSERT_MSG_EQ(m.reportAgeMaxS, 3.0, "largest age");
        OnlineRankPart only;
        NS_TEST_ASSERT_MSG_EQ(OnlineReport::MergeRankPart(OnlineReport::PackRankPart(none), only),
                              "",
                              "an empty part merges");
        NS_TEST_ASSERT_MSG_EQ((only.reportAgeMeanS == 0 && only.reportAges == 0),
                              true,
                              "no ages: mean 0, not NaN");
        NS_TEST_ASSERT_MSG_EQ(OnlineReport::MergeRankPart("0x1p+0 x 0 1\n", only).empty(),
                              false,
                              "a bad figures line is named");
        NS_TEST_ASSERT_MSG_EQ(OnlineReport::MergeRankPart("", only).empty(),
                              false,
                              "an empty text is no part");
    }

    void DoRun() override
    {
        CheckRoundTrip();
        CheckFigures();
        MecScenario sc =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json"));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        MecPfmOnlineHelper online(problem);
        OnlineConfig config;
        config.stateReportS = 0.01;
        online.SetConfig(config);
        MecPfmRunner runner(problem, PlacementPlan::CloudOnly(*problem), "lints");
        MecPfmRunConfig cfg;
        Ptr<AdmissionPolicy> policy = online.PreparePacket("lints", cfg);
        NS_TEST_ASSERT_MSG_EQ(runner.Run(cfg), true, runner.GetError());
        const std::vector<OnlineRecord>& decided = runner.GetController()->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(decided.size(), sc.requests.size(), "every request decided");

        PartitionOptions opt;
        opt.ranks = 2;
        opt.minCutDelayS = 0.002;
        BackhaulPartition part = BackhaulPartitioner::Partition(sc, {1, 1, 1, 1}, opt);
        std::vector<OnlineRecord> byRank[2];
        for (const OnlineRecord& r : decided)
        {
            byRank[part.rankOf[sc.requests.at(r.requestId).home]].push_back(r);
        }
        NS_TEST_ASSERT_MSG_EQ((!byRank[0].empty() && !byRank[1].empty()),
                              true,
                              "both ranks decided requests");
        OnlineRankPart merged;
        for (int k : {1, 0})
        {
            OnlineRankPart mine;
            mine.records = byRank[k];
            NS_TEST_ASSERT_MSG_EQ(
                OnlineReport::MergeRankPart(OnlineReport::PackRankPart(mine), merged),
                "",
                "rank " << k << " merges");
        }
        OnlineRunInfo info;
        const ContextFeatures& features = runner.GetController()->GetFeatures();
        for (uint32_t f = 0; f < features.GetNFeatures(); ++f)
        {
            info.featureNames.push_back(features.GetName(f));
        }
        OnlineReport whole = online.MakePacketReport("lints", policy, decided, info);
        OnlineReport gathered = online.MakePacketReport("lints", policy, merged.records, info);
        const std::string a = CreateTempDirFilename("whole-decisions.csv");
        const std::string b = CreateTempDirFilename("gathered-decisions.csv");
        NS_TEST_ASSERT_MSG_EQ(whole.WriteDecisionsCsv(a), true, "written");
        NS_TEST_ASSERT_MSG_EQ(gathered.WriteDecisionsCsv(b), true, "written");
        NS_TEST_ASSERT_MSG_EQ((Slurp(a) == Slurp(b)), true, "decisions.csv byte for byte");
        NS_TEST_ASSERT_MSG_EQ((whole.GetSummary() == gathered.GetSummary()), true, "summary");
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
        AddTestCase(new OnlineGatherTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmGatherTestSuite g_mecPfmGatherTestSuite;

} // namespace
