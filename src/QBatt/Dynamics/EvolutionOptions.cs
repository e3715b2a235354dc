using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>When a Lindblad solver computes the smallest eigenvalue of rho(t) to check positivity.</summary>
public enum PositivityCheck
{
    /// <summary>Never (the trace is still monitored at every output).</summary>
    None,

    /// <summary>At the final time only (default: one eigendecomposition).</summary>
    Final,

    /// <summary>At every output time (one eigendecomposition per output).</summary>
    EveryOutput,
}

/// <summary>
/// Options of the solvers (<see cref="SchrodingerSolver"/>, <see cref="VonNeumannSolver"/>,
/// <see cref="LindbladSolver"/>), with documented defaults. Validated by <see cref="Validate"/> (the
/// solvers call it): negative or non-finite tolerances and unknown method names are input errors.
/// </summary>
public sealed record EvolutionOptions
{
    /// <summary>The defaults.</summary>
    public static EvolutionOptions Default { get; } = new();

    /// <summary>
    /// Absolute tolerance (default 1e-10). Krylov and exact propagators bound the 2-norm error of the
    /// state at the final time by AbsoluteTolerance + RelativeTolerance ||y(0)|| (the error budget is
    /// shared among steps in proportion to their length); Runge-Kutta integrators apply the mixed local
    /// test |e_i| &lt;= AbsoluteTolerance + RelativeTolerance |y_i| per step. With the defaults, energies
    /// come out to about 1e-9 relative.
    /// </summary>
    public double AbsoluteTolerance { get; init; } = 1e-10;

    /// <summary>Relative tolerance (default 1e-10); see <see cref="AbsoluteTolerance"/>.</summary>
    public double RelativeTolerance { get; init; } = 1e-10;

    /// <summary>
    /// The integrator for time intervals on which the generator is constant, by name from
    /// <see cref="Integrators.Names"/> (default <c>auto</c>: the exact eigendecomposition for small
    /// closed systems when cheaper by a cost model, else Krylov: Lanczos for Hamiltonians, Arnoldi for
    /// Lindblad generators).
    /// </summary>
    public string Method { get; init; } = Integrators.Auto;

    /// <summary>The integrator for intervals on which the drive varies (default <c>dop853</c>; or <c>dopri5</c>).</summary>
    public string TimeDependentMethod { get; init; } = Integrators.Dop853;

    /// <summary>Largest Lanczos basis (default 64).</summary>
    public int KrylovDimension { get; init; } = 64;

    /// <summary>
    /// Largest Arnoldi basis (default null: 90, or 160 for generators on 2^19 or more real coordinates, i.e.
    /// D &gt;= 1024). Lindblad generators of weakly damped systems are nearly normal, and one long step with a
    /// large basis costs fewer mat-vecs than several short ones (a restart loses the superlinear convergence);
    /// what limits the basis is the small m x m exponentials of the step control (~m^3 each), negligible
    /// beside m mat-vecs and orthogonalisations of length D^2 only when D^2 is large.
    /// </summary>
    public int? ArnoldiDimension { get; init; }

    /// <summary>The Arnoldi basis limit for vectors of length <paramref name="length"/> (see <see cref="ArnoldiDimension"/>).</summary>
    /// <remarks>Without <see cref="ArnoldiDimension"/>, a basis of m + 12 real vectors is also kept within a quarter of
    /// <see cref="MemoryEstimate.DefaultLimit"/> (at least 20 vectors): at D = 4096 (vectors of 134 MB) that is about 28.</remarks>
    internal int ArnoldiDimensionFor(int length) => ArnoldiDimension ??
        Math.Min(length >= 1 << 19 ? 160 : 90, Math.Max(20, (int)Math.Min(int.MaxValue, 0.25 * MemoryEstimate.DefaultLimit / (8.0 * Math.Max(1, length))) - 12));

    /// <summary>Largest dimension for which <c>auto</c> considers the exact eigendecomposition (default 2048).</summary>
    public int ExactMaxDimension { get; init; } = 2048;

    /// <summary>Largest step of the Runge-Kutta integrators (default unbounded).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Keep the state at every output time in the trajectory (default false: only the final state).</summary>
    public bool StoreStates { get; init; }

    /// <summary>Threads for sparse mat-vecs and long vector kernels (default 0: all processors).</summary>
    public int Threads { get; init; }

    /// <summary>Dense linear-algebra backend (default null: <see cref="LinearAlgebra.Default"/>).</summary>
    public ILinearAlgebraBackend? Backend { get; init; }

    /// <summary>When the Lindblad solver checks the smallest eigenvalue of rho (default <see cref="PositivityCheck.Final"/>).</summary>
    public PositivityCheck Positivity { get; init; } = PositivityCheck.Final;

    /// <summary>A trace drift |tr rho - 1| or a negative eigenvalue beyond this is reported as a warning (default 1e-8).</summary>
    public double DriftWarning { get; init; } = 1e-8;

    /// <summary>Throws <see cref="ValidationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        Guard.NonNegative(AbsoluteTolerance, "EvolutionOptions", "AbsoluteTolerance");
        Guard.NonNegative(RelativeTolerance, "EvolutionOptions", "RelativeTolerance");
        if (AbsoluteTolerance == 0 && RelativeTolerance == 0)
            throw new ValidationException("EvolutionOptions", "AbsoluteTolerance", "a positive absolute or relative tolerance", "both 0");
        Guard.AtLeast(KrylovDimension, 4, "EvolutionOptions", "KrylovDimension");
        if (ArnoldiDimension is { } arnoldi) Guard.AtLeast(arnoldi, 4, "EvolutionOptions", "ArnoldiDimension");
        Guard.AtLeast(ExactMaxDimension, 0, "EvolutionOptions", "ExactMaxDimension");
        Guard.AtLeast(Threads, 0, "EvolutionOptions", "Threads");
        if (!(MaxStep > 0))
            throw new ValidationException("EvolutionOptions", "MaxStep", "a positive number", MaxStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Guard.NonNegative(DriftWarning, "EvolutionOptions", "DriftWarning");
        Integrators.Find(Method, "Method");
        var varying = Integrators.Find(TimeDependentMethod, "TimeDependentMethod");
        if (!varying.TimeDependent)
            throw new ValidationException("EvolutionOptions", "TimeDependentMethod", $"an integrator for time-dependent generators ({string.Join(", ", Integrators.All.Where(i => i.TimeDependent).Select(i => i.Name))})", $"'{TimeDependentMethod}'");
    }
}
