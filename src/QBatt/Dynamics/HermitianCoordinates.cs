using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// Real coordinates of Hermitian D x D matrices: X = Re rho + Im rho (entrywise), an isometry onto R^(D^2)
/// (Re rho is symmetric and Im rho antisymmetric, so Re rho = (X + X^T)/2 and Im rho = (X - X^T)/2, and
/// tr(A rho) = sum_ij (Re A + Im A)_ij X_ij for Hermitian A). A Hermiticity-preserving superoperator L
/// (every Lindblad generator) acts on them as the real matrix G = Re(L) + Im(L) T, T the transposition
/// of the column-stacked index (i + j D -> j + i D).
/// </summary>
internal static class HermitianCoordinates
{
    public static void ToReal(ReadOnlySpan<Complex> vecRho, Span<double> x)
    {
        for (var k = 0; k < x.Length; k++) x[k] = vecRho[k].Real + vecRho[k].Imaginary;
    }

    public static void ToComplex(ReadOnlySpan<double> x, int d, Span<Complex> vecRho)
    {
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < d; i++)
            {
                var a = x[i + j * d];
                var b = x[j + i * d];
                vecRho[i + j * d] = new Complex(0.5 * (a + b), 0.5 * (a - b));
            }
        }
    }

    /// <summary>G = Re(L) + Im(L) T for a Hermiticity-preserving L in column-stacked coordinates.</summary>
    public static RealCsrMatrix Generator(CsrMatrix l, int d)
    {
        var n = l.Rows;
        var rp = l.RowPointers;
        var ci = l.ColumnIndices;
        var v = l.Values;
        var rowPtr = new int[n + 1];
        var cols = new int[2 * l.NonZeros];
        var vals = new double[2 * l.NonZeros];
        var keys = new int[64];
        var items = new double[64];
        var used = 0;
        for (var r = 0; r < n; r++)
        {
            var len = 2 * (rp[r + 1] - rp[r]);
            if (keys.Length < len)
            {
                keys = new int[len];
                items = new double[len];
            }
            var count = 0;
            for (var p = rp[r]; p < rp[r + 1]; p++)
            {
                var c = ci[p];
                if (v[p].Real != 0)
                {
                    keys[count] = c;
                    items[count++] = v[p].Real;
                }
                if (v[p].Imaginary != 0)
                {
                    keys[count] = c / d + c % d * d;
                    items[count++] = v[p].Imaginary;
                }
            }
            Array.Sort(keys, items, 0, count);
            var e = 0;
            while (e < count)
            {
                var col = keys[e];
                double s = 0;
                while (e < count && keys[e] == col) s += items[e++];
                if (s != 0)
                {
                    cols[used] = col;
                    vals[used++] = s;
                }
            }
            rowPtr[r + 1] = used;
        }
        return RealCsrMatrix.Wrap(n, n, rowPtr, cols[..used], vals[..used]);
    }

    /// <summary>
    /// For the functional w = vec(A^dag) (so &lt;w, vec rho&gt; = tr(A rho)), the real functionals (Wh, Wa) with
    /// tr(A rho) = Wh . X + i Wa . X for Hermitian rho (A = A_h + i A_a, A_h and A_a Hermitian).
    /// </summary>
    public static (double[] Hermitian, double[] AntiHermitian) Functional(ReadOnlySpan<Complex> w, int d)
    {
        var wh = new double[w.Length];
        var wa = new double[w.Length];
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < d; i++)
            {
                // A_ij = conj(w_{j + i d}), A_ji = conj(w_{i + j d})
                var aij = Complex.Conjugate(w[j + i * d]);
                var aji = Complex.Conjugate(w[i + j * d]);
                var h = 0.5 * (aij + Complex.Conjugate(aji));
                var a = (aij - Complex.Conjugate(aji)) / new Complex(0, 2);
                wh[i + j * d] = h.Real + h.Imaginary;
                wa[i + j * d] = a.Real + a.Imaginary;
            }
        }
        return (wh, wa);
    }

    /// <summary>
    /// <see cref="Functional(ReadOnlySpan{Complex}, int)"/> for a sparse w: (Wh, Wa) are non-zero only where w or its
    /// transposition is, so they are returned at those positions (sorted): tr(A rho) = sum_k Wh_k X[index_k] + i sum_k Wa_k X[index_k].
    /// </summary>
    public static (int[] Index, double[] Hermitian, double[] AntiHermitian) Functional(SparseFunctional w, int d)
    {
        if (w.Length != checked(d * d))
            throw new DimensionMismatchException("HermitianCoordinates.Functional", "w", $"length {d * d}", $"length {w.Length}");
        var positions = new int[2 * w.Index.Length];
        for (var k = 0; k < w.Index.Length; k++)
        {
            var q = w.Index[k];
            positions[2 * k] = q;
            positions[2 * k + 1] = q / d + q % d * d;
        }
        Array.Sort(positions);
        var count = 0;
        for (var k = 0; k < positions.Length; k++)
            if (count == 0 || positions[count - 1] != positions[k]) positions[count++] = positions[k];
        var index = positions[..count];
        var wh = new double[count];
        var wa = new double[count];
        for (var k = 0; k < count; k++)
        {
            // position i + j d; A_ij = conj(w_{j + i d}), A_ji = conj(w_{i + j d})
            var s = index[k];
            var aij = Complex.Conjugate(w.At(s / d + s % d * d));
            var aji = Complex.Conjugate(w.At(s));
            var h = 0.5 * (aij + Complex.Conjugate(aji));
            var a = (aij - Complex.Conjugate(aji)) / new Complex(0, 2);
            wh[k] = h.Real + h.Imaginary;
            wa[k] = a.Real + a.Imaginary;
        }
        return (index, wh, wa);
    }
}
