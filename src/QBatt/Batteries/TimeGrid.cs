namespace QBatt.Batteries;

/// <summary>
/// The runner's one time grid (R7): K + 1 equally spaced times t_k = a + (b - a) k / K on [a, b], the last exactly b,
/// with the number of outputs bounded before anything is allocated.
/// </summary>
public static class TimeGrid
{
    /// <summary>Largest number of output intervals of a grid window (10^6: about 16 MB per recorded observable).</summary>
    public const int MaximumSteps = 1_000_000;

    /// <summary>t_k = a + (b - a) k / K, k = 0..K (the last exactly b).</summary>
    public static double[] Between(double a, double b, int intervals) =>
        [.. Enumerable.Range(0, intervals + 1).Select(i => i == intervals ? b : a + (b - a) * i / intervals)];

    /// <summary>Steps + 1 equally spaced times on [0, t_max] (2 &lt;= steps &lt;= 10^6).</summary>
    public static double[] Uniform(double tmax, int steps, string argument = "steps")
    {
        PositiveTime(tmax, "tmax");
        if (steps < 2 || steps > MaximumSteps)
            throw new ValidationException("TimeGrid", argument, $"between 2 and {MaximumSteps} output steps", $"{steps}");
        return Between(0, tmax, steps);
    }

    /// <summary>t_k = k t_max / K with K = ceil(t_max / dt) (at least 2, at most 10^6).</summary>
    public static double[] FromSpacing(double tmax, double dt, string argument = "dt")
    {
        PositiveTime(tmax, "tmax");
        PositiveTime(dt, argument);
        var steps = Math.Ceiling(tmax / dt * (1 - 1e-12));
        if (steps > MaximumSteps)
            throw new ValidationException("TimeGrid", argument, $"at most {MaximumSteps} output steps over t_max = {QBattException.Num(tmax)}", $"dt = {QBattException.Num(dt)} ({steps:G3} steps)");
        return Between(0, tmax, Math.Max(2, (int)steps));
    }

    /// <summary>Checks given output times: at least two, finite, strictly increasing, at most 10^6 + 1.</summary>
    public static double[] Check(IReadOnlyList<double> times, string argument = "times")
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2)
            throw new ValidationException("TimeGrid", argument, "at least two output times", $"{times.Count}");
        if (times.Count > MaximumSteps + 1)
            throw new ValidationException("TimeGrid", argument, $"at most {MaximumSteps + 1} output times", $"{times.Count}");
        var t = times.ToArray();
        for (var k = 0; k < t.Length; k++)
        {
            if (!double.IsFinite(t[k]))
                throw new ValidationException("TimeGrid", argument, "finite output times", $"{t[k]} at index {k}");
            if (k > 0 && !(t[k] > t[k - 1]))
                throw new ValidationException("TimeGrid", argument, "strictly increasing output times", $"t[{k}] = {QBattException.Num(t[k])} after t[{k - 1}] = {QBattException.Num(t[k - 1])}");
        }
        return t;
    }

    internal static double PositiveTime(double t, string argument)
    {
        if (!(t > 0) || !double.IsFinite(t))
            throw new ValidationException("TimeGrid", argument, "a positive finite time", QBattException.Num(t));
        return t;
    }
}
