using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QBatt.Numerics;

/// <summary>
/// Sparse complex matrix in compressed sparse row form (row pointers, column indices sorted
/// within each row, values). Immutable once built. Mat-vec is multi-threaded over row blocks of
/// equal non-zero count.
/// </summary>
public sealed class CsrMatrix
{
    private readonly int[] _rowPtr;
    private readonly int[] _colIdx;
    private readonly Complex[] _values;
    private RowBlocks? _blocks;
    private bool? _isReal;

    private CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, Complex[] values)
    {
        Rows = rows;
        Cols = cols;
        _rowPtr = rowPtr;
        _colIdx = colIdx;
        _values = values;
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
    public ReadOnlySpan<Complex> Values => _values;

    /// <summary>Bytes held by the three arrays.</summary>
    public long StorageBytes => 4L * _rowPtr.Length + 4L * _colIdx.Length + 16L * _values.Length;

    /// <summary>
    /// Builds from (row, column, value) triplets; duplicates are summed, exact zeros (after
    /// summing) are dropped, NaN or infinite values and out-of-range indices are refused.
    /// </summary>
    public static CsrMatrix FromTriplets(int rows, int cols, ReadOnlySpan<int> rowIndex, ReadOnlySpan<int> colIndex, ReadOnlySpan<Complex> values)
    {
        if (rows < 0 || cols < 0)
            throw new DimensionMismatchException("CsrMatrix.FromTriplets", "rows, cols", "non-negative sizes", $"{rows}x{cols}");
        if (rowIndex.Length != values.Length || colIndex.Length != values.Length)
            throw new DimensionMismatchException("CsrMatrix.FromTriplets", "colIndex", $"{values.Length} indices (one per value)", $"{rowIndex.Length} row and {colIndex.Length} column indices");
        Guard.Finite(values, "CsrMatrix.FromTriplets", "values");
        var count = new int[rows + 1];
        for (var k = 0; k < values.Length; k++)
        {
            if ((uint)rowIndex[k] >= (uint)rows || (uint)colIndex[k] >= (uint)cols)
                throw new DimensionMismatchException("CsrMatrix.FromTriplets", "rowIndex/colIndex", $"indices inside {rows}x{cols}", $"({rowIndex[k]}, {colIndex[k]}) at triplet {k}");
            count[rowIndex[k] + 1]++;
        }
        for (var r = 0; r < rows; r++) count[r + 1] += count[r];
        var fill = (int[])count.Clone();
        var cols1 = new int[values.Length];
        var vals1 = new Complex[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var p = fill[rowIndex[k]]++;
            cols1[p] = colIndex[k];
            vals1[p] = values[k];
        }
        // sort each row by column and merge duplicates
        var rowPtr = new int[rows + 1];
        var nnz = 0;
        for (var r = 0; r < rows; r++)
        {
            var start = count[r];
            var len = count[r + 1] - start;
            if (len > 1)
                MemoryExtensions.Sort(cols1.AsSpan(start, len), vals1.AsSpan(start, len));
            var k = start;
            while (k < start + len)
            {
                var c = cols1[k];
                var v = vals1[k++];
                while (k < start + len && cols1[k] == c) v += vals1[k++];
                if (v != Complex.Zero)
                {
                    cols1[nnz] = c;
                    vals1[nnz] = v;
                    nnz++;
                }
            }
            rowPtr[r + 1] = nnz;
        }
        Array.Resize(ref cols1, nnz);
        Array.Resize(ref vals1, nnz);
        return new CsrMatrix(rows, cols, rowPtr, cols1, vals1);
    }

    /// <summary>Wraps ready CSR arrays (rows sorted, no duplicates); validated.</summary>
    public static CsrMatrix FromCsr(int rows, int cols, int[] rowPtr, int[] colIdx, Complex[] values)
    {
        ArgumentNullException.ThrowIfNull(rowPtr);
        ArgumentNullException.ThrowIfNull(colIdx);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPtr.Length != rows + 1 || rowPtr[0] != 0 || rowPtr[rows] != colIdx.Length || colIdx.Length != values.Length)
            throw new DimensionMismatchException("CsrMatrix.FromCsr", "rowPtr", $"{rows + 1} pointers from 0 to {colIdx.Length}", $"{rowPtr.Length} pointers");
        for (var r = 0; r < rows; r++)
        {
            for (var k = rowPtr[r]; k < rowPtr[r + 1]; k++)
            {
                if ((uint)colIdx[k] >= (uint)cols || (k > rowPtr[r] && colIdx[k] <= colIdx[k - 1]))
                    throw new ValidationException("CsrMatrix.FromCsr", "colIdx", $"sorted distinct columns in 0..{cols - 1} in each row", $"column {colIdx[k]} in row {r}");
            }
        }
        Guard.Finite(values, "CsrMatrix.FromCsr", "values");
        return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    }

    /// <summary>The sparse form of a dense matrix, dropping entries with |a_ij| &lt;= dropTol.</summary>
    public static CsrMatrix FromDense(ComplexMatrix a, double dropTol = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.RequireFinite("CsrMatrix.FromDense", "matrix");
        var rowPtr = new int[a.Rows + 1];
        var cols = new List<int>();
        var vals = new List<Complex>();
        for (var i = 0; i < a.Rows; i++)
        {
            for (var j = 0; j < a.Cols; j++)
            {
                var v = a[i, j];
                if (v.Magnitude > dropTol) { cols.Add(j); vals.Add(v); }
            }
            rowPtr[i + 1] = cols.Count;
        }
        return new CsrMatrix(a.Rows, a.Cols, rowPtr, [.. cols], [.. vals]);
    }

    /// <summary>The n x n identity.</summary>
    public static CsrMatrix Identity(int n) => Diagonal(Enumerable.Repeat(Complex.One, n).ToArray());

    /// <summary>The diagonal matrix diag(d) (zeros kept out).</summary>
    public static CsrMatrix Diagonal(ReadOnlySpan<Complex> d)
    {
        var idx = new int[d.Length];
        for (var i = 0; i < d.Length; i++) idx[i] = i;
        return FromTriplets(d.Length, d.Length, idx, idx, d);
    }

    /// <summary>The dense form.</summary>
    public ComplexMatrix ToDense()
    {
        var m = new ComplexMatrix(Rows, Cols);
        var s = m.Span;
        for (var r = 0; r < Rows; r++)
            for (var k = _rowPtr[r]; k < _rowPtr[r + 1]; k++)
                s[r + _colIdx[k] * Rows] = _values[k];
        return m;
    }

    /// <summary>Entry (i, j) (binary search in row i).</summary>
    public Complex this[int i, int j]
    {
        get
        {
            if ((uint)i >= (uint)Rows || (uint)j >= (uint)Cols)
                throw new ArgumentOutOfRangeException(nameof(i), $"index ({i}, {j}) outside a {Rows}x{Cols} matrix");
            var k = _colIdx.AsSpan(_rowPtr[i], _rowPtr[i + 1] - _rowPtr[i]).BinarySearch(j);
            return k >= 0 ? _values[_rowPtr[i] + k] : Complex.Zero;
        }
    }

    /// <summary>Triplets of the stored entries.</summary>
    public (int[] Rows, int[] Cols, Complex[] Values) ToTriplets()
    {
        var r = new int[NonZeros];
        for (var i = 0; i < Rows; i++)
            for (var k = _rowPtr[i]; k < _rowPtr[i + 1]; k++) r[k] = i;
        return (r, (int[])_colIdx.Clone(), (Complex[])_values.Clone());
    }

    /// <summary>The conjugate transpose.</summary>
    public CsrMatrix Adjoint()
    {
        var (r, c, v) = ToTriplets();
        for (var k = 0; k < v.Length; k++) v[k] = Complex.Conjugate(v[k]);
        return FromTriplets(Cols, Rows, c, r, v);
    }

    /// <summary>s A.</summary>
    public CsrMatrix Scale(Complex s)
    {
        var v = (Complex[])_values.Clone();
        VectorOps.Scale(s, v);
        return new CsrMatrix(Rows, Cols, _rowPtr, _colIdx, v);
    }

    /// <summary>A + s B.</summary>
    public CsrMatrix Add(CsrMatrix b, Complex s)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Rows || b.Cols != Cols)
            throw new DimensionMismatchException("CsrMatrix.Add", "right", $"a {Rows}x{Cols} matrix", $"{b.Rows}x{b.Cols}");
        var (r1, c1, v1) = ToTriplets();
        var (r2, c2, v2) = b.ToTriplets();
        for (var k = 0; k < v2.Length; k++) v2[k] *= s;
        return FromTriplets(Rows, Cols, [.. r1, .. r2], [.. c1, .. c2], [.. v1, .. v2]);
    }

    /// <summary>The sparse product A B (Gustavson's row-by-row algorithm).</summary>
    public CsrMatrix Multiply(CsrMatrix b)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (Cols != b.Rows)
            throw new DimensionMismatchException("CsrMatrix.Multiply", "right", $"{Cols} rows", $"{b.Rows} rows");
        var rowPtr = new int[Rows + 1];
        var cols = new List<int>();
        var vals = new List<Complex>();
        var acc = new Complex[b.Cols];
        var mark = new int[b.Cols];
        Array.Fill(mark, -1);
        var touched = new List<int>();
        for (var i = 0; i < Rows; i++)
        {
            touched.Clear();
            for (var ka = _rowPtr[i]; ka < _rowPtr[i + 1]; ka++)
            {
                var j = _colIdx[ka];
                var va = _values[ka];
                for (var kb = b._rowPtr[j]; kb < b._rowPtr[j + 1]; kb++)
                {
                    var c = b._colIdx[kb];
                    if (mark[c] != i) { mark[c] = i; acc[c] = Complex.Zero; touched.Add(c); }
                    acc[c] += va * b._values[kb];
                }
            }
            touched.Sort();
            foreach (var c in touched)
            {
                if (acc[c] != Complex.Zero) { cols.Add(c); vals.Add(acc[c]); }
            }
            rowPtr[i + 1] = cols.Count;
        }
        return new CsrMatrix(Rows, b.Cols, rowPtr, [.. cols], [.. vals]);
    }

    /// <summary>The Kronecker product A (x) B.</summary>
    public static CsrMatrix Kron(CsrMatrix a, CsrMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rows = checked(a.Rows * b.Rows);
        var cols = checked(a.Cols * b.Cols);
        var nnz = checked(a.NonZeros * b.NonZeros);
        var rowPtr = new int[rows + 1];
        var colIdx = new int[nnz];
        var values = new Complex[nnz];
        var p = 0;
        for (var ia = 0; ia < a.Rows; ia++)
        {
            for (var ib = 0; ib < b.Rows; ib++)
            {
                for (var ka = a._rowPtr[ia]; ka < a._rowPtr[ia + 1]; ka++)
                {
                    var ca = a._colIdx[ka] * b.Cols;
                    var va = a._values[ka];
                    for (var kb = b._rowPtr[ib]; kb < b._rowPtr[ib + 1]; kb++)
                    {
                        colIdx[p] = ca + b._colIdx[kb];
                        values[p++] = va * b._values[kb];
                    }
                }
                rowPtr[ia * b.Rows + ib + 1] = p;
            }
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    }

    /// <summary>max |a_ij - conj(a_ji)| (square only).</summary>
    public double HermiticityError()
    {
        if (Rows != Cols)
            throw new DimensionMismatchException("HermiticityError", "matrix", "a square matrix", $"{Rows}x{Cols}");
        double e = 0;
        for (var i = 0; i < Rows; i++)
            for (var k = _rowPtr[i]; k < _rowPtr[i + 1]; k++)
                e = Math.Max(e, (_values[k] - Complex.Conjugate(this[_colIdx[k], i])).Magnitude);
        return e;
    }

    /// <summary>Largest |a_ij|.</summary>
    public double MaxAbs() => VectorOps.MaxAbs(_values);

    /// <summary>y = A x, multi-threaded over row blocks (threads = 0: all processors).</summary>
    public void Multiply(ReadOnlySpan<Complex> x, Span<Complex> y, int threads = 0) => Apply(x, y, Complex.One, false, threads);

    /// <summary>y += alpha A x, multi-threaded over row blocks (threads = 0: all processors).</summary>
    public void MultiplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y, int threads = 0) => Apply(x, y, alpha, true, threads);

    /// <summary>A x as a new vector.</summary>
    public Complex[] Multiply(ReadOnlySpan<Complex> x)
    {
        var y = new Complex[Rows];
        Multiply(x, y);
        return y;
    }

    private unsafe void Apply(ReadOnlySpan<Complex> x, Span<Complex> y, Complex alpha, bool accumulate, int threads)
    {
        CsrKernels.CheckShapes("CsrMatrix.Multiply", Rows, Cols, x.Length, y.Length, x.Overlaps(y));
        fixed (int* prp = _rowPtr, pci = _colIdx)
        fixed (Complex* pv = _values, px = x, py = y)
        {
            var (irp, ici, iv, ix, iy) = ((IntPtr)prp, (IntPtr)pci, (IntPtr)pv, (IntPtr)px, (IntPtr)py);
            var rows = Rows;
            CsrKernels.Run(rows, NonZeros, threads, Blocks,
                (r0, r1) => CsrKernels.ComplexValues((int*)irp, (int*)ici, (double*)iv, (double*)ix, (double*)iy, r0, r1, rows, alpha, accumulate));
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

    /// <summary>True when every stored value has a zero imaginary part (computed once).</summary>
    public bool IsReal
    {
        get
        {
            if (_isReal is { } known) return known;
            var real = true;
            foreach (var v in _values)
            {
                if (v.Imaginary != 0) { real = false; break; }
            }
            _isReal = real;
            return real;
        }
    }

    /// <summary>
    /// The real form of a matrix whose values are all real (<see cref="IsReal"/>): half the value
    /// storage and a faster mat-vec. Throws <see cref="ValidationException"/> otherwise.
    /// </summary>
    public RealCsrMatrix ToReal()
    {
        if (!IsReal)
            throw new ValidationException("CsrMatrix.ToReal", "matrix", "real values (zero imaginary parts)", "a complex value");
        var v = new double[_values.Length];
        for (var k = 0; k < v.Length; k++) v[k] = _values[k].Real;
        return RealCsrMatrix.Wrap(Rows, Cols, _rowPtr, _colIdx, v);
    }
}
