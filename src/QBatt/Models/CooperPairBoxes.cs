using QBatt.Dynamics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>How the islands of a pair of Cooper-pair boxes are coupled (R15).</summary>
public enum CooperCoupling
{
    /// <summary>
    /// SWAP type (a Josephson junction between the islands tunnels a Cooper pair from one to the other):
    /// J (sigma_x sigma_x + sigma_y sigma_y)/2 = J (|01&gt;&lt;10| + |10&gt;&lt;01|); conserves the number of pairs.
    /// </summary>
    Swap,

    /// <summary>J sigma_x sigma_x = J (|00&gt;&lt;11| + |01&gt;&lt;10| + h.c.): creates or swaps pairs two at a time.</summary>
    SigmaXX,
}

/// <summary>Which pairs of boxes are coupled.</summary>
public enum CooperTopology
{
    /// <summary>Nearest neighbours of an open chain: (0,1), (1,2), ..., (N-2, N-1).</summary>
    Chain,

    /// <summary>Every pair i &lt; j.</summary>
    AllToAll,

    /// <summary>Disjoint pairs (0,1), (2,3), ... (N even): R11's k = 2 blocks.</summary>
    Pairs,
}

/// <summary>One two-body term J_xx sigma_x^i sigma_x^j + J_yy sigma_y^i sigma_y^j + J_zz sigma_z^i sigma_z^j between boxes i &lt; j.</summary>
/// <param name="First">Box i.</param>
/// <param name="Second">Box j (different from i).</param>
/// <param name="Xx">J_xx.</param>
/// <param name="Yy">J_yy.</param>
/// <param name="Zz">J_zz (capacitive coupling of the islands).</param>
public readonly record struct PairCoupling(int First, int Second, double Xx, double Yy, double Zz)
{
    /// <summary>The coupling of the given kind and strength J between boxes i and j.</summary>
    public static PairCoupling Of(CooperCoupling kind, int first, int second, double strength) => kind switch
    {
        CooperCoupling.Swap => new(first, second, strength / 2, strength / 2, 0),
        CooperCoupling.SigmaXX => new(first, second, strength, 0, 0),
        _ => throw new ValidationException("PairCoupling.Of", "kind", "Swap or SigmaXX", kind.ToString()),
    };
}

/// <summary>
/// N coupled Cooper-pair boxes (charge qubits) as a battery (R15; Rev 'Coupled Cooper Pair Boxes', after
/// Ferraro et al., Rev ref. 12, and Pashkin et al., Rev ref. 23; the charge-qubit Hamiltonian as in Makhlin,
/// Schoen, Shnirman, [MSS01] in docs/BIBLIOGRAPHY.md). Each box, restricted to the two charge states
/// with no extra Cooper pair (|0&gt;) and one extra pair (|1&gt;) on its island, has the Hamiltonian
/// H_box = -(dE_ch/2) sigma_z - (E_J/2) sigma_x, with the charging-energy splitting dE_ch = 4 E_C (1 - 2 n_g)
/// set by the gate charge n_g and the Josephson energy E_J of the junction to the reservoir.
/// Mapping to QBatt's conventions (|0&gt; is sigma_z = +1 and level 0): the battery Hamiltonian is the charging
/// part, H0 = E sum_l (1 - sigma_z^l)/2 with E = dE_ch &gt; 0 (the empty island is the ground state, E0 = 0, E1 = E;
/// the constant -E N/2 of -(E/2) sum sigma_z is dropped). During charging the gate is moved to the charge-degeneracy
/// point n_g = 1/2, where dE_ch = 0 and only the tunnelling terms act: the local gate pulses sum_l a_l sigma_x^l
/// (a_l = E_J,l / 2 in magnitude; one-body) and the two-body couplings of <see cref="PairCoupling"/> (k = 2). So, as in
/// the PRL and R9-R11, the drive alone generates the evolution and H0 only measures energy; a residual splitting
/// during charging can be added with <see cref="Detuning"/>. All operators are sparse, built with <see cref="PauliSum"/>.
/// </summary>
public static class CooperPairBoxes
{
    /// <summary>Largest number of boxes (dense comparisons and the speed-limit checks need the spectrum of 2^N states).</summary>
    public const int MaxCells = 12;

    /// <summary>H0 = E sum_l (1 - sigma_z^l)/2: the charging energies of N boxes (levels 0 and E per box).</summary>
    public static Operator Battery(int cells, double chargingEnergy = 1)
    {
        const string op = "CooperPairBoxes.Battery";
        CheckCells(cells, op);
        Guard.Positive(chargingEnergy, op, "chargingEnergy");
        return Operators.SumOverCells(Qudit.Hamiltonian([0, chargingEnergy]), cells);
    }

    /// <summary>The one-body gate pulses sum_l a_l sigma_x^l (one amplitude per box).</summary>
    public static Operator GatePulses(IReadOnlyList<double> amplitudes)
    {
        const string op = "CooperPairBoxes.GatePulses";
        ArgumentNullException.ThrowIfNull(amplitudes);
        CheckCells(amplitudes.Count, op, "amplitudes");
        var sum = new PauliSum(amplitudes.Count);
        for (var l = 0; l < amplitudes.Count; l++)
        {
            Guard.Finite(amplitudes[l], op, "amplitudes");
            sum.Add(amplitudes[l], l, 'X');
        }
        return sum.ToOperator();
    }

    /// <summary>The two-body couplings sum over the given pairs of J_xx XX + J_yy YY + J_zz ZZ.</summary>
    public static Operator Couplings(int cells, IEnumerable<PairCoupling> couplings)
    {
        const string op = "CooperPairBoxes.Couplings";
        CheckCells(cells, op);
        ArgumentNullException.ThrowIfNull(couplings);
        var sum = new PauliSum(cells);
        foreach (var c in couplings) AddCoupling(sum, c, op);
        return sum.ToOperator();
    }

    /// <summary>The residual charging splitting during charging, delta sum_l (1 - sigma_z^l)/2 (zero at the degeneracy point).</summary>
    public static Operator Detuning(int cells, double delta)
    {
        const string op = "CooperPairBoxes.Detuning";
        CheckCells(cells, op);
        Guard.Finite(delta, op, "delta");
        return Operators.SumOverCells(Qudit.Hamiltonian([0, delta]), cells);
    }

    /// <summary>The coupled pairs (i, j), i &lt; j, of a topology.</summary>
    public static IReadOnlyList<(int First, int Second)> Pairs(int cells, CooperTopology topology)
    {
        const string op = "CooperPairBoxes.Pairs";
        CheckCells(cells, op);
        var pairs = new List<(int, int)>();
        switch (topology)
        {
            case CooperTopology.Chain:
                for (var i = 0; i + 1 < cells; i++) pairs.Add((i, i + 1));
                break;
            case CooperTopology.AllToAll:
                for (var i = 0; i < cells; i++)
                    for (var j = i + 1; j < cells; j++) pairs.Add((i, j));
                break;
            case CooperTopology.Pairs:
                if (cells % 2 != 0)
                    throw new ValidationException(op, "cells", "an even number of boxes for disjoint pairs", $"{cells}");
                for (var i = 0; i < cells; i += 2) pairs.Add((i, i + 1));
                break;
            default:
                throw new ValidationException(op, "topology", "Chain, AllToAll or Pairs", topology.ToString());
        }
        return pairs;
    }

    /// <summary>
    /// The uniform charging Hamiltonian a sum_l sigma_x^l + sum over the topology's pairs of J x (coupling of the kind),
    /// time-independent (constant gate pulses and couplings during the charge).
    /// </summary>
    public static Operator Drive(int cells, double gate, double coupling, CooperCoupling kind, CooperTopology topology)
    {
        const string op = "CooperPairBoxes.Drive";
        CheckCells(cells, op);
        Guard.Finite(gate, op, "gate");
        Guard.Finite(coupling, op, "coupling");
        var sum = new PauliSum(cells);
        for (var l = 0; l < cells; l++) sum.Add(gate, l, 'X');
        foreach (var (i, j) in Pairs(cells, topology)) AddCoupling(sum, PairCoupling.Of(kind, i, j, coupling), op);
        return sum.ToOperator();
    }

    /// <summary>All boxes empty, |0&gt;^(x)N: the ground state of H0.</summary>
    public static Ket Ground(int cells)
    {
        CheckCells(cells, "CooperPairBoxes.Ground");
        return Ket.Basis(Dims.Uniform(2, cells), new int[cells]);
    }

    /// <summary>Every box holding an extra Cooper pair, |1&gt;^(x)N: the fully charged state.</summary>
    public static Ket Charged(int cells)
    {
        CheckCells(cells, "CooperPairBoxes.Charged");
        return Ket.Basis(Dims.Uniform(2, cells), Enumerable.Repeat(1, cells).ToArray());
    }

    private static void AddCoupling(PauliSum sum, PairCoupling c, string op)
    {
        var n = sum.Qubits;
        if (c.First < 0 || c.First >= n || c.Second < 0 || c.Second >= n || c.First == c.Second)
            throw new ValidationException(op, "couplings", $"pairs of distinct boxes in 0..{n - 1}", $"({c.First}, {c.Second})");
        Guard.Finite(c.Xx, op, "couplings");
        Guard.Finite(c.Yy, op, "couplings");
        Guard.Finite(c.Zz, op, "couplings");
        if (c.Xx != 0) sum.Add(c.Xx, c.First, 'X', c.Second, 'X');
        if (c.Yy != 0) sum.Add(c.Yy, c.First, 'Y', c.Second, 'Y');
        if (c.Zz != 0) sum.Add(c.Zz, c.First, 'Z', c.Second, 'Z');
    }

    private static void CheckCells(int cells, string op, string argument = "cells")
    {
        if (cells < 1 || cells > MaxCells)
            throw new ValidationException(op, argument, $"a number of boxes in 1..{MaxCells}", $"{cells}");
    }
}
