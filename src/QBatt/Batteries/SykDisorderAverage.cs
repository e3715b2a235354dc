namespace QBatt.Batteries;

/// <summary>
/// The disorder average of the SYK battery (R19) over seeded samples: the per-sample maximal average power, charging
/// time, work at the charging time and Gamma, with their means and standard errors s / sqrt(S) (s the sample standard
/// deviation with S - 1 in the denominator; NaN for a single sample).
/// </summary>
public sealed class SykDisorderAverage
{
    internal SykDisorderAverage(SykBattery battery, IReadOnlyList<ChargingRun> runs)
    {
        Battery = battery;
        Runs = runs;
        Seeds = [.. Enumerable.Range(0, runs.Count).Select(battery.SeedOf)];
        MaxPower = [.. runs.Select(r => r.AveragePower)];
        ChargingTime = [.. runs.Select(r => r.ChargingTime)];
        Work = [.. runs.Select(r => r.Work)];
        Gamma = [.. runs.Select(r => r.Gamma)];
    }

    /// <summary>The battery averaged.</summary>
    public SykBattery Battery { get; }

    /// <summary>The runs, one per sample (each with the shared reference).</summary>
    public IReadOnlyList<ChargingRun> Runs { get; }

    /// <summary>The seed of each sample.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>max_t W(t)/t of each sample.</summary>
    public IReadOnlyList<double> MaxPower { get; }

    /// <summary>The charging time (argmax W(t)/t) of each sample.</summary>
    public IReadOnlyList<double> ChargingTime { get; }

    /// <summary>W at the charging time of each sample.</summary>
    public IReadOnlyList<double> Work { get; }

    /// <summary>Gamma = P / (N P_cell) of each sample (NaN without the reference).</summary>
    public IReadOnlyList<double> Gamma { get; }

    /// <summary>Mean and standard error of <paramref name="values"/>: (sum x / S, s / sqrt S).</summary>
    public static (double Mean, double StandardError) MeanAndError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ValidationException("SykDisorderAverage.MeanAndError", "values", "at least one value", "none");
        var mean = values.Average();
        if (values.Count == 1) return (mean, double.NaN);
        var ss = values.Sum(x => (x - mean) * (x - mean));
        return (mean, Math.Sqrt(ss / (values.Count - 1) / values.Count));
    }
}
