using QBatt.Numerics;

namespace QBatt.Charging;

/// <summary>
/// A fair comparison of collective against parallel charging (R9; PRL eqs 1-5): the collective
/// Hamiltonian rescaled so that the chosen constraint is saturated against N copies of the one-cell
/// reference, and the quantum advantage Gamma = &lt;P_coll&gt; / &lt;P_par&gt; (= T_par / T_coll at equal work).
/// </summary>
/// <param name="Constraint">The saturated constraint.</param>
/// <param name="Copies">N: the reference protocol is one of N parallel copies (1 when it already acts on all cells).</param>
/// <param name="Budget">The constraint value allowed to the collective protocol: N (C0, C2) or sqrt(N) (C1) times the reference's.</param>
/// <param name="Scale">c in H -&gt; c H(c t): budget over the unscaled collective value.</param>
/// <param name="Gamma">The quantum advantage (collective power over the N-copy parallel power).</param>
/// <param name="Reference">The reference run (one copy), its time T_par computed from its own evolution.</param>
/// <param name="CollectiveUnscaled">The collective protocol as given.</param>
/// <param name="Collective">The rescaled collective protocol's run.</param>
public sealed record AdvantageResult(ChargingConstraint Constraint, int Copies, double Budget, double Scale, double Gamma,
    ChargingResult Reference, ChargingResult CollectiveUnscaled, ChargingResult Collective)
{
    /// <summary>T_par, from the reference's evolution.</summary>
    public double ParallelTime => Reference.ChargingTime;

    /// <summary>T_coll of the rescaled collective protocol, from its evolution.</summary>
    public double CollectiveTime => Collective.ChargingTime;

    /// <summary>Work of the N parallel copies.</summary>
    public double ParallelWork => Copies * Reference.Work;

    /// <summary>Work of the rescaled collective protocol.</summary>
    public double CollectiveWork => Collective.Work;

    /// <summary>Average power of the N parallel copies.</summary>
    public double ParallelPower => ParallelWork / ParallelTime;

    /// <summary>Average power of the rescaled collective protocol.</summary>
    public double CollectivePower => Collective.AveragePower;

    /// <summary>|W_coll - W_par| / |W_par|: zero when the comparison is at equal work (then Gamma = T_par / T_coll).</summary>
    public double WorkMismatch => Math.Abs(CollectiveWork - ParallelWork) / Math.Abs(ParallelWork);
}

/// <summary>The fair comparison of R9 (PRL eqs 1-5, Rev eq 21).</summary>
public static class Advantage
{
    /// <summary>Relative tolerance of the check that the rescaled run saturates the budget.</summary>
    public const double SaturationTolerance = 1e-6;

    /// <summary>
    /// Runs the reference (one of <paramref name="copies"/> parallel copies) and the collective protocol,
    /// rescales the collective Hamiltonian H -&gt; c H(c t) so that its <paramref name="constraint"/> value
    /// equals the N-copy budget, reruns it, and returns Gamma.
    /// </summary>
    public static AdvantageResult Compare(ChargingProtocol collective, ChargingProtocol reference, int copies, ChargingConstraint constraint, ChargingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(collective);
        ArgumentNullException.ThrowIfNull(reference);
        Guard.AtLeast(copies, 1, "Advantage.Compare", "copies");
        return Compare(collective.Run(options), reference.Run(options), copies, constraint, options);
    }

    /// <summary>
    /// The comparison from runs already made (the unscaled collective run and the reference run can be
    /// shared between constraints); only the rescaled collective protocol is run here.
    /// </summary>
    public static AdvantageResult Compare(ChargingResult collectiveUnscaled, ChargingResult reference, int copies, ChargingConstraint constraint, ChargingOptions? options = null)
    {
        const string op = "Advantage.Compare";
        ArgumentNullException.ThrowIfNull(collectiveUnscaled);
        ArgumentNullException.ThrowIfNull(reference);
        Guard.AtLeast(copies, 1, op, "copies");
        var referenceValue = reference.Constraints.Get(constraint);
        if (!(referenceValue > 0))
            throw new ValidationException(op, "reference", $"a reference protocol with a positive {constraint.Label()} value", QBattException.Num(referenceValue));
        var unscaled = collectiveUnscaled.Constraints.Get(constraint);
        if (!(unscaled > 0))
            throw new ValidationException(op, "collective", $"a collective protocol with a positive {constraint.Label()} value (it cannot be rescaled to the budget otherwise)", QBattException.Num(unscaled));
        if (!(reference.Work != 0))
            throw new ValidationException(op, "reference", "a reference protocol that deposits work", "W = 0");
        var budget = constraint.Budget(referenceValue, copies);
        var scale = budget / unscaled;
        var scaled = collectiveUnscaled.Protocol.Scaled(scale).Run(options);
        var reached = scaled.Constraints.Get(constraint);
        if (Math.Abs(reached - budget) > SaturationTolerance * budget)
            throw new ConvergenceException($"{op}: the rescaled protocol gives {constraint.Label()} = {QBattException.Num(reached)}, not the budget {QBattException.Num(budget)} (relative tolerance {QBattException.Num(SaturationTolerance)}).");
        var parallelPower = copies * reference.Work / reference.ChargingTime;
        return new AdvantageResult(constraint, copies, budget, scale, scaled.AveragePower / parallelPower, reference, collectiveUnscaled, scaled);
    }
}
