#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The --out folder contract of the module's programs (MecPfmOutputDir), as CTest tests:
#
#   sh test/check-output-dir.sh CASE PROGRAM [ARGS...]
#
# runs PROGRAM ARGS --out=... in a scratch folder and exits 0 if the contract holds:
#   file-in-path   --out=T/file/x, where T/file is a regular file: exit 2 naming it
#   refuses-run    a second run into a finished run's folder: exit 2, "--force=1" named,
#                  the folder byte for byte as it was, no DIR.part-* left
#   force-replaces a run with FIRST_ARGS (env), then one with --force=1 without them: exit
#                  0, and no file of the first run (e.g. its pcap) stays beside the new ones
#   not-a-run      a non-empty folder that holds no run: exit 2 even with --force=1, its file
#                  untouched
#   killed         a run with KILL_ARGS (env; a long one) into a finished run's folder with
#                  --force=1, sent SIGTERM (or KILL_SIGNAL, env: INT, HUP) after KILL_AFTER
#                  seconds (env, default 3): while it
#                  runs it writes into DIR.part-PID; killed, it exits non-zero, leaves no
#                  DIR.part-* and the previous folder byte for byte as it was
# Prints what failed and exits 1 otherwise.
CASE=$1
PROG=$2
shift 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() {
    echo "check-output-dir $CASE: $*" >&2
    exit 1
}
sums() { (cd "$1" && find . -type f | sort | xargs md5sum); }

case $CASE in
file-in-path)
    : >"$T/file"
    out=$("$PROG" "$@" --out="$T/file/x" 2>&1)
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, not 2: $out"
    echo "$out" | grep -q -- "--out: \"$T/file\" exists and is not a folder" || fail "message: $out"
    [ -f "$T/file" ] || fail "the file is gone"
    ;;
refuses-run)
    "$PROG" "$@" --out="$T/run" >/dev/null 2>&1 || fail "first run failed"
    [ -f "$T/run/.mec-pfm-run" ] || fail "no marker after the first run"
    before=$(sums "$T/run")
    out=$("$PROG" "$@" --out="$T/run" 2>&1)
    rc=$?
    [ $rc -eq 2 ] || fail "second run: exit $rc, not 2"
    echo "$out" | grep -q -- "holds another run's results.*--force=1" || fail "message: $out"
    [ "$(sums "$T/run")" = "$before" ] || fail "the folder changed"
    ls -d "$T"/run.part-* >/dev/null 2>&1 && fail "a .part folder was left"
    ;;
force-replaces)
    # shellcheck disable=SC2086
    "$PROG" "$@" $FIRST_ARGS --out="$T/run" >/dev/null 2>&1 || fail "first run failed"
    first=$(cd "$T/run" && ls -A | sort)
    "$PROG" "$@" --out="$T/run" --force=1 >/dev/null 2>&1 || fail "run with --force=1 failed"
    second=$(cd "$T/run" && ls -A | sort)
    [ "$first" != "$second" ] || fail "FIRST_ARGS made no other files: $first"
    # Every file now there was written by the second run: a third run without --force=1
    # into a fresh folder lists the same names.
    "$PROG" "$@" --out="$T/fresh" >/dev/null 2>&1 || fail "fresh run failed"
    [ "$second" = "$(cd "$T/fresh" && ls -A | sort)" ] || fail "files of two runs: $second"
    ls -d "$T"/run.part-* "$T"/run.old-* >/dev/null 2>&1 && fail "a .part or .old folder was left"
    ;;
not-a-run)
    mkdir "$T/mine"
    echo "mine" >"$T/mine/notes.txt"
    out=$("$PROG" "$@" --out="$T/mine" --force=1 2>&1)
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, not 2"
    echo "$out" | grep -q -- "holds no mec-pfm run" || fail "message: $out"
    [ "$(ls -A "$T/mine")" = "notes.txt" ] && [ "$(cat "$T/mine/notes.txt")" = mine ] ||
        fail "the folder changed"
    ;;
killed)
    "$PROG" "$@" --out="$T/run" >/dev/null 2>&1 || fail "first run failed"
    before=$(sums "$T/run")
    # A background job of a script starts with SIGINT ignored (and the module leaves an
    # ignored signal ignored): env gives it back its default (coreutils 8.31).
    # shellcheck disable=SC2086
    env --default-signal=INT "$PROG" $KILL_ARGS --out="$T/run" --force=1 >"$T/log" 2>&1 &
    pid=$!
    sleep "${KILL_AFTER:-3}"
    [ -d "$T/run.part-$pid" ] || fail "the running run does not write into run.part-$pid"
    kill -"${KILL_SIGNAL:-TERM}" $pid
    wait $pid
    rc=$?
    [ $rc -ne 0 ] || fail "killed run exited 0"
    ls -d "$T"/run.part-* >/dev/null 2>&1 && fail "a .part folder was left"
    [ "$(sums "$T/run")" = "$before" ] || fail "the previous folder changed"
    ;;
*)
    fail "unknown case"
    ;;
esac
exit 0
