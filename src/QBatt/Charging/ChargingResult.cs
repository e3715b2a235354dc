using System.Globalization;
using QBatt.Dynamics;
using QBatt.Thermodynamics;

namespace QBatt.Charging;

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
