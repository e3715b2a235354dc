namespace QBatt;

/// <summary>
/// Turns a count of finished work units out of a known total into fractions for an
/// <see cref="IProgress{T}"/> sink, reporting only when the fraction has grown by at least 1/1000
/// (a loop of millions of units makes about a thousand calls). Not thread-safe: one loop reports.
/// </summary>
internal sealed class FractionReporter
{
    private const double Step = 1e-3;
    private readonly IProgress<double> _sink;
    private readonly double _total;
    private long _done;
    private double _reported;

    /// <summary>A reporter for <paramref name="total"/> units (a total of 0 reports nothing until the final 1).</summary>
    public FractionReporter(IProgress<double> sink, long total)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _total = Math.Max(total, 0);
    }

    /// <summary>Records <paramref name="units"/> more finished units.</summary>
    public void Advance(long units = 1)
    {
        _done += units;
        if (_total == 0) return;
        var f = Math.Min(1, _done / _total);
        if (f - _reported < Step && f < 1) return;
        _reported = f;
        _sink.Report(f);
    }
}
