using System.Numerics;
using QBatt.Numerics;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Numerics;

public class ComplexMatrixTests
{
    [Fact]
    public void Kron_matches_definition()
    {
        var rng = new RandomMatrices(21);
        var a = rng.Ginibre(2, 3);
        var b = rng.Ginibre(4, 2);
        var k = ComplexMatrix.Kron(a, b);
        Assert.Equal(0, Naive.MaxAbsDiff(Naive.Kron(Naive.ToArray(a), Naive.ToArray(b)), k));
    }

    [Fact]
    public void Adjoint_transpose_trace_and_norms_match_definitions()
    {
        var rng = new RandomMatrices(22);
        var a = rng.Ginibre(5, 5);
        var adj = a.Adjoint();
        var tr = a.Transpose();
        Complex trace = 0;
        double fro = 0;
        for (var i = 0; i < 5; i++)
        {
            trace += a[i, i];
            for (var j = 0; j < 5; j++)
            {
                Assert.Equal(Complex.Conjugate(a[i, j]), adj[j, i]);
                Assert.Equal(a[i, j], tr[j, i]);
                fro += a[i, j].Magnitude * a[i, j].Magnitude;
            }
        }
        Assert.Equal(trace, a.Trace());
        Assert.Equal(Math.Sqrt(fro), a.FrobeniusNorm(), 12);
    }

    [Fact]
    public void Operator_norm_closed_forms()
    {
        // sigma_x + sigma_z has eigenvalues +-sqrt2; [[0, 2], [0, 0]] has singular values 2, 0;
        // a rank-one x y^dag has norm |x| |y|.
        var h = ComplexMatrix.FromRows(new double[,] { { 1, 1 }, { 1, -1 } });
        Assert.Equal(Math.Sqrt(2), h.OperatorNorm(), 14);
        Assert.Equal(2, ComplexMatrix.FromRows(new double[,] { { 0, 2 }, { 0, 0 } }).OperatorNorm(), 14);
        Complex[] x = [new(1, 2), new(0, -1), 3];
        Complex[] y = [2, new(1, 1)];
        Assert.Equal(Math.Sqrt(15) * Math.Sqrt(6), ComplexMatrix.Outer(x, y).OperatorNorm(), 12);
    }

    [Fact]
    public void Hermiticity_and_unitarity_checks()
    {
        var rng = new RandomMatrices(23);
        Assert.True(rng.Hermitian(6).IsHermitian());
        Assert.False(rng.Ginibre(6, 6).IsHermitian());
        var u = rng.HaarUnitary(12);
        Assert.True(u.UnitarityError() < 1e-12);
        Assert.True(u.IsUnitary());
        Assert.False((u * 1.001).IsUnitary());
        Assert.False(new ComplexMatrix(2, 3).IsHermitian());
    }

    [Fact]
    public void Mismatched_products_name_the_sizes()
    {
        var e = Assert.Throws<DimensionMismatchException>(() => new ComplexMatrix(2, 3).Multiply(new ComplexMatrix(2, 3)));
        Assert.Equal("Multiply: argument 'right' expected 3 rows, got 2 rows (left is 2x3).", e.Message);
        var t = Assert.Throws<DimensionMismatchException>(() => new ComplexMatrix(2, 3).Trace());
        Assert.Contains("expected a square matrix, got 2x3", t.Message, StringComparison.Ordinal);
        Assert.Throws<DimensionMismatchException>(() => new ComplexMatrix(2, 2) + new ComplexMatrix(3, 3));
    }

    [Fact]
    public void Matvec_matches_naive()
    {
        var rng = new RandomMatrices(24);
        var a = rng.Ginibre(7, 4);
        Complex[] x = [1, new(0, 1), -2, new(0.5, 0.5)];
        var y = a.Multiply(x);
        for (var i = 0; i < 7; i++)
        {
            Complex s = 0;
            for (var j = 0; j < 4; j++) s += a[i, j] * x[j];
            Assert.True((s - y[i]).Magnitude < 1e-14);
        }
    }
}
