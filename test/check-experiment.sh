#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `mec-pfm-tool experiment all --quick` as a CTest test:
#
#   sh test/check-experiment.sh TOOL [DIR]
#
# runs the quick experiments into DIR (default: a scratch folder, removed after) and checks,
# from the runs.csv files, only orders that are theorems:
#   - every (point, seed) has a row for every algorithm of its experiment, and every child
#     printed its JSON line or summary (no status "exit N");
#   - the LP bound (lp's lower_bound_s) <= the total delay of every plan of the same point
#     and seed (the LP relaxes the problem every planner's plan is feasible for);
#   - ilp <= rounding where ilp is "optimal" (rounding's plan is feasible for the ILP);
#   - ilp <= no-sharing where both are "optimal" (no-sharing is the ILP with whole-model
#     costs, a restriction of the same plans: doc/planner.rst);
#   - sharing: the catalogue without sharing needs the most distinct bytes and LoRA the
#     fewest (x = bytes shared: none 0 < backbone < lora);
#   - validation and mtu: every packet run carried its plan out ("simulated") with a
#     planned and a measured total delay > 0;
#   - online: every policy has a row per trace and seed, with regret_s >= 0 (regret is
#     measured against the best arm, so it cannot be negative);
# and that every figure's PNG is written and non-empty, next to its gnuplot script, that
# the headline table has a line for the online policy, and the validation table exists.
# Tolerance: 1e-6 relative plus 1e-6 s. Prints what failed and exits 1 otherwise.
TOOL=$1
DIR=${2:-}
if [ -z "$DIR" ]; then
    DIR=$(mktemp -d)
    trap 'rm -rf "$DIR"' EXIT
fi
mkdir -p "$DIR" || exit 1
fail() {
    echo "check-experiment: $*" >&2
    exit 1
}
"$TOOL" experiment all --quick --jobs=2 --out="$DIR" >"$DIR/stdout.txt" ||
    fail "experiment all --quick exited with $?"
for f in requests cloudlets storage bandwidth floor runtime cloudlets-zoo sharing validation mtu online; do
    [ -s "$DIR/$f/runs.csv" ] || fail "$DIR/$f/runs.csv missing"
done
pngs=$(ls "$DIR"/*/*.png 2>/dev/null | wc -l)
[ "$pngs" -eq 32 ] || fail "$pngs PNGs, expected 32"
[ -s "$DIR/validation/validation.rst" ] || fail "validation/validation.rst missing"
grep -q '^online,.*,tsrc,' "$DIR/headline.csv" || fail "headline.csv has no online line"
for p in "$DIR"/*/*.png; do
    [ -s "$p" ] || fail "$p is empty"
    [ -s "${p%.png}.gp" ] || fail "${p%.png}.gp missing"
done
[ "$(wc -l <"$DIR/headline.csv")" -gt 1 ] || fail "headline.csv has no line"
cat "$DIR"/*/runs.csv | awk -F, '
function le(a, b) { return a <= b * (1 + 1e-6) + 1e-6 }
$1 == "experiment" { next }
{
    k = $1 "," $2 "," $5; keys[k] = 1; n[k]++; ex[k] = $1
    if (!(($1, $6) in seen)) { seen[$1, $6] = 1; na[$1]++ }
    if ($7 ~ /^exit/) { print "child failed: " $0; bad = 1 }
    st[k, $6] = $7; obj[k, $6] = $8; lb[k, $6] = $9
    plan[k, $6] = ($7 == "optimal" || $7 == "feasible" || $7 == "time_limit") && $8 != ""
    if ($1 == "sharing") x[$2] = $3 + 0
    if (($1 == "validation" || $1 == "mtu") && ($7 != "simulated" || !($8 > 0) || !($14 > 0))) {
        print "packet run without a measured delay: " $0; bad = 1 }
    if ($1 == "online" && ($7 != "online" || $21 == "" || $21 + 0 < -1e-9)) {
        print "online row without regret >= 0: " $0; bad = 1 }
}
END {
    for (k in keys) {
        if (n[k] != na[ex[k]]) { print k ": " n[k] " rows, expected " na[ex[k]]; bad = 1 }
        for (s in st) {
            split(s, kk, SUBSEP)
            if (kk[1] == k && lb[k, "lp"] != "" && plan[k, kk[2]] && !le(lb[k, "lp"] + 0, obj[k, kk[2]] + 0)) {
                print k ": lp bound " lb[k, "lp"] " > " kk[2] " " obj[k, kk[2]]; bad = 1 }
        }
        if (st[k, "ilp"] == "optimal" && plan[k, "rounding"] && !le(obj[k, "ilp"] + 0, obj[k, "rounding"] + 0)) {
            print k ": optimal ilp " obj[k, "ilp"] " > rounding " obj[k, "rounding"]; bad = 1 }
        if (st[k, "ilp"] == "optimal" && st[k, "no-sharing"] == "optimal" && !le(obj[k, "ilp"] + 0, obj[k, "no-sharing"] + 0)) {
            print k ": optimal ilp " obj[k, "ilp"] " > optimal no-sharing " obj[k, "no-sharing"]; bad = 1 }
    }
    if (!(x["none"] == 0 && x["none"] < x["backbone"] && x["backbone"] < x["lora"])) {
        print "sharing: bytes shared not none 0 < backbone < lora: " x["none"] " " x["backbone"] " " x["lora"]; bad = 1 }
    exit bad
}' || fail "an order invariant does not hold (above)"
echo "check-experiment: $(cat "$DIR"/*/runs.csv | grep -vc '^experiment') runs, $pngs PNGs: ok"
