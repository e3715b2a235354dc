using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Dynamics;

/// <summary>
/// The linear ODE y' = G(t) y every solver reduces to: G = -i H(t) on kets (unitary), or the
/// vectorised Lindblad generator on vec(rho). G(t) = sum_k f_k(t) A_k with A_0 constant (f_0 = 1).
/// Knows where the coefficients jump and where they are constant, builds the combined map of a
/// constant interval (cached), and evaluates the derivative for the Runge-Kutta integrators.
/// </summary>
internal sealed class LinearGenerator
{
    private CsrMatrix?[]? _sparse;
    private readonly Func<CsrMatrix[]>? _lazyTerms;
    private readonly ComplexMatrix?[] _dense;
    private readonly TimeFunction?[] _coefficients;
    private readonly int _threads;
    private OperatorFamily? _family;
    private ILinearMap[]? _termMaps;
    private (Complex[] Key, ILinearMap Map)? _cached;

    private LinearGenerator(int n, bool unitary, CsrMatrix?[]? sparse, ComplexMatrix?[] dense, TimeFunction?[] coefficients, int threads, Func<CsrMatrix[]>? lazyTerms = null)
    {
        _lazyTerms = lazyTerms;
        Dimension = n;
        Unitary = unitary;
        _sparse = sparse;
        _dense = dense;
        _coefficients = coefficients;
        _threads = threads;
    }

    /// <summary>G = -i H(t) for the Hamiltonian (terms: H_0, H_1, ...).</summary>
    public static LinearGenerator FromHamiltonian(Hamiltonian h, int threads)
    {
        var ops = new List<Operator> { h.Constant };
        ops.AddRange(h.Drives.Select(d => d.Operator));
        var coefficients = new TimeFunction?[ops.Count];
        for (var k = 1; k < ops.Count; k++) coefficients[k] = h.Drives[k - 1].Coefficient;
        return new LinearGenerator(h.Dimension, true,
            [.. ops.Select(o => o.SparseStorage)], [.. ops.Select(o => o.IsSparse ? null : o.ToDense())], coefficients, threads);
    }

    /// <summary>
    /// G = -i H for a time-independent Hermitian H given as a linear map (matrix-free), with an upper
    /// bound on its spectral radius for the method choice (Hermiticity is the caller's promise).
    /// </summary>
    public static LinearGenerator FromMap(ILinearMap h, double normBound, int threads) =>
        new(h.Dimension, true, [null], [null], [null], threads) { _matrixFree = h, _matrixFreeNorm = normBound };

    private ILinearMap? _matrixFree;
    private double _matrixFreeNorm;

    /// <summary>
    /// A Lindblad generator from its vectorised terms (A_0 constant; A_k multiplied by f_k), acting on
    /// vec(rho) of <paramref name="hermitianSide"/> x <paramref name="hermitianSide"/> matrices and
    /// preserving Hermiticity, which lets the Krylov propagator work in real Hermitian coordinates.
    /// </summary>
    public static LinearGenerator FromLindbladTerms(int hermitianSide, IReadOnlyList<CsrMatrix> terms, IReadOnlyList<TimeFunction?> coefficients, int threads) =>
        new(checked(hermitianSide * hermitianSide), false, [.. terms], new ComplexMatrix?[terms.Count], [.. coefficients], threads) { HermitianSide = hermitianSide };

    /// <summary>
    /// A Lindblad generator whose vectorised terms are assembled only when a Runge-Kutta integrator or a
    /// complex map needs them: constant intervals run on <paramref name="matrixForm"/> (the generator in
    /// Hermitian coordinates for the coefficients of the interval, e.g. <see cref="RealLindbladMap"/>).
    /// </summary>
    public static LinearGenerator FromLindbladMatrixForm(int hermitianSide, Func<CsrMatrix[]> terms, IReadOnlyList<TimeFunction?> coefficients, Func<Complex[], IRealMap> matrixForm, int threads) =>
        new(checked(hermitianSide * hermitianSide), false, null, new ComplexMatrix?[coefficients.Count], [.. coefficients], threads, terms) { HermitianSide = hermitianSide, _matrixForm = matrixForm };

    private Func<Complex[], IRealMap>? _matrixForm;

    private CsrMatrix?[] Sparse => _sparse ??= _lazyTerms!();

    /// <summary>
    /// The Arnoldi basis handed from one run of this generator to the next (<see cref="BufferSlot"/>): the runs of a charging setup
    /// (the grid, then the refinement of the maximal power) hold one basis, not one each. It lives as long as the generator.
    /// </summary>
    public BufferSlot ArnoldiBasis { get; } = new();

    /// <summary>D for a Lindblad generator on D x D matrices (0 for Hamiltonians).</summary>
    public int HermitianSide { get; private init; }

    private (Complex[] Key, IRealMap G)? _cachedReal;

    /// <summary>
    /// The real generator in Hermitian coordinates on a constant interval (see <see cref="HermitianCoordinates"/>):
    /// the matrix form when the generator has one, else the assembled real CSR matrix.
    /// </summary>
    public IRealMap ConstantHermitianGenerator(double t)
    {
        var key = CoefficientsAt(t);
        if (_cachedReal is { } c && c.Key.AsSpan().SequenceEqual(key)) return c.G;
        IRealMap g;
        if (_matrixForm is not null)
        {
            g = _matrixForm(key);
        }
        else
        {
            var l = key.Length == 1 ? Sparse[0]! : Family.CombineSparse(key);
            g = new RealCsrMap(HermitianCoordinates.Generator(l, HermitianSide));
        }
        _cachedReal = (key, g);
        return g;
    }

    /// <summary>Dimension of y.</summary>
    public int Dimension { get; }

    /// <summary>True for G = -i H with H Hermitian.</summary>
    public bool Unitary { get; }

    /// <summary>Number of terms (the constant one included).</summary>
    public int TermCount => _coefficients.Length;

    /// <summary>True when H or L is constant on [a, b].</summary>
    public bool IsConstantOn(double a, double b) => _coefficients.All(c => c is null || c.IsConstantOn(a, b));

    /// <summary>The first breakpoint strictly after t (or +infinity).</summary>
    public double NextBreakpoint(double t)
    {
        var next = double.PositiveInfinity;
        foreach (var c in _coefficients)
        {
            if (c is null) continue;
            foreach (var b in c.Breakpoints)
            {
                if (b > t && b < next) next = b;
            }
        }
        return next;
    }

    private Complex[] CoefficientsAt(double t)
    {
        var c = new Complex[_coefficients.Length];
        for (var k = 0; k < c.Length; k++) c[k] = _coefficients[k] is { } f ? f.Value(t) : 1;
        return c;
    }

    private OperatorFamily Family => _family ??= new OperatorFamily(Sparse, _dense, Dimension);

    /// <summary>
    /// The map of H (unitary: the Hermitian H itself, without -i) or of L on an interval where it is
    /// constant, evaluated at an interior time <paramref name="t"/> (cached while the coefficients repeat).
    /// </summary>
    public ILinearMap ConstantMap(double t)
    {
        var key = CoefficientsAt(t);
        if (_cached is { } c && c.Key.AsSpan().SequenceEqual(key)) return c.Map;
        ILinearMap map;
        if (key.Length == 1 || key.Skip(1).All(z => z == Complex.Zero))
        {
            map = _matrixFree ?? (Sparse[0] is { } s ? LinearMap.From(s, _threads) : LinearMap.From(_dense[0]!));
        }
        else
        {
            map = Family.Map(key, _threads);
        }
        _cached = (key, map);
        return map;
    }

    /// <summary>The dense H (or L) at time t.</summary>
    public ComplexMatrix DenseAt(double t)
    {
        var key = CoefficientsAt(t);
        if (_matrixFree is not null) return MatrixFreeDense(_matrixFree);
        if (key.Length == 1) return _dense[0]?.Clone() ?? Sparse[0]!.ToDense();
        return Family.CombineDense(key);
    }

    /// <summary>Stored entries of the combined operator.</summary>
    public double Cost => _matrixFree?.Cost ?? (_coefficients.Length == 1 ? (Sparse[0]?.NonZeros ?? (double)Dimension * Dimension) : Family.NonZeros);

    /// <summary>The dense matrix of a matrix-free map, column by column (for the exact method on small maps).</summary>
    private static ComplexMatrix MatrixFreeDense(ILinearMap h)
    {
        var n = h.Dimension;
        var m = new ComplexMatrix(n, n);
        var e = new Complex[n];
        for (var j = 0; j < n; j++)
        {
            e[j] = 1;
            h.Apply(e, m.Column(j));
            e[j] = 0;
        }
        return m;
    }

    /// <summary>An upper bound on the spectral radius of H(t) (or L(t)): the largest absolute row sum.</summary>
    public double NormBound(double t)
    {
        var key = CoefficientsAt(t);
        double total = 0;
        for (var k = 0; k < key.Length; k++)
        {
            if (key[k] == Complex.Zero) continue;
            total += key[k].Magnitude * RowSumNorm(k);
        }
        return total;
    }

    /// <summary>
    /// An interval containing the spectrum of H(t): the map's own rigorous interval when it has one
    /// (<see cref="ISpectralInterval"/>, a matrix-free Hamiltonian with a real positive coefficient), clipped to
    /// [-r, r] with r = <see cref="NormBound"/>; otherwise [-r, r].
    /// </summary>
    public (double Lower, double Upper) SpectralInterval(double t)
    {
        var r = NormBound(t);
        if (Unitary && _matrixFree is ISpectralInterval s && _coefficients.Length == 1)
        {
            var c = CoefficientsAt(t)[0];
            if (c.Imaginary == 0 && c.Real > 0)
            {
                var (lo, hi) = s.SpectralInterval;
                lo = Math.Max(c.Real * lo, -r);
                hi = Math.Min(c.Real * hi, r);
                if (lo <= hi) return (lo, hi);
            }
        }
        return (-r, r);
    }

    private readonly Dictionary<int, double> _rowSums = [];

    private double RowSumNorm(int k)
    {
        if (_matrixFree is not null) return _matrixFreeNorm;
        if (_rowSums.TryGetValue(k, out var v)) return v;
        double best = 0;
        if (Sparse[k] is { } s)
        {
            var rp = s.RowPointers;
            var vals = s.Values;
            for (var r = 0; r < s.Rows; r++)
            {
                double sum = 0;
                for (var p = rp[r]; p < rp[r + 1]; p++) sum += vals[p].Magnitude;
                best = Math.Max(best, sum);
            }
        }
        else
        {
            var d = _dense[k]!;
            for (var r = 0; r < d.Rows; r++)
            {
                double sum = 0;
                for (var c = 0; c < d.Cols; c++) sum += d[r, c].Magnitude;
                best = Math.Max(best, sum);
            }
        }
        _rowSums[k] = best;
        return best;
    }

    private ILinearMap[] TermMaps => _termMaps ??=
        _matrixFree is not null ? [_matrixFree] :
        [.. Enumerable.Range(0, TermCount).Select(k => Sparse[k] is { } s ? LinearMap.From(s, _threads) : LinearMap.From(_dense[k]!))];

    /// <summary>Mat-vecs per derivative evaluation (terms with a non-zero coefficient).</summary>
    public long MatVecs { get; private set; }

    /// <summary>y = G(t) x (including -i for the unitary form).</summary>
    public void Derivative(double t, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var maps = TermMaps;
        var scale = Unitary ? -Complex.ImaginaryOne : Complex.One;
        maps[0].Apply(x, y);
        MatVecs++;
        if (Unitary) VectorOps.Scale(scale, y);
        for (var k = 1; k < maps.Length; k++)
        {
            var f = _coefficients[k]!.Value(t);
            if (f == 0) continue;
            maps[k].ApplyAdd(scale * f, x, y);
            MatVecs++;
        }
    }
}
