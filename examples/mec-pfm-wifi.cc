/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Wi-Fi access from ns-3's wifi module: the module works with other ns-3 modules. The
 * users of each home cloudlet reach it over their own IEEE 802.11 BSS instead of the
 * default point-to-point access links (PointToPointAccessNetwork). WifiAccessNetwork
 * (helper/wifi-access-network.h, its own small library: the module's library does not
 * depend on wifi) is an AccessNetwork handed to the runner through MecPfmRunConfig::access.
 *
 * Per cloudlet, one BSS: the cloudlet node itself is the access point (an ApWifiMac
 * WifiNetDevice next to its backhaul devices), its users are stations a few metres away
 * (constant-position mobility), with a distinct SSID, a distinct /24 (172.16.k.0/24 for
 * the k-th BSS) and a YansWifiChannel of its own, so that BSSs never interfere: in the
 * scenarios cloudlets are kilometres apart. The default standard is 802.11ax (HE, 5 GHz,
 * 20 MHz, HeMcs7, 800 ns guard interval at a constant rate); --standard=ac / n select
 * VHT / HT.
 *
 *   ./mec-pfm run mec-pfm-wifi [--scenario=FILE] [--algorithm=NAME] [--out=DIR]
 *        [--pcap=1] [--seed=N] [--standard=ax|ac|n] [--mcs=N | --idealRate=1]
 *        [--channelWidth=MHz] [--distance=M] [--staticArp=0] [--access=wifi|p2p]
 *
 * --access=p2p runs the same plan over the default point-to-point access links, for
 * comparison. The ARP caches of each BSS are filled at set-up (--staticArp=0: dynamic
 * ARP, whose ns-3 request jitter adds up to 10 ms to each user's first request; point-to-
 * point links have no ARP). The backhaul's 64000-byte TCP segments are IP-fragmented to
 * the 1500-byte Wi-Fi MTU on the access leg (a request of a few kB is two fragments).
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/mec-pfm-command-line.h"
#include "ns3/mec-pfm-output-dir.h"
#include "ns3/mec-pfm-paths.h"
#include "ns3/mec-pfm-plan-helper.h"
#include "ns3/mec-pfm-runner.h"
#include "ns3/scenario-reader.h"
#include "ns3/wifi-access-network.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/**
 * \brief Print what the access network was: the Wi-Fi BSSs and their associations, or
 * the point-to-point links.
 * \param os where
 * \param wifi the Wi-Fi access network (null: point-to-point)
 * \param sc the scenario (for its first arrival)
 * \param standard the Wi-Fi standard's option
 * \param idealRate the ideal-rate option
 * \param width the channel width's option, MHz
 * \param distance the distance option, m
 */
void
PrintAccess(std::ostream& os,
            Ptr<WifiAccessNetwork> wifi,
            const MecScenario& sc,
            const std::string& standard,
            bool idealRate,
            uint32_t width,
            double distance)
{
    if (!wifi)
    {
        os << "  access: point-to-point links (PointToPointAccessNetwork)\n";
        return;
    }
    double firstArrival = -1;
    for (const auto& q : sc.requests)
    {
        firstArrival = firstArrival < 0 ? q.arrivalS : std::min(firstArrival, q.arrivalS);
    }
    os << "  access: Wi-Fi 802.11" << standard << " "
       << (idealRate ? std::string("ideal rate") : wifi->GetModeName()) << ", " << width << " MHz, "
       << wifi->GetNBss() << " BSS, " << wifi->GetNStations() << " station(s) at " << distance
       << " m, " << wifi->GetNAssociations() << " association(s), last at "
       << wifi->GetLastAssociation().GetSeconds() << " s, " << wifi->GetNDeassociations()
       << " lost\n";
    if (wifi->GetNAssociations() < wifi->GetNStations())
    {
        os << "  WARNING: not every station associated\n";
    }
    else if (firstArrival >= 0 && wifi->GetLastAssociation().GetSeconds() > firstArrival)
    {
        os << "  WARNING: a station associated after the first request (" << firstArrival
           << " s); early requests wait for it\n";
    }
}

/**
 * \param access the access option
 * \param standard the Wi-Fi standard's option
 * \param mcs the MCS option
 * \param width the channel width's option, MHz
 * \param distance the distance option, m
 * \return "" or "--option: why" for options the run would refuse
 */
std::string
CheckAccess(const std::string& access,
            const std::string& standard,
            uint32_t mcs,
            uint32_t width,
            double distance)
{
    if (access != "wifi" && access != "p2p")
    {
        return "--access: \"" + access + "\" is neither wifi nor p2p";
    }
    if (std::string bad = WifiAccessNetwork::Check(standard, mcs, width); !bad.empty())
    {
        return "--standard/--mcs/--channelWidth: " + bad;
    }
    if (!(distance >= 0.1 && distance <= 1000))
    {
        std::ostringstream os;
        os << "--distance: " << distance << " m is not in [0.1, 1000]";
        return os.str();
    }
    return "";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string scenario = "scenarios/two-cloudlets.json";
    std::string algorithm = "rounding";
    std::string out;
    std::string access = "wifi";
    std::string standard = "ax";
    uint32_t mcs = 7;
    uint32_t width = 20;
    bool shortGi = true;
    bool idealRate = false;
    bool staticArp = true;
    double distance = 5;
    bool pcap = false;
    bool force = false;
    uint32_t seed = 1;
    double timeLimit = 60;
    MecPfmRunConfig cfg;

    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "scenario JSON file", scenario);
    cmd.AddValue("algorithm", "planner short name (mec-pfm-tool plan --list)", algorithm);
    cmd.AddValue("out",
                 "folder for requests.csv, summary.json (and pcap); written as OUT.part-PID "
                 "and renamed to OUT when the run has finished",
                 out);
    cmd.AddValue("force",
                 "replace an --out folder that holds another run's results (as a whole)",
                 force);
    cmd.AddValue("pcap",
                 "write pcap files of the backhaul and radiotap pcap files of the Wi-Fi "
                 "devices under --out (default mec-pfm-wifi-out)",
                 pcap);
    cmd.AddValue("seed", "ns-3 run number (RngRun) for planners, arrivals and Wi-Fi", seed);
    cmd.AddValue("timeLimit", "planner time limit in seconds", timeLimit);
    cmd.AddValue("access", "access network: wifi, or p2p (the default links, to compare)", access);
    cmd.AddValue("standard", "Wi-Fi standard: ax (HE), ac (VHT) or n (HT), at 5 GHz", standard);
    cmd.AddValue("mcs", "constant MCS index, one spatial stream (ax 0-11, ac 0-9, n 0-7)", mcs);
    cmd.AddValue("idealRate",
                 "choose the MCS per frame from the SNR (IdealWifiManager) instead of --mcs",
                 idealRate);
    cmd.AddValue("channelWidth", "channel width in MHz (20, 40, 80, 160; n: 20, 40)", width);
    cmd.AddValue("shortGuard", "shortest guard interval (HE 800 ns, HT/VHT 400 ns)", shortGi);
    cmd.AddValue("staticArp",
                 "fill the Wi-Fi ARP caches at set-up (0: dynamic ARP, with ns-3's 0-10 ms "
                 "request jitter on the first request of each user)",
                 staticArp);
    cmd.AddValue("distance", "distance of the users from their access point, m", distance);
    cmd.AddValue("mtu", "backhaul MTU (1500 for realistic packets, much slower)", cfg.mtu);
    cmd.AddValue("segmentSize", "TCP segment size (1448 with --mtu=1500)", cfg.segmentSize);
    cmd.AddValue("maxPulls", "concurrent block pulls per cloudlet", cfg.maxConcurrentPulls);
    cmd.AddValue("timeout", "per-request timeout in seconds (then failed)", cfg.timeoutS);
    cmd.AddValue("stop",
                 "stop time in seconds (0: last arrival + timeout + 1); Wi-Fi beacons cost "
                 "events until then",
                 cfg.stopS);
    MecPfmCommandLine::Parse(cmd, argc, argv);

    if (std::string bad = CheckAccess(access, standard, mcs, width, distance); !bad.empty())
    {
        std::cerr << bad << "\n";
        return 2;
    }
    if (pcap && out.empty())
    {
        out = "mec-pfm-wifi-out";
    }

    cfg.pcap = pcap;
    if (std::string bad = MecPfmRunner::CheckConfig(cfg); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    MecPfmOutputDir outDir;
    if (std::string bad = outDir.Open(out, force); !bad.empty())
    {
        std::cerr << "configuration: " << bad << "\n";
        return 2;
    }
    cfg.outDir = outDir.GetPath();

    try
    {
        RngSeedManager::SetRun(seed);
        MecScenario sc = ScenarioReader::ReadFile(MecPfmResolvePath(scenario));
        auto problem = std::make_shared<const PlanningProblem>(sc);
        MecPfmPlanChoice choice = MecPfmPlanHelper::Obtain(*problem, algorithm, "", timeLimit);
        if (!choice.ok)
        {
            std::cerr << choice.error << "\n";
            return 2;
        }
        if (!choice.note.empty())
        {
            std::cerr << choice.note << "\n";
        }
        Ptr<WifiAccessNetwork> wifi;
        if (access == "wifi")
        {
            wifi = CreateObject<WifiAccessNetwork>();
            wifi->SetAttribute("Standard", StringValue(standard));
            wifi->SetAttribute("Mcs", UintegerValue(mcs));
            wifi->SetAttribute("IdealRate", BooleanValue(idealRate));
            wifi->SetAttribute("ChannelWidth", UintegerValue(width));
            wifi->SetAttribute("ShortGuardInterval", BooleanValue(shortGi));
            wifi->SetAttribute("Distance", DoubleValue(distance));
            wifi->SetAttribute("StaticArp", BooleanValue(staticArp));
            if (pcap)
            {
                wifi->SetAttribute("PcapPrefix", StringValue(cfg.outDir + "/wifi"));
            }
            cfg.access = wifi;
        }
        MecPfmRunner runner(problem, choice.plan, choice.name);
        if (!runner.Run(cfg))
        {
            std::cerr << runner.GetError() << "\n";
            return 2;
        }
        runner.PrintTable(std::cout);

        PrintAccess(std::cout, wifi, sc, standard, idealRate, width, distance);
        Simulator::Destroy(); // closes the pcap files before the folder is renamed
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
