using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// The Dicke (cavity) quantum battery of R12 (Rev eqs 23-26): N two-level cells coupled to one cavity
/// mode, H = wc a^dag a + wa J_z + 2 wc lambda J_x (a + a^dag), J_i = (1/2) sum_l sigma_i^(l), in the
/// symmetric (Dicke) subspace of spin j = N/2 (<see cref="Spin"/>, basis m = j..-j) and a photon space
/// truncated to <see cref="Cutoff"/> Fock levels (<see cref="Boson"/>). Dims [cutoff, N+1]: the photon
/// mode is subsystem 0. Battery energy E_B = wa (J_z + N/2); initial state |N photons&gt; (x) |all cells down&gt;.
/// </summary>
public sealed class Dicke
{
    /// <summary>A Dicke battery of <paramref name="cells"/> cells with <paramref name="cutoff"/> photon levels (cutoff &gt; N).</summary>
    public Dicke(int cells, int cutoff, double coupling, double cellFrequency = 1, double cavityFrequency = 1)
    {
        Guard.AtLeast(cells, 1, "Dicke", "cells");
        if (cutoff <= cells)
            throw new ValidationException("Dicke", "cutoff", $"more photon levels than the initial photon number N = {cells} (at least {cells + 1})", $"{cutoff}");
        Guard.Finite(coupling, "Dicke", "coupling");
        Guard.Finite(cellFrequency, "Dicke", "cellFrequency");
        Guard.Finite(cavityFrequency, "Dicke", "cavityFrequency");
        Cells = cells;
        Cutoff = cutoff;
        Coupling = coupling;
        CellFrequency = cellFrequency;
        CavityFrequency = cavityFrequency;
    }

    /// <summary>N, the number of cells.</summary>
    public int Cells { get; }

    /// <summary>Photon levels |0&gt;..|cutoff-1&gt;.</summary>
    public int Cutoff { get; }

    /// <summary>lambda.</summary>
    public double Coupling { get; }

    /// <summary>wa.</summary>
    public double CellFrequency { get; }

    /// <summary>wc.</summary>
    public double CavityFrequency { get; }

    /// <summary>Spin j = N/2 of the symmetric subspace.</summary>
    public double J => Cells / 2.0;

    /// <summary>Dims [cutoff, N+1].</summary>
    public Dims Dims => new(Cutoff, Cells + 1);

    private Operator Photon(Operator a) => Operator.Tensor(a, Operator.Identity(new Dims(Cells + 1)));

    private Operator CellsOp(Operator s) => Operator.Tensor(Operator.Identity(new Dims(Cutoff)), s);

    /// <summary>J_z on the full space.</summary>
    public Operator Jz() => CellsOp(Spin.Jz(J));

    /// <summary>J_x on the full space.</summary>
    public Operator Jx() => CellsOp(Spin.Jx(J));

    /// <summary>a^dag a on the full space.</summary>
    public Operator PhotonNumber() => Photon(Boson.Number(Cutoff));

    /// <summary>H = wc a^dag a + wa J_z + 2 wc lambda J_x (a + a^dag) (sparse).</summary>
    public Operator Hamiltonian()
    {
        var a = Boson.Destroy(Cutoff);
        var x = Operator.Tensor(a + a.Adjoint(), Spin.Jx(J));
        return CavityFrequency * PhotonNumber() + CellFrequency * Jz() + 2 * CavityFrequency * Coupling * x;
    }

    /// <summary>The battery energy operator E_B = wa (J_z + N/2).</summary>
    public Operator BatteryEnergy() => CellFrequency * (Jz() + J * Operator.Identity(Dims));

    /// <summary>The projector on the highest Fock level (its population checks the cutoff, R12).</summary>
    public Operator TopFockProjector() => Photon(Qudit.Projector(Cutoff, Cutoff - 1, Cutoff - 1));

    /// <summary>|N photons&gt; (x) |j, -j&gt; (every cell down).</summary>
    public Ket InitialState() => Ket.Basis(Dims, Cells, Cells);
}
