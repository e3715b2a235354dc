using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// Evolves one vector under a <see cref="LinearGenerator"/> across the time axis: splits it at the
/// coefficient functions' breakpoints and runs one <see cref="SegmentPropagator"/> per interval, chosen
/// by the options (constant intervals: auto/krylov/exact/Runge-Kutta; varying ones: Runge-Kutta).
/// Resumable: successive <see cref="Advance"/> calls continue where the last one stopped, keeping the
/// current Krylov basis, which is what makes step-by-step evolution and lock-step ensembles cheap.
/// </summary>
internal sealed class VectorEvolution
{
    private readonly LinearGenerator _g;
    private readonly EngineSettings _settings;
    private readonly EngineCounters _counters;
    private SegmentPropagator _segment;
    private double _closedError;

    public VectorEvolution(LinearGenerator g, ReadOnlySpan<Complex> y0, double t0, EngineSettings settings, EngineCounters counters)
    {
        _g = g;
        _settings = settings;
        _counters = counters;
        Time = t0;
        _segment = Create(t0, y0);
    }

    /// <summary>The latest time reached.</summary>
    public double Time { get; private set; }

    /// <summary>Estimated 2-norm error of the state at <see cref="Time"/>.</summary>
    public double ErrorEstimate => _closedError + _segment.ErrorEstimate(Time);

    /// <summary>Records the outputs (sorted, none before <see cref="Time"/>).</summary>
    public void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon)
    {
        var i = 0;
        while (i < outputs.Length)
        {
            var t = outputs[i];
            while (t > _segment.End) Next(horizon);
            var j = i;
            while (j < outputs.Length && outputs[j] <= _segment.End) j++;
            _segment.Advance(outputs[i..j], firstIndex + i, sink, horizon);
            Time = outputs[j - 1];
            i = j;
        }
    }

    /// <summary>The state at t (not before <see cref="Time"/>); moves <see cref="Time"/> to t.</summary>
    public void StateAt(double t, Span<Complex> y, double horizon)
    {
        while (t > _segment.End) Next(horizon);
        _segment.StateAt(t, y, horizon);
        Time = t;
    }

    /// <summary>The state at t as an array the caller owns (handed over without a copy when the propagator can); the evolution ends there.</summary>
    public Complex[] TakeState(double t, double horizon)
    {
        while (t > _segment.End) Next(horizon);
        var y = _segment.TakeState(t, horizon);
        Time = t;
        return y;
    }

    /// <summary>Ends the evolution: the propagator's large buffers are freed (the Arnoldi basis goes back to the generator for its next run).</summary>
    public void Release() => _segment.Release();

    private void Next(double horizon)
    {
        var end = _segment.End;
        var y = new Complex[_g.Dimension];
        _segment.StateAt(end, y, horizon);
        _closedError += _segment.ErrorEstimate(end);
        _segment.Release();
        _segment = Create(end, y);
    }

    private SegmentPropagator Create(double t0, ReadOnlySpan<Complex> y0)
    {
        var end = _g.NextBreakpoint(t0);
        var o = _settings.Options;
        var interior = double.IsFinite(end) ? t0 + 0.5 * (end - t0) : t0 + 1;
        if (!_g.IsConstantOn(t0, end))
            return RungeKutta(Integrators.Find(o.TimeDependentMethod).Name, t0, end, y0);
        var method = Integrators.Find(o.Method).Name;
        if (method == Integrators.Auto) method = AutoMethod(interior);
        switch (method)
        {
            case Integrators.Exact:
                if (!_g.Unitary)
                    throw new ValidationException("EvolutionOptions", "Method", "krylov, dop853 or dopri5 for a Lindblad generator ('exact' diagonalises Hamiltonians only)", "'exact'");
                return new ExactPropagator(_g.DenseAt(interior), t0, end, y0, _settings, _counters);
            case Integrators.Chebyshev:
                if (!_g.Unitary)
                    throw new ValidationException("EvolutionOptions", "Method", "krylov, dop853 or dopri5 for a Lindblad generator ('chebyshev' expands the propagator of a Hamiltonian)", "'chebyshev'");
                var (lower, upper) = _g.SpectralInterval(interior);
                return new ChebyshevPropagator(_g.ConstantMap(interior), lower, upper, t0, end, y0, _settings, _counters);
            case Integrators.Krylov:
                return _g.Unitary
                    ? new LanczosPropagator(_g.ConstantMap(interior), t0, end, y0, _settings, _counters)
                    : new HermitianArnoldiPropagator(_g.ConstantHermitianGenerator(interior), _g.HermitianSide, t0, end, y0, _settings, _counters, _g.ArnoldiBasis);
            default:
                return RungeKutta(method, t0, end, y0);
        }
    }

    private RungeKuttaPropagator RungeKutta(string name, double t0, double end, ReadOnlySpan<Complex> y0) =>
        new(_g, name == Integrators.Dopri5 ? RungeKuttaMethod.DormandPrince54 : RungeKuttaMethod.Dop853, t0, end, y0, _settings, _counters);

    /// <summary>
    /// Cost model for constant intervals of closed systems, in nanoseconds: the dense eigendecomposition
    /// (about 0.4 D^3) against Lanczos (about 1.5 per stored entry and mat-vec, with some 1.2 r T + 15 per
    /// basis mat-vecs for a spectral radius bound r over the span T). When the Lanczos basis would not fit
    /// (<see cref="MemoryEstimate.KrylovFits"/>), the Chebyshev propagator with its three vectors. Lindblad
    /// generators use Arnoldi.
    /// </summary>
    private string AutoMethod(double interior)
    {
        if (!_g.Unitary) return Integrators.Krylov;
        var d = (double)_g.Dimension;
        if (!MemoryEstimate.KrylovFits(_g.Dimension, _settings.Options)) return Integrators.Chebyshev;
        if (d <= 16) return Integrators.Exact;
        if (d > _settings.Options.ExactMaxDimension) return Integrators.Krylov;
        var rt = _g.NormBound(interior) * _settings.Span;
        var mv = 1.2 * rt + 15 * (1 + rt / Math.Max(8, _settings.Options.KrylovDimension - 10));
        var krylov = 1.5 * _g.Cost * mv * 2;
        var exact = 0.4 * d * d * d;
        return exact < krylov ? Integrators.Exact : Integrators.Krylov;
    }
}
