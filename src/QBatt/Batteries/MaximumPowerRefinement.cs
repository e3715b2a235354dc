using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The maximal average power max_t W(t)/t and its time refined from the dynamics itself (R7, the precision contract): the
/// grid's estimate t^ is a root of g(t) = t P(t) - W(t) (dW/dt = W/t at the maximum); the state is propagated to
/// t^ - delta, t^ and t^ + delta, where W and P = dW/dt come from the state, and the root of g on the cubic Hermite
/// interpolant of these exact values (error O(delta^4)) is the next estimate, with delta shrinking by 64 each round. The
/// changes of time and power in the last round are the reported error estimates (the convergence is at least quartic, so
/// they bound the remaining error); rounds stop when the time changes by less than 1e-12 (relative). The values themselves
/// carry the solver's tolerance (about 1e-10 relative by default).
/// </summary>
internal static class MaximumPowerRefinement
{
    /// <summary>Refinement rounds (each one solve from the start to t^ + delta with three outputs).</summary>
    public const int Rounds = 3;

    /// <summary>
    /// Refines <paramref name="estimate"/> (times relative to the start) with <paramref name="evaluate"/>, which returns W and P at
    /// the given relative times (the first is 0) from the dynamics; <paramref name="spacing"/> is the output grid spacing there.
    /// </summary>
    public static MaxAveragePower Refine(MaxAveragePower estimate, double spacing, Func<double[], (double[] W, double[] P)> evaluate)
    {
        if (estimate.AtBoundary || !(estimate.Time > 0)) return estimate;
        var t = estimate.Time;
        var delta = Math.Min(spacing / 64, t / 4);
        double change = double.PositiveInfinity, power = estimate.Power, powerChange = double.PositiveInfinity;
        for (var round = 0; round < Rounds; round++)
        {
            var a = t - delta;
            var b = t + delta;
            var (w, p) = evaluate([0, a, t, b]);
            // the cubic Hermite interpolant of W on [a, b] from W and P at both ends, checked at the middle
            var (next, value) = Root(a, b, w[1], w[3], p[1], p[3], t, w[2]);
            change = Math.Abs(next - t);
            t = next;
            powerChange = Math.Abs(value / t - power);
            power = value / t;
            if (change <= 1e-12 * Math.Max(1, t)) break;
            delta = Math.Max(delta / 64, 4 * change);
        }
        return estimate with { Power = power, Time = t, Method = "dynamics", TimeError = change, PowerError = powerChange };
    }

    /// <summary>Newton's method for the root of g(s) = s W'(s) - W(s) on the Hermite cubic of [a, b]; returns the root and W there.</summary>
    private static (double T, double W) Root(double a, double b, double wa, double wb, double pa, double pb, double guess, double wGuess)
    {
        var h = b - a;
        double W(double x)
        {
            var s = (x - a) / h;
            return (1 + 2 * s) * (1 - s) * (1 - s) * wa + s * (1 - s) * (1 - s) * h * pa + s * s * (3 - 2 * s) * wb + s * s * (s - 1) * h * pb;
        }
        double D(double x)
        {
            var s = (x - a) / h;
            return (6 * s * s - 6 * s) * (wa - wb) / h + (3 * s * s - 4 * s + 1) * pa + (3 * s * s - 2 * s) * pb;
        }
        double D2(double x)
        {
            var s = (x - a) / h;
            return ((12 * s - 6) * (wa - wb) / h + (6 * s - 4) * pa + (6 * s - 2) * pb) / h;
        }
        var x = guess;
        for (var k = 0; k < 50; k++)
        {
            var g = x * D(x) - W(x);
            var dg = x * D2(x);
            if (dg == 0) break;
            var step = g / dg;
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, Math.Abs(x))) break;
        }
        if (!(x > a - h && x < b + h)) return (guess, wGuess);
        return (x, W(x));
    }
}
