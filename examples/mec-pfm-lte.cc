/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Mobile users over LTE: the GEANT scenario's cloudlets, the users of a handful of its
 * cities as UEs of ns-3's LTE with EPC (LteAccessNetwork, helper/lte-access-network.h, its
 * own small library: the module's library does not depend on lte). One eNB per city's
 * cloudlet; one EPC whose PGW reaches every cloudlet by an SGi link; the users stand still
 * near their eNB (--mobility=0) or move by random waypoint and hand over by X2
 * (--mobility=1), their next requests then going to the new eNB's cloudlet; or they move
 * by an ns-2 movement trace (--mobilityTrace=FILE, e.g. scenarios/lte-crossing.ns2: its
 * node i is the i-th UE, city by city in the scenario's node order, usersPerHome each).
 *
 *   ./mec-pfm run mec-pfm-lte [--cities=4] [--usersPerHome=24] [--maxRequests=80]
 *        [--duration=20] [--mobility=0|1] [--speed=M/S] [--access=lte|p2p] [--pcap=1]
 *        [--anim=FILE] [--compare=1] ...   (--help lists every option)
 *
 * The requests are the scenario's (the Azure trace): the first --maxRequests homed at the
 * first --cities cloudlets that have requests, their arrivals compressed into --duration
 * seconds if they span more (a heavier load than the trace's; LTE costs events per
 * simulated millisecond and UE) and shifted by --warmup seconds (the UEs' RRC connections take a
 * few tens of ms). The plan is made for these requests (--algorithm). Printed: the runner's table
 * (planned against measured total delay, the delay's parts), the access part of the delay (user to
 * home cloudlet and back: the LTE radio and the EPC) against the backhaul part, the LTE connections
 * and handovers, and what happened to the requests in flight when their user changed home.
 * --compare=1 runs point-to-point access, LTE standing still and LTE moving on the same requests
 * and prints one line each (./mec-pfm bench lte).
 */

#include "ns3/access-delay-probe.h"
#include "ns3/animation-interface.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/lte-access-network.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/mobility-model.h"
#include "ns3/node-list.h"
#include "ns3/scenario-reader.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// The example's knobs (every one a command-line option).
struct LteOptions
{
    std::string scenario{"scenarios/geant-default.json"};   //!< scenario file
    std::string algorithm{"rounding"};                      //!< planner
    double timeLimit{60};                                   //!< planner time limit, s
    uint32_t seed{1};                                       //!< RngRun
    uint32_t cities{4};                                     //!< cloudlets with users
    uint32_t maxRequests{80};                               //!< requests kept
    double duration{20};                                    //!< arrival window, s
    double warmup{1};                                       //!< arrivals shifted by, s
    std::string access{"lte"};                              //!< lte or p2p
    bool mobility{false};                                   //!< UEs move
    double speed{20};                                       //!< UE speed, m/s
    double isd{200};                                        //!< inter-site distance, m
    double roaming{0};                                      //!< waypoint half-width, m
    std::string mobilityTrace;                              //!< ns-2 movement trace
    uint32_t bandwidth{25};                                 //!< RBs
    std::string scheduler{"ns3::PfFfMacScheduler"};         //!< MAC scheduler
    std::string pathloss{"ns3::FriisPropagationLossModel"}; //!< path loss
    std::string handover{"ns3::A3RsrpHandoverAlgorithm"};   //!< handover algorithm
    bool pcap{false};                                       //!< S1-U and SGi pcap
    std::string anim;                                       //!< NetAnim XML file
    uint64_t animMaxPkts{100000};                           //!< packets per anim file
    bool compare{false};                                    //!< p2p, still, moving
    std::string out;                                        //!< results folder
    bool force{false};                                      //!< replace --out
    MecPfmRunConfig cfg;                                    //!< runner knobs
};

/**
 * \brief Keep the first maxRequests requests of the first cities, their arrivals
 * compressed into the duration (if they span more) and shifted by warmup.
 * \param sc the scenario (changed)
 * \param o the options
 * \param factor set to the compression factor (1: none)
 * \return "" or why nothing is left
 */
std::string
SelectRequests(MecScenario& sc, const LteOptions& o, double& factor)
{
    std::set<uint32_t> homes;
    for (const auto& r : sc.requests)
    {
        homes.insert(r.home);
    }
    std::set<uint32_t> kept;
    for (uint32_t h : homes)
    {
        if (kept.size() < o.cities)
        {
            kept.insert(h);
        }
    }
    std::vector<InferenceRequest> chosen;
    for (const auto& r : sc.requests)
    {
        if (kept.count(r.home) && chosen.size() < o.maxRequests)
        {
            chosen.push_back(r);
            chosen.back().id = static_cast<uint32_t>(chosen.size() - 1);
        }
    }
    if (chosen.empty())
    {
        return "--cities/--maxRequests: no request left";
    }
    double first = chosen[0].arrivalS;
    double last = first;
    for (const auto& r : chosen)
    {
        first = std::min(first, r.arrivalS);
        last = std::max(last, r.arrivalS);
    }
    factor = last - first > o.duration ? o.duration / (last - first) : 1.0;
    for (auto& r : chosen)
    {
        r.arrivalS = o.warmup + (r.arrivalS - first) * factor;
    }
    sc.requests = chosen;
    return "";
}

/**
 * \param o the options
 * \return "" or "--option: why" for options the run would refuse
 */
std::string
CheckOptions(const LteOptions& o)
{
    if (o.access != "lte" && o.access != "p2p")
    {
        return "--access: \"" + o.access + "\" is neither lte nor p2p";
    }
    if (std::string bad = LteAccessNetwork::CheckBandwidth(o.bandwidth); !bad.empty())
    {
        return "--bandwidth: " + bad;
    }
    if (o.cities == 0 || o.cities > 1000 || o.maxRequests == 0 || o.maxRequests > 1000000)
    {
        return "--cities/--maxRequests: must be positive (and not a wrapped negative)";
    }
    if (!(o.duration > 0) || !(o.warmup >= 0) || !(o.speed > 0) || !(o.isd >= 1) ||
        !(o.roaming >= 0))
    {
        return "--duration/--warmup/--speed/--isd/--roaming: out of range";
    }
    if (o.cfg.usersPerHome > 320 / std::max<uint32_t>(o.cities, 1))
    {
        return "--usersPerHome: at most 320 UEs in all (ns-3's SRS periodicity)";
    }
    return "";
}

/**
 * \param sc the scenario, its requests selected
 * \param o the options
 * \return "" or why --mobilityTrace (if given) cannot move the run's UEs
 */
std::string
CheckTrace(const MecScenario& sc, const LteOptions& o)
{
    if (o.mobilityTrace.empty())
    {
        return "";
    }
    // MecPfmRunner attaches usersPerHome users for each home that has requests.
    std::set<uint32_t> homes;
    for (const auto& r : sc.requests)
    {
        homes.insert(r.home);
    }
    const auto ues = static_cast<uint32_t>(homes.size()) * o.cfg.usersPerHome;
    return LteAccessNetwork::CheckMobilityTrace(MecPfmResolvePath(o.mobilityTrace), ues);
}

/**
 * \param o the options
 * \param mobility the UEs move
 * \return the LTE access network of the options
 */
Ptr<LteAccessNetwork>
MakeLte(const LteOptions& o, bool mobility)
{
    Ptr<LteAccessNetwork> lte = CreateObject<LteAccessNetwork>();
    lte->SetAttribute("Bandwidth", UintegerValue(o.bandwidth));
    lte->SetAttribute("Scheduler", StringValue(o.scheduler));
    lte->SetAttribute("PathlossModel", StringValue(o.pathloss));
    lte->SetAttribute("HandoverAlgorithm", StringValue(o.handover));
    lte->SetAttribute("InterSiteDistance", DoubleValue(o.isd));
    lte->SetAttribute("RoamingDistance", DoubleValue(o.roaming));
    lte->SetAttribute("Mobility", BooleanValue(mobility));
    lte->SetAttribute("UeSpeed", DoubleValue(o.speed));
    if (mobility && !o.mobilityTrace.empty())
    {
        lte->SetAttribute("MobilityTrace", StringValue(MecPfmResolvePath(o.mobilityTrace)));
    }
    return lte;
}

/// What the set-up hook needs (bound to it as a pointer: ns-3's Callback takes no lambdas).
struct RunHooks
{
    MecPfmRunner* runner{nullptr};            //!< the runner
    Ptr<AccessDelayProbe> probe;              //!< access parts
    Ptr<LteAccessNetwork> lte;                //!< null: point-to-point
    const MecScenario* sc{nullptr};           //!< the scenario
    const LteOptions* o{nullptr};             //!< options
    std::unique_ptr<AnimationInterface> anim; //!< NetAnim writer
};

/**
 * \brief Positions for NetAnim, before AnimationInterface writes them: backhaul nodes from
 * their GraphML coordinates (100 units a degree, north up) above the radio grid (metres,
 * from the mobility models), nodes without a mobility model (the MME; users of
 * point-to-point access) beside it.
 * \param sc the scenario (its nodes are the first ns-3 nodes)
 */
void
PlaceForAnimation(const MecScenario& sc)
{
    double lonMin = 1e9;
    double latMin = 1e9;
    for (const auto& v : sc.nodes)
    {
        lonMin = std::isnan(v.longitude) ? lonMin : std::min(lonMin, v.longitude);
        latMin = std::isnan(v.latitude) ? latMin : std::min(latMin, v.latitude);
    }
    for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
    {
        Ptr<Node> n = NodeList::GetNode(i);
        if (i < sc.nodes.size())
        {
            const auto& v = sc.nodes[i];
            const bool known = !std::isnan(v.longitude) && !std::isnan(v.latitude);
            AnimationInterface::SetConstantPosition(n,
                                                    known ? 100 * (v.longitude - lonMin) : 50.0 * i,
                                                    known ? -500 - 100 * (v.latitude - latMin)
                                                          : -300.0);
        }
        else if (!n->GetObject<MobilityModel>())
        {
            AnimationInterface::SetConstantPosition(n, -300.0, 20.0 * (i % 100));
        }
    }
}

/**
 * \brief Names and colours of the backhaul nodes in NetAnim (DC blue, cloudlets green,
 * switches grey).
 * \param anim the animation
 * \param sc the scenario
 */
void
DescribeForAnimation(AnimationInterface& anim, const MecScenario& sc)
{
    for (uint32_t i = 0; i < sc.nodes.size() && i < NodeList::GetNNodes(); ++i)
    {
        const auto& v = sc.nodes[i];
        anim.UpdateNodeDescription(NodeList::GetNode(i), v.id);
        const bool dc = v.role == NodeRole::DATACENTER;
        const bool cloudlet = v.role == NodeRole::CLOUDLET;
        anim.UpdateNodeColor(NodeList::GetNode(i),
                             dc         ? 0
                             : cloudlet ? 0
                                        : 128,
                             dc         ? 0
                             : cloudlet ? 160
                                        : 128,
                             dc         ? 255
                             : cloudlet ? 0
                                        : 128);
    }
}

/**
 * \brief The runner's set-up hook: the probe, pcap, the animation.
 * \param h the hooks
 */
void
BeforeRun(RunHooks* h)
{
    h->probe->Connect(h->runner->GetSiteApps());
    if (h->lte && h->o->pcap && !h->o->cfg.outDir.empty())
    {
        h->lte->EnablePcap(h->o->cfg.outDir + "/lte");
    }
    if (!h->o->anim.empty())
    {
        PlaceForAnimation(*h->sc);
        h->anim = std::make_unique<AnimationInterface>(h->o->anim);
        h->anim->SetMaxPktsPerTraceFile(h->o->animMaxPkts);
        DescribeForAnimation(*h->anim, *h->sc);
    }
}

/// Measured figures of one run.
struct LteRunFigures
{
    MecPfmRunSummary summary;                     //!< the runner's summary
    AccessDelayParts access;                      //!< mean access and backhaul parts
    uint32_t measured{0};                         //!< requests in the access means
    uint32_t handovers{0};                        //!< handovers completed
    uint32_t hoFailures{0};                       //!< handovers failed
    uint32_t homeChanges{0};                      //!< home changes
    uint32_t inFlight{0};                         //!< requests in flight at a home change
    std::map<std::string, uint32_t> inFlightEnds; //!< their ends, by status (reason)
    double inFlightMeanDelayS{0};                 //!< mean delay of the completed ones
};

/**
 * \param runner the finished runner
 * \return the ends of the requests in flight at a home change
 */
LteRunFigures
InFlightEnds(const MecPfmRunner& runner)
{
    LteRunFigures f;
    uint32_t completed = 0;
    for (const auto& c : runner.GetHomeChanges())
    {
        ++f.homeChanges;
        for (uint32_t seq : c.inFlightSeq)
        {
            ++f.inFlight;
            const InferenceRecord& rec = c.client->GetRecords().at(seq);
            std::string end = rec.ended ? GetStatusName(rec.status) : "not ended";
            if (rec.ended && rec.status == InferenceStatus::FAILED)
            {
                end += " (" + GetFailureReasonName(rec.reason) + ")";
            }
            ++f.inFlightEnds[end];
            if (rec.ended && rec.status == InferenceStatus::COMPLETED)
            {
                ++completed;
                f.inFlightMeanDelayS += (rec.received - rec.msg.sent).GetSeconds();
            }
        }
    }
    f.inFlightMeanDelayS = completed > 0 ? f.inFlightMeanDelayS / completed : 0;
    return f;
}

/**
 * \brief Plan, build and run once.
 * \param o the options
 * \param problem the problem
 * \param choice the plan
 * \param access "lte" or "p2p"
 * \param mobility the UEs move
 * \param table print the runner's table and the details
 * \param f set to the figures
 * \return "" or why the run failed
 */
std::string
RunOnce(const LteOptions& o,
        std::shared_ptr<const PlanningProblem> problem,
        const MecPfmPlanChoice& choice,
        const std::string& access,
        bool mobility,
        bool table,
        LteRunFigures& f)
{
    MecPfmRunner runner(problem, choice.plan, choice.name);
    RunHooks h;
    h.runner = &runner;
    h.probe = CreateObject<AccessDelayProbe>();
    h.lte = access == "lte" ? MakeLte(o, mobility) : nullptr;
    h.sc = &problem->GetScenario();
    h.o = &o;
    MecPfmRunConfig cfg = o.cfg;
    cfg.access = h.lte;
    cfg.pcap = o.pcap;
    cfg.beforeRun = MakeBoundCallback(&BeforeRun, &h);
    if (!runner.Run(cfg))
    {
        return runner.GetError();
    }
    h.anim.reset();
    f = InFlightEnds(runner);
    f.summary = runner.GetSummary();
    f.access = h.probe->GetMeanParts(runner.GetResults(), f.measured);
    if (h.lte)
    {
        f.handovers = h.lte->GetNHandovers();
        f.hoFailures = h.lte->GetNHandoverFailures();
    }
    if (table)
    {
        runner.PrintTable(std::cout);
        if (h.lte)
        {
            std::cout << "  LTE: " << h.lte->GetEnbNodes().GetN() << " eNB, "
                      << h.lte->GetUeNodes().GetN() << " UE, " << h.lte->GetNConnections()
                      << " RRC connection(s), last at " << h.lte->GetLastConnection().GetSeconds()
                      << " s; handovers " << h.lte->GetNHandoverStarts() << " started, "
                      << f.handovers << " done, " << f.hoFailures << " failed\n";
        }
    }
    Simulator::Destroy();
    return "";
}

/**
 * \param os where
 * \param label the run's name
 * \param f its figures
 */
void
PrintFigures(std::ostream& os, const std::string& label, const LteRunFigures& f)
{
    const MecPfmRunSummary& s = f.summary;
    os << std::fixed << std::setprecision(4) << label << ": completed " << s.completed << "/"
       << s.requests << ", mean delay " << s.meanDelayS << " s (access up " << f.access.accessUpS
       << " + down " << f.access.accessDownS << ", backhaul " << f.access.backhaulS << ", over "
       << f.measured << " requests), pulls " << s.pulls << ", handovers " << f.handovers << " ("
       << f.hoFailures << " failed), home changes " << f.homeChanges << " with " << f.inFlight
       << " request(s) in flight";
    if (f.inFlight > 0)
    {
        os << " ->";
        for (const auto& [end, n] : f.inFlightEnds)
        {
            os << " " << end << " " << n;
        }
        os << ", their mean delay " << f.inFlightMeanDelayS << " s";
    }
    os << "; wall " << std::setprecision(1) << s.wallS << " s, " << s.events << " events\n";
    os.unsetf(std::ios::fixed);
}

/**
 * \param cmd the command line to fill
 * \param o the options it sets
 */
void
AddOptions(CommandLine& cmd, LteOptions& o)
{
    cmd.AddValue("scenario", "scenario JSON file", o.scenario);
    cmd.AddValue("algorithm", "planner short name (mec-pfm-tool plan --list)", o.algorithm);
    cmd.AddValue("timeLimit", "planner time limit in seconds", o.timeLimit);
    cmd.AddValue("seed", "ns-3 run number (RngRun)", o.seed);
    cmd.AddValue("cities", "users at the first N cloudlets that have requests", o.cities);
    cmd.AddValue("usersPerHome", "UEs per city (its requests round-robin)", o.cfg.usersPerHome);
    cmd.AddValue("maxRequests", "at most this many requests (in arrival order)", o.maxRequests);
    cmd.AddValue("duration",
                 "compress the arrivals into this many seconds if they span more",
                 o.duration);
    cmd.AddValue("warmup", "shift arrivals by this many seconds (RRC connection)", o.warmup);
    cmd.AddValue("access", "lte, or p2p (the default point-to-point links, to compare)", o.access);
    cmd.AddValue("mobility", "UEs move (random waypoint, X2 handover)", o.mobility);
    cmd.AddValue("mobilityTrace",
                 "UEs move by this ns-2 movement trace instead (node i: the i-th UE, city by "
                 "city in node order; LTE only)",
                 o.mobilityTrace);
    cmd.AddValue("speed", "UE speed, m/s", o.speed);
    cmd.AddValue("isd", "inter-site distance of the eNB grid, m", o.isd);
    cmd.AddValue("roaming", "half-width of a UE's waypoint square, m (0: --isd)", o.roaming);
    cmd.AddValue("bandwidth", "eNB bandwidth in RBs (6, 15, 25, 50, 75, 100)", o.bandwidth);
    cmd.AddValue("scheduler", "MAC scheduler TypeId", o.scheduler);
    cmd.AddValue("pathloss", "path-loss model TypeId", o.pathloss);
    cmd.AddValue("handover", "handover algorithm TypeId", o.handover);
    cmd.AddValue("pcap", "pcap of the backhaul, S1-U and SGi under --out", o.pcap);
    cmd.AddValue("anim", "write a NetAnim XML file of the run (slow)", o.anim);
    cmd.AddValue("animMaxPkts", "packets per NetAnim file", o.animMaxPkts);
    cmd.AddValue("compare", "run p2p, LTE still and LTE moving; one line each", o.compare);
    cmd.AddValue("out", "folder for requests.csv, summary.json (and pcap)", o.out);
    cmd.AddValue("force", "replace an --out folder of another run", o.force);
    cmd.AddValue("timeout", "per-request timeout in seconds (then failed)", o.cfg.timeoutS);
    cmd.AddValue("stop", "stop time in seconds (0: last arrival + timeout + 1)", o.cfg.stopS);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", o.cfg.maxConcurrentPulls);
}

/**
 * \param o the options
 * \return the exit code
 */
int
Run(LteOptions& o)
{
    RngSeedManager::SetRun(o.seed);
    MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(o.scenario));
    double factor = 1;
    if (std::string bad = SelectRequests(sc, o, factor); !bad.empty())
    {
        std::cerr << bad << "\n";
        return 2;
    }
    if (std::string bad = CheckTrace(sc, o); !bad.empty())
    {
        std::cerr << "--mobilityTrace: " << bad << "\n";
        return 2;
    }
    auto problem = std::make_shared<const PlanningProblem>(sc);
    MecPfmPlanChoice choice = MecPfmPlanHelper::Obtain(*problem, o.algorithm, "", o.timeLimit);
    if (!choice.ok)
    {
        std::cerr << choice.error << "\n";
        return 2;
    }
    std::cout << sc.requests.size() << " requests at " << o.cities << " cities, "
              << o.cfg.usersPerHome << " users each, arrivals compressed by " << factor << " into "
              << o.duration << " s\n";

    struct Variant
    {
        std::string label;
        std::string access;
        bool mobility;
    };

    const bool moving = o.mobility || !o.mobilityTrace.empty();
    std::vector<Variant> variants{{o.access + (moving ? " moving" : " still"), o.access, moving}};
    if (o.compare)
    {
        variants = {{"p2p", "p2p", false},
                    {"lte still", "lte", false},
                    {"lte moving", "lte", true}};
    }
    for (const auto& v : variants)
    {
        LteRunFigures f;
        if (std::string bad = RunOnce(o, problem, choice, v.access, v.mobility, !o.compare, f);
            !bad.empty())
        {
            std::cerr << bad << "\n";
            return 2;
        }
        PrintFigures(std::cout, v.label, f);
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    LteOptions o;
    o.cfg.usersPerHome = 24; // a few dozen moving UEs a city: minutes of wall time (doc)
    o.cfg.timeoutS = 10;
    CommandLine cmd(__FILE__);
    AddOptions(cmd, o);
    MecPfmCommandLine::Parse(cmd, argc, argv);
    if (std::string bad = CheckOptions(o); !bad.empty())
    {
        std::cerr << bad << "\n";
        return 2;
    }
    if (o.pcap && o.out.empty())
    {
        o.out = "mec-pfm-lte-out";
    }
    if (std::string bad = MecPfmRunner::CheckConfig(o.cfg); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    MecPfmOutputDir outDir;
    if (std::string bad = outDir.Open(o.out, o.force); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    o.cfg.outDir = outDir.GetPath();
    try
    {
        const int rc = Run(o);
        if (rc != 0)
        {
            return rc;
        }
        if (std::string bad = outDir.Commit(); !bad.empty())
        {
            std::cerr << bad << "\n";
            return 2;
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
