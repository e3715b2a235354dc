using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// A map whose expectation value &lt;psi|A|psi&gt; is computed without a vector of the full length (block by block),
/// so that observables of a large state cost no more memory than the state itself.
/// </summary>
internal interface IExpectationMap : ILinearMap
{
    /// <summary>&lt;psi|A|psi&gt;.</summary>
    Complex Expectation(ReadOnlySpan<Complex> psi);
}
