using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Batteries;

/// <summary>
/// The one runner that charges any <see cref="ChargingSetup"/> (R6-R9, R16). It checks the engine's memory estimate
/// before the model builds anything large, builds the system, hands it to the engine's dispatcher (which picks the
/// equation and the propagator), and turns what the engine records into one <see cref="ChargingRun"/>: on a grid
/// window the charging curve W(t), P(t) from the state and the maximal average power refined below the output spacing
/// (R7); for protocols (first arrival at a target, fixed duration, maximal average power) the end time located from
/// the dynamics and the constraint functionals C0-C2 with the speed limit (R8, R9); the ergotropy along the
/// trajectory; the monitored populations; warnings; and the reference run with Gamma and the fair comparisons.
/// </summary>
public static class ChargingRunner
{
    private const string EnergyName = ChargingObservables.EnergyName;
    private const string MapPowerName = "charging:P";
    private const string LimitPrefix = "limit:";

    /// <summary>Charges <paramref name="setup"/> and, when it has one, its reference.</summary>
    public static ChargingRun Run(ChargingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(setup.Build);
        ArgumentNullException.ThrowIfNull(setup.Window);
        setup.Options.Validate();
        var run = setup.Window.Kind == ChargingWindowKind.Grid ? RunGrid(setup) : RunProtocol(setup);
        return setup.Reference is { } reference ? Compare(run, reference) : run;
    }

    /// <summary>
    /// The engine's memory estimate of <paramref name="setup"/>'s run in bytes, refused with a <see cref="ResourceException"/> stating the
    /// need when it exceeds the setup's limit (what <see cref="Run"/> checks first; a scan checks every point before running any).
    /// </summary>
    public static double RequireFits(ChargingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var grid = setup.Window.Kind == ChargingWindowKind.Grid;
        return CheckMemory(setup, setup.Options.Evolution, grid ? setup.Window.Times!.Count : setup.Options.MinimumIntervals + 1, grid ? 4 : 8);
    }

    /// <summary>The bytes the run needs, refused before anything large is allocated when above the setup's limit.</summary>
    private static double CheckMemory(ChargingSetup s, EvolutionOptions evolution, int outputs, int observables)
    {
        var bytes = MemoryEstimate.Bytes(s.Size, evolution, outputs, observables);
        MemoryEstimate.Require(bytes, s.MemoryLimit, s.Operation, s.SizeArgument,
            s.SizeDescription.Length > 0 ? s.SizeDescription : $"dimension {s.Size.Dimension}");
        return bytes;
    }

    private static ChargingRun RunGrid(ChargingSetup s)
    {
        var times = s.Window.Times!.ToArray();
        var compute = s.Compute;
        var evolution = s.Options.Evolution;
        if (compute.HasFlag(ChargingQuantities.States)) evolution = evolution with { StoreStates = true };
        var bytes = CheckMemory(s, evolution, times.Length, 4);
        var sys = s.Build();
        Check(sys, s);
        var open = sys.Collapse.Count > 0;
        var withPower = compute.HasFlag(ChargingQuantities.Power);
        var observables = new List<Observable>();
        var maps = new List<MapObservable>();
        ChargingObservables? charging = null;
        if (sys.IsMatrixFree)
        {
            maps.Add(new MapObservable(EnergyName, sys.BatteryMap!));
            if (withPower && sys.PowerMap is not null) maps.Add(new MapObservable(MapPowerName, sys.PowerMap));
        }
        else
        {
            charging = new ChargingObservables(sys.Hamiltonian!, sys.Battery!, withPower, sys.Collapse);
            observables.AddRange(charging.Observables);
        }
        observables.AddRange(sys.Observables);
        observables.AddRange(sys.Limits.Select(l => new Observable(LimitPrefix + l.Name, l.Operator)));

        var wantErgotropy = compute.HasFlag(ChargingQuantities.Ergotropy) || compute.HasFlag(ChargingQuantities.ErgotropyParts);
        // a battery that is part of the system: its reduced state's spectrum changes even under unitary dynamics
        var fromStates = compute.HasFlag(ChargingQuantities.ErgotropyParts) || (wantErgotropy && (open || sys.BatterySubsystems is not null));
        var keepStates = compute.HasFlag(ChargingQuantities.States);
        if (fromStates && sys.IsMatrixFree)
            throw new ValidationException(s.Operation, "compute", "the ergotropy parts on operator systems (a matrix-free run holds no density matrices)", "a matrix-free system");
        var tracker = fromStates ? Tracker(sys, evolution) : null;
        var states = keepStates ? new object[times.Length] : null;
        var parts = tracker is null ? null : new (double Value, double Incoherent, double Passive, double Entropy)[times.Length];
        OutputCallback<object>? callback = tracker is null && states is null ? null : (i, _, state) =>
        {
            if (states is not null) states[i] = state;
            if (tracker is not null) parts![i] = tracker.Of(state as DensityMatrix ?? DensityMatrix.FromKet((Ket)state));
        };

        var prepared = EvolutionDispatcher.Prepare(Problem(sys), evolution);
        var trajectory = prepared.Run(times, observables, maps, callback);
        var energy = trajectory.Expectation(EnergyName);
        double[]? power = null;
        if (withPower)
            power = charging is not null ? charging.InstantaneousPower(trajectory) : sys.PowerMap is not null ? trajectory.Expectation(MapPowerName) : null;
        var relative = times.Select(t => t - times[0]).ToArray();
        var curve = new ChargingCurve(relative, Thermodynamics.Power.Work(energy), power);
        // the refinement's runs end at times inside the window: the positivity check of each final state (an eigendecomposition
        // of rho, some 10 s at D = 4096) is the grid run's to make, not theirs
        curve = RefineMaximum(curve, sys, prepared.WithoutPositivityCheck(), times[0], energy[0], bytes, s, out var refinementMatVecs);

        var warnings = new List<string>(trajectory.Warnings.Select(w => Label(s, w)));
        var limitMaxima = Limits(s, sys, trajectory, warnings);
        if (curve.Maximum.AtBoundary)
            warnings.Add(Label(s, $"the maximal average power is at the end of the window t_max = {QBattException.Num(relative[^1])}; extend t_max{s.WindowAdvice}"));
        var extra = sys.Observables.ToDictionary(o => o.Name, o => trajectory.Expectation(o.Name));
        ErgotropySeries? ergotropy = null;
        if (parts is not null)
        {
            ergotropy = new ErgotropySeries([.. parts.Select(p => p.Value)], [.. parts.Select(p => p.Incoherent)],
                [.. parts.Select(p => p.Value - p.Incoherent)], [.. parts.Select(p => p.Passive)], [.. parts.Select(p => p.Entropy)]);
        }
        else if (wantErgotropy)
        {
            ergotropy = ClosedErgotropy(sys, energy, evolution);
        }
        var run = new ChargingRun(s, times, energy, curve, curve.ChargingTime, curve.WorkAtChargingTime, curve.MaxPower)
        {
            Ergotropy = ergotropy,
            Observables = extra,
            LimitMaxima = limitMaxima,
            States = states,
            FinalState = trajectory.FinalStateObject,
            InitialDescription = sys.InitialDescription,
            Dimension = sys.Dims.Total,
            Dynamics = DynamicsName(prepared.Equation),
            Warnings = warnings,
            EstimatedBytes = bytes,
            Statistics = trajectory.Statistics,
            RefinementMatVecs = refinementMatVecs,
        };
        if (!compute.HasFlag(ChargingQuantities.Constraints) && s.Reference is not { Constraints.Count: > 0 }) return run;
        // the constraint functionals on [0, T] of the charging time found on the grid (R9)
        var protocol = Protocol(sys, s, ChargingEnd.Duration, curve.ChargingTime);
        run.Protocol = ProtocolEvaluation.Evaluate(protocol, s.Options);
        return run;
    }

    /// <summary>
    /// The maximal average power and its time refined from the dynamics (<see cref="MaximumPowerRefinement"/>): W and P = dW/dt from
    /// the state at three times around the grid's estimate (P recorded for these runs even when the grid run did not record it).
    /// A system without any form of P (a matrix-free one without a power map) keeps the grid's refinement. The rounds run from a
    /// state held at the grid time before them (<see cref="RefinementStart"/>) when one more state fits in the memory limit beside
    /// the run's <paramref name="bytes"/>, otherwise from the start; W is measured from the initial energy <paramref name="e0"/> either way.
    /// </summary>
    private static ChargingCurve RefineMaximum(ChargingCurve curve, ChargingSystem sys, PreparedEvolution prepared, double t0, double e0,
        double bytes, ChargingSetup s, out long matVecs)
    {
        matVecs = 0;
        if (sys.IsMatrixFree && sys.PowerMap is null) return curve;
        var grid = curve.Times.ToArray();
        double SpacingAt(double t)
        {
            var k = Array.BinarySearch(grid, t);
            k = Math.Clamp(k < 0 ? ~k : k, 1, grid.Length - 1);
            return grid[k] - grid[k - 1];
        }
        var d = (double)sys.Dims.Total;
        var stateBytes = 16 * (prepared.Equation == Equation.Schrodinger ? d : d * d);
        var start = new RefinementStart(prepared, t0, grid, bytes + stateBytes <= (s.MemoryLimit ?? MemoryEstimate.DefaultLimit));
        var charging = sys.IsMatrixFree ? null : new ChargingObservables(sys.Hamiltonian!, sys.Battery!, true, sys.Collapse);
        long used = 0;
        (double[] W, double[] P) Evaluate(double[] rel)
        {
            // each run leaves its state-sized buffers behind (the propagator's coordinates, the formed output and final states:
            // some five states); collected before the next run, so that the refinement's peak stays the grid run's instead of
            // growing with garbage the collector had no reason to reclaim (9.8 GiB against 5.8 GiB measured at D = 4096)
            if (stateBytes >= 1 << 26) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            var (from, state) = start.Before(t0 + rel[0]);
            Trajectory tr;
            IReadOnlyList<double> times = [from, .. rel.Select(t => t0 + t)];
            double[] energy, power;
            if (charging is not null)
            {
                tr = state is null ? prepared.Run(times, charging.Observables) : prepared.RunFrom(state, times, charging.Observables);
                (energy, power) = (charging.Energy(tr), charging.InstantaneousPower(tr));
            }
            else
            {
                MapObservable[] maps = [new MapObservable(EnergyName, sys.BatteryMap!), new MapObservable(MapPowerName, sys.PowerMap!)];
                tr = state is null ? prepared.Run(times, maps: maps) : prepared.RunFrom(state, times, maps: maps);
                (energy, power) = (tr.Expectation(EnergyName), tr.Expectation(MapPowerName));
            }
            used += tr.Statistics.MatVecs;
            return ([.. energy.Skip(1).Select(e => e - e0)], [.. power.Skip(1)]);
        }
        // the earlier of the two first, so that the held state only moves forward
        var first = curve.FirstMaximum is { } f && curve.InstantaneousPower is not null ? f : null;
        var refineMaximum = !curve.Maximum.AtBoundary;
        if (refineMaximum && !(first is not null && first.Time < curve.Maximum.Time))
        {
            curve = curve.WithMaximum(MaximumPowerRefinement.Refine(curve.Maximum, SpacingAt(curve.ChargingTime), Evaluate));
            refineMaximum = false;
        }
        // the first maximum of W (a root of P), refined from the states as well when the grid's power brackets it
        if (first is not null)
            curve = curve.WithFirstMaximum(MaximumPowerRefinement.RefineFirstMaximum(first, SpacingAt(first.Time), Evaluate));
        if (refineMaximum)
            curve = curve.WithMaximum(MaximumPowerRefinement.Refine(curve.Maximum, SpacingAt(curve.ChargingTime), Evaluate));
        matVecs = used + start.MatVecs;
        return curve;
    }

    /// <summary>
    /// The state a refinement's run starts from: the state at the last grid time a quarter of a spacing or more before its first
    /// output, held and moved forward as later times are asked (from t0, a refinement reruns the whole charging up to the maximum,
    /// up to four rounds for each of the two maxima); a time before the held one restarts from t0. The held state carries the
    /// solver's error up to its time, and the continuation adds at most as much again.
    /// </summary>
    private sealed class RefinementStart
    {
        private readonly PreparedEvolution _prepared;
        private readonly double _start;
        private readonly double[] _grid;
        private readonly bool _enabled;
        private double _time;
        private object? _state;

        /// <summary>Mat-vecs of the runs that moved the held state.</summary>
        public long MatVecs { get; private set; }

        /// <param name="prepared">The run's prepared evolution.</param>
        /// <param name="start">The start t0 of the charging.</param>
        /// <param name="grid">The output grid, relative to t0.</param>
        /// <param name="enabled">False: every run starts from the initial state at t0.</param>
        public RefinementStart(PreparedEvolution prepared, double start, double[] grid, bool enabled)
        {
            (_prepared, _start, _grid, _enabled) = (prepared, start, grid, enabled);
            _time = start;
        }

        /// <summary>The time and state (null: the initial state at t0) to start a run whose first output is at <paramref name="first"/>.</summary>
        public (double Time, object? State) Before(double first)
        {
            if (!_enabled) return (_start, null);
            var c = _start;
            for (var k = 1; k < _grid.Length; k++)
            {
                var g = _start + _grid[k];
                if (g > first - 0.25 * (_grid[k] - _grid[k - 1])) break;
                c = g;
            }
            if (c < _time)
            {
                _state = null;
                _time = _start;
            }
            if (c > _time)
            {
                var run = _state is null ? _prepared.Run([_time, c]) : _prepared.RunFrom(_state, [_time, c]);
                _state = run.FinalStateObject;
                _time = c;
                MatVecs += run.Statistics.MatVecs;
            }
            return (_time, _state);
        }
    }

    private static ChargingRun RunProtocol(ChargingSetup s)
    {
        var evolution = s.Options.Evolution;
        var bytes = CheckMemory(s, evolution, s.Options.MinimumIntervals + 1, 8);
        var sys = s.Build();
        Check(sys, s);
        var window = s.Window;
        ChargingResult result;
        if (window.Kind == ChargingWindowKind.MaximumPower && window.WorkBound is { } bound)
        {
            // the horizon doubled while the maximum sits at its end or a later time could still beat it (W <= bound)
            var horizon = window.Time;
            for (var attempt = 0; ; attempt++)
            {
                result = ProtocolEvaluation.Evaluate(Protocol(sys, s, ChargingEnd.MaximumAveragePower, horizon), s.Options);
                var best = result.MaximumPower!;
                if ((!best.AtBoundary && best.Power * horizon >= bound) || attempt == 8) break;
                horizon *= 2;
            }
        }
        else
        {
            result = ProtocolEvaluation.Evaluate(Protocol(sys, s, window.End, window.Time), s.Options);
        }
        var energy = result.WorkSeries.Select(w => result.InitialEnergy + w).ToArray();
        var run = new ChargingRun(s, [.. result.Times], energy, null, result.ChargingTime, result.Work, result.AveragePower)
        {
            Protocol = result,
            Ergotropy = s.Compute.HasFlag(ChargingQuantities.Ergotropy) ? ClosedErgotropy(sys, energy, evolution) : null,
            InitialDescription = sys.InitialDescription,
            Dimension = sys.Dims.Total,
            Dynamics = sys.InitialKet is not null ? "schrodinger" : "von-neumann",
            EstimatedBytes = bytes,
        };
        return run;
    }

    /// <summary>
    /// Gamma of a run made already against <paramref name="reference"/>'s copies and, under each of its constraints, the fair comparison
    /// (R9); the run is returned with its reference, Gamma and comparisons set.
    /// </summary>
    public static ChargingRun Compare(ChargingRun run, ChargingReference reference)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reference);
        var referenceRun = reference.Run ?? Run(reference.Setup);
        var gamma = run.AveragePower / (reference.Copies * referenceRun.AveragePower);
        var advantages = new List<AdvantageResult>();
        foreach (var c in reference.Constraints)
        {
            if (run.Protocol is null || referenceRun.Protocol is null)
                throw new ValidationException(run.Setup.Operation, "reference", $"runs with constraint values for the {c.Label()} comparison (operator systems)", "a run without them");
            advantages.Add(Advantage.Compare(run.Protocol, referenceRun.Protocol, reference.Copies, c, run.Setup.Options));
        }
        run.Reference = referenceRun;
        run.ReferenceCopies = reference.Copies;
        run.Gamma = gamma;
        run.Advantages = advantages;
        run.Warnings = [.. run.Warnings, .. referenceRun.Warnings.Where(w => !run.Warnings.Contains(w))];
        return run;
    }

    /// <summary>The ergotropy tracker of the battery of <paramref name="sys"/> (its reduced state when it is a part of the system).</summary>
    internal static ErgotropyTracker Tracker(ChargingSystem sys, EvolutionOptions evolution) => sys.BatterySubsystems is { } keep
        ? new ErgotropyTracker(sys.ReducedBattery ?? throw new ArgumentException("ReducedBattery is required with BatterySubsystems", nameof(sys)), evolution.Backend, keep)
        : new ErgotropyTracker(sys.Battery!, evolution.Backend);

    /// <summary>
    /// The state of the charging run of <paramref name="setup"/> at <paramref name="time"/> after its start (a ket or a density matrix),
    /// propagated by the engine's dispatcher from the initial state with the setup's solver options: the charged state at the charging
    /// time, for instance, to store it afterwards (R16).
    /// </summary>
    public static object StateAt(ChargingSetup setup, double time)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Guard.NonNegative(time, setup.Operation, "time");
        RequireFits(setup);
        var sys = setup.Build();
        var start = (object?)sys.InitialKet ?? sys.InitialMixed!;
        if (time == 0) return start;
        object state = start;
        EvolutionDispatcher.Prepare(Problem(sys), setup.Options.Evolution).Run([0, time], callback: (i, _, x) => { if (i == 1) state = x; });
        return state;
    }

    private static EvolutionProblem Problem(ChargingSystem sys) => new()
    {
        Dims = sys.Dims,
        Hamiltonian = sys.Hamiltonian,
        Map = sys.HamiltonianMap,
        MapNormBound = sys.NormBound,
        Collapse = sys.Collapse,
        InitialKet = sys.InitialKet,
        InitialMixed = sys.InitialMixed,
    };

    private static ChargingProtocol Protocol(ChargingSystem sys, ChargingSetup s, ChargingEnd end, double time)
    {
        if (sys.IsMatrixFree || sys.Collapse.Count > 0)
            throw new ValidationException(s.Operation, "window", "closed dynamics with operator Hamiltonians for a protocol window or the constraint values", sys.IsMatrixFree ? "a matrix-free system" : "collapse operators");
        var h = sys.Hamiltonian!;
        var b = sys.Battery!;
        return (end, sys.InitialKet) switch
        {
            (ChargingEnd.Target, { } ket) => ChargingProtocol.ToTarget(h, b, ket, sys.TargetKet ?? throw MissingTarget(s), time),
            (ChargingEnd.Target, null) => ChargingProtocol.ToTarget(h, b, sys.InitialMixed!, sys.TargetMixed ?? throw MissingTarget(s), time),
            (ChargingEnd.Duration, { } ket) => ChargingProtocol.ForDuration(h, b, ket, time),
            (ChargingEnd.Duration, null) => ChargingProtocol.ForDuration(h, b, sys.InitialMixed!, time),
            (_, { } ket) => ChargingProtocol.ToMaximumPower(h, b, ket, time),
            _ => ChargingProtocol.ToMaximumPower(h, b, sys.InitialMixed!, time),
        };
    }

    private static ValidationException MissingTarget(ChargingSetup s) =>
        new(s.Operation, "target", "a target state of the initial state's kind (pure or mixed) for a window ending at the target", "none");

    private static void Check(ChargingSystem sys, ChargingSetup s)
    {
        ArgumentNullException.ThrowIfNull(sys);
        if (sys.IsMatrixFree ? sys.BatteryMap is null || sys.Hamiltonian is not null : sys.Hamiltonian is null || sys.Battery is null)
            throw new ValidationException(s.Operation, "system", "H and H0 both as operators or both as matrix-free maps", "a mixture or a missing one");
        if ((sys.InitialKet is null) == (sys.InitialMixed is null))
            throw new ValidationException(s.Operation, "initial", "exactly one initial state (a ket or a density matrix)", sys.InitialKet is null ? "none" : "both");
    }

    private static Dictionary<string, double> Limits(ChargingSetup s, ChargingSystem sys, Trajectory trajectory, List<string> warnings)
    {
        var maxima = new Dictionary<string, double>();
        foreach (var l in sys.Limits)
        {
            var max = trajectory.Expectation(LimitPrefix + l.Name).Max();
            maxima[l.Name] = max;
            if (!(max > l.Tolerance)) continue;
            var message = Label(s, $"the population of the {l.Name} reaches {QBattException.Num(max)} > {QBattException.Num(l.Tolerance)} {l.Advice}");
            if (l.Strict) throw new ConvergenceException($"{s.Operation}: {message}.");
            warnings.Add(message);
        }
        return maxima;
    }

    /// <summary>
    /// The ergotropy along a closed trajectory without its states: the spectrum of rho is conserved, so W(t) = E(t) minus the
    /// passive energy of rho(0) (e_min of H0 for a pure state), with the entropy and the passive energy constant.
    /// </summary>
    private static ErgotropySeries ClosedErgotropy(ChargingSystem sys, IReadOnlyList<double> energy, EvolutionOptions evolution)
    {
        double passive, entropy;
        if (sys.InitialKet is not null)
        {
            passive = sys.BatteryGroundEnergy ?? (sys.Battery ?? throw new ValidationException("ChargingRunner", "system", "the ground energy of H0 for the ergotropy of a matrix-free run", "none")).LowestEigenvalue(evolution.Backend);
            entropy = 0;
        }
        else
        {
            var tracker = new ErgotropyTracker(sys.Battery!, evolution.Backend);
            var r = sys.InitialMixed!.Eigenvalues();
            passive = tracker.PassiveEnergy(r);
            entropy = Entropy.VonNeumann(sys.InitialMixed);
        }
        var n = energy.Count;
        return new ErgotropySeries([.. energy.Select(e => e - passive)], null, null, Enumerable.Repeat(passive, n).ToArray(), Enumerable.Repeat(entropy, n).ToArray());
    }

    private static string Label(ChargingSetup s, string message) => s.Name.Length > 0 ? $"{s.Name}: {message}" : message;

    private static string DynamicsName(Equation e) => e switch
    {
        Equation.Lindblad => "lindblad",
        Equation.VonNeumann => "von-neumann",
        _ => "schrodinger",
    };
}
