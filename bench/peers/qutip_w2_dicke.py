#!/usr/bin/env python3
"""QuTiP peer for workload W2 (Dicke battery, R12 of docs/PHYSICS.md; suite 'w2').

Usage: qutip_w2_dicke.py N CUTOFF [--tmax 2] [--points 201] [--lam 0.5] [--series FILE]

H = wc a^dag a + wa Jz + 2 wc lambda Jx (a + a^dag), wa = wc = 1, in the symmetric subspace
j = N/2 (qutip.jmat, basis m = j..-j), photon space first: dims [cutoff, N+1]. Initial
|N photons> (x) |j, -j> (all cells down). E_B(t) = wa (<Jz> + N/2). Values: E_B(tmax),
max over the grid of E_B, max over t > 0 of E_B(t)/t and its time; also the population of the
highest Fock level at the end (cutoff check).
"""
import argparse

import numpy as np
import qutip

from qutip_common import Clock, emit, grid_max_power, options, repeat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("cutoff", type=int)
    ap.add_argument("--tmax", type=float, default=2.0)
    ap.add_argument("--points", type=int, default=201)
    ap.add_argument("--lam", type=float, default=0.5)
    ap.add_argument("--series")
    ap.add_argument("--reps", type=int, default=1, help="timed runs after one warm-up (reps > 1); the median is reported")
    a = ap.parse_args()
    n, cutoff = a.n, a.cutoff
    wa = wc = 1.0
    times = np.linspace(0.0, a.tmax, a.points)

    def run_once():
        with Clock() as clock:
            r, eb = workload(a, n, cutoff, wa, wc, times)
        return clock.seconds, (r, eb)

    seconds, (r, eb) = repeat(run_once, a.reps)
    pmax, tmax = grid_max_power(times, eb)
    values = {"E_B_end": float(eb[-1]), "E_B_max": float(np.max(eb)), "P_max": pmax, "t_P_max": tmax,
              "top_fock_population_end": float(r.expect[1][-1])}
    emit("W2", f"N={n} cutoff={cutoff}", seconds, values, times, {"E_B": eb}, a.series)


def workload(a, n, cutoff, wa, wc, times):
    """The timed work: build the operators, solve, return the recorded series."""
    j = n / 2.0
    b = qutip.destroy(cutoff)
    ib = qutip.qeye(cutoff)
    ij = qutip.qeye(n + 1)
    jz = qutip.tensor(ib, qutip.jmat(j, "z"))
    jx = qutip.tensor(ib, qutip.jmat(j, "x"))
    ad = qutip.tensor(b, ij)
    h = wc * ad.dag() * ad + wa * jz + 2 * wc * a.lam * jx * (ad + ad.dag())
    psi0 = qutip.tensor(qutip.basis(cutoff, n), qutip.basis(n + 1, n))
    top = qutip.tensor(qutip.fock_dm(cutoff, cutoff - 1), ij)
    r = qutip.sesolve(h, psi0, times, e_ops=[jz, top], options=options())
    eb = wa * (np.asarray(r.expect[0]) + n / 2.0)
    return r, eb


if __name__ == "__main__":
    main()
