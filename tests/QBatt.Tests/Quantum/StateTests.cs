using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

public class StateTests
{
    [Fact]
    public void Density_matrix_validation_names_the_violated_property()
    {
        var neg = Assert.Throws<ValidationException>(() => new DensityMatrix(ComplexMatrix.Diagonal([1.2, -0.2])));
        Assert.Equal("DensityMatrix: argument 'rho' expected a positive semidefinite matrix (eigenvalues >= -1e-10), got smallest eigenvalue -0.2.", neg.Message);
        var tr = Assert.Throws<ValidationException>(() => new DensityMatrix(ComplexMatrix.Diagonal([0.5, 0.4])));
        Assert.Contains("expected unit trace", tr.Message, StringComparison.Ordinal);
        Assert.Contains("got trace 0.9", tr.Message, StringComparison.Ordinal);
        var herm = ComplexMatrix.FromRows(new double[,] { { 0.5, 0.1 }, { 0, 0.5 } });
        Assert.Contains("Hermitian", Assert.Throws<ValidationException>(() => new DensityMatrix(herm)).Message, StringComparison.Ordinal);
        var nan = ComplexMatrix.Diagonal([0.5, double.NaN]);
        Assert.Contains("finite", Assert.Throws<ValidationException>(() => new DensityMatrix(nan)).Message, StringComparison.Ordinal);
        Assert.Throws<DimensionMismatchException>(() => new DensityMatrix(ComplexMatrix.Identity(4) * 0.25, new Dims(2, 3)));
        Assert.Throws<DimensionMismatchException>(() => new DensityMatrix(new ComplexMatrix(2, 3)));
    }

    [Fact]
    public void Explicit_normalisation_reports_its_factor()
    {
        var (rho, factor) = DensityMatrix.Normalize(ComplexMatrix.Diagonal([0.538, 0.237, 0.224]));
        Assert.Equal(1 / 0.999, factor, 14);
        Assert.Equal(1, rho.Trace(), 14);
        Assert.Throws<ValidationException>(() => DensityMatrix.Normalize(ComplexMatrix.Diagonal([1, -0.5])));
        var (ket, f) = Ket.Normalize([3, new Complex(0, 4)]);
        Assert.Equal(0.2, f, 15);
        Assert.Equal(0.6, ket[0].Real, 15);
    }

    [Fact]
    public void Ket_validation_and_products()
    {
        Assert.Throws<ValidationException>(() => new Ket([1, 1]));
        var up = Ket.Basis(2, 0);
        var k = Ket.Basis(new Dims(2, 3), 1, 2);
        Assert.Equal(1, k[5].Real);
        var t = Ket.Tensor(up, Ket.Basis(3, 2));
        Assert.Equal(1, t[2].Real);
        Assert.Equal(new Dims(2, 3), t.Dims);
        Assert.Throws<ValidationException>(() => Ket.Basis(new Dims(2, 3), 0, 3));
        Assert.Throws<DimensionMismatchException>(() => up.Inner(k));
    }

    [Fact]
    public void Reduced_states_tensor_products_and_expectations()
    {
        var rng = new RandomMatrices(71);
        var a = new DensityMatrix(rng.DensityMatrix(2));
        var b = new DensityMatrix(rng.DensityMatrix(3));
        var ab = DensityMatrix.Tensor(a, b);
        Assert.True(ComplexMatrix.MaxAbsDifference(ab.PartialTraceKeep(0).ToMatrix(), a.ToMatrix()) < 1e-14);
        Assert.True(ComplexMatrix.MaxAbsDifference(ab.PartialTraceOver(0).ToMatrix(), b.ToMatrix()) < 1e-14);
        // tr[(A (x) B)(Z (x) 1)] = tr[A Z]
        var z1 = Operator.Tensor(Pauli.Z, Operator.Identity(new Dims(3)));
        Assert.True((ab.Expectation(z1) - a.Expectation(Pauli.Z)).Magnitude < 1e-14);
        var psi = new Ket(rng.UnitVector(6), new Dims(2, 3));
        var h = Operator.FromDense(rng.Hermitian(6), new Dims(2, 3));
        Assert.True((h.Expectation(psi) - h.Expectation(psi.ToDensityMatrix())).Magnitude < 1e-13);
        Assert.Equal(1, psi.ToDensityMatrix().Purity(), 13);
    }

    [Fact]
    public void Unitary_transform_keeps_the_spectrum()
    {
        var rng = new RandomMatrices(72);
        var rho = new DensityMatrix(rng.DensityMatrix(5));
        var u = rng.HaarUnitary(5);
        var r2 = rho.Transform(u);
        var w1 = rho.Eigenvalues();
        var w2 = r2.Eigenvalues();
        for (var i = 0; i < 5; i++) Assert.Equal(w1[i], w2[i], 13);
        Assert.Throws<ValidationException>(() => rho.Transform(u * 2));
    }

    [Fact]
    public void Ppt_detects_bell_and_werner_entanglement()
    {
        // Werner state p |Phi+><Phi+| + (1 - p) 1/4: smallest partial-transpose eigenvalue (1 - 3p)/4
        var s = 1 / Math.Sqrt(2);
        var phi = new Ket([s, 0, 0, s], new Dims(2, 2));
        foreach (var p in new[] { 0.0, 0.2, 1.0 / 3, 0.5, 1.0 })
        {
            var m = phi.ToDensityMatrix().ToMatrix() * p + ComplexMatrix.Identity(4) * ((1 - p) / 4);
            var rho = new DensityMatrix(m, new Dims(2, 2));
            Assert.Equal((1 - 3 * p) / 4, Entanglement.MinPartialTransposeEigenvalue(rho, 1), 13);
            Assert.Equal(p <= 1.0 / 3 + 1e-12, Entanglement.IsPpt(rho, [1]));
        }
        Assert.Equal(0.5, Entanglement.Negativity(phi.ToDensityMatrix(), 0), 13);
        var product = DensityMatrix.Tensor(Ket.Basis(2, 0).ToDensityMatrix(), Ket.Basis(2, 1).ToDensityMatrix(), DensityMatrix.MaximallyMixed(new Dims(2)));
        var (min, _) = Entanglement.MinOverBipartitions(product);
        Assert.True(min >= -1e-15);
        Assert.Equal(3, Entanglement.Bipartitions(3).Count());
    }
}
