using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Control;

/// <summary>
/// An optimal-control charging problem (R17): H(t) = H_d + sum_k u_k(t) H_k with every u_k piecewise constant on
/// <see cref="Slices"/> equal slices of [0, T], |u_k| &lt;= u_max, a battery H0 and a pure initial state; the objective
/// (<see cref="ControlObjective"/>) is maximised, either under the amplitude bound alone or, with <see cref="Constraint"/>,
/// under a fair budget of R9 set by <see cref="Reference"/>. The problem only describes; <see cref="ControlOptimizer"/> solves
/// it and re-simulates the final pulse through <see cref="ChargingRunner"/> (<see cref="Setup"/>).
/// </summary>
public sealed record ControlProblem
{
    /// <summary>A label for outputs, e.g. "4 cells, global drive".</summary>
    public required string Name { get; init; }

    /// <summary>The drift H_d (the time-independent part of H; the zero operator for pure drives).</summary>
    public required Operator Drift { get; init; }

    /// <summary>The controlled terms H_k.</summary>
    public required IReadOnlyList<ControlTerm> Controls { get; init; }

    /// <summary>The battery Hamiltonian H0 (the work is measured with it).</summary>
    public required Operator Battery { get; init; }

    /// <summary>The initial state (pure).</summary>
    public required Ket Initial { get; init; }

    /// <summary>The duration T.</summary>
    public required double Duration { get; init; }

    /// <summary>The number of piecewise-constant slices M.</summary>
    public int Slices { get; init; } = 50;

    /// <summary>The amplitude bound u_max &gt; 0 (|u_k(t)| &lt;= u_max for every control).</summary>
    public double MaxAmplitude { get; init; } = 1;

    /// <summary>The objective (default <see cref="ControlObjective.Energy"/>).</summary>
    public ControlObjective Objective { get; init; } = ControlObjective.Energy;

    /// <summary>The fair constraint whose budget the power is measured against (null: the amplitude bound only).</summary>
    public ChargingConstraint? Constraint { get; init; }

    /// <summary>The reference: N copies of an optimised or fixed one-cell protocol (required with <see cref="Constraint"/>).</summary>
    public ControlReference? Reference { get; init; }

    /// <summary>Dimensions of the space.</summary>
    public Dims Dims => Battery.Dims;

    /// <summary>The slice length T / M.</summary>
    public double SliceLength => Duration / Slices;

    /// <summary>Checks the problem; argument names are the CLI's options.</summary>
    public void Validate() => Validate(requireReference: true);

    /// <summary>Checks the problem; a reference optimised for a comparison is measured against a unit budget and needs none.</summary>
    internal void Validate(bool requireReference)
    {
        const string op = "ControlProblem";
        ArgumentNullException.ThrowIfNull(Drift);
        ArgumentNullException.ThrowIfNull(Controls);
        ArgumentNullException.ThrowIfNull(Battery);
        ArgumentNullException.ThrowIfNull(Initial);
        if (!(MaxAmplitude > 0) || !double.IsFinite(MaxAmplitude))
            throw new ValidationException(op, "u-max", "a positive finite amplitude bound", QBattException.Num(MaxAmplitude));
        if (!(Duration > 0) || !double.IsFinite(Duration))
            throw new ValidationException(op, "time", "a positive finite duration", QBattException.Num(Duration));
        Guard.AtLeast(Slices, 1, op, "slices");
        if (Controls.Count == 0) throw new ValidationException(op, "controls", "at least one control term", "none");
        if (!Enum.IsDefined(Objective)) throw new ValidationException(op, "objective", "energy, ergotropy or power", $"{Objective}");
        Drift.RequireHermitian(op, "drift");
        Battery.RequireHermitian(op, "battery");
        Battery.Dims.RequireSame(Drift.Dims, op, "drift");
        Battery.Dims.RequireSame(Initial.Dims, op, "initial");
        var names = new HashSet<string>();
        foreach (var c in Controls)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (!names.Add(c.Name)) throw new ValidationException(op, "controls", "distinct control names", $"'{c.Name}' twice");
            Battery.Dims.RequireSame(c.Operator.Dims, op, $"control '{c.Name}'");
            c.Operator.RequireHermitian(op, $"control '{c.Name}'");
        }
        if (Constraint is { } k)
        {
            if (!Enum.IsDefined(k))
                throw new ValidationException(op, "constraint", "c0, c1 or c2", $"{k}");
            if (Objective != ControlObjective.Power)
                throw new ValidationException(op, "objective", "power under a fair budget (the budget fixes the power, not the energy at a given time)", Objective.ToString().ToLowerInvariant());
            if (Reference is null && requireReference)
                throw new ValidationException(op, "reference", $"a reference protocol that defines the {k.Label()} budget", "none");
        }
    }

    /// <summary>
    /// The charging setup of a pulse (amplitudes [k][j] of control k on slice j): H(t) = H_d + sum_k u_k(t) H_k with each u_k a
    /// sampled drive held constant on its slice (<see cref="SampleInterpolation.Hold"/>), from the initial state for the duration T,
    /// with the power and the constraint functionals C0-C2 and the speed limit computed (R7-R9).
    /// </summary>
    public ChargingSetup Setup(IReadOnlyList<double[]> amplitudes, ChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(amplitudes);
        if (amplitudes.Count != Controls.Count)
            throw new DimensionMismatchException("ControlProblem.Setup", "amplitudes", $"one row per control ({Controls.Count})", $"{amplitudes.Count}");
        var times = Enumerable.Range(0, Slices + 1).Select(j => j == Slices ? Duration : j * SliceLength).ToArray();
        var drives = new List<DriveTerm>();
        for (var k = 0; k < Controls.Count; k++)
        {
            var u = amplitudes[k];
            if (u.Length != Slices)
                throw new DimensionMismatchException("ControlProblem.Setup", "amplitudes", $"{Slices} values for control '{Controls[k].Name}'", $"{u.Length}");
            drives.Add(new DriveTerm(Controls[k].Operator, TimeFunction.Sampled(times, [.. u, u[^1]], SampleInterpolation.Hold)));
        }
        var h = new Hamiltonian(Drift, drives);
        var battery = Battery;
        var initial = Initial;
        return new ChargingSetup
        {
            Name = Name,
            Size = RunSizes.Of(h, battery, []),
            Build = () => new ChargingSystem { Dims = battery.Dims, Hamiltonian = h, Battery = battery, InitialKet = initial, InitialDescription = "the problem's initial state" },
            Window = ChargingWindow.ForDuration(Duration),
            Compute = ChargingQuantities.Power | ChargingQuantities.Constraints,
            Options = options ?? ChargingOptions.Default,
            Operation = "ControlOptimizer.Optimize",
            SizeArgument = "dims",
        };
    }
}
