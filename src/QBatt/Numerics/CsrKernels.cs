using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QBatt.Numerics;

/// <summary>Row blocks of about equal non-zero count, cached per thread count.</summary>
internal sealed record RowBlocks(int Threads, int[] Bounds);

/// <summary>
/// The CSR mat-vec kernels shared by <see cref="CsrMatrix"/> (complex values) and
/// <see cref="RealCsrMatrix"/> (real values), with their row-block threading. The kernels are
/// memory-bound: a complex entry is a 128-bit (re, im) vector, each row keeps two independent
/// pairs of accumulators, and rows of a large output are written with non-temporal stores (the
/// output does not fit in cache, so write-allocating it would read it from memory first).
/// </summary>
internal static unsafe class CsrKernels
{
    /// <summary>Below this many stored entries a mat-vec runs on one thread.</summary>
    public const int SerialNonZeros = 1 << 15;

    /// <summary>Outputs of at least this many rows are written with non-temporal stores (16 B each: 4 MiB).</summary>
    public const int StreamingRows = 1 << 18;

    private static readonly bool CanStream = Sse2.X64.IsSupported;

    public static void CheckShapes(string op, int rows, int cols, int xLength, int yLength, bool overlap)
    {
        if (xLength != cols)
            throw new DimensionMismatchException(op, "x", $"length {cols}", $"length {xLength}");
        if (yLength != rows)
            throw new DimensionMismatchException(op, "y", $"length {rows}", $"length {yLength}");
        if (overlap)
            throw new ValidationException(op, "y", "an output that does not overlap the input", "overlapping spans");
    }

    /// <summary>Row blocks of about equal non-zero count: 4 per thread, for load balance.</summary>
    public static int[] Blocks(int[] rowPtr, int rows, int threads)
    {
        var nnz = rowPtr[rows];
        var nb = Math.Max(1, Math.Min(rows, threads * 4));
        var b = new int[nb + 1];
        var per = (double)nnz / nb;
        var r = 0;
        for (var k = 1; k < nb; k++)
        {
            var target = (long)Math.Round(k * per);
            while (r < rows && rowPtr[r] < target) r++;
            b[k] = r;
        }
        b[nb] = rows;
        return b;
    }

    public static int Threads(int threads) => threads <= 0 ? Environment.ProcessorCount : threads;

    /// <summary>Runs <paramref name="kernel"/>(r0, r1) over the row blocks, in parallel when worth it.</summary>
    public static void Run(int rows, int nnz, int threads, Func<int, int[]> blocks, Action<int, int> kernel)
    {
        var t = Threads(threads);
        if (t == 1 || nnz < SerialNonZeros)
        {
            kernel(0, rows);
            return;
        }
        var b = blocks(t);
        Parallel.For(0, b.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = t }, k => kernel(b[k], b[k + 1]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(double* y, int r, double re, double im, System.Numerics.Complex alpha, bool accumulate, bool stream)
    {
        if (alpha != System.Numerics.Complex.One)
        {
            var tr = alpha.Real * re - alpha.Imaginary * im;
            im = alpha.Real * im + alpha.Imaginary * re;
            re = tr;
        }
        if (accumulate)
        {
            y[2 * r] += re;
            y[2 * r + 1] += im;
        }
        else if (stream)
        {
            Sse2.X64.StoreNonTemporal((long*)(y + 2 * r), BitConverter.DoubleToInt64Bits(re));
            Sse2.X64.StoreNonTemporal((long*)(y + 2 * r + 1), BitConverter.DoubleToInt64Bits(im));
        }
        else
        {
            y[2 * r] = re;
            y[2 * r + 1] = im;
        }
    }

    private static bool Streams(int rows, bool accumulate) => !accumulate && CanStream && rows >= StreamingRows;

    /// <summary>y[r] (+)= alpha sum_k v_k x[c_k] for rows r0..r1-1, complex values (interleaved re, im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComplexValues(int* rp, int* ci, double* v, double* x, double* y, int r0, int r1, int rows, System.Numerics.Complex alpha, bool accumulate)
    {
        var stream = Streams(rows, accumulate);
        for (var r = r0; r < r1; r++)
        {
            var a1 = Vector128<double>.Zero;
            var a2 = Vector128<double>.Zero;
            var b1 = Vector128<double>.Zero;
            var b2 = Vector128<double>.Zero;
            var k = rp[r];
            var end = rp[r + 1];
            for (; k + 1 < end; k += 2)
            {
                var xv = Vector128.Load(x + 2 * ci[k]);
                var xw = Vector128.Load(x + 2 * ci[k + 1]);
                a1 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k]), xv, a1);
                a2 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k + 1]), xv, a2);
                b1 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k + 2]), xw, b1);
                b2 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k + 3]), xw, b2);
            }
            if (k < end)
            {
                var xv = Vector128.Load(x + 2 * ci[k]);
                a1 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k]), xv, a1);
                a2 = Vector128.FusedMultiplyAdd(Vector128.Create(v[2 * k + 1]), xv, a2);
            }
            a1 += b1;
            a2 += b2;
            // a1 = (ar xr, ar xi), a2 = (ai xr, ai xi): re = ar xr - ai xi, im = ar xi + ai xr
            Store(y, r, a1.GetElement(0) - a2.GetElement(1), a1.GetElement(1) + a2.GetElement(0), alpha, accumulate, stream);
        }
        if (stream) Sse.StoreFence();
    }

    /// <summary>y[r] (+)= alpha sum_k v_k x[c_k] for rows r0..r1-1, real values, complex vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RealComplex(int* rp, int* ci, double* v, double* x, double* y, int r0, int r1, int rows, System.Numerics.Complex alpha, bool accumulate)
    {
        var stream = Streams(rows, accumulate);
        for (var r = r0; r < r1; r++)
        {
            var a1 = Vector128<double>.Zero;
            var a2 = Vector128<double>.Zero;
            var k = rp[r];
            var end = rp[r + 1];
            for (; k + 1 < end; k += 2)
            {
                a1 = Vector128.FusedMultiplyAdd(Vector128.Create(v[k]), Vector128.Load(x + 2 * ci[k]), a1);
                a2 = Vector128.FusedMultiplyAdd(Vector128.Create(v[k + 1]), Vector128.Load(x + 2 * ci[k + 1]), a2);
            }
            if (k < end)
                a1 = Vector128.FusedMultiplyAdd(Vector128.Create(v[k]), Vector128.Load(x + 2 * ci[k]), a1);
            a1 += a2;
            Store(y, r, a1.GetElement(0), a1.GetElement(1), alpha, accumulate, stream);
        }
        if (stream) Sse.StoreFence();
    }

    /// <summary>y[r] (+)= alpha sum_k v_k x[c_k] for rows r0..r1-1, real values and real vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Real(int* rp, int* ci, double* v, double* x, double* y, int r0, int r1, double alpha, bool accumulate)
    {
        for (var r = r0; r < r1; r++)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            var k = rp[r];
            var end = rp[r + 1];
            for (; k + 3 < end; k += 4)
            {
                s0 += v[k] * x[ci[k]];
                s1 += v[k + 1] * x[ci[k + 1]];
                s2 += v[k + 2] * x[ci[k + 2]];
                s3 += v[k + 3] * x[ci[k + 3]];
            }
            for (; k < end; k++) s0 += v[k] * x[ci[k]];
            var s = alpha * (s0 + s1 + (s2 + s3));
            if (accumulate) y[r] += s;
            else y[r] = s;
        }
    }
}
