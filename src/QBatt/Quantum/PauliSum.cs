using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// A Hamiltonian on n qubits written as a sum of Pauli strings, sum_k c_k P_k with
/// P_k = (x) sigma_{a_l} on chosen sites, built straight into CSR row by row (multi-threaded)
/// without forming Kronecker products. Qubit 0 is the most significant bit of the basis index,
/// |0&gt; is sigma_z = +1, as everywhere in QBatt. Spin chains (R13) and k-local qubit drives (R11)
/// are built with it up to n ≈ 24.
/// </summary>
public sealed class PauliSum
{
    private readonly Dictionary<(int Flip, int Z, int Y), Complex> _terms = [];

    /// <summary>An empty sum on the given number of qubits (1..30).</summary>
    public PauliSum(int qubits)
    {
        if (qubits < 1 || qubits > 30)
            throw new ValidationException("PauliSum", "qubits", "an integer in 1..30", $"{qubits}");
        Qubits = qubits;
    }

    /// <summary>Number of qubits.</summary>
    public int Qubits { get; }

    /// <summary>Number of distinct Pauli strings with a non-zero coefficient.</summary>
    public int TermCount => _terms.Count(t => t.Value != Complex.Zero);

    /// <summary>
    /// Adds c (x)_l sigma_{p_l} at the given sites; the Pauli letters are 'I', 'X', 'Y', 'Z'.
    /// A site may appear once per string.
    /// </summary>
    public PauliSum Add(Complex coefficient, params (int Site, char Pauli)[] factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (!double.IsFinite(coefficient.Real) || !double.IsFinite(coefficient.Imaginary))
            throw new ValidationException("PauliSum.Add", "coefficient", "a finite number", coefficient.ToString());
        int flip = 0, z = 0, y = 0, seen = 0;
        foreach (var (site, p) in factors)
        {
            if ((uint)site >= (uint)Qubits)
                throw new ValidationException("PauliSum.Add", "site", $"a qubit index in 0..{Qubits - 1}", $"{site}");
            var bit = 1 << (Qubits - 1 - site);
            if ((seen & bit) != 0)
                throw new ValidationException("PauliSum.Add", "site", "each site at most once per Pauli string", $"site {site} twice");
            seen |= bit;
            switch (char.ToUpperInvariant(p))
            {
                case 'I': break;
                case 'X': flip |= bit; break;
                case 'Y': flip |= bit; y |= bit; z |= bit; break;
                case 'Z': z |= bit; break;
                default: throw new ValidationException("PauliSum.Add", "pauli", "one of I, X, Y, Z", $"'{p}'");
            }
        }
        // Y = i X Z: <r|Y|c> = i (-1)^{bit of c} for c = r xor bit. We store the string as
        // i^{#Y} X^{flip} Z^{z} with z including the Y sites, and apply the phase per entry.
        var key = (flip, z, y);
        _terms[key] = _terms.GetValueOrDefault(key) + coefficient;
        return this;
    }

    /// <summary>Adds c sigma_p on one site.</summary>
    public PauliSum Add(Complex coefficient, int site, char pauli) => Add(coefficient, (site, pauli));

    /// <summary>Adds c sigma_p^(i) sigma_q^(j).</summary>
    public PauliSum Add(Complex coefficient, int i, char p, int j, char q) => Add(coefficient, (i, p), (j, q));

    /// <summary>
    /// Matrix element of one string: &lt;r| i^{#Y} X^{flip} Z^{z} |c&gt; with c = r xor flip,
    /// = i^{#Y} (-1)^{popcount(c and z)}.
    /// </summary>
    private static Complex Element((int Flip, int Z, int Y) key, int column)
    {
        var sign = (System.Numerics.BitOperations.PopCount((uint)(column & key.Z)) & 1) == 0 ? 1.0 : -1.0;
        return (System.Numerics.BitOperations.PopCount((uint)key.Y) & 3) switch
        {
            0 => new Complex(sign, 0),
            1 => new Complex(0, sign),
            2 => new Complex(-sign, 0),
            _ => new Complex(0, -sign),
        };
    }

    /// <summary>Bytes the CSR matrix would need (upper estimate: one entry per distinct flip pattern per row).</summary>
    public long EstimatedBytes()
    {
        var flips = _terms.Keys.Select(k => k.Flip).Distinct().Count();
        var dim = 1L << Qubits;
        return dim * flips * 20L + dim * 4L;
    }

    /// <summary>The sum as a sparse operator with dims [2, ..., 2] (threads = 0: all processors).</summary>
    public Operator ToOperator(int threads = 0)
    {
        var dim = 1 << Qubits;
        var groups = _terms.Where(t => t.Value != Complex.Zero)
            .GroupBy(t => t.Key.Flip)
            .Select(g => (Flip: g.Key, Terms: g.Select(t => (t.Key, t.Value)).ToArray()))
            .OrderBy(g => g.Flip)
            .ToArray();
        var t = threads <= 0 ? Environment.ProcessorCount : threads;
        var blocks = Math.Max(1, Math.Min(dim / 4096, 8 * t));
        var per = (dim + blocks - 1) / blocks;
        var colParts = new int[blocks][];
        var valParts = new Complex[blocks][];
        var counts = new int[dim + 1];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = t }, b =>
        {
            var r0 = b * per;
            var r1 = Math.Min(dim, r0 + per);
            var cols = new List<int>(Math.Max(0, r1 - r0) * Math.Min(groups.Length, 32));
            var vals = new List<Complex>(cols.Capacity);
            var rowEntries = new (int Col, Complex Val)[groups.Length];
            for (var r = r0; r < r1; r++)
            {
                var m = 0;
                foreach (var g in groups)
                {
                    var c = r ^ g.Flip;
                    var v = Complex.Zero;
                    foreach (var (key, coef) in g.Terms) v += coef * Element(key, c);
                    if (v != Complex.Zero) rowEntries[m++] = (c, v);
                }
                Array.Sort(rowEntries, 0, m, EntryComparer.Instance);
                for (var k = 0; k < m; k++) { cols.Add(rowEntries[k].Col); vals.Add(rowEntries[k].Val); }
                counts[r + 1] = m;
            }
            colParts[b] = [.. cols];
            valParts[b] = [.. vals];
        });
        for (var r = 0; r < dim; r++) counts[r + 1] += counts[r];
        var nnz = counts[dim];
        var colIdx = new int[nnz];
        var values = new Complex[nnz];
        var offset = 0;
        for (var b = 0; b < blocks; b++)
        {
            colParts[b].CopyTo(colIdx, offset);
            valParts[b].CopyTo(values, offset);
            offset += colParts[b].Length;
        }
        return Operator.FromSparse(CsrMatrix.FromCsr(dim, dim, counts, colIdx, values), Dims.Uniform(2, Qubits));
    }

    private sealed class EntryComparer : IComparer<(int Col, Complex Val)>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare((int Col, Complex Val) x, (int Col, Complex Val) y) => x.Col.CompareTo(y.Col);
    }
}
