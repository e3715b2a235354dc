using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// One disorder sample of the complex-fermion Sachdev-Ye-Kitaev (SYK, q = 4) battery (R19; Rossini et al.,
/// PRL 125, 236402 (2020)): N complex fermions c_i on N qubits through the Jordan-Wigner map
/// c_i = Z (x) ... (x) Z (x) |0&gt;&lt;1| (x) 1 ... (mode i is subsystem i, |1&gt; = occupied), the charging Hamiltonian
/// H_SYK = sum_{i&lt;j} sum_{k&lt;l} J_{ij;kl} c_i^dag c_j^dag c_k c_l with J Hermitian in the pair index
/// (J_{kl;ij} = conj J_{ij;kl}) and Gaussian: mean 0, E|J_{ij;kl}|^2 = 2 J^2 / N^3 (complex off the pair
/// diagonal, real on it). That is Sachdev's normalisation (PRX 5, 041025 (2015): (2N)^(-3/2) sum over all
/// ijkl of antisymmetric couplings of variance J^2), written over ordered pairs, which makes the spectrum
/// extensive. The battery Hamiltonian is the local field H0 = h sum_i sigma^y_i, which does not commute with
/// the fermion number that H_SYK conserves; its ground state is the product of sigma^y = -1 eigenstates
/// (|0&gt; - i|1&gt;)/sqrt 2, energy -h N. The couplings come from <see cref="RandomMatrices"/> with the given seed.
/// </summary>
public sealed class Syk
{
    /// <summary>Largest number of modes (2^N amplitudes; the sizes that fit are decided by the memory estimate).</summary>
    public const int MaxModes = 24;

    private readonly Complex[] _pairCouplings;

    /// <summary>The sample of <paramref name="modes"/> fermions drawn from <paramref name="seed"/>, coupling J and field h.</summary>
    public Syk(int modes, int seed, double coupling = 1, double field = 1)
    {
        Validate(modes, coupling, field, "Syk");
        Modes = modes;
        Seed = seed;
        Coupling = coupling;
        Field = field;
        Pairs = modes * (modes - 1) / 2;
        _pairCouplings = Draw(Pairs, seed, Math.Sqrt(2.0 / ((double)modes * modes * modes)) * coupling);
    }

    /// <summary>Checks N, J and h (shared with the battery, so each is validated once with the same messages).</summary>
    internal static void Validate(int modes, double coupling, double field, string operation)
    {
        if (modes < 4 || modes > MaxModes)
            throw new ValidationException(operation, "cells", $"a number of fermion modes N from 4 to {MaxModes} (q = 4 couplings need four modes)", $"{modes}");
        Guard.Finite(coupling, operation, "j");
        if (coupling == 0) throw new ValidationException(operation, "j", "a non-zero coupling J (nothing charges at J = 0)", "0");
        Guard.Finite(field, operation, "h");
        if (field == 0) throw new ValidationException(operation, "h", "a non-zero field h of H0 = h sum sigma^y", "0");
    }

    /// <summary>N, the number of complex fermion modes (qubits).</summary>
    public int Modes { get; }

    /// <summary>The seed of this disorder sample.</summary>
    public int Seed { get; }

    /// <summary>J, the coupling scale.</summary>
    public double Coupling { get; }

    /// <summary>h, the field of H0.</summary>
    public double Field { get; }

    /// <summary>N (N - 1) / 2, the number of ordered pairs i &lt; j.</summary>
    public int Pairs { get; }

    /// <summary>Dims [2, ..., 2].</summary>
    public Dims Dims => Dims.Uniform(2, Modes);

    /// <summary>The index of the pair i &lt; j among the ordered pairs (0, 1), (0, 2), ..., (N-2, N-1).</summary>
    public int PairIndex(int i, int j)
    {
        if (i < 0 || j >= Modes || i >= j)
            throw new ValidationException("Syk.PairIndex", "i, j", $"0 <= i < j < {Modes}", $"({i}, {j})");
        return i * (2 * Modes - i - 1) / 2 + (j - i - 1);
    }

    /// <summary>J_{ij;kl} for i &lt; j and k &lt; l.</summary>
    public Complex PairCoupling(int i, int j, int k, int l) => _pairCouplings[PairIndex(i, j) * Pairs + PairIndex(k, l)];

    /// <summary>
    /// Non-zero entries H_SYK can have, summed over particle-number sectors: every occupied pair removed and every empty
    /// pair (of the state with that pair removed) filled, C(N, n) C(n, 2) C(N - n + 2, 2) per sector n (before duplicates merge).
    /// </summary>
    public static double TermCount(int modes)
    {
        double total = 0;
        for (var n = 2; n <= modes; n++)
            total += Binomial(modes, n) * (n * (n - 1) / 2.0) * ((modes - n + 2) * (modes - n + 1) / 2.0);
        return total;
    }

    /// <summary>
    /// H_SYK as a sparse operator in the 2^N occupation basis (Jordan-Wigner signs from the modes before each one), built
    /// row by row: row x holds conj of column x (H is Hermitian), so each row is generated, sorted and merged on its own.
    /// </summary>
    public Operator Hamiltonian()
    {
        var n = Modes;
        var d = 1 << n;
        var capacity = (int)Math.Min(TermCount(n), int.MaxValue - 64);
        var rowPtr = new int[d + 1];
        var colIdx = new int[capacity];
        var values = new Complex[capacity];
        var maxRow = 0;
        for (var f = 2; f <= n; f++) maxRow = Math.Max(maxRow, f * (f - 1) / 2 * ((n - f + 2) * (n - f + 1) / 2));
        var rowCols = new int[maxRow];
        var rowValues = new Complex[maxRow];
        Span<int> occupied = stackalloc int[n];
        var nnz = 0;
        for (var x = 0; x < d; x++)
        {
            var filled = 0;
            for (var m = 0; m < n; m++)
                if (Occupied(x, m, n)) occupied[filled++] = m;
            var count = 0;
            for (var a = 0; a < filled; a++)
            {
                for (var b = a + 1; b < filled; b++)
                {
                    int k = occupied[a], l = occupied[b];
                    // c_k c_l |x>: c_l first, then c_k
                    var sign = Sign(x, l, n);
                    var x1 = x & ~Bit(l, n);
                    sign *= Sign(x1, k, n);
                    var x2 = x1 & ~Bit(k, n);
                    var kl = PairIndex(k, l);
                    for (var i = 0; i < n; i++)
                    {
                        if (Occupied(x2, i, n)) continue;
                        for (var j = i + 1; j < n; j++)
                        {
                            if (Occupied(x2, j, n)) continue;
                            // c_i^dag c_j^dag: c_j^dag first, then c_i^dag; <y|H|x> = s J_{ij;kl}, so H[x, y] = s conj J_{ij;kl}
                            var s = sign * Sign(x2, j, n);
                            var x3 = x2 | Bit(j, n);
                            s *= Sign(x3, i, n);
                            rowCols[count] = x3 | Bit(i, n);
                            rowValues[count++] = s * Complex.Conjugate(_pairCouplings[PairIndex(i, j) * Pairs + kl]);
                        }
                    }
                }
            }
            if (count > 1) Array.Sort(rowCols, rowValues, 0, count);
            var p = 0;
            while (p < count)
            {
                var c = rowCols[p];
                var v = rowValues[p++];
                while (p < count && rowCols[p] == c) v += rowValues[p++];
                if (v == Complex.Zero) continue;
                colIdx[nnz] = c;
                values[nnz++] = v;
            }
            rowPtr[x + 1] = nnz;
        }
        Array.Resize(ref colIdx, nnz);
        Array.Resize(ref values, nnz);
        return Operator.FromSparse(CsrMatrix.FromCsr(d, d, rowPtr, colIdx, values), Dims);
    }

    /// <summary>The battery Hamiltonian H0 = h sum_i sigma^y_i (sparse).</summary>
    public Operator BatteryHamiltonian() => Field * Operators.SumOverCells(Pauli.Y, Modes);

    /// <summary>The fermion number sum_i c_i^dag c_i = sum_i |1&gt;&lt;1|_i, conserved by H_SYK.</summary>
    public Operator Number() => Operators.SumOverCells(Qudit.Projector(2, 1, 1), Modes);

    /// <summary>The ground state of H0: every qubit in the sigma^y eigenstate of eigenvalue -sign(h), (|0&gt; -+ i|1&gt;)/sqrt 2.</summary>
    public Ket GroundState() => Ket.Tensor([.. Enumerable.Repeat(CellGroundState(Field), Modes)]);

    /// <summary>The ground state of h sigma^y on one qubit: (|0&gt; - i sign(h) |1&gt;)/sqrt 2.</summary>
    public static Ket CellGroundState(double field)
    {
        var s = 1 / Math.Sqrt(2);
        return new Ket([new Complex(s, 0), new Complex(0, field > 0 ? -s : s)]);
    }

    /// <summary>The ground energy of H0, -|h| N.</summary>
    public double GroundEnergy => -Math.Abs(Field) * Modes;

    private static Complex[] Draw(int pairs, int seed, double sigma)
    {
        var rng = new RandomMatrices(seed);
        var j = new Complex[pairs * pairs];
        var half = sigma / Math.Sqrt(2);
        for (var p = 0; p < pairs; p++)
        {
            j[p * pairs + p] = sigma * rng.Normal();
            for (var q = p + 1; q < pairs; q++)
            {
                var z = new Complex(half * rng.Normal(), half * rng.Normal());
                j[p * pairs + q] = z;
                j[q * pairs + p] = Complex.Conjugate(z);
            }
        }
        return j;
    }

    private static int Bit(int mode, int modes) => 1 << (modes - 1 - mode);

    private static bool Occupied(int x, int mode, int modes) => (x & Bit(mode, modes)) != 0;

    /// <summary>(-1)^(number of occupied modes before <paramref name="mode"/>): the Jordan-Wigner string.</summary>
    private static int Sign(int x, int mode, int modes)
    {
        var before = x >> (modes - mode); // the bits of modes 0..mode-1
        return (BitOperations.PopCount((uint)before) & 1) == 0 ? 1 : -1;
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
