#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# An input error as a CTest test:
#
#   sh test/check-rejects.sh EXPECTED FORBIDDEN PROGRAM [ARGS...]
#
# exits 0 if PROGRAM ARGS exits with 2, its output (stdout and stderr) matches the extended
# regular expression EXPECTED and does not match FORBIDDEN (skipped if empty); else prints
# the output and exits 1.
EXPECTED=$1
FORBIDDEN=$2
shift 2
out=$("$@" 2>&1)
rc=$?
if [ $rc -ne 2 ]; then
    echo "exit $rc, not 2: $out" >&2
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$EXPECTED"; then
    echo "no \"$EXPECTED\" in: $out" >&2
    exit 1
fi
if [ -n "$FORBIDDEN" ] && printf '%s\n' "$out" | grep -Eq -- "$FORBIDDEN"; then
    echo "\"$FORBIDDEN\" in: $out" >&2
    exit 1
fi
exit 0
