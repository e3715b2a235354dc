using System.Diagnostics;
using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The von Neumann equation d rho/dt = -i [H(t), rho] (R6) for a mixed initial state. rho(0) =
/// sum_i p_i |phi_i&gt;&lt;phi_i| is diagonalised once and each eigenvector with p_i &gt; 1e-14 is evolved
/// as a ket with the <see cref="SchrodingerSolver"/>'s engine (rank r: r ket evolutions instead of
/// one of dimension D^2); expectation values are the weighted sums. The discarded weight (eigenvalues
/// &lt;= 1e-14, rounding of a valid state) is reported in the statistics and added to the error estimate.
/// </summary>
public sealed class VonNeumannSolver
{
    /// <summary>Eigenvalues of rho(0) at or below this are not evolved.</summary>
    public const double WeightCutoff = 1e-14;

    private readonly SchrodingerSolver _kets;

    /// <summary>A solver for <paramref name="hamiltonian"/> with <paramref name="options"/> (null: defaults), validated.</summary>
    public VonNeumannSolver(Hamiltonian hamiltonian, EvolutionOptions? options = null)
    {
        _kets = new SchrodingerSolver(hamiltonian, options);
    }

    /// <summary>The Hamiltonian.</summary>
    public Hamiltonian Hamiltonian => _kets.Hamiltonian;

    /// <summary>The options.</summary>
    public EvolutionOptions Options => _kets.Options;

    private (List<Complex[]> Kets, List<double> Weights, double Discarded) Ensemble(DensityMatrix initial, string operation)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Dimension != Hamiltonian.Dimension)
            throw new DimensionMismatchException(operation, "initial", $"a density matrix of dimension {Hamiltonian.Dimension} (dims {Hamiltonian.Dims})", $"dimension {initial.Dimension} (dims {initial.Dims})");
        var eig = initial.Eigen();
        var d = initial.Dimension;
        var kets = new List<Complex[]>();
        var weights = new List<double>();
        double discarded = 0;
        var v = eig.Vectors.ReadOnlySpan;
        for (var i = d - 1; i >= 0; i--)
        {
            var p = eig.Values[i];
            if (p > WeightCutoff)
            {
                kets.Add(v.Slice(i * d, d).ToArray());
                weights.Add(p);
            }
            else
            {
                discarded += Math.Abs(p);
            }
        }
        return (kets, weights, discarded);
    }

    /// <summary>
    /// Evolves <paramref name="initial"/> from times[0] through the output times, recording tr(rho A) for
    /// every observable and calling <paramref name="callback"/> with rho(t), if given.
    /// </summary>
    public Trajectory<DensityMatrix> Run(DensityMatrix initial, IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, OutputCallback<DensityMatrix>? callback = null)
    {
        const string op = "VonNeumannSolver.Run";
        var (kets, weights, discarded) = Ensemble(initial, op);
        var t = SolverSupport.CheckTimes(times, op);
        var obs = SolverSupport.CheckObservables(observables, Hamiltonian.Dims, op);
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var settings = new EngineSettings(Options, t[^1] - t[0], 1);
        var vobs = obs.Select(o => VectorObservable.QuadraticForm(SolverSupport.Map(o.Operator, Options.Threads))).ToArray();
        var values = obs.Select(_ => new Complex[t.Length]).ToArray();
        var states = Options.StoreStates ? new DensityMatrix[t.Length] : null;
        var needState = states is not null || callback is not null;
        var dims = Hamiltonian.Dims;
        var d = dims.Total;
        var g = _kets.Generator;
        var evolutions = kets.Select(k => new VectorEvolution(g, k, t[0], settings, counters)).ToArray();
        var current = kets.Select(_ => new Complex[d]).ToArray();
        double drift = 0;
        if (!needState)
        {
            for (var i = 0; i < evolutions.Length; i++)
            {
                var w = weights[i];
                var sink = new OutputSink(vobs, false, (index, v, _) =>
                {
                    for (var k = 0; k < v.Length; k++) values[k][index] += w * v[k];
                });
                evolutions[i].Advance(t, 0, sink, t[^1]);
            }
        }
        else
        {
            for (var index = 0; index < t.Length; index++)
            {
                for (var i = 0; i < evolutions.Length; i++)
                {
                    var w = weights[i];
                    var ket = current[i];
                    var sink = new OutputSink(vobs, true, (ix, v, state) =>
                    {
                        for (var k = 0; k < v.Length; k++) values[k][ix] += w * v[k];
                        state.CopyTo(ket);
                    });
                    evolutions[i].Advance(t.AsSpan(index, 1), index, sink, t[^1]);
                }
                var rho = DensityMatrix.Own(SolverSupport.Mixture(current, weights, d, Options.Backend), dims);
                drift = Math.Max(drift, Math.Abs(rho.Trace() - 1));
                if (states is not null) states[index] = rho;
                callback?.Invoke(index, t[index], rho);
            }
        }
        for (var i = 0; i < evolutions.Length; i++) evolutions[i].StateAt(t[^1], current[i], t[^1]);
        var final = DensityMatrix.Own(SolverSupport.Mixture(current, weights, d, Options.Backend), dims);
        drift = Math.Max(drift, Math.Abs(final.Trace() - 1));
        double error = 0;
        for (var i = 0; i < evolutions.Length; i++) error += weights[i] * evolutions[i].ErrorEstimate;
        var stats = SolverSupport.Statistics(counters, error, clock, drift, discarded: discarded);
        return new Trajectory<DensityMatrix>(t, [.. obs.Select(o => o.Name)], values, states, final, stats, []);
    }

    /// <summary>Starts a step-by-step evolution (see <see cref="SchrodingerSolver.Start"/> for the horizon).</summary>
    public Evolution<DensityMatrix> Start(DensityMatrix initial, double t0, double? horizon = null)
    {
        const string op = "VonNeumannSolver.Start";
        var (kets, weights, discarded) = Ensemble(initial, op);
        var end = SolverSupport.CheckStart(t0, horizon, op);
        var clock = Stopwatch.StartNew();
        var counters = new EngineCounters();
        var settings = new EngineSettings(Options, end - t0, 1);
        var g = _kets.Generator;
        var evolutions = kets.Select(k => new VectorEvolution(g, k, t0, settings, counters)).ToArray();
        var dims = Hamiltonian.Dims;
        var current = kets.Select(_ => new Complex[dims.Total]).ToArray();
        return new Evolution<DensityMatrix>(t0, initial, t =>
        {
            for (var i = 0; i < evolutions.Length; i++) evolutions[i].StateAt(t, current[i], Math.Max(t, end));
            return DensityMatrix.Own(SolverSupport.Mixture(current, weights, dims.Total, Options.Backend), dims);
        }, () =>
        {
            double error = 0;
            for (var i = 0; i < evolutions.Length; i++) error += weights[i] * evolutions[i].ErrorEstimate;
            return SolverSupport.Statistics(counters, error, clock, double.NaN, discarded: discarded);
        });
    }
}
