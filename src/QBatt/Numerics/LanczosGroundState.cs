using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// The smallest eigenvalue of a large Hermitian map and its eigenvector by the two-pass Lanczos method:
/// a first pass runs the three-term recurrence (no reorthogonalisation, three vectors of storage) until
/// the smallest Ritz value converges, a second pass regenerates the same Lanczos vectors and accumulates
/// the Ritz vector. The residual ||H x - theta x|| is then computed explicitly; if it misses the
/// tolerance (loss of orthogonality, a slowly converging pair) the method restarts from x.
/// </summary>
public static class LanczosGroundState
{
    /// <summary>
    /// (smallest eigenvalue, unit eigenvector, residual ||H x - theta x||) of the Hermitian map
    /// <paramref name="h"/>, with residual &lt;= tolerance max(1, |theta|), from a seeded random start vector
    /// (or <paramref name="start"/> when given).
    /// </summary>
    public static (double Value, Complex[] Vector, double Residual) Compute(ILinearMap h, double tolerance = 1e-9, int maxIterations = 400, int seed = 12345, Complex[]? start = null)
    {
        const string op = "LanczosGroundState.Compute";
        ArgumentNullException.ThrowIfNull(h);
        Guard.Positive(tolerance, op, "tolerance");
        Guard.AtLeast(maxIterations, 2, op, "maxIterations");
        var n = h.Dimension;
        if (start is not null && start.Length != n)
            throw new DimensionMismatchException(op, "start", $"length {n}", $"length {start.Length}");
        var x = start is null ? new RandomMatrices(seed).UnitVector(n) : (Complex[])start.Clone();
        var nx = VectorOps.Norm(x);
        if (!(nx > 0))
            throw new ValidationException(op, "start", "a non-zero vector", "the zero vector");
        VectorOps.Scale(1 / nx, x);
        var hx = new Complex[n];
        double theta = double.NaN, residual = double.PositiveInfinity;
        for (var restart = 0; restart < 8; restart++)
        {
            var (alpha, beta, m, _, _) = LanczosEigen.Tridiagonalize(h, x, 0.1 * tolerance, Math.Min(maxIterations, n));
            var rows = Enumerable.Range(0, m).ToArray();
            var q = new double[m * m];
            var values = TridiagonalEigen.Solve(alpha, beta, m, rows, q);
            var k = 0;
            for (var i = 1; i < m; i++) if (values[i] < values[k]) k = i;
            var s = new double[m];
            for (var r = 0; r < m; r++) s[r] = q[r * m + k];
            x = SecondPass(h, x, alpha, beta, s);
            var norm = VectorOps.Norm(x);
            VectorOps.Scale(1 / norm, x);
            h.Apply(x, hx);
            theta = VectorOps.Dot(x, hx).Real;
            VectorOps.Axpy(-theta, x, hx);
            residual = VectorOps.Norm(hx);
            if (residual <= tolerance * Math.Max(1, Math.Abs(theta))) return (theta, x, residual);
        }
        throw new ConvergenceException($"{op}: no convergence after 8 restarts of {maxIterations} iterations (residual {QBattException.Num(residual)} at {QBattException.Num(theta)}).");
    }

    /// <summary>x = sum_j s_j v_j with the Lanczos vectors v_j regenerated from v0 and the recorded coefficients.</summary>
    private static Complex[] SecondPass(ILinearMap h, Complex[] v0, double[] alpha, double[] beta, double[] s)
    {
        var n = h.Dimension;
        var m = s.Length;
        var x = new Complex[n];
        var v = (Complex[])v0.Clone();
        var prev = new Complex[n];
        var w = new Complex[n];
        for (var j = 0; j < m; j++)
        {
            VectorOps.Axpy(s[j], v, x);
            if (j == m - 1) break;
            h.Apply(v, w);
            VectorOps.Axpy(-alpha[j], v, w);
            if (j > 0) VectorOps.Axpy(-beta[j - 1], prev, w);
            (prev, v, w) = (v, w, prev);
            VectorOps.Scale(1 / beta[j], v);
        }
        return x;
    }
}
