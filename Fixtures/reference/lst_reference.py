#!/usr/bin/env python3
"""Independent reference figures for HeatIsland's LST decoding, written from the USGS and NASA
product definitions with NumPy and GDAL's Python bindings (not from the Swift code).

Landsat C2 L2 (USGS L2 science product guide): kelvin = DN * TEMPERATURE_MULT + TEMPERATURE_ADD, both
read from the scene's MTL. MOD11A1 (v6.1 user guide): kelvin = DN * 0.02, valid_range 7500..65535,
_FillValue 0. °C is computed in float32 as float32(DN) * float32(scale) + float32(offset - 273.15), the
way a single-precision decoder does it; means are float64 over those float32 values.

Each pixel is counted once, under the first cause that applies, in this order: fill (DN == 0, or QA
bit 0), cloud (QA bit 3), cloudShadow (bit 4), cirrus (bit 2), dilatedCloud (bit 1), outOfRange
(Landsat: kelvin outside the MTL's [TEMPERATURE_MINIMUM, TEMPERATURE_MAXIMUM]; MODIS: DN outside
valid_range; both: °C outside -40..80), else valid. Snow (bit 5) and water (bit 7) are not masked.

For the real MOD11A1 granule, "byQuality" counts the valid pixels again under each MODIS QC filter
(QC_Day, MOD11 user guide: bits 0-1 mandatory QA, 00 good / 01 other quality / 1x not produced;
bits 6-7 average LST error, 00 <= 1 K, 01 <= 2 K, 10 <= 3 K, 11 > 3 K): "good" keeps mandatory QA
00; "errorAtMostNK" keeps 00, and 01 with an error flag of at most N - 1. Pixels that are valid
but not kept are "lowQuality".

Run from anywhere:  /usr/bin/python3 Fixtures/reference/lst_reference.py
"""
import json
import os
import re

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLAUSIBLE_C = (-40.0, 80.0)
MODIS_SCALE, MODIS_VALID = 0.02, (7500, 65535)
QA_FILL, QA_DILATED, QA_CIRRUS, QA_CLOUD, QA_SHADOW, QA_WATER = 1, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 7


def read(path):
    return gdal.Open(path).ReadAsArray()


def mtl_value(text, key):
    """One numeric value of an ODL MTL ("KEY = 3.41802E-03"); float() reads both number forms."""
    match = re.search(r"^\s*" + key + r"\s*=\s*([-+0-9.Ee]+)\s*$", text, re.MULTILINE)
    if not match:
        raise KeyError(key)
    return float(match.group(1))


def landsat_calibration(mtl_path, band="ST_B10"):
    text = open(mtl_path, encoding="ascii").read()
    return {
        "mtl": os.path.relpath(mtl_path, ROOT),
        "scale": mtl_value(text, "TEMPERATURE_MULT_BAND_" + band),
        "offset": mtl_value(text, "TEMPERATURE_ADD_BAND_" + band),
        "kelvinMin": mtl_value(text, "TEMPERATURE_MINIMUM_BAND_" + band),
        "kelvinMax": mtl_value(text, "TEMPERATURE_MAXIMUM_BAND_" + band),
    }


def to_celsius(dn, scale, offset):
    return dn.astype(np.float32) * np.float32(scale) + np.float32(offset - 273.15)


def classify(dn, qa, celsius, out_of_range):
    """Counts by first matching cause, and the mask of valid pixels."""
    bit = (lambda b: (qa & b) != 0) if qa is not None else (lambda b: np.zeros(dn.shape, dtype=bool))
    causes = [
        ("fill", (dn == 0) | bit(QA_FILL)),
        ("cloud", bit(QA_CLOUD)),
        ("cloudShadow", bit(QA_SHADOW)),
        ("cirrus", bit(QA_CIRRUS)),
        ("dilatedCloud", bit(QA_DILATED)),
        ("outOfRange", out_of_range | (celsius < PLAUSIBLE_C[0]) | (celsius > PLAUSIBLE_C[1])),
    ]
    taken = np.zeros(dn.shape, dtype=bool)
    counts = {}
    for name, mask in causes:
        hit = mask & ~taken
        counts[name] = int(hit.sum())
        taken |= hit
    counts["valid"] = int((~taken).sum())
    return counts, ~taken


def summary(celsius, valid):
    values = celsius[valid].astype(np.float64)
    return {"min": float(values.min()), "max": float(values.max()), "mean": float(values.mean())}


def pixel(dn, qa, celsius, valid, r, c, note):
    return {"row": int(r), "column": int(c), "dn": int(dn[r, c]), "qa": None if qa is None else int(qa[r, c]),
            "celsius": float(celsius[r, c]) if valid[r, c] else None, "note": note}


def first(mask):
    """The first pixel (row-major) where mask holds, or None."""
    hits = np.flatnonzero(mask)
    return None if hits.size == 0 else divmod(int(hits[0]), mask.shape[1])


def valid_spots(valid):
    """The first, middle and last valid pixels (row-major): decoded values to compare, which the
    fixed spots of a mostly cloudy or mostly empty scene may not hold."""
    hits = np.flatnonzero(valid)
    if hits.size == 0:
        return []
    picks = ((hits[0], "first valid"), (hits[hits.size // 2], "middle valid"), (hits[-1], "last valid"))
    return [(divmod(int(i), valid.shape[1]), note) for i, note in picks]


def landsat(prefix):
    dn, qa = read(prefix + "_ST_B10.TIF"), read(prefix + "_QA_PIXEL.TIF")
    cal = landsat_calibration(prefix + "_MTL.txt")
    kelvin = dn.astype(np.float64) * cal["scale"] + cal["offset"]
    celsius = to_celsius(dn, cal["scale"], cal["offset"])
    # DN 0 is fill, so it must not also count as below the kelvin range.
    out_of_range = (dn != 0) & ((kelvin < cal["kelvinMin"]) | (kelvin > cal["kelvinMax"]))
    counts, valid = classify(dn, qa, celsius, out_of_range)
    h, w = dn.shape
    spots = [((0, 0), "corner"), ((h // 2, w // 2), "centre"), ((100, 200), "fixed"), ((311, 300), "fixed"),
             ((h - 1, w - 1), "corner")]
    # One example of every case a decoder can get wrong, where the scene has one.
    fill_bit, cloudy = (qa & QA_FILL) != 0, (qa & (QA_CLOUD | QA_SHADOW | QA_CIRRUS | QA_DILATED)) != 0
    cases = [
        ((dn == 0) & ~fill_bit, "ST nodata under non-fill QA"),
        (fill_bit & (dn > 0), "QA fill over ST > 0"),
        ((qa & QA_CLOUD) != 0, "cloud"),
        (((qa & QA_SHADOW) != 0) & ((qa & QA_CLOUD) == 0), "cloud shadow"),
        (((qa & QA_CIRRUS) != 0) & ((qa & (QA_CLOUD | QA_SHADOW)) == 0), "cirrus"),
        (((qa & QA_DILATED) != 0) & ((qa & (QA_CLOUD | QA_SHADOW | QA_CIRRUS)) == 0), "dilated cloud"),
        ((dn > 0) & ~fill_bit & ~cloudy & (celsius < PLAUSIBLE_C[0]), "implausibly cold, flagged clear"),
        (((qa & QA_WATER) != 0) & valid, "water (kept by default)"),
    ]
    for mask, note in cases:
        at = first(mask)
        if at is not None:
            spots.append((at, note))
    spots += valid_spots(valid)
    return {
        "path": os.path.relpath(prefix + "_ST_B10.TIF", ROOT),
        "calibration": cal,
        "counts": counts,
        # What the band gives when its QA_PIXEL is ignored: only DN 0 is fill, clouds pass as land.
        "countsWithoutQA": classify(dn, None, celsius, out_of_range)[0],
        "celsius": summary(celsius, valid),
        "pixels": [pixel(dn, qa, celsius, valid, r, c, note) for (r, c), note in spots],
    }


def by_quality(qc, celsius, valid):
    mandatory, error = qc & 0b11, (qc >> 6) & 0b11
    filters = {"good": mandatory == 0}
    for n in (1, 2, 3):
        filters[f"errorAtMost{n}K"] = (mandatory == 0) | ((mandatory == 1) & (error <= n - 1))
    result = {}
    for name, kept in filters.items():
        keep = valid & kept
        result[name] = {"valid": int(keep.sum()), "lowQuality": int((valid & ~kept).sum()),
                        "mean": float(celsius[keep].astype(np.float64).mean())}
    return result


def modis(path, label, qc_path=None):
    dn = read(path)
    celsius = to_celsius(dn, MODIS_SCALE, 0.0)
    out_of_range = (dn != 0) & ((dn < MODIS_VALID[0]) | (dn > MODIS_VALID[1]))
    counts, valid = classify(dn, None, celsius, out_of_range)
    spots = [((0, 0), "corner"), ((dn.shape[0] // 2, dn.shape[1] // 2), "centre")]
    for mask, note in ((dn == 0, "fill"), (out_of_range, "below valid_range")):
        at = first(mask)
        if at is not None:
            spots.append((at, note))
    spots += valid_spots(valid)
    result = {
        "path": label,
        "calibration": {"scale": MODIS_SCALE, "offset": 0.0, "validRange": list(MODIS_VALID), "fill": 0},
        "counts": counts,
        "celsius": summary(celsius, valid),
        "pixels": [pixel(dn, None, celsius, valid, r, c, note) for (r, c), note in spots],
    }
    if qc_path is not None:
        result["byQuality"] = by_quality(read(qc_path).astype(np.uint16), celsius, valid)
    return result


def main():
    fixtures = os.path.join(ROOT, "Fixtures")
    kranj_modis = "Fixtures/kranj/MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"
    hdf = "Fixtures/samples/modis-mod11a1/MOD11A1.A2019305.h14v09.006.2019306084028.hdf"
    reference = {
        "producedBy": "Fixtures/reference/lst_reference.py",
        "command": "/usr/bin/python3 Fixtures/reference/lst_reference.py",
        "gdal": gdal.__version__,
        "numpy": np.__version__,
        "rules": "first cause wins: fill (DN 0 or QA bit 0), cloud (bit 3), cloudShadow (bit 4), cirrus (bit 2), "
                 "dilatedCloud (bit 1), outOfRange (K outside MTL min/max, MODIS DN outside 7500..65535, "
                 "or degC outside -40..80), else valid; snow and water not masked",
        "kranjLandsat": landsat(os.path.join(fixtures, "kranj", "LC09_L2SP_190028_20240715_20240716_02_T1")),
        "sampleLandsat": landsat(os.path.join(fixtures, "samples", "landsat-c2l2", "LC08_L2SP_001070_20190114_20200830_02_T2")),
        "kranjMODIS": modis(os.path.join(ROOT, kranj_modis), kranj_modis),
        "sampleMODIS": modis(f'HDF4_EOS:EOS_GRID:"{os.path.join(ROOT, hdf)}":MODIS_Grid_Daily_1km_LST:LST_Day_1km',
                             hdf + " (LST_Day_1km)",
                             f'HDF4_EOS:EOS_GRID:"{os.path.join(ROOT, hdf)}":MODIS_Grid_Daily_1km_LST:QC_Day'),
    }
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lst_reference.json"), "w") as f:
        json.dump(reference, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
