/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool experiment`: runs.csv, the figures (gnuplot) and the headline table.
 *
 * Statistics: per (point, algorithm) the mean over the seeds with a plan, and the 95 %
 * confidence interval mean +- t(0.975, n-1) s / sqrt(n) (Student t, s the sample standard
 * deviation); a single seed has no interval. The headline compares paired runs (same
 * point, same seed, hence the same scenario) as relative changes in percent.
 */

#include "tool-child.h"
#include "tool-experiment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

const char* const kExperimentCsvHeader =
    "experiment,point,x,requests,seed,algorithm,status,objective_s,lower_bound_s,"
    "avg_accuracy,cost,pull_bytes,wall_s,measured_total_delay_s,mean_upload_s,"
    "mean_wait_model_s,mean_queue_s,mean_processing_s,mean_download_s,failed,regret_s";

const char* const kExperimentParts[5] = {"upload", "wait_model", "queue", "processing", "download"};

namespace
{
/// \return the CSV field as a number, NaN if empty
double
Field(const std::string& s)
{
    try
    {
        return s.empty() ? NAN : std::stod(s);
    }
    catch (const std::exception&)
    {
        return NAN;
    }
}

/// \return a CSV field: the number, or empty if not finite
std::string
CsvNum(double x)
{
    if (!std::isfinite(x))
    {
        return "";
    }
    char b[64];
    std::snprintf(b, sizeof(b), "%.10g", x);
    return b;
}

/// Mean and 95 % interval half-width of a sample.
struct Stat
{
    double mean{NAN}; //!< mean
    double half{0};   //!< half-width of the 95 % interval (0 for n < 2)
    size_t n{0};      //!< sample size
};

/// \return t(0.975, df), Student's t quantile
double
TQuantile(size_t df)
{
    static const double t[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                               2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                               2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                               2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    return df == 0 ? NAN : (df <= 30 ? t[df - 1] : 1.96);
}

/// \return mean and 95 % interval of the finite values of v
Stat
Summarise(const std::vector<double>& v)
{
    Stat s;
    double sum = 0;
    for (double x : v)
    {
        if (std::isfinite(x))
        {
            sum += x;
            ++s.n;
        }
    }
    if (s.n == 0)
    {
        return s;
    }
    s.mean = sum / s.n;
    double ss = 0;
    for (double x : v)
    {
        if (std::isfinite(x))
        {
            ss += (x - s.mean) * (x - s.mean);
        }
    }
    s.half = s.n > 1 ? TQuantile(s.n - 1) * std::sqrt(ss / (s.n - 1) / s.n) : 0;
    return s;
}

/// \return whether the run has a plan (a status with a finite objective): planned, carried
/// out with packets (simulated) or decided online
bool
HasPlan(const ExperimentRow& r)
{
    return (r.status == "optimal" || r.status == "feasible" || r.status == "time_limit" ||
            r.status == "simulated" || r.status == "online") &&
           std::isfinite(r.objective);
}

/// \return the value of a figure's column in a row (NaN if the run has none)
double
Value(const ExperimentRow& r, const std::string& column)
{
    if (column == "wall")
    {
        return r.wall;
    }
    if (r.algorithm == "lp")
    {
        // The LP is a floor: its bound on the total delay, no plan.
        return column == "delay" ? r.bound : NAN;
    }
    if (!HasPlan(r))
    {
        return NAN;
    }
    if (column == "delay")
    {
        return r.objective;
    }
    if (column == "cost")
    {
        return r.requests > 0 ? r.cost / r.requests : NAN;
    }
    if (column == "pull")
    {
        return r.pullBytes / 1e9;
    }
    if (column == "measured")
    {
        return r.measured;
    }
    return r.accuracy;
}

/**
 * \param rows the rows
 * \return the algorithms of the rows in name order: runs.csv holds rows in the order the
 * runs ended, which two calls with --jobs=2 need not share, and the figures and the
 * headline must not depend on it
 */
std::vector<std::string>
AlgorithmsOf(const std::vector<ExperimentRow>& rows)
{
    std::set<std::string> names;
    for (const auto& r : rows)
    {
        names.insert(r.algorithm);
    }
    return {names.begin(), names.end()};
}

/**
 * \brief Write a figure's data file: one block per algorithm (x mean low high n).
 * \param e the experiment
 * \param f the figure
 * \param rows the rows
 * \param file the data file
 * \return the algorithms with a block, in block order
 */
std::vector<std::string>
WriteFigureData(const Experiment& e,
                const ExperimentFigure& f,
                const std::vector<ExperimentRow>& rows,
                const std::string& file)
{
    std::ofstream os(file);
    os << "# " << e.name << " / " << f.name << ": x mean ci_low ci_high seeds\n";
    std::vector<std::string> algs;
    for (const auto& alg : AlgorithmsOf(rows))
    {
        std::ostringstream block;
        for (const auto& p : e.points)
        {
            std::vector<double> v;
            for (const auto& r : rows)
            {
                if (r.point == p.label && r.algorithm == alg)
                {
                    v.push_back(Value(r, f.column));
                }
            }
            Stat s = Summarise(v);
            if (s.n > 0)
            {
                block << p.x << " " << s.mean << " " << s.mean - s.half << " " << s.mean + s.half
                      << " " << s.n << "\n";
            }
        }
        if (!block.str().empty())
        {
            os << "# " << alg << "\n" << block.str() << "\n\n";
            algs.push_back(alg);
        }
    }
    return algs;
}

/**
 * \brief Write a figure's gnuplot script.
 * \param e the experiment
 * \param f the figure
 * \param algs the data file's blocks
 * \param file the script
 */
void
WriteFigureScript(const Experiment& e,
                  const ExperimentFigure& f,
                  const std::vector<std::string>& algs,
                  const std::string& file)
{
    std::ofstream os(file);
    os << "# ./mec-pfm experiment " << e.name << ": " << f.yLabel << " " << e.title
       << "\n# mean over seeds, error bars: 95 % Student-t interval. Run: gnuplot " << f.name
       << ".gp (in this folder)\n"
       << "set terminal pngcairo size 960,600 noenhanced font ',10'\n"
       << "set output '" << f.name << ".png'\n"
       << "set title \"" << f.yLabel << " " << e.title << "\\n"
       << e.scenario << "\"\n"
       << "set xlabel '" << e.xLabel << "'\nset ylabel '" << f.yLabel << "'\n"
       << "set key outside right top\nset grid\n"
       << "set linetype 9 lc rgb '#8c564b' pt 9\n" // gnuplot's default cycle has 8 colours
       << (e.xLog ? "set logscale x\n" : "") << (f.yLog ? "set logscale y\n" : "") << "plot ";
    for (size_t i = 0; i < algs.size(); ++i)
    {
        os << (i ? ", \\\n     " : "") << "'" << f.name << ".dat' index " << i
           << " using 1:2:3:4 with yerrorlines lw 1.5 title '"
           << (algs[i] == "lp" ? "lp (bound)" : algs[i]) << "'";
    }
    os << "\n";
}

/// \return whether file exists with a size > 0
bool
NonEmpty(const std::string& file)
{
    std::ifstream is(file, std::ios::binary | std::ios::ate);
    return is && is.tellg() > 0;
}
} // namespace

std::string
ExperimentCsvLine(const ExperimentRow& r)
{
    return r.experiment + "," + r.point + "," + CsvNum(r.x) + "," + CsvNum(r.requests) + "," +
           std::to_string(r.seed) + "," + r.algorithm + "," + r.status + "," + CsvNum(r.objective) +
           "," + CsvNum(r.bound) + "," + CsvNum(r.accuracy) + "," + CsvNum(r.cost) + "," +
           CsvNum(r.pullBytes) + "," + CsvNum(r.wall) + "," + CsvNum(r.measured) + "," +
           CsvNum(r.parts[0]) + "," + CsvNum(r.parts[1]) + "," + CsvNum(r.parts[2]) + "," +
           CsvNum(r.parts[3]) + "," + CsvNum(r.parts[4]) + "," + CsvNum(r.failed) + "," +
           CsvNum(r.regret);
}

std::vector<ExperimentRow>
ReadExperimentRows(const std::string& path)
{
    std::vector<ExperimentRow> out;
    std::ifstream is(path);
    std::string line;
    while (std::getline(is, line))
    {
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string x;
        while (std::getline(ss, x, ','))
        {
            f.push_back(x);
        }
        if (!line.empty() && line.back() == ',')
        {
            f.emplace_back();
        }
        if ((f.size() != 13 && f.size() != 21) || f[0] == "experiment")
        {
            continue; // the header, or a line cut by an interruption (13: before the
                      // packet and online columns)
        }
        out.push_back(ExperimentRow{f[0],
                                    f[1],
                                    Field(f[2]),
                                    Field(f[3]),
                                    static_cast<uint32_t>(Field(f[4])),
                                    f[5],
                                    f[6],
                                    Field(f[7]),
                                    Field(f[8]),
                                    Field(f[9]),
                                    Field(f[10]),
                                    Field(f[11]),
                                    Field(f[12])});
        if (f.size() == 21)
        {
            ExperimentRow& r = out.back();
            r.measured = Field(f[13]);
            for (size_t i = 0; i < 5; ++i)
            {
                r.parts[i] = Field(f[14 + i]);
            }
            r.failed = Field(f[19]);
            r.regret = Field(f[20]);
        }
    }
    // runs.csv holds rows in the order the runs ended; the means (sums in row order), the
    // figures and the headline must not depend on it.
    std::stable_sort(out.begin(), out.end(), [](const ExperimentRow& a, const ExperimentRow& b) {
        return std::tie(a.point, a.algorithm, a.seed) < std::tie(b.point, b.algorithm, b.seed);
    });
    return out;
}

namespace
{
/// Per planner of a packet experiment's point: planned, measured and the measured parts.
struct PacketStats
{
    std::string algorithm; //!< planner
    Stat planned;          //!< planned total delay, s
    Stat measured;         //!< measured total delay, s
    Stat parts[5];         //!< measured parts, s (summed over the completed requests)
    Stat failed;           //!< failed and rejected requests
    Stat pulled;           //!< pulled GB
    Stat other;            //!< measured total minus the five parts: the pulls' time, s
};

/// \return the statistics of each planner of a packet experiment's first point
std::vector<PacketStats>
PacketTable(const Experiment& e, const std::vector<ExperimentRow>& rows)
{
    std::vector<PacketStats> out;
    for (const auto& alg : AlgorithmsOf(rows))
    {
        std::vector<double> v[10];
        for (const auto& r : rows)
        {
            if (r.algorithm != alg || r.point != e.points[0].label || !HasPlan(r))
            {
                continue;
            }
            // The measured total delay is the completed requests' delays (the five parts,
            // means per request) plus the pulls' time (MecPfmStatsCollector).
            const double done = r.requests - (std::isfinite(r.failed) ? r.failed : 0);
            double x[9] = {r.objective,
                           r.measured,
                           r.parts[0] * done,
                           r.parts[1] * done,
                           r.parts[2] * done,
                           r.parts[3] * done,
                           r.parts[4] * done,
                           r.failed,
                           r.pullBytes / 1e9};
            double other = r.measured;
            for (size_t i = 0; i < 9; ++i)
            {
                v[i].push_back(x[i]);
                other -= i >= 2 && i < 7 ? x[i] : 0;
            }
            v[9].push_back(other);
        }
        PacketStats p;
        p.algorithm = alg;
        p.planned = Summarise(v[0]);
        p.measured = Summarise(v[1]);
        for (size_t i = 0; i < 5; ++i)
        {
            p.parts[i] = Summarise(v[2 + i]);
        }
        p.failed = Summarise(v[7]);
        p.pulled = Summarise(v[8]);
        p.other = Summarise(v[9]);
        out.push_back(p);
    }
    return out;
}

/**
 * \brief A bar figure of a packet experiment's point: planned and measured total delay
 * per planner (errorbars: 95 % interval), or the measured parts stacked.
 * \param e the experiment
 * \param f the figure (planned-vs-measured or breakdown)
 * \param rows its rows
 * \param dir its folder
 */
void
WriteBarFigure(const Experiment& e,
               const ExperimentFigure& f,
               const std::vector<ExperimentRow>& rows,
               const std::string& dir)
{
    std::ofstream d(dir + "/" + f.name + ".dat");
    d << "# planner planned ci_low ci_high measured ci_low ci_high upload wait_model queue "
         "processing download pulls (s)\n";
    for (const auto& p : PacketTable(e, rows))
    {
        d << p.algorithm << " " << p.planned.mean << " " << p.planned.mean - p.planned.half << " "
          << p.planned.mean + p.planned.half << " " << p.measured.mean << " "
          << p.measured.mean - p.measured.half << " " << p.measured.mean + p.measured.half;
        for (const auto& q : p.parts)
        {
            d << " " << q.mean;
        }
        d << " " << p.other.mean << "\n";
    }
    std::ofstream os(dir + "/" + f.name + ".gp");
    os << "# ./mec-pfm experiment " << e.name << ": " << f.yLabel << "\n# " << e.title
       << "; mean over seeds. Run: gnuplot " << f.name << ".gp (in this folder)\n"
       << "set terminal pngcairo size 960,600 noenhanced font ',10'\n"
       << "set output '" << f.name << ".png'\n"
       << "set title \"" << f.yLabel << ", " << e.scenario << "\"\n"
       << "set ylabel '" << f.yLabel << "'\nset grid ytics\nset key outside right top\n"
       << "set style fill solid 0.7 border -1\nset xtics rotate by -30\nset yrange [0:*]\n";
    if (f.name == "breakdown")
    {
        os << "set style data histograms\nset style histogram rowstacked\nset boxwidth 0.6\n"
           << "plot '" << f.name << ".dat' using 8:xtic(1) title 'upload', '' using 9 title "
           << "'wait for model', '' using 10 title 'queueing', '' using 11 title 'processing', "
           << "'' using 12 title 'download', '' using 13 title 'pulls'\n";
        return;
    }
    os << "set style data histograms\nset style histogram errorbars gap 2 lw 1\n"
       << "plot '" << f.name << ".dat' using 2:3:4:xtic(1) title 'planned (PlanEvaluator)', "
       << "'' using 5:6:7 title 'measured (packets)'\n";
}

/// \return "mean +- half" with a precision
std::string
Num(const Stat& s, int digits)
{
    if (s.n == 0 || !std::isfinite(s.mean))
    {
        return "-";
    }
    char b[64];
    std::snprintf(b, sizeof(b), s.n > 1 ? "%.*f +- %.*f" : "%.*f", digits, s.mean, digits, s.half);
    return b;
}

/**
 * \brief The validation table (planned vs measured per planner): printed, and written to
 * DIR/validation.rst.
 * \param e the experiment
 * \param rows its rows
 * \param dir its folder
 */
void
WriteValidationTable(const Experiment& e,
                     const std::vector<ExperimentRow>& rows,
                     const std::string& dir)
{
    std::ofstream rst(dir + "/validation.rst");
    rst << ".. list-table:: Planned (PlanEvaluator) vs measured (packets) total delay, "
        << e.scenario
        << "; mean +- 95 % CI over seeds; measured parts in s, summed over the requests; "
           "pulls: the pulls' time, part of the total delay\n"
        << "   :header-rows: 1\n\n   * - planner\n     - planned (s)\n     - measured (s)\n"
        << "     - measured / planned\n     - upload\n     - wait for model\n"
        << "     - queueing\n     - processing\n     - download\n     - pulls\n"
        << "     - failed\n";
    std::printf("\n%s: planned vs measured total delay (s), mean +- 95 %% CI; measured parts "
                "(s, summed over the requests)\n%-19s %17s %17s %6s %7s %7s %7s %7s %7s %7s %6s\n",
                e.name.c_str(),
                "planner",
                "planned",
                "measured",
                "ratio",
                "upload",
                "wait",
                "queue",
                "proc",
                "down",
                "pulls",
                "failed");
    for (const auto& p : PacketTable(e, rows))
    {
        char ratio[32];
        std::snprintf(ratio, sizeof(ratio), "%.2f", p.measured.mean / p.planned.mean);
        rst << "   * - " << p.algorithm << "\n     - " << Num(p.planned, 1) << "\n     - "
            << Num(p.measured, 1) << "\n     - " << ratio;
        std::printf("%-19s %17s %17s %6s",
                    p.algorithm.c_str(),
                    Num(p.planned, 1).c_str(),
                    Num(p.measured, 1).c_str(),
                    ratio);
        for (const auto& q : {p.parts[0], p.parts[1], p.parts[2], p.parts[3], p.parts[4], p.other})
        {
            rst << "\n     - " << Num(q, 2);
            std::printf(" %7.2f", q.mean);
        }
        rst << "\n     - " << Num(p.failed, 1) << "\n";
        std::printf(" %6.1f\n", p.failed.mean);
    }
}

/// \return the columns of a CSV line
std::vector<std::string>
SplitCsv(const std::string& line)
{
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');)
    {
        f.push_back(x);
    }
    return f;
}

/// Per slot of one online run: cumulative regret at its end, mean delay in it.
struct SlotSeries
{
    std::map<int64_t, double> regret; //!< slot -> cumulative regret at its end, s
    std::map<int64_t, double> delay;  //!< slot -> mean delay of its decisions, s
};

/**
 * \brief Read a policy's decisions.csv (request_id,time_s,site,model,delay_s,reward,
 * regret_s,observed) into slots.
 * \param file the file
 * \param slotS the slot length, s
 * \return the series (empty if the file is missing)
 */
SlotSeries
ReadSlots(const std::string& file, double slotS)
{
    SlotSeries out;
    std::map<int64_t, std::pair<double, double>> delay; // sum, count
    std::ifstream is(file);
    std::string line;
    std::getline(is, line);
    double cum = 0;
    while (std::getline(is, line))
    {
        auto f = SplitCsv(line);
        if (f.size() < 7)
        {
            continue;
        }
        int64_t k = static_cast<int64_t>(Field(f[1]) / slotS);
        double d = Field(f[4]);
        double g = Field(f[6]);
        cum += std::isfinite(g) ? g : 0;
        out.regret[k] = cum;
        if (std::isfinite(d))
        {
            delay[k].first += d;
            delay[k].second += 1;
        }
    }
    for (const auto& [k, v] : delay)
    {
        out.delay[k] = v.first / v.second;
    }
    return out;
}

/// Slot length of the online experiment's figures, s (its runs use the policies' own slot)
constexpr double kOnlineSlotS = 60;

/**
 * \brief The online experiment's data files and gnuplot scripts: per trace, cumulative
 * regret and mean delay per 60 s slot, per policy, mean and 95 % interval over seeds.
 * \param e the experiment
 * \param dir its folder
 * \return the scripts' stems
 */
std::vector<std::string>
WriteOnlineFigures(const Experiment& e, const std::string& dir)
{
    std::vector<std::string> names;
    for (const auto& p : e.points)
    {
        std::map<std::string, std::vector<SlotSeries>> series; // policy -> per seed
        for (uint32_t seed = 1;; ++seed)
        {
            std::string run = dir + "/runs/" + p.label + "-s" + std::to_string(seed);
            std::ifstream cmp(run + "/compare.csv");
            if (!cmp)
            {
                break;
            }
            std::string line;
            std::getline(cmp, line);
            while (std::getline(cmp, line))
            {
                std::string pol = SplitCsv(line).at(0);
                series[pol].push_back(ReadSlots(run + "/" + pol + "/decisions.csv", kOnlineSlotS));
            }
        }
        for (const auto& f : e.figures)
        {
            std::string name = f.name + "-" + p.label;
            std::ofstream d(dir + "/" + name + ".dat");
            std::vector<std::string> pols;
            for (const auto& [pol, runs] : series)
            {
                std::map<int64_t, std::vector<double>> v;
                for (const auto& r : runs)
                {
                    for (const auto& [k, x] : (f.column == "regret" ? r.regret : r.delay))
                    {
                        v[k].push_back(x);
                    }
                }
                d << "# " << pol << "\n";
                for (const auto& [k, xs] : v)
                {
                    Stat st = Summarise(xs);
                    d << (k + 1) * kOnlineSlotS << " " << st.mean << " " << st.mean - st.half << " "
                      << st.mean + st.half << " " << st.n << "\n";
                }
                d << "\n\n";
                pols.push_back(pol);
            }
            Experiment one = e;
            one.title = e.title + " (" + p.label + " trace, " +
                        std::to_string(static_cast<int>(kOnlineSlotS)) + " s slots)";
            one.xLog = false;
            ExperimentFigure g = f;
            g.name = name;
            g.yLog = true; // random and home-greedy are orders of magnitude above the rest
            WriteFigureScript(one, g, pols, dir + "/" + name + ".gp");
            names.push_back(name);
        }
    }
    return names;
}

/**
 * \brief Run gnuplot on DIR/NAME.gp.
 * \param dir the folder
 * \param name the script's stem
 * \param out receives DIR/NAME.png if it was written and is not empty
 */
void
RunGnuplot(const std::string& dir, const std::string& name, std::vector<std::string>& out)
{
    std::string png = dir + "/" + name + ".png";
    std::remove(png.c_str());
    ChildResult c = RunChildProcess("gnuplot",
                                    {"-e", "cd '" + dir + "'", name + ".gp"},
                                    dir + "/logs/gnuplot-" + name + ".log");
    if (c.exitCode == 0 && NonEmpty(png))
    {
        out.push_back(png);
    }
    else
    {
        std::cerr << "mec-pfm-tool experiment: gnuplot failed on " << dir << "/" << name
                  << ".gp (exit " << c.exitCode << "; " << dir << "/logs/gnuplot-" << name
                  << ".log)\n";
    }
}
} // namespace

std::vector<std::string>
WriteExperimentFigures(const Experiment& e,
                       const std::vector<ExperimentRow>& rows,
                       const std::string& dir)
{
    std::vector<std::string> out;
    if (e.kind == "online")
    {
        for (const auto& name : WriteOnlineFigures(e, dir))
        {
            RunGnuplot(dir, name, out);
        }
        return out;
    }
    for (const auto& f : e.figures)
    {
        if (f.column.empty())
        {
            WriteBarFigure(e, f, rows, dir);
        }
        else
        {
            auto algs = WriteFigureData(e, f, rows, dir + "/" + f.name + ".dat");
            WriteFigureScript(e, f, algs, dir + "/" + f.name + ".gp");
        }
        RunGnuplot(dir, f.name, out);
    }
    if (e.kind == "packet" && e.points.size() == 1)
    {
        WriteValidationTable(e, rows, dir);
    }
    return out;
}

namespace
{
/// One line of the headline table.
struct HeadlineLine
{
    std::string experiment; //!< experiment
    std::string point;      //!< its default point
    std::string ours;       //!< rounding or ilp
    std::string baseline;   //!< the compared planner
    Stat delay;             //!< change of total delay, %
    Stat cost;              //!< change of cost, %
    Stat accuracy;          //!< change of average accuracy, %
    std::string verdict;    //!< the paper's claim: holds / does not hold (which parts)
};

/// \return the row of (point, seed, algorithm), or null
const ExperimentRow*
FindRow(const std::vector<ExperimentRow>& rows,
        const std::string& point,
        uint32_t seed,
        const std::string& alg)
{
    for (const auto& r : rows)
    {
        if (r.point == point && r.seed == seed && r.algorithm == alg)
        {
            return &r;
        }
    }
    return nullptr;
}

/// \return 100 (a / b - 1), NaN if b is not positive
double
Change(double a, double b)
{
    return b > 0 ? 100 * (a / b - 1) : NAN;
}

/// \return the verdict on the claim (>= 38 % lower delay and cost, >= +5 % accuracy)
std::string
Verdict(const HeadlineLine& h)
{
    if (h.delay.n == 0)
    {
        return "no paired runs";
    }
    std::string miss;
    miss += h.delay.mean <= -38 ? "" : " delay";
    miss += h.cost.mean <= -38 ? "" : " cost";
    miss += h.accuracy.mean >= 5 ? "" : " accuracy";
    return miss.empty() ? "holds" : "does not hold:" + miss;
}

/**
 * \brief The line of (ours, baseline) at a point.
 * \param e the experiment
 * \param rows its rows
 * \param point the point's label
 * \param ours rounding, ilp or the online policy
 * \param base the baseline
 * \return the line
 */
HeadlineLine
Compare(const Experiment& e,
        const std::vector<ExperimentRow>& rows,
        const std::string& point,
        const std::string& ours,
        const std::string& base)
{
    HeadlineLine h;
    h.experiment = e.name;
    h.ours = ours;
    h.baseline = base;
    h.point = point;
    std::vector<double> d;
    std::vector<double> c;
    std::vector<double> a;
    for (const auto& r : rows)
    {
        const ExperimentRow* b = FindRow(rows, r.point, r.seed, base);
        if (r.point == h.point && r.algorithm == ours && HasPlan(r) && b && HasPlan(*b))
        {
            d.push_back(Change(r.objective, b->objective));
            c.push_back(Change(r.cost, b->cost));
            a.push_back(Change(r.accuracy, b->accuracy));
        }
    }
    h.delay = Summarise(d);
    h.cost = Summarise(c);
    h.accuracy = Summarise(a);
    h.verdict = Verdict(h);
    return h;
}

/**
 * \brief The default point's scenario of seed 1 without its name and comment, so that
 * experiments whose default points are the same scenario compare equal.
 * \param e the experiment
 * \param dir the output folder
 * \return the scenario's JSON text
 */
std::string
DefaultScenario(const Experiment& e, const std::string& dir)
{
    for (const auto& p : e.points)
    {
        if (p.isDefault)
        {
            std::ifstream is(dir + "/" + e.name + "/scenarios/" + p.label + "-s1.json");
            nlohmann::json j = nlohmann::json::parse(is, nullptr, false);
            j.erase("name");
            j.erase("comment");
            return j.dump();
        }
    }
    return "";
}

/// \return "mean +- half" in percent
std::string
Pct(const Stat& s)
{
    if (s.n == 0)
    {
        return "-";
    }
    char b[64];
    if (s.n == 1)
    {
        std::snprintf(b, sizeof(b), "%+.1f (1 seed)", s.mean);
        return b;
    }
    std::snprintf(b, sizeof(b), "%+.1f +- %.1f", s.mean, s.half);
    return b;
}
} // namespace

namespace
{
/// The online policy of the headline: the restricted-context bandit (doc/online.rst)
const char* const kOnlineOurs = "tsrc";

/**
 * \brief The headline's lines: rounding and ilp against each baseline at the default
 * point of each offline sweep (experiments whose default point is the same scenario once;
 * sharing has no default point), and the online policy against every other policy on
 * each trace of the online experiment.
 * \param rows rows per experiment
 * \param exps the experiments
 * \param dir the output folder
 * \return the lines
 */
std::vector<HeadlineLine>
HeadlineLines(const std::map<std::string, std::vector<ExperimentRow>>& rows,
              const std::vector<Experiment>& exps,
              const std::string& dir)
{
    std::vector<HeadlineLine> lines;
    std::map<std::string, std::string> seen; // default scenario -> experiment
    for (const auto& e : exps)
    {
        const auto& rs = rows.at(e.name);
        if (e.kind == "online")
        {
            for (const auto& p : e.points)
            {
                for (const auto& base : AlgorithmsOf(rs))
                {
                    if (base != kOnlineOurs)
                    {
                        lines.push_back(Compare(e, rs, p.label, kOnlineOurs, base));
                    }
                }
            }
            continue;
        }
        std::string same = DefaultScenario(e, dir);
        if (e.name == "runtime" || e.kind != "plan" || same.empty())
        {
            continue; // running time only, packet runs, or no default point
        }
        if (seen.count(same))
        {
            std::printf("%s: its default point is the scenario of %s's (not repeated)\n",
                        e.name.c_str(),
                        seen[same].c_str());
            continue;
        }
        seen[same] = e.name;
        std::string point;
        for (const auto& p : e.points)
        {
            point = p.isDefault ? p.label : point;
        }
        for (const std::string ours : {"rounding", "ilp"})
        {
            for (const auto& base : AlgorithmsOf(rs))
            {
                if (base != "lp" && base != "ilp" && base != "rounding")
                {
                    lines.push_back(Compare(e, rs, point, ours, base));
                }
            }
        }
    }
    return lines;
}
} // namespace

void
WriteHeadline(const std::map<std::string, std::vector<ExperimentRow>>& rows,
              const std::vector<Experiment>& exps,
              const std::string& dir,
              uint32_t seeds)
{
    std::vector<HeadlineLine> lines = HeadlineLines(rows, exps, dir);
    std::ofstream csv(dir + "/headline.csv");
    csv << "experiment,point,ours,baseline,seeds,delay_change_pct,delay_ci95,cost_change_pct,"
           "cost_ci95,accuracy_change_pct,accuracy_ci95,claim\n";
    std::ofstream rst(dir + "/headline.rst");
    rst << ".. list-table:: Change against each baseline at each experiment's default point "
           "(percent, mean +- 95 % CI over "
        << seeds << " seeds); the paper claims <= -38 % delay and cost, >= +5 % accuracy\n"
        << "   :header-rows: 1\n\n   * - experiment (point)\n     - ours\n     - baseline\n"
           "     - total delay\n     - cost\n     - avg accuracy\n     - claim\n";
    std::printf("\nheadline: change vs each baseline at the default point (%%, mean +- 95 %% "
                "CI); paper: <= -38 %% delay and cost, >= +5 %% accuracy\n"
                "%-10s %-9s %-18s %17s %17s %17s  %s\n",
                "experiment",
                "ours",
                "baseline",
                "total delay",
                "cost",
                "avg accuracy",
                "claim");
    for (const auto& h : lines)
    {
        csv << h.experiment << "," << h.point << "," << h.ours << "," << h.baseline << ","
            << h.delay.n << "," << h.delay.mean << "," << h.delay.half << "," << h.cost.mean << ","
            << h.cost.half << "," << h.accuracy.mean << "," << h.accuracy.half << "," << h.verdict
            << "\n";
        rst << "   * - " << h.experiment << " (" << h.point << ")\n     - " << h.ours << "\n     - "
            << h.baseline << "\n     - " << Pct(h.delay) << "\n     - " << Pct(h.cost)
            << "\n     - " << Pct(h.accuracy) << "\n     - " << h.verdict << "\n";
        std::printf("%-10s %-9s %-18s %17s %17s %17s  %s\n",
                    h.experiment.c_str(),
                    h.ours.c_str(),
                    h.baseline.c_str(),
                    Pct(h.delay).c_str(),
                    Pct(h.cost).c_str(),
                    Pct(h.accuracy).c_str(),
                    h.verdict.c_str());
    }
}
