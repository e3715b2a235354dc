using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Quantum;

/// <summary>
/// A linear operator on a composite space with dims <c>[d1, d2, ...]</c>, stored dense
/// (<see cref="ComplexMatrix"/>) or sparse (<see cref="CsrMatrix"/>) behind one immutable type.
/// Binary operations check dims and keep sparse storage when both operands are sparse; a dense
/// operand makes the result dense. Conversions are explicit (<see cref="ToDense"/>,
/// <see cref="ToSparse"/>, <see cref="AsDense"/>, <see cref="AsSparse"/>).
/// </summary>
public sealed class Operator
{
    private readonly ComplexMatrix? _dense;
    private readonly CsrMatrix? _sparse;

    private Operator(Dims dims, ComplexMatrix? dense, CsrMatrix? sparse)
    {
        Dims = dims;
        _dense = dense;
        _sparse = sparse;
    }

    /// <summary>Subsystem dimensions.</summary>
    public Dims Dims { get; }

    /// <summary>Dimension of the space.</summary>
    public int Dimension => Dims.Total;

    /// <summary>True when stored sparse.</summary>
    public bool IsSparse => _sparse is not null;

    private static Dims CheckDims(int rows, int cols, Dims? dims, string op)
    {
        if (rows != cols)
            throw new DimensionMismatchException(op, "matrix", "a square matrix", $"{rows}x{cols}");
        var d = dims ?? new Dims(rows);
        if (d.Total != rows)
            throw new DimensionMismatchException(op, "dims", $"dims whose product is {rows}", $"{d} (product {d.Total})");
        return d;
    }

    /// <summary>A dense operator (the matrix is copied and must be square and finite).</summary>
    public static Operator FromDense(ComplexMatrix matrix, Dims? dims = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var d = CheckDims(matrix.Rows, matrix.Cols, dims, "Operator.FromDense");
        matrix.RequireFinite("Operator.FromDense", "matrix");
        return new Operator(d, matrix.Clone(), null);
    }

    /// <summary>A sparse operator (CSR matrices are immutable and are shared, not copied).</summary>
    public static Operator FromSparse(CsrMatrix matrix, Dims? dims = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var d = CheckDims(matrix.Rows, matrix.Cols, dims, "Operator.FromSparse");
        return new Operator(d, null, matrix);
    }

    /// <summary>Takes ownership of a freshly computed dense matrix (library internal, no copy).</summary>
    internal static Operator OwnDense(ComplexMatrix matrix, Dims dims) => new(CheckDims(matrix.Rows, matrix.Cols, dims, "Operator"), matrix, null);

    /// <summary>A real diagonal operator diag(d).</summary>
    public static Operator Diagonal(ReadOnlySpan<double> diagonal, Dims? dims = null)
    {
        Guard.Finite(diagonal, "Operator.Diagonal", "diagonal");
        var c = new Complex[diagonal.Length];
        for (var i = 0; i < c.Length; i++) c[i] = diagonal[i];
        return FromSparse(CsrMatrix.Diagonal(c), dims);
    }

    /// <summary>The identity on the given space (sparse).</summary>
    public static Operator Identity(Dims dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return new Operator(dims, null, CsrMatrix.Identity(dims.Total));
    }

    /// <summary>The zero operator on the given space (sparse).</summary>
    public static Operator Zero(Dims dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return new Operator(dims, null, CsrMatrix.FromTriplets(dims.Total, dims.Total, [], [], []));
    }

    /// <summary>The same operator with other dims of the same total dimension.</summary>
    public Operator WithDims(Dims dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Total != Dimension)
            throw new DimensionMismatchException("Operator.WithDims", "dims", $"dims whose product is {Dimension}", $"{dims} (product {dims.Total})");
        return new Operator(dims, _dense, _sparse);
    }

    /// <summary>A dense copy of the matrix.</summary>
    public ComplexMatrix ToDense() => _dense?.Clone() ?? _sparse!.ToDense();

    /// <summary>The sparse matrix (converted from dense storage, exact zeros dropped).</summary>
    public CsrMatrix ToSparse() => _sparse ?? CsrMatrix.FromDense(_dense!);

    /// <summary>The operator with dense storage.</summary>
    public Operator AsDense() => _dense is not null ? this : new Operator(Dims, _sparse!.ToDense(), null);

    /// <summary>The operator with sparse storage.</summary>
    public Operator AsSparse() => _sparse is not null ? this : new Operator(Dims, null, CsrMatrix.FromDense(_dense!));

    /// <summary>Read-only access to dense storage for library kernels; null when sparse.</summary>
    internal ComplexMatrix? DenseStorage => _dense;

    /// <summary>Sparse storage (CSR is immutable); null when dense.</summary>
    public CsrMatrix? SparseStorage => _sparse;

    /// <summary>Entry (i, j).</summary>
    public Complex this[int i, int j] => _dense is not null ? _dense[i, j] : _sparse![i, j];

    /// <summary>y = A x (threads for sparse storage; 0 = all processors).</summary>
    public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y, int threads = 0)
    {
        if (_sparse is not null) _sparse.Multiply(x, y, threads);
        else _dense!.Multiply(x, y);
    }

    /// <summary>A x as a new vector.</summary>
    public Complex[] Apply(ReadOnlySpan<Complex> x)
    {
        var y = new Complex[Dimension];
        Apply(x, y);
        return y;
    }

    /// <summary>The smallest eigenvalue of this Hermitian operator: dense for dimension &lt;= 2048, Lanczos beyond (the ground energy h_g of R8).</summary>
    public double LowestEigenvalue(ILinearAlgebraBackend? backend = null)
    {
        if (Dimension <= 2048)
            return MatrixFunctions.EigvalsH(ToDense(), backend, double.PositiveInfinity)[0];
        var map = _sparse is not null ? LinearMap.From(_sparse) : LinearMap.From(_dense!);
        return LanczosEigen.Lowest(map).Value;
    }

    /// <summary>The conjugate transpose.</summary>
    public Operator Adjoint() => _sparse is not null ? new Operator(Dims, null, _sparse.Adjoint()) : new Operator(Dims, _dense!.Adjoint(), null);

    /// <summary>max |a_ij - conj(a_ji)|.</summary>
    public double HermiticityError() => _sparse?.HermiticityError() ?? _dense!.HermiticityError();

    /// <summary>Largest |a_ij|.</summary>
    public double MaxAbs() => _sparse?.MaxAbs() ?? _dense!.MaxAbs();

    /// <summary>True when max |a_ij - conj(a_ji)| &lt;= tol * max(1, max |a_ij|).</summary>
    public bool IsHermitian(double tol = 1e-10) => HermiticityError() <= tol * Math.Max(1, MaxAbs());

    /// <summary>Throws <see cref="ValidationException"/> unless Hermitian within tol * max(1, max |a_ij|).</summary>
    public void RequireHermitian(string operation, string argument, double tol = 1e-10)
    {
        var err = HermiticityError();
        var bound = tol * Math.Max(1, MaxAbs());
        if (err > bound)
            throw new ValidationException(operation, argument, $"a Hermitian operator (max |A - A^dag| <= {QBattException.Num(bound)})", $"max |A - A^dag| = {QBattException.Num(err)} ({Dimension}x{Dimension}, dims {Dims})");
    }

    /// <summary>Operator norm (largest singular value), dense route; for large sparse operators use a Lanczos estimate.</summary>
    public double OperatorNorm(ILinearAlgebraBackend? backend = null) => (_dense ?? _sparse!.ToDense()).OperatorNorm(backend);

    /// <summary>The trace.</summary>
    public Complex Trace()
    {
        if (_dense is not null) return _dense.Trace();
        var t = Complex.Zero;
        for (var i = 0; i < Dimension; i++) t += _sparse![i, i];
        return t;
    }

    /// <summary>Real diagonal entries (Re a_ii).</summary>
    public double[] DiagonalReal()
    {
        var d = new double[Dimension];
        for (var i = 0; i < d.Length; i++) d[i] = this[i, i].Real;
        return d;
    }

    /// <summary>A + B.</summary>
    public static Operator operator +(Operator a, Operator b) => Combine(a, b, Complex.One, "Add");

    /// <summary>A - B.</summary>
    public static Operator operator -(Operator a, Operator b) => Combine(a, b, -Complex.One, "Subtract");

    /// <summary>-A.</summary>
    public static Operator operator -(Operator a) => (a ?? throw new ArgumentNullException(nameof(a))).Scale(-1);

    /// <summary>s A.</summary>
    public static Operator operator *(Complex s, Operator a) => (a ?? throw new ArgumentNullException(nameof(a))).Scale(s);

    /// <summary>s A.</summary>
    public static Operator operator *(Operator a, Complex s) => (a ?? throw new ArgumentNullException(nameof(a))).Scale(s);

    /// <summary>s A.</summary>
    public static Operator operator *(double s, Operator a) => (a ?? throw new ArgumentNullException(nameof(a))).Scale(s);

    /// <summary>s A.</summary>
    public static Operator operator *(Operator a, double s) => (a ?? throw new ArgumentNullException(nameof(a))).Scale(s);

    /// <summary>The operator product A B.</summary>
    public static Operator operator *(Operator a, Operator b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a.Dims.RequireSame(b.Dims, "Operator.Multiply", "right");
        if (a._sparse is not null && b._sparse is not null)
            return new Operator(a.Dims, null, a._sparse.Multiply(b._sparse));
        if (a._dense is not null && b._dense is not null)
            return new Operator(a.Dims, a._dense.Multiply(b._dense), null);
        var bd = b._dense ?? b._sparse!.ToDense();
        if (a._sparse is not null)
        {
            var r = new ComplexMatrix(a.Dimension, a.Dimension);
            for (var j = 0; j < r.Cols; j++) a._sparse.Multiply(bd.Column(j), r.Column(j));
            return new Operator(a.Dims, r, null);
        }
        return new Operator(a.Dims, a._dense!.Multiply(bd), null);
    }

    /// <summary>s A.</summary>
    public Operator Scale(Complex s) => _sparse is not null ? new Operator(Dims, null, _sparse.Scale(s)) : new Operator(Dims, _dense! * s, null);

    private static Operator Combine(Operator a, Operator b, Complex s, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a.Dims.RequireSame(b.Dims, $"Operator.{op}", "right");
        if (a._sparse is not null && b._sparse is not null)
            return new Operator(a.Dims, null, a._sparse.Add(b._sparse, s));
        var ad = a._dense ?? a._sparse!.ToDense();
        var bd = b._dense ?? b._sparse!.ToDense();
        return new Operator(a.Dims, ad.AddScaled(s, bd), null);
    }

    /// <summary>The commutator [A, B] = AB - BA.</summary>
    public Operator Commutator(Operator b) => this * b - b * this;

    /// <summary>The tensor product A (x) B with dims concatenated.</summary>
    public static Operator Tensor(Operator a, Operator b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dims = a.Dims.Concat(b.Dims);
        if (a._sparse is not null && b._sparse is not null)
            return new Operator(dims, null, CsrMatrix.Kron(a._sparse, b._sparse));
        return new Operator(dims, ComplexMatrix.Kron(a._dense ?? a._sparse!.ToDense(), b._dense ?? b._sparse!.ToDense()), null);
    }

    /// <summary>The tensor product of several operators, left to right.</summary>
    public static Operator Tensor(params Operator[] ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (ops.Length == 0)
            throw new ValidationException("Operator.Tensor", "ops", "at least one operator", "none");
        var r = ops[0];
        for (var k = 1; k < ops.Length; k++) r = Tensor(r, ops[k]);
        return r;
    }

    /// <summary>&lt;psi| A |psi&gt;.</summary>
    public Complex Expectation(Ket psi)
    {
        ArgumentNullException.ThrowIfNull(psi);
        Dims.RequireSame(psi.Dims, "Operator.Expectation", "psi");
        var y = Apply(psi.Amplitudes);
        return VectorOps.Dot(psi.Amplitudes, y);
    }

    /// <summary>tr(rho A).</summary>
    public Complex Expectation(DensityMatrix rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        Dims.RequireSame(rho.Dims, "Operator.Expectation", "rho");
        return TraceProduct(rho.Data, Dimension);
    }

    /// <summary>tr(M A) for a column-major n x n matrix M.</summary>
    internal Complex TraceProduct(ReadOnlySpan<Complex> m, int n)
    {
        // tr(M A) = sum_ij M_ji A_ij
        var s = Complex.Zero;
        if (_sparse is not null)
        {
            var rp = _sparse.RowPointers;
            var ci = _sparse.ColumnIndices;
            var v = _sparse.Values;
            for (var i = 0; i < n; i++)
                for (var k = rp[i]; k < rp[i + 1]; k++)
                    s += v[k] * m[ci[k] + i * n];
            return s;
        }
        var a = _dense!.ReadOnlySpan;
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
                s += a[i + j * n] * m[j + i * n];
        return s;
    }

    /// <summary>Short description: dims and storage.</summary>
    public override string ToString() => $"Operator dims {Dims}, {(IsSparse ? $"sparse ({_sparse!.NonZeros} non-zeros)" : "dense")}";
}
