using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

/// <summary>The sparse partial-transpose check against the dense partial transpose and eigensolver.</summary>
public class DiagonalWithCoherencesTests
{
    private static double DenseMinPt(ComplexMatrix m, Dims dims, int[] sub) =>
        MatrixFunctions.EigvalsH(Subsystems.PartialTranspose(m, dims.AsSpan(), sub), hermitianTol: double.PositiveInfinity)[0];

    [Fact]
    public void Sparse_partial_transpose_spectrum_equals_the_dense_one()
    {
        var rng = new RandomMatrices(9);
        foreach (var dims in new[] { new Dims(2, 2), new Dims(2, 3, 2), new Dims(3, 3), new Dims(2, 2, 2, 2) })
        {
            for (var t = 0; t < 25; t++)
            {
                var n = dims.Total;
                var diag = Enumerable.Range(0, n).Select(_ => rng.Uniform() < 0.3 ? 0 : rng.Uniform()).ToArray();
                var entries = new Dictionary<(int, int), Complex>();
                var count = 1 + t % 5;
                while (entries.Count < count)
                {
                    int r = (int)(rng.Uniform() * n), c = (int)(rng.Uniform() * n);
                    if (r != c && !entries.ContainsKey((c, r))) entries[(r, c)] = rng.ComplexNormal() * 0.3;
                }
                var state = new DiagonalWithCoherences(dims, diag, entries.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)));
                var m = state.ToMatrix();
                Assert.InRange(state.MinEigenvalue() - MatrixFunctions.EigvalsH(m, hermitianTol: double.PositiveInfinity)[0], -1e-12, 1e-12);
                foreach (var part in Entanglement.Bipartitions(dims.Count))
                    Assert.InRange(state.MinPartialTransposeEigenvalue(part) - DenseMinPt(m, dims, part), -1e-12, 1e-12);
                var (minAll, cut) = state.MinOverBipartitions();
                var dense = Entanglement.Bipartitions(dims.Count).Min(p => DenseMinPt(m, dims, p));
                Assert.InRange(minAll - dense, -1e-12, 1e-12);
                Assert.InRange(DenseMinPt(m, dims, cut) - minAll, -1e-12, 1e-12);
            }
        }
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var dims = new Dims(2, 2);
        Assert.Throws<DimensionMismatchException>(() => new DiagonalWithCoherences(dims, [1, 0, 0], []));
        Assert.Throws<ValidationException>(() => new DiagonalWithCoherences(dims, [1, 0, 0, 0], [(0, 0, Complex.One)]));
        Assert.Throws<ValidationException>(() => new DiagonalWithCoherences(dims, [1, 0, 0, 0], [(0, 4, Complex.One)]));
        Assert.Throws<ValidationException>(() => new DiagonalWithCoherences(dims, [1, 0, 0, 0], [(0, 1, Complex.One), (1, 0, Complex.One)]));
        var ok = new DiagonalWithCoherences(dims, [1, 0, 0, 0], []);
        Assert.Throws<ValidationException>(() => ok.MinPartialTransposeEigenvalue(2));
    }
}
