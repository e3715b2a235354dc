#!/usr/bin/env python3
"""Reference values for the entropy bound (R3, docs/PHYSICS.md), computed with numpy/scipy outside
the test suite. Run: /usr/bin/python3 entropy_bound_reference.py > entropy_bound_reference.json

For each diagonal state (populations p on levels e): S = -sum p ln p, beta_bar from
scipy.optimize.brentq on S(omega_b) - S (xtol 1e-300, rtol 8.9e-16), the Gibbs energy and the
bound tr[rho H0] - tr[omega_b H0], plus the ergotropy by sorting (independent of QBatt).
"""
import json

import numpy as np
from scipy.optimize import brentq

CASES = [
    ("rev-fig3", [0.538 / 0.999, 0.237 / 0.999, 0.224 / 0.999], [0.0, 0.579, 1.0]),
    ("rev-fig2", [0.1, 0.2, 0.0, 0.3, 0.4], [-2.0, -1.0, 0.0, 1.0, 2.0]),
    ("inverted-4", [0.05, 0.15, 0.3, 0.5], [0.0, 0.3, 1.1, 2.0]),
    ("nearly-pure", [0.999, 0.0006, 0.0004], [0.0, 1.0, 3.0]),
    ("nearly-mixed", [0.26, 0.25, 0.25, 0.24], [-1.0, 0.0, 0.5, 2.0]),
    ("degenerate-top", [0.2, 0.5, 0.3], [0.0, 1.0, 1.0]),
]


def gibbs(e, b):
    x = np.exp(-b * (e - e.min()))
    return x / x.sum()


def entropy(p):
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def main():
    out = []
    for name, p, e in CASES:
        p = np.array(p)
        e = np.array(e)
        s = entropy(p)
        f = lambda b: entropy(gibbs(e, b)) - s
        hi = 1.0
        while f(hi) > 0:
            hi *= 2
        b = brentq(f, 0.0, hi, xtol=1e-300, rtol=8.9e-16, maxiter=500)
        ge = float(gibbs(e, b) @ e)
        energy = float(p @ e)
        passive = float(np.sort(p)[::-1] @ np.sort(e))
        out.append({"name": name, "populations": p.tolist(), "energies": e.tolist(), "entropy": s,
                    "beta_bar": b, "gibbs_energy": ge, "bound": energy - ge, "ergotropy": energy - passive})
    print(json.dumps({"source": "tests/QBatt.Tests/Data/thermo/entropy_bound_reference.py (numpy %s, scipy brentq)" % np.__version__,
                      "cases": out}, indent=1))


if __name__ == "__main__":
    main()
