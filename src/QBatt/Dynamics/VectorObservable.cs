using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// An observable of the vector y the engine evolves: a quadratic form &lt;y|A|y&gt; (expectation
/// values on kets) or a linear functional &lt;w|y&gt; (tr(A rho) = &lt;vec(A^dag)|vec(rho)&gt; on vectorised
/// density matrices; w stored by its non-zeros). Propagators evaluate it from the state, or from a Krylov basis they project it on.
/// </summary>
internal sealed class VectorObservable
{
    private VectorObservable(ILinearMap? quadratic, SparseFunctional? linear)
    {
        Quadratic = quadratic;
        Linear = linear;
    }

    public static VectorObservable QuadraticForm(ILinearMap a) => new(a, null);

    public static VectorObservable LinearFunctional(SparseFunctional w) => new(null, w);

    public ILinearMap? Quadratic { get; }

    public SparseFunctional? Linear { get; }

    /// <summary>The value on y; a quadratic form of a map without a blockwise expectation applies it into <paramref name="scratch"/> (allocated only then).</summary>
    public Complex Evaluate(ReadOnlySpan<Complex> y, Func<Complex[]> scratch)
    {
        if (Linear is not null) return Linear.Dot(y);
        if (Quadratic is IExpectationMap blockwise) return blockwise.Expectation(y);
        var s = scratch();
        Quadratic!.Apply(y, s);
        return VectorOps.Dot(y, s);
    }
}
