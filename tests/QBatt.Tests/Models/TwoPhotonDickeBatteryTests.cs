using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Models;

/// <summary>
/// The two-photon Dicke battery (R19, [Cre20]) against oracles written here: the Hamiltonian built entry by entry from its
/// definition (a^2 |n&gt; = sqrt(n (n - 1)) |n - 2&gt;, J_+ |j, m&gt; = sqrt(j (j + 1) - m (m + 1)) |j, m + 1&gt;) and propagated by its
/// dense eigendecomposition; the rotating-wave limit of one cell at resonance, E_B = wa sin^2(wc g t / sqrt 2); the spectral
/// collapse at |g| N = 1; the converged cutoff against a larger one.
/// </summary>
public class TwoPhotonDickeBatteryTests
{
    /// <summary>H = wc a^dag a + wa J_z + wc g J_x (a^2 + a^dag 2) on [M, N + 1] (spin basis m = j, j - 1, ..., -j), entry by entry.</summary>
    private static ComplexMatrix HandBuilt(int cells, int cutoff, double g, double wa, double wc)
    {
        var j = cells / 2.0;
        var s = cells + 1;
        var h = new ComplexMatrix(cutoff * s, cutoff * s);
        for (var n = 0; n < cutoff; n++)
        {
            for (var k = 0; k < s; k++)
            {
                var m = j - k;
                var row = n * s + k;
                h[row, row] = wc * n + wa * m;
                // a^2: |n> -> sqrt(n (n - 1)) |n - 2>, and J_x = (J_+ + J_-)/2
                if (n < 2) continue;
                var amp = Math.Sqrt(n * (n - 1.0));
                if (k > 0)
                {
                    var up = Math.Sqrt(j * (j + 1) - m * (m + 1)) / 2; // to m + 1: index k - 1
                    h[(n - 2) * s + k - 1, row] += wc * g * amp * up;
                    h[row, (n - 2) * s + k - 1] += wc * g * amp * up;
                }
                if (k < s - 1)
                {
                    var down = Math.Sqrt(j * (j + 1) - m * (m - 1)) / 2; // to m - 1: index k + 1
                    h[(n - 2) * s + k + 1, row] += wc * g * amp * down;
                    h[row, (n - 2) * s + k + 1] += wc * g * amp * down;
                }
            }
        }
        return h;
    }

    [Fact]
    public void The_charging_curve_matches_the_hand_built_Hamiltonian_propagated_by_its_eigendecomposition()
    {
        const int cells = 2, cutoff = 40;
        const double g = 0.2, wa = 2, wc = 1;
        var battery = new TwoPhotonDickeBattery(cells, g, new TwoPhotonDickeChargingOptions { Cutoff = cutoff, Steps = 20, TimeWindow = 6, IncludeReference = false });
        var run = battery.Charge().Run;
        var eig = MatrixFunctions.Eigh(HandBuilt(cells, cutoff, g, wa, wc));
        var s = cells + 1;
        var psi0 = new Complex[cutoff * s];
        psi0[2 * cells * s + cells] = 1; // |2N photons> (x) |m = -j>
        for (var k = 0; k < run.Times.Count; k++)
        {
            var psi = MatrixFunctions.ExpMinusIHt(eig, run.Times[k]).Multiply(psi0);
            double e = 0;
            for (var i = 0; i < psi.Length; i++) e += psi[i].Magnitude * psi[i].Magnitude * wa * (cells - i % s);
            Assert.Equal(e, run.Energy[k], 1e-8);
        }
    }

    [Fact]
    public void One_cell_at_resonance_in_the_weak_coupling_limit_follows_the_rotating_wave_exchange()
    {
        // H_RWA = wc g / 2 (sigma_+ a^2 + h.c.); <0, up| sigma_+ a^2 |2, down> = sqrt 2, so E_B = wa sin^2(wc g t / sqrt 2); the
        // counter-rotating terms shift it by O(g) at g = 0.004
        const double g = 0.004;
        var battery = new TwoPhotonDickeBattery(1, g, new TwoPhotonDickeChargingOptions { Steps = 60, IncludeReference = false });
        var run = battery.Charge().Run;
        for (var k = 0; k < run.Times.Count; k++)
            Assert.Equal(2 * Math.Pow(Math.Sin(g * run.Times[k] / Math.Sqrt(2)), 2), run.Energy[k], 0.02);
        // the charging time is then the root of tan x = 2x at x = g t / sqrt 2 (x* = 1.16556)
        Assert.Equal(1.1655611852072114 * Math.Sqrt(2) / g, run.ChargingTime, 0.02 * run.ChargingTime);
    }

    [Fact]
    public void The_converged_cutoff_agrees_with_a_larger_one_and_N_equal_1_has_Gamma_1()
    {
        var auto = new TwoPhotonDickeBattery(3, 0.25).Charge();
        Assert.True(auto.TopPopulation <= 1e-8, $"top population {auto.TopPopulation}");
        Assert.Empty(auto.Run.Warnings);
        var larger = new TwoPhotonDickeBattery(3, 0.25, new TwoPhotonDickeChargingOptions { Cutoff = 2 * auto.Cutoff, IncludeReference = false }).Charge();
        Assert.Equal(larger.Run.AveragePower, auto.Run.AveragePower, 1e-7 * larger.Run.AveragePower);
        Assert.Equal(larger.Run.ChargingTime, auto.Run.ChargingTime, 1e-7 * larger.Run.ChargingTime);
        var one = new TwoPhotonDickeBattery(1, 0.1).Charge();
        Assert.Equal(1, one.Gamma, 12);
    }

    [Theory]
    [InlineData("--coupling", "two-photon-dicke --cells 4 --coupling 0.25")]
    [InlineData("--coupling", "two-photon-dicke --cells 4 --coupling -0.3")]
    [InlineData("--coupling", "two-photon-dicke --cells 4 --coupling 0")]
    [InlineData("--cutoff", "two-photon-dicke --cells 4 --coupling 0.1 --cutoff 8")]
    [InlineData("--wa", "two-photon-dicke --cells 4 --coupling 0.1 --wa 0")]
    public void Bad_input_is_refused_in_one_line_naming_the_option(string option, string line) =>
        CliRunner.AssertRefused(line, option);

    [Fact]
    public void The_command_reports_the_converged_cutoff_and_gamma()
    {
        var r = CliRunner.Run("two-photon-dicke", "--cells", "2", "--coupling", "0.2", "--json");
        Assert.True(r.Code == 0, r.Err);
        var o = JsonNode.Parse(r.Out)!;
        Assert.True((double)o["top_fock_population"]! <= 1e-8);
        Assert.True((double)o["gamma"]! > 1);
        Assert.Equal((int)o["cutoff"]! * 3, (int)o["dimension"]!);
    }
}
