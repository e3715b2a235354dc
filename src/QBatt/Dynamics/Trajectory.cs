using System.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// The result of a solve, whatever the state type: output times, the requested expectation values at
/// every output time, the statistics with the achieved error estimate, and warnings (trace or positivity
/// drift). <see cref="Trajectory{TState}"/> adds the states; the engine's dispatcher returns this base
/// type when the kind of state depends on the problem (a ket, or a density matrix).
/// </summary>
public abstract class Trajectory
{
    private readonly double[] _times;
    private readonly string[] _names;
    private readonly Complex[][] _values;
    private readonly string[] _warnings;

    private protected Trajectory(double[] times, string[] names, Complex[][] values, EvolutionStatistics statistics, string[] warnings)
    {
        _times = times;
        _names = names;
        _values = values;
        Statistics = statistics;
        _warnings = warnings;
    }

    /// <summary>The output times (the first is the initial time).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>Names of the recorded observables, in request order.</summary>
    public IReadOnlyList<string> ObservableNames => _names;

    /// <summary>Run statistics and the achieved error estimate.</summary>
    public EvolutionStatistics Statistics { get; }

    /// <summary>The achieved error estimate (<see cref="EvolutionStatistics.ErrorEstimate"/>).</summary>
    public double ErrorEstimate => Statistics.ErrorEstimate;

    /// <summary>Warnings (e.g. trace or positivity drift of an open-system solve beyond <see cref="EvolutionOptions.DriftWarning"/>).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The state at the last output time: a <see cref="Quantum.Ket"/> or a <see cref="Quantum.DensityMatrix"/>.</summary>
    public abstract object FinalStateObject { get; }

    /// <summary>The states at the output times (kets or density matrices), or null unless <see cref="EvolutionOptions.StoreStates"/> was set.</summary>
    public abstract IReadOnlyList<object>? StateObjects { get; }

    private int IndexOf(string name)
    {
        var k = Array.IndexOf(_names, name);
        return k >= 0 ? k : throw new ValidationException("Trajectory", "name", $"one of the recorded observables ({string.Join(", ", _names)})", $"'{name}'");
    }

    /// <summary>Re &lt;A&gt;(t) at every output time for the observable with this name.</summary>
    public double[] Expectation(string name) => Expectation(IndexOf(name));

    /// <summary>Re &lt;A&gt;(t) at every output time for the observable at this index.</summary>
    public double[] Expectation(int index) => [.. ComplexValues(index).Select(z => z.Real)];

    /// <summary>&lt;A&gt;(t) at every output time, complex (for non-Hermitian observables).</summary>
    public Complex[] ComplexExpectation(string name) => ComplexValues(IndexOf(name)).ToArray();

    private Complex[] ComplexValues(int index)
    {
        if ((uint)index >= (uint)_values.Length)
            throw new ValidationException("Trajectory", "index", $"an observable index in 0..{_values.Length - 1}", $"{index}");
        return _values[index];
    }
}

/// <summary>
/// The result of a solve: output times, the requested expectation values at every output time, the
/// states there when <see cref="EvolutionOptions.StoreStates"/> was set, always the final state, the
/// statistics with the achieved error estimate, and warnings (trace or positivity drift).
/// </summary>
public sealed class Trajectory<TState> : Trajectory where TState : class
{
    private readonly TState[]? _states;

    internal Trajectory(double[] times, string[] names, Complex[][] values, TState[]? states, TState finalState, EvolutionStatistics statistics, string[] warnings)
        : base(times, names, values, statistics, warnings)
    {
        _states = states;
        FinalState = finalState;
    }

    /// <summary>The states at the output times, or null unless <see cref="EvolutionOptions.StoreStates"/> was set.</summary>
    public IReadOnlyList<TState>? States => _states;

    /// <summary>The state at the last output time (always available).</summary>
    public TState FinalState { get; }

    /// <inheritdoc/>
    public override object FinalStateObject => FinalState;

    /// <inheritdoc/>
    public override IReadOnlyList<object>? StateObjects => _states;
}
