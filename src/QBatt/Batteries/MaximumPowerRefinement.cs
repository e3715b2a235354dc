using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The maximal average power max_t W(t)/t and its time refined from the dynamics itself (R7, the precision contract): the
/// grid's estimate t^ is a root of g(t) = t P(t) - W(t) (dW/dt = W/t at the maximum); the state is propagated to
/// t^ - delta, t^ and t^ + delta, where W and P = dW/dt come from the state, so g itself is known there to the solver's
/// accuracy; the root of the parabola through the three values of g is the next estimate, and W there comes from the cubic
/// Hermite interpolant of W and P (error O(delta^4)), with delta shrinking by 64 each round. The root is taken from g, not
/// from the derivative of an interpolant of W: differencing W over a shrinking interval loses eps/delta of accuracy (with
/// W exact to 1e-16, a bracket of 1e-7 left the time 4e-8 off on the Tavis-Cummings vacuum Rabi curve). The changes of
/// time and power in the last round are the reported error estimates; rounds stop when the time changes by less than
/// 1e-12 (relative). The values themselves carry the solver's tolerance (about 1e-10 relative by default).
/// </summary>
internal static class MaximumPowerRefinement
{
    /// <summary>Refinement rounds (each one solve from the start to t^ + delta with three outputs).</summary>
    public const int Rounds = 4;

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
            var next = Root(delta, t, a * p[1] - w[1], t * p[2] - w[2], b * p[3] - w[3]);
            if (!(next > a - 2 * delta && next < b + 2 * delta)) next = t;
            // W at the root from the cubic Hermite interpolant of W and P at both ends
            var value = Hermite(a, b, w[1], w[3], p[1], p[3], next);
            change = Math.Abs(next - t);
            t = next;
            powerChange = Math.Abs(value / t - power);
            power = value / t;
            if (change <= 1e-12 * Math.Max(1, t)) break;
            delta = Math.Max(delta / 64, 4 * change);
        }
        return estimate with { Power = power, Time = t, Method = "dynamics", TimeError = change, PowerError = powerChange };
    }

    /// <summary>
    /// The root nearest <paramref name="t"/> of the parabola through g at t - delta, t and t + delta: c0 + c1 y + c2 y^2 with
    /// y = x - t, solved in the cancellation-free form y = -2 c0 / (c1 + sgn(c1) sqrt(c1^2 - 4 c0 c2)) (the secant step when the
    /// parabola has no real root).
    /// </summary>
    private static double Root(double delta, double t, double ga, double gt, double gb)
    {
        var c0 = gt;
        var c1 = (gb - ga) / (2 * delta);
        var c2 = (gb - 2 * gt + ga) / (2 * delta * delta);
        if (c1 == 0) return t;
        var disc = c1 * c1 - 4 * c0 * c2;
        var y = disc >= 0 ? -2 * c0 / (c1 + Math.CopySign(Math.Sqrt(disc), c1)) : -c0 / c1;
        return t + y;
    }

    /// <summary>The cubic Hermite interpolant on [a, b] of W (values wa, wb, derivatives pa, pb) at x.</summary>
    private static double Hermite(double a, double b, double wa, double wb, double pa, double pb, double x)
    {
        var h = b - a;
        var s = (x - a) / h;
        return (1 + 2 * s) * (1 - s) * (1 - s) * wa + s * (1 - s) * (1 - s) * h * pa + s * s * (3 - 2 * s) * wb + s * s * (s - 1) * h * pb;
    }
}
