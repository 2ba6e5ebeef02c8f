/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool experiment NAME|all [--quick] [--jobs=N] [--seeds=K] [--out=DIR]`: the
 * paper's offline experiments on the GEANT default scenario (real topology, real Azure
 * trace), one parameter varied per experiment.
 *
 * A point's scenario is scenarios/geant-default.json with a JSON merge patch applied, its
 * trace seed set to the run's seed (so seeds vary the tasks and floors drawn for the trace
 * rows) and its horizon set to the span of the arrivals used; it is written to
 * DIR/NAME/scenarios/ and read back by ScenarioReader before any run (a bad point stops the
 * experiment with exit code 2). Every (point, seed, algorithm) is one child process
 * `mec-pfm-tool plan ... --seed=S` (tool-child.h), scheduled over --jobs threads; its row
 * is appended to DIR/NAME/runs.csv as soon as it ends, and a row already there is not run
 * again (resume after an interruption).
 */

#include "tool-experiment.h"

#include "mec-pfm-tool.h"
#include "tool-child.h"
#include "tool-experiment-cluster.h"

#include "ns3/mec-pfm-paths.h"
#include "ns3/pfm-planner.h"
#include "ns3/scenario-reader.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{
/// The command line.
struct ExperimentOptions
{
    std::vector<std::string> names;        //!< experiments to run
    bool list{false};                      //!< --list
    bool quick{false};                     //!< --quick
    uint32_t jobs{2};                      //!< --jobs
    uint32_t seeds{5};                     //!< --seeds (quick: 2)
    bool seedsGiven{false};                //!< --seeds given
    double ilpLimit{30};                   //!< --ilp-limit (quick: 5)
    bool ilpLimitGiven{false};             //!< --ilp-limit given
    std::string out{"experiment-results"}; //!< --out
    SweepOptions sweep;                    //!< --emit, --run, --collect, --partial
};

/// One child run to do.
struct Task
{
    const Experiment* exp{nullptr};        //!< its experiment
    const ExperimentPoint* point{nullptr}; //!< its point
    uint32_t seed{0};                      //!< seed
    std::string algorithm;                 //!< planner
    std::string scenario;                  //!< scenario file
    double requests{0};                    //!< requests in it
};

/**
 * \brief Print the usage of `experiment`.
 * \param os where
 */
void
ExperimentUsage(std::ostream& os)
{
    os << "usage: mec-pfm-tool experiment NAME|all [--quick] [--jobs=N] [--seeds=K]\n"
          "                                [--out=DIR] [--ilp-limit=S]\n"
          "       mec-pfm-tool experiment --list\n"
          "Runs every offline planner (plan --list) on each point of the experiment, for K\n"
          "seeds (default 5; --quick: 2 seeds, 2 small points per experiment), each run a\n"
          "child `mec-pfm-tool plan` process, N at a time (default 2). Writes DIR/NAME/runs.csv\n"
          "(one row per run; rows already there are not run again), DIR/NAME/FIG.gp and\n"
          "FIG.png per figure (mean and 95 % Student-t interval over seeds), and for `all`\n"
          "DIR/headline.csv and DIR/headline.rst. DIR defaults to experiment-results.\n"
          "--ilp-limit: time limit of ilp and no-sharing (default 20 s; --quick: 2 s).\n";
    SweepUsage(os);
}

/**
 * \brief Points that set one value each.
 * \param xs the values (abscissae)
 * \param def the value of the default point
 * \param prefix the labels' prefix (label = prefix + value)
 * \param make the merge patch of a value
 * \return the points
 */
template <class F>
std::vector<ExperimentPoint>
Points(const std::vector<double>& xs, double def, const std::string& prefix, F make)
{
    std::vector<ExperimentPoint> out;
    for (double x : xs)
    {
        ExperimentPoint p;
        char b[64];
        std::snprintf(b, sizeof(b), "%s%g", prefix.c_str(), x);
        p.label = b;
        p.x = x;
        p.patch = make(x);
        p.isDefault = x == def;
        out.push_back(p);
    }
    return out;
}

/// \return the three figures of a sweep: total delay, cost per request, accuracy
std::vector<ExperimentFigure>
SweepFigures()
{
    return {{"delay", "delay", "total delay (s)", false},
            {"cost", "cost", "average operating cost per request (CostModel)", false},
            {"accuracy", "accuracy", "average accuracy", false}};
}

/// \return the sweeps over requests, cloudlets and storage
std::vector<Experiment>
SizeExperiments(bool quick)
{
    using J = nlohmann::json;
    std::vector<Experiment> out;
    Experiment e;
    e.name = "requests";
    e.title = "vs the number of requests (first N rows of the Azure conversation trace)";
    e.xLabel = "requests";
    e.xLog = true;
    e.points = Points(quick ? std::vector<double>{300, 600}
                            : std::vector<double>{1000, 2500, 6000, 12000, 19365},
                      quick ? 600 : 6000,
                      "n",
                      [](double x) {
                          return J{{"trace", {{"max_requests", static_cast<int64_t>(x)}}}};
                      });
    e.figures = SweepFigures();
    out.push_back(e);
    e = Experiment();
    e.name = "cloudlets";
    e.title = "vs the number of cloudlets (best-connected GEANT PoPs)";
    e.xLabel = "cloudlets";
    e.points = Points(quick ? std::vector<double>{5, 10} : std::vector<double>{5, 10, 20, 30, 39},
                      quick ? 10 : 20,
                      "c",
                      [](double x) {
                          return J{{"topology", {{"cloudlets", static_cast<int64_t>(x)}}}};
                      });
    e.figures = SweepFigures();
    out.push_back(e);
    e = Experiment();
    e.name = "storage";
    e.title = "vs cloudlet storage";
    e.xLabel = "storage per cloudlet (GB)";
    e.xLog = true;
    e.points = Points(quick ? std::vector<double>{16, 32} : std::vector<double>{8, 16, 32, 64},
                      32,
                      "gb",
                      [](double x) {
                          return J{{"topology", {{"cloudlet", {{"storage_bytes", x * 1e9}}}}}};
                      });
    e.figures = SweepFigures();
    out.push_back(e);
    return out;
}

/// \return the sweeps over bandwidth and floors, and the running-time experiment
std::vector<Experiment>
NetworkExperiments(bool quick)
{
    using J = nlohmann::json;
    std::vector<Experiment> out;
    Experiment e;
    e.name = "bandwidth";
    e.title = "vs backhaul bandwidth (every GEANT link and the data center's link)";
    e.xLabel = "link bandwidth (Gbit/s)";
    e.xLog = true;
    e.points =
        Points(quick ? std::vector<double>{1, 10} : std::vector<double>{1, 2.5, 10, 40},
               10,
               "g",
               [](double x) {
                   return J{{"topology",
                             {{"default_link_bps", x * 1e9}, {"datacenter_link_bps", x * 1e9}}}};
               });
    e.figures = SweepFigures();
    out.push_back(e);
    e = Experiment();
    e.name = "floor";
    e.title = "vs the accuracy floor (floor = u x best accuracy, u uniform in [x-0.2, x+0.2])";
    e.xLabel = "mean floor factor x";
    e.points = Points(
        quick ? std::vector<double>{0.35, 0.5} : std::vector<double>{0.2, 0.5, 0.65, 0.8},
        0.5,
        "f",
        [](double x) {
            return J{{"trace", {{"floor_low", x - 0.2}, {"floor_high", std::min(1.0, x + 0.2)}}}};
        });
    e.figures = SweepFigures();
    out.push_back(e);
    e = Experiment();
    e.name = "runtime";
    e.title = "running time vs instance size (cloudlets and requests grow together)";
    e.xLabel = "requests";
    e.xLog = true;
    std::vector<std::pair<double, double>> sizes{{5, 1000}, {10, 2500}, {20, 6000}, {39, 19365}};
    if (quick)
    {
        sizes = {{5, 300}, {10, 600}};
    }
    e.points = Points({}, 0, "", [](double) { return J(); });
    for (const auto& [c, n] : sizes)
    {
        ExperimentPoint p;
        p.label = "c" + std::to_string(int(c)) + "n" + std::to_string(int(n));
        p.x = n;
        p.patch = J{{"topology", {{"cloudlets", static_cast<int64_t>(c)}}},
                    {"trace", {{"max_requests", static_cast<int64_t>(n)}}}};
        p.isDefault = n == (quick ? 600 : 6000);
        e.points.push_back(p);
    }
    e.figures = {{"wall", "wall", "wall time per run (s), process start included", true}};
    out.push_back(e);
    return out;
}

/// \return every experiment; --quick shrinks instances (600 requests, 10 cloudlets)
std::vector<Experiment>
AllExperiments(bool quick)
{
    std::vector<Experiment> out = SizeExperiments(quick);
    for (auto& e : NetworkExperiments(quick))
    {
        out.push_back(e);
    }
    for (auto& e : out)
    {
        e.scenario = quick ? "GEANT 2012, Azure conv trace; quick: 600 requests, 10 cloudlets"
                           : "GEANT 2012 default: 20 cloudlets, 6000 Azure conv requests";
        if (quick)
        {
            for (auto& p : e.points)
            {
                nlohmann::json base{{"trace", {{"max_requests", 600}}},
                                    {"topology", {{"cloudlets", 10}}}};
                base.merge_patch(p.patch);
                p.patch = base;
            }
        }
    }
    return out;
}

/**
 * \brief Read one argument into the options.
 * \param a the argument
 * \param o the options
 * \return -1 to go on, else the exit code; throws std::exception for a bad value
 */
int
ParseExperimentArg(const std::string& a, ExperimentOptions& o)
{
    auto has = [&a](const std::string& k) { return a.rfind(k, 0) == 0; };
    auto val = [&a](const std::string& k) { return a.substr(k.size()); };
    if (a == "--help" || a == "-h")
    {
        ExperimentUsage(std::cout);
        return 0;
    }
    if (a == "--list")
    {
        o.list = true;
    }
    else if (a == "--quick")
    {
        o.quick = true;
    }
    else if (has("--jobs="))
    {
        o.jobs = static_cast<uint32_t>(std::stoul(val("--jobs=")));
    }
    else if (has("--seeds="))
    {
        o.seeds = static_cast<uint32_t>(std::stoul(val("--seeds=")));
        o.seedsGiven = true;
    }
    else if (has("--ilp-limit="))
    {
        o.ilpLimit = std::stod(val("--ilp-limit="));
        o.ilpLimitGiven = true;
    }
    else if (has("--out="))
    {
        o.out = val("--out=");
    }
    else if (ParseSweepArg(a, o.sweep))
    {
        // --emit, --run, --collect, --partial: tool-experiment-cluster.cc
    }
    else if (!has("-"))
    {
        o.names.push_back(a);
    }
    else
    {
        std::cerr << "mec-pfm-tool experiment: unknown argument \"" << a << "\"\n";
        return 2;
    }
    return -1;
}

/// mkdir -p; \return false if dir is not a folder afterwards
bool
MakeDirs(const std::string& dir)
{
    for (size_t i = 1; i <= dir.size(); ++i)
    {
        if (i == dir.size() || dir[i] == '/')
        {
            mkdir(dir.substr(0, i).c_str(), 0755);
        }
    }

    struct stat st
    {
    };

    return stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// \return path made absolute against the folder base (unchanged if already absolute)
std::string
Absolute(const std::string& base, const std::string& path)
{
    return !path.empty() && path[0] == '/' ? path : base + "/" + path;
}

/**
 * \brief Write a point's scenario for one seed and read it back.
 * \param base the shipped scenario's JSON
 * \param baseDir its folder (absolute)
 * \param e the experiment
 * \param p the point
 * \param seed the seed
 * \param file the file to write
 * \return the number of requests; throws ScenarioError on a scenario the reader refuses
 */
double
WritePointScenario(const nlohmann::json& base,
                   const std::string& baseDir,
                   const Experiment& e,
                   const ExperimentPoint& p,
                   uint32_t seed,
                   const std::string& file)
{
    nlohmann::json j = base;
    j.merge_patch(p.patch);
    j["name"] = "geant-" + e.name + "-" + p.label + "-s" + std::to_string(seed);
    j["comment"] = "mec-pfm-tool experiment " + e.name +
                   ": scenarios/geant-default.json "
                   "with " +
                   p.patch.dump() + ", trace seed " + std::to_string(seed);
    j["topology"]["graphml"] = Absolute(baseDir, j["topology"]["graphml"].get<std::string>());
    j["trace"]["azure_csv"] = Absolute(baseDir, j["trace"]["azure_csv"].get<std::string>());
    j["trace"]["seed"] = seed;
    // A horizon that covers any number of rows first, then the span of the arrivals used
    // rounded up to 10 s (1,202 s for the shipped 6000 requests: its 1,210 s).
    j["horizon_s"] = 1e7;
    std::ofstream(file) << j.dump(2) << "\n";
    MecScenario s = ScenarioReader::ReadFile(file);
    double last = s.requests.empty() ? 0 : s.requests.back().arrivalS;
    j["horizon_s"] = 10 * std::floor(last / 10) + 10;
    std::ofstream(file) << j.dump(2) << "\n";
    return static_cast<double>(s.requests.size());
}

/// \return the algorithms, the time-limited ones first (they pack best into the pool)
std::vector<std::string>
Algorithms()
{
    std::vector<std::string> out{"ilp", "no-sharing"};
    for (const auto& a : PfmPlanner::GetShortNames())
    {
        if (a != "ilp" && a != "no-sharing")
        {
            out.push_back(a);
        }
    }
    return out;
}

/// \return the key of a run in runs.csv
std::string
RunKey(const std::string& point, uint32_t seed, const std::string& alg)
{
    return point + "," + std::to_string(seed) + "," + alg;
}

/**
 * \brief The runs of an experiment not yet in its runs.csv; writes the scenarios.
 * \param e the experiment
 * \param o the options
 * \param dir the experiment's folder
 * \param tasks receives the runs to do
 * \return the number of runs of the experiment in all
 */
size_t
PlanTasks(const Experiment& e,
          const ExperimentOptions& o,
          const std::string& dir,
          std::vector<Task>& tasks)
{
    std::string basePath = MecPfmResolvePath("scenarios/geant-default.json");
    if (basePath.empty() || basePath[0] != '/')
    {
        char cwd[4096];
        basePath = std::string(getcwd(cwd, sizeof(cwd)) ? cwd : ".") + "/" + basePath;
    }
    std::string baseDir = basePath.substr(0, basePath.rfind('/'));
    nlohmann::json base = nlohmann::json::parse(std::ifstream(basePath));
    std::set<std::string> done;
    for (const auto& r : ReadExperimentRows(dir + "/runs.csv"))
    {
        done.insert(RunKey(r.point, r.seed, r.algorithm));
    }
    MakeDirs(dir + "/scenarios");
    MakeDirs(dir + "/logs");
    size_t total = 0;
    for (const auto& p : e.points)
    {
        for (uint32_t seed = 1; seed <= o.seeds; ++seed)
        {
            std::string file =
                dir + "/scenarios/" + p.label + "-s" + std::to_string(seed) + ".json";
            double n = WritePointScenario(base, baseDir, e, p, seed, file);
            for (const auto& alg : Algorithms())
            {
                ++total;
                if (!done.count(RunKey(p.label, seed, alg)))
                {
                    tasks.push_back(Task{&e, &p, seed, alg, file, n});
                }
            }
        }
    }
    return total;
}

/// \return j[k] if it is a number, else NaN
double
Num(const nlohmann::json& j, const char* k)
{
    return j.contains(k) && j[k].is_number() ? j[k].get<double>() : NAN;
}

/**
 * \brief Run one task as a child process.
 * \param t the task
 * \param o the options
 * \param dir the experiment's folder (the child's stderr goes to logs/)
 * \return its row
 */
ExperimentRow
RunTask(const Task& t, const ExperimentOptions& o, const std::string& dir)
{
    std::vector<std::string> args{"plan",
                                  "--scenario=" + t.scenario,
                                  "--algorithm=" + t.algorithm,
                                  "--seed=" + std::to_string(t.seed)};
    if (t.algorithm != "lp")
    {
        args.emplace_back("--no-bound");
    }
    if (t.algorithm == "ilp" || t.algorithm == "no-sharing")
    {
        args.push_back("--time-limit=" + std::to_string(o.ilpLimit));
    }
    std::string log = dir + "/logs/" + t.point->label + "-s" + std::to_string(t.seed) + "-" +
                      t.algorithm + ".log";
    ChildResult c = RunChildProcess(ToolSelfExe(), args, log);
    ExperimentRow r{t.exp->name,
                    t.point->label,
                    t.point->x,
                    t.requests,
                    t.seed,
                    t.algorithm,
                    "exit " + std::to_string(c.exitCode),
                    NAN,
                    NAN,
                    NAN,
                    NAN,
                    NAN,
                    c.wall};
    try
    {
        auto j = nlohmann::json::parse(c.lastLine);
        r.status = j.value("status", "?");
        r.objective = Num(j, "objective_s");
        r.bound = Num(j, "lower_bound_s");
        r.accuracy = Num(j, "avg_accuracy");
        r.cost = Num(j, "cost");
        r.pullBytes = Num(j, "pull_bytes");
    }
    catch (const std::exception&)
    {
        // No JSON line: the status says how the child ended; its log has the reason.
    }
    return r;
}

/// Progress and output shared by the worker threads.
struct Pool
{
    std::mutex mutex;                         //!< guards the rest
    std::ofstream csv;                        //!< runs.csv, appended
    size_t done{0};                           //!< runs finished (this call and before)
    size_t total{0};                          //!< runs of the experiment
    size_t doneHere{0};                       //!< runs finished by this call
    size_t todo{0};                           //!< runs this call does
    std::chrono::steady_clock::time_point t0; //!< start of this call
    std::atomic<size_t> next{0};              //!< next task to take
};

/// Print the progress line (pool.mutex held): rewritten in place on a terminal, else a
/// line per tenth of the runs (logs of CTest and of redirected runs stay short).
void
PrintProgress(const std::string& name, Pool& pool)
{
    bool tty = isatty(2);
    if (!tty && pool.doneHere != pool.todo &&
        pool.doneHere % std::max<size_t>(1, pool.todo / 10) != 0)
    {
        return;
    }
    double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - pool.t0).count();
    double left = pool.doneHere ? el / pool.doneHere * (pool.todo - pool.doneHere) : NAN;
    std::string l = std::isfinite(left) ? std::to_string(static_cast<long>(left)) + " s" : "?";
    std::fprintf(stderr,
                 "%s%s: runs %zu/%zu, elapsed %.0f s, time left %s   %s",
                 tty ? "\r" : "",
                 name.c_str(),
                 pool.done,
                 pool.total,
                 el,
                 l.c_str(),
                 tty ? "" : "\n");
    std::fflush(stderr);
}

/// A worker: run tasks until none is left.
void
Worker(const std::vector<Task>* tasks,
       const ExperimentOptions* o,
       const std::string* dir,
       Pool* pool)
{
    for (size_t i = pool->next++; i < tasks->size(); i = pool->next++)
    {
        ExperimentRow r = RunTask((*tasks)[i], *o, *dir);
        std::lock_guard<std::mutex> lock(pool->mutex);
        pool->csv << ExperimentCsvLine(r) << "\n";
        pool->csv.flush();
        ++pool->done;
        ++pool->doneHere;
        PrintProgress((*tasks)[i].exp->name, *pool);
    }
}

/**
 * \brief Run an experiment's missing runs and draw its figures.
 * \param e the experiment
 * \param o the options
 * \param rows receives every row of its runs.csv
 * \return the PNGs written
 */
std::vector<std::string>
RunExperiment(const Experiment& e, const ExperimentOptions& o, std::vector<ExperimentRow>& rows)
{
    std::string dir = o.out + "/" + e.name;
    if (!MakeDirs(dir))
    {
        throw std::runtime_error("--out: cannot create the folder " + dir);
    }
    std::vector<Task> tasks;
    Pool pool;
    pool.total = PlanTasks(e, o, dir, tasks);
    pool.todo = tasks.size();
    pool.done = pool.total - pool.todo;
    bool fresh = ReadExperimentRows(dir + "/runs.csv").empty();
    pool.csv.open(dir + "/runs.csv", std::ios::app);
    if (fresh)
    {
        pool.csv << kExperimentCsvHeader << "\n";
    }
    pool.t0 = std::chrono::steady_clock::now();
    PrintProgress(e.name, pool);
    std::vector<std::thread> threads;
    for (uint32_t j = 0; j < std::max(1u, o.jobs); ++j)
    {
        threads.emplace_back(Worker, &tasks, &o, &dir, &pool);
    }
    for (auto& t : threads)
    {
        t.join();
    }
    pool.csv.close();
    if (isatty(2))
    {
        std::fprintf(stderr, "\n");
    }
    // Rows of seeds beyond --seeds (an earlier call with more seeds) stay in the file but
    // out of the figures and the headline, so that every point has the same seeds.
    rows.clear();
    for (const auto& r : ReadExperimentRows(dir + "/runs.csv"))
    {
        if (r.seed <= o.seeds)
        {
            rows.push_back(r);
        }
    }
    return WriteExperimentFigures(e, rows, dir);
}

/// Print the experiments' names and titles.
void
ListExperiments()
{
    for (const auto& e : AllExperiments(false))
    {
        std::printf("%-10s %s; figures:", e.name.c_str(), e.title.c_str());
        for (const auto& f : e.figures)
        {
            std::printf(" %s", f.name.c_str());
        }
        std::printf("\n");
    }
    std::printf("not implemented: sharing degree (4), online regret (7), planned vs measured "
                "at packet level (8), backhaul MTU (10)\n");
}

/**
 * \brief The experiments the names select.
 * \param o the options
 * \param exps receives them
 * \return false after a message on stderr
 */
bool
SelectExperiments(const ExperimentOptions& o, std::vector<Experiment>& exps)
{
    std::vector<Experiment> all = AllExperiments(o.quick);
    for (const auto& n : o.names)
    {
        bool found = false;
        for (const auto& e : all)
        {
            if (n == "all" || n == e.name)
            {
                exps.push_back(e);
                found = true;
            }
        }
        if (!found)
        {
            std::cerr << "mec-pfm-tool experiment: no experiment \"" << n
                      << "\" (--list names them)\n";
            return false;
        }
    }
    return !exps.empty();
}

/**
 * \brief The runner's parts that the cluster steps use (tool-experiment-cluster.h).
 * \param o the options (kept by reference in the hooks)
 * \return the hooks
 */
SweepHooks
MakeSweepHooks(const ExperimentOptions& o)
{
    SweepHooks h;
    h.algorithms = Algorithms();
    h.plan = [&o](const Experiment& e, size_t& total) {
        std::string dir = o.out + "/" + e.name;
        if (!MakeDirs(dir))
        {
            throw std::runtime_error("--out: cannot create the folder " + dir);
        }
        std::vector<Task> tasks;
        total = PlanTasks(e, o, dir, tasks);
        std::vector<ClusterRun> runs;
        for (const auto& t : tasks)
        {
            runs.push_back(ClusterRun{t.point->label, t.seed, t.algorithm});
        }
        return runs;
    };
    h.run = [&o](const Experiment& e,
                 const ExperimentPoint& p,
                 const ClusterRun& run,
                 const std::string& scenario,
                 double requests) {
        Task t{&e, &p, run.seed, run.algorithm, scenario, requests};
        return RunTask(t, o, o.out + "/" + e.name);
    };
    return h;
}

} // namespace

int
ToolExperiment(int argc, char** argv)
{
    ExperimentOptions o;
    for (int i = 1; i < argc; ++i)
    {
        try
        {
            int code = ParseExperimentArg(argv[i], o);
            if (code >= 0)
            {
                return code;
            }
        }
        catch (const std::exception&)
        {
            std::cerr << "mec-pfm-tool experiment: bad value in \"" << argv[i] << "\"\n";
            return 2;
        }
    }
    if (o.list)
    {
        ListExperiments();
        return 0;
    }
    o.seeds = o.seedsGiven ? o.seeds : (o.quick ? 2 : 5);
    o.ilpLimit = o.ilpLimitGiven ? o.ilpLimit : (o.quick ? 2 : 20);
    std::vector<Experiment> exps;
    if (o.names.empty() || o.seeds == 0 || o.out.find('\'') != std::string::npos ||
        !SelectExperiments(o, exps))
    {
        ExperimentUsage(std::cerr);
        return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    std::map<std::string, std::vector<ExperimentRow>> rows;
    std::vector<std::string> pngs;
    if (o.sweep.Active())
    {
        o.sweep.names = o.names;
        o.sweep.quick = o.quick;
        o.sweep.seeds = o.seeds;
        o.sweep.ilpLimit = o.ilpLimit;
        o.sweep.out = o.out;
        int code = RunSweepStep(exps, o.sweep, MakeSweepHooks(o), rows, pngs);
        if (code != 0 || !o.sweep.collect)
        {
            return code;
        }
    }
    else
    {
        for (const auto& e : exps)
        {
            for (const auto& p : RunExperiment(e, o, rows[e.name]))
            {
                pngs.push_back(p);
            }
        }
    }
    // The headline compares each experiment's default point: written for `all` only (one
    // experiment alone gave an empty table).
    const bool all = std::find(o.names.begin(), o.names.end(), "all") != o.names.end();
    if (all)
    {
        WriteHeadline(rows, exps, o.out, o.seeds);
    }
    std::printf("\nwall time %.0f s; outputs in %s:\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                o.out.c_str());
    for (const auto& e : exps)
    {
        std::printf("  %s/%s/runs.csv\n", o.out.c_str(), e.name.c_str());
    }
    for (const auto& p : pngs)
    {
        std::printf("  %s\n", p.c_str());
    }
    if (all)
    {
        std::printf("  %s/headline.csv, %s/headline.rst\n", o.out.c_str(), o.out.c_str());
    }
    return 0;
}
