#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus: small, valid or nearly valid inputs that open the code paths
the fuzzers then mutate. Rerun with the Debian Python that has GDAL: /usr/bin/python3 make_seeds.py"""
import json
import os

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))


def raster(name, array, dtype, epsg=32633, nodata=None, metadata=None, unit=None, options=()):
    path = os.path.join(HERE, "raster", name)
    h, w = array.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, dtype)
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        mem.SetProjection(srs.ExportToWkt())
        mem.SetGeoTransform((450000, 30, 0, 5125000, 0, -30))
    band = mem.GetRasterBand(1)
    band.WriteArray(array)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    if unit:
        band.SetUnitType(unit)
    if metadata:
        mem.SetMetadata(metadata)
    gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=list(options))


def zones(name, features, crs=None):
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    with open(os.path.join(HERE, "zones", name), "w") as f:
        json.dump(doc, f)


def polygon(rings, fid="a"):
    return {"type": "Feature", "properties": {"id": fid, "name": fid.upper()}, "geometry": {"type": "Polygon", "coordinates": rings}}


os.makedirs(os.path.join(HERE, "raster"), exist_ok=True)
os.makedirs(os.path.join(HERE, "zones"), exist_ok=True)
y, x = np.mgrid[0:16, 0:16]
dn = (44000 + 40 * x + 25 * y).astype(np.uint16)
dn[0, 0] = 0
raster("landsat_st_b10.tif", dn, gdal.GDT_UInt16, nodata=0, options=["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"])
raster("modis_lst.tif", (14800 + x * 3 + y).astype(np.uint16), gdal.GDT_UInt16, nodata=0,
       metadata={"scale_factor": "0.02", "valid_range": "7500, 65535", "units": "K"})
celsius = (25 + 0.1 * x - 0.05 * y).astype(np.float32)
celsius[3, 4] = np.nan
celsius[5, 6] = np.inf
raster("celsius_deflate.tif", celsius, gdal.GDT_Float32, unit="Celsius", options=["COMPRESS=DEFLATE"])
raster("kelvin_no_crs.tif", (celsius + 273.15).astype(np.float32), gdal.GDT_Float32, epsg=None, unit="K")
raster("one_by_one.tif", np.array([[30.5]], dtype=np.float32), gdal.GDT_Float32, unit="degC")

ring = [[14.33, 46.23], [14.36, 46.23], [14.36, 46.25], [14.33, 46.25], [14.33, 46.23]]
hole = [[14.34, 46.235], [14.35, 46.235], [14.35, 46.245], [14.34, 46.245], [14.34, 46.235]]
zones("square.geojson", [polygon([ring])])
zones("hole_and_multi.geojson", [polygon([ring, hole], "h"), {"type": "Feature", "properties": {"id": "m"}, "geometry": {
    "type": "MultiPolygon", "coordinates": [[ring], [[[p[0] + 0.05, p[1]] for p in ring]]]}}])
zones("bowtie.geojson", [polygon([[[14.33, 46.23], [14.36, 46.25], [14.36, 46.23], [14.33, 46.25], [14.33, 46.23]]])])
zones("utm.geojson", [polygon([[[450100, 5124900], [450300, 5124900], [450300, 5124700], [450100, 5124900]]])], crs="urn:ogc:def:crs:EPSG::32633")
zones("mixed.geojson", [polygon([]), {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [14.3, 46.2]}}, polygon([ring], "ok")])
gdal.VectorTranslate(os.path.join(HERE, "zones", "square.gpkg"), os.path.join(HERE, "zones", "square.geojson"), format="GPKG")
