/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-test-instances.h"

#include "ns3/pfm-planner.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-evaluator.h"
#include "ns3/plan-io.h"
#include "ns3/planning-problem.h"
#include "ns3/test.h"

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Plan files: a written plan reads back to the same plan (and the same metrics), and the
 * reader rejects each kind of bad plan with a ScenarioError naming the file, the JSON path
 * and the reason.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using namespace ns3::mecpfm::test;

namespace
{

/// Write then read: the same plan.
class PlanIoRoundTripTestCase : public TestCase
{
  public:
    PlanIoRoundTripTestCase()
        : TestCase("plan file round trip")
    {
    }

  private:
    void DoRun() override
    {
        for (int64_t i = 0; i < 10; ++i)
        {
            TinyOptions o;
            o.cloudlets = 2 + i % 3;
            o.requests = 10 + i;
            o.sharingHeavy = i % 2;
            o.dcFallback = true;
            MecScenario s = MakeTinyScenario(3000 + i, o);
            if (i % 2)
            {
                s.noCandidate = NoCandidatePolicy::REJECT; // rejected decisions too
            }
            PlanningProblem p(s);
            for (const char* name : {"nearest-greedy", "trimcaching-greedy", "cloud-only"})
            {
                PlanResult r = PfmPlanner::CreateByName(name)->Solve(p);
                std::string f = CreateTempDirFilename("plan-" + std::to_string(i) + ".json");
                PlanIo::Write(p, r.plan, name, f);
                PlacementPlan back = PlanIo::Read(p, f);
                NS_TEST_ASSERT_MSG_EQ((back.models == r.plan.models), true, "models");
                NS_TEST_ASSERT_MSG_EQ((back.heldBlocks == r.plan.heldBlocks), true, "blocks");
                NS_TEST_ASSERT_MSG_EQ(back.decisions.size(), r.plan.decisions.size(), "count");
                for (size_t k = 0; k < back.decisions.size(); ++k)
                {
                    const auto& a = back.decisions[k];
                    const auto& b = r.plan.decisions[k];
                    NS_TEST_ASSERT_MSG_EQ(a.rejected, b.rejected, "rejected " << k);
                    if (!a.rejected)
                    {
                        NS_TEST_ASSERT_MSG_EQ(a.site, b.site, "site " << k);
                        NS_TEST_ASSERT_MSG_EQ(a.model, b.model, "model " << k);
                    }
                }
                PlanMetrics m1 = PlanEvaluator(p).Evaluate(r.plan);
                PlanMetrics m2 = PlanEvaluator(p).Evaluate(back);
                NS_TEST_ASSERT_MSG_EQ(m1.totalDelayS, m2.totalDelayS, "same objective");
                NS_TEST_ASSERT_MSG_EQ(m1.feasible, m2.feasible, "same feasibility");
                // The file names ids, not indices.
                std::ifstream in(f);
                auto j = nlohmann::json::parse(in);
                NS_TEST_ASSERT_MSG_EQ(j["cloudlets"][0]["id"].get<std::string>(), "c0", "ids");
            }
        }
    }
};

/// Each rejection of the reader.
class PlanIoRejectTestCase : public TestCase
{
  public:
    PlanIoRejectTestCase()
        : TestCase("plan reader rejects bad plans by file, path and reason")
    {
    }

  private:
    using J = nlohmann::json; //!< JSON

    /// A change that makes a good plan file bad, and the error it must raise.
    struct BadPlan
    {
        std::string what;               //!< what is wrong
        std::function<void(J&)> change; //!< the change
        std::string where;              //!< the JSON path the error names
        std::string word;               //!< a word of its reason
    };

    /// \return every change the reader must reject
    static std::vector<BadPlan> BadPlans()
    {
        return {
            {"unknown cloudlet",
             [](J& j) { j["cloudlets"][0]["id"] = "nowhere"; },
             "/cloudlets/0/id",
             "not a cloudlet"},
            {"the DC as a cloudlet",
             [](J& j) { j["cloudlets"][0]["id"] = "dc"; },
             "/cloudlets/0/id",
             "not a cloudlet"},
            {"cloudlet twice",
             [](J& j) { j["cloudlets"][1]["id"] = j["cloudlets"][0]["id"]; },
             "/cloudlets/1/id",
             "twice"},
            {"unknown model at a cloudlet",
             [](J& j) { j["cloudlets"][0]["models"] = J::array({"no-such-model"}); },
             "/cloudlets/0/models/0",
             "unknown model"},
            {"unknown block",
             [](J& j) { j["cloudlets"][1]["blocks"] = J::array({"no/such"}); },
             "/cloudlets/1/blocks/0",
             "unknown block"},
            {"block not a string",
             [](J& j) { j["cloudlets"][1]["blocks"] = J::array({3}); },
             "/cloudlets/1/blocks/0",
             "string"},
            {"too few decisions",
             [](J& j) { j["requests"].erase(j["requests"].size() - 1); },
             "/requests",
             "decisions"},
            {"too many decisions",
             [](J& j) { j["requests"].push_back(j["requests"][0]); },
             "/requests",
             "decisions"},
            {"request id out of range",
             [](J& j) { j["requests"][2]["id"] = 99; },
             "/requests/2/id",
             "does not exist"},
            {"request decided twice",
             [](J& j) { j["requests"][2]["id"] = 1; },
             "/requests/2/id",
             "twice"},
            {"request id missing",
             [](J& j) { j["requests"][3].erase("id"); },
             "/requests/3/id",
             "missing"},
            {"unknown site",
             [](J& j) {
                 j["requests"][0].erase("rejected");
                 j["requests"][0]["site"] = "s";
                 j["requests"][0]["model"] = "solo";
             },
             "/requests/0/site",
             "neither"},
            {"unknown model of a request",
             [](J& j) {
                 j["requests"][0].erase("rejected");
                 j["requests"][0]["site"] = "dc";
                 j["requests"][0]["model"] = "gpt-5";
             },
             "/requests/0/model",
             "unknown model"},
            // Found by fuzz/plan-fuzzer.cc: each threw the JSON library's type_error.
            {"blocks not an array",
             [](J& j) { j["cloudlets"][1]["blocks"] = true; },
             "/cloudlets/1/blocks",
             "array"},
            {"models an object",
             [](J& j) {
                 j["cloudlets"][0]["models"] = J::object({{"a", 1}});
             },
             "/cloudlets/0/models",
             "array"},
            {"rejected not a boolean",
             [](J& j) { j["requests"][1]["rejected"] = "yes"; },
             "/requests/1/rejected",
             "true or false"},
            {"no cloudlets", [](J& j) { j.erase("cloudlets"); }, "/cloudlets", "missing"},
            {"no requests", [](J& j) { j.erase("requests"); }, "/requests", "missing"},
        };
    }

    /**
     * \brief Apply a change, write, read; expect an error at its path whose reason has its
     * word.
     * \param p the problem
     * \param base the good plan file's JSON
     * \param bad the change
     * \param n a number for the file name
     */
    void ExpectRejected(const PlanningProblem& p, const J& base, const BadPlan& bad, int n)
    {
        J j = base;
        bad.change(j);
        std::string f = CreateTempDirFilename("bad-" + std::to_string(n) + ".json");
        {
            std::ofstream out(f);
            out << j.dump();
        }
        bool thrown = false;
        try
        {
            PlanIo::Read(p, f);
        }
        catch (const ScenarioError& e)
        {
            thrown = true;
            NS_TEST_EXPECT_MSG_EQ(e.GetFile(), f, bad.what << ": names the file");
            NS_TEST_EXPECT_MSG_EQ(e.GetWhere(), bad.where, bad.what << ": names the path");
            NS_TEST_EXPECT_MSG_NE(e.GetReason().find(bad.word),
                                  std::string::npos,
                                  bad.what << ": reason \"" << e.GetReason() << "\"");
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, bad.what << ": not rejected");
    }

    /**
     * \brief Malformed JSON and a missing file are rejected too.
     * \param p the problem
     */
    void ExpectUnreadableRejected(const PlanningProblem& p)
    {
        std::string bad = CreateTempDirFilename("malformed.json");
        {
            std::ofstream out(bad);
            out << "{\"cloudlets\": [";
        }
        bool thrown = false;
        try
        {
            PlanIo::Read(p, bad);
        }
        catch (const ScenarioError& e)
        {
            thrown = true;
            NS_TEST_EXPECT_MSG_EQ(e.GetFile(), bad, "malformed: names the file");
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, "malformed JSON not rejected");
        // A number beyond a double's range (no parse_error for the JSON library; it aborted
        // the program before the fuzzers found it).
        {
            std::ofstream out(bad);
            out << "{\"cloudlets\": [], \"requests\": [{\"id\": 1e400}]}";
        }
        thrown = false;
        try
        {
            PlanIo::Read(p, bad);
        }
        catch (const ScenarioError& e)
        {
            thrown = true;
            NS_TEST_EXPECT_MSG_NE(e.GetReason().find("number overflow"),
                                  std::string::npos,
                                  "overflow: reason \"" << e.GetReason() << "\"");
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, "number overflow not rejected");
        thrown = false;
        try
        {
            PlanIo::Read(p, CreateTempDirFilename("absent.json"));
        }
        catch (const ScenarioError&)
        {
            thrown = true;
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, "missing file not rejected");
    }

    void DoRun() override
    {
        TinyOptions o;
        o.cloudlets = 2;
        o.requests = 6;
        MecScenario s = MakeTinyScenario(4242, o);
        PlanningProblem p(s);
        PlanResult r = PfmPlanner::CreateByName("nearest-greedy")->Solve(p);
        std::string good = CreateTempDirFilename("good.json");
        PlanIo::Write(p, r.plan, "nearest-greedy", good);
        J base;
        {
            std::ifstream in(good);
            base = J::parse(in);
        }
        int n = 0;
        for (const auto& bad : BadPlans())
        {
            ExpectRejected(p, base, bad, n++);
        }
        ExpectUnreadableRejected(p);
        // The good file still reads.
        PlacementPlan ok = PlanIo::Read(p, good);
        NS_TEST_EXPECT_MSG_EQ(ok.decisions.size(), s.requests.size(), "good file");
    }
};

/// The suite.
class PlanIoTestSuite : public TestSuite
{
  public:
    PlanIoTestSuite()
        : TestSuite("mec-pfm-plan-io", UNIT)
    {
        AddTestCase(new PlanIoRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new PlanIoRejectTestCase, TestCase::QUICK);
    }
};

/// Static instance.
PlanIoTestSuite g_planIoTestSuite;

} // namespace
