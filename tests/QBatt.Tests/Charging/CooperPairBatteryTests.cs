using System.Numerics;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Charging;

/// <summary>
/// Cooper-pair-box batteries (R15) against hand-derived two-box dynamics, the closed-form advantages of
/// independent boxes and of disjoint sigma_x sigma_x pairs (R9-R11), T &gt;= T_QSL (R8) on every run, and
/// PRL Theorem 1's Gamma_C0 &lt; gamma k = pi for k = 2 on random instances.
/// </summary>
public class CooperPairBatteryTests
{
    /// <summary>max_t sin^2(t)/t, the one-box reference power (hand-derived, Newton on 2 t cos t = sin t).</summary>
    private static double FlipPower() => ConjectureAndSeparabilityTests.FlipPower();

    [Fact]
    public void Two_boxes_under_sigma_xx_follow_the_closed_form_and_give_gamma_2_sqrt2_2()
    {
        // H = J XX from |00>: psi(t) = cos(Jt)|00> - i sin(Jt)|11>, W(t) = 2 E sin^2(Jt).
        // C0: ||H|| = J; C1: Delta H = J; C2: <H> - h_g = 0 - (-J) = J. The reference sigma_x from |0> has 1, 1, 1,
        // so the budgets 2, sqrt 2, 2 give J = 2, sqrt 2, 2 and Gamma = J P*(shape) / P* = 2, sqrt 2, 2.
        const double j = 0.8, e = 1.5;
        var drive = CooperPairBoxes.Drive(2, 0, j, CooperCoupling.SigmaXX, CooperTopology.Pairs);
        var c = CooperPairBattery.Compare(drive, e);
        var run = c.Unscaled;
        for (var i = 0; i < run.Times.Count; i++)
            Assert.Equal(2 * e * Math.Pow(Math.Sin(j * run.Times[i]), 2), run.WorkSeries[i], 9);
        Assert.Equal(e * FlipPower(), c.Reference.AveragePower, 8);
        Assert.Equal(2, c.Get(ChargingConstraint.OperatorNorm).Gamma, 6);
        Assert.Equal(Math.Sqrt(2), c.Get(ChargingConstraint.EnergySpread).Gamma, 6);
        Assert.Equal(2, c.Get(ChargingConstraint.EnergyAboveGround).Gamma, 6);
        Assert.True(c.SpeedLimitHolds);
        // the fast path refines max W/t below its 1/(8 ||H||) grid by cubic Hermite interpolation: ~1e-6 relative
        Assert.Equal(2, CooperPairBattery.GammaOperatorNorm(drive), 5);
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(0.4, -2.1)]
    public void Two_boxes_with_gates_and_swap_follow_the_closed_form(double a, double j)
    {
        // H = a (X1 + X2) + J (XX + YY)/2 keeps the triplet; |A> = (|00> - |11>)/sqrt2 has energy 0, and
        // |S> = (|00> + |11>)/sqrt2, |T0> = (|01> + |10>)/sqrt2 form the block [[0, 2a], [2a, J]]. With
        // w = sqrt(J^2/4 + 4a^2): c_S = e^{-iJt/2} (cos wt + i (J/2w) sin wt), c_T = -i e^{-iJt/2} (2a/w) sin wt;
        // psi = (c_S |S> + |A> + c_T |T0>)/sqrt2, so p(T0) = |c_T|^2/2, p(11) = |c_S - 1|^2/4, W = E (p(T0) + 2 p(11)).
        const double e = 1;
        var drive = CooperPairBoxes.Drive(2, a, j, CooperCoupling.Swap, CooperTopology.Chain);
        var run = CooperPairBattery.RunToMaximumPower(drive, e);
        var w = Math.Sqrt(j * j / 4 + 4 * a * a);
        for (var i = 0; i < run.Times.Count; i++)
        {
            var t = run.Times[i];
            var phase = Complex.FromPolarCoordinates(1, -j * t / 2);
            var cs = phase * new Complex(Math.Cos(w * t), j / (2 * w) * Math.Sin(w * t));
            var ct = phase * new Complex(0, -2 * a / w * Math.Sin(w * t));
            var expected = e * (ct.Magnitude * ct.Magnitude / 2 + 2 * Math.Pow((cs - 1).Magnitude, 2) / 4);
            Assert.Equal(expected, run.WorkSeries[i], 9);
        }
        Assert.True(run.SpeedLimit.Holds);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Independent_gate_pulses_give_no_advantage_under_any_constraint(int n)
    {
        // a sum sigma_x^l from |0..0>: ||H|| = N a, Delta H = sqrt(N) a, <H> - h_g = N a: each budget gives a = 1, Gamma = 1.
        var c = CooperPairBattery.Compare(CooperPairBoxes.Drive(n, 0.6, 0, CooperCoupling.Swap, CooperTopology.Chain));
        foreach (var r in c.Results) Assert.Equal(1, r.Gamma, 6);
        Assert.True(c.SpeedLimitHolds);
    }

    [Fact]
    public void Disjoint_sigma_xx_pairs_reach_the_review_figure_2_for_every_even_n()
    {
        foreach (var n in new[] { 4, 6 })
        {
            var c = CooperPairBattery.Compare(CooperPairBoxes.Drive(n, 0, 1, CooperCoupling.SigmaXX, CooperTopology.Pairs));
            // closed form: J XX on disjoint pairs from |0..0> has ||H|| = J N/2 against N for the sigma_x reference, so Gamma_C0 = 2
            Assert.Equal(2, c.Get(ChargingConstraint.OperatorNorm).Gamma, 6);
            Assert.True(c.SpeedLimitHolds);
        }
    }

    [Fact]
    public void Random_two_body_instances_respect_theorem_1_and_both_routes_agree()
    {
        // seeded instances: gates and J_xx, J_yy, J_zz on all pairs, N = 3 and 4
        var bound = KLocalBounds.Theorem1(2);
        Assert.Equal(Math.PI, bound, 15);
        for (var s = 0; s < 6; s++)
        {
            var n = 3 + s % 2;
            var rng = new RandomMatrices(100 + s);
            var inst = new CooperInstance([.. Enumerable.Range(0, n).Select(_ => rng.Normal())],
                [.. CooperPairBoxes.Pairs(n, CooperTopology.AllToAll).Select(p => new PairCoupling(p.First, p.Second, rng.Normal(), rng.Normal(), rng.Normal()))]);
            var h = inst.ToOperator();
            var fast = CooperPairBattery.GammaOperatorNorm(h);
            Assert.InRange(fast, 0, bound);
            // Mandelstam-Tamm (R8): W(t) <= N E sin^2(||H|| t) with ||H|| = N, so Gamma_C0 <= N (fast path ~1e-6)
            Assert.InRange(fast, 0, n + 1e-5);
            if (s < 2)
            {
                // the full runner (grid, Hermite refinement, rescaling through Advantage.Compare) against the fast exact path
                var c = CooperPairBattery.Compare(h);
                Assert.Equal(fast, c.Get(ChargingConstraint.OperatorNorm).Gamma, 5);
                Assert.True(c.SpeedLimitHolds);
                foreach (var r in c.Results) Assert.InRange(r.Gamma, 0, bound);
            }
        }
    }

    [Fact]
    public void Search_is_seeded_and_its_best_instance_stays_below_pi()
    {
        var options = new CooperSearchOptions { Cells = 3, Samples = 6, RefineSteps = 6, Seed = 7 };
        var a = CooperPairBattery.Search(options);
        var b = CooperPairBattery.Search(options);
        Assert.Equal(a.BestGamma, b.BestGamma, 15);
        Assert.True(a.BestGamma >= a.RandomBest);
        Assert.Equal(a.SampleGammas.Max(), a.RandomBest, 15);
        Assert.InRange(a.BestGamma, 0, Math.PI); // PRL Theorem 1: gamma k = (pi/2) 2
        Assert.Equal(a.BestGamma, a.Comparison.Get(ChargingConstraint.OperatorNorm).Gamma, 5);
        Assert.True(a.Comparison.SpeedLimitHolds);
        Assert.Contains("'Cells'", Assert.Throws<ValidationException>(() => CooperPairBattery.Search(options with { Cells = 1 })).Message);
    }

    [Fact]
    public void Drives_that_do_not_fit_the_model_are_rejected()
    {
        Assert.Throws<DimensionMismatchException>(() => CooperPairBattery.Compare(Spin.Jx(1)));
        Assert.Contains("'drive'", Assert.Throws<ValidationException>(() => CooperPairBattery.GammaOperatorNorm(Operator.Zero(Dims.Uniform(2, 2)))).Message);
        // swap couplings alone never leave |00>: no work to compare
        Assert.Contains("'drive'", Assert.Throws<ValidationException>(() => CooperPairBattery.Compare(CooperPairBoxes.Drive(2, 0, 1, CooperCoupling.Swap, CooperTopology.Chain))).Message);
    }
}
