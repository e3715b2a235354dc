using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// Krylov (Arnoldi) approximation of exp(s L) v for a general (non-normal) map L such as a Lindblad
/// generator, for every s in [0, <see cref="Reach"/>] from one basis: exp(s L) v ≈ ||v|| V_m exp(s H_m) e_1
/// with H_m the Hessenberg matrix of the Arnoldi process (modified Gram-Schmidt). Step control follows
/// Expokit (Sidje, ACM TOMS 24, 130 (1998)): a trial step from the previous one, Saad's estimate
/// err(s) ≈ ||v|| h_{m+1,m} |[exp(s H_m)]_{m,1}|, and a shorter step when it exceeds the tolerance.
/// Small matrix exponentials use <see cref="MatrixFunctions.Expm"/>.
/// </summary>
public sealed class ArnoldiExponential
{
    private readonly ILinearMap _l;
    private readonly int _n;
    private readonly int _threads;
    private readonly ILinearAlgebraBackend? _backend;
    private Complex[] _basis = [];
    private readonly Complex[] _h;
    private ComplexMatrix _hm = new(0, 0);
    private double _norm;
    private int _size;
    private double _next;
    private readonly int _depth;

    /// <summary>
    /// A propagator kernel for the map <paramref name="l"/>. <paramref name="orthogonalizationDepth"/> q &gt; 0
    /// orthogonalises each new vector against the previous q only (incomplete orthogonalisation: the
    /// relation L V_m = V_m H_m + h v_{m+1} e_m^T and hence the error estimate still hold, at a fraction of
    /// the cost for nearly normal maps such as weakly damped Lindblad generators); 0 = full Arnoldi.
    /// </summary>
    public ArnoldiExponential(ILinearMap l, int maxDimension = 30, int threads = 0, ILinearAlgebraBackend? backend = null, int orthogonalizationDepth = 0)
    {
        Guard.AtLeast(orthogonalizationDepth, 0, "ArnoldiExponential", "orthogonalizationDepth");
        _depth = orthogonalizationDepth;
        ArgumentNullException.ThrowIfNull(l);
        Guard.AtLeast(maxDimension, 2, "ArnoldiExponential", "maxDimension");
        _l = l;
        _n = l.Dimension;
        _threads = threads;
        _backend = backend;
        MaxDimension = Math.Max(1, Math.Min(maxDimension, _n));
        _h = new Complex[(MaxDimension + 1) * MaxDimension];
    }

    /// <summary>Largest basis size.</summary>
    public int MaxDimension { get; }

    /// <summary>Size m of the current basis.</summary>
    public int BasisSize => _size;

    /// <summary>||v|| of the vector the basis was built from.</summary>
    public double Norm => _norm;

    /// <summary>The step s the current basis was accepted for.</summary>
    public double Reach { get; private set; }

    /// <summary>True when the Krylov space of v is invariant under L.</summary>
    public bool Invariant { get; private set; }

    /// <summary>The error estimate of the accepted step.</summary>
    public double StepError { get; private set; }

    /// <summary>Mat-vecs with L since construction.</summary>
    public long MatVecs { get; private set; }

    /// <summary>Rejected trial steps since construction.</summary>
    public int Rejections { get; private set; }

    /// <summary>The basis: m vectors as the columns of a column-major block.</summary>
    public ReadOnlySpan<Complex> Basis => _basis.AsSpan(0, _n * _size);

    /// <summary>The m x m Hessenberg matrix H_m.</summary>
    public ComplexMatrix Hessenberg => _hm.Clone();

    /// <summary>
    /// Builds the basis of <paramref name="v"/> and chooses the step: the horizon if the estimate allows
    /// it, else the longest trial step with err(s) &lt;= max(<paramref name="errorPerTime"/> s, <paramref name="errorFloor"/>).
    /// Returns <see cref="Reach"/>.
    /// </summary>
    public double Build(ReadOnlySpan<Complex> v, double horizon, double errorPerTime, double errorFloor = 1e-15)
    {
        if (v.Length != _n)
            throw new DimensionMismatchException("ArnoldiExponential.Build", "v", $"length {_n}", $"length {v.Length}");
        Guard.NonNegative(horizon, "ArnoldiExponential.Build", "horizon");
        Guard.NonNegative(errorPerTime, "ArnoldiExponential.Build", "errorPerTime");
        _norm = VectorOps.Norm(v);
        Invariant = false;
        StepError = 0;
        var need = (long)_n * (MaxDimension + 1);
        if (_basis.Length < need) _basis = GC.AllocateUninitializedArray<Complex>(checked((int)need));
        Array.Clear(_h);
        if (_norm == 0 || horizon == 0)
        {
            _size = _norm == 0 ? 0 : 1;
            if (_size == 1) Normalised(v);
            _hm = new ComplexMatrix(_size, _size);
            Invariant = _norm == 0;
            Reach = horizon;
            return Reach;
        }
        Normalised(v);
        var m = MaxDimension;
        double beyond = 0;
        for (var j = 0; j < MaxDimension; j++)
        {
            var vj = Col(j);
            var w = Col(j + 1);
            _l.Apply(vj, w);
            MatVecs++;
            for (var i = _depth > 0 ? Math.Max(0, j - _depth + 1) : 0; i <= j; i++)
            {
                var hij = VectorOps.Dot(Col(i), w);
                _h[i + j * (MaxDimension + 1)] = hij;
                VectorOps.Axpy(-hij, Col(i), w);
            }
            var b = VectorOps.Norm(w);
            _h[j + 1 + j * (MaxDimension + 1)] = b;
            var scale = 0.0;
            for (var i = _depth > 0 ? Math.Max(0, j - _depth + 1) : 0; i <= j; i++) scale = Math.Max(scale, _h[i + j * (MaxDimension + 1)].Magnitude);
            if (!(b > 1e-13 * Math.Max(scale, b)) || j + 1 == _n)
            {
                m = j + 1;
                Invariant = true;
                break;
            }
            VectorOps.Scale(1 / b, w);
            beyond = b;
            if ((j + 1) % 8 == 0 && j + 1 < MaxDimension)
            {
                // a short horizon may need fewer vectors
                SetHessenberg(j + 1);
                if (ArnoldiStepControl.WorthEarlyCheck(MatrixFunctions.Norm1(_hm), j + 1, horizon) && ArnoldiStepControl.Ok(LastEntry, _norm, beyond, horizon, errorPerTime, errorFloor, out var early))
                {
                    Reach = horizon;
                    StepError = early;
                    _next = horizon;
                    return Reach;
                }
            }
        }
        SetHessenberg(m);
        if (Invariant)
        {
            Reach = horizon;
            return Reach;
        }
        Reach = ArnoldiStepControl.Choose(LastEntry, MatrixFunctions.Norm1(_hm), _size, _norm, beyond, horizon, errorPerTime, errorFloor, ref _next, out var stepError, out var rejections);
        StepError = stepError;
        Rejections += rejections;
        return Reach;
    }

    private double LastEntry(double s) => MatrixFunctions.Expm(_hm * s, _backend)[_size - 1, 0].Magnitude;

    private void SetHessenberg(int m)
    {
        _size = m;
        _hm = new ComplexMatrix(m, m);
        for (var j = 0; j < m; j++)
            for (var i = 0; i <= Math.Min(j + 1, m - 1); i++) _hm[i, j] = _h[i + j * (MaxDimension + 1)];
    }

    private void Normalised(ReadOnlySpan<Complex> v)
    {
        var v0 = Col(0);
        v.CopyTo(v0);
        VectorOps.Scale(1 / _norm, v0);
    }

    private Span<Complex> Col(int j) => _basis.AsSpan(j * _n, _n);

    /// <summary>exp(s H_m) as an m x m matrix (reuse it to step between equally spaced outputs).</summary>
    public ComplexMatrix SmallExponential(double s) => _size == 0 ? new ComplexMatrix(0, 0) : MatrixFunctions.Expm(_hm * s, _backend);

    /// <summary>Coefficients c = ||v|| exp(s H_m) e_1 with exp(s L) v ≈ V c.</summary>
    public void Coefficients(double s, Span<Complex> c)
    {
        if (c.Length != _size)
            throw new DimensionMismatchException("ArnoldiExponential.Coefficients", "c", $"length {_size}", $"length {c.Length}");
        if (_size == 0) return;
        var e = SmallExponential(s);
        for (var i = 0; i < _size; i++) c[i] = _norm * e[i, 0];
    }

    /// <summary>y ≈ V c for given coefficients.</summary>
    public void Combine(ReadOnlySpan<Complex> c, Span<Complex> y)
    {
        if (y.Length != _n)
            throw new DimensionMismatchException("ArnoldiExponential.Combine", "y", $"length {_n}", $"length {y.Length}");
        if (_size == 0)
        {
            y.Clear();
            return;
        }
        BlockVectorOps.Combine(_basis, c, y, _threads);
    }

    /// <summary>p_i = &lt;w, v_i&gt; for every basis vector: then &lt;w, exp(sL)v&gt; ≈ sum_i p_i c_i(s).</summary>
    public void ProjectLinear(ReadOnlySpan<Complex> w, Span<Complex> p)
    {
        if (w.Length != _n)
            throw new DimensionMismatchException("ArnoldiExponential.ProjectLinear", "w", $"length {_n}", $"length {w.Length}");
        BlockVectorOps.DotsWithColumns(w, _basis, _size, p);
    }

    /// <summary>Forgets the step-size history (call when the map changes).</summary>
    public void ResetStepHistory() => _next = 0;
}

/// <summary>
/// Step selection of the Arnoldi exponential (Expokit, Sidje 1998): accept the horizon when the
/// estimate allows it, else shrink a trial step until err(s) &lt;= max(errorPerTime s, floor).
/// </summary>
internal static class ArnoldiStepControl
{
    /// <summary>A partial basis of j vectors cannot reach s when s ||H_j||_1 is much larger than j.</summary>
    public static bool WorthEarlyCheck(double hNorm, int j, double horizon) => hNorm * horizon <= 2.0 * j;

    /// <summary>err(s) = ||v|| h_{m+1,m} |[exp(s H_m)]_{m,1}| against max(errorPerTime s, floor).</summary>
    public static bool Ok(Func<double, double> lastEntry, double norm, double beyond, double s, double errorPerTime, double errorFloor, out double err)
    {
        err = norm * beyond * lastEntry(s);
        return err <= Math.Max(errorPerTime * s, errorFloor);
    }

    public static double Choose(Func<double, double> lastEntry, double hNorm, int m, double norm, double beyond, double horizon, double errorPerTime, double errorFloor,
        ref double next, out double stepError, out int rejections)
    {
        rejections = 0;
        var s = next > 0 ? Math.Min(next, horizon) : Math.Min(horizon, FirstStep(hNorm, m, errorPerTime));
        if (Ok(lastEntry, norm, beyond, horizon, errorPerTime, errorFloor, out var errH))
        {
            stepError = errH;
            next = horizon;
            return horizon;
        }
        for (var attempt = 0; ; attempt++)
        {
            if (Ok(lastEntry, norm, beyond, s, errorPerTime, errorFloor, out var err))
            {
                stepError = err;
                var allowed = Math.Max(errorPerTime * s, errorFloor);
                var grow = err > 0 ? 0.9 * Math.Pow(allowed / err, 1.0 / m) : 2;
                next = s * Math.Clamp(grow, 0.5, 2);
                return s;
            }
            rejections++;
            var allow = Math.Max(errorPerTime * s, errorFloor);
            s *= Math.Clamp(0.9 * Math.Pow(allow / err, 1.0 / m), 0.1, 0.9);
            if (s < 1e-300 || attempt > 200)
                throw new ConvergenceException($"ArnoldiExponential: no step meets the tolerance (last trial step {QBattException.Num(s)}, error estimate {QBattException.Num(err)}).");
        }
    }

    private static double FirstStep(double hNorm, int m, double errorPerTime)
    {
        if (hNorm == 0) return double.PositiveInfinity;
        var tol = Math.Max(errorPerTime, 1e-16);
        // Expokit: t = (1/||A||) ((fact tol) / (4 ||A||))^(1/m), fact = ((m+1)/e)^(m+1) sqrt(2 pi (m+1))
        var logFact = (m + 1) * Math.Log((m + 1) / Math.E) + 0.5 * Math.Log(2 * Math.PI * (m + 1));
        return Math.Exp((logFact + Math.Log(tol / (4 * hNorm))) / m) / hNorm;
    }
}
