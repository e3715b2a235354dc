using System.Text.Json.Nodes;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>
/// The workloads W2, W3 and W4 of BENCHMARKS.md at small sizes against QuTiP 4.7.1 series recorded by
/// bench/peers (see Data/qutip/README.md). QuTiP ran with rtol 1e-8, so agreement is asked to 1e-6
/// relative to the largest value of the series (the benchmarks' accuracy target).
/// </summary>
public class QutipCrossCheckTests
{
    private static (double[] Times, double[] Series) Load(string file, string key)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "qutip", file)))!;
        var times = doc["times"]!.AsArray().Select(x => (double)x!).ToArray();
        var series = doc["series"]![key]!.AsArray().Select(x => (double)x!).ToArray();
        return (times, series);
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= relative * scale, $"{what}: index {k}: QuTiP {expected[k]}, QBatt {actual[k]}");
    }

    [Fact]
    public void W2_dicke_battery_energy_matches_qutip()
    {
        var (t, eb) = Load("w2_dicke_N4_cutoff24.json", "E_B");
        var dicke = new Dicke(4, 24, 0.5);
        var traj = new SchrodingerSolver(dicke.Hamiltonian()).Run(dicke.InitialState(), t, [new Observable("E_B", dicke.BatteryEnergy())]);
        AssertClose(eb, traj.Expectation("E_B"), 1e-6, "E_B");
    }

    [Theory]
    [InlineData("w3_chain_n6_nn.json", 6, CouplingRange.NearestNeighbour, false)]
    [InlineData("w3_chain_n5_power_periodic.json", 5, CouplingRange.PowerLaw, true)]
    [InlineData("w3_chain_n5_uniform.json", 5, CouplingRange.Uniform, false)]
    public void W3_spin_chain_work_matches_qutip(string file, int n, CouplingRange couplings, bool periodic)
    {
        var (t, w) = Load(file, "W");
        var chain = new SpinChain(n, range: couplings, periodic: periodic);
        var traj = new SchrodingerSolver(chain.ChargingHamiltonian()).Run(chain.AllDown(), t, [new Observable("H0", chain.BatteryHamiltonian())]);
        var e = traj.Expectation("H0");
        AssertClose(w, [.. e.Select(x => x - e[0])], 1e-6, "W");
    }

    [Theory]
    [InlineData("krylov")]
    [InlineData("dop853")]
    public void W4_open_charging_energy_matches_qutip(string method)
    {
        var (t, e) = Load("w4_lindblad_n3.json", "H0");
        const int n = 3;
        var h0 = Operators.SumOverCells(0.5 * (Pauli.I + Pauli.Z), n);
        var h = h0 + Operators.SumOverCells(Pauli.X, n);
        var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(0.05) * Pauli.Minus, i, n)).ToArray();
        var ground = Ket.Basis(Dims.Uniform(2, n), 1, 1, 1);
        var traj = new LindbladSolver(h, c, new EvolutionOptions { Method = method }).Run(ground, t, [new Observable("H0", h0)]);
        AssertClose(e, traj.Expectation("H0"), 1e-6, "<H0>");
        Assert.Empty(traj.Warnings);
    }
}
