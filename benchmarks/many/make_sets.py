#!/usr/bin/python3
"""The many-data-sets workload of issue #29 (as TFP issue 1433 asks peers): SETS ragged data sets of 20 to 373 values
(48 on average), each Student-t with its own location, scale and degrees of freedom, written as one long CSV with
columns set,y. Fixed seed: the same file every time.

Usage: make_sets.py OUT.csv [SETS]   (SETS defaults to 10000)"""
import sys

import numpy as np

out = sys.argv[1]
sets = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = np.random.default_rng(1433)
# 20 plus a geometric tail of mean 28, at most 373: mean about 48, a few hundreds.
sizes = np.minimum(20 + rng.geometric(1 / 28, size=sets) - 1, 373)
with open(out, "w") as f:
    f.write("set,y\n")
    for k, n in enumerate(sizes):
        mu, sigma, nu = rng.normal(0, 10), rng.uniform(0.5, 5), rng.uniform(2, 30)
        y = mu + sigma * rng.standard_t(nu, size=n)
        f.write("".join(f"s{k:05d},{v:.6g}\n" for v in y))
print(f"{out}: {sets} sets, {sizes.sum()} values, sizes {sizes.min()}..{sizes.max()}, mean {sizes.mean():.1f}", file=sys.stderr)
