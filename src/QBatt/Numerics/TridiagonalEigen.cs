using System.Runtime.Intrinsics;
namespace QBatt.Numerics;

/// <summary>
/// Eigenvalues and selected rows of the eigenvector matrix of a real symmetric tridiagonal matrix
/// by the implicit QL algorithm with Wilkinson shifts (EISPACK tql2). The rotations act on the rows
/// of the eigenvector matrix independently, so a Lanczos error estimate that needs only the first
/// and last rows costs O(n^2) instead of O(n^3).
/// </summary>
internal static class TridiagonalEigen
{
    /// <summary>
    /// Diagonal <paramref name="diagonal"/> (length n) and off-diagonal <paramref name="offDiagonal"/>
    /// (entry i couples i and i+1; length at least n-1). Returns the eigenvalues (unsorted) and, for
    /// each requested row index r, the row r of the orthogonal eigenvector matrix Q (T = Q diag Q^T):
    /// <c>rowsOut[k * n + j] = Q[rows[k], j]</c>.
    /// </summary>
    public static double[] Solve(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, int n, ReadOnlySpan<int> rows, Span<double> rowsOut)
    {
        var nr = rows.Length;
        // the rotations act on columns i, i+1 of the selected rows: keep each column contiguous (z[i * nr + k])
        var z = new double[n * nr];
        for (var k = 0; k < nr; k++) z[rows[k] * nr + k] = 1;
        var d = Solve(diagonal, offDiagonal, n, z, nr);
        for (var k = 0; k < nr; k++)
            for (var j = 0; j < n; j++) rowsOut[k * n + j] = z[j * nr + k];
        return d;
    }

    private static double[] Solve(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, int n, double[] z, int nr)
    {
        var d = diagonal[..n].ToArray();
        var e = new double[n];
        for (var i = 0; i < n - 1; i++) e[i] = offDiagonal[i];
        for (var l = 0; l < n; l++)
        {
            var iter = 0;
            int m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    var dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon || Math.Abs(e[m]) <= 2.220446049250313e-16 * dd) break;
                }
                if (m == l) break;
                if (iter++ == 100)
                    throw new ConvergenceException($"TridiagonalEigen: the QL iteration did not converge for a {n}x{n} tridiagonal matrix.");
                var g = (d[l + 1] - d[l]) / (2 * e[l]);
                var r = Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                double s = 1, c = 1, p = 0;
                var i = m - 1;
                var underflow = false;
                for (; i >= l; i--)
                {
                    var f = s * e[i];
                    var b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    Rotate(z.AsSpan(i * nr, nr), z.AsSpan((i + 1) * nr, nr), c, s);
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
            while (true);
        }
        return d;
    }

    /// <summary>(zi, zi1) &lt;- (c zi - s zi1, s zi + c zi1), vectorised over the rows.</summary>
    private static void Rotate(Span<double> zi, Span<double> zi1, double c, double s)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated && zi.Length >= 4)
        {
            var vc = Vector256.Create(c);
            var vs = Vector256.Create(s);
            ref var a = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(zi);
            ref var b = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(zi1);
            for (; k + 3 < zi.Length; k += 4)
            {
                var x = Vector256.LoadUnsafe(ref a, (nuint)k);
                var y = Vector256.LoadUnsafe(ref b, (nuint)k);
                (vc * x - vs * y).StoreUnsafe(ref a, (nuint)k);
                (vs * x + vc * y).StoreUnsafe(ref b, (nuint)k);
            }
        }
        for (; k < zi.Length; k++)
        {
            var x = zi[k];
            var y = zi1[k];
            zi[k] = c * x - s * y;
            zi1[k] = s * x + c * y;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Hypot(double a, double b)
    {
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        var t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
