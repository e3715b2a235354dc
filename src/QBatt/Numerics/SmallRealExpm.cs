namespace QBatt.Numerics;

/// <summary>
/// exp(A) for a small real matrix (column-major m x m, m up to a few hundred) by scaling and squaring
/// with diagonal Padé approximants (Higham, SIAM J. Matrix Anal. Appl. 26, 1179 (2005)), in managed
/// code: the Hessenberg matrices of a real Arnoldi process are small, and calling a threaded BLAS for
/// them costs more in thread wake-ups than the arithmetic.
/// </summary>
internal static class SmallRealExpm
{
    /// <summary>exp(s A) for the m x m column-major matrix A.</summary>
    public static double[] Exp(ReadOnlySpan<double> a, int m, double s)
    {
        var x = new double[m * m];
        for (var k = 0; k < x.Length; k++) x[k] = s * a[k];
        if (m == 0) return x;
        var norm = Norm1(x, m);
        foreach (var (theta, b) in PadeCoefficients.LowOrders)
        {
            if (norm <= theta) return Pade(x, m, b);
        }
        var squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / PadeCoefficients.Theta13)));
        if (squarings > 0)
        {
            var f = Math.Pow(2, -squarings);
            for (var k = 0; k < x.Length; k++) x[k] *= f;
        }
        var r = Pade13(x, m);
        for (var k = 0; k < squarings; k++) r = Multiply(r, r, m);
        return r;
    }

    /// <summary>1-norm (largest absolute column sum) of the m x m column-major matrix a.</summary>
    public static double Norm1(ReadOnlySpan<double> a, int m)
    {
        double best = 0;
        for (var j = 0; j < m; j++)
        {
            double s = 0;
            for (var i = 0; i < m; i++) s += Math.Abs(a[i + j * m]);
            best = Math.Max(best, s);
        }
        return best;
    }

    private static double[] Multiply(double[] a, double[] b, int m)
    {
        var c = new double[m * m];
        for (var j = 0; j < m; j++)
        {
            var cj = c.AsSpan(j * m, m);
            for (var k = 0; k < m; k++)
            {
                var bkj = b[k + j * m];
                if (bkj != 0) RealArnoldiExponential.Axpy(bkj, a.AsSpan(k * m, m), cj);
            }
        }
        return c;
    }

    private static void AddScaled(double[] target, double s, double[] a)
    {
        for (var k = 0; k < target.Length; k++) target[k] += s * a[k];
    }

    private static void AddIdentity(double[] target, double s, int m)
    {
        for (var i = 0; i < m; i++) target[i + i * m] += s;
    }

    private static double[] Pade(double[] a, int m, double[] b)
    {
        var a2 = Multiply(a, a, m);
        var u = new double[m * m];
        var v = new double[m * m];
        AddIdentity(u, b[1], m);
        AddIdentity(v, b[0], m);
        var p = a2;
        for (var k = 2; k < b.Length; k += 2)
        {
            AddScaled(v, b[k], p);
            if (k + 1 < b.Length) AddScaled(u, b[k + 1], p);
            if (k + 2 < b.Length) p = Multiply(p, a2, m);
        }
        return Solve(Multiply(a, u, m), v, m);
    }

    private static double[] Pade13(double[] a, int m)
    {
        var b = PadeCoefficients.B13;
        var a2 = Multiply(a, a, m);
        var a4 = Multiply(a2, a2, m);
        var a6 = Multiply(a4, a2, m);
        var inner = new double[m * m];
        AddScaled(inner, b[13], a6);
        AddScaled(inner, b[11], a4);
        AddScaled(inner, b[9], a2);
        var u = Multiply(a6, inner, m);
        AddScaled(u, b[7], a6);
        AddScaled(u, b[5], a4);
        AddScaled(u, b[3], a2);
        AddIdentity(u, b[1], m);
        u = Multiply(a, u, m);
        var inner2 = new double[m * m];
        AddScaled(inner2, b[12], a6);
        AddScaled(inner2, b[10], a4);
        AddScaled(inner2, b[8], a2);
        var v = Multiply(a6, inner2, m);
        AddScaled(v, b[6], a6);
        AddScaled(v, b[4], a4);
        AddScaled(v, b[2], a2);
        AddIdentity(v, b[0], m);
        return Solve(u, v, m);
    }

    /// <summary>(V - U)^{-1} (V + U) by LU with partial pivoting.</summary>
    private static double[] Solve(double[] u, double[] v, int m)
    {
        var p = new double[m * m];
        var q = new double[m * m];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = v[k] - u[k];
            q[k] = v[k] + u[k];
        }
        var piv = new int[m];
        for (var k = 0; k < m; k++)
        {
            var best = k;
            for (var i = k + 1; i < m; i++)
                if (Math.Abs(p[i + k * m]) > Math.Abs(p[best + k * m])) best = i;
            piv[k] = best;
            if (p[best + k * m] == 0)
                throw new ConvergenceException($"SmallRealExpm: singular Padé denominator at column {k} of a {m}x{m} matrix.");
            if (best != k)
                for (var j = 0; j < m; j++) (p[k + j * m], p[best + j * m]) = (p[best + j * m], p[k + j * m]);
            var inv = 1 / p[k + k * m];
            for (var i = k + 1; i < m; i++) p[i + k * m] *= inv;
            for (var j = k + 1; j < m; j++)
            {
                var f = p[k + j * m];
                if (f == 0) continue;
                for (var i = k + 1; i < m; i++) p[i + j * m] -= f * p[i + k * m];
            }
        }
        for (var c = 0; c < m; c++)
        {
            var x = q.AsSpan(c * m, m);
            for (var k = 0; k < m; k++)
                if (piv[k] != k) (x[k], x[piv[k]]) = (x[piv[k]], x[k]);
            for (var k = 0; k < m; k++)
            {
                var xk = x[k];
                if (xk == 0) continue;
                for (var i = k + 1; i < m; i++) x[i] -= p[i + k * m] * xk;
            }
            for (var k = m - 1; k >= 0; k--)
            {
                x[k] /= p[k + k * m];
                var xk = x[k];
                if (xk == 0) continue;
                for (var i = 0; i < k; i++) x[i] -= p[i + k * m] * xk;
            }
        }
        return q;
    }
}
