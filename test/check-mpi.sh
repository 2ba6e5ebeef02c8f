#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The distributed run against the sequential one, as a CTest test:
#
#   sh test/check-mpi.sh SCENARIO [RANKS]
#
# needs the in-tree MPI build (./mec-pfm intree --mpi: build-intree/ns3-tree names the
# tree); without it, it says so and exits 77 (CTest's skip). Otherwise it runs SCENARIO
# with the in-tree mec-pfm-geant (sequential) and twice with mec-pfm-geant-mpi under
# mpiexec -np RANKS (default 2), and exits 0 if
#   - the completed, rejected and failed counts, the pulled bytes and the conservation
#     counters (summary.json) agree, and the distributed run's conservation check is ok;
#   - every request's status, serving site and model agree, and its delay is within
#     TOL seconds (env, default 1e-9: both runs carry the same packets over the same
#     links, so only the order of events at one instant could differ);
#   - the two distributed runs wrote byte-identical requests.csv, and summary.json equal
#     but for wall_s (wall-clock time).
# Prints what failed and exits 1 otherwise.
SCENARIO=$1
RANKS=${2:-2}
TOL=${TOL:-1e-9}
NAME=check-mpi
SEQ_PROGRAM=mec-pfm-geant
. "$(dirname "$0")/mpi-common.sh"
"$SEQ" --scenario="$SCENARIO" --out="$T/seq" >"$T/seq.log" 2>&1 || fail "sequential run: $(tail -3 "$T/seq.log")"
for k in a b; do
    mpiexec --oversubscribe -np "$RANKS" "$MPI" --scenario="$SCENARIO" --out="$T/mpi-$k" \
        >"$T/mpi-$k.log" 2>&1 || fail "distributed run $k: $(tail -3 "$T/mpi-$k.log")"
done
grep -q "^partition: $RANKS rank" "$T/mpi-a.log" || fail "no partition printed"
field() { grep "\"$1\"" "$2" | sed 's/.*: *//; s/,$//'; }
for f in completed rejected failed pulled_bytes pulls requests ends arrived_bytes \
    arrived_bytes_of_completed_pulls; do
    a=$(field $f "$T/seq/summary.json")
    b=$(field $f "$T/mpi-a/summary.json")
    [ "$a" = "$b" ] || fail "$f: sequential $a, $RANKS ranks $b"
done
grep -q "CONSERVATION CHECK FAILED" "$T/mpi-a.log" && fail "$(grep CONSERVATION "$T/mpi-a.log")"
grep -A9 '"conservation"' "$T/mpi-a/summary.json" | grep -q '"ok": true' ||
    fail "conservation not ok in the distributed summary.json"
# Per request: id, status, site and model equal; delay within TOL.
paste -d, "$T/seq/requests.csv" "$T/mpi-a/requests.csv" | awk -F, -v tol="$TOL" '
    NR == 1 { next }
    {
        n = NF / 2
        if ($1 != $(n + 1) || $3 != $(n + 3) || $4 != $(n + 4) || $5 != $(n + 5)) {
            print "request " $1 ": " $3 "/" $4 "/" $5 " against " $(n + 3) "/" $(n + 4) "/" $(n + 5)
            bad = 1
        }
        d = $8 - $(n + 8); if (d < 0) d = -d
        if (d > tol) { print "request " $1 ": delay " $8 " against " $(n + 8); bad = 1 }
        if (d > worst) worst = d
    }
    END { printf "largest delay difference %.3g s over %d requests\n", worst, NR - 1; exit bad }' ||
    fail "requests differ (above)"
cmp -s "$T/mpi-a/requests.csv" "$T/mpi-b/requests.csv" || fail "two distributed runs: requests.csv differ"
grep -v '"wall_s"' "$T/mpi-a/summary.json" >"$T/a.json"
grep -v '"wall_s"' "$T/mpi-b/summary.json" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" || fail "two distributed runs: summary.json differ"
echo "check-mpi $SCENARIO: sequential and $RANKS ranks agree; two distributed runs identical"
