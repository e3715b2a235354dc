#!/usr/bin/env python3
"""Tight-tolerance QuTiP 4.7 references for the Chebyshev propagator and the symmetry sectors of the spin chain.

Run outside the test suite with Debian's QuTiP 4.7.1 (/usr/bin/python3), from this folder:
    /usr/bin/python3 make_w3_tight.py
It writes w3_tight_n10_nn.json (open nearest-neighbour chain, W3 parameters) and
w3_tight_n10_nn_periodic.json (periodic nearest-neighbour chain): sesolve with
Options(atol=1e-13, rtol=1e-12, nsteps=10**7), B = 1, omega = 1, g = 0.1, alpha = -1,
H0 = B sum sigma_z + Hg, Hg = -sum_{<ij>} g [sz sz + alpha (sx sx + sy sy)], H = Hg + omega sum sigma_x,
all spins down, 61 outputs on [0, 3]; series W = <H0>(t) - <H0>(0) and P = <i[H, H0]>(t).
"""
import json

import numpy as np
import qutip


def chain(n, periodic):
    def site(op, i):
        ops = [qutip.qeye(2)] * n
        ops[i] = op
        return qutip.tensor(ops)
    sx = [site(qutip.sigmax(), i) for i in range(n)]
    sy = [site(qutip.sigmay(), i) for i in range(n)]
    sz = [site(qutip.sigmaz(), i) for i in range(n)]
    bfield, omega, g, alpha = 1.0, 1.0, 0.1, -1.0
    pairs = [(i, i + 1) for i in range(n - 1)] + ([(0, n - 1)] if periodic else [])
    hg = 0
    for i, k in pairs:
        hg = hg - g * (sz[i] * sz[k] + alpha * (sx[i] * sx[k] + sy[i] * sy[k]))
    h0 = bfield * sum(sz) + hg
    h = hg + omega * sum(sx)
    return h0, h


def record(n, periodic, path):
    h0, h = chain(n, periodic)
    p = 1j * (h * h0 - h0 * h)
    psi0 = qutip.tensor([qutip.basis(2, 1)] * n)
    times = np.linspace(0.0, 3.0, 61)
    opts = qutip.Options(atol=1e-13, rtol=1e-12, nsteps=10**7)
    r = qutip.sesolve(h, psi0, times, e_ops=[h0, p], options=opts)
    e = np.asarray(r.expect[0]).real
    pw = np.asarray(r.expect[1]).real
    doc = {
        "workload": "W3 tight",
        "n": n,
        "periodic": periodic,
        "parameters": {"B": 1.0, "omega": 1.0, "g": 0.1, "alpha": -1.0, "range": "nearest"},
        "qutip": qutip.__version__,
        "options": "atol=1e-13, rtol=1e-12, nsteps=1e7",
        "times": [float(t) for t in times],
        "series": {"W": [float(x - e[0]) for x in e], "P": [float(x) for x in pw], "H0": [float(x) for x in e]},
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


if __name__ == "__main__":
    record(10, False, "w3_tight_n10_nn.json")
    record(10, True, "w3_tight_n10_nn_periodic.json")
