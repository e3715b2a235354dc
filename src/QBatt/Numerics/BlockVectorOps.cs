using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QBatt.Numerics;

/// <summary>
/// Level-1 and level-2 kernels for Krylov methods on long vectors: fused update-and-reduce passes
/// (one sweep over memory instead of two) and the combination y = V c of basis vectors stored as
/// the columns of one column-major block. Long vectors are split into chunks processed in parallel.
/// </summary>
internal static class BlockVectorOps
{
    /// <summary>Vectors at least this long are processed in parallel chunks.</summary>
    private const int ParallelLength = 1 << 16;

    private const int ChunkLength = 1 << 14;

    private static int Chunks(int n, int threads) => n < ParallelLength ? 1 : Math.Min(CsrKernels.Threads(threads) * 4, (n + ChunkLength - 1) / ChunkLength);

    private static (int Start, int Length) Chunk(int n, int chunks, int k)
    {
        var a = (int)((long)n * k / chunks);
        var b = (int)((long)n * (k + 1) / chunks);
        return (a, b - a);
    }

    /// <summary>w -= beta p (skipped when beta is 0); returns &lt;v, w&gt; (conjugate-linear in v) after the update.</summary>
    public static Complex SubtractThenDot(Span<Complex> w, ReadOnlySpan<Complex> p, double beta, ReadOnlySpan<Complex> v, int threads)
    {
        var n = w.Length;
        var chunks = Chunks(n, threads);
        if (chunks == 1) return SubtractThenDotSerial(w, p, beta, v);
        var partial = new Complex[chunks];
        unsafe
        {
            fixed (Complex* pw = w, pp = p, pv = v)
            {
                var (iw, ip, iv) = ((IntPtr)pw, (IntPtr)pp, (IntPtr)pv);
                var hasP = !p.IsEmpty;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = CsrKernels.Threads(threads) }, k =>
                {
                    var (s, len) = Chunk(n, chunks, k);
                    partial[k] = SubtractThenDotSerial(new Span<Complex>((Complex*)iw + s, len),
                        hasP ? new ReadOnlySpan<Complex>((Complex*)ip + s, len) : default, beta, new ReadOnlySpan<Complex>((Complex*)iv + s, len));
                });
            }
        }
        var sum = Complex.Zero;
        foreach (var z in partial) sum += z;
        return sum;
    }

    private static Complex SubtractThenDotSerial(Span<Complex> w, ReadOnlySpan<Complex> p, double beta, ReadOnlySpan<Complex> v)
    {
        var wd = MemoryMarshal.Cast<Complex, double>(w);
        var vd = MemoryMarshal.Cast<Complex, double>(v);
        var subtract = beta != 0 && !p.IsEmpty;
        var pd = subtract ? MemoryMarshal.Cast<Complex, double>(p) : default;
        double re = 0, im = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && wd.Length >= 8)
        {
            // re += v .* w, im += v .* swap(w) with the signs (+, -) per pair
            var accRe = Vector256<double>.Zero;
            var accIm = Vector256<double>.Zero;
            var vb = Vector256.Create(beta);
            ref var wr = ref MemoryMarshal.GetReference(wd);
            ref var vr = ref MemoryMarshal.GetReference(vd);
            ref var pr = ref MemoryMarshal.GetReference(pd);
            for (; i + 3 < wd.Length; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref wr, (nuint)i);
                if (subtract)
                {
                    x = Vector256.FusedMultiplyAdd(-vb, Vector256.LoadUnsafe(ref pr, (nuint)i), x);
                    x.StoreUnsafe(ref wr, (nuint)i);
                }
                var y = Vector256.LoadUnsafe(ref vr, (nuint)i);
                accRe = Vector256.FusedMultiplyAdd(y, x, accRe);
                accIm = Vector256.FusedMultiplyAdd(y, Vector256.Shuffle(x, Vector256.Create(1L, 0L, 3L, 2L)), accIm);
            }
            re = Vector256.Sum(accRe);
            im = accIm.GetElement(0) - accIm.GetElement(1) + accIm.GetElement(2) - accIm.GetElement(3);
        }
        for (; i < wd.Length; i += 2)
        {
            double a = wd[i], b = wd[i + 1];
            if (subtract)
            {
                a -= beta * pd[i];
                b -= beta * pd[i + 1];
                wd[i] = a;
                wd[i + 1] = b;
            }
            re += vd[i] * a + vd[i + 1] * b;
            im += vd[i] * b - vd[i + 1] * a;
        }
        return new Complex(re, im);
    }

    /// <summary>w -= a v; returns ||w||^2 after the update.</summary>
    public static double SubtractThenNorm2(Span<Complex> w, Complex a, ReadOnlySpan<Complex> v, int threads)
    {
        var n = w.Length;
        var chunks = Chunks(n, threads);
        if (chunks == 1) return SubtractThenNorm2Serial(w, a, v);
        var partial = new double[chunks];
        unsafe
        {
            fixed (Complex* pw = w, pv = v)
            {
                var (iw, iv) = ((IntPtr)pw, (IntPtr)pv);
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = CsrKernels.Threads(threads) }, k =>
                {
                    var (s, len) = Chunk(n, chunks, k);
                    partial[k] = SubtractThenNorm2Serial(new Span<Complex>((Complex*)iw + s, len), a, new ReadOnlySpan<Complex>((Complex*)iv + s, len));
                });
            }
        }
        return partial.Sum();
    }

    private static double SubtractThenNorm2Serial(Span<Complex> w, Complex a, ReadOnlySpan<Complex> v)
    {
        VectorOps.Axpy(-a, v, w);
        var wd = MemoryMarshal.Cast<Complex, double>(w);
        double s = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && wd.Length >= 8)
        {
            var acc = Vector256<double>.Zero;
            ref var wr = ref MemoryMarshal.GetReference(wd);
            for (; i + 3 < wd.Length; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref wr, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(x, x, acc);
            }
            s = Vector256.Sum(acc);
        }
        for (; i < wd.Length; i++) s += wd[i] * wd[i];
        return s;
    }

    /// <summary>x *= s (real s).</summary>
    public static void Scale(Span<Complex> x, double s, int threads)
    {
        var n = x.Length;
        var chunks = Chunks(n, threads);
        if (chunks == 1)
        {
            VectorOps.Scale(s, x);
            return;
        }
        unsafe
        {
            fixed (Complex* px = x)
            {
                var ix = (IntPtr)px;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = CsrKernels.Threads(threads) }, k =>
                {
                    var (st, len) = Chunk(n, chunks, k);
                    VectorOps.Scale(s, new Span<Complex>((Complex*)ix + st, len));
                });
            }
        }
    }

    /// <summary>
    /// y = sum_j c_j V[:, j] for the first c.Length columns of the column-major block V with n rows
    /// (n = y.Length). Rows are processed in cache-sized blocks so y is written once.
    /// </summary>
    public static void Combine(ReadOnlySpan<Complex> basis, ReadOnlySpan<Complex> c, Span<Complex> y, int threads)
    {
        var n = y.Length;
        var m = c.Length;
        if ((long)n * m > basis.Length)
            throw new DimensionMismatchException("Combine", "basis", $"at least {(long)n * m} entries", $"{basis.Length}");
        var chunks = Chunks(n, threads);
        var cc = c.ToArray();
        if (chunks == 1)
        {
            CombineSerial(basis, n, cc, y, 0, n);
            return;
        }
        unsafe
        {
            fixed (Complex* pb = basis, py = y)
            {
                var (ib, iy) = ((IntPtr)pb, (IntPtr)py);
                var len = basis.Length;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = CsrKernels.Threads(threads) }, k =>
                {
                    var (s, l) = Chunk(n, chunks, k);
                    CombineSerial(new ReadOnlySpan<Complex>((Complex*)ib, len), n, cc, new Span<Complex>((Complex*)iy, n), s, s + l);
                });
            }
        }
    }

    private static void CombineSerial(ReadOnlySpan<Complex> basis, int n, Complex[] c, Span<Complex> y, int r0, int r1)
    {
        const int block = 512;
        for (var b0 = r0; b0 < r1; b0 += block)
        {
            var len = Math.Min(block, r1 - b0);
            var yb = y.Slice(b0, len);
            yb.Clear();
            for (var j = 0; j < c.Length; j++)
            {
                if (c[j] != Complex.Zero)
                    VectorOps.Axpy(c[j], basis.Slice(j * n + b0, len), yb);
            }
        }
    }
}
