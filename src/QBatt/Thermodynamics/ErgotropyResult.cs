using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>Options of <see cref="Ergotropy.Compute(DensityMatrix, Operator, ErgotropyOptions?)"/>.</summary>
public sealed record ErgotropyOptions
{
    /// <summary>The defaults below.</summary>
    public static ErgotropyOptions Default { get; } = new();

    /// <summary>
    /// Levels of H0 whose energies differ by at most this times the spread e_max - e_min (plus
    /// 1e-13 max|e| for rounding) form one degenerate eigenspace. Default 1e-10. Only the incoherent
    /// part depends on it (the ergotropy itself is continuous in the energies).
    /// </summary>
    public double DegeneracyTolerance { get; init; } = 1e-10;

    /// <summary>Largest allowed entry of U rho U^dag - sigma_rho before the result is refused. Default 1e-9.</summary>
    public double VerificationTolerance { get; init; } = 1e-9;

    /// <summary>Largest allowed |H0 - H0^dag| relative to the largest entry of H0. Default 1e-10.</summary>
    public double HermitianTolerance { get; init; } = 1e-10;

    /// <summary>Linear-algebra backend; null means <see cref="LinearAlgebra.Default"/>.</summary>
    public ILinearAlgebraBackend? Backend { get; init; }
}

/// <summary>
/// The ergotropy of a state (R2, Rev eqs 4-7) with everything a user needs to act on it.
/// </summary>
/// <param name="Value">W_max = tr[rho H0] - tr[sigma_rho H0].</param>
/// <param name="Energy">tr[rho H0].</param>
/// <param name="PassiveEnergy">tr[sigma_rho H0] = sum_j r_j e_j (r descending, e ascending).</param>
/// <param name="GroundEnergy">The smallest eigenvalue e_1 of H0 (W_max &lt;= tr[rho H0] - e_1).</param>
/// <param name="EnergyLevels">Eigenvalues e_1 &lt;= ... &lt;= e_d of H0.</param>
/// <param name="PassivePopulations">r_1 &gt;= ... &gt;= r_d, the populations of the passive state on those levels.</param>
/// <param name="PassiveState">sigma_rho = sum_j r_j |e_j&gt;&lt;e_j| in the basis of the input.</param>
/// <param name="Unitary">An optimal extraction unitary U = sum_j |e_j&gt;&lt;r_j| (phases are free).</param>
/// <param name="UnitaryResidual">max |U rho U^dag - sigma_rho| (checked against the verification tolerance).</param>
/// <param name="IncoherentValue">
/// Ergotropy of the state dephased in H0's eigenbasis, Delta(rho) = sum_k P_k rho P_k over the
/// eigenprojectors P_k of distinct energies: coherences between different energies are removed,
/// coherences inside a degenerate eigenspace are kept (they cost no energy, and removing them would
/// make the split depend on an arbitrary choice of eigenvectors). Delta(rho) has the same energy as rho.
/// </param>
/// <param name="CoherentValue">Value - IncoherentValue, &gt;= 0 (pinching can only reduce the ergotropy).</param>
public sealed record ErgotropyResult(
    double Value,
    double Energy,
    double PassiveEnergy,
    double GroundEnergy,
    double[] EnergyLevels,
    double[] PassivePopulations,
    DensityMatrix PassiveState,
    ComplexMatrix Unitary,
    double UnitaryResidual,
    double IncoherentValue,
    double CoherentValue);
