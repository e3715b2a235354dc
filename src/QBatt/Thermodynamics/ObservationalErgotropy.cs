using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>The observational ergotropy of a state for a coarse-grained measurement (R18).</summary>
/// <param name="Value">W_X = tr(rho H0) - tr(sigma(rho_X) H0) (may be negative for a measurement that reveals little).</param>
/// <param name="Energy">tr(rho H0).</param>
/// <param name="PassiveEnergy">tr(sigma(rho_X) H0), the passive energy of the coarse-grained estimate.</param>
/// <param name="Probabilities">p_i = tr(P_i rho), one per outcome.</param>
/// <param name="Volumes">V_i = tr(P_i), the dimension of each outcome's subspace.</param>
/// <param name="ObservationalEntropy">S_X = -sum_i p_i ln(p_i / V_i), the entropy of rho_X (nats).</param>
public sealed record ObservationalErgotropyResult(double Value, double Energy, double PassiveEnergy, double[] Probabilities, int[] Volumes, double ObservationalEntropy);

/// <summary>
/// Observational ergotropy (R18, after Safranek, Rosa and Binder [SRB23]): an observer who knows only the outcome probabilities
/// p_i = tr(P_i rho) of a coarse-grained projective measurement {P_i} estimates the state as the coarse-grained
/// rho_X = sum_i p_i P_i / V_i (V_i = tr P_i, the most mixed state with those statistics) and applies the unitary that is optimal for
/// rho_X, which takes each P_i onto V_i energy eigenstates in the order of decreasing p_i / V_i. Averaged over the bases inside each
/// P_i that the observer cannot tell apart, every eigenstate of the i-th group ends with population p_i / V_i, so the expected work
/// is W_X = tr(rho H0) - tr(sigma(rho_X) H0), sigma the passive state. It is at most the ergotropy (rho_X is majorised by rho), equals
/// it for a measurement in the eigenbasis of rho, gives the incoherent ergotropy for the fine-grained energy measurement, falls under
/// coarse-graining (merging outcomes), and is negative when the measurement reveals too little (one outcome: tr(rho H0) - tr(H0)/d).
/// QBatt states this operational form; the paper's notation is not reproduced here.
/// </summary>
public static class ObservationalErgotropy
{
    private const string Op = "ObservationalErgotropy.Compute";

    /// <summary>
    /// W_X of <paramref name="rho"/> under <paramref name="h0"/> for the measurement whose outcome i projects onto the columns of
    /// <paramref name="basis"/> (a unitary, columns orthonormal to 1e-10) numbered by the consecutive <paramref name="groups"/> sizes.
    /// </summary>
    public static ObservationalErgotropyResult Compute(DensityMatrix rho, Operator h0, ComplexMatrix basis, IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(groups);
        var d = rho.Dims.Total;
        if (h0.Dimension != d)
            throw new DimensionMismatchException(Op, "h0", $"a {d} x {d} Hamiltonian (the state's dimension)", $"dimension {h0.Dimension}");
        if (basis.Rows != d || basis.Cols != d)
            throw new DimensionMismatchException(Op, "basis", $"a {d} x {d} unitary (the state's dimension)", $"{basis.Rows}x{basis.Cols}");
        if (groups.Count == 0 || groups.Any(g => g < 1) || groups.Sum() != d)
            throw new ValidationException(Op, "groups", $"positive group sizes summing to the dimension {d}", $"[{string.Join(", ", groups)}] (sum {groups.Sum()})");
        var gram = basis.Adjoint() * basis;
        var deviation = (gram - ComplexMatrix.Identity(d)).MaxAbs();
        if (deviation > 1e-10)
            throw new ValidationException(Op, "basis", "a unitary (orthonormal columns to 1e-10)", $"max |U^dag U - 1| = {QBattException.Num(deviation)}");
        // p_i: the sum of <u|rho|u> over the columns u of group i, the diagonal of U^dag rho U
        var rotated = basis.Adjoint() * rho.ToMatrix() * basis;
        var p = new double[groups.Count];
        var column = 0;
        for (var i = 0; i < groups.Count; i++)
            for (var c = 0; c < groups[i]; c++, column++) p[i] += rotated[column, column].Real;
        // the spectrum of rho_X: p_i / V_i, V_i times each, descending, against H0's energies ascending
        var spectrum = new List<double>(d);
        for (var i = 0; i < groups.Count; i++)
            for (var c = 0; c < groups[i]; c++) spectrum.Add(p[i] / groups[i]);
        spectrum.Sort((x, y) => y.CompareTo(x));
        var energies = MatrixFunctions.EigvalsH(h0.ToDense(), hermitianTol: double.PositiveInfinity);
        double passive = 0;
        for (var k = 0; k < d; k++) passive += spectrum[k] * energies[k];
        var energy = h0.WithDims(rho.Dims).Expectation(rho).Real;
        double entropy = 0;
        for (var i = 0; i < groups.Count; i++)
            if (p[i] > 0) entropy -= p[i] * Math.Log(p[i] / groups[i]);
        return new ObservationalErgotropyResult(energy - passive, energy, passive, p, [.. groups], entropy);
    }
}
