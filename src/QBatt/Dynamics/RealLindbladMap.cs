using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// The Lindblad generator (R6) in the Hermitian coordinates X = Re rho + Im rho of
/// <see cref="HermitianCoordinates"/>, applied in matrix form without assembling the D^2 x D^2
/// superoperator, for a real Hamiltonian H and real collapse operators C_k (amplitude damping,
/// dephasing, sigma_x drives: the common case). With rho = S + i A (S symmetric, A antisymmetric,
/// X = S + A) and Gamma = (1/2) sum_k C_k^T C_k, the generator
/// L rho = -i[H, rho] - {Gamma, rho} + sum_k C_k rho C_k^T maps X to
/// Y = Re L rho + Im L rho = X^T H - (X H)^T - (Gamma X + X Gamma) + sum_k C_k X C_k^T
/// (the commutator part: Re = H A - A H, Im = S H - H S, A - S = -X^T, and H is symmetric). Column j of
/// X^T H and of X H is a combination of the columns of X^T (a transposed copy) or of X with the entries of
/// row j of H: vectorised axpys on contiguous columns, no gathers; a diagonal Gamma (every set of jumps
/// that does not mix basis states, e.g. sigma_- and sigma_z on each cell) is a scaling, and C_k X C_k^T
/// takes one sparse product per stored entry of row j of C_k. The map streams X a few times instead of
/// gathering through a superoperator with D^2 rows: at D = 1024 (10 qubits) several times fewer seconds
/// per application than the assembled real CSR generator, which it equals to rounding (tests).
/// </summary>
internal sealed class RealLindbladMap : IRealMap
{
    private readonly int _d;
    private readonly RealCsrMatrix _h;
    private readonly RealCsrMatrix _gamma;
    private readonly double[]? _gammaDiagonal;
    private readonly RealCsrMatrix[] _jumps;
    private readonly int[][] _jumpRows;
    private double[] _t = [];
    private double[] _w = [];

    /// <summary>The map for the real symmetric H and the real collapse operators (all D x D).</summary>
    public RealLindbladMap(RealCsrMatrix h, IReadOnlyList<RealCsrMatrix> jumps)
    {
        _d = h.Rows;
        _h = h;
        _jumps = [.. jumps];
        _jumpRows = [.. _jumps.Select(NonEmptyRows)];
        _gamma = HalfSumOfSquares(_d, _jumps);
        _gammaDiagonal = DiagonalOf(_gamma);
    }

    public int Dimension => _d * _d;

    /// <summary>Gamma = (1/2) sum_k C_k^T C_k as real CSR.</summary>
    private static RealCsrMatrix HalfSumOfSquares(int d, RealCsrMatrix[] jumps)
    {
        var sum = CsrMatrix.FromTriplets(d, d, [], [], []);
        foreach (var c in jumps)
        {
            var cc = c.ToComplex();
            sum = sum.Add(cc.Adjoint().Multiply(cc), 0.5);
        }
        return sum.ToReal();
    }

    /// <summary>The diagonal of a, or null when a has an off-diagonal entry.</summary>
    private static double[]? DiagonalOf(RealCsrMatrix a)
    {
        var diag = new double[a.Rows];
        var rp = a.RowPointers;
        var ci = a.ColumnIndices;
        var v = a.Values;
        for (var i = 0; i < a.Rows; i++)
        {
            for (var p = rp[i]; p < rp[i + 1]; p++)
            {
                if (ci[p] != i && v[p] != 0) return null;
                if (ci[p] == i) diag[i] = v[p];
            }
        }
        return diag;
    }

    private static int[] NonEmptyRows(RealCsrMatrix a)
    {
        var rp = a.RowPointers;
        var rows = new List<int>();
        for (var i = 0; i < a.Rows; i++)
        {
            if (rp[i + 1] > rp[i]) rows.Add(i);
        }
        return [.. rows];
    }

    /// <summary>Smallest D^2 at which <see cref="Multiply"/> shares its work among threads.</summary>
    internal const int ParallelMinEntries = 1 << 15;

    public void Multiply(ReadOnlySpan<double> x, Span<double> y, int threads)
    {
        var n = Dimension;
        CsrKernels.CheckShapes("RealLindbladMap.Multiply", n, n, x.Length, y.Length, x.Overlaps(y));
        if (_w.Length != n)
        {
            _w = GC.AllocateUninitializedArray<double>(n);
            _t = GC.AllocateUninitializedArray<double>(n);
        }
        // below 2^15 entries (D < 182) one application takes tens of microseconds and three parallel loops cost more than
        // they save: measured at D = 64 (6 cells), 10 ms a run on one thread against 15 ms on two; D = 128 breaks even
        var t = n < ParallelMinEntries ? 1 : threads <= 0 ? Environment.ProcessorCount : threads;
        var d = _d;
        var blocks = Math.Min(d, 8 * t);
        const int tile = 32;
        var tiles = (d + tile - 1) / tile;
        var options = new ParallelOptions { MaxDegreeOfParallelism = t };
        unsafe
        {
            fixed (double* px = x, py = y, pw = _w, pt = _t)
            {
                if (t == 1)
                {
                    for (var tj = 0; tj < tiles; tj++) Transpose(px, pt, d, tj, tile, false);
                    var u = new double[d];
                    for (var j = 0; j < d; j++) Column(j, x, new ReadOnlySpan<double>(pt, n), _w.AsSpan(j * d, d), y.Slice(j * d, d), u);
                    for (var tj = 0; tj < tiles; tj++) Transpose(pw, py, d, tj, tile, true);
                    return;
                }
                var (ix, iy, iw, it) = ((IntPtr)px, (IntPtr)py, (IntPtr)pw, (IntPtr)pt);
                // T = X^T
                Parallel.For(0, tiles, options, tj => Transpose((double*)ix, (double*)it, d, tj, tile, false));
                // column by column: y = X^T H - (Gamma X + X Gamma) + sum_k C_k X C_k^T, w = X H
                Parallel.For(0, blocks, options, b =>
                {
                    var u = new double[d];
                    var xs = new ReadOnlySpan<double>((double*)ix, n);
                    var ts = new ReadOnlySpan<double>((double*)it, n);
                    var ys = new Span<double>((double*)iy, n);
                    var ws = new Span<double>((double*)iw, n);
                    for (var j = (int)((long)b * d / blocks); j < (int)((long)(b + 1) * d / blocks); j++)
                        Column(j, xs, ts, ws.Slice(j * d, d), ys.Slice(j * d, d), u);
                });
                // y -= w^T
                Parallel.For(0, tiles, options, tj => Transpose((double*)iw, (double*)iy, d, tj, tile, true));
            }
        }
    }

    /// <summary>b = a^T (or b -= a^T) on the tile column tj of b, tile by tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Transpose(double* a, double* b, int d, int tj, int tile, bool subtract)
    {
        var tiles = (d + tile - 1) / tile;
        var j1 = Math.Min(d, (tj + 1) * tile);
        for (var ti = 0; ti < tiles; ti++)
        {
            var i1 = Math.Min(d, (ti + 1) * tile);
            for (var j = tj * tile; j < j1; j++)
            {
                var bj = b + (long)j * d;
                if (subtract)
                {
                    for (var i = ti * tile; i < i1; i++) bj[i] -= a[j + (long)i * d];
                }
                else
                {
                    for (var i = ti * tile; i < i1; i++) bj[i] = a[j + (long)i * d];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Column(int j, ReadOnlySpan<double> x, ReadOnlySpan<double> xt, Span<double> w, Span<double> y, double[] u)
    {
        var d = _d;
        var xj = x.Slice(j * d, d);
        // y = X^T H (columns of X^T), w = X H (columns of X): row j of the symmetric H
        y.Clear();
        w.Clear();
        CombineColumns(_h, j, xt, y, 1);
        CombineColumns(_h, j, x, w, 1);
        // y -= Gamma x_j + X Gamma e_j
        if (_gammaDiagonal is { } g)
        {
            var gj = g[j];
            for (var i = 0; i < d; i++) y[i] -= (g[i] + gj) * xj[i];
        }
        else
        {
            Sparse(_gamma, null, xj, y, -1);
            CombineColumns(_gamma, j, x, y, -1);
        }
        // y += C (sum_l x_l C_jl) for each collapse operator
        for (var k = 0; k < _jumps.Length; k++)
        {
            var c = _jumps[k];
            var rp = c.RowPointers;
            var count = rp[j + 1] - rp[j];
            if (count == 0) continue;
            if (count == 1)
            {
                Sparse(c, _jumpRows[k], x.Slice(c.ColumnIndices[rp[j]] * d, d), y, c.Values[rp[j]]);
            }
            else
            {
                Array.Clear(u);
                CombineColumns(c, j, x, u, 1);
                Sparse(c, _jumpRows[k], u, y, 1);
            }
        }
    }

    /// <summary>y += alpha A x for a D x D real CSR A and a column x, over the given rows (null: all).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sparse(RealCsrMatrix a, int[]? rows, ReadOnlySpan<double> x, Span<double> y, double alpha)
    {
        var rp = a.RowPointers;
        var ci = a.ColumnIndices;
        var v = a.Values;
        ref var xr = ref MemoryMarshal.GetReference(x);
        var count = rows?.Length ?? y.Length;
        for (var r = 0; r < count; r++)
        {
            var i = rows is null ? r : rows[r];
            double s = 0;
            for (var p = rp[i]; p < rp[i + 1]; p++) s += v[p] * Unsafe.Add(ref xr, ci[p]);
            y[i] += alpha * s;
        }
    }

    /// <summary>y += alpha sum_l x_l A_jl over the stored entries of row j of A (x_l: column l of X).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineColumns(RealCsrMatrix a, int j, ReadOnlySpan<double> x, Span<double> y, double alpha)
    {
        var d = y.Length;
        var rp = a.RowPointers;
        var ci = a.ColumnIndices;
        var v = a.Values;
        for (var p = rp[j]; p < rp[j + 1]; p++) RealArnoldiExponential.Axpy(alpha * v[p], x.Slice(ci[p] * d, d), y);
    }
}
