using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.IO;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;
using QBatt.Thermodynamics;
using static QBatt.Tests.Cli.CliRunner;

namespace QBatt.Tests.Cli;

/// <summary>qbatt ergotropy, copies and extract-plan: outputs, files and the bad-input policy (exit 2, one line).</summary>
public class WorkExtractionCliTests
{
    [Fact]
    public void Ergotropy_of_rev_fig2_has_every_key()
    {
        var doc = CliRunner.Json(CliRunner.Run("ergotropy", "--energies", "-2,-1,0,1,2", "--populations", "0.1,0.2,0,0.3,0.4", "--json"));
        foreach (var key in new[] { "ergotropy", "energy", "passive_energy", "passive_populations", "entropy", "beta_bar", "entropy_bound", "incoherent_ergotropy", "coherent_ergotropy" })
            Assert.True(doc.ContainsKey(key), key);
        Assert.InRange((double)doc["ergotropy"]! - 1.7, -1e-14, 1e-14);
        Assert.InRange((double)doc["passive_energy"]! + 1.0, -1e-15, 1e-15);
        Assert.Equal([0.4, 0.3, 0.2, 0.1, 0], doc["passive_populations"]!.AsArray().Select(x => (double)x!));
        Assert.True((double)doc["entropy_bound"]! >= (double)doc["ergotropy"]!);
        Assert.Equal("ergotropy", (string?)doc["command"]);
    }

    [Fact]
    public void Ergotropy_from_npy_and_json_files()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-ergo");
        try
        {
            var cell = RandomCell_(4, 3);
            var rhoNpy = Path.Combine(dir.FullName, "rho.npy");
            var hJson = Path.Combine(dir.FullName, "h.json");
            Npy.Write(rhoNpy, cell.Rho);
            MatrixFile.WriteJson(hJson, cell.H);
            var doc = CliRunner.Json(CliRunner.Run("ergotropy", "--state", rhoNpy, "--hamiltonian", hJson, "--json"));
            // oracle: min over permutations of the spectra known by construction
            var expected = (double)doc["energy"]! - BruteForceWork.MinOverPermutations(cell.R, cell.E);
            Assert.InRange((double)doc["ergotropy"]! - expected, -1e-10, 1e-10);
            Assert.Equal(4, doc["passive_populations"]!.AsArray().Count);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private sealed record Cell(ComplexMatrix Rho, ComplexMatrix H, double[] R, double[] E);

    private static Cell RandomCell_(int d, int seed)
    {
        var rng = new RandomMatrices(seed);
        var r = rng.Probabilities(d);
        var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
        return new Cell(QBatt.Tests.Thermodynamics.RandomCell.Sandwich(rng.HaarUnitary(d), r), QBatt.Tests.Thermodynamics.RandomCell.Sandwich(rng.HaarUnitary(d), e), r, e);
    }

    [Fact]
    public void Populations_not_summing_to_one_are_refused_unless_normalised()
    {
        AssertBadInput(CliRunner.Run("ergotropy", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224"), "got sum 0.999");
        AssertBadInput(CliRunner.Run("copies", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--n", "2"), "got sum 0.999");
        AssertBadInput(CliRunner.Run("extract-plan", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--cells", "2"), "got sum 0.999");
        var doc = CliRunner.Json(CliRunner.Run("ergotropy", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--normalize", "--json"));
        Assert.InRange((double)doc["normalization_factor"]! - 1 / 0.999, -1e-15, 1e-15);
        Assert.Contains(doc["notes"]!.AsArray(), n => ((string)n!).Contains("normalised the populations: their sum was 0.999", StringComparison.Ordinal));
        var human = CliRunner.Run("copies", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--normalize", "--n", "3");
        Assert.Equal(0, human.Code);
        Assert.Contains("note: normalised the populations", human.Out, StringComparison.Ordinal);
        // within 1e-9 is accepted as is
        Assert.Equal(0, CliRunner.Run("ergotropy", "--energies", "0,1", "--populations", "0.3,0.7000000005").Code);
    }

    [Fact]
    public void State_files_with_wrong_trace_are_refused_unless_normalised()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-ergo");
        try
        {
            var rho = Path.Combine(dir.FullName, "rho.json");
            var h = Path.Combine(dir.FullName, "h.json");
            File.WriteAllText(rho, "[[0.5, [0.1, 0.2]], [[0.1, -0.2], 0.4]]");
            File.WriteAllText(h, "[[1, 0], [0, -1]]");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", h), "got trace 0.9");
            var doc = CliRunner.Json(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", h, "--normalize", "--json"));
            Assert.InRange((double)doc["normalization_factor"]! - 1 / 0.9, -1e-14, 1e-14);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    public static IEnumerable<object[]> BadInputs()
    {
        string[] cmds = ["ergotropy", "copies", "extract-plan"];
        string[] Extra(string c) => c switch { "copies" => ["--n", "2"], "extract-plan" => ["--cells", "2"], _ => [] };
        foreach (var c in cmds)
        {
            yield return [new[] { c, "--energies", "0,1", "--populations", "0.5,0.5,0" }.Concat(Extra(c)).ToArray(), "expected 2 values"];
            yield return [new[] { c, "--energies", "0,x", "--populations", "0.5,0.5" }.Concat(Extra(c)).ToArray(), "--energies: expected comma-separated finite numbers, got 'x'"];
            yield return [new[] { c, "--energies", "0,1", "--populations", "1.2,-0.2" }.Concat(Extra(c)).ToArray(), "expected non-negative populations, got -0.2"];
            yield return [new[] { c, "--energies", "0,1" }.Concat(Extra(c)).Append("--populations").ToArray(), "--populations"];
            yield return [new[] { c, "--energies", "0,1" }.Concat(Extra(c)).ToArray(), "--populations"];
            yield return [new[] { c, "--energies", "0,1", "--populations", "0.5,,0.5" }.Concat(Extra(c)).ToArray(), "empty item"];
        }
        yield return [new[] { "copies", "--energies", "0,1", "--populations", "0.5,0.5" }, "--n"];
        yield return [new[] { "copies", "--energies", "0,1", "--populations", "0.5,0.5", "--n", "0,3" }, "--n: expected numbers of copies >= 1, got 0"];
        yield return [new[] { "copies", "--energies", "0,1", "--populations", "0.5,0.5", "--n", "3..x" }, "--n: expected integers or ranges"];
        yield return [new[] { "copies", "--energies", "0,1", "--populations", "0.5,0.5", "--n", "3", "--plot", "x.png" }, "--plot: expected a file ending in .svg"];
        yield return [new[] { "extract-plan", "--energies", "0,1", "--populations", "0.5,0.5", "--cells", "0" }, "--cells: expected an integer >= 1, got 0"];
        yield return [new[] { "extract-plan", "--energies", "0,1", "--populations", "0.5,0.5", "--cells", "20" }, "d^n <= 65536"];
        yield return [new[] { "extract-plan", "--energies", "0,1", "--populations", "0.5,0.5" }, "--cells"];
        yield return [new[] { "ergotropy" }, "got neither"];
        yield return [new[] { "ergotropy", "--energies", "0,1", "--populations", "0.5,0.5", "--state", "/etc/hostname", "--hamiltonian", "/etc/hostname" }, "got both"];
        yield return [new[] { "ergotropy", "--state", "/nonexistent/rho.npy", "--hamiltonian", "/etc/hostname" }, "--state: expected an existing file, got '/nonexistent/rho.npy' (not found)"];
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gives_one_line_and_exit_code_2(string[] args, string fragment) =>
        AssertBadInput(CliRunner.Run(args), fragment);

    [Fact]
    public void Bad_matrix_files_give_one_line_and_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-ergo");
        try
        {
            string P(string name, string text)
            {
                var path = Path.Combine(dir.FullName, name);
                File.WriteAllText(path, text);
                return path;
            }
            var rho = P("rho.json", "[[0.5, 0], [0, 0.5]]");
            var nonHermitian = P("nh.json", "[[0, 1], [0, 1]]");
            var wrongSize = P("h3.json", "[[0, 0, 0], [0, 1, 0], [0, 0, 2]]");
            var garbage = P("bad.npy", "not an npy file");
            var badJson = P("bad.json", "[[1, 2], [3]");
            var negative = P("neg.json", "[[1.5, 0], [0, -0.5]]");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", nonHermitian), "--hamiltonian: expected a Hermitian matrix");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", wrongSize), "expected a 2x2 matrix");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", garbage, "--hamiltonian", rho), "bad.npy");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", badJson), "bad.json");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", negative, "--hamiltonian", rho), "positive semidefinite");
            AssertBadInput(CliRunner.Run("ergotropy", "--state", rho), "--hamiltonian");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Copies_rows_limit_and_plot()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-copies");
        try
        {
            var svg = Path.Combine(dir.FullName, "fig.svg");
            var doc = CliRunner.Json(CliRunner.Run("copies", "--energies", "0,0.579,1", "--populations", "0.538,0.237,0.224", "--normalize", "--n", "1..4,10", "--plot", svg, "--json"));
            var rows = doc["rows"]!.AsArray();
            Assert.Equal([1, 2, 3, 4, 10], rows.Select(r => (int)r!["n"]!));
            Assert.Equal([true, true, false, false, false], rows.Select(r => (bool)r!["passive"]!));
            var p = new[] { 0.538, 0.237, 0.224 }.Select(x => x / 0.999).ToArray();
            foreach (var row in rows)
            {
                var n = (int)row!["n"]!;
                Assert.InRange((double)row["extra_work_per_copy"]! - BruteForceWork.ExtraWorkPerCopy(p, [0, 0.579, 1], n), -1e-12, 1e-12);
                Assert.True(row.AsObject().ContainsKey("work_per_copy"));
            }
            Assert.InRange((double)doc["limit"]! - 0.008287656756473027, -1e-12, 1e-12); // scipy reference, Data/thermo/entropy_bound_reference.json
            Assert.Equal(3, (int)doc["passivity_breaks_at"]!);
            var text = File.ReadAllText(svg);
            Assert.StartsWith("<svg", text, StringComparison.Ordinal);
            Assert.Contains("limit n → ∞: 0.00828766", text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Copies_csv_output_has_one_row_per_n()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-copies");
        try
        {
            var csv = Path.Combine(dir.FullName, "rows.csv");
            Assert.Equal(0, CliRunner.Run("copies", "--energies", "0,1,2", "--populations", "0.2,0.5,0.3", "--n", "1,2,5", "--out", csv).Code);
            var lines = File.ReadAllLines(csv);
            Assert.StartsWith("n,work_per_copy,extra_work_per_copy,passive,", lines[0], StringComparison.Ordinal); // the rows, then the headline numbers
            Assert.Contains("limit", lines[0].Split(','));
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("5,", lines[3], StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Extract_plan_counts_steps_and_checks()
    {
        var doc = CliRunner.Json(CliRunner.Run("extract-plan", "--energies", "0,0.579,1", "--populations", "0,0.2,0.8", "--cells", "2", "--json"));
        var steps = doc["steps"]!.AsArray();
        Assert.Equal((int)doc["single_cell_steps"]!, steps.Count);
        Assert.Equal((int)doc["executed_steps"]!, steps.Count(s => !(bool)s!["trivial"]!));
        Assert.Equal((int)doc["trivial_steps"]!, steps.Count(s => (bool)s!["trivial"]!));
        Assert.Equal((int)doc["direct_transpositions"]!, doc["transpositions"]!.AsArray().Count);
        Assert.Equal(doc["transpositions"]!.AsArray().Sum(t => (int)t!["steps"]!), steps.Count);
        Assert.True((bool)doc["final_is_passive"]!);
        Assert.True((bool)doc["separable_throughout"]!);
        Assert.True((bool)doc["direct_route"]!["entangles"]!);
        Assert.InRange((double)doc["final_energy"]! - (double)doc["passive_energy"]!, -1e-15, 1e-15);
        Assert.All(steps, s => Assert.Equal(1, ((string)s!["from"]!).Zip((string)s["to"]!).Count(c => c.First != c.Second)));
        var human = CliRunner.Run("extract-plan", "--energies", "0,1", "--populations", "0.3,0.7", "--cells", "5", "--show", "3");
        Assert.Equal(0, human.Code);
        Assert.Contains("note: showing 3 of", human.Out, StringComparison.Ordinal);
    }
}
