"""Independent reference figures for the surface UHI reference of HeatIsland's `analyze --reference`:
the mean land-surface temperature of the rural reference cells of the Kranj fixture, written with NumPy
and GDAL's Python bindings (not from the Swift code).

Temperatures: the Landsat fixture decoded as in lst_reference.py (float32 °C, QA and range masks).
Reference cells: cells of the scene grid whose centres lie in `rural_reference.geojson` (GDAL rasterize's
default rule), minus the cells whose centres lie in a district (`districts.gpkg`), among the valid ones;
optionally only those at or above a floor. City cells: valid cells whose centres lie in a district.
Means are float64 over the float32 values.

Run from anywhere:  /usr/bin/python3 Fixtures/reference/uhi_reference.py
"""
import json
import os
import sys

import numpy as np
from osgeo import gdal, osr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lst_reference import ROOT, classify, landsat_calibration, read, to_celsius  # noqa: E402

gdal.UseExceptions()
KRANJ = os.path.join(ROOT, "Fixtures", "kranj")
PREFIX = os.path.join(KRANJ, "LC09_L2SP_190028_20240715_20240716_02_T1")
FLOOR_C = 25.0


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


def main():
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
    result = {
        "command": "/usr/bin/python3 Fixtures/reference/uhi_reference.py",
        "scene": os.path.relpath(PREFIX + "_ST_B10.TIF", ROOT),
        "reference": "Fixtures/kranj/rural_reference.geojson",
        "referenceCells": int(rural.sum()),
        "referenceMeanCelsius": mean(rural),
        "floorCelsius": FLOOR_C,
        "flooredReferenceCells": int(floored.sum()),
        "flooredReferenceMeanCelsius": mean(floored),
        "cityCells": int((city & valid).sum()),
        "cityMeanCelsius": mean(city & valid),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "uhi_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
