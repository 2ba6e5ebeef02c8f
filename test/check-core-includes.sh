#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The layering rule of mec-pfm, as a CTest test (mec-pfm-core-includes; CMakeLists.txt passes
# the lists): the planning core (library mec-pfm-core: its sources, headers, test suites and
# the command-line tool that links it) includes no ns-3 header outside the part of ns-3's core
# module listed below, and no header of the simulation library (mec-pfm).
#
#   sh test/check-core-includes.sh --simulation-headers H... --core-files F...
#
# Prints one line per forbidden include (file:line: header: why) and exits 1 if there is
# any, 0 otherwise.
#
# The allowed ns-3 headers, all of ns-3's src/core: the object and attribute system the
# planners are configured with (Object, TypeId, Ptr, attribute values, Time as a value),
# random variables and their seeding, logging and assertions, and the test framework for
# the core's suites. Everything else of ns-3 is forbidden, in particular the event loop and
# what drives it even though it lives in src/core (simulator.h, event-id.h, scheduler and
# timer headers, config.h, which reaches objects through the simulation's object tree, and
# names.h), and every other module (network, internet, applications: packets, sockets,
# nodes, devices).
ALLOWED_NS3_CORE="
abort.h assert.h fatal-error.h deprecated.h log.h log-macros-enabled.h log-macros-disabled.h
object.h object-base.h object-factory.h ptr.h type-id.h type-name.h simple-ref-count.h
attribute.h attribute-helper.h attribute-accessor-helper.h attribute-construction-list.h
boolean.h double.h integer.h uinteger.h enum.h string.h pointer.h nstime.h int64x64.h
object-vector.h object-map.h pair.h tuple.h callback.h traced-callback.h traced-value.h
trace-source-accessor.h
random-variable-stream.h rng-seed-manager.h rng-stream.h
command-line.h
test.h
"

sim_headers=""
core_files=""
mode=""
for arg in "$@"; do
  case "$arg" in
    --simulation-headers) mode=sim ;;
    --core-files) mode=core ;;
    *)
      case "$mode" in
        sim) sim_headers="$sim_headers ${arg##*/}" ;;
        core) core_files="$core_files $arg" ;;
        *) echo "usage: $0 --simulation-headers H... --core-files F..." >&2; exit 2 ;;
      esac
      ;;
  esac
done
[ -n "$core_files" ] || { echo "$0: no --core-files given" >&2; exit 2; }

# The module's own headers: the core's are allowed, the simulation's are not.
core_headers=""
for f in $core_files; do
  case "$f" in *.h) core_headers="$core_headers ${f##*/}" ;; esac
done

in_list() { # NAME LIST...: whether NAME is one of the words of LIST
  name=$1
  shift
  for w in $*; do [ "$w" = "$name" ] && return 0; done
  return 1
}

bad=0
checked=0
for f in $core_files; do
  [ -f "$f" ] || { echo "$f: no such file" >&2; exit 2; }
  checked=$((checked + 1))
  # "#include <x>" or "#include "x"" (spaces allowed after '#'): line number and x.
  includes=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p;' "$f")
  lines=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "$f" | cut -d: -f1)
  set -- $lines
  for inc in $includes; do
    line=$1
    shift
    base=${inc##*/}
    why=""
    if in_list "$base" $sim_headers; then
      why="a header of the simulation library (mec-pfm)"
    else
      case "$inc" in
        ns3/*)
          if ! in_list "$base" $core_headers && ! in_list "$base" $ALLOWED_NS3_CORE; then
            why="not in the allowed part of ns-3's core module (test/check-core-includes.sh)"
          fi
          ;;
      esac
    fi
    if [ -n "$why" ]; then
      echo "$f:$line: $inc: $why"
      bad=$((bad + 1))
    fi
  done
done
if [ $bad -gt 0 ]; then
  echo "mec-pfm-core-includes: $bad forbidden include(s) in the planning core"
  exit 1
fi
echo "mec-pfm-core-includes: $checked files of the planning core, no forbidden include"
