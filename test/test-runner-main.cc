/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm-tests
 * The test runner of the standalone build: every mec-pfm TestSuite is compiled into this
 * program (Debian's ns-3 ships no test-runner). Same options as ns-3's test-runner:
 * --list, --suite=NAME, --verbose, --fullness=QUICK|EXTENSIVE|TAKES_FOREVER.
 */

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
