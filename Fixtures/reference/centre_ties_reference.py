#!/usr/bin/env python3
"""Reference cells burnt by GDAL's rasterizer for polygons whose edges and vertices pass exactly
through cell centres, so HeatIsland's cell-centre rule can be checked to break ties as GDAL does.

Rasterizer: gdal.RasterizeLayer(ds, [1], layer, burn_values=[1]) with default options (ALL_TOUCHED
off, i.e. gdal_rasterize's "cell centre inside" rule) into an in-memory ('MEM') Byte raster.
Grid: 12 columns x 10 rows, 1 m cells, geotransform (0, 1, 0, 10, 0, -1), EPSG:3794 (any projected
CRS would do). Cell (row r, column c) has its centre at x = c + 0.5, y = 9.5 - r, so map y 2.5 is
row 7 and map x 2.5 is column 2.

GDAL's low-level scanline fill (GDALdllImageFilledPolygon) is orientation dependent: a horizontal
edge lying exactly on a row's centre line is filled separately only when it is traversed with x
decreasing. Every case is therefore written with an explicit vertex order, in both orientations, and
OGR is never allowed to reorient rings: each geometry is built with ogr.Geometry + AddPoint_2D in the
order listed below (checked after it is stored in the layer), and the rings are written to the JSON
closed (first point repeated) in exactly that order. "ccw"/"cw" refer to map coordinates (y up); in
pixel space (row index growing downwards) the sense is reversed.

What GDAL 3.6.2 does with them (checked on every case here and on ~8600 random valid polygons with
vertices on the half-metre lattice): GDALCollectRingsFromGeometry (alg/gdalrasterize.cpp) turns every
ring, exterior and hole alike, clockwise in map coordinates before the fill, so the burnt cells do
NOT depend on the orientation given; each cw case burns exactly the cells of its ccw twin. With a
north-up grid the resulting rule for a cell centre (cx, cy) is, per polygon (multipolygon parts are
burnt separately and unioned):
  burnt  <=>  (cx - e, cy - d) is inside by the even-odd rule over all rings (0 < d << e, both
              infinitesimal), or cy lies on a horizontal edge that has its own ring's inside above
              it (an exterior ring's bottom edge) with x_min < cx <= x_max.
So a centre on a non-horizontal edge is in iff the polygon lies to its west (the polygon's right
edges, including a hole's left edge); a centre on a horizontal edge is in iff the polygon lies below
it (top edges, including a hole's bottom edge) or the edge is a bottom edge of an exterior ring; a
centre on a hole's top edge is out; a convex vertex that is a strict local top or bottom (the
diamond's tips, a triangle's apex) is out.

Output: centre_ties_reference.json next to this script:
  {"gdal": ..., "grid": {"width", "height", "geotransform"},
   "cases": [{"name", "polygons": [[exterior, hole, ...], ...], "cells": [[row, col], ...]}, ...]}
with the cells sorted by row, then column.

Produced with GDAL 3.6.2 (Debian python3-gdal) and checked in; rerun from the repository root with
  /usr/bin/python3 Fixtures/reference/centre_ties_reference.py
"""
import json
import os

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "centre_ties_reference.json")
WIDTH, HEIGHT = 12, 10
GEOTRANSFORM = [0.0, 1.0, 0.0, 10.0, 0.0, -1.0]
EPSG = 3794


def rect(x0, y0, x1, y1, ccw=True):
    """Axis-aligned rectangle starting at its lower-left corner (x0, y0), counter-clockwise
    (x increasing along the bottom edge first) or clockwise (up the left edge first)."""
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return ring if ccw else [ring[0]] + ring[:0:-1]


def rev(ring):
    """The same ring traversed the other way, keeping its first vertex."""
    return [ring[0]] + ring[:0:-1]


# Each case: name -> list of polygons; each polygon -> [exterior, hole, ...]; rings open here
# (closed when built). Orientation is the vertex order as written, in map coordinates.
DIAMOND = [(5.5, 1.5), (8.5, 4.5), (5.5, 7.5), (2.5, 4.5)]             # CCW, vertices on centres
TRI_DOWN = [(1.5, 1.5), (8.5, 1.5), (1.5, 8.5)]                         # CCW, hypotenuse x + y = 10
TRI_UP = [(1.5, 1.5), (8.5, 1.5), (8.5, 8.5)]                           # CCW, hypotenuse y = x
TRI_SHALLOW = [(1.5, 1.5), (9.5, 1.5), (1.5, 7.5)]                      # CCW, slope -3/4, centres every 4 columns
L_SHAPE = [(2.5, 1.5), (8.5, 1.5), (8.5, 4.5), (5.5, 4.5), (5.5, 8.5), (2.5, 8.5)]  # CCW, concave corner (5.5, 4.5)
# CCW; a notch cut up from the bottom, so the notch's top edge (y 4.5, x 4.5..7.5) is an exterior
# "bottom" edge (polygon above it) in the middle of the shape.
U_SHAPE = [(1.5, 1.5), (4.5, 1.5), (4.5, 4.5), (7.5, 4.5), (7.5, 1.5), (10.5, 1.5), (10.5, 7.5), (1.5, 7.5)]

CASES = [
    # Rectangles with every edge on centre lines: columns 2..6, rows 4..7 are the tie cells.
    ("rect_centres_ccw", [[rect(2.5, 2.5, 6.5, 5.5, ccw=True)]]),
    ("rect_centres_cw", [[rect(2.5, 2.5, 6.5, 5.5, ccw=False)]]),
    # Rectangles mixing edges on centre lines and on cell boundaries (vertices on corners, on
    # centres, and on edge midpoints).
    ("rect_left_top_boundary_ccw", [[rect(2.0, 2.5, 6.5, 6.0, ccw=True)]]),
    ("rect_left_top_boundary_cw", [[rect(2.0, 2.5, 6.5, 6.0, ccw=False)]]),
    ("rect_right_bottom_boundary_ccw", [[rect(2.5, 2.0, 7.0, 5.5, ccw=True)]]),
    ("rect_right_bottom_boundary_cw", [[rect(2.5, 2.0, 7.0, 5.5, ccw=False)]]),
    # Control: every edge on cell boundaries, no centre on the boundary.
    ("rect_boundaries_ccw", [[rect(2.0, 2.0, 7.0, 6.0, ccw=True)]]),
    ("rect_boundaries_cw", [[rect(2.0, 2.0, 7.0, 6.0, ccw=False)]]),
    # Diamond with all four vertices on centres; its edges run through centres diagonally.
    ("diamond_ccw", [[DIAMOND]]),
    ("diamond_cw", [[rev(DIAMOND)]]),
    # Right triangles whose hypotenuse passes through several centres.
    ("triangle_hyp_down_ccw", [[TRI_DOWN]]),
    ("triangle_hyp_down_cw", [[rev(TRI_DOWN)]]),
    ("triangle_hyp_up_ccw", [[TRI_UP]]),
    ("triangle_hyp_up_cw", [[rev(TRI_UP)]]),
    ("triangle_hyp_shallow_ccw", [[TRI_SHALLOW]]),
    ("triangle_hyp_shallow_cw", [[rev(TRI_SHALLOW)]]),
    # Rectangle with a rectangular hole, all edges on centre lines.
    ("hole_ext_ccw_hole_cw", [[rect(1.5, 1.5, 9.5, 8.5, ccw=True), rect(3.5, 3.5, 6.5, 5.5, ccw=False)]]),
    ("hole_ext_cw_hole_ccw", [[rect(1.5, 1.5, 9.5, 8.5, ccw=False), rect(3.5, 3.5, 6.5, 5.5, ccw=True)]]),
    # Multipolygon: two rectangles sharing the horizontal edge y = 4.5 (row 5's centre line),
    # both parts in the same orientation; then a variant where the shared edge only overlaps in part.
    ("multi_shared_edge_ccw", [[rect(2.5, 2.5, 6.5, 4.5, ccw=True)], [rect(2.5, 4.5, 6.5, 7.5, ccw=True)]]),
    ("multi_shared_edge_cw", [[rect(2.5, 2.5, 6.5, 4.5, ccw=False)], [rect(2.5, 4.5, 6.5, 7.5, ccw=False)]]),
    ("multi_offset_shared_edge_ccw", [[rect(2.5, 2.5, 6.5, 4.5, ccw=True)], [rect(4.5, 4.5, 9.5, 7.5, ccw=True)]]),
    ("multi_offset_shared_edge_cw", [[rect(2.5, 2.5, 6.5, 4.5, ccw=False)], [rect(4.5, 4.5, 9.5, 7.5, ccw=False)]]),
    # Concave L with all edges on centre lines.
    ("l_shape_ccw", [[L_SHAPE]]),
    ("l_shape_cw", [[rev(L_SHAPE)]]),
    # Concave U (notch from below) with all edges on centre lines.
    ("u_shape_ccw", [[U_SHAPE]]),
    ("u_shape_cw", [[rev(U_SHAPE)]]),
    # Rectangle crossing the left (x = 0) and top (y = 10) borders, inner edges on centre lines.
    ("rect_outside_left_top_ccw", [[rect(-2.5, 6.5, 4.5, 12.5, ccw=True)]]),
    ("rect_outside_left_top_cw", [[rect(-2.5, 6.5, 4.5, 12.5, ccw=False)]]),
]


def closed(ring):
    return [[float(x), float(y)] for x, y in ring] + [[float(ring[0][0]), float(ring[0][1])]]


def build_geometry(polygons):
    """An OGR Polygon (one part) or MultiPolygon, with rings in exactly the given vertex order."""
    parts = []
    for rings in polygons:
        poly = ogr.Geometry(ogr.wkbPolygon)
        for ring in rings:
            lr = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in closed(ring):
                lr.AddPoint_2D(x, y)
            poly.AddGeometry(lr)
        parts.append(poly)
    if len(parts) == 1:
        return parts[0]
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for poly in parts:
        multi.AddGeometry(poly)
    return multi


def ring_points(ring):
    return [list(ring.GetPoint_2D(i)) for i in range(ring.GetPointCount())]


def geometry_rings(geom):
    """The rings as OGR holds them, to confirm nothing was reoriented or reordered."""
    polys = [geom] if geom.GetGeometryType() == ogr.wkbPolygon else [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
    return [[ring_points(p.GetGeometryRef(j)) for j in range(p.GetGeometryCount())] for p in polys]


def rasterize(polygons, srs):
    geom = build_geometry(polygons)
    expected = [[closed(r) for r in rings] for rings in polygons]
    assert geometry_rings(geom) == expected, "OGR changed the vertex order"
    vds = ogr.GetDriverByName("Memory").CreateDataSource("case")
    layer = vds.CreateLayer("case", srs=srs, geom_type=geom.GetGeometryType())
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(geom)
    layer.CreateFeature(feature)
    feature = None
    # Read back what the layer stores, in case the driver normalised anything.
    layer.ResetReading()
    stored = layer.GetNextFeature()  # keep the feature alive while its geometry is used
    assert geometry_rings(stored.GetGeometryRef()) == expected, "the layer changed the vertex order"

    ds = gdal.GetDriverByName("MEM").Create("", WIDTH, HEIGHT, 1, gdal.GDT_Byte)
    ds.SetGeoTransform(GEOTRANSFORM)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).Fill(0)
    gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
    burnt = ds.GetRasterBand(1).ReadAsArray()
    rows, cols = np.nonzero(burnt)
    return expected, sorted([int(r), int(c)] for r, c in zip(rows, cols))


def main():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    cases = []
    for name, polygons in CASES:
        rings, cells = rasterize(polygons, srs)
        cases.append({"name": name, "polygons": rings, "cells": cells})

    header = {
        "producedBy": "Fixtures/reference/centre_ties_reference.py",
        "command": "/usr/bin/python3 Fixtures/reference/centre_ties_reference.py",
        "gdal": gdal.__version__,
        "grid": {"width": WIDTH, "height": HEIGHT, "geotransform": GEOTRANSFORM, "crs": "EPSG:%d" % EPSG},
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(value, ensure_ascii=False)))
    lines.append(' "cases": [')
    body = [" " + json.dumps(case, separators=(", ", ": ")) for case in cases]
    lines.append(",\n".join(body))
    lines.append(" ]")
    lines.append("}")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    json.load(open(OUT))  # well-formed
    for case in cases:
        print("%-32s %3d cells" % (case["name"], len(case["cells"])))


if __name__ == "__main__":
    main()
