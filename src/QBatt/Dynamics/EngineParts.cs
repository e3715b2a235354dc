using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// An observable of the vector y the engine evolves: a quadratic form &lt;y|A|y&gt; (expectation
/// values on kets) or a linear functional &lt;w|y&gt; (tr(A rho) = &lt;vec(A^dag)|vec(rho)&gt; on vectorised
/// density matrices). Propagators evaluate it from the state, or from a Krylov basis they project it on.
/// </summary>
internal sealed class VectorObservable
{
    private VectorObservable(ILinearMap? quadratic, Complex[]? linear)
    {
        Quadratic = quadratic;
        Linear = linear;
    }

    public static VectorObservable QuadraticForm(ILinearMap a) => new(a, null);

    public static VectorObservable LinearFunctional(Complex[] w) => new(null, w);

    public ILinearMap? Quadratic { get; }

    public Complex[]? Linear { get; }

    public Complex Evaluate(ReadOnlySpan<Complex> y, Complex[] scratch)
    {
        if (Linear is not null) return VectorOps.Dot(Linear, y);
        Quadratic!.Apply(y, scratch);
        return VectorOps.Dot(y, scratch);
    }
}

/// <summary>Receives the values of the observables (and the state, when asked) at output times.</summary>
internal delegate void OutputRecorder(int index, ReadOnlySpan<Complex> values, ReadOnlySpan<Complex> state);

/// <summary>What the propagators deliver at each output time.</summary>
internal sealed class OutputSink(VectorObservable[] observables, bool needState, OutputRecorder record)
{
    public VectorObservable[] Observables { get; } = observables;

    public bool NeedState { get; } = needState;

    public OutputRecorder Record { get; } = record;
}

/// <summary>Counters the propagators update during one solve; turned into <see cref="EvolutionStatistics"/>.</summary>
internal sealed class EngineCounters
{
    public long MatVecs;
    public int Steps;
    public int RejectedSteps;
    public int MaxKrylovDimension;
    public double ErrorEstimate;
    public readonly SortedSet<string> Methods = [];
}

/// <summary>Per-run settings of the engine derived from <see cref="EvolutionOptions"/>.</summary>
internal sealed class EngineSettings
{
    public EngineSettings(EvolutionOptions options, double span, double initialNorm)
    {
        Options = options;
        Span = span;
        Tolerance = options.AbsoluteTolerance + options.RelativeTolerance * initialNorm;
        ErrorPerTime = span > 0 ? Tolerance / span : Tolerance;
    }

    public EvolutionOptions Options { get; }

    /// <summary>Length of the requested time span (the error budget is shared along it).</summary>
    public double Span { get; }

    /// <summary>Target 2-norm error of the final state for the Krylov and exact propagators.</summary>
    public double Tolerance { get; }

    /// <summary>Error budget per unit time.</summary>
    public double ErrorPerTime { get; }

    public int Threads => Options.Threads;
}
