#!/usr/bin/env python3
"""Regenerates HeatIsland's Kranj fixtures, deterministically.

Synthetic: a Landsat 9 C2 L2-style ST_B10 + QA_PIXEL + MTL scene over Kranj (EPSG:32633, 30 m) and
a MODIS-style LST clip (sinusoidal, 926.6 m). Approximate: the 26 local-community polygons, a power
(weighted) Voronoi partition of the real municipality outline seeded at the official GURS label points
and fitted to the official areas. Real: the outline, ids, names and areas, and the ten neighbouring
municipalities as a rural reference (GURS RPE, CC BY 4.0).

Usage (needs GDAL's Python bindings and NumPy, e.g. Debian's /usr/bin/python3):
  /usr/bin/python3 Fixtures/generate.py                    # rewrite everything committed
  /usr/bin/python3 Fixtures/generate.py --full-size DIR    # a 7800 x 7900 scene for benchmarks
"""
import argparse
import csv
import json
import math
import os
import shutil

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
# Fixed timestamps so GeoPackages are byte-identical from run to run.
gdal.SetConfigOption("OGR_CURRENT_DATE", "2024-07-16T00:00:00Z")

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCT_ID = "LC09_L2SP_190028_20240715_20240716_02_T1"
MODIS_NAME = "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"
CENTRE_LONLAT = (14.3556, 46.2389)  # Kranj old town
SCALE, OFFSET = 0.00341802, 149.0   # USGS C2 L2 surface temperature
# QA_PIXEL words (bit 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 shadow, 6 clear, 7 water;
# bits 8-15 confidence pairs, "low" = 01 unless stated).
QA_CLEAR = 0b0101_0101_0100_0000          # 21824: clear, all confidences low
QA_WATER = QA_CLEAR | 1 << 7              # 21952
QA_CLOUD = (QA_CLEAR & ~(1 << 6)) | 1 << 3 | 0b11 << 8         # 22280: cloud, high confidence
QA_DILATED = (QA_CLEAR & ~(1 << 6)) | 1 << 1                   # 21762
QA_SHADOW = QA_CLEAR | 1 << 4 | 0b11 << 10                      # 23888
QA_CIRRUS = QA_CLEAR | 1 << 2 | 0b11 << 14                      # 54596
QA_FILL = 1


def srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


MODIS_SINUSOIDAL = "+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs"


def to_crs(points_lonlat, target):
    ct = osr.CoordinateTransformation(srs(4326), target)
    return np.array([ct.TransformPoint(lon, lat)[:2] for lon, lat in points_lonlat])


# --- the synthetic summer-afternoon temperature field (°C), defined in UTM 33N metres -------------

# Approximate courses (lon, lat) of the rivers and places that shape Kranj's surface temperature.
SAVA = [(14.262, 46.305), (14.300, 46.280), (14.330, 46.262), (14.347, 46.247), (14.352, 46.236),
        (14.366, 46.221), (14.398, 46.192), (14.440, 46.160)]
KOKRA = [(14.420, 46.320), (14.400, 46.290), (14.376, 46.266), (14.362, 46.249), (14.354, 46.2385)]
INDUSTRY = [(14.3385, 46.2505, 650), (14.3640, 46.2310, 550), (14.3780, 46.2450, 500),
            (14.4560, 46.2240, 900)]  # Labore, Savska loka, Primskovo/Hrastje, Brnik airport
FORESTS = [(14.287, 46.266, 2200), (14.318, 46.254, 900), (14.352, 46.282, 1600), (14.245, 46.230, 2500)]


def smooth_noise(rng, shape, passes, radius):
    """Random field blurred by repeated box filters (a cheap Gaussian), scaled to unit std."""
    f = rng.standard_normal(shape)
    for _ in range(passes):
        for axis in (0, 1):
            c = np.cumsum(np.pad(f, [(radius + 1, radius) if a == axis else (0, 0) for a in (0, 1)], mode="edge"), axis=axis)
            hi = np.take(c, np.arange(2 * radius + 1, c.shape[axis]), axis=axis)
            lo = np.take(c, np.arange(0, c.shape[axis] - 2 * radius - 1), axis=axis)
            f = (hi - lo) / (2 * radius + 1)
    return (f - f.mean()) / f.std()


def distance_to_polyline(x, y, line):
    d = np.full(x.shape, np.inf)
    for (x0, y0), (x1, y1) in zip(line[:-1], line[1:]):
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0, 1)
        d = np.minimum(d, np.hypot(x - (x0 + t * dx), y - (y0 + t * dy)))
    return d


def temperature_field(x, y, noise):
    """°C at UTM points x, y (arrays); noise is a unit-std field of the same shape."""
    utm = srs(32633)
    cx, cy = to_crs([CENTRE_LONLAT], utm)[0]
    r = np.hypot(x - cx, y - cy)
    t = 29.5 + 1.2 * noise                                   # fields and meadows
    t += 7.0 * np.exp(-(r / 1800.0) ** 2) + 3.0 * np.exp(-(r / 4000.0) ** 2)  # town and suburbs
    for lon, lat, size in INDUSTRY:
        ix, iy = to_crs([(lon, lat)], utm)[0]
        t += 9.0 * np.exp(-(np.hypot(x - ix, y - iy) / size) ** 2)
    for lon, lat, size in FORESTS:
        fx, fy = to_crs([(lon, lat)], utm)[0]
        w = np.exp(-(np.hypot(x - fx, y - fy) / size) ** 4)
        t = t * (1 - w) + (24.5 + 0.8 * noise) * w
    water = np.zeros(x.shape, dtype=bool)
    for line, width in ((SAVA, 45.0), (KOKRA, 20.0)):
        d = distance_to_polyline(x, y, to_crs(line, utm))
        t -= 4.0 * np.exp(-(d / 150.0) ** 2)                  # cool air and gravel banks
        water |= d <= width
    t = np.where(water, 21.5 + 0.4 * noise, t)
    return t, water


# --- Landsat --------------------------------------------------------------------------------------

def landsat_grid(width, height):
    cx, cy = to_crs([CENTRE_LONLAT], srs(32633))[0]
    x0 = math.floor((cx - width * 15) / 30) * 30
    y0 = math.ceil((cy + height * 15) / 30) * 30
    return (x0, 30.0, 0.0, y0, 0.0, -30.0)


def blobs(rng, shape, count, min_r, max_r, margin):
    """Irregular round patches (clouds), as a boolean mask."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros(shape, dtype=bool)
    for _ in range(count):
        cy, cx = rng.uniform(margin, h - margin), rng.uniform(margin, w - margin)
        r = rng.uniform(min_r, max_r)
        angle = np.arctan2(yy - cy, xx - cx)
        wobble = 1 + 0.25 * np.sin(3 * angle + rng.uniform(0, 6)) + 0.15 * np.sin(5 * angle + rng.uniform(0, 6))
        mask |= np.hypot(yy - cy, xx - cx) < r * wobble
    return mask


def dilate(mask, steps):
    m = mask.copy()
    for _ in range(steps):
        grown = m.copy()
        grown[1:] |= m[:-1]; grown[:-1] |= m[1:]; grown[:, 1:] |= m[:, :-1]; grown[:, :-1] |= m[:, 1:]
        m = grown
    return m


def make_landsat(width, height, seed):
    rng = np.random.default_rng(seed)
    gt = landsat_grid(width, height)
    cols = gt[0] + (np.arange(width) + 0.5) * gt[1]
    rows = gt[3] + (np.arange(height) + 0.5) * gt[5]
    x, y = np.meshgrid(cols, rows)
    scale = max(1, width // 667)
    noise = smooth_noise(rng, (height, width), 3, 4 * scale)
    celsius, water = temperature_field(x, y, noise)

    qa = np.where(water, QA_WATER, QA_CLEAR).astype(np.uint16)
    cloud = blobs(rng, (height, width), 3, 18 * scale, 30 * scale, 60 * scale)
    dilated = dilate(cloud, 3) & ~cloud
    # Summer late-morning sun from the south-east casts shadows to the north-west.
    shadow = np.roll(np.roll(cloud, -22 * scale, axis=0), -30 * scale, axis=1) & ~cloud & ~dilated
    cirrus = blobs(rng, (height, width), 1, 25 * scale, 30 * scale, 80 * scale) & ~cloud & ~dilated & ~shadow
    qa[shadow] = QA_SHADOW
    qa[cirrus] = QA_CIRRUS
    qa[dilated] = QA_DILATED
    qa[cloud] = QA_CLOUD
    celsius = np.where(cloud, 8.0 + 3.0 * noise, celsius)
    celsius = np.where(shadow, celsius - 3.0, celsius)
    celsius = np.where(cirrus, celsius - 1.5, celsius)

    dn = np.round((celsius + 273.15 - OFFSET) / SCALE).astype(np.uint16)
    # The scene edge: a thin wedge of fill along the east side, as at the edge of a WRS-2 frame.
    rr, cc = np.mgrid[0:height, 0:width]
    edge = cc >= width - 1 - (8 * scale + rr * 0.01)
    dn[edge] = 0
    qa[edge] = QA_FILL
    # Real files disagree about fill: some ST = 0 under non-fill QA, some QA fill over ST > 0.
    n = 12 * scale
    inner = lambda k: (rng.integers(10, height - 10, k), rng.integers(10, width - 60, k))
    r1, c1 = inner(n); dn[r1, c1] = 0
    r2, c2 = inner(n); qa[r2, c2] = QA_FILL
    # A few clear pixels far too cold to be land (−60 °C): the plausibility filter must drop them.
    r3, c3 = inner(8)
    dn[r3, c3] = np.uint16(round((213.15 - OFFSET) / SCALE))
    qa[r3, c3] = QA_CLEAR
    return gt, dn, qa


def write_tif(path, array, gt, crs_wkt, nodata=None, options=("TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2")):
    dtype = {np.dtype(np.uint16): gdal.GDT_UInt16, np.dtype(np.float32): gdal.GDT_Float32}[array.dtype]
    tmp = path + ".partial"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, array.shape[1], array.shape[0], 1, dtype, list(options))
    ds.SetGeoTransform(gt)
    ds.SetProjection(crs_wkt)
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(array)
    return ds, band, tmp


def finish(ds, tmp, path):
    ds.FlushCache()
    ds = None
    os.replace(tmp, path)


def write_landsat(directory, width, height, seed):
    gt, dn, qa = make_landsat(width, height, seed)
    wkt = srs(32633).ExportToWkt()
    base = os.path.join(directory, PRODUCT_ID)
    ds, _, tmp = write_tif(base + "_ST_B10.TIF", dn, gt, wkt, nodata=0)
    finish(ds, tmp, base + "_ST_B10.TIF")
    ds, _, tmp = write_tif(base + "_QA_PIXEL.TIF", qa, gt, wkt)
    finish(ds, tmp, base + "_QA_PIXEL.TIF")
    with open(base + "_MTL.txt", "w") as f:
        f.write(MTL_TEMPLATE.format(id=PRODUCT_ID, width=width, height=height,
                                    ulx=gt[0], uly=gt[3], lrx=gt[0] + width * 30, lry=gt[3] - height * 30))


MTL_TEMPLATE = """GROUP = LANDSAT_METADATA_FILE
  GROUP = PRODUCT_CONTENTS
    ORIGIN = "Synthetic test scene for HeatIsland (not a USGS product)"
    LANDSAT_PRODUCT_ID = "{id}"
    PROCESSING_LEVEL = "L2SP"
    COLLECTION_NUMBER = "02"
    COLLECTION_CATEGORY = "T1"
    OUTPUT_FORMAT = "GEOTIFF"
    FILE_NAME_BAND_ST_B10 = "{id}_ST_B10.TIF"
    FILE_NAME_QUALITY_L1_PIXEL = "{id}_QA_PIXEL.TIF"
    FILE_NAME_METADATA_ODL = "{id}_MTL.txt"
  END_GROUP = PRODUCT_CONTENTS
  GROUP = IMAGE_ATTRIBUTES
    SPACECRAFT_ID = "LANDSAT_9"
    SENSOR_ID = "OLI_TIRS"
    WRS_PATH = 190
    WRS_ROW = 28
    DATE_ACQUIRED = 2024-07-15
    SCENE_CENTER_TIME = "09:48:21.5000000Z"
    CLOUD_COVER = 2.00
  END_GROUP = IMAGE_ATTRIBUTES
  GROUP = PROJECTION_ATTRIBUTES
    MAP_PROJECTION = "UTM"
    DATUM = "WGS84"
    UTM_ZONE = 33
    GRID_CELL_SIZE_THERMAL = 30.00
    THERMAL_LINES = {height}
    THERMAL_SAMPLES = {width}
    CORNER_UL_PROJECTION_X_PRODUCT = {ulx:.3f}
    CORNER_UL_PROJECTION_Y_PRODUCT = {uly:.3f}
    CORNER_LR_PROJECTION_X_PRODUCT = {lrx:.3f}
    CORNER_LR_PROJECTION_Y_PRODUCT = {lry:.3f}
  END_GROUP = PROJECTION_ATTRIBUTES
  GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
    TEMPERATURE_MAXIMUM_BAND_ST_B10 = 372.999941
    TEMPERATURE_MINIMUM_BAND_ST_B10 = 149.003418
    QUANTIZE_CAL_MAXIMUM_BAND_ST_B10 = 65535
    QUANTIZE_CAL_MINIMUM_BAND_ST_B10 = 1
    TEMPERATURE_MULT_BAND_ST_B10 = 3.41802E-03
    TEMPERATURE_ADD_BAND_ST_B10 = 149.0
  END_GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
END_GROUP = LANDSAT_METADATA_FILE
END
"""


# --- MODIS ----------------------------------------------------------------------------------------

def write_modis(directory, seed):
    """A 44 x 44 clip of tile h19v04 around Kranj, values from the same field averaged over 1 km."""
    rng = np.random.default_rng(seed + 1)
    tile = 1111950.5197665233
    pixel = tile / 1200
    tile_x0, tile_y0 = -20015109.355798 + 19 * tile, 10007554.677899 - 4 * tile
    sinu = osr.SpatialReference()
    sinu.ImportFromProj4(MODIS_SINUSOIDAL)
    sinu.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    cx, cy = to_crs([CENTRE_LONLAT], sinu)[0]
    size = 44
    col0 = int(math.floor((cx - tile_x0) / pixel)) - size // 2
    row0 = int(math.floor((tile_y0 - cy) / pixel)) - size // 2
    gt = (tile_x0 + col0 * pixel, pixel, 0.0, tile_y0 - row0 * pixel, 0.0, -pixel)
    # 5 x 5 sample points per MODIS pixel, moved to UTM where the field is defined.
    sub = (np.arange(5) + 0.5) / 5
    xs = gt[0] + (np.repeat(np.arange(size), 5) + np.tile(sub, size)) * pixel
    ys = gt[3] - (np.repeat(np.arange(size), 5) + np.tile(sub, size)) * pixel
    gx, gy = np.meshgrid(xs, ys)
    ct = osr.CoordinateTransformation(sinu, srs(32633))
    pts = np.array(ct.TransformPoints(np.column_stack([gx.ravel(), gy.ravel()]).tolist()))[:, :2]
    noise = smooth_noise(rng, gx.shape, 2, 3)
    celsius, _ = temperature_field(pts[:, 0].reshape(gx.shape), pts[:, 1].reshape(gx.shape), noise)
    celsius = celsius.reshape(size, 5, size, 5).mean(axis=(1, 3)) - 1.0  # 10:30 overpass, a bit cooler
    dn = np.round((celsius + 273.15) / 0.02).astype(np.uint16)
    dn[:3, -4:] = 0      # a cloudy corner: MOD11A1 leaves it as fill
    dn[40, 2] = 7000     # below valid_range: the loader must reject it
    path = os.path.join(directory, MODIS_NAME)
    ds, band, tmp = write_tif(path, dn, gt, sinu.ExportToWkt(), nodata=0)
    band.SetScale(0.02)
    band.SetOffset(0)
    band.SetUnitType("K")
    band.SetDescription("LST_Day_1km")
    ds.SetMetadata({"long_name": "Daily daytime 1km grid Land-surface Temperature", "units": "K",
                    "scale_factor": "0.02", "add_offset": "0", "valid_range": "7500, 65535", "_FillValue": "0",
                    "RANGEBEGINNINGDATE": "2024-07-15"})
    finish(ds, tmp, path)


# --- districts ------------------------------------------------------------------------------------

def clip_convex(poly, a, b, c):
    """Sutherland-Hodgman: keep the part of a convex polygon where a*x + b*y <= c."""
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0) != (fq < 0) and fp != fq:
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def power_cells(sites, weights, box):
    """Power-diagram cells: {p : |p - s_i|^2 - w_i <= |p - s_j|^2 - w_j for all j}, clipped to box."""
    cells = []
    for i, (si, wi) in enumerate(zip(sites, weights)):
        poly = box
        for j, (sj, wj) in enumerate(zip(sites, weights)):
            if i == j or not poly:
                continue
            a, b = 2 * (sj[0] - si[0]), 2 * (sj[1] - si[1])
            c = sj[0] ** 2 + sj[1] ** 2 - si[0] ** 2 - si[1] ** 2 - wj + wi
            poly = clip_convex(poly, a, b, c)
        cells.append(poly)
    return cells


def ogr_polygon(points):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points + points[:1]:
        ring.AddPoint_2D(x, y)
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(ring)
    return g


def fit_districts(outline, communities, iterations=400):
    sites = [(float(r["CEN_E"]), float(r["CEN_N"])) for r in communities]
    total = outline.GetArea()
    official = np.array([float(r["POV_KM2"]) for r in communities])
    target = official / official.sum() * total
    minx, maxx, miny, maxy = outline.GetEnvelope()
    box = [(minx - 1000, miny - 1000), (maxx + 1000, miny - 1000), (maxx + 1000, maxy + 1000), (minx - 1000, maxy + 1000)]
    weights = np.zeros(len(sites))
    best = None
    for _ in range(iterations):
        cells = [outline.Intersection(ogr_polygon(c)) if len(c) >= 3 else ogr.Geometry(ogr.wkbPolygon) for c in power_cells(sites, weights, box)]
        areas = np.array([g.GetArea() for g in cells])
        error = np.abs(areas - target) / target
        if best is None or error.max() < best[0]:
            best = (error.max(), cells, areas)
        if error.max() < 0.001:
            break
        # Treat each cell as a disc: moving its boundary by dr needs dw ~ 4 r dr (neighbours ~2r away);
        # a damped step (0.3) keeps the small, crowded town-centre cells from oscillating.
        r, rt = np.sqrt(np.maximum(areas, 1e4) / math.pi), np.sqrt(target / math.pi)
        weights += 0.3 * 4 * r * (rt - r)
    return best


def snapped(geometry, step=0.01):
    """The geometry with coordinates rounded to 1 cm, so that neighbours computed separately share
    their boundary vertices exactly (contiguity weights match shared vertices and edges)."""
    g = ogr.ForceToMultiPolygon(geometry.Clone())
    for i in range(g.GetGeometryCount()):
        polygon = g.GetGeometryRef(i)
        for j in range(polygon.GetGeometryCount()):
            ring = polygon.GetGeometryRef(j)
            for k in range(ring.GetPointCount()):
                x, y = ring.GetX(k), ring.GetY(k)
                ring.SetPoint_2D(k, round(x / step) * step, round(y / step) * step)
    return g


def write_districts(directory, kranj_data):
    d96 = srs(3794)
    with open(os.path.join(kranj_data, "municipality_outline.geojson"), encoding="utf-8") as f:
        outline_json = json.load(f)
    shutil.copyfile(os.path.join(kranj_data, "municipality_outline.geojson"), os.path.join(directory, "municipality_outline.geojson"))
    outline = ogr.CreateGeometryFromJson(json.dumps(outline_json["features"][0]["geometry"]))
    outline.AssignSpatialReference(srs(4326))
    outline.TransformTo(d96)
    with open(os.path.join(kranj_data, "local_communities.csv"), encoding="utf-8") as f:
        communities = sorted(csv.DictReader(f), key=lambda r: int(r["ODO_ID"]))
    worst, cells, areas = fit_districts(outline, communities)
    target = np.array([float(r["POV_KM2"]) for r in communities])
    target *= outline.GetArea() / target.sum()
    worst_name = communities[int(np.argmax(np.abs(areas - target) / target))]["ODO_UIME"]

    gpkg = os.path.join(directory, "districts.gpkg")
    geojson = os.path.join(directory, "districts.geojson")
    for path in (gpkg, geojson):
        if os.path.exists(path):
            os.remove(path)
    note = "power-Voronoi from GURS label points; replace with RPE ODO layer"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg)
    layer = ds.CreateLayer("districts", d96, ogr.wkbMultiPolygon)
    for name, kind in (("id", ogr.OFTInteger), ("name", ogr.OFTString), ("official_area_km2", ogr.OFTReal),
                       ("approx_area_km2", ogr.OFTReal), ("approximation", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for row, cell, area in zip(communities, cells, areas):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("id", int(row["ODO_ID"]))
        feature.SetField("name", row["ODO_UIME"])
        feature.SetField("official_area_km2", float(row["POV_KM2"]))
        feature.SetField("approx_area_km2", round(area / 1e6, 4))
        feature.SetField("approximation", note)
        feature.SetGeometry(snapped(cell))
        layer.CreateFeature(feature)
    ds = None
    gdal.VectorTranslate(geojson, gpkg, format="GeoJSON", dstSRS="EPSG:4326",
                         layerCreationOptions=["RFC7946=YES", "COORDINATE_PRECISION=7", "WRITE_NAME=NO"])
    return worst, worst_name


def write_rural_reference(directory, kranj_data):
    """The municipalities around Kranj (Kranj itself left out), simplified to 10 m in D96/TM so the
    file stays small: a real rural surround for the surface UHI reference (`analyze --reference`)."""
    path = os.path.join(directory, "rural_reference.geojson")
    if os.path.exists(path):
        os.remove(path)
    source = os.path.join(kranj_data, "neighbour_municipalities.geojson")
    with open(source, encoding="utf-8") as f:
        features = [x for x in json.load(f)["features"] if x["properties"]["OB_ID"] != 52]
    d96, wgs84 = srs(3794), srs(4326)
    ds = gdal.GetDriverByName("Memory").Create("neighbours", 0, 0, 0, gdal.GDT_Unknown)
    layer = ds.CreateLayer("rural_reference", wgs84, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for x in sorted(features, key=lambda x: x["properties"]["OB_ID"]):
        geometry = ogr.CreateGeometryFromJson(json.dumps(x["geometry"]))
        geometry.AssignSpatialReference(wgs84)
        geometry.TransformTo(d96)
        geometry = ogr.ForceToMultiPolygon(geometry.SimplifyPreserveTopology(10.0))
        geometry.TransformTo(wgs84)
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("id", x["properties"]["OB_ID"])
        feature.SetField("name", x["properties"]["OB_UIME"])
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    gdal.VectorTranslate(path, ds, format="GeoJSON",
                         layerCreationOptions=["RFC7946=YES", "COORDINATE_PRECISION=6", "WRITE_NAME=NO"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kranj-data", default=os.path.join(HERE, "sources", "kranj"),
                    help="the real GURS data (default: Fixtures/sources/kranj, see its SOURCE.md)")
    ap.add_argument("--full-size", metavar="DIR", help="write only a 7800 x 7900 Landsat-style scene into DIR")
    ap.add_argument("--seed", type=int, default=20240715)
    args = ap.parse_args()
    if args.full_size:
        os.makedirs(args.full_size, exist_ok=True)
        write_landsat(args.full_size, 7800, 7900, args.seed)
        print(f"full-size scene in {args.full_size}")
        return
    out = os.path.join(HERE, "kranj")
    os.makedirs(out, exist_ok=True)
    write_landsat(out, 667, 667, args.seed)
    write_modis(out, args.seed)
    worst, worst_name = write_districts(out, args.kranj_data)
    write_rural_reference(out, args.kranj_data)
    print(f"fixtures written to {out}; worst district area error {worst * 100:.3f} % ({worst_name})")


if __name__ == "__main__":
    main()
