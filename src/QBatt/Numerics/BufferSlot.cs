namespace QBatt.Numerics;

/// <summary>
/// One large work array handed from a run of a solver to its next run (R6): the Arnoldi basis of a Lindblad generator, some
/// 3.5 GiB at 12 two-level cells, which the refinement of a maximal power needs again right after the grid run. Without the
/// hand-over each run allocates a new basis while the freed one is still committed to the collector, and the process peaks
/// at about two bases instead of the one the memory estimate counts. A run takes the array (or nothing) and puts it back when
/// it ends; runs at the same time each get their own, as the slot holds at most one array and hands it to one taker.
/// </summary>
internal sealed class BufferSlot
{
    private double[]? _held;

    /// <summary>The held array when it has at least <paramref name="length"/> elements (the slot is empty then), else null.</summary>
    public double[]? Take(long length)
    {
        var a = Interlocked.Exchange(ref _held, null);
        return a is not null && a.LongLength >= length ? a : null;
    }

    /// <summary>Holds <paramref name="array"/> for the next taker (an array held before is dropped).</summary>
    public void Put(double[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length > 0) Volatile.Write(ref _held, array);
    }
}
