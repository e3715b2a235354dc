using QBatt.Numerics;

namespace QBatt.Tests.Control;

/// <summary>
/// The box-constrained minimiser against closed forms: a separable quadratic sum a_i (x_i - c_i)^2 on a box has its minimum at
/// clamp(c_i) (each coordinate independently); Rosenbrock's function has its minimum 0 at (1, 1) inside [-2, 2]^2 and at
/// x = (0.5, 0.25) on the face x_0 &lt;= 0.5 (then x_1 = x_0^2 and f = (1 - x_0)^2 = 0.25, the derivative in x_0 pointing out).
/// </summary>
public class ProjectedLbfgsTests
{
    [Fact]
    public void SeparableQuadraticEndsAtTheClampedCentre()
    {
        double[] a = [1, 10, 0.1, 3, 7];
        double[] c = [2, -3, 0.5, -0.2, 1.5];
        double[] lo = [-1, -1, -1, -1, -1];
        double[] hi = [1, 1, 1, 1, 1];
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            var f = 0.0;
            for (var i = 0; i < x.Length; i++) { f += a[i] * (x[i] - c[i]) * (x[i] - c[i]); if (!g.IsEmpty) g[i] = 2 * a[i] * (x[i] - c[i]); }
            return f;
        }
        var m = ProjectedLbfgs.Minimize(F, [0, 0, 0, 0, 0], lo, hi);
        for (var i = 0; i < a.Length; i++) Assert.InRange(Math.Abs(m.Point[i] - Math.Clamp(c[i], -1, 1)), 0, 1e-8);
        Assert.InRange(m.ProjectedGradientNorm, 0, 1e-8);
    }

    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var f = 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);
        if (!g.IsEmpty)
        {
            g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
            g[1] = 200 * (x[1] - x[0] * x[0]);
        }
        return f;
    }

    [Fact]
    public void RosenbrockInsideAndOnAFace()
    {
        var inside = ProjectedLbfgs.Minimize(Rosenbrock, [-1.2, 1], [-2, -2], [2, 2], maxIterations: 2000);
        Assert.InRange(Math.Abs(inside.Point[0] - 1), 0, 1e-6);
        Assert.InRange(Math.Abs(inside.Point[1] - 1), 0, 1e-6);
        var face = ProjectedLbfgs.Minimize(Rosenbrock, [-1.2, 1], [-2, -2], [0.5, 2], maxIterations: 2000);
        Assert.InRange(Math.Abs(face.Point[0] - 0.5), 0, 1e-12);
        Assert.InRange(Math.Abs(face.Point[1] - 0.25), 0, 1e-6);
        Assert.InRange(Math.Abs(face.Value - 0.25), 0, 1e-10);
    }
}
