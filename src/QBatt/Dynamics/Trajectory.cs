using System.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>An expectation value to record along a trajectory: &lt;A&gt;(t) = tr(rho(t) A).</summary>
/// <param name="Name">Name in results and outputs.</param>
/// <param name="Operator">The operator A (on the solver's dims; Hermitian for real values).</param>
public sealed record Observable(string Name, Operator Operator);

/// <summary>Called at every output time with the state there (index into the output times, time, state).</summary>
public delegate void OutputCallback<in TState>(int index, double time, TState state);

/// <summary>What a solve did and how accurate it is.</summary>
/// <param name="Methods">The propagators used, e.g. <c>krylov (Lanczos)</c>, <c>dop853</c>.</param>
/// <param name="MatVecs">Applications of H or L (and of observables when projected or evaluated).</param>
/// <param name="Steps">Accepted steps (Krylov bases, Runge-Kutta steps, eigendecompositions).</param>
/// <param name="RejectedSteps">Rejected Runge-Kutta or Arnoldi trial steps.</param>
/// <param name="MaxKrylovDimension">Largest Krylov basis.</param>
/// <param name="ErrorEstimate">
/// Achieved error estimate: the sum of the a posteriori local error estimates (2-norm of the state,
/// or of vec(rho)), weighted by the ensemble weights for mixed states, plus any discarded weight.
/// </param>
/// <param name="Seconds">Wall-clock time of the solve.</param>
/// <param name="TraceDrift">Largest |tr rho - 1| (or | ||psi||^2 - 1 |) seen at the output times.</param>
/// <param name="MinEigenvalue">Smallest eigenvalue of rho found by the positivity checks (NaN when not checked).</param>
/// <param name="DiscardedWeight">Weight of the initial state's eigenvalues &lt;= 1e-14 not evolved (von Neumann solver).</param>
public sealed record EvolutionStatistics(
    string Methods,
    long MatVecs,
    int Steps,
    int RejectedSteps,
    int MaxKrylovDimension,
    double ErrorEstimate,
    double Seconds,
    double TraceDrift,
    double MinEigenvalue,
    double DiscardedWeight);

/// <summary>
/// The result of a solve: output times, the requested expectation values at every output time, the
/// states there when <see cref="EvolutionOptions.StoreStates"/> was set, always the final state, the
/// statistics with the achieved error estimate, and warnings (trace or positivity drift).
/// </summary>
public sealed class Trajectory<TState> where TState : class
{
    private readonly double[] _times;
    private readonly string[] _names;
    private readonly Complex[][] _values;
    private readonly TState[]? _states;
    private readonly string[] _warnings;

    internal Trajectory(double[] times, string[] names, Complex[][] values, TState[]? states, TState finalState, EvolutionStatistics statistics, string[] warnings)
    {
        _times = times;
        _names = names;
        _values = values;
        _states = states;
        FinalState = finalState;
        Statistics = statistics;
        _warnings = warnings;
    }

    /// <summary>The output times (the first is the initial time).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>Names of the recorded observables, in request order.</summary>
    public IReadOnlyList<string> ObservableNames => _names;

    /// <summary>The states at the output times, or null unless <see cref="EvolutionOptions.StoreStates"/> was set.</summary>
    public IReadOnlyList<TState>? States => _states;

    /// <summary>The state at the last output time (always available).</summary>
    public TState FinalState { get; }

    /// <summary>Run statistics and the achieved error estimate.</summary>
    public EvolutionStatistics Statistics { get; }

    /// <summary>The achieved error estimate (<see cref="EvolutionStatistics.ErrorEstimate"/>).</summary>
    public double ErrorEstimate => Statistics.ErrorEstimate;

    /// <summary>Warnings (e.g. trace or positivity drift of an open-system solve beyond <see cref="EvolutionOptions.DriftWarning"/>).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

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
