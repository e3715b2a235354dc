namespace QBatt.Thermodynamics;

/// <summary>The daemonic ergotropy of a battery A given a measurement of its ancilla B (R18, [Fra17], [Ber19]).</summary>
/// <param name="Value">E_D = sum_k p_k W(rho_A|k) for the best measurement found.</param>
/// <param name="Ergotropy">W(rho_A), the ergotropy without the measurement; E_D &gt;= W(rho_A).</param>
/// <param name="Gain">Value - Ergotropy, the daemonic gain.</param>
/// <param name="Energy">tr[rho_A H_A].</param>
/// <param name="UpperBound">tr[rho_A H_A] - e_min: every conditional state pure would extract this (reached for pure rho_AB).</param>
/// <param name="Outcomes">The optimal measurement, one entry per outcome.</param>
/// <param name="Generalised">True for the optimum over POVMs, false over rank-one projective measurements.</param>
/// <param name="GradientNorm">Riemannian gradient norm at the optimum (0 for an exact optimum of a smooth point).</param>
/// <param name="StartsAgreeing">How many of the starts reached the optimum within 1e-9 of the energy scale.</param>
public sealed record DaemonicErgotropyResult(
    double Value,
    double Ergotropy,
    double Gain,
    double Energy,
    double UpperBound,
    DaemonicOutcome[] Outcomes,
    bool Generalised,
    double GradientNorm,
    int StartsAgreeing);
