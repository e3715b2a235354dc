using QBatt.Batteries;
using QBatt.Charging;

namespace QBatt.Control;

/// <summary>
/// The outcome of <see cref="ControlOptimizer.Optimize"/> (R17). Every reported physical value comes from <see cref="Run"/>, the
/// ordinary pipeline's re-simulation of the final pulse: the work, the average power, the constraint functionals C0-C2, the
/// speed limit and, with a reference, Gamma. The optimiser's own figures (<see cref="OptimizerWork"/>) are kept to show the
/// agreement.
/// </summary>
public sealed class ControlResult
{
    internal ControlResult(ControlProblem problem, ControlPulse pulse, ChargingRun run)
    {
        Problem = problem;
        Pulse = pulse;
        Run = run;
    }

    /// <summary>The problem solved.</summary>
    public ControlProblem Problem { get; }

    /// <summary>The optimal pulse found.</summary>
    public ControlPulse Pulse { get; }

    /// <summary>The pipeline's run of the pulse (and of the reference when there is one).</summary>
    public ChargingRun Run { get; }

    /// <summary>W(T) from the pipeline run.</summary>
    public double Work => Run.Work;

    /// <summary>W(T)/T from the pipeline run.</summary>
    public double AveragePower => Run.AveragePower;

    /// <summary>C0-C2 of the pipeline run.</summary>
    public ConstraintValues Constraints => Run.Protocol!.Constraints;

    /// <summary>The objective value the optimiser reached (its own propagation).</summary>
    public double OptimizerObjective { get; internal init; }

    /// <summary>W(T) by the optimiser's own propagation (to compare with <see cref="Work"/>).</summary>
    public double OptimizerWork { get; internal init; }

    /// <summary>The best objective value of every start, in order.</summary>
    public IReadOnlyList<double> RestartObjectives { get; internal init; } = [];

    /// <summary>L-BFGS steps of the best start.</summary>
    public int Iterations { get; internal init; }

    /// <summary>L-BFGS steps over all starts.</summary>
    public int TotalIterations { get; internal init; }

    /// <summary>Objective and gradient evaluations over all starts (gradient checks excluded).</summary>
    public int Evaluations { get; internal init; }

    /// <summary>Why the best start stopped.</summary>
    public string Stop { get; internal init; } = "";

    /// <summary>The projected gradient norm at the optimum.</summary>
    public double ProjectedGradientNorm { get; internal init; }

    /// <summary>The gradient check (at every random start, where the gradient is generic; the largest difference). At an optimum the gradient may vanish (a stationary point inside the box), where a relative difference is meaningless.</summary>
    public GradientCheck? GradientCheck { get; internal init; }

    /// <summary>The collective budget B under <see cref="ControlProblem.Constraint"/> (copies x the reference's value), or null.</summary>
    public double? Budget { get; internal init; }

    /// <summary>The optimised reference, or null.</summary>
    public ControlResult? Reference { get; internal init; }

    /// <summary>
    /// Gamma: under a fair constraint the advantage of the pipeline's comparison (the pulse rescaled to saturate the budget against
    /// N copies of the reference), otherwise P / (N P_ref); NaN without a reference.
    /// </summary>
    public double Gamma => Problem.Constraint is { } c && Run.Advantages.Count > 0 ? Run.Advantage(c).Gamma : Run.Gamma;

    /// <summary>|W(optimiser) - W(pipeline)|: the agreement of the two propagations.</summary>
    public double WorkDiscrepancy => Math.Abs(OptimizerWork - Work);
}
