using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>Level-1 kernels at every length 0..256 (all unrolling tails) against plain loops.</summary>
public class VectorOpsTests
{
    [Fact]
    public void Dot_norm_axpy_scale_at_every_length()
    {
        var rng = new RandomMatrices(31);
        var a = new Complex(0.3, -1.2);
        for (var n = 0; n <= 256; n++)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.ComplexNormal()).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => rng.ComplexNormal()).ToArray();
            Complex dot = 0;
            double nrm = 0;
            for (var i = 0; i < n; i++) { dot += Complex.Conjugate(x[i]) * y[i]; nrm += x[i].Magnitude * x[i].Magnitude; }
            Assert.True((VectorOps.Dot(x, y) - dot).Magnitude < 1e-12 * Math.Max(1, n), $"dot n={n}");
            Assert.True(Math.Abs(Math.Sqrt(nrm) - VectorOps.Norm(x)) <= 1e-14 * Math.Max(1, Math.Sqrt(nrm)), $"norm n={n}");
            var z = (Complex[])y.Clone();
            VectorOps.Axpy(a, x, z);
            for (var i = 0; i < n; i++) Assert.True((z[i] - (y[i] + a * x[i])).Magnitude < 1e-14);
            var s = (Complex[])x.Clone();
            VectorOps.Scale(a, s);
            for (var i = 0; i < n; i++) Assert.True((s[i] - a * x[i]).Magnitude < 1e-14);
        }
    }

    [Fact]
    public void Norm_does_not_overflow()
    {
        Complex[] x = [new(1e200, 0), new(0, 1e200)];
        Assert.Equal(Math.Sqrt(2) * 1e200, VectorOps.Norm(x), 1e188);
    }

    [Fact]
    public void Length_mismatch_is_refused()
    {
        Assert.Throws<DimensionMismatchException>(() => VectorOps.Dot(new Complex[2], new Complex[3]));
        Assert.Throws<DimensionMismatchException>(() => VectorOps.Axpy(1, new Complex[2], new Complex[3]));
    }
}
