#!/usr/bin/env python3
"""QuTiP peer for workload W3 (spin-chain battery, R13 of docs/PHYSICS.md; suite 'w3').

Usage: qutip_w3_chain.py N COUPLING [--p 1] [--periodic] [--tmax 3] [--points 201] [--series FILE]
COUPLING: nn (nearest neighbour), power (g/|i-j|^p) or uniform (g for every pair).

B = 1, omega = 1, g = 0.1, alpha = -1. H0 = B sum sigma_z + Hg,
Hg = -sum_{i<j} g_ij [sz sz + alpha (sx sx + sy sy)]; charging H = Hg + omega sum sigma_x;
initial state all spins down (sigma_z = -1, qutip.basis(2, 1)). W(t) = <H0>(t) - <H0>(0).
Values: W(tmax), max over the grid of W, max over t > 0 of W(t)/t and its time.
"""
import argparse

import numpy as np
import qutip

from qutip_common import Clock, emit, grid_max_power, options, repeat


def couplings(n, kind, g, p, periodic):
    pairs = []
    for i in range(n):
        for k in range(i + 1, n):
            d = k - i
            if periodic:
                d = min(d, n - d)
            if kind == "nn":
                if d == 1:
                    pairs.append((i, k, g))
            elif kind == "power":
                pairs.append((i, k, g / d ** p))
            elif kind == "uniform":
                pairs.append((i, k, g))
            else:
                raise SystemExit(f"unknown coupling '{kind}'")
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("coupling")
    ap.add_argument("--p", type=float, default=1.0)
    ap.add_argument("--periodic", action="store_true")
    ap.add_argument("--tmax", type=float, default=3.0)
    ap.add_argument("--points", type=int, default=201)
    ap.add_argument("--series")
    ap.add_argument("--reps", type=int, default=1, help="timed runs after one warm-up (reps > 1); the median is reported")
    a = ap.parse_args()
    n = a.n
    bfield, omega, g, alpha = 1.0, 1.0, 0.1, -1.0
    times = np.linspace(0.0, a.tmax, a.points)

    def run_once():
        with Clock() as clock:
            w = workload(a, n, bfield, omega, g, alpha, times)
        return clock.seconds, w

    seconds, w = repeat(run_once, a.reps)
    pmax, tmax = grid_max_power(times, w)
    values = {"W_end": float(w[-1]), "W_max": float(np.max(w)), "P_max": pmax, "t_P_max": tmax}
    emit("W3", f"n={n} {a.coupling}{' periodic' if a.periodic else ''}", seconds, values, times, {"W": w}, a.series)


def workload(a, n, bfield, omega, g, alpha, times):
    """The timed work: build the operators, solve, return the recorded series."""
    def site(op, i):
        ops = [qutip.qeye(2)] * n
        ops[i] = op
        return qutip.tensor(ops)
    sx = [site(qutip.sigmax(), i) for i in range(n)]
    sy = [site(qutip.sigmay(), i) for i in range(n)]
    sz = [site(qutip.sigmaz(), i) for i in range(n)]
    hg = 0
    for i, k, gij in couplings(n, a.coupling, g, a.p, a.periodic):
        hg = hg - gij * (sz[i] * sz[k] + alpha * (sx[i] * sx[k] + sy[i] * sy[k]))
    h0 = bfield * sum(sz) + hg
    h = hg + omega * sum(sx)
    psi0 = qutip.tensor([qutip.basis(2, 1)] * n)
    r = qutip.sesolve(h, psi0, times, e_ops=[h0], options=options())
    e = np.asarray(r.expect[0])
    w = e - e[0]
    return w


if __name__ == "__main__":
    main()
