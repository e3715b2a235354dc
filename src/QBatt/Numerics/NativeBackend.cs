using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace QBatt.Numerics;

/// <summary>
/// LAPACK/BLAS from Debian's OpenBLAS (<c>libopenblas0-pthread</c>), loaded at run time with
/// <see cref="NativeLibrary"/> and called through unmanaged function pointers (Fortran ABI: all
/// arguments by reference, hidden string lengths last). Create it with <see cref="TryLoad"/>.
/// </summary>
public sealed unsafe class NativeBackend : ILinearAlgebraBackend
{
    /// <summary>Environment variable naming the OpenBLAS shared library to load; when set, no other path is tried.</summary>
    public const string LibraryVariable = "QBATT_OPENBLAS_LIBRARY";

    private static readonly string[] CandidatePaths =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib64/libopenblas.so.0",
        "/usr/local/lib/libopenblas.so.0",
        "libopenblas.so",
    ];

    private readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, Complex*, Complex*, int*, Complex*, int*, Complex*, Complex*, int*, nuint, nuint, void> _zgemm;
    private readonly delegate* unmanaged<byte*, byte*, int*, Complex*, int*, double*, Complex*, int*, double*, int*, int*, int*, int*, nuint, nuint, void> _zheevd;
    private readonly delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void> _dsyevd;
    private readonly delegate* unmanaged<int*, int*, Complex*, int*, int*, Complex*, int*, int*, void> _zgesv;
    private readonly delegate* unmanaged<byte*, int*, int*, Complex*, int*, double*, Complex*, int*, Complex*, int*, Complex*, int*, double*, int*, int*, nuint, void> _zgesdd;
    private readonly delegate* unmanaged<int> _getNumThreads;
    private readonly delegate* unmanaged<int, void> _setNumThreads;
    private readonly delegate* unmanaged<byte*> _getCorename;
    private readonly delegate* unmanaged<byte*> _getConfig;

    private NativeBackend(IntPtr handle, string path)
    {
        LibraryPath = path;
        _zgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, Complex*, Complex*, int*, Complex*, int*, Complex*, Complex*, int*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "zgemm_");
        _zheevd = (delegate* unmanaged<byte*, byte*, int*, Complex*, int*, double*, Complex*, int*, double*, int*, int*, int*, int*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "zheevd_");
        _dsyevd = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "dsyevd_");
        _zgesv = (delegate* unmanaged<int*, int*, Complex*, int*, int*, Complex*, int*, int*, void>)NativeLibrary.GetExport(handle, "zgesv_");
        _zgesdd = (delegate* unmanaged<byte*, int*, int*, Complex*, int*, double*, Complex*, int*, Complex*, int*, Complex*, int*, double*, int*, int*, nuint, void>)NativeLibrary.GetExport(handle, "zgesdd_");
        _getNumThreads = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "openblas_get_num_threads");
        _setNumThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(handle, "openblas_set_num_threads");
        _getCorename = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(handle, "openblas_get_corename");
        _getConfig = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(handle, "openblas_get_config");
    }

    /// <summary>Path of the loaded library.</summary>
    public string LibraryPath { get; }

    /// <inheritdoc/>
    public string Name => "native";

    /// <summary>OpenBLAS's name for the CPU kernel set it selected (e.g. Haswell).</summary>
    public string CoreName => Marshal.PtrToStringAnsi((IntPtr)_getCorename()) ?? "unknown";

    /// <summary>OpenBLAS build configuration string.</summary>
    public string Config => Marshal.PtrToStringAnsi((IntPtr)_getConfig()) ?? "unknown";

    /// <summary>Number of threads OpenBLAS uses.</summary>
    public int Threads => _getNumThreads();

    /// <inheritdoc/>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"OpenBLAS ({LibraryPath}), core {CoreName}, {Threads} thread(s)");

    /// <summary>Sets the OpenBLAS thread count (openblas_set_num_threads).</summary>
    public void SetThreads(int threads)
    {
        Guard.AtLeast(threads, 1, "NativeBackend.SetThreads", "threads");
        _setNumThreads(threads);
    }

    /// <summary>
    /// Loads OpenBLAS: the path in <see cref="LibraryVariable"/> when set, otherwise the usual
    /// Debian locations. Returns null (with the reason) when no usable library is found.
    /// </summary>
    public static NativeBackend? TryLoad(out string reason)
    {
        var forced = Environment.GetEnvironmentVariable(LibraryVariable);
        var paths = string.IsNullOrEmpty(forced) ? CandidatePaths : [forced];
        foreach (var path in paths)
        {
            if (!NativeLibrary.TryLoad(path, out var handle))
                continue;
            if (!NativeLibrary.TryGetExport(handle, "zheevd_", out _) || !NativeLibrary.TryGetExport(handle, "openblas_get_corename", out _))
            {
                NativeLibrary.Free(handle);
                continue;
            }
            reason = "";
            return new NativeBackend(handle, path);
        }
        reason = string.IsNullOrEmpty(forced)
            ? "OpenBLAS (libopenblas.so.0) not found; install it with 'apt-get install libopenblas0-pthread'"
            : $"{LibraryVariable}={forced} could not be loaded as OpenBLAS";
        return null;
    }

    /// <summary>
    /// A 64-byte aligned view of a span handed to OpenBLAS: the span itself when it is aligned, otherwise an aligned native
    /// copy (copied back on <see cref="Dispose"/> when writable). OpenBLAS's AVX-512 kernels peel the unaligned head of a
    /// vector differently from its body, so the same matrix at another address rounded differently: two samples of the
    /// same seed differed in the last bits on an AVX-512 machine. Aligned, every call sees the same layout.
    /// </summary>
    private readonly ref struct Aligned<T> where T : unmanaged
    {
        private readonly Span<T> _target;
        private readonly T* _copy;
        private readonly bool _writeBack;

        public Aligned(Span<T> span, bool writeBack, int slack = 0)
        {
            _target = span;
            _writeBack = writeBack;
            fixed (T* p = span)
            {
                if (slack == 0 && ((nuint)p & 63) == 0)
                {
                    Pointer = p;
                    _copy = null;
                    return;
                }
            }
            _copy = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, span.Length + slack) * (nuint)sizeof(T), 64);
            span.CopyTo(new Span<T>(_copy, span.Length));
            if (slack > 0) new Span<T>(_copy + span.Length, slack).Clear();
            Pointer = _copy;
        }

        /// <summary>The aligned address (valid until <see cref="Dispose"/>; the caller keeps the span pinned meanwhile).</summary>
        public T* Pointer { get; }

        public void Dispose()
        {
            if (_copy is null) return;
            if (_writeBack) new Span<T>(_copy, _target.Length).CopyTo(_target);
            NativeMemory.AlignedFree(_copy);
        }
    }

    private static byte OpChar(Op op) => op switch { Op.None => (byte)'N', Op.Transpose => (byte)'T', _ => (byte)'C' };

    /// <inheritdoc/>
    public void Gemm(Op opA, Op opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a,
        ReadOnlySpan<Complex> b, Complex beta, Span<Complex> c)
    {
        BackendChecks.Gemm(opA, opB, m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0)
            return;
        var ta = OpChar(opA);
        var tb = OpChar(opB);
        var lda = Math.Max(1, opA == Op.None ? m : k);
        var ldb = Math.Max(1, opB == Op.None ? k : n);
        var ldc = Math.Max(1, m);
        if (k == 0)
        {
            for (var i = 0; i < m * n; i++) c[i] = beta == Complex.Zero ? Complex.Zero : beta * c[i];
            return;
        }
        fixed (Complex* ra = a, rb = b, rc = c)
        {
            using var xa = new Aligned<Complex>(new Span<Complex>(ra, a.Length), false);
            using var xb = new Aligned<Complex>(new Span<Complex>(rb, b.Length), false);
            using var xc = new Aligned<Complex>(c, true);
            _zgemm(&ta, &tb, &m, &n, &k, &alpha, xa.Pointer, &lda, xb.Pointer, &ldb, &beta, xc.Pointer, &ldc, 1, 1);
        }
    }

    /// <inheritdoc/>
    public void HermitianEigen(int n, Span<Complex> a, Span<double> w, bool vectors)
    {
        BackendChecks.Square("HermitianEigen", n, a.Length, w.Length);
        if (n == 0)
            return;
        var jobz = vectors ? (byte)'V' : (byte)'N';
        var uplo = (byte)'L';
        var lda = n;
        var info = 0;
        var lwork = -1;
        var lrwork = -1;
        var liwork = -1;
        Complex wq;
        double rwq;
        int iwq;
        fixed (Complex* ra = a)
        fixed (double* rw = w)
        {
            using var xa = new Aligned<Complex>(a, true);
            using var xw = new Aligned<double>(w, true);
            var pa = xa.Pointer;
            var pw = xw.Pointer;
            _zheevd(&jobz, &uplo, &n, pa, &lda, pw, &wq, &lwork, &rwq, &lrwork, &iwq, &liwork, &info, 1, 1);
            lwork = Math.Max(1, (int)wq.Real);
            lrwork = Math.Max(1, (int)rwq);
            liwork = Math.Max(1, iwq);
            var work = new Complex[lwork];
            var rwork = new double[lrwork];
            var iwork = new int[liwork];
            fixed (Complex* rwork0 = work)
            fixed (double* rrwork = rwork)
            fixed (int* piwork = iwork)
            {
                using var xwork = new Aligned<Complex>(work, false);
                using var xrwork = new Aligned<double>(rwork, false);
                _zheevd(&jobz, &uplo, &n, pa, &lda, pw, xwork.Pointer, &lwork, xrwork.Pointer, &lrwork, piwork, &liwork, &info, 1, 1);
            }
        }
        if (info != 0)
            throw new ConvergenceException($"HermitianEigen: LAPACK zheevd failed with info = {info} for a {n}x{n} matrix.");
    }

    /// <inheritdoc/>
    public void SymmetricEigen(int n, Span<double> a, Span<double> w, bool vectors)
    {
        BackendChecks.Square("SymmetricEigen", n, a.Length, w.Length);
        if (n == 0)
            return;
        var jobz = vectors ? (byte)'V' : (byte)'N';
        var uplo = (byte)'L';
        var lda = n;
        var info = 0;
        var lwork = -1;
        var liwork = -1;
        double wq;
        int iwq;
        fixed (double* ra = a, rw = w)
        {
            using var xa = new Aligned<double>(a, true);
            using var xw = new Aligned<double>(w, true);
            var pa = xa.Pointer;
            var pw = xw.Pointer;
            _dsyevd(&jobz, &uplo, &n, pa, &lda, pw, &wq, &lwork, &iwq, &liwork, &info, 1, 1);
            lwork = Math.Max(1, (int)wq);
            liwork = Math.Max(1, iwq);
            var work = new double[lwork];
            var iwork = new int[liwork];
            fixed (double* rwork0 = work)
            fixed (int* piwork = iwork)
            {
                using var xwork = new Aligned<double>(work, false);
                _dsyevd(&jobz, &uplo, &n, pa, &lda, pw, xwork.Pointer, &lwork, piwork, &liwork, &info, 1, 1);
            }
        }
        if (info != 0)
            throw new ConvergenceException($"SymmetricEigen: LAPACK dsyevd failed with info = {info} for a {n}x{n} matrix.");
    }

    /// <inheritdoc/>
    public void Solve(int n, int nrhs, Span<Complex> a, Span<Complex> b)
    {
        BackendChecks.Solve(n, nrhs, a.Length, b.Length);
        if (n == 0 || nrhs == 0)
            return;
        var ipiv = new int[n];
        var lda = n;
        var ldb = n;
        var info = 0;
        fixed (Complex* ra = a, rb = b)
        fixed (int* pipiv = ipiv)
        {
            using var xa = new Aligned<Complex>(a, true);
            using var xb = new Aligned<Complex>(b, true);
            _zgesv(&n, &nrhs, xa.Pointer, &lda, pipiv, xb.Pointer, &ldb, &info);
        }
        if (info > 0)
            throw new ConvergenceException($"Solve: the {n}x{n} matrix is singular (LAPACK zgesv info = {info}).");
        if (info < 0)
            throw new ConvergenceException($"Solve: LAPACK zgesv rejected argument {-info}.");
    }

    /// <summary>Complex entries of slack after the matrix handed to zgesdd (see <see cref="SingularValues"/>).</summary>
    private const int SvdSlack = 8192;

    /// <inheritdoc/>
    public void SingularValues(int m, int n, Span<Complex> a, Span<double> s)
    {
        BackendChecks.Svd(m, n, a.Length, s.Length);
        if (m == 0 || n == 0)
            return;
        var jobz = (byte)'N';
        var lda = m;
        var ldu = 1;
        var ldvt = 1;
        var info = 0;
        var lwork = -1;
        var mn = Math.Min(m, n);
        var rwork = new double[Math.Max(1, 7 * mn)];
        var iwork = new int[8 * mn];
        Complex wq;
        Complex du, dvt;
        // OpenBLAS 0.3.21's threaded zgesdd reads past the end of A (a segfault when A ends at a page
        // boundary, seen at 1024 x 1024): run it on a copy with slack after the matrix
        // (the aligned copy carries the slack)
        fixed (Complex* ra = a)
        fixed (double* rs = s, rrwork = rwork)
        fixed (int* piwork = iwork)
        {
            using var xa = new Aligned<Complex>(a[..(m * n)], false, SvdSlack);
            using var xs = new Aligned<double>(s, true);
            using var xrwork = new Aligned<double>(rwork, false);
            var pa = xa.Pointer;
            var ps = xs.Pointer;
            var prwork = xrwork.Pointer;
            _zgesdd(&jobz, &m, &n, pa, &lda, ps, &du, &ldu, &dvt, &ldvt, &wq, &lwork, prwork, piwork, &info, 1);
            lwork = Math.Max(1, (int)wq.Real);
            var work = new Complex[lwork];
            fixed (Complex* rwork0 = work)
            {
                using var xwork = new Aligned<Complex>(work, false);
                _zgesdd(&jobz, &m, &n, pa, &lda, ps, &du, &ldu, &dvt, &ldvt, xwork.Pointer, &lwork, prwork, piwork, &info, 1);
            }
        }
        if (info != 0)
            throw new ConvergenceException($"SingularValues: LAPACK zgesdd failed with info = {info} for a {m}x{n} matrix.");
    }
}

/// <summary>Size checks shared by both backends.</summary>
internal static class BackendChecks
{
    public static void Gemm(Op opA, Op opB, int m, int n, int k, int lenA, int lenB, int lenC)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new DimensionMismatchException("Gemm", "m, n, k", "non-negative sizes", $"{m}, {n}, {k}");
        if (lenA < (long)m * k)
            throw new DimensionMismatchException("Gemm", "a", $"at least {(long)m * k} entries ({(opA == Op.None ? $"{m}x{k}" : $"{k}x{m}")})", $"{lenA}");
        if (lenB < (long)k * n)
            throw new DimensionMismatchException("Gemm", "b", $"at least {(long)k * n} entries ({(opB == Op.None ? $"{k}x{n}" : $"{n}x{k}")})", $"{lenB}");
        if (lenC < (long)m * n)
            throw new DimensionMismatchException("Gemm", "c", $"at least {(long)m * n} entries ({m}x{n})", $"{lenC}");
    }

    public static void Square(string op, int n, int lenA, int lenW)
    {
        if (n < 0 || lenA < (long)n * n)
            throw new DimensionMismatchException(op, "a", $"{(long)n * n} entries ({n}x{n})", $"{lenA}");
        if (lenW < n)
            throw new DimensionMismatchException(op, "w", $"at least {n} entries", $"{lenW}");
    }

    public static void Solve(int n, int nrhs, int lenA, int lenB)
    {
        if (n < 0 || lenA < (long)n * n)
            throw new DimensionMismatchException("Solve", "a", $"{(long)n * n} entries ({n}x{n})", $"{lenA}");
        if (nrhs < 0 || lenB < (long)n * nrhs)
            throw new DimensionMismatchException("Solve", "b", $"{(long)n * nrhs} entries ({n}x{nrhs})", $"{lenB}");
    }

    public static void Svd(int m, int n, int lenA, int lenS)
    {
        if (m < 0 || n < 0 || lenA < (long)m * n)
            throw new DimensionMismatchException("SingularValues", "a", $"{(long)m * n} entries ({m}x{n})", $"{lenA}");
        if (lenS < Math.Min(m, n))
            throw new DimensionMismatchException("SingularValues", "s", $"at least {Math.Min(m, n)} entries", $"{lenS}");
    }
}
