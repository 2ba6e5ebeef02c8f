#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The collect step of a cluster sweep (`experiment NAME --collect`), on row files made up
# here (no planner runs), as a CTest test:
#
#   sh test/check-experiment-collect.sh TOOL
#
# The rows are those of `experiment requests --quick`: points n300 and n600, seeds 1 and 2,
# every planner of `plan --list`. Checks that collect
#   - merges a complete set (N of N present), writes runs.csv with N rows and the 3 PNGs,
#     and a second collect gives the same runs.csv (identical repeats count once, also when
#     only their wall_s differs: a run done twice);
#   - refuses (exit 2, runs.csv not written) a missing run, naming it and saying "N-1 of N",
#     and merges it with --partial;
#   - refuses two different rows of one run (two row files, or a row file against runs.csv),
#     naming both files; accepts an identical repeat;
#   - keeps a row of another seed in runs.csv without drawing it;
#   - refuses a set collected with other options (no --quick: none of the 25 x planners
#     runs present);
#   - --run refuses a run that is not the experiment's, and one whose scenario was not
#     emitted (exit 2);
#   - merges the online experiment's runs, one row file with a row per policy each.
TOOL=$1
TMP=${KEEP:-$(mktemp -d)}
trap 'rm -rf "$TMP"' EXIT
fail() {
    echo "check-experiment-collect: $*" >&2
    exit 1
}
ALGS=$("$TOOL" plan --list) || fail "plan --list failed"
NALG=$(echo "$ALGS" | wc -l)
N=$((4 * NALG))

# make DIR: a complete set of row files in DIR/requests/rows/
make() {
    mkdir -p "$1/requests/rows"
    for p in n300 n600; do
        for s in 1 2; do
            for a in $ALGS; do
                printf 'experiment,point,x,requests,seed,algorithm,status,objective_s,lower_bound_s,avg_accuracy,cost,pull_bytes,wall_s\nrequests,%s,%s,%s,%s,%s,feasible,%s,,0.5,%s,0,0.1\n' \
                    "$p" "${p#n}" "${p#n}" "$s" "$a" "$((${p#n} + s))" "$s" >"$1/requests/rows/$p-s$s-$a.csv"
            done
        done
    done
}
# collect DIR [ARGS]: run collect, output in DIR/out.txt, exit code in $rc
collect() {
    d=$1
    shift
    "$TOOL" experiment requests --quick --out="$d" --collect "$@" >"$d/out.txt" 2>&1
    rc=$?
}
rows() { grep -vc '^experiment' "$1/requests/runs.csv"; }

make "$TMP/ok"
collect "$TMP/ok"
[ $rc -eq 0 ] || { cat "$TMP/ok/out.txt"; fail "complete set: exit $rc"; }
grep -q "$N of $N runs present" "$TMP/ok/out.txt" || fail "complete set: no '$N of $N'"
[ "$(rows "$TMP/ok")" -eq $N ] || fail "complete set: $(rows "$TMP/ok") rows in runs.csv"
for f in delay cost accuracy; do
    [ -s "$TMP/ok/requests/$f.png" ] || fail "complete set: $f.png missing"
done
cp "$TMP/ok/requests/runs.csv" "$TMP/first.csv"
collect "$TMP/ok"
[ $rc -eq 0 ] && grep -q "$N identical repeats" "$TMP/ok/out.txt" || fail "second collect"
cmp -s "$TMP/first.csv" "$TMP/ok/requests/runs.csv" || fail "second collect changed runs.csv"

make "$TMP/missing"
rm "$TMP/missing/requests/rows/n600-s2-random.csv"
collect "$TMP/missing"
[ $rc -eq 2 ] || fail "missing run: exit $rc, expected 2"
grep -q "$((N - 1)) of $N runs present" "$TMP/missing/out.txt" || fail "missing: no count"
grep -q "n600,2,random" "$TMP/missing/out.txt" || fail "missing run not named"
[ ! -e "$TMP/missing/requests/runs.csv" ] || fail "missing run: runs.csv written"
collect "$TMP/missing" --partial
[ $rc -eq 0 ] && [ "$(rows "$TMP/missing")" -eq $((N - 1)) ] || fail "--partial: exit $rc"

make "$TMP/dup"
sed 's/,feasible,301,/,feasible,999,/' "$TMP/dup/requests/rows/n300-s1-lp.csv" >"$TMP/dup/requests/rows/zz.csv"
collect "$TMP/dup"
[ $rc -eq 2 ] || fail "two different rows: exit $rc, expected 2"
grep "n300,1,lp" "$TMP/dup/out.txt" | grep "rows/n300-s1-lp.csv" | grep -q "rows/zz.csv" ||
    fail "two different rows: run and files not named"
[ ! -e "$TMP/dup/requests/runs.csv" ] || fail "two different rows: runs.csv written"
cp "$TMP/dup/requests/rows/n300-s1-lp.csv" "$TMP/dup/requests/rows/zz.csv"
collect "$TMP/dup"
[ $rc -eq 0 ] && grep -q "1 identical repeats" "$TMP/dup/out.txt" || fail "identical repeat refused"
[ "$(rows "$TMP/dup")" -eq $N ] || fail "identical repeat: $(rows "$TMP/dup") rows"

# A run done twice (a requeued Slurm task) differs in its wall time only: one run.
sed -i 's/,0.1$/,0.2/' "$TMP/ok/requests/rows/n600-s1-ilp.csv"
collect "$TMP/ok"
[ $rc -eq 0 ] && grep -q "$N identical repeats" "$TMP/ok/out.txt" || fail "a repeat differing in wall_s refused"
cmp -s "$TMP/first.csv" "$TMP/ok/requests/runs.csv" || fail "a repeat differing in wall_s changed runs.csv"
sed -i 's/,feasible,601,/,feasible,998,/' "$TMP/ok/requests/rows/n600-s1-ilp.csv"
collect "$TMP/ok"
[ $rc -eq 2 ] || fail "row file against runs.csv: exit $rc, expected 2"
grep "n600,1,ilp" "$TMP/ok/out.txt" | grep "runs.csv" | grep -q "rows/n600-s1-ilp.csv" ||
    fail "row file against runs.csv: not named"
cmp -s "$TMP/first.csv" "$TMP/ok/requests/runs.csv" || fail "refused collect changed runs.csv"

make "$TMP/other"
sed 's/,1,ilp,/,3,ilp,/' "$TMP/other/requests/rows/n300-s1-ilp.csv" >"$TMP/other/requests/rows/n300-s3-ilp.csv"
collect "$TMP/other"
[ $rc -eq 0 ] && grep -q "1 rows of other runs" "$TMP/other/out.txt" || fail "row of seed 3"
[ "$(rows "$TMP/other")" -eq $((N + 1)) ] || fail "row of seed 3 not kept in runs.csv"
awk '!/^#/ && NF == 5 && $5 > 2 { bad = 1 } END { exit bad }' "$TMP/other/requests/delay.dat" ||
    fail "row of seed 3 drawn"

make "$TMP/options"
"$TOOL" experiment requests --out="$TMP/options" --collect >"$TMP/options/out.txt" 2>&1
[ $? -eq 2 ] && grep -q "0 of $((25 * NALG)) runs present" "$TMP/options/out.txt" ||
    fail "other options"

"$TOOL" experiment requests --quick --out="$TMP/ok" --run=n999,1,ilp 2>"$TMP/err.txt"
[ $? -eq 2 ] && grep -q "n999,1,ilp is no run of requests" "$TMP/err.txt" || fail "--run bad point"
"$TOOL" experiment requests --quick --out="$TMP/ok" --run=n300,1,ilp 2>"$TMP/err.txt"
[ $? -eq 2 ] && grep -q "no such scenario (--emit first)" "$TMP/err.txt" || fail "--run no emit"
# The online experiment: a run (trace, seed) is one child with a row per policy, in one row
# file; collect merges every policy's row (it once looked the rows up by the run's key).
mkdir -p "$TMP/online/online/rows"
H=experiment,point,x,requests,seed,algorithm,status,objective_s,lower_bound_s,avg_accuracy
H=$H,cost,pull_bytes,wall_s,measured_total_delay_s,mean_upload_s,mean_wait_model_s
H=$H,mean_queue_s,mean_processing_s,mean_download_s,failed,regret_s
for p in code conv; do
    for s in 1 2; do
        {
            echo "$H"
            for a in tsrc lints; do
                echo "online,$p,0,300,$s,$a,online,$s,,0.5,1,0,0.1,,,,,,,0,1"
            done
        } >"$TMP/online/online/rows/$p-s$s-online.csv"
    done
done
"$TOOL" experiment online --quick --out="$TMP/online" --collect >"$TMP/online/out.txt" 2>&1
[ $? -eq 0 ] && grep -q "online: 4 of 4 runs present" "$TMP/online/out.txt" ||
    fail "online collect: $(tail -1 "$TMP/online/out.txt")"
[ "$(grep -c '^online,' "$TMP/online/online/runs.csv")" -eq 8 ] || fail "online: not 8 rows"
echo "check-experiment-collect: ok ($N runs)"
