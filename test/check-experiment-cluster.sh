#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A cluster sweep run on this machine, as a CTest test (about 2 x 45 s on 2 cores):
#
#   sh test/check-experiment-cluster.sh TOOL [EXPERIMENT] [DIR]
#
# 1. `experiment EXPERIMENT --quick --jobs=2` (default: requests), the direct run;
# 2. `experiment EXPERIMENT --quick --emit=all` into another folder: jobs.txt has one line
#    per run of the direct run; sweep.sbatch passes `bash -n`, its array has one task per
#    line, and two of its tasks (the first, the last) run here with SLURM_ARRAY_TASK_ID set
#    each write the row of their line; run-parallel.sh (GNU parallel) runs every line, two
#    at a time, one slot on this machine (":") and one on a host reached through GNU
#    parallel's ssh path (a stand-in for ssh that runs the command here: the commands travel
#    as they would to a node); its job log shows every job with exit code 0 and both hosts;
#    collect.sh merges the rows;
# 3. the merged runs.csv has the rows of the direct run: the same runs (point, seed,
#    planner), the same x and requests, and for every planner but the time-limited ones
#    (ilp, no-sharing) the same status, objective, bound, accuracy, cost and pulled bytes;
#    ilp and no-sharing end optimal or at their limit in both (where a run stopped by its
#    time limit ends depends on the machine's load, as the wall time does); the PNGs are
#    written;
# 4. a second --emit finds nothing left to do.
# Exit code 77 (CTest: skipped) if GNU parallel is not installed; 1 with the reason if a
# check fails.
TOOL=$1
EXP=${2:-requests}
DIR=${3:-}
if [ -z "$DIR" ]; then
    DIR=$(mktemp -d)
    trap 'rm -rf "$DIR"' EXIT
fi
fail() {
    echo "check-experiment-cluster: $*" >&2
    # The log a failed step names, so that CI's output shows why.
    log=$(echo "$*" | sed -n 's/.*(\(.*\.txt\))$/\1/p')
    [ -n "$log" ] && [ -f "$log" ] && head -40 "$log" >&2
    exit 1
}
command -v parallel >/dev/null 2>&1 || {
    echo "check-experiment-cluster: GNU parallel is missing (apt-get install parallel;" \
        "./mec-pfm test installs it): skipped" >&2
    exit 77
}
mkdir -p "$DIR" || exit 1
"$TOOL" experiment "$EXP" --quick --jobs=2 --out="$DIR/direct" >"$DIR/direct.txt" 2>&1 ||
    fail "direct run: exit $? ($DIR/direct.txt)"
"$TOOL" experiment "$EXP" --quick --out="$DIR/cluster" --emit=all >"$DIR/emit.txt" 2>&1 ||
    fail "--emit: exit $?"
C=$DIR/cluster
n=$(wc -l <"$C/jobs.txt")
runs=$(grep -vc '^experiment' "$DIR/direct/$EXP/runs.csv")
[ "$n" -eq "$runs" ] || fail "jobs.txt has $n lines, the direct run $runs rows"

# The Slurm array: syntax, size, and two tasks run as Slurm would run them.
bash -n "$C/sweep.sbatch" || fail "sweep.sbatch: bash -n fails"
[ "$(grep -c '^#SBATCH --array=0-'$((n - 1))'$' "$C/sweep.sbatch")" -eq 1 ] ||
    fail "sweep.sbatch: no '#SBATCH --array=0-$((n - 1))'"
grep -q '^#SBATCH --time=' "$C/sweep.sbatch" && grep -q '^#SBATCH --mem=' "$C/sweep.sbatch" ||
    fail "sweep.sbatch: no --time or --mem"
for task in 0 $((n - 1)); do
    run=$(sed -n "$((task + 1))p" "$C/jobs.txt" | sed 's/.*--run=//')
    stem=$(echo "$run" | awk -F, '{ print $1 "-s" $2 "-" $3 }')
    SLURM_ARRAY_TASK_ID=$task bash "$C/sweep.sbatch" >/dev/null 2>&1 ||
        fail "sweep.sbatch task $task: exit $?"
    [ -s "$C/$EXP/rows/$stem.csv" ] || fail "sweep.sbatch task $task wrote no $stem.csv"
done

# GNU parallel, two jobs at a time: one on this machine (":"), one on "node-b" through the
# ssh path of GNU parallel, with a stand-in for ssh that runs the command here.
# sshd gives the remote command the user's login shell in SHELL, which GNU parallel's remote
# wrapper runs the job with (without it the job runs nothing and "succeeds"): so does this one.
cat >"$DIR/fake-ssh" <<'EOF'
#!/bin/sh
SHELL=$(getent passwd "$(id -u)" | cut -d: -f7)
export SHELL="${SHELL:-/bin/sh}"
while [ $# -gt 0 ]; do case "$1" in -*) shift ;; *) break ;; esac; done
shift
[ "$1" = "--" ] && shift
exec sh -c "$*"
EOF
chmod +x "$DIR/fake-ssh"
printf '1/:\n1/node-b\n' >"$DIR/hosts.txt"
sh "$C/run-parallel.sh" "$DIR/hosts.txt" --ssh "$DIR/fake-ssh" >"$DIR/parallel.txt" 2>&1 ||
    fail "run-parallel.sh: exit $? ($DIR/parallel.txt)"
ok=$(awk -F'\t' 'NR > 1 && $7 == 0' "$C/joblog.txt" | wc -l)
[ "$ok" -eq "$n" ] || fail "joblog.txt: $ok of $n jobs ended with exit code 0"
for h in : node-b; do
    awk -F'\t' -v h=$h 'NR > 1 && $2 == h { found = 1 } END { exit !found }' "$C/joblog.txt" ||
        fail "joblog.txt: no job ran on $h"
done
sh "$C/collect.sh" >"$DIR/collect.txt" 2>&1 || fail "collect.sh: exit $? ($DIR/collect.txt)"
grep -q "$n of $n runs present" "$DIR/collect.txt" || fail "collect: not '$n of $n present'"

# The merged rows against the direct run's.
cat "$DIR/direct/$EXP/runs.csv" "$C/$EXP/runs.csv" | awk -F, '
$1 == "experiment" { file++; next }
{
    k = $2 "," $5 "," $6
    if ($6 == "ilp" || $6 == "no-sharing")
        v = $3 "," $4 "," ($7 == "time_limit" || $7 == "optimal" ? "limited" : $7)
    else
        v = $3 "," $4 "," $7 "," $8 "," $9 "," $10 "," $11 "," $12
    if (file == 1) { d[k] = v; nd++ }
    else {
        nc++
        if (!(k in d)) { print "run " k " is not in the direct run"; bad = 1 }
        else if (d[k] != v) { print "run " k ": direct " d[k] ", cluster " v; bad = 1 }
        seen[k]++
    }
}
END {
    for (k in d) if (!(k in seen)) { print "run " k " is missing"; bad = 1 }
    if (nd != nc) { print nd " direct rows, " nc " merged rows"; bad = 1 }
    exit bad
}' || fail "the merged runs.csv differs from the direct run (above)"
for p in "$DIR/direct/$EXP"/*.png; do
    f=$C/$EXP/$(basename "$p")
    [ -s "$f" ] || fail "$f missing or empty"
done
"$TOOL" experiment "$EXP" --quick --out="$C" --emit=all >"$DIR/emit2.txt" 2>&1 ||
    fail "second --emit: exit $?"
[ ! -s "$C/jobs.txt" ] || fail "second --emit: $(wc -l <"$C/jobs.txt") runs left to do"
echo "check-experiment-cluster: $n runs by GNU parallel and 2 Slurm tasks, merged rows equal" \
    "the direct run's, $(ls "$C/$EXP"/*.png | wc -l) PNGs: ok"
