namespace QBatt.Numerics;

/// <summary>
/// An ordinary least-squares line y = Slope x + Intercept with its coefficient of determination, used to
/// state scaling laws of the collective advantage: Gamma against sqrt(N) for the Dicke battery (R12),
/// Gamma - 1 against n or ln n for spin chains (R13).
/// </summary>
/// <param name="Slope">Fitted slope.</param>
/// <param name="Intercept">Fitted intercept.</param>
/// <param name="RSquared">1 - (residual sum of squares)/(total sum of squares); 1 for an exact line.</param>
/// <param name="Points">Number of points.</param>
public sealed record LinearFit(double Slope, double Intercept, double RSquared, int Points)
{
    /// <summary>
    /// The standard error of the slope, sqrt(s^2 / Sxx) with s^2 = (residual sum of squares) / (n - 2), the usual least-squares
    /// estimate (numpy's polyfit covariance with the same scaling); NaN for two points, where the line is exact and no scatter is seen.
    /// </summary>
    public double SlopeError { get; init; } = double.NaN;

    /// <summary>The standard error of the intercept, sqrt(s^2 (1/n + mean(x)^2 / Sxx)); NaN for two points.</summary>
    public double InterceptError { get; init; } = double.NaN;

    /// <summary>The least-squares line through (x_i, y_i) (at least two distinct x, finite values).</summary>
    public static LinearFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new DimensionMismatchException("LinearFit.Of", "y", $"{x.Count} values (one per x)", $"{y.Count}");
        for (var i = 0; i < x.Count; i++)
        {
            Guard.Finite(x[i], "LinearFit.Of", "x");
            Guard.Finite(y[i], "LinearFit.Of", "y");
        }
        var n = x.Count;
        var mx = x.Average();
        var my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (n < 2 || !(sxx > 0))
            throw new ValidationException("LinearFit.Of", "x", "at least two distinct x values", n < 2 ? $"{n} point(s)" : "all x equal");
        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        double ssr = 0;
        for (var i = 0; i < n; i++)
        {
            var r = y[i] - (slope * x[i] + intercept);
            ssr += r * r;
        }
        var r2 = syy > 0 ? 1 - ssr / syy : 1;
        if (n < 3) return new LinearFit(slope, intercept, r2, n);
        var s2 = ssr / (n - 2);
        return new LinearFit(slope, intercept, r2, n) { SlopeError = Math.Sqrt(s2 / sxx), InterceptError = Math.Sqrt(s2 * (1.0 / n + mx * mx / sxx)) };
    }

    /// <summary>The fitted value at x.</summary>
    public double At(double x) => Slope * x + Intercept;
}
