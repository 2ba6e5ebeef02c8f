/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plan-io.h"

#include "json-text.h"
#include "scenario-json.h"

#include "ns3/log.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PlanIo");

using Json = nlohmann::json;
using J = ScenarioJson;

void
PlanIo::Write(const PlanningProblem& p,
              const PlacementPlan& plan,
              const std::string& algorithm,
              const std::string& path)
{
    const auto& sc = p.GetScenario();
    const auto& cat = p.GetCatalogue();
    Json j;
    j[J::Plan::SCENARIO] = sc.name;
    j[J::Plan::ALGORITHM] = algorithm;
    j[J::Plan::REQUESTS_TOTAL] = plan.decisions.size();
    Json cl = Json::array();
    for (uint32_t c = 0; c < p.GetNCloudlets(); ++c)
    {
        Json e;
        e[J::PlanCloudlet::ID] = sc.nodes[p.GetSiteNode(c)].id;
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
        e[J::PlanCloudlet::MODELS] = ms;
        e[J::PlanCloudlet::BLOCKS] = bs;
        cl.push_back(e);
    }
    j[J::Plan::CLOUDLETS] = cl;
    Json rs = Json::array();
    for (uint32_t r = 0; r < plan.decisions.size(); ++r)
    {
        const auto& d = plan.decisions[r];
        Json e;
        e[J::PlanRequest::ID] = r;
        if (d.rejected)
        {
            e[J::PlanRequest::REJECTED] = true;
        }
        else
        {
            e[J::PlanRequest::SITE] = sc.nodes[p.GetSiteNode(d.site)].id;
            e[J::PlanRequest::MODEL] = cat.GetModels()[d.model].id;
        }
        rs.push_back(e);
    }
    j[J::Plan::REQUESTS] = rs;
    // Written beside it, then renamed: a failed write never leaves a truncated plan file.
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp);
        if (!out)
        {
            throw ScenarioError(path, "", "cannot write the plan file");
        }
        out << j.dump(1) << "\n";
        out.close();
        if (!out)
        {
            std::remove(tmp.c_str());
            throw ScenarioError(path, "", "write failed");
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
    {
        std::remove(tmp.c_str());
        throw ScenarioError(path, "", "cannot write the plan file");
    }
}

namespace
{
/// Plan-file reading with errors that name the file and the JSON path.
class PlanReader
{
  public:
    /**
     * \param p the problem the plan is for
     * \param path the plan file, for errors
     */
    PlanReader(const PlanningProblem& p, const std::string& path)
        : m_p(p),
          m_path(path)
    {
    }

    /// Throw a ScenarioError naming the file, where (a JSON path) and why.
    [[noreturn]] void Fail(const std::string& where, const std::string& why) const
    {
        throw ScenarioError(m_path, where, why);
    }

    /// \return the string v at where
    std::string String(const Json& v, const std::string& where) const
    {
        if (!v.is_string())
        {
            Fail(where, "must be a string");
        }
        return v.get<std::string>();
    }

    /// \return the required array key of the top-level object j
    const Json& TopArray(const Json& j, const char* key) const
    {
        if (!j.is_object() || !j.contains(key) || !j[key].is_array())
        {
            Fail(std::string("/") + key, std::string("missing required array \"") + key + "\"");
        }
        return j[key];
    }

    /// \return the ids of an optional array of model or block ids at where, as indices
    std::vector<uint32_t> Ids(const Json& e,
                              const char* key,
                              const std::string& where,
                              bool models) const
    {
        const auto& cat = m_p.GetCatalogue();
        std::set<uint32_t> out;
        const Json& a = e.value(key, Json::array());
        if (!a.is_array())
        {
            Fail(where + "/" + key,
                 "must be an array of " + std::string(models ? "model" : "block") + " ids");
        }
        for (size_t k = 0; k < a.size(); ++k)
        {
            const std::string w = where + "/" + key + "/" + std::to_string(k);
            std::string id = String(a[k], w);
            int64_t x = models ? cat.FindModel(id) : cat.FindBlock(id);
            if (x < 0)
            {
                Fail(w, std::string(models ? "unknown model \"" : "unknown block \"") + id + "\"");
            }
            out.insert(static_cast<uint32_t>(x));
        }
        return std::vector<uint32_t>(out.begin(), out.end());
    }

    /// Read the "cloudlets" array into plan.models and plan.heldBlocks.
    void Cloudlets(const Json& cloudlets, PlacementPlan& plan) const
    {
        const auto& sc = m_p.GetScenario();
        std::set<uint32_t> seen;
        for (size_t i = 0; i < cloudlets.size(); ++i)
        {
            std::string w = std::string("/") + J::Plan::CLOUDLETS + "/" + std::to_string(i);
            const Json& e = cloudlets[i];
            if (!e.is_object())
            {
                Fail(w, "must be an object");
            }
            const std::string wid = w + "/" + J::PlanCloudlet::ID;
            std::string id = String(e.value(J::PlanCloudlet::ID, Json()), wid);
            int64_t node = sc.FindNode(id);
            int64_t site = node < 0 ? -1 : m_p.GetNodeSite(static_cast<uint32_t>(node));
            if (site < 0 || m_p.IsDc(static_cast<uint32_t>(site)))
            {
                Fail(wid, "\"" + id + "\" is not a cloudlet of scenario \"" + sc.name + "\"");
            }
            if (!seen.insert(site).second)
            {
                Fail(wid, "cloudlet \"" + id + "\" listed twice");
            }
            plan.models[site] = Ids(e, J::PlanCloudlet::MODELS, w, true);
            plan.heldBlocks[site] = Ids(e, J::PlanCloudlet::BLOCKS, w, false);
        }
    }

    /// Read the "requests" array (one decision per request of the scenario) into plan.
    void Decisions(const Json& requests, PlacementPlan& plan) const
    {
        const auto& sc = m_p.GetScenario();
        size_t n = sc.requests.size();
        if (requests.size() != n)
        {
            Fail(std::string("/") + J::Plan::REQUESTS,
                 "has " + std::to_string(requests.size()) + " decisions, the scenario " +
                     std::to_string(n) + " requests");
        }
        plan.decisions.resize(n);
        std::vector<bool> seen(n, false);
        for (size_t i = 0; i < n; ++i)
        {
            std::string w = std::string("/") + J::Plan::REQUESTS + "/" + std::to_string(i);
            const Json& e = requests[i];
            const std::string wid = w + "/" + J::PlanRequest::ID;
            if (!e.is_object() || !e.contains(J::PlanRequest::ID) ||
                !e[J::PlanRequest::ID].is_number_unsigned())
            {
                Fail(wid, "missing or not a request index");
            }
            auto id = e[J::PlanRequest::ID].get<uint64_t>();
            if (id >= n)
            {
                Fail(wid, "request " + std::to_string(id) + " does not exist");
            }
            if (seen[id])
            {
                Fail(wid, "request " + std::to_string(id) + " decided twice");
            }
            seen[id] = true;
            plan.decisions[id] = Decision(e, w);
        }
    }

  private:
    /// \return the decision of request entry e at w
    RequestDecision Decision(const Json& e, const std::string& w) const
    {
        RequestDecision d;
        const Json& rejected = e.value(J::PlanRequest::REJECTED, Json(false));
        if (!rejected.is_boolean())
        {
            Fail(w + "/" + J::PlanRequest::REJECTED, "must be true or false");
        }
        if (rejected.get<bool>())
        {
            d.rejected = true;
            return d;
        }
        const std::string ws = w + "/" + J::PlanRequest::SITE;
        std::string site = String(e.value(J::PlanRequest::SITE, Json()), ws);
        int64_t node = m_p.GetScenario().FindNode(site);
        int64_t s = node < 0 ? -1 : m_p.GetNodeSite(static_cast<uint32_t>(node));
        if (s < 0)
        {
            Fail(ws, "\"" + site + "\" is neither a cloudlet nor the data center");
        }
        const std::string wm = w + "/" + J::PlanRequest::MODEL;
        std::string model = String(e.value(J::PlanRequest::MODEL, Json()), wm);
        int64_t m = m_p.GetCatalogue().FindModel(model);
        if (m < 0)
        {
            Fail(wm, "unknown model \"" + model + "\"");
        }
        d.site = static_cast<uint32_t>(s);
        d.model = static_cast<uint32_t>(m);
        return d;
    }

    const PlanningProblem& m_p; //!< the problem
    std::string m_path;         //!< the plan file
};
} // namespace

PlacementPlan
PlanIo::Read(const PlanningProblem& p, const std::string& path)
{
    NS_LOG_FUNCTION(path);
    std::ifstream in(path);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the plan file");
    }
    return Read(p, in, path);
}

PlacementPlan
PlanIo::Read(const PlanningProblem& p, std::istream& in, const std::string& path)
{
    std::stringstream text;
    text << in.rdbuf();
    const Json j = JsonText::Parse(text.str(), path);
    PlanReader rd(p, path);
    if (!j.is_object())
    {
        throw ScenarioError(path, "/", "must be an object");
    }
    // A plan names its scenario: a plan of another one would be replayed against the wrong
    // requests.
    if (j.contains(J::Plan::SCENARIO) && j[J::Plan::SCENARIO].is_string() &&
        j[J::Plan::SCENARIO].get<std::string>() != p.GetScenario().name)
    {
        throw ScenarioError(path,
                            std::string("/") + J::Plan::SCENARIO,
                            "the plan is for scenario \"" +
                                j[J::Plan::SCENARIO].get<std::string>() + "\", not \"" +
                                p.GetScenario().name + "\"");
    }
    const Json& cloudlets = rd.TopArray(j, J::Plan::CLOUDLETS);
    const Json& requests = rd.TopArray(j, J::Plan::REQUESTS);
    PlacementPlan plan;
    plan.heldBlocks.assign(p.GetNCloudlets(), {});
    plan.models.assign(p.GetNCloudlets(), {});
    rd.Cloudlets(cloudlets, plan);
    rd.Decisions(requests, plan);
    return plan;
}

} // namespace mecpfm
} // namespace ns3
