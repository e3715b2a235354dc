#!/usr/bin/env python3
"""numpy peer for BENCHMARKS.md W1 (bench/QBatt.Bench, suite 'w1'): ergotropy of a dense state.

Usage: w1_ergotropy_numpy.py G.npy M.npy REPS
Loads the complex Gaussian matrices G and M that QBatt wrote; each timed run builds
rho = G G^dag / tr(G G^dag) and H0 = (M + M^dag)/2, takes numpy.linalg.eigvalsh of both and
tr(rho H0), and returns W = tr(rho H0) - sum_j r_j e_j (r descending, e ascending). Timed REPS
times after one warm-up; prints one JSON line: {"seconds": [...], "ergotropy": W, "numpy": version}.
"""
import json
import sys
import time

import numpy as np


def ergotropy(g: np.ndarray, m: np.ndarray) -> float:
    rho = g @ g.conj().T
    rho /= np.trace(rho).real
    h = 0.5 * (m + m.conj().T)
    r = np.linalg.eigvalsh(rho)[::-1]
    e = np.linalg.eigvalsh(h)
    energy = np.einsum("ij,ji->", rho, h).real
    return float(energy - np.dot(r, e))


def main() -> None:
    g = np.load(sys.argv[1])
    m = np.load(sys.argv[2])
    reps = int(sys.argv[3])
    ergotropy(g, m)  # warm-up
    times = []
    w = None
    for _ in range(reps):
        t0 = time.perf_counter()
        w = ergotropy(g, m)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": times, "ergotropy": w, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
