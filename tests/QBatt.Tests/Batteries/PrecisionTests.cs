using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Models;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Batteries;

/// <summary>The precision contract of refined values (R7, R10): charging times and thresholds to 1e-8 against closed forms.</summary>
public class PrecisionTests
{
    /// <summary>argmax sin^2(t)/t: the root of tan t = 2 t in (0, pi/2), by Newton on f(t) = sin 2t - ... written out here.</summary>
    private static double FlipChargingTime()
    {
        var t = 1.1;
        for (var i = 0; i < 60; i++)
        {
            // g(t) = 2 t cos t - sin t (zero where tan t = 2t), g'(t) = cos t - 2 t sin t
            var g = 2 * t * Math.Cos(t) - Math.Sin(t);
            t -= g / (Math.Cos(t) - 2 * t * Math.Sin(t));
        }
        return t;
    }

    [Fact]
    public void Cooper_reference_charging_time_is_the_closed_form_to_1e_8()
    {
        // one box under sigma_x from |0>: W(t) = E sin^2 t, so the charging time solves tan t = 2 t (R7)
        var reference = CooperPairBattery.Reference().Run();
        var t = FlipChargingTime();
        Assert.InRange(reference.ChargingTime - t, -1e-8, 1e-8);
        Assert.InRange(reference.AveragePower - Math.Pow(Math.Sin(t), 2) / t, -1e-9, 1e-9);
        Assert.True(reference.MaximumPower!.TimeError < 1e-8);
        // and through the CLI: t_parallel of the reference object
        var doc = CliRunner.Json(CliRunner.Run("cooper", "--cells", "2", "--json"));
        Assert.InRange((double)doc["reference"]!["charging_time"]! - t, -1e-8, 1e-8);
    }

    [Fact]
    public void Grid_charging_times_are_refined_from_the_dynamics_on_a_coarse_grid()
    {
        // the independent spin of R13 on a grid of spacing 0.5: W = B (1 - cos 2 omega t), x* solves x sin x = 1 - cos x
        var chain = new SpinChain(3, 1, 0.1, -1, 1);
        var curve = SpinChainBattery.IndependentCurve(chain, TimeGrid.Uniform(3, 6));
        var x = 2.3;
        for (var i = 0; i < 60; i++) x -= (x * Math.Sin(x) - 1 + Math.Cos(x)) / (x * Math.Cos(x));
        Assert.InRange(curve.ChargingTime - x / 2, -1e-8, 1e-8);
        Assert.InRange(curve.MaxPower - 3 * 2 * (1 - Math.Cos(x)) / x, -1e-8, 1e-8);
        Assert.Equal("dynamics", curve.Maximum.Method);
    }

    [Fact]
    public void Separable_ball_ppt_threshold_is_ln_1_plus_sqrt_2_to_1e_8()
    {
        // two qubits (PRL Proposition 1): the trajectory stays PPT iff p01 >= (p00 - p11)/2, i.e. eps <= ln(1 + sqrt 2)
        var doc = CliRunner.Json(CliRunner.Run("separable-ball", "--cells", "2", "--json"));
        Assert.InRange((double)doc["ppt_threshold_eps"]! - Math.Log(1 + Math.Sqrt(2)), -1e-8, 1e-8);
        Assert.InRange((double)doc["ppt_threshold_eps_error"]!, 0, 1e-8);
    }
}
