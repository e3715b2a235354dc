using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>How the couplings g_ij of a <see cref="SpinChain"/> depend on the distance |i - j| (R13).</summary>
public enum ChainCoupling
{
    /// <summary>g_ij = g for |i - j| = 1, else 0.</summary>
    NearestNeighbour,

    /// <summary>g_ij = g / |i - j|^p (p = 1 in Rev).</summary>
    PowerLaw,

    /// <summary>g_ij = g for every pair.</summary>
    Uniform,
}

/// <summary>
/// The spin-chain battery of R13 (Rev eqs 27-28): H0 = B sum_i sigma_z^i + Hg with
/// Hg = -sum_{i&lt;j} g_ij [sigma_z^i sigma_z^j + alpha (sigma_x^i sigma_x^j + sigma_y^i sigma_y^j)]
/// (alpha = 0 Ising, 0 &lt; alpha &lt; 1 XXZ, alpha = 1 XXX, alpha = -1 fully anisotropic), charged by
/// switching the field off and driving, H = Hg + omega sum_i sigma_x^i. Distances |i - j| on an open
/// chain, min(|i - j|, n - |i - j|) on a periodic one. Built with <see cref="PauliSum"/> straight into CSR.
/// </summary>
public sealed class SpinChain
{
    /// <summary>An n-site chain (B the field, g the coupling, alpha the anisotropy, omega the charging field).</summary>
    public SpinChain(int sites, double field = 1, double coupling = 0.1, double anisotropy = -1, double drive = 1,
        ChainCoupling couplings = ChainCoupling.NearestNeighbour, double exponent = 1, bool periodic = false)
    {
        if (sites < 2 || sites > 30)
            throw new ValidationException("SpinChain", "sites", "an integer in 2..30", $"{sites}");
        Guard.Finite(field, "SpinChain", "field");
        Guard.Finite(coupling, "SpinChain", "coupling");
        Guard.Finite(anisotropy, "SpinChain", "anisotropy");
        Guard.Finite(drive, "SpinChain", "drive");
        Guard.Finite(exponent, "SpinChain", "exponent");
        if (!Enum.IsDefined(couplings))
            throw new ValidationException("SpinChain", "couplings", "NearestNeighbour, PowerLaw or Uniform", couplings.ToString());
        Sites = sites;
        Field = field;
        Coupling = coupling;
        Anisotropy = anisotropy;
        Drive = drive;
        Couplings = couplings;
        Exponent = exponent;
        Periodic = periodic;
    }

    /// <summary>n.</summary>
    public int Sites { get; }

    /// <summary>B.</summary>
    public double Field { get; }

    /// <summary>g.</summary>
    public double Coupling { get; }

    /// <summary>alpha.</summary>
    public double Anisotropy { get; }

    /// <summary>omega.</summary>
    public double Drive { get; }

    /// <summary>The coupling law.</summary>
    public ChainCoupling Couplings { get; }

    /// <summary>p of <see cref="ChainCoupling.PowerLaw"/>.</summary>
    public double Exponent { get; }

    /// <summary>Periodic boundary conditions.</summary>
    public bool Periodic { get; }

    /// <summary>Distance between sites i and j (open or periodic).</summary>
    public int Distance(int i, int j)
    {
        var d = Math.Abs(i - j);
        return Periodic ? Math.Min(d, Sites - d) : d;
    }

    /// <summary>The non-zero couplings (i &lt; j, g_ij).</summary>
    public IReadOnlyList<(int I, int J, double G)> PairCouplings()
    {
        var pairs = new List<(int, int, double)>();
        for (var i = 0; i < Sites; i++)
        {
            for (var j = i + 1; j < Sites; j++)
            {
                var d = Distance(i, j);
                var g = Couplings switch
                {
                    ChainCoupling.NearestNeighbour => d == 1 ? Coupling : 0,
                    ChainCoupling.PowerLaw => Coupling / Math.Pow(d, Exponent),
                    _ => Coupling,
                };
                if (g != 0) pairs.Add((i, j, g));
            }
        }
        return pairs;
    }

    private PauliSum InteractionSum()
    {
        var s = new PauliSum(Sites);
        foreach (var (i, j, g) in PairCouplings())
        {
            s.Add(-g, i, 'Z', j, 'Z');
            if (Anisotropy != 0)
                s.Add(-g * Anisotropy, i, 'X', j, 'X').Add(-g * Anisotropy, i, 'Y', j, 'Y');
        }
        return s;
    }

    /// <summary>Hg (threads = 0: all processors).</summary>
    public Operator Interaction(int threads = 0) => InteractionSum().ToOperator(threads);

    /// <summary>The battery Hamiltonian H0 = B sum sigma_z + Hg (the work reference).</summary>
    public Operator BatteryHamiltonian(int threads = 0)
    {
        var s = InteractionSum();
        for (var i = 0; i < Sites; i++) s.Add(Field, i, 'Z');
        return s.ToOperator(threads);
    }

    /// <summary>The charging Hamiltonian H = Hg + omega sum sigma_x.</summary>
    public Operator ChargingHamiltonian(int threads = 0)
    {
        var s = InteractionSum();
        for (var i = 0; i < Sites; i++) s.Add(Drive, i, 'X');
        return s.ToOperator(threads);
    }

    /// <summary>Every spin down (sigma_z = -1 on every site): the ground state of H0 for B &gt; 0 and weak coupling.</summary>
    public Ket AllDown() => Ket.Basis(Dims.Uniform(2, Sites), [.. Enumerable.Repeat(1, Sites)]);
}
