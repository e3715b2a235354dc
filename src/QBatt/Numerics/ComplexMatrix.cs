using System.Globalization;
using System.Numerics;
using System.Text;

namespace QBatt.Numerics;

/// <summary>
/// Dense complex matrix, column-major (<c>A[i, j]</c> at <c>i + j * Rows</c>). A numerics-layer
/// type: its storage is mutable through <see cref="Span"/> and the indexer, while every operation
/// returns a new matrix. Quantum objects copy it on the way in and out, so they stay immutable.
/// </summary>
public sealed class ComplexMatrix
{
    private readonly Complex[] _data;

    /// <summary>A zero matrix of the given size.</summary>
    public ComplexMatrix(int rows, int cols)
    {
        if (rows < 0 || cols < 0)
            throw new DimensionMismatchException("ComplexMatrix", "rows, cols", "non-negative sizes", $"{rows}x{cols}");
        Rows = rows;
        Cols = cols;
        _data = new Complex[checked(rows * cols)];
    }

    private ComplexMatrix(int rows, int cols, Complex[] data)
    {
        Rows = rows;
        Cols = cols;
        _data = data;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>True for a square matrix.</summary>
    public bool IsSquare => Rows == Cols;

    /// <summary>The column-major storage.</summary>
    public Span<Complex> Span => _data;

    /// <summary>The column-major storage, read-only.</summary>
    public ReadOnlySpan<Complex> ReadOnlySpan => _data;

    /// <summary>Entry (i, j).</summary>
    public Complex this[int i, int j]
    {
        get => _data[Index(i, j)];
        set => _data[Index(i, j)] = value;
    }

    private int Index(int i, int j)
    {
        if ((uint)i >= (uint)Rows || (uint)j >= (uint)Cols)
            throw new ArgumentOutOfRangeException(nameof(i), $"index ({i}, {j}) outside a {Rows}x{Cols} matrix");
        return i + j * Rows;
    }

    /// <summary>Column j as a span.</summary>
    public Span<Complex> Column(int j) => _data.AsSpan(j * Rows, Rows);

    /// <summary>Copies column-major data into a new matrix.</summary>
    public static ComplexMatrix FromColumnMajor(int rows, int cols, ReadOnlySpan<Complex> data)
    {
        var m = new ComplexMatrix(rows, cols);
        if (data.Length != m._data.Length)
            throw new DimensionMismatchException("FromColumnMajor", "data", $"{m._data.Length} entries ({rows}x{cols})", $"{data.Length}");
        data.CopyTo(m._data);
        return m;
    }

    /// <summary>Wraps an existing array without copying; the caller gives up the array.</summary>
    internal static ComplexMatrix Wrap(int rows, int cols, Complex[] data)
    {
        if (data.Length != rows * cols)
            throw new DimensionMismatchException("Wrap", "data", $"{rows * cols} entries", $"{data.Length}");
        return new ComplexMatrix(rows, cols, data);
    }

    /// <summary>A matrix from a row-major two-dimensional array (convenient for literals).</summary>
    public static ComplexMatrix FromRows(Complex[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new ComplexMatrix(values.GetLength(0), values.GetLength(1));
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++)
                m._data[i + j * m.Rows] = values[i, j];
        return m;
    }

    /// <summary>A real matrix from a row-major two-dimensional array.</summary>
    public static ComplexMatrix FromRows(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new ComplexMatrix(values.GetLength(0), values.GetLength(1));
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++)
                m._data[i + j * m.Rows] = values[i, j];
        return m;
    }

    /// <summary>The n x n identity.</summary>
    public static ComplexMatrix Identity(int n)
    {
        var m = new ComplexMatrix(n, n);
        for (var i = 0; i < n; i++) m._data[i + i * n] = Complex.One;
        return m;
    }

    /// <summary>The diagonal matrix diag(d).</summary>
    public static ComplexMatrix Diagonal(ReadOnlySpan<double> d)
    {
        var m = new ComplexMatrix(d.Length, d.Length);
        for (var i = 0; i < d.Length; i++) m._data[i + i * d.Length] = d[i];
        return m;
    }

    /// <summary>The diagonal matrix diag(d).</summary>
    public static ComplexMatrix Diagonal(ReadOnlySpan<Complex> d)
    {
        var m = new ComplexMatrix(d.Length, d.Length);
        for (var i = 0; i < d.Length; i++) m._data[i + i * d.Length] = d[i];
        return m;
    }

    /// <summary>The outer product x y^dag.</summary>
    public static ComplexMatrix Outer(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y)
    {
        var m = new ComplexMatrix(x.Length, y.Length);
        for (var j = 0; j < y.Length; j++)
        {
            var c = Complex.Conjugate(y[j]);
            var col = m.Column(j);
            for (var i = 0; i < x.Length; i++) col[i] = x[i] * c;
        }
        return m;
    }

    /// <summary>A deep copy.</summary>
    public ComplexMatrix Clone() => new(Rows, Cols, (Complex[])_data.Clone());

    /// <summary>The diagonal entries.</summary>
    public Complex[] Diagonal()
    {
        var n = Math.Min(Rows, Cols);
        var d = new Complex[n];
        for (var i = 0; i < n; i++) d[i] = _data[i + i * Rows];
        return d;
    }

    /// <summary>The conjugate transpose A^dag.</summary>
    public ComplexMatrix Adjoint()
    {
        var r = new ComplexMatrix(Cols, Rows);
        for (var j = 0; j < Cols; j++)
            for (var i = 0; i < Rows; i++)
                r._data[j + i * Cols] = Complex.Conjugate(_data[i + j * Rows]);
        return r;
    }

    /// <summary>The transpose A^T.</summary>
    public ComplexMatrix Transpose()
    {
        var r = new ComplexMatrix(Cols, Rows);
        for (var j = 0; j < Cols; j++)
            for (var i = 0; i < Rows; i++)
                r._data[j + i * Cols] = _data[i + j * Rows];
        return r;
    }

    /// <summary>The entrywise complex conjugate.</summary>
    public ComplexMatrix Conjugate()
    {
        var r = new ComplexMatrix(Rows, Cols);
        for (var i = 0; i < _data.Length; i++) r._data[i] = Complex.Conjugate(_data[i]);
        return r;
    }

    /// <summary>op(A) op(B) through the backend (zgemm).</summary>
    public static ComplexMatrix Product(ComplexMatrix a, Op opA, ComplexMatrix b, Op opB, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (m, ka) = opA == Op.None ? (a.Rows, a.Cols) : (a.Cols, a.Rows);
        var (kb, n) = opB == Op.None ? (b.Rows, b.Cols) : (b.Cols, b.Rows);
        if (ka != kb)
            throw new DimensionMismatchException("Multiply", "right", $"{ka} rows", $"{kb} rows (left is {m}x{ka})");
        var c = new ComplexMatrix(m, n);
        (backend ?? LinearAlgebra.Default).Gemm(opA, opB, m, n, ka, Complex.One, a._data, b._data, Complex.Zero, c._data);
        return c;
    }

    /// <summary>The product A B.</summary>
    public ComplexMatrix Multiply(ComplexMatrix b, ILinearAlgebraBackend? backend = null) => Product(this, Op.None, b, Op.None, backend);

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        if (x.Length != Cols)
            throw new DimensionMismatchException("Multiply", "x", $"length {Cols}", $"length {x.Length}");
        if (y.Length != Rows)
            throw new DimensionMismatchException("Multiply", "y", $"length {Rows}", $"length {y.Length}");
        y.Clear();
        for (var j = 0; j < Cols; j++)
        {
            if (x[j] != Complex.Zero)
                VectorOps.Axpy(x[j], _data.AsSpan(j * Rows, Rows), y);
        }
    }

    /// <summary>A x as a new vector.</summary>
    public Complex[] Multiply(ReadOnlySpan<Complex> x)
    {
        var y = new Complex[Rows];
        Multiply(x, y);
        return y;
    }

    private static void SameShape(ComplexMatrix a, ComplexMatrix b, string op)
    {
        if (a.Rows != b.Rows || a.Cols != b.Cols)
            throw new DimensionMismatchException(op, "right", $"a {a.Rows}x{a.Cols} matrix", $"{b.Rows}x{b.Cols}");
    }

    /// <summary>Entrywise sum.</summary>
    public static ComplexMatrix operator +(ComplexMatrix a, ComplexMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameShape(a, b, "Add");
        var r = a.Clone();
        VectorOps.Axpy(Complex.One, b._data, r._data);
        return r;
    }

    /// <summary>Entrywise difference.</summary>
    public static ComplexMatrix operator -(ComplexMatrix a, ComplexMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameShape(a, b, "Subtract");
        var r = a.Clone();
        VectorOps.Axpy(-Complex.One, b._data, r._data);
        return r;
    }

    /// <summary>Negation.</summary>
    public static ComplexMatrix operator -(ComplexMatrix a) => (a ?? throw new ArgumentNullException(nameof(a))) * -1.0;

    /// <summary>Matrix product through the default backend.</summary>
    public static ComplexMatrix operator *(ComplexMatrix a, ComplexMatrix b) => Product(a, Op.None, b, Op.None);

    /// <summary>Scalar multiple.</summary>
    public static ComplexMatrix operator *(ComplexMatrix a, Complex s)
    {
        ArgumentNullException.ThrowIfNull(a);
        var r = a.Clone();
        VectorOps.Scale(s, r._data);
        return r;
    }

    /// <summary>Scalar multiple.</summary>
    public static ComplexMatrix operator *(Complex s, ComplexMatrix a) => a * s;

    /// <summary>Scalar multiple.</summary>
    public static ComplexMatrix operator *(ComplexMatrix a, double s) => a * new Complex(s, 0);

    /// <summary>Scalar multiple.</summary>
    public static ComplexMatrix operator *(double s, ComplexMatrix a) => a * new Complex(s, 0);

    /// <summary>this + s B as a new matrix.</summary>
    public ComplexMatrix AddScaled(Complex s, ComplexMatrix b)
    {
        ArgumentNullException.ThrowIfNull(b);
        SameShape(this, b, "AddScaled");
        var r = Clone();
        VectorOps.Axpy(s, b._data, r._data);
        return r;
    }

    /// <summary>The Kronecker product A (x) B (A's index is the more significant one).</summary>
    public static ComplexMatrix Kron(ComplexMatrix a, ComplexMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var r = new ComplexMatrix(checked(a.Rows * b.Rows), checked(a.Cols * b.Cols));
        for (var ja = 0; ja < a.Cols; ja++)
        {
            for (var ia = 0; ia < a.Rows; ia++)
            {
                var s = a._data[ia + ja * a.Rows];
                if (s == Complex.Zero) continue;
                for (var jb = 0; jb < b.Cols; jb++)
                {
                    var dst = r._data.AsSpan((ja * b.Cols + jb) * r.Rows + ia * b.Rows, b.Rows);
                    var src = b._data.AsSpan(jb * b.Rows, b.Rows);
                    for (var ib = 0; ib < b.Rows; ib++) dst[ib] = s * src[ib];
                }
            }
        }
        return r;
    }

    /// <summary>The trace (square matrices only).</summary>
    public Complex Trace()
    {
        RequireSquare("Trace", "matrix");
        var t = Complex.Zero;
        for (var i = 0; i < Rows; i++) t += _data[i + i * Rows];
        return t;
    }

    /// <summary>The Frobenius norm sqrt(sum |a_ij|^2).</summary>
    public double FrobeniusNorm() => VectorOps.Norm(_data);

    /// <summary>Largest |a_ij|.</summary>
    public double MaxAbs() => VectorOps.MaxAbs(_data);

    /// <summary>
    /// The operator (spectral) norm: the largest singular value. For a Hermitian matrix this is
    /// the largest |eigenvalue| (computed that way); otherwise through the singular values.
    /// </summary>
    public double OperatorNorm(ILinearAlgebraBackend? backend = null)
    {
        RequireFinite("OperatorNorm", "matrix");
        if (Rows == 0 || Cols == 0) return 0;
        var be = backend ?? LinearAlgebra.Default;
        if (IsSquare && HermiticityError() <= 1e-14 * Math.Max(1, MaxAbs()))
        {
            var w = new double[Rows];
            be.HermitianEigen(Rows, (Complex[])_data.Clone(), w, false);
            return Math.Max(Math.Abs(w[0]), Math.Abs(w[^1]));
        }
        var s = new double[Math.Min(Rows, Cols)];
        be.SingularValues(Rows, Cols, (Complex[])_data.Clone(), s);
        return s[0];
    }

    /// <summary>max_ij |a_ij - conj(a_ji)| (square matrices only).</summary>
    public double HermiticityError()
    {
        RequireSquare("HermiticityError", "matrix");
        double e = 0;
        for (var j = 0; j < Cols; j++)
            for (var i = 0; i <= j; i++)
                e = Math.Max(e, (_data[i + j * Rows] - Complex.Conjugate(_data[j + i * Rows])).Magnitude);
        return e;
    }

    /// <summary>
    /// True when the matrix is square and Hermitian: max |a_ij - conj(a_ji)| &lt;= tol * max(1, max |a_ij|).
    /// </summary>
    public bool IsHermitian(double tol = 1e-10) => IsSquare && HermiticityError() <= tol * Math.Max(1, MaxAbs());

    /// <summary>max_ij |(U U^dag - 1)_ij| (square matrices only).</summary>
    public double UnitarityError(ILinearAlgebraBackend? backend = null)
    {
        RequireSquare("UnitarityError", "matrix");
        var p = Product(this, Op.None, this, Op.Adjoint, backend);
        for (var i = 0; i < Rows; i++) p._data[i + i * Rows] -= 1;
        return p.MaxAbs();
    }

    /// <summary>True when max |(U U^dag - 1)_ij| &lt;= tol.</summary>
    public bool IsUnitary(double tol = 1e-12, ILinearAlgebraBackend? backend = null) => IsSquare && UnitarityError(backend) <= tol;

    /// <summary>Throws <see cref="DimensionMismatchException"/> unless the matrix is square.</summary>
    public void RequireSquare(string operation, string argument)
    {
        if (!IsSquare)
            throw new DimensionMismatchException(operation, argument, "a square matrix", $"{Rows}x{Cols}");
    }

    /// <summary>Throws <see cref="ValidationException"/> on any NaN or infinite entry, naming its position.</summary>
    public void RequireFinite(string operation, string argument)
    {
        for (var k = 0; k < _data.Length; k++)
        {
            var z = _data[k];
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary))
                throw new ValidationException(operation, argument, "finite entries", $"{FormatComplex(z)} at ({k % Rows}, {k / Rows}) of a {Rows}x{Cols} matrix");
        }
    }

    /// <summary>
    /// Throws unless the matrix is square, finite and Hermitian within tol * max(1, max |a_ij|);
    /// the message gives the size of the violation.
    /// </summary>
    public void RequireHermitian(string operation, string argument, double tol = 1e-10)
    {
        RequireSquare(operation, argument);
        RequireFinite(operation, argument);
        var err = HermiticityError();
        var bound = tol * Math.Max(1, MaxAbs());
        if (err > bound)
            throw new ValidationException(operation, argument, $"a Hermitian matrix (max |A - A^dag| <= {QBattException.Num(bound)})", $"max |A - A^dag| = {QBattException.Num(err)} for a {Rows}x{Cols} matrix");
    }

    /// <summary>Max |a_ij - b_ij| between two equally shaped matrices.</summary>
    public static double MaxAbsDifference(ComplexMatrix a, ComplexMatrix b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        SameShape(a, b, "MaxAbsDifference");
        double e = 0;
        for (var i = 0; i < a._data.Length; i++) e = Math.Max(e, (a._data[i] - b._data[i]).Magnitude);
        return e;
    }

    internal static string FormatComplex(Complex z) =>
        z.Imaginary == 0
            ? z.Real.ToString("g6", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{z.Real:g6}{(z.Imaginary < 0 ? "-" : "+")}{Math.Abs(z.Imaginary):g6}i");

    /// <summary>A short text rendering (rows on lines) for debugging and small outputs.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Rows}x{Cols} ComplexMatrix");
        if (Rows * Cols > 64) return sb.ToString();
        for (var i = 0; i < Rows; i++)
        {
            sb.Append('\n');
            for (var j = 0; j < Cols; j++)
            {
                if (j > 0) sb.Append("  ");
                sb.Append(FormatComplex(_data[i + j * Rows]));
            }
        }
        return sb.ToString();
    }
}
