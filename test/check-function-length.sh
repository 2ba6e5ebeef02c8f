#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The function-length rule of mec-pfm, as a CTest test (mec-pfm-function-length): no function
# of the module (model/, helper/, utils/, examples/, test/, fuzz/) is longer than MAX lines,
# counted from its signature to its closing brace by universal-ctags. A longer function is a
# list of steps that wants names (doc/mec-pfm.rst, "Architecture").
#
#   sh test/check-function-length.sh [--max N] [DIR...]
#
# Prints one line per function over the limit (lines file:line name) and exits 1 if there is
# any, 0 otherwise; 2 if ctags is missing (Debian: universal-ctags).
MAX=150
if [ "$1" = "--max" ]; then
    MAX=$2
    shift 2
fi
[ $# -gt 0 ] || set -- model helper utils examples test fuzz
command -v ctags >/dev/null 2>&1 || { echo "check-function-length: ctags not found (apt-get install universal-ctags)" >&2; exit 2; }
ctags --version 2>/dev/null | grep -q "Universal Ctags" || { echo "check-function-length: needs universal-ctags" >&2; exit 2; }
OUT=$(ctags --languages=C++ --kinds-C++=f --fields=+ne -R --sort=no -f - "$@" 2>/dev/null |
    awk -F'\t' -v max="$MAX" '{
        l = 0; e = 0
        for (i = 4; i <= NF; i++) {
            if ($i ~ /^line:/) l = substr($i, 6)
            if ($i ~ /^end:/) e = substr($i, 5)
        }
        if (e - l + 1 > max) print e - l + 1, $2 ":" l, $1
    }' | sort -rn)
if [ -n "$OUT" ]; then
    echo "functions over $MAX lines:"
    echo "$OUT"
    exit 1
fi
echo "no function over $MAX lines"
