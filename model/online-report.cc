/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "online-report.h"

#include "placement-plan.h"
#include "planning-problem.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

OnlineReport::OnlineReport(const PlanningProblem& problem,
                           std::vector<OnlineRecord> records,
                           OnlineRunInfo info)
    : m_records(std::move(records)),
      m_info(std::move(info))
{
    Summarise(problem);
    // decisions.csv names sites and models by index: summary.json maps them to names.
    const auto& nodes = problem.GetScenario().nodes;
    for (uint32_t s = 0; s < problem.GetNSites(); ++s)
    {
        m_names["sites"].push_back(nodes[problem.GetSiteNode(s)].id);
    }
    for (const auto& m : problem.GetCatalogue().GetModels())
    {
        m_names["models"].push_back(m.id);
    }
}

const std::vector<OnlineRecord>&
OnlineReport::GetRecords() const
{
    return m_records;
}

const nlohmann::json&
OnlineReport::GetSummary() const
{
    return m_summary;
}

void
OnlineReport::Summarise(const PlanningProblem& problem)
{
    uint32_t completed = 0;
    uint32_t rejected = 0;
    uint32_t failed = 0;
    uint32_t rerouted = 0;
    double total = 0;
    double acc = 0;
    double regret = 0;
    double totalCost = 0;
    double observed = 0;
    double flopsEdge = 0;
    double flopsDc = 0;
    for (const auto& r : m_records)
    {
        observed += r.observed.size();
        regret += r.regretS;
        totalCost -= r.reward;
        switch (r.outcome)
        {
        case OnlineOutcome::COMPLETED:
            ++completed;
            total += r.delayS;
            acc += r.accuracy;
            (problem.IsDc(static_cast<uint32_t>(r.servedSite)) ? flopsDc : flopsEdge) += r.flops;
            rerouted += r.rerouted ? 1 : 0;
            break;
        case OnlineOutcome::REJECTED:
            ++rejected;
            break;
        case OnlineOutcome::FAILED:
            ++failed;
            break;
        }
    }
    const double n = static_cast<double>(m_records.size());
    CostUsage usage;
    usage.pulledBytes = m_info.pulledBytes;
    usage.edgeFlops = flopsEdge;
    usage.dcFlops = flopsDc;
    usage.heldBytes = m_info.storageByteSeconds; // byte-seconds: held for 1 s
    usage.horizonS = 1;
    const double cost = m_info.cost >= 0 ? m_info.cost : CostModel().GetCost(usage);
    auto& j = m_summary;
    j = nlohmann::json::object();
    j["policy"] = m_info.policy;
    j["mode"] = m_info.mode;
    j["scenario"] = problem.GetScenario().name;
    j["seed"] = m_info.seed;
    j["decisions"] = m_records.size();
    j["completed"] = completed;
    j["rejected"] = rejected;
    j["failed"] = failed;
    j["rerouted"] = rerouted;
    j["mean_delay_s"] = completed ? total / completed : 0.0;
    j["total_delay_s"] = total;
    j["total_cost_s"] = totalCost;
    j["avg_accuracy"] = n > 0 ? acc / n : 0.0;
    j["cost"] = cost;
    j["pulled_bytes"] = m_info.pulledBytes;
    j["regret_s"] = regret;
    j["features_per_decision"] = n > 0 ? observed / n : 0.0;
    j["features"] = m_info.features;
    j["slot_s"] = m_info.slotS;
    if (m_info.stateReportS > 0) // absent for live reads: the summaries of before stay as they were
    {
        j["state_reports_s"] = m_info.stateReportS;
        j["state_reports_on_change"] = m_info.stateReportOnChange;
        j["report_age_mean_s"] = m_info.reportAgeMeanS;
        j["report_age_max_s"] = m_info.reportAgeMaxS;
    }
    j["wall_s"] = m_info.wallS;
    if (m_info.policyWallS >= 0)
    {
        j["policy_wall_s"] = m_info.policyWallS;
    }
    j["decisions_per_s"] = m_info.wallS > 0 ? n / m_info.wallS : 0.0;
}

bool
OnlineReport::WriteDecisionsCsv(const std::string& path) const
{
    std::ofstream f(path);
    if (!f)
    {
        return false;
    }
    f << "request_id,time_s,site,model,delay_s,reward,regret_s,observed\n";
    f << std::setprecision(12);
    for (const auto& r : m_records)
    {
        f << r.requestId << ',' << r.timeS << ',' << r.site << ',' << r.model << ',' << r.delayS
          << ',' << r.reward << ',' << r.regretS << ',';
        for (size_t i = 0; i < r.observed.size(); ++i)
        {
            f << (i ? "|" : "") << m_info.featureNames.at(r.observed[i]);
        }
        f << '\n';
    }
    return static_cast<bool>(f);
}

bool
OnlineReport::WriteSummaryJson(const std::string& path) const
{
    std::ofstream f(path);
    if (!f)
    {
        return false;
    }
    nlohmann::json j = m_summary;
    j["sites"] = m_names["sites"];   // decisions.csv's site indices, by name
    j["models"] = m_names["models"]; // its model indices, by name
    f << j.dump(2) << '\n';
    return static_cast<bool>(f);
}

std::string
OnlineReport::PackRecords(const std::vector<OnlineRecord>& records)
{
    // Doubles in hexadecimal floating point: every bit kept, infinities and NaN included.
    std::ostringstream os;
    os << std::hexfloat;
    for (const OnlineRecord& r : records)
    {
        os << r.requestId << ' ' << r.timeS << ' ' << r.site << ' ' << r.model << ' '
           << r.servedSite << ' ' << r.rerouted << ' ' << static_cast<int>(r.outcome) << ' '
           << r.delayS << ' ' << r.reward << ' ' << r.regretS << ' ' << r.accuracy << ' ' << r.flops
           << ' ' << r.ended << ' ' << r.observed.size();
        for (uint32_t f : r.observed)
        {
            os << ' ' << f;
        }
        os << '\n';
    }
    return os.str();
}

namespace
{

/**
 * \brief One line of PackRecords, read field by field.
 */
class PackedLine
{
  public:
    /** \param line the line */
    explicit PackedLine(const std::string& line)
        : m_in(line)
    {
    }

    /** \return the next field as a number (NaN, and Ok() false, if there is none) */
    double Next()
    {
        std::string w;
        if (!(m_in >> w))
        {
            m_ok = false;
            return std::nan("");
        }
        char* end = nullptr;
        const double v = std::strtod(w.c_str(), &end);
        m_ok = m_ok && end && *end == '\0';
        return v;
    }

    /**
     * \param lo the smallest value
     * \param hi the largest value
     * \return the next field as an integer in [lo, hi] (Ok() false if it is not)
     */
    int64_t NextInt(int64_t lo, int64_t hi)
    {
        const double v = Next();
        m_ok = m_ok && v >= lo && v <= hi && v == std::floor(v);
        return m_ok ? static_cast<int64_t>(v) : 0;
    }

    /** \return every field read so far was well formed */
    bool Ok()
    {
        return m_ok;
    }

    /** \return no field is left */
    bool AtEnd()
    {
        std::string w;
        return !(m_in >> w);
    }

  private:
    std::istringstream m_in; //!< the line
    bool m_ok{true};         //!< no error so far
};

} // namespace

std::string
OnlineReport::UnpackRecords(const std::string& text, std::vector<OnlineRecord>& records)
{
    std::istringstream in(text);
    std::string line;
    const int64_t u32 = std::numeric_limits<uint32_t>::max();
    for (uint64_t n = 1; std::getline(in, line); ++n)
    {
        PackedLine f(line);
        OnlineRecord r;
        r.requestId = static_cast<uint32_t>(f.NextInt(0, u32));
        r.timeS = f.Next();
        r.site = f.NextInt(-1, u32);
        r.model = f.NextInt(-1, u32);
        r.servedSite = f.NextInt(-1, u32);
        r.rerouted = f.NextInt(0, 1);
        r.outcome =
            static_cast<OnlineOutcome>(f.NextInt(0, static_cast<int>(OnlineOutcome::FAILED)));
        r.delayS = f.Next();
        r.reward = f.Next();
        r.regretS = f.Next();
        r.accuracy = f.Next();
        r.flops = f.Next();
        r.ended = f.NextInt(0, 1);
        r.observed.resize(f.NextInt(0, 1 << 16));
        for (auto& o : r.observed)
        {
            o = static_cast<uint32_t>(f.NextInt(0, u32));
        }
        if (!f.Ok() || !f.AtEnd())
        {
            return "record " + std::to_string(n) + ": not a line of OnlineReport::PackRecords";
        }
        records.push_back(std::move(r));
    }
    return "";
}

std::string
OnlineReport::PackRankPart(const OnlineRankPart& part)
{
    std::ostringstream os;
    os << std::hexfloat << part.policyWallS << ' ' << part.reportAgeMeanS << ' '
       << part.reportAgeMaxS << ' ' << part.reportAges << '\n';
    return os.str() + PackRecords(part.records);
}

std::string
OnlineReport::MergeRankPart(const std::string& text, OnlineRankPart& merged)
{
    const size_t eol = text.find('\n');
    PackedLine f(text.substr(0, eol));
    const double wall = f.Next();
    const double mean = f.Next();
    const double max = f.Next();
    const auto count = static_cast<uint64_t>(f.NextInt(0, int64_t(1) << 53));
    if (eol == std::string::npos || !f.Ok() || !f.AtEnd())
    {
        return "the figures line is not one of OnlineReport::PackRankPart";
    }
    if (std::string bad = UnpackRecords(text.substr(eol + 1), merged.records); !bad.empty())
    {
        return bad;
    }
    const uint64_t all = merged.reportAges + count;
    merged.reportAgeMeanS =
        all > 0 ? (merged.reportAgeMeanS * merged.reportAges + mean * count) / all : 0.0;
    merged.reportAges = all;
    merged.reportAgeMaxS = std::max(merged.reportAgeMaxS, max);
    merged.policyWallS += wall;
    return "";
}

} // namespace mecpfm
} // namespace ns3
