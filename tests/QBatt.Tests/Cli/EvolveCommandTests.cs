using System.Text.Json.Nodes;
using QBatt.Tests.IO;

namespace QBatt.Tests.Cli;

/// <summary><c>qbatt evolve</c>: the worked examples, outputs, and bad model files (one line, exit code 2).</summary>
public class EvolveCommandTests
{
    private static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "docs", "examples", name);
    }

    private const string Qubit = """
        dims: [2]
        battery:
          - {coef: 0.5, op: sz, sites: [0]}
          - {coef: 0.5, op: id}
        hamiltonian:
          static: [{coef: 0, op: id}]
          drives:
            - operator: [{op: sx, sites: [0]}]
              function: {type: constant, value: 1}
        initial: {basis: [1]}
        times: {start: 0, stop: 3, points: 31}
        """;

    [Fact]
    public void Global_pi_pulse_example_charges_both_cells_fully()
    {
        var r = CliRunner.Run("evolve", "--model", Example("two-qubit-pulse.yaml"), "--json");
        Assert.Equal(0, r.Code);
        var doc = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal("charge", (string?)doc["command"]); // evolve is an alias of charge
        // a pulse of area pi/2 on sigma_x sigma_x takes |1,1> (E = 0) to |0,0> (E = 2)
        Assert.True(Math.Abs((double)doc["final_work"]! - 2) < 1e-6, $"final work {doc["final_work"]}");
        var p00 = doc["observables"]!["P(|00>)"]!.AsArray();
        Assert.True(Math.Abs((double)p00[^1]! - 1) < 1e-6);
        Assert.Equal("dynamics", (string?)doc["power_refinement"]);
        Assert.True((double)doc["charging_time_error"]! < 1e-8);
        Assert.Equal(161, doc["times"]!.AsArray().Count);
    }

    [Fact]
    public void Damped_qubit_example_runs_the_lindblad_solver_and_writes_csv_and_svg()
    {
        using var dir = new TempDir();
        var csv = dir.File("run.csv");
        var svg = dir.File("run.svg");
        var r = CliRunner.Run("evolve", "--model", Example("damped-qubit.json"), "--out", csv, "--plot", svg);
        Assert.Equal(0, r.Code);
        Assert.Contains("the Hamiltonian part plus the dissipative part", r.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("t,E0,W,P,excited,final_work,", lines[0], StringComparison.Ordinal); // the trajectory, then the headline numbers
        Assert.Equal(202, lines.Length);
        Assert.StartsWith("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.Equal(4, dir.Entries().Length); // run.csv, run.svg, and the figure's run.data.csv and run.py
    }

    /// <summary>A qubit under sigma_x from the ground state: W(t) = sin^2(t), P(t) = sin(2t) (Rabi).</summary>
    [Fact]
    public void Resonant_qubit_matches_the_rabi_closed_form()
    {
        using var dir = new TempDir();
        var model = dir.File("qubit.yaml");
        File.WriteAllText(model, Qubit);
        var r = CliRunner.Run("evolve", "--model", model, "--json", "--method", "krylov");
        Assert.Equal(0, r.Code);
        var doc = JsonNode.Parse(r.Out)!.AsObject();
        var t = doc["times"]!.AsArray().Select(x => (double)x!).ToArray();
        var w = doc["work"]!.AsArray().Select(x => (double)x!).ToArray();
        var p = doc["power"]!.AsArray().Select(x => (double)x!).ToArray();
        for (var k = 0; k < t.Length; k++)
        {
            Assert.True(Math.Abs(w[k] - Math.Pow(Math.Sin(t[k]), 2)) < 1e-9);
            Assert.True(Math.Abs(p[k] - Math.Sin(2 * t[k])) < 1e-9);
        }
        Assert.Equal("krylov", (string?)doc["parameters"]!["method"]);
    }

    public static IEnumerable<object[]> BadModels() =>
    [
        [Qubit.Replace("{op: sx, sites: [0]}", "{op: sp, sites: [0]}", StringComparison.Ordinal), "hamiltonian.drives[0].operator' expected a Hermitian operator"],
        [Qubit.Replace("type: constant, value: 1", "type: square, value: 1", StringComparison.Ordinal), "hamiltonian.drives[0].function.type' expected one of constant, step, ramp, sine, gaussian, samples, got 'square'"],
        [Qubit.Replace("times: {start: 0, stop: 3, points: 31}", "times: [0, 1, 0.5]", StringComparison.Ordinal), "argument 'times' expected strictly increasing output times, got t[2] = 0.5 after t[1] = 1"],
        [Qubit + "\noptions: {atol: -1e-9}", "argument 'options.atol' expected a non-negative finite number"],
        [Qubit + "\ncollapse:\n  - [{matrix: [[0, 0, 0], [1, 0, 0], [0, 1, 0]], sites: [0]}]", "argument 'collapse[0][0].matrix' expected 2 rows (dimension of subsystem 0), got 3"],
        [Qubit.Replace("dims: [2]", "dims: [2]\ncolor: blue", StringComparison.Ordinal), "argument 'color' expected one of the keys"],
        [Qubit.Replace("{op: sx, sites: [0]}", "{op: sx, sites: [1]}", StringComparison.Ordinal), "sites[0]' expected a subsystem index in 0..0, got 1"],
        ["dims: [2\n", "expected valid YAML or JSON"],
    ];

    [Theory]
    [MemberData(nameof(BadModels))]
    public void Bad_model_files_give_one_line_and_exit_code_2(string text, string message)
    {
        using var dir = new TempDir();
        var model = dir.File("bad.yaml");
        File.WriteAllText(model, text);
        var r = CliRunner.Run("evolve", "--model", model);
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        var err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("qbatt evolve: model file 'bad.yaml': argument '", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_parse_errors_with_exit_code_2()
    {
        var r1 = CliRunner.Run("evolve", "--model", Example("damped-qubit.json"), "--atol", "-1");
        Assert.Equal(2, r1.Code);
        Assert.Contains("--atol: expected a non-negative number, got -1", r1.Err, StringComparison.Ordinal);
        var r2 = CliRunner.Run("evolve", "--model", Example("damped-qubit.json"), "--method", "euler");
        Assert.Equal(2, r2.Code);
        Assert.Contains("--method: expected one of auto, krylov, chebyshev, exact, dop853, dopri5, got 'euler'", r2.Err, StringComparison.Ordinal);
        var r3 = CliRunner.Run("evolve", "--model", "/nonexistent/model.yaml");
        Assert.Equal(2, r3.Code);
        Assert.Contains("expected an existing file", r3.Err, StringComparison.Ordinal);
        var r4 = CliRunner.Run("evolve", "--model", Example("damped-qubit.json"), "--method", "exact");
        Assert.Equal(2, r4.Code);
        Assert.Contains("'exact' diagonalises Hamiltonians only", r4.Err, StringComparison.Ordinal);
    }
}
