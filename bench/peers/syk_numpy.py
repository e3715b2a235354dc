"""numpy/scipy peer of `qbatt syk` (R19 of docs/PHYSICS.md, the SYK battery), same design and the same disorder
samples: N complex fermions by Jordan-Wigner (mode i = qubit i, subsystem 0 most significant, |1> occupied),
H_SYK = sum_{i<j, k<l} J_{ij;kl} c_i^dag c_j^dag c_k c_l with the couplings QBatt drew (read from COUPLINGS.npy,
S x M x M complex, M = N(N-1)/2 ordered pairs), H0 = h sum sigma^y, psi0 = (x) (|0> - i|1>)/sqrt 2,
psi(t) on STEPS + 1 equally spaced times on [0, TMAX] by scipy.sparse.linalg.expm_multiply, W(t) = <H0>(t) - <H0>(0),
max over the grid of W(t)/t per sample; mean and standard error over the samples.
H is built vectorised over the 2^N basis states (one numpy pass per (ij, kl) pair of pairs).
usage: syk_numpy.py N COUPLINGS.npy TMAX STEPS H ; prints one JSON line."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply


def build(n, jmat, pairs, x, occ, signs_before):
    d = 1 << n
    rows, cols, vals = [], [], []
    for b, (k, l) in enumerate(pairs):
        sel = occ[k] & occ[l]
        xs = x[sel]
        s = signs_before[l][sel]                      # c_l
        x1 = xs & ~(1 << (n - 1 - l))
        s = s * parity(x1, k, n)                      # c_k
        x2 = x1 & ~(1 << (n - 1 - k))
        for a, (i, j) in enumerate(pairs):
            free = ((x2 >> (n - 1 - i)) & 1 == 0) & ((x2 >> (n - 1 - j)) & 1 == 0)
            if not free.any():
                continue
            y2 = x2[free]
            t = s[free] * parity(y2, j, n)            # c_j^dag
            y3 = y2 | (1 << (n - 1 - j))
            t = t * parity(y3, i, n)                  # c_i^dag
            y = y3 | (1 << (n - 1 - i))
            rows.append(y)
            cols.append(xs[free])
            vals.append(t * jmat[a, b])
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(d, d))


def parity(x, mode, n):
    before = x >> (n - mode)
    bits = np.zeros_like(before)
    v = before.copy()
    while v.any():
        bits ^= v & 1
        v >>= 1
    return 1 - 2 * bits


def main():
    n = int(sys.argv[1])
    couplings = np.load(sys.argv[2])
    tmax = float(sys.argv[3])
    steps = int(sys.argv[4])
    h = float(sys.argv[5])
    m = n * (n - 1) // 2
    couplings = couplings.reshape(-1, m, m)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    start = time.perf_counter()
    cpu_start = time.process_time()
    d = 1 << n
    x = np.arange(d, dtype=np.int64)
    occ = [((x >> (n - 1 - i)) & 1) == 1 for i in range(n)]
    signs_before = [parity(x, i, n) for i in range(n)]
    sy = sp.csr_matrix(np.array([[0, -1j], [1j, 0]]))
    h0 = sp.csr_matrix((d, d), dtype=complex)
    for i in range(n):
        h0 = h0 + sp.kron(sp.kron(sp.identity(1 << i), sy), sp.identity(1 << (n - 1 - i)), format="csr")
    h0 = h * h0
    cell = np.array([1, -1j if h > 0 else 1j]) / np.sqrt(2)
    psi0 = cell
    for _ in range(n - 1):
        psi0 = np.kron(psi0, cell)
    times = np.linspace(0, tmax, steps + 1)
    powers, grid_powers = [], []
    for s in range(couplings.shape[0]):
        hs = build(n, couplings[s], pairs, x, occ, signs_before)
        psi = expm_multiply(-1j * hs, psi0, start=0, stop=tmax, num=steps + 1, endpoint=True)
        e = np.real(np.einsum("ti,ti->t", psi.conj(), (h0 @ psi.T).T))
        w = e - e[0]
        p = w[1:] / times[1:]
        grid_powers.append(float(p.max()))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    g = np.array(grid_powers)
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "samples": len(g),
        "grid_max_power": grid_powers,
        "mean_grid_max_power": float(g.mean()),
        "stderr_grid_max_power": float(g.std(ddof=1) / np.sqrt(len(g))) if len(g) > 1 else None,
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
