using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// A Hermitian map that offers the two kernels a low-memory propagator needs without vectors of the full
/// length beyond its arguments: one fused pass of a three-term polynomial recurrence (Chebyshev, Taylor) with
/// the accumulation of its partial sums (one per output time), and the expectation value &lt;psi|A|psi&gt;. Matrix-free maps
/// (<see cref="Quantum.XxzMap"/>) apply them block by block while each block of A x is in cache.
/// </summary>
internal interface IFusedHermitianMap : IExpectationMap
{
    /// <summary>
    /// First, for every accumulator q, acc_q = coefficients[q] y + xCoefficients[q] x + (initialize ? 0 : acc_q) from the
    /// entry values of y (no x term when xCoefficients is empty); then y = alpha A x + beta x + gamma y (gamma = 0: y is
    /// write-only, and must then come without accumulators). The Chebyshev propagator so takes two consecutive terms of
    /// its series, u_(k-2) (the y it overwrites) and u_(k-1) = x, in one pass over the sums, block by block in contiguous
    /// memory. x must not overlap y or the accumulators.
    /// </summary>
    void Recur(ReadOnlySpan<Complex> x, Span<Complex> y, double alpha, double beta, double gamma, Complex[][] accumulators, Complex[] coefficients, Complex[] xCoefficients, bool initialize);
}
