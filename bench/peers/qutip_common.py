"""Shared helpers of the QuTiP peer scripts (bench/QBatt.Bench suites w2, w3, w4).

Each script times one benchmark workload (bench/RESULTS.md) with QuTiP 4.7 (Debian's python3-qutip):
from building the operators to the last expectation value, sesolve/mesolve with
Options(atol=1e-10, rtol=1e-8, nsteps=10**6) and the observables through e_ops. It prints one JSON
line (the bench harness parses the last stdout line) and, with --series FILE, writes the full time
series of the observables to FILE (used as recorded cross-check data by QBatt's tests).
"""
import json
import platform
import time

import numpy as np
import qutip


def options():
    return qutip.Options(atol=1e-10, rtol=1e-8, nsteps=10**6)


def grid_max_power(times, energy):
    """max over t > 0 of E(t)/t on the grid, and its time."""
    t = np.asarray(times)
    e = np.asarray(energy)
    p = np.full_like(e, -np.inf)
    p[1:] = e[1:] / t[1:]
    k = int(np.argmax(p))
    return float(p[k]), float(t[k])


def emit(workload, size, seconds, values, times, series, series_path, extra=None):
    doc = {
        "workload": workload,
        "size": size,
        "seconds": seconds,
        "values": values,
        "qutip": qutip.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    if extra:
        doc.update(extra)
    if series_path:
        with open(series_path, "w", encoding="utf-8") as f:
            json.dump({**doc, "times": [float(x) for x in times],
                       "series": {k: [float(x) for x in v] for k, v in series.items()}}, f, indent=1)
            f.write("\n")
    print(json.dumps(doc))


def repeat(run_once, reps):
    """One run when reps == 1; else a warm-up and the median of reps timed runs. Returns (seconds, result)."""
    if reps <= 1:
        return run_once()
    run_once()
    runs = [run_once() for _ in range(reps)]
    seconds = sorted(r[0] for r in runs)
    mid = len(seconds) // 2
    median = seconds[mid] if len(seconds) % 2 else 0.5 * (seconds[mid - 1] + seconds[mid])
    return median, runs[-1][1]


class Clock:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
