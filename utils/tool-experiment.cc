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

#include "ns3/default-catalogue.h"
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
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
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
    double ilpLimit{2};                    //!< --ilp-limit
    std::string out{"experiment-results"}; //!< --out
    SweepOptions sweep;                    //!< --emit, --run, --collect, --partial
};

/// cloudlets-zoo: Cogentco's cloudlet counts (GEANT's sweep stops at its 39 PoPs)
const std::vector<double> ZOO_CLOUDLETS{40, 80, 120};
/// cloudlets-zoo: its default point (the headline's Cogentco line)
constexpr double ZOO_DEFAULT_CLOUDLETS = 80;
/// cloudlets-zoo: requests (first rows of the conversation trace) at every point. Rounding
/// took 11.5 s of CPU time at 40 cloudlets and 1000 requests, 13.9 s at 120 and 14 s at
/// 120 and 2000 (load 6): a point costs about 45 s of CPU time per seed for 8 planners.
constexpr int64_t ZOO_REQUESTS = 1000;
/// cloudlets-zoo --quick: requests (at 20 and 60 cloudlets and 300 requests --quick took
/// 150 s at load 6: too long for CTest)
constexpr int64_t ZOO_QUICK_REQUESTS = 100;

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
          "Runs each point of the experiment for K seeds (default 5; --quick: 2 seeds, small\n"
          "points), each run a child process, N at a time (default 2): `mec-pfm-tool plan`\n"
          "per offline planner (sweeps, sharing, runtime), the mec-pfm-geant example per\n"
          "planner (validation, mtu: planned and measured at packet level), or\n"
          "`mec-pfm-online-tool --compare` (online: every policy). A plan run whose scenario\n"
          "an earlier experiment of the same call ran is copied, not run again. Writes\n"
          "DIR/NAME/runs.csv (one row per run; rows already there are not run again),\n"
          "DIR/NAME/FIG.gp and FIG.png per figure (mean and 95 % Student-t interval over\n"
          "seeds), DIR/validation/validation.rst, and for `all` DIR/headline.csv and\n"
          "DIR/headline.rst. DIR defaults to experiment-results.\n"
          "--ilp-limit: time limit of ilp and no-sharing, also when planned inside the\n"
          "packet runs (default 2 s).\n";
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
    e.title = "running time vs instance size (the requests sweep's runs)";
    e.xLabel = "requests";
    e.xLog = true;
    // The requests sweep's points: `all` copies their runs (wall times included) instead of
    // running them again (its own points, up to 39 cloudlets and 19365 requests, did not
    // fit `all` into 45 minutes); cloudlets-zoo's wall_s gives it against cloudlets.
    std::vector<std::pair<double, double>> sizes{{20, 1000},
                                                 {20, 2500},
                                                 {20, 6000},
                                                 {20, 12000},
                                                 {20, 19365}};
    if (quick)
    {
        sizes = {{10, 300}, {10, 600}};
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

std::vector<std::string> Algorithms(); // below, with the runner's parts

/**
 * \brief Experiment 2 on a larger Topology Zoo network: cloudlets beyond GEANT's 39 on
 * Cogentco (197 PoPs; the reader puts the cloudlets at the best-connected PoPs other than
 * the data center's, as on GEANT), a fixed number of requests.
 * \param quick --quick
 * \return the experiment
 */
Experiment
ZooCloudletsExperiment(bool quick)
{
    using J = nlohmann::json;
    Experiment e;
    e.name = "cloudlets-zoo";
    e.title = "vs the number of cloudlets on a larger network (Topology Zoo Cogentco)";
    e.xLabel = "cloudlets";
    const int64_t n = quick ? ZOO_QUICK_REQUESTS : ZOO_REQUESTS;
    e.scenario = "Cogentco (Topology Zoo, 197 nodes), first " + std::to_string(n) +
                 " Azure conv requests; otherwise the GEANT default";
    e.points = Points(quick ? std::vector<double>{10, 20} : ZOO_CLOUDLETS,
                      quick ? 20 : ZOO_DEFAULT_CLOUDLETS,
                      "c",
                      [n](double x) {
                          return J{{"topology",
                                    {{"graphml", "../data/topology-zoo/Cogentco.graphml"},
                                     {"cloudlets", static_cast<int64_t>(x)}}},
                                   {"trace", {{"max_requests", n}}}};
                      });
    // Every planner but lp: the unpruned LP on Cogentco is far larger than GEANT's (its
    // run at 120 cloudlets and 1000 requests was stopped after 147 s of CPU time, at 2000
    // after 104 s unfinished; rounding's pruned LP of 2000 requests took 14 s).
    for (const auto& a : Algorithms())
    {
        if (a != "lp")
        {
            e.algorithms.push_back(a);
        }
    }
    e.figures = SweepFigures();
    e.figures.push_back({"wall", "wall", "wall time per run (s), process start included", true});
    return e;
}

/**
 * \brief Experiment 4: the same (family, task) models built three ways
 * (DefaultCatalogue::BuildSharing), the same requests.
 * \return the experiment; x of a point = the share of the models' bytes that sharing
 * saves, 1 - (bytes of distinct blocks) / (sum of the models' bytes)
 */
Experiment
SharingExperiment()
{
    Experiment e;
    e.name = "sharing";
    e.title = "vs the degree of parameter sharing (same models: no sharing, shared backbone, "
              "LoRA)";
    e.xLabel = "bytes shared: 1 - distinct block bytes / sum of model bytes";
    for (const char* v : {"sharing-none", "sharing-backbone", "sharing-lora"})
    {
        ModelCatalogue c;
        DefaultCatalogue::BuildNamed(v, c);
        ExperimentPoint p;
        p.label = std::string(v).substr(8); // none, backbone, lora
        p.x = 1 - c.GetTotalUniqueBytes() / c.GetTotalModelBytes();
        p.patch = nlohmann::json{{"catalogue", v}};
        e.points.push_back(p);
    }
    e.figures = SweepFigures();
    e.figures.push_back({"pulled", "pull", "bytes pulled (GB)", false});
    return e;
}

/**
 * \brief The packet experiments' scenario: GEANT with the GLUE tasks only (roberta-base and
 * deberta-xxl: blocks of 1.6 MB to 3 GB) and 4 GB of storage per cloudlet, so that even
 * the planners that fill every cloudlet pull at most 4 GB each. The LLM tasks (14 to 140 GB
 * per base) would make the packet runs of those planners take minutes to hours (about 3 s
 * of wall time per simulated GB at MTU 65000, 20 s at 1500).
 * \param cloudlets cloudlets
 * \param n requests (first rows of the conversation trace)
 * \return the merge patch
 */
nlohmann::json
GluePatch(int64_t cloudlets, int64_t n)
{
    return nlohmann::json{
        {"topology", {{"cloudlets", cloudlets}, {"cloudlet", {{"storage_bytes", 4e9}}}}},
        {"trace",
         {{"max_requests", n},
          {"tasks", {"mnli", "sst2", "qnli", "qqp"}},
          {"task_weights", {1, 1, 1, 1}}}}};
}

/**
 * \brief Experiments 8 and 10: plans carried out with packets (the mec-pfm-geant example).
 * \param quick --quick
 * \return planned vs measured per planner; measured delays vs the backhaul MTU
 */
std::vector<Experiment>
PacketExperiments(bool quick)
{
    std::vector<Experiment> out;
    Experiment e;
    e.name = "validation";
    e.kind = "packet";
    e.title = "planned (PlanEvaluator) vs measured (packets) total delay per planner";
    e.xLabel = "planner";
    // 3 cloudlets: random fills their 12 GB, a minute of simulation per run
    const int64_t c = quick ? 2 : 3;
    const int64_t n = quick ? 100 : 1000;
    e.scenario = "GEANT 2012, " + std::to_string(c) + " cloudlets of 4 GB, first " +
                 std::to_string(n) + " Azure conv requests, GLUE tasks";
    ExperimentPoint p;
    p.label = "c" + std::to_string(c) + "n" + std::to_string(n);
    p.patch = GluePatch(c, n);
    e.points.push_back(p);
    for (const auto& a : PfmPlanner::GetShortNames())
    {
        if (a != "lp" && a != "cloud-only") // no plan to carry out (a bound; never a plan)
        {
            e.algorithms.push_back(a);
        }
    }
    e.figures = {{"planned-vs-measured", "", "total delay (s)", false},
                 {"breakdown", "", "measured total delay by part (s)", false}};
    out.push_back(e);

    e = Experiment();
    e.name = "mtu";
    e.kind = "packet";
    e.title = "measured total delay vs the backhaul MTU (TCP segment = MTU - 52; 64000 at 65000)";
    e.xLabel = "backhaul MTU (bytes)";
    e.xLog = true;
    e.scenario = "GEANT 2012, 1 cloudlet of 4 GB, first 50 Azure conv requests, task sst2, "
                 "1 Gbit/s backhaul";
    // The smallest pull that still tests slow start: one roberta-base (0.25 GB) to one
    // cloudlet (2 cloudlets and 4 GLUE tasks pulled 0.42 GB: 3.1 million events, about
    // 280 s of CPU time per run at MTU 1500). At 10 Gbit/s the 1500 run took 214 s of CPU
    // time, at 1 Gbit/s 112 s (1.8 and 1.9 million events; load 5): TCP's windows, and the work
    // per ACK, grow with the bandwidth-delay product.
    nlohmann::json patch = GluePatch(1, 50);
    patch["trace"]["tasks"] = {"sst2"};
    patch["trace"]["task_weights"] = {1};
    patch["topology"]["default_link_bps"] = 1e9;
    patch["topology"]["datacenter_link_bps"] = 1e9;
    // --quick leaves MTU 1500 out: its TCP segments cost minutes of simulation per GB.
    for (uint32_t mtu :
         quick ? std::vector<uint32_t>{9000, 65000} : std::vector<uint32_t>{1500, 9000, 65000})
    {
        ExperimentPoint q;
        q.label = "mtu" + std::to_string(mtu);
        q.x = mtu;
        q.isDefault = mtu == 65000;
        q.patch = patch;
        q.args = {"--mtu=" + std::to_string(mtu),
                  "--segmentSize=" + std::to_string(mtu == 65000 ? 64000 : mtu - 52)};
        e.points.push_back(q);
    }
    // rounding only: at MTU 1500 a run of the storage-filling baselines takes minutes
    e.algorithms = {"rounding"};
    e.figures = {{"measured", "measured", "measured total delay (s)", false},
                 {"wall", "wall", "wall time per run (s)", true}};
    out.push_back(e);
    return out;
}

/**
 * \brief Experiment 7: every online policy (`mec-pfm-online-tool --compare`, replay) on
 * both Azure traces.
 * \param quick --quick
 * \return the experiment (one point per trace)
 */
Experiment
OnlineExperiment(bool quick)
{
    Experiment e;
    e.name = "online";
    e.kind = "online";
    e.title = "online policies: cumulative regret and delay per slot";
    e.xLabel = "time (s)";
    const int64_t n = quick ? 300 : 2000;
    e.scenario = "GEANT 2012, 10 cloudlets, first " + std::to_string(n) +
                 " requests of each Azure trace (replay)";
    for (const char* t : {"code", "conv"})
    {
        ExperimentPoint p;
        p.label = t;
        p.x = 0;
        p.isDefault = true;
        p.patch = nlohmann::json{
            {"topology", {{"cloudlets", 10}}},
            {"trace",
             {{"max_requests", n},
              {"azure_csv",
               std::string("../data/azure-llm-inference-2023/AzureLLMInferenceTrace_") + t +
                   ".csv"}}}};
        e.points.push_back(p);
    }
    e.figures = {{"regret", "regret", "cumulative regret (s)", false},
                 {"delay-per-slot", "slot-delay", "mean delay per slot (s)", false}};
    return e;
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
    out.push_back(SharingExperiment());
    if (quick)
    {
        for (auto& p : out.back().points)
        {
            // 3 points x 9 planners: the sweeps' smallest instance keeps --quick short
            p.patch.merge_patch(
                {{"trace", {{"max_requests", 300}}}, {"topology", {{"cloudlets", 5}}}});
        }
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
    if (quick)
    {
        out.back().scenario = "GEANT 2012, Azure conv trace; quick: 300 requests, 5 cloudlets";
    }
    out.push_back(ZooCloudletsExperiment(quick));
    for (auto& e : PacketExperiments(quick))
    {
        out.push_back(e);
    }
    out.push_back(OnlineExperiment(quick));
    return out;
}

/**
 * \param v an option's value
 * \param max the largest value allowed
 * \return v as a whole number in 1..max
 * \throws std::invalid_argument if it is not one (stoul alone reads "-1" as 2^64 - 1)
 */
uint32_t
CountIn(const std::string& v, uint32_t max)
{
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(v) < 1 || std::stoul(v) > max)
    {
        throw std::invalid_argument("not a whole number in 1.." + std::to_string(max));
    }
    return static_cast<uint32_t>(std::stoul(v));
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
        o.jobs = CountIn(val("--jobs="), 1024);
    }
    else if (has("--seeds="))
    {
        o.seeds = CountIn(val("--seeds="), 1000);
        o.seedsGiven = true;
    }
    else if (has("--ilp-limit="))
    {
        o.ilpLimit = std::stod(val("--ilp-limit="));
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

/// \return the child runs of each (point, seed) of an experiment: planners, or "online"
std::vector<std::string>
AlgorithmsOf(const Experiment& e)
{
    if (e.kind == "online")
    {
        return {"online"}; // one --compare child runs every policy
    }
    return e.algorithms.empty() ? Algorithms() : e.algorithms;
}

/// \return the key of a run in runs.csv
std::string
RunKey(const std::string& point, uint32_t seed, const std::string& alg)
{
    return point + "," + std::to_string(seed) + "," + alg;
}

/// Plan runs of this call by (scenario without name and comment, planner): a point whose
/// scenario an earlier experiment ran (every sweep's default point is the same) is copied.
using ReuseMap = std::map<std::string, ExperimentRow>;

/// \return the reuse key of a planner's run on a scenario file
std::string
ReuseKey(const std::string& file, const std::string& alg)
{
    nlohmann::json j = nlohmann::json::parse(std::ifstream(file), nullptr, false);
    if (j.is_object())
    {
        j.erase("name");
        j.erase("comment");
    }
    return j.dump() + "|" + alg;
}

/**
 * \brief The runs of an experiment not yet in its runs.csv; writes the scenarios.
 * \param e the experiment
 * \param o the options
 * \param dir the experiment's folder
 * \param reuse plan runs of earlier experiments of this call
 * \param tasks receives the runs to do
 * \param copied receives the rows copied from reuse instead of run
 * \return the number of runs of the experiment in all
 */
size_t
PlanTasks(const Experiment& e,
          const ExperimentOptions& o,
          const std::string& dir,
          const ReuseMap& reuse,
          std::vector<Task>& tasks,
          std::vector<ExperimentRow>& copied)
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
        // An online child writes a row per policy: any of them means the child ran.
        done.insert(RunKey(r.point, r.seed, e.kind == "online" ? "online" : r.algorithm));
    }
    MakeDirs(dir + "/scenarios");
    MakeDirs(dir + "/runs");
    MakeDirs(dir + "/logs");
    size_t total = 0;
    for (const auto& p : e.points)
    {
        for (uint32_t seed = 1; seed <= o.seeds; ++seed)
        {
            std::string file =
                dir + "/scenarios/" + p.label + "-s" + std::to_string(seed) + ".json";
            double n = WritePointScenario(base, baseDir, e, p, seed, file);
            for (const auto& alg : AlgorithmsOf(e))
            {
                ++total;
                if (done.count(RunKey(p.label, seed, alg)))
                {
                    continue;
                }
                auto it = e.kind == "plan" ? reuse.find(ReuseKey(file, alg)) : reuse.end();
                if (it == reuse.end())
                {
                    tasks.push_back(Task{&e, &p, seed, alg, file, n});
                    continue;
                }
                ExperimentRow r = it->second;
                r.experiment = e.name;
                r.point = p.label;
                r.x = p.x;
                copied.push_back(r);
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

/// \return the folder of the running mec-pfm-tool (the build folder)
std::string
SelfDir()
{
    std::string self = ToolSelfExe();
    auto slash = self.rfind('/');
    return slash == std::string::npos ? "." : self.substr(0, slash);
}

/// \return the row of a task with no result yet (status: how the child ended)
ExperimentRow
EmptyRow(const Task& t, const ChildResult& c)
{
    ExperimentRow r;
    r.experiment = t.exp->name;
    r.point = t.point->label;
    r.x = t.point->x;
    r.requests = t.requests;
    r.seed = t.seed;
    r.algorithm = t.algorithm;
    r.status = "exit " + std::to_string(c.exitCode);
    r.objective = r.bound = r.accuracy = r.cost = r.pullBytes = NAN;
    r.wall = c.wall;
    return r;
}

/**
 * \brief Run a plan task: `mec-pfm-tool plan`, its JSON line.
 * \param t the task
 * \param o the options
 * \param log the child's stderr
 * \return its row
 */
ExperimentRow
RunPlanTask(const Task& t, const ExperimentOptions& o, const std::string& log)
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
    ChildResult c = RunChildProcess(ToolSelfExe(), args, log);
    ExperimentRow r = EmptyRow(t, c);
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

/**
 * \brief Run a packet task: the mec-pfm-geant example plans and simulates; its
 * summary.json gives the planned and measured total delay and the measured parts.
 * \param t the task
 * \param o the options
 * \param dir the experiment's folder (the run's output goes to runs/)
 * \param log the child's stderr
 * \return its row (status "simulated")
 */
ExperimentRow
RunPacketTask(const Task& t,
              const ExperimentOptions& o,
              const std::string& dir,
              const std::string& log)
{
    std::string out =
        dir + "/runs/" + t.point->label + "-s" + std::to_string(t.seed) + "-" + t.algorithm;
    std::vector<std::string> args{"--scenario=" + t.scenario,
                                  "--algorithm=" + t.algorithm,
                                  "--seed=" + std::to_string(t.seed),
                                  "--timeLimit=" + std::to_string(o.ilpLimit),
                                  "--out=" + out,
                                  "--force=1"};
    args.insert(args.end(), t.point->args.begin(), t.point->args.end());
    ChildResult c = RunChildProcess(SelfDir() + "/examples/mec-pfm-geant", args, log);
    ExperimentRow r = EmptyRow(t, c);
    nlohmann::json j = nlohmann::json::parse(std::ifstream(out + "/summary.json"), nullptr, false);
    if (c.exitCode != 0 || !j.is_object())
    {
        return r;
    }
    static const char* const parts[5] = {"mean_upload_s",
                                         "mean_wait_model_s",
                                         "mean_queue_s",
                                         "mean_processing_s",
                                         "mean_download_s"};
    r.status = "simulated";
    r.objective = Num(j, "planned_total_delay_s");
    r.measured = Num(j, "measured_total_delay_s");
    r.accuracy = Num(j, "avg_accuracy");
    r.cost = Num(j, "cost");
    r.pullBytes = Num(j, "pulled_bytes");
    r.failed = Num(j, "failed") + Num(j, "rejected");
    for (size_t i = 0; i < 5; ++i)
    {
        r.parts[i] = Num(j, parts[i]);
    }
    return r;
}

/**
 * \brief Run an online task: `mec-pfm-online-tool --compare` (replay), a row per policy
 * from its compare.csv (wall_s: the policy's run, not the child's).
 * \param t the task
 * \param dir the experiment's folder (the comparison goes to runs/)
 * \param log the child's stderr
 * \return the rows (one with the exit status if the child failed)
 */
std::vector<ExperimentRow>
RunOnlineTask(const Task& t, const std::string& dir, const std::string& log)
{
    std::string out = dir + "/runs/" + t.point->label + "-s" + std::to_string(t.seed);
    std::vector<std::string> args{"--compare",
                                  "--scenario=" + t.scenario,
                                  "--seed=" + std::to_string(t.seed),
                                  "--out=" + out,
                                  "--force=1"};
    std::string policies;
    for (const auto& a : t.exp->algorithms)
    {
        policies += (policies.empty() ? "" : ",") + a;
    }
    if (!policies.empty())
    {
        args.push_back("--policies=" + policies);
    }
    ChildResult c = RunChildProcess(SelfDir() + "/mec-pfm-online-tool", args, log);
    std::vector<ExperimentRow> rows;
    std::ifstream is(out + "/compare.csv");
    std::string line;
    std::getline(is, line); // policy,mode,decisions,completed,rejected,failed,mean_delay_s,
                            // total_delay_s,total_cost_s,avg_accuracy,cost,pulled_bytes,
                            // regret_s,wall_s,decisions_per_s
    while (c.exitCode == 0 && std::getline(is, line))
    {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string x; std::getline(ss, x, ',');)
        {
            f.push_back(x);
        }
        if (f.size() < 15)
        {
            continue;
        }
        ExperimentRow r = EmptyRow(t, c);
        r.algorithm = f[0];
        r.status = "online";
        r.failed = std::stod(f[4]) + std::stod(f[5]);
        r.objective = std::stod(f[7]);
        r.accuracy = std::stod(f[9]);
        r.cost = std::stod(f[10]);
        r.pullBytes = std::stod(f[11]);
        r.regret = std::stod(f[12]);
        r.wall = std::stod(f[13]);
        rows.push_back(r);
    }
    if (rows.empty())
    {
        rows.push_back(EmptyRow(t, c));
    }
    return rows;
}

/**
 * \brief Run one task as a child process.
 * \param t the task
 * \param o the options
 * \param dir the experiment's folder (the child's stderr goes to logs/)
 * \return its rows
 */
std::vector<ExperimentRow>
RunTask(const Task& t, const ExperimentOptions& o, const std::string& dir)
{
    std::string log = dir + "/logs/" + t.point->label + "-s" + std::to_string(t.seed) + "-" +
                      t.algorithm + ".log";
    if (t.exp->kind == "online")
    {
        return RunOnlineTask(t, dir, log);
    }
    if (t.exp->kind == "packet")
    {
        return {RunPacketTask(t, o, dir, log)};
    }
    return {RunPlanTask(t, o, log)};
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
        std::vector<ExperimentRow> rows = RunTask((*tasks)[i], *o, *dir);
        std::lock_guard<std::mutex> lock(pool->mutex);
        for (const auto& r : rows)
        {
            pool->csv << ExperimentCsvLine(r) << "\n";
        }
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
 * \param reuse plan runs of earlier experiments of this call; receives this one's
 * \param rows receives every row of its runs.csv
 * \return the PNGs written
 */
std::vector<std::string>
RunExperiment(const Experiment& e,
              const ExperimentOptions& o,
              ReuseMap& reuse,
              std::vector<ExperimentRow>& rows)
{
    std::string dir = o.out + "/" + e.name;
    if (!MakeDirs(dir))
    {
        throw std::runtime_error("--out: cannot create the folder " + dir);
    }
    std::vector<Task> tasks;
    std::vector<ExperimentRow> copied;
    Pool pool;
    pool.total = PlanTasks(e, o, dir, reuse, tasks, copied);
    pool.todo = tasks.size();
    pool.done = pool.total - pool.todo;
    bool fresh = ReadExperimentRows(dir + "/runs.csv").empty();
    pool.csv.open(dir + "/runs.csv", std::ios::app);
    if (fresh)
    {
        pool.csv << kExperimentCsvHeader << "\n";
    }
    for (const auto& r : copied)
    {
        pool.csv << ExperimentCsvLine(r) << "\n";
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
            if (e.kind == "plan")
            {
                reuse.emplace(ReuseKey(dir + "/scenarios/" + r.point + "-s" +
                                           std::to_string(r.seed) + ".json",
                                       r.algorithm),
                              r);
            }
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
    h.algorithmsOf = AlgorithmsOf;
    h.plan = [&o](const Experiment& e, size_t& total) {
        std::string dir = o.out + "/" + e.name;
        if (!MakeDirs(dir))
        {
            throw std::runtime_error("--out: cannot create the folder " + dir);
        }
        // Every run is its own job on a cluster: no run is copied from another experiment's.
        std::vector<Task> tasks;
        std::vector<ExperimentRow> copied;
        total = PlanTasks(e, o, dir, ReuseMap(), tasks, copied);
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
        catch (const std::exception& e)
        {
            const std::string why = dynamic_cast<const std::invalid_argument*>(&e) &&
                                            std::string(e.what()).rfind("not a whole", 0) == 0
                                        ? std::string(": ") + e.what()
                                        : "";
            std::cerr << "mec-pfm-tool experiment: bad value in \"" << argv[i] << "\"" << why
                      << "\n";
            return 2;
        }
    }
    if (o.list)
    {
        ListExperiments();
        return 0;
    }
    o.seeds = o.seedsGiven ? o.seeds : (o.quick ? 2 : 5);
    // 2 s: in 20 s the ILP improved on its warm start (rounding's plan) by at most 0.2 %,
    // and at 2, 5 and 20 s it ended with the same plan at 6000 and 19365 requests
    // (doc/results.rst); at 20 s ilp and no-sharing took 55 % of `all`'s run time.
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
        ReuseMap reuse;
        for (const auto& e : exps)
        {
            for (const auto& p : RunExperiment(e, o, reuse, rows[e.name]))
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
