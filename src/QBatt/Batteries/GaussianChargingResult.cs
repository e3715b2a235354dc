using System.Globalization;
using System.Numerics;
using QBatt.Models;

namespace QBatt.Batteries;

/// <summary>
/// The energy bookkeeping of one Gaussian charging cycle (R14): energies and standard deviations of H0 before
/// and after, the deposited energy W = E_final - E_initial and the relative precision std(E_final)/W.
/// </summary>
/// <param name="InitialEnergy">tr(rho H0) before the unitary.</param>
/// <param name="FinalEnergy">tr(U rho U^dag H0).</param>
/// <param name="InitialStd">Standard deviation of H0 in the initial state (thermal fluctuations).</param>
/// <param name="FinalStd">Standard deviation of H0 in the final state.</param>
public sealed record GaussianChargingResult(double InitialEnergy, double FinalEnergy, double InitialStd, double FinalStd)
{
    /// <summary>Deposited energy W = E_final - E_initial.</summary>
    public double Work => FinalEnergy - InitialEnergy;

    /// <summary>Variance of H0 in the final state.</summary>
    public double FinalVariance => FinalStd * FinalStd;

    /// <summary>
    /// Relative precision std(E_final)/W (R14: standard deviation over the mean deposited energy; smaller is more
    /// precise). Defined for W &gt; 0; +infinity when no energy is deposited (W &lt;= 0).
    /// </summary>
    public double RelativePrecision => Work > 0 ? FinalStd / Work : double.PositiveInfinity;
}
