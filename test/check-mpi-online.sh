#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# An online policy on MPI ranks against the sequential run, as a CTest test:
#
#   sh test/check-mpi-online.sh SCENARIO [T]
#
# needs the in-tree MPI build with mec-pfm-online (./mec-pfm intree --mpi); without it, it
# says so and exits 77 (CTest's skip). Every run decides from state reports sent every T
# seconds (default 0.01). It exits 0 if
#   - home-greedy (no learning): the in-tree sequential mec-pfm-online and
#     mec-pfm-geant-mpi on 2 ranks write the same decisions.csv (the same site and model
#     for every request, from the same reports); the counts of online.json agree;
#   - lints (learning), on 1 rank: decisions.csv equals the sequential run's (one learner
#     sees every feedback, as in the sequential run);
#   - lints on 2 ranks (a learner per rank): one decision per request, completed +
#     rejected + failed = requests, the conservation check ok, and two runs byte-identical
#     (decisions.csv, requests.csv; summary.json and online.json but for wall times).
# Prints what failed and exits 1 otherwise.
SCENARIO=$1
T_REPORT=${2:-0.01}
NAME=check-mpi-online
SEQ_PROGRAM=mec-pfm-online
. "$(dirname "$0")/mpi-common.sh"
# seq POLICY: the sequential run into $T/seq/POLICY/
seq_run() {
    "$SEQ" --scenario="$SCENARIO" --policies="$1" --mode=packet --stateReports="$T_REPORT" \
        --out="$T/seq-$1" >"$T/seq-$1.log" 2>&1 || fail "sequential $1: $(tail -3 "$T/seq-$1.log")"
}
# mpi RANKS POLICY NAME: the distributed run into $T/NAME/
mpi_run() {
    mpiexec --oversubscribe -np "$1" "$MPI" --scenario="$SCENARIO" --policy="$2" \
        --stateReports="$T_REPORT" --out="$T/$3" >"$T/$3.log" 2>&1 ||
        fail "$1 rank(s) $2: $(tail -3 "$T/$3.log")"
    grep -q "CONSERVATION CHECK FAILED" "$T/$3.log" && fail "$3: $(grep CONSERVATION "$T/$3.log")"
    grep -A9 '"conservation"' "$T/$3/summary.json" | grep -q '"ok": true' ||
        fail "$3: conservation not ok in summary.json"
}
field() { grep "\"$1\"" "$2" | head -1 | sed 's/.*: *//; s/,$//'; }
same_counts() {
    for f in decisions completed rejected failed; do
        a=$(field $f "$1")
        b=$(field $f "$2")
        [ "$a" = "$b" ] || fail "$f: $a in $1, $b in $2"
    done
}

seq_run home-greedy
mpi_run 2 home-greedy hg2
cmp -s "$T/seq-home-greedy/home-greedy/decisions.csv" "$T/hg2/decisions.csv" ||
    fail "home-greedy: 2 ranks decided otherwise than the sequential run: $(diff "$T/seq-home-greedy/home-greedy/decisions.csv" "$T/hg2/decisions.csv" | head -4)"
same_counts "$T/seq-home-greedy/home-greedy/summary.json" "$T/hg2/online.json"

seq_run lints
mpi_run 1 lints l1
cmp -s "$T/seq-lints/lints/decisions.csv" "$T/l1/decisions.csv" ||
    fail "lints: 1 rank decided otherwise than the sequential run"
same_counts "$T/seq-lints/lints/summary.json" "$T/l1/online.json"

mpi_run 2 lints l2a
mpi_run 2 lints l2b
n=$(field requests "$T/l2a/summary.json")
rows=$(($(wc -l <"$T/l2a/decisions.csv") - 1))
[ "$rows" = "$n" ] || fail "lints 2 ranks: $rows decisions for $n requests"
c=$(field completed "$T/l2a/online.json")
r=$(field rejected "$T/l2a/online.json")
f=$(field failed "$T/l2a/online.json")
[ $((c + r + f)) = "$n" ] || fail "lints 2 ranks: $c + $r + $f for $n requests"
for x in decisions.csv requests.csv; do
    cmp -s "$T/l2a/$x" "$T/l2b/$x" || fail "two 2-rank lints runs: $x differ"
done
for x in summary.json online.json; do
    grep -v '"wall_s"\|"decisions_per_s"\|"policy_wall_s"' "$T/l2a/$x" >"$T/a"
    grep -v '"wall_s"\|"decisions_per_s"\|"policy_wall_s"' "$T/l2b/$x" >"$T/b"
    cmp -s "$T/a" "$T/b" || fail "two 2-rank lints runs: $x differ"
done
echo "check-mpi-online $SCENARIO: home-greedy 2 ranks = sequential; lints 1 rank = sequential; lints 2 ranks: $c completed, $r rejected, $f failed of $n, two runs identical"
