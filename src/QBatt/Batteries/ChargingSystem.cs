using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Batteries;

/// <summary>
/// The operators and states of one charging run, built by a battery model after the run's memory estimate has
/// been accepted (R6, R7): the charging Hamiltonian H(t) and the battery Hamiltonian H0 in operator form, or, for
/// matrix-free models, H, H0 and the power operator i[H, H0] as linear maps; the initial state; Lindblad collapse
/// operators (open dynamics); extra observables; populations to keep below a tolerance (e.g. a Fock cutoff); and
/// the target state of a protocol that ends when it is reached.
/// </summary>
public sealed class ChargingSystem
{
    /// <summary>Subsystem dimensions.</summary>
    public required Dims Dims { get; init; }

    /// <summary>H(t) in operator form (null for matrix-free systems).</summary>
    public Hamiltonian? Hamiltonian { get; init; }

    /// <summary>H0 in operator form (null for matrix-free systems).</summary>
    public Operator? Battery { get; init; }

    /// <summary>A time-independent H as a matrix-free map (null for operator systems).</summary>
    public ILinearMap? HamiltonianMap { get; init; }

    /// <summary>H0 as a matrix-free map (with <see cref="HamiltonianMap"/>).</summary>
    public ILinearMap? BatteryMap { get; init; }

    /// <summary>i[H, H0] as a matrix-free map, whose expectation is P(t) (null: P is not recorded on the matrix-free route).</summary>
    public ILinearMap? PowerMap { get; init; }

    /// <summary>An upper bound on ||H|| for the matrix-free route (null: estimated by the engine).</summary>
    public double? NormBound { get; init; }

    /// <summary>The smallest eigenvalue of H0 when known (pure-state ergotropy on the matrix-free route: W = E - e_min).</summary>
    public double? BatteryGroundEnergy { get; init; }

    /// <summary>
    /// The subsystems that form the battery when it is part of a larger system (the cells of a Dicke battery beside its cavity;
    /// null: the whole system). The ergotropy is then that of the reduced state of these subsystems under
    /// <see cref="ReducedBattery"/> (R2 for the battery alone: unitaries on the battery, not on battery and cavity).
    /// </summary>
    public IReadOnlyList<int>? BatterySubsystems { get; init; }

    /// <summary>H0 on the space of <see cref="BatterySubsystems"/> (required with them).</summary>
    public Operator? ReducedBattery { get; init; }

    /// <summary>The initial state when pure.</summary>
    public Ket? InitialKet { get; init; }

    /// <summary>The initial state when mixed.</summary>
    public DensityMatrix? InitialMixed { get; init; }

    /// <summary>How the initial state was obtained (for outputs), e.g. "all spins down".</summary>
    public string InitialDescription { get; init; } = "";

    /// <summary>The target of a protocol ending at the first arrival (pure).</summary>
    public Ket? TargetKet { get; init; }

    /// <summary>The target of a protocol ending at the first arrival (mixed, on the initial state's unitary orbit).</summary>
    public DensityMatrix? TargetMixed { get; init; }

    /// <summary>Lindblad collapse operators C_k (empty: closed dynamics).</summary>
    public IReadOnlyList<Operator> Collapse { get; init; } = [];

    /// <summary>Further expectation values to record at every output time.</summary>
    public IReadOnlyList<Observable> Observables { get; init; } = [];

    /// <summary>Populations whose largest value over the outputs must stay below a tolerance.</summary>
    public IReadOnlyList<ObservableLimit> Limits { get; init; } = [];

    /// <summary>True for the matrix-free route.</summary>
    public bool IsMatrixFree => HamiltonianMap is not null;
}
