"""numpy/scipy peer of `qbatt conjecture` (R11 of docs/PHYSICS.md, Conjecture 1 study), same design:
H = sum over all k-sets S of N qubits of h_S = i log U_S, U_S Haar (scipy.stats.unitary_group),
rescaled to ||H||_op = N; W(t) from |0..0> with H0 = sum_l diag(0, 1); max_t W(t)/t on a grid of
spacing 1/(8 N) over [0, pi], refined by golden section on the exact W(t); P_par = N max_t sin^2(t)/t.
Different random numbers from QBatt's, so only the distribution (mean, spread, max) compares.
usage: conjecture_numpy.py N K SAMPLES SEED ; prints one JSON line."""
import itertools
import json
import sys
import time

import numpy as np
from scipy.stats import unitary_group


def embed(h, cells, n):
    k = len(cells)
    rest = [c for c in range(n) if c not in cells]
    full = np.kron(h, np.eye(2 ** (n - k))).reshape([2] * (2 * n))
    order = list(cells) + rest           # axis j of `full` (rows) holds qubit order[j]
    perm = [order.index(q) for q in range(n)]
    return full.transpose(perm + [n + p for p in perm]).reshape(2 ** n, 2 ** n)


def i_log(u):
    w, v = np.linalg.eig(u)
    h = v @ np.diag(-np.angle(w)) @ np.linalg.inv(v)
    return 0.5 * (h + h.conj().T)


def max_power(h, h0diag, n):
    lam, vec = np.linalg.eigh(h)
    a = vec * vec[0].conj()              # V diag(V^dag |0>)

    def work(t):
        amp = a @ np.exp(-1j * np.outer(lam, np.atleast_1d(t)))
        return h0diag @ (np.abs(amp) ** 2)

    m = int(np.ceil(np.pi * 8 * n))
    ts = np.linspace(0, np.pi, m + 1)[1:]
    p = work(ts) / ts
    j = int(np.argmax(p))
    lo, hi = ts[max(j - 1, 0)], ts[min(j + 1, len(ts) - 1)]
    g = (np.sqrt(5) - 1) / 2
    for _ in range(60):
        x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
        if work(x1)[0] / x1 > work(x2)[0] / x2:
            hi = x2
        else:
            lo = x1
    t = 0.5 * (lo + hi)
    return max(work(t)[0] / t, p[j])


def main():
    n, k, samples, seed = (int(x) for x in sys.argv[1:5])
    rng = np.random.default_rng(seed)
    h0diag = np.array([bin(i).count("1") for i in range(2 ** n)], dtype=float)
    ts = np.linspace(1e-6, np.pi, 200001)
    p_par = n * np.max(np.sin(ts) ** 2 / ts)
    start = time.perf_counter()
    gammas = []
    for _ in range(samples):
        h = np.zeros((2 ** n, 2 ** n), dtype=complex)
        for s in itertools.combinations(range(n), k):
            h += embed(i_log(unitary_group.rvs(2 ** k, random_state=rng)), s, n)
        h = 0.5 * (h + h.conj().T)
        norm = np.max(np.abs(np.linalg.eigvalsh(h)))
        gammas.append(max_power(h * (n / norm), h0diag, n) / p_par)
    seconds = time.perf_counter() - start
    g = np.array(gammas)
    print(json.dumps({"seconds": seconds, "samples": samples, "max_gamma": float(g.max()),
                      "mean_gamma": float(g.mean()), "std_gamma": float(g.std(ddof=1)),
                      "parallel_power": float(p_par)}))


if __name__ == "__main__":
    main()
