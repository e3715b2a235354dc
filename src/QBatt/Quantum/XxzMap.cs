using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>One two-qubit term of an <see cref="XxzMap"/>: <c>Zz</c> Z_i Z_j + <c>Xy</c> (X_i X_j + Y_i Y_j), i != j.</summary>
/// <param name="I">First qubit.</param>
/// <param name="J">Second qubit.</param>
/// <param name="Zz">Coefficient of Z_i Z_j.</param>
/// <param name="Xy">Coefficient of X_i X_j + Y_i Y_j.</param>
public readonly record struct XxzCoupling(int I, int J, double Zz, double Xy);

/// <summary>
/// The real qubit Hamiltonian
/// H = sum_i (hz_i Z_i + hx_i X_i) + sum_(i,j) [Jz_ij Z_i Z_j + Jxy_ij (X_i X_j + Y_i Y_j)]
/// applied without storing it (matrix-free): the spin-chain Hamiltonians of R13 (H0 and the charging
/// Hamiltonian) at sizes where a CSR matrix would not fit. The diagonal (the Z terms) is never stored at
/// full length: it is assembled per block of 2^13 amplitudes from tables over the low and high bits. The flip
/// terms (X_i, and X_i X_j + Y_i Y_j, which maps |..0..1..&gt; to 2 |..1..0..&gt; and annihilates aligned pairs) are
/// applied in parallel by the line kernel over blocks of the output (those below bit 16, XxzMap.Groups.cs and
/// XxzMap.Quads.cs) and by the gathered pass over tiles of the high bits (XxzMap.Gather.cs); terms that fit neither
/// are run axpys from the partner block. Qubit 0 is the most significant bit of the basis
/// index and |0&gt; is sigma_z = +1, as in <see cref="PauliSum"/>, which builds the same operator as CSR
/// (<see cref="ToOperator"/>; the tests' oracle).
/// </summary>
public sealed partial class XxzMap : ILinearMap, IFusedHermitianMap, ISpectralInterval
{
    /// <summary>Largest number of qubits (the index of a basis state is an int and vectors are single arrays).</summary>
    public const int MaxQubits = 28;

    private readonly record struct Flip(int Mask, int Low, int Bit1, int Bit2, double C);

    private readonly Flip[] _flips;
    private readonly double[] _hz;
    private readonly double[] _hx;
    private readonly XxzCoupling[] _couplings;
    private readonly int _threads;
    private readonly int _blockBits;

    // the diagonal, never stored at full length: D(x) = low[x mod 2^L] + high(x >> L) + cross(x), where cross
    // is the field the high bits of x exert on the low bits through the Z_i Z_j terms that straddle bit L
    private readonly double[] _lowDiagonal;
    private readonly (int Bit, double Hz)[] _highFields;
    private readonly (int B1, int B2, double Jz)[] _highPairs;
    private readonly (int LowBit, int HighBit, double Jz)[] _crossPairs;
    private readonly bool _hasDiagonal;
    private readonly Lazy<(double Lower, double Upper)> _interval;

    [ThreadStatic] private static double[]? t_block;
    [ThreadStatic] private static double[]? t_blockB;
    [ThreadStatic] private static double[]? t_diagonal;

    /// <summary>
    /// H on <paramref name="qubits"/> qubits with fields hz (<paramref name="longitudinal"/>) and hx
    /// (<paramref name="transverse"/>), one entry per qubit or null for none, and two-qubit terms
    /// (repeated pairs add up). <paramref name="threads"/> = 0: all processors.
    /// </summary>
    public XxzMap(int qubits, IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, int threads = 0)
        : this(qubits, longitudinal, transverse, couplings, threads, DefaultLineBits, DefaultGatherBits)
    {
    }

    /// <summary>
    /// As the public constructor, with the split of the terms chosen: flips whose mask is below 2^<paramref name="lineBits"/>
    /// go to the line kernel, the others to the gathered pass in tiles of 2^<paramref name="gatherBits"/> amplitudes where
    /// they fit (the tests take small values to exercise every path at small n).
    /// </summary>
    internal XxzMap(int qubits, IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, int threads, int lineBits, int gatherBits)
    {
        const string op = "XxzMap";
        ArgumentNullException.ThrowIfNull(couplings);
        if (qubits < 1 || qubits > MaxQubits)
            throw new ValidationException(op, "qubits", $"an integer in 1..{MaxQubits}", $"{qubits}");
        Guard.AtLeast(threads, 0, op, "threads");
        Qubits = qubits;
        _hz = Field(longitudinal, qubits, "longitudinal");
        _hx = Field(transverse, qubits, "transverse");
        _couplings = [.. couplings];
        foreach (var c in _couplings)
        {
            if ((uint)c.I >= (uint)qubits || (uint)c.J >= (uint)qubits || c.I == c.J)
                throw new ValidationException(op, "couplings", $"pairs of distinct qubits in 0..{qubits - 1}", $"({c.I}, {c.J})");
            Guard.Finite(c.Zz, op, "couplings");
            Guard.Finite(c.Xy, op, "couplings");
        }
        _threads = threads;
        _blockBits = Math.Min(qubits, 13);
        var flips = new List<Flip>();
        for (var i = 0; i < qubits; i++)
        {
            if (_hx[i] != 0) flips.Add(new Flip(1 << Bit(i), Bit(i), -1, -1, _hx[i]));
        }
        foreach (var g in _couplings.Where(c => c.Xy != 0).GroupBy(c => (Math.Min(c.I, c.J), Math.Max(c.I, c.J))))
        {
            var c = 2 * g.Sum(x => x.Xy);
            if (c == 0) continue;
            int b1 = Bit(g.Key.Item1), b2 = Bit(g.Key.Item2);
            flips.Add(new Flip((1 << b1) | (1 << b2), Math.Min(b1, b2), b1, b2, c));
        }
        _flips = [.. flips];
        Dimension = 1 << qubits;
        var lowBits = _blockBits;
        if (qubits >= 3) Partition(lineBits, gatherBits);
        var zz = _couplings.Where(c => c.Zz != 0).Select(c => (B1: Bit(c.I), B2: Bit(c.J), c.Zz)).ToArray();
        _hasDiagonal = _hz.Any(h => h != 0) || zz.Length > 0;
        _lowDiagonal = new double[1 << lowBits];
        for (var x = 0; x < _lowDiagonal.Length; x++)
        {
            double s = 0;
            for (var b = 0; b < lowBits; b++)
            {
                var h = _hz[Qubits - 1 - b];
                if (h != 0) s += ((x >> b) & 1) == 0 ? h : -h;
            }
            foreach (var (b1, b2, c) in zz)
                if (b1 < lowBits && b2 < lowBits) s += (((x >> b1) ^ (x >> b2)) & 1) == 0 ? c : -c;
            _lowDiagonal[x] = s;
        }
        _highFields = [.. Enumerable.Range(lowBits, qubits - lowBits).Select(b => (b, _hz[Qubits - 1 - b])).Where(f => f.Item2 != 0)];
        _highPairs = [.. zz.Where(p => p.B1 >= lowBits && p.B2 >= lowBits)];
        _crossPairs = [.. zz.Where(p => (p.B1 < lowBits) != (p.B2 < lowBits)).Select(p => p.B1 < lowBits ? (p.B1, p.B2, p.Zz) : (p.B2, p.B1, p.Zz))];
        Cost = Dimension * (1.0 + _flips.Sum(f => f.Bit1 < 0 ? 1.0 : 0.5));
        _interval = new(() => XxzSpectrum.Interval(Qubits, _hz, _hx, _couplings, NormBound));
    }

    private int Bit(int qubit) => Qubits - 1 - qubit;

    private static double[] Field(IReadOnlyList<double>? h, int n, string name)
    {
        if (h is null) return new double[n];
        if (h.Count != n)
            throw new DimensionMismatchException("XxzMap", name, $"{n} values (one per qubit)", $"{h.Count}");
        var r = h.ToArray();
        Guard.Finite(r, "XxzMap", name);
        return r;
    }

    /// <summary>Number of qubits n.</summary>
    public int Qubits { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double Cost { get; }

    /// <summary>
    /// Bytes held by the map: the diagonal over the low 13 bits of the index (64 KiB) and the term lists; the
    /// full diagonal is assembled block by block during each application and never stored.
    /// </summary>
    public long StoredBytes => 8L * _lowDiagonal.Length + 32L * (_flips.Length + _couplings.Length + 2 * Qubits);

    /// <summary>
    /// Bytes of the per-thread buffers of one application: the block buffers (three blocks of the low 13 bits), the line
    /// kernel's sub-tile scratch, and the gathered pass's tile of x when the map has one.
    /// </summary>
    public long WorkspaceBytesPerThread => (40L << _blockBits) + 8L * ((2 << TileBits) + 1024) + (Gathers ? 16L << _gatherBits : 0);

    /// <summary>
    /// A rigorous upper bound on the operator norm: sum |hz| + sum |hx| + sum (|Jz| + 2 |Jxy|)
    /// (||X_i X_j + Y_i Y_j|| = 2).
    /// </summary>
    public double NormBound => _hz.Sum(Math.Abs) + _hx.Sum(Math.Abs) + _couplings.Sum(c => Math.Abs(c.Zz) + 2 * Math.Abs(c.Xy));

    /// <summary>
    /// A rigorous interval containing the spectrum, from exactly diagonalised clusters of up to eight consecutive qubits
    /// and the two-qubit intervals of the couplings between them (<see cref="XxzSpectrum"/>); never wider than
    /// [-<see cref="NormBound"/>, <see cref="NormBound"/>]. Computed once.
    /// </summary>
    public (double Lower, double Upper) SpectralInterval => _interval.Value;

    /// <summary>The diagonal entry &lt;x|H|x&gt;.</summary>
    public double Diagonal(int index)
    {
        if ((uint)index >= (uint)Dimension)
            throw new ValidationException("XxzMap.Diagonal", "index", $"a basis index in 0..{Dimension - 1}", $"{index}");
        var size = 1 << _blockBits;
        var start = index & ~(size - 1);
        var d = new double[size];
        BlockDiagonal(start, d);
        return d[index - start];
    }

    /// <summary>d[r] = &lt;start + r|H|start + r&gt; for the block starting at <paramref name="start"/> (a multiple of 2^L).</summary>
    private void BlockDiagonal(int start, double[] d)
    {
        var size = 1 << _blockBits;
        double high = 0;
        foreach (var (b, h) in _highFields) high += ((start >> b) & 1) == 0 ? h : -h;
        foreach (var (b1, b2, c) in _highPairs) high += (((start >> b1) ^ (start >> b2)) & 1) == 0 ? c : -c;
        var low = _lowDiagonal;
        if (_crossPairs.Length == 0)
        {
            for (var r = 0; r < size; r++) d[r] = low[r] + high;
            return;
        }
        // the field f_b on each low bit b from the high bits; cross(r) = sum_b f_b s_b(r), built by doubling
        Span<double> f = stackalloc double[_blockBits];
        f.Clear();
        foreach (var (lb, hb, c) in _crossPairs) f[lb] += ((start >> hb) & 1) == 0 ? c : -c;
        double all = high;
        for (var b = 0; b < _blockBits; b++) all += f[b];
        d[0] = all;
        for (var b = 0; b < _blockBits; b++)
        {
            var shift = -2 * f[b];
            var half = 1 << b;
            for (var r = 0; r < half; r++) d[r + half] = d[r] + shift;
        }
        for (var r = 0; r < size; r++) d[r] += low[r];
    }

    private int ThreadCount => _threads > 0 ? _threads : Environment.ProcessorCount;

    private void For(int count, Action<int> body)
    {
        var t = ThreadCount;
        if (t == 1 || count == 1)
        {
            for (var k = 0; k < count; k++) body(k);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = t }, body);
    }

    private double[] BlockBuffer => t_block is { } b && b.Length == 2 << _blockBits ? b : t_block = new double[2 << _blockBits];

    private double[] BlockBufferB => t_blockB is { } b && b.Length == 2 << _blockBits ? b : t_blockB = new double[2 << _blockBits];

    private double[] DiagonalBuffer => t_diagonal is { } b && b.Length == 1 << _blockBits ? b : t_diagonal = new double[1 << _blockBits];

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, Complex.One, false);

    /// <inheritdoc/>
    public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, alpha, true);

    private void CheckLength(int length, string op, string argument)
    {
        if (length != Dimension)
            throw new DimensionMismatchException(op, argument, $"length {Dimension}", $"length {length}");
    }

    private unsafe void Run(ReadOnlySpan<Complex> x, Span<Complex> y, Complex alpha, bool accumulate)
    {
        CheckLength(x.Length, "XxzMap.Apply", "x");
        CheckLength(y.Length, "XxzMap.Apply", "y");
        var size = 1 << _blockBits;
        var blocks = Dimension >> _blockBits;
        fixed (Complex* px = x)
        fixed (Complex* py = y)
        {
            var xp = (double*)px;
            var yp = (double*)py;
            if (!accumulate)
            {
                For(blocks, k => HybridBlock(k * size, size, xp, yp + 2L * k * size));
            }
            else
            {
                For(blocks, k =>
                {
                    var scratch = BlockBuffer;
                    fixed (double* s = scratch)
                    {
                        HybridBlock(k * size, size, xp, s);
                        AddScaled(alpha, s, yp + 2L * k * size, size);
                    }
                });
            }
            if (Gathers) GatherPass(xp, yp, alpha);
        }
    }

    /// <inheritdoc/>
    void IFusedHermitianMap.Recur(ReadOnlySpan<Complex> x, Span<Complex> y, double alpha, double beta, double gamma, Complex[][] accumulators, Complex[] coefficients, Complex[] xCoefficients, bool initialize) =>
        Recur(x, y, alpha, beta, gamma, accumulators, coefficients, xCoefficients, initialize);

    /// <summary>
    /// One fused pass of a polynomial recurrence: first acc_q = coefficients[q] y + xCoefficients[q] x + (initialize ? 0 :
    /// acc_q) for every accumulator from y's entry values (no x term when xCoefficients is empty), then y = alpha H x + beta x
    /// + gamma y (gamma = 0 and no accumulators: y is only written), block by block while the block is in cache.
    /// </summary>
    internal unsafe void Recur(ReadOnlySpan<Complex> x, Span<Complex> y, double alpha, double beta, double gamma, Complex[][] accumulators, Complex[] coefficients, Complex[] xCoefficients, bool initialize)
    {
        CheckLength(x.Length, "XxzMap.Recur", "x");
        CheckLength(y.Length, "XxzMap.Recur", "y");
        foreach (var acc in accumulators) CheckLength(acc.Length, "XxzMap.Recur", "accumulators");
        var size = 1 << _blockBits;
        var blocks = Dimension >> _blockBits;
        fixed (Complex* px = x)
        fixed (Complex* py = y)
        {
            var xp = (double*)px;
            var yp = (double*)py;
            For(blocks, k =>
            {
                var scratch = BlockBuffer;
                fixed (double* s = scratch)
                {
                    HybridBlock(k * size, size, xp, s);
                    var offset = 2L * k * size;
                    // the sums take the block's x and entry y (contiguous, in cache) before y is overwritten
                    for (var q = 0; q < accumulators.Length; q++)
                    {
                        fixed (Complex* pa = accumulators[q])
                            Accumulate(xp + offset, yp + offset, (double*)pa + offset, size, coefficients[q], xCoefficients.Length > 0 ? xCoefficients[q] : Complex.Zero, initialize);
                    }
                    CombineBlock(s, xp + offset, yp + offset, size, alpha, beta, gamma);
                }
            });
            if (Gathers) GatherPass(xp, yp, alpha);
        }
    }

    private static unsafe void CombineBlock(double* hx, double* x, double* y, int size, double alpha, double beta, double gamma)
    {
        var n = 2 * size;
        if (gamma == 0)
        {
            for (var i = 0; i < n; i++) y[i] = alpha * hx[i] + beta * x[i];
            return;
        }
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(alpha);
            var bv = Vector256.Create(beta);
            var gv = Vector256.Create(gamma);
            for (; j + 3 < n; j += 4)
            {
                var v = Vector256.FusedMultiplyAdd(av, Vector256.Load(hx + j), Vector256.FusedMultiplyAdd(bv, Vector256.Load(x + j), gv * Vector256.Load(y + j)));
                Vector256.Store(v, y + j);
            }
        }
        for (; j < n; j++) y[j] = alpha * hx[j] + beta * x[j] + gamma * y[j];
    }

    private static unsafe void Accumulate(double* x, double* y, double* acc, int size, Complex c, Complex cx, bool initialize)
    {
        double cr = c.Real, ci = c.Imaginary, xr = cx.Real, xi = cx.Imaginary;
        var n = 2 * size;
        if (Avx.IsSupported && (n & 3) == 0)
        {
            // two amplitudes per vector: c y = cr (yr, yi) + ci (-yi, yr), the swap inside each pair by a permutation
            var crv = Vector256.Create(cr);
            var civ = Vector256.Create(-ci, ci, -ci, ci);
            var xrv = Vector256.Create(xr);
            var xiv = Vector256.Create(-xi, xi, -xi, xi);
            for (var r = 0; r < n; r += 4)
            {
                var yv = Vector256.Load(y + r);
                var xv = Vector256.Load(x + r);
                var t = Vector256.FusedMultiplyAdd(crv, yv, Vector256.FusedMultiplyAdd(civ, Avx.Permute(yv, 0b0101),
                    Vector256.FusedMultiplyAdd(xrv, xv, xiv * Avx.Permute(xv, 0b0101))));
                Vector256.Store(initialize ? t : t + Vector256.Load(acc + r), acc + r);
            }
            return;
        }
        if (initialize)
        {
            for (var r = 0; r < n; r += 2)
            {
                double yr = y[r], yi = y[r + 1], ar = x[r], ai = x[r + 1];
                acc[r] = cr * yr - ci * yi + xr * ar - xi * ai;
                acc[r + 1] = cr * yi + ci * yr + xr * ai + xi * ar;
            }
            return;
        }
        if (xr != 0 || xi != 0)
        {
            for (var r = 0; r < n; r += 2)
            {
                double yr = y[r], yi = y[r + 1], ar = x[r], ai = x[r + 1];
                acc[r] += cr * yr - ci * yi + xr * ar - xi * ai;
                acc[r + 1] += cr * yi + ci * yr + xr * ai + xi * ar;
            }
            return;
        }
        if (ci == 0)
        {
            for (var r = 0; r < n; r++) acc[r] += cr * y[r];
            return;
        }
        if (cr == 0)
        {
            for (var r = 0; r < n; r += 2)
            {
                acc[r] -= ci * y[r + 1];
                acc[r + 1] += ci * y[r];
            }
            return;
        }
        for (var r = 0; r < n; r += 2)
        {
            double yr = y[r], yi = y[r + 1];
            acc[r] += cr * yr - ci * yi;
            acc[r + 1] += cr * yi + ci * yr;
        }
    }

    /// <inheritdoc/>
    Complex IExpectationMap.Expectation(ReadOnlySpan<Complex> psi) => Bilinear(null, psi);

    /// <summary>
    /// &lt;A psi|B psi&gt; for this map A and <paramref name="other"/> B on the same qubits (B = null: &lt;psi|A|psi&gt;),
    /// block by block without vectors of the full length; sums in a fixed order (deterministic for any thread count).
    /// </summary>
    internal unsafe Complex Bilinear(XxzMap? other, ReadOnlySpan<Complex> psi)
    {
        CheckLength(psi.Length, "XxzMap.Expectation", "psi");
        if (other is not null && (other.Qubits != Qubits || other._blockBits != _blockBits))
            throw new DimensionMismatchException("XxzMap.Bilinear", "other", $"a map on {Qubits} qubits", $"{other.Qubits} qubits");
        var size = 1 << _blockBits;
        var blocks = Dimension >> _blockBits;
        var partial = new Complex[blocks];
        fixed (Complex* pp = psi)
        {
            var xp = (double*)pp;
            For(blocks, k =>
            {
                var a = BlockBuffer;
                fixed (double* s = a)
                {
                    // <psi|A|psi> takes the gathered terms in their own pass below; <A psi|B psi> needs whole blocks
                    HybridBlock(k * size, size, xp, s, complete: other is not null);
                    if (other is null)
                    {
                        partial[k] = DotPairs(xp + 2L * k * size, s, size);
                    }
                    else
                    {
                        var b = BlockBufferB;
                        fixed (double* t = b)
                        {
                            other.HybridBlock(k * size, size, xp, t, complete: true);
                            partial[k] = DotPairs(s, t, size);
                        }
                    }
                }
            });
        }
        Complex sum = 0;
        foreach (var p in partial) sum += p;
        if (other is null && Gathers)
        {
            fixed (Complex* pp = psi) sum += GatherExpectation((double*)pp);
        }
        return sum;
    }

    /// <summary>&lt;a|b&gt; = sum conj(a_r) b_r over n complex numbers stored as interleaved doubles, summed in order.</summary>
    private static unsafe Complex DotPairs(double* a, double* b, int n)
    {
        double re = 0, im = 0;
        for (var r = 0; r < 2 * n; r += 2)
        {
            re += a[r] * b[r] + a[r + 1] * b[r + 1];
            im += a[r] * b[r + 1] - a[r + 1] * b[r];
        }
        return new Complex(re, im);
    }

    /// <summary>out[0..size) = (H x)[start..start+size) (interleaved doubles); d is a block of scratch for the diagonal.</summary>
    private unsafe void Block(int start, int size, double* x, double* output, double[] diagonal)
    {
        var xs = x + 2L * start;
        if (_hasDiagonal)
        {
            BlockDiagonal(start, diagonal);
            fixed (double* ds = diagonal)
            {
                for (var r = 0; r < size; r++)
                {
                    output[2 * r] = ds[r] * xs[2 * r];
                    output[2 * r + 1] = ds[r] * xs[2 * r + 1];
                }
            }
        }
        else
        {
            new Span<double>(output, 2 * size).Clear();
        }
        foreach (var f in _flips)
        {
            var run = 1 << f.Low;
            var conditional = f.Bit1 >= 0;
            if (run == 1)
            {
                for (var r = 0; r < size; r++)
                {
                    var idx = start + r;
                    if (conditional && (((idx >> f.Bit1) ^ (idx >> f.Bit2)) & 1) == 0) continue;
                    var src = x + 2L * (idx ^ f.Mask);
                    output[2 * r] += f.C * src[0];
                    output[2 * r + 1] += f.C * src[1];
                }
                continue;
            }
            var length = Math.Min(run, size);
            for (var s = 0; s < size; s += length)
            {
                var idx = start + s;
                if (conditional && (((idx >> f.Bit1) ^ (idx >> f.Bit2)) & 1) == 0) continue;
                Axpy(f.C, x + 2L * (idx ^ f.Mask), output + 2 * s, 2 * length);
            }
        }
    }

    /// <summary>y[0..n) += c x[0..n) on doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Axpy(double c, double* x, double* y, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var cv = Vector256.Create(c);
            for (; i + 7 < n; i += 8)
            {
                var a = Vector256.Load(y + i);
                var b = Vector256.Load(y + i + 4);
                Vector256.Store(Vector256.FusedMultiplyAdd(cv, Vector256.Load(x + i), a), y + i);
                Vector256.Store(Vector256.FusedMultiplyAdd(cv, Vector256.Load(x + i + 4), b), y + i + 4);
            }
        }
        for (; i < n; i++) y[i] += c * x[i];
    }

    /// <summary>y[0..size) += alpha s[0..size) on complex numbers stored as interleaved doubles.</summary>
    private static unsafe void AddScaled(Complex alpha, double* s, double* y, int size)
    {
        var ys = new Span<Complex>(y, size);
        var ss = new ReadOnlySpan<Complex>(s, size);
        VectorOps.Axpy(alpha, ss, ys);
    }

    /// <summary>The same operator as a sparse <see cref="Operator"/> built by <see cref="PauliSum"/> (n &lt;= 24), e.g. to check the map or for small systems.</summary>
    public Operator ToOperator(int threads = 0)
    {
        if (Qubits > 24)
            throw new ResourceException("XxzMap.ToOperator", "qubits", "at most 24 qubits for a CSR matrix", $"{Qubits}");
        var s = new PauliSum(Qubits);
        for (var i = 0; i < Qubits; i++)
        {
            if (_hz[i] != 0) s.Add(_hz[i], i, 'Z');
            if (_hx[i] != 0) s.Add(_hx[i], i, 'X');
        }
        foreach (var c in _couplings)
        {
            if (c.Zz != 0) s.Add(c.Zz, c.I, 'Z', c.J, 'Z');
            if (c.Xy != 0) s.Add(c.Xy, c.I, 'X', c.J, 'X').Add(c.Xy, c.I, 'Y', c.J, 'Y');
        }
        return s.ToOperator(threads);
    }

    /// <summary>Expectation value &lt;psi|H|psi&gt; (real since H is Hermitian), block by block without a vector of the full length.</summary>
    public double Expectation(ReadOnlySpan<Complex> psi) => Bilinear(null, psi).Real;
}
