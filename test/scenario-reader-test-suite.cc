/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mec-pfm-paths.h"
#include "ns3/scenario-reader.h"
#include "ns3/synthetic-scenario.h"
#include "ns3/test.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <tuple>
#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * Scenario files: the shipped ones parse, every rejection of the format names the file,
 * the JSON path and the reason, and what SyntheticScenario::WriteJson writes reads back.
 */

using namespace ns3;
using namespace ns3::mecpfm;
using Json = nlohmann::json;

namespace
{

/// A valid two-cloudlet scenario, written out in the test.
Json
Base()
{
    return Json::parse(R"({
      "name": "t", "horizon_s": 100, "max_load": 0.8,
      "access": {"uplink_bps": 1e8, "downlink_bps": 1e8},
      "nodes": [
        {"id": "dc", "role": "datacenter", "compute_flops": 1e15},
        {"id": "c1", "role": "cloudlet", "compute_flops": 1e14, "accelerators": 1,
         "storage_bytes": 1e10, "resident_blocks": ["b"]},
        {"id": "c2", "role": "cloudlet", "compute_flops": 1e14, "accelerators": 2,
         "storage_bytes": 1e10, "resident_blocks": []},
        {"id": "s", "role": "switch"}],
      "links": [{"a": "dc", "b": "s", "bandwidth_bps": 1e10, "delay_s": 0.01},
                {"a": "s", "b": "c1", "bandwidth_bps": 1e9, "delay_s": 0.001},
                {"a": "s", "b": "c2", "bandwidth_bps": 1e9, "delay_s": 0.002}],
      "blocks": [{"id": "b", "bytes": 1e9}, {"id": "x", "bytes": 1e6}],
      "models": [{"id": "m", "task": "t1", "accuracy": 0.7, "blocks": ["b", "x"],
                  "flops_per_token": 1e9}],
      "requests": [{"home": "c2", "task": "t1", "min_accuracy": 0.5, "input_bytes": 100,
                    "output_bytes": 50, "tokens": 10, "arrival_s": 2, "count": 3},
                   {"home": "c1", "task": "t1", "min_accuracy": 0.5, "input_bytes": 100,
                    "output_bytes": 50, "tokens": 10, "arrival_s": 1}],
      "future_field": {"ignored": true}
    })");
}

/**
 * \ingroup mec-pfm-tests
 * Valid files parse into what they say.
 */
class ScenarioParseTestCase : public TestCase
{
  public:
    ScenarioParseTestCase()
        : TestCase("valid scenarios parse")
    {
    }

  private:
    void DoRun() override
    {
        MecScenario s = ScenarioReader::ReadString(Base().dump(), "base.json", ".");
        NS_TEST_ASSERT_MSG_EQ(s.nodes.size(), 4, "nodes");
        NS_TEST_ASSERT_MSG_EQ(s.links.size(), 3, "links");
        NS_TEST_ASSERT_MSG_EQ(s.requests.size(), 4, "count expands 3 + 1");
        NS_TEST_ASSERT_MSG_EQ(s.requests[0].arrivalS, 1, "sorted by arrival");
        NS_TEST_ASSERT_MSG_EQ(s.nodes[s.requests[0].home].id, "c1", "first arrival is c1's");
        NS_TEST_ASSERT_MSG_EQ(s.requests[3].id, 3, "ids are positions");
        NS_TEST_ASSERT_MSG_EQ(s.nodes[1].residentBlocks.size(), 1, "resident");
        NS_TEST_ASSERT_MSG_EQ(s.nodes[2].accelerators, 2, "accelerators");
        NS_TEST_ASSERT_MSG_EQ(s.catalogue.GetModels()[0].blocks.size(), 2, "blocks of m");

        for (const char* f : {"scenarios/tiny.json",
                              "scenarios/two-cloudlets.json",
                              "scenarios/geant-default.json"})
        {
            MecScenario t = ScenarioReader::ReadFile(MecPfmResolvePath(f));
            NS_TEST_ASSERT_MSG_GT(t.requests.size(), 0, f);
        }
        // two-cloudlets.json, read by hand: entries (count) 0 (3, t=1), 1 (2, t=0.5),
        // 2 (4, t=2), 3 (1, t=1): order 1,1,0,0,0,3,2,2,2,2 by arrival, then file order.
        MecScenario two =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/two-cloudlets.json"));
        NS_TEST_ASSERT_MSG_EQ(two.nodes.size(), 4, "two-cloudlets nodes");
        NS_TEST_ASSERT_MSG_EQ(two.GetCloudlets().size(), 2, "two-cloudlets cloudlets");
        NS_TEST_ASSERT_MSG_EQ(two.requests.size(), 10, "3 + 2 + 4 + 1 requests");
        const double floors[] = {0.4, 0.4, 0.65, 0.65, 0.65, 0.6, 0.5, 0.5, 0.5, 0.5};
        const char* homes[] = {"c1", "c1", "c1", "c1", "c1", "c2", "c2", "c2", "c2", "c2"};
        for (uint32_t i = 0; i < 10; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(two.requests[i].minAccuracy, floors[i], "floor " << i);
            NS_TEST_ASSERT_MSG_EQ(two.nodes[two.requests[i].home].id, homes[i], "home " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(two.requests[6].task, "chat", "chat requests last");
        NS_TEST_ASSERT_MSG_EQ_TOL(two.catalogue.GetTotalUniqueBytes(), 3.016e9, 1, "unique");
        NS_TEST_ASSERT_MSG_EQ_TOL(two.catalogue.GetTotalModelBytes(), 5.016e9, 1, "sum");
        NS_TEST_ASSERT_MSG_EQ(two.nodes[3].residentBlocks.size(), 1, "c2 holds base");

        MecScenario g = ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        NS_TEST_ASSERT_MSG_EQ(g.GetCloudlets().size(), 20, "20 cloudlets");
        NS_TEST_ASSERT_MSG_EQ(g.requests.size(), 6000, "6000 requests");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(g.catalogue.GetNModels(), 30, "30 models");
        // Same seed, same requests.
        MecScenario g2 =
            ScenarioReader::ReadFile(MecPfmResolvePath("scenarios/geant-default.json"));
        bool same = true;
        for (size_t i = 0; i < g.requests.size(); ++i)
        {
            same = same && g.requests[i].home == g2.requests[i].home &&
                   g.requests[i].task == g2.requests[i].task &&
                   g.requests[i].minAccuracy == g2.requests[i].minAccuracy;
        }
        NS_TEST_ASSERT_MSG_EQ(same, true, "reproducible trace requests");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Every rejection of the format: message names the file, the JSON path and the reason.
 */
class ScenarioRejectionTestCase : public TestCase
{
  public:
    ScenarioRejectionTestCase()
        : TestCase("every malformed scenario is rejected with file, path and reason")
    {
    }

  private:
    /// Expect a ScenarioError whose text names the file, path and reason.
    void Expect(const std::string& text,
                const std::string& path,
                const std::string& reason,
                const std::string& file = "bad.json")
    {
        std::string what;
        try
        {
            ScenarioReader::ReadString(text, "bad.json", MecPfmSourceDir());
        }
        catch (const ScenarioError& e)
        {
            what = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(what.empty(), false, "accepted a bad scenario: " << path);
        NS_TEST_ASSERT_MSG_EQ(what.rfind(file + ": ", 0), 0, "file named in: " << what);
        NS_TEST_ASSERT_MSG_NE(what.find(path), std::string::npos, "path in: " << what);
        NS_TEST_ASSERT_MSG_NE(what.find(reason), std::string::npos, "reason in: " << what);
    }

    /// Mutate Base() and expect a rejection.
    void Mutate(const std::function<void(Json&)>& f,
                const std::string& path,
                const std::string& reason)
    {
        Json j = Base();
        f(j);
        Expect(j.dump(), path, reason);
    }

    /// Malformed JSON: rejected with its line and column.
    void MalformedJson()
    {
        Expect("{\n  \"name\": \"x\",\n  \"horizon_s\": ]\n}",
               "line 3, column 16",
               "malformed JSON");
        Expect("", "line 1", "malformed JSON");
        // A number beyond a double's range is no parse_error for the JSON library (found by
        // fuzz/scenario-fuzzer.cc: it escaped the reader and aborted the program).
        Expect("{\n \"horizon_s\": 1e400\n}", "line 2, column 15", "number out of range");
    }

    void DoRun() override
    {
        MalformedJson();
        // A field given twice (the JSON library alone would keep the last silently).
        {
            std::string t = Base().dump();
            auto at = t.find("\"accelerators\":2");
            NS_TEST_ASSERT_MSG_NE(at, std::string::npos, "c2's accelerators in the dump");
            t.insert(at == std::string::npos ? 0 : at, "\"storage_bytes\":1,");
            Expect(t, "/nodes/2/storage_bytes", "field given twice");
            Expect(R"({"name": "a", "name": "b"})", "/name", "field given twice");
        }
        // Unknown references.
        Mutate([](Json& j) { j["links"][1]["b"] = "nowhere"; }, "/links/1/b", "unknown node");
        Mutate([](Json& j) { j["models"][0]["blocks"][1] = "zz"; },
               "/models/0/blocks/1",
               "unknown block");
        Mutate([](Json& j) { j["nodes"][1]["resident_blocks"][0] = "zz"; },
               "/nodes/1/resident_blocks/0",
               "unknown block");
        Mutate([](Json& j) { j["requests"][0]["home"] = "zz"; },
               "/requests/0/home",
               "unknown node");
        Mutate([](Json& j) { j["requests"][0]["home"] = "s"; },
               "/requests/0/home",
               "not a cloudlet");
        // Duplicate ids.
        Mutate([](Json& j) { j["nodes"][2]["id"] = "c1"; }, "/nodes/2/id", "duplicate node id");
        Mutate([](Json& j) { j["blocks"][1]["id"] = "b"; }, "/blocks/1/id", "duplicate block id");
        Mutate([](Json& j) { j["models"].push_back(j["models"][0]); },
               "/models/1/id",
               "duplicate model id");
        // Negative or zero sizes, capacities, bandwidths.
        Mutate([](Json& j) { j["blocks"][0]["bytes"] = 0; }, "/blocks/0/bytes", "positive");
        Mutate([](Json& j) { j["blocks"][0]["bytes"] = -5; }, "/blocks/0/bytes", "positive");
        Mutate([](Json& j) { j["nodes"][1]["storage_bytes"] = 0; },
               "/nodes/1/storage_bytes",
               "positive");
        Mutate([](Json& j) { j["nodes"][1]["compute_flops"] = -1; },
               "/nodes/1/compute_flops",
               "positive");
        Mutate([](Json& j) { j["links"][0]["bandwidth_bps"] = 0; },
               "/links/0/bandwidth_bps",
               "positive");
        Mutate([](Json& j) { j["links"][0]["delay_s"] = -0.1; }, "/links/0/delay_s", ">= 0");
        Mutate([](Json& j) { j["links"][0]["delay_s"] = 1e300; }, "/links/0/delay_s", "at most");
        Mutate([](Json& j) { j["requests"][0]["tokens"] = 0; }, "/requests/0/tokens", "positive");
        Mutate([](Json& j) { j["requests"][0]["count"] = 0; }, "/requests/0/count", "whole number");
        Mutate([](Json& j) { j["horizon_s"] = 0; }, "/horizon_s", "positive");
        Mutate([](Json& j) { j["access"]["uplink_bps"] = 0; }, "/access/uplink_bps", "positive");
        // Accuracies outside [0,1].
        Mutate([](Json& j) { j["models"][0]["accuracy"] = 1.2; }, "/models/0/accuracy", "[0, 1]");
        Mutate([](Json& j) { j["requests"][1]["min_accuracy"] = -0.1; },
               "/requests/1/min_accuracy",
               "[0, 1]");
        // A task with no model.
        Mutate([](Json& j) { j["requests"][0]["task"] = "nothing"; },
               "/requests/0/task",
               "no model serves task");
        // A cloudlet that cannot reach the DC.
        Mutate([](Json& j) { j["links"].erase(2); }, "/nodes/2", "cannot reach the data center");
        // Misspelt or missing required fields; wrong types; bad roles.
        Mutate(
            [](Json& j) {
                j["links"][0]["bandwith_bps"] = j["links"][0]["bandwidth_bps"];
                j["links"][0].erase("bandwidth_bps");
            },
            "/links/0/bandwidth_bps",
            "missing required field \"bandwidth_bps\" (found "
            "\"bandwith_bps\"");
        Mutate([](Json& j) { j.erase("max_load"); }, "/max_load", "missing required field");
        // No misspelling hint from an unrelated short field ("b" is not a misspelt "a").
        {
            Json j = Base();
            j["links"][0].erase("a");
            std::string reason;
            try
            {
                ScenarioReader::ReadString(j.dump(), "bad.json", MecPfmSourceDir());
            }
            catch (const ScenarioError& e)
            {
                reason = e.GetReason();
                NS_TEST_ASSERT_MSG_EQ(e.GetWhere(), "/links/0/a", "where");
            }
            NS_TEST_ASSERT_MSG_EQ(reason, "missing required field \"a\"", "no false hint");
        }
        Mutate([](Json& j) { j["nodes"][1]["storage_bytes"] = "big"; },
               "/nodes/1/storage_bytes",
               "must be a number");
        Mutate([](Json& j) { j["nodes"][0]["role"] = "cloud"; },
               "/nodes/0/role",
               "must be \"datacenter\"");
        Mutate(
            [](Json& j) {
                j["nodes"][0]["role"] = "cloudlet";
                j["nodes"][0]["accelerators"] = 1;
                j["nodes"][0]["storage_bytes"] = 1e9;
                j["nodes"][0]["resident_blocks"] = Json::array();
            },
            "/nodes",
            "exactly one node with role \"datacenter\"");
        Mutate(
            [](Json& j) {
                j["nodes"][1]["resident_blocks"][0] = "b";
                j["nodes"][1]["storage_bytes"] = 1e8;
            },
            "/nodes/1/resident_blocks",
            "exceed storage_bytes");
        Mutate([](Json& j) { j["nodes"] = Json::object(); }, "/nodes", "must be an array");
        Expect("[1, 2]", "/", "must be an object");
        // Referenced files.
        Json j = Base();
        j.erase("requests");
        j["trace"] = {{"azure_csv", "no/such.csv"}};
        Expect(j.dump(),
               "/trace/azure_csv",
               MecPfmSourceDir() + "/no/such.csv: cannot open the trace file");
        j["trace"] = {{"azure_csv", "test/data/trace-bad-row.csv"}};
        Expect(j.dump(),
               "/trace/azure_csv",
               MecPfmSourceDir() +
                   "/test/data/trace-bad-row.csv: line 4: ContextTokens \"twelve\" is not a count");
        j["trace"] = {{"azure_csv", "test/data/trace-bad-row.csv"}, {"floor_low", 1.5}};
        Expect(j.dump(), "/trace/floor_low", "[0, 1]");
        j = Base();
        j.erase("nodes");
        j.erase("links");
        j["topology"] = {{"graphml", "data/model-facts.csv"}};
        Expect(j.dump(),
               "/topology/graphml",
               MecPfmSourceDir() + "/data/model-facts.csv: not a readable GraphML file");
        j["topology"] = {{"graphml", "test/data/zoo-bad-endpoint.graphml"}};
        Expect(j.dump(),
               "/topology/graphml",
               MecPfmSourceDir() + "/test/data/zoo-bad-endpoint.graphml: <edge> #1: target");
        j["topology"] = {{"graphml", "data/topology-zoo/Geant2012.graphml"}, {"cloudlets", 40}};
        Expect(j.dump(), "/topology/cloudlets", "at most 39 cloudlets");
        j["topology"] = {{"graphml", "data/topology-zoo/Geant2012.graphml"}, {"cloudlets", 3}};
        Expect(j.dump(), "/topology/cloudlet", "missing required field");
        // A count that would exhaust memory is refused, not attempted.
        Mutate([](Json& j) { j["requests"][0]["count"] = 4e9; },
               "/requests/0/count",
               "requests in total");
    }
};

/**
 * \ingroup mec-pfm-tests
 * The writer and the reader agree on the format: a scenario read from a file spelled out
 * in this test, written by SyntheticScenario::WriteJson and read again, is the same
 * scenario, field by field (also with the optional "on_no_candidate": "reject", and for a
 * generated instance).
 */
class ScenarioRoundTripTestCase : public TestCase
{
  public:
    ScenarioRoundTripTestCase()
        : TestCase("a written scenario reads back the same")
    {
    }

  private:
    /**
     * Write a scenario, read it back, compare.
     * \param a the scenario
     * \param what the case, for messages
     */
    void RoundTrip(const MecScenario& a, const std::string& what)
    {
        const std::string f = CreateTempDirFilename("round-trip.json");
        SyntheticScenario::WriteJson(a, f);
        MecScenario b = ScenarioReader::ReadFile(f);
        NS_TEST_ASSERT_MSG_EQ(b.name, a.name, what);
        NS_TEST_ASSERT_MSG_EQ(b.horizonS, a.horizonS, what);
        NS_TEST_ASSERT_MSG_EQ(b.maxLoad, a.maxLoad, what);
        NS_TEST_ASSERT_MSG_EQ(b.uplinkBps, a.uplinkBps, what);
        NS_TEST_ASSERT_MSG_EQ(b.downlinkBps, a.downlinkBps, what);
        NS_TEST_ASSERT_MSG_EQ((b.noCandidate == a.noCandidate), true, what);
        NS_TEST_ASSERT_MSG_EQ(b.nodes.size(), a.nodes.size(), what);
        for (size_t i = 0; i < a.nodes.size(); ++i)
        {
            const auto& x = a.nodes[i];
            const auto& y = b.nodes[i];
            NS_TEST_ASSERT_MSG_EQ(
                (y.id == x.id && y.role == x.role && y.computeFlops == x.computeFlops &&
                 y.accelerators == x.accelerators && y.storageBytes == x.storageBytes &&
                 y.residentBlocks == x.residentBlocks),
                true,
                what << ": node " << x.id);
        }
        NS_TEST_ASSERT_MSG_EQ(b.links.size(), a.links.size(), what);
        for (size_t i = 0; i < a.links.size(); ++i)
        {
            const auto& x = a.links[i];
            const auto& y = b.links[i];
            NS_TEST_ASSERT_MSG_EQ((y.a == x.a && y.b == x.b && y.bandwidthBps == x.bandwidthBps &&
                                   y.delayS == x.delayS),
                                  true,
                                  what << ": link " << i);
        }
        const auto& ca = a.catalogue;
        const auto& cb = b.catalogue;
        NS_TEST_ASSERT_MSG_EQ(cb.GetNBlocks(), ca.GetNBlocks(), what);
        for (uint32_t k = 0; k < ca.GetNBlocks(); ++k)
        {
            NS_TEST_ASSERT_MSG_EQ((cb.GetBlocks()[k].id == ca.GetBlocks()[k].id &&
                                   cb.GetBlocks()[k].bytes == ca.GetBlocks()[k].bytes),
                                  true,
                                  what << ": block " << k);
        }
        NS_TEST_ASSERT_MSG_EQ(cb.GetModels().size(), ca.GetModels().size(), what);
        for (size_t m = 0; m < ca.GetModels().size(); ++m)
        {
            const auto& x = ca.GetModels()[m];
            const auto& y = cb.GetModels()[m];
            NS_TEST_ASSERT_MSG_EQ((y.id == x.id && y.family == x.family && y.task == x.task &&
                                   y.accuracy == x.accuracy && y.flopsPerToken == x.flopsPerToken &&
                                   y.blocks == x.blocks),
                                  true,
                                  what << ": model " << x.id);
        }
        NS_TEST_ASSERT_MSG_EQ(b.requests.size(), a.requests.size(), what);
        for (size_t r = 0; r < a.requests.size(); ++r)
        {
            const auto& x = a.requests[r];
            const auto& y = b.requests[r];
            NS_TEST_ASSERT_MSG_EQ((y.id == x.id && y.home == x.home && y.task == x.task &&
                                   y.minAccuracy == x.minAccuracy && y.inputBytes == x.inputBytes &&
                                   y.outputBytes == x.outputBytes && y.tokens == x.tokens &&
                                   y.arrivalS == x.arrivalS),
                                  true,
                                  what << ": request " << r);
        }
    }

    void DoRun() override
    {
        MecScenario s = ScenarioReader::ReadString(Base().dump(), "base.json", ".");
        RoundTrip(s, "the test's file");
        s.noCandidate = NoCandidatePolicy::REJECT;
        RoundTrip(s, "with on_no_candidate reject");
        SyntheticScenario::Params p;
        p.cloudlets = 4;
        p.requests = 50;
        p.stream = 3;
        RoundTrip(SyntheticScenario::Generate(p), "a generated instance");
    }
};

/**
 * \ingroup mec-pfm-tests
 * Faults: read from "faults" in a file and from a command-line spec (compact or JSON) into
 * the same ScenarioFault list; every bad fault is rejected with file, path and reason.
 */
class ScenarioFaultsTestCase : public TestCase
{
  public:
    ScenarioFaultsTestCase()
        : TestCase("faults: file and command line agree; bad faults are rejected")
    {
    }

  private:
    /// The two faults of the issue's example, as a file writes them.
    static Json Faults()
    {
        return Json::parse(R"([
          {"kind": "link_down", "a": "s", "b": "c1", "at_s": 5.0, "for_s": 20.0},
          {"kind": "node_down", "node": "c2", "at_s": 10.0, "for_s": 30.0}])");
    }

    /// \return the error text of reading j ("" if accepted)
    static std::string FileError(const Json& j)
    {
        try
        {
            ScenarioReader::ReadString(j.dump(), "bad.json", ".");
        }
        catch (const ScenarioError& e)
        {
            return e.what();
        }
        return "";
    }

    /// \return the error text of adding spec to Base() ("" if accepted)
    static std::string SpecError(const std::string& spec)
    {
        MecScenario s = ScenarioReader::ReadString(Base().dump(), "base.json", ".");
        try
        {
            ScenarioReader::AddFaults(spec, "--faults", s);
        }
        catch (const ScenarioError& e)
        {
            return e.what();
        }
        return "";
    }

    /// Expect a rejection whose text has the source, the path and the reason.
    void Expect(const std::string& what, const std::string& where, const std::string& reason)
    {
        NS_TEST_ASSERT_MSG_EQ(what.empty(), false, "accepted: " << where << " " << reason);
        NS_TEST_ASSERT_MSG_NE(what.find(where), std::string::npos, "path in: " << what);
        NS_TEST_ASSERT_MSG_NE(what.find(reason), std::string::npos, "reason in: " << what);
    }

    void Valid()
    {
        Json j = Base();
        j["faults"] = Faults();
        MecScenario a = ScenarioReader::ReadString(j.dump(), "f.json", ".");
        NS_TEST_ASSERT_MSG_EQ(a.faults.size(), 2u, "two faults");
        NS_TEST_ASSERT_MSG_EQ(a.faults[0].kind, ScenarioFault::LINK_DOWN, "kind");
        NS_TEST_ASSERT_MSG_EQ(a.faults[0].link, 1u, "s - c1 is link 1");
        NS_TEST_ASSERT_MSG_EQ(a.faults[0].atS, 5.0, "at_s");
        NS_TEST_ASSERT_MSG_EQ(a.faults[0].forS, 20.0, "for_s");
        NS_TEST_ASSERT_MSG_EQ(a.faults[1].kind, ScenarioFault::NODE_DOWN, "kind");
        NS_TEST_ASSERT_MSG_EQ(a.faults[1].node, 2u, "c2 is node 2");
        for (const std::string& spec : {std::string("link_down:s-c1@5+20;node_down:c2@10+30"),
                                        std::string("link_down:c1,s@5+20;node_down:c2@1e1+30;"),
                                        Faults().dump()})
        {
            MecScenario b = ScenarioReader::ReadString(Base().dump(), "base.json", ".");
            ScenarioReader::AddFaults(spec, "--faults", b);
            NS_TEST_ASSERT_MSG_EQ(b.faults.size(), 2u, spec);
            for (size_t i = 0; i < 2 && b.faults.size() == 2; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(b.faults[i].kind, a.faults[i].kind, spec);
                NS_TEST_ASSERT_MSG_EQ(b.faults[i].link, a.faults[i].link, spec);
                NS_TEST_ASSERT_MSG_EQ(b.faults[i].node, a.faults[i].node, spec);
                NS_TEST_ASSERT_MSG_EQ(b.faults[i].atS, a.faults[i].atS, spec);
                NS_TEST_ASSERT_MSG_EQ(b.faults[i].forS, a.faults[i].forS, spec);
            }
        }
        // Parallel links: a link_down between their ends takes both down.
        j["links"].push_back(j["links"][1]);
        MecScenario p = ScenarioReader::ReadString(j.dump(), "f.json", ".");
        NS_TEST_ASSERT_MSG_EQ(p.faults.size(), 3u, "both parallel links");
        NS_TEST_ASSERT_MSG_EQ(p.faults[1].link, 3u, "the parallel link");
    }

    /// Bad faults in a file.
    void InFile()
    {
        const std::vector<std::tuple<std::string, Json, std::string, std::string>> cases = {
            {"a", "nowhere", "/faults/0/a", "unknown node"},
            {"a", "c2", "/faults/0", "no link between \"c2\" and \"c1\""},
            {"at_s", -1, "/faults/0/at_s", "must be >= 0"},
            {"at_s", 2e9, "/faults/0/at_s", "at most 1e9"},
            {"for_s", 0, "/faults/0/for_s", "must be positive"},
            {"for_s", "long", "/faults/0/for_s", "must be a number"},
            {"kind", "explode", "/faults/0/kind", "must be \"link_down\" or \"node_down\""},
        };
        for (const auto& [field, value, where, reason] : cases)
        {
            Json j = Base();
            j["faults"] = Faults();
            j["faults"][0][field] = value;
            Expect(FileError(j), "bad.json: " + where, reason);
        }
        Json j = Base();
        j["faults"] = Faults();
        j["faults"][1]["node"] = "dc";
        Expect(FileError(j), "/faults/1/node", "the data center cannot go down");
        j["faults"][1].erase("node");
        Expect(FileError(j), "/faults/1/node", "missing required field");
        j["faults"] = Json::object();
        Expect(FileError(j), "/faults", "must be an array");
    }

    /// Bad faults on a command line.
    void OnCommandLine()
    {
        Expect(SpecError("link_down:s-c1@x+20"), "--faults: /faults/0/at_s", "must be a number");
        Expect(SpecError("link_down:s-c1@5+20;node_down:zz@1+2"),
               "--faults: /faults/1/node",
               "unknown node");
        Expect(SpecError("link_down:dc-c2@5+20"), "/faults/0", "no link between");
        Expect(SpecError("node_down:c2"), "/faults/0", "must read KIND:WHAT@AT+FOR");
        Expect(SpecError("node_down:c2@-1+3"), "/faults/0/at_s", "must be >= 0");
        Expect(SpecError("[{\"kind\": \"node_down\"}]"), "/faults/0/", "missing required field");
        Expect(SpecError("[1,"), "--faults", "malformed JSON");
        Expect(SpecError("@/nonexistent/faults.json"), "/nonexistent/faults.json", "cannot read");
    }

    void DoRun() override
    {
        Valid();
        InFile();
        OnCommandLine();
    }
};

/**
 * \ingroup mec-pfm-tests
 * The scenario reader's suite.
 */
class ScenarioReaderTestSuite : public TestSuite
{
  public:
    ScenarioReaderTestSuite()
        : TestSuite("mec-pfm-scenario-reader", UNIT)
    {
        AddTestCase(new ScenarioParseTestCase, TestCase::QUICK);
        AddTestCase(new ScenarioRejectionTestCase, TestCase::QUICK);
        AddTestCase(new ScenarioRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new ScenarioFaultsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static ScenarioReaderTestSuite g_scenarioReaderTestSuite;

} // namespace
