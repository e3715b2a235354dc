using System.Numerics;
using QBatt.Numerics;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Numerics;

/// <summary>Both backends against naive oracles and against each other (foundation issue acceptance).</summary>
public class BackendTests
{
    public static IEnumerable<object[]> All => Backends.Available();

    [Theory]
    [MemberData(nameof(All))]
    public void Gemm_matches_naive_triple_loop_for_every_op_and_shape(string backend)
    {
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(1);
        foreach (var (m, n, k) in new[] { (1, 1, 1), (3, 4, 5), (7, 2, 6), (0, 3, 2), (3, 0, 2), (4, 3, 0), (17, 13, 11) })
        {
            foreach (var opA in Enum.GetValues<Op>())
            {
                foreach (var opB in Enum.GetValues<Op>())
                {
                    var a = opA == Op.None ? rng.Ginibre(m, k) : rng.Ginibre(k, m);
                    var b = opB == Op.None ? rng.Ginibre(k, n) : rng.Ginibre(n, k);
                    var c0 = rng.Ginibre(m, n);
                    var alpha = new Complex(0.7, -0.3);
                    var beta = new Complex(-0.2, 0.5);
                    var c = c0.Clone();
                    be.Gemm(opA, opB, m, n, k, alpha, a.Span, b.Span, beta, c.Span);
                    var expected = Naive.Multiply(Naive.Op(Naive.ToArray(a), opA), Naive.Op(Naive.ToArray(b), opB));
                    for (var i = 0; i < m; i++)
                        for (var j = 0; j < n; j++)
                            expected[i, j] = alpha * expected[i, j] + beta * c0[i, j];
                    Assert.True(Naive.MaxAbsDiff(expected, c) < 1e-12, $"{backend} {opA} {opB} {m}x{n}x{k}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void HermitianEigen_residual_and_orthonormality(string backend)
    {
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(2);
        foreach (var n in new[] { 1, 2, 5, 40, 120 })
        {
            var a = rng.Hermitian(n);
            var eig = MatrixFunctions.Eigh(a, be);
            var av = a.Multiply(eig.Vectors, be);
            var vw = eig.Vectors.Multiply(ComplexMatrix.Diagonal(eig.Values), be);
            Assert.True(ComplexMatrix.MaxAbsDifference(av, vw) < 1e-10 * Math.Max(1, a.MaxAbs()), $"A V = V diag(w) residual n={n}");
            Assert.True(eig.Vectors.UnitarityError(be) < 1e-12, $"V V^dag = 1, n={n}");
            for (var i = 1; i < n; i++) Assert.True(eig.Values[i - 1] <= eig.Values[i]);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void HermitianEigen_degenerate_spectrum(string backend)
    {
        // U diag(1,1,1,2,2,-3) U^dag with a Haar-random U: eigenvalues known exactly.
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(3);
        var u = rng.HaarUnitary(6);
        double[] w = [1, 1, 1, 2, 2, -3];
        var a = u.Multiply(ComplexMatrix.Diagonal(w), be).Multiply(u.Adjoint(), be);
        var eig = MatrixFunctions.Eigh(a, be);
        double[] expected = [-3, 1, 1, 1, 2, 2];
        for (var i = 0; i < 6; i++) Assert.Equal(expected[i], eig.Values[i], 12);
        Assert.True(eig.Vectors.UnitarityError(be) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void SymmetricEigen_residual(string backend)
    {
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(4);
        const int n = 30;
        var a = new double[n * n];
        for (var j = 0; j < n; j++)
            for (var i = j; i < n; i++)
                a[i + j * n] = a[j + i * n] = rng.Normal();
        var v = (double[])a.Clone();
        var w = new double[n];
        be.SymmetricEigen(n, v, w, true);
        for (var k = 0; k < n; k++)
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var j = 0; j < n; j++) s += a[i + j * n] * v[j + k * n];
                Assert.True(Math.Abs(s - w[k] * v[i + k * n]) < 1e-10);
            }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Solve_residual(string backend)
    {
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(5);
        var a = rng.Ginibre(25, 25);
        var b = rng.Ginibre(25, 3);
        var lu = a.Clone();
        var x = b.Clone();
        be.Solve(25, 3, lu.Span, x.Span);
        Assert.True(ComplexMatrix.MaxAbsDifference(a.Multiply(x, be), b) < 1e-10);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Solve_refuses_singular_matrix(string backend)
    {
        var be = Backends.Get(backend);
        var a = ComplexMatrix.FromRows(new double[,] { { 1, 2 }, { 2, 4 } });
        var b = ComplexMatrix.FromRows(new double[,] { { 1 }, { 1 } });
        var e = Assert.Throws<ConvergenceException>(() => be.Solve(2, 1, a.Span, b.Span));
        Assert.Contains("singular", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void SingularValues_match_eigenvalues_of_AdagA(string backend)
    {
        // independent route: sigma_i^2 are the eigenvalues of A^dag A
        var be = Backends.Get(backend);
        var rng = new RandomMatrices(6);
        var a = rng.Ginibre(9, 6);
        var s = new double[6];
        be.SingularValues(9, 6, a.Clone().Span, s);
        var ata = ComplexMatrix.Product(a, Op.Adjoint, a, Op.None, be);
        var w = MatrixFunctions.EigvalsH(ata, be);
        for (var i = 0; i < 6; i++) Assert.Equal(Math.Sqrt(w[5 - i]), s[i], 10);
    }

    [Fact]
    public void Native_and_managed_agree_to_1e_10()
    {
        var native = LinearAlgebra.Native;
        Assert.True(native is not null, "OpenBLAS is not loadable here: install libopenblas0-pthread (" + LinearAlgebra.NativeUnavailableReason + ")");
        var managed = LinearAlgebra.Managed;
        var rng = new RandomMatrices(7);
        var h = rng.Hermitian(60);
        var en = MatrixFunctions.Eigh(h, native);
        var em = MatrixFunctions.Eigh(h, managed);
        for (var i = 0; i < 60; i++) Assert.True(Math.Abs(en.Values[i] - em.Values[i]) < 1e-10);
        // eigenvectors agree up to phase: compare the projectors |v><v| (spectrum is non-degenerate)
        for (var i = 0; i < 60; i++)
        {
            var pn = ComplexMatrix.Outer(en.Vectors.Column(i), en.Vectors.Column(i));
            var pm = ComplexMatrix.Outer(em.Vectors.Column(i), em.Vectors.Column(i));
            Assert.True(ComplexMatrix.MaxAbsDifference(pn, pm) < 1e-10, $"projector {i}");
        }
        var a = rng.Ginibre(30, 20);
        var b = rng.Ginibre(20, 25);
        Assert.True(ComplexMatrix.MaxAbsDifference(a.Multiply(b, native), a.Multiply(b, managed)) < 1e-10);
        var g = rng.Ginibre(12, 12);
        var expN = MatrixFunctions.Expm(g, native);
        Assert.True(ComplexMatrix.MaxAbsDifference(expN, MatrixFunctions.Expm(g, managed)) < 1e-10 * expN.MaxAbs());
        var rhs = rng.Ginibre(12, 2);
        var (an, bn, am, bm) = (g.Clone(), rhs.Clone(), g.Clone(), rhs.Clone());
        native.Solve(12, 2, an.Span, bn.Span);
        managed.Solve(12, 2, am.Span, bm.Span);
        Assert.True(ComplexMatrix.MaxAbsDifference(bn, bm) < 1e-10 * Math.Max(1, bn.MaxAbs()));
    }

    [Fact]
    public void Backend_size_checks_name_the_argument()
    {
        var e = Assert.Throws<DimensionMismatchException>(() => LinearAlgebra.Managed.Gemm(Op.None, Op.None, 2, 2, 2, 1, new Complex[3], new Complex[4], 0, new Complex[4]));
        Assert.Contains("argument 'a'", e.Message, StringComparison.Ordinal);
    }
}
