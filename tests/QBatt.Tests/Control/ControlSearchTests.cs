using QBatt.Batteries;
using QBatt.Control;
using QBatt.Models;
using QBatt.Charging;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Control;

/// <summary>
/// Searches over the duration and the further models of R17 against closed forms written here. One qubit under |u| &lt;= u_max
/// (W*(T) = sin^2(u_max T) up to the pi time): the shortest time to deposit E is arcsin(sqrt E) / u_max, and W*(T)/T is largest at
/// T = x* / u_max with x* the root of tan x = 2x. The spin chain with g = 0 is n independent spins: from all down, the field
/// omega(t) sum sigma_x at |omega| &lt;= u_max deposits at most 2 B n at T = pi / (2 u_max). The ergotropy objective of a pure closed
/// evolution is W(T) + e(0) - e_min, so its pulse deposits what the energy objective's does.
/// </summary>
public class ControlSearchTests
{
    private static double TanRoot()
    {
        var x = 1.16;
        for (var i = 0; i < 50; i++) x -= (Math.Tan(x) - 2 * x) / (1 / (Math.Cos(x) * Math.Cos(x)) - 2);
        return x;
    }

    [Fact]
    public void The_shortest_time_of_one_qubit_is_arcsin_sqrt_E_over_u_max()
    {
        const double umax = 2, target = 0.3;
        var problem = ControlModels.Cells(1, 2, 1, null, new ControlModels.Settings(Math.PI / (2 * umax), 8, umax, ControlObjective.Energy));
        var r = ControlSearch.ShortestTime(problem, target, new ControlOptions { Restarts = 2, Seed = 3 });
        var exact = Math.Asin(Math.Sqrt(target)) / umax;
        Assert.InRange(r.Time - exact, -1e-12, 2e-4 * exact);
        Assert.InRange(r.TimeError, 0, 1e-4 * r.Time);
        Assert.True(r.Result.Work >= target, $"W = {r.Result.Work}");
        Assert.Equal(r.Time, r.Result.Problem.Duration, 15);
    }

    [Fact]
    public void The_largest_power_of_one_qubit_is_at_x_star_over_u_max()
    {
        const double umax = 0.5;
        var problem = ControlModels.Cells(1, 2, 1, null, new ControlModels.Settings(1, 8, umax, ControlObjective.Power));
        var r = ControlSearch.MaximumPower(problem, 4 * Math.PI / (2 * umax), new ControlOptions { Restarts = 2, Seed = 5 });
        var x = TanRoot();
        Assert.InRange(Math.Abs(r.Time - x / umax), 0, 2e-4 * x / umax);
        Assert.Equal(umax * Math.Pow(Math.Sin(x), 2) / x, r.Result.AveragePower, 1e-7);
    }

    [Fact]
    public void An_independent_chain_under_a_bounded_field_deposits_2_B_n()
    {
        const double umax = 0.8, field = 0.7;
        var problem = ControlModels.Chain(new SpinChain(3, field, 0), new ControlModels.Settings(Math.PI / (2 * umax), 10, umax, ControlObjective.Energy));
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 2 });
        Assert.Equal(2 * field * 3, r.Work, 1e-8);
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        Assert.InRange(r.WorkDiscrepancy, 0, 1e-9);
    }

    [Fact]
    public void An_interacting_chain_does_at_least_as_well_as_the_constant_field()
    {
        // the constant field omega = u_max over [0, T] is one admissible pulse: the optimum cannot deposit less than the chain
        // battery's own charging (SpinChainBattery, the pipeline) at that T
        const double umax = 1, t = 1.2;
        var chain = new SpinChain(4, 1, 0.4, 0.5, umax);
        var constant = new SpinChainBattery(chain, new SpinChainChargingOptions { TimeWindow = t, Steps = 2, Route = SpinChainRoute.Full }).Charge();
        var problem = ControlModels.Chain(chain, new ControlModels.Settings(t, 12, umax, ControlObjective.Energy));
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 4 });
        Assert.True(r.Work >= constant.Energy[^1] - constant.Energy[0] - 1e-9, $"optimum {r.Work} below the constant field's {constant.Energy[^1] - constant.Energy[0]}");
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
    }

    [Fact]
    public void The_ergotropy_objective_finds_the_energy_objective_pulse()
    {
        var settings = new ControlModels.Settings(1.0, 10, 1, ControlObjective.Energy);
        var energy = ControlOptimizer.Optimize(ControlModels.Cells(2, 2, 2, null, settings), new ControlOptions { Restarts = 2, Seed = 9 });
        var ergotropy = ControlOptimizer.Optimize(ControlModels.Cells(2, 2, 2, null, settings with { Objective = ControlObjective.Ergotropy }), new ControlOptions { Restarts = 2, Seed = 9 });
        Assert.Equal(energy.Work, ergotropy.Work, 1e-9);
    }

    [Theory]
    [InlineData("--target", "optimize --cells 1 --objective time")]
    [InlineData("--target", "optimize --cells 1 --objective time --target 1.5")]
    [InlineData("--target", "optimize --cells 1 --target 0.5")]
    [InlineData("--objective", "optimize --cells 2 --constraint c0 --objective max-power")]
    [InlineData("--b", "optimize --cells 2 --b 0.5")]
    [InlineData("--cells", "optimize --model chain --cells 11")]
    [InlineData("--b", "optimize --model chain --cells 2 --b 0")]
    public void Bad_input_is_refused_in_one_line_naming_the_option(string option, string line) =>
        CliRunner.AssertRefused(line, option);

    [Fact]
    public void Cells_under_C0_report_the_bounds_of_Theorems_1_and_2()
    {
        // blocks of k = 2 and flips: every cell is in one block and one flip, m = 2, so gamma k = pi and gamma (k^2 + k) = 3 pi
        var r = CliRunner.Run("optimize", "--cells", "4", "--k", "2", "--constraint", "c0", "--slices", "4", "--restarts", "1", "--json");
        Assert.True(r.Code == 0, r.Err);
        var o = System.Text.Json.Nodes.JsonNode.Parse(r.Out)!;
        Assert.Equal(2, (int)o["participation_number"]!);
        Assert.Equal(Math.PI, (double)o["prl_bound_theorem1"]!, 12);
        Assert.Equal(3 * Math.PI, (double)o["prl_bound_theorem2"]!, 12);
        Assert.InRange((double)o["gamma"]!, 0, Math.PI);
    }

    [Fact]
    public void Smooth_controls_reach_the_pi_pulse_with_a_smooth_pulse_and_exact_gradients()
    {
        // one qubit at T = pi/(2 u_max): W = 1 needs u = +-u_max throughout, the phase c_0 = +-pi/2 (T_0 = 1) of the smooth basis
        const double umax = 0.9;
        var problem = ControlModels.Cells(1, 2, 1, null, new ControlModels.Settings(Math.PI / (2 * umax), 60, umax, ControlObjective.Energy));
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 8, SmoothModes = 4 });
        Assert.InRange(1 - r.Work, 0, 1e-8);
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        Assert.InRange(r.WorkDiscrepancy, 0, 1e-9);
        // at a T where the optimum is not at the bound (two cells, blocks and flips, a drift-free problem) the pulse stays smooth
        var two = ControlModels.Cells(2, 2, 2, null, new ControlModels.Settings(1.0, 80, 1, ControlObjective.Energy));
        var s = ControlOptimizer.Optimize(two, new ControlOptions { Restarts = 2, Seed = 8, SmoothModes = 3 });
        Assert.InRange(s.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        foreach (var u in s.Pulse.Amplitudes)
        {
            Assert.All(u, a => Assert.InRange(Math.Abs(a), 0, 1 + 1e-15));
            for (var j = 1; j < u.Length; j++) Assert.InRange(Math.Abs(u[j] - u[j - 1]), 0, 0.2);
        }
        Assert.InRange(s.WorkDiscrepancy, 0, 1e-9);
    }

    [Fact]
    public void Too_many_smooth_modes_are_refused()
    {
        var r = CliRunner.Run("optimize", "--cells", "1", "--slices", "4", "--smooth", "5");
        Assert.Equal(2, r.Code);
        Assert.StartsWith("qbatt optimize: --smooth: expected at most as many modes as slices (4), got 5", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cooper_pair_boxes_under_C0_reach_Gamma_2_with_the_xx_coupling_and_1_with_gates()
    {
        // sigma_x sigma_x on a disjoint pair takes |00> to |11> as R11's k = 2 block does: Gamma_C0 = 2; gates are one-body: Gamma = 1
        var settings = new ControlModels.Settings(2.0, 8, 1, ControlObjective.Power, QBatt.Charging.ChargingConstraint.OperatorNorm);
        var options = new ControlOptions { Restarts = 2, Seed = 6 };
        var xx = ControlOptimizer.Optimize(ControlModels.Cooper(2, CooperCoupling.SigmaXX, CooperTopology.Pairs, ["couplings"], settings), options);
        Assert.Equal(2, xx.Gamma, 1e-6);
        var gates = ControlOptimizer.Optimize(ControlModels.Cooper(2, CooperCoupling.SigmaXX, CooperTopology.Pairs, ["gates"], settings), options);
        Assert.Equal(1, gates.Gamma, 1e-6);
        var all = ControlOptimizer.Optimize(ControlModels.Cooper(4, CooperCoupling.SigmaXX, CooperTopology.Pairs, null, settings), options);
        Assert.InRange(all.Gamma, 2 - 1e-3, Math.PI);
        Assert.InRange(all.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        // the swap coupling conserves the number of pairs: alone it cannot charge |0..0>
        var swap = ControlOptimizer.Optimize(ControlModels.Cooper(2, CooperCoupling.Swap, CooperTopology.Pairs, ["couplings"], settings with { Constraint = null, Objective = ControlObjective.Energy }), options);
        Assert.InRange(swap.Work, -1e-12, 1e-12);
    }
}
