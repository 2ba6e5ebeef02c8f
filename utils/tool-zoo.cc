/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool zoo PATH...`: which Topology Zoo GraphML files make a valid scenario
 * backhaul, and what the reader's rules changed in each.
 */

#include "mec-pfm-tool.h"

#include "ns3/scenario-reader.h"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// The *.graphml files of a directory (sorted), or the path itself if it is not one.
std::vector<std::string>
GraphmlFiles(const std::string& path)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        return {path};
    }
    std::vector<std::string> out;
    if (DIR* d = opendir(path.c_str()))
    {
        while (dirent* e = readdir(d))
        {
            std::string n = e->d_name;
            if (n.size() > 8 && n.compare(n.size() - 8, 8, ".graphml") == 0)
            {
                out.push_back(path + "/" + n);
            }
        }
        closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/**
 * A scenario around one GraphML file: the default catalogue, no requests, the topology
 * fields' defaults (so the roles are chosen as for a user's scenario that names only the
 * file and the sites).
 */
std::string
ScenarioText(const std::string& graphml)
{
    nlohmann::json j;
    j["name"] = "zoo-check";
    j["horizon_s"] = 3600;
    j["max_load"] = 0.8;
    j["access"] = {{"uplink_bps", 1e8}, {"downlink_bps", 1e8}};
    j["catalogue"] = "default";
    j["requests"] = nlohmann::json::array();
    j["topology"] = {
        {"graphml", graphml},
        {"cloudlet", {{"compute_flops", 1e13}, {"accelerators", 1}, {"storage_bytes", 3.2e10}}},
        {"datacenter", {{"compute_flops", 4e13}}}};
    return j.dump();
}

} // namespace

int
ToolZoo(int argc, char** argv)
{
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a == "--help" || a == "-h")
        {
            std::cout << "usage: mec-pfm-tool zoo PATH...\n"
                         "Reads every GraphML file given, or every *.graphml of a directory "
                         "given, as the\nbackhaul of a scenario (\"topology\" with the default "
                         "fields); prints per file\n\"accepted\" and what the Topology Zoo rules "
                         "changed, or \"refused\" and why; then\n\"accepted N/M\". Exit 0 if "
                         "every file is accepted, 2 if not.\n";
            return 0;
        }
        if (a.rfind("--", 0) == 0)
        {
            std::cerr << "mec-pfm-tool zoo: unknown argument \"" << a << "\"\n";
            return 2;
        }
        for (const auto& f : GraphmlFiles(a))
        {
            files.push_back(f);
        }
    }
    if (files.empty())
    {
        std::cerr << "mec-pfm-tool zoo: no GraphML file given\n";
        return 2;
    }
    size_t accepted = 0;
    for (const auto& f : files)
    {
        try
        {
            MecScenario s = ScenarioReader::ReadString(ScenarioText(f), "zoo-check", "");
            size_t n = s.GetCloudlets().size();
            std::printf("accepted  %s; %zu cloudlet%s\n",
                        s.topologyReport.c_str(),
                        n,
                        n == 1 ? "" : "s");
            ++accepted;
        }
        catch (const ScenarioError& e)
        {
            // The scenario around the file is the tool's own: name the GraphML file, and
            // the place in it when the error is inside it, not the wrapper's JSON pointer.
            bool wrapper = e.GetFile() == "zoo-check" && e.GetWhere() == "/topology/graphml";
            std::printf("refused   %s\n", wrapper ? e.GetReason().c_str() : e.what());
        }
    }
    std::printf("accepted %zu/%zu\n", accepted, files.size());
    return accepted == files.size() ? 0 : 2;
}
