using QBatt.Charging;

namespace QBatt.Batteries;

/// <summary>
/// The time window of a charging run (R7): fixed output times (the runner's one grid, t_k = k t_max / K), or the end
/// condition of a protocol, whose output grid the runner chooses from the drive's frequencies.
/// </summary>
public sealed record ChargingWindow
{
    private ChargingWindow(ChargingWindowKind kind, double time, double[]? times = null, double? workBound = null)
    {
        Kind = kind;
        Time = time;
        Times = times;
        WorkBound = workBound;
    }

    /// <summary>The kind of window.</summary>
    public ChargingWindowKind Kind { get; }

    /// <summary>t_max (grid), the horizon (target, maximal power) or the duration.</summary>
    public double Time { get; }

    /// <summary>The output times of a grid window.</summary>
    public IReadOnlyList<double>? Times { get; }

    /// <summary>
    /// For <see cref="ChargingWindowKind.MaximumPower"/>: the largest work the battery can hold; the horizon is doubled
    /// (up to 2^8 times) while the maximum sits at its end or a later time could still beat it (max power x horizon below this).
    /// </summary>
    public double? WorkBound { get; }

    /// <summary>Steps + 1 equally spaced output times on [0, t_max].</summary>
    public static ChargingWindow Uniform(double tmax, int steps, string argument = "steps") => new(ChargingWindowKind.Grid, tmax, TimeGrid.Uniform(tmax, steps, argument));

    /// <summary>Output times t_k = k t_max / K with K = ceil(t_max / dt) (at least 2).</summary>
    public static ChargingWindow Spacing(double tmax, double dt, string argument = "dt") => new(ChargingWindowKind.Grid, tmax, TimeGrid.FromSpacing(tmax, dt, argument));

    /// <summary>Given output times (finite, strictly increasing; the first is the start of charging).</summary>
    public static ChargingWindow At(IReadOnlyList<double> times, string argument = "times")
    {
        var t = TimeGrid.Check(times, argument);
        return new ChargingWindow(ChargingWindowKind.Grid, t[^1] - t[0], t);
    }

    /// <summary>Until the first arrival at the system's target state, searched in (0, horizon].</summary>
    public static ChargingWindow ToTarget(double horizon) => new(ChargingWindowKind.Target, TimeGrid.PositiveTime(horizon, "horizon"));

    /// <summary>For a fixed duration.</summary>
    public static ChargingWindow ForDuration(double duration) => new(ChargingWindowKind.Duration, TimeGrid.PositiveTime(duration, "duration"));

    /// <summary>Until the maximal average power in (0, horizon] (horizon doubled as <see cref="WorkBound"/> says when given).</summary>
    public static ChargingWindow ToMaximumPower(double horizon, double? workBound = null) =>
        new(ChargingWindowKind.MaximumPower, TimeGrid.PositiveTime(horizon, "horizon"), null, workBound);

    /// <summary>The protocol end of a non-grid window.</summary>
    internal ChargingEnd End => Kind switch
    {
        ChargingWindowKind.Target => ChargingEnd.Target,
        ChargingWindowKind.Duration => ChargingEnd.Duration,
        ChargingWindowKind.MaximumPower => ChargingEnd.MaximumAveragePower,
        _ => throw new ValidationException("ChargingWindow", "kind", "a protocol window (target, duration, maximal power)", "a grid"),
    };
}
