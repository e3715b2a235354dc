namespace QBatt.Dynamics;

/// <summary>What a solve did and how accurate it is.</summary>
/// <param name="Methods">The propagators used, e.g. <c>krylov (Lanczos)</c>, <c>dop853</c>.</param>
/// <param name="MatVecs">Applications of H or L (and of observables when projected or evaluated).</param>
/// <param name="Steps">Accepted steps (Krylov bases, Runge-Kutta steps, eigendecompositions).</param>
/// <param name="RejectedSteps">Rejected Runge-Kutta or Arnoldi trial steps.</param>
/// <param name="MaxKrylovDimension">Largest Krylov basis.</param>
/// <param name="ErrorEstimate">
/// Achieved error estimate: the sum of the a posteriori local error estimates (2-norm of the state,
/// or of vec(rho)), weighted by the ensemble weights for mixed states, plus any discarded weight.
/// </param>
/// <param name="Seconds">Wall-clock time of the solve.</param>
/// <param name="TraceDrift">Largest |tr rho - 1| (or | ||psi||^2 - 1 |) seen at the output times.</param>
/// <param name="MinEigenvalue">Smallest eigenvalue of rho found by the positivity checks (NaN when not checked).</param>
/// <param name="DiscardedWeight">Weight of the initial state's eigenvalues &lt;= 1e-14 not evolved (von Neumann solver).</param>
public sealed record EvolutionStatistics(
    string Methods,
    long MatVecs,
    int Steps,
    int RejectedSteps,
    int MaxKrylovDimension,
    double ErrorEstimate,
    double Seconds,
    double TraceDrift,
    double MinEigenvalue,
    double DiscardedWeight);
