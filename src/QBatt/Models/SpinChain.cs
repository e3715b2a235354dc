using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>How the couplings g_ij of a <see cref="SpinChain"/> depend on the sites (R13).</summary>
public enum CouplingRange
{
    /// <summary>g_ij = g for |i - j| = 1, else 0.</summary>
    NearestNeighbour,

    /// <summary>g_ij = g / |i - j|^p (p = 1 in Rev).</summary>
    PowerLaw,

    /// <summary>g_ij = g for every pair.</summary>
    Uniform,

    /// <summary>A user-supplied symmetric matrix g_ij.</summary>
    Matrix,
}

/// <summary>
/// The spin-chain battery of R13 (Rev eqs 27-28): H0 = B sum_i sigma_z^i + Hg with
/// Hg = -sum_{i&lt;j} g_ij [sigma_z^i sigma_z^j + alpha (sigma_x^i sigma_x^j + sigma_y^i sigma_y^j)]
/// (alpha = 0 Ising, 0 &lt; alpha &lt; 1 XXZ, alpha = 1 XXX, alpha = -1 fully anisotropic), charged by
/// switching the field off and driving, H = Hg + omega sum_i sigma_x^i. Distances |i - j| on an open
/// chain, min(|i - j|, n - |i - j|) on a periodic one. Three representations of the same operators:
/// CSR through <see cref="PauliSum"/> (n &lt;= 24), matrix-free <see cref="XxzMap"/>s (n &lt;= 28), and, when
/// every pair has the same coupling, the collective spin S = (1/2) sum sigma in one irreducible block
/// j (dimension 2j + 1 &lt;= n + 1), where sum_{i&lt;j} sigma_a^i sigma_a^j = 2 S_a^2 - n/2 gives
/// Hg = -g [2 (1 - alpha) S_z^2 + 2 alpha S^2 - n (1/2 + alpha)].
/// </summary>
public sealed class SpinChain
{
    /// <summary>Largest number of sites (the collective route; the full space stops at <see cref="XxzMap.MaxQubits"/>).</summary>
    public const int MaxSites = 100_000;

    private readonly double[,]? _matrix;

    /// <summary>An n-site chain (B the field, g the coupling, alpha the anisotropy, omega the charging field).</summary>
    public SpinChain(int sites, double field = 1, double coupling = 0.1, double anisotropy = -1, double drive = 1,
        CouplingRange range = CouplingRange.NearestNeighbour, double exponent = 1, bool periodic = false)
    {
        if (sites < 2 || sites > MaxSites)
            throw new ValidationException("SpinChain", "sites", $"an integer in 2..{MaxSites}", $"{sites}");
        if (range == CouplingRange.Matrix || !Enum.IsDefined(range))
            throw new ValidationException("SpinChain", "range", "NearestNeighbour, PowerLaw or Uniform (a matrix goes through the matrix constructor)", range.ToString());
        Guard.Finite(coupling, "SpinChain", "coupling");
        Guard.Finite(exponent, "SpinChain", "exponent");
        Sites = sites;
        Coupling = coupling;
        Range = range;
        Exponent = exponent;
        Periodic = periodic;
        (Field, Anisotropy, Drive) = CheckFields(field, anisotropy, drive);
    }

    /// <summary>A chain with the user-supplied couplings g_ij (square, symmetric, finite, zero diagonal; n = rows).</summary>
    public SpinChain(double[,] matrix, double field = 1, double anisotropy = -1, double drive = 1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n)
            throw new DimensionMismatchException("SpinChain", "matrix", "a square matrix g_ij", $"{n}x{matrix.GetLength(1)}");
        if (n < 2 || n > MaxSites)
            throw new ValidationException("SpinChain", "matrix", $"an n x n matrix with n in 2..{MaxSites}", $"{n}x{n}");
        for (var i = 0; i < n; i++)
        {
            if (matrix[i, i] != 0)
                throw new ValidationException("SpinChain", "matrix", "a zero diagonal (there is no self-coupling g_ii)", $"g[{i},{i}] = {QBattException.Num(matrix[i, i])}");
            for (var j = 0; j < n; j++)
            {
                if (!double.IsFinite(matrix[i, j]))
                    throw new ValidationException("SpinChain", "matrix", "finite matrix", $"g[{i},{j}] = {matrix[i, j]}");
                if (matrix[i, j] != matrix[j, i])
                    throw new ValidationException("SpinChain", "matrix", "a symmetric matrix g_ij = g_ji", $"g[{i},{j}] = {QBattException.Num(matrix[i, j])}, g[{j},{i}] = {QBattException.Num(matrix[j, i])}");
            }
        }
        Sites = n;
        _matrix = (double[,])matrix.Clone();
        Range = CouplingRange.Matrix;
        Coupling = double.NaN;
        Exponent = double.NaN;
        (Field, Anisotropy, Drive) = CheckFields(field, anisotropy, drive);
    }

    private static (double, double, double) CheckFields(double field, double anisotropy, double drive)
    {
        Guard.Finite(field, "SpinChain", "field");
        Guard.Finite(anisotropy, "SpinChain", "anisotropy");
        Guard.Finite(drive, "SpinChain", "drive");
        return (field, anisotropy, drive);
    }

    /// <summary>n.</summary>
    public int Sites { get; }

    /// <summary>B.</summary>
    public double Field { get; }

    /// <summary>g (NaN for a user matrix).</summary>
    public double Coupling { get; }

    /// <summary>alpha.</summary>
    public double Anisotropy { get; }

    /// <summary>omega.</summary>
    public double Drive { get; }

    /// <summary>The coupling law.</summary>
    public CouplingRange Range { get; }

    /// <summary>p of <see cref="CouplingRange.PowerLaw"/> (NaN for a user matrix).</summary>
    public double Exponent { get; }

    /// <summary>Periodic boundary conditions (distances wrap around).</summary>
    public bool Periodic { get; }

    /// <summary>Distance between sites i and j (open or periodic).</summary>
    public int Distance(int i, int j)
    {
        var d = Math.Abs(i - j);
        return Periodic ? Math.Min(d, Sites - d) : d;
    }

    /// <summary>g_ij (0 for i = j).</summary>
    public double CouplingBetween(int i, int j)
    {
        if ((uint)i >= (uint)Sites || (uint)j >= (uint)Sites)
            throw new ValidationException("SpinChain.CouplingBetween", "i", $"sites in 0..{Sites - 1}", $"({i}, {j})");
        if (i == j) return 0;
        if (_matrix is not null) return _matrix[i, j];
        var d = Distance(i, j);
        return Range switch
        {
            CouplingRange.NearestNeighbour => d == 1 ? Coupling : 0,
            CouplingRange.PowerLaw => Coupling / Math.Pow(d, Exponent),
            _ => Coupling,
        };
    }

    /// <summary>The non-zero couplings (i &lt; j, g_ij); refused beyond 10^7 pairs.</summary>
    public IReadOnlyList<(int I, int J, double G)> PairCouplings()
    {
        var dense = Range is CouplingRange.PowerLaw or CouplingRange.Uniform or CouplingRange.Matrix;
        if (dense && (long)Sites * (Sites - 1) / 2 > 10_000_000)
            throw new ResourceException("SpinChain.PairCouplings", "sites", "at most 10^7 coupled pairs", $"n = {Sites} ({(long)Sites * (Sites - 1) / 2:G3} pairs)");
        var pairs = new List<(int, int, double)>();
        if (Range == CouplingRange.NearestNeighbour)
        {
            if (Coupling == 0) return pairs;
            for (var i = 0; i + 1 < Sites; i++) pairs.Add((i, i + 1, Coupling));
            if (Periodic && Sites > 2) pairs.Add((0, Sites - 1, Coupling));
            return pairs;
        }
        for (var i = 0; i < Sites; i++)
        {
            for (var j = i + 1; j < Sites; j++)
            {
                var g = CouplingBetween(i, j);
                if (g != 0) pairs.Add((i, j, g));
            }
        }
        return pairs;
    }

    /// <summary>sum_{i&lt;j} g_ij (the weak-coupling condition of R13 is sum g_ij &lt;&lt; n omega).</summary>
    public double CouplingSum() => UniformCoupling is { } g ? g * Sites * (Sites - 1.0) / 2 : PairCouplings().Sum(p => p.G);

    /// <summary>The common coupling when every pair i &lt; j has the same g_ij (then the collective-spin route applies), else null.</summary>
    public double? UniformCoupling
    {
        get
        {
            if (Range == CouplingRange.Uniform) return Coupling;
            if (Sites == 2) return CouplingBetween(0, 1);
            if (Range != CouplingRange.Matrix)
            {
                if (Coupling == 0 || (Range == CouplingRange.PowerLaw && Exponent == 0)) return Coupling;
                return Periodic && Sites == 3 ? Coupling : null;
            }
            var g0 = CouplingBetween(0, 1);
            for (var i = 0; i < Sites; i++)
                for (var j = i + 1; j < Sites; j++)
                    if (CouplingBetween(i, j) != g0) return null;
            return g0;
        }
    }

    /// <summary>The same chain with every g_ij = 0: the independent reference of R13.</summary>
    public SpinChain Independent() => new(Sites, Field, 0, Anisotropy, Drive, CouplingRange.Uniform);

    // ---- full space, CSR (PauliSum) ----

    private PauliSum InteractionSum()
    {
        if (Sites > 24)
            throw new ResourceException("SpinChain", "sites", "at most 24 sites for a CSR Hamiltonian (use the matrix-free maps)", $"{Sites}");
        var s = new PauliSum(Sites);
        foreach (var (i, j, g) in PairCouplings())
        {
            s.Add(-g, i, 'Z', j, 'Z');
            if (Anisotropy != 0)
                s.Add(-g * Anisotropy, i, 'X', j, 'X').Add(-g * Anisotropy, i, 'Y', j, 'Y');
        }
        return s;
    }

    /// <summary>Hg as a CSR operator (n &lt;= 24; threads = 0: all processors).</summary>
    public Operator Interaction(int threads = 0) => InteractionSum().ToOperator(threads);

    /// <summary>The battery Hamiltonian H0 = B sum sigma_z + Hg (the work reference) as a CSR operator.</summary>
    public Operator BatteryHamiltonian(int threads = 0)
    {
        var s = InteractionSum();
        for (var i = 0; i < Sites; i++) s.Add(Field, i, 'Z');
        return s.ToOperator(threads);
    }

    /// <summary>The charging Hamiltonian H = Hg + omega sum sigma_x as a CSR operator.</summary>
    public Operator ChargingHamiltonian(int threads = 0)
    {
        var s = InteractionSum();
        for (var i = 0; i < Sites; i++) s.Add(Drive, i, 'X');
        return s.ToOperator(threads);
    }

    // ---- full space, matrix-free ----

    private XxzCoupling[] XxzCouplings() => [.. PairCouplings().Select(p => new XxzCoupling(p.I, p.J, -p.G, -p.G * Anisotropy))];

    private void RequireFullSpace(string op)
    {
        if (Sites > XxzMap.MaxQubits)
            throw new ResourceException(op, "sites", $"at most {XxzMap.MaxQubits} sites in the full 2^n space", $"{Sites}");
    }

    /// <summary>H0 = B sum sigma_z + Hg as a matrix-free map (n &lt;= 28).</summary>
    public XxzMap BatteryMap(int threads = 0)
    {
        RequireFullSpace("SpinChain.BatteryMap");
        return new XxzMap(Sites, [.. Enumerable.Repeat(Field, Sites)], null, XxzCouplings(), threads);
    }

    /// <summary>H = Hg + omega sum sigma_x as a matrix-free map (n &lt;= 28).</summary>
    public XxzMap ChargingMap(int threads = 0)
    {
        RequireFullSpace("SpinChain.ChargingMap");
        return new XxzMap(Sites, null, [.. Enumerable.Repeat(Drive, Sites)], XxzCouplings(), threads);
    }

    /// <summary>
    /// The instantaneous-power operator i[H, H0] as a matrix-free map. Hg conserves sum sigma_z, so
    /// [H, H0] = omega [sum sigma_x, H0] and the map needs only the drive and H0.
    /// </summary>
    public ILinearMap PowerMap(int threads = 0)
    {
        RequireFullSpace("SpinChain.PowerMap");
        var drive = new XxzMap(Sites, null, [.. Enumerable.Repeat(Drive, Sites)], [], threads);
        return new CommutatorMap(drive, BatteryMap(threads), Complex.ImaginaryOne);
    }

    // ---- the symmetric sector (reflection; and translation on a ring) ----

    /// <summary>
    /// The symmetric sector of this chain (<see cref="ChainSector"/>): reflection-even on an open chain, momentum zero and
    /// reflection-even on a ring (n &lt;= 31; the table of 2^n entries is allocated and filled here, on
    /// <paramref name="threads"/> threads, 0: all processors). The couplings must be invariant under the chain's symmetry:
    /// <see cref="RequireSymmetric"/>.
    /// </summary>
    public ChainSector SymmetricSector(int threads = 0)
    {
        RequireSymmetric("SpinChain.SymmetricSector");
        return new ChainSector(Sites, Periodic, threads);
    }

    /// <summary>Refuses couplings that the reflection (and on a ring the translation) does not leave invariant, and n &gt; 31.</summary>
    public void RequireSymmetric(string operation = "SpinChain.RequireSymmetric")
    {
        if (Sites > ChainSector.MaxQubits)
            throw new ResourceException(operation, "sites", $"at most {ChainSector.MaxQubits} sites in the symmetric sector (a table of 2^n entries)", $"{Sites}");
        SectorXxzMap.RequireSymmetric(Sites, Periodic, null, null, XxzCouplings(), operation);
    }

    /// <summary>True when n &lt;= 31 and the couplings are invariant under the chain's symmetry (<see cref="RequireSymmetric"/> would not refuse).</summary>
    public bool IsSymmetric
    {
        get
        {
            try
            {
                RequireSymmetric();
                return true;
            }
            catch (QBattException)
            {
                return false;
            }
        }
    }

    /// <summary>H0 = B sum sigma_z + Hg on <paramref name="sector"/> (a sector of this chain's size and boundary).</summary>
    public SectorXxzMap SectorBatteryMap(ChainSector sector, int threads = 0) =>
        new(CheckSector(sector), [.. Enumerable.Repeat(Field, Sites)], null, XxzCouplings(), threads);

    /// <summary>H = Hg + omega sum sigma_x on <paramref name="sector"/>.</summary>
    public SectorXxzMap SectorChargingMap(ChainSector sector, int threads = 0) =>
        new(CheckSector(sector), null, [.. Enumerable.Repeat(Drive, Sites)], XxzCouplings(), threads);

    /// <summary>i[H, H0] = i omega [sum sigma_x, H0] on <paramref name="sector"/> (see <see cref="PowerMap"/>).</summary>
    public ILinearMap SectorPowerMap(ChainSector sector, int threads = 0)
    {
        var drive = new SectorXxzMap(CheckSector(sector), null, [.. Enumerable.Repeat(Drive, Sites)], [], threads);
        return new CommutatorMap(drive, SectorBatteryMap(sector, threads), Complex.ImaginaryOne);
    }

    private ChainSector CheckSector(ChainSector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        if (sector.Qubits != Sites || sector.Periodic != Periodic)
            throw new ValidationException("SpinChain", "sector", $"the symmetric sector of {Sites} {(Periodic ? "periodic" : "open")} sites",
                $"a sector of {sector.Qubits} {(sector.Periodic ? "periodic" : "open")} sites");
        return sector;
    }

    /// <summary>
    /// True when the ground state of H0 is known to be fully polarised and unique: B != 0, every g_ij &gt;= 0 (ferromagnetic
    /// in Hg = -sum g_ij [...]) and |alpha| &lt;= 1. Each bond operator sz sz + alpha (sx sx + sy sy) then has its largest
    /// eigenvalue 1 on the aligned pairs, so the aligned state minimises Hg, and B sum sigma_z selects all down (B &gt; 0) or
    /// all up (B &lt; 0) alone, with energy -|B| n - sum g_ij.
    /// </summary>
    public bool HasPolarisedGroundState =>
        Field != 0 && Math.Abs(Anisotropy) <= 1 && (UniformCoupling is { } g ? g >= 0 : PairCouplings().All(p => p.G >= 0));

    /// <summary>The energy -|B| n - sum g_ij of the polarised ground state (see <see cref="HasPolarisedGroundState"/>).</summary>
    public double PolarisedGroundEnergy => -Math.Abs(Field) * Sites - CouplingSum();

    /// <summary>Every spin down (sigma_z = -1 on every site, |1...1&gt;): the ground state of H0 for B &gt; 0 and ferromagnetic couplings with |alpha| &lt;= 1.</summary>
    public Ket AllDown() => Ket.Basis(Dims.Uniform(2, Sites), [.. Enumerable.Repeat(1, Sites)]);

    /// <summary>
    /// The ground state of H0 in the full 2^n space (n &lt;= 28), computed through the magnetisation
    /// sectors (see <see cref="SpinChainGroundState"/>); a degenerate ground level is refused.
    /// </summary>
    public SpinChainGroundState GroundState(int threads = 0)
    {
        RequireFullSpace("SpinChain.GroundState");
        return SpinChainGroundState.Compute(this, threads);
    }

    // ---- collective spin (uniform couplings) ----

    private double RequireUniform(string op) =>
        UniformCoupling ?? throw new ValidationException(op, "couplings", "equal couplings for every pair (the collective-spin route)", $"{Range}{(Periodic ? ", periodic" : "")} with n = {Sites}");

    private void CheckJ(double j, string op)
    {
        var twoJ = 2 * j;
        if (!(twoJ >= 0) || twoJ > Sites || Math.Abs(twoJ - Math.Round(twoJ)) > 1e-12 || ((int)Math.Round(twoJ) - Sites) % 2 != 0)
            throw new ValidationException(op, "j", $"a total spin n/2, n/2 - 1, ..., {(Sites % 2 == 0 ? "0" : "1/2")} of {Sites} spins", QBattException.Num(j));
    }

    private Operator CollectiveInteraction(double j, string op)
    {
        var g = RequireUniform(op);
        CheckJ(j, op);
        var jz = Spin.Jz(j);
        var constant = 2 * Anisotropy * j * (j + 1) - Sites * (0.5 + Anisotropy);
        return -g * (2 * (1 - Anisotropy) * (jz * jz) + constant * Operator.Identity(jz.Dims));
    }

    /// <summary>H0 = 2 B S_z + Hg on the spin-j block (basis m = j..-j; uniform couplings).</summary>
    public Operator CollectiveBatteryHamiltonian(double j)
    {
        const string op = "SpinChain.CollectiveBatteryHamiltonian";
        return 2 * Field * Spin.Jz(j) + CollectiveInteraction(j, op);
    }

    /// <summary>H = Hg + 2 omega S_x on the spin-j block (uniform couplings).</summary>
    public Operator CollectiveChargingHamiltonian(double j)
    {
        const string op = "SpinChain.CollectiveChargingHamiltonian";
        return CollectiveInteraction(j, op) + 2 * Drive * Spin.Jx(j);
    }

    /// <summary>
    /// H0's eigenvalue on |j, m&gt;: 2 B m - g [2 (1 - alpha) m^2 + 2 alpha j (j + 1) - n (1/2 + alpha)]
    /// (uniform couplings; H0 is diagonal in the collective basis).
    /// </summary>
    public double CollectiveEnergy(double j, double m)
    {
        var g = RequireUniform("SpinChain.CollectiveEnergy");
        return 2 * Field * m - g * (2 * (1 - Anisotropy) * m * m + 2 * Anisotropy * j * (j + 1) - Sites * (0.5 + Anisotropy));
    }

    /// <summary>
    /// The ground level (j, m) of H0 over every block j = n/2, n/2 - 1, ... and every m (uniform couplings).
    /// Blocks with j &lt; n/2 occur several times in the 2^n space, and every copy gives the same charging
    /// curve (H and H0 act on each copy alike). Two different (j, m) at the same energy (within 1e-12 of
    /// the energy scale) make the ground level ambiguous and are refused.
    /// </summary>
    public (double J, double M, double Energy, double Gap) CollectiveGroundState()
    {
        const string op = "SpinChain.CollectiveGroundState";
        var g = RequireUniform(op);
        var best = (J: double.NaN, M: double.NaN, E: double.PositiveInfinity);
        var second = double.PositiveInfinity;
        var scale = Math.Abs(Field) * Sites + Math.Abs(g) * (1 + 2 * Math.Abs(Anisotropy)) * Sites * (double)Sites;
        for (var twoJ = Sites; twoJ >= 0; twoJ -= 2)
        {
            var j = twoJ / 2.0;
            // E(m) is quadratic in m: the minimum over m in [-j, j] is at an end or next to the vertex
            var candidates = new SortedSet<double> { -j, j };
            var a = -2 * g * (1 - Anisotropy);
            if (a > 0)
            {
                var vertex = -2 * Field / (2 * a);
                var k = Math.Clamp(Math.Floor(j - vertex), 0, twoJ);
                candidates.Add(j - k);
                candidates.Add(j - Math.Min(k + 1, twoJ));
                candidates.Add(j - Math.Max(k - 1, 0));
            }
            foreach (var m in candidates)
            {
                var e = CollectiveEnergy(j, m);
                if (e < best.E)
                {
                    second = Math.Min(second, best.E);
                    best = (j, m, e);
                }
                else if (e < second)
                {
                    second = e;
                }
            }
            // the second-lowest m of this block, for the gap
            foreach (var m in new[] { -j + 1, j - 1 })
            {
                if (twoJ >= 1 && Math.Abs(m) <= j && !(j == best.J && m == best.M)) second = Math.Min(second, CollectiveEnergy(j, m));
            }
        }
        var gap = second - best.E;
        if (!(gap > 1e-12 * Math.Max(1, scale)))
            throw new ValidationException(op, "field", "a unique ground level of H0 (the initial state of R13)", $"degenerate ground level E = {QBattException.Num(best.E)} (gap {QBattException.Num(gap)}); a non-zero field B lifts the degeneracy of the fully polarised states");
        return (best.J, best.M, best.E, gap);
    }

    /// <summary>|j, m&gt; in the spin-j block (basis m = j..-j).</summary>
    public Ket CollectiveState(double j, double m)
    {
        CheckJ(j, "SpinChain.CollectiveState");
        var k = j - m;
        if (Math.Abs(k - Math.Round(k)) > 1e-12 || k < -1e-12 || k > 2 * j + 1e-12)
            throw new ValidationException("SpinChain.CollectiveState", "m", $"one of j, j - 1, ..., -j for j = {QBattException.Num(j)}", QBattException.Num(m));
        return Ket.Basis((int)Math.Round(2 * j) + 1, (int)Math.Round(k));
    }
}
