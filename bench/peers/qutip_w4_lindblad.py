#!/usr/bin/env python3
"""QuTiP peer for workload W4 (open-system charging, R6 of docs/PHYSICS.md; suite 'w4').

Usage: qutip_w4_lindblad.py N [--gamma 0.05] [--omega 1] [--tmax 5] [--points 101] [--series FILE]

n two-level cells, H0 = sum (1 + sigma_z^i)/2, H = H0 + omega sum sigma_x^i, collapse operators
sqrt(gamma) sigma_-^i (qutip.sigmam(): |up> -> |down>), initial state all cells in the ground state
(sigma_z = -1, qutip.basis(2, 1)). Values: <H0>(tmax) and its maximum over the grid.
"""
import argparse

import numpy as np
import qutip

from qutip_common import Clock, emit, options, repeat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--gamma", type=float, default=0.05)
    ap.add_argument("--omega", type=float, default=1.0)
    ap.add_argument("--tmax", type=float, default=5.0)
    ap.add_argument("--points", type=int, default=101)
    ap.add_argument("--series")
    ap.add_argument("--reps", type=int, default=1, help="timed runs after one warm-up (reps > 1); the median is reported")
    a = ap.parse_args()
    n = a.n
    times = np.linspace(0.0, a.tmax, a.points)

    def run_once():
        with Clock() as clock:
            e = workload(a, n, times)
        return clock.seconds, e

    seconds, e = repeat(run_once, a.reps)
    values = {"E_end": float(e[-1]), "E_max": float(np.max(e))}
    emit("W4", f"n={n}", seconds, values, times, {"H0": e}, a.series)


def workload(a, n, times):
    """The timed work: build the operators, solve, return the recorded series."""
    def site(op, i):
        ops = [qutip.qeye(2)] * n
        ops[i] = op
        return qutip.tensor(ops)
    h0 = sum(site(0.5 * (qutip.qeye(2) + qutip.sigmaz()), i) for i in range(n))
    h = h0 + a.omega * sum(site(qutip.sigmax(), i) for i in range(n))
    c_ops = [np.sqrt(a.gamma) * site(qutip.sigmam(), i) for i in range(n)]
    rho0 = qutip.ket2dm(qutip.tensor([qutip.basis(2, 1)] * n))
    r = qutip.mesolve(h, rho0, times, c_ops=c_ops, e_ops=[h0], options=options())
    e = np.asarray(r.expect[0])
    return e


if __name__ == "__main__":
    main()
