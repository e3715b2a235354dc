using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// Sparse matrix with real values in compressed sparse row form, for real Hamiltonians (spin
/// chains, the Dicke model in the Fock basis): 12 bytes per stored entry instead of the 20 of
/// <see cref="CsrMatrix"/>, and a mat-vec on complex vectors that multiplies (re, im) pairs by one
/// real number. Immutable; get one from <see cref="CsrMatrix.ToReal"/> or <see cref="FromCsr"/>.
/// </summary>
public sealed class RealCsrMatrix
{
    private readonly int[] _rowPtr;
    private readonly int[] _colIdx;
    private readonly double[] _values;
    private RowBlocks? _blocks;

    private RealCsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values)
    {
        Rows = rows;
        Cols = cols;
        _rowPtr = rowPtr;
        _colIdx = colIdx;
        _values = values;
    }

    /// <summary>Wraps arrays known to be valid CSR (library internal, shared, not copied).</summary>
    internal static RealCsrMatrix Wrap(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) => new(rows, cols, rowPtr, colIdx, values);

    /// <summary>Wraps ready CSR arrays (rows sorted, no duplicates); validated, not copied.</summary>
    public static RealCsrMatrix FromCsr(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var complex = new Complex[values.Length];
        for (var k = 0; k < values.Length; k++) complex[k] = values[k];
        // validation of the structure and finiteness is shared with the complex form
        _ = CsrMatrix.FromCsr(rows, cols, rowPtr, colIdx, complex);
        return new RealCsrMatrix(rows, cols, rowPtr, colIdx, values);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeros => _rowPtr[Rows];

    /// <summary>Row pointers (length Rows + 1).</summary>
    public ReadOnlySpan<int> RowPointers => _rowPtr;

    /// <summary>Column indices of the stored entries.</summary>
    public ReadOnlySpan<int> ColumnIndices => _colIdx;

    /// <summary>Values of the stored entries.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Bytes held by the three arrays.</summary>
    public long StorageBytes => 4L * _rowPtr.Length + 4L * _colIdx.Length + 8L * _values.Length;

    /// <summary>The complex form.</summary>
    public CsrMatrix ToComplex()
    {
        var v = new Complex[_values.Length];
        for (var k = 0; k < v.Length; k++) v[k] = _values[k];
        return CsrMatrix.FromCsr(Rows, Cols, _rowPtr, _colIdx, v);
    }

    /// <summary>y = A x for complex vectors, multi-threaded over row blocks (threads = 0: all processors).</summary>
    public void Multiply(ReadOnlySpan<Complex> x, Span<Complex> y, int threads = 0) => Apply(x, y, Complex.One, false, threads);

    /// <summary>y += alpha A x for complex vectors (threads = 0: all processors).</summary>
    public void MultiplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y, int threads = 0) => Apply(x, y, alpha, true, threads);

    /// <summary>y = A x for real vectors (threads = 0: all processors).</summary>
    public unsafe void Multiply(ReadOnlySpan<double> x, Span<double> y, int threads = 0)
    {
        CsrKernels.CheckShapes("RealCsrMatrix.Multiply", Rows, Cols, x.Length, y.Length, x.Overlaps(y));
        fixed (int* prp = _rowPtr, pci = _colIdx)
        fixed (double* pv = _values, px = x, py = y)
        {
            var (irp, ici, iv, ix, iy) = ((IntPtr)prp, (IntPtr)pci, (IntPtr)pv, (IntPtr)px, (IntPtr)py);
            CsrKernels.Run(Rows, NonZeros, threads, Blocks,
                (r0, r1) => CsrKernels.Real((int*)irp, (int*)ici, (double*)iv, (double*)ix, (double*)iy, r0, r1, 1, false));
        }
    }

    private unsafe void Apply(ReadOnlySpan<Complex> x, Span<Complex> y, Complex alpha, bool accumulate, int threads)
    {
        CsrKernels.CheckShapes("RealCsrMatrix.Multiply", Rows, Cols, x.Length, y.Length, x.Overlaps(y));
        fixed (int* prp = _rowPtr, pci = _colIdx)
        fixed (double* pv = _values)
        fixed (Complex* px = x, py = y)
        {
            var (irp, ici, iv, ix, iy) = ((IntPtr)prp, (IntPtr)pci, (IntPtr)pv, (IntPtr)px, (IntPtr)py);
            var rows = Rows;
            CsrKernels.Run(rows, NonZeros, threads, Blocks,
                (r0, r1) => CsrKernels.RealComplex((int*)irp, (int*)ici, (double*)iv, (double*)ix, (double*)iy, r0, r1, rows, alpha, accumulate));
        }
    }

    private int[] Blocks(int threads)
    {
        var cached = _blocks;
        if (cached is not null && cached.Threads == threads) return cached.Bounds;
        var b = new RowBlocks(threads, CsrKernels.Blocks(_rowPtr, Rows, threads));
        _blocks = b;
        return b.Bounds;
    }
}
