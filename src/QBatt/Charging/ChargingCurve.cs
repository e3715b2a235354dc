using QBatt.Numerics;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

/// <summary>A local maximum of the deposited work W(t).</summary>
/// <param name="Time">Its time, refined between output times.</param>
/// <param name="Work">W there.</param>
/// <param name="GridIndex">The output index of the largest neighbouring grid value.</param>
public sealed record WorkMaximum(double Time, double Work, int GridIndex)
{
    /// <summary>The error estimate of <see cref="Time"/>: the last change of the refinement from the dynamics (NaN: refined on the grid only).</summary>
    public double TimeError { get; init; } = double.NaN;

    /// <summary>"grid" (the Hermite or parabolic estimate between outputs) or "dynamics" (P = 0 solved from the states).</summary>
    public string Method { get; init; } = "grid";
}

/// <summary>
/// A charging curve from t = 0 (R7, Rev eqs 15-16): the deposited work W(t) at the output times, the
/// instantaneous power P(t) = dW/dt computed from the state when recorded, the average power W(t)/t,
/// the maximal average power with the charging time that maximises it (refined below the grid spacing
/// by <see cref="Thermodynamics.Power.MaximumAverage"/>), and the first local maximum of W(t).
/// </summary>
public sealed class ChargingCurve
{
    private readonly double[] _times;
    private readonly double[] _work;
    private readonly double[]? _power;

    /// <summary>
    /// A curve from output times starting at 0 (strictly increasing), W at those times (W(0) = 0) and
    /// optionally P = dW/dt there.
    /// </summary>
    public ChargingCurve(IReadOnlyList<double> times, IReadOnlyList<double> work, IReadOnlyList<double>? power = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(work);
        if (times.Count < 2)
            throw new ValidationException("ChargingCurve", "times", "at least two output times", $"{times.Count}");
        if (times[0] != 0)
            throw new ValidationException("ChargingCurve", "times", "output times starting at t = 0 (the start of charging)", $"t[0] = {QBattException.Num(times[0])}");
        Maximum = Power.MaximumAverage(times, work, power);
        if (Math.Abs(work[0]) > 1e-12 * Math.Max(1, work.Max(Math.Abs)))
            throw new ValidationException("ChargingCurve", "work", "W(0) = 0", QBattException.Num(work[0]));
        _times = [.. times];
        _work = [.. work];
        _power = power?.ToArray();
        FirstMaximum = FindFirstMaximum();
    }

    private ChargingCurve(ChargingCurve c, MaxAveragePower maximum, WorkMaximum? first)
    {
        _times = c._times;
        _work = c._work;
        _power = c._power;
        FirstMaximum = first;
        Maximum = maximum;
    }

    /// <summary>The same curve with the first maximum of W refined elsewhere (from the dynamics: the charging runner).</summary>
    internal ChargingCurve WithFirstMaximum(WorkMaximum first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new ChargingCurve(this, Maximum, first);
    }

    /// <summary>The same curve with the maximal average power refined elsewhere (from the dynamics: the charging runner).</summary>
    internal ChargingCurve WithMaximum(MaxAveragePower maximum)
    {
        ArgumentNullException.ThrowIfNull(maximum);
        return new ChargingCurve(this, maximum, FirstMaximum);
    }

    /// <summary>The output times.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>W(t) at the output times.</summary>
    public IReadOnlyList<double> Work => _work;

    /// <summary>P(t) = dW/dt at the output times (computed from the state), or null when not recorded.</summary>
    public IReadOnlyList<double>? InstantaneousPower => _power;

    /// <summary>
    /// W(t)/t at the output times; at t = 0 its limit dW/dt(0) = P(0) when P is recorded (0 when the
    /// initial state is an eigenstate of H0), else NaN.
    /// </summary>
    public double[] AveragePower() =>
        [.. _times.Select((t, k) => t > 0 ? _work[k] / t : _power is null ? double.NaN : _power[k])];

    /// <summary>The maximal average power and the charging time (R7).</summary>
    public MaxAveragePower Maximum { get; }

    /// <summary>max_t W(t)/t.</summary>
    public double MaxPower => Maximum.Power;

    /// <summary>The t that maximises W(t)/t.</summary>
    public double ChargingTime => Maximum.Time;

    /// <summary>W at the charging time (= max power x charging time).</summary>
    public double WorkAtChargingTime => Maximum.Power * Maximum.Time;

    /// <summary>The first local maximum of W(t) after t = 0, or null when W is non-decreasing over the window.</summary>
    public WorkMaximum? FirstMaximum { get; }

    /// <summary>The curve of <paramref name="factor"/> identical independent copies (W and P multiplied by the factor).</summary>
    public ChargingCurve Scaled(double factor)
    {
        Guard.Positive(factor, "ChargingCurve.Scaled", "factor");
        var m = Maximum;
        var scaled = new ChargingCurve(_times, [.. _work.Select(w => factor * w)], _power?.Select(p => factor * p).ToArray());
        if (m.Method == "dynamics") scaled = scaled.WithMaximum(m with { Power = factor * m.Power, GridPower = factor * m.GridPower, PowerError = factor * m.PowerError });
        return FirstMaximum is { Method: "dynamics" } f ? scaled.WithFirstMaximum(f with { Work = factor * f.Work }) : scaled;
    }

    /// <summary>
    /// The first grid point k with W_(k-1) &lt; W_k &gt;= W_(k+1), refined: with P, the maximum of the cubic
    /// Hermite interpolant on the interval where P changes sign (a root of its quadratic derivative);
    /// without P, the vertex of the parabola through the three grid points.
    /// </summary>
    private WorkMaximum? FindFirstMaximum()
    {
        var t = _times;
        var w = _work;
        for (var k = 1; k + 1 < t.Length; k++)
        {
            if (!(w[k] > w[k - 1] && w[k] >= w[k + 1])) continue;
            return _power is null ? Parabola(k) : Hermite(k);
        }
        return null;
    }

    private WorkMaximum Parabola(int k)
    {
        double t0 = _times[k - 1], t1 = _times[k], t2 = _times[k + 1];
        double w0 = _work[k - 1], w1 = _work[k], w2 = _work[k + 1];
        // Newton divided differences: W = w0 + d1 (t - t0) + d2 (t - t0)(t - t1)
        var d1 = (w1 - w0) / (t1 - t0);
        var d2 = ((w2 - w1) / (t2 - t1) - d1) / (t2 - t0);
        if (!(d2 < 0)) return new WorkMaximum(t1, w1, k);
        var tv = Math.Clamp(0.5 * (t0 + t1) - d1 / (2 * d2), t0, t2);
        var wv = w0 + d1 * (tv - t0) + d2 * (tv - t0) * (tv - t1);
        return wv >= w1 ? new WorkMaximum(tv, wv, k) : new WorkMaximum(t1, w1, k);
    }

    private WorkMaximum Hermite(int k)
    {
        var p = _power!;
        // the interval where P goes from positive to non-positive
        var j = p[k] > 0 ? k : k - 1;
        double a = _times[j], b = _times[j + 1], h = b - a;
        double wa = _work[j], wb = _work[j + 1], pa = p[j], pb = p[j + 1];
        // dW/ds of the Hermite cubic on s in [0, 1]: A s^2 + B s + C
        var qa = 6 * (wa - wb) + 3 * h * (pa + pb);
        var qb = -6 * (wa - wb) - 4 * h * pa - 2 * h * pb;
        var qc = h * pa;
        double best = wa >= wb ? 0 : 1;
        foreach (var s in Roots(qa, qb, qc))
        {
            if (s is > 0 and < 1 && Value(s) > Value(best)) best = s;
        }
        return new WorkMaximum(a + best * h, Value(best), k);

        double Value(double s)
        {
            var h00 = (1 + 2 * s) * (1 - s) * (1 - s);
            var h10 = s * (1 - s) * (1 - s);
            var h01 = s * s * (3 - 2 * s);
            var h11 = s * s * (s - 1);
            return h00 * wa + h10 * h * pa + h01 * wb + h11 * h * pb;
        }
    }

    private static double[] Roots(double a, double b, double c)
    {
        if (Math.Abs(a) < 1e-300)
            return Math.Abs(b) < 1e-300 ? [] : [-c / b];
        var disc = b * b - 4 * a * c;
        if (disc < 0) return [];
        var q = -0.5 * (b + Math.CopySign(Math.Sqrt(disc), b));
        return q == 0 ? [0] : [q / a, c / q];
    }
}
