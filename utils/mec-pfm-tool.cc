/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * mec-pfm-tool: the planning core from the command line. `mec-pfm-tool SUBCOMMAND
 * [--help] [ARGS]` with SUBCOMMAND one of validate, plan, bench, experiment, zoo.
 */

#include "mec-pfm-tool.h"

#include <cstring>
#include <iostream>
#include <string>

namespace
{
void
Usage(std::ostream& os)
{
    os << "usage: mec-pfm-tool SUBCOMMAND [ARGS]\n"
          "  validate --scenario=FILE     read, check and summarise a scenario\n"
          "  plan --scenario=FILE --algorithm=NAME [--seed=N] [--time-limit=S]\n"
          "       [--output=PLAN.json]     plan; last line is one JSON object\n"
          "  bench planner [--quick]      planner benchmark table\n"
          "  experiment NAME|all [--quick] [--jobs=N] [--seeds=K] [--out=DIR]\n"
          "                               offline experiments, figures, headline table\n"
          "  zoo PATH...                  which GraphML files (or directories) are usable\n"
          "Each subcommand takes --help.\n";
}
} // namespace

int
main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help"))
    {
        Usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? 2 : 0;
    }
    std::string sub = argv[1];
    try
    {
        if (sub == "validate")
        {
            return ToolValidate(argc - 1, argv + 1);
        }
        if (sub == "plan")
        {
            return ToolPlan(argc - 1, argv + 1);
        }
        if (sub == "bench")
        {
            return ToolBench(argc - 1, argv + 1);
        }
        if (sub == "experiment")
        {
            return ToolExperiment(argc - 1, argv + 1);
        }
        if (sub == "zoo")
        {
            return ToolZoo(argc - 1, argv + 1);
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "mec-pfm-tool " << sub << ": " << e.what() << "\n";
        return 2;
    }
    std::cerr << "mec-pfm-tool: unknown subcommand \"" << sub << "\"\n";
    Usage(std::cerr);
    return 2;
}

// Until every subcommand's source is in the build, a weak stand-in reports it missing.
#define MEC_PFM_TOOL_MISSING(fn, name)                                                             \
    __attribute__((weak)) int fn(int, char**)                                                      \
    {                                                                                              \
        std::cerr << "mec-pfm-tool: subcommand \"" name "\" is not built in this tree\n";          \
        return 1;                                                                                  \
    }
MEC_PFM_TOOL_MISSING(ToolValidate, "validate")
MEC_PFM_TOOL_MISSING(ToolPlan, "plan")
MEC_PFM_TOOL_MISSING(ToolBench, "bench")
MEC_PFM_TOOL_MISSING(ToolZoo, "zoo")
MEC_PFM_TOOL_MISSING(ToolExperiment, "experiment")
