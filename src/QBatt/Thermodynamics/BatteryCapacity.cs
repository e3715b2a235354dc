using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// Battery capacity (R18; Yang et al., PRL 131, 030402 (2023) [Yang23]): the width
/// C(rho) = max_U tr[U rho U^dag H0] - min_U tr[U rho U^dag H0] = sum_j r_j (e_(d+1-j) - e_j) of the
/// energies on the unitary orbit of rho, with r descending and e ascending (the rearrangement inequality
/// gives both ends). C depends on rho only through its spectrum, vanishes exactly for the maximally
/// mixed state when H0 has two distinct levels or more, and splits as C = ergotropy + antiergotropy. Costs the eigenvalues of rho and of H0, nothing more.
/// </summary>
public static class BatteryCapacity
{
    /// <summary>The capacity of a validated state with a Hermitian H0 (any basis).</summary>
    /// <exception cref="DimensionMismatchException">H0 and rho have different dimensions.</exception>
    /// <exception cref="ValidationException">H0 is not Hermitian or not finite.</exception>
    public static CapacityResult Compute(DensityMatrix rho, Operator h0, ILinearAlgebraBackend? backend = null)
    {
        const string op = "BatteryCapacity.Compute";
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        Validation.SameDimension(rho.Dimension, h0.Dimension, op);
        var e = EnergyBasis.Of(h0, 0, op, backend: backend).Energies;
        return FromSpectra(h0.WithDims(rho.Dims).Expectation(rho).Real, rho.Eigen().Values, e);
    }

    /// <summary>
    /// The capacity of a density matrix given as a plain matrix (large dense problems): rho and H0 are
    /// validated as in <see cref="Ergotropy.Value(ComplexMatrix, ComplexMatrix, ValidationTolerances?, ILinearAlgebraBackend?)"/>,
    /// then two eigenvalue-only decompositions and one trace: the same cost as the ergotropy alone, which
    /// comes with it.
    /// </summary>
    public static CapacityResult Compute(ComplexMatrix rho, ComplexMatrix h0, ValidationTolerances? tolerances = null, ILinearAlgebraBackend? backend = null)
    {
        var (energy, r, e) = Ergotropy.DenseSpectra(rho, h0, tolerances, backend, "BatteryCapacity.Compute");
        return FromSpectra(energy, r, e);
    }

    /// <summary>The capacity of a state diagonal in the energy basis: populations p_j of levels e_j (validated).</summary>
    public static CapacityResult OfDiagonal(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies)
    {
        Validation.DiagonalState(populations, energies, "BatteryCapacity.OfDiagonal");
        return FromSpectra(Ergotropy.Dot(populations, energies), populations, energies);
    }

    /// <summary>
    /// The capacity from tr[rho H0], the spectrum of rho and the energies of H0 (any order; both are
    /// sorted here). No value is clamped: rounding can leave the ergotropy or antiergotropy of a
    /// passive or maximally active state a few ulps below 0.
    /// </summary>
    public static CapacityResult FromSpectra(double energy, ReadOnlySpan<double> spectrum, ReadOnlySpan<double> energies)
    {
        if (spectrum.Length != energies.Length)
            throw new DimensionMismatchException("BatteryCapacity.FromSpectra", "energies", $"{spectrum.Length} energies (one per eigenvalue)", $"{energies.Length}");
        var r = spectrum.ToArray();
        var e = energies.ToArray();
        Array.Sort(r);
        Array.Sort(e);
        var n = r.Length;
        var passive = new CompensatedSum();
        var active = new CompensatedSum();
        var width = new CompensatedSum();
        for (var j = 0; j < n; j++)
        {
            // r[n-1-j] is the j-th largest eigenvalue
            passive.Add(r[n - 1 - j] * e[j]);
            active.Add(r[j] * e[j]);
            width.Add(r[n - 1 - j] * (e[n - 1 - j] - e[j]));
        }
        return new CapacityResult(width.Value, energy - passive.Value, active.Value - energy, energy, passive.Value, active.Value);
    }
}
