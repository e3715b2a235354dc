using System.Globalization;
using QBatt.Dynamics;
using QBatt.Thermodynamics;

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

/// <summary>Options of <see cref="ChargingProtocol.Run"/>, with documented defaults.</summary>
public sealed record ChargingOptions
{
    /// <summary>The defaults.</summary>
    public static ChargingOptions Default { get; } = new();

    /// <summary>Solver options of the dynamics engine (default: <see cref="EvolutionOptions.Default"/>, tolerances 1e-10).</summary>
    public EvolutionOptions Evolution { get; init; } = EvolutionOptions.Default;

    /// <summary>
    /// The target counts as reached when ||rho(T) - sigma||_F &lt;= this times ||rho(0) - sigma||_F
    /// (default 1e-6; Frobenius distance, |psi&gt;&lt;psi| for pure states).
    /// </summary>
    public double TargetTolerance { get; init; } = 1e-6;

    /// <summary>Smallest number of intervals of the output grid on [0, T] for the time averages (default 128; composite Simpson per constant piece).</summary>
    public int MinimumIntervals { get; init; } = 128;

    /// <summary>
    /// Output-grid spacing in units of 1/||H||_max (default 1/32): the integrands oscillate at frequencies
    /// up to 2 ||H||, so Simpson's error stays near 1e-8 relative. The search grid for the end time is four times coarser.
    /// </summary>
    public double SpacingPerInverseNorm { get; init; } = 1.0 / 32;

    /// <summary>Largest number of output intervals (default 200000); beyond it the run is refused as too long for its frequencies.</summary>
    public int MaximumIntervals { get; init; } = 200_000;

    /// <summary>Relative slack of the T &gt;= T_QSL check (default 1e-6).</summary>
    public double SpeedLimitTolerance { get; init; } = 1e-6;

    /// <summary>Throws <see cref="ValidationException"/> naming the first bad option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Evolution);
        Evolution.Validate();
        Guard.Positive(TargetTolerance, "ChargingOptions", "TargetTolerance");
        Guard.AtLeast(MinimumIntervals, 2, "ChargingOptions", "MinimumIntervals");
        Guard.Positive(SpacingPerInverseNorm, "ChargingOptions", "SpacingPerInverseNorm");
        Guard.AtLeast(MaximumIntervals, MinimumIntervals, "ChargingOptions", "MaximumIntervals");
        Guard.NonNegative(SpeedLimitTolerance, "ChargingOptions", "SpeedLimitTolerance");
    }
}

/// <summary>
/// What a charging protocol did (R7-R9): its charging time, the deposited work and average power, the
/// constraint functionals C0-C2 on the actual trajectory, the speed limit (rigorous T_QSL and the PRL
/// form, labelled), and the time series on the output grid.
/// </summary>
public sealed class ChargingResult
{
    internal ChargingResult(ChargingProtocol protocol, double chargingTime, double initialEnergy, double finalEnergy, ConstraintValues constraints,
        SpeedLimitReport speedLimit, double? targetDistance, double? initialTargetDistance, MaxAveragePower? maximumPower,
        double[] times, double[] work, double[] norm, double[] spread, double[] aboveGround, double errorEstimate, string methods)
    {
        Protocol = protocol;
        ChargingTime = chargingTime;
        InitialEnergy = initialEnergy;
        FinalEnergy = finalEnergy;
        Constraints = constraints;
        SpeedLimit = speedLimit;
        TargetDistance = targetDistance;
        InitialTargetDistance = initialTargetDistance;
        MaximumPower = maximumPower;
        Times = times;
        WorkSeries = work;
        NormSeries = norm;
        SpreadSeries = spread;
        AboveGroundSeries = aboveGround;
        ErrorEstimate = errorEstimate;
        Methods = methods;
    }

    /// <summary>The protocol that ran.</summary>
    public ChargingProtocol Protocol { get; }

    /// <summary>T: the first time the target is reached, the fixed duration, or the time of maximal average power.</summary>
    public double ChargingTime { get; }

    /// <summary>tr[rho(0) H0].</summary>
    public double InitialEnergy { get; }

    /// <summary>tr[rho(T) H0].</summary>
    public double FinalEnergy { get; }

    /// <summary>W = tr[rho(T) H0] - tr[rho(0) H0] (R7, charging sign).</summary>
    public double Work => FinalEnergy - InitialEnergy;

    /// <summary>Average power W / T (R7, Rev eq 15).</summary>
    public double AveragePower => Work / ChargingTime;

    /// <summary>C0, C1, C2 on the trajectory.</summary>
    public ConstraintValues Constraints { get; }

    /// <summary>The speed limit of the trajectory (R8): rigorous T_QSL, the PRL form, and whether T &gt;= T_QSL.</summary>
    public SpeedLimitReport SpeedLimit { get; }

    /// <summary>||rho(T) - sigma||_F for target protocols, else null.</summary>
    public double? TargetDistance { get; }

    /// <summary>||rho(0) - sigma||_F for target protocols, else null.</summary>
    public double? InitialTargetDistance { get; }

    /// <summary>The maximal-average-power search result (<see cref="ChargingEnd.MaximumAveragePower"/>), else null.</summary>
    public MaxAveragePower? MaximumPower { get; }

    /// <summary>Output times on [0, T] (a breakpoint of the drive appears twice: the series hold its left and right limits).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>W(t) at the output times.</summary>
    public IReadOnlyList<double> WorkSeries { get; }

    /// <summary>||H(t)||_op at the output times.</summary>
    public IReadOnlyList<double> NormSeries { get; }

    /// <summary>Delta H(t) at the output times.</summary>
    public IReadOnlyList<double> SpreadSeries { get; }

    /// <summary>&lt;H(t)&gt; - h_g(t) at the output times.</summary>
    public IReadOnlyList<double> AboveGroundSeries { get; }

    /// <summary>The engine's achieved error estimate of the final run (2-norm of the state).</summary>
    public double ErrorEstimate { get; }

    /// <summary>The propagators the engine used.</summary>
    public string Methods { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"T = {ChargingTime:G10}, W = {Work:G10}, <P> = {AveragePower:G10}, C0 = {Constraints.OperatorNorm:G8}, C1 = {Constraints.EnergySpread:G8}, C2 = {Constraints.EnergyAboveGround:G8}, T_QSL = {SpeedLimit.Rigorous:G8}");
}
