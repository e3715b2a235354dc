namespace QBatt.Numerics;

/// <summary>The outcome of a <see cref="ProjectedLbfgs"/> minimisation.</summary>
/// <param name="Point">The best point reached (inside the box).</param>
/// <param name="Value">f at <paramref name="Point"/>.</param>
/// <param name="Iterations">Accepted steps.</param>
/// <param name="Evaluations">Calls of f and its gradient.</param>
/// <param name="ProjectedGradientNorm">max_i |P(x - g) - x|_i at the point: 0 at a first-order stationary point of the box problem.</param>
/// <param name="Stop">Why it stopped: "gradient", "progress", "iterations" or "line search".</param>
public sealed record BoxMinimum(double[] Point, double Value, int Iterations, int Evaluations, double ProjectedGradientNorm, string Stop);

/// <summary>
/// Minimises a smooth f on a box l &lt;= x &lt;= u by projected limited-memory BFGS (the L-BFGS-B family in its compact
/// projected form, Kim, Sra and Dhillon, Optim. Methods Softw. 25, 3 (2010)): the first step, and the first after a reset, has unit length in x; variables at a bound whose gradient pushes
/// outwards are held fixed, the two-loop recursion gives the quasi-Newton direction on the free ones, and a backtracking
/// line search along the projected path P(x + a d) accepts the first step with sufficient decrease (Armijo,
/// f(x') &lt;= f(x) + 1e-4 g.(x' - x)). Curvature pairs with s.y &lt;= 1e-12 |s| |y| are skipped.
/// </summary>
public static class ProjectedLbfgs
{
    /// <summary>f(x) with its gradient written into the span.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>
    /// Minimises <paramref name="f"/> from <paramref name="start"/> (projected into the box first). Stops when the projected
    /// gradient norm is below <paramref name="gradientTolerance"/>, when the relative decrease of f stays below
    /// <paramref name="progressTolerance"/> for five steps in a row, or after <paramref name="maxIterations"/> steps.
    /// </summary>
    public static BoxMinimum Minimize(Objective f, double[] start, double[] lower, double[] upper, int maxIterations = 500,
        double gradientTolerance = 1e-9, double progressTolerance = 1e-12, int memory = 10)
    {
        const string op = "ProjectedLbfgs.Minimize";
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var n = start.Length;
        if (lower.Length != n || upper.Length != n)
            throw new DimensionMismatchException(op, "lower/upper", $"{n} bounds each", $"{lower.Length} and {upper.Length}");
        for (var i = 0; i < n; i++)
            if (!(lower[i] <= upper[i]))
                throw new ValidationException(op, "lower/upper", "lower <= upper", $"[{lower[i]}, {upper[i]}] at {i}");
        Guard.AtLeast(maxIterations, 0, op, "maxIterations");
        Guard.AtLeast(memory, 1, op, "memory");

        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = Math.Clamp(start[i], lower[i], upper[i]);
        var g = new double[n];
        var evaluations = 1;
        var fx = f(x, g);
        if (!double.IsFinite(fx)) throw new ConvergenceException($"{op}: the objective is not finite at the start point ({fx}).");
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var d = new double[n];
        var xn = new double[n];
        var gn = new double[n];
        var alpha = new double[memory];
        var slow = 0;
        var iterations = 0;
        var stop = "iterations";
        while (true)
        {
            var pg = ProjectedGradientNorm(x, g, lower, upper);
            if (pg <= gradientTolerance) { stop = "gradient"; break; }
            if (iterations >= maxIterations) break;
            // free variables: not at a bound with the gradient pushing outwards
            var free = new bool[n];
            for (var i = 0; i < n; i++)
                free[i] = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
            for (var i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
            TwoLoop(d, s, y, rho, alpha, free);
            var slope = Dot(d, g);
            if (!(slope < 0))
            {
                s.Clear(); y.Clear(); rho.Clear();
                for (var i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
                slope = Dot(d, g);
            }
            // without curvature pairs, a first step of unit length in x (as L-BFGS-B's 1/||d||), shortened by the line search
            var step = s.Count == 0 ? 1 / Math.Max(1e-300, Math.Sqrt(Dot(d, d))) : 1;
            var accepted = false;
            double fn = fx;
            for (var tries = 0; tries < 40; tries++, step *= 0.5)
            {
                for (var i = 0; i < n; i++) xn[i] = Math.Clamp(x[i] + step * d[i], lower[i], upper[i]);
                var decrease = 0.0;
                for (var i = 0; i < n; i++) decrease += g[i] * (xn[i] - x[i]);
                evaluations++;
                fn = f(xn, gn);
                if (double.IsFinite(fn) && fn <= fx + 1e-4 * decrease) { accepted = true; break; }
            }
            if (!accepted) { stop = "line search"; break; }
            var si = new double[n];
            var yi = new double[n];
            for (var i = 0; i < n; i++) { si[i] = xn[i] - x[i]; yi[i] = gn[i] - g[i]; }
            var sy = Dot(si, yi);
            if (sy > 1e-12 * Math.Sqrt(Dot(si, si) * Dot(yi, yi)))
            {
                if (s.Count == memory) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(si); y.Add(yi); rho.Add(1 / sy);
            }
            var relative = (fx - fn) / Math.Max(Math.Abs(fx), 1e-300);
            Array.Copy(xn, x, n);
            Array.Copy(gn, g, n);
            fx = fn;
            iterations++;
            slow = relative < progressTolerance ? slow + 1 : 0;
            if (slow >= 5) { stop = "progress"; break; }
        }
        return new BoxMinimum(x, fx, iterations, evaluations, ProjectedGradientNorm(x, g, lower, upper), stop);
    }

    /// <summary>max_i |clamp(x_i - g_i) - x_i|.</summary>
    public static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var m = 0.0;
        for (var i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs(Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i]));
        return m;
    }

    /// <summary>d &lt;- H d on the free variables (two-loop recursion; fixed variables are kept at 0).</summary>
    private static void TwoLoop(double[] d, List<double[]> s, List<double[]> y, List<double> rho, double[] alpha, bool[] free)
    {
        var m = s.Count;
        if (m == 0) return;
        for (var j = m - 1; j >= 0; j--)
        {
            alpha[j] = rho[j] * DotFree(s[j], d, free);
            Axpy(-alpha[j], y[j], d, free);
        }
        var yy = DotFree(y[m - 1], y[m - 1], free);
        var sy = DotFree(s[m - 1], y[m - 1], free);
        var gamma = yy > 0 && sy > 0 ? sy / yy : 1;
        for (var i = 0; i < d.Length; i++) d[i] *= gamma;
        for (var j = 0; j < m; j++)
        {
            var beta = rho[j] * DotFree(y[j], d, free);
            Axpy(alpha[j] - beta, s[j], d, free);
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        var r = 0.0;
        for (var i = 0; i < a.Length; i++) r += a[i] * b[i];
        return r;
    }

    private static double DotFree(double[] a, double[] b, bool[] free)
    {
        var r = 0.0;
        for (var i = 0; i < a.Length; i++) if (free[i]) r += a[i] * b[i];
        return r;
    }

    private static void Axpy(double a, double[] x, double[] y, bool[] free)
    {
        for (var i = 0; i < y.Length; i++) if (free[i]) y[i] += a * x[i];
    }

}
