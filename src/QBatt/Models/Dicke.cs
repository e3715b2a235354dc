using System.Diagnostics;
using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>The state space of a <see cref="Dicke"/> battery.</summary>
public enum DickeSpace
{
    /// <summary>The symmetric (Dicke) subspace of spin j = N/2: dims [cutoff, N+1], basis m = j..-j.</summary>
    Symmetric,

    /// <summary>Every cell separately: dims [cutoff, 2, ..., 2] (2^N x cutoff; a cross-check for small N).</summary>
    Full,
}

/// <summary>
/// The Dicke (cavity) quantum battery of R12 (Rev eqs 23-26): N two-level cells coupled to one cavity
/// mode, H = wc a^dag a + wa J_z + 2 wc lambda J_x (a + a^dag), J_i = (1/2) sum_l sigma_i^(l), with the
/// photon space truncated to <see cref="Cutoff"/> Fock levels (<see cref="Boson"/>; the photon mode is
/// subsystem 0). In the <see cref="DickeSpace.Symmetric"/> space the cells are the spin j = N/2
/// (<see cref="Spin"/>, basis m = j..-j); in the <see cref="DickeSpace.Full"/> space each cell is a qubit
/// (<see cref="Pauli"/>, |1&gt; = sigma_z = -1 = down). Battery energy E_B = wa (J_z + N/2); initial state
/// |N photons&gt; (x) |all cells down&gt;. The default cutoff and time window are chosen from N and lambda
/// (<see cref="DefaultCutoff"/>, <see cref="DefaultTimeWindow"/>).
/// </summary>
public sealed class Dicke
{
    /// <summary>Largest N in the full 2^N x cutoff space.</summary>
    public const int MaxFullSpaceCells = 12;

    /// <summary>A Dicke battery of <paramref name="cells"/> cells with <paramref name="cutoff"/> photon levels (cutoff &gt; N).</summary>
    public Dicke(int cells, int cutoff, double coupling, double cellFrequency = 1, double cavityFrequency = 1, DickeSpace space = DickeSpace.Symmetric)
        : this(Validate(cells, cutoff, coupling, cellFrequency, cavityFrequency, space), cutoff, coupling, cellFrequency, cavityFrequency, space, trusted: true)
    {
    }

    private Dicke(int cells, int cutoff, double coupling, double cellFrequency, double cavityFrequency, DickeSpace space, bool trusted)
    {
        Debug.Assert(trusted);
        Cells = cells;
        Cutoff = cutoff;
        Coupling = coupling;
        CellFrequency = cellFrequency;
        CavityFrequency = cavityFrequency;
        Space = space;
    }

    /// <summary>A model whose parameters the caller (a battery) has validated already (R12: each parameter is validated once).</summary>
    internal static Dicke Trusted(int cells, int cutoff, double coupling, double cellFrequency, double cavityFrequency, DickeSpace space) =>
        new(cells, cutoff, coupling, cellFrequency, cavityFrequency, space, trusted: true);

    /// <summary>Checks the parameters of the public constructor; returns <paramref name="cells"/>.</summary>
    private static int Validate(int cells, int cutoff, double coupling, double cellFrequency, double cavityFrequency, DickeSpace space)
    {
        Guard.AtLeast(cells, 1, "Dicke", "cells");
        if (cutoff <= cells)
            throw new ValidationException("Dicke", "cutoff", $"more photon levels than the initial photon number N = {cells} (at least {cells + 1})", $"{cutoff}");
        Guard.Finite(coupling, "Dicke", "coupling");
        Guard.Finite(cellFrequency, "Dicke", "cellFrequency");
        Guard.Finite(cavityFrequency, "Dicke", "cavityFrequency");
        if (!Enum.IsDefined(space))
            throw new ValidationException("Dicke", "space", "Symmetric or Full", space.ToString());
        if (space == DickeSpace.Full && cells > MaxFullSpaceCells)
            throw new ValidationException("Dicke", "cells", $"at most {MaxFullSpaceCells} cells in the full 2^N x cutoff space (use the symmetric subspace)", $"{cells}");
        if (TotalDimension(cells, cutoff, space) > int.MaxValue)
            throw new ResourceException("Dicke", "cutoff", "a total dimension below 2^31", $"{cutoff} x {(space == DickeSpace.Full ? 1L << cells : cells + 1)}");
        return cells;
    }

    /// <summary>The dimension cutoff x (N + 1) (symmetric) or cutoff x 2^N (full), as a long (no overflow for any N).</summary>
    public static long TotalDimension(int cells, int cutoff, DickeSpace space) => (long)cutoff * (space == DickeSpace.Full ? 1L << Math.Min(cells, 62) : cells + 1L);

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

    /// <summary>The state space of the cells.</summary>
    public DickeSpace Space { get; }

    /// <summary>Spin j = N/2 of the symmetric subspace.</summary>
    public double J => Cells / 2.0;

    /// <summary>Dims [cutoff, N+1] (symmetric) or [cutoff, 2, ..., 2] (full).</summary>
    public Dims Dims => Space == DickeSpace.Symmetric ? new Dims(Cutoff, Cells + 1) : new Dims([Cutoff, .. Enumerable.Repeat(2, Cells)]);

    private Dims CellDims => Space == DickeSpace.Symmetric ? new Dims(Cells + 1) : Dims.Uniform(2, Cells);

    private Operator Photon(Operator a) => Operator.Tensor(a, Operator.Identity(CellDims));

    private Operator CellsOp(Operator s) => Operator.Tensor(Operator.Identity(new Dims(Cutoff)), s);

    private Operator Collective(char axis) => Space == DickeSpace.Symmetric
        ? axis == 'z' ? Spin.Jz(J) : Spin.Jx(J)
        : 0.5 * Operators.SumOverCells(axis == 'z' ? Pauli.Z : Pauli.X, Cells);

    /// <summary>J_z on the whole space.</summary>
    public Operator Jz() => CellsOp(Collective('z'));

    /// <summary>J_x on the whole space.</summary>
    public Operator Jx() => CellsOp(Collective('x'));

    /// <summary>a^dag a on the whole space.</summary>
    public Operator PhotonNumber() => Photon(Boson.Number(Cutoff));

    /// <summary>H = wc a^dag a + wa J_z + 2 wc lambda J_x (a + a^dag) (sparse; Rev eq 23).</summary>
    public Operator Hamiltonian()
    {
        var a = Boson.Destroy(Cutoff);
        var x = Operator.Tensor(a + a.Adjoint(), Collective('x'));
        return CavityFrequency * PhotonNumber() + CellFrequency * Jz() + 2 * CavityFrequency * Coupling * x;
    }

    /// <summary>The battery energy operator E_B = wa (J_z + N/2) (R12).</summary>
    public Operator BatteryEnergy() => CellFrequency * (Jz() + J * Operator.Identity(Dims));

    /// <summary>The projector on the highest Fock level (its population checks the cutoff, R12).</summary>
    public Operator TopFockProjector() => Photon(Qudit.Projector(Cutoff, Cutoff - 1, Cutoff - 1));

    /// <summary>|N photons&gt; (x) |every cell down&gt; (Rev eq 25): |j, -j&gt; or |1...1&gt;.</summary>
    public Ket InitialState() => Space == DickeSpace.Symmetric
        ? Ket.Basis(Dims, Cells, Cells)
        : Ket.Basis(Dims, [Cells, .. Enumerable.Repeat(1, Cells)]);

    /// <summary>
    /// The default time window t_max: the first maximum of E_B comes at about 0.95/(wc lambda sqrt N) once
    /// the collective coupling x = lambda sqrt N exceeds about 0.55 (ultrastrong), and at 1.5 to 2.1 / (wc x)
    /// below it (closer to the Tavis-Cummings regime; N = 1 is the Rabi model at about pi/(2 wc lambda) for
    /// small lambda). The window is 1.5/(wc x) above x = 0.55 and 3/(wc x) below, so that both the maximal
    /// average power and the first energy maximum fall inside it (measured for lambda in [0.02, 2],
    /// N in [1, 200]).
    /// </summary>
    public static double DefaultTimeWindow(int cells, double coupling, double cavityFrequency = 1)
    {
        Guard.AtLeast(cells, 1, "Dicke.DefaultTimeWindow", "cells");
        var x = Math.Abs(coupling) * Math.Sqrt(cells);
        if (!(x > 0) || !double.IsFinite(x))
            throw new ValidationException("Dicke.DefaultTimeWindow", "coupling", "a non-zero finite coupling", QBattException.Num(coupling));
        if (!(cavityFrequency > 0))
            throw new ValidationException("Dicke.DefaultTimeWindow", "cavityFrequency", "a positive frequency", QBattException.Num(cavityFrequency));
        return WindowOf(cells, coupling, cavityFrequency);
    }

    /// <summary><see cref="DefaultTimeWindow"/> for parameters validated by the caller.</summary>
    internal static double WindowOf(int cells, double coupling, double cavityFrequency)
    {
        var x = Math.Abs(coupling) * Math.Sqrt(cells);
        return (x < 0.55 ? 3.0 : 1.5) / (cavityFrequency * x);
    }

    /// <summary>
    /// The default photon cutoff for charging over [0, <paramref name="timeWindow"/>]:
    /// N + 2 + ceil(sqrt(N) f(tau)) with tau = wc lambda sqrt(N) t_max, f = 4 tau below the ultrastrong
    /// regime (x = lambda sqrt N &lt; 0.55, where photons hardly exceed N) and 16 tau^1.3 above it (the photon
    /// distribution spreads with time). Calibrated on the default windows so that the population of the
    /// top Fock level stays below 1e-8 (N = 200, lambda = 0.5: 586 levels where 480 suffice); the solvers
    /// report that population, so a cutoff that proves too small is seen.
    /// </summary>
    public static int DefaultCutoff(int cells, double coupling, double timeWindow, double cavityFrequency = 1)
    {
        Guard.AtLeast(cells, 1, "Dicke.DefaultCutoff", "cells");
        Guard.Positive(timeWindow, "Dicke.DefaultCutoff", "timeWindow");
        Guard.Finite(coupling, "Dicke.DefaultCutoff", "coupling");
        Guard.Positive(cavityFrequency, "Dicke.DefaultCutoff", "cavityFrequency");
        return CutoffOf(cells, coupling, timeWindow, cavityFrequency);
    }

    /// <summary><see cref="DefaultCutoff"/> for parameters validated by the caller.</summary>
    internal static int CutoffOf(int cells, double coupling, double timeWindow, double cavityFrequency)
    {
        var sqrtN = Math.Sqrt(cells);
        var x = Math.Abs(coupling) * sqrtN;
        var tau = cavityFrequency * x * timeWindow;
        var f = x < 0.55 ? 4 * tau : 16 * Math.Pow(tau, 1.3);
        var extra = Math.Ceiling(sqrtN * f);
        var cutoff = cells + 2 + extra;
        return cutoff > int.MaxValue / 2.0 ? int.MaxValue / 2 : (int)cutoff;
    }
}
