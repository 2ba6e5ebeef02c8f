# SPDX-License-Identifier: GPL-2.0-only
#
# What test/check-mpi.sh and test/check-mpi-online.sh share; sourced (". FILE") after they
# set NAME (for messages), SCENARIO and SEQ_PROGRAM (the in-tree sequential example they
# compare with). Sets ROOT, SEQ and MPI (the in-tree programs), T (a temporary folder,
# removed at exit) and fail(); exits 77 (CTest's skip) with a message when the in-tree MPI
# build lacks a program or mpiexec is missing; leaves the shell in ROOT.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TREE=$(cat "$ROOT/build-intree/ns3-tree" 2>/dev/null)
find_exe() {
    [ -n "$TREE" ] && find "$TREE/build/contrib/mec-pfm" -maxdepth 2 -type f -regextype posix-extended -regex ".*/ns3[.0-9]*-$1(-release)?" 2>/dev/null | head -1
}
SEQ=$(find_exe "$SEQ_PROGRAM")
MPI=$(find_exe mec-pfm-geant-mpi)
if [ -z "$SEQ" ] || [ -z "$MPI" ] || ! command -v mpiexec >/dev/null; then
    echo "SKIPPED: no in-tree MPI build with $SEQ_PROGRAM (./mec-pfm intree --mpi builds it)"
    exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() {
    echo "$NAME $SCENARIO: $*" >&2
    exit 1
}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cd "$ROOT" || exit 1
