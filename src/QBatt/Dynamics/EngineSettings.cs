namespace QBatt.Dynamics;

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
