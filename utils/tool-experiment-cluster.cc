/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool experiment --emit / --run / --collect`: job lists for a cluster, row files,
 * and their merge into runs.csv (tool-experiment-cluster.h).
 */

#include "tool-experiment-cluster.h"

#include "tool-child.h"

#include "ns3/scenario-reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <iostream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::mecpfm;

std::string
ClusterRun::Key() const
{
    return point + "," + std::to_string(seed) + "," + algorithm;
}

std::string
ClusterRun::FileStem() const
{
    return point + "-s" + std::to_string(seed) + "-" + algorithm;
}

bool
ParseClusterRun(const std::string& text, ClusterRun& run)
{
    auto a = text.find(',');
    auto b = a == std::string::npos ? a : text.find(',', a + 1);
    if (b == std::string::npos || a == 0 || b + 1 >= text.size() ||
        text.find(',', b + 1) != std::string::npos)
    {
        return false;
    }
    std::string seed = text.substr(a + 1, b - a - 1);
    if (seed.empty() || seed.size() > 9 || seed.find_first_not_of("0123456789") != seed.npos)
    {
        return false;
    }
    run.point = text.substr(0, a);
    run.seed = static_cast<uint32_t>(std::stoul(seed));
    run.algorithm = text.substr(b + 1);
    return true;
}

namespace
{
/// Slurm's default MaxArraySize is 1001: array indices 0 to 1000.
const size_t kMaxArrayTasks = 1000;

/// \return s in single quotes for sh (s holds no single quote: --out refuses them)
std::string
Quote(const std::string& s)
{
    return "'" + s + "'";
}

/// \return seconds as Slurm's --time, D-HH:MM:SS
std::string
SlurmTime(double s)
{
    long t = static_cast<long>(std::ceil(s / 60)) * 60;
    char b[64];
    std::snprintf(b,
                  sizeof(b),
                  "%ld-%02ld:%02ld:%02ld",
                  t / 86400,
                  t / 3600 % 24,
                  t / 60 % 60,
                  t % 60);
    return b;
}

/// Write jobs.txt: one command per line, in the order of the jobs.
void
WriteJobsFile(const std::string& dir, const std::vector<ClusterJob>& jobs)
{
    std::ofstream os(dir + "/jobs.txt");
    for (const auto& j : jobs)
    {
        os << j.command << "\n";
    }
}

/// Write run-parallel.sh: GNU parallel over jobs.txt, on this machine or ssh hosts.
void
WriteParallelScript(const std::string& dir, size_t n, const std::string& collect)
{
    std::ofstream os(dir + "/run-parallel.sh");
    os << "#!/bin/sh\n"
          "# The "
       << n
       << " runs of jobs.txt with GNU parallel (apt-get install parallel), then:\n"
          "#   "
       << collect
       << "\n"
          "# usage: sh run-parallel.sh [SSHLOGINFILE] [PARALLEL OPTIONS, e.g. -j 2]\n"
          "# SSHLOGINFILE: one host per line, as GNU parallel reads it: \"8/user@node1\" runs\n"
          "# 8 jobs at a time on node1 over ssh, \":\" is this machine. Without it, this\n"
          "# machine only (one job per core unless -j says otherwise). Every host must see\n"
          "# this folder and the repository at the same paths (a shared file system): the\n"
          "# jobs cd there and write their rows into it. The job log (joblog.txt) lets a\n"
          "# second call skip the jobs that ended (--resume; --resume-failed reruns failed\n"
          "# ones too).\n"
          "if [ $# -gt 0 ] && [ \"${1#-}\" = \"$1\" ]; then\n"
          "    file=$1\n"
          "    shift\n"
          "    set -- --sshloginfile \"$file\" \"$@\"\n"
          "else\n"
          "    set -- --sshlogin : \"$@\"\n"
          "fi\n"
          "exec parallel --joblog "
       << Quote(dir + "/joblog.txt") << " --resume --arg-file " << Quote(dir + "/jobs.txt")
       << " \"$@\"\n";
}

/**
 * \brief Write sweep.sbatch: a Slurm job array over jobs.txt.
 * \param dir the output folder
 * \param n the number of jobs
 * \param cost the per-run cost
 */
void
WriteSlurmScript(const std::string& dir, size_t n, const ClusterCost& cost)
{
    // Runs per array task: 1, or as many as keep the array within Slurm's default limit.
    size_t k = (n + kMaxArrayTasks - 1) / kMaxArrayTasks;
    size_t tasks = (n + k - 1) / k;
    // Three times the slowest run expected per run of a task (the 88 s run took 531 s on
    // the development machine with about 12 processes ready to run on its two cores), at least 5
    // minutes (a node's start, a shared file system's delays), rounded up to a minute. A
    // task that runs out of time leaves its run missing, which collect names.
    double timeS = std::max(300.0, 3 * k * cost.runS);
    // 1.5 times the peak expected, rounded up to 256 MB.
    long memMb = std::max(512L, 256 * static_cast<long>(std::ceil(1.5 * cost.memMb / 256)));
    std::ofstream os(dir + "/sweep.sbatch");
    os << "#!/bin/bash\n"
          "# Slurm job array: the "
       << n << " runs of jobs.txt, " << k
       << " per array task. Submit with\n"
          "#   jid=$(sbatch --parsable "
       << dir << "/sweep.sbatch)\n#   sbatch --dependency=afterany:$jid " << dir
       << "/collect.sbatch\n"
          "# Partition and account: remove one '#' from the lines below and name yours, or\n"
          "# give them to sbatch (sbatch --partition=NAME --account=NAME ...).\n"
          "##SBATCH --partition=NAME\n"
          "##SBATCH --account=NAME\n"
          "# --time: "
       << k << " run(s) x 3 x " << cost.runS << " s per run, at least 5 min; per run:\n#   "
       << cost.from << "\n# --mem: 1.5 x " << cost.memMb
       << " MB, the peak memory of a run measured on the largest full-size point (packet-level\n"
          "# and online runs included when the sweep has them).\n"
          "#SBATCH --job-name=mec-pfm-sweep\n"
          "#SBATCH --array=0-"
       << tasks - 1
       << "\n"
          "#SBATCH --ntasks=1\n"
          "#SBATCH --cpus-per-task=1\n"
          "#SBATCH --time="
       << SlurmTime(timeS) << "\n#SBATCH --mem=" << memMb << "M\n#SBATCH --output=" << dir
       << "/slurm/%A_%a.out\n"
          "set -u\n"
          "k="
       << k << "\nfirst=$((SLURM_ARRAY_TASK_ID * k + 1))\nrc=0\n"
       << "for n in $(seq \"$first\" $((first + k - 1))); do\n"
          "    line=$(sed -n \"${n}p\" "
       << Quote(dir + "/jobs.txt")
       << ")\n"
          "    [ -n \"$line\" ] || continue\n"
          "    bash -c \"$line\" || rc=1\n"
          "done\n"
          "exit $rc\n";
}

/// Write collect.sh and collect.sbatch: the collect command alone.
void
WriteCollectScripts(const std::string& dir, const std::string& collect)
{
    std::ofstream sh(dir + "/collect.sh");
    sh << "#!/bin/sh\n# Merge the rows of the runs into runs.csv, draw the figures.\n"
       << collect << " \"$@\"\n";
    std::ofstream sb(dir + "/collect.sbatch");
    sb << "#!/bin/bash\n"
          "# After the sweep: sbatch --dependency=afterany:JOBID "
       << dir
       << "/collect.sbatch\n"
          "##SBATCH --partition=NAME\n"
          "##SBATCH --account=NAME\n"
          "#SBATCH --job-name=mec-pfm-collect\n"
          "#SBATCH --ntasks=1\n"
          "#SBATCH --time=0-00:30:00\n"
          "#SBATCH --mem=1024M\n"
          "#SBATCH --output="
       << dir << "/slurm/collect-%j.out\n"
       << collect << "\n";
}
} // namespace

void
WriteClusterScripts(const std::string& dir,
                    const std::string& kind,
                    const std::vector<ClusterJob>& jobs,
                    const ClusterCost& cost,
                    const std::string& collect,
                    std::ostream& os)
{
    // The scripts and the job log of an earlier jobs.txt name other lines: --resume would
    // skip the wrong ones, an old array run the wrong runs.
    for (const char* f : {"/joblog.txt", "/run-parallel.sh", "/sweep.sbatch"})
    {
        std::remove((dir + f).c_str());
    }
    WriteJobsFile(dir, jobs);
    WriteCollectScripts(dir, collect);
    os << jobs.size() << " runs in " << dir << "/jobs.txt (one command per line)\n";
    if (kind == "parallel" || kind == "all")
    {
        WriteParallelScript(dir, jobs.size(), collect);
        os << "GNU parallel:  sh " << dir << "/run-parallel.sh [SSHLOGINFILE] [-j N]\n";
    }
    // An array of no task is no array: without jobs, no sweep.sbatch.
    if ((kind == "slurm" || kind == "all") && !jobs.empty())
    {
        mkdir((dir + "/slurm").c_str(), 0755);
        WriteSlurmScript(dir, jobs.size(), cost);
        os << "Slurm:         jid=$(sbatch --parsable " << dir << "/sweep.sbatch)\n"
           << "               sbatch --dependency=afterany:$jid " << dir << "/collect.sbatch\n";
    }
    os << "then:          sh " << dir << "/collect.sh   (" << collect << ")\n";
}

bool
WriteClusterRow(const std::string& expDir, const ClusterRun& run, const std::string& line)
{
    mkdir((expDir + "/rows").c_str(), 0755);
    std::string file = expDir + "/rows/" + run.FileStem() + ".csv";
    std::string tmp = file + ".tmp";
    {
        std::ofstream os(tmp);
        os << kExperimentCsvHeader << "\n" << line << "\n";
        if (!os.flush())
        {
            return false;
        }
    }
    return std::rename(tmp.c_str(), file.c_str()) == 0;
}

bool
ClusterRowExists(const std::string& expDir, const ClusterRun& run)
{
    struct stat st
    {
    };

    return stat((expDir + "/rows/" + run.FileStem() + ".csv").c_str(), &st) == 0;
}

namespace
{
/// A row and the file it came from.
struct SourcedRow
{
    ExperimentRow row;  //!< the row
    std::string source; //!< runs.csv or rows/FILE
};

/// \return the *.csv files of a folder, sorted (none if it does not exist)
std::vector<std::string>
CsvFiles(const std::string& dir)
{
    std::vector<std::string> out;
    DIR* d = opendir(dir.c_str());
    if (!d)
    {
        return out;
    }
    for (struct dirent* e = readdir(d); e; e = readdir(d))
    {
        std::string n = e->d_name;
        if (n.size() > 4 && n.compare(n.size() - 4, 4, ".csv") == 0)
        {
            out.push_back(n);
        }
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

/// \return the run of a row: an online row (one per policy) belongs to the run "online"
ClusterRun
RunOf(const ExperimentRow& r)
{
    return ClusterRun{r.point, r.seed, r.experiment == "online" ? "online" : r.algorithm};
}

/// \return the key of a row itself (a run of the online experiment has several)
std::string
RowKey(const ExperimentRow& r)
{
    return r.point + "," + std::to_string(r.seed) + "," + r.algorithm;
}

/// Rows by run key, with what the merge found.
struct Merge
{
    std::map<std::string, SourcedRow> byKey;                   //!< by row key (RowKey)
    std::vector<std::string> keyOrder;                         //!< row keys in the order first seen
    std::map<std::string, std::vector<std::string>> rowsOfRun; //!< run key: its row keys
    std::vector<std::string> conflicts; //!< messages on differing rows of one run
    std::vector<std::string> notes;     //!< files without a row, rows of another name
    size_t fromFiles{0};                //!< rows read from rows/
    size_t fromCsv{0};                  //!< rows read from runs.csv
    size_t repeats{0};                  //!< repeats (equal but for wall_s) dropped
};

/**
 * \param a a row \param b a row
 * \return the rows are equal but for their wall time (which no two runs share)
 */
bool
SameButWall(ExperimentRow a, ExperimentRow b)
{
    a.wall = 0;
    b.wall = 0;
    return ExperimentCsvLine(a) == ExperimentCsvLine(b);
}

/// Add a row: new, an identical repeat, or a conflict.
void
AddRow(Merge& m, const ExperimentRow& r, const std::string& source)
{
    std::string key = RowKey(r);
    auto it = m.byKey.find(key);
    if (it == m.byKey.end())
    {
        m.byKey[key] = SourcedRow{r, source};
        m.keyOrder.push_back(key);
        m.rowsOfRun[RunOf(r).Key()].push_back(key);
    }
    else if (SameButWall(it->second.row, r))
    {
        ++m.repeats; // a run done twice (a requeued task, a job run again): keep the first
    }
    else
    {
        m.conflicts.push_back("run " + key + " has two different rows: in " + it->second.source +
                              " and in " + source);
    }
}

/// Read runs.csv and the row files of an experiment's folder.
Merge
ReadAllRows(const std::string& expDir, const std::string& name)
{
    Merge m;
    for (const auto& r : ReadExperimentRows(expDir + "/runs.csv"))
    {
        AddRow(m, r, "runs.csv");
        ++m.fromCsv;
    }
    for (const auto& f : CsvFiles(expDir + "/rows"))
    {
        auto rows = ReadExperimentRows(expDir + "/rows/" + f);
        if (rows.empty())
        {
            m.notes.push_back("rows/" + f + " holds no row (its run did not end?)");
        }
        for (const auto& r : rows)
        {
            if (r.experiment != name)
            {
                m.notes.push_back("rows/" + f + " holds a row of experiment " + r.experiment +
                                  " (left out)");
                continue;
            }
            if (RunOf(r).FileStem() + ".csv" != f)
            {
                m.notes.push_back("rows/" + f + " holds the row of run " + RunOf(r).Key());
            }
            AddRow(m, r, "rows/" + f);
            ++m.fromFiles;
        }
    }
    return m;
}

/// Print up to 10 items, then how many more.
void
PrintSome(std::ostream& os, const std::string& what, const std::vector<std::string>& items)
{
    if (items.empty())
    {
        return;
    }
    os << "  " << items.size() << " " << what << ":\n";
    for (size_t i = 0; i < items.size() && i < 10; ++i)
    {
        os << "    " << items[i] << "\n";
    }
    if (items.size() > 10)
    {
        os << "    ... and " << items.size() - 10 << " more\n";
    }
}

/// Write runs.csv (through a temporary file): the expected rows in order, then the others.
bool
WriteMergedCsv(const std::string& expDir,
               const Merge& m,
               const std::vector<std::string>& order,
               const std::set<std::string>& expected)
{
    std::string file = expDir + "/runs.csv";
    std::string tmp = file + ".tmp";
    {
        std::ofstream os(tmp);
        os << kExperimentCsvHeader << "\n";
        for (const auto& run : order)
        {
            for (const auto& k : m.rowsOfRun.at(run))
            {
                os << ExperimentCsvLine(m.byKey.at(k).row) << "\n";
            }
        }
        for (const auto& k : m.keyOrder)
        {
            if (!expected.count(RunOf(m.byKey.at(k).row).Key()))
            {
                os << ExperimentCsvLine(m.byKey.at(k).row) << "\n";
            }
        }
        if (!os.flush())
        {
            return false;
        }
    }
    return std::rename(tmp.c_str(), file.c_str()) == 0;
}
} // namespace

int
MergeClusterRows(const std::string& expDir,
                 const std::string& name,
                 const std::vector<ClusterRun>& expected,
                 bool partial,
                 std::vector<ExperimentRow>& rows,
                 std::ostream& os)
{
    Merge m = ReadAllRows(expDir, name);
    std::vector<std::string> present;
    std::vector<std::string> missing;
    std::set<std::string> expectedKeys;
    size_t failed = 0;
    for (const auto& run : expected)
    {
        expectedKeys.insert(run.Key());
        auto it = m.rowsOfRun.find(run.Key());
        if (it == m.rowsOfRun.end())
        {
            missing.push_back(run.Key() + " (rows/" + run.FileStem() + ".csv)");
            continue;
        }
        present.push_back(run.Key());
        failed += m.byKey.at(it->second.front()).row.status.rfind("exit", 0) == 0;
    }
    size_t others = m.rowsOfRun.size() - present.size();
    os << name << ": " << present.size() << " of " << expected.size()
       << " runs present (rows read: " << m.fromFiles << " from rows/, " << m.fromCsv
       << " from runs.csv; " << m.repeats << " identical repeats (but wall_s) counted once; "
       << others << " rows of other runs kept in runs.csv, not drawn)\n";
    PrintSome(os, "notes", m.notes);
    PrintSome(os, "conflicts (remove the row that is wrong)", m.conflicts);
    PrintSome(os, "runs missing", missing);
    if (present.empty() && others > 0)
    {
        os << "  no row is of this sweep: collect with the options it was emitted with (the "
              "command in collect.sh of the --out folder)\n";
    }
    if (failed)
    {
        os << "  " << failed << " runs ended without the planner's JSON line (status exit N; "
           << expDir << "/logs/ has their standard error)\n";
    }
    if (!m.conflicts.empty() || (!missing.empty() && !partial))
    {
        os << name << ": not merged"
           << (m.conflicts.empty() ? " (--partial merges and draws what is there)" : "") << "\n";
        return 2;
    }
    if (!WriteMergedCsv(expDir, m, present, expectedKeys))
    {
        os << name << ": cannot write " << expDir << "/runs.csv\n";
        return 2;
    }
    rows.clear();
    for (const auto& run : present)
    {
        for (const auto& k : m.rowsOfRun.at(run)) // an online run has a row per policy
        {
            rows.push_back(m.byKey.at(k).row);
        }
    }
    return 0;
}

bool
SweepOptions::Active() const
{
    return !emit.empty() || !run.empty() || collect || partial;
}

bool
ParseSweepArg(const std::string& a, SweepOptions& o)
{
    if (a.rfind("--emit=", 0) == 0)
    {
        o.emit = a.substr(7);
    }
    else if (a.rfind("--run=", 0) == 0)
    {
        o.run = a.substr(6);
    }
    else if (a == "--collect" || a == "--partial")
    {
        (a == "--collect" ? o.collect : o.partial) = true;
    }
    else
    {
        return false;
    }
    return true;
}

void
SweepUsage(std::ostream& os)
{
    os << "On a cluster (doc/cluster.rst), with the same NAME and options at every step:\n"
          "  --emit=parallel|slurm|all  write the scenarios and DIR/jobs.txt, one command per\n"
          "        run not done yet, with DIR/run-parallel.sh (GNU parallel, --sshloginfile)\n"
          "        and/or DIR/sweep.sbatch (Slurm job array), DIR/collect.sh; runs nothing\n"
          "  --run=POINT,SEED,ALGORITHM  one run of one experiment (a line of jobs.txt):\n"
          "        writes DIR/NAME/rows/POINT-sSEED-ALGORITHM.csv\n"
          "  --collect [--partial]  merge DIR/NAME/rows/ into runs.csv, refusing runs with two\n"
          "        different rows and (without --partial) missing runs; then the figures\n"
          "        and the headline table, as a local run draws them.\n";
}

namespace
{
/// \return path made absolute against the working folder
std::string
AbsoluteFromCwd(const std::string& path)
{
    char cwd[4096];
    std::string here = getcwd(cwd, sizeof(cwd)) ? cwd : ".";
    return !path.empty() && path[0] == '/' ? path : here + "/" + path;
}

/**
 * \brief The options that every step of a sweep repeats.
 * \param o the options
 * \return " --quick --seeds=K --ilp-limit=S --out='DIR'" (DIR absolute)
 */
std::string
RepeatedOptions(const SweepOptions& o)
{
    std::ostringstream c;
    c << (o.quick ? " --quick" : "") << " --seeds=" << o.seeds << " --ilp-limit=" << o.ilpLimit
      << " --out=" << Quote(AbsoluteFromCwd(o.out));
    return c.str();
}

/// \return "cd 'REPOSITORY' && 'TOOL' experiment": the start of every step's command
std::string
ToolCommand()
{
    char cwd[4096];
    std::string here = getcwd(cwd, sizeof(cwd)) ? cwd : ".";
    std::string exe = ToolSelfExe();
    if (here.find('\'') != std::string::npos || exe.find('\'') != std::string::npos)
    {
        throw std::runtime_error("--emit: the working folder or the tool's path holds a '");
    }
    return "cd " + Quote(here) + " && " + Quote(exe) + " experiment";
}

/**
 * \brief What to request per run on a cluster: the slowest run already measured in the
 * experiments' runs.csv (a local pilot, e.g. --seeds=1), else the slowest full-size run
 * measured on the development machine (`lp` at 39 cloudlets and 19,365 requests: 88 s,
 * doc/results.rst) or the ILP time limit plus 10 s, whichever is longer. Memory: the
 * largest peak of a plan run measured on that point, 207 MB (`lp`; no-sharing 198 MB, ilp
 * 103 MB, rounding 42 MB: /usr/bin/time, doc/cluster.rst); with packet-level or online
 * runs among the experiments, the largest child of `experiment all`, 1.1 GB (a
 * `validation` run of `random` alone peaked at 680 MB).
 * \param exps the experiments
 * \param o the options
 * \return the cost
 */
ClusterCost
SweepCost(const std::vector<Experiment>& exps, const SweepOptions& o)
{
    ClusterCost c{std::max(88.0, o.ilpLimit + 10), 210, ""};
    double slowest = 0;
    size_t n = 0;
    for (const auto& e : exps)
    {
        c.memMb = e.kind == "plan" ? c.memMb : 1100;
        for (const auto& r : ReadExperimentRows(o.out + "/" + e.name + "/runs.csv"))
        {
            slowest = std::max(slowest, r.wall);
            ++n;
        }
    }
    c.from = n ? "the slowest of the " + std::to_string(n) + " runs already in runs.csv"
               : "no run measured in this folder: the slowest full-size run, lp at 39 cloudlets "
                 "and 19365 requests, 88 s, or the ILP limit + 10 s";
    c.runS = n ? std::ceil(slowest) : c.runS;
    return c;
}

/// --emit: write the scenarios, jobs.txt and its scripts; run nothing. \return exit code
int
EmitJobs(const std::vector<Experiment>& exps, const SweepOptions& o, const SweepHooks& h)
{
    std::vector<ClusterJob> jobs;
    std::string tool = ToolCommand();
    for (const auto& e : exps)
    {
        size_t total = 0;
        size_t before = jobs.size();
        for (const auto& run : h.plan(e, total))
        {
            if (!ClusterRowExists(o.out + "/" + e.name, run))
            {
                jobs.push_back(
                    ClusterJob{e.name,
                               run,
                               tool + " " + e.name + RepeatedOptions(o) + " --run=" + run.Key()});
            }
        }
        std::cout << e.name << ": " << jobs.size() - before << " of " << total
                  << " runs to do (the others have a row in runs.csv or rows/)\n";
    }
    std::string collect = tool;
    for (const auto& n : o.names)
    {
        collect += " " + n;
    }
    collect += RepeatedOptions(o) + " --collect";
    WriteClusterScripts(AbsoluteFromCwd(o.out),
                        o.emit,
                        jobs,
                        SweepCost(exps, o),
                        collect,
                        std::cout);
    return 0;
}

/**
 * \brief --run: one run of an emitted sweep, its row into rows/.
 * \param e the experiment
 * \param o the options
 * \param h the runner's parts
 * \return 0; 1 if the planner printed no JSON line (its row says "exit N") or the row could
 * not be written; 2 on a run that is not the experiment's or whose scenario is missing
 */
int
RunOneJob(const Experiment& e, const SweepOptions& o, const SweepHooks& h)
{
    ClusterRun run;
    auto p = e.points.end();
    if (ParseClusterRun(o.run, run))
    {
        p = std::find_if(e.points.begin(), e.points.end(), [&run](const ExperimentPoint& x) {
            return x.label == run.point;
        });
    }
    const std::vector<std::string> algs = h.algorithmsOf(e);
    if (p == e.points.end() || run.seed < 1 || run.seed > o.seeds ||
        std::find(algs.begin(), algs.end(), run.algorithm) == algs.end())
    {
        std::cerr << "mec-pfm-tool experiment: --run=" << o.run << " is no run of " << e.name
                  << " with these options (POINT,SEED,ALGORITHM; a line of jobs.txt)\n";
        return 2;
    }
    std::string dir = o.out + "/" + e.name;
    std::string file = dir + "/scenarios/" + run.point + "-s" + std::to_string(run.seed) + ".json";
    if (access(file.c_str(), R_OK) != 0)
    {
        std::cerr << "mec-pfm-tool experiment: " << file << ": no such scenario (--emit first)\n";
        return 2;
    }
    double n = static_cast<double>(ScenarioReader::ReadFile(file).requests.size());
    mkdir((dir + "/logs").c_str(), 0755);
    std::vector<ExperimentRow> rs = h.run(e, *p, run, file, n);
    std::string line;
    bool failed = false;
    for (const auto& r : rs)
    {
        line += (line.empty() ? "" : "\n") + ExperimentCsvLine(r);
        failed = failed || r.status.rfind("exit", 0) == 0;
    }
    if (!WriteClusterRow(dir, run, line))
    {
        std::cerr << "mec-pfm-tool experiment: cannot write " << dir << "/rows/" << run.FileStem()
                  << ".csv\n";
        return 1;
    }
    std::cout << line << "\n";
    return failed ? 1 : 0;
}

/// --collect: merge each experiment's rows into runs.csv, draw its figures. \return 0 or 2
int
CollectJobs(const std::vector<Experiment>& exps,
            const SweepOptions& o,
            const SweepHooks& h,
            std::map<std::string, std::vector<ExperimentRow>>& rows,
            std::vector<std::string>& pngs)
{
    int code = 0;
    for (const auto& e : exps)
    {
        std::vector<ClusterRun> expected;
        for (const auto& p : e.points)
        {
            for (uint32_t seed = 1; seed <= o.seeds; ++seed)
            {
                for (const auto& alg : h.algorithmsOf(e))
                {
                    expected.push_back(ClusterRun{p.label, seed, alg});
                }
            }
        }
        std::string dir = o.out + "/" + e.name;
        if (MergeClusterRows(dir, e.name, expected, o.partial, rows[e.name], std::cerr) != 0)
        {
            code = 2; // the other experiments are merged and drawn all the same
            continue;
        }
        mkdir((dir + "/logs").c_str(), 0755);
        for (const auto& p : WriteExperimentFigures(e, rows[e.name], dir))
        {
            pngs.push_back(p);
        }
    }
    return code;
}

/// \return why the cluster options do not go together, or "" if they do
std::string
SweepOptionsError(const SweepOptions& o, const std::vector<Experiment>& exps)
{
    int modes = !o.emit.empty() + !o.run.empty() + o.collect;
    if (modes > 1)
    {
        return "--emit, --run and --collect are separate steps";
    }
    if (!o.emit.empty() && o.emit != "parallel" && o.emit != "slurm" && o.emit != "all")
    {
        return "--emit=" + o.emit + ": parallel, slurm or all";
    }
    if (!o.run.empty() && exps.size() != 1)
    {
        return "--run needs one experiment";
    }
    if (o.partial && !o.collect)
    {
        return "--partial goes with --collect";
    }
    return "";
}
} // namespace

int
RunSweepStep(const std::vector<Experiment>& exps,
             const SweepOptions& o,
             const SweepHooks& hooks,
             std::map<std::string, std::vector<ExperimentRow>>& rows,
             std::vector<std::string>& pngs)
{
    std::string bad = SweepOptionsError(o, exps);
    if (!bad.empty())
    {
        std::cerr << "mec-pfm-tool experiment: " << bad << "\n";
        return 2;
    }
    if (!o.emit.empty())
    {
        return EmitJobs(exps, o, hooks);
    }
    if (!o.run.empty())
    {
        return RunOneJob(exps.front(), o, hooks);
    }
    return CollectJobs(exps, o, hooks, rows, pngs);
}
