using QBatt.Batteries;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Tests.Models;

/// <summary>
/// The Tavis-Cummings battery (R19): one excitation against the vacuum Rabi formula (resonant and detuned), the
/// conserved excitation number, the Hamiltonian against the Dicke Hamiltonian minus its counter-rotating terms,
/// N = 1 against the Jaynes-Cummings closed form, Gamma as the ratio of powers, and bad input.
/// </summary>
public class TavisCummingsBatteryTests
{
    [Theory]
    [InlineData(1, 0.1, 1.0, 1.0)]
    [InlineData(5, 0.05, 1.0, 1.0)]
    [InlineData(8, 0.08, 1.2, 1.0)]
    [InlineData(20, 0.03, 0.9, 1.1)]
    public void One_excitation_follows_the_vacuum_rabi_formula(int n, double lambda, double wa, double wc)
    {
        // |1 photon, all down> <-> |0, W>: coupling g sqrt N (g = wc lambda), detuning wa - wc:
        // E_B(t) = wa (4 g^2 N / Omega^2) sin^2(Omega t / 2), Omega = sqrt((wa - wc)^2 + 4 g^2 N)
        var options = new TavisCummingsChargingOptions { Photons = 1, CellFrequency = wa, CavityFrequency = wc, IncludeReference = false };
        var run = new TavisCummingsBattery(n, lambda, options).Charge();
        var g = wc * lambda;
        var delta = wa - wc;
        var omega = Math.Sqrt(delta * delta + 4 * g * g * n);
        for (var k = 0; k < run.Times.Count; k++)
        {
            var t = run.Times[k];
            var expected = wa * 4 * g * g * n / (omega * omega) * Math.Pow(Math.Sin(omega * t / 2), 2);
            Assert.True(Math.Abs(run.Energy[k] - expected) < 1e-9 * wa, $"E_B(t = {t}) = {run.Energy[k]} vs {expected}");
            var p = wa * 4 * g * g * n / (omega * omega) * Math.Sin(omega * t) * omega / 2;
            Assert.True(Math.Abs(run.Power![k] - p) < 1e-8 * wa * omega, $"P(t = {t})");
        }
    }

    [Fact]
    public void Hamiltonian_is_dicke_without_counter_rotating_terms_and_conserves_excitations()
    {
        const int n = 4, photons = 4;
        const double lambda = 0.3, wa = 1.2, wc = 0.8;
        var tc = new TavisCummings(n, photons, lambda, wa, wc);
        // written out: wc a^dag a + wa Jz + wc lambda (a J+ + a^dag J-) from the boson and spin factories
        var a = Boson.Destroy(photons + 1);
        var j = n / 2.0;
        var id = Operator.Identity(new Dims(n + 1));
        var h = wc * Operator.Tensor(a.Adjoint() * a, id) + wa * Operator.Tensor(Operator.Identity(new Dims(photons + 1)), Spin.Jz(j))
            + wc * lambda * (Operator.Tensor(a, Spin.Jplus(j)) + Operator.Tensor(a.Adjoint(), Spin.Jminus(j)));
        var model = tc.Hamiltonian().ToDense();
        var written = h.ToDense();
        for (var r = 0; r < model.Rows; r++)
            for (var c = 0; c < model.Cols; c++)
                Assert.True((model[r, c] - written[r, c]).Magnitude < 1e-14);
        // excitation number a^dag a + Jz + N/2 commutes with H
        var ex = (tc.PhotonNumber() + tc.Jz() + j * Operator.Identity(tc.Dims)).ToDense();
        var m = tc.Hamiltonian().ToDense();
        for (var r = 0; r < m.Rows; r++)
            for (var c = 0; c < m.Cols; c++)
            {
                System.Numerics.Complex hn = 0, nh = 0;
                for (var k = 0; k < m.Rows; k++)
                {
                    hn += m[r, k] * ex[k, c];
                    nh += ex[r, k] * m[k, c];
                }
                Assert.True((hn - nh).Magnitude < 1e-12, "[H, excitations] = 0");
            }
        // the top Fock level is reachable only by emptying the cells: the initial photons are the ceiling
        var run = new TavisCummingsBattery(n, lambda, new TavisCummingsChargingOptions { CellFrequency = wa, CavityFrequency = wc, IncludeReference = false }).Charge();
        foreach (var e in run.Energy) Assert.InRange(e, -1e-12, wa * n + 1e-12);
    }

    [Fact]
    public void Gamma_is_the_ratio_to_n_jaynes_cummings_cells()
    {
        const double lambda = 0.1;
        var battery = new TavisCummingsBattery(6, lambda);
        var run = battery.Charge();
        var jc = run.Reference!;
        // one cell, one photon, resonance: E_B = sin^2(g t), max E/t = g sin^2(u)/u at tan u = 2u
        var u = 1.0;
        for (var it = 0; it < 60; it++) u = Math.Atan(2 * u);
        Assert.Equal(lambda * Math.Pow(Math.Sin(u), 2) / u, jc.AveragePower, 6);
        Assert.Equal(run.AveragePower / (6 * jc.AveragePower), run.Gamma, 12);
        Assert.True(run.Gamma > 1, $"collective charging is faster (Gamma = {run.Gamma})");
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("cells", Assert.Throws<ValidationException>(() => new TavisCummingsBattery(0, 0.1)).Argument);
        Assert.Equal("coupling", Assert.Throws<ValidationException>(() => new TavisCummingsBattery(3, 0)).Argument);
        Assert.Equal("photons", Assert.Throws<ValidationException>(() => new TavisCummingsBattery(3, 0.1, new TavisCummingsChargingOptions { Photons = 0 })).Argument);
        Assert.Equal("wa", Assert.Throws<ValidationException>(() => new TavisCummingsBattery(3, 0.1, new TavisCummingsChargingOptions { CellFrequency = -1 })).Argument);
        var e = Assert.Throws<ResourceException>(() => new TavisCummingsBattery(40000, 0.01, new TavisCummingsChargingOptions { MemoryLimit = 1L << 30 }).CheckMemory());
        Assert.Equal("cells", e.Argument);
    }

    [Fact]
    public void The_charging_time_of_one_photon_is_the_vacuum_Rabi_root_to_1e_12()
    {
        // E_B = sin^2(g sqrt N t) at resonance: max E_B / t at g sqrt N t = x*, the root of tan x = 2x (Newton's method here);
        // the refinement solves t P - W = 0 from the states, so the output grid (spacing 0.0375) does not limit it
        var x = 1.16;
        for (var i = 0; i < 50; i++) x -= (Math.Tan(x) - 2 * x) / (1 / (Math.Cos(x) * Math.Cos(x)) - 2);
        var run = new TavisCummingsBattery(4, 0.1, new TavisCummingsChargingOptions { Photons = 1, IncludeReference = false }).Charge();
        Assert.Equal(x / 0.2, run.ChargingTime, 1e-12 * run.ChargingTime);
        Assert.Equal(Math.Pow(Math.Sin(x), 2) / (x / 0.2), run.AveragePower, 1e-12);
        Assert.InRange(run.Curve!.Maximum.TimeError, 0, 1e-12);
        // the first maximum E_B = 1 at g sqrt N t = pi/2, the root of P refined from the states (grid spacing 0.0375)
        var first = run.Curve.FirstMaximum!;
        Assert.Equal("dynamics", first.Method);
        Assert.Equal(Math.PI / 2 / 0.2, first.Time, 1e-10);
        Assert.Equal(1, first.Work, 1e-12);
        Assert.InRange(first.TimeError, 0, 1e-10);
    }
}
