namespace QBatt.Charging;

/// <summary>The constraints of a fair comparison (R9; PRL eqs 2, 3, 5).</summary>
public enum ChargingConstraint
{
    /// <summary>C0: time average of the operator norm ||H(t)||_op (PRL eq 5); budget N times the one-cell reference.</summary>
    OperatorNorm,

    /// <summary>C1: time average of the energy spread Delta H(t) in the evolving state (PRL eq 2); budget sqrt(N) times the one-cell reference.</summary>
    EnergySpread,

    /// <summary>C2: time average of &lt;H(t)&gt; - h_g(t), the mean energy above the instantaneous ground energy (PRL eq 3); budget N times the one-cell reference.</summary>
    EnergyAboveGround,
}

/// <summary>Names and budgets of the constraints.</summary>
public static class ChargingConstraints
{
    /// <summary>"C0", "C1" or "C2".</summary>
    public static string Label(this ChargingConstraint c) => c switch
    {
        ChargingConstraint.OperatorNorm => "C0",
        ChargingConstraint.EnergySpread => "C1",
        ChargingConstraint.EnergyAboveGround => "C2",
        _ => throw new ValidationException("ChargingConstraints.Label", "constraint", "C0, C1 or C2", $"{c}"),
    };

    /// <summary>The constraint for "c0", "c1" or "c2" (case-insensitive).</summary>
    public static ChargingConstraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "c0" => ChargingConstraint.OperatorNorm,
            "c1" => ChargingConstraint.EnergySpread,
            "c2" => ChargingConstraint.EnergyAboveGround,
            _ => throw new ValidationException("ChargingConstraints.Parse", "constraint", "c0, c1 or c2", $"'{text}'"),
        };
    }

    /// <summary>
    /// The collective budget from the value of one reference copy: N times it for C0 and C2, sqrt(N)
    /// times it for C1 (PRL eqs 2, 3, 5: the time-averaged spread of N independent copies grows as sqrt(N)).
    /// </summary>
    public static double Budget(this ChargingConstraint c, double referenceValue, int copies)
    {
        Guard.AtLeast(copies, 1, "ChargingConstraints.Budget", "copies");
        return c == ChargingConstraint.EnergySpread ? Math.Sqrt(copies) * referenceValue : copies * referenceValue;
    }
}

/// <summary>The three constraint functionals of one trajectory (R9), each a time average over [0, T].</summary>
/// <param name="OperatorNorm">C0: (1/T) int ||H(t)||_op dt.</param>
/// <param name="EnergySpread">C1: (1/T) int Delta H(t) dt in the evolving state.</param>
/// <param name="EnergyAboveGround">C2: (1/T) int (&lt;H(t)&gt; - h_g(t)) dt.</param>
public sealed record ConstraintValues(double OperatorNorm, double EnergySpread, double EnergyAboveGround)
{
    /// <summary>The value of one constraint.</summary>
    public double Get(ChargingConstraint c) => c switch
    {
        ChargingConstraint.OperatorNorm => OperatorNorm,
        ChargingConstraint.EnergySpread => EnergySpread,
        ChargingConstraint.EnergyAboveGround => EnergyAboveGround,
        _ => throw new ValidationException("ConstraintValues.Get", "constraint", "C0, C1 or C2", $"{c}"),
    };
}
