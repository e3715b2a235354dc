using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Dynamics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Batteries;

/// <summary>
/// Storage and self-discharge (R16) against closed forms written here: one qubit under amplitude damping (energy e^(-g t), ergotropy
/// max(0, 2 e^(-g t) - 1)), under pure dephasing (energy kept, the coherent ergotropy e^(-g_phi t)/2 lost), a thermal bath relaxing
/// to the Gibbs state at T, dark states of collective decay keeping their ergotropy, the superradiant triplet e^(-2 G t), local decay
/// e^(-g t) of the energy of any state; half-lives refined below a coarse grid; steady states against QuTiP's steadystate
/// (Data/qutip/storage_steady.json, made by bench/peers/qutip_storage.py) and the open maximal average power on a grid of spacing
/// 0.5 against QuTiP's dense-grid reference (Data/qutip/storage_maxpower.json).
/// </summary>
public class StorageTests
{
    private static DischargeRun Discharge(int cells, StorageNoise noise, string from, double tmax, double dt, int levels = 2, double drive = 0) =>
        new StorageBattery(cells, levels, noise, drive).Discharge(StorageState.Named(from, levels, cells), ChargingWindow.Spacing(tmax, dt));

    [Fact]
    public void Amplitude_damping_of_one_qubit_follows_the_closed_forms_and_half_lives_are_refined_below_the_grid()
    {
        const double g = 0.3;
        var run = Discharge(1, new StorageNoise { Decay = g }, "charged", 10, 0.5);
        Assert.Equal("lindblad", run.Run.Dynamics);
        for (var k = 0; k < run.Times.Count; k++)
        {
            var p = Math.Exp(-g * run.Times[k]);
            Assert.Equal(p, run.Energy[k], 1e-8);
            Assert.Equal(Math.Max(0, 2 * p - 1), run.Ergotropy.Ergotropy[k], 1e-8);
            Assert.Equal(0, run.Ergotropy.Coherent![k], 1e-8);
            var s = -(p > 0 ? p * Math.Log(p) : 0) - (p < 1 ? (1 - p) * Math.Log(1 - p) : 0);
            Assert.Equal(s, run.Ergotropy.Entropy[k], 1e-7);
        }
        // E = e^(-g t) = 1/2 at ln 2 / g; W = 2 e^(-g t) - 1 = 1/2 at ln(4/3) / g; the grid (spacing 0.5) alone is off by up to 0.5
        Assert.Equal(Math.Log(2) / g, run.EnergyHalfLife!.Time, 1e-9);
        Assert.Equal(Math.Log(4.0 / 3) / g, run.ErgotropyHalfLife!.Time, 1e-9);
        Assert.InRange(run.EnergyHalfLife.TimeError, 0, 1e-9);
        Assert.InRange(run.ErgotropyHalfLife.TimeError, 0, 1e-9);
        Assert.NotEqual(run.EnergyHalfLife.Time, run.EnergyHalfLife.GridTime);
        Assert.Equal(0, run.BestExtraction.Time);
    }

    [Fact]
    public void Dephasing_keeps_the_energy_and_removes_the_coherent_ergotropy()
    {
        const double gphi = 0.2;
        var run = Discharge(1, new StorageNoise { Dephasing = gphi }, "product", 10, 0.5);
        for (var k = 0; k < run.Times.Count; k++)
        {
            // rho = [[1/2, c], [c*, 1/2]] with |c| = e^(-g_phi t)/2: eigenvalues 1/2 +- |c|, ergotropy |c|, all of it coherent
            var c = Math.Exp(-gphi * run.Times[k]) / 2;
            Assert.Equal(0.5, run.Energy[k], 1e-10);
            Assert.Equal(c, run.Ergotropy.Ergotropy[k], 1e-8);
            Assert.Equal(0, run.Ergotropy.Incoherent![k], 1e-10);
            Assert.Equal(c, run.Ergotropy.Coherent![k], 1e-8);
        }
        Assert.Null(run.EnergyHalfLife);
        Assert.Equal(Math.Log(2) / gphi, run.ErgotropyHalfLife!.Time, 1e-9);
    }

    [Fact]
    public void A_thermal_bath_relaxes_a_qubit_to_the_Gibbs_state_at_T()
    {
        const double g = 0.4, temperature = 0.7;
        var nbar = 1 / (Math.Exp(1 / temperature) - 1);
        var pInf = 1 / (Math.Exp(1 / temperature) + 1);
        var rate = g * (2 * nbar + 1);
        var battery = new StorageBattery(1, 2, new StorageNoise { Decay = g, Temperature = temperature });
        var run = battery.Discharge(StorageState.Named("charged", 2, 1), ChargingWindow.Spacing(12, 0.5));
        for (var k = 0; k < run.Times.Count; k++)
            Assert.Equal(pInf + (1 - pInf) * Math.Exp(-rate * run.Times[k]), run.Energy[k], 1e-8);
        var (rho, residual) = battery.SteadyState();
        Assert.Equal(1 - pInf, rho[0, 0].Real, 1e-10);
        Assert.Equal(pInf, rho[1, 1].Real, 1e-10);
        Assert.InRange(residual, 0, 1e-12);
        // the half-life of tr rho H0 (the ground energy is 0): pInf + (1 - pInf) e^(-rate t) = 1/2
        Assert.Equal(Math.Log((1 - pInf) / (0.5 - pInf)) / rate, run.EnergyHalfLife!.Time, 1e-9);
    }

    [Fact]
    public void Thermal_steady_state_of_qutrit_cells_is_the_Gibbs_product_state()
    {
        const double temperature = 0.8;
        var battery = new StorageBattery(2, 3, new StorageNoise { Decay = 0.3, Dephasing = 0.1, Temperature = temperature });
        var (rho, _) = battery.SteadyState();
        var z = Enumerable.Range(0, 3).Sum(j => Math.Exp(-j / temperature));
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
            {
                var i = 3 * a + b;
                Assert.Equal(Math.Exp(-(a + b) / temperature) / (z * z), rho[i, i].Real, 1e-10);
                for (var j = 0; j < 9; j++)
                    if (j != i) Assert.True(rho[i, j].Magnitude < 1e-10, $"coherence {i},{j}: {rho[i, j]}");
            }
    }

    [Fact]
    public void Dark_states_of_collective_decay_keep_their_energy_and_ergotropy_and_the_triplet_decays_superradiantly()
    {
        const double big = 0.5;
        var dark = Discharge(2, new StorageNoise { CollectiveDecay = big }, "dark", 10, 0.5);
        for (var k = 0; k < dark.Times.Count; k++)
        {
            Assert.Equal(1, dark.Energy[k], 1e-9);
            Assert.Equal(1, dark.Ergotropy.Ergotropy[k], 1e-9);
        }
        Assert.Null(dark.EnergyHalfLife);
        Assert.Null(dark.ErgotropyHalfLife);
        // the symmetric state (|01> + |10>)/sqrt 2 is the Dicke state |1, 0>: <J+ J-> = 2, so E(t) = e^(-2 G t) (pure decay to |00>)
        var triplet = Discharge(2, new StorageNoise { CollectiveDecay = big }, "dicke", 10, 0.5);
        for (var k = 0; k < triplet.Times.Count; k++)
            Assert.Equal(Math.Exp(-2 * big * triplet.Times[k]), triplet.Energy[k], 1e-8);
        Assert.Equal(Math.Log(2) / (2 * big), triplet.EnergyHalfLife!.Time, 1e-9);
        // two steady states (|00> and the singlet): refused, not one of them picked
        var e = Assert.Throws<ValidationException>(() => new StorageBattery(2, 2, new StorageNoise { CollectiveDecay = big }).SteadyState());
        Assert.Equal("collapse", e.Argument);
    }

    [Theory]
    [InlineData("charged")]
    [InlineData("product")]
    [InlineData("ghz")]
    [InlineData("dicke")]
    [InlineData("dark")]
    public void Local_decay_takes_the_energy_of_any_state_as_exp_minus_g_t(string from)
    {
        // d/dt <n_i> = -g <n_i> for every cell whatever the correlations, so E(t) = E(0) e^(-g t); the states of equal energy
        // N/2 (product, GHZ, Dicke, dark) then have equal energy half-lives ln 2 / g
        const double g = 0.25;
        var run = Discharge(2, new StorageNoise { Decay = g }, from, 6, 0.5);
        var e0 = from == "charged" ? 2 : 1;
        Assert.Equal(e0, run.Energy[0], 1e-12);
        for (var k = 0; k < run.Times.Count; k++)
            Assert.Equal(e0 * Math.Exp(-g * run.Times[k]), run.Energy[k], 1e-8);
        Assert.Equal(Math.Log(2) / g, run.EnergyHalfLife!.Time, 1e-9);
    }

    [Fact]
    public void Steady_states_match_qutip_steadystate()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", "storage_steady.json")))!;
        foreach (var c in doc["cases"]!.AsArray())
        {
            double D(string k) => c![k] is { } v ? (double)v : 0;
            var noise = new StorageNoise { Decay = D("decay"), Dephasing = D("dephasing"), CollectiveDecay = D("collective"), Temperature = D("temperature") };
            var battery = new StorageBattery((int)c!["n"]!, (int)c["d"]!, noise, D("drive"));
            var (rho, _) = battery.SteadyState();
            var re = c["rho_re"]!.AsArray();
            var im = c["rho_im"]!.AsArray();
            for (var i = 0; i < rho.Dimension; i++)
                for (var j = 0; j < rho.Dimension; j++)
                {
                    var q = new Complex((double)re[i]![j]!, (double)im[i]![j]!);
                    Assert.True((rho[i, j] - q).Magnitude < 1e-9, $"{c["name"]}: rho[{i},{j}] QBatt {rho[i, j]}, QuTiP {q}");
                }
            Assert.Equal((double)c["energy"]!, rho.Expectation(battery.Battery).Real, 1e-9);
            Assert.Equal((double)c["ergotropy"]!, Ergotropy.Value(rho, battery.Battery), 1e-9);
        }
    }

    [Fact]
    public void Open_maximal_average_power_on_a_grid_of_spacing_half_matches_a_dense_grid_reference_to_1e_6()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", "storage_maxpower.json")))!;
        var reference = (double)doc["max_average_power"]!;
        var battery = new StorageBattery(1, 2, new StorageNoise { Decay = 0.05, Dephasing = 0.02 }, drive: 1);
        var run = ChargingRunner.Run(battery.Setup(StorageState.Named("ground", 2, 1), ChargingWindow.Spacing(6, 0.5)));
        Assert.Equal(0.5, run.Times[1] - run.Times[0], 12);
        var best = run.Curve!.Maximum;
        Assert.Equal("dynamics", best.Method);
        Assert.True(Math.Abs(best.Power - reference) <= 1e-6 * reference, $"QBatt {best.Power}, dense-grid QuTiP {reference}");
        Assert.Equal((double)doc["time"]!, best.Time, 1e-4);
        Assert.InRange(best.PowerError, 0, 1e-8);
    }

    [Fact]
    public void Noise_keywords_parse_and_bad_values_are_refused_by_name()
    {
        var n = StorageNoise.Parse("decay=0.1, dephasing=0.2,collective-decay=0.3,collective-dephasing=0.4,temperature=0.5");
        Assert.Equal((0.1, 0.2, 0.3, 0.4, 0.5), (n.Decay, n.Dephasing, n.CollectiveDecay, n.CollectiveDephasing, n.Temperature));
        Assert.Equal(0.7, StorageNoise.Parse("decay=0.7", n).Decay);
        Assert.Equal(0.2, StorageNoise.Parse("decay=0.7", n).Dephasing);
        Assert.Equal("noise", Assert.Throws<ValidationException>(() => StorageNoise.Parse("decay=0.1,damping=0.2")).Argument);
        Assert.Equal("noise", Assert.Throws<ValidationException>(() => StorageNoise.Parse("decay=-0.1")).Argument);
        Assert.Equal("noise", Assert.Throws<ValidationException>(() => StorageNoise.Parse("decay")).Argument);
        Assert.Equal("decay", Assert.Throws<ValidationException>(() => new StorageBattery(1, 2, new StorageNoise { Decay = -1 })).Argument);
        Assert.Equal("temperature", Assert.Throws<ValidationException>(() => new StorageBattery(1, 2, new StorageNoise { Temperature = -1 })).Argument);
        Assert.Equal("from", Assert.Throws<DimensionMismatchException>(() => StorageState.FromData([1, 0, 0], null, 2, 1, "x")).Argument);
        Assert.Equal("from", Assert.Throws<ValidationException>(() => StorageState.Named("dark", 2, 3)).Argument);
    }

    [Fact]
    public void The_thermal_dissipators_are_in_detailed_balance_and_dephasing_is_sqrt_2_gphi_n()
    {
        // the collapse operators written out for one qubit: sqrt(g (nbar+1)) |0><1|, sqrt(g nbar) |1><0|, sqrt(2 g_phi) |1><1|
        const double g = 0.3, t = 0.6, gphi = 0.1;
        var nbar = 1 / (Math.Exp(1 / t) - 1);
        var c = new StorageNoise { Decay = g, Temperature = t, Dephasing = gphi }.CollapseOperators(2, 1);
        Assert.Equal(3, c.Count);
        Assert.Equal(Math.Sqrt(g * (nbar + 1)), c[0][0, 1].Real, 1e-14);
        Assert.Equal(Math.Sqrt(g * nbar), c[1][1, 0].Real, 1e-14);
        Assert.Equal(Math.Sqrt(2 * gphi), c[2][1, 1].Real, 1e-14);
        Assert.Equal(0, c[2][0, 0].Real, 1e-14);
    }
}
