using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// Advances one vector across one interval [Start, End] of the time axis on which the generator is
/// either constant (Krylov, exact, or Runge-Kutta) or smooth (Runge-Kutta), recording observables at
/// output times. Calls come in increasing time: <see cref="Advance"/> for output times, <see cref="StateAt"/>
/// for the state (at the end of the interval, or for the step-by-step API).
/// </summary>
internal abstract class SegmentPropagator(double start, double end, EngineSettings settings, EngineCounters counters, int n)
{
    private Complex[]? _values;
    private Complex[]? _scratch;
    private Complex[]? _outputState;

    public double Start { get; } = start;

    /// <summary>End of the interval (+infinity after the last breakpoint).</summary>
    public double End { get; } = end;

    protected EngineSettings Settings { get; } = settings;

    protected EngineCounters Counters { get; } = counters;

    protected int N { get; } = n;

    /// <summary>Records the outputs (sorted, within [Start, End], not before earlier requests); horizon: the time the caller plans to reach.</summary>
    public abstract void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon);

    /// <summary>The state at t (not before earlier requests, at most End).</summary>
    public abstract void StateAt(double t, Span<Complex> y, double horizon);

    /// <summary>Estimated 2-norm error of the state at t accumulated on this interval.</summary>
    public abstract double ErrorEstimate(double t);

    /// <summary>The state at t as a new array the caller owns (propagators holding it whole hand it over; the propagator is done then).</summary>
    public virtual Complex[] TakeState(double t, double horizon)
    {
        var y = new Complex[N];
        StateAt(t, y, horizon);
        return y;
    }

    /// <summary>Frees large buffers when the interval is left.</summary>
    public virtual void Release()
    {
    }

    protected Complex[] Values(int count) => _values is { } v && v.Length == count ? v : _values = new Complex[count];

    protected Complex[] Scratch => _scratch ??= new Complex[N];

    /// <summary>Records each output from the full state at its time (for propagators without a cheaper route).</summary>
    protected void AdvanceThroughStates(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon)
    {
        _outputState ??= new Complex[N];
        for (var i = 0; i < outputs.Length; i++)
        {
            StateAt(outputs[i], _outputState, horizon);
            RecordFromState(firstIndex + i, _outputState, sink);
        }
    }

    /// <summary>Evaluates every observable from a full state and records the output.</summary>
    protected void RecordFromState(int index, ReadOnlySpan<Complex> state, OutputSink sink)
    {
        var values = Values(sink.Observables.Length);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = sink.Observables[k].Evaluate(state, () => Scratch);
            if (sink.Observables[k].Quadratic is not null) Counters.MatVecs++;
        }
        sink.Record(index, values, sink.NeedState ? state : default);
    }

    protected double Horizon(double horizon, double t) => Math.Min(End, Math.Max(horizon, t));
}

/// <summary>Lanczos propagation of y' = -i H y on a constant interval, with observables projected on the Krylov basis when that is cheaper.</summary>
internal sealed class LanczosPropagator : SegmentPropagator
{
    private readonly LanczosExponential _k;
    private readonly Complex[] _yb;
    private double _tb;
    private bool _built;
    private double _closedError;
    private ComplexMatrix?[] _projected = [];
    private Complex[]?[] _linear = [];
    private bool? _project;
    private Complex[] _c = [];

    public LanczosPropagator(ILinearMap h, double start, double end, ReadOnlySpan<Complex> y0, EngineSettings settings, EngineCounters counters)
        : base(start, end, settings, counters, h.Dimension)
    {
        _k = new LanczosExponential(h, settings.Options.KrylovDimension, settings.Threads);
        _yb = y0.ToArray();
        _tb = start;
        counters.Methods.Add("krylov (Lanczos)");
    }

    private void Build(double horizon)
    {
        var before = _k.MatVecs;
        var reach = _k.Build(_yb, Math.Max(0, horizon - _tb), Settings.ErrorPerTime);
        Counters.MatVecs += _k.MatVecs - before;
        Counters.Steps++;
        Counters.MaxKrylovDimension = Math.Max(Counters.MaxKrylovDimension, _k.BasisSize);
        if (!(reach > 0) && horizon > _tb)
            throw new ConvergenceException($"Lanczos propagator: no step meets the tolerance {QBattException.Num(Settings.Tolerance)} at t = {QBattException.Num(_tb)} with a basis of {_k.BasisSize} vectors; raise KrylovDimension or the tolerance.");
        _built = true;
        _project = null;
        _projected = new ComplexMatrix?[_projected.Length];
        _linear = new Complex[]?[_linear.Length];
        _c = new Complex[_k.BasisSize];
    }

    private bool Covers(double t) => t <= _tb + _k.Reach * (1 + 1e-12);

    private void EnsureCovers(double t, double horizon)
    {
        var h = Horizon(horizon, t);
        if (!_built) Build(h);
        while (!Covers(t))
        {
            var reach = _k.Reach;
            _closedError += _k.ErrorEstimate(reach);
            _k.State(reach, _yb);
            _tb += reach;
            Build(h);
        }
    }

    public override void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon)
    {
        var obs = sink.Observables;
        if (_projected.Length != obs.Length)
        {
            _projected = new ComplexMatrix?[obs.Length];
            _linear = new Complex[]?[obs.Length];
        }
        var i = 0;
        while (i < outputs.Length)
        {
            EnsureCovers(outputs[i], horizon);
            var end = i;
            while (end < outputs.Length && Covers(outputs[end])) end++;
            var m = _k.BasisSize;
            _project ??= ProjectionPays(obs, end - i, m, sink.NeedState);
            var formStates = sink.NeedState || (!_project.Value && obs.Any(o => o.Quadratic is not null));
            if (formStates) RecordFormingStates(outputs[i..end], firstIndex + i, sink);
            else RecordFromBasis(outputs[i..end], firstIndex + i, sink);
            i = end;
        }
    }

    /// <summary>Outputs evaluated from the Krylov coefficients alone (projected observables and linear functionals).</summary>
    private void RecordFromBasis(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink)
    {
        var obs = sink.Observables;
        var m = _k.BasisSize;
        for (var i = 0; i < outputs.Length; i++)
        {
            _k.Coefficients(outputs[i] - _tb, _c);
            var values = Values(obs.Length);
            for (var k = 0; k < obs.Length; k++)
            {
                var o = obs[k];
                if (o.Linear is not null)
                {
                    var p = _linear[k] ??= Dots(o.Linear, m);
                    Complex sum = 0;
                    for (var j = 0; j < m; j++) sum += p[j] * _c[j];
                    values[k] = sum;
                    continue;
                }
                if (_projected[k] is null)
                {
                    _projected[k] = _k.Project(o.Quadratic!, Settings.Options.Backend);
                    Counters.MatVecs += m;
                }
                values[k] = QuadraticForm(_projected[k]!, _c);
            }
            sink.Record(firstIndex + i, values, default);
        }
    }

    /// <summary>
    /// Outputs evaluated from the states: Psi = V C for a batch of outputs in one matrix product (C holds
    /// their Krylov coefficients), then each observable applied to each state.
    /// </summary>
    private void RecordFormingStates(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink)
    {
        var m = _k.BasisSize;
        var batch = (int)Math.Clamp((64L << 20) / (16L * N), 1, Math.Min(64, outputs.Length));
        var states = new AlignedArray<Complex>(checked(N * batch));
        var coefficients = new Complex[m * batch];
        var backend = Settings.Options.Backend ?? LinearAlgebra.Default;
        for (var b0 = 0; b0 < outputs.Length; b0 += batch)
        {
            var count = Math.Min(batch, outputs.Length - b0);
            for (var q = 0; q < count; q++) _k.Coefficients(outputs[b0 + q] - _tb, coefficients.AsSpan(q * m, m));
            backend.Gemm(Op.None, Op.None, N, count, m, Complex.One, _k.Basis, coefficients.AsSpan(0, m * count), Complex.Zero, states.AsSpan(0, N * count));
            for (var q = 0; q < count; q++) RecordFromState(firstIndex + b0 + q, states.AsSpan(q * N, N), sink);
        }
    }

    private Complex[] Dots(SparseFunctional w, int m)
    {
        var p = new Complex[m];
        var basis = _k.Basis;
        for (var j = 0; j < m; j++) p[j] = w.Dot(basis.Slice(j * N, N));
        return p;
    }

    /// <summary>
    /// Projecting A (m mat-vecs with A and an m x m x N product) against forming the k states of this
    /// basis (an m x k x N product) and applying A to each, in stored-entry touches (a complex
    /// multiply-add in a matrix product counted as a quarter of a sparse entry).
    /// </summary>
    private bool ProjectionPays(VectorObservable[] obs, int outputs, int m, bool stateNeeded)
    {
        var quadratic = obs.Where(o => o.Quadratic is not null).ToArray();
        if (quadratic.Length == 0 || outputs == 0 || stateNeeded) return false;
        double project = 0, direct = 0.25 * m * (double)N * outputs;
        foreach (var o in quadratic)
        {
            project += m * o.Quadratic!.Cost + 0.25 * m * (double)m * N;
            direct += outputs * (o.Quadratic.Cost + N);
        }
        return project < direct;
    }

    private static Complex QuadraticForm(ComplexMatrix g, Complex[] c)
    {
        var m = c.Length;
        var gs = g.ReadOnlySpan;
        Complex sum = 0;
        for (var j = 0; j < m; j++)
        {
            Complex col = 0;
            for (var i = 0; i < m; i++) col += Complex.Conjugate(c[i]) * gs[i + j * m];
            sum += col * c[j];
        }
        return sum;
    }

    public override void StateAt(double t, Span<Complex> y, double horizon)
    {
        EnsureCovers(t, horizon);
        if (_k.BasisSize == 0)
        {
            y.Clear();
            return;
        }
        _k.State(t - _tb, y);
    }

    public override double ErrorEstimate(double t) => _closedError + (_built && Covers(t) ? _k.ErrorEstimate(t - _tb) : 0);

    public override void Release() => _k.Release();
}

/// <summary>Exact propagation through the eigendecomposition of a constant H: y(t) = Q exp(-i Λ (t - t0)) Q^dag y(t0).</summary>
internal sealed class ExactPropagator : SegmentPropagator
{
    private readonly HermitianEigen _eig;
    private readonly Complex[] _c0;
    private readonly double _maxAbs;
    private Complex[]? _phased;

    public ExactPropagator(ComplexMatrix h, double start, double end, ReadOnlySpan<Complex> y0, EngineSettings settings, EngineCounters counters)
        : base(start, end, settings, counters, h.Rows)
    {
        _eig = MatrixFunctions.Eigh(h, settings.Options.Backend, hermitianTol: double.PositiveInfinity);
        _c0 = new Complex[N];
        var q = _eig.Vectors.ReadOnlySpan;
        for (var j = 0; j < N; j++) _c0[j] = VectorOps.Dot(q.Slice(j * N, N), y0);
        _maxAbs = _eig.Values.Length == 0 ? 0 : Math.Max(Math.Abs(_eig.Values[0]), Math.Abs(_eig.Values[^1]));
        counters.Methods.Add("exact (eigendecomposition)");
        counters.Steps++;
    }

    public override void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon) =>
        AdvanceThroughStates(outputs, firstIndex, sink, horizon);

    public override void StateAt(double t, Span<Complex> y, double horizon)
    {
        _phased ??= new Complex[N];
        var s = t - Start;
        for (var j = 0; j < N; j++) _phased[j] = _c0[j] * Complex.FromPolarCoordinates(1, -_eig.Values[j] * s);
        _eig.Vectors.Multiply(_phased, y);
    }

    /// <summary>Rounding only: the eigenvectors' orthogonality (~ N eps) and the phase accumulation (~ eps |λ| t).</summary>
    public override double ErrorEstimate(double t) => 2.2e-16 * (N + _maxAbs * Math.Abs(t - Start)) * VectorOps.Norm(_c0);
}

/// <summary>Adaptive Runge-Kutta propagation (constant or time-dependent generator) with dense output at the output times.</summary>
internal sealed class RungeKuttaPropagator : SegmentPropagator
{
    private readonly LinearGenerator _g;
    private readonly AdaptiveRungeKutta _rk;
    private int _accepted;
    private int _rejected;

    public RungeKuttaPropagator(LinearGenerator g, RungeKuttaMethod method, double start, double end, ReadOnlySpan<Complex> y0, EngineSettings settings, EngineCounters counters)
        : base(start, end, settings, counters, g.Dimension)
    {
        _g = g;
        var o = settings.Options;
        _rk = new AdaptiveRungeKutta(method, g.Dimension, g.Derivative, o.AbsoluteTolerance, o.RelativeTolerance, o.MaxStep);
        var before = g.MatVecs;
        _rk.Initialize(start, y0);
        counters.MatVecs += g.MatVecs - before;
        counters.Methods.Add(method == RungeKuttaMethod.Dop853 ? Integrators.Dop853 : Integrators.Dopri5);
    }

    private void Reach(double t, double horizon)
    {
        var before = _g.MatVecs;
        while (_rk.Time < t) _rk.Step(Horizon(horizon, t));
        Counters.MatVecs += _g.MatVecs - before;
        Counters.Steps += _rk.AcceptedSteps - _accepted;
        Counters.RejectedSteps += _rk.RejectedSteps - _rejected;
        _accepted = _rk.AcceptedSteps;
        _rejected = _rk.RejectedSteps;
    }

    public override void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon) =>
        AdvanceThroughStates(outputs, firstIndex, sink, horizon);

    public override void StateAt(double t, Span<Complex> y, double horizon)
    {
        Reach(t, horizon);
        var before = _g.MatVecs;
        _rk.Interpolate(t, y);
        Counters.MatVecs += _g.MatVecs - before;
    }

    public override double ErrorEstimate(double t) => _rk.ErrorSum;
}

/// <summary>
/// Arnoldi propagation of a Hermiticity-preserving generator (Lindblad) in the real coordinates of
/// <see cref="HermitianCoordinates"/>: half the memory traffic of the complex vec(rho). Linear observables
/// are projected on the real basis; the complex vec(rho) is formed only when a state is asked for.
/// </summary>
internal sealed class HermitianArnoldiPropagator : SegmentPropagator
{

    private readonly RealArnoldiExponential _k;
    private readonly int _d;
    private readonly double[] _xb;
    private double _tb;
    private bool _built;
    private double _closedError;
    private double[] _c = [];
    private double _sPrev;
    private double _delta = double.NaN;
    private double[]? _stepExp;
    private (int[] Index, double[] H, double[] A)[]? _functionals;
    private (double[] H, double[] A)?[] _projected = [];
    private double[]? _x;
    private Complex[]? _state;

    /// <summary>Starts at y0 (complex vec(rho), D x D) on [start, end] under the real generator g; the basis comes from and goes back to <paramref name="slot"/> (the generator's, shared by its runs; null: its own).</summary>
    public HermitianArnoldiPropagator(IRealMap g, int d, double start, double end, ReadOnlySpan<Complex> y0, EngineSettings settings, EngineCounters counters, BufferSlot? slot = null)
        : base(start, end, settings, counters, y0.Length)
    {
        _d = d;
        _k = new RealArnoldiExponential(g, settings.Options.ArnoldiDimensionFor(g.Dimension), settings.Threads, slot);
        _xb = new double[y0.Length];
        HermitianCoordinates.ToReal(y0, _xb);
        _tb = start;
        counters.Methods.Add(g is RealLindbladMap ? "krylov (Arnoldi, Hermitian coordinates, matrix form)" : "krylov (Arnoldi, Hermitian coordinates)");
    }

    private void Build(double horizon)
    {
        var before = _k.MatVecs;
        var rejected = _k.Rejections;
        _k.Build(_xb, Math.Max(0, horizon - _tb), Settings.ErrorPerTime);
        Counters.MatVecs += _k.MatVecs - before;
        Counters.RejectedSteps += _k.Rejections - rejected;
        Counters.Steps++;
        Counters.MaxKrylovDimension = Math.Max(Counters.MaxKrylovDimension, _k.BasisSize);
        _built = true;
        _c = new double[_k.BasisSize];
        if (_c.Length > 0) _c[0] = _k.Norm;
        _sPrev = 0;
        _delta = double.NaN;
        _stepExp = null;
        _projected = new (double[] H, double[] A)?[_projected.Length];
    }

    private bool Covers(double t) => t <= _tb + _k.Reach * (1 + 1e-12);

    private void EnsureCovers(double t, double horizon)
    {
        var h = Horizon(horizon, t);
        if (!_built) Build(h);
        while (!Covers(t))
        {
            MoveTo(_k.Reach);
            _k.Combine(_c, _xb);
            _closedError += _k.StepError;
            _tb += _k.Reach;
            Build(h);
        }
    }

    private void MoveTo(double s)
    {
        var d = s - _sPrev;
        if (d <= 0 || _c.Length == 0) return;
        if (_stepExp is null || Math.Abs(d - _delta) > 1e-13 * Math.Max(d, _delta))
        {
            _stepExp = _k.SmallExponential(d);
            _delta = d;
        }
        var m = _c.Length;
        var next = new double[m];
        var e = _stepExp;
        for (var j = 0; j < m; j++)
        {
            var cj = _c[j];
            if (cj == 0) continue;
            RealArnoldiExponential.Axpy(cj, e.AsSpan(j * m, m), next);
        }
        _c = next;
        _sPrev = s;
    }

    private void FormState()
    {
        _x ??= new double[N];
        _state ??= new Complex[N];
        _k.Combine(_c, _x);
        HermitianCoordinates.ToComplex(_x, _d, _state);
    }

    public override void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon)
    {
        var obs = sink.Observables;
        _functionals ??= [.. obs.Select(o => o.Linear is null ? ([], [], []) : HermitianCoordinates.Functional(o.Linear, _d))];
        if (_projected.Length != obs.Length) _projected = new (double[] H, double[] A)?[obs.Length];
        var needState = sink.NeedState || obs.Any(o => o.Quadratic is not null);
        for (var i = 0; i < outputs.Length; i++)
        {
            var t = outputs[i];
            EnsureCovers(t, horizon);
            MoveTo(t - _tb);
            if (needState)
            {
                FormState();
                RecordFromState(firstIndex + i, _state, sink);
                continue;
            }
            var values = Values(obs.Length);
            for (var k = 0; k < obs.Length; k++)
            {
                if (_projected[k] is not { } p)
                {
                    var (index, wh, wa) = _functionals[k];
                    var ph = new double[_k.BasisSize];
                    var pa = new double[_k.BasisSize];
                    _k.ProjectLinear(index, wh, wa, ph, pa);
                    p = (ph, pa);
                    _projected[k] = p;
                }
                double re = 0, im = 0;
                for (var j = 0; j < _c.Length; j++)
                {
                    re += p.H[j] * _c[j];
                    im += p.A[j] * _c[j];
                }
                values[k] = new Complex(re, im);
            }
            sink.Record(firstIndex + i, values, default);
        }
    }

    public override void StateAt(double t, Span<Complex> y, double horizon)
    {
        EnsureCovers(t, horizon);
        MoveTo(t - _tb);
        FormState();
        _state.CopyTo(y);
    }

    public override double ErrorEstimate(double t) => _closedError + (_built ? _k.StepError : 0);

    public override void Release() => _k.Release();
}
