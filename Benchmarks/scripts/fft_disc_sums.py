#!/usr/bin/env python3
"""Times the circle sums that Gi* needs (valid values and valid cells in every cell's circle) done
by FFT convolution, whose cost does not depend on the radius, on the benchmark scene, against our
whole cell Gi* (`kranj-heat hotspots`, its compute stage: sums, z and classes) in the same run.

The two sums go through one complex transform (values + i · valid): the circle's kernel is real, so
the real and imaginary parts of the product's inverse are the two sums. SciPy's pocketfft, all
cores, sizes padded to fast lengths; the time includes the NaN mask and the padding, as ours does.

Usage (a Python with numpy, scipy and rasterio, e.g. .venv-peers after `make bench-compare`):
  .venv-peers/bin/python Benchmarks/scripts/fft_disc_sums.py --raster /tmp/heatisland-bench/celsius.tif \
      --binary <release kranj-heat> --radius 5 --radius 50 [--output Benchmarks/results/hotspots-fft.json]
"""
import argparse
import datetime
import json
import os
import sys
import tempfile
import time

import numpy as np
import rasterio
import scipy
import scipy.fft as sf

from child_process import fastest_stage


def circle_sums(a, r, workers):
    y, x = np.mgrid[-r:r + 1, -r:r + 1]
    kernel = (x * x + y * y <= r * r).astype(np.float64)
    valid = np.isfinite(a)
    height, width = a.shape
    shape = (sf.next_fast_len(height + 2 * r), sf.next_fast_len(width + 2 * r))
    signal = np.zeros(shape, complex)
    signal[:height, :width] = np.where(valid, a, 0) + 1j * valid
    padded = np.zeros(shape)
    padded[:2 * r + 1, :2 * r + 1] = kernel
    out = sf.ifft2(sf.fft2(signal, workers=workers) * sf.fft2(padded, workers=workers), workers=workers)
    return out[r:r + height, r:r + width]


def ours(binary, raster, r, repeat):
    """Fastest compute stage of `kranj-heat hotspots` (z and classes, raster already decoded)."""
    with tempfile.TemporaryDirectory() as work:
        summary = os.path.join(work, "run.json")
        return fastest_stage([binary, "hotspots", "--raster", raster, "--product", "celsius", "--radius", f"{r}px", "--shape", "circle",
                              "--output", os.path.join(work, "gi.tif"), "--summary", summary], summary, "compute", repeat)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raster", required=True)
    ap.add_argument("--binary", required=True, help="release kranj-heat")
    ap.add_argument("--radius", type=int, action="append", default=[])
    ap.add_argument("--repeat", type=int, default=2, help="runs per radius and side; the fastest counts")
    ap.add_argument("--output")
    args = ap.parse_args()
    with rasterio.open(args.raster) as ds:
        a = ds.read(1).astype(np.float32)
    workers = os.cpu_count()
    rows = []
    for r in args.radius or [5, 50]:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            sums = circle_sums(a, r, workers)
            times.append(time.perf_counter() - t)
        # A check that the transform gave circle sums: the count at the scene's centre, by hand.
        cy, cx = a.shape[0] // 2, a.shape[1] // 2
        window = np.isfinite(a[cy - r:cy + r + 1, cx - r:cx + r + 1])
        y, x = np.mgrid[-r:r + 1, -r:r + 1]
        expected = int((window & (x * x + y * y <= r * r)).sum())
        assert round(sums[cy, cx].imag) == expected, (sums[cy, cx], expected)
        del sums
        row = {"radius": r, "fft": min(times), "ours": ours(args.binary, args.raster, r, args.repeat)}
        rows.append(row)
        print(f"radius {r}: FFT circle sums {row['fft']:.2f} s, ours (sums, z and classes) {row['ours']:.3f} s "
              f"(fastest of {args.repeat}, {workers} threads, scipy {scipy.__version__})")
    if args.output:
        record = {"what": "Circle sums of values and valid cells by FFT (scipy.fft, one complex transform, all cores) "
                          "against kranj-heat hotspots' compute stage (sums, z and classes), same scene, same run",
                  "date": datetime.date.today().isoformat(), "cores": workers, "scipy": scipy.__version__,
                  "command": " ".join(["python3", os.path.relpath(__file__)] + sys.argv[1:]), "result": rows}
        with open(args.output, "w") as f:
            json.dump(record, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
