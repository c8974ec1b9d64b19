#!/usr/bin/env python3
"""Times HeatIsland's cell Gi* against xarray-spatial's `hotspots` (true Gi* from 0.10) on the same
7800 x 7900 Float32 °C grid in the same run, and checks that the confidence classes agree.

  * ours: `kranj-heat hotspots --raster celsius.tif --product celsius --radius Npx` (summary `compute`:
    Gi* z, p and classes over the grid, raster already decoded);
  * peer: xrspatial.focal.hotspots(DataArray, circle_kernel(1, 1, N)) on the same array already in memory
    (numba: a warm-up call on a small array first, so JIT compilation is not timed).

Usage (from the repository root, after `swift build -c release`; venv with Python >= 3.12):
  /tmp/venv-xs/bin/pip install "xarray-spatial>=0.10" numpy xarray
  /usr/bin/python3 Benchmarks/scripts/compare_hotspots.py --xrspatial-python /tmp/venv-xs/bin/python --radius 5 [--radius 50]
The scene comes from compare_zonal.py's work directory (celsius.tif) or is generated.
`--square-radius N` also times ours on the square neighbourhood (±N cells; running sums, so its time
should not depend on N); the peer is not run for squares.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
from osgeo import gdal

from child_process import fastest_stage

gdal.UseExceptions()
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

PEER = r"""
import sys, time, json
import numpy as np, xarray as xr
from xrspatial.focal import hotspots
from xrspatial.convolution import circle_kernel
a = np.load(sys.argv[1]); r = int(sys.argv[2])
k = circle_kernel(1, 1, r)
hotspots(xr.DataArray(a[:200, :200].copy(), dims=("y", "x")), k)      # numba warm-up
da = xr.DataArray(a, dims=("y", "x"))
t = time.perf_counter(); out = hotspots(da, k); out = np.asarray(out)
dt = time.perf_counter() - t
np.save(sys.argv[3], out.astype(np.int8))
print(json.dumps({"seconds": dt, "cells": int(k.sum())}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", default="/tmp/heatisland-bench")
    ap.add_argument("--xrspatial-python", default="/tmp/venv-xs/bin/python")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "kranj-heat"))
    ap.add_argument("--radius", type=int, action="append", default=[])
    ap.add_argument("--repeat", type=int, default=3, help="runs of ours; the fastest counts (the peer runs once)")
    ap.add_argument("--skip-peer-above", type=int, default=1000, help="do not run the peer for larger radii")
    ap.add_argument("--square-radius", type=int, action="append", default=[], help="also time ours on this square neighbourhood")
    args = ap.parse_args()
    radii = args.radius or [5]
    work = args.workdir
    celsius = os.path.join(work, "celsius.tif")
    if not os.path.exists(celsius):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "scripts", "compare_zonal.py"), "--workdir", work,
                        "--repeat", "1", "--skip-streaming"], check=True)
    array_path = os.path.join(work, "celsius.npy")
    if not os.path.exists(array_path):
        np.save(array_path, gdal.Open(celsius).ReadAsArray().astype(np.float32))
    def time_ours(r, shape):
        out = os.path.join(work, f"gi_{shape}_{r}.tif")
        summary = os.path.join(work, f"gi_{shape}_{r}.json")
        return out, fastest_stage([args.binary, "hotspots", "--raster", celsius, "--product", "celsius", "--radius", f"{r}px",
                                   "--shape", shape, "--output", out, "--summary", summary], summary, "compute", args.repeat)

    rows = []
    for r in radii:
        out, ours = time_ours(r, "circle")
        row = {"radius": r, "shape": "circle", "ours": ours}
        if r <= args.skip_peer_above:
            peer_out = os.path.join(work, f"xs_{r}.npy")
            res = subprocess.run([args.xrspatial_python, "-c", PEER, array_path, str(r), peer_out],
                                 check=True, capture_output=True, text=True)
            peer = json.loads(res.stdout.strip().splitlines()[-1])
            theirs = np.load(peer_out)
            ours_ds = gdal.Open(out)  # keep the dataset alive while its band is read
            classes = ours_ds.GetRasterBand(2).ReadAsArray()
            mapped = np.nan_to_num(classes).astype(np.int8)
            ours_classes = np.sign(mapped) * np.array([0, 90, 95, 99])[np.abs(mapped)]
            valid = ~np.isnan(classes)
            row.update({"xrspatial": peer["seconds"], "ratio": peer["seconds"] / ours,
                        "classAgreement": float((ours_classes[valid] == theirs[valid]).mean())})
        rows.append(row)
    for r in args.square_radius:
        rows.append({"radius": r, "shape": "square", "ours": time_ours(r, "square")[1]})
    for row in rows:
        label = f"radius {row['radius']:3d}, {row['shape']}"
        if "xrspatial" in row:
            print(f"{label}: ours {row['ours']:.3f} s, xarray-spatial {row['xrspatial']:.3f} s, "
                  f"ratio {row['ratio']:.1f}x, classes agree on {row['classAgreement'] * 100:.4f} % of cells")
        else:
            print(f"{label}: ours {row['ours']:.3f} s")
    json.dump(rows, open(os.path.join(work, "compare_hotspots.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
