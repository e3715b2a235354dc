using System.Numerics;
using QBatt.Numerics;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Numerics;

public class CsrMatrixTests
{
    private static (CsrMatrix Sparse, Complex[,] Dense) Random(int rows, int cols, int nnz, int seed)
    {
        var rng = new RandomMatrices(seed);
        var r = new int[nnz];
        var c = new int[nnz];
        var v = new Complex[nnz];
        var dense = new Complex[rows, cols];
        var rnd = new Random(seed);
        for (var k = 0; k < nnz; k++)
        {
            r[k] = rnd.Next(rows);
            c[k] = rnd.Next(cols);
            v[k] = rng.ComplexNormal();
            dense[r[k], c[k]] += v[k];
        }
        return (CsrMatrix.FromTriplets(rows, cols, r, c, v), dense);
    }

    [Fact]
    public void Triplets_with_duplicates_sum_like_dense_accumulation()
    {
        var (s, d) = Random(13, 9, 200, 51);
        Assert.True(Naive.MaxAbsDiff(d, s.ToDense()) < 1e-14);
        for (var i = 0; i < 13; i++)
            for (var j = 0; j < 9; j++)
                Assert.True((s[i, j] - d[i, j]).Magnitude < 1e-14);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(0)]
    public void Matvec_matches_dense_serial_and_threaded(int threads)
    {
        // large enough to take the multi-threaded path (> 2^16 non-zeros)
        var (s, d) = Random(2000, 1500, 80000, 52);
        var rng = new RandomMatrices(53);
        var x = Enumerable.Range(0, 1500).Select(_ => rng.ComplexNormal()).ToArray();
        var y = new Complex[2000];
        s.Multiply(x, y, threads);
        var y0 = Enumerable.Range(0, 2000).Select(_ => rng.ComplexNormal()).ToArray();
        var yAcc = (Complex[])y0.Clone();
        var alpha = new Complex(0.5, -2);
        s.MultiplyAdd(alpha, x, yAcc, threads);
        for (var i = 0; i < 2000; i++)
        {
            Complex e = 0;
            for (var j = 0; j < 1500; j++) if (d[i, j] != Complex.Zero) e += d[i, j] * x[j];
            Assert.True((y[i] - e).Magnitude < 1e-12, $"row {i}");
            Assert.True((yAcc[i] - (y0[i] + alpha * e)).Magnitude < 1e-11, $"row {i} accumulate");
        }
    }

    [Fact]
    public void Kron_product_adjoint_and_sum_match_dense()
    {
        var (a, ad) = Random(4, 3, 7, 54);
        var (b, bd) = Random(3, 5, 6, 55);
        Assert.True(Naive.MaxAbsDiff(Naive.Kron(ad, bd), CsrMatrix.Kron(a, b).ToDense()) < 1e-14);
        Assert.True(Naive.MaxAbsDiff(Naive.Multiply(ad, bd), a.Multiply(b).ToDense()) < 1e-13);
        Assert.True(Naive.MaxAbsDiff(Naive.Op(ad, Op.Adjoint), a.Adjoint().ToDense()) < 1e-15);
        var (c, cd) = Random(4, 3, 9, 56);
        var sum = a.Add(c, new Complex(0, 2)).ToDense();
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 3; j++)
                Assert.True((sum[i, j] - (ad[i, j] + new Complex(0, 2) * cd[i, j])).Magnitude < 1e-14);
    }

    [Fact]
    public void Dense_round_trip_and_bad_input()
    {
        var m = new RandomMatrices(57).Ginibre(6, 4);
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(m, CsrMatrix.FromDense(m).ToDense()));
        Assert.Throws<DimensionMismatchException>(() => CsrMatrix.FromTriplets(2, 2, [2], [0], [1]));
        Assert.Throws<ValidationException>(() => CsrMatrix.FromTriplets(2, 2, [0], [0], [double.NaN]));
        Assert.Throws<DimensionMismatchException>(() => CsrMatrix.Identity(3).Multiply(new Complex[2]));
    }
}
