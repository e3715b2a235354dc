using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The Schrödinger equation d|psi&gt;/dt = -i H |psi&gt; (R6) for a time-independent Hamiltonian given as
/// an <see cref="ILinearMap"/> that is never stored (e.g. <see cref="XxzMap"/> for spin chains at
/// 2^22 amplitudes): the same engine as <see cref="SchrodingerSolver"/> (Lanczos propagator with long
/// steps and observables projected on the Krylov basis when cheaper, or the exact eigendecomposition
/// when <see cref="EvolutionOptions.Method"/> asks for it), without the operator algebra of
/// <see cref="Operator"/>. Hermiticity of the maps is the caller's promise and is spot-checked on two
/// random vectors at construction.
/// </summary>
public sealed class SchrodingerMapSolver
{
    private readonly LinearGenerator _generator;

    /// <summary>
    /// A solver for H = <paramref name="hamiltonian"/> on a space with dims <paramref name="dims"/>.
    /// <paramref name="normBound"/> is an upper bound on ||H|| used only to choose between the exact and
    /// the Krylov method (null: estimated by a few power iterations).
    /// </summary>
    public SchrodingerMapSolver(ILinearMap hamiltonian, Dims dims, EvolutionOptions? options = null, double? normBound = null)
    {
        const string op = "SchrodingerMapSolver";
        ArgumentNullException.ThrowIfNull(hamiltonian);
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Total != hamiltonian.Dimension)
            throw new DimensionMismatchException(op, "dims", $"dims whose product is the map's dimension {hamiltonian.Dimension}", $"{dims} (product {dims.Total})");
        Options = SolverSupport.CheckOptions(options);
        // an XxzMap is real symmetric by construction; the spot check would cost four vectors of the full length
        if (hamiltonian is not XxzMap) RequireHermitian(hamiltonian, op, "hamiltonian");
        if (normBound is { } b && !(b >= 0 && double.IsFinite(b)))
            throw new ValidationException(op, "normBound", "a finite non-negative bound", QBattException.Num(b));
        Hamiltonian = hamiltonian;
        Dims = dims;
        _generator = LinearGenerator.FromMap(hamiltonian, normBound ?? EstimateNorm(hamiltonian), Options.Threads);
    }

    /// <summary>The Hamiltonian map.</summary>
    public ILinearMap Hamiltonian { get; }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims { get; }

    /// <summary>The options.</summary>
    public EvolutionOptions Options { get; }

    /// <summary>
    /// Evolves <paramref name="initial"/> from times[0] through the output times (strictly increasing),
    /// recording every observable at every output time and calling <paramref name="callback"/> with the
    /// state there, if given (as <see cref="SchrodingerSolver.Run"/>).
    /// </summary>
    public Trajectory<Ket> Run(Ket initial, IReadOnlyList<double> times, IReadOnlyList<MapObservable>? observables = null, OutputCallback<Ket>? callback = null)
    {
        const string op = "SchrodingerMapSolver.Run";
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Dimension != Dims.Total)
            throw new DimensionMismatchException(op, "initial", $"a ket of dimension {Dims.Total} (dims {Dims})", $"dimension {initial.Dimension} (dims {initial.Dims})");
        var t = SolverSupport.CheckTimes(times, op);
        var obs = observables?.ToArray() ?? [];
        for (var k = 0; k < obs.Length; k++)
        {
            var o = obs[k] ?? throw new ArgumentNullException(nameof(observables), $"observable {k} is null");
            ArgumentNullException.ThrowIfNull(o.Map);
            if (o.Map.Dimension != Dims.Total)
                throw new DimensionMismatchException(op, $"observables[{k}] ('{o.Name}')", $"a map of dimension {Dims.Total}", $"dimension {o.Map.Dimension}");
        }
        SolverSupport.RequireDistinctNames(obs.Select(o => o.Name), op);
        var vobs = obs.Select(o => VectorObservable.QuadraticForm(o.Map)).ToArray();
        return SchrodingerSolver.RunCore(_generator, Dims, Options, initial, t, [.. obs.Select(o => o.Name)], vobs, callback);
    }

    /// <summary>
    /// Checks |&lt;u|H v&gt; - &lt;H u|v&gt;| &lt;= tol ||H u|| ||H v|| on two seeded random unit vectors: a map
    /// that fails is not Hermitian (one that passes may still not be, with probability zero for generic maps).
    /// </summary>
    public static void RequireHermitian(ILinearMap map, string operation, string argument, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rng = new RandomMatrices(20240611);
        var u = rng.UnitVector(map.Dimension);
        var v = rng.UnitVector(map.Dimension);
        var hu = new System.Numerics.Complex[map.Dimension];
        var hv = new System.Numerics.Complex[map.Dimension];
        map.Apply(u, hu);
        map.Apply(v, hv);
        var gap = (VectorOps.Dot(u, hv) - VectorOps.Dot(hu, v)).Magnitude;
        var scale = Math.Max(1e-300, VectorOps.Norm(hu) * VectorOps.Norm(hv));
        if (gap > tolerance * Math.Max(scale, 1))
            throw new ValidationException(operation, argument, $"a Hermitian map (|<u|Hv> - <Hu|v>| <= {QBattException.Num(tolerance)} on random vectors)", $"{QBattException.Num(gap)}");
    }

    /// <summary>An estimate of ||H|| for the method choice: 1.5 times the largest growth ||H v|| over 12 power iterations from a seeded random vector.</summary>
    private static double EstimateNorm(ILinearMap h)
    {
        var n = h.Dimension;
        var rng = new RandomMatrices(7);
        var v = rng.UnitVector(n);
        var w = new System.Numerics.Complex[n];
        double best = 0;
        for (var k = 0; k < Math.Min(12, n); k++)
        {
            h.Apply(v, w);
            var norm = VectorOps.Norm(w);
            best = Math.Max(best, norm);
            if (norm == 0) break;
            VectorOps.Scale(1 / norm, w);
            (v, w) = (w, v);
        }
        return 1.5 * best;
    }
}
