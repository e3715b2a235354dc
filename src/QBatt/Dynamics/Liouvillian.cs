using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The vectorised Lindblad generator (R6): d vec(rho)/dt = L vec(rho) with
/// L rho = -i[H, rho] + sum_k (C_k rho C_k^dag - {C_k^dag C_k, rho}/2), in the column-stacking
/// convention of QBatt's column-major matrices (vec index i + j D holds rho_ij, as QuTiP's
/// <c>operator_to_vector</c>): L = -i (1 (x) H_eff - conj(H_eff) (x) 1) + sum_k conj(C_k) (x) C_k with
/// H_eff = H - (i/2) sum_k C_k^dag C_k. Assembled row by row straight into CSR (no Kronecker products).
/// </summary>
public static class Liouvillian
{
    /// <summary>L for the Hamiltonian h and the collapse operators (each on h's dims).</summary>
    public static CsrMatrix Build(Operator h, IReadOnlyList<Operator> collapse, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(collapse);
        var d = h.Dimension;
        var heff = h.ToSparse();
        var jumps = new CsrMatrix[collapse.Count];
        for (var k = 0; k < collapse.Count; k++)
        {
            var c = collapse[k] ?? throw new ArgumentNullException(nameof(collapse), $"collapse operator {k} is null");
            if (c.Dimension != d)
                throw new DimensionMismatchException("Liouvillian", $"collapse[{k}]", $"a {d}x{d} operator (dims {h.Dims})", $"{c.Dimension}x{c.Dimension} (dims {c.Dims})");
            jumps[k] = c.ToSparse();
            heff = heff.Add(jumps[k].Adjoint().Multiply(jumps[k]), new Complex(0, -0.5));
        }
        return Assemble(d, heff, jumps, threads);
    }

    /// <summary>The Hamiltonian part alone, -i (1 (x) H - H^T (x) 1): the generator of rho -> -i[H, rho].</summary>
    public static CsrMatrix Commutator(Operator h, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(h);
        return Assemble(h.Dimension, h.ToSparse(), [], threads);
    }

    private static CsrMatrix Assemble(int d, CsrMatrix heff, CsrMatrix[] jumps, int threads)
    {
        var n = checked(d * d);
        var hp = heff.RowPointers.ToArray();
        var hc = heff.ColumnIndices.ToArray();
        var hv = heff.Values.ToArray();
        var jp = jumps.Select(j => j.RowPointers.ToArray()).ToArray();
        var jc = jumps.Select(j => j.ColumnIndices.ToArray()).ToArray();
        var jv = jumps.Select(j => j.Values.ToArray()).ToArray();
        // rows ordered R = i + j d; assemble per column block j (d rows each) in parallel
        var rowCols = new int[d][];
        var rowVals = new Complex[d][];
        var counts = new int[n + 1];
        var t = threads <= 0 ? Environment.ProcessorCount : threads;
        var maxRow = hp.Select((_, i) => i < d ? hp[i + 1] - hp[i] : 0).Max();
        var maxJump = jp.Length == 0 ? 0 : jp.Max(rp => Enumerable.Range(0, d).Max(i => rp[i + 1] - rp[i]));
        var perRow = 2 * maxRow + jp.Length * maxJump * maxJump;
        Parallel.For(0, d, new ParallelOptions { MaxDegreeOfParallelism = t }, () => (new int[perRow], new Complex[perRow]), (j, _, buffers) =>
        {
            var (keys, items) = buffers;
            var cols = new int[d * perRow];
            var vals = new Complex[d * perRow];
            var used = 0;
            var minusI = new Complex(0, -1);
            var plusI = new Complex(0, 1);
            for (var i = 0; i < d; i++)
            {
                var count = 0;
                // -i sum_k Heff_ik rho_kj
                for (var p = hp[i]; p < hp[i + 1]; p++)
                {
                    keys[count] = hc[p] + j * d;
                    items[count++] = minusI * hv[p];
                }
                // +i sum_k rho_ik conj(Heff_jk)
                for (var p = hp[j]; p < hp[j + 1]; p++)
                {
                    keys[count] = i + hc[p] * d;
                    items[count++] = plusI * Complex.Conjugate(hv[p]);
                }
                // sum_c sum_kl C_ik conj(C_jl) rho_kl
                for (var c = 0; c < jp.Length; c++)
                {
                    var rp = jp[c];
                    var ci = jc[c];
                    var cv = jv[c];
                    for (var p = rp[i]; p < rp[i + 1]; p++)
                        for (var q = rp[j]; q < rp[j + 1]; q++)
                        {
                            keys[count] = ci[p] + ci[q] * d;
                            items[count++] = cv[p] * Complex.Conjugate(cv[q]);
                        }
                }
                Array.Sort(keys, items, 0, count);
                var before = used;
                var e = 0;
                while (e < count)
                {
                    var col = keys[e];
                    var v = Complex.Zero;
                    while (e < count && keys[e] == col) v += items[e++];
                    if (v != Complex.Zero)
                    {
                        cols[used] = col;
                        vals[used++] = v;
                    }
                }
                counts[i + j * d + 1] = used - before;
            }
            rowCols[j] = cols[..used];
            rowVals[j] = vals[..used];
            return buffers;
        }, _ => { });
        for (var r = 0; r < n; r++) counts[r + 1] += counts[r];
        var colIdx = new int[counts[n]];
        var values = new Complex[counts[n]];
        for (var j = 0; j < d; j++)
        {
            rowCols[j].CopyTo(colIdx, counts[j * d]);
            rowVals[j].CopyTo(values, counts[j * d]);
        }
        return CsrMatrix.FromCsr(n, n, counts, colIdx, values);
    }

    /// <summary>vec(A): the column-stacked entries of a D x D operator (index i + j D holds a_ij).</summary>
    public static Complex[] Vectorize(Operator a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.ToDense().ReadOnlySpan.ToArray();
    }

    /// <summary>The functional w with &lt;w, vec(rho)&gt; = tr(A rho): w = vec(A^dag).</summary>
    public static Complex[] ExpectationFunctional(Operator a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = a.Dimension;
        var w = new Complex[checked(d * d)];
        if (a.SparseStorage is { } s)
        {
            var rp = s.RowPointers;
            var ci = s.ColumnIndices;
            var v = s.Values;
            // (A^dag)_{c r} = conj(a_rc) at vec index c + r d
            for (var r = 0; r < d; r++)
                for (var p = rp[r]; p < rp[r + 1]; p++) w[ci[p] + r * d] = Complex.Conjugate(v[p]);
            return w;
        }
        var m = a.ToDense();
        for (var j = 0; j < d; j++)
            for (var i = 0; i < d; i++) w[j + i * d] = Complex.Conjugate(m[i, j]);
        return w;
    }

    /// <summary>
    /// <see cref="ExpectationFunctional"/> stored by its non-zeros: those of A (a dense operator's zero entries
    /// left out), so tr(A rho) for a local observable reads O(D) entries of vec(rho) and holds no D^2 vector.
    /// </summary>
    internal static SparseFunctional SparseExpectationFunctional(Operator a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = a.Dimension;
        var length = checked(d * d);
        if (a.SparseStorage is not { } s) return SparseFunctional.FromDense(ExpectationFunctional(a));
        var rp = s.RowPointers;
        var ci = s.ColumnIndices;
        var v = s.Values;
        var index = new List<int>(s.NonZeros);
        var value = new List<Complex>(s.NonZeros);
        // (A^dag)_{c r} = conj(a_rc) at vec index c + r d
        for (var r = 0; r < d; r++)
        {
            for (var p = rp[r]; p < rp[r + 1]; p++)
            {
                if (v[p] == Complex.Zero) continue;
                index.Add(ci[p] + r * d);
                value.Add(Complex.Conjugate(v[p]));
            }
        }
        return SparseFunctional.FromEntries(length, [.. index], [.. value]);
    }
}
