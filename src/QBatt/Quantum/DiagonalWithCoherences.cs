using System.Globalization;
using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// A Hermitian matrix on a composite space given by its diagonal and a few off-diagonal entries
/// (coherences), such as the intermediate states of the entanglement-free extraction of R5
/// (diagonal plus one 2x2 coherent block). Its partial transpose is again a diagonal plus
/// coherences: each entry |i&gt;&lt;j| goes to |i'&gt;&lt;j'| with the digits of the transposed subsystems
/// exchanged. The eigenvalues are those of the diagonal entries no coherence touches and of the
/// small blocks (connected components) the coherences link, so a PPT check costs
/// O(coherences) per bipartition after an O(dimension) pass, instead of a dense eigenproblem.
/// </summary>
public sealed class DiagonalWithCoherences
{
    private readonly double[] _diagonal;
    private readonly (int Row, int Col, Complex Value)[] _coherences;
    private readonly int[] _strides;
    private readonly double _minDiagonal;

    /// <summary>
    /// The matrix sum_i d_i |i&gt;&lt;i| + sum_k (v_k |r_k&gt;&lt;c_k| + conj(v_k) |c_k&gt;&lt;r_k|).
    /// </summary>
    /// <param name="dims">Subsystem dimensions (subsystem 0 most significant).</param>
    /// <param name="diagonal">The diagonal, of length dims.Total.</param>
    /// <param name="coherences">Off-diagonal entries (row != col), each pair given once; the Hermitian partner is implied.</param>
    public DiagonalWithCoherences(Dims dims, ReadOnlySpan<double> diagonal, IEnumerable<(int Row, int Col, Complex Value)> coherences)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(coherences);
        const string op = "DiagonalWithCoherences";
        if (diagonal.Length != dims.Total)
            throw new DimensionMismatchException(op, "diagonal", $"{dims.Total} entries (dims {dims})", $"{diagonal.Length}");
        Guard.Finite(diagonal, op, "diagonal");
        Dims = dims;
        _diagonal = diagonal.ToArray();
        _coherences = [.. coherences];
        var seen = new HashSet<(int, int)>();
        foreach (var (r, c, v) in _coherences)
        {
            if ((uint)r >= (uint)dims.Total || (uint)c >= (uint)dims.Total || r == c)
                throw new ValidationException(op, "coherences", $"off-diagonal positions in 0..{dims.Total - 1}", $"({r}, {c})");
            if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary))
                throw new ValidationException(op, "coherences", "finite values", $"{v} at ({r}, {c})");
            if (!seen.Add((Math.Min(r, c), Math.Max(r, c))))
                throw new ValidationException(op, "coherences", "each position once", $"({r}, {c}) twice");
        }
        _strides = Subsystems.Strides(dims.AsSpan());
        _minDiagonal = _diagonal.Length == 0 ? 0 : _diagonal.Min();
    }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims { get; }

    /// <summary>The diagonal.</summary>
    public ReadOnlySpan<double> Diagonal => _diagonal;

    /// <summary>The coherences as given.</summary>
    public IReadOnlyList<(int Row, int Col, Complex Value)> Coherences => _coherences;

    /// <summary>The dense matrix (for small dimensions; the oracle of the sparse checks).</summary>
    public ComplexMatrix ToMatrix()
    {
        var m = ComplexMatrix.Diagonal(_diagonal);
        foreach (var (r, c, v) in _coherences)
        {
            m[r, c] += v;
            m[c, r] += Complex.Conjugate(v);
        }
        return m;
    }

    /// <summary>Smallest eigenvalue of the matrix itself.</summary>
    public double MinEigenvalue() => MinEigenvalue(_coherences);

    /// <summary>Smallest eigenvalue of the partial transpose on the listed subsystems.</summary>
    public double MinPartialTransposeEigenvalue(params int[] subsystems)
    {
        ArgumentNullException.ThrowIfNull(subsystems);
        var mask = 0L;
        foreach (var k in subsystems)
        {
            if ((uint)k >= (uint)Dims.Count)
                throw new ValidationException("DiagonalWithCoherences.MinPartialTransposeEigenvalue", "subsystems", $"subsystems in 0..{Dims.Count - 1}", k.ToString(CultureInfo.InvariantCulture));
            mask |= 1L << k;
        }
        var transposed = new (int, int, Complex)[_coherences.Length];
        for (var k = 0; k < _coherences.Length; k++)
        {
            var (r, c, v) = _coherences[k];
            var (r2, c2) = Transpose(r, c, mask, Dims.AsSpan(), _strides);
            transposed[k] = (r2, c2, v);
        }
        return MinEigenvalue(transposed);
    }

    /// <summary>
    /// The smallest partial-transpose eigenvalue over every bipartition (those of
    /// <see cref="Entanglement.Bipartitions"/>), with the cut where it occurs; for one subsystem, the
    /// smallest eigenvalue of the matrix and an empty cut.
    /// </summary>
    public (double MinEigenvalue, int[] Cut) MinOverBipartitions()
    {
        if (Dims.Count < 2) return (MinEigenvalue(), []);
        var best = double.PositiveInfinity;
        int[] cut = [];
        foreach (var part in Entanglement.Bipartitions(Dims.Count))
        {
            var e = MinPartialTransposeEigenvalue(part);
            if (e < best) { best = e; cut = part; }
        }
        return (best, cut);
    }

    /// <summary>Row and column of |r&gt;&lt;c| after transposing the subsystems in <paramref name="mask"/>.</summary>
    internal static (int Row, int Col) Transpose(int r, int c, long mask, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        for (var k = 0; k < dims.Length; k++)
        {
            if ((mask >> k & 1) == 0) continue;
            var dr = r / strides[k] % dims[k];
            var dc = c / strides[k] % dims[k];
            r += (dc - dr) * strides[k];
            c += (dr - dc) * strides[k];
        }
        return (r, c);
    }

    /// <summary>Smallest eigenvalue of a 2x2 Hermitian [[a, v], [conj v, b]].</summary>
    internal static double MinEigenvalue2(double a, double b, double absV)
    {
        var half = 0.5 * (a - b);
        return 0.5 * (a + b) - Math.Sqrt(half * half + absV * absV);
    }

    private double MinEigenvalue((int Row, int Col, Complex Value)[] entries)
    {
        var best = _minDiagonal; // untouched entries; a block's minimum never exceeds its smallest diagonal entry
        if (entries.Length == 0) return best;
        if (entries.Length == 1)
        {
            var (r, c, v) = entries[0];
            return Math.Min(best, MinEigenvalue2(_diagonal[r], _diagonal[c], v.Magnitude));
        }
        // connected components of the positions the entries link (union-find)
        var id = new Dictionary<int, int>();
        var parent = new List<int>();
        int Node(int x)
        {
            if (!id.TryGetValue(x, out var k)) { k = parent.Count; id[x] = k; parent.Add(k); }
            return k;
        }
        int Find(int k)
        {
            while (parent[k] != k) { parent[k] = parent[parent[k]]; k = parent[k]; }
            return k;
        }
        foreach (var (r, c, _) in entries)
        {
            var a = Find(Node(r));
            var b = Find(Node(c));
            if (a != b) parent[a] = b;
        }
        var members = new Dictionary<int, List<int>>();
        foreach (var (x, k) in id)
        {
            var root = Find(k);
            if (!members.TryGetValue(root, out var list)) members[root] = list = [];
            list.Add(x);
        }
        var byRoot = new Dictionary<int, List<(int, int, Complex)>>();
        foreach (var e in entries)
        {
            var root = Find(id[e.Item1]);
            if (!byRoot.TryGetValue(root, out var list)) byRoot[root] = list = [];
            list.Add(e);
        }
        foreach (var (root, list) in byRoot)
        {
            var positions = members[root];
            positions.Sort();
            var local = new Dictionary<int, int>();
            for (var i = 0; i < positions.Count; i++) local[positions[i]] = i;
            var block = new ComplexMatrix(positions.Count, positions.Count);
            for (var i = 0; i < positions.Count; i++) block[i, i] = _diagonal[positions[i]];
            foreach (var (r, c, v) in list)
            {
                block[local[r], local[c]] += v;
                block[local[c], local[r]] += Complex.Conjugate(v);
            }
            var w = positions.Count == 2
                ? MinEigenvalue2(block[0, 0].Real, block[1, 1].Real, block[0, 1].Magnitude)
                : MatrixFunctions.EigvalsH(block, hermitianTol: double.PositiveInfinity)[0];
            best = Math.Min(best, w);
        }
        return best;
    }
}
