using System.Diagnostics;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The Schrödinger equation d|psi&gt;/dt = -i H(t) |psi&gt; (R6, Rev eqs 2-3) for a <see cref="Hamiltonian"/>
/// H_0 + sum_k f_k(t) H_k on dense or sparse operators. The time axis is split at the drive's
/// breakpoints; on intervals where H is constant the integrator of <see cref="EvolutionOptions.Method"/>
/// runs (auto: exact eigendecomposition for small dimensions when cheaper, else a Lanczos propagator
/// that takes long steps and evaluates the observables at every output time inside a step from the
/// same Krylov basis), elsewhere the adaptive Runge-Kutta of <see cref="EvolutionOptions.TimeDependentMethod"/>.
/// </summary>
public sealed class SchrodingerSolver
{
    private LinearGenerator? _generator;

    /// <summary>A solver for <paramref name="hamiltonian"/> with <paramref name="options"/> (null: defaults), validated.</summary>
    public SchrodingerSolver(Hamiltonian hamiltonian, EvolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        Hamiltonian = hamiltonian;
        Options = SolverSupport.CheckOptions(options);
    }

    /// <summary>The Hamiltonian.</summary>
    public Hamiltonian Hamiltonian { get; }

    /// <summary>The options.</summary>
    public EvolutionOptions Options { get; }

    internal LinearGenerator Generator => _generator ??= LinearGenerator.FromHamiltonian(Hamiltonian, Options.Threads);

    private void CheckInitial(Ket initial, string operation)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Dimension != Hamiltonian.Dimension)
            throw new DimensionMismatchException(operation, "initial", $"a ket of dimension {Hamiltonian.Dimension} (dims {Hamiltonian.Dims})", $"dimension {initial.Dimension} (dims {initial.Dims})");
    }

    /// <summary>
    /// Evolves <paramref name="initial"/> from times[0] through the output times (strictly increasing),
    /// recording the expectation value of every observable at every output time (the first being the
    /// initial state) and calling <paramref name="callback"/> with the state there, if given.
    /// </summary>
    public Trajectory<Ket> Run(Ket initial, IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, OutputCallback<Ket>? callback = null)
    {
        const string op = "SchrodingerSolver.Run";
        CheckInitial(initial, op);
        var t = SolverSupport.CheckTimes(times, op);
        var obs = SolverSupport.CheckObservables(observables, Hamiltonian.Dims, op);
        var vobs = obs.Select(o => VectorObservable.QuadraticForm(SolverSupport.Map(o.Operator, Options.Threads))).ToArray();
        return RunCore(Generator, Hamiltonian.Dims, Options, initial, t, [.. obs.Select(o => o.Name)], vobs, callback);
    }

    /// <summary>As <see cref="Run"/>, with further observables given as matrix-free maps (recorded after the operator ones).</summary>
    internal Trajectory<Ket> RunWithMaps(Ket initial, IReadOnlyList<double> times, IReadOnlyList<Observable> observables, IReadOnlyList<MapObservable> maps, OutputCallback<Ket>? callback)
    {
        const string op = "SchrodingerSolver.Run";
        CheckInitial(initial, op);
        var t = SolverSupport.CheckTimes(times, op);
        var obs = SolverSupport.CheckObservables(observables, Hamiltonian.Dims, op);
        foreach (var m in maps)
            if (m.Map.Dimension != Hamiltonian.Dimension)
                throw new DimensionMismatchException(op, $"observable '{m.Name}'", $"a map of dimension {Hamiltonian.Dimension}", $"dimension {m.Map.Dimension}");
        var names = obs.Select(o => o.Name).Concat(maps.Select(m => m.Name)).ToArray();
        SolverSupport.RequireDistinctNames(names, op);
        var vobs = obs.Select(o => VectorObservable.QuadraticForm(SolverSupport.Map(o.Operator, Options.Threads)))
            .Concat(maps.Select(m => VectorObservable.QuadraticForm(m.Map))).ToArray();
        return RunCore(Generator, Hamiltonian.Dims, Options, initial, t, names, vobs, callback);
    }

    /// <summary>The evolution and recording shared by the operator and the matrix-free solvers.</summary>
    internal static Trajectory<Ket> RunCore(LinearGenerator generator, Dims dims, EvolutionOptions options, Ket initial, double[] t, string[] names, VectorObservable[] vobs, OutputCallback<Ket>? callback)
    {
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var settings = new EngineSettings(options, t[^1] - t[0], 1);
        var values = vobs.Select(_ => new Complex[t.Length]).ToArray();
        var states = options.StoreStates ? new Ket[t.Length] : null;
        double drift = 0;
        var sink = new OutputSink(vobs, states is not null || callback is not null, (index, v, state) =>
        {
            for (var k = 0; k < v.Length; k++) values[k][index] = v[k];
            if (state.IsEmpty) return;
            var ket = Ket.Own(state.ToArray(), dims);
            if (states is not null) states[index] = ket;
            callback?.Invoke(index, t[index], ket);
        });
        var evolution = new VectorEvolution(generator, initial.Amplitudes, t[0], settings, counters);
        evolution.Advance(t, 0, sink, t[^1]);
        var final = evolution.TakeState(t[^1], t[^1]);
        var norm2 = Math.Pow(Numerics.VectorOps.Norm(final), 2);
        drift = Math.Abs(norm2 - 1);
        var stats = SolverSupport.Statistics(counters, evolution.ErrorEstimate, clock, drift);
        return new Trajectory<Ket>(t, names, values, states, Ket.Own(final, dims), stats, []);
    }

    /// <summary>
    /// Starts a step-by-step evolution at (<paramref name="t0"/>, <paramref name="initial"/>). The error
    /// budget of the Krylov propagator is spread over [t0, <paramref name="horizon"/>] (default t0 + 1):
    /// give the time you plan to reach.
    /// </summary>
    public Evolution<Ket> Start(Ket initial, double t0, double? horizon = null)
    {
        const string op = "SchrodingerSolver.Start";
        CheckInitial(initial, op);
        var end = SolverSupport.CheckStart(t0, horizon, op);
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var settings = new EngineSettings(Options, end - t0, 1);
        var evolution = new VectorEvolution(Generator, initial.Amplitudes, t0, settings, counters);
        var dims = Hamiltonian.Dims;
        return new Evolution<Ket>(t0, initial, t =>
        {
            var y = new Complex[dims.Total];
            evolution.StateAt(t, y, Math.Max(t, end));
            return Ket.Own(y, dims);
        }, () => SolverSupport.Statistics(counters, evolution.ErrorEstimate, clock, double.NaN));
    }
}
