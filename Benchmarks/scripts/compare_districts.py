#!/usr/bin/env python3
"""Times HeatIsland's district Gi* and Local Moran's I against PySAL esda on the same values in the
same run, and checks that the z-scores agree.

  * ours: `kranj-heat hotspots --zones districts --weights queen --moran --permutations 999` on the
    full-size scene (summary `compute`: zonal means, queen weights, Gi*, Moran's I and 999 conditional
    permutations of each);
  * peer: libpysal Queen.from_dataframe + esda.G_Local(star=True, transform="B") + esda.Moran_Local,
    999 permutations each, on our district means (numba warmed up first, so compilation is not timed).
  * a 100 x 100 lattice of 100 m squares (eight segments a side, as boundaries digitised from a map
    have; 10 000 districts) on a cloud-free part of the scene, Gi* alone under queen and under rook
    weights: ours (summary `compute`: zonal means, weights, Gi*) against libpysal
    Queen/Rook.from_dataframe + esda.G_Local, permutations 0, on our means.
Gi* z and Moran's I must agree within 1e-4 (esda gets our means as printed, rounded to 4 decimals, which moves z by up to about 1e-4); pseudo p-values
differ by design (different random draws) and are not compared.

Usage: /usr/bin/python3 Benchmarks/scripts/compare_districts.py --workdir DIR --esda-python .venv-peers/bin/python
(the scene and districts come from compare_zonal.py's work directory).
"""
import argparse
import csv
import io
import json
import os
import subprocess

from child_process import measure

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

PEER = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np, geopandas as gpd, libpysal, esda
df = gpd.read_file(sys.argv[1]); values = np.array(json.loads(sys.argv[2]))
esda.G_Local(values, libpysal.weights.Queen.from_dataframe(df, use_index=False), star=True, transform="B", permutations=9, seed=1)
t = time.perf_counter()
w = libpysal.weights.Queen.from_dataframe(df, use_index=False)
g = esda.G_Local(values, w, star=True, transform="B", permutations=999, seed=1)
m = esda.Moran_Local(values, libpysal.weights.Queen.from_dataframe(df, use_index=False), permutations=999, seed=1)
print(json.dumps({"seconds": time.perf_counter() - t, "z": list(map(float, g.Zs)), "moran": list(map(float, m.Is))}))
"""

LATTICE_PEER = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np, geopandas as gpd, libpysal, esda
df = gpd.read_file(sys.argv[1]); values = np.array(json.loads(sys.argv[2]))
kind = {"queen": libpysal.weights.Queen, "rook": libpysal.weights.Rook}[sys.argv[3]]
esda.G_Local(values[:100], kind.from_dataframe(df.iloc[:100], use_index=False), star=True, transform="B", permutations=0)
t = time.perf_counter()
w = kind.from_dataframe(df, use_index=False)
g = esda.G_Local(values, w, star=True, transform="B", permutations=0)
print(json.dumps({"seconds": time.perf_counter() - t, "z": list(map(float, g.Zs)), "links": int(w.s0)}))
"""


def lattice(path, celsius, count=100, side=100.0, pieces=8):
    """count² squares of `side` metres, each side cut into `pieces` segments, on the first part of
    the scene without a missing cell (so that every square has a mean for esda)."""
    ds = gdal.Open(celsius)
    gt, wkt = ds.GetGeoTransform(), ds.GetProjection()
    cells = int(np.ceil(count * side / gt[1])) + 2
    band = ds.GetRasterBand(1)
    origin = None
    for row in range(0, ds.RasterYSize - cells, cells):
        for column in range(0, ds.RasterXSize - cells, cells):
            if not np.isnan(band.ReadAsArray(column, row, cells, cells)).any():
                origin = (gt[0] + (column + 1) * gt[1], gt[3] + (row + 1) * gt[5])
                break
        if origin:
            break
    if origin is None:
        raise SystemExit(f"{celsius}: no {cells} x {cells} window without a missing cell for the lattice")
    if os.path.exists(path):
        os.remove(path)
    out = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = out.CreateLayer("lattice", osr.SpatialReference(wkt=wkt), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    layer.StartTransaction()
    for index in range(count * count):
        x0, y0 = origin[0] + (index % count) * side, origin[1] - (index // count + 1) * side
        corners = [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side)]
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for k in range(4):
            (ax, ay), (bx, by) = corners[k], corners[(k + 1) % 4]
            for p in range(pieces):
                ring.AddPoint_2D(ax + (bx - ax) * p / pieces, ay + (by - ay) * p / pieces)
        ring.CloseRings()
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(ring)
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("id", index)
        feature.SetGeometry(polygon)
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def compare_lattice(args, celsius):
    """Gi* on the 10 000-square lattice under queen and rook weights, ours against libpysal + esda."""
    zones = os.path.join(args.workdir, "lattice_10000.gpkg")
    if not os.path.exists(zones):
        lattice(zones, celsius)
    summary = os.path.join(args.workdir, "lattice_summary.json")
    results = []
    for weights in ("queen", "rook"):
        times = []
        for _ in range(args.repeat):
            _, _, out = measure([args.binary, "hotspots", "--raster", celsius, "--product", "celsius", "--zones", zones,
                                 "--weights", weights, "--summary", summary])
            times.append(json.load(open(summary))["timings"]["compute"])
        rows = list(csv.DictReader(io.StringIO(out)))
        values = [float(r["value"]) for r in rows]
        res = subprocess.run([args.esda_python, "-c", LATTICE_PEER, zones, json.dumps(values), weights],
                             check=True, capture_output=True, text=True)
        peer = json.loads(res.stdout.strip().splitlines()[-1])
        dz = max(abs(float(r["gi_z"]) - z) for r, z in zip(rows, peer["z"]))
        if dz > 1e-4:
            raise SystemExit(f"lattice Gi* ({weights}) disagrees with esda: max |z difference| {dz}")
        results.append({"weights": weights, "zones": len(rows), "links": peer["links"], "ours": min(times),
                        "esda": peer["seconds"], "ratio": peer["seconds"] / min(times), "maxZDifference": dz})
        print(f"lattice Gi*, {weights} weights, {len(rows)} squares ({peer['links']} links): ours {min(times):.3f} s "
              f"(zonal means included), libpysal + esda {peer['seconds']:.3f} s, ratio {peer['seconds'] / min(times):.1f}x; "
              f"max |z diff| {dz:.1e}")
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", default="/tmp/heatisland-bench")
    ap.add_argument("--esda-python", default=os.path.join(ROOT, ".venv-peers", "bin", "python"))
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "kranj-heat"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = args.workdir
    celsius, districts = os.path.join(work, "celsius.tif"), os.path.join(work, "districts_32633.gpkg")
    summary = os.path.join(work, "districts_summary.json")
    times = []
    for _ in range(args.repeat):
        _, _, out = measure([args.binary, "hotspots", "--raster", celsius, "--product", "celsius", "--zones", districts,
                             "--weights", "queen", "--moran", "--permutations", "999", "--summary", summary])
        times.append(json.load(open(summary))["timings"]["compute"])
    rows = list(csv.DictReader(io.StringIO(out)))
    values = [float(r["value"]) for r in rows]
    res = subprocess.run([args.esda_python, "-c", PEER, districts, json.dumps(values)], check=True, capture_output=True, text=True)
    peer = json.loads(res.stdout.strip().splitlines()[-1])
    dz = max(abs(float(r["gi_z"]) - z) for r, z in zip(rows, peer["z"]))
    di = max(abs(float(r["moran_i"]) - i) for r, i in zip(rows, peer["moran"]))
    if dz > 1e-4 or di > 1e-4:
        raise SystemExit(f"district Gi*/Moran disagree with esda: max |z difference| {dz}, max |I difference| {di}")
    result = {"districts": len(rows), "ours": min(times), "esda": peer["seconds"], "ratio": peer["seconds"] / min(times),
              "maxZDifference": dz, "maxMoranDifference": di, "lattice": compare_lattice(args, celsius)}
    print(f"district Gi* + Local Moran, 999 permutations, {len(rows)} districts: ours {result['ours']:.3f} s "
          f"(zonal means included), esda {result['esda']:.3f} s, ratio {result['ratio']:.1f}x; "
          f"max |z diff| {dz:.1e}, max |I diff| {di:.1e}")
    json.dump(result, open(os.path.join(work, "compare_districts.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
