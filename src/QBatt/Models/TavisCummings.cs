using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// The Tavis-Cummings battery (R19): the Dicke cavity of R12 with the rotating-wave coupling, N two-level cells in one
/// cavity mode, H = wc a^dag a + wa J_z + wc lambda (a J_+ + a^dag J_-) (the counter-rotating terms a J_- + a^dag J_+ of
/// 2 wc lambda J_x (a + a^dag) dropped). It conserves the excitation number a^dag a + J_z + N/2, so from
/// |n photons&gt; (x) |all cells down&gt; the photon number never exceeds n and the n + 1 Fock levels kept are exact (no
/// cutoff error). Dims [n + 1, N + 1]: the photon mode, then the symmetric spin j = N/2 (<see cref="Spin"/>, basis
/// m = j..-j). Battery energy E_B = wa (J_z + N/2). In the one-excitation sector (n = 1) it is the vacuum Rabi problem:
/// E_B(t) = wa (4 g^2 N / Omega^2) sin^2(Omega t / 2), g = wc lambda, Omega = sqrt((wa - wc)^2 + 4 g^2 N).
/// </summary>
public sealed class TavisCummings
{
    /// <summary>N cells, <paramref name="photons"/> initial photons, coupling lambda and the frequencies.</summary>
    public TavisCummings(int cells, int photons, double coupling, double cellFrequency = 1, double cavityFrequency = 1)
    {
        Validate(cells, photons, coupling, cellFrequency, cavityFrequency, "TavisCummings");
        Cells = cells;
        Photons = photons;
        Coupling = coupling;
        CellFrequency = cellFrequency;
        CavityFrequency = cavityFrequency;
    }

    /// <summary>Checks the parameters (shared with the battery, so each is validated once with the same messages).</summary>
    internal static void Validate(int cells, int photons, double coupling, double cellFrequency, double cavityFrequency, string operation)
    {
        Guard.AtLeast(cells, 1, operation, "cells");
        Guard.AtLeast(photons, 1, operation, "photons");
        Guard.Finite(coupling, operation, "coupling");
        if (coupling == 0) throw new ValidationException(operation, "coupling", "a non-zero coupling lambda (nothing charges at lambda = 0)", "0");
        Guard.Finite(cellFrequency, operation, "wa");
        Guard.Positive(cellFrequency, operation, "wa");
        Guard.Finite(cavityFrequency, operation, "wc");
        Guard.Positive(cavityFrequency, operation, "wc");
        if ((photons + 1L) * (cells + 1L) > int.MaxValue)
            throw new ResourceException(operation, "cells", "a dimension (photons + 1)(N + 1) below 2^31", $"{photons + 1L} x {cells + 1L}");
    }

    /// <summary>N.</summary>
    public int Cells { get; }

    /// <summary>n, the photons of the initial state (Fock levels 0..n are kept).</summary>
    public int Photons { get; }

    /// <summary>lambda.</summary>
    public double Coupling { get; }

    /// <summary>wa.</summary>
    public double CellFrequency { get; }

    /// <summary>wc.</summary>
    public double CavityFrequency { get; }

    /// <summary>Spin j = N/2.</summary>
    public double J => Cells / 2.0;

    /// <summary>Dims [n + 1, N + 1].</summary>
    public Dims Dims => new(Photons + 1, Cells + 1);

    private Operator CellsOp(Operator s) => Operator.Tensor(Operator.Identity(new Dims(Photons + 1)), s);

    /// <summary>J_z on the whole space.</summary>
    public Operator Jz() => CellsOp(Spin.Jz(J));

    /// <summary>a^dag a on the whole space.</summary>
    public Operator PhotonNumber() => Operator.Tensor(Boson.Number(Photons + 1), Operator.Identity(new Dims(Cells + 1)));

    /// <summary>H = wc a^dag a + wa J_z + wc lambda (a J_+ + a^dag J_-) (sparse).</summary>
    public Operator Hamiltonian()
    {
        var a = Boson.Destroy(Photons + 1);
        var exchange = Operator.Tensor(a, Spin.Jplus(J));
        return CavityFrequency * PhotonNumber() + CellFrequency * Jz() + CavityFrequency * Coupling * (exchange + exchange.Adjoint());
    }

    /// <summary>E_B = wa (J_z + N/2).</summary>
    public Operator BatteryEnergy() => CellFrequency * (Jz() + J * Operator.Identity(Dims));

    /// <summary>|n photons&gt; (x) |j, -j&gt;.</summary>
    public Ket InitialState() => Ket.Basis(Dims, Photons, Cells);

    /// <summary>
    /// The default window: 3 / (wc |lambda| sqrt(max(N, n))). It holds the first maximum of the stored energy: pi / (2 lambda
    /// sqrt(N)) for one photon (a full exchange), pi / (2 lambda sqrt(n)) for n much larger than N, and, for n = N, a time
    /// that falls only like about N^-0.42 (measured with the dynamics for N = 1..16), which 3 / sqrt(N n) missed from N = 4.
    /// </summary>
    public static double DefaultTimeWindow(int cells, int photons, double coupling, double cavityFrequency) =>
        3 / (cavityFrequency * Math.Abs(coupling) * Math.Sqrt(Math.Max((double)cells, photons)));
}
