using System.Globalization;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>Options of a <see cref="SpinChainBattery"/>, with documented defaults (argument names are the CLI's option names).</summary>
public sealed record SpinChainChargingOptions
{
    /// <summary>The defaults.</summary>
    public static SpinChainChargingOptions Default { get; } = new();

    /// <summary>t_max (default 3, as BENCHMARKS.md W3).</summary>
    public double TimeWindow { get; init; } = 3;

    /// <summary>Output steps: Steps + 1 equally spaced times on [0, t_max] (default 200).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Where to charge (default <see cref="SpinChainRoute.Auto"/>).</summary>
    public SpinChainRoute Route { get; init; } = SpinChainRoute.Auto;

    /// <summary>
    /// Record P(t) = i&lt;[H, H0]&gt; from the state, which also refines the charging time and the first maximum
    /// by cubic Hermite interpolation (default null: recorded on the collective route and on full spaces of up
    /// to 2^16 amplitudes; above that it roughly doubles the cost, and the refinement uses a local cubic
    /// through W instead).
    /// </summary>
    public bool? InstantaneousPower { get; init; }

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>); its thread count also drives the matrix-free maps.</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Bytes the run may use (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}
