using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Dynamics;

/// <summary>
/// The low-memory propagator of y' = -i H y on a constant interval (R6): the Chebyshev series of exp(-i s H)
/// (<see cref="ChebyshevSeries"/>). One expansion from the current time serves a group of up to G output times
/// (<see cref="MemoryEstimate.ChebyshevGroup"/>: as many partial sums as fit in 80 % of the memory limit beside the
/// other vectors of the run, at most 16), so the
/// mat-vecs approach a (t_G - t_0) for the whole group instead of a fixed overhead per output. Vectors of the full
/// length: the two of the three-term recurrence T_{k+1} = 2 H' T_k - T_{k-1} and the G partial sums, plus one work
/// vector for maps without a fused kernel (<see cref="IFusedHermitianMap"/>). The spectrum is bounded by [-r, r] with
/// the generator's rigorous norm bound r (row sums, or the map's own bound), so each expansion's truncation error is
/// bounded a priori and kept below the Krylov propagator's budget (error per unit time times the time covered); a
/// rounding term of 1e-16 per mat-vec is added to the reported estimate. An expansion reaches at most a s = 400.
/// </summary>
internal sealed class ChebyshevPropagator : SegmentPropagator
{
    private const double MaxReach = 400;

    private readonly ILinearMap _h;
    private readonly IFusedHermitianMap? _fused;
    private readonly double _center;
    private readonly double _halfWidth;
    private readonly int _group;
    private readonly Stack<Complex[]> _pool = new();
    private Complex[] _y;
    private Complex[]? _work;
    private double _t;
    private double _error;
    private bool _taken;

    public ChebyshevPropagator(ILinearMap h, double lower, double upper, double start, double end, ReadOnlySpan<Complex> y0, EngineSettings settings, EngineCounters counters)
        : base(start, end, settings, counters, h.Dimension)
    {
        _h = h;
        _fused = h as IFusedHermitianMap;
        _center = 0.5 * (lower + upper);
        // a relative margin keeps the spectrum strictly inside the interval when the bound is attained
        _halfWidth = Math.Max(0.5 * (upper - lower) * (1 + 1e-8), 1e-300);
        _group = MemoryEstimate.ChebyshevGroup(N);
        // vectors of 256 MiB and more: the buffers of an earlier run of the same problem (the refinement of a maximum
        // reruns it) are collected before these are allocated, so the peak stays the estimate's rather than both
        if (16L * N >= 256L << 20) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        _y = GC.AllocateUninitializedArray<Complex>(N);
        y0.CopyTo(_y);
        _t = start;
        counters.Methods.Add("chebyshev");
    }

    private Complex[] Rent() => _pool.Count > 0 ? _pool.Pop() : GC.AllocateUninitializedArray<Complex>(N);

    /// <summary>
    /// Expands from the current time to the targets (increasing, each after the current time, the last at most
    /// MaxReach / a beyond it) and returns the states there; the last becomes the current state. The caller returns
    /// the other states to the pool.
    /// </summary>
    private Complex[][] Expand(ReadOnlySpan<double> targets)
    {
        if (_taken) throw new InvalidOperationException("ChebyshevPropagator: the state was handed over");
        var g = targets.Length;
        var span = targets[^1] - _t;
        var tolerance = Math.Max(Settings.ErrorPerTime * span, 1e-15);
        var series = new double[g][];
        var worst = 0.0;
        for (var q = 0; q < g; q++)
        {
            series[q] = ChebyshevSeries.Truncated(_halfWidth * (targets[q] - _t), tolerance, out var bound);
            worst = Math.Max(worst, bound);
        }
        var order = series.Max(s => s.Length - 1);
        var sums = new Complex[g][];
        for (var q = 0; q < g; q++) sums[q] = Rent();
        var phases = new Complex[g];
        for (var q = 0; q < g; q++) phases[q] = Complex.FromPolarCoordinates(1, -_center * (targets[q] - _t));
        Complex Coefficient(int q, int k) => k < series[q].Length ? (k == 0 ? 1 : 2) * series[q][k] * phases[q] * MinusIPower(k) : Complex.Zero;
        var a = _halfWidth;
        var c = _center;
        if (order == 0)
        {
            for (var q = 0; q < g; q++)
            {
                var f = Coefficient(q, 0);
                for (var i = 0; i < N; i++) sums[q][i] = f * _y[i];
            }
        }
        else
        {
            var current = Rent();
            // u_1 = H' u_0; every partial sum starts as c_0 u_0 + c_1 u_1
            Recur(_y, current, 1 / a, -c / a, 0, sums, [.. Enumerable.Range(0, g).Select(q => Coefficient(q, 1))], [.. Enumerable.Range(0, g).Select(q => Coefficient(q, 0))], true);
            var previous = _y;
            for (var k = 2; k <= order; k++)
            {
                // the sums take two terms at a time, u_(k-1) (the step's input) and u_k at odd k, which halves their
                // memory traffic; at even k they wait, unless k is the last order
                if ((k & 1) == 0 && k < order)
                {
                    Recur(current, previous, 2 / a, -2 * c / a, -1, [], [], [], false);
                    (previous, current) = (current, previous);
                    continue;
                }
                var lowest = (k & 1) == 1 ? k - 1 : k;
                // the sums whose series is still running (the later targets need more terms)
                var first = 0;
                while (series[first].Length <= lowest) first++;
                var active = sums[first..];
                var range = Enumerable.Range(first, g - first);
                Complex[] previousTerm = lowest < k ? [.. range.Select(q => Coefficient(q, k - 1))] : [];
                Recur(current, previous, 2 / a, -2 * c / a, -1, active, [.. range.Select(q => Coefficient(q, k))], previousTerm, false);
                (previous, current) = (current, previous);
            }
            _pool.Push(previous);
            _pool.Push(current);
        }
        if (order == 0) _pool.Push(_y);
        _y = sums[^1];
        _t = targets[^1];
        Counters.MatVecs += order;
        Counters.Steps++;
        _error += worst + 1e-16 * order;
        return sums;
    }

    private static Complex MinusIPower(int k) => (k & 3) switch
    {
        0 => Complex.One,
        1 => -Complex.ImaginaryOne,
        2 => -Complex.One,
        _ => Complex.ImaginaryOne,
    };

    private void Recur(Complex[] x, Complex[] y, double alpha, double beta, double gamma, Complex[][] sums, Complex[] coefficients, Complex[] xCoefficients, bool initialize)
    {
        if (_fused is not null)
        {
            _fused.Recur(x, y, alpha, beta, gamma, sums, coefficients, xCoefficients, initialize);
            return;
        }
        var w = _work ??= GC.AllocateUninitializedArray<Complex>(N);
        _h.Apply(x, w);
        for (var i = 0; i < N; i++)
        {
            var v = alpha * w[i] + beta * x[i] + (gamma == 0 ? Complex.Zero : gamma * y[i]);
            y[i] = v;
        }
        for (var q = 0; q < sums.Length; q++)
        {
            var s = sums[q];
            var cq = coefficients[q];
            var cx = xCoefficients.Length > 0 ? xCoefficients[q] : Complex.Zero;
            if (initialize)
            {
                for (var i = 0; i < N; i++) s[i] = cq * y[i] + cx * x[i];
            }
            else
            {
                for (var i = 0; i < N; i++) s[i] += cq * y[i] + cx * x[i];
            }
        }
    }

    /// <summary>Moves the current state to t in expansions of at most MaxReach.</summary>
    private void MoveTo(double t)
    {
        while (t > _t)
        {
            var reach = _t + MaxReach / _halfWidth;
            Expand([t <= reach ? t : reach]);
        }
    }

    public override void Advance(ReadOnlySpan<double> outputs, int firstIndex, OutputSink sink, double horizon)
    {
        var i = 0;
        while (i < outputs.Length)
        {
            if (outputs[i] <= _t)
            {
                RecordFromState(firstIndex + i, _y, sink);
                i++;
                continue;
            }
            var reach = _t + MaxReach / _halfWidth;
            if (outputs[i] > reach)
            {
                MoveTo(reach);
                continue;
            }
            var j = i;
            while (j < outputs.Length && j - i < _group && outputs[j] <= reach) j++;
            var states = Expand(outputs[i..j]);
            for (var q = 0; q < states.Length; q++)
            {
                RecordFromState(firstIndex + i + q, states[q], sink);
                if (q < states.Length - 1) _pool.Push(states[q]);
            }
            i = j;
        }
    }

    public override void StateAt(double t, Span<Complex> y, double horizon)
    {
        MoveTo(t);
        _y.CopyTo(y);
    }

    /// <summary>Hands the state at t over without a copy (the propagator cannot be used afterwards).</summary>
    public override Complex[] TakeState(double t, double horizon)
    {
        MoveTo(t);
        _taken = true;
        Release();
        return _y;
    }

    public override double ErrorEstimate(double t) => _error;

    public override void Release()
    {
        _pool.Clear();
        _work = null;
    }
}
