"""Independent reference figures for HeatIsland's UHI indicators on the Kranj fixture, written with NumPy
and GDAL's Python bindings (not from the Swift code): the mean land-surface temperature of the rural
reference cells of `analyze --reference` and the share of its polygons' area on the scene (OGR
intersection with the scene's extent), and of the default 2 km ring; the city's mean and spread;
and, with `--exactextract-python`, each district's hot-area shares and UTFVI from exactextract's
coverage fractions.

Temperatures: the Landsat fixture decoded as in lst_reference.py (float32 °C, QA and range masks).
Reference cells: cells of the scene grid whose centres lie in `rural_reference.geojson` (GDAL rasterize's
default rule), minus the cells whose centres lie in a district (`districts.gpkg`), among the valid ones;
optionally only those at or above a floor. City cells: valid cells whose centres lie in a district.
Means are float64 over the float32 values; σ is the population standard deviation.

Default ring: the districts are burnt (centre rule) into the scene's grid extended over the districts'
extent and 70 cells (2100 m) beyond it, GDAL's proximity tool gives each cell's distance to the nearest district cell (centre to centre,
in metres), and the ring is the cells at most 2000 m away that are not district cells: on the padded
grid for its whole size, on the scene's cells for what the scene holds.

Hot-area shares: the coverage-weighted share of a district's valid area hotter than city mean + 1 σ and
than 35 °C, from exactextract's cell values and coverage fractions; UTFVI = (mean − city mean) /
(mean + 273.15) with exactextract's district mean, and its six classes.

Run from anywhere (the venv needs exactextract 0.3.0 and numpy):
  /usr/bin/python3 Fixtures/reference/uhi_reference.py --exactextract-python .venv-peers/bin/python
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal, ogr, osr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lst_reference import ROOT, classify, landsat_calibration, read, to_celsius  # noqa: E402

gdal.UseExceptions()
KRANJ = os.path.join(ROOT, "Fixtures", "kranj")
PREFIX = os.path.join(KRANJ, "LC09_L2SP_190028_20240715_20240716_02_T1")
FLOOR_C = 25.0
RING_M = 2000.0
PAD = 70
HOT_SIGMA, HOT_C = 1.0, 35.0

HOT_SHARES = r"""
import json, sys
import numpy as np
from exactextract import exact_extract
thresholds = json.loads(sys.argv[3])
rows = exact_extract(sys.argv[1], sys.argv[2], ["values", "coverage", "mean"], include_cols=["name"], output="geojson")
out = []
for r in rows:
    p = r["properties"]
    v = np.array(p["values"], dtype=np.float64)
    w = np.array(p["coverage"], dtype=np.float64)
    ok = ~np.isnan(v)
    v, w = v[ok], w[ok]
    out.append({"name": p["name"], "mean": p["mean"], "hotShares": [float(w[v > t].sum() / w.sum()) if w.sum() > 0 else None for t in thresholds]})
print(json.dumps(out))
"""


def centre_mask(vector, like):
    """Cells of `like`'s grid whose centres lie in the polygons of `vector` (reprojected by GDAL)."""
    srs = osr.SpatialReference(wkt=like.GetProjection())
    reprojected = gdal.VectorTranslate("/vsimem/zones.gpkg", vector, dstSRS=srs, format="GPKG")
    reprojected = None
    target = gdal.GetDriverByName("MEM").Create("", like.RasterXSize, like.RasterYSize, 1, gdal.GDT_Byte)
    target.SetGeoTransform(like.GetGeoTransform())
    target.SetProjection(like.GetProjection())
    gdal.Rasterize(target, "/vsimem/zones.gpkg", burnValues=[1])
    gdal.Unlink("/vsimem/zones.gpkg")
    return target.ReadAsArray().astype(bool)


def area_share_on(vector, like):
    """The share of the area of the polygons' union (overlaps counted once, reprojected by GDAL) inside
    `like`'s extent."""
    srs = osr.SpatialReference(wkt=like.GetProjection())
    reprojected = gdal.VectorTranslate("/vsimem/share.gpkg", vector, dstSRS=srs, format="GPKG")
    gt = like.GetGeoTransform()
    x0, y1 = gt[0], gt[3]
    x1, y0 = x0 + gt[1] * like.RasterXSize, y1 + gt[5] * like.RasterYSize
    extent = ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")
    parts = ogr.Geometry(ogr.wkbMultiPolygon)
    for feature in reprojected.GetLayer(0):
        geometry = feature.GetGeometryRef()
        for polygon in ([geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
                        if geometry.GetGeometryType() == ogr.wkbMultiPolygon else [geometry]):
            parts.AddGeometry(polygon)
    union = parts.UnionCascaded()
    whole, inside = union.GetArea(), union.Intersection(extent).GetArea()
    reprojected = None
    gdal.Unlink("/vsimem/share.gpkg")
    return inside / whole


def ring(like):
    """The 2 km ring around the districts: (cells on the scene, cells of the whole ring)."""
    gt = like.GetGeoTransform()
    srs = osr.SpatialReference(wkt=like.GetProjection())
    districts = gdal.VectorTranslate("/vsimem/extent.gpkg", os.path.join(KRANJ, "districts.gpkg"), dstSRS=srs, format="GPKG")
    x0, x1, y0, y1 = districts.GetLayer(0).GetExtent()
    districts = None
    gdal.Unlink("/vsimem/extent.gpkg")
    # Cells to add on each side: the districts' extent beyond the scene, then PAD cells (> 2000 m).
    left = max(0, math.ceil((gt[0] - x0) / gt[1])) + PAD
    right = max(0, math.ceil((x1 - gt[0]) / gt[1]) - like.RasterXSize) + PAD
    top = max(0, math.ceil((y1 - gt[3]) / -gt[5])) + PAD
    bottom = max(0, math.ceil((gt[3] - y0) / -gt[5]) - like.RasterYSize) + PAD
    w, h = like.RasterXSize + left + right, like.RasterYSize + top + bottom
    padded = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    padded.SetGeoTransform((gt[0] - left * gt[1], gt[1], 0, gt[3] - top * gt[5], 0, gt[5]))
    padded.SetProjection(like.GetProjection())
    city = centre_mask(os.path.join(KRANJ, "districts.gpkg"), padded)
    padded.GetRasterBand(1).WriteArray(city.astype(np.uint8))
    distance = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Float64)
    distance.SetGeoTransform(padded.GetGeoTransform())
    distance.SetProjection(padded.GetProjection())
    gdal.ComputeProximity(padded.GetRasterBand(1), distance.GetRasterBand(1), ["VALUES=1", "DISTUNITS=GEO"])
    whole = (distance.ReadAsArray() <= RING_M) & ~city
    return whole[top:top + like.RasterYSize, left:left + like.RasterXSize], int(whole.sum())


def hot_shares(celsius, like, thresholds, python):
    """Per district: exactextract's mean and the coverage-weighted shares above each threshold."""
    with tempfile.TemporaryDirectory() as tmp:
        raster = os.path.join(tmp, "celsius.tif")
        out = gdal.GetDriverByName("GTiff").Create(raster, like.RasterXSize, like.RasterYSize, 1, gdal.GDT_Float32)
        out.SetGeoTransform(like.GetGeoTransform())
        out.SetProjection(like.GetProjection())
        out.GetRasterBand(1).SetNoDataValue(float("nan"))
        out.GetRasterBand(1).WriteArray(celsius)
        out = None
        zones = os.path.join(tmp, "districts.gpkg")
        gdal.VectorTranslate(zones, os.path.join(KRANJ, "districts.gpkg"), dstSRS=osr.SpatialReference(wkt=like.GetProjection()), format="GPKG")
        result = subprocess.run([python, "-c", HOT_SHARES, raster, zones, json.dumps(thresholds)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr)
    return json.loads(result.stdout)


def utfvi_class(u):
    bounds = [(0, "excellent"), (0.005, "good"), (0.010, "normal"), (0.015, "bad"), (0.020, "worse")]
    return next((name for bound, name in bounds if u < bound), "worst")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exactextract-python", required=True)
    args = parser.parse_args()
    scene = gdal.Open(PREFIX + "_ST_B10.TIF")
    dn, qa = read(PREFIX + "_ST_B10.TIF"), read(PREFIX + "_QA_PIXEL.TIF")
    cal = landsat_calibration(PREFIX + "_MTL.txt")
    celsius = to_celsius(dn, cal["scale"], cal["offset"])
    kelvin = dn.astype(np.float64) * cal["scale"] + cal["offset"]
    out_of_range = (dn != 0) & ((kelvin < cal["kelvinMin"]) | (kelvin > cal["kelvinMax"]))
    _, valid = classify(dn, qa, celsius, out_of_range)
    city = centre_mask(os.path.join(KRANJ, "districts.gpkg"), scene)
    rural = centre_mask(os.path.join(KRANJ, "rural_reference.geojson"), scene) & ~city & valid
    floored = rural & (celsius >= np.float32(FLOOR_C))
    mean = lambda mask: float(celsius[mask].astype(np.float64).mean())
    on_scene, whole = ring(scene)
    ring_valid = on_scene & valid
    city_values = celsius[city & valid].astype(np.float64)
    city_mean, city_sd = float(city_values.mean()), float(city_values.std())
    districts = hot_shares(np.where(valid, celsius, np.float32(np.nan)), scene, [city_mean + HOT_SIGMA * city_sd, HOT_C], args.exactextract_python)
    for d in districts:
        u = (d["mean"] - city_mean) / (d["mean"] + 273.15)
        d.update(utfvi=u, utfviClass=utfvi_class(u))
    versions = json.loads(subprocess.run([args.exactextract_python, "-c", "import exactextract, json; print(json.dumps(exactextract.__version__))"],
                                         capture_output=True, text=True, check=True).stdout)
    result = {
        "producedBy": "Fixtures/reference/uhi_reference.py",
        "command": "/usr/bin/python3 Fixtures/reference/uhi_reference.py --exactextract-python .venv-peers/bin/python",
        "gdal": gdal.__version__, "numpy": np.__version__, "exactextract": versions,
        "scene": os.path.relpath(PREFIX + "_ST_B10.TIF", ROOT),
        "reference": "Fixtures/kranj/rural_reference.geojson",
        "referenceCells": int(rural.sum()),
        "referenceMeanCelsius": mean(rural),
        "referenceAreaShareOnScene": area_share_on(os.path.join(KRANJ, "rural_reference.geojson"), scene),
        "floorCelsius": FLOOR_C,
        "flooredReferenceCells": int(floored.sum()),
        "flooredReferenceMeanCelsius": mean(floored),
        "cityCells": int((city & valid).sum()),
        "cityMeanCelsius": mean(city & valid),
        "cityStandardDeviation": city_sd,
        "ringMetres": RING_M,
        "ringCellsOnScene": int(on_scene.sum()),
        "ringCellsWhole": whole,
        "ringValidCells": int(ring_valid.sum()),
        "ringMeanCelsius": mean(ring_valid),
        "hotSigma": HOT_SIGMA,
        "hotCelsius": HOT_C,
        "districts": districts,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "uhi_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
