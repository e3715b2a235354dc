using System.Numerics;
using QBatt.Charging;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Charging;

/// <summary>R5: the entanglement-free extraction planner and verifier.</summary>
public class EntanglementFreeExtractionTests
{
    [Fact]
    public void Rev_two_copy_example_is_separable_throughout_and_the_direct_route_entangles()
    {
        // Rev 'Work extraction and indirect path': levels E1 < E2 < E3 with E1 + E3 < 2 E2, rho = p|2> + (1-p)|3>
        // (0-based here: populations on levels 1 and 2), p in (0, 1/2), two copies
        const double p = 0.3;
        double[] levels = [0, 0.579, 1];
        var plan = EntanglementFreeExtraction.PlanForCopies([0, p, 1 - p], levels, 2);
        var v = EntanglementFreeExtraction.Verify(plan);
        var f = plan.FinalPopulations;
        Assert.Equal((1 - p) * (1 - p), f[0]);                       // |00>
        Assert.Equal(p * (1 - p), f[1]);                             // |01>
        Assert.Equal(p * (1 - p), f[3]);                             // |10>
        Assert.Equal(p * p, f[2] + f[6]);                            // |02> or |20>: degenerate, either
        Assert.True(v.FinalIsPassive);
        Assert.Equal(0, v.MaxShellDeviation);
        Assert.InRange(v.FinalEnergy - v.PassiveEnergy, -1e-15, 1e-15);
        Assert.True(v.SeparableThroughout);
        Assert.True(v.MinPptEigenvalue >= -1e-15);
        Assert.All(plan.Transpositions, t => Assert.Equal(2 * t.Distance - 1, t.StepCount));
        Assert.Equal(plan.Transpositions.Sum(t => t.StepCount), plan.Steps.Count);
        Assert.NotNull(v.Direct);
        Assert.True(v.DirectRouteEntangles);
        // the reported direct-route eigenvalue, recomputed densely on that state
        var state = EntanglementFreeExtraction.StateDuringDirectTransposition(plan, v.Direct!.Transposition, v.Direct.Angle);
        var dense = new DensityMatrix(state.ToMatrix(), plan.Dims);
        Assert.InRange(Entanglement.MinOverBipartitions(dense).MinEigenvalue - v.Direct.MinPptEigenvalue, -1e-14, 1e-14);
        Assert.True(v.Direct.MinPptEigenvalue < -0.1);
    }

    public static IEnumerable<object[]> ProductCases()
    {
        yield return [2, 2, 1];
        yield return [2, 3, 2];
        yield return [2, 6, 3];
        yield return [3, 2, 4];
        yield return [3, 3, 5];
        yield return [4, 2, 6];
        yield return [4, 3, 7];
        yield return [5, 2, 8];
    }

    [Theory]
    [MemberData(nameof(ProductCases))]
    public void Random_product_states_reach_the_passive_state_with_single_cell_steps(int d, int n, int seed)
    {
        var rng = new RandomMatrices(seed);
        var p = rng.Probabilities(d);
        var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
        var plan = EntanglementFreeExtraction.PlanForCopies(p, e, n);
        CheckPlan(plan, n * EnergyScale(e));
    }

    [Fact]
    public void Random_correlated_diagonal_states_with_degenerate_levels()
    {
        var rng = new RandomMatrices(77);
        foreach (var (d, n) in new[] { (2, 3), (3, 2), (2, 4), (3, 3) })
        {
            var dim = (int)Math.Pow(d, n);
            var pops = rng.Probabilities(dim);
            for (var i = 0; i < dim; i += 3) pops[i] = 0; // zeros and ties
            var s = pops.Sum();
            pops = pops.Select(x => x / s).ToArray();
            var e = d == 2 ? new[] { 0.0, 1.0 } : new[] { 0.0, 0.5, 1.0 }; // many degenerate n-cell energies
            CheckPlan(EntanglementFreeExtraction.Plan(pops, e, n), n);
        }
    }

    private static double EnergyScale(double[] e) => 1 + e.Max(Math.Abs);

    private static void CheckPlan(ExtractionPlan plan, double scale)
    {
        var v = EntanglementFreeExtraction.Verify(plan);
        var (probs, energies) = (plan.FinalPopulations.ToArray(), plan.Energies.ToArray());
        // oracle: pairwise passivity of the final populations and preserved multiset of populations
        Assert.True(BruteForceWork.IsPassivePairwise(probs, energies, 1e-9, 0));
        Assert.Equal(plan.InitialPopulations.Order(), plan.FinalPopulations.Order());
        Assert.True(v.FinalIsPassive);
        Assert.InRange(v.FinalEnergy - v.PassiveEnergy, -1e-13 * scale, 1e-13 * scale);
        var sorted = Ergotropy.PassiveEnergy(plan.InitialPopulations.ToArray(), energies);
        Assert.InRange(v.PassiveEnergy - sorted, -1e-13 * scale, 1e-13 * scale);
        Assert.True(v.SeparableThroughout, $"min PPT eigenvalue {v.MinPptEigenvalue}");
        foreach (var s in plan.Steps)
        {
            var a = plan.Levels(s.From);
            var b = plan.Levels(s.To);
            Assert.Equal(1, a.Zip(b).Count(x => x.First != x.Second));
            Assert.Equal(s.FromLevel, a[s.Cell]);
            Assert.Equal(s.ToLevel, b[s.Cell]);
        }
        Assert.Equal(plan.Transpositions.Sum(t => 2 * t.Distance - 1), plan.Steps.Count);
    }

    [Fact]
    public void Sampled_states_checked_densely_for_small_sizes()
    {
        // oracle: the dense state U(theta) rho_before U(theta)^dag and the dense PPT test, for every step
        var plan = EntanglementFreeExtraction.PlanForCopies([0.1, 0.3, 0.6], [0, 0.4, 1], 2);
        for (var k = 0; k < plan.Steps.Count; k++)
        {
            var s = plan.Steps[k];
            var before = DensityMatrix.Diagonal(plan.PopulationsBeforeStep(k), plan.Dims);
            foreach (var theta in new[] { 0.3, Math.PI / 4, 1.2 })
            {
                var u = ComplexMatrix.Identity(9);
                u[s.From, s.From] = Math.Cos(theta);
                u[s.To, s.To] = Math.Cos(theta);
                u[s.From, s.To] = -Math.Sin(theta);
                u[s.To, s.From] = Math.Sin(theta);
                var dense = before.Transform(u);
                var sparse = EntanglementFreeExtraction.StateDuringStep(plan, k, theta);
                Assert.True(ComplexMatrix.MaxAbsDifference(dense.ToMatrix(), sparse.ToMatrix()) < 1e-15);
                Assert.InRange(Entanglement.MinOverBipartitions(dense).MinEigenvalue - sparse.MinOverBipartitions().MinEigenvalue, -1e-14, 1e-14);
                Assert.True(Entanglement.IsPpt(dense, [1]));
            }
        }
    }

    [Fact]
    public void Twelve_qubits_dimension_4096()
    {
        var plan = EntanglementFreeExtraction.PlanForCopies([0.3, 0.7], [0, 1], 12);
        var v = EntanglementFreeExtraction.Verify(plan, new ExtractionVerificationOptions { SamplesPerStep = 1 });
        Assert.True(v.FinalIsPassive);
        Assert.True(v.SeparableThroughout);
        Assert.Equal(2047, v.Bipartitions);
        Assert.True(v.DirectRouteEntangles);
        Assert.InRange(v.FinalEnergy - v.PassiveEnergy, -1e-12, 1e-12);
    }

    [Fact]
    public void Passive_input_needs_no_steps()
    {
        var plan = EntanglementFreeExtraction.PlanForCopies(Gibbs.Populations([0, 0.3, 1], 0.9), [0, 0.3, 1], 3);
        Assert.Empty(plan.Steps);
        var v = EntanglementFreeExtraction.Verify(plan);
        Assert.True(v.FinalIsPassive);
        Assert.Null(v.Direct);
        Assert.False(v.DirectRouteEntangles);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<DimensionMismatchException>(() => EntanglementFreeExtraction.Plan([0.5, 0.5], [0, 1], 2));
        Assert.Throws<ValidationException>(() => EntanglementFreeExtraction.PlanForCopies([0.5, 0.5], [0, 1], 0));
        Assert.Throws<ResourceException>(() => EntanglementFreeExtraction.PlanForCopies([0.5, 0.5], [0, 1], 17));
        Assert.Throws<ValidationException>(() => EntanglementFreeExtraction.PlanForCopies([0.5, 0.6], [0, 1], 2));
        Assert.Throws<DimensionMismatchException>(() => EntanglementFreeExtraction.PlanForCopies([0.5, 0.5], [0, 1, 2], 2));
    }
}
