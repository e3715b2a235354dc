using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Models;

/// <summary>
/// The ground state of a spin chain's H0 = B sum sigma_z + Hg in the full 2^n space (R13: the initial
/// state of charging), found through the magnetisation sectors: Hg conserves sum sigma_z, so H0 is block
/// diagonal in the number k of up spins, with the field energy B (2k - n) constant on a block. Every
/// pair term g_ij h_ij has the eigenvalues g_ij {-1, 1 - 2 alpha, 1 + 2 alpha}, so sector k lies above
/// B (2k - n) + sum_ij min(g_ij spec h); the sectors are diagonalised in the order of these bounds (dense
/// up to dimension 1500, two-pass Lanczos above) until the bound of the next sector exceeds the lowest
/// energy found. For B &gt; 0 and ferromagnetic couplings with |alpha| &lt;= 1 this certifies all spins down
/// after one 1 x 1 sector. A degenerate ground level is refused: the initial state would not be defined.
/// </summary>
public sealed class SpinChainGroundState
{
    private const int DenseLimit = 1500;

    private SpinChainGroundState(Ket state, double energy, int upSpins, double gapBound, int sectorsSolved, bool allDown)
    {
        State = state;
        Energy = energy;
        UpSpins = upSpins;
        GapLowerBound = gapBound;
        SectorsSolved = sectorsSolved;
        IsAllDown = allDown;
    }

    /// <summary>The ground state (a Ket on dims [2, ..., 2]).</summary>
    public Ket State { get; }

    /// <summary>Its energy &lt;H0&gt;.</summary>
    public double Energy { get; }

    /// <summary>The number k of up spins (sigma_z = +1) of its magnetisation sector.</summary>
    public int UpSpins { get; }

    /// <summary>A lower bound on the gap to the next level of H0 (from solved sectors and the bounds of the others); NaN when a sector was solved by Lanczos, which does not bound its second level.</summary>
    public double GapLowerBound { get; }

    /// <summary>How many sectors were diagonalised.</summary>
    public int SectorsSolved { get; }

    /// <summary>True when the ground state is |1...1&gt;, every spin down.</summary>
    public bool IsAllDown { get; }

    /// <summary>One line for reports.</summary>
    public string Description => IsAllDown
        ? $"all spins down (certified: gap >= {QBattException.Num(GapLowerBound)}, {SectorsSolved} magnetisation sector(s) solved)"
        : $"ground state in the sector with {UpSpins} up spin(s) (gap >= {QBattException.Num(GapLowerBound)}, {SectorsSolved} sector(s) solved)";

    internal static SpinChainGroundState Compute(SpinChain chain, int threads)
    {
        const string op = "SpinChain.GroundState";
        var n = chain.Sites;
        var pairs = chain.PairCouplings();
        var alpha = chain.Anisotropy;
        var b = chain.Field;
        double lowest = 0;
        foreach (var (_, _, g) in pairs) lowest += Math.Min(-g, Math.Min(g * (1 - 2 * alpha), g * (1 + 2 * alpha)));
        var bounds = Enumerable.Range(0, n + 1).Select(k => (K: k, Bound: b * (2 * k - n) + lowest)).OrderBy(s => s.Bound).ToArray();
        var scale = Math.Abs(b) * n + pairs.Sum(p => Math.Abs(p.G) * (1 + 2 * Math.Abs(alpha)));
        var tol = 1e-10 * Math.Max(1, scale);
        var best = (E: double.PositiveInfinity, K: -1, Vector: (double[]?)null, Basis: (int[]?)null);
        var second = double.PositiveInfinity;
        var solved = 0;
        var next = 0;
        var unknownSecond = false;
        for (; next < bounds.Length; next++)
        {
            var (k, bound) = bounds[next];
            if (bound > best.E + tol) break;
            var (e0, e1, vector, basis) = SolveSector(n, k, pairs, alpha, b, threads);
            solved++;
            if (double.IsNaN(e1)) unknownSecond = true;
            else second = Math.Min(second, e1);
            if (e0 < best.E)
            {
                second = Math.Min(second, best.E);
                best = (e0, k, vector, basis);
            }
            else
            {
                second = Math.Min(second, e0);
            }
        }
        var nextBound = next < bounds.Length ? bounds[next].Bound : double.PositiveInfinity;
        var gap = unknownSecond ? double.NaN : Math.Min(second, nextBound) - best.E;
        if (!(second - best.E > tol))
            throw new ValidationException(op, "field", "a unique ground level of H0 (the initial state of R13)", $"a degenerate ground level E = {QBattException.Num(best.E)} (next level {QBattException.Num(second)}); a field B or couplings that lift the degeneracy are needed");
        var amplitudes = new Complex[1 << n];
        for (var i = 0; i < best.Basis!.Length; i++) amplitudes[best.Basis[i]] = best.Vector![i];
        var (state, _) = Ket.Normalize(amplitudes, Dims.Uniform(2, n));
        var allDown = best.K == 0;
        return new SpinChainGroundState(state, best.E, best.K, gap, solved, allDown);
    }

    /// <summary>The basis states with k up spins (k zero bits of n) in increasing order (Gosper's hack on the n - k one bits).</summary>
    internal static int[] SectorBasis(int n, int k)
    {
        var ones = n - k;
        var size = Binomial(n, k);
        if (size > 50_000_000)
            throw new ResourceException("SpinChain.GroundState", "sites", "magnetisation sectors of at most 5e7 states", $"C({n}, {k}) = {size:G3}");
        var basis = new int[size];
        if (ones == 0)
        {
            basis[0] = 0;
            return basis;
        }
        var x = (1 << ones) - 1;
        for (var i = 0; i < size; i++)
        {
            basis[i] = x;
            var c = x & -x;
            var r = x + c;
            x = (((r ^ x) >> 2) / c) | r;
        }
        return basis;
    }

    private static long Binomial(int n, int k)
    {
        k = Math.Min(k, n - k);
        double r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return (long)Math.Round(r);
    }

    /// <summary>H0 on sector k as a list of rows (diagonal, then off-diagonal (column, value) entries).</summary>
    private static (double[] Diagonal, List<(int Row, int Col, double Value)> Off) SectorMatrix(int n, int[] basis, IReadOnlyList<(int I, int J, double G)> pairs, double alpha, double b, int k)
    {
        var diag = new double[basis.Length];
        var off = new List<(int, int, double)>();
        var field = b * (2 * k - n);
        for (var r = 0; r < basis.Length; r++)
        {
            var x = basis[r];
            var d = field;
            foreach (var (i, j, g) in pairs)
            {
                int bi = n - 1 - i, bj = n - 1 - j;
                var differ = ((x >> bi) ^ (x >> bj)) & 1;
                // Hg = -g [Z Z + alpha (X X + Y Y)]: Z Z = +1 aligned, -1 anti-aligned; X X + Y Y = 2 x swap on anti-aligned pairs
                d += differ == 0 ? -g : g;
                if (differ == 1 && alpha != 0)
                {
                    var y = x ^ ((1 << bi) | (1 << bj));
                    var c = Array.BinarySearch(basis, y);
                    off.Add((r, c, -2 * g * alpha));
                }
            }
            diag[r] = d;
        }
        return (diag, off);
    }

    /// <summary>(lowest, second lowest (+inf for a 1 x 1 sector, NaN when not computed), eigenvector, basis) of H0 on sector k.</summary>
    private static (double E0, double E1, double[] Vector, int[] Basis) SolveSector(int n, int k, IReadOnlyList<(int I, int J, double G)> pairs, double alpha, double b, int threads)
    {
        var basis = SectorBasis(n, k);
        var (diag, off) = SectorMatrix(n, basis, pairs, alpha, b, k);
        var m = basis.Length;
        if (m <= DenseLimit)
        {
            var a = new double[m * m];
            for (var r = 0; r < m; r++) a[r * m + r] = diag[r];
            foreach (var (r, c, v) in off) a[c * m + r] += v;
            var w = new double[m];
            LinearAlgebra.Default.SymmetricEigen(m, a, w, true);
            return (w[0], m > 1 ? w[1] : double.PositiveInfinity, a[..m], basis);
        }
        var rows = new int[m + off.Count];
        var cols = new int[m + off.Count];
        var vals = new Complex[m + off.Count];
        for (var r = 0; r < m; r++) (rows[r], cols[r], vals[r]) = (r, r, diag[r]);
        for (var q = 0; q < off.Count; q++) (rows[m + q], cols[m + q], vals[m + q]) = (off[q].Row, off[q].Col, off[q].Value);
        var map = LinearMap.From(CsrMatrix.FromTriplets(m, m, rows, cols, vals), threads);
        var (e0, v0, _) = LanczosGroundState.Compute(map);
        // the second level of the sector: a second ground-state search from a different start finds the
        // same vector when the level is simple; a different vector with the same energy reveals degeneracy
        var (e0b, v0b, _) = LanczosGroundState.Compute(map, seed: 777);
        var overlap = VectorOps.Dot(v0, v0b).Magnitude;
        var e1 = Math.Abs(e0b - e0) < 1e-9 * Math.Max(1, Math.Abs(e0)) && overlap < 1 - 1e-6 ? e0b : double.NaN;
        // H0 is real: the eigenvector is real up to a global phase
        var top = 0;
        for (var i = 1; i < m; i++) if (v0[i].Magnitude > v0[top].Magnitude) top = i;
        var phase = Complex.Conjugate(v0[top]) / v0[top].Magnitude;
        return (e0, e1, [.. v0.Select(z => (z * phase).Real)], basis);
    }
}
