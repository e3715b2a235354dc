#!/usr/bin/env python3
"""numpy peer for BENCHMARKS.md W5 (bench/QBatt.Bench, suite 'w5'): many copies by enumeration.

Usage: w5_copies_numpy.py REPS N1 [N2 ...]
Cell: levels {0, 0.579, 1}, populations {0.538, 0.237, 0.224} normalised to sum 1 (Rev Fig. 3).
For each n, builds the probabilities and energies of all 3^n product states (outer products),
sorts the probabilities descending and the energies ascending, and returns
Delta w(n) = tr[sigma H0] - (1/n) sum_x p_(x) E_(x). Timed REPS times after one warm-up; prints
one JSON line: {"n": [...], "seconds": [[...], ...], "delta_w": [...], "numpy": version}.
"""
import json
import sys
import time

import numpy as np

LEVELS = np.array([0.0, 0.579, 1.0])
RAW = np.array([0.538, 0.237, 0.224])


def delta_w(n: int) -> float:
    p = RAW / RAW.sum()
    probs = np.ones(1)
    energies = np.zeros(1)
    for _ in range(n):
        probs = np.multiply.outer(probs, p).ravel()
        energies = np.add.outer(energies, LEVELS).ravel()
    probs[::-1].sort()  # descending, in place
    energies.sort()
    passive_n = float(np.dot(probs, energies))
    passive_1 = float(np.dot(np.sort(p)[::-1], np.sort(LEVELS)))
    return passive_1 - passive_n / n


def main() -> None:
    reps = int(sys.argv[1])
    ns = [int(a) for a in sys.argv[2:]]
    seconds, values = [], []
    for n in ns:
        delta_w(n)  # warm-up
        t = []
        v = None
        for _ in range(reps):
            t0 = time.perf_counter()
            v = delta_w(n)
            t.append(time.perf_counter() - t0)
        seconds.append(t)
        values.append(v)
    print(json.dumps({"n": ns, "seconds": seconds, "delta_w": values, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
