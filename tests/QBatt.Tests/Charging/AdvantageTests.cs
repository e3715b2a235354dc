using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Charging;

/// <summary>
/// The fair comparison (R9) against the hand-derived advantages. Proposition 1 (R10): H_glob = a sigma_x^(x)N
/// squares to a^2, so exp(-i a t sigma_x^(x)N) = cos(at) - i sin(at) sigma_x^(x)N flips every cell at
/// a t = pi/2; in the diagonal thermal states &lt;sigma_x^(x)N&gt; = 0 and &lt;(sigma_x^(x)N)^2&gt; = 1 along the
/// way, so ||H|| = Delta H = &lt;H&gt; - h_g = a. The reference sigma_x on one cell gives 1, 1, 1 and
/// T_par = pi/2; N copies allow C0 = N, C1 = sqrt(N), C2 = N, hence a = Gamma = N, sqrt(N), N. The disjoint
/// blocks of R11 (s = N/k blocks) give ||H|| = c s, Delta H = c sqrt(s), &lt;H&gt; - h_g = c s: Gamma = k, sqrt(k), k.
/// </summary>
public class AdvantageTests
{
    private static void AssertFair(AdvantageResult a, double expected)
    {
        Assert.InRange(Math.Abs(a.Gamma - expected), 0, 1e-8 * expected);
        Assert.InRange(Math.Abs(a.Scale - expected), 0, 1e-8 * expected);          // Gamma = a for these drives
        Assert.InRange(Math.Abs(a.CollectiveTime - Math.PI / (2 * expected)), 0, 1e-9);
        Assert.InRange(Math.Abs(a.ParallelTime - Math.PI / 2), 0, 1e-9);
        Assert.InRange(Math.Abs(a.ParallelTime / a.CollectiveTime - a.Gamma), 0, 1e-8 * expected); // equal work: Gamma = T_par / T_coll
        Assert.InRange(a.WorkMismatch, 0, 1e-8);
        Assert.InRange(Math.Abs(a.Collective.Constraints.Get(a.Constraint) - a.Budget), 0, 1e-6 * a.Budget);
        Assert.True(a.Collective.SpeedLimit.Holds);
        Assert.True(a.CollectiveUnscaled.SpeedLimit.Holds);
        Assert.True(a.Reference.SpeedLimit.Holds);
    }

    [Theory]
    [InlineData(2, 0.3)]
    [InlineData(3, 2.0)]
    [InlineData(4, 0.05)]
    public void Proposition_1_gives_n_sqrt_n_and_n(int n, double eps)
    {
        var reference = QuditArrayBattery.ThermalFlip(eps).Run();
        var collective = QuditArrayBattery.ThermalBlocks(n, n, eps).Run();
        // unscaled: every functional equals a = 1 on both; work tanh(eps/2) per cell
        foreach (var r in new[] { reference, collective })
        {
            Assert.InRange(Math.Abs(r.Constraints.OperatorNorm - 1), 0, 1e-12);
            Assert.InRange(Math.Abs(r.Constraints.EnergySpread - 1), 0, 1e-8);
            Assert.InRange(Math.Abs(r.Constraints.EnergyAboveGround - 1), 0, 1e-8);
            Assert.InRange(Math.Abs(r.ChargingTime - Math.PI / 2), 0, 1e-9);
        }
        Assert.InRange(Math.Abs(reference.Work - Math.Tanh(eps / 2)), 0, 1e-10);
        Assert.InRange(Math.Abs(collective.Work - n * Math.Tanh(eps / 2)), 0, 1e-9);
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.OperatorNorm), n);
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.EnergySpread), Math.Sqrt(n));
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.EnergyAboveGround), n);
    }

    [Theory]
    [InlineData(2, 4, 2)]
    [InlineData(3, 4, 2)]
    [InlineData(2, 6, 3)]
    [InlineData(2, 4, 4)]
    [InlineData(3, 4, 1)]
    public void Disjoint_blocks_give_k_sqrt_k_and_k(int d, int n, int k)
    {
        var reference = QuditArrayBattery.CellFlip(d).Run();
        var collective = QuditArrayBattery.Blocks(d, n, k).Run();
        // PRL after Theorem 1 (R11), written here: Gamma_C0 = k, Gamma_C1 = sqrt(k), Gamma_C2 = k
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.OperatorNorm), k);
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.EnergySpread), Math.Sqrt(k));
        AssertFair(Advantage.Compare(collective, reference, n, ChargingConstraint.EnergyAboveGround), k);
    }

    [Fact]
    public void Global_against_parallel_under_c0_is_n_for_qutrits()
    {
        const int n = 5;
        var a = Advantage.Compare(QuditArrayBattery.Global(3, n), QuditArrayBattery.CellFlip(3), n, ChargingConstraint.OperatorNorm);
        AssertFair(a, n);
        Assert.InRange(Math.Abs(a.CollectiveWork - 2 * n), 0, 1e-8);
    }

    [Fact]
    public void Budgets_and_refusals()
    {
        Assert.Equal(9, ChargingConstraint.OperatorNorm.Budget(1, 9));
        Assert.Equal(3, ChargingConstraint.EnergySpread.Budget(1, 9));
        Assert.Equal(4.5, ChargingConstraint.EnergyAboveGround.Budget(0.5, 9));
        Assert.Equal(ChargingConstraint.EnergySpread, ChargingConstraints.Parse("C1"));
        Assert.Equal("C2", ChargingConstraint.EnergyAboveGround.Label());
        Assert.Contains("'constraint'", Assert.Throws<ValidationException>(() => ChargingConstraints.Parse("c3")).Message);
        Assert.Contains("'copies'", Assert.Throws<ValidationException>(() => Advantage.Compare(QuditArrayBattery.CellFlip(2), QuditArrayBattery.CellFlip(2), 0, ChargingConstraint.OperatorNorm)).Message);
    }
}
