#!/usr/bin/env python3
"""The exact area of the sliver in Tests/HeatIslandKernelsTests/PolygonAreaTests.swift: the shoelace
formula evaluated in rational arithmetic (fractions.Fraction) on the ring's Double coordinates, so
that no rounding enters. Standard library only.

Usage: python3 Fixtures/reference/exact_area_reference.py   (prints 0.12071733231240689)
"""
from fractions import Fraction

RING = [
    (450105.009831827, 100070.02738784335),
    (450013.2773553775, 100029.26535055347),
    (450013.27791899635, 100029.2629690587),
]


def shoelace(points):
    exact = [(Fraction(x), Fraction(y)) for x, y in points]
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(exact, exact[1:] + exact[:1]))
    return twice / 2


if __name__ == "__main__":
    print(repr(float(shoelace(RING))))
