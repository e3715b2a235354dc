using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// What one storage run produced (R16): the charging run of the pipeline that evolved the stored state (output times, battery
/// energy, P(t) = tr(L[rho] H0) from the state, solver statistics, warnings), the stored energy above the ground state of H0,
/// the ergotropy with its incoherent and coherent parts, the passive-state energy and the von Neumann entropy at every output;
/// the half-lives of the stored energy and of the ergotropy (null when not reached in the window) and the best time to extract,
/// each refined below the output grid from the states.
/// </summary>
public sealed class DischargeRun
{
    internal DischargeRun(StorageBattery battery, StorageState state, ChargingRun run, double groundEnergy, RefinedTime? energyHalfLife, RefinedTime? ergotropyHalfLife, RefinedTime bestExtraction)
    {
        Battery = battery;
        State = state;
        Run = run;
        GroundEnergy = groundEnergy;
        EnergyHalfLife = energyHalfLife;
        ErgotropyHalfLife = ergotropyHalfLife;
        BestExtraction = bestExtraction;
    }

    /// <summary>The battery and its environment.</summary>
    public StorageBattery Battery { get; }

    /// <summary>The stored state at the start.</summary>
    public StorageState State { get; }

    /// <summary>The pipeline's run.</summary>
    public ChargingRun Run { get; }

    /// <summary>The output times.</summary>
    public IReadOnlyList<double> Times => Run.Times;

    /// <summary>tr[rho(t) H0].</summary>
    public IReadOnlyList<double> Energy => Run.Energy;

    /// <summary>The smallest eigenvalue of H0 (0 for the cells of <see cref="StorageBattery"/>).</summary>
    public double GroundEnergy { get; }

    /// <summary>The ergotropy series (with the incoherent and coherent parts, passive energy and entropy).</summary>
    public ErgotropySeries Ergotropy => Run.Ergotropy!;

    /// <summary>The first time the stored energy tr[rho H0] - e_min falls to half its initial value, or null.</summary>
    public RefinedTime? EnergyHalfLife { get; }

    /// <summary>The first time the ergotropy falls to half its initial value, or null (also when it starts at zero).</summary>
    public RefinedTime? ErgotropyHalfLife { get; }

    /// <summary>The time of the largest ergotropy in the window and its value.</summary>
    public RefinedTime BestExtraction { get; }
}
