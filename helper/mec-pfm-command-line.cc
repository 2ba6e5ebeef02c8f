/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-command-line.h"

#include "ns3/log.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmCommandLine");

namespace
{
bool g_parsing = false;           //!< true while ns-3 parses (OnExit acts)
std::ostringstream g_held;        //!< std::cerr's output while ns-3 parses
std::streambuf* g_cerr = nullptr; //!< std::cerr's own buffer
std::string g_program;            //!< the program's name, for the message
} // namespace

bool
MecPfmCommandLine::HasPrintOption(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        const auto start = a.find_first_not_of('-');
        if (start == 0 || start == std::string::npos)
        {
            continue; // not an option
        }
        const std::string name = a.substr(start, a.find('=') - start);
        for (const char* p : {"help",
                              "PrintHelp",
                              "version",
                              "PrintVersion",
                              "PrintGroups",
                              "PrintGroup",
                              "PrintTypeIds",
                              "PrintGlobals",
                              "PrintAttributes"})
        {
            if (name == p)
            {
                return true;
            }
        }
    }
    return false;
}

void
MecPfmCommandLine::OnExit()
{
    if (!g_parsing)
    {
        return;
    }
    std::cerr.rdbuf(g_cerr);
    // ns-3's first line names the argument ("Invalid command-line argument: --x=1"); the
    // help it prints after it is what --help prints.
    std::string first = g_held.str();
    first = first.substr(0, first.find('\n'));
    std::cout.flush();
    std::cerr << g_program << ": " << (first.empty() ? "bad command line" : first)
              << " (--help lists the options)" << std::endl;
    std::_Exit(2);
}

void
MecPfmCommandLine::Parse(CommandLine& cmd, int argc, char* argv[])
{
    NS_LOG_FUNCTION(argc);
    g_program = cmd.GetName().empty() && argc > 0 ? std::string(argv[0]) : cmd.GetName();
    if (HasPrintOption(argc, argv))
    {
        cmd.Parse(argc, argv);
        return;
    }
    // ns-3 takes an argument without a leading '-' as a positional one and keeps it
    // without a word; the module's programs have none, so such an argument is a typo.
    for (int i = 1; i < argc; ++i)
    {
        if (argv[i][0] != '-')
        {
            std::cerr << g_program << ": unexpected argument \"" << argv[i]
                      << "\" (options are --name=value; --help lists them)" << std::endl;
            std::exit(2);
        }
    }
    static bool armed = false;
    if (!armed)
    {
        armed = std::atexit(&MecPfmCommandLine::OnExit) == 0;
    }
    g_held.str("");
    g_cerr = std::cerr.rdbuf(g_held.rdbuf());
    g_parsing = true;
    cmd.Parse(argc, argv);
    g_parsing = false;
    std::cerr.rdbuf(g_cerr);
    std::cerr << g_held.str();
}

} // namespace mecpfm
} // namespace ns3
