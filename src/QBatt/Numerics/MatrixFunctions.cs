using System.Numerics;

namespace QBatt.Numerics;

/// <summary>Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a Hermitian matrix.</summary>
/// <param name="Values">Eigenvalues in ascending order.</param>
/// <param name="Vectors">Eigenvectors as columns, in the order of <paramref name="Values"/>.</param>
public sealed record HermitianEigen(double[] Values, ComplexMatrix Vectors)
{
    /// <summary>V f(Lambda) V^dag for a real or complex function of the eigenvalues.</summary>
    public ComplexMatrix Apply(Func<double, Complex> f, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var n = Values.Length;
        var scaled = Vectors.Clone();
        for (var j = 0; j < n; j++) VectorOps.Scale(f(Values[j]), scaled.Column(j));
        return ComplexMatrix.Product(scaled, Op.None, Vectors, Op.Adjoint, backend);
    }
}

/// <summary>
/// Matrix functions: the Hermitian eigendecomposition, exp(-iHt) through it, the exponential of a
/// general matrix by scaling and squaring with Padé approximants (Higham 2005; Lindblad
/// generators need it), and the square root and logarithm of positive (semi)definite matrices.
/// </summary>
public static class MatrixFunctions
{
    /// <summary>Hermitian eigendecomposition (the matrix is validated Hermitian within <paramref name="hermitianTol"/>).</summary>
    public static HermitianEigen Eigh(ComplexMatrix h, ILinearAlgebraBackend? backend = null, double hermitianTol = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.RequireHermitian("Eigh", "matrix", hermitianTol);
        var n = h.Rows;
        var a = h.Clone();
        var w = new double[n];
        (backend ?? LinearAlgebra.Default).HermitianEigen(n, a.Span, w, true);
        return new HermitianEigen(w, a);
    }

    /// <summary>Eigenvalues only (ascending) of a Hermitian matrix.</summary>
    public static double[] EigvalsH(ComplexMatrix h, ILinearAlgebraBackend? backend = null, double hermitianTol = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.RequireHermitian("EigvalsH", "matrix", hermitianTol);
        var w = new double[h.Rows];
        (backend ?? LinearAlgebra.Default).HermitianEigen(h.Rows, h.Clone().Span, w, false);
        return w;
    }

    /// <summary>The propagator exp(-i H t) for Hermitian H, through the eigendecomposition (R6).</summary>
    public static ComplexMatrix ExpMinusIHt(ComplexMatrix h, double t, ILinearAlgebraBackend? backend = null)
    {
        Guard.Finite(t, "ExpMinusIHt", "t");
        return Eigh(h, backend).Apply(e => Complex.FromPolarCoordinates(1, -e * t), backend);
    }

    /// <summary>exp(-i H t) from a precomputed eigendecomposition (reuse it across many t).</summary>
    public static ComplexMatrix ExpMinusIHt(HermitianEigen eig, double t, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(eig);
        Guard.Finite(t, "ExpMinusIHt", "t");
        return eig.Apply(e => Complex.FromPolarCoordinates(1, -e * t), backend);
    }

    /// <summary>f(H) = V f(Lambda) V^dag for Hermitian H.</summary>
    public static ComplexMatrix FunctionOfHermitian(ComplexMatrix h, Func<double, Complex> f, ILinearAlgebraBackend? backend = null) =>
        Eigh(h, backend).Apply(f, backend);

    /// <summary>
    /// Square root of a positive semidefinite matrix. Eigenvalues in [-tol * max(1, lambda_max), 0)
    /// are rounding noise and are taken as 0; anything more negative is refused.
    /// </summary>
    public static ComplexMatrix SqrtPsd(ComplexMatrix a, double tol = 1e-10, ILinearAlgebraBackend? backend = null)
    {
        var eig = Eigh(a, backend);
        RequirePsd(eig.Values, tol, "SqrtPsd");
        return eig.Apply(x => Math.Sqrt(Math.Max(0, x)), backend);
    }

    /// <summary>Natural logarithm of a positive definite Hermitian matrix (every eigenvalue must be &gt; 0).</summary>
    public static ComplexMatrix LogPd(ComplexMatrix a, ILinearAlgebraBackend? backend = null)
    {
        var eig = Eigh(a, backend);
        if (eig.Values.Length > 0 && !(eig.Values[0] > 0))
            throw new ValidationException("LogPd", "matrix", "a positive definite matrix (all eigenvalues > 0)", $"smallest eigenvalue {QBattException.Num(eig.Values[0])}");
        return eig.Apply(x => Math.Log(x), backend);
    }

    internal static void RequirePsd(double[] values, double tol, string operation)
    {
        if (values.Length == 0) return;
        var bound = -tol * Math.Max(1, Math.Abs(values[^1]));
        if (values[0] < bound)
            throw new ValidationException(operation, "matrix", $"a positive semidefinite matrix (eigenvalues >= {QBattException.Num(bound)})", $"smallest eigenvalue {QBattException.Num(values[0])}");
    }


    /// <summary>1-norm (largest column sum of |a_ij|).</summary>
    public static double Norm1(ComplexMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        double best = 0;
        for (var j = 0; j < a.Cols; j++)
        {
            double s = 0;
            foreach (var z in a.Column(j)) s += z.Magnitude;
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>
    /// exp(A) for a general square matrix by scaling and squaring with a diagonal Padé
    /// approximant of degree 3, 5, 7, 9 or 13 chosen from ||A||_1 (Higham 2005).
    /// </summary>
    public static ComplexMatrix Expm(ComplexMatrix a, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.RequireSquare("Expm", "matrix");
        a.RequireFinite("Expm", "matrix");
        var be = backend ?? LinearAlgebra.Default;
        var n = a.Rows;
        if (n == 0) return new ComplexMatrix(0, 0);
        var norm = Norm1(a);
        foreach (var (theta, b) in PadeCoefficients.LowOrders)
        {
            if (norm <= theta)
                return PadeLow(a, b, be);
        }
        var s = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / PadeCoefficients.Theta13)));
        var x = s > 0 ? a * Math.Pow(2, -s) : a.Clone();
        var r = Pade13(x, be);
        for (var k = 0; k < s; k++)
            r = ComplexMatrix.Product(r, Op.None, r, Op.None, be);
        return r;
    }

    private static ComplexMatrix PadeLow(ComplexMatrix a, double[] b, ILinearAlgebraBackend be)
    {
        var n = a.Rows;
        var a2 = ComplexMatrix.Product(a, Op.None, a, Op.None, be);
        // powers A^0, A^2, A^4, ... up to the degree
        var even = new List<ComplexMatrix> { ComplexMatrix.Identity(n), a2 };
        for (var p = 4; p < b.Length; p += 2)
            even.Add(ComplexMatrix.Product(even[^1], Op.None, a2, Op.None, be));
        var u = new ComplexMatrix(n, n);
        var v = new ComplexMatrix(n, n);
        for (var k = 0; k < b.Length; k++)
        {
            var pw = even[k / 2];
            if (k % 2 == 1) VectorOps.Axpy(b[k], pw.Span, u.Span);
            else VectorOps.Axpy(b[k], pw.Span, v.Span);
        }
        u = ComplexMatrix.Product(a, Op.None, u, Op.None, be);
        return SolvePade(u, v, be);
    }

    private static ComplexMatrix Pade13(ComplexMatrix a, ILinearAlgebraBackend be)
    {
        var n = a.Rows;
        var b = PadeCoefficients.B13;
        var a2 = ComplexMatrix.Product(a, Op.None, a, Op.None, be);
        var a4 = ComplexMatrix.Product(a2, Op.None, a2, Op.None, be);
        var a6 = ComplexMatrix.Product(a4, Op.None, a2, Op.None, be);
        var id = ComplexMatrix.Identity(n);

        var inner = new ComplexMatrix(n, n);
        VectorOps.Axpy(b[13], a6.Span, inner.Span);
        VectorOps.Axpy(b[11], a4.Span, inner.Span);
        VectorOps.Axpy(b[9], a2.Span, inner.Span);
        var u = ComplexMatrix.Product(a6, Op.None, inner, Op.None, be);
        VectorOps.Axpy(b[7], a6.Span, u.Span);
        VectorOps.Axpy(b[5], a4.Span, u.Span);
        VectorOps.Axpy(b[3], a2.Span, u.Span);
        VectorOps.Axpy(b[1], id.Span, u.Span);
        u = ComplexMatrix.Product(a, Op.None, u, Op.None, be);

        inner = new ComplexMatrix(n, n);
        VectorOps.Axpy(b[12], a6.Span, inner.Span);
        VectorOps.Axpy(b[10], a4.Span, inner.Span);
        VectorOps.Axpy(b[8], a2.Span, inner.Span);
        var v = ComplexMatrix.Product(a6, Op.None, inner, Op.None, be);
        VectorOps.Axpy(b[6], a6.Span, v.Span);
        VectorOps.Axpy(b[4], a4.Span, v.Span);
        VectorOps.Axpy(b[2], a2.Span, v.Span);
        VectorOps.Axpy(b[0], id.Span, v.Span);
        return SolvePade(u, v, be);
    }

    /// <summary>Solves (V - U) R = (V + U).</summary>
    private static ComplexMatrix SolvePade(ComplexMatrix u, ComplexMatrix v, ILinearAlgebraBackend be)
    {
        var p = v + u;
        var q = v - u;
        be.Solve(q.Rows, p.Cols, q.Span, p.Span);
        return p;
    }
}

/// <summary>
/// Padé coefficients b_k of the diagonal approximants of degrees 3, 5, 7, 9, 13 to exp and the 1-norm
/// thresholds theta_m (Higham, SIAM J. Matrix Anal. Appl. 26, 1179 (2005), Table 2.3), shared by
/// <see cref="MatrixFunctions.Expm"/> and <see cref="SmallRealExpm"/>.
/// </summary>
internal static class PadeCoefficients
{
    private static readonly double[] B3 = [120, 60, 12, 1];
    private static readonly double[] B5 = [30240, 15120, 3360, 420, 30, 1];
    private static readonly double[] B7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
    private static readonly double[] B9 = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1];
    public static readonly double[] B13 =
    [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    ];
    public static readonly (double Theta, double[] B)[] LowOrders =
    [
        (1.495585217958292e-2, B3), (2.539398330063230e-1, B5), (9.504178996162932e-1, B7), (2.097847961257068e0, B9),
    ];
    public const double Theta13 = 5.371920351148152;
}
