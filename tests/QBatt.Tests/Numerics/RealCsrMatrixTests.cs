using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>The real-valued CSR form and the mat-vec kernels (unrolled rows, streaming stores) against plain loops.</summary>
public class RealCsrMatrixTests
{
    private static CsrMatrix RandomReal(int rows, int cols, int nnz, int seed, bool complexValues = false)
    {
        var rnd = new Random(seed);
        var r = new int[nnz];
        var c = new int[nnz];
        var v = new Complex[nnz];
        for (var k = 0; k < nnz; k++)
        {
            r[k] = rnd.Next(rows);
            c[k] = rnd.Next(cols);
            v[k] = complexValues ? new Complex(rnd.NextDouble() - 0.5, rnd.NextDouble() - 0.5) : rnd.NextDouble() - 0.5;
        }
        return CsrMatrix.FromTriplets(rows, cols, r, c, v);
    }

    private static Complex[] Reference(CsrMatrix m, Complex[] x)
    {
        var y = new Complex[m.Rows];
        var rp = m.RowPointers;
        var ci = m.ColumnIndices;
        var v = m.Values;
        for (var i = 0; i < m.Rows; i++)
            for (var p = rp[i]; p < rp[i + 1]; p++) y[i] += v[p] * x[ci[p]];
        return y;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Real_form_matches_the_complex_form_for_complex_and_real_vectors(int threads)
    {
        var m = RandomReal(3000, 2500, 60000, 7);
        Assert.True(m.IsReal);
        var real = m.ToReal();
        Assert.Equal(m.NonZeros, real.NonZeros);
        Assert.True(real.StorageBytes < m.StorageBytes);
        var rng = new RandomMatrices(8);
        var x = Enumerable.Range(0, 2500).Select(_ => rng.ComplexNormal()).ToArray();
        var expected = Reference(m, x);
        var y = new Complex[3000];
        real.Multiply(x, y, threads);
        for (var i = 0; i < y.Length; i++) Assert.True((y[i] - expected[i]).Magnitude < 1e-12, $"row {i}");
        var alpha = new Complex(-0.3, 1.1);
        var acc = Enumerable.Range(0, 3000).Select(_ => rng.ComplexNormal()).ToArray();
        var acc0 = (Complex[])acc.Clone();
        real.MultiplyAdd(alpha, x, acc, threads);
        for (var i = 0; i < acc.Length; i++) Assert.True((acc[i] - (acc0[i] + alpha * expected[i])).Magnitude < 1e-11, $"row {i} accumulate");
        var xr = x.Select(z => z.Real).ToArray();
        var yr = new double[3000];
        real.Multiply(xr, yr, threads);
        var er = Reference(m, [.. xr.Select(d => new Complex(d, 0))]);
        for (var i = 0; i < yr.Length; i++) Assert.True(Math.Abs(yr[i] - er[i].Real) < 1e-12, $"row {i} real");
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(m.ToDense(), real.ToComplex().ToDense()));
    }

    [Fact]
    public void Complex_values_are_refused_by_the_real_form()
    {
        var m = RandomReal(10, 10, 30, 9, complexValues: true);
        Assert.False(m.IsReal);
        Assert.Throws<ValidationException>(() => m.ToReal());
    }

    [Fact]
    public void Rows_of_every_length_and_outputs_large_enough_for_streaming_stores()
    {
        // row r has r mod 7 entries (every unrolling tail), and 2^18 rows take the streaming-store path
        var n = 1 << 18;
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<Complex>();
        for (var r = 0; r < n; r++)
            for (var k = 0; k < r % 7; k++)
            {
                rows.Add(r);
                cols.Add((r * 31 + k * 977) % n);
                vals.Add(new Complex(1 + k, r % 3 - 1));
            }
        var m = CsrMatrix.FromTriplets(n, n, rows.ToArray(), cols.ToArray(), vals.ToArray());
        var x = Enumerable.Range(0, n).Select(i => new Complex(Math.Sin(i), Math.Cos(0.5 * i))).ToArray();
        var expected = Reference(m, x);
        var y = new Complex[n];
        m.Multiply(x, y, 2);
        double err = 0;
        for (var i = 0; i < n; i++) err = Math.Max(err, (y[i] - expected[i]).Magnitude);
        Assert.True(err < 1e-12, $"max error {err}");
    }
}
