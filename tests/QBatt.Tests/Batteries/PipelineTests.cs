using System.Numerics;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.IO;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Cli;
using QBatt.Tests.IO;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Batteries;

/// <summary>The one charging pipeline (setup, runner, dispatcher): model files get what the built-in batteries get.</summary>
public class PipelineTests
{
    private static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "docs", "examples", name);
    }

    [Fact]
    public void Model_file_with_a_reference_of_three_independent_cells_gives_the_gamma_of_qbatt_advantage()
    {
        var file = CliRunner.Json(CliRunner.Run("charge", Example("three-cells-global.yaml"), "--json"));
        var copies = CliRunner.Json(CliRunner.Run("charge", Example("three-cells-vs-one-cell.yaml"), "--json"));
        // closed forms of R9-R11 for the global drive, k = N = 3: Gamma_C0 = Gamma_C2 = 3, Gamma_C1 = sqrt(3)
        var closed = new Dictionary<string, double> { ["c0"] = 3, ["c1"] = Math.Sqrt(3), ["c2"] = 3 };
        foreach (var (c, expected) in closed)
        {
            var advantage = (double)CliRunner.Json(CliRunner.Run("advantage", "--cells", "3", "--constraint", c, "--json"))["gamma"]!;
            var model = (double)file[$"gamma_{c}"]!;
            Assert.Equal(advantage, model, 9);
            Assert.Equal(expected, model, 6);
        }
        Assert.Equal((double)file["gamma_c0"]!, (double)copies["gamma_c0"]!, 9);
        Assert.True((bool)file["qsl_holds"]!);
        Assert.Equal(Math.PI / 2, (double)file["charging_time"]!, 6);
    }

    private static Operator TwoCellBattery() => Operators.SumOverCells(Qudit.Projector(2, 1, 1), 2);

    [Fact]
    public void Ergotropy_along_an_open_trajectory_equals_the_ergotropy_of_the_stored_states()
    {
        var dims = Dims.Uniform(2, 2);
        var h0 = TwoCellBattery();
        var drive = 0.7 * (Operators.Embed(Pauli.X, 0, dims) + Operators.Embed(Pauli.X, 1, dims)) + 0.3 * Operator.Tensor(Pauli.Y, Pauli.Y);
        var decay = Qudit.Projector(2, 0, 1); // |0><1|: level 1 (energy 1) decays to level 0
        var setup = new ChargingSetup
        {
            Name = "two damped cells",
            Size = RunSizes.Of(drive, h0, []),
            Build = () => new ChargingSystem
            {
                Dims = dims,
                Hamiltonian = drive,
                Battery = h0,
                InitialKet = Ket.Basis(dims, [0, 0]),
                Collapse = [Math.Sqrt(0.1) * Operators.Embed(decay, 0, dims), Math.Sqrt(0.05) * Operators.Embed(decay, 1, dims)],
            },
            Window = ChargingWindow.Uniform(4, 40),
            Compute = ChargingQuantities.Power | ChargingQuantities.ErgotropyParts | ChargingQuantities.States,
        };
        var run = ChargingRunner.Run(setup);
        Assert.Equal("lindblad", run.Dynamics);
        var e = run.Ergotropy!;
        for (var i = 0; i < run.Times.Count; i++)
        {
            var rho = (DensityMatrix)run.States![i];
            var oracle = Ergotropy.Compute(rho, h0);
            Assert.Equal(oracle.Value, e.Ergotropy[i], 10);
            Assert.Equal(oracle.IncoherentValue, e.Incoherent![i], 10);
            Assert.Equal(oracle.CoherentValue, e.Coherent![i], 10);
            Assert.Equal(oracle.PassiveEnergy, e.PassiveEnergy[i], 10);
            Assert.Equal(Entropy.VonNeumann(rho), e.Entropy[i], 9);
        }
        Assert.True(e.Ergotropy.Max() > 0.1);
    }

    [Fact]
    public void Closed_ergotropy_from_the_conserved_spectrum_equals_the_ergotropy_of_the_stored_states()
    {
        var dims = Dims.Uniform(2, 2);
        var h0 = TwoCellBattery();
        var drive = new Hamiltonian(0.4 * Operator.Tensor(Pauli.Z, Pauli.I)).WithDrive(Operator.Tensor(Pauli.X, Pauli.X) + 0.5 * Operators.Embed(Pauli.X, 1, dims), TimeFunction.Sine(1, 1.3));
        var thermal = DensityMatrix.Tensor(DensityMatrix.Diagonal([0.8, 0.2]), DensityMatrix.Diagonal([0.7, 0.3]));
        foreach (var (ket, rho) in new (Ket?, DensityMatrix?)[] { (Ket.Basis(dims, [0, 0]), null), (null, thermal) })
        {
            var setup = new ChargingSetup
            {
                Name = "driven pair",
                Size = RunSizes.Of(drive, h0, [], rho),
                Build = () => new ChargingSystem { Dims = dims, Hamiltonian = drive, Battery = h0, InitialKet = ket, InitialMixed = rho },
                Window = ChargingWindow.Uniform(3, 30),
                Compute = ChargingQuantities.Ergotropy | ChargingQuantities.States,
            };
            var run = ChargingRunner.Run(setup);
            Assert.Null(run.Ergotropy!.Incoherent);
            for (var i = 0; i < run.Times.Count; i++)
            {
                var state = run.States![i] as DensityMatrix ?? DensityMatrix.FromKet((Ket)run.States[i]);
                Assert.Equal(Ergotropy.Compute(state, h0).Value, run.Ergotropy.Ergotropy[i], 8);
            }
        }
    }

    private const string CellsHeader = "dims: [2, 2]\nbattery:\n  - {op: proj:1:1, sites: each}\ninitial: {basis: [0, 0]}\ntimes: {stop: 3, points: 61}\n";

    [Fact]
    public void Npy_operators_equal_the_built_in_forms()
    {
        using var dir = new TempDir();
        Npy.Write(dir.File("sx.npy"), Pauli.X.ToDense());
        Npy.Write(dir.File("xx.npy"), Operator.Tensor(Pauli.X, Pauli.X).ToDense());
        Npy.Write(dir.File("zy.npy"), Operator.Tensor(Pauli.Z, Pauli.Y).ToDense());
        const string builtIn = CellsHeader + "hamiltonian:\n  static:\n    - {coef: 0.8, op: sx, sites: [1]}\n    - {coef: 0.5, op: sx sx, sites: [0, 1]}\n    - {coef: 0.3, op: sy sz, sites: [0, 1]}\n";
        // the same terms from files: a one-site matrix, a two-site matrix, a two-site matrix on reversed sites, and the whole space
        const string fromFiles = CellsHeader + "hamiltonian:\n  static:\n    - {coef: 0.8, npy: sx.npy, sites: [1]}\n    - {coef: 0.25, npy: xx.npy, sites: [0, 1]}\n    - {coef: 0.25, npy: xx.npy}\n    - {coef: 0.3, npy: zy.npy, sites: [1, 0]}\n";
        var a = ChargingRunner.Run(ModelFileBattery.Setup(ModelFile.Parse(builtIn, "built-in", dir.Root)));
        var b = ChargingRunner.Run(ModelFileBattery.Setup(ModelFile.Parse(fromFiles, "files", dir.Root)));
        for (var i = 0; i < a.Times.Count; i++) Assert.Equal(a.WorkSeries[i], b.WorkSeries[i], 12);
        Assert.True(a.WorkSeries.Max() > 0.5);
        // EmbedOnSites against Kronecker products written out
        var dims = Dims.Uniform(2, 3);
        var embedded = Operators.EmbedOnSites(Operator.Tensor(Pauli.Z, Pauli.Y), [2, 0], dims).ToDense();
        var kron = Operator.Tensor(Operator.Tensor(Pauli.Y, Pauli.I), Pauli.Z).ToDense();
        Assert.True(ComplexMatrix.MaxAbsDifference(embedded, kron) < 1e-15);
    }

    /// <summary>theta(t) = int_0^t A exp(-(s - c)^2 / (2 w^2)) ds, the rotation angle of H = f(t) sigma_x.</summary>
    private static double Angle(double t, double a, double c, double w) =>
        a * w * Math.Sqrt(Math.PI / 2) * (Erf((t - c) / (Math.Sqrt(2) * w)) + Erf(c / (Math.Sqrt(2) * w)));

    private static double Erf(double x) => MathNet.Numerics.SpecialFunctions.Erf(x);

    [Theory]
    [InlineData("cubic", 0.05)]
    [InlineData("linear", 0.02)]
    [InlineData("hold", 0.01)]
    public void Sampled_gaussian_pulse_matches_the_analytic_one_to_the_stated_interpolation_error(string scheme, double h)
    {
        const double a = 1.2533141373155, c = 2, w = 0.5, tEnd = 4;
        var samples = Enumerable.Range(0, (int)Math.Round(tEnd / h) + 1).Select(k => k * h).ToArray();
        var values = samples.Select(t => a * Math.Exp(-(t - c) * (t - c) / (2 * w * w))).ToArray();
        string Model(string function) =>
            "dims: [2]\nbattery:\n  - {op: proj:1:1, sites: [0]}\nhamiltonian:\n  static:\n    - {coef: 0, op: id}\n  drives:\n" +
            $"    - operator:\n        - {{op: sx, sites: [0]}}\n      function: {function}\ninitial: {{basis: [0]}}\ntimes: {{stop: {tEnd}, points: 81}}\noptions: {{atol: 1e-12, rtol: 1e-12}}\n";
        string List(double[] x) => "[" + string.Join(", ", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var analytic = ChargingRunner.Run(ModelFileBattery.Setup(ModelFile.Parse(Model($"{{type: gaussian, amplitude: {a}, center: {c}, width: {w}}}"))));
        var sampled = ChargingRunner.Run(ModelFileBattery.Setup(ModelFile.Parse(Model($"{{type: samples, interpolation: {scheme}, times: {List(samples)}, values: {List(values)}}}"))));
        // |W' - W| = |sin^2 theta' - sin^2 theta| <= |theta' - theta| <= int |f' - f| dt <= T max|f' - f|, with the scheme's bound:
        // linear h^2 max|f''| / 8 (max|f''| = a / w^2); cubic (natural) 5 h^4 max|f''''| / 384 (max|f''''| = 3 a / w^4) plus
        // h^2 max|f''(ends)| / 8 near the ends; hold h max|f'| (max|f'| = a / (w sqrt(e)))
        var fEnd = a / (w * w) * (Math.Pow(c / w, 2) - 1) * Math.Exp(-c * c / (2 * w * w));
        var bound = tEnd * scheme switch
        {
            "linear" => h * h * a / (w * w) / 8,
            "cubic" => 5 * Math.Pow(h, 4) * 3 * a / Math.Pow(w, 4) / 384 + h * h * Math.Abs(fEnd) / 8,
            _ => h * a / (w * Math.Sqrt(Math.E)),
        };
        double worst = 0;
        for (var i = 0; i < analytic.Times.Count; i++)
        {
            var t = analytic.Times[i];
            var exact = Math.Pow(Math.Sin(Angle(t, a, c, w)), 2);
            Assert.Equal(exact, analytic.WorkSeries[i], 8);
            worst = Math.Max(worst, Math.Abs(sampled.WorkSeries[i] - analytic.WorkSeries[i]));
        }
        Assert.True(worst <= bound, $"{scheme}, h = {h}: largest |dW| = {worst} above the stated bound {bound}");
        Assert.True(worst > 0, "the sampled pulse must differ from the analytic one by its interpolation error");
    }

    [Fact]
    public void Sample_files_equal_inline_samples()
    {
        using var dir = new TempDir();
        double[] t = [0, 0.5, 1, 1.5, 2];
        double[] v = [0, 0.8, 1.2, 0.7, 0.1];
        File.WriteAllLines(dir.File("pulse.csv"), ["t,f", .. t.Select((x, k) => FormattableString.Invariant($"{x},{v[k]}"))]);
        var m = new double[t.Length, 2];
        for (var k = 0; k < t.Length; k++) (m[k, 0], m[k, 1]) = (t[k], v[k]);
        Npy.Write(dir.File("pulse.npy"), m);
        string Model(string function) => "dims: [2]\nbattery:\n  - {op: proj:1:1, sites: [0]}\nhamiltonian:\n  drives:\n    - operator:\n        - {op: sx, sites: [0]}\n" +
            $"      function: {function}\ninitial: {{basis: [0]}}\ntimes: {{stop: 2, points: 21}}\n";
        double[] W(string f) => [.. ChargingRunner.Run(ModelFileBattery.Setup(ModelFile.Parse(Model(f), "pulse", dir.Root))).WorkSeries];
        var inline = W("{type: samples, times: [0, 0.5, 1, 1.5, 2], values: [0, 0.8, 1.2, 0.7, 0.1]}");
        Assert.Equal(inline, W("{type: samples, file: pulse.csv}"));
        Assert.Equal(inline, W("{type: samples, file: pulse.npy}"));
    }

    [Fact]
    public void Oscillator_in_a_fock_space_reproduces_the_covariance_route()
    {
        foreach (var beta in new[] { double.PositiveInfinity, 2.0 })
        {
            var battery = new OscillatorBattery([1.3], beta);
            var alpha = new Complex(0.8, 0.3);
            const double r = 0.4;
            var covariance = battery.Charge(GaussianUnitary.Squeeze(1, 0, r).Then(GaussianUnitary.Displace(1, 0, alpha)));
            var run = ChargingRunner.Run(battery.FockSetup(40, [alpha], [r]));
            Assert.True(run.LimitMaxima.Values.Single() < 1e-10);
            Assert.Equal(covariance.Work, run.WorkSeries[^1], 8);
            Assert.Equal(covariance.InitialEnergy, run.Energy[0], 8);
        }
    }

    [Fact]
    public void Runs_that_do_not_fit_are_refused_before_the_model_builds_anything()
    {
        var built = false;
        var setup = new ChargingSetup
        {
            Name = "large",
            Size = new RunSize(1L << 26, 0),
            Build = () =>
            {
                built = true;
                throw new InvalidOperationException("must not be built");
            },
            Window = ChargingWindow.Uniform(1, 10),
            MemoryLimit = 1L << 30,
            Operation = "Test",
            SizeArgument = "cells",
            SizeDescription = "2^26 amplitudes",
        };
        var e = Assert.Throws<ResourceException>(() => ChargingRunner.Run(setup));
        Assert.Contains("2^26 amplitudes, which needs about", e.Message, StringComparison.Ordinal);
        Assert.Contains("'cells'", e.Message, StringComparison.Ordinal);
        Assert.False(built);
    }

    [Fact]
    public void The_dispatcher_picks_the_equation_from_what_the_problem_holds()
    {
        var h = new Hamiltonian(Pauli.X);
        var psi = Ket.Basis(2, 0);
        var rho = DensityMatrix.Diagonal([0.7, 0.3]);
        Assert.Equal(Equation.Schrodinger, EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = h.Dims, Hamiltonian = h, InitialKet = psi }).Equation);
        Assert.Equal(Equation.VonNeumann, EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = h.Dims, Hamiltonian = h, InitialMixed = rho }).Equation);
        Assert.Equal(Equation.Lindblad, EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = h.Dims, Hamiltonian = h, InitialKet = psi, Collapse = [Pauli.Minus] }).Equation);
        var map = new EvolutionProblem { Dims = h.Dims, Map = LinearMap.From(Pauli.X.ToDense()), InitialKet = psi };
        Assert.Equal(Equation.Schrodinger, EvolutionDispatcher.Prepare(map).Equation);
        Assert.Throws<ValidationException>(() => EvolutionDispatcher.Prepare(map with { Collapse = [Pauli.Minus] }));
        Assert.Throws<ValidationException>(() => EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = h.Dims, Hamiltonian = h }));
        // the same problem through the dispatcher and the solver it chose (Rabi: <sigma_z> = cos 2t)
        var traj = EvolutionDispatcher.Prepare(new EvolutionProblem { Dims = h.Dims, Hamiltonian = h, InitialKet = psi }).Run([0, 0.3, 0.9], [new Observable("z", Pauli.Z)]);
        Assert.Equal(Math.Cos(1.8), traj.Expectation("z")[2], 9);
    }

    [Fact]
    public void A_continued_run_without_the_positivity_check_is_the_same_evolution()
    {
        // one qubit under sigma_x with decay (R6): the run to t = 1 continued from its final state to t = 2 must give the values
        // of one run to t = 2, and the unchecked form the same values without the eigendecomposition of rho at the end
        var h = new Hamiltonian(Pauli.X);
        var problem = new EvolutionProblem { Dims = h.Dims, Hamiltonian = h, InitialKet = Ket.Basis(2, 0), Collapse = [0.3 * Pauli.Minus] };
        var prepared = EvolutionDispatcher.Prepare(problem);
        Observable[] z = [new Observable("z", Pauli.Z)];
        var whole = prepared.Run([0, 1, 2], z);
        var half = prepared.Run([0, 1], z);
        var rest = prepared.WithoutPositivityCheck().RunFrom(half.FinalStateObject, [1, 2], z);
        Assert.Equal(whole.Expectation("z")[2], rest.Expectation("z")[1], 9);
        Assert.False(double.IsNaN(whole.Statistics.MinEigenvalue));
        Assert.True(double.IsNaN(rest.Statistics.MinEigenvalue));
        Assert.Throws<ValidationException>(() => prepared.RunFrom("not a state", [1, 2], z));
    }

    public static TheoryData<string, string> BadModelFiles() => new()
    {
        { "reference: {parallel: 0, model: one.yaml}", "reference.parallel" },
        { "reference: {model: one.yaml, constraints: [c3]}", "reference.constraints[0]" },
        { "reference: {model: one.yaml, constraints: [c0, c0]}", "reference.constraints[1]" },
        { "reference: {model: missing.yaml}", "reference.model" },
        { "reference: {model: nested.yaml}", "reference" },
        { "reference: {copies: 2, model: one.yaml}", "reference.copies" },
        { "reference: {parallel: 2}", "reference.model" },
        { "compute: [energy]", "compute[0]" },
        { "compute: [work, work]", "compute[1]" },
        { "end: {target: {basis: [1, 1]}}", "end.horizon" },
        { "end: {duration: -1}", "end.duration" },
        { "end: {duration: 1, max_power: 2}", "'end'" },
        { "end: {target: {basis: [1, 3]}, horizon: 2}", "end.target.basis[1]" },
        { "end: {max_power: 2, horizon: 3}", "end.horizon" },
        { "observables:\n  - {name: lowering, operator: [{op: sm, sites: [0]}]}", "observables[0].operator" },
        { "name: [1, 2]", "'name'" },
    };

    [Theory]
    [MemberData(nameof(BadModelFiles))]
    public void Bad_new_model_file_fields_give_one_line_naming_the_field_and_exit_2(string extra, string field)
    {
        using var dir = new TempDir();
        const string header = "dims: [2, 2]\nbattery:\n  - {op: proj:1:1, sites: each}\nhamiltonian:\n  static:\n    - {op: sx, sites: each}\ninitial: {basis: [0, 0]}\n";
        File.WriteAllText(dir.File("one.yaml"), "dims: [2]\nbattery:\n  - {op: proj:1:1, sites: [0]}\ninitial: {basis: [0]}\ntimes: {stop: 1, points: 3}\n");
        File.WriteAllText(dir.File("nested.yaml"), "dims: [2]\nbattery:\n  - {op: proj:1:1, sites: [0]}\ninitial: {basis: [0]}\ntimes: {stop: 1, points: 3}\nreference: {model: one.yaml}\n");
        var times = extra.StartsWith("end:", StringComparison.Ordinal) ? "" : "times: {stop: 1, points: 11}\n";
        File.WriteAllText(dir.File("bad.yaml"), header + times + extra + "\n");
        CliRunner.AssertBadInput(CliRunner.Run("charge", dir.File("bad.yaml")), field);
    }

    public static TheoryData<string, string> BadTermsAndPulses() => new()
    {
        { "    - {npy: missing.npy, sites: [0]}", "hamiltonian.static[0].npy" },
        { "    - {npy: xx.npy, sites: [0]}", "hamiltonian.static[0].npy" },
        { "    - {npy: xx.npy, sites: [0, 0]}", "hamiltonian.static[0].sites" },
        { "    - {npy: sx.npy, op: sx, sites: [0]}", "hamiltonian.static[0]" },
        { "    - {matrix: [[0, 1], [1, 0]]}", "hamiltonian.static[0].sites" },
    };

    [Theory]
    [MemberData(nameof(BadTermsAndPulses))]
    public void Bad_npy_terms_give_one_line_naming_the_field_and_exit_2(string term, string field)
    {
        using var dir = new TempDir();
        Npy.Write(dir.File("sx.npy"), Pauli.X.ToDense());
        Npy.Write(dir.File("xx.npy"), Operator.Tensor(Pauli.X, Pauli.X).ToDense());
        File.WriteAllText(dir.File("bad.yaml"), CellsHeader + "hamiltonian:\n  static:\n" + term + "\n");
        CliRunner.AssertBadInput(CliRunner.Run("charge", dir.File("bad.yaml")), field);
    }

    public static TheoryData<string, string> BadPulses() => new()
    {
        { "{type: samples, times: [0, 1, 0.5], values: [0, 1, 2]}", "function.times" },
        { "{type: samples, times: [0, 1, 2], values: [0, 1]}", "function.values" },
        { "{type: samples, times: [0], values: [1]}", "function.times" },
        { "{type: samples, times: [0, 1], values: [0, 1], interpolation: spline}", "function.interpolation" },
        { "{type: samples, file: pulse.csv, times: [0, 1], values: [0, 1]}", "drives[0].function" },
        { "{type: samples, file: pulse.txt}", "function.file" },
        { "{type: samples, file: nothere.csv}", "function.file" },
        { "{type: samples, file: bad.csv}", "function.file" },
        { "{type: samples, times: [0, x], values: [0, 1]}", "function.times[1]" },
    };

    [Theory]
    [MemberData(nameof(BadPulses))]
    public void Bad_sampled_pulses_give_one_line_naming_the_field_and_exit_2(string function, string field)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("pulse.csv"), "0,0\n1,1\n");
        File.WriteAllText(dir.File("pulse.txt"), "0,0\n1,1\n");
        File.WriteAllText(dir.File("bad.csv"), "0,0\n1,1,2\n");
        File.WriteAllText(dir.File("bad.yaml"), CellsHeader + "hamiltonian:\n  drives:\n    - operator:\n        - {op: sx, sites: [0]}\n      function: " + function + "\n");
        CliRunner.AssertBadInput(CliRunner.Run("charge", dir.File("bad.yaml")), field);
    }
}
