using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.IO;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Cli;
using QBatt.Tests.Reliability;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Batteries;

/// <summary>
/// Storage (R16) of the batteries beside the arrays: the Dicke battery after its charging (cells and cavity, the cells' reduced
/// ergotropy), the spin chain under its own H0, a model file; the charged state taken at the charging time of each battery's own
/// protocol; the steady state against the drive strength. Oracles written here: local damping at T = 0 takes every cell's excitation
/// as e^(-g t) whatever the state and the Hamiltonian conserving it (energy e^(-g t) E(0), half-life ln 2 / g); a qubit's
/// ergotropy max(0, 2 e^(-g t) - 1) (the reduced state's, which a global ergotropy of cells and cavity would exceed); independent
/// spins relaxing to the Gibbs population 1/(1 + e^(2B/T)) at the rate g (2 nbar + 1); the interacting two-spin chain against the
/// Lindblad superoperator exponentiated in the test; sin^2 t / t maximal at the root of tan t = 2 t; the Bloch equations of a
/// driven, damped qubit solved as a 3 x 3 linear system.
/// </summary>
public class StorageModelsTests
{
    /// <summary>The root of tan t = 2 t in (1, pi/2): the maximum of sin^2(t)/t, by Newton's method here.</summary>
    private static double TanRoot()
    {
        var t = 1.16;
        for (var i = 0; i < 50; i++)
        {
            var f = Math.Tan(t) - 2 * t;
            var df = 1 / (Math.Cos(t) * Math.Cos(t)) - 2;
            t -= f / df;
        }
        return t;
    }

    [Fact]
    public void Stored_Dicke_cells_lose_their_energy_as_exp_minus_g_t_after_charging()
    {
        const double g = 0.1;
        var battery = StorageBattery.Dicke(2, new StorageNoise { Decay = g }, chargeCoupling: 0.5);
        var (state, charging) = battery.AfterCharging();
        Assert.True(charging.ChargingTime > 0.5 && charging.ChargingTime < 1.2, $"t* = {charging.ChargingTime}");
        var run = battery.Discharge(state, ChargingWindow.Spacing(20, 0.5));
        var e0 = run.Energy[0];
        Assert.InRange(e0, 0.5, 2);
        for (var k = 0; k < run.Times.Count; k++)
            Assert.Equal(e0 * Math.Exp(-g * run.Times[k]), run.Energy[k], 1e-8);
        Assert.Equal(Math.Log(2) / g, run.EnergyHalfLife!.Time, 1e-8);
        // the charged Dicke state is entangled with the cavity: the cells' reduced state is mixed, W < E
        Assert.InRange(run.Ergotropy.Ergotropy[0], 0.05, e0 - 0.05);
        Assert.True(run.ErgotropyHalfLife!.Time < run.EnergyHalfLife.Time);
    }

    [Fact]
    public void The_ergotropy_of_a_stored_Dicke_cell_is_that_of_its_reduced_state()
    {
        // one cell up beside the empty cavity (a product state) under damping: p = e^(-g t), W = max(0, 2p - 1). A global ergotropy of
        // cells and cavity would give p (the passive state puts all weight on the many levels of E_B = 0)
        const double g = 0.25;
        var battery = StorageBattery.Dicke(1, new StorageNoise { Decay = g }, photonLevels: 4, cavityLoss: 0.3);
        var run = battery.Discharge(battery.NamedState("charged"), ChargingWindow.Spacing(8, 0.5));
        for (var k = 0; k < run.Times.Count; k++)
        {
            var p = Math.Exp(-g * run.Times[k]);
            Assert.Equal(p, run.Energy[k], 1e-8);
            Assert.Equal(Math.Max(0, 2 * p - 1), run.Ergotropy.Ergotropy[k], 1e-8);
        }
        Assert.Equal(Math.Log(4.0 / 3) / g, run.ErgotropyHalfLife!.Time, 1e-8);
    }

    [Fact]
    public void Cavity_loss_does_not_reach_decoupled_cells_and_drains_them_through_a_kept_coupling()
    {
        var noiseless = new StorageNoise();
        var decoupled = StorageBattery.Dicke(2, noiseless, chargeCoupling: 0.5, cavityLoss: 0.5);
        var (state, _) = decoupled.AfterCharging();
        var run = decoupled.Discharge(state, ChargingWindow.Spacing(10, 0.5));
        for (var k = 0; k < run.Times.Count; k++)
        {
            Assert.Equal(run.Energy[0], run.Energy[k], 1e-9);
            Assert.Equal(run.Ergotropy.Ergotropy[0], run.Ergotropy.Ergotropy[k], 1e-9);
        }
        var coupled = StorageBattery.Dicke(2, noiseless, chargeCoupling: 0.5, cavityLoss: 0.5, storageCoupling: 0.5);
        var drained = coupled.Discharge(state, ChargingWindow.Spacing(10, 0.5));
        Assert.Equal(run.Energy[0], drained.Energy[0], 12);
        Assert.True(drained.Energy[^1] < 0.8 * drained.Energy[0], $"E(10) = {drained.Energy[^1]}, E(0) = {drained.Energy[0]}");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.7)]
    public void Independent_chain_spins_relax_to_the_Gibbs_population_at_the_gap_2B(double field)
    {
        // g = 0: n independent spins B sigma_z, gap 2|B|; excited population p(t) = p_inf + (1 - p_inf) e^(-g (2 nbar + 1) t) from
        // the charged state, p_inf = 1/(1 + e^(2|B|/T)), nbar = 1/(e^(2|B|/T) - 1); stored energy n 2|B| p(t)
        const double g = 0.4, temperature = 0.5;
        const int n = 3;
        var chain = new SpinChain(n, field, 0);
        var battery = StorageBattery.Chain(chain, new StorageNoise { Decay = g, Temperature = temperature });
        Assert.Equal(-n * Math.Abs(field), battery.GroundEnergy, 12);
        var run = battery.Discharge(battery.NamedState("charged"), ChargingWindow.Spacing(6, 0.5));
        var gap = 2 * Math.Abs(field);
        var pInf = 1 / (1 + Math.Exp(gap / temperature));
        var nbar = 1 / (Math.Exp(gap / temperature) - 1);
        for (var k = 0; k < run.Times.Count; k++)
        {
            var p = pInf + (1 - pInf) * Math.Exp(-g * (2 * nbar + 1) * run.Times[k]);
            Assert.Equal(n * gap * p, run.Energy[k] - run.GroundEnergy, 1e-8);
        }
    }

    [Fact]
    public void An_interacting_two_spin_chain_stores_as_the_Lindblad_superoperator_exponential_says()
    {
        // H0 = B (Z1 + Z2) - g (Z1 Z2 + alpha (X1 X2 + Y1 Y2)) (SpinChain's convention), collapse sqrt(gamma) |1><0| on each spin (B > 0)
        // and sqrt(2 g_phi) |0><0| on each, from the highest eigenstate of H0; the oracle is exp(L t) assembled here
        const double b = 1, gc = 0.6, alpha = 0.4, gamma = 0.2, gphi = 0.15;
        var battery = StorageBattery.Chain(new SpinChain(2, b, gc, alpha), new StorageNoise { Decay = gamma, Dephasing = gphi });
        var z = ComplexMatrix.FromRows(new double[,] { { 1, 0 }, { 0, -1 } });
        var x = ComplexMatrix.FromRows(new double[,] { { 0, 1 }, { 1, 0 } });
        var y = new ComplexMatrix(2, 2);
        y[0, 1] = -Complex.ImaginaryOne;
        y[1, 0] = Complex.ImaginaryOne;
        var id = ComplexMatrix.Identity(2);
        var h0 = b * (ComplexMatrix.Kron(z, id) + ComplexMatrix.Kron(id, z))
            - gc * (ComplexMatrix.Kron(z, z) + alpha * (ComplexMatrix.Kron(x, x) + ComplexMatrix.Kron(y, y)));
        var lower = ComplexMatrix.FromRows(new double[,] { { 0, 0 }, { 1, 0 } }); // |1><0|
        var up = ComplexMatrix.FromRows(new double[,] { { 1, 0 }, { 0, 0 } });
        ComplexMatrix[] collapse =
        [
            Math.Sqrt(gamma) * ComplexMatrix.Kron(lower, id), Math.Sqrt(gamma) * ComplexMatrix.Kron(id, lower),
            Math.Sqrt(2 * gphi) * ComplexMatrix.Kron(up, id), Math.Sqrt(2 * gphi) * ComplexMatrix.Kron(id, up),
        ];
        var eig = MatrixFunctions.Eigh(h0);
        var top = new Complex[4];
        for (var i = 0; i < 4; i++) top[i] = eig.Vectors[i, 3];
        var rho0 = DensityMatrix.FromKet(new Ket(top, Dims.Uniform(2, 2)));
        var run = battery.Discharge(battery.NamedState("charged"), ChargingWindow.Spacing(6, 1));
        Assert.Equal(eig.Values[0], battery.GroundEnergy, 12);
        var l = EngineInvariantTests.Superoperator(h0, collapse);
        var v0 = rho0.ToMatrix().ReadOnlySpan.ToArray();
        for (var k = 0; k < run.Times.Count; k++)
        {
            var v = EngineInvariantTests.TaylorExp(l * run.Times[k]).Multiply(v0);
            var m = new ComplexMatrix(4, 4);
            v.CopyTo(m.Span);
            var rho = new DensityMatrix(m, Dims.Uniform(2, 2), new ValidationTolerances(1e-9, 1e-9, 1e-9));
            var h = Operator.FromDense(h0, Dims.Uniform(2, 2));
            Assert.Equal(h.Expectation(rho).Real, run.Energy[k], 1e-8);
            Assert.Equal(Ergotropy.Compute(rho, h).Value, run.Ergotropy.Ergotropy[k], 1e-8);
        }
    }

    [Fact]
    public void The_charged_state_of_a_charging_run_is_taken_at_the_refined_charging_time()
    {
        var tStar = TanRoot();
        // cells: the parallel drive from the ground state, W = N sin^2 t
        var cells = new StorageBattery(3, 2, new StorageNoise { Decay = 0.1 });
        var (state, charging) = cells.AfterCharging();
        Assert.Equal(tStar, charging.ChargingTime, 1e-8);
        Assert.Equal(3 * Math.Pow(Math.Sin(tStar), 2), cells.Battery.Expectation(state.Density).Real, 1e-8);
        // the global drive |E><G| + h.c.: cos t* |G> - i sin t* |E>, the same energy in a GHZ-like superposition
        var (global, globalRun) = cells.AfterCharging(global: true);
        Assert.Equal(tStar, globalRun.ChargingTime, 1e-8);
        var psi = global.Ket!.ToArray();
        Assert.Equal(Math.Cos(tStar), psi[0].Magnitude, 1e-8);
        Assert.Equal(Math.Sin(tStar), psi[^1].Magnitude, 1e-8);
        Assert.Equal(3 * Math.Pow(Math.Sin(tStar), 2), cells.Battery.Expectation(global.Density).Real, 1e-8);
        // an independent chain (g = 0): each spin from down under omega sigma_x stores 2B sin^2(omega t); omega = 2 puts t* at tStar / 2
        var chain = StorageBattery.Chain(new SpinChain(2, 1, 0, -1, 2), new StorageNoise());
        var (chained, chainRun) = chain.AfterCharging();
        Assert.Equal(tStar / 2, chainRun.ChargingTime, 1e-8);
        Assert.Equal(2 * 2 * Math.Pow(Math.Sin(tStar), 2), chain.Battery.Expectation(chained.Density).Real - chain.GroundEnergy, 1e-8);
    }

    [Fact]
    public void Steady_states_against_the_drive_follow_the_Bloch_equations()
    {
        // H = diag(0, 1) + Omega sigma_x = 1/2 - Z/2 + Omega X, i.e. the field b = (2 Omega, 0, -1); decay sqrt(g) |0><1| drives z to +1:
        // 0 = b x r - diag(g/2, g/2, g) r + (0, 0, g). Energy (1 - z)/2, ergotropy (|r| - z)/2
        const double g = 0.2;
        double[] drives = [0.1, 0.5, 2];
        var r = CliRunner.Run("discharge", "--cells", "1", "--decay", "0.2", "--steady-drives", "0.1,0.5,2", "--tmax", "1", "--json");
        Assert.True(r.Code == 0, r.Err);
        var scan = JsonNode.Parse(r.Out)!["steady_states"]!.AsArray();
        Assert.Equal(drives.Length, scan.Count);
        for (var i = 0; i < drives.Length; i++)
        {
            var w = drives[i];
            double[,] a =
            {
                { -g / 2, 1, 0 },
                { -1, -g / 2, -2 * w },
                { 0, 2 * w, -g },
            };
            var v = Solve3(a, [0, 0, -g]);
            var norm = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            Assert.Equal(w, (double)scan[i]!["drive"]!, 15);
            Assert.Equal((1 - v[2]) / 2, (double)scan[i]!["energy"]!, 1e-10);
            Assert.Equal((norm - v[2]) / 2, (double)scan[i]!["ergotropy"]!, 1e-10);
        }
    }

    /// <summary>Gaussian elimination with partial pivoting of a 3 x 3 system.</summary>
    private static double[] Solve3(double[,] a, double[] rhs)
    {
        var m = (double[,])a.Clone();
        var x = (double[])rhs.Clone();
        for (var c = 0; c < 3; c++)
        {
            var p = c;
            for (var r = c + 1; r < 3; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            for (var k = 0; k < 3; k++) (m[c, k], m[p, k]) = (m[p, k], m[c, k]);
            (x[c], x[p]) = (x[p], x[c]);
            for (var r = c + 1; r < 3; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var k = c; k < 3; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (var c = 2; c >= 0; c--)
        {
            for (var k = c + 1; k < 3; k++) x[c] -= m[c, k] * x[k];
            x[c] /= m[c, c];
        }
        return x;
    }

    [Fact]
    public void A_model_file_is_stored_with_its_own_collapse_operators()
    {
        var model = ModelFile.Parse("""
            {"name": "damped qubit", "dims": [2], "battery": [{"coef": 1, "op": "proj:1:1", "sites": [0]}],
             "hamiltonian": {"static": [{"coef": 1, "op": "proj:1:1", "sites": [0]}]},
             "collapse": [[{"coef": 0.5, "op": "proj:0:1", "sites": [0]}]],
             "initial": {"basis": [1]}, "times": {"start": 0, "stop": 10, "points": 21}}
            """, "damped.json");
        var battery = StorageBattery.FromModel(model);
        var run = battery.Discharge(battery.NamedState("initial", model), ChargingWindow.At(model.Times!));
        const double g = 0.25;
        for (var k = 0; k < run.Times.Count; k++)
            Assert.Equal(Math.Exp(-g * run.Times[k]), run.Energy[k], 1e-8);
        Assert.Equal(Math.Log(2) / g, run.EnergyHalfLife!.Time, 1e-8);
        Assert.Equal(Math.Log(4.0 / 3) / g, run.ErgotropyHalfLife!.Time, 1e-8);
    }

    [Theory]
    [InlineData("--kappa", "discharge --model dicke --cells 2 --kappa -1 --tmax 1")]
    [InlineData("--levels", "discharge --model dicke --cells 2 --levels 3 --tmax 1")]
    [InlineData("--coupling", "discharge --cells 2 --coupling 0.5 --tmax 1")]
    [InlineData("--b", "discharge --model dicke --cells 2 --b 1 --tmax 1")]
    [InlineData("--cells", "discharge --model chain --cells 1 --tmax 1")]
    [InlineData("--cells", "discharge --model chain --cells 13 --tmax 1")]
    [InlineData("--cells", "discharge --model dicke --tmax 1")]
    [InlineData("--from", "discharge --model dicke --cells 2 --from product --tmax 1")]
    [InlineData("--model", "discharge --model nowhere.json --tmax 1")]
    [InlineData("--steady-drives", "discharge --cells 1 --decay 0.1 --steady-drives 0.1,-1 --tmax 1")]
    [InlineData("--b", "discharge --model chain --cells 3 --b 0 --tmax 1")]
    public void Bad_storage_input_is_refused_in_one_line_naming_the_option(string option, string line) =>
        CliRunner.AssertRefused(line, option);

    [Fact]
    public void Noise_options_are_refused_with_a_model_file_that_brings_its_own_environment()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "cli-cases", "qubit.json");
        var r = CliRunner.Run("discharge", "--model", path, "--decay", "0.1", "--tmax", "1");
        Assert.Equal(2, r.Code);
        Assert.StartsWith("qbatt discharge: --decay: expected only with --model cells, dicke or chain", r.Err, StringComparison.Ordinal);
    }
}
