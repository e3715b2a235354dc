namespace QBatt.Dynamics;

/// <summary>
/// A step-by-step evolution started by a solver's <c>Start</c>: <see cref="Step"/> advances to a later
/// time and returns the state there. Krylov bases are kept between steps, so many short steps cost
/// little more than one long one when the horizon given to <c>Start</c> covers them.
/// </summary>
public sealed class Evolution<TState> where TState : class
{
    private readonly Func<double, TState> _step;
    private readonly Func<EvolutionStatistics> _statistics;

    internal Evolution(double t0, TState initial, Func<double, TState> step, Func<EvolutionStatistics> statistics)
    {
        Time = t0;
        State = initial;
        _step = step;
        _statistics = statistics;
    }

    /// <summary>The time of <see cref="State"/>.</summary>
    public double Time { get; private set; }

    /// <summary>The state at <see cref="Time"/>.</summary>
    public TState State { get; private set; }

    /// <summary>Statistics so far, with the achieved error estimate.</summary>
    public EvolutionStatistics Statistics => _statistics();

    /// <summary>Advances to time t (&gt; <see cref="Time"/>, finite) and returns the state there.</summary>
    public TState Step(double t)
    {
        Guard.Finite(t, "Evolution.Step", "t");
        if (!(t > Time))
            throw new ValidationException("Evolution.Step", "t", $"a time after the current time {QBattException.Num(Time)}", QBattException.Num(t));
        State = _step(t);
        Time = t;
        return State;
    }
}
