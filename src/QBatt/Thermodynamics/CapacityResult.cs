namespace QBatt.Thermodynamics;

/// <summary>
/// The battery capacity of a state and the energies it is made of (R18, [Yang23]): with r_1 &gt;= ... &gt;= r_d
/// the eigenvalues of rho and e_1 &lt;= ... &lt;= e_d those of H0, every tr[U rho U^dag H0] lies in
/// [PassiveEnergy, ActiveEnergy] and both ends are reached.
/// </summary>
/// <param name="Capacity">C = ActiveEnergy - PassiveEnergy = Ergotropy + Antiergotropy (PRL 131, 030402, eq. 2).</param>
/// <param name="Ergotropy">Energy - PassiveEnergy, the most work a unitary extracts (R2).</param>
/// <param name="Antiergotropy">ActiveEnergy - Energy, the most energy a unitary deposits (the charging counterpart).</param>
/// <param name="Energy">tr[rho H0].</param>
/// <param name="PassiveEnergy">E_min = sum_j r_j e_j (largest populations on the lowest levels).</param>
/// <param name="ActiveEnergy">E_max = sum_j r_j e_(d+1-j) (largest populations on the highest levels).</param>
public sealed record CapacityResult(
    double Capacity,
    double Ergotropy,
    double Antiergotropy,
    double Energy,
    double PassiveEnergy,
    double ActiveEnergy);
