#!/usr/bin/env python3
"""QuTiP peer for storage and self-discharge (R16 of docs/PHYSICS.md; suite 'storage').

Usage:
  qutip_storage.py steady OUT.json        steady states (qutip.steadystate, method direct) of driven open cells
  qutip_storage.py maxpower OUT.json      max W(t)/t of an open driven qubit on a dense grid (spacing 1e-4)
  qutip_storage.py bench N [--points 201] [--tmax 10] [--reps R]
                                          discharge of N charged qubits, local damping and dephasing (timed)

Conventions (as QBatt's StorageNoise/StorageBattery): cells of d levels with H0 = diag(0, 1, ..., d-1), basis |0> (ground)
first, subsystem 0 the most significant factor; decay sqrt(g (nbar+1)) |j-1><j| and excitation sqrt(g nbar) |j><j-1| on every
ladder step, nbar = 1/(exp(1/T) - 1); dephasing sqrt(2 g_phi) n, n = diag(0..d-1); collective decay sqrt(G (nbar+1)) J_-
(+ sqrt(G nbar) J_+), J_- the sum of the cells' ladders; drive Omega sum_cells (|0><d-1| + h.c.). The ergotropy of the steady
states is computed here with numpy (eigenvalues of rho descending against those of H0 ascending).
"""
import argparse
import json
import sys

import numpy as np
import qutip

from qutip_common import Clock, emit, repeat


def site(op, i, n, d):
    ops = [qutip.qeye(d)] * n
    ops[i] = op
    return qutip.tensor(ops)


def model(n, d, decay=0.0, dephasing=0.0, collective=0.0, temperature=0.0, drive=0.0):
    num = qutip.Qobj(np.diag(np.arange(d, dtype=float)))
    lowers = [qutip.basis(d, j - 1) * qutip.basis(d, j).dag() for j in range(1, d)]
    h0 = sum(site(num, i, n, d) for i in range(n))
    flip = qutip.basis(d, 0) * qutip.basis(d, d - 1).dag()
    h = h0 + drive * sum(site(flip + flip.dag(), i, n, d) for i in range(n)) if drive > 0 else h0
    nbar = 1.0 / np.expm1(1.0 / temperature) if temperature > 0 else 0.0
    c = []
    for i in range(n):
        if decay > 0:
            for low in lowers:
                c.append(np.sqrt(decay * (nbar + 1)) * site(low, i, n, d))
                if nbar > 0:
                    c.append(np.sqrt(decay * nbar) * site(low.dag(), i, n, d))
        if dephasing > 0:
            c.append(np.sqrt(2 * dephasing) * site(num, i, n, d))
    if collective > 0:
        ladder = sum(lowers)
        j = sum(site(ladder, i, n, d) for i in range(n))
        c.append(np.sqrt(collective * (nbar + 1)) * j)
        if nbar > 0:
            c.append(np.sqrt(collective * nbar) * j.dag())
    return h0, h, c


def ergotropy(rho, h0):
    r = np.sort(np.linalg.eigvalsh(rho.full()))[::-1]
    e = np.sort(np.linalg.eigvalsh(h0.full()))
    return float(np.real((rho * h0).tr()) - np.dot(r, e))


STEADY_CASES = [
    dict(name="qubit_driven", n=1, d=2, decay=0.2, dephasing=0.1, temperature=0.5, drive=0.3),
    dict(name="qubit_strong_drive", n=1, d=2, decay=0.2, dephasing=0.0, temperature=0.0, drive=2.0),
    dict(name="qutrit_thermal_driven", n=1, d=3, decay=0.3, dephasing=0.05, temperature=1.0, drive=0.5),
    dict(name="two_qubits_collective_driven", n=2, d=2, decay=0.1, dephasing=0.0, collective=0.4, temperature=0.3, drive=0.6),
]


def steady(out):
    cases = []
    for case in STEADY_CASES:
        args = {k: v for k, v in case.items() if k not in ("name", "n", "d")}
        h0, h, c = model(case["n"], case["d"], **args)
        rho = qutip.steadystate(h, c, method="direct")
        m = rho.full()
        cases.append({**case, "energy": float(np.real((rho * h0).tr())), "ergotropy": ergotropy(rho, h0),
                      "rho_re": np.real(m).tolist(), "rho_im": np.imag(m).tolist()})
    doc = {"script": "bench/peers/qutip_storage.py steady", "qutip": qutip.__version__, "numpy": np.__version__, "cases": cases}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def maxpower(out):
    # open charging of one qubit from the ground state: H = H0 + sigma_x, decay 0.05, dephasing 0.02
    h0, h, c = model(1, 2, decay=0.05, dephasing=0.02, drive=1.0)
    times = np.linspace(0.0, 6.0, 60001)
    opts = qutip.Options(atol=1e-13, rtol=1e-12, nsteps=10**7)
    r = qutip.mesolve(h, qutip.ket2dm(qutip.basis(2, 0)), times, c_ops=c, e_ops=[h0], options=opts)
    w = np.asarray(r.expect[0]) - r.expect[0][0]
    p = np.full_like(w, -np.inf)
    p[1:] = w[1:] / times[1:]
    k = int(np.argmax(p))
    # parabola through the three grid values around the maximum of W/t
    y0, y1, y2 = p[k - 1], p[k], p[k + 1]
    hgrid = times[1] - times[0]
    denom = y0 - 2 * y1 + y2
    shift = 0.5 * (y0 - y2) / denom
    best = y1 - 0.25 * (y0 - y2) * shift
    doc = {"script": "bench/peers/qutip_storage.py maxpower", "qutip": qutip.__version__,
           "model": "one qubit, H0 = diag(0,1), H = H0 + sigma_x, decay 0.05, dephasing 0.02, from |0>, mesolve atol 1e-13 rtol 1e-12",
           "grid_spacing": float(hgrid), "max_average_power": float(best), "time": float(times[k] + shift * hgrid),
           "grid_max_average_power": float(y1), "grid_time": float(times[k])}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def bench(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--points", type=int, default=201)
    ap.add_argument("--tmax", type=float, default=10.0)
    ap.add_argument("--decay", type=float, default=0.1)
    ap.add_argument("--dephasing", type=float, default=0.05)
    ap.add_argument("--reps", type=int, default=1)
    a = ap.parse_args(argv)
    times = np.linspace(0.0, a.tmax, a.points)

    def run_once():
        with Clock() as clock:
            h0, h, c = model(a.n, 2, decay=a.decay, dephasing=a.dephasing)
            rho0 = qutip.ket2dm(qutip.tensor([qutip.basis(2, 1)] * a.n))
            r = qutip.mesolve(h, rho0, times, c_ops=c, e_ops=[h0], options=qutip.Options(atol=1e-10, rtol=1e-8, nsteps=10**6))
            e = np.asarray(r.expect[0])
        return clock.seconds, e

    seconds, e = repeat(run_once, a.reps)
    emit("storage", f"n={a.n}", seconds, {"E_end": float(e[-1]), "E_mid": float(e[len(e) // 2])}, times, {"H0": e}, None)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "steady":
        steady(sys.argv[2])
    elif sys.argv[1] == "maxpower":
        maxpower(sys.argv[2])
    elif sys.argv[1] == "bench":
        bench(sys.argv[2:])
    else:
        sys.exit(__doc__)
