/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOOL_EXPERIMENT_CLUSTER_H
#define MEC_PFM_TOOL_EXPERIMENT_CLUSTER_H

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool experiment --emit / --run / --collect`: an experiment's runs as a job list
 * for a cluster (GNU parallel over ssh, or a Slurm job array), each job one run that writes
 * its own row file, and the step that merges the row files into runs.csv.
 *
 * Files (DIR = --out): DIR/jobs.txt (one shell command per line, one run each),
 * DIR/run-parallel.sh, DIR/sweep.sbatch, DIR/collect.sh, DIR/collect.sbatch; each run
 * writes DIR/NAME/rows/POINT-sSEED-ALGORITHM.csv (the runs.csv header and its row), so that
 * jobs on nodes without shared file locks never write the same file.
 */

#include "tool-experiment.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

/// One run of an experiment: a point, a seed and a planner.
struct ClusterRun
{
    std::string point;     //!< point label
    uint32_t seed{0};      //!< seed
    std::string algorithm; //!< planner

    /// \return "POINT,SEED,ALGORITHM", as the run is named in runs.csv and by --run=
    std::string Key() const;
    /// \return "POINT-sSEED-ALGORITHM", the stem of its row and log files
    std::string FileStem() const;
};

/**
 * \brief Parse the value of --run=POINT,SEED,ALGORITHM.
 * \param text the value
 * \param run receives the run
 * \return false if it is not of that form
 */
bool ParseClusterRun(const std::string& text, ClusterRun& run);

/// One line of jobs.txt.
struct ClusterJob
{
    std::string experiment; //!< experiment name
    ClusterRun run;         //!< the run
    std::string command;    //!< the shell command that does it
};

/// What the job scripts request per run, and from what.
struct ClusterCost
{
    double runS{0};   //!< wall time per run to plan for (the slowest run expected), s
    double memMb{0};  //!< memory per run to plan for, MB
    std::string from; //!< how runS was derived (a comment in sweep.sbatch)
};

/**
 * \brief Write jobs.txt and the scripts that run it.
 * \param dir the output folder (absolute)
 * \param kind "parallel", "slurm" or "all"
 * \param jobs the runs to do
 * \param cost the per-run cost the Slurm requests are derived from
 * \param collect the collect command line
 * \param os where the summary goes
 */
void WriteClusterScripts(const std::string& dir,
                         const std::string& kind,
                         const std::vector<ClusterJob>& jobs,
                         const ClusterCost& cost,
                         const std::string& collect,
                         std::ostream& os);

/**
 * \brief Write a run's row file, DIR/NAME/rows/STEM.csv (written to a temporary name, then
 * renamed, so that a reader never sees half a row).
 * \param expDir the experiment's folder
 * \param run the run
 * \param line its runs.csv line
 * \return false if the file could not be written
 */
bool WriteClusterRow(const std::string& expDir, const ClusterRun& run, const std::string& line);

/**
 * \brief Whether a run's row file exists.
 * \param expDir the experiment's folder
 * \param run the run
 * \return true if DIR/NAME/rows/STEM.csv exists
 */
bool ClusterRowExists(const std::string& expDir, const ClusterRun& run);

/**
 * \brief Merge an experiment's row files (DIR/NAME/rows/ *.csv) and the rows already in
 * its runs.csv into runs.csv.
 *
 * A run with two rows that differ (two row files, a row file with two rows, or a row file
 * against runs.csv) is refused, naming both; identical repeats count once. A run of the
 * experiment without a row is missing: the merge is refused, naming the missing runs, unless
 * partial is set. Rows of other runs (other seeds or points) are kept in runs.csv but not
 * returned, as a local run keeps them. Nothing is written when the merge is refused.
 * \param expDir the experiment's folder
 * \param name the experiment's name
 * \param expected its runs, in the order runs.csv lists them
 * \param partial merge even if runs are missing
 * \param rows receives the rows of the expected runs that are present
 * \param os where the summary and the reasons of a refusal go
 * \return 0, or 2 if the merge was refused
 */
int MergeClusterRows(const std::string& expDir,
                     const std::string& name,
                     const std::vector<ClusterRun>& expected,
                     bool partial,
                     std::vector<ExperimentRow>& rows,
                     std::ostream& os);

/// The options of the cluster steps, and those of the runner that every step repeats.
struct SweepOptions
{
    std::string emit;               //!< --emit: parallel, slurm or all
    std::string run;                //!< --run=POINT,SEED,ALGORITHM
    bool collect{false};            //!< --collect
    bool partial{false};            //!< --partial (with --collect)
    std::vector<std::string> names; //!< the experiments named (set by the runner)
    bool quick{false};              //!< --quick (set by the runner)
    uint32_t seeds{0};              //!< seeds (set by the runner)
    double ilpLimit{0};             //!< ILP time limit, s (set by the runner)
    std::string out;                //!< --out (set by the runner)

    /// \return whether an option of the cluster steps was given
    bool Active() const;
};

/// What the cluster steps use of the runner (tool-experiment.cc), so that a run on a
/// cluster is the same child process as a run of the local runner.
struct SweepHooks
{
    /// Write an experiment's scenarios; return its runs not yet in runs.csv, in the order
    /// of the local runner, and set the number of its runs in all.
    std::function<std::vector<ClusterRun>(const Experiment& e, size_t& total)> plan;
    /// Do one run (the scenario is written): its rows of runs.csv (one, or one per policy
    /// for the online experiment, whose one run compares every policy).
    std::function<std::vector<ExperimentRow>(const Experiment& e,
                                             const ExperimentPoint& p,
                                             const ClusterRun& run,
                                             const std::string& scenario,
                                             double requests)>
        run;
    /// The runs of each (point, seed) of an experiment, in the runner's order: its planners,
    /// or "online".
    std::function<std::vector<std::string>(const Experiment& e)> algorithmsOf;
};

/**
 * \brief Read one argument of the cluster steps.
 * \param a the argument
 * \param o the options
 * \return whether it was one
 */
bool ParseSweepArg(const std::string& a, SweepOptions& o);

/**
 * \brief Print the usage of the cluster steps.
 * \param os where
 */
void SweepUsage(std::ostream& os);

/**
 * \brief Do the cluster step the options ask for: --emit (the job list and its scripts; runs
 * nothing), --run (one run, its row file) or --collect (merge the rows, draw the figures).
 * \param exps the experiments named
 * \param o the options
 * \param hooks the runner's parts
 * \param rows receives, for --collect, the rows of each experiment
 * \param pngs receives, for --collect, the PNGs written
 * \return the exit code: 0; 1 a run failed; 2 bad options or rows refused
 */
int RunSweepStep(const std::vector<Experiment>& exps,
                 const SweepOptions& o,
                 const SweepHooks& hooks,
                 std::map<std::string, std::vector<ExperimentRow>>& rows,
                 std::vector<std::string>& pngs);

#endif /* MEC_PFM_TOOL_EXPERIMENT_CLUSTER_H */
