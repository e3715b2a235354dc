using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>Von Neumann and Shannon entropies in nats (R3: S = -tr rho ln rho).</summary>
public static class Entropy
{
    /// <summary>
    /// S(rho) = -tr rho ln rho from the eigenvalues of rho. Eigenvalues at or below zero (rounding
    /// noise of a valid state, bounded by its validation tolerance) contribute 0, as 0 ln 0 = 0.
    /// </summary>
    public static double VonNeumann(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        return OfSpectrum(rho.Eigen().Values);
    }

    /// <summary>
    /// -sum p ln p of probabilities (finite, non-negative within 1e-10, summing to 1 within 1e-10).
    /// </summary>
    public static double Shannon(ReadOnlySpan<double> probabilities)
    {
        Validation.Probabilities(probabilities, "Entropy.Shannon", "probabilities", Validation.DefaultTolerance);
        return OfSpectrum(probabilities);
    }

    /// <summary>-sum x ln x over the positive entries (no validation).</summary>
    internal static double OfSpectrum(ReadOnlySpan<double> values)
    {
        var s = new CompensatedSum();
        foreach (var x in values)
            if (x > 0) s.Add(-x * Math.Log(x));
        return s.Value;
    }
}
