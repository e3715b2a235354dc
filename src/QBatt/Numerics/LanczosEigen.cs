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
        var rng = new RandomMatrices(seed);
        var v = rng.UnitVector(n);
        var prev = new Complex[n];
        var w = new Complex[n];
        var alpha = new List<double>();
        var beta = new List<double>();
        double lowest = double.NaN, residual = double.PositiveInfinity;
        for (var j = 0; j < Math.Min(maxIterations, n); j++)
        {
            h.Apply(v, w);
            var a = BlockVectorOps.SubtractThenDot(w, j > 0 ? prev : default, j > 0 ? beta[j - 1] : 0, v, 0).Real;
            var b = Math.Sqrt(BlockVectorOps.SubtractThenNorm2(w, a, v, 0));
            alpha.Add(a);
            beta.Add(b);
            var m = alpha.Count;
            if (m % 5 == 0 || b < 1e-14 || m == n || j == maxIterations - 1)
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
        if (!(residual <= tolerance * Math.Max(1, Math.Abs(lowest))))
            throw new ConvergenceException($"LanczosEigen.Lowest: no convergence in {maxIterations} iterations (residual {QBattException.Num(residual)} at {QBattException.Num(lowest)}).");
        return (lowest, residual);
    }
}
