#!/usr/bin/env python3
"""Reference zonal statistics for HeatIsland's tests, from exactextract (exact coverage rule) and
GDAL's rasterizer with NumPy (cell-centre rule: counts and statistics), on the Kranj fixture.

The °C raster is decoded with NumPy from the synthetic Landsat ST_B10 + QA_PIXEL exactly as in
lst_reference.py; the districts are reprojected to the raster's CRS (EPSG:32633) with OGR.

Needs a venv with exactextract (the pinned peers of the benchmarks) plus Debian's python3-gdal for
the decoding step:
  python3 -m venv .venv-peers && .venv-peers/bin/pip install -r Benchmarks/requirements-peers.txt
  /usr/bin/python3 Fixtures/reference/zonal_reference.py --exactextract-python .venv-peers/bin/python
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCENE = os.path.join(ROOT, "Fixtures", "kranj", "LC09_L2SP_190028_20240715_20240716_02_T1")
DISTRICTS = os.path.join(ROOT, "Fixtures", "kranj", "districts.gpkg")
OPS = ["count", "sum", "mean", "min", "max", "variance", "stdev", "median", "quantile(q=0.9)", "quantile(q=0.95)"]

# exactextract's own quantiles merge equal values into one element with their summed weight. The
# scene's temperatures come from integer DNs, so they repeat (Trstenik: 1 901 distinct values in
# 11 486 cells), and its medians lie up to 5e-3 °C from the definition HeatIsland documents, which
# keeps every cell (evaluated with ties merged, they agree to 2e-6). So that definition is evaluated
# here in float64 on exactextract's own cell values and coverage fractions ("quantile64_*"): that is
# the figure our Double code must match.
EXACTEXTRACT = r"""
import json, sys
import numpy as np
import exactextract
from exactextract import exact_extract

def weighted_quantile(v, w, q):
    ok = ~np.isnan(v)
    v, w = v[ok], w[ok]
    # Equal values by coverage, lightest first: the order within a tie of cells of different coverage
    # moves the answer, and HeatIsland orders ties by weight so that reading order does not matter.
    order = np.lexsort((w, v))
    v, w = v[order], w[order]
    n = len(v)
    if n == 0:
        return None
    if n == 1:
        return float(v[0])
    s = np.arange(n) * w + (n - 1) * np.concatenate([[0.0], np.cumsum(w)[:-1]])
    h = q * (n - 1) * w.sum()
    k = min(int(np.searchsorted(s, h, side="right")) - 1, n - 2)
    return float(v[k] + (h - s[k]) / (s[k + 1] - s[k]) * (v[k + 1] - v[k]))

rows = exact_extract(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]) + ["values", "coverage"],
                     include_cols=["name"], output="geojson")
zones = []
for r in rows:
    p = r["properties"]
    v = np.array(p.pop("values"), dtype=np.float64)
    w = np.array(p.pop("coverage"), dtype=np.float64)
    for q in (0.5, 0.9, 0.95):
        p["quantile64_%g" % (q * 100)] = weighted_quantile(v, w, q)
    # Cells with any part of their area in the zone, with a value: the all-touched rule's cells
    # (it adds only cells the boundary touches without covering any area, which arbitrary
    # reprojected coordinates do not produce).
    touched = v[(w > 0) & ~np.isnan(v)]
    p["touchedValid"] = int(touched.size)
    # Their statistics, every cell weighing 1: mean, population σ, and the median by
    # np.percentile's default (linear, Hyndman & Fan type 7).
    if touched.size:
        p["touchedMean"], p["touchedStdev"] = float(touched.mean()), float(touched.std())
        p["touchedMedian"] = float(np.percentile(touched, 50))
    zones.append(p)
print(json.dumps({"exactextract": exactextract.__version__, "zones": zones}))
"""


def decode_to_celsius(path):
    import numpy as np
    from osgeo import gdal
    gdal.UseExceptions()
    st_ds = gdal.Open(SCENE + "_ST_B10.TIF")
    st, qa = st_ds.ReadAsArray(), gdal.Open(SCENE + "_QA_PIXEL.TIF").ReadAsArray()
    c = st.astype(np.float32) * np.float32(0.00341802) + np.float32(149.0 - 273.15)
    bad = (st == 0) | ((qa & 0b11111) != 0) | (c < -40) | (c > 80)
    c[bad] = np.nan
    out = gdal.GetDriverByName("GTiff").Create(path, st.shape[1], st.shape[0], 1, gdal.GDT_Float32)
    out.SetGeoTransform(st_ds.GetGeoTransform())
    out.SetProjection(st_ds.GetProjection())
    out.GetRasterBand(1).SetNoDataValue(float("nan"))
    out.GetRasterBand(1).WriteArray(c)
    out = None
    return st_ds.GetProjection()


def centre_rule_cells(raster, zones_path):
    """Valid cells whose centre GDAL's rasterizer puts inside each zone (ALL_TOUCHED off): their
    counts, and NumPy's statistics of their values in float64 (population σ; median and p90 by
    np.percentile's default linear interpolation, Hyndman & Fan type 7)."""
    import numpy as np
    from osgeo import gdal, ogr
    ds = gdal.Open(raster)
    values = ds.ReadAsArray()
    layer_ds = ogr.Open(zones_path)
    layer = layer_ds.GetLayer(0)
    counts, statistics = {}, {}
    for feature in layer:
        mem = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
        mem.SetGeoTransform(ds.GetGeoTransform())
        mem.SetProjection(ds.GetProjection())
        single = ogr.GetDriverByName("Memory").CreateDataSource("")
        one = single.CreateLayer("z", layer.GetSpatialRef(), ogr.wkbMultiPolygon)
        f = ogr.Feature(one.GetLayerDefn())
        f.SetGeometry(feature.GetGeometryRef().Clone())
        one.CreateFeature(f)
        gdal.RasterizeLayer(mem, [1], one, burn_values=[1])
        inside = mem.ReadAsArray() == 1
        counts[str(feature.GetField("id"))] = {"cells": int(inside.sum()), "valid": int((inside & ~np.isnan(values)).sum())}
        v = values[inside & ~np.isnan(values)].astype(np.float64)
        if v.size:
            statistics[str(feature.GetField("id"))] = {
                "mean": float(v.mean()), "min": float(v.min()), "max": float(v.max()), "stdev": float(v.std()),
                "median": float(np.percentile(v, 50)), "p90": float(np.percentile(v, 90))}
    return counts, statistics


def zone_areas(zones_path):
    """Each zone's planar area in m² in the raster's CRS (OGR's shoelace on the reprojected rings):
    the denominator of the share of a zone with data."""
    from osgeo import ogr
    layer_ds = ogr.Open(zones_path)
    return {str(f.GetField("id")): f.GetGeometryRef().GetArea() for f in layer_ds.GetLayer(0)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--exactextract-python", default=".venv-peers/bin/python")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raster = os.path.join(tmp, "celsius.tif")
        decode_to_celsius(raster)
        zones = os.path.join(tmp, "districts_32633.gpkg")
        subprocess.run(["ogr2ogr", "-t_srs", "EPSG:32633", zones, DISTRICTS], check=True)
        out = subprocess.run([args.exactextract_python, "-c", EXACTEXTRACT, raster, zones, json.dumps(OPS)],
                             check=True, capture_output=True, text=True).stdout
        exact = json.loads(out)
        centre_counts, centre_statistics = centre_rule_cells(raster, zones)
        areas = zone_areas(zones)
        reference = {
            "producedBy": "Fixtures/reference/zonal_reference.py",
            "command": "/usr/bin/python3 Fixtures/reference/zonal_reference.py --exactextract-python .venv-peers/bin/python",
            "exactextract": exact["exactextract"],
            "raster": "Kranj Landsat fixture decoded to °C (QA bits 0-4 masked, -40..80 °C), EPSG:32633",
            "zones": "Fixtures/kranj/districts.gpkg reprojected to EPSG:32633 with ogr2ogr",
            "exact": exact["zones"],
            "center": centre_counts,
            "centerStatistics": centre_statistics,
            "areas": areas,
        }
    path = os.path.join(os.path.dirname(__file__), "zonal_reference.json")
    with open(path, "w") as f:
        json.dump(reference, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
