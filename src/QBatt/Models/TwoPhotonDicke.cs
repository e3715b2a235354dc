using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// The two-photon Dicke battery (R19, [Cre20]): N two-level cells in one cavity mode coupled by two-photon processes,
/// H = wc a^dag a + wa J_z + wc g J_x (a^2 + a^dag 2), in the symmetric subspace j = N/2 (dims [M, N + 1]: M photon levels,
/// then the spin, basis m = j..-j). Each cell flip exchanges two photons; resonance is wa = 2 wc. The Hamiltonian is bounded
/// below only for |g| N &lt; 1: at fixed J_x = m it is wc (a^dag a + g m (a^2 + a^dag 2)) + ..., a quadratic form in x and p
/// that stays positive for |2 g m| &lt; 1 (m up to N/2), and whose spectrum collapses at |g| N = 1. H conserves the photon
/// parity, so from |2N photons&gt; (x) |all cells down&gt; only even Fock levels are reached. Battery energy E_B = wa (J_z + N/2).
/// </summary>
public sealed class TwoPhotonDicke
{
    /// <summary>N cells, <paramref name="cutoff"/> photon levels, two-photon coupling g and the frequencies.</summary>
    public TwoPhotonDicke(int cells, int cutoff, double coupling, double cellFrequency = 2, double cavityFrequency = 1)
    {
        Validate(cells, cutoff, coupling, cellFrequency, cavityFrequency, "TwoPhotonDicke");
        Cells = cells;
        Cutoff = cutoff;
        Coupling = coupling;
        CellFrequency = cellFrequency;
        CavityFrequency = cavityFrequency;
    }

    /// <summary>Checks the parameters (shared with the battery, so each is validated once with the same messages).</summary>
    internal static void Validate(int cells, int cutoff, double coupling, double cellFrequency, double cavityFrequency, string operation)
    {
        Guard.AtLeast(cells, 1, operation, "cells");
        Guard.Finite(coupling, operation, "coupling");
        if (coupling == 0) throw new ValidationException(operation, "coupling", "a non-zero two-photon coupling g (nothing charges at g = 0)", "0");
        if (Math.Abs(coupling) * cells >= 1)
            throw new ValidationException(operation, "coupling", $"|g| < 1/N = {QBattException.Num(1.0 / cells)} (the two-photon Dicke Hamiltonian is unbounded below from |g| N = 1: spectral collapse)", QBattException.Num(coupling));
        Guard.Finite(cellFrequency, operation, "wa");
        Guard.Positive(cellFrequency, operation, "wa");
        Guard.Finite(cavityFrequency, operation, "wc");
        Guard.Positive(cavityFrequency, operation, "wc");
        if (cutoff <= 2 * cells)
            throw new ValidationException(operation, "cutoff", $"more photon levels than the initial 2N = {2 * cells} photons (at least {2 * cells + 1})", $"{cutoff}");
        if ((long)cutoff * (cells + 1L) > int.MaxValue)
            throw new ResourceException(operation, "cutoff", "a dimension M (N + 1) below 2^31", $"{cutoff} x {cells + 1L}");
    }

    /// <summary>N.</summary>
    public int Cells { get; }

    /// <summary>M, the photon levels kept.</summary>
    public int Cutoff { get; }

    /// <summary>g.</summary>
    public double Coupling { get; }

    /// <summary>wa.</summary>
    public double CellFrequency { get; }

    /// <summary>wc.</summary>
    public double CavityFrequency { get; }

    /// <summary>Spin j = N/2.</summary>
    public double J => Cells / 2.0;

    /// <summary>Dims [M, N + 1].</summary>
    public Dims Dims => new(Cutoff, Cells + 1);

    private Operator CellsOp(Operator s) => Operator.Tensor(Operator.Identity(new Dims(Cutoff)), s);

    /// <summary>J_z on the whole space.</summary>
    public Operator Jz() => CellsOp(Spin.Jz(J));

    /// <summary>a^dag a on the whole space.</summary>
    public Operator PhotonNumber() => Operator.Tensor(Boson.Number(Cutoff), Operator.Identity(new Dims(Cells + 1)));

    /// <summary>H = wc a^dag a + wa J_z + wc g J_x (a^2 + a^dag 2) (sparse).</summary>
    public Operator Hamiltonian()
    {
        var a = Boson.Destroy(Cutoff);
        var a2 = a * a;
        var coupling = Operator.Tensor(a2 + a2.Adjoint(), Spin.Jx(J));
        return CavityFrequency * PhotonNumber() + CellFrequency * Jz() + CavityFrequency * Coupling * coupling;
    }

    /// <summary>E_B = wa (J_z + N/2).</summary>
    public Operator BatteryEnergy() => CellFrequency * (Jz() + J * Operator.Identity(Dims));

    /// <summary>The projector on the two highest Fock levels (one of them odd, never reached: parity; their population checks the cutoff).</summary>
    public Operator TopFockProjector() => Operator.Tensor(
        Qudit.Projector(Cutoff, Cutoff - 1, Cutoff - 1) + Qudit.Projector(Cutoff, Cutoff - 2, Cutoff - 2), Operator.Identity(new Dims(Cells + 1)));

    /// <summary>|2N photons&gt; (x) |j, -j&gt;.</summary>
    public Ket InitialState() => Ket.Basis(Dims, 2 * Cells, Cells);

    /// <summary>
    /// The default window 3 / (wc |g| sqrt N): for one cell at resonance in the weak-coupling limit the rotating-wave exchange
    /// |2, down&gt; -&gt; |0, up&gt; completes at pi / (sqrt 2 wc |g|) = 2.22 / (wc |g|); the collective exchange of N cells is
    /// faster. A maximal power at the window's end is reported as a warning with this advice.
    /// </summary>
    public static double DefaultTimeWindow(int cells, double coupling, double cavityFrequency) =>
        3 / (cavityFrequency * Math.Abs(coupling) * Math.Sqrt(cells));
}
