#!/usr/bin/env python3
"""Reference district Gi* from PySAL esda for HeatIsland's tests.

Values: the exact-rule mean °C of each Kranj district from zonal_reference.json (exactextract), so the
comparison isolates the Gi* computation. Weights: libpysal Queen and Rook contiguity on
Fixtures/kranj/districts.gpkg (shared vertices / shared edges) and a 2500 m distance band between
centroids. Statistics: esda.G_Local(star=True, transform="B"), i.e. Gi* with binary weights and the unit in
its own neighbourhood (analytical z-scores "Zs"); esda.Moran_Local with row-standardised weights
(Is, the analytical EI and VI, and the quadrant q: 1 HH, 2 LH, 3 LL, 4 HL). Classes under the
false-discovery rate: two-sided normal p of each Zs (scipy), esda.fdr's Benjamini–Hochberg cut-off
at 0.10, 0.05 and 0.01 over all districts, and the class ±3/±2/±1 of the smallest level whose
cut-off p falls under (signed as z), 0 for none.

  python3 -m venv .venv-peers && .venv-peers/bin/pip install -r Benchmarks/requirements-peers.txt
  .venv-peers/bin/python Fixtures/reference/hotspot_reference.py
"""
import json
import os
import warnings

import esda
import geopandas as gpd
import libpysal
import numpy as np
from scipy.stats import norm

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    zonal = json.load(open(os.path.join(HERE, "zonal_reference.json")))
    means = np.array([z["mean"] for z in zonal["exact"]], dtype=float)
    df = gpd.read_file(os.path.join(ROOT, "Fixtures", "kranj", "districts.gpkg"))
    centroids = np.column_stack([df.geometry.centroid.x, df.geometry.centroid.y])
    weights = {
        "queen": libpysal.weights.Queen.from_dataframe(df, use_index=False),
        "rook": libpysal.weights.Rook.from_dataframe(df, use_index=False),
        "distance2500": libpysal.weights.DistanceBand(centroids, threshold=2500, binary=True, silence_warnings=True),
    }
    out = {
        "producedBy": "Fixtures/reference/hotspot_reference.py",
        "command": ".venv-peers/bin/python Fixtures/reference/hotspot_reference.py",
        "esda": esda.__version__, "libpysal": libpysal.__version__,
        "ids": [int(i) for i in df["id"]],
        "values": means.tolist(),
        "centroids": centroids.tolist(),
    }
    for name, w in weights.items():
        g = esda.G_Local(means, w, transform="B", star=True, permutations=0)
        # Local Moran's I with esda's default row-standardised weights; EI and VI are its analytical
        # moments under randomisation (Anselin 1995); permutations only feed p_sim, which we do not compare.
        m = esda.Moran_Local(means, w, transformation="r", permutations=0)
        p = 2 * norm.sf(np.abs(g.Zs))
        cutoffs = [esda.fdr(p, alpha) for alpha in (0.10, 0.05, 0.01)]
        level = np.select([p < cutoffs[2], p < cutoffs[1], p < cutoffs[0]], [3, 2, 1], 0)
        out[name] = {"neighbours": [sorted(int(j) for j in w.neighbors[i]) for i in range(len(means))],
                     "z": [float(z) for z in g.Zs],
                     "fdrCutoffs": [float(c) for c in cutoffs],
                     "fdrClass": [int(c) for c in level * np.sign(g.Zs)],
                     "moranI": [float(v) for v in m.Is],
                     "moranEI": [float(v) for v in np.broadcast_to(m.EI, m.Is.shape)],
                     "moranVI": [float(v) for v in np.broadcast_to(m.VI, m.Is.shape)],
                     "moranQuadrant": [int(q) for q in m.q]}
    path = os.path.join(HERE, "hotspot_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
