using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Thermodynamics;

/// <summary>
/// The ergotropy of a state along a trajectory (R2, R16), at every output time: the ergotropy, its incoherent
/// part (the ergotropy of the state dephased in H0's eigenbasis) and coherent part (the rest), the passive-state
/// energy tr[sigma_rho H0] and the von Neumann entropy S(rho) in nats. Arrays of equal length, one value per
/// output time. Under unitary dynamics the spectrum of rho is conserved, so the passive energy and the entropy
/// stay constant and the ergotropy is tr[rho(t) H0] minus that passive energy.
/// </summary>
/// <param name="Ergotropy">W_max(t).</param>
/// <param name="Incoherent">Ergotropy of the dephased state (null when not computed: it needs the states).</param>
/// <param name="Coherent">W_max(t) minus the incoherent part (null when not computed).</param>
/// <param name="PassiveEnergy">tr[sigma_rho(t) H0].</param>
/// <param name="Entropy">S(rho(t)) in nats.</param>
public sealed record ErgotropySeries(double[] Ergotropy, double[]? Incoherent, double[]? Coherent, double[] PassiveEnergy, double[] Entropy);

/// <summary>
/// Computes the ergotropy and its parts for many states of one battery (R2): H0's eigenbasis is found once, then
/// each state costs one eigendecomposition (and one per degenerate block for the dephased part).
/// </summary>
internal sealed class ErgotropyTracker
{
    private readonly Operator _h0;
    private readonly EnergyBasis _basis;
    private readonly ILinearAlgebraBackend? _backend;

    private readonly int[]? _keep;

    /// <summary>
    /// A tracker of <paramref name="h0"/>; with <paramref name="keep"/> (subsystems of the states' dimensions) each state is first
    /// reduced to those subsystems, and <paramref name="h0"/> acts on the reduced space (the battery is a part of a larger system:
    /// its ergotropy is that of its reduced state under unitaries on the battery alone).
    /// </summary>
    public ErgotropyTracker(Operator h0, ILinearAlgebraBackend? backend = null, IReadOnlyList<int>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(h0);
        _h0 = h0;
        _backend = backend;
        if (keep is not null) _keep = [.. keep];
        _basis = EnergyBasis.Of(h0, ErgotropyOptions.Default.DegeneracyTolerance, "ErgotropyTracker", ErgotropyOptions.Default.HermitianTolerance, backend);
    }

    /// <summary>The energies of H0, ascending.</summary>
    public IReadOnlyList<double> Energies => _basis.Energies;

    /// <summary>(ergotropy, incoherent part, passive energy, entropy) of <paramref name="rho"/>.</summary>
    public (double Value, double Incoherent, double Passive, double Entropy) Of(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        if (_keep is not null) rho = rho.PartialTraceKeep(_keep);
        var (r, _, _) = Ergotropy.DescendingSpectrum(rho);
        var energy = _h0.WithDims(rho.Dims).Expectation(rho).Real;
        var passive = Ergotropy.Dot(r, _basis.Energies);
        var dephased = Ergotropy.Dot(Ergotropy.DephasedSpectrumDescending(rho, _basis, _backend), _basis.Energies);
        double s = 0;
        foreach (var p in r)
            if (p > 0) s -= p * Math.Log(p);
        return (energy - passive, energy - dephased, passive, s);
    }

    /// <summary>The passive energy sum_j r_j e_j of a spectrum r (any order).</summary>
    public double PassiveEnergy(IReadOnlyList<double> spectrum) => Ergotropy.PassiveEnergy([.. spectrum], _basis.Energies);
}
