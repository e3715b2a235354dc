#!/usr/bin/env python3
"""numpy peer for the Hermitian eigendecomposition benchmark (bench/QBatt.Bench, suite 'eig').

Usage: eigh_numpy.py MATRIX.npy REPS OUT_EIGVALS.npy
Loads the matrix QBatt wrote, times numpy.linalg.eigh (eigenvalues and eigenvectors, like
QBatt's zheevd route) REPS times after one warm-up, saves the eigenvalues of the last run and
prints one JSON line: {"seconds": [...], "numpy": version, "blas": ...}.
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    path, reps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    a = np.load(path)
    np.linalg.eigh(a)  # warm-up
    times = []
    w = None
    for _ in range(reps):
        t0 = time.perf_counter()
        w, _ = np.linalg.eigh(a)
        times.append(time.perf_counter() - t0)
    np.save(out, w)
    cfg = np.__config__
    blas = "unknown"
    try:
        info = cfg.get_info("blas_opt_info") or cfg.get_info("blas_info")
        blas = ",".join(info.get("libraries", [])) or "unknown"
    except Exception:  # numpy >= 1.25 changed the config API
        pass
    print(json.dumps({"seconds": times, "numpy": np.__version__, "blas": blas}))


if __name__ == "__main__":
    main()
