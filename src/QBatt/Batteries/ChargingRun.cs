using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// What one charging run produced (R7-R9, R16), whatever the battery: the output times with the battery energy,
/// the deposited work W(t) and, when recorded, the instantaneous power P(t) from the state; the charging time and
/// the average power there (the maximal average power of a grid window, refined below the output spacing, or the
/// end of a protocol); the ergotropy along the trajectory; further observables; the largest value of each
/// monitored population; for protocols and when asked, the constraint functionals C0-C2 and the speed limit;
/// the reference run with Gamma and the fair comparisons under constraints; warnings, the memory estimate
/// checked before allocating, and the solver's statistics.
/// </summary>
public sealed class ChargingRun
{
    internal ChargingRun(ChargingSetup setup, double[] times, double[] energy, ChargingCurve? curve, double chargingTime, double work, double averagePower)
    {
        Setup = setup;
        Times = times;
        Energy = energy;
        Curve = curve;
        ChargingTime = chargingTime;
        Work = work;
        AveragePower = averagePower;
    }

    /// <summary>The setup that ran.</summary>
    public ChargingSetup Setup { get; }

    /// <summary>Output times (absolute: a model file may start at t0 &gt; 0).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>tr[rho(t) H0] at the output times.</summary>
    public IReadOnlyList<double> Energy { get; }

    /// <summary>W(t), P(t), the maximal average power and the first maximum of W, on times relative to the start (null for protocol windows, whose grid is the protocol's).</summary>
    public ChargingCurve? Curve { get; }

    /// <summary>W(t) = E(t) - E(t0) at the output times.</summary>
    public IReadOnlyList<double> WorkSeries => Curve?.Work ?? Protocol!.WorkSeries;

    /// <summary>P(t) from the state at the output times, or null when not recorded.</summary>
    public IReadOnlyList<double>? Power => Curve?.InstantaneousPower;

    /// <summary>The charging time T, relative to the start: argmax W(t)/t (refined) for grid windows, the protocol's end otherwise.</summary>
    public double ChargingTime { get; }

    /// <summary>W at the charging time.</summary>
    public double Work { get; }

    /// <summary>W(T)/T at the charging time: the maximal average power for grid and maximal-power windows.</summary>
    public double AveragePower { get; }

    /// <summary>How the maximal average power was refined (grid windows) and whether it sits at the end of the window.</summary>
    public MaxAveragePower? Maximum => Curve?.Maximum ?? Protocol?.MaximumPower;

    /// <summary>The ergotropy along the trajectory, when asked.</summary>
    public ErgotropySeries? Ergotropy { get; internal set; }

    /// <summary>Further observables at the output times, by name.</summary>
    public IReadOnlyDictionary<string, double[]> Observables { get; internal set; } = new Dictionary<string, double[]>();

    /// <summary>The largest value over the outputs of every monitored population, by name.</summary>
    public IReadOnlyDictionary<string, double> LimitMaxima { get; internal set; } = new Dictionary<string, double>();

    /// <summary>The protocol evaluation: constraint functionals C0-C2, speed limit, target distance, the series on the protocol's grid (protocol windows, or when asked).</summary>
    public ChargingResult? Protocol { get; internal set; }

    /// <summary>The reference run (one copy), or null.</summary>
    public ChargingRun? Reference { get; internal set; }

    /// <summary>How many copies of the reference the run is compared with (0 without a reference).</summary>
    public int ReferenceCopies { get; internal set; }

    /// <summary>Gamma = P / (copies P_ref), the ratio of the average powers at the charging times (NaN without a reference).</summary>
    public double Gamma { get; internal set; } = double.NaN;

    /// <summary>The fair comparisons under the reference's constraints, in their order.</summary>
    public IReadOnlyList<AdvantageResult> Advantages { get; internal set; } = [];

    /// <summary>The states at the output times when <see cref="ChargingQuantities.States"/> was asked (kets or density matrices).</summary>
    public IReadOnlyList<object>? States { get; internal set; }

    /// <summary>The state at the last output time (a ket or a density matrix).</summary>
    public object? FinalState { get; internal set; }

    /// <summary>How the initial state was obtained.</summary>
    public string InitialDescription { get; internal set; } = "";

    /// <summary>Dimension of the space evolved.</summary>
    public long Dimension { get; internal set; }

    /// <summary>The equation solved: "schrodinger", "von-neumann" or "lindblad".</summary>
    public string Dynamics { get; internal set; } = "";

    /// <summary>Warnings of this run and its reference (cutoffs, windows, drifts).</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    /// <summary>The memory estimate checked before allocating, in bytes.</summary>
    public double EstimatedBytes { get; internal set; }

    /// <summary>The solver's statistics (of the final run for protocols).</summary>
    public EvolutionStatistics? Statistics { get; internal set; }

    /// <summary>Mat-vecs of the runs that refined the maxima from the dynamics after the grid run (not in <see cref="Statistics"/>).</summary>
    public long RefinementMatVecs { get; internal set; }

    /// <summary>The work series of the reference's copies, on the reference's times (W_ref(t) x copies), or null.</summary>
    public double[]? ReferenceWork => Reference is null ? null : [.. Reference.WorkSeries.Select(w => ReferenceCopies * w)];

    /// <summary>The maximal average power of the reference's copies (copies x P_ref), or NaN.</summary>
    public double ReferencePower => Reference is null ? double.NaN : ReferenceCopies * Reference.AveragePower;

    /// <summary>The fair comparison under one constraint.</summary>
    public AdvantageResult Advantage(ChargingConstraint constraint) =>
        Advantages.FirstOrDefault(a => a.Constraint == constraint)
        ?? throw new ValidationException("ChargingRun.Advantage", "constraint", $"one of the compared constraints ({string.Join(", ", Advantages.Select(a => a.Constraint.Label()))})", constraint.Label());
}
