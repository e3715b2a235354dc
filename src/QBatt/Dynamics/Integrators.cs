namespace QBatt.Dynamics;

/// <summary>What an integrator of the registry is and where it applies.</summary>
/// <param name="Name">Name used in <see cref="EvolutionOptions"/> and model files.</param>
/// <param name="Description">One line for help texts.</param>
/// <param name="TimeDependent">True when it integrates time-dependent generators (else constant intervals only).</param>
/// <param name="Dissipative">True when it applies to Lindblad generators (else Hamiltonians only).</param>
public sealed record IntegratorInfo(string Name, string Description, bool TimeDependent, bool Dissipative);

/// <summary>
/// The explicit registry of QBatt's integrators, selected by name in <see cref="EvolutionOptions.Method"/>
/// (intervals where the generator is constant) and <see cref="EvolutionOptions.TimeDependentMethod"/>
/// (intervals where it varies). Nothing registers itself: the list below is the registry.
/// </summary>
public static class Integrators
{
    /// <summary>Chosen per interval: exact for small closed systems when the cost model says so, Chebyshev when a Krylov basis does not fit, else Krylov.</summary>
    public const string Auto = "auto";

    /// <summary>Krylov exponential: Lanczos (Hamiltonians) or Arnoldi (Lindblad), long steps with a posteriori error control.</summary>
    public const string Krylov = "krylov";

    /// <summary>Chebyshev series of exp(-i H s) with three vectors (closed systems; auto picks it when a Krylov basis does not fit).</summary>
    public const string Chebyshev = "chebyshev";

    /// <summary>Exact eigendecomposition of H (closed systems, dense; small dimensions).</summary>
    public const string Exact = "exact";

    /// <summary>Adaptive Runge-Kutta 8(5,3) with dense output.</summary>
    public const string Dop853 = "dop853";

    /// <summary>Adaptive Runge-Kutta 5(4) (Dormand-Prince) with dense output.</summary>
    public const string Dopri5 = "dopri5";

    /// <summary>Every integrator, in the order of the help texts.</summary>
    public static IReadOnlyList<IntegratorInfo> All { get; } =
    [
        new(Auto, "exact eigendecomposition for small closed systems when cheaper, chebyshev when a Krylov basis does not fit in memory, else krylov (constant intervals)", false, true),
        new(Krylov, "Krylov exponential: Lanczos for H, Arnoldi for Lindblad generators (constant intervals)", false, true),
        new(Chebyshev, "Chebyshev series of exp(-iHt) with three vectors, a priori error bound (closed systems, constant intervals; auto when a Krylov basis does not fit)", false, false),
        new(Exact, "exact eigendecomposition of H, dense (closed systems, constant intervals)", false, false),
        new(Dop853, "adaptive Runge-Kutta 8(5,3) with 7th-order dense output (any interval)", true, true),
        new(Dopri5, "adaptive Runge-Kutta 5(4), Dormand-Prince, with dense output (any interval)", true, true),
    ];

    /// <summary>The names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(i => i.Name)];

    /// <summary>The integrator with this name (case-insensitive); unknown names are a <see cref="ValidationException"/> listing the known ones.</summary>
    public static IntegratorInfo Find(string name, string argument = "method")
    {
        var hit = All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        return hit ?? throw new ValidationException("Integrators", argument, $"one of {string.Join(", ", Names)}", $"'{name}'");
    }
}
