/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "azure-trace-reader.h"

#include "ns3/log.h"
#include "ns3/rng-stream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("AzureTraceReader");

namespace
{
/**
 * Uniform draws from a random stream of its own: an ns-3 RngStream (MRG32k3a) with seed 1,
 * stream 2^63 + n and substream 1. That is the generator, and these are the formulas, of
 * a UniformRandomVariable after SetStream(n) under RngSeed 1 and RngRun 1, so the draws are
 * those of a random variable on stream n of run 1; but nothing global is read or changed
 * (RngSeedManager's seed, run and automatic stream counter).
 */
class DemandStream
{
  public:
    /// \param stream the stream number n (>= 0)
    explicit DemandStream(int64_t stream)
        : m_rng(1, (uint64_t{1} << 63) + static_cast<uint64_t>(stream), 1)
    {
    }

    /// \return a value uniform in [min, max), as UniformRandomVariable::GetValue(min, max)
    double GetValue(double min, double max)
    {
        return min + m_rng.RandU01() * (max - min);
    }

    /// \return an integer uniform in [min, max], as UniformRandomVariable::GetInteger
    uint32_t GetInteger(uint32_t min, uint32_t max)
    {
        return static_cast<uint32_t>(GetValue(min, static_cast<double>(max) + 1.0));
    }

  private:
    RngStream m_rng; //!< the generator
};

/// Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm).
int64_t
DaysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

/**
 * \param s a text
 * \return s in double quotes, with quotes, backslashes and bytes outside printable ASCII
 * escaped (\\t, \\r, \\xHH): a tab or a stray byte in a header shows in the message
 */
std::string
Escape(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += static_cast<char>(c);
        }
        else if (c == '\t')
        {
            out += "\\t";
        }
        else if (c == '\r')
        {
            out += "\\r";
        }
        else if (c < 0x20 || c >= 0x7f)
        {
            const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        else
        {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

/**
 * \param expected the text expected
 * \param found the text found (not equal to expected)
 * \return " (they differ at character N: ...)", N 1-based
 */
std::string
FirstDifference(const std::string& expected, const std::string& found)
{
    size_t i = 0;
    while (i < expected.size() && i < found.size() && expected[i] == found[i])
    {
        ++i;
    }
    const auto at = [](const std::string& s, size_t k) {
        return k < s.size() ? Escape(s.substr(k, 1)) : std::string("the end");
    };
    return " (they differ at character " + std::to_string(i + 1) + ": expected " + at(expected, i) +
           ", found " + at(found, i) + ")";
}

/// \return true and the value if s is a whole non-negative number
bool
ParseUint(const std::string& s, uint32_t& out)
{
    if (s.empty() || s.size() > 9)
    {
        return false;
    }
    uint32_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

/// Parse "YYYY-MM-DD HH:MM:SS[.fffffff]" into seconds since the epoch.
bool
ParseTimestamp(const std::string& s, int64_t& out)
{
    int y;
    unsigned mo;
    unsigned d;
    unsigned h;
    unsigned mi;
    unsigned sec;
    int used = 0;
    if (std::sscanf(s.c_str(), "%4d-%2u-%2u %2u:%2u:%2u%n", &y, &mo, &d, &h, &mi, &sec, &used) !=
            6 ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    {
        return false;
    }
    // Fraction: up to 7 digits (100 ns ticks); more digits would be finer than a tick.
    int64_t frac = 0;
    std::string rest = s.substr(used);
    if (!rest.empty())
    {
        if (rest[0] != '.' || rest.size() < 2 || rest.size() > 8)
        {
            return false;
        }
        int64_t scale = 1000000;
        for (size_t i = 1; i < rest.size(); ++i)
        {
            if (rest[i] < '0' || rest[i] > '9')
            {
                return false;
            }
            frac += (rest[i] - '0') * scale;
            scale /= 10;
        }
    }
    int64_t secs = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    out = secs * 10000000 + frac;
    return true;
}
} // namespace

std::vector<AzureTraceRow>
AzureTraceReader::Read(const std::string& path)
{
    NS_LOG_FUNCTION(path);
    std::ifstream in(path);
    if (!in)
    {
        throw ScenarioError(path, "", "cannot open the trace file");
    }
    return Read(in, path);
}

std::vector<AzureTraceRow>
AzureTraceReader::Read(std::istream& in, const std::string& path)
{
    std::string line;
    if (!std::getline(in, line))
    {
        throw ScenarioError(path, "line 1", "empty file");
    }
    if (!line.empty() && line.back() == '\r')
    {
        line.pop_back();
    }
    // A byte order mark, as spreadsheet programs write at the start of a UTF-8 CSV.
    if (line.rfind("\xEF\xBB\xBF", 0) == 0)
    {
        line.erase(0, 3);
    }
    const std::string header = "TIMESTAMP,ContextTokens,GeneratedTokens";
    if (line != header)
    {
        throw ScenarioError(path,
                            "line 1",
                            "header must be " + Escape(header) + ", found " + Escape(line) +
                                FirstDifference(header, line));
    }
    std::vector<AzureTraceRow> rows;
    uint64_t lineNo = 1;
    while (std::getline(in, line))
    {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (line.empty())
        {
            continue;
        }
        std::string where = "line " + std::to_string(lineNo);
        std::vector<std::string> cols;
        std::stringstream ss(line);
        std::string c;
        while (std::getline(ss, c, ','))
        {
            cols.push_back(c);
        }
        if (cols.size() != 3)
        {
            throw ScenarioError(path, where, "expected 3 comma-separated columns");
        }
        AzureTraceRow r;
        if (!ParseTimestamp(cols[0], r.ticks))
        {
            throw ScenarioError(path, where, "TIMESTAMP \"" + cols[0] + "\" is not a date-time");
        }
        if (!rows.empty() && r.ticks < rows.back().ticks)
        {
            throw ScenarioError(path,
                                where,
                                "TIMESTAMP \"" + cols[0] + "\" is earlier than the previous row's");
        }
        r.timeS = static_cast<double>(r.ticks) * 1e-7;
        if (!ParseUint(cols[1], r.contextTokens))
        {
            throw ScenarioError(path, where, "ContextTokens \"" + cols[1] + "\" is not a count");
        }
        if (!ParseUint(cols[2], r.generatedTokens))
        {
            throw ScenarioError(path, where, "GeneratedTokens \"" + cols[2] + "\" is not a count");
        }
        rows.push_back(r);
    }
    if (rows.empty())
    {
        throw ScenarioError(path, "", "no data rows");
    }
    return rows;
}

void
AzureTraceReader::MakeRequests(const std::vector<AzureTraceRow>& rows,
                               const AzureTraceOptions& opt,
                               MecScenario& scenario,
                               const std::string& file)
{
    NS_LOG_FUNCTION(rows.size());
    if (opt.startRow >= rows.size())
    {
        throw ScenarioError(file, "/trace/start_row", "beyond the end of the trace");
    }
    auto cloudlets = scenario.GetCloudlets();
    if (cloudlets.empty())
    {
        throw ScenarioError(file, "/nodes", "a trace needs at least one cloudlet");
    }
    std::vector<std::string> tasks = opt.tasks;
    if (tasks.empty())
    {
        tasks = scenario.catalogue.GetTasks();
    }
    std::vector<double> weights = opt.taskWeights;
    if (weights.empty())
    {
        weights.assign(tasks.size(), 1.0);
    }
    double wsum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> best(tasks.size(), 0);
    for (size_t t = 0; t < tasks.size(); ++t)
    {
        auto ms = scenario.catalogue.GetModelsForTask(tasks[t]);
        if (ms.empty())
        {
            throw ScenarioError(file,
                                "/trace/tasks/" + std::to_string(t),
                                "no model serves task \"" + tasks[t] + "\"");
        }
        for (auto m : ms)
        {
            best[t] = std::max(best[t], scenario.catalogue.GetModels()[m].accuracy);
        }
    }
    // Three independent streams: home, task, floor. The demand is part of the scenario, so
    // it must not change with the ns-3 seed or run number a tool sets for its own
    // randomness (plan --seed), and reading a scenario must not change them either: the
    // streams are ns-3 generators of their own under seed 1, run 1 (DemandStream). Their
    // numbers lie above the small ones planners and applications fix with AssignStreams.
    const int64_t base = AzureTraceReader::STREAM_BASE + 3 * static_cast<int64_t>(opt.seed);
    DemandStream home(base);
    DemandStream task(base + 1);
    DemandStream floor(base + 2);

    size_t end = rows.size();
    if (opt.maxRequests > 0)
    {
        end = std::min(end, static_cast<size_t>(opt.startRow) + opt.maxRequests);
    }
    // Size classes: quantiles of total tokens over the rows used; class means.
    std::vector<uint32_t> sizeClass(end - opt.startRow, 0);
    std::vector<double> meanCtx;
    std::vector<double> meanGen;
    if (opt.sizeClasses > 0)
    {
        std::vector<std::pair<uint64_t, size_t>> byTokens;
        for (size_t i = opt.startRow; i < end; ++i)
        {
            byTokens.emplace_back(static_cast<uint64_t>(rows[i].contextTokens) +
                                      rows[i].generatedTokens,
                                  i - opt.startRow);
        }
        std::stable_sort(byTokens.begin(), byTokens.end());
        uint32_t n = std::min<uint32_t>(opt.sizeClasses, static_cast<uint32_t>(byTokens.size()));
        meanCtx.assign(n, 0);
        meanGen.assign(n, 0);
        std::vector<double> count(n, 0);
        for (size_t j = 0; j < byTokens.size(); ++j)
        {
            auto c = static_cast<uint32_t>(j * n / byTokens.size());
            size_t i = byTokens[j].second;
            sizeClass[i] = c;
            meanCtx[c] += rows[opt.startRow + i].contextTokens;
            meanGen[c] += rows[opt.startRow + i].generatedTokens;
            count[c] += 1;
        }
        for (uint32_t c = 0; c < n; ++c)
        {
            meanCtx[c] = std::round(meanCtx[c] / count[c]);
            meanGen[c] = std::round(meanGen[c] / count[c]);
        }
    }
    int64_t t0 = rows[opt.startRow].ticks;
    scenario.requests.clear();
    for (size_t i = opt.startRow; i < end; ++i)
    {
        const auto& row = rows[i];
        InferenceRequest r;
        r.id = static_cast<uint32_t>(scenario.requests.size());
        r.home = cloudlets[home.GetInteger(0, static_cast<uint32_t>(cloudlets.size() - 1))];
        double u = task.GetValue(0, wsum);
        size_t t = 0;
        while (t + 1 < tasks.size() && u >= weights[t])
        {
            u -= weights[t];
            ++t;
        }
        r.task = tasks[t];
        r.minAccuracy = std::min(1.0, best[t] * floor.GetValue(opt.floorLow, opt.floorHigh));
        double ctx = row.contextTokens;
        double gen = row.generatedTokens;
        if (opt.sizeClasses > 0)
        {
            ctx = meanCtx[sizeClass[i - opt.startRow]];
            gen = meanGen[sizeClass[i - opt.startRow]];
        }
        r.inputBytes = ctx * opt.bytesPerToken;
        r.outputBytes = gen * opt.bytesPerToken;
        r.tokens = std::max(1.0, ctx + gen);
        // Exact tick difference (Read() rejects rows out of time order).
        r.arrivalS = static_cast<double>(row.ticks - t0) * 1e-7 * opt.timeScale;
        scenario.requests.push_back(r);
    }
}

} // namespace mecpfm
} // namespace ns3
