using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// Krylov (Lanczos) approximation of exp(-i s H) v for a Hermitian H and every s in [0, <see cref="Reach"/>]
/// from one Krylov basis: exp(-i s H) v ≈ ||v|| V_m exp(-i s T_m) e_1, with T_m the Lanczos tridiagonal
/// matrix (Hochbruck and Lubich, SIAM J. Numer. Anal. 34, 1911 (1997)). The basis grows until the a
/// posteriori error estimate of Saad (SIAM J. Numer. Anal. 29, 209 (1992)),
/// err(s) ≈ ||v|| β_m |[exp(-i s T_m)]_{m,1}|, stays below the allowed error up to the requested
/// horizon, or until <see cref="MaxDimension"/> vectors; <see cref="Reach"/> is then the longest step
/// that meets the tolerance. No reorthogonalisation: the approximation of exp(-isH)v remains accurate
/// in finite precision when orthogonality is lost (Druskin, Greenbaum and Knizhnerman, SIAM J. Sci.
/// Comput. 19, 38 (1998)), and the estimate is checked on the computed vectors.
/// One instance holds one basis and reuses its storage for the next <see cref="Build"/>.
/// </summary>
public sealed class LanczosExponential
{
    private readonly ILinearMap _h;
    private readonly int _n;
    private readonly int _threads;
    // 64-byte aligned, so that OpenBLAS takes the basis as it is (AlignedArray)
    private AlignedArray<Complex> _basis = AlignedArray<Complex>.Empty;
    private AlignedArray<Complex> _work = AlignedArray<Complex>.Empty;
    private readonly double[] _alpha;
    private readonly double[] _beta;
    private double[] _lambda = [];
    private double[] _q = [];
    private double _norm;
    private int _size;

    /// <summary>A propagator kernel for the Hermitian map <paramref name="h"/> (Hermiticity is the caller's promise).</summary>
    public LanczosExponential(ILinearMap h, int maxDimension = 64, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(h);
        Guard.AtLeast(maxDimension, 2, "LanczosExponential", "maxDimension");
        _h = h;
        _n = h.Dimension;
        _threads = threads;
        MaxDimension = Math.Max(1, Math.Min(maxDimension, _n));
        _alpha = new double[MaxDimension];
        _beta = new double[MaxDimension];
    }

    /// <summary>Largest basis size.</summary>
    public int MaxDimension { get; }

    /// <summary>Size m of the current basis.</summary>
    public int BasisSize => _size;

    /// <summary>||v|| of the vector the basis was built from.</summary>
    public double Norm => _norm;

    /// <summary>The longest step s for which the current basis meets the tolerance (or the horizon, if reached).</summary>
    public double Reach { get; private set; }

    /// <summary>True when the Krylov space of v is invariant under H (the approximation is exact for every s).</summary>
    public bool Invariant { get; private set; }

    /// <summary>Mat-vecs with H since construction.</summary>
    public long MatVecs { get; private set; }

    /// <summary>The basis: m orthonormal vectors (up to rounding) as the columns of a column-major block.</summary>
    public ReadOnlySpan<Complex> Basis => _basis.AsSpan(0, _n * _size);

    /// <summary>Diagonal of T_m.</summary>
    public ReadOnlySpan<double> Alpha => _alpha.AsSpan(0, _size);

    /// <summary>Off-diagonal of T_m (β_1..β_{m-1}) followed by β_m, the coupling to the next Krylov vector.</summary>
    public ReadOnlySpan<double> Beta => _beta.AsSpan(0, _size);

    /// <summary>
    /// Builds the basis of <paramref name="v"/> and returns <see cref="Reach"/>: the largest s &lt;= horizon with
    /// err(s) &lt;= max(<paramref name="errorPerTime"/> s, <paramref name="errorFloor"/>), growing the basis
    /// until the horizon is reached or the basis has <see cref="MaxDimension"/> vectors.
    /// </summary>
    public double Build(ReadOnlySpan<Complex> v, double horizon, double errorPerTime, double errorFloor = 1e-15)
    {
        if (v.Length != _n)
            throw new DimensionMismatchException("LanczosExponential.Build", "v", $"length {_n}", $"length {v.Length}");
        Guard.NonNegative(horizon, "LanczosExponential.Build", "horizon");
        Guard.NonNegative(errorPerTime, "LanczosExponential.Build", "errorPerTime");
        Invariant = false;
        _norm = VectorOps.Norm(v);
        _size = 0;
        if (_norm == 0 || horizon == 0)
        {
            Reach = horizon;
            Invariant = _norm == 0;
            if (_norm != 0) Start(v);
            if (_size > 0) Finish();
            return Reach;
        }
        Start(v);
        var scale = 0.0;
        for (var j = 0; ; j++)
        {
            var vj = Column(j);
            var w = Column(j + 1);
            _h.Apply(vj, w);
            MatVecs++;
            var a = BlockVectorOps.SubtractThenDot(w, j > 0 ? Column(j - 1) : default, j > 0 ? _beta[j - 1] : 0, vj, _threads).Real;
            var b = Math.Sqrt(BlockVectorOps.SubtractThenNorm2(w, a, vj, _threads));
            _alpha[j] = a;
            _beta[j] = b;
            _size = j + 1;
            scale = Math.Max(scale, Math.Abs(a) + b + (j > 0 ? _beta[j - 1] : 0));
            if (!(b > 1e-13 * scale) || _size == _n)
            {
                // happy breakdown: the Krylov space is invariant, the approximation is exact
                Invariant = true;
                Reach = horizon;
                break;
            }
            if ((IsCheckpoint(_size) && !FullBasisExpected(horizon)) || _size == MaxDimension)
            {
                var reach = StepFor(horizon, errorPerTime, errorFloor);
                if (reach >= horizon || _size == MaxDimension)
                {
                    Reach = Math.Min(reach, horizon);
                    break;
                }
            }
            BlockVectorOps.Scale(w, 1 / b, _threads);
        }
        _lastFullReach = _size == MaxDimension && Reach < horizon ? Reach : 0;
        Finish();
        return Reach;
    }

    /// <summary>
    /// True when the previous basis had every allowed vector and still fell short of a horizon at least
    /// as long as this one's: intermediate convergence checks would only cost time.
    /// </summary>
    private bool FullBasisExpected(double horizon) => _lastFullReach > 0 && horizon > _lastFullReach;

    private double _lastFullReach;

    private static bool IsCheckpoint(int m) => m >= 3 && (m <= 12 ? m % 3 == 0 : m % Math.Max(4, m / 5) == 0);

    private void Start(ReadOnlySpan<Complex> v)
    {
        var need = (long)_n * (MaxDimension + 1);
        if (_basis.Length < need)
        {
            // a basis of 1 GiB and more: the buffers of an earlier run of the same problem (the refinement of a maximum reruns
            // it) are collected first, so the peak stays the memory estimate's instead of both bases side by side
            if (16 * need >= 1L << 30) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            _basis = new AlignedArray<Complex>(checked((int)need));
        }
        var v0 = Column(0);
        v.CopyTo(v0);
        BlockVectorOps.Scale(v0, 1 / _norm, _threads);
        _size = 1;
        _alpha[0] = 0;
        _beta[0] = 0;
    }

    private Span<Complex> Column(int j) => _basis.AsSpan(j * _n, _n);

    /// <summary>The largest s in (0, horizon] whose estimate meets the tolerance, from the first and last rows of Q.</summary>
    private double StepFor(double horizon, double errorPerTime, double errorFloor)
    {
        var m = _size;
        var rows = new double[2 * m];
        var lambda = TridiagonalEigen.Solve(_alpha, _beta, m, [0, m - 1], rows);
        var bm = _beta[m - 1] * _norm;
        double Estimate(double s)
        {
            Complex sum = 0;
            for (var k = 0; k < m; k++) sum += rows[k] * rows[m + k] * Complex.FromPolarCoordinates(1, -s * lambda[k]);
            return bm * sum.Magnitude;
        }
        // the estimate cannot be evaluated below the rounding of its sum of m phases (it is that noise at s -> 0)
        var noise = 8 * 2.2e-16 * Math.Sqrt(m) * bm;
        bool Ok(double s) => Estimate(s) <= Math.Max(Math.Max(errorPerTime * s, errorFloor), noise);
        // The estimate is a sum of phases e^{-i s lambda_k} and oscillates in s: it can meet the tolerance
        // at a long step while failing at shorter ones (a near-periodic spectrum, e.g. a spin under J_x,
        // makes it revive). Scan a grid that resolves the fastest phase from 0 and stop at the first
        // failure, so a step is accepted only when every shorter step meets the tolerance too.
        var spread = m > 1 ? lambda.Max() - lambda.Min() : 0;
        var dt = spread > 0 ? Math.Min(horizon / 16, Math.PI / (8 * spread)) : horizon / 16;
        dt = Math.Max(dt, horizon / 100_000);
        var lo = 0.0;
        for (var s = dt; ; s += dt)
        {
            var at = Math.Min(s, horizon);
            if (!Ok(at))
            {
                var hi = at;
                for (var it = 0; it < 30 && hi - lo > 1e-4 * Math.Max(lo, 1e-300); it++)
                {
                    var mid = 0.5 * (lo + hi);
                    if (Ok(mid)) lo = mid;
                    else hi = mid;
                }
                return lo < 1e-300 ? 0 : lo;
            }
            lo = at;
            if (at >= horizon) return horizon;
        }
    }

    private void Finish()
    {
        var m = _size;
        _q = new double[m * m];
        var all = new int[m];
        for (var i = 0; i < m; i++) all[i] = i;
        _lambda = TridiagonalEigen.Solve(_alpha, _beta, m, all, _q);
    }

    /// <summary>The a posteriori error estimate of the approximation at step s.</summary>
    public double ErrorEstimate(double s)
    {
        if (Invariant || _size == 0) return 0;
        var m = _size;
        Complex sum = 0;
        for (var k = 0; k < m; k++) sum += _q[(m - 1) * m + k] * _q[k] * Complex.FromPolarCoordinates(1, -s * _lambda[k]);
        return _beta[m - 1] * _norm * sum.Magnitude;
    }

    /// <summary>
    /// Coefficients c (length <see cref="BasisSize"/>) with exp(-i s H) v ≈ V c, i.e. c = ||v|| exp(-i s T_m) e_1.
    /// </summary>
    public void Coefficients(double s, Span<Complex> c)
    {
        var m = _size;
        if (c.Length != m)
            throw new DimensionMismatchException("LanczosExponential.Coefficients", "c", $"length {m}", $"length {c.Length}");
        Span<Complex> phase = m <= 256 ? stackalloc Complex[m] : new Complex[m];
        for (var k = 0; k < m; k++) phase[k] = _norm * _q[k] * Complex.FromPolarCoordinates(1, -s * _lambda[k]);
        for (var i = 0; i < m; i++)
        {
            Complex sum = 0;
            for (var k = 0; k < m; k++) sum += _q[i * m + k] * phase[k];
            c[i] = sum;
        }
    }

    /// <summary>y ≈ exp(-i s H) v from the current basis.</summary>
    public void State(double s, Span<Complex> y)
    {
        if (y.Length != _n)
            throw new DimensionMismatchException("LanczosExponential.State", "y", $"length {_n}", $"length {y.Length}");
        if (_size == 0)
        {
            y.Clear();
            return;
        }
        var c = new Complex[_size];
        Coefficients(s, c);
        BlockVectorOps.Combine(_basis.Span, c, y, _threads);
    }

    /// <summary>
    /// G = V^dag A V (m x m, column-major) for an operator A: m mat-vecs with A and one product of
    /// the basis blocks. Then &lt;A&gt;(s) = c^dag G c with c from <see cref="Coefficients"/>.
    /// </summary>
    public ComplexMatrix Project(ILinearMap a, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Dimension != _n)
            throw new DimensionMismatchException("LanczosExponential.Project", "a", $"dimension {_n}", $"dimension {a.Dimension}");
        var m = _size;
        var need = (long)_n * m;
        if (_work.Length < need)
        {
            if (16L * _n * MaxDimension >= 1L << 30) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            _work = new AlignedArray<Complex>(checked((int)((long)_n * MaxDimension)));
        }
        for (var j = 0; j < m; j++) a.Apply(_basis.AsSpan(j * _n, _n), _work.AsSpan(j * _n, _n));
        var g = new ComplexMatrix(m, m);
        (backend ?? LinearAlgebra.Default).Gemm(Op.Adjoint, Op.None, m, m, _n, Complex.One,
            _basis.AsSpan(0, (int)need), _work.AsSpan(0, (int)need), Complex.Zero, g.Span);
        return g;
    }

    /// <summary>Releases the basis storage (it is allocated again by the next <see cref="Build"/>).</summary>
    public void Release()
    {
        _basis = AlignedArray<Complex>.Empty;
        _work = AlignedArray<Complex>.Empty;
        _size = 0;
    }
}
