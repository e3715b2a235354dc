using QBatt.Dynamics;

namespace QBatt.Batteries;

/// <summary>Options of a <see cref="SykBattery"/>, with documented defaults (argument names are the CLI's option names).</summary>
public sealed record SykChargingOptions
{
    /// <summary>The defaults.</summary>
    public static SykChargingOptions Default { get; } = new();

    /// <summary>J, the scale of the q = 4 couplings (default 1).</summary>
    public double Coupling { get; init; } = 1;

    /// <summary>h, the field of H0 = h sum sigma^y (default 1).</summary>
    public double Field { get; init; } = 1;

    /// <summary>Disorder samples averaged (default 1); sample s uses the seed <see cref="Seed"/> + s.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>The seed of the first disorder sample (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>t_max (default null: 3/|J|, which holds the maximal average power of the SYK quench and of the reference).</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Output steps: Steps + 1 equally spaced times on [0, t_max] (default 200).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Also charge the parallel reference (N cells, each rotated by J sigma^z) and compute Gamma (default true).</summary>
    public bool IncludeReference { get; init; } = true;

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Largest memory a run may need, in bytes (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}
