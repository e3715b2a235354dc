using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Quantum;

/// <summary>Factories against algebraic identities and closed-form spectra.</summary>
public class OperatorFactoryTests
{
    private static readonly Complex I = Complex.ImaginaryOne;

    private static double Diff(Operator a, Operator b) => ComplexMatrix.MaxAbsDifference(a.ToDense(), b.ToDense());

    [Fact]
    public void Pauli_algebra()
    {
        Assert.Equal(0, Diff(Pauli.X * Pauli.Y, I * Pauli.Z));
        Assert.Equal(0, Diff(Pauli.Y * Pauli.Z, I * Pauli.X));
        Assert.Equal(0, Diff(Pauli.Z * Pauli.X, I * Pauli.Y));
        foreach (var p in new[] { Pauli.X, Pauli.Y, Pauli.Z }) Assert.Equal(0, Diff(p * p, Pauli.I));
        Assert.Equal(0, Diff(Pauli.Plus + Pauli.Minus, Pauli.X));
        Assert.Equal(1, Pauli.Z[0, 0].Real);
        Assert.Equal(1, Pauli.Plus[0, 1].Real);
    }

    public static IEnumerable<object[]> SpinValues() => new[] { 0.5, 1, 1.5, 2, 2.5, 4, 7.5 }.Select(j => new object[] { j });

    [Theory]
    [MemberData(nameof(SpinValues))]
    public void Spin_j_commutators_casimir_and_spectra(double j)
    {
        var jx = Spin.Jx(j);
        var jy = Spin.Jy(j);
        var jz = Spin.Jz(j);
        var dim = (int)Math.Round(2 * j) + 1;
        Assert.True(Diff(jx.Commutator(jy), I * jz) < 1e-12);
        Assert.True(Diff(jy.Commutator(jz), I * jx) < 1e-12);
        Assert.True(Diff(jz.Commutator(jx), I * jy) < 1e-12);
        var casimir = jx * jx + jy * jy + jz * jz;
        Assert.True(Diff(casimir, j * (j + 1) * Operator.Identity(new Dims(dim))) < 1e-12);
        // eigenvalues m = -j..j for every component (Jx and Jy through the eigensolver)
        foreach (var op in new[] { jx, jy, jz })
        {
            var w = MatrixFunctions.EigvalsH(op.ToDense());
            for (var k = 0; k < dim; k++) Assert.Equal(-j + k, w[k], 11);
        }
        Assert.True(Diff(Spin.Jminus(j), jx - I * jy) < 1e-12);
    }

    [Fact]
    public void Spin_half_is_half_the_pauli_matrices()
    {
        Assert.True(Diff(Spin.Jx(0.5), 0.5 * Pauli.X) < 1e-15);
        Assert.True(Diff(Spin.Jy(0.5), 0.5 * Pauli.Y) < 1e-15);
        Assert.True(Diff(Spin.Jz(0.5), 0.5 * Pauli.Z) < 1e-15);
        Assert.Throws<ValidationException>(() => Spin.Jz(0.7));
        Assert.Throws<ValidationException>(() => Spin.Jz(-1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Boson_commutator_is_one_below_the_cutoff(int cutoff)
    {
        var a = Boson.Destroy(cutoff);
        var ad = Boson.Create(cutoff);
        var c = (a * ad - ad * a).ToDense();
        for (var n = 0; n < cutoff; n++)
            for (var m = 0; m < cutoff; m++)
            {
                var expected = n != m ? 0 : n < cutoff - 1 ? 1 : -(cutoff - 1);
                Assert.Equal(expected, c[n, m].Real, 12);
            }
        Assert.True(Diff(ad * a, Boson.Number(cutoff)) < 1e-12);
        if (cutoff > 3)
        {
            var psi = Boson.Fock(cutoff, 3).Amplitudes;
            var y = a.Apply(psi);
            Assert.Equal(Math.Sqrt(3), y[2].Real, 14);
        }
    }

    [Fact]
    public void Embed_matches_explicit_kronecker_products()
    {
        var dims = new Dims(2, 3, 2);
        var a = Operator.FromDense(new RandomMatrices(61).Ginibre(3, 3));
        var e = Operators.Embed(a, 1, dims);
        var expected = Naive.Kron(Naive.Kron(Naive.ToArray(ComplexMatrix.Identity(2)), Naive.ToArray(a.ToDense())), Naive.ToArray(ComplexMatrix.Identity(2)));
        Assert.True(Naive.MaxAbsDiff(expected, e.ToDense()) < 1e-15);
        Assert.Equal(dims, e.Dims);
        var z3 = Operators.SumOverCells(Pauli.Z, 3);
        var d = z3.DiagonalReal();
        for (var i = 0; i < 8; i++)
        {
            var ones = System.Numerics.BitOperations.PopCount((uint)i);
            Assert.Equal(3 - 2 * ones, d[i]);
        }
        Assert.Throws<DimensionMismatchException>(() => Operators.Embed(Pauli.Z, 1, dims));
        Assert.Throws<ValidationException>(() => Operators.Embed(Pauli.Z, 3, dims));
    }

    [Fact]
    public void Qudit_projectors_and_operator_arithmetic()
    {
        var p = Qudit.Projector(3, 0, 2);
        Assert.Equal(1, p[0, 2].Real);
        Assert.Equal(0, Diff(p * p.Adjoint(), Qudit.Projector(3, 0, 0)));
        Assert.Throws<ValidationException>(() => Qudit.Projector(3, 3, 0));
        // sparse and dense operands combine to the same result
        var rng = new RandomMatrices(62);
        var dense = Operator.FromDense(rng.Ginibre(3, 3));
        Assert.True(Diff(p * dense, p.AsDense() * dense) < 1e-15);
        Assert.True(Diff(p + dense, p.AsDense() + dense) < 1e-15);
        Assert.Throws<DimensionMismatchException>(() => Pauli.X + p);
        var tensor = Operator.Tensor(Pauli.X, p);
        Assert.Equal(new Dims(2, 3), tensor.Dims);
        Assert.True(tensor.IsSparse);
    }
}
