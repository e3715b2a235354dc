using System.Numerics;

namespace QBatt.Thermodynamics;

/// <summary>One outcome k of the optimal ancilla measurement (R18): the element M_k = |m_k&gt;&lt;m_k| on B.</summary>
/// <param name="Probability">p_k = tr[(1 (x) M_k) rho_AB].</param>
/// <param name="ConditionalErgotropy">W(rho_A|k), the ergotropy of the battery given the outcome (0 when p_k = 0).</param>
/// <param name="Vector">m_k (unit for a projective measurement, sub-normalised for a POVM element).</param>
public sealed record DaemonicOutcome(double Probability, double ConditionalErgotropy, Complex[] Vector);
