using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Models;

namespace QBatt.Tests.Charging;

/// <summary>
/// The Dicke and spin-chain charging analyses against QuTiP 4.7.1 series of workloads W2 and W3
/// (BENCHMARKS.md), recorded by bench/peers/qutip_w2_dicke.py and qutip_w3_chain.py (commands in
/// Data/qutip/README.md): the symmetric Dicke subspace, the Rabi reference, the matrix-free full-space
/// route and the collective-spin route (against QuTiP's full 2^n space). QuTiP ran with rtol 1e-8, so
/// agreement is asked to 1e-6 relative to the largest value of the series.
/// </summary>
public class ManyBodyQutipTests
{
    private static (double[] Times, double[] Series, JsonObject Values) Load(string file, string key)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", file)))!;
        return ([.. doc["times"]!.AsArray().Select(x => (double)x!)], [.. doc["series"]![key]!.AsArray().Select(x => (double)x!)], doc["values"]!.AsObject());
    }

    private static void AssertSeries(IReadOnlyList<double> expectedTimes, IReadOnlyList<double> expected, ChargingCurve actual)
    {
        Assert.Equal(expected.Count, actual.Work.Count);
        var scale = expected.Max(Math.Abs);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expectedTimes[k], actual.Times[k], 12);
            Assert.True(Math.Abs(expected[k] - actual.Work[k]) <= 1e-6 * scale, $"index {k}: QuTiP {expected[k]}, QBatt {actual.Work[k]}");
        }
    }

    [Fact]
    public void Dicke_battery_energy_matches_qutip()
    {
        var (t, eb, values) = Load("w2_dicke_N4_cutoff24.json", "E_B");
        var r = DickeBattery.Charge(4, 0.5, new DickeChargingOptions { TimeWindow = 2, TimeStep = 0.01, Cutoff = 24, IncludeReference = false });
        AssertSeries(t, eb, r.Curve!);
        // QuTiP's grid maximum of E_B/t cannot exceed the refined one, and lies within the grid's resolution of it
        var grid = (double)values["P_max"]!;
        Assert.InRange(r.Curve!.MaxPower - grid, -1e-6 * grid, 1e-3 * grid);
    }

    [Fact]
    public void Rabi_reference_matches_qutip()
    {
        var (t, eb, values) = Load("w2_rabi_N1_cutoff16.json", "E_B");
        var viaDicke = DickeBattery.Charge(1, 0.5, new DickeChargingOptions { TimeWindow = 6, TimeStep = 0.015, Cutoff = 16, IncludeReference = false });
        AssertSeries(t, eb, viaDicke.Curve!);
        var reference = DickeBattery.ChargeRabi(0.5);
        var grid = (double)values["P_max"]!;
        Assert.InRange(reference.Curve!.MaxPower - grid, -1e-6 * grid, 1e-3 * grid);
    }

    [Theory]
    [InlineData("w3_chain_n6_nn.json", 6, CouplingRange.NearestNeighbour, false, SpinChainRoute.Full)]
    [InlineData("w3_chain_n5_power_periodic.json", 5, CouplingRange.PowerLaw, true, SpinChainRoute.Full)]
    [InlineData("w3_chain_n5_uniform.json", 5, CouplingRange.Uniform, false, SpinChainRoute.Collective)]
    [InlineData("w3_chain_n10_uniform.json", 10, CouplingRange.Uniform, false, SpinChainRoute.Collective)]
    public void Spin_chain_work_matches_qutip(string file, int n, CouplingRange couplings, bool periodic, SpinChainRoute route)
    {
        var (t, w, _) = Load(file, "W");
        var battery = new SpinChainBattery(new SpinChain(n, range: couplings, periodic: periodic));
        Assert.Equal(route, battery.Route);
        AssertSeries(t, w, battery.Charge().Curve!);
    }
}
