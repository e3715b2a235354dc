using System.Diagnostics;
using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// The quantum Rabi model: one two-level cell in its own cavity, H = wc a^dag a + (wa/2) sigma_z +
/// wc lambda sigma_x (a + a^dag) (the one-cell Dicke Hamiltonian, 2 wc lambda J_x with J_x = sigma_x/2),
/// built from <see cref="Pauli"/> matrices; dims [cutoff, 2], the photon mode first. Charged from
/// |photons&gt; (x) |down&gt; (|1&gt;, sigma_z = -1), it is the parallel reference of the Dicke battery (R12:
/// N independent copies, one photon each). Battery energy wa (sigma_z + 1)/2.
/// </summary>
public sealed class Rabi
{
    /// <summary>A Rabi cell with <paramref name="cutoff"/> photon levels (more than <paramref name="photons"/>).</summary>
    public Rabi(int cutoff, double coupling, double cellFrequency = 1, double cavityFrequency = 1, int photons = 1)
        : this(Validate(cutoff, coupling, cellFrequency, cavityFrequency, photons), coupling, cellFrequency, cavityFrequency, photons, trusted: true)
    {
    }

    private Rabi(int cutoff, double coupling, double cellFrequency, double cavityFrequency, int photons, bool trusted)
    {
        Debug.Assert(trusted);
        Cutoff = cutoff;
        Coupling = coupling;
        CellFrequency = cellFrequency;
        CavityFrequency = cavityFrequency;
        Photons = photons;
    }

    /// <summary>A Rabi cell whose parameters the caller (the Dicke battery's reference) has validated already.</summary>
    internal static Rabi Trusted(int cutoff, double coupling, double cellFrequency, double cavityFrequency) => new(cutoff, coupling, cellFrequency, cavityFrequency, 1, trusted: true);

    private static int Validate(int cutoff, double coupling, double cellFrequency, double cavityFrequency, int photons)
    {
        Guard.AtLeast(photons, 0, "Rabi", "photons");
        if (cutoff <= photons)
            throw new ValidationException("Rabi", "cutoff", $"more photon levels than the initial photon number {photons} (at least {photons + 1})", $"{cutoff}");
        Guard.Finite(coupling, "Rabi", "coupling");
        Guard.Finite(cellFrequency, "Rabi", "cellFrequency");
        Guard.Finite(cavityFrequency, "Rabi", "cavityFrequency");
        return cutoff;
    }

    /// <summary>Photon levels |0&gt;..|cutoff-1&gt;.</summary>
    public int Cutoff { get; }

    /// <summary>lambda.</summary>
    public double Coupling { get; }

    /// <summary>wa.</summary>
    public double CellFrequency { get; }

    /// <summary>wc.</summary>
    public double CavityFrequency { get; }

    /// <summary>Photons in the initial state.</summary>
    public int Photons { get; }

    /// <summary>Dims [cutoff, 2].</summary>
    public Dims Dims => new(Cutoff, 2);

    /// <summary>H = wc a^dag a + (wa/2) sigma_z + wc lambda sigma_x (a + a^dag).</summary>
    public Operator Hamiltonian()
    {
        var a = Boson.Destroy(Cutoff);
        var n = Operator.Tensor(Boson.Number(Cutoff), Pauli.I);
        return CavityFrequency * n + 0.5 * CellFrequency * Operator.Tensor(Operator.Identity(new Dims(Cutoff)), Pauli.Z)
            + CavityFrequency * Coupling * Operator.Tensor(a + a.Adjoint(), Pauli.X);
    }

    /// <summary>The cell's energy wa (sigma_z + 1)/2.</summary>
    public Operator BatteryEnergy() => 0.5 * CellFrequency * Operator.Tensor(Operator.Identity(new Dims(Cutoff)), Pauli.I + Pauli.Z);

    /// <summary>The projector on the highest Fock level.</summary>
    public Operator TopFockProjector() => Operator.Tensor(Qudit.Projector(Cutoff, Cutoff - 1, Cutoff - 1), Pauli.I);

    /// <summary>|photons&gt; (x) |1&gt; (the cell down).</summary>
    public Ket InitialState() => Ket.Basis(Dims, Photons, 1);
}
