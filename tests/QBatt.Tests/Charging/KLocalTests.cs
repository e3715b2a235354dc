using System.Numerics;
using QBatt.Charging;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Charging;

/// <summary>R11: the bound evaluators, the unitary logarithm and the random k-local sampler.</summary>
public class KLocalTests
{
    [Fact]
    public void Bounds_of_theorems_1_and_2()
    {
        Assert.Equal(Math.PI, KLocalBounds.Theorem1(2), 15);                 // gamma k, gamma = pi/2
        Assert.Equal(1.5 * Math.PI, KLocalBounds.Theorem1(3), 15);
        Assert.Equal(15 * Math.PI, KLocalBounds.Theorem2(2, 8), 13);         // Rev Fig. 6: (pi/2)(4*7 + 2)
        Assert.Equal(KLocalBounds.Theorem1(4), KLocalBounds.Theorem2(4, 1), 15); // m = 1: no overlaps, Theorem 1
        Assert.Equal(2 * (9 * 2 + 3), KLocalBounds.Theorem2(3, 3, gamma: 2), 15);
        Assert.Contains("'k'", Assert.Throws<ValidationException>(() => KLocalBounds.Theorem1(0)).Message);
        Assert.Contains("'m'", Assert.Throws<ValidationException>(() => KLocalBounds.Theorem2(2, 0)).Message);
        Assert.Contains("'gamma'", Assert.Throws<ValidationException>(() => KLocalBounds.Theorem1(2, -1)).Message);
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(4, 13)]
    [InlineData(9, 14)]
    [InlineData(16, 15)]
    public void Generator_of_haar_unitaries_exponentiates_back(int n, int seed)
    {
        var u = new RandomMatrices(seed).HaarUnitary(n);
        var g = UnitaryLog.Generator(u);
        Assert.True(g.IsHermitian(1e-13));
        var w = MatrixFunctions.EigvalsH(g);
        Assert.True(w[0] >= -Math.PI - 1e-12 && w[^1] < Math.PI + 1e-12);
        Assert.True(ComplexMatrix.MaxAbsDifference(MatrixFunctions.ExpMinusIHt(g, 1), u) < 1e-12);
    }

    [Fact]
    public void Generator_with_known_eigenphases_including_near_and_at_minus_one()
    {
        // U = V diag(e^(i theta)) V^dag  =>  i log U = -V diag(theta) V^dag (principal branch)
        double[][] cases =
        [
            [0.3, -2.0, 1.0, 3.0],
            [0.3, -2.0, Math.PI - 1e-9, 1.0],        // eigenphase near pi: the rotated Cayley transform
            [Math.PI, 0.5, -0.5, 2.0],               // exactly -1: 1 + U singular
            [-Math.PI + 1e-7, Math.PI - 1e-7, 0, 1],  // both sides of the cut
        ];
        var v = new RandomMatrices(3).HaarUnitary(4);
        foreach (var theta in cases)
        {
            var d = ComplexMatrix.Diagonal(theta.Select(x => Complex.FromPolarCoordinates(1, x)).ToArray());
            var u = v * d * v.Adjoint();
            var expected = v * ComplexMatrix.Diagonal(theta.Select(x => -x).ToArray()) * v.Adjoint();
            var g = UnitaryLog.Generator(u);
            // the principal branch is ambiguous only at theta = pi exactly, where -pi and pi both exponentiate to -1
            Assert.True(ComplexMatrix.MaxAbsDifference(MatrixFunctions.ExpMinusIHt(g, 1), u) < 1e-12);
            if (theta.All(x => Math.Abs(x) < Math.PI))
                Assert.True(ComplexMatrix.MaxAbsDifference(g, expected) < 1e-8, $"theta {string.Join(",", theta)}");
        }
        Assert.Throws<ValidationException>(() => UnitaryLog.Generator(ComplexMatrix.Identity(2) * 1.1));
    }

    [Fact]
    public void Subsets_are_all_k_sets_in_lexicographic_order()
    {
        Assert.Equal(15, RandomKLocal.Subsets(6, 2).Count);
        Assert.Equal(4, RandomKLocal.Subsets(4, 3).Count);
        Assert.Equal([[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]], RandomKLocal.Subsets(4, 3));
        Assert.Single(RandomKLocal.Subsets(5, 5));
        Assert.Throws<ValidationException>(() => RandomKLocal.Subsets(3, 4));
    }

    [Fact]
    public void Embedding_on_non_contiguous_cells_matches_the_element_formula()
    {
        int[] dims = [3, 2, 3];
        int[] cells = [0, 2];
        var term = new RandomMatrices(8).Hermitian(9);
        var h = new ComplexMatrix(18, 18);
        RandomKLocal.AddEmbedded(h, term, cells, new Dims(dims));
        for (var r = 0; r < 18; r++)
        {
            for (var c = 0; c < 18; c++)
            {
                var dr = Naive.Digits(r, dims);
                var dc = Naive.Digits(c, dims);
                var expected = dr[1] == dc[1] ? term[dr[0] * 3 + dr[2], dc[0] * 3 + dc[2]] : Complex.Zero;
                Assert.Equal(expected, h[r, c]);
            }
        }
    }

    [Theory]
    [InlineData(KLocalEnsemble.HaarLog)]
    [InlineData(KLocalEnsemble.Gue)]
    public void Samples_are_hermitian_k_local_and_reproducible(KLocalEnsemble ensemble)
    {
        const int n = 4, k = 2;
        var h = RandomKLocal.Sample(2, n, k, ensemble, seed: RandomKLocal.SampleSeed(7, 3));
        Assert.True(h.IsHermitian(1e-13));
        Assert.True(ComplexMatrix.MaxAbsDifference(h.ToDense(), RandomKLocal.Sample(2, n, k, ensemble, RandomKLocal.SampleSeed(7, 3)).ToDense()) == 0);
        Assert.True(ComplexMatrix.MaxAbsDifference(h.ToDense(), RandomKLocal.Sample(2, n, k, ensemble, RandomKLocal.SampleSeed(7, 4)).ToDense()) > 0.01);
        // k-locality: no weight in Pauli strings acting on more than k qubits
        var dense = h.ToDense();
        var heavy = 0.0;
        var light = 0.0;
        for (var code = 0; code < 1 << (2 * n); code++)
        {
            var factors = new List<(int, char)>();
            for (var s = 0; s < n; s++)
            {
                var p = "IXYZ"[code >> (2 * s) & 3];
                if (p != 'I') factors.Add((s, p));
            }
            var coefficient = factors.Count == 0
                ? dense.Trace().Magnitude
                : (new PauliSum(n).Add(1, [.. factors]).ToOperator().ToDense() * dense).Trace().Magnitude;
            if (factors.Count > k) heavy = Math.Max(heavy, coefficient);
            else light = Math.Max(light, coefficient);
        }
        Assert.True(heavy < 1e-12, $"weight on >k-body strings {heavy}");
        Assert.True(light > 0.1);
    }

    [Fact]
    public void Haar_log_terms_have_spectrum_in_minus_pi_pi_and_sample_seeds_differ()
    {
        var rng = new RandomMatrices(21);
        for (var s = 0; s < 20; s++)
        {
            var w = MatrixFunctions.EigvalsH(RandomKLocal.Term(8, KLocalEnsemble.HaarLog, rng));
            Assert.True(w[0] >= -Math.PI - 1e-12 && w[^1] <= Math.PI + 1e-12);
        }
        var seeds = Enumerable.Range(0, 10000).Select(i => RandomKLocal.SampleSeed(1, i)).ToHashSet();
        Assert.Equal(10000, seeds.Count);
        Assert.NotEqual(RandomKLocal.SampleSeed(1, 0), RandomKLocal.SampleSeed(2, 0));
        Assert.Throws<ResourceException>(() => RandomKLocal.Sample(2, 13, 2, KLocalEnsemble.Gue, 1));
    }
}
