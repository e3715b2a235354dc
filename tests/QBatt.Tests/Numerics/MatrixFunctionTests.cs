using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Numerics;

/// <summary>Matrix functions against closed forms and against a different algorithm.</summary>
public class MatrixFunctionTests
{
    private static readonly Complex I = Complex.ImaginaryOne;

    [Theory]
    [InlineData(0.3, 1, 0, 0)]
    [InlineData(1.7, 0, 1, 0)]
    [InlineData(2.9, 0, 0, 1)]
    [InlineData(12.5, 0.48, -0.6, 0.64)]
    public void Pauli_exponential_closed_form(double theta, double nx, double ny, double nz)
    {
        // exp(-i theta n.sigma) = cos(theta) 1 - i sin(theta) n.sigma, |n| = 1
        var ns = (nx * Pauli.X + ny * Pauli.Y + nz * Pauli.Z).ToDense();
        var expected = ComplexMatrix.Identity(2) * Math.Cos(theta) + ns * (-I * Math.Sin(theta));
        Assert.True(ComplexMatrix.MaxAbsDifference(MatrixFunctions.ExpMinusIHt(ns, theta), expected) < 1e-13);
        Assert.True(ComplexMatrix.MaxAbsDifference(MatrixFunctions.Expm(ns * (-I * theta)), expected) < 1e-13);
    }

    public static IEnumerable<object[]> SpinValues() => new[] { 0.5, 1, 1.5, 2, 3.5, 5 }.Select(j => new object[] { j });

    [Theory]
    [MemberData(nameof(SpinValues))]
    public void Spin_rotation_by_pi_about_y_is_the_wigner_d_matrix(double j)
    {
        // d^j_{m'm}(pi) = (-1)^(j-m) delta_{m', -m}
        var dim = (int)Math.Round(2 * j) + 1;
        var u = MatrixFunctions.ExpMinusIHt(Spin.Jy(j).ToDense(), Math.PI);
        for (var a = 0; a < dim; a++)
            for (var b = 0; b < dim; b++)
            {
                var m = j - b;
                var expected = a == dim - 1 - b ? Math.Pow(-1, Math.Round(j - m)) : 0.0;
                Assert.True((u[a, b] - expected).Magnitude < 1e-12, $"j={j} ({a},{b})");
            }
    }

    [Theory]
    [MemberData(nameof(SpinValues))]
    public void Spin_rotation_about_z_is_diagonal_phases(double j)
    {
        const double phi = 0.77;
        var u = MatrixFunctions.Expm(Spin.Jz(j).ToDense() * (-I * phi));
        var dim = (int)Math.Round(2 * j) + 1;
        for (var k = 0; k < dim; k++)
            Assert.True((u[k, k] - Complex.FromPolarCoordinates(1, -phi * (j - k))).Magnitude < 1e-13);
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(400)]
    public void Expm_agrees_with_eigendecomposition_route_for_hermitian_input(double scale)
    {
        // norms chosen to hit every Pade degree (3, 5, 7, 9, 13) and the scaling-squaring path
        var rng = new RandomMatrices(11);
        var h = rng.Hermitian(16);
        var t = scale / MatrixFunctions.Norm1(h);
        var viaEig = MatrixFunctions.ExpMinusIHt(h, t);
        var viaPade = MatrixFunctions.Expm(h * (-I * t));
        Assert.True(ComplexMatrix.MaxAbsDifference(viaEig, viaPade) < 1e-12 * Math.Max(1, scale / 10));
        Assert.True(viaPade.UnitarityError() < 1e-12 * Math.Max(1, scale / 10));
    }

    [Fact]
    public void Expm_upper_triangular_closed_form()
    {
        // exp([[a, b], [0, c]]) = [[e^a, b (e^a - e^c)/(a - c)], [0, e^c]]
        Complex a = new(0.3, 1.1), b = new(-2, 0.5), c = new(-1.2, -0.4);
        var m = ComplexMatrix.FromRows(new[,] { { a, b }, { Complex.Zero, c } });
        var e = MatrixFunctions.Expm(m);
        Assert.True((e[0, 0] - Complex.Exp(a)).Magnitude < 1e-13);
        Assert.True((e[1, 1] - Complex.Exp(c)).Magnitude < 1e-13);
        Assert.True((e[0, 1] - b * (Complex.Exp(a) - Complex.Exp(c)) / (a - c)).Magnitude < 1e-13);
        Assert.True(e[1, 0].Magnitude < 1e-15);
        // large norm Jordan block: exp(lambda 1 + N) = e^lambda (1 + N)
        var j = ComplexMatrix.FromRows(new double[,] { { 30, 1 }, { 0, 30 } });
        var ej = MatrixFunctions.Expm(j);
        Assert.Equal(1.0, (ej[0, 1] / Math.Exp(30)).Real, 12);
        Assert.Equal(1.0, (ej[0, 0] / Math.Exp(30)).Real, 12);
    }

    [Fact]
    public void Expm_of_a_generator_with_decay_matches_closed_form()
    {
        // d/dt x = -k x on the diagonal, rotation off-diagonal: exp(t [[-k, -w], [w, -k]]) = e^{-kt} R(wt)
        const double k = 0.3, w = 2.1, t = 3.7;
        var g = ComplexMatrix.FromRows(new double[,] { { -k * t, -w * t }, { w * t, -k * t } });
        var e = MatrixFunctions.Expm(g);
        var f = Math.Exp(-k * t);
        Assert.Equal(f * Math.Cos(w * t), e[0, 0].Real, 13);
        Assert.Equal(-f * Math.Sin(w * t), e[0, 1].Real, 13);
        Assert.Equal(f * Math.Sin(w * t), e[1, 0].Real, 13);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(8, 3)]
    [InlineData(20, 1)]
    public void Sqrtm_squared_gives_back_the_psd_matrix(int n, int rank)
    {
        var rng = new RandomMatrices(12);
        var g = rng.Ginibre(n, rank);
        var a = ComplexMatrix.Product(g, Op.None, g, Op.Adjoint);
        var s = MatrixFunctions.SqrtPsd(a);
        Assert.True(s.IsHermitian(1e-12));
        Assert.True(ComplexMatrix.MaxAbsDifference(s.Multiply(s), a) < 1e-10 * a.MaxAbs());
    }

    [Fact]
    public void Sqrtm_refuses_a_clearly_negative_eigenvalue()
    {
        var a = ComplexMatrix.Diagonal([1.0, -0.5]);
        var e = Assert.Throws<ValidationException>(() => MatrixFunctions.SqrtPsd(a));
        Assert.Contains("smallest eigenvalue -0.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logm_inverts_expm_on_positive_definite_input()
    {
        var rng = new RandomMatrices(13);
        var a = rng.DensityMatrix(10);
        var back = MatrixFunctions.Expm(MatrixFunctions.LogPd(a));
        Assert.True(ComplexMatrix.MaxAbsDifference(back, a) < 1e-12);
        Assert.Throws<ValidationException>(() => MatrixFunctions.LogPd(ComplexMatrix.Diagonal([1.0, 0.0])));
    }

    [Fact]
    public void Eigh_refuses_non_hermitian_input_with_the_size_of_the_violation()
    {
        var a = ComplexMatrix.FromRows(new double[,] { { 1, 2 }, { 0, 1 } });
        var e = Assert.Throws<ValidationException>(() => MatrixFunctions.Eigh(a));
        Assert.Contains("Eigh", e.Message, StringComparison.Ordinal);
        Assert.Contains("max |A - A^dag| = 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<DimensionMismatchException>(() => MatrixFunctions.Eigh(new ComplexMatrix(2, 3)));
        var nan = ComplexMatrix.Identity(2);
        nan[1, 0] = double.NaN;
        var en = Assert.Throws<ValidationException>(() => MatrixFunctions.Expm(nan));
        Assert.Contains("finite entries", en.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 0)", en.Message, StringComparison.Ordinal);
    }
}
