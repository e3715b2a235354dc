using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>
/// Regression: OpenBLAS 0.3.21's threaded zgesdd read past the end of a 1024 x 1024 input and crashed
/// the process (segfault) when the array ended at a page boundary; the native backend now hands it a
/// padded copy. Oracle: the singular values of a Hermitian matrix are the absolute eigenvalues.
/// </summary>
public class NativeSvdRegressionTests
{
    [Fact]
    public void Native_singular_values_of_a_1024_matrix_match_the_absolute_eigenvalues()
    {
        if (LinearAlgebra.Native is not { } native) return; // nothing to check without OpenBLAS
        var a = new RandomMatrices(1).Hermitian(1024);
        var s = new double[1024];
        native.SingularValues(1024, 1024, a.Clone().Span, s);
        var expected = MatrixFunctions.EigvalsH(a, native).Select(Math.Abs).OrderDescending().ToArray();
        for (var i = 0; i < s.Length; i++)
            Assert.InRange(Math.Abs(s[i] - expected[i]), 0, 1e-9 * expected[0]);
    }
}
