"""The talk's NumPy sampler (vectorised per sweep), with the correct conditionals of MODEL.md and
vectorised over chains as well, as the benchmark's baseline row.

Usage: python3 gibbs_numpy.py DATA.txt NU CHAINS BURN_IN SAMPLES SEED OUT.csv
DATA.txt: one value per line, nothing else. Prints one JSON line: {"seconds": wall time of the sweeps}.
OUT.csv: chain,draw,mu,sigma2 (the recorded draws, for ESS).
"""
import json
import sys
import time

import numpy as np


def main():
    data_path, nu, chains, burn_in, samples, seed, out_path = sys.argv[1:8]
    nu, chains, burn_in, samples, seed = float(nu), int(chains), int(burn_in), int(samples), int(seed)
    x = np.loadtxt(data_path, ndmin=1)
    n = x.size
    rng = np.random.default_rng(seed)
    mu = np.full(chains, x.mean())
    alpha2 = np.ones(chains)
    tau2 = np.ones(chains)
    mu_draws = np.empty((chains, samples))
    sigma2_draws = np.empty((chains, samples))

    start = time.perf_counter()
    for sweep in range(burn_in + samples):
        # 1. U_i = (nu tau2 + (x_i - mu)^2 / alpha2) / chi2_{nu+1}, for every chain and datum
        dev2 = (x[None, :] - mu[:, None]) ** 2
        u = (nu * tau2[:, None] + dev2 / alpha2[:, None]) / rng.chisquare(nu + 1, size=(chains, n))
        # 2. the sums (mu: current value)
        s0 = (1 / u).sum(axis=1)
        s1 = (x[None, :] / u).sum(axis=1)
        s2 = (dev2 / u).sum(axis=1)
        # 3-5. the scalar draws, per chain
        alpha2 = s2 / rng.chisquare(n, size=chains)
        mu = rng.normal(s1 / s0, np.sqrt(alpha2 / s0))
        tau2 = rng.gamma(nu * n / 2, 2 / (nu * s0))
        if sweep >= burn_in:
            mu_draws[:, sweep - burn_in] = mu
            sigma2_draws[:, sweep - burn_in] = alpha2 * tau2
    seconds = time.perf_counter() - start

    with open(out_path, "w") as f:
        f.write("chain,draw,mu,sigma2\n")
        for c in range(chains):
            for d in range(samples):
                f.write(f"{c + 1},{d + 1},{mu_draws[c, d]!r},{sigma2_draws[c, d]!r}\n")
    print(json.dumps({"seconds": seconds, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
