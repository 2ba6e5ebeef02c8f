/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/azure-trace-reader.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <algorithm>
#include <fstream>

/**
 * \file
 * \ingroup mec-pfm-tests
 * The Azure LLM trace reader on the real files: row counts by a plain line count, the
 * first rows' values as printed in the files, seeded reproducibility, and the draws'
 * streams against ns-3's own UniformRandomVariable.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Non-empty lines after the header, counted without the reader.
uint32_t
CountRows(const std::string& f)
{
    std::ifstream in(f);
    std::string line;
    uint32_t n = 0;
    std::getline(in, line);
    while (std::getline(in, line))
    {
        n += !line.empty();
    }
    return n;
}

/**
 * \ingroup mec-pfm-tests
 * Reading both traces; turning rows into requests.
 */
class AzureTraceTestCase : public TestCase
{
  public:
    AzureTraceTestCase()
        : TestCase("Azure LLM traces: rows, values, reproducible requests")
    {
    }

  private:
    void DoRun() override
    {
        const std::string code =
            MecPfmResolvePath("data/azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv");
        const std::string conv =
            MecPfmResolvePath("data/azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv");
        auto a = AzureTraceReader::Read(code);
        auto b = AzureTraceReader::Read(conv);
        NS_TEST_ASSERT_MSG_EQ(a.size(), CountRows(code), "code rows");
        NS_TEST_ASSERT_MSG_EQ(b.size(), CountRows(conv), "conv rows");
        NS_TEST_ASSERT_MSG_EQ(a.size(), 8819, "8,819 code requests (data/README.md)");
        NS_TEST_ASSERT_MSG_EQ(b.size(), 19366, "19,366 conv requests (data/README.md)");
        // First rows: 18:17:03.9799600,4808,10 and 18:17:04.0319600,3180,8.
        NS_TEST_ASSERT_MSG_EQ(a[0].contextTokens, 4808, "ctx");
        NS_TEST_ASSERT_MSG_EQ(a[0].generatedTokens, 10, "gen");
        // conv: 2023-11-16 18:15:46.6805900,374,44 then 18:15:50.9951690,396,109.
        NS_TEST_ASSERT_MSG_EQ(b[0].contextTokens, 374, "conv ctx");
        NS_TEST_ASSERT_MSG_EQ(b[0].generatedTokens, 44, "conv gen");
        NS_TEST_ASSERT_MSG_EQ_TOL(b[1].timeS - b[0].timeS, 4.314579, 1e-6, "conv gap");
        NS_TEST_ASSERT_MSG_EQ_TOL(a[1].timeS - a[0].timeS, 0.052, 1e-6, "100 ns ticks");
        NS_TEST_ASSERT_MSG_EQ(a[1].ticks - a[0].ticks, 520000, "exact ticks");
        // 2023-11-16 is day 19677 after 1970-01-01.
        NS_TEST_ASSERT_MSG_EQ_TOL(a[0].timeS,
                                  19677 * 86400.0 + 18 * 3600 + 17 * 60 + 3.97996,
                                  1e-4,
                                  "epoch seconds");

        MecScenario s;
        s.nodes = {{"dc", NodeRole::DATACENTER, 1e15, 1, 0, {}},
                   {"c1", NodeRole::CLOUDLET, 1e14, 1, 1e10, {}},
                   {"c2", NodeRole::CLOUDLET, 1e14, 1, 1e10, {}}};
        s.catalogue.AddBlock("b", 1e9);
        s.catalogue.AddModel(PfmModel{"m", "", "code", 0.5, 1e9, {}}, {"b"});
        AzureTraceOptions o;
        o.maxRequests = 100;
        o.seed = 7;
        AzureTraceReader::MakeRequests(a, o, s, "t");
        NS_TEST_ASSERT_MSG_EQ(s.requests.size(), 100, "max_requests");
        NS_TEST_ASSERT_MSG_EQ(s.requests[0].arrivalS, 0, "relative arrivals");
        NS_TEST_ASSERT_MSG_EQ(s.requests[0].tokens, 4818, "tokens = context + generated");
        NS_TEST_ASSERT_MSG_EQ(s.requests[0].inputBytes, 4808 * 4.0, "bytes per token");
        uint32_t homes[3] = {0, 0, 0};
        for (const auto& r : s.requests)
        {
            ++homes[r.home];
            NS_TEST_ASSERT_MSG_EQ((r.minAccuracy >= 0.3 && r.minAccuracy <= 0.5), true, "floor");
        }
        NS_TEST_ASSERT_MSG_EQ(homes[0], 0, "the DC is no home");
        NS_TEST_ASSERT_MSG_GT(homes[1], 20, "both cloudlets are homes");
        NS_TEST_ASSERT_MSG_GT(homes[2], 20, "both cloudlets are homes");
        MecScenario s2 = s;
        AzureTraceReader::MakeRequests(a, o, s2, "t");
        bool same = true;
        for (size_t i = 0; i < s.requests.size(); ++i)
        {
            same = same && s.requests[i].home == s2.requests[i].home &&
                   s.requests[i].minAccuracy == s2.requests[i].minAccuracy;
        }
        NS_TEST_ASSERT_MSG_EQ(same, true, "same seed, same requests");
        // Another ns-3 seed and run (as plan --seed sets) do not change the demand.
        const uint32_t seed0 = RngSeedManager::GetSeed();
        const uint64_t run0 = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(9);
        RngSeedManager::SetRun(5);
        MecScenario s3 = s;
        AzureTraceReader::MakeRequests(a, o, s3, "t");
        NS_TEST_ASSERT_MSG_EQ(RngSeedManager::GetRun(), 5, "run restored");
        RngSeedManager::SetSeed(seed0);
        RngSeedManager::SetRun(run0);
        bool sameUnderOtherRun = true;
        for (size_t i = 0; i < s.requests.size(); ++i)
        {
            sameUnderOtherRun = sameUnderOtherRun && s.requests[i].home == s3.requests[i].home &&
                                s.requests[i].task == s3.requests[i].task &&
                                s.requests[i].minAccuracy == s3.requests[i].minAccuracy;
        }
        NS_TEST_ASSERT_MSG_EQ(sameUnderOtherRun, true, "demand independent of RngSeed/RngRun");
        o.seed = 8;
        AzureTraceReader::MakeRequests(a, o, s2, "t");
        bool differs = false;
        for (size_t i = 0; i < s.requests.size(); ++i)
        {
            differs = differs || s.requests[i].home != s2.requests[i].home;
        }
        NS_TEST_ASSERT_MSG_EQ(differs, true, "another seed, other homes");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The requests' draws come from the documented streams (the values of a
 * UniformRandomVariable on stream STREAM_BASE + 3 seed + {0, 1, 2} under RngSeed 1 and
 * RngRun 1, drawn here with ns-3's own class), and MakeRequests leaves ns-3's global random
 * state alone: seed, run, and the automatic stream counter.
 */
class AzureTraceStreamsTestCase : public TestCase
{
  public:
    AzureTraceStreamsTestCase()
        : TestCase("Azure trace requests: documented streams, global RNG state untouched")
    {
    }

  private:
    void DoRun() override
    {
        auto rows = AzureTraceReader::Read(
            MecPfmResolvePath("data/azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv"));
        MecScenario s;
        s.nodes = {{"dc", NodeRole::DATACENTER, 1e15, 1, 0, {}},
                   {"c1", NodeRole::CLOUDLET, 1e14, 1, 1e10, {}},
                   {"c2", NodeRole::CLOUDLET, 1e14, 1, 1e10, {}},
                   {"c3", NodeRole::CLOUDLET, 1e14, 1, 1e10, {}}};
        s.catalogue.AddBlock("b", 1e9);
        s.catalogue.AddModel(PfmModel{"m", "", "code", 0.5, 1e9, {}}, {"b"});
        AzureTraceOptions o;
        o.maxRequests = 200;
        o.seed = 4;
        o.floorLow = 0.2;
        o.floorHigh = 0.9;

        const uint32_t seed0 = RngSeedManager::GetSeed();
        const uint64_t run0 = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(7);
        const uint64_t streamBefore = RngSeedManager::GetNextStreamIndex();
        AzureTraceReader::MakeRequests(rows, o, s, "t");
        const uint64_t streamAfter = RngSeedManager::GetNextStreamIndex();
        NS_TEST_ASSERT_MSG_EQ(RngSeedManager::GetSeed(), 3, "global seed untouched");
        NS_TEST_ASSERT_MSG_EQ(RngSeedManager::GetRun(), 7, "global run untouched");
        NS_TEST_ASSERT_MSG_EQ(streamAfter, streamBefore + 1, "no automatic stream number taken");

        // The same draws with ns-3's UniformRandomVariable under seed 1, run 1.
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const int64_t base = AzureTraceReader::STREAM_BASE + 3 * 4;
        auto home = CreateObject<UniformRandomVariable>();
        auto task = CreateObject<UniformRandomVariable>();
        auto floor = CreateObject<UniformRandomVariable>();
        home->SetStream(base);
        task->SetStream(base + 1);
        floor->SetStream(base + 2);
        RngSeedManager::SetSeed(seed0);
        RngSeedManager::SetRun(run0);
        NS_TEST_ASSERT_MSG_EQ(s.requests.size(), 200, "max_requests");
        const uint32_t cloudlets[3] = {1, 2, 3};
        bool same = true;
        for (const auto& r : s.requests)
        {
            const uint32_t h = cloudlets[home->GetInteger(0, 2)];
            task->GetValue(0, 1); // one task: the draw is made and does not matter
            const double floorValue = std::min(1.0, 0.5 * floor->GetValue(0.2, 0.9));
            same = same && r.home == h && r.task == "code" && r.minAccuracy == floorValue;
        }
        NS_TEST_ASSERT_MSG_EQ(same, true, "draws of the documented streams");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Bad trace files name the file and the line.
 */
class AzureTraceRejectTestCase : public TestCase
{
  public:
    AzureTraceRejectTestCase()
        : TestCase("bad trace rows are rejected with file and line")
    {
    }

  private:
    void DoRun() override
    {
        const std::string f = CreateTempDirFilename("bad-trace.csv");

        struct Case
        {
            std::string text;
            std::string where;
        };

        for (const auto& c : {Case{"time,a,b\n", "line 1"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-11-16 18:17:03.9799600,12,3\n"
                                   "2023-11-16 18:17:04,x,3\n",
                                   "line 3"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "yesterday,1,2\n",
                                   "line 2"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-11-16 18:17:03,1\n",
                                   "line 2"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-11-16 18:17:03.5,1,2\n"
                                   "2023-11-16 18:17:03.4999999,1,2\n",
                                   "line 3"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-11-16 18:17:03.12345678,1,2\n",
                                   "line 2"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-13-16 18:17:03,1,2\n",
                                   "line 2"},
                              Case{"TIMESTAMP,ContextTokens,GeneratedTokens\n"
                                   "2023-11-16 18:17:03,-1,2\n",
                                   "line 2"}})
        {
            {
                std::ofstream out(f);
                out << c.text;
            }
            std::string what;
            try
            {
                AzureTraceReader::Read(f);
            }
            catch (const ScenarioError& e)
            {
                what = e.what();
            }
            NS_TEST_ASSERT_MSG_NE(what.find(f + ": " + c.where + ": "),
                                  std::string::npos,
                                  "got: " << what);
        }
        ExpectHeaders(f);
    }

    /**
     * \brief Windows line ends and a byte order mark are accepted; a header that differs
     * only in an invisible byte says where and shows it escaped.
     * \param f a scratch file
     */
    void ExpectHeaders(const std::string& f)
    {
        for (const std::string text : {"TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                                       "2023-11-16 18:17:03,1,2\r\n",
                                       "\xEF\xBB\xBFTIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                                       "2023-11-16 18:17:03,1,2\r\n"})
        {
            {
                std::ofstream out(f, std::ios::binary);
                out << text;
            }
            std::vector<AzureTraceRow> rows;
            try
            {
                rows = AzureTraceReader::Read(f);
            }
            catch (const ScenarioError& e)
            {
                NS_TEST_ASSERT_MSG_EQ(true, false, "rejected: " << e.what());
            }
            NS_TEST_ASSERT_MSG_EQ(rows.size(), 1, "one row");
            NS_TEST_ASSERT_MSG_EQ(rows[0].generatedTokens, 2, "its values");
        }
        {
            std::ofstream out(f, std::ios::binary);
            out << "TIMESTAMP,ContextTokens,GeneratedTokens\t\n2023-11-16 18:17:03,1,2\n";
        }
        std::string what;
        try
        {
            AzureTraceReader::Read(f);
        }
        catch (const ScenarioError& e)
        {
            what = e.what();
        }
        // The tab is character 40, after the 39 of the header.
        NS_TEST_ASSERT_MSG_NE(what.find("found \"TIMESTAMP,ContextTokens,GeneratedTokens\\t\" "
                                        "(they differ at character 40: expected the end, found "
                                        "\"\\t\")"),
                              std::string::npos,
                              "got: " << what);
    }
};

/**
 * \ingroup mec-pfm-tests
 * The reader's suite.
 */
class AzureTraceReaderTestSuite : public TestSuite
{
  public:
    AzureTraceReaderTestSuite()
        : TestSuite("mec-pfm-azure-trace-reader", UNIT)
    {
        AddTestCase(new AzureTraceTestCase, TestCase::QUICK);
        AddTestCase(new AzureTraceStreamsTestCase, TestCase::QUICK);
        AddTestCase(new AzureTraceRejectTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static AzureTraceReaderTestSuite g_azureTraceReaderTestSuite;

} // namespace
