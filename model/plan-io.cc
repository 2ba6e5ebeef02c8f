/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-io.h"

#include "ns3/log.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanIo");

using Json = nlohmann::json;

void
PlanIo::Write(const PlanningProblem& p,
              const PlacementPlan& plan,
              const std::string& algorithm,
              const std::string& path)
{
    const auto& sc = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    Json j;
    j["scenario"] = sc.name;
    j["algorithm"] = algorithm;
    j["requests_total"] = plan.decisions.size();
    Json cl = Json::array();
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        Json e;
        e["id"] = sc.nodes[p.GetSiteNode(c)].id;
        Json ms = Json::array();
        for (auto m : plan.models[c])
        {
            ms.push_back(cat.GetModels()[m].id);
        }
        Json bs = Json::array();
        for (auto k : plan.heldBlocks[c])
        {
            bs.push_back(cat.GetBlocks()[k].id);
        }
        e["models"] = ms;
        e["blocks"] = bs;
        cl.push_back(e);
    }
    j["cloudlets"] = cl;
    Json rs = Json::array();
    for (uint32_t r = 0; r < plan.decisions.size(); ++r)
    {
        const auto& d = plan.decisions[r];
        Json e;
        e["id"] = r;
        if (d.rejected)
        {
            e["rejected"] = true;
        }
        else
        {
            e["site"] = sc.nodes[p.GetSiteNode(d.site)].id;
            e["model"] = cat.GetModels()[d.model].id;
        }
        rs.push_back(e);
    }
    j["requests"] = rs;
    std::ofstream out(path);
    if (!out)
    {
        throw ScenarioError(path, "", "cannot write the plan file");
    }
    out << j.dump(1) << "\n";
    if (!out)
    {
        throw ScenarioError(path, "", "write failed");
    }
}

PlacementPlan
PlanIo::Read(const PlanningProblem& p, const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the plan file");
    }
    Json j;
    try
    {
        j = Json::parse(in);
    }
    catch (const Json::parse_error& e)
    {
        throw ScenarioError(path, "byte " + std::to_string(e.byte), "malformed JSON");
    }
    const auto& sc = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    auto fail = [&path](const std::string& where, const std::string& why) {
        throw ScenarioError(path, where, why);
    };
    auto str = [&](const Json& v, const std::string& where) {
        if (!v.is_string())
        {
            fail(where, "must be a string");
        }
        return v.get<std::string>();
    };
    if (!j.is_object() || !j.contains("cloudlets") || !j["cloudlets"].is_array())
    {
        fail("/cloudlets", "missing required array \"cloudlets\"");
    }
    if (!j.contains("requests") || !j["requests"].is_array())
    {
        fail("/requests", "missing required array \"requests\"");
    }
    PlacementPlan plan;
    plan.heldBlocks.assign(p.GetNCloudlets(), {});
    plan.models.assign(p.GetNCloudlets(), {});
    std::set<uint32_t> seenCloudlet;
    for (size_t i = 0; i < j["cloudlets"].size(); ++i)
    {
        std::string w = "/cloudlets/" + std::to_string(i);
        const Json& e = j["cloudlets"][i];
        if (!e.is_object())
        {
            fail(w, "must be an object");
        }
        std::string id = str(e.value("id", Json()), w + "/id");
        int64_t node = sc.FindNode(id);
        int64_t site = node < 0 ? -1 : p.GetNodeSite(static_cast<uint32_t>(node));
        if (site < 0 || p.IsDc(static_cast<uint32_t>(site)))
        {
            fail(w + "/id", "\"" + id + "\" is not a cloudlet of scenario \"" + sc.name + "\"");
        }
        if (!seenCloudlet.insert(site).second)
        {
            fail(w + "/id", "cloudlet \"" + id + "\" listed twice");
        }
        std::set<uint32_t> ms;
        std::set<uint32_t> ks;
        const Json& mj = e.value("models", Json::array());
        for (size_t k = 0; k < mj.size(); ++k)
        {
            std::string mid = str(mj[k], w + "/models/" + std::to_string(k));
            int64_t m = cat.FindModel(mid);
            if (m < 0)
            {
                fail(w + "/models/" + std::to_string(k), "unknown model \"" + mid + "\"");
            }
            ms.insert(static_cast<uint32_t>(m));
        }
        const Json& bj = e.value("blocks", Json::array());
        for (size_t k = 0; k < bj.size(); ++k)
        {
            std::string bid = str(bj[k], w + "/blocks/" + std::to_string(k));
            int64_t b = cat.FindBlock(bid);
            if (b < 0)
            {
                fail(w + "/blocks/" + std::to_string(k), "unknown block \"" + bid + "\"");
            }
            ks.insert(static_cast<uint32_t>(b));
        }
        plan.models[site].assign(ms.begin(), ms.end());
        plan.heldBlocks[site].assign(ks.begin(), ks.end());
    }
    size_t n = sc.requests.size();
    if (j["requests"].size() != n)
    {
        fail("/requests",
             "has " + std::to_string(j["requests"].size()) + " decisions, the scenario " +
                 std::to_string(n) + " requests");
    }
    plan.decisions.resize(n);
    std::vector<bool> seen(n, false);
    for (size_t i = 0; i < n; ++i)
    {
        std::string w = "/requests/" + std::to_string(i);
        const Json& e = j["requests"][i];
        if (!e.is_object() || !e.contains("id") || !e["id"].is_number_unsigned())
        {
            fail(w + "/id", "missing or not a request index");
        }
        auto id = e["id"].get<uint64_t>();
        if (id >= n)
        {
            fail(w + "/id", "request " + std::to_string(id) + " does not exist");
        }
        if (seen[id])
        {
            fail(w + "/id", "request " + std::to_string(id) + " decided twice");
        }
        seen[id] = true;
        auto& d = plan.decisions[id];
        if (e.value("rejected", false))
        {
            d.rejected = true;
            continue;
        }
        std::string site = str(e.value("site", Json()), w + "/site");
        int64_t node = sc.FindNode(site);
        int64_t s = node < 0 ? -1 : p.GetNodeSite(static_cast<uint32_t>(node));
        if (s < 0)
        {
            fail(w + "/site", "\"" + site + "\" is neither a cloudlet nor the data center");
        }
        std::string model = str(e.value("model", Json()), w + "/model");
        int64_t m = cat.FindModel(model);
        if (m < 0)
        {
            fail(w + "/model", "unknown model \"" + model + "\"");
        }
        d.site = static_cast<uint32_t>(s);
        d.model = static_cast<uint32_t>(m);
    }
    return plan;
}

} // namespace mecpfm
} // namespace ns3
