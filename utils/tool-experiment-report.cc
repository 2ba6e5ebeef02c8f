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
#include <sstream>

const char* const kExperimentCsvHeader =
    "experiment,point,x,requests,seed,algorithm,status,objective_s,lower_bound_s,"
    "avg_accuracy,cost,pull_bytes,wall_s";

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

/// \return whether the run has a plan (a status with a finite objective)
bool
HasPlan(const ExperimentRow& r)
{
    return (r.status == "optimal" || r.status == "feasible" || r.status == "time_limit") &&
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
    return r.accuracy;
}

/// \return the algorithms of the rows in first-seen order
std::vector<std::string>
AlgorithmsOf(const std::vector<ExperimentRow>& rows)
{
    std::vector<std::string> out;
    for (const auto& r : rows)
    {
        if (std::find(out.begin(), out.end(), r.algorithm) == out.end())
        {
            out.push_back(r.algorithm);
        }
    }
    return out;
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
           CsvNum(r.pullBytes) + "," + CsvNum(r.wall);
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
        if (f.size() != 13 || f[0] == "experiment")
        {
            continue; // the header, or a line cut by an interruption
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
    }
    return out;
}

std::vector<std::string>
WriteExperimentFigures(const Experiment& e,
                       const std::vector<ExperimentRow>& rows,
                       const std::string& dir)
{
    std::vector<std::string> out;
    for (const auto& f : e.figures)
    {
        auto algs = WriteFigureData(e, f, rows, dir + "/" + f.name + ".dat");
        WriteFigureScript(e, f, algs, dir + "/" + f.name + ".gp");
        std::string png = dir + "/" + f.name + ".png";
        std::remove(png.c_str());
        ChildResult c = RunChildProcess("gnuplot",
                                        {"-e", "cd '" + dir + "'", f.name + ".gp"},
                                        dir + "/logs/gnuplot-" + f.name + ".log");
        if (c.exitCode == 0 && NonEmpty(png))
        {
            out.push_back(png);
        }
        else
        {
            std::cerr << "mec-pfm-tool experiment: gnuplot failed on " << dir << "/" << f.name
                      << ".gp (exit " << c.exitCode << "; " << dir << "/logs/gnuplot-" << f.name
                      << ".log)\n";
        }
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
 * \brief The line of (ours, baseline) at an experiment's default point.
 * \param e the experiment
 * \param rows its rows
 * \param ours rounding or ilp
 * \param base the baseline
 * \return the line
 */
HeadlineLine
Compare(const Experiment& e,
        const std::vector<ExperimentRow>& rows,
        const std::string& ours,
        const std::string& base)
{
    HeadlineLine h;
    h.experiment = e.name;
    h.ours = ours;
    h.baseline = base;
    for (const auto& p : e.points)
    {
        h.point = p.isDefault ? p.label : h.point;
    }
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

void
WriteHeadline(const std::map<std::string, std::vector<ExperimentRow>>& rows,
              const std::vector<Experiment>& exps,
              const std::string& dir,
              uint32_t seeds)
{
    std::vector<HeadlineLine> lines;
    std::map<std::string, std::string> seen; // default scenario -> experiment
    for (const auto& e : exps)
    {
        std::string same = DefaultScenario(e, dir);
        if (e.name == "runtime")
        {
            continue; // running time only
        }
        if (seen.count(same))
        {
            std::printf("%s: its default point is the scenario of %s's (not repeated)\n",
                        e.name.c_str(),
                        same.empty() ? "?" : seen[same].c_str());
            continue;
        }
        seen[same] = e.name;
        const auto& rs = rows.at(e.name);
        for (const std::string ours : {"rounding", "ilp"})
        {
            for (const auto& base : AlgorithmsOf(rs))
            {
                if (base != "lp" && base != "ilp" && base != "rounding")
                {
                    lines.push_back(Compare(e, rs, ours, base));
                }
            }
        }
    }
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
