namespace QBatt.IO.Plot;

/// <summary>How data values map to positions along an axis.</summary>
public enum AxisScale
{
    /// <summary>Positions proportional to the values.</summary>
    Linear,

    /// <summary>Positions proportional to log10 of the values; only positive values are allowed.</summary>
    Log10,
}

/// <summary>
/// One axis of a <see cref="SvgPlot"/>: its label, scale and optional explicit limits. Without
/// limits the range covers all data with a margin of 4% of the span on each side (on a linear
/// axis a range of bars that starts at 0 keeps 0 as its edge).
/// </summary>
public sealed class Axis
{
    private const double Margin = 0.04;

    internal Axis(string name) => Name = name;

    internal string Name { get; }

    /// <summary>Text below (x) or beside (y) the axis; empty for none.</summary>
    public string Label { get; set; } = "";

    /// <summary>Linear (default) or log10.</summary>
    public AxisScale Scale { get; set; } = AxisScale.Linear;

    /// <summary>Explicit lower limit in data units, or null to fit the data.</summary>
    public double? Min { get; set; }

    /// <summary>Explicit upper limit in data units, or null to fit the data.</summary>
    public double? Max { get; set; }

    internal bool IsLog => Scale == AxisScale.Log10;

    /// <summary>The coordinate a value takes along the axis before scaling to pixels.</summary>
    internal double Forward(double value) => IsLog ? Math.Log10(value) : value;

    /// <summary>
    /// The displayed range in forward coordinates (decades on a log axis) for the given data,
    /// which the caller has checked to be positive on a log axis.
    /// </summary>
    internal (double Lo, double Hi) Range(IEnumerable<double> data, bool stickyZero)
    {
        CheckLimit(Min, "Min");
        CheckLimit(Max, "Max");
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in data)
        {
            var f = Forward(v);
            lo = Math.Min(lo, f);
            hi = Math.Max(hi, f);
        }
        (lo, hi) = Pad(lo, hi, stickyZero && !IsLog && lo == 0);
        if (Min is { } min) lo = Forward(min);
        if (Max is { } max) hi = Forward(max);
        if (!(hi > lo))
            throw new ValidationException("SvgPlot.ToSvg", Name + ".Min, " + Name + ".Max", "a lower limit below the upper limit",
                $"{QBattException.Num(Min ?? lo)} .. {QBattException.Num(Max ?? hi)}");
        return (lo, hi);
    }

    private (double Lo, double Hi) Pad(double lo, double hi, bool keepLo)
    {
        if (lo > hi)
            return (0, 1);
        if (lo == hi)
        {
            var half = IsLog ? 0.5 : lo == 0 ? 1 : 0.1 * Math.Abs(lo);
            return (lo - half, hi + half);
        }
        var m = Margin * (hi - lo);
        return (keepLo ? lo : lo - m, hi + m);
    }

    private void CheckLimit(double? limit, string which)
    {
        if (limit is not { } v) return;
        if (!double.IsFinite(v) || (IsLog && v <= 0))
            throw new ValidationException("SvgPlot.ToSvg", $"{Name}.{which}", IsLog ? "a positive finite limit on a log10 axis" : "a finite limit", QBattException.Num(v));
    }

    /// <summary>Major and minor ticks for the range, about <paramref name="target"/> of them labelled.</summary>
    internal List<Tick> Ticks((double Lo, double Hi) range, int target) =>
        IsLog ? Plot.Ticks.Log(range.Lo, range.Hi, target) : Plot.Ticks.Linear(range.Lo, range.Hi, target);
}
