/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-online-tool` (`./mec-pfm online`): online admission runs (doc/online.rst). One policy
 * on one scenario in replay mode (no packets) or packet mode (the ns-3 applications), or
 * every policy with --compare; human-readable lines, then as the last line one JSON object.
 */

#include "ns3/admission-policy.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/mec-pfm-online-helper.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/online-report.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/scenario-reader.h"
#include "ns3/string.h"
#include "ns3/synthetic-bandit.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// The command line.
struct Options
{
    std::string scenario;              //!< --scenario
    std::string policy;                //!< --policy
    std::string mode{"replay"};        //!< --mode
    uint32_t seed{1};                  //!< --seed (RngRun)
    uint32_t features{4};              //!< --features (d)
    std::string out;                   //!< --out
    bool force{false};                 //!< --force
    bool compare{false};               //!< --compare
    bool bench{false};                 //!< --bench
    bool quick{false};                 //!< --quick (with --bench: no packet-mode part)
    std::vector<std::string> policies; //!< --policies (with --compare)
    OnlineConfig config;               //!< the run's knobs
};

void
Usage(std::ostream& os)
{
    os << "usage: mec-pfm-online-tool --scenario=FILE --policy=NAME [--mode=replay|packet]\n"
          "         [--seed=N] [--features=D] [--slot=S] [--out=DIR [--force=1]]\n"
          "         [--neighbours=K]\n"
          "         [--allow-reject] [--reject-penalty=S] [--fail-penalty=S]\n"
          "         [--accuracy-weight=S] [--no-regret] [--stateReports=T [--onChange]]\n"
          "       mec-pfm-online-tool --compare --scenario=FILE [--policies=A,B,...] [...]\n"
          "       mec-pfm-online-tool --list\n"
          "Online admission (doc/online.rst). Human-readable lines, then as the last line one\n"
          "JSON object: policy, mode, decisions, completed, rejected, failed, mean_delay_s,\n"
          "total_delay_s, total_cost_s, avg_accuracy, cost, pulled_bytes, regret_s,\n"
          "features_per_decision, wall_s, decisions_per_s.\n"
          "  --mode=replay        event-driven, no packets (default); packet: ns-3 apps\n"
          "  --seed=N             ns-3 run number (RngRun) of every random draw (default 1)\n"
          "  --features=D         features a restricted-context policy observes (default 4)\n"
          "  --slot=S             slot length, seconds (prefetch, slot-replan; default 300;\n"
          "                       0: one slot spans the run)\n"
          "  --out=DIR            write DIR/decisions.csv and DIR/summary.json: checked\n"
          "                       before the run, written as DIR.part-PID and renamed to DIR\n"
          "                       when the run has finished (a killed run leaves DIR as it\n"
          "                       was); a DIR holding another run's results is refused\n"
          "  --force=1            replace such a DIR as a whole\n"
          "  --neighbours=K       other cloudlets per candidate among the arms (default all)\n"
          "  --allow-reject       offer the rejection arm for every request\n"
          "  --reject-penalty=S   cost of a rejection in seconds (default 60)\n"
          "  --fail-penalty=S     cost of a failed request in seconds (default 60)\n"
          "  --accuracy-weight=S  seconds of delay one unit of accuracy is worth (default 0)\n"
          "  --no-regret          skip the per-decision regret (faster)\n"
          "  --stateReports=T     packet mode: each site sends its state every T seconds to\n"
          "                       the other cloudlets and a decision reads the other sites\n"
          "                       from the last report its home received (default 0: live\n"
          "                       reads of every site; doc/online.rst, \"State reports\")\n"
          "  --onChange           with --stateReports: skip a report whose state is unchanged\n"
          "  --compare            run every policy (or --policies); DIR gets a table,\n"
          "                       per-policy results and gnuplot PNGs (default DIR: online-out)\n"
          "  --bench              the benchmark of `./mec-pfm bench online` (--scenario: the\n"
          "                       scenario of its replay and packet parts, default GEANT)\n"
          "  --quick              with --bench: skip the packet-mode part (about 6 min)\n"
          "Bad input: a message on stderr and exit code 2, no JSON line.\n";
}

/**
 * \param v the text
 * \param what the option, for the message
 * \return the number (the whole text must be one)
 */
double
Number(const std::string& v, const std::string& what)
{
    size_t used = 0;
    double d = 0;
    try
    {
        d = std::stod(v, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used == 0 || used != v.size() || !std::isfinite(d))
    {
        throw std::invalid_argument(what + ": \"" + v + "\" is not a number");
    }
    return d;
}

/**
 * \param v the text
 * \param what the option
 * \param least the least value allowed
 * \return the non-negative integer
 */
uint32_t
Count(const std::string& v, const std::string& what, uint32_t least)
{
    double d = Number(v, what);
    if (d != std::floor(d) || d < least || d > 4294967295.0)
    {
        throw std::invalid_argument(what + ": \"" + v +
                                    "\" must be an integer >= " + std::to_string(least));
    }
    return static_cast<uint32_t>(d);
}

/**
 * \param argc arguments
 * \param argv arguments
 * \param o the options
 * \return -1 to go on, else the exit code
 */
int
Parse(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto is = [&a](const std::string& k) { return a.rfind(k, 0) == 0; };
        auto val = [&a](const std::string& k) { return a.substr(k.size()); };
        if (a == "--help" || a == "-h")
        {
            Usage(std::cout);
            return 0;
        }
        else if (a == "--list")
        {
            for (const auto& n : AdmissionPolicy::GetShortNames())
            {
                std::cout << n << "\n";
            }
            return 0;
        }
        else if (is("--scenario="))
        {
            o.scenario = val("--scenario=");
        }
        else if (is("--policy="))
        {
            o.policy = val("--policy=");
        }
        else if (is("--mode="))
        {
            o.mode = val("--mode=");
        }
        else if (is("--seed="))
        {
            o.seed = Count(val("--seed="), "--seed", 1);
        }
        else if (is("--features="))
        {
            o.features = Count(val("--features="), "--features", 1);
        }
        else if (is("--slot="))
        {
            o.config.slotS = Number(val("--slot="), "--slot");
            if (o.config.slotS < 0)
            {
                throw std::invalid_argument("--slot: must be >= 0 (0: no slots)");
            }
        }
        else if (is("--out="))
        {
            o.out = val("--out=");
        }
        else if (a == "--force" || a == "--force=1" || a == "--force=0")
        {
            o.force = a != "--force=0";
        }
        else if (is("--neighbours="))
        {
            o.config.neighbours = Count(val("--neighbours="), "--neighbours", 0);
        }
        else if (a == "--allow-reject")
        {
            o.config.allowReject = true;
        }
        else if (is("--reject-penalty="))
        {
            o.config.rejectPenaltyS = Number(val("--reject-penalty="), "--reject-penalty");
        }
        else if (is("--fail-penalty="))
        {
            o.config.failPenaltyS = Number(val("--fail-penalty="), "--fail-penalty");
        }
        else if (is("--accuracy-weight="))
        {
            o.config.accuracyWeightS = Number(val("--accuracy-weight="), "--accuracy-weight");
        }
        else if (is("--stateReports="))
        {
            o.config.stateReportS = Number(val("--stateReports="), "--stateReports");
            if (o.config.stateReportS < 0)
            {
                throw std::invalid_argument("--stateReports: must be >= 0 seconds (0: live reads)");
            }
        }
        else if (a == "--onChange")
        {
            o.config.stateReportOnChange = true;
        }
        else if (a == "--no-regret")
        {
            o.config.regret = false;
        }
        else if (a == "--compare")
        {
            o.compare = true;
        }
        else if (a == "--bench")
        {
            o.bench = true;
        }
        else if (a == "--quick")
        {
            o.quick = true;
        }
        else if (is("--policies="))
        {
            std::stringstream ss(val("--policies="));
            std::string p;
            while (std::getline(ss, p, ','))
            {
                o.policies.push_back(p);
            }
        }
        else
        {
            throw std::invalid_argument("unknown option \"" + a + "\" (--help lists them)");
        }
    }
    return -1;
}

/**
 * \brief Throw std::invalid_argument, naming the option, for options the run would refuse.
 * \param o the options
 * \param names the policies to check
 * \param problem the problem
 */
void
Check(const Options& o,
      const std::vector<std::string>& names,
      std::shared_ptr<const PlanningProblem> problem)
{
    MecPfmOnlineHelper helper(problem);
    const std::string why = helper.Check(names, o.mode, o.features, o.seed, o.config);
    if (!why.empty())
    {
        throw std::invalid_argument(why);
    }
}

/**
 * \param problem the problem
 * \param o the options
 * \param name the policy
 * \return the run's report in the mode of the options
 */
OnlineReport
RunOne(std::shared_ptr<const PlanningProblem> problem, const Options& o, const std::string& name)
{
    MecPfmOnlineHelper helper(problem);
    helper.SetConfig(o.config);
    helper.SetFeatures(o.features);
    helper.SetSeed(o.seed);
    return helper.Run(name, o.mode);
}

/**
 * \param dir a directory to create (parents too)
 */
void
MakeDir(const std::string& dir)
{
    std::string path;
    std::stringstream ss(dir);
    std::string part;
    if (!dir.empty() && dir[0] == '/')
    {
        path = "/";
    }
    while (std::getline(ss, part, '/'))
    {
        if (part.empty())
        {
            continue;
        }
        path += part + "/";
        mkdir(path.c_str(), 0755);
    }
    struct stat st;
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        throw std::invalid_argument("--out: cannot create directory \"" + dir + "\"");
    }
}

/**
 * \param report a run
 * \param dir where to write decisions.csv and summary.json
 */
void
Write(const OnlineReport& report, const std::string& dir)
{
    MakeDir(dir);
    if (!report.WriteDecisionsCsv(dir + "/decisions.csv") ||
        !report.WriteSummaryJson(dir + "/summary.json"))
    {
        throw std::runtime_error("cannot write into \"" + dir + "\"");
    }
}

/**
 * \param os where to print
 * \param s a summary
 */
void
PrintLine(std::ostream& os, const nlohmann::json& s)
{
    os << std::left << std::setw(14) << s["policy"].get<std::string>() << std::right << std::fixed
       << std::setprecision(4) << " decisions " << s["decisions"] << "  completed "
       << s["completed"] << "  rejected " << s["rejected"] << "  failed " << s["failed"]
       << "  mean delay " << s["mean_delay_s"].get<double>() << " s  total " << std::setprecision(3)
       << s["total_delay_s"].get<double>() << " s  cost " << s["total_cost_s"].get<double>()
       << " s  regret " << s["regret_s"].get<double>() << " s  accuracy " << std::setprecision(4)
       << s["avg_accuracy"].get<double>() << "  pulled " << std::setprecision(2)
       << s["pulled_bytes"].get<double>() / 1e9 << " GB  " << std::setprecision(0)
       << s["decisions_per_s"].get<double>() << " decisions/s\n";
    os.unsetf(std::ios::fixed);
}

/**
 * \brief Mean delay of the completed requests per slot, for the figure.
 * \param report a run
 * \param slotS the slot length (or 60 s without slots)
 * \param path where to write "slot,start_s,mean_delay_s,completed"
 */
void
WriteSlots(const OnlineReport& report, double slotS, const std::string& path)
{
    const double len = slotS > 0 ? slotS : 60;
    std::map<uint64_t, std::pair<double, uint32_t>> slots;
    for (const auto& r : report.GetRecords())
    {
        if (r.outcome == OnlineOutcome::COMPLETED)
        {
            auto& s = slots[static_cast<uint64_t>(r.timeS / len)];
            s.first += r.delayS;
            ++s.second;
        }
    }
    std::ofstream f(path);
    f << "slot,start_s,mean_delay_s,completed\n";
    for (const auto& [k, v] : slots)
    {
        f << k << ',' << k * len << ',' << v.first / v.second << ',' << v.second << '\n';
    }
}

/**
 * \brief Write the comparison's gnuplot scripts and run gnuplot on them.
 * \param dir the output directory
 * \param names the policies
 * \param scenario the scenario's name
 * \return the PNGs written
 */
std::vector<std::string>
Figures(const std::string& dir, const std::vector<std::string>& names, const std::string& scenario)
{
    struct Fig
    {
        std::string name;  //!< file stem
        std::string title; //!< title
        std::string xl;    //!< x label
        std::string yl;    //!< y label
        std::string file;  //!< data file per policy
        std::string use;   //!< using clause
    };

    const std::vector<Fig> figs = {
        {"regret",
         "Cumulative regret, " + scenario,
         "decision",
         "cumulative regret (s)",
         "decisions.csv",
         "0:7 smooth cumulative"},
        {"delay-per-slot",
         "Mean delay per slot, " + scenario,
         "time (s)",
         "mean delay of completed requests (s)",
         "slots.csv",
         "2:3 with linespoints"},
    };
    std::vector<std::string> pngs;
    for (const auto& f : figs)
    {
        std::string gp = dir + "/" + f.name + ".gp";
        std::ofstream s(gp);
        s << "# " << f.title << " (mec-pfm-online-tool --compare); run: gnuplot " << f.name
          << ".gp\nset terminal pngcairo size 900,560\nset output '" << f.name
          << ".png'\nset datafile separator ','\nset key outside right\nset grid\nset title '"
          << f.title << "'\nset xlabel '" << f.xl << "'\nset ylabel '" << f.yl << "'\nplot ";
        for (size_t i = 0; i < names.size(); ++i)
        {
            // Eight colours, then the same colours dashed: ten policies stay apart.
            s << (i ? ", \\\n     " : "") << "'" << names[i] << "/" << f.file
              << "' every ::1 using " << f.use << " lw 2 lc " << (i % 8 + 1) << " dt "
              << (i / 8 + 1) << " title '" << names[i] << "'";
        }
        s << "\n";
        s.close();
        std::string cmd = "cd '" + dir + "' && gnuplot " + f.name + ".gp 2>&1";
        if (std::system(cmd.c_str()) != 0)
        {
            std::cerr << "mec-pfm-online-tool: gnuplot failed on " << gp << "\n";
        }
        else
        {
            pngs.push_back(dir + "/" + f.name + ".png");
        }
    }
    return pngs;
}

/**
 * \param problem the problem
 * \param o the options
 * \return exit code
 */
int
Compare(std::shared_ptr<const PlanningProblem> problem, Options o)
{
    std::vector<std::string> names =
        o.policies.empty() ? AdmissionPolicy::GetShortNames() : o.policies;
    const std::string out = o.out.empty() ? "online-out" : o.out;
    MecPfmOutputDir outDir;
    if (std::string bad = outDir.Open(out, o.force); !bad.empty())
    {
        throw std::invalid_argument(bad);
    }
    const std::string dir = outDir.GetPath();
    std::ofstream table(dir + "/compare.csv");
    table << "policy,mode,decisions,completed,rejected,failed,mean_delay_s,total_delay_s,"
             "total_cost_s,avg_accuracy,cost,pulled_bytes,regret_s,wall_s,decisions_per_s\n";
    nlohmann::json all = nlohmann::json::array();
    for (size_t i = 0; i < names.size(); ++i)
    {
        std::cerr << "[" << i + 1 << "/" << names.size() << "] " << names[i] << "\n";
        OnlineReport report = RunOne(problem, o, names[i]);
        Write(report, dir + "/" + names[i]);
        WriteSlots(report, o.config.slotS, dir + "/" + names[i] + "/slots.csv");
        const auto& s = report.GetSummary();
        PrintLine(std::cout, s);
        table << std::setprecision(10) << names[i] << ',' << o.mode << ',' << s["decisions"] << ','
              << s["completed"] << ',' << s["rejected"] << ',' << s["failed"] << ','
              << s["mean_delay_s"] << ',' << s["total_delay_s"] << ',' << s["total_cost_s"] << ','
              << s["avg_accuracy"] << ',' << s["cost"] << ',' << s["pulled_bytes"] << ','
              << s["regret_s"] << ',' << s["wall_s"] << ',' << s["decisions_per_s"] << '\n';
        all.push_back(s);
    }
    table.close();
    auto pngs = Figures(dir, names, problem->GetScenario().name);
    if (std::string bad = outDir.Commit(); !bad.empty())
    {
        throw std::runtime_error(bad);
    }
    std::cout << "results in " << out << "/ (compare.csv, <policy>/decisions.csv";
    for (const auto& p : pngs)
    {
        std::cout << ", " << p.substr(dir.size() + 1);
    }
    std::cout << ")\n";
    nlohmann::json last;
    last["compare"] = all;
    last["out"] = out;
    std::cout << last.dump() << "\n";
    return 0;
}

/**
 * \brief On the synthetic environment, the regret of tsrc (default variant), its reference
 * variant (ExploreArms uniform, the Theorem's Confidence) and lints with the full context:
 * the log-log slope of the cumulative regret between 10^3 and the last decision, and the
 * cost of the last tenth against lints's.
 * \param prm the environment
 * \param decisions the decisions
 * \param j receives the figures
 */
void
BenchSyntheticVariants(const SyntheticBandit::Params& prm, uint32_t decisions, nlohmann::json& j)
{
    const double z = 2.13 * std::sqrt(std::log(2.0 * 16 * 4 * decisions * double(decisions)));
    double lintsLate = 0;
    for (const std::string name : {"lints", "tsrc", "tsrc-reference"})
    {
        const bool reference = name == "tsrc-reference";
        Ptr<AdmissionPolicy> p = AdmissionPolicy::CreateByName(reference ? "tsrc" : name);
        p->SetAttributeFailSafe("Prefetch", BooleanValue(false));
        if (reference)
        {
            p->SetAttribute("ExploreArms", StringValue("uniform"));
            p->SetAttribute("Confidence", DoubleValue(z));
        }
        p->AssignStreams(0);
        SyntheticBandit env(prm);
        auto r = env.Run(*p, decisions);
        const double slope =
            std::log10(r.cumulativeRegret[decisions - 1] / r.cumulativeRegret[999]) /
            std::log10(decisions / 1000.0);
        lintsLate = name == "lints" ? r.lateCost : lintsLate;
        std::cout << name << ", synthetic: regret " << r.cumulativeRegret[decisions - 1]
                  << ", log-log slope " << slope << ", last tenth's cost against lints "
                  << r.lateCost / lintsLate << "\n";
        j["synthetic_" + name + "_regret"] = r.cumulativeRegret[decisions - 1];
        j["synthetic_" + name + "_slope"] = slope;
        j["synthetic_" + name + "_late_vs_lints"] = r.lateCost / lintsLate;
    }
}

/**
 * \brief The packet-mode part of the benchmark: tsrc and plan-replay on the same scenario,
 * with the wall time each policy's own calls (Start, Decide, Feedback, PlanSlot) take.
 *
 * The two runs differ in more than the policy: tsrc pulls other blocks, so its simulation
 * carries other packets. The policy's own share of the wall time is what it adds.
 * \param problem the problem
 * \param o the options
 * \param j receives the figures
 */
void
BenchPacket(std::shared_ptr<const PlanningProblem> problem, const Options& o, nlohmann::json& j)
{
    for (const std::string name : {"tsrc", "plan-replay"})
    {
        RngSeedManager::SetRun(o.seed);
        Options packet = o;
        packet.mode = "packet";
        OnlineReport report = RunOne(problem, packet, name);
        const auto& s = report.GetSummary();
        PrintLine(std::cout, s);
        double wall = s["wall_s"].get<double>();
        double policy = s["policy_wall_s"].get<double>();
        std::cout << std::fixed << std::setprecision(1) << name << ", packet mode: " << wall
                  << " s wall, of which " << policy << " s in the policy (" << 100 * policy / wall
                  << " %)\n";
        std::cout.unsetf(std::ios::fixed);
        j["packet_" + name + "_total_delay_s"] = s["total_delay_s"];
        j["packet_" + name + "_wall_s"] = wall;
        j["packet_" + name + "_policy_wall_s"] = policy;
        j["packet_" + name + "_policy_share"] = policy / wall;
    }
}

/**
 * \brief `./mec-pfm bench online`: decisions per second of tsrc on the synthetic
 * environment (N = 16, d = 4, 40 arms: the policy alone and the whole loop), the replay
 * of a scenario by tsrc, plan-replay and home-greedy, and (unless --quick) the packet-mode
 * runs of tsrc and plan-replay: the wall time and the share of it spent in the policy.
 * \param o the options
 * \return exit code
 */
int
Bench(Options o)
{
    nlohmann::json j;
    SyntheticBandit::Params prm;
    prm.features = 16;
    prm.arms = 40;
    prm.theta.assign(16, 0.0);
    prm.theta[1] = 2;
    prm.theta[5] = -1.5;
    prm.theta[9] = 1;
    prm.theta[13] = 0.8;
    prm.noise = 0.2;
    prm.maxDelay = 20;
    prm.stream = 100;
    const uint32_t decisions = 100000;
    SyntheticBandit env(prm);
    Ptr<AdmissionPolicy> tsrc = AdmissionPolicy::CreateByName("tsrc");
    tsrc->AssignStreams(0);
    auto r = env.Run(*tsrc, decisions);
    j["synthetic_decisions"] = decisions;
    j["synthetic_policy_decisions_per_s"] = decisions / r.policyS;
    j["synthetic_loop_decisions_per_s"] = decisions / r.wallS;
    std::cout << "tsrc, synthetic (N 16, d 4, 40 arms, 100,000 decisions): "
              << static_cast<uint64_t>(decisions / r.policyS)
              << " decisions/s in the policy (Decide + Feedback), "
              << static_cast<uint64_t>(decisions / r.wallS)
              << " decisions/s with the environment drawing 640 features per decision\n";
    BenchSyntheticVariants(prm, decisions, j);
    if (o.scenario.empty())
    {
        o.scenario = "scenarios/geant-default.json";
    }
    auto problem = std::make_shared<const PlanningProblem>(
        ScenarioReader::ReadFile(MecPfmResolvePath(o.scenario)));
    for (const std::string name : {"tsrc", "plan-replay", "home-greedy"})
    {
        RngSeedManager::SetRun(o.seed);
        Options replay = o;
        replay.mode = "replay";
        OnlineReport report = RunOne(problem, replay, name);
        const auto& s = report.GetSummary();
        PrintLine(std::cout, s);
        j["replay_" + name + "_total_delay_s"] = s["total_delay_s"];
        j["replay_" + name + "_decisions_per_s"] = s["decisions_per_s"];
        j["replay_" + name + "_wall_s"] = s["wall_s"];
    }
    if (!o.quick)
    {
        BenchPacket(problem, o, j);
    }
    j["scenario"] = problem->GetScenario().name;
    std::cout << j.dump() << "\n";
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    Options o;
    try
    {
        int rc = Parse(argc, argv, o);
        if (rc >= 0)
        {
            return rc;
        }
        if (o.bench)
        {
            return Bench(o);
        }
        if (o.scenario.empty())
        {
            throw std::invalid_argument("--scenario: missing");
        }
        RngSeedManager::SetRun(o.seed);
        auto problem = std::make_shared<const PlanningProblem>(
            ScenarioReader::ReadFile(MecPfmResolvePath(o.scenario)));
        Check(o,
              o.compare ? (o.policies.empty() ? AdmissionPolicy::GetShortNames() : o.policies)
                        : std::vector<std::string>{o.policy},
              problem);
        if (o.compare)
        {
            return Compare(problem, o);
        }
        MecPfmOutputDir outDir; // before the run: a bad folder costs nothing
        if (std::string bad = outDir.Open(o.out, o.force); !bad.empty())
        {
            throw std::invalid_argument(bad);
        }
        OnlineReport report = RunOne(problem, o, o.policy);
        PrintLine(std::cout, report.GetSummary());
        if (!o.out.empty())
        {
            Write(report, outDir.GetPath());
            if (std::string bad = outDir.Commit(); !bad.empty())
            {
                throw std::runtime_error(bad);
            }
            std::cout << "results in " << o.out << "/ (decisions.csv, summary.json)\n";
        }
        std::cout << report.GetSummary().dump() << "\n";
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "mec-pfm-online-tool: " << e.what() << "\n";
        return 2;
    }
    catch (const ScenarioError& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "mec-pfm-online-tool: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
