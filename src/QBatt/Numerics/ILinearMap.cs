using System.Numerics;

namespace QBatt.Numerics;

/// <summary>
/// A square linear map y = A x on complex vectors: what the Krylov and Runge-Kutta kernels need
/// from a Hamiltonian or a Lindblad generator. Implementations wrap a <see cref="CsrMatrix"/>, a
/// <see cref="RealCsrMatrix"/> or a dense <see cref="ComplexMatrix"/> (<see cref="LinearMap"/>), or
/// apply an operator without storing it (matrix-free). Apply must not keep references to x or y.
/// </summary>
public interface ILinearMap
{
    /// <summary>Dimension of the (square) map.</summary>
    int Dimension { get; }

    /// <summary>
    /// Approximate number of stored entries touched by one application (non-zeros for sparse, D^2 for
    /// dense); solvers use it to choose between methods, never for correctness.
    /// </summary>
    double Cost { get; }

    /// <summary>y = A x (x and y must not overlap).</summary>
    void Apply(ReadOnlySpan<Complex> x, Span<Complex> y);

    /// <summary>y += alpha A x (x and y must not overlap).</summary>
    void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y);
}

/// <summary>Factories of <see cref="ILinearMap"/> over QBatt's matrix types.</summary>
public static class LinearMap
{
    /// <summary>
    /// A map over a CSR matrix. When every value is real and <paramref name="useRealValues"/> holds,
    /// the map uses the <see cref="RealCsrMatrix"/> form (12 instead of 20 bytes per entry).
    /// </summary>
    public static ILinearMap From(CsrMatrix matrix, int threads = 0, bool useRealValues = true)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        RequireSquare(matrix.Rows, matrix.Cols);
        return useRealValues && matrix.IsReal ? new RealCsrMap(matrix.ToReal(), threads) : new CsrMap(matrix, threads);
    }

    /// <summary>A map over a real CSR matrix (complex vectors).</summary>
    public static ILinearMap From(RealCsrMatrix matrix, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        RequireSquare(matrix.Rows, matrix.Cols);
        return new RealCsrMap(matrix, threads);
    }

    /// <summary>A map over a dense matrix (the matrix is referenced, not copied: do not modify it afterwards).</summary>
    public static ILinearMap From(ComplexMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        RequireSquare(matrix.Rows, matrix.Cols);
        return new DenseMap(matrix);
    }

    private static void RequireSquare(int rows, int cols)
    {
        if (rows != cols)
            throw new DimensionMismatchException("LinearMap.From", "matrix", "a square matrix", $"{rows}x{cols}");
    }

    private sealed class CsrMap(CsrMatrix m, int threads) : ILinearMap
    {
        public int Dimension => m.Rows;

        public double Cost => m.NonZeros;

        public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => m.Multiply(x, y, threads);

        public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => m.MultiplyAdd(alpha, x, y, threads);
    }

    private sealed class RealCsrMap(RealCsrMatrix m, int threads) : ILinearMap
    {
        public int Dimension => m.Rows;

        // 12 instead of 20 bytes per entry
        public double Cost => 0.6 * m.NonZeros;

        public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => m.Multiply(x, y, threads);

        public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y) => m.MultiplyAdd(alpha, x, y, threads);
    }

    private sealed class DenseMap(ComplexMatrix m) : ILinearMap
    {
        public int Dimension => m.Rows;

        public double Cost => (double)m.Rows * m.Cols;

        public void Apply(ReadOnlySpan<Complex> x, Span<Complex> y) => m.Multiply(x, y);

        public void ApplyAdd(Complex alpha, ReadOnlySpan<Complex> x, Span<Complex> y)
        {
            var n = m.Rows;
            var a = m.ReadOnlySpan;
            for (var j = 0; j < m.Cols; j++)
            {
                var s = alpha * x[j];
                if (s == Complex.Zero) continue;
                VectorOps.Axpy(s, a.Slice(j * n, n), y);
            }
        }
    }
}

/// <summary>
/// A real linear map on real vectors (y = G x), what the Arnoldi propagator in Hermitian coordinates
/// needs from a Lindblad generator: the assembled <see cref="RealCsrMatrix"/> or its matrix form
/// (<c>Dynamics.RealLindbladMap</c>). Here in Numerics so that the Krylov kernels do not depend on Dynamics.
/// </summary>
internal interface IRealMap
{
    /// <summary>Dimension of the (square) map.</summary>
    int Dimension { get; }

    /// <summary>y = G x (x and y must not overlap; threads = 0: all processors).</summary>
    void Multiply(ReadOnlySpan<double> x, Span<double> y, int threads);
}

/// <summary>The assembled generator as an <see cref="IRealMap"/>.</summary>
internal sealed class RealCsrMap(RealCsrMatrix g) : IRealMap
{
    public int Dimension => g.Rows;

    public void Multiply(ReadOnlySpan<double> x, Span<double> y, int threads) => g.Multiply(x, y, threads);
}
