#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write an ns-2 movement trace (ns-3's Ns2MobilityHelper reads it) of UEs that shuttle
between their own eNB's cell and a neighbour's, for mec-pfm-lte --mobilityTrace.

LteAccessNetwork puts the k-th city's eNB at (k * isd, 0) (one row while k < GridWidth, 4)
and the trace's node i is the i-th UE the runner attaches: city i // users, user i % users.
UE j of city k starts in its own cell, 0.3 isd from its eNB at an angle of 2 pi j / users;
from time 0.5 + 0.25 j s (staggered) it walks at SPEED to the same offset around the
neighbour eNB (k + 1, the last city k - 1), then back, and so on until --until seconds.
No randomness: the same arguments give the same file.

  python3 utils/ns2-crossing-trace.py [--cities=4] [--users=24] [--isd=200] [--speed=20]
                                      [--until=40] > scenarios/lte-crossing.ns2
"""
import argparse
import math


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cities", type=int, default=4)
    p.add_argument("--users", type=int, default=24)
    p.add_argument("--isd", type=float, default=200.0)
    p.add_argument("--speed", type=float, default=20.0)
    p.add_argument("--until", type=float, default=40.0)
    a = p.parse_args()
    if a.cities < 2 or a.users < 1 or a.isd <= 0 or a.speed <= 0:
        p.error("needs --cities >= 2, --users >= 1, --isd > 0, --speed > 0")
    print("# mec-pfm-lte --mobilityTrace: %d cities x %d UEs, isd %g m, %g m/s "
          "(utils/ns2-crossing-trace.py --cities=%d --users=%d --isd=%g --speed=%g --until=%g)"
          % (a.cities, a.users, a.isd, a.speed, a.cities, a.users, a.isd, a.speed, a.until))
    leg = a.isd / a.speed  # the eNBs are isd apart, the offsets alike
    for k in range(a.cities):
        other = k + 1 if k + 1 < a.cities else k - 1
        for j in range(a.users):
            i = k * a.users + j
            angle = 2 * math.pi * j / a.users
            dx, dy = 0.3 * a.isd * math.cos(angle), 0.3 * a.isd * math.sin(angle)
            home = (k * a.isd + dx, dy)
            away = (other * a.isd + dx, dy)
            print("$node_(%d) set X_ %.3f" % (i, home[0]))
            print("$node_(%d) set Y_ %.3f" % (i, home[1]))
            print("$node_(%d) set Z_ 1.5" % i)
            t = 0.5 + 0.25 * j
            to = away
            while t < a.until:
                print('$ns_ at %.3f "$node_(%d) setdest %.3f %.3f %g"'
                      % (t, i, to[0], to[1], a.speed))
                t += leg
                to = home if to is away else away


if __name__ == "__main__":
    main()
