/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOOL_CHILD_H
#define MEC_PFM_TOOL_CHILD_H

/**
 * \file
 * \ingroup mec-pfm
 * Child processes of mec-pfm-tool's `bench` and `experiment`: one run = one process,
 * timed from fork to exit, its standard output read to the end and its last line kept
 * (`mec-pfm-tool plan` prints its JSON object there).
 */

#include <string>
#include <vector>

/// The outcome of one child process.
struct ChildResult
{
    double wall{0};       //!< seconds, fork to exit
    double maxRssMb{0};   //!< peak memory of the child (ru_maxrss)
    double cpu{0};        //!< user + system CPU seconds of the child (ru_utime + ru_stime)
    int exitCode{0};      //!< exit code; -1 if it did not exit normally or could not start
    std::string lastLine; //!< last non-empty line of its standard output
};

/// \return the path of the running executable ("mec-pfm-tool" if unknown)
std::string ToolSelfExe();

/**
 * \brief Run a program as a child process and wait for it.
 *
 * Safe to call from several threads at once: everything the child needs is built before
 * fork(), and the child only calls dup2, open, close and execvp.
 * \param exe the program (a path, or a name looked up in PATH)
 * \param args its arguments (without argv[0])
 * \param stderrFile where the child's standard error goes ("" = inherited)
 * \return wall time, peak memory, exit code and last output line
 */
ChildResult RunChildProcess(const std::string& exe,
                            const std::vector<std::string>& args,
                            const std::string& stderrFile = "");

#endif /* MEC_PFM_TOOL_CHILD_H */
