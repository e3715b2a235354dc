using QBatt.Numerics;

namespace QBatt.Batteries;

/// <summary>
/// Locating a time from the dynamics below the output grid (R16): the first crossing of a level by Illinois root-finding (regula
/// falsi with the stale end's value halved, so both ends of the bracket move), and the largest value of a smooth series by
/// golden-section search, each on values computed from the state at the trial times (<see cref="StateProbe"/>).
/// </summary>
internal static class TimeRefinement
{
    /// <summary>Relative width of the last bracket at which the search stops.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>
    /// The first t with x(t) = <paramref name="level"/> given output values <paramref name="x"/> starting above it, or null when
    /// no output reaches it; <paramref name="evaluate"/> returns x at a time inside [t_(k-1), t_k] after
    /// <paramref name="anchor"/> was called with t_(k-1).
    /// </summary>
    public static RefinedTime? FirstCrossing(IReadOnlyList<double> times, IReadOnlyList<double> x, double level, Action<double> anchor, Func<double, double> evaluate, Func<int> evaluations)
    {
        var k = -1;
        for (var i = 1; i < x.Count; i++)
        {
            if (x[i] <= level)
            {
                k = i;
                break;
            }
        }
        if (k < 0 || !(x[0] > level)) return null;
        double a = times[k - 1], b = times[k], fa = x[k - 1] - level, fb = x[k] - level;
        if (fb == 0) return new RefinedTime(b, level, 0, b, 0);
        anchor(a);
        var start = evaluations();
        var side = 0;
        var c = b;
        for (var it = 0; it < 200 && b - a > Tolerance * Math.Max(1, b); it++)
        {
            c = (a * fb - b * fa) / (fb - fa);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            var fc = evaluate(c) - level;
            if (fc == 0)
            {
                a = b = c;
                break;
            }
            if (fc < 0)
            {
                b = c;
                fb = fc;
                if (side == -1) fa /= 2;
                side = -1;
            }
            else
            {
                a = c;
                fa = fc;
                if (side == 1) fb /= 2;
                side = 1;
            }
        }
        var t = Math.Abs(fa) < Math.Abs(fb) ? a : b;
        return new RefinedTime(t, level, b - a, times[k], evaluations() - start);
    }

    /// <summary>
    /// The time of the largest output value of <paramref name="x"/>, refined by golden section on [t_(k-1), t_(k+1)] when it is
    /// inside the grid (at an end it is that end, with zero error).
    /// </summary>
    public static RefinedTime Maximum(IReadOnlyList<double> times, IReadOnlyList<double> x, Action<double> anchor, Func<double, double> evaluate, Func<int> evaluations)
    {
        var k = 0;
        for (var i = 1; i < x.Count; i++)
            if (x[i] > x[k]) k = i;
        if (k == 0 || k == x.Count - 1) return new RefinedTime(times[k], x[k], 0, times[k], 0);
        double a = times[k - 1], b = times[k + 1];
        anchor(a);
        var start = evaluations();
        // the value is flat to second order at the maximum: time resolution ~ sqrt(machine epsilon) relative
        var r = GoldenSection.Maximise(evaluate, a, b, 1e-8, 200, tiesKeepLower: true);
        (a, b) = (r.A, r.B);
        var (t, v) = r.ValueC >= r.ValueD ? (r.C, r.ValueC) : (r.D, r.ValueD);
        if (x[k] > v) return new RefinedTime(times[k], x[k], b - a, times[k], evaluations() - start);
        return new RefinedTime(t, v, b - a, times[k], evaluations() - start);
    }
}
