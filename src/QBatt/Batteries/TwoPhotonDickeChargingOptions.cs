using QBatt.Dynamics;

namespace QBatt.Batteries;

/// <summary>Options of a <see cref="TwoPhotonDickeBattery"/>, with documented defaults (argument names are the CLI's option names).</summary>
public sealed record TwoPhotonDickeChargingOptions
{
    /// <summary>The defaults.</summary>
    public static TwoPhotonDickeChargingOptions Default { get; } = new();

    /// <summary>Photon levels M (default null: raised from 4N + 16 by factors of 1.5 until the top Fock population is below <see cref="CutoffTolerance"/>).</summary>
    public int? Cutoff { get; init; }

    /// <summary>t_max (default null: <see cref="Models.TwoPhotonDicke.DefaultTimeWindow"/>).</summary>
    public double? TimeWindow { get; init; }

    /// <summary>Output steps: Steps + 1 equally spaced times on [0, t_max] (default 400).</summary>
    public int Steps { get; init; } = 400;

    /// <summary>wa (default 2: resonance with two photons of wc = 1).</summary>
    public double CellFrequency { get; init; } = 2;

    /// <summary>wc (default 1).</summary>
    public double CavityFrequency { get; init; } = 1;

    /// <summary>Largest acceptable population of the two top Fock levels over the outputs (default 1e-8).</summary>
    public double CutoffTolerance { get; init; } = 1e-8;

    /// <summary>Also charge the parallel reference (N one-cell batteries, two photons each) and compute Gamma (default true).</summary>
    public bool IncludeReference { get; init; } = true;

    /// <summary>Solver options (default null: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionOptions? Evolution { get; init; }

    /// <summary>Largest memory a run may need, in bytes (default null: 90% of the memory available to the process).</summary>
    public long? MemoryLimit { get; init; }
}
