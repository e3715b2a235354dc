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
/// vector for maps without a fused kernel (<see cref="IFusedHermitianMap"/>). The spectrum is bounded by the generator's
/// rigorous interval (<see cref="LinearGenerator.SpectralInterval"/>: the map's own, as the cluster bounds of
/// <see cref="Quantum.XxzMap.SpectralInterval"/>, or [-r, r] with the norm bound r from row sums), so each expansion's truncation error is
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
            // u_1 = H' u_0
            Recur(_y, current, 1 / a, -c / a, 0, [], [], [], false);
            var previous = _y;
            Complex[] Terms(int first, int k) => [.. Enumerable.Range(first, g - first).Select(q => Coefficient(q, k))];
            int Active(int lowest)
            {
                // the sums whose series is still running at this order (the later targets need more terms)
                var first = 0;
                while (series[first].Length <= lowest) first++;
                return first;
            }
            for (var k = 2; k <= order; k++)
            {
                // at even k the sums take u_(k-2), the y this step overwrites, and u_(k-1) = x, both read block by block in
                // contiguous memory before the step writes y: two terms per pass over the sums
                if ((k & 1) == 0)
                {
                    var first = Active(k - 2);
                    Recur(current, previous, 2 / a, -2 * c / a, -1, sums[first..], Terms(first, k - 2), Terms(first, k - 1), k == 2);
                }
                else
                {
                    Recur(current, previous, 2 / a, -2 * c / a, -1, [], [], [], false);
                }
                (previous, current) = (current, previous);
            }
            // the last terms not yet taken: u_order alone (order even), or u_(order-1) and u_order (order odd, and order 1,
            // where the sums start here)
            if ((order & 1) == 0)
            {
                var first = Active(order);
                Flush(sums[first..], current, Terms(first, order), null, [], false);
            }
            else
            {
                var first = Active(order - 1);
                Flush(sums[first..], previous, Terms(first, order - 1), current, Terms(first, order), order == 1);
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
        // the same contract without a fused kernel: the sums from y's entry values and x, then the step
        Flush(sums, y, coefficients, xCoefficients.Length > 0 ? x : null, xCoefficients, initialize);
        var w = _work ??= GC.AllocateUninitializedArray<Complex>(N);
        _h.Apply(x, w);
        for (var i = 0; i < N; i++)
        {
            var v = alpha * w[i] + beta * x[i] + (gamma == 0 ? Complex.Zero : gamma * y[i]);
            y[i] = v;
        }
    }

    /// <summary>
    /// sums[q] = (initialize ? 0 : sums[q]) + a[q] u + b[q] v (no v term when v is null), in parallel over contiguous
    /// chunks of the vectors.
    /// </summary>
    private void Flush(Complex[][] sums, Complex[] u, Complex[] a, Complex[]? v, Complex[] b, bool initialize)
    {
        if (sums.Length == 0) return;
        const int chunk = 1 << 16;
        var chunks = (N + chunk - 1) / chunk;
        var threads = Settings.Threads > 0 ? Settings.Threads : Environment.ProcessorCount;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, j =>
        {
            var start = j * chunk;
            var end = Math.Min(N, start + chunk);
            for (var q = 0; q < sums.Length; q++)
            {
                var s = sums[q];
                Complex ca = a[q], cb = v is null ? Complex.Zero : b[q];
                if (initialize)
                {
                    for (var i = start; i < end; i++) s[i] = ca * u[i] + (v is null ? Complex.Zero : cb * v[i]);
                }
                else if (v is null)
                {
                    for (var i = start; i < end; i++) s[i] += ca * u[i];
                }
                else
                {
                    for (var i = start; i < end; i++) s[i] += ca * u[i] + cb * v[i];
                }
            }
        });
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
