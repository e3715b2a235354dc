using QBatt.Numerics;

namespace QBatt.Thermodynamics;

/// <summary>The local ergotropy of one subsystem of an interacting battery (R18, [SDG22], [CFGA24]).</summary>
/// <param name="Value">
/// max over U_A of tr[rho H] - tr[(U_A (x) 1) rho (U_A (x) 1)^dag H]: the closed form for a qubit subsystem,
/// the best value of the descent otherwise.
/// </param>
/// <param name="OptimisedValue">The value reached by the descent at <see cref="Unitary"/> (equal to Value within rounding for a qubit).</param>
/// <param name="UpperBound">A certified upper bound: min(global ergotropy, tr[rho H] - d_A lambda_min(Z)) with Z the matrix of the quadratic form U -&gt; tr[H U rho U^dag].</param>
/// <param name="GlobalErgotropy">The ergotropy of the whole state under the whole H (R2).</param>
/// <param name="Energy">tr[rho H].</param>
/// <param name="Unitary">The best local unitary found (d_A x d_A).</param>
/// <param name="ClosedForm">True when Value is the qubit closed form.</param>
/// <param name="GradientNorm">Riemannian gradient norm of the descent at <see cref="Unitary"/>.</param>
public sealed record LocalErgotropyResult(
    double Value,
    double OptimisedValue,
    double UpperBound,
    double GlobalErgotropy,
    double Energy,
    ComplexMatrix Unitary,
    bool ClosedForm,
    double GradientNorm);
