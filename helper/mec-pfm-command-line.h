/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_COMMAND_LINE_H
#define MEC_PFM_MEC_PFM_COMMAND_LINE_H

#include "ns3/command-line.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Parse an example's ns-3 CommandLine with the module's exit codes: a bad command
 * line (unknown option, value that does not parse, argument that is not an option) prints
 * one line naming the argument and exits with 2, as every other input error of the module
 * does; --help and ns-3's other --Print options exit 0 as they do in ns-3.
 *
 * ns-3's CommandLine::Parse reports a bad argument by printing it and the whole help to
 * std::cerr and calling std::exit(1); it offers no hook. So Parse holds std::cerr's output
 * while ns-3 parses and, through an std::atexit handler armed only during the call, turns
 * that std::exit(1) into the one-line message and exit code 2.
 */
class MecPfmCommandLine
{
  public:
    /**
     * \brief Parse, or exit with 2 on a bad command line.
     * \param cmd the program's options
     * \param argc arguments
     * \param argv arguments
     */
    static void Parse(CommandLine& cmd, int argc, char* argv[]);

  private:
    /**
     * \param argc arguments
     * \param argv arguments
     * \return true if an argument is one of ns-3's options that print and exit 0
     */
    static bool HasPrintOption(int argc, char* argv[]);
    /** \brief The std::atexit handler: exit 2 if ns-3 exits while Parse runs. */
    static void OnExit();
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_COMMAND_LINE_H */
