#!/usr/bin/env python3
"""Times HeatIsland's load+decode and reprojection against GDAL peers on a full-size scene.

Generates a 7800 x 7900 Landsat-style scene (Fixtures/generate.py --full-size, not committed), then
runs, in the same session and on the same files:
  * load+decode: `kranj-heat info` vs a NumPy/GDAL decode of ST_B10 + QA_PIXEL (same masking rules);
  * reprojection: `kranj-heat reproject` (decode + warp + write) vs `gdalwarp` with the same options
    on the raw band (warp + write only, so gdalwarp does strictly less work).
Each command runs in its own child process; wall time and peak RSS come from that child alone.
Run from the repository root:  /usr/bin/python3 Benchmarks/scripts/compare_spine.py [--workdir DIR] [--repeat N]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

from child_process import measure
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NAME = "LC09_L2SP_190028_20240715_20240716_02_T1"

NUMPY_DECODE = r"""
import sys, numpy as np
from osgeo import gdal
st = gdal.Open(sys.argv[1]).ReadAsArray()
qa = gdal.Open(sys.argv[2]).ReadAsArray()
c = st.astype(np.float32) * np.float32(0.00341802) + np.float32(149.0 - 273.15)
bad = (st == 0) | ((qa & 0b11111) != 0) | (c < -40) | (c > 80)
c[bad] = np.nan
print(int((~bad).sum()), float(np.nanmin(c)), float(np.nanmean(c)), float(np.nanmax(c)))
"""


def best(cmd, repeat):
    runs = [measure(cmd)[:2] for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", default=None, help="where to generate the scene (default: a temp dir)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per command; the fastest counts")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "kranj-heat"))
    args = ap.parse_args()

    work = args.workdir or tempfile.mkdtemp(prefix="heatisland-bench-")
    st = os.path.join(work, NAME + "_ST_B10.TIF")
    qa = os.path.join(work, NAME + "_QA_PIXEL.TIF")
    if not os.path.exists(st):
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "Fixtures", "generate.py"), "--full-size", work], check=True)
    warp = ["-t_srs", "EPSG:3794", "-r", "bilinear", "-tr", "30", "30", "-tap"]
    rows = []

    ours_load = best([args.binary, "info", "--raster", st], args.repeat)
    peer_load = best(["/usr/bin/python3", "-c", NUMPY_DECODE, st, qa], args.repeat)
    rows.append(("load+decode ST_B10+QA_PIXEL", "kranj-heat info", ours_load, "numpy+GDAL decode", peer_load))

    out_ours = os.path.join(work, "ours.tif")
    out_peer = os.path.join(work, "gdalwarp.tif")
    ours_warp = best([args.binary, "reproject", "--raster", st, "--to", "EPSG:3794", "--resampling", "bilinear",
                      "--resolution", "30", "--tap", "--output", out_ours], args.repeat)
    peer_warp = best(["gdalwarp", "-q", "-overwrite", "-ot", "Float32", "-dstnodata", "nan", "-multi",
                      "-wo", "NUM_THREADS=ALL_CPUS", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE"] + warp + [st, out_peer],
                     args.repeat)
    rows.append(("reproject to EPSG:3794 30 m bilinear -tap", "kranj-heat reproject (decode+warp+write)", ours_warp,
                 "gdalwarp (warp+write)", peer_warp))

    print(f"scene: {st} (7800 x 7900), fastest of {args.repeat} runs, peak RSS of each process")
    for task, ours_name, ours, peer_name, peer in rows:
        print(f"{task}:\n  {ours_name:45s} {ours[0]:7.2f} s  {ours[1] / 2**20:7.0f} MiB"
              f"\n  {peer_name:45s} {peer[0]:7.2f} s  {peer[1] / 2**20:7.0f} MiB"
              f"\n  time ratio peer/ours = {peer[0] / ours[0]:.2f}, RSS ratio ours/peer = {ours[1] / peer[1]:.2f}")
    json.dump([{"task": r[0], "ours": {"seconds": r[2][0], "peakRSSBytes": r[2][1]},
                "peer": {"name": r[3], "seconds": r[4][0], "peakRSSBytes": r[4][1]}} for r in rows],
              open(os.path.join(work, "compare_spine.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
