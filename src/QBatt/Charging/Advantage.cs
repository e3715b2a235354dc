using QBatt.Numerics;

namespace QBatt.Charging;

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
