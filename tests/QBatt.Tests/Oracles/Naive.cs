using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Tests.Oracles;

/// <summary>
/// Naive reference implementations written from the definitions, independent of the library's
/// kernels: triple-loop products, Kronecker products and partial traces by explicit multi-indices.
/// </summary>
public static class Naive
{
    public static Complex[,] ToArray(ComplexMatrix m)
    {
        var a = new Complex[m.Rows, m.Cols];
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++)
                a[i, j] = m[i, j];
        return a;
    }

    public static Complex[,] Op(Complex[,] a, QBatt.Numerics.Op op)
    {
        if (op == QBatt.Numerics.Op.None) return a;
        var r = new Complex[a.GetLength(1), a.GetLength(0)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++)
                r[j, i] = op == QBatt.Numerics.Op.Adjoint ? Complex.Conjugate(a[i, j]) : a[i, j];
        return r;
    }

    public static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        var m = a.GetLength(0);
        var k = a.GetLength(1);
        var n = b.GetLength(1);
        var c = new Complex[m, n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var s = Complex.Zero;
                for (var p = 0; p < k; p++) s += a[i, p] * b[p, j];
                c[i, j] = s;
            }
        return c;
    }

    public static Complex[,] Kron(Complex[,] a, Complex[,] b)
    {
        int ar = a.GetLength(0), ac = a.GetLength(1), br = b.GetLength(0), bc = b.GetLength(1);
        var r = new Complex[ar * br, ac * bc];
        for (var i = 0; i < ar; i++)
            for (var j = 0; j < ac; j++)
                for (var k = 0; k < br; k++)
                    for (var l = 0; l < bc; l++)
                        r[i * br + k, j * bc + l] = a[i, j] * b[k, l];
        return r;
    }

    /// <summary>Digits of a flat index for dims (subsystem 0 most significant).</summary>
    public static int[] Digits(int index, int[] dims)
    {
        var d = new int[dims.Length];
        for (var k = dims.Length - 1; k >= 0; k--)
        {
            d[k] = index % dims[k];
            index /= dims[k];
        }
        return d;
    }

    public static int Flat(int[] digits, int[] dims)
    {
        var idx = 0;
        for (var k = 0; k < dims.Length; k++) idx = idx * dims[k] + digits[k];
        return idx;
    }

    /// <summary>Partial trace by the definition: result[r, c] = sum over full (i, j) whose traced digits agree.</summary>
    public static Complex[,] PartialTraceKeep(Complex[,] m, int[] dims, int[] keep)
    {
        var keptDims = keep.Select(k => dims[k]).ToArray();
        var dk = keptDims.Aggregate(1, (x, y) => x * y);
        var r = new Complex[dk, dk];
        var n = m.GetLength(0);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var di = Digits(i, dims);
                var dj = Digits(j, dims);
                var traced = Enumerable.Range(0, dims.Length).Where(k => !keep.Contains(k));
                if (traced.Any(k => di[k] != dj[k])) continue;
                var ri = Flat(keep.Select(k => di[k]).ToArray(), keptDims);
                var rj = Flat(keep.Select(k => dj[k]).ToArray(), keptDims);
                r[ri, rj] += m[i, j];
            }
        return r;
    }

    /// <summary>Partial transpose by the definition: swap the row and column digits of the selected subsystems.</summary>
    public static Complex[,] PartialTranspose(Complex[,] m, int[] dims, int[] sel)
    {
        var n = m.GetLength(0);
        var r = new Complex[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var di = Digits(i, dims);
                var dj = Digits(j, dims);
                foreach (var k in sel) (di[k], dj[k]) = (dj[k], di[k]);
                r[Flat(di, dims), Flat(dj, dims)] = m[i, j];
            }
        return r;
    }

    public static double MaxAbsDiff(Complex[,] a, ComplexMatrix b)
    {
        if (a.GetLength(0) != b.Rows || a.GetLength(1) != b.Cols)
            throw new InvalidOperationException($"shape {a.GetLength(0)}x{a.GetLength(1)} vs {b.Rows}x{b.Cols}");
        double e = 0;
        for (var i = 0; i < b.Rows; i++)
            for (var j = 0; j < b.Cols; j++)
                e = Math.Max(e, (a[i, j] - b[i, j]).Magnitude);
        return e;
    }
}
