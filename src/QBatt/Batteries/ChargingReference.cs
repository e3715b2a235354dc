using QBatt.Charging;

namespace QBatt.Batteries;

/// <summary>
/// The parallel reference a charging run is compared with (R9, R12, R13): a setup charged alongside (or a run
/// already made, e.g. shared by a scan over N), standing for <see cref="Copies"/> independent copies. Without
/// constraints Gamma = P / (copies P_ref), the ratio of the maximal average powers; with constraints the collective
/// drive is rescaled to saturate each of them against the copies' budget first (PRL eqs 1-5).
/// </summary>
public sealed record ChargingReference
{
    /// <summary>The reference to charge.</summary>
    public ChargingReference(ChargingSetup setup, int copies, IReadOnlyList<ChargingConstraint>? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Guard.AtLeast(copies, 1, "ChargingReference", "copies");
        Setup = setup;
        Copies = copies;
        Constraints = constraints ?? [];
    }

    /// <summary>A reference already charged (its run is reused, not recomputed).</summary>
    public ChargingReference(ChargingRun run, int copies, IReadOnlyList<ChargingConstraint>? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        Guard.AtLeast(copies, 1, "ChargingReference", "copies");
        Setup = run.Setup;
        Run = run;
        Copies = copies;
        Constraints = constraints ?? [];
    }

    /// <summary>The reference setup (one copy).</summary>
    public ChargingSetup Setup { get; }

    /// <summary>A run of <see cref="Setup"/> made already, or null.</summary>
    public ChargingRun? Run { get; }

    /// <summary>N: how many copies of the reference the run is compared with.</summary>
    public int Copies { get; }

    /// <summary>The constraints under which the fair comparison is made (empty: the plain ratio of maximal average powers).</summary>
    public IReadOnlyList<ChargingConstraint> Constraints { get; }
}
