using System.Numerics;
using System.Runtime.Intrinsics.X86;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// The qubit Hamiltonian of <see cref="XxzMap"/>, H = sum_i (hz_i Z_i + hx_i X_i) + sum_(i,j) [Jz_ij Z_i Z_j + Jxy_ij
/// (X_i X_j + Y_i Y_j)], restricted to the symmetric sector of a chain (<see cref="ChainSector"/>), matrix-free: the spin
/// chains of R13 at sizes the full 2^n space does not reach (a periodic chain of n = 30 has 17.9 million symmetric states
/// against 2^30). H must commute with the sector's group; the constructor checks that the fields and the couplings are
/// invariant under its generators (translation by one site on a ring, and the reflection) and refuses them otherwise.
/// Row r~ of H psi is gathered from the basis states H maps the representative r to:
/// (H psi)_r~ = H(r, r) psi_r~ + sum_(t = f(r)) H(t, r) (N_r / N_rep(t))^(1/2) psi_rep(t)~, one read of the sector's
/// table per flip term, in parallel over blocks of rows (H is real, so H(r, t) = H(t, r)).
/// </summary>
public sealed unsafe class SectorXxzMap : ILinearMap, IFusedHermitianMap, ISpectralInterval
{
    private const int RowBlock = 512;

    private readonly ChainSector _sector;
    private readonly (int Bit, double H)[] _zFields;
    private readonly (int B1, int B2, double J)[] _zPairs;
    private readonly (uint Mask, double C)[] _fieldFlips;
    private readonly (uint Mask, int B1, int B2, double C)[] _pairFlips;
    private readonly double[] _ratio;
    private readonly int _classes;
    private readonly int _threads;
    private readonly Lazy<(double Lower, double Upper)> _interval;

    /// <summary>
    /// H in <paramref name="sector"/> with fields hz (<paramref name="longitudinal"/>) and hx (<paramref name="transverse"/>),
    /// one entry per qubit or null for none, and two-qubit terms (repeated pairs add up); <paramref name="threads"/> = 0: all
    /// processors.
    /// </summary>
    public SectorXxzMap(ChainSector sector, IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, int threads = 0)
    {
        const string op = "SectorXxzMap";
        ArgumentNullException.ThrowIfNull(sector);
        ArgumentNullException.ThrowIfNull(couplings);
        Guard.AtLeast(threads, 0, op, "threads");
        _sector = sector;
        _threads = threads;
        var n = sector.Qubits;
        var (hz, hx, pairs) = Terms(n, sector.Periodic, longitudinal, transverse, couplings, op);
        int Bit(int qubit) => n - 1 - qubit;
        _zFields = [.. hz.Select((h, i) => (Bit(i), h)).Where(f => f.h != 0)];
        _fieldFlips = [.. hx.Select((h, i) => (1u << Bit(i), h)).Where(f => f.h != 0)];
        _zPairs = [.. pairs.Where(p => p.Value.Zz != 0).Select(p => (Bit(p.Key.Item1), Bit(p.Key.Item2), p.Value.Zz))];
        // X_i X_j + Y_i Y_j maps |..0..1..> to 2 |..1..0..> and annihilates aligned pairs
        _pairFlips = [.. pairs.Where(p => p.Value.Xy != 0).Select(p => ((1u << Bit(p.Key.Item1)) | (1u << Bit(p.Key.Item2)), Bit(p.Key.Item1), Bit(p.Key.Item2), 2 * p.Value.Xy))];
        var sizes = sector.ClassSizes;
        _classes = sizes.Length;
        _ratio = new double[_classes * _classes];
        for (var a = 0; a < _classes; a++)
            for (var b = 0; b < _classes; b++)
                _ratio[a * _classes + b] = Math.Sqrt((double)sizes[a] / sizes[b]);
        NormBound = hz.Sum(Math.Abs) + hx.Sum(Math.Abs) + pairs.Values.Sum(p => Math.Abs(p.Zz) + 2 * Math.Abs(p.Xy));
        XxzCoupling[] all = [.. pairs.Select(p => new XxzCoupling(p.Key.Item1, p.Key.Item2, p.Value.Zz, p.Value.Xy))];
        _interval = new(() => XxzSpectrum.Interval(n, hz, hx, all, NormBound));
        Cost = (double)sector.Dimension * (1 + _fieldFlips.Length + 0.5 * _pairFlips.Length);
    }

    /// <summary>
    /// Checks the terms of a map on the symmetric sector of <paramref name="qubits"/> qubits before anything is built: every
    /// pair of distinct qubits, finite values, and fields and couplings invariant under the chain's group (periodic: the
    /// translation and the reflection; open: the reflection). Refused with a <see cref="ValidationException"/> otherwise.
    /// </summary>
    public static void RequireSymmetric(int qubits, bool periodic, IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, string operation = "SectorXxzMap")
    {
        ArgumentNullException.ThrowIfNull(couplings);
        _ = Terms(qubits, periodic, longitudinal, transverse, couplings, operation);
    }

    private static (double[] Hz, double[] Hx, SortedDictionary<(int, int), (double Zz, double Xy)> Pairs) Terms(int n, bool periodic,
        IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, string op)
    {
        var hz = Field(longitudinal, n, "longitudinal");
        var hx = Field(transverse, n, "transverse");
        // repeated pairs add up, (i, j) and (j, i) alike
        var pairs = new SortedDictionary<(int, int), (double Zz, double Xy)>();
        foreach (var c in couplings)
        {
            if ((uint)c.I >= (uint)n || (uint)c.J >= (uint)n || c.I == c.J)
                throw new ValidationException(op, "couplings", $"pairs of distinct qubits in 0..{n - 1}", $"({c.I}, {c.J})");
            Guard.Finite(c.Zz, op, "couplings");
            Guard.Finite(c.Xy, op, "couplings");
            var key = (Math.Min(c.I, c.J), Math.Max(c.I, c.J));
            pairs.TryGetValue(key, out var v);
            pairs[key] = (v.Zz + c.Zz, v.Xy + c.Xy);
        }
        CheckInvariant(n, periodic, hz, hx, pairs, op);
        return (hz, hx, pairs);
    }

    private static double[] Field(IReadOnlyList<double>? values, int n, string name)
    {
        if (values is null) return new double[n];
        if (values.Count != n)
            throw new DimensionMismatchException("SectorXxzMap", name, $"{n} values (one per qubit)", $"{values.Count}");
        foreach (var v in values) Guard.Finite(v, "SectorXxzMap", name);
        return [.. values];
    }

    /// <summary>Refuses fields and couplings that the sector's group does not leave invariant (relative tolerance 1e-12).</summary>
    private static void CheckInvariant(int n, bool periodic, double[] hz, double[] hx, SortedDictionary<(int, int), (double Zz, double Xy)> pairs, string op)
    {
        var scale = Math.Max(1e-300, hz.Concat(hx).Concat(pairs.Values.SelectMany(p => new[] { p.Zz, p.Xy })).Select(Math.Abs).DefaultIfEmpty(0).Max());
        var tolerance = 1e-12 * scale;
        var generators = new List<(string Name, Func<int, int> Map)> { ("the reflection i -> n - 1 - i", i => n - 1 - i) };
        if (periodic) generators.Insert(0, ("the translation i -> i + 1 mod n", i => (i + 1) % n));
        foreach (var (name, g) in generators)
        {
            for (var i = 0; i < n; i++)
            {
                if (Math.Abs(hz[g(i)] - hz[i]) > tolerance)
                    throw new ValidationException(op, "longitudinal", $"fields invariant under {name} (the sector's symmetry)", $"hz[{i}] = {QBattException.Num(hz[i])}, hz[{g(i)}] = {QBattException.Num(hz[g(i)])}");
                if (Math.Abs(hx[g(i)] - hx[i]) > tolerance)
                    throw new ValidationException(op, "transverse", $"fields invariant under {name} (the sector's symmetry)", $"hx[{i}] = {QBattException.Num(hx[i])}, hx[{g(i)}] = {QBattException.Num(hx[g(i)])}");
            }
            foreach (var ((i, j), v) in pairs)
            {
                var key = (Math.Min(g(i), g(j)), Math.Max(g(i), g(j)));
                pairs.TryGetValue(key, out var w);
                if (Math.Abs(w.Zz - v.Zz) > tolerance || Math.Abs(w.Xy - v.Xy) > tolerance)
                    throw new ValidationException(op, "couplings", $"couplings invariant under {name} (the sector's symmetry)",
                        $"({i}, {j}): Zz = {QBattException.Num(v.Zz)}, Xy = {QBattException.Num(v.Xy)}; ({key.Item1}, {key.Item2}): Zz = {QBattException.Num(w.Zz)}, Xy = {QBattException.Num(w.Xy)}");
            }
        }
    }

    /// <summary>The sector.</summary>
    public ChainSector Sector => _sector;

    /// <inheritdoc/>
    public int Dimension => _sector.Dimension;

    /// <inheritdoc/>
    public double Cost { get; }

    /// <summary>A rigorous upper bound on the operator norm: sum |hz| + sum |hx| + sum (|Jz| + 2 |Jxy|), as <see cref="XxzMap.NormBound"/>.</summary>
    public double NormBound { get; }

    /// <summary>
    /// A rigorous interval containing the spectrum of H on the full space, so also in the sector (an invariant subspace), as
    /// <see cref="XxzMap.SpectralInterval"/>; never wider than [-<see cref="NormBound"/>, <see cref="NormBound"/>]. Computed once.
    /// </summary>
    public (double Lower, double Upper) SpectralInterval => _interval.Value;

    /// <summary>H(s, s) for basis index <paramref name="state"/> (|0&gt; is sigma_z = +1).</summary>
    public double Diagonal(uint state)
    {
        var d = 0.0;
        foreach (var (bit, h) in _zFields) d += ((state >> bit) & 1) == 0 ? h : -h;
        foreach (var (b1, b2, j) in _zPairs) d += (((state >> b1) ^ (state >> b2)) & 1) == 0 ? j : -j;
        return d;
    }

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, Complex.One, add: false);

    /// <inheritdoc/>
    public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, alpha, add: true);

    /// <summary>y = H x, or y += alpha H x when <paramref name="add"/> holds.</summary>
    private void Run(ReadOnlySpan<Complex> x, Span<Complex> y, Complex alpha, bool add)
    {
        double ar = alpha.Real, ai = alpha.Imaginary;
        ForRows(x, y, (_, count, h, xs, ys) =>
        {
            if (!add)
            {
                for (var r = 0; r < 2 * count; r++) ys[r] = h[r];
                return;
            }
            for (var r = 0; r < 2 * count; r += 2)
            {
                ys[r] += ar * h[r] - ai * h[r + 1];
                ys[r + 1] += ar * h[r + 1] + ai * h[r];
            }
        });
    }

    /// <inheritdoc/>
    void IFusedHermitianMap.Recur(ReadOnlySpan<Complex> x, Span<Complex> y, double alpha, double beta, double gamma, Complex[][] accumulators, Complex[] coefficients, Complex[] xCoefficients, bool initialize)
    {
        foreach (var acc in accumulators) Check(acc.Length, "accumulators");
        var handles = accumulators.Select(a => System.Runtime.InteropServices.GCHandle.Alloc(a, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
        try
        {
            var accs = handles.Select(h => (nint)h.AddrOfPinnedObject()).ToArray();
            ForRows(x, y, (start, count, h, xs, ys) =>
            {
                // the sums take the rows' x and entry y before y is overwritten
                for (var q = 0; q < accs.Length; q++)
                {
                    var a = (double*)accs[q] + 2L * start;
                    double cr = coefficients[q].Real, ci = coefficients[q].Imaginary;
                    var cx = xCoefficients.Length > 0 ? xCoefficients[q] : Complex.Zero;
                    double xr = cx.Real, xi = cx.Imaginary;
                    for (var r = 0; r < 2 * count; r += 2)
                    {
                        double yr = ys[r], yi = ys[r + 1], ur = xs[r], ui = xs[r + 1];
                        var re = cr * yr - ci * yi + xr * ur - xi * ui;
                        var im = cr * yi + ci * yr + xr * ui + xi * ur;
                        if (initialize)
                        {
                            a[r] = re;
                            a[r + 1] = im;
                        }
                        else
                        {
                            a[r] += re;
                            a[r + 1] += im;
                        }
                    }
                }
                if (gamma == 0)
                {
                    for (var r = 0; r < 2 * count; r++) ys[r] = alpha * h[r] + beta * xs[r];
                }
                else
                {
                    for (var r = 0; r < 2 * count; r++) ys[r] = alpha * h[r] + beta * xs[r] + gamma * ys[r];
                }
            });
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    private delegate void RowsBody(int start, int count, double* h, double* x, double* y);

    /// <summary>
    /// For every block of rows: h = (H x) on the block, then <paramref name="body"/> with the block's start and length, h, and x and
    /// y from the block's first row on.
    /// </summary>
    private void ForRows(ReadOnlySpan<Complex> x, Span<Complex> y, RowsBody body)
    {
        Check(x.Length, "x");
        Check(y.Length, "y");
        fixed (Complex* px = x)
        fixed (Complex* py = y)
        {
            var xp = (double*)px;
            var yp = (double*)py;
            ForBlocks((start, count, h) =>
            {
                Rows(start, count, xp, h);
                body(start, count, h, xp + 2L * start, yp + 2L * start);
            });
        }
        GC.KeepAlive(_sector);
    }

    /// <inheritdoc/>
    Complex IExpectationMap.Expectation(ReadOnlySpan<Complex> psi) => Bilinear(null, psi);

    /// <summary>&lt;psi|H|psi&gt; (real since H is Hermitian), row block by row block without a vector of the full length.</summary>
    public double Expectation(ReadOnlySpan<Complex> psi) => Bilinear(null, psi).Real;

    /// <summary>
    /// &lt;A psi|B psi&gt; for this map A and <paramref name="other"/> B on the same sector (B = null: &lt;psi|A|psi&gt;), block by
    /// block without vectors of the full length; the blocks' sums are added in a fixed order (the same for any thread count).
    /// </summary>
    internal Complex Bilinear(SectorXxzMap? other, ReadOnlySpan<Complex> psi)
    {
        Check(psi.Length, "psi");
        if (other is not null && !ReferenceEquals(other._sector, _sector))
            throw new DimensionMismatchException("SectorXxzMap.Bilinear", "other", "a map on the same sector", $"a sector of {other.Dimension} states");
        var blocks = (Dimension + RowBlock - 1) / RowBlock;
        var partial = new Complex[blocks];
        fixed (Complex* pp = psi)
        {
            var xp = (double*)pp;
            ForBlocks((start, count, h) =>
            {
                Rows(start, count, xp, h);
                double* a = xp + 2L * start, b = h;
                double* t = stackalloc double[other is null ? 0 : 2 * RowBlock];
                if (other is not null)
                {
                    other.Rows(start, count, xp, t);
                    a = h;
                    b = t;
                }
                double re = 0, im = 0;
                for (var r = 0; r < 2 * count; r += 2)
                {
                    re += a[r] * b[r] + a[r + 1] * b[r + 1];
                    im += a[r] * b[r + 1] - a[r + 1] * b[r];
                }
                partial[start / RowBlock] = new Complex(re, im);
            });
        }
        GC.KeepAlive(_sector);
        Complex sum = 0;
        foreach (var p in partial) sum += p;
        return sum;
    }

    private delegate void BlockBody(int start, int count, double* h);

    private void ForBlocks(BlockBody body)
    {
        var d = Dimension;
        var blocks = (d + RowBlock - 1) / RowBlock;
        var t = CsrKernels.Threads(_threads);
        void Run(int k)
        {
            double* h = stackalloc double[2 * RowBlock];
            var start = k * RowBlock;
            body(start, Math.Min(RowBlock, d - start), h);
        }
        if (t == 1 || blocks == 1)
        {
            for (var k = 0; k < blocks; k++) Run(k);
            return;
        }
        // chunks of blocks: the scheduler's cost per task stays small beside a block of rows
        var chunk = Math.Max(1, Math.Min(64, blocks / (8 * t)));
        var chunks = (blocks + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = t }, c =>
        {
            var end = Math.Min(blocks, (c + 1) * chunk);
            for (var k = c * chunk; k < end; k++) Run(k);
        });
    }

    [ThreadStatic] private static uint[]? t_targets;
    [ThreadStatic] private static double[]? t_coefficients;
    [ThreadStatic] private static int[]? t_ends;

    /// <summary>
    /// h[0..2 count) = (H x) on the sector rows start..start + count (interleaved doubles). Every matrix element is a read of
    /// the table at a basis state and a read of x where it points, both at random over gigabytes at n = 30, so the rows are
    /// taken in groups of about 8192 elements in three passes: the target states of the flips (their table entries
    /// prefetched), the entries (the amplitudes they point to prefetched), and the sums; the reads of each pass are
    /// independent and their latencies overlap instead of adding up.
    /// </summary>
    private void Rows(int start, int count, double* x, double* h)
    {
        var table = _sector.Table;
        var reps = _sector.Representatives;
        var shift = _sector.IndexBits;
        var mask = _sector.IndexMask;
        var classes = _classes;
        var perRow = _fieldFlips.Length + _pairFlips.Length;
        var group = Math.Clamp(8192 / Math.Max(1, perRow), 8, RowBlock);
        var targets = t_targets ??= new uint[8192 + RowBlock * 8];
        if (targets.Length < group * perRow) targets = t_targets = new uint[group * perRow];
        var coefficients = t_coefficients ??= new double[targets.Length];
        if (coefficients.Length < targets.Length) coefficients = t_coefficients = new double[targets.Length];
        var ends = t_ends ??= new int[RowBlock];
        var prefetch = Sse.IsSupported;
        fixed (double* ratio = _ratio)
        fixed (uint* tg = targets)
        fixed (double* cf = coefficients)
        {
            for (var g0 = 0; g0 < count; g0 += group)
            {
                var m = Math.Min(group, count - g0);
                var e = 0;
                for (var r = 0; r < m; r++)
                {
                    var s = reps[start + g0 + r];
                    foreach (var (mk, c) in _fieldFlips)
                    {
                        var t = s ^ mk;
                        if (prefetch) Sse.Prefetch0(table + t);
                        tg[e] = t;
                        cf[e++] = c;
                    }
                    foreach (var (mk, b1, b2, c) in _pairFlips)
                    {
                        if ((((s >> b1) ^ (s >> b2)) & 1) == 0) continue;
                        var t = s ^ mk;
                        if (prefetch) Sse.Prefetch0(table + t);
                        tg[e] = t;
                        cf[e++] = c;
                    }
                    ends[r] = e;
                }
                for (var i = 0; i < e; i++)
                {
                    var u = table[tg[i]];
                    tg[i] = u;
                    if (prefetch) Sse.Prefetch0(x + 2L * (u & mask));
                }
                var q = 0;
                for (var r = 0; r < m; r++)
                {
                    var k = start + g0 + r;
                    var s = reps[k];
                    var d = Diagonal(s);
                    var re = d * x[2L * k];
                    var im = d * x[2L * k + 1];
                    var row = ratio + (int)(table[s] >> shift) * classes;
                    for (var end = ends[r]; q < end; q++)
                    {
                        var u = tg[q];
                        var f = cf[q] * row[(int)(u >> shift)];
                        var j = 2L * (u & mask);
                        re += f * x[j];
                        im += f * x[j + 1];
                    }
                    h[2 * (g0 + r)] = re;
                    h[2 * (g0 + r) + 1] = im;
                }
            }
        }
    }

    private void Check(int length, string name)
    {
        if (length != Dimension)
            throw new DimensionMismatchException("SectorXxzMap", name, $"a vector of length {Dimension} (the sector's dimension)", $"length {length}");
    }
}
