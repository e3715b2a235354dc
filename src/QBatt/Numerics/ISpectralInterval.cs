namespace QBatt.Numerics;

/// <summary>
/// A Hermitian map that knows a rigorous interval [Lower, Upper] containing its whole spectrum, tighter than the symmetric
/// [-r, r] of a norm bound r. The Chebyshev propagator expands over this interval: its number of terms grows with the
/// half-width times the time step, so a tighter interval saves mat-vecs at the same a-priori error bound.
/// </summary>
public interface ISpectralInterval
{
    /// <summary>Lower and upper bounds on the eigenvalues (Lower &lt;= every eigenvalue &lt;= Upper).</summary>
    (double Lower, double Upper) SpectralInterval { get; }
}
