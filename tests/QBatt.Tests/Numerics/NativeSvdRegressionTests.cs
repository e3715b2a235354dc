using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>
/// Regression: OpenBLAS 0.3.21's threaded zgesdd read past the end of a 1024 x 1024 input and crashed
/// the process (segfault) when the array ended at a page boundary; the native backend now hands it a
/// padded copy. Oracle: sum_i s_i^2 = ||A||_F^2, and the values come sorted and non-negative.
/// </summary>
public class NativeSvdRegressionTests
{
    [NativeFact]
    public void Native_singular_values_of_a_1024_matrix_keep_the_frobenius_norm()
    {
        var native = LinearAlgebra.Native!; // NativeFact skips the test, visibly, when OpenBLAS is absent
        var a = new RandomMatrices(1).Ginibre(1024, 1024);
        var s = new double[1024];
        native.SingularValues(1024, 1024, a.Clone().Span, s);
        var f2 = Math.Pow(a.FrobeniusNorm(), 2);
        Assert.InRange(Math.Abs(s.Sum(x => x * x) - f2), 0, 1e-10 * f2);
        for (var i = 1; i < s.Length; i++) Assert.True(s[i] <= s[i - 1] && s[i] >= 0);
    }
}
