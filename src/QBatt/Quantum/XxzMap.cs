using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
/// Hamiltonian) at sizes where a CSR matrix would not fit. The diagonal (the Z terms) is kept as one
/// array of 2^n doubles; every flip term (X_i, and X_i X_j + Y_i Y_j, which maps |..0..1..&gt; to
/// 2 |..1..0..&gt; and annihilates aligned pairs) is applied as contiguous runs of real axpys, block by
/// block, in parallel over blocks of the output. Qubit 0 is the most significant bit of the basis
/// index and |0&gt; is sigma_z = +1, as in <see cref="PauliSum"/>, which builds the same operator as CSR
/// (<see cref="ToOperator"/>; the tests' oracle).
/// </summary>
public sealed class XxzMap : ILinearMap
{
    /// <summary>Largest number of qubits (the index of a basis state is an int and vectors are single arrays).</summary>
    public const int MaxQubits = 28;

    private readonly record struct Flip(int Mask, int Low, int Bit1, int Bit2, double C);

    private readonly double[] _diagonal;
    private readonly Flip[] _flips;
    private readonly double[] _hz;
    private readonly double[] _hx;
    private readonly XxzCoupling[] _couplings;
    private readonly int _threads;
    private readonly int _blockBits;

    /// <summary>
    /// H on <paramref name="qubits"/> qubits with fields hz (<paramref name="longitudinal"/>) and hx
    /// (<paramref name="transverse"/>), one entry per qubit or null for none, and two-qubit terms
    /// (repeated pairs add up). <paramref name="threads"/> = 0: all processors.
    /// </summary>
    public XxzMap(int qubits, IReadOnlyList<double>? longitudinal, IReadOnlyList<double>? transverse, IEnumerable<XxzCoupling> couplings, int threads = 0)
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
        _diagonal = BuildDiagonal();
        Cost = Dimension * (1.0 + _flips.Sum(f => f.Bit1 < 0 ? 1.0 : 0.5));
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

    /// <summary>Bytes held by the map (the diagonal).</summary>
    public long StoredBytes => 8L * Dimension;

    /// <summary>
    /// A rigorous upper bound on the operator norm: sum |hz| + sum |hx| + sum (|Jz| + 2 |Jxy|)
    /// (||X_i X_j + Y_i Y_j|| = 2).
    /// </summary>
    public double NormBound => _hz.Sum(Math.Abs) + _hx.Sum(Math.Abs) + _couplings.Sum(c => Math.Abs(c.Zz) + 2 * Math.Abs(c.Xy));

    /// <summary>The diagonal entry &lt;x|H|x&gt;.</summary>
    public double Diagonal(int index) => _diagonal[index];

    private double[] BuildDiagonal()
    {
        var n = Qubits;
        var hz = _hz;
        var zz = _couplings.Where(c => c.Zz != 0).Select(c => (B1: Bit(c.I), B2: Bit(c.J), c.Zz)).ToArray();
        var d = new double[Dimension];
        var blocks = Dimension >> _blockBits;
        var size = 1 << _blockBits;
        For(blocks, k =>
        {
            var start = k * size;
            for (var x = start; x < start + size; x++)
            {
                double s = 0;
                for (var i = 0; i < n; i++)
                    if (hz[i] != 0) s += ((x >> (n - 1 - i)) & 1) == 0 ? hz[i] : -hz[i];
                foreach (var (b1, b2, c) in zz)
                    s += (((x >> b1) ^ (x >> b2)) & 1) == 0 ? c : -c;
                d[x] = s;
            }
        });
        return d;
    }

    private void For(int count, Action<int> body)
    {
        var t = _threads > 0 ? _threads : Environment.ProcessorCount;
        if (t == 1 || count == 1)
        {
            for (var k = 0; k < count; k++) body(k);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = t }, body);
    }

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, Complex.One, false);

    /// <inheritdoc/>
    public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => Run(x, y, alpha, true);

    private unsafe void Run(ReadOnlySpan<Complex> x, Span<Complex> y, Complex alpha, bool accumulate)
    {
        if (x.Length != Dimension)
            throw new DimensionMismatchException("XxzMap.Apply", "x", $"length {Dimension}", $"length {x.Length}");
        if (y.Length != Dimension)
            throw new DimensionMismatchException("XxzMap.Apply", "y", $"length {Dimension}", $"length {y.Length}");
        var size = 1 << _blockBits;
        var blocks = Dimension >> _blockBits;
        fixed (Complex* px = x)
        fixed (Complex* py = y)
        {
            var xp = (double*)px;
            var yp = (double*)py;
            if (!accumulate)
            {
                For(blocks, k => Block(k * size, size, xp, yp + 2L * k * size));
                return;
            }
            var t = _threads > 0 ? _threads : Environment.ProcessorCount;
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = t == 1 ? 1 : t },
                () => new double[2 * size],
                (k, _, scratch) =>
                {
                    fixed (double* s = scratch)
                    {
                        Block(k * size, size, xp, s);
                        AddScaled(alpha, s, yp + 2L * k * size, size);
                    }
                    return scratch;
                },
                _ => { });
        }
    }

    /// <summary>out[0..size) = (H x)[start..start+size) (interleaved doubles).</summary>
    private unsafe void Block(int start, int size, double* x, double* output)
    {
        fixed (double* d = _diagonal)
        {
            var xs = x + 2L * start;
            var ds = d + start;
            for (var r = 0; r < size; r++)
            {
                output[2 * r] = ds[r] * xs[2 * r];
                output[2 * r + 1] = ds[r] * xs[2 * r + 1];
            }
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

    /// <summary>Expectation value &lt;psi|H|psi&gt; (one application; real since H is Hermitian).</summary>
    public double Expectation(ReadOnlySpan<Complex> psi)
    {
        var y = new Complex[Dimension];
        Apply(psi, y);
        return VectorOps.Dot(psi, y).Real;
    }
}
