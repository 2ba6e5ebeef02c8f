/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOOL_H
#define MEC_PFM_TOOL_H

/**
 * \file
 * \ingroup mec-pfm
 * Subcommands of mec-pfm-tool, the planning core's command line (no simulation).
 * Each takes the arguments after the subcommand name (argv[0] is the subcommand) and
 * returns the process exit code: 0 success, 1 failure of the run, 2 bad input.
 */

/// `validate --scenario=FILE`: read, check and summarise a scenario.
int ToolValidate(int argc, char** argv);
/// `plan --scenario=FILE --algorithm=NAME ...`: run a planner.
int ToolPlan(int argc, char** argv);
/// `bench planner ...`: planner benchmark table.
int ToolBench(int argc, char** argv);
/// `experiment NAME|all ...`: the offline experiments, their figures and headline table.
int ToolExperiment(int argc, char** argv);
/// `zoo PATH...`: which GraphML files make a scenario backhaul, and what the rules changed.
int ToolZoo(int argc, char** argv);

#endif /* MEC_PFM_TOOL_H */
