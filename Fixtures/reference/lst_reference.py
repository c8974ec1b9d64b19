#!/usr/bin/env python3
"""Independent reference figures for HeatIsland's LST decoding, written from the USGS and NASA
product definitions with NumPy and GDAL's Python bindings (not from the Swift code).

Rules: kelvin = DN * scale + offset; °C = kelvin - 273.15, computed in float32 as
float32(DN) * float32(scale) + float32(offset - 273.15). Each pixel is counted once, under the first
cause that applies, in this order: fill (ST DN == nodata, or QA bit 0), cloud (QA bit 3), cloudShadow
(bit 4), cirrus (bit 2), dilatedCloud (bit 1), outOfRange (raw value outside the product's valid range,
or °C outside -40..80), else valid. Snow (bit 5) and water (bit 7) are not masked.

Run from the repository root:  /usr/bin/python3 Fixtures/reference/lst_reference.py
"""
import json
import os

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLAUSIBLE = (-40.0, 80.0)


def read(path):
    return gdal.Open(path).ReadAsArray()


def decode(dn, qa, scale, offset, fill, raw_range):
    celsius = dn.astype(np.float32) * np.float32(scale) + np.float32(offset - 273.15)
    causes = [
        ("fill", (dn == fill) | (((qa & 1) != 0) if qa is not None else False)),
        ("cloud", (qa & (1 << 3)) != 0 if qa is not None else None),
        ("cloudShadow", (qa & (1 << 4)) != 0 if qa is not None else None),
        ("cirrus", (qa & (1 << 2)) != 0 if qa is not None else None),
        ("dilatedCloud", (qa & (1 << 1)) != 0 if qa is not None else None),
        ("outOfRange", (dn < raw_range[0]) | (dn > raw_range[1]) | (celsius < PLAUSIBLE[0]) | (celsius > PLAUSIBLE[1])),
    ]
    taken = np.zeros(dn.shape, dtype=bool)
    counts = {}
    for name, mask in causes:
        if mask is None:
            counts[name] = 0
            continue
        hit = mask & ~taken
        counts[name] = int(hit.sum())
        taken |= hit
    valid = ~taken
    counts["valid"] = int(valid.sum())
    values = celsius[valid].astype(np.float64)
    return {
        "counts": counts,
        "celsius": {"min": float(values.min()), "max": float(values.max()), "mean": float(values.mean())},
    }, celsius, valid


def pixels(dn, qa, celsius, valid, spots):
    return [{"row": r, "column": c, "dn": int(dn[r, c]), "qa": None if qa is None else int(qa[r, c]),
             "celsius": float(celsius[r, c]) if valid[r, c] else None} for r, c in spots]


def landsat(prefix, raw_range):
    dn, qa = read(prefix + "_ST_B10.TIF"), read(prefix + "_QA_PIXEL.TIF")
    result, celsius, valid = decode(dn, qa, 0.00341802, 149.0, 0, raw_range)
    h, w = dn.shape
    result["pixels"] = pixels(dn, qa, celsius, valid, [(0, 0), (h // 2, w // 2), (100, 200), (311, 300), (h - 1, w - 1)])
    result["path"] = os.path.relpath(prefix + "_ST_B10.TIF", ROOT)
    return result


def modis(path, label):
    dn = read(path)
    # valid_range 7500..65535 and _FillValue 0 (MOD11A1 v6.1 user guide, table 2).
    result, celsius, valid = decode(dn, None, 0.02, 0.0, 0, (7500, 65535))
    result["pixels"] = pixels(dn, None, celsius, valid, [(0, 0), (dn.shape[0] // 2, dn.shape[1] // 2)])
    result["path"] = label
    return result


def main():
    kranj = os.path.join(ROOT, "Fixtures", "kranj", "LC09_L2SP_190028_20240715_20240716_02_T1")
    sample = os.path.join(ROOT, "Fixtures", "samples", "landsat-c2l2", "LC08_L2SP_001070_20190114_20200830_02_T2")
    hdf = os.path.join(ROOT, "Fixtures", "samples", "modis-mod11a1", "MOD11A1.A2019305.h14v09.006.2019306084028.hdf")
    # The MTLs give TEMPERATURE_MINIMUM/MAXIMUM 149.003418 / 372.999941 K, i.e. DN 1..65535.
    reference = {
        "producedBy": "Fixtures/reference/lst_reference.py",
        "command": "/usr/bin/python3 Fixtures/reference/lst_reference.py",
        "gdal": gdal.__version__,
        "numpy": np.__version__,
        "kranjLandsat": landsat(kranj, (1, 65535)),
        "sampleLandsat": landsat(sample, (1, 65535)),
        "kranjMODIS": modis(os.path.join(ROOT, "Fixtures", "kranj", "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"),
                            "Fixtures/kranj/MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"),
        "sampleMODIS": modis(f'HDF4_EOS:EOS_GRID:"{hdf}":MODIS_Grid_Daily_1km_LST:LST_Day_1km',
                             "Fixtures/samples/modis-mod11a1/MOD11A1.A2019305.h14v09.006.2019306084028.hdf (LST_Day_1km)"),
    }
    with open(os.path.join(os.path.dirname(__file__), "lst_reference.json"), "w") as f:
        json.dump(reference, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
