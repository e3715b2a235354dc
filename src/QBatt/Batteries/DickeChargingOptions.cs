using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>Options of a <see cref="DickeBattery"/>, with documented defaults (argument names are the CLI's option names).</summary>
public sealed record DickeChargingOptions
{
    /// <summary>The defaults.</summary>
    public static DickeChargingOptions Default { get; } = new();

    /// <summary>t_max (default null: <see cref="Dicke.DefaultTimeWindow"/>).</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Output spacing (default null: t_max/400); the grid is t_k = k t_max/K with K = ceil(t_max/dt).</summary>
    public double? TimeStep { get; init; }

    /// <summary>Photon levels (default null: <see cref="Dicke.DefaultCutoff"/> for the window); more than N.</summary>
    public int? Cutoff { get; init; }

    /// <summary>Symmetric subspace (default) or the full 2^N x cutoff space.</summary>
    public DickeSpace Space { get; init; } = DickeSpace.Symmetric;

    /// <summary>wa (default 1).</summary>
    public double CellFrequency { get; init; } = 1;

    /// <summary>wc (default 1).</summary>
    public double CavityFrequency { get; init; } = 1;

    /// <summary>Largest acceptable population of the top Fock level over the outputs (default 1e-8).</summary>
    public double CutoffTolerance { get; init; } = 1e-8;

    /// <summary>Refuse (<see cref="ConvergenceException"/>) instead of warning when the top Fock population exceeds the tolerance (default false).</summary>
    public bool Strict { get; init; }

    /// <summary>Also charge the parallel (Rabi) reference and compute Gamma (default true).</summary>
    public bool IncludeReference { get; init; } = true;

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Largest memory a run may need, in bytes (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}
