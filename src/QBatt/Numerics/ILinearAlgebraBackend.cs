using System.Numerics;

namespace QBatt.Numerics;

/// <summary>How a matrix operand enters a product (BLAS <c>trans</c> argument).</summary>
public enum Op
{
    /// <summary>A as stored.</summary>
    None,
    /// <summary>A^T.</summary>
    Transpose,
    /// <summary>A^dag (conjugate transpose).</summary>
    Adjoint,
}

/// <summary>
/// The dense linear-algebra provider: a BLAS/LAPACK-shaped interface over flat column-major
/// spans (leading dimension = number of rows). Two implementations: <see cref="NativeBackend"/>
/// (OpenBLAS loaded at run time) and <see cref="ManagedBackend"/> (MathNet.Numerics). Both must
/// agree to 1e-10 on well-conditioned input. Pass one explicitly or use <see cref="LinearAlgebra.Default"/>.
/// </summary>
public interface ILinearAlgebraBackend
{
    /// <summary>"native" or "managed".</summary>
    string Name { get; }

    /// <summary>One-line description (library, core, threads) for <c>qbatt info</c> and JSON outputs.</summary>
    string Description { get; }

    /// <summary>
    /// C = alpha op(A) op(B) + beta C with op(A) m x k, op(B) k x n, C m x n. A is stored
    /// m x k when <paramref name="opA"/> is <see cref="Op.None"/> and k x m otherwise; likewise B.
    /// </summary>
    void Gemm(Op opA, Op opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a,
        ReadOnlySpan<Complex> b, Complex beta, Span<Complex> c);

    /// <summary>
    /// Eigen-decomposition of the Hermitian n x n matrix in <paramref name="a"/> (both triangles
    /// are read; the lower one is used). On return <paramref name="w"/> holds the eigenvalues in
    /// ascending order and, when <paramref name="vectors"/> is true, <paramref name="a"/> holds
    /// the orthonormal eigenvectors as columns (zheevd).
    /// </summary>
    void HermitianEigen(int n, Span<Complex> a, Span<double> w, bool vectors);

    /// <summary>Real symmetric counterpart of <see cref="HermitianEigen"/> (dsyevd).</summary>
    void SymmetricEigen(int n, Span<double> a, Span<double> w, bool vectors);

    /// <summary>
    /// Solves A X = B for the n x n matrix A (overwritten by its LU factors) and the n x nrhs
    /// right-hand side B (overwritten by X) (zgesv). Throws <see cref="ConvergenceException"/>
    /// when A is singular.
    /// </summary>
    void Solve(int n, int nrhs, Span<Complex> a, Span<Complex> b);

    /// <summary>Singular values (descending) of the m x n matrix A, which is destroyed (zgesdd).</summary>
    void SingularValues(int m, int n, Span<Complex> a, Span<double> s);
}
