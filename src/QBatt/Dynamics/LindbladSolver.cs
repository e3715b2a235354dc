using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The Lindblad master equation d rho/dt = -i[H(t), rho] + sum_k (C_k rho C_k^dag - {C_k^dag C_k, rho}/2)
/// (R6, open systems: amplitude damping, dephasing, thermal baths) with any list of collapse operators,
/// on the vectorised sparse generator (<see cref="Liouvillian"/>). Constant intervals use the Arnoldi
/// exponential (default) or a Runge-Kutta integrator; intervals where the drive varies use Runge-Kutta.
/// For a real Hamiltonian with real collapse operators and D &gt;= 128, the Arnoldi exponential applies the
/// generator in matrix form (<see cref="RealLindbladMap"/>) and the D^2 x D^2 generator is assembled only
/// if a Runge-Kutta interval needs it.
/// Expectation values are linear functionals of vec(rho) and are evaluated on the Krylov basis without
/// forming rho. The trace is monitored at every output and the smallest eigenvalue of rho as set by
/// <see cref="EvolutionOptions.Positivity"/>; drifts beyond <see cref="EvolutionOptions.DriftWarning"/> are
/// reported in <see cref="Trajectory.Warnings"/>, never corrected.
/// </summary>
public sealed class LindbladSolver
{
    private readonly Operator[] _collapse;
    private LinearGenerator? _generator;

    /// <summary>A solver for H(t) and the collapse operators (each of H's dimension), with options (null: defaults).</summary>
    public LindbladSolver(Hamiltonian hamiltonian, IReadOnlyList<Operator> collapse, EvolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(collapse);
        Hamiltonian = hamiltonian;
        _collapse = [.. collapse];
        for (var k = 0; k < _collapse.Length; k++)
        {
            var c = _collapse[k] ?? throw new ArgumentNullException(nameof(collapse), $"collapse operator {k} is null");
            if (c.Dimension != hamiltonian.Dimension)
                throw new DimensionMismatchException("LindbladSolver", $"collapse[{k}]", $"a {hamiltonian.Dimension}x{hamiltonian.Dimension} operator (dims {hamiltonian.Dims})", $"{c.Dimension}x{c.Dimension} (dims {c.Dims})");
        }
        Options = SolverSupport.CheckOptions(options);
        if (Options.Method == Integrators.Exact)
            throw new ValidationException("LindbladSolver", "Method", "auto, krylov, dop853 or dopri5 ('exact' diagonalises Hamiltonians only)", "'exact'");
    }

    private LindbladSolver(LindbladSolver other, EvolutionOptions options)
    {
        Hamiltonian = other.Hamiltonian;
        _collapse = other._collapse;
        Options = options;
        _generator = other.Generator;
    }

    /// <summary>
    /// This solver with the positivity check set to <paramref name="check"/>, sharing its generator (built once: assembled, it can
    /// be gigabytes).
    /// </summary>
    internal LindbladSolver WithPositivity(PositivityCheck check) => check == Options.Positivity ? this : new(this, Options with { Positivity = check });

    /// <summary>The Hamiltonian.</summary>
    public Hamiltonian Hamiltonian { get; }

    /// <summary>The collapse operators.</summary>
    public IReadOnlyList<Operator> Collapse => _collapse;

    /// <summary>The options.</summary>
    public EvolutionOptions Options { get; }

    private LinearGenerator Generator => _generator ??= BuildGenerator();

    /// <summary>
    /// Smallest dimension D at which a real Hamiltonian with real collapse operators runs in matrix form
    /// (<see cref="RealLindbladMap"/>) on constant intervals instead of on the assembled D^2 x D^2 generator.
    /// </summary>
    internal const int MatrixFormMinDimension = 64;

    private LinearGenerator BuildGenerator()
    {
        var d = Hamiltonian.Dimension;
        var hamiltonians = new List<Operator> { Hamiltonian.Constant };
        hamiltonians.AddRange(Hamiltonian.Drives.Select(x => x.Operator));
        var coefficients = new List<TimeFunction?> { null };
        coefficients.AddRange(Hamiltonian.Drives.Select(x => x.Coefficient));
        CsrMatrix[] Terms() =>
            [Liouvillian.Build(Hamiltonian.Constant, _collapse, Options.Threads), .. Hamiltonian.Drives.Select(x => Liouvillian.Commutator(x.Operator, Options.Threads))];
        if (d < MatrixFormMinDimension) return LinearGenerator.FromLindbladTerms(d, Terms(), coefficients, Options.Threads);
        var hs = hamiltonians.Select(o => o.ToSparse()).ToArray();
        var cs = _collapse.Select(o => o.ToSparse()).ToArray();
        if (!hs.All(m => m.IsReal) || !cs.All(m => m.IsReal)) return LinearGenerator.FromLindbladTerms(d, Terms(), coefficients, Options.Threads);
        var jumps = cs.Select(m => m.ToReal()).ToArray();
        IRealMap MatrixForm(Complex[] key)
        {
            var h = hs[0];
            for (var k = 1; k < hs.Length; k++)
            {
                if (key[k] != Complex.Zero) h = h.Add(hs[k], key[k]);
            }
            return new RealLindbladMap(h.ToReal(), jumps);
        }
        return LinearGenerator.FromLindbladMatrixForm(d, Terms, coefficients, MatrixForm, Options.Threads);
    }

    private void CheckInitial(DensityMatrix initial, string operation)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Dimension != Hamiltonian.Dimension)
            throw new DimensionMismatchException(operation, "initial", $"a density matrix of dimension {Hamiltonian.Dimension} (dims {Hamiltonian.Dims})", $"dimension {initial.Dimension} (dims {initial.Dims})");
    }

    /// <summary>Evolves a pure initial state (as |psi&gt;&lt;psi|).</summary>
    public Trajectory<DensityMatrix> Run(Ket initial, IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, OutputCallback<DensityMatrix>? callback = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return Run(DensityMatrix.FromKet(initial), times, observables, callback);
    }

    /// <summary>
    /// Evolves <paramref name="initial"/> from times[0] through the output times, recording tr(rho A) for
    /// every observable and calling <paramref name="callback"/> with rho(t), if given.
    /// </summary>
    public Trajectory<DensityMatrix> Run(DensityMatrix initial, IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, OutputCallback<DensityMatrix>? callback = null)
    {
        const string op = "LindbladSolver.Run";
        CheckInitial(initial, op);
        var t = SolverSupport.CheckTimes(times, op);
        var obs = SolverSupport.CheckObservables(observables, Hamiltonian.Dims, op);
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var y0 = initial.Data;
        var settings = new EngineSettings(Options, t[^1] - t[0], Numerics.VectorOps.Norm(y0));
        var dims = Hamiltonian.Dims;
        var d = dims.Total;
        // the functionals by their non-zeros: a dense vec(A^dag) is D^2 amplitudes per observable and run (256 MiB at D = 4096)
        var vobs = obs.Select(o => VectorObservable.LinearFunctional(Liouvillian.SparseExpectationFunctional(o.Operator)))
            .Append(VectorObservable.LinearFunctional(Liouvillian.SparseExpectationFunctional(Operator.Identity(dims)))).ToArray();
        var values = obs.Select(_ => new Complex[t.Length]).ToArray();
        var states = Options.StoreStates ? new DensityMatrix[t.Length] : null;
        var everyOutput = Options.Positivity == PositivityCheck.EveryOutput;
        double drift = 0;
        var minEig = double.PositiveInfinity;
        var sink = new OutputSink(vobs, states is not null || callback is not null || everyOutput, (index, v, state) =>
        {
            for (var k = 0; k < obs.Length; k++) values[k][index] = v[k];
            drift = Math.Max(drift, Math.Abs(v[obs.Length].Real - 1));
            if (state.IsEmpty) return;
            var rho = DensityMatrix.Own(ComplexMatrix.FromColumnMajor(d, d, state), dims);
            if (everyOutput) minEig = Math.Min(minEig, MinEigenvalue(rho));
            if (states is not null) states[index] = rho;
            callback?.Invoke(index, t[index], rho);
        });
        var evolution = new VectorEvolution(Generator, y0, t[0], settings, counters);
        evolution.Advance(t, 0, sink, t[^1]);
        var final = new Complex[d * d];
        evolution.StateAt(t[^1], final, t[^1]);
        // the basis goes back to the generator before the positivity check allocates, and the next run (a refinement) reuses it
        evolution.Release();
        var finalRho = DensityMatrix.Own(ComplexMatrix.FromColumnMajor(d, d, final), dims);
        if (Options.Positivity != PositivityCheck.None) minEig = Math.Min(minEig, MinEigenvalue(finalRho));
        if (double.IsPositiveInfinity(minEig)) minEig = double.NaN;
        var warnings = new List<string>();
        if (drift > Options.DriftWarning)
            warnings.Add($"trace drift: max |tr rho - 1| = {drift.ToString("g3", CultureInfo.InvariantCulture)} over the output times exceeds {QBattException.Num(Options.DriftWarning)} (tighten the tolerances)");
        if (minEig < -Options.DriftWarning)
            warnings.Add($"positivity drift: smallest eigenvalue of rho = {minEig.ToString("g3", CultureInfo.InvariantCulture)} below -{QBattException.Num(Options.DriftWarning)} (tighten the tolerances)");
        var stats = SolverSupport.Statistics(counters, evolution.ErrorEstimate, clock, drift, minEig);
        return new Trajectory<DensityMatrix>(t, [.. obs.Select(o => o.Name)], values, states, finalRho, stats, [.. warnings]);
    }

    /// <summary>Starts a step-by-step evolution (see <see cref="SchrodingerSolver.Start"/> for the horizon).</summary>
    public Evolution<DensityMatrix> Start(DensityMatrix initial, double t0, double? horizon = null)
    {
        const string op = "LindbladSolver.Start";
        CheckInitial(initial, op);
        var end = SolverSupport.CheckStart(t0, horizon, op);
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var settings = new EngineSettings(Options, end - t0, Numerics.VectorOps.Norm(initial.Data));
        var evolution = new VectorEvolution(Generator, initial.Data, t0, settings, counters);
        var dims = Hamiltonian.Dims;
        var d = dims.Total;
        return new Evolution<DensityMatrix>(t0, initial, t =>
        {
            var y = new Complex[d * d];
            evolution.StateAt(t, y, Math.Max(t, end));
            return DensityMatrix.Own(ComplexMatrix.FromColumnMajor(d, d, y), dims);
        }, () => SolverSupport.Statistics(counters, evolution.ErrorEstimate, clock, double.NaN));
    }

    /// <summary>
    /// The smallest eigenvalue of the Hermitian part (rho + rho^dag) / 2 (the rounding-level anti-Hermitian part symmetrised
    /// away), formed in one aligned work matrix that the eigensolver overwrites: one copy of rho, not the five of forming it
    /// from matrix operations (1.3 GiB at D = 4096, on top of the run's peak).
    /// </summary>
    private double MinEigenvalue(DensityMatrix rho)
    {
        var d = rho.Dimension;
        if (d == 0) return double.NaN;
        var a = rho.Data;
        var h = new AlignedArray<Complex>(checked(d * d));
        var hs = h.Span;
        for (var j = 0; j < d; j++)
            for (var i = 0; i < d; i++)
                hs[i + j * d] = 0.5 * (a[i + j * d] + Complex.Conjugate(a[j + i * d]));
        var w = new double[d];
        (Options.Backend ?? LinearAlgebra.Default).HermitianEigen(d, hs, w, false);
        return w[0];
    }
}
