using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>Run sizes of setups whose operators exist already (the engine's <see cref="MemoryEstimate"/> needs them before solving).</summary>
public static class RunSizes
{
    /// <summary>
    /// The size of a run of H(t) with battery H0, collapse operators and an initial state (null: pure): the stored entries
    /// of every operator (20 B each, three times for the products the protocol observables form), the rank of the state.
    /// </summary>
    public static RunSize Of(Hamiltonian h, Operator battery, IReadOnlyList<Operator> collapse, DensityMatrix? mixed = null)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(battery);
        ArgumentNullException.ThrowIfNull(collapse);
        var terms = new List<Operator> { h.Constant };
        terms.AddRange(h.Drives.Select(d => d.Operator));
        long hEntries = terms.Sum(Entries);
        var bytes = 20.0 * 3 * (hEntries + Entries(battery)) + 20.0 * collapse.Sum(Entries);
        var rank = mixed is null ? 1 : mixed.Eigenvalues().Count(p => p > VonNeumannSolver.WeightCutoff);
        var real = terms.All(IsReal) && collapse.All(IsReal);
        return new RunSize(h.Dimension, bytes, rank, hEntries, collapse.Count == 0 ? null : [.. collapse.Select(Entries)], real);
    }

    /// <summary>Stored entries of an operator (D^2 when dense).</summary>
    public static long Entries(Operator a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.SparseStorage is { } s ? s.NonZeros : (long)a.Dimension * a.Dimension;
    }

    private static bool IsReal(Operator a) => a.SparseStorage is { } s ? s.IsReal : a.ToDense().ReadOnlySpan.ToArray().All(z => z.Imaginary == 0);
}
