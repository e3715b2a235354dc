using System.Buffers;
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QBatt.Numerics;

/// <summary>
/// The Arnoldi (Krylov) approximation of exp(s G) x for a real map on real vectors
/// with G a <see cref="RealCsrMatrix"/>. Lindblad generators preserve Hermiticity, so in the real
/// coordinates X = Re rho + Im rho of a Hermitian rho they are real maps on D^2 real numbers: half the
/// memory traffic of the complex vec(rho), a real Hessenberg matrix, and the same step control.
/// </summary>
internal sealed class RealArnoldiExponential
{
    private readonly IRealMap _g;
    private readonly int _n;
    private readonly int _threads;
    private readonly BufferSlot? _slot;
    private double[] _basis = [];
    private bool _pooled;
    private readonly double[] _h;
    private double[] _hm = [];
    private double _norm;
    private int _size;
    private double _next;

    /// <param name="g">The generator.</param>
    /// <param name="maxDimension">The basis limit m (m + 1 vectors are stored).</param>
    /// <param name="threads">Threads of the mat-vec and the orthogonalisation.</param>
    /// <param name="slot">Where the basis comes from and goes back to at <see cref="Release"/> (null: allocated here, left to the collector).</param>
    public RealArnoldiExponential(IRealMap g, int maxDimension, int threads, BufferSlot? slot = null)
    {
        _g = g;
        _slot = slot;
        _n = g.Dimension;
        _threads = threads;
        MaxDimension = Math.Max(1, Math.Min(maxDimension, _n));
        _h = new double[(MaxDimension + 1) * MaxDimension];
    }

    public int MaxDimension { get; }

    public int BasisSize => _size;

    public double Norm => _norm;

    public double Reach { get; private set; }

    public double StepError { get; private set; }

    public long MatVecs { get; private set; }

    public int Rejections { get; private set; }

    private Span<double> Col(int j) => _basis.AsSpan(j * _n, _n);

    public double Build(ReadOnlySpan<double> x, double horizon, double errorPerTime, double errorFloor = 1e-15)
    {
        _norm = Math.Sqrt(Dot(x, x));
        StepError = 0;
        var need = (long)_n * (MaxDimension + 1);
        if (_basis.Length < need)
        {
            // a basis of 1 GiB and more: the garbage of earlier runs of the same problem (the refinement of a maximum runs it
            // again from a held state, each run leaving vectors of D^2 behind) is collected first and the last run's basis is
            // taken over from the slot, so that the peak stays one basis, as the memory estimate counts; without the
            // collection, the runs' garbage grew past 18 GiB at n = 12 cells
            if (8 * need >= 1L << 30) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            ReturnPooled();
            if (need <= PooledBasisLength)
            {
                // a small basis (up to 32 MiB) comes from the shared pool: a fresh large-object array of a few MiB per run
                // costs its page faults on every run (the collector commits and decommits the region between runs), which
                // at 6 cells (D = 64, a basis of 2.8 MiB) doubled the time of some runs
                _basis = ArrayPool<double>.Shared.Rent((int)need);
                _pooled = true;
            }
            else
            {
                _basis = _slot?.Take(need) ?? GC.AllocateUninitializedArray<double>(checked((int)need));
            }
        }
        Array.Clear(_h);
        if (_norm == 0 || horizon == 0)
        {
            _size = _norm == 0 ? 0 : 1;
            if (_size == 1) Start(x);
            SetHessenberg(_size);
            Reach = horizon;
            return Reach;
        }
        Start(x);
        var m = MaxDimension;
        double beyond = 0;
        var invariant = false;
        for (var j = 0; j < MaxDimension; j++)
        {
            var w = Col(j + 1);
            _g.Multiply(Col(j), w, _threads);
            MatVecs++;
            var hcol = _h.AsSpan(j * (MaxDimension + 1), MaxDimension + 1);
            var b = Orthogonalize(j + 1, hcol);
            double scale = 0;
            for (var i = 0; i <= j; i++) scale = Math.Max(scale, Math.Abs(hcol[i]));
            _h[j + 1 + j * (MaxDimension + 1)] = b;
            if (!(b > 1e-13 * Math.Max(scale, b)) || j + 1 == _n)
            {
                m = j + 1;
                invariant = true;
                break;
            }
            Scale(1 / b, w);
            beyond = b;
            if ((j + 1) % 8 == 0 && j + 1 < MaxDimension)
            {
                SetHessenberg(j + 1);
                if (ArnoldiStepControl.WorthEarlyCheck(Norm1(), j + 1, horizon) && ArnoldiStepControl.Ok(LastEntry, _norm, beyond, horizon, errorPerTime, errorFloor, out var early))
                {
                    Reach = horizon;
                    StepError = early;
                    _next = horizon;
                    return Reach;
                }
            }
        }
        SetHessenberg(m);
        if (invariant)
        {
            Reach = horizon;
            return Reach;
        }
        Reach = ArnoldiStepControl.Choose(LastEntry, Norm1(), _size, _norm, beyond, horizon, errorPerTime, errorFloor, ref _next, out var stepError, out var rejections);
        StepError = stepError;
        Rejections += rejections;
        return Reach;
    }

    /// <summary>Vector length per partial sum of the orthogonalisation (fixed, so results do not depend on the thread count).</summary>
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Modified Gram-Schmidt of w = column <paramref name="count"/> against the first <paramref name="count"/> basis
    /// vectors, pipelined: the sweep that subtracts h_{i-1} v_{i-1} also computes h_i = v_i . w (the same arithmetic
    /// as MGS, one pass over w fewer per vector). Each dot product is a sum of partial sums over fixed chunks of
    /// 2^16 entries taken in order, so the result does not depend on the thread count; on long vectors the chunks
    /// are shared among threads that meet at a barrier once per basis vector (the sweep is memory-bound, and one
    /// core does not saturate the memory bus). Stores the coefficients in h; returns ||w||.
    /// </summary>
    private double Orthogonalize(int count, Span<double> h)
    {
        var chunks = (_n + Chunk - 1) / Chunk;
        var t = Math.Min(chunks, _threads <= 0 ? Environment.ProcessorCount : _threads);
        var partial = new double[(count + 1) * chunks];
        var sums = new double[count + 1];
        if (t <= 1)
        {
            Sweep(0, 1, count, chunks, partial, sums, null);
        }
        else
        {
            // dedicated threads: a barrier among thread-pool work items could wait for an item that never starts
            using var barrier = new Barrier(t);
            var workers = new Thread[t - 1];
            for (var k = 1; k < t; k++)
            {
                var id = k;
                workers[k - 1] = new Thread(() => Sweep(id, t, count, chunks, partial, sums, barrier)) { IsBackground = true };
                workers[k - 1].Start();
            }
            Sweep(0, t, count, chunks, partial, sums, barrier);
            foreach (var worker in workers) worker.Join();
        }
        sums.AsSpan(0, count).CopyTo(h);
        return Math.Sqrt(sums[count]);
    }

    /// <summary>One thread's share of <see cref="Orthogonalize"/>: chunks [id C / t, (id + 1) C / t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sweep(int id, int t, int count, int chunks, double[] partial, double[] sums, Barrier? barrier)
    {
        var c0 = (int)((long)id * chunks / t);
        var c1 = (int)((long)(id + 1) * chunks / t);
        var w = Col(count);
        double prev = 0;
        for (var i = 0; i <= count; i++)
        {
            for (var c = c0; c < c1; c++)
            {
                var lo = c * Chunk;
                var len = Math.Min(Chunk, _n - lo);
                var wc = w.Slice(lo, len);
                partial[i * chunks + c] = i == 0 ? Dot(Col(0).Slice(lo, len), wc)
                    : AxpyThenDot(-prev, Col(i - 1).Slice(lo, len), wc, i < count ? Col(i).Slice(lo, len) : wc);
            }
            barrier?.SignalAndWait();
            double s = 0;
            for (var c = 0; c < chunks; c++) s += partial[i * chunks + c];
            prev = s;
            if (id == 0) sums[i] = s;
        }
    }

    /// <summary>w += a x, then returns v . w (v may be w itself).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double AxpyThenDot(double a, ReadOnlySpan<double> x, Span<double> w, ReadOnlySpan<double> v)
    {
        var i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var va = Vector256.Create(a);
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var vr = ref MemoryMarshal.GetReference(v);
            for (; i + 7 < x.Length; i += 8)
            {
                var w0 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref wr, (nuint)i));
                var w1 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)(i + 4)), Vector256.LoadUnsafe(ref wr, (nuint)(i + 4)));
                w0.StoreUnsafe(ref wr, (nuint)i);
                w1.StoreUnsafe(ref wr, (nuint)(i + 4));
                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref vr, (nuint)i), w0, acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref vr, (nuint)(i + 4)), w1, acc1);
            }
            s = Vector256.Sum(acc0 + acc1);
        }
        for (; i < x.Length; i++)
        {
            w[i] += a * x[i];
            s += v[i] * w[i];
        }
        return s;
    }

    private void Start(ReadOnlySpan<double> x)
    {
        var v0 = Col(0);
        x.CopyTo(v0);
        Scale(1 / _norm, v0);
    }

    private void SetHessenberg(int m)
    {
        _size = m;
        _hm = new double[m * m];
        for (var j = 0; j < m; j++)
            for (var i = 0; i <= Math.Min(j + 1, m - 1); i++) _hm[i + j * m] = _h[i + j * (MaxDimension + 1)];
    }

    private double Norm1() => SmallRealExpm.Norm1(_hm, _size);

    private double LastEntry(double s) => Math.Abs(SmallRealExpm.Exp(_hm, _size, s)[_size - 1]);

    /// <summary>exp(s H_m), m x m column-major.</summary>
    public double[] SmallExponential(double s) => SmallRealExpm.Exp(_hm, _size, s);

    /// <summary>y = V c.</summary>
    public void Combine(ReadOnlySpan<double> c, Span<double> y)
    {
        y.Clear();
        for (var j = 0; j < c.Length; j++)
        {
            var cj = c[j];
            if (cj != 0) Axpy(cj, _basis.AsSpan(j * _n, _n), y);
        }
    }

    /// <summary>p_j = w . v_j for every basis vector.</summary>
    /// <summary>The projections ph_j = wh . v_j and pa_j = wa . v_j of two functionals stored at the same positions <paramref name="index"/>.</summary>
    public void ProjectLinear(ReadOnlySpan<int> index, ReadOnlySpan<double> wh, ReadOnlySpan<double> wa, Span<double> ph, Span<double> pa)
    {
        for (var j = 0; j < _size; j++)
        {
            var v = _basis.AsSpan(j * _n, _n);
            double sh = 0, sa = 0;
            for (var k = 0; k < index.Length; k++)
            {
                var x = v[index[k]];
                sh += wh[k] * x;
                sa += wa[k] * x;
            }
            ph[j] = sh;
            pa[j] = sa;
        }
    }

    public void ResetStepHistory() => _next = 0;

    /// <summary>Ends the use of the basis: it goes back to the slot (allocated again by the next <see cref="Build"/> without one).</summary>
    public void Release()
    {
        if (_pooled) ReturnPooled();
        else if (_basis.Length > 0) _slot?.Put(_basis);
        _basis = [];
        _size = 0;
    }

    /// <summary>Largest basis (in doubles, 32 MiB) taken from <see cref="ArrayPool{T}.Shared"/> instead of the slot.</summary>
    internal const int PooledBasisLength = 1 << 22;

    private void ReturnPooled()
    {
        if (!_pooled) return;
        ArrayPool<double>.Shared.Return(_basis);
        _basis = [];
        _pooled = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 16)
        {
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            for (; i + 7 < x.Length; i += 8)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 4)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 4)), a1);
            }
            s = Vector256.Sum(a0 + a1);
        }
        for (; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var va = Vector256.Create(a);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            for (; i + 3 < x.Length; i += 4)
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(double a, Span<double> x)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= a;
    }
}
