using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>What the engine evolves (R6): a generator, collapse operators and an initial state.</summary>
internal sealed record EvolutionProblem
{
    /// <summary>Subsystem dimensions.</summary>
    public required Dims Dims { get; init; }

    /// <summary>H(t) in operator form (null when <see cref="Map"/> is set).</summary>
    public Hamiltonian? Hamiltonian { get; init; }

    /// <summary>A time-independent H as a matrix-free map (null when <see cref="Hamiltonian"/> is set).</summary>
    public ILinearMap? Map { get; init; }

    /// <summary>An upper bound on ||H|| for the map (null: estimated by the solver).</summary>
    public double? MapNormBound { get; init; }

    /// <summary>Lindblad collapse operators (empty: closed dynamics).</summary>
    public IReadOnlyList<Operator> Collapse { get; init; } = [];

    /// <summary>The initial state when pure.</summary>
    public Ket? InitialKet { get; init; }

    /// <summary>The initial state when mixed.</summary>
    public DensityMatrix? InitialMixed { get; init; }
}

/// <summary>The equation a problem is solved with.</summary>
internal enum Equation
{
    /// <summary>d|psi&gt;/dt = -i H |psi&gt;.</summary>
    Schrodinger,

    /// <summary>d rho/dt = -i [H, rho], through the eigenvectors of rho(0).</summary>
    VonNeumann,

    /// <summary>The Lindblad master equation.</summary>
    Lindblad,
}

/// <summary>A problem with its solver chosen: run it on any output grid, as often as needed (the generator is built once).</summary>
internal sealed class PreparedEvolution
{
    private readonly Func<object?, IReadOnlyList<double>, IReadOnlyList<Observable>, IReadOnlyList<MapObservable>, OutputCallback<object>?, Trajectory> _run;
    private readonly Func<PreparedEvolution>? _unchecked;

    /// <param name="equation">The equation chosen.</param>
    /// <param name="run">Runs from a state (null: the problem's initial state) at the first time through the output times.</param>
    /// <param name="withoutPositivityCheck">The same evolution without the Lindblad solver's positivity check (null: it has none).</param>
    internal PreparedEvolution(Equation equation, Func<object?, IReadOnlyList<double>, IReadOnlyList<Observable>, IReadOnlyList<MapObservable>, OutputCallback<object>?, Trajectory> run,
        Func<PreparedEvolution>? withoutPositivityCheck = null)
    {
        Equation = equation;
        _run = run;
        _unchecked = withoutPositivityCheck;
    }

    /// <summary>
    /// The same evolution, sharing its solver's generator, without the check of the final state's positivity (an eigendecomposition of
    /// rho per run): for runs whose states are not results of their own, such as the refinement of a maximum.
    /// </summary>
    public PreparedEvolution WithoutPositivityCheck() => _unchecked?.Invoke() ?? this;

    /// <summary>The equation chosen.</summary>
    public Equation Equation { get; }

    /// <summary>Evolves through the output times, recording the observables (operators, or maps on closed pure problems) and calling back with the states if asked.</summary>
    public Trajectory Run(IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, IReadOnlyList<MapObservable>? maps = null, OutputCallback<object>? callback = null) =>
        _run(null, times, observables ?? [], maps ?? [], callback);

    /// <summary>
    /// Evolves <paramref name="state"/>, the state at times[0] of an earlier run of this problem (a <see cref="Trajectory.FinalStateObject"/>:
    /// a ket, or a density matrix for mixed and open problems), through the output times, as <see cref="Run"/> does from the initial state.
    /// A time-dependent H is taken at the absolute times, so the continuation is the same evolution, restarted.
    /// </summary>
    public Trajectory RunFrom(object state, IReadOnlyList<double> times, IReadOnlyList<Observable>? observables = null, IReadOnlyList<MapObservable>? maps = null, OutputCallback<object>? callback = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return _run(state, times, observables ?? [], maps ?? [], callback);
    }
}

/// <summary>
/// The engine's one dispatcher (R6): the only place where the equation and the solver are chosen from what
/// a problem holds, as QuTiP's <c>mesolve</c> falls back to <c>sesolve</c> without collapse operators. Collapse
/// operators give the Lindblad solver; otherwise a mixed initial state gives the von Neumann solver and a pure
/// one the Schrödinger solver (on operators, or matrix-free on a map). The propagator inside each solver is
/// chosen by <see cref="EvolutionOptions.Method"/> and the cost model of <see cref="Integrators"/>.
/// </summary>
internal static class EvolutionDispatcher
{
    private const string Op = "EvolutionDispatcher";

    /// <summary>The equation <paramref name="problem"/> is solved with.</summary>
    public static Equation EquationOf(EvolutionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Collapse.Count > 0) return Equation.Lindblad;
        return problem.InitialMixed is not null ? Equation.VonNeumann : Equation.Schrodinger;
    }

    /// <summary>Validates <paramref name="problem"/>, chooses its solver and returns it ready to run.</summary>
    public static PreparedEvolution Prepare(EvolutionProblem problem, EvolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if ((problem.Hamiltonian is null) == (problem.Map is null))
            throw new ValidationException(Op, "problem", "exactly one of an operator Hamiltonian and a matrix-free map", problem.Hamiltonian is null ? "neither" : "both");
        if ((problem.InitialKet is null) == (problem.InitialMixed is null))
            throw new ValidationException(Op, "initial", "exactly one of a ket and a density matrix", problem.InitialKet is null ? "neither" : "both");
        var equation = EquationOf(problem);
        if (problem.Map is { } map)
        {
            if (equation != Equation.Schrodinger)
                throw new ValidationException(Op, "problem", "a pure initial state and no collapse operators for a matrix-free Hamiltonian", equation == Equation.Lindblad ? "collapse operators" : "a mixed initial state");
            var solver = new SchrodingerMapSolver(map, problem.Dims, options, problem.MapNormBound);
            return new PreparedEvolution(equation, (start, t, obs, maps, cb) =>
                solver.Run(StartKet(start, problem), t, [.. maps, .. obs.Select(o => new MapObservable(o.Name, SolverSupport.Map(o.Operator, solver.Options.Threads)))], cb));
        }
        var h = problem.Hamiltonian!;
        switch (equation)
        {
            case Equation.Lindblad:
            {
                PreparedEvolution Open(LindbladSolver solver) => new(equation, (start, t, obs, maps, cb) =>
                {
                    RequireNoMaps(maps, "open dynamics");
                    return (start ?? (object?)problem.InitialKet ?? problem.InitialMixed!) switch
                    {
                        Ket ket => solver.Run(ket, t, obs, cb),
                        DensityMatrix rho => solver.Run(rho, t, obs, cb),
                        var other => throw WrongStart(other, "a ket or a density matrix"),
                    };
                }, () => Open(solver.WithPositivity(PositivityCheck.None)));
                return Open(new LindbladSolver(h, problem.Collapse, options));
            }
            case Equation.VonNeumann:
            {
                var solver = new VonNeumannSolver(h, options);
                return new PreparedEvolution(equation, (start, t, obs, maps, cb) =>
                {
                    RequireNoMaps(maps, "a mixed initial state");
                    return solver.Run(start is null ? problem.InitialMixed! : start as DensityMatrix ?? throw WrongStart(start, "a density matrix"), t, obs, cb);
                });
            }
            default:
            {
                var solver = new SchrodingerSolver(h, options);
                return new PreparedEvolution(equation, (start, t, obs, maps, cb) => maps.Count == 0
                    ? solver.Run(StartKet(start, problem), t, obs, cb)
                    : solver.RunWithMaps(StartKet(start, problem), t, obs, maps, cb));
            }
        }
    }

    private static Ket StartKet(object? start, EvolutionProblem problem) =>
        start is null ? problem.InitialKet! : start as Ket ?? throw WrongStart(start, "a ket");

    private static ValidationException WrongStart(object start, string expected) =>
        new(Op, "state", $"{expected} to continue from", start.GetType().Name);

    private static void RequireNoMaps(IReadOnlyList<MapObservable> maps, string what)
    {
        if (maps.Count > 0)
            throw new ValidationException(Op, "observables", $"operator observables for {what}", $"{maps.Count} matrix-free observable(s)");
    }
}
