using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>The entropy bound of R3 for one state.</summary>
/// <param name="Bound">tr[rho H0] - tr[omega_b H0], an upper bound on the ergotropy (Rev eq 8 calls it a "lower bound"; it is an upper bound).</param>
/// <param name="Beta">
/// The entropy-matched inverse temperature b in [0, +infinity]; NaN when H0 has a single distinct
/// energy (every Gibbs state is then 1/d, and the bound is 0, equal to the ergotropy).
/// </param>
/// <param name="Entropy">S(rho) in nats.</param>
/// <param name="Energy">tr[rho H0].</param>
/// <param name="GibbsEnergy">tr[omega_b H0].</param>
public sealed record EntropyBoundResult(double Bound, double Beta, double Entropy, double Energy, double GibbsEnergy);

/// <summary>
/// R3 (Rev eq 8): W_max &lt;= tr[rho H0] - tr[omega_b H0] with omega_b the Gibbs state of the same
/// von Neumann entropy as rho. The bound is the n -&gt; infinity limit of the work per copy (Rev eq 10, R4).
/// </summary>
public static class EntropyBound
{
    /// <summary>The bound for a state and a Hermitian H0 (any basis; H0's spectrum is what matters).</summary>
    public static EntropyBoundResult Compute(DensityMatrix rho, Operator h0, double degeneracyTolerance = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(h0);
        Validation.SameDimension(rho.Dimension, h0.Dimension, "EntropyBound.Compute");
        var basis = EnergyBasis.Of(h0, degeneracyTolerance, "EntropyBound.Compute", backend: backend);
        return FromParts(Thermodynamics.Entropy.VonNeumann(rho), h0.Expectation(rho).Real, basis.Energies, degeneracyTolerance);
    }

    /// <summary>The bound for a state diagonal in the energy basis: populations p_j of levels e_j.</summary>
    public static EntropyBoundResult Compute(ReadOnlySpan<double> populations, ReadOnlySpan<double> energies, double degeneracyTolerance = 1e-10)
    {
        Validation.DiagonalState(populations, energies, "EntropyBound.Compute");
        var energy = new CompensatedSum();
        for (var j = 0; j < energies.Length; j++) energy.Add(populations[j] * energies[j]);
        return FromParts(Thermodynamics.Entropy.OfSpectrum(populations), energy.Value, energies, degeneracyTolerance);
    }

    internal static EntropyBoundResult FromParts(double entropy, double energy, ReadOnlySpan<double> energies, double degeneracyTolerance)
    {
        var sorted = EnergyBasis.OfEnergies(energies, degeneracyTolerance, "EntropyBound.Compute");
        if (sorted.BlockCount < 2)
        {
            // every Gibbs state is 1/d; its energy is the (common) mean level
            var mean = new CompensatedSum();
            foreach (var e in energies) mean.Add(e / energies.Length);
            return new EntropyBoundResult(energy - mean.Value, double.NaN, entropy, energy, mean.Value);
        }
        var lnD = Math.Log(energies.Length);
        var beta = Gibbs.EntropyMatchedBeta(Math.Clamp(entropy, 0, lnD), energies, degeneracyTolerance);
        var gibbs = Gibbs.Energy(energies, beta, degeneracyTolerance);
        return new EntropyBoundResult(energy - gibbs, beta, entropy, energy, gibbs);
    }
}
