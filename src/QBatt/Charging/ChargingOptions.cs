using QBatt.Dynamics;

namespace QBatt.Charging;

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
