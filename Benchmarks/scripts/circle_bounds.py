#!/usr/bin/env python3
"""The fewest prefix-table reads an exact circle sum needs per cell, against the reads ours makes.

A circle neighbourhood of radius r holds the cells whose centres lie within r of the centre cell's.
Summed from prefix tables (prefix sums along rows, along columns, along a row of column sums, or
summed-area tables), each read of a table covers a region with at most two corners (a half-row, a
half-column, a half-strip; a quadrant has one), and a signed sum of such regions has no corner that
none of them has: around a lattice point, a region without a corner there has a − b − c + d = 0 over
its four cells (upper left, upper right, lower left, lower right), and a corner of the circle has not. So a circle sum needs at least half as many reads per cell as the digital circle's
outline has corners, whichever tables and however they are combined. The square has four corners
whatever its radius, hence its constant cost; the circle's corners grow with the radius.

`ours` counts the reads per cell of HeatIsland's circle sums (FocalSums): two per circle row below
radius 16; from there on two per cap row and cap column around the largest inner square, two for
the square, and two more to make the square's prefix row along each output row. It is written out here by the same rules
as the kernel, so that the comparison can be rerun without Swift.

Also given: the vertices of the convex hull of the circle's cells, the edges a sum from tables
along slanted lines (one table per edge direction) would take around them.

Usage: python3 Benchmarks/scripts/circle_bounds.py [--radius 5 --radius 50] [--output results.json]
"""
import argparse
import json
import math


def cells(r):
    return {(x, y) for y in range(-r, r + 1) for x in range(-r, r + 1) if x * x + y * y <= r * r}


def corners(region):
    """Corners of the outline of a union of unit cells: at each lattice point, one where one or three
    of the four cells around it are in, two where two diagonal ones are."""
    count = 0
    for i in range(min(x for x, _ in region), max(x for x, _ in region) + 2):
        for j in range(min(y for _, y in region), max(y for _, y in region) + 2):
            around = [(i - 1, j - 1) in region, (i, j - 1) in region, (i - 1, j) in region, (i, j) in region]
            n = sum(around)
            count += 1 if n in (1, 3) else 2 if n == 2 and around[0] == around[3] else 0
    return count


def hull_vertices(points):
    """Andrew's monotone chain: vertices of the convex hull, collinear points left out."""
    pts = sorted(points)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def chain(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and cross(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    return len(chain(pts)[:-1] + chain(reversed(pts))[:-1])


def ours(r):
    """Reads per cell of FocalSums' circle sums, each term P[x + hi] − P[x + lo] two of them."""
    half = [math.isqrt(r * r - dy * dy) for dy in range(-r, r + 1)]
    s = max(d for d in range(r + 1) if half[r + d] >= d)
    caps = 4 * (r - s)
    # The kernel's rule for using the inner square (FocalSums.init); its prefix row along the output
    # row is made from two reads of the column prefix sums per cell, counted too.
    if caps + 12 < 2 * r + 1:
        return {"reads": 2 * (caps + 1) + 2, "form": f"{2 * (r - s)} cap rows, {2 * (r - s)} cap columns and the inner square ±{s}"}
    return {"reads": 2 * (2 * r + 1), "form": f"{2 * r + 1} circle rows"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--radius", type=int, action="append", default=[])
    ap.add_argument("--output")
    args = ap.parse_args()
    rows = []
    for r in args.radius or [5, 50]:
        region = cells(r)
        c = corners(region)
        row = {"radius": r, "cells": len(region), "corners": c, "fewestReads": (c + 1) // 2,
               "hullVertices": hull_vertices(region), "ours": ours(r)}
        rows.append(row)
        print(f"radius {r}: {len(region)} cells, {c} corners, at least {row['fewestReads']} prefix reads per cell; "
              f"ours {row['ours']['reads']} ({row['ours']['form']}); convex hull {row['hullVertices']} vertices")
    if args.output:
        with open(args.output, "w") as f:
            json.dump(rows, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
