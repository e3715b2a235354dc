namespace QBatt.Dynamics;

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
