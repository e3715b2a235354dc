using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QBatt.Numerics;

/// <summary>
/// Level-1 kernels on complex spans (BLAS-like). Real-linear operations work on the
/// interleaved (re, im) doubles through <see cref="MemoryMarshal.Cast{TFrom, TTo}(Span{TFrom})"/>.
/// </summary>
public static class VectorOps
{
    private static void SameLength(int a, int b, string op)
    {
        if (a != b)
            throw new DimensionMismatchException(op, "y", $"length {a}", $"length {b}");
    }

    /// <summary>Inner product sum_i conj(x_i) y_i.</summary>
    public static Complex Dot(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y)
    {
        SameLength(x.Length, y.Length, "Dot");
        var xd = MemoryMarshal.Cast<Complex, double>(x);
        var yd = MemoryMarshal.Cast<Complex, double>(y);
        double re0 = 0, re1 = 0, im0 = 0, im1 = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && xd.Length >= 8)
        {
            // a += x .* y = (xr yr, xi yi, ...), b += x .* swap(y) = (xr yi, xi yr, ...)
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            var b0 = Vector256<double>.Zero;
            var b1 = Vector256<double>.Zero;
            ref var xr = ref MemoryMarshal.GetReference(xd);
            ref var yr = ref MemoryMarshal.GetReference(yd);
            for (; i + 7 < xd.Length; i += 8)
            {
                var x0 = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref xr, (nuint)(i + 4));
                var y0 = Vector256.LoadUnsafe(ref yr, (nuint)i);
                var y1 = Vector256.LoadUnsafe(ref yr, (nuint)(i + 4));
                a0 = Vector256.FusedMultiplyAdd(x0, y0, a0);
                a1 = Vector256.FusedMultiplyAdd(x1, y1, a1);
                b0 = Vector256.FusedMultiplyAdd(x0, Swap(y0), b0);
                b1 = Vector256.FusedMultiplyAdd(x1, Swap(y1), b1);
            }
            var a = a0 + a1;
            var b = b0 + b1;
            re0 = Vector256.Sum(a);
            im0 = b.GetElement(0) - b.GetElement(1) + b.GetElement(2) - b.GetElement(3);
        }
        for (; i + 3 < xd.Length; i += 4)
        {
            re0 += xd[i] * yd[i] + xd[i + 1] * yd[i + 1];
            im0 += xd[i] * yd[i + 1] - xd[i + 1] * yd[i];
            re1 += xd[i + 2] * yd[i + 2] + xd[i + 3] * yd[i + 3];
            im1 += xd[i + 2] * yd[i + 3] - xd[i + 3] * yd[i + 2];
        }
        for (; i < xd.Length; i += 2)
        {
            re0 += xd[i] * yd[i] + xd[i + 1] * yd[i + 1];
            im0 += xd[i] * yd[i + 1] - xd[i + 1] * yd[i];
        }
        return new Complex(re0 + re1, im0 + im1);
    }

    /// <summary>(a, b, c, d) -> (b, a, d, c): swaps re and im of two packed complex numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Swap(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L));

    /// <summary>Euclidean norm ||x||_2 (scaled to avoid overflow).</summary>
    public static double Norm(ReadOnlySpan<Complex> x)
    {
        var xd = MemoryMarshal.Cast<Complex, double>(x);
        double scale = 0;
        foreach (var v in xd) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0 || !double.IsFinite(scale))
            return scale;
        double s0 = 0, s1 = 0;
        var inv = 1.0 / scale;
        var i = 0;
        for (; i + 1 < xd.Length; i += 2)
        {
            var a = xd[i] * inv;
            var b = xd[i + 1] * inv;
            s0 += a * a;
            s1 += b * b;
        }
        return scale * Math.Sqrt(s0 + s1);
    }

    /// <summary>y += a x.</summary>
    public static void Axpy(Complex a, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        SameLength(x.Length, y.Length, "Axpy");
        var ar = a.Real;
        var ai = a.Imaginary;
        var xd = MemoryMarshal.Cast<Complex, double>(x);
        var yd = MemoryMarshal.Cast<Complex, double>(y);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && xd.Length >= 4)
        {
            // y += ar x + (-ai, ai, -ai, ai) .* swap(x)
            var va = Vector256.Create(ar);
            var vb = Vector256.Create(-ai, ai, -ai, ai);
            ref var xr = ref MemoryMarshal.GetReference(xd);
            ref var yr = ref MemoryMarshal.GetReference(yd);
            for (; i + 3 < xd.Length; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                yv = Vector256.FusedMultiplyAdd(va, xv, yv);
                yv = Vector256.FusedMultiplyAdd(vb, Swap(xv), yv);
                yv.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < xd.Length; i += 2)
        {
            var xr = xd[i];
            var xi = xd[i + 1];
            yd[i] += ar * xr - ai * xi;
            yd[i + 1] += ar * xi + ai * xr;
        }
    }

    /// <summary>x *= a.</summary>
    public static void Scale(Complex a, Span<Complex> x)
    {
        if (a.Imaginary == 0)
        {
            var r = a.Real;
            var xd = MemoryMarshal.Cast<Complex, double>(x);
            var i = 0;
            if (Vector256.IsHardwareAccelerated && xd.Length >= 4)
            {
                var vr = Vector256.Create(r);
                ref var xr = ref MemoryMarshal.GetReference(xd);
                for (; i + 3 < xd.Length; i += 4) (vr * Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref xr, (nuint)i);
            }
            for (; i < xd.Length; i++) xd[i] *= r;
            return;
        }
        for (var i = 0; i < x.Length; i++) x[i] *= a;
    }

    /// <summary>Largest |x_i|, 0 for an empty span.</summary>
    public static double MaxAbs(ReadOnlySpan<Complex> x)
    {
        double m = 0;
        foreach (var z in x)
        {
            var a = z.Magnitude;
            if (a > m || double.IsNaN(a)) m = a;
        }
        return m;
    }
}
