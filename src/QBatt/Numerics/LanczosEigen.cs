using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// The smallest eigenvalue of a large Hermitian map by the Lanczos method without reorthogonalisation
/// (three vectors of storage): loss of orthogonality only duplicates converged Ritz values, and the
/// smallest Ritz value converges to the smallest eigenvalue. Stops when the residual bound
/// beta_m |q_{m,k}| of the smallest Ritz pair falls below tol max(1, |theta|).
/// </summary>
public static class LanczosEigen
{
    /// <summary>(smallest eigenvalue, residual bound) of the Hermitian map h, from a seeded random start vector.</summary>
    public static (double Value, double Residual) Lowest(ILinearMap h, double tolerance = 1e-10, int maxIterations = 500, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(h);
        Guard.Positive(tolerance, "LanczosEigen.Lowest", "tolerance");
        Guard.AtLeast(maxIterations, 1, "LanczosEigen.Lowest", "maxIterations");
        var n = h.Dimension;
        var v = new RandomMatrices(seed).UnitVector(n);
        var (_, _, _, lowest, residual) = Tridiagonalize(h, v, tolerance, Math.Min(maxIterations, n));
        if (!(residual <= tolerance * Math.Max(1, Math.Abs(lowest))))
            throw new ConvergenceException($"LanczosEigen.Lowest: no convergence in {maxIterations} iterations (residual {QBattException.Num(residual)} at {QBattException.Num(lowest)}).");
        return (lowest, residual);
    }

    /// <summary>
    /// The Lanczos recurrence from the unit vector <paramref name="v0"/> (not modified; three vectors of storage):
    /// alpha, beta (beta_m last), the number of steps m, and the smallest Ritz value with its residual bound
    /// beta_m |q_(m,k)|. Stops when that bound falls below tolerance max(1, |theta|) (checked every 5 steps), on an
    /// invariant subspace, or after <paramref name="maxSteps"/> steps.
    /// </summary>
    internal static (double[] Alpha, double[] Beta, int Steps, double Lowest, double Residual) Tridiagonalize(ILinearMap h, ReadOnlySpan<Complex> v0, double tolerance, int maxSteps)
    {
        var n = h.Dimension;
        var v = v0.ToArray();
        var prev = new Complex[n];
        var w = new Complex[n];
        var alpha = new List<double>();
        var beta = new List<double>();
        double lowest = double.NaN, residual = double.PositiveInfinity;
        for (var j = 0; j < maxSteps; j++)
        {
            h.Apply(v, w);
            var a = BlockVectorOps.SubtractThenDot(w, j > 0 ? prev : default, j > 0 ? beta[j - 1] : 0, v, 0).Real;
            var b = Math.Sqrt(BlockVectorOps.SubtractThenNorm2(w, a, v, 0));
            alpha.Add(a);
            beta.Add(b);
            var m = alpha.Count;
            if (m % 5 == 0 || b < 1e-14 || m == n || j == maxSteps - 1)
            {
                var rows = new double[m];
                var values = TridiagonalEigen.Solve([.. alpha], [.. beta], m, [m - 1], rows);
                var k = 0;
                for (var i = 1; i < m; i++) if (values[i] < values[k]) k = i;
                lowest = values[k];
                residual = b * Math.Abs(rows[k]);
                if (residual <= tolerance * Math.Max(1, Math.Abs(lowest)) || b < 1e-14) break;
            }
            (prev, v, w) = (v, w, prev);
            VectorOps.Scale(1 / b, v);
        }
        return ([.. alpha], [.. beta], alpha.Count, lowest, residual);
    }
}
