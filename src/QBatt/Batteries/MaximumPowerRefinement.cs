using QBatt.Charging;
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
    /// <summary>Refinement rounds (each one solve to t^ + delta with three outputs, from the start or from a state held before t^ - delta).</summary>
    public const int Rounds = 4;

    /// <summary>
    /// Refines <paramref name="estimate"/> (times relative to the start) with <paramref name="evaluate"/>, which returns W and P at
    /// the three given relative times (increasing, all after the start) from the dynamics; <paramref name="spacing"/> is the output
    /// grid spacing there.
    /// </summary>
    public static MaxAveragePower Refine(MaxAveragePower estimate, double spacing, Func<double[], (double[] W, double[] P)> evaluate)
    {
        if (estimate.AtBoundary || !(estimate.Time > 0)) return estimate;
        var (t, value, change, valueChange) = RefineRoot(estimate.Time, estimate.Power * estimate.Time, spacing, evaluate, (x, w, p) => x * p - w);
        return estimate with { Power = value / t, Time = t, Method = "dynamics", TimeError = change, PowerError = valueChange / t };
    }

    /// <summary>
    /// The first maximum of W refined from the dynamics: the root of P = dW/dt (from the states at three times around the grid's
    /// estimate, the parabola through them, shrinking brackets), W there from the Hermite interpolant; the time's last change is its
    /// error estimate. The value's error is of second order in it.
    /// </summary>
    public static WorkMaximum RefineFirstMaximum(WorkMaximum estimate, double spacing, Func<double[], (double[] W, double[] P)> evaluate)
    {
        if (!(estimate.Time > 0)) return estimate;
        var (t, value, change, _) = RefineRoot(estimate.Time, estimate.Work, spacing, evaluate, (_, _, p) => p);
        return estimate with { Time = t, Work = value, TimeError = change, Method = "dynamics" };
    }

    /// <summary>
    /// The root of g(t, W, P) near <paramref name="t0"/>: each round propagates to t - delta, t and t + delta, takes the root of the
    /// parabola through g there and W at it from the Hermite cubic; returns the time, W, and the last changes of both.
    /// </summary>
    private static (double T, double W, double TimeChange, double WChange) RefineRoot(double t0, double w0, double spacing,
        Func<double[], (double[] W, double[] P)> evaluate, Func<double, double, double, double> g)
    {
        var t = t0;
        var delta = Math.Min(spacing / 64, t / 4);
        double change = double.PositiveInfinity, value = w0, valueChange = double.PositiveInfinity;
        for (var round = 0; round < Rounds; round++)
        {
            var a = t - delta;
            var b = t + delta;
            var (w, p) = evaluate([a, t, b]);
            var next = Root(delta, t, g(a, w[0], p[0]), g(t, w[1], p[1]), g(b, w[2], p[2]));
            if (!(next > a - 2 * delta && next < b + 2 * delta)) next = t;
            // W at the root from the cubic Hermite interpolant of W and P at both ends
            var v = Hermite(a, b, w[0], w[2], p[0], p[2], next);
            change = Math.Abs(next - t);
            t = next;
            valueChange = Math.Abs(v - value);
            value = v;
            if (change <= 1e-12 * Math.Max(1, t)) break;
            delta = Math.Max(delta / 64, 4 * change);
        }
        return (t, value, change, valueChange);
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
