using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>R2, R4: passivity, complete passivity and the number of copies at which passivity breaks.</summary>
public class PassivityTests
{
    private static readonly double[] Fig3Levels = [0, 0.579, 1];
    private static readonly double[] Fig3Populations = [0.538 / 0.999, 0.237 / 0.999, 0.224 / 0.999];

    [Fact]
    public void Diagonal_passivity_by_hand()
    {
        Assert.True(Passivity.IsPassive([0.5, 0.3, 0.2], [0, 1, 2]));
        Assert.False(Passivity.IsPassive([0.3, 0.5, 0.2], [0, 1, 2]));
        Assert.True(Passivity.IsPassive([0.3, 0.5, 0.2], [0, 0, 2]));   // any order inside a degenerate level
        Assert.True(Passivity.IsPassive([0.2, 0.3, 0.5], [2, 1, 0]));   // levels in any order
        Assert.True(Passivity.IsPassive([1.0], [3]));
        Assert.True(Passivity.IsPassive([0.4, 0.4 + 5e-11, 0.2], [0, 1, 2])); // inside the tolerance
    }

    [Fact]
    public void A_state_must_commute_with_H0_to_be_passive()
    {
        var h = Qudit.Hamiltonian([0, 1, 2]);
        var coherentAcross = ComplexMatrix.FromRows(new Complex[,] { { 0.6, 0.1, 0 }, { 0.1, 0.3, 0 }, { 0, 0, 0.1 } });
        Assert.False(Passivity.IsPassive(new DensityMatrix(coherentAcross), h));
        // a coherence inside a degenerate eigenspace is allowed, with the block's eigenvalues ordered
        var hd = Qudit.Hamiltonian([0, 0, 1]);
        var coherentInside = ComplexMatrix.FromRows(new Complex[,] { { 0.45, 0.1, 0 }, { 0.1, 0.45, 0 }, { 0, 0, 0.1 } });
        Assert.True(Passivity.IsPassive(new DensityMatrix(coherentInside), hd));
        // block eigenvalues 0.55 and 0.35 >= 0.1 above; with the top level at 0.4 it is not passive
        var inverted = ComplexMatrix.FromRows(new Complex[,] { { 0.3, 0.1, 0 }, { 0.1, 0.3, 0 }, { 0, 0, 0.4 } });
        Assert.False(Passivity.IsPassive(new DensityMatrix(inverted), hd));
    }

    [Fact]
    public void Gibbs_states_of_random_hamiltonians_are_passive_and_completely_passive()
    {
        var rng = new RandomMatrices(12);
        for (var t = 0; t < 20; t++)
        {
            var h = Operator.FromDense(rng.Hermitian(2 + t % 5));
            var beta = 3 * rng.Uniform();
            var omega = Gibbs.State(h, beta);
            Assert.True(Passivity.IsPassive(omega, h));
            Assert.True(Passivity.IsCompletelyPassive(omega, h));
            Assert.Null(Passivity.SmallestNonPassiveCopies(omega, h, 64));
            Assert.True(Passivity.CopiesArePassive(omega, h, 5)); // by type classes, independent of the thermal test
            Assert.InRange(Ergotropy.Compute(omega, h).Value, -1e-12, 1e-12);
        }
    }

    [Fact]
    public void Every_passive_qubit_state_is_thermal()
    {
        var rng = new RandomMatrices(13);
        for (var t = 0; t < 20; t++)
        {
            var p = rng.Uniform() * 0.5;
            Assert.True(Passivity.IsCompletelyPassive([1 - p, p], [0, 0.3 + rng.Uniform()]));
        }
    }

    [Fact]
    public void Complete_passivity_edge_cases()
    {
        Assert.True(Passivity.IsCompletelyPassive([0.7, 0.3, 0], [0, 0, 1]));      // on the ground eigenspace (b = infinity)
        Assert.True(Passivity.IsCompletelyPassive([0.2, 0.5, 0.3], [1, 1, 1]));    // H0 proportional to 1
        Assert.False(Passivity.IsCompletelyPassive([0.6, 0.4, 0], [0, 1, 2]));     // an empty level above a populated excited one
        Assert.False(Passivity.IsCompletelyPassive([0.5, 0.3, 0.2], [0, 0, 1]));   // unequal inside a degenerate eigenspace
        Assert.False(Passivity.IsCompletelyPassive(Fig3Populations, Fig3Levels));
        Assert.True(Passivity.IsCompletelyPassive(Gibbs.Populations([0, 1, 1, 2.5], 0.8), [0, 1, 1, 2.5]));
        Assert.True(Passivity.IsCompletelyPassive([0.25, 0.25, 0.25, 0.25], [0, 1, 2, 3])); // b = 0
    }

    public static IEnumerable<object[]> CopyCases()
    {
        yield return [Fig3Populations, Fig3Levels, 6];
        yield return [new[] { 0.6, 0.4, 0.0 }, new[] { 0.0, 1.0, 2.0 }, 6];
        yield return [new[] { 0.5, 0.3, 0.2 }, new[] { 0.0, 0.0, 1.0 }, 6];
        yield return [new[] { 0.5, 0.3, 0.2 }, new[] { 0.0, 1.0, 1.5 }, 6];
        yield return [new[] { 0.4, 0.3, 0.2, 0.1 }, new[] { 0.0, 0.2, 1.0, 1.1 }, 5];
        yield return [new[] { 0.3, 0.5, 0.2 }, new[] { 0.0, 1.0, 2.0 }, 3];          // not passive at all
        yield return [Gibbs.Populations([0, 0.7, 1.9], 1.1), new[] { 0.0, 0.7, 1.9 }, 6];
    }

    [Theory]
    [MemberData(nameof(CopyCases))]
    public void Copies_passivity_by_type_classes_equals_the_pairwise_check(double[] p, double[] e, int maxN)
    {
        // oracle: all pairs of the d^n product states (quadratic, small n only)
        for (var n = 1; n <= maxN; n++)
        {
            var (probs, energies) = BruteForceWork.ProductStates(p, e, n);
            var expected = BruteForceWork.IsPassivePairwise(probs, energies, 1e-9, 1e-9);
            Assert.Equal(expected, Passivity.CopiesArePassive(p, e, n));
        }
    }

    [Fact]
    public void Rev_fig3_state_stops_being_passive_at_three_copies()
    {
        Assert.True(Passivity.CopiesArePassive(Fig3Populations, Fig3Levels, 2));
        Assert.False(Passivity.CopiesArePassive(Fig3Populations, Fig3Levels, 3));
        Assert.Equal(3, Passivity.SmallestNonPassiveCopies(Fig3Populations, Fig3Levels, 1000));
        Assert.Equal(1, Passivity.SmallestNonPassiveCopies([0.3, 0.5, 0.2], [0, 1, 2], 1000));
        Assert.Null(Passivity.SmallestNonPassiveCopies(Fig3Populations, Fig3Levels, 2));
    }

    [Fact]
    public void Smallest_non_passive_n_agrees_with_a_linear_scan_for_near_thermal_states()
    {
        // states close to a Gibbs state break late; the doubling/bisection answer must equal the first n that fails
        double[] e = [0, 0.45, 1];
        var g = Gibbs.Populations(e, 1.2);
        foreach (var delta in new[] { 0.02, 0.005, 0.001 })
        {
            double[] p = [g[0], g[1] + delta, g[2] - delta];
            int? scan = null;
            for (var n = 1; n <= 400 && scan is null; n++)
                if (!Passivity.CopiesArePassive(p, e, n)) scan = n;
            Assert.NotNull(scan);
            Assert.Equal(scan, Passivity.SmallestNonPassiveCopies(p, e, 400));
        }
    }

    [Fact]
    public void Thermal_states_stay_passive_for_many_copies()
    {
        var rng = new RandomMatrices(14);
        for (var t = 0; t < 6; t++)
        {
            var e = Enumerable.Range(0, 3 + t % 2).Select(_ => rng.Normal()).ToArray();
            var p = Gibbs.Populations(e, 2 * rng.Uniform());
            foreach (var n in new[] { 2, 17, 150 })
                Assert.True(Passivity.CopiesArePassive(p, e, n), $"case {t}, n = {n}");
        }
    }

    [Fact]
    public void Density_matrix_forms_agree_with_the_diagonal_forms()
    {
        var v = new RandomMatrices(15).HaarUnitary(3);
        var rho = new DensityMatrix(RandomCell.Sandwich(v, Fig3Populations));
        var h = Operator.FromDense(RandomCell.Sandwich(v, Fig3Levels));
        Assert.True(Passivity.IsPassive(rho, h, tolerance: 1e-9));
        Assert.False(Passivity.IsCompletelyPassive(rho, h, tolerance: 1e-9));
        Assert.True(Passivity.CopiesArePassive(rho, h, 2, tolerance: 1e-9));
        Assert.Equal(3, Passivity.SmallestNonPassiveCopies(rho, h, 100, tolerance: 1e-9));
        var notPassive = new DensityMatrix(RandomCell.Sandwich(v, [0.2, 0.3, 0.5]));
        Assert.False(Passivity.CopiesArePassive(notPassive, h, 4));
    }
}
