namespace QBatt.Batteries;

/// <summary>
/// A time located from the dynamics below the output grid (R16), with the value there and an error estimate: a half-life
/// (the first t with X(t) = X(0)/2) or the best time to extract (the largest ergotropy).
/// </summary>
/// <param name="Time">The time, refined from the states propagated to trial times.</param>
/// <param name="Value">The quantity at <paramref name="Time"/> (X(0)/2 for a half-life, the largest ergotropy for the best time).</param>
/// <param name="TimeError">The width of the last bracket (an upper bound on the remaining error of the time, beyond the solver's tolerance).</param>
/// <param name="GridTime">The output time where the grid located it (the first output past the crossing, or the grid's maximum).</param>
/// <param name="Evaluations">Propagations to trial times the refinement took.</param>
public sealed record RefinedTime(double Time, double Value, double TimeError, double GridTime, int Evaluations);
