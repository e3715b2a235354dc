"""QuTiP-based GRAPE peer of `qbatt optimize` (R17 of docs/PHYSICS.md), written for the bench (suite `grape`).

Same problem and objective as the QBatt side: N qubit cells (H0 = sum_l |1><1|_l, from |0..0>), no drift, controls on the
global term |1..1><0..0| + h.c. and on the N local flips sigma_x^(l) (K = N + 1 controls), u_kj piecewise constant on M
slices of [0, T], |u| <= u_max; objective W(T) = <psi(T)|H0|psi(T)>. Operators are QuTiP Qobj (tensor, sigmax, basis); each
slice's H_j = sum_k u_kj H_k is diagonalised with Qobj.eigenstates, U_j = V exp(-i lambda dt) V^dag, and the exact gradient
is GRAPE's: dW/du_kj = 2 Re <chi_j| dU_j/du_kj |psi_j-1>, dU = V (G o V^dag H_k V) V^dag (Daleckii-Krein), chi propagated
backwards. Maximised by scipy's L-BFGS-B with the box bounds. Start: u_kj = 0.5 u_max sin(1 + j + 7 k) (the same on both sides).
Timed: the median of REPS objective+gradient evaluations at the start point, and the whole optimisation (iterations counted by
scipy); the value and gradient at the start point are printed for the cross-check.
usage: grape_qutip.py N SLICES T UMAX MAXITER REPS ; prints one JSON line."""
import json
import platform
import sys
import time

import numpy as np
import qutip
import scipy
from scipy.optimize import minimize


def problem(n):
    flips = []
    for l in range(n):
        ops = [qutip.qeye(2)] * n
        ops[l] = qutip.sigmax()
        flips.append(qutip.tensor(ops))
    g = qutip.tensor([qutip.basis(2, 0)] * n)
    e = qutip.tensor([qutip.basis(2, 1)] * n)
    glob = e * g.dag() + g * e.dag()
    h0 = sum(qutip.tensor([qutip.basis(2, 1) * qutip.basis(2, 1).dag() if m == l else qutip.qeye(2) for m in range(n)]) for l in range(n))
    return [glob] + flips, h0, g


def make_objective(controls, h0, psi0, slices, duration):
    dt = duration / slices
    k_count = len(controls)
    hk = [c.full() for c in controls]
    h0m = h0.full()

    def evaluate(u):
        u = u.reshape(k_count, slices)
        vs, ws, states = [], [], [psi0]
        for j in range(slices):
            h = sum(u[k, j] * controls[k] for k in range(k_count))
            w, kets = h.eigenstates()
            v = np.column_stack([kt.full().ravel() for kt in kets])
            vs.append(v)
            ws.append(w)
            u_j = qutip.Qobj(v @ np.diag(np.exp(-1j * w * dt)) @ v.conj().T, dims=h.dims)
            states.append(u_j * states[-1])
        psi_m = states[-1].full().ravel()
        work = float(np.real(psi_m.conj() @ h0m @ psi_m))
        grad = np.zeros((k_count, slices))
        chi = h0m @ psi_m
        for j in range(slices - 1, -1, -1):
            v, w = vs[j], ws[j]
            x = v.conj().T @ chi
            y = v.conj().T @ states[j].full().ravel()
            e = np.exp(-1j * w * dt)
            dl = w[:, None] - w[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                g = np.where(np.abs(dl) > 1e-9, (e[:, None] - e[None, :]) / np.where(dl == 0, 1, dl), -1j * dt * e[:, None])
            q = np.conj(x)[:, None] * g * y[None, :]
            s = v @ q.T @ v.conj().T
            for k in range(k_count):
                grad[k, j] = 2 * np.real(np.sum(hk[k] * s.T))
            chi = v @ (np.conj(e) * x)
        return work, grad.ravel()

    return evaluate


def main():
    n, slices, duration, umax, maxiter, reps = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    t_build = time.perf_counter()
    controls, h0, psi0 = problem(n)
    evaluate = make_objective(controls, h0, psi0, slices, duration)
    k_count = len(controls)
    start = np.array([[0.5 * umax * np.sin(1 + j + 7 * k) for j in range(slices)] for k in range(k_count)]).ravel()
    build = time.perf_counter() - t_build
    w0, g0 = evaluate(start)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        evaluate(start)
        times.append(time.perf_counter() - t0)
    calls = [0]

    def f(x):
        calls[0] += 1
        w, g = evaluate(x)
        return -w, -g

    t0 = time.perf_counter()
    res = minimize(f, start, jac=True, method="L-BFGS-B", bounds=[(-umax, umax)] * len(start), options={"maxiter": maxiter, "gtol": 1e-10, "ftol": 1e-15})
    total = time.perf_counter() - t0
    print(json.dumps({
        "cells": n, "slices": slices, "controls": k_count, "build_seconds": build,
        "start_work": w0, "start_gradient": [float(v) for v in g0],
        "evaluation_seconds": float(np.median(times)),
        "optimisation_seconds": total, "iterations": int(res.nit), "evaluations": calls[0],
        "seconds_per_iteration": total / max(1, int(res.nit)),
        "final_work": float(-res.fun),
        "qutip": qutip.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "python": platform.python_version(),
    }))


if __name__ == "__main__":
    main()
