using QBatt.Dynamics;

namespace QBatt.Batteries;

/// <summary>Options of a <see cref="TavisCummingsBattery"/>, with documented defaults (argument names are the CLI's option names).</summary>
public sealed record TavisCummingsChargingOptions
{
    /// <summary>The defaults.</summary>
    public static TavisCummingsChargingOptions Default { get; } = new();

    /// <summary>Photons of the initial state (default null: N, one per cell, as the Dicke battery).</summary>
    public int? Photons { get; init; }

    /// <summary>t_max (default null: <see cref="Models.TavisCummings.DefaultTimeWindow"/>).</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Output steps: Steps + 1 equally spaced times on [0, t_max] (default 400).</summary>
    public int Steps { get; init; } = 400;

    /// <summary>wa (default 1).</summary>
    public double CellFrequency { get; init; } = 1;

    /// <summary>wc (default 1).</summary>
    public double CavityFrequency { get; init; } = 1;

    /// <summary>Also charge the parallel reference (N Jaynes-Cummings cells, one photon each) and compute Gamma (default true).</summary>
    public bool IncludeReference { get; init; } = true;

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Largest memory a run may need, in bytes (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}
