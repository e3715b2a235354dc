using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Cli;
using QBatt.Cli.Output;
using QBatt.IO;
using QBatt.Numerics;

namespace QBatt.Tests.Cli;

/// <summary>The front door (issues 11 and 13): the name qbatt, one-line parse errors with suggestions, help, file options, JSON escaping, labels.</summary>
public class FrontDoorTests
{
    [Fact]
    public void Mistyped_command_is_one_line_with_the_nearest_command()
    {
        var r = CliRunner.Run("ergtropy");
        CliRunner.AssertBadInput(r, "did you mean 'ergotropy'?");
        Assert.Equal("qbatt: unknown command 'ergtropy'; did you mean 'ergotropy'?", r.Err.Trim());
        Assert.Equal("qbatt: unknown command 'dike'; did you mean 'dicke'?", CliRunner.Run("dike", "--cells", "4").Err.Trim());
        Assert.Equal("qbatt: unknown command 'repro'; did you mean 'reproduce'?", CliRunner.Run("repro").Err.Trim());
    }

    [Fact]
    public void Unknown_command_with_help_is_an_error_not_the_root_help()
    {
        var r = CliRunner.Run("frobnicate", "--help");
        CliRunner.AssertBadInput(r, "unknown command 'frobnicate'");
        Assert.Contains("the commands are info, reproduce, ergotropy", r.Err, StringComparison.Ordinal);
        CliRunner.AssertBadInput(CliRunner.Run("info", "--help", "--bogus"), "qbatt info: unknown option '--bogus'");
    }

    [Fact]
    public void Mistyped_option_is_one_line_with_the_nearest_option()
    {
        var r = CliRunner.Run("ergotropy", "--energy", "0,1", "--populations", "0.5,0.5");
        CliRunner.AssertBadInput(r, "did you mean '--energies'?");
        Assert.Equal("qbatt ergotropy: unknown option '--energy'; did you mean '--energies'?", r.Err.Trim());
        Assert.Equal("qbatt info: unknown option '--jsn'; did you mean '--json'?", CliRunner.Run("info", "--jsn").Err.Trim());
        Assert.Equal("qbatt: unknown option '--verison'; did you mean '--version'?", CliRunner.Run("--verison").Err.Trim());
        Assert.Equal("qbatt copies: unknown option '--energie'; did you mean '--energies'?", CliRunner.Run("copies", "--energie=0,1").Err.Trim());
    }

    [Theory]
    [InlineData(new string[0], "qbatt: expected a command: info, reproduce")]
    [InlineData(new[] { "info", "--bogus", "--x" }, "qbatt info: unknown option '--bogus'; see 'qbatt info --help'")]
    [InlineData(new[] { "info", "extra" }, "qbatt info: unexpected argument 'extra'")]
    [InlineData(new[] { "copies" }, "qbatt copies: ")]
    [InlineData(new[] { "dicke", "--cells" }, "qbatt dicke: ")]
    [InlineData(new[] { "ergotropy", "--energies", "a", "--populations", "b" }, "qbatt ergotropy: --energies: expected comma-separated finite numbers, got 'a'")]
    [InlineData(new[] { "copies", "--energies", "0,1", "--populations", "x", "--n", "y", "--bogus" }, "qbatt copies: unknown option '--bogus'")]
    public void Every_parse_error_is_exactly_one_line(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        CliRunner.AssertBadInput(r, expected);
        Assert.StartsWith(expected, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("more error", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_usage_name_qbatt_and_list_every_command()
    {
        var root = CliRunner.Run("--help");
        Assert.Equal(0, root.Code);
        Assert.Contains("Usage:\n  qbatt <command> [options]", root.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (var c in QBattCli.Commands)
            Assert.Contains($"  {c.Name} ", root.Out, StringComparison.Ordinal);
        var sub = CliRunner.Run("ergotropy", "--help");
        Assert.Equal(0, sub.Code);
        Assert.Contains("qbatt ergotropy [options]", sub.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", sub.Out, StringComparison.Ordinal);
        foreach (var text in new[] { root.Out, sub.Out })
            Assert.DoesNotContain("QBatt.Cli", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_builds_and_has_help_with_an_example()
    {
        // the lazily built tree and the full one agree, and every command's help names qbatt and has an example
        using var o = new StringWriter();
        var full = QBattCli.Build(new CliContext(o, o, interactive: false));
        Assert.Equal(QBattCli.Commands.Select(c => c.Name), full.Subcommands.Select(c => c.Name));
        foreach (var c in QBattCli.Commands)
        {
            var r = CliRunner.Run(c.Name, "--help");
            Assert.Equal(0, r.Code);
            Assert.Matches($@"qbatt {c.Name} (\[?<\w+>\]? )?(\[command\] )?\[options\]", r.Out); // charge and sweep take a file argument
            Assert.Contains($"  qbatt {c.Name} ", r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.Code);
        Assert.StartsWith(ReportWriter.Version, r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void A_directory_where_a_file_is_expected_is_called_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-cli-dir").FullName;
        try
        {
            var r = CliRunner.Run("ergotropy", "--state", dir, "--hamiltonian", dir);
            CliRunner.AssertBadInput(r, $"--state: expected a file, got '{dir}' (a directory)");
            var missing = CliRunner.Run("ergotropy", "--state", Path.Combine(dir, "none.npy"), "--hamiltonian", Path.Combine(dir, "none.npy"));
            CliRunner.AssertBadInput(missing, "(not found)");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Messages_name_cli_options_and_model_file_fields_not_record_properties()
    {
        var model = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "examples", "damped-qubit.json");
        var r = CliRunner.Run("evolve", "--model", model, "--atol", "0", "--rtol", "0");
        CliRunner.AssertBadInput(r, "qbatt evolve: --atol: expected a positive absolute or relative tolerance, got both 0");
        Assert.DoesNotContain("EvolutionOptions", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("AbsoluteTolerance", r.Err, StringComparison.Ordinal);

        var dir = Directory.CreateTempSubdirectory("qbatt-cli-model").FullName;
        try
        {
            var text = File.ReadAllText(model);
            var doc = JsonNode.Parse(text)!.AsObject();
            doc["options"] = new JsonObject { ["atol"] = 0, ["rtol"] = 0 };
            var file = Path.Combine(dir, "zero-tolerance.json");
            File.WriteAllText(file, doc.ToJsonString());
            var f = CliRunner.Run("evolve", "--model", file);
            CliRunner.AssertBadInput(f, "options.atol");
            Assert.DoesNotContain("AbsoluteTolerance", f.Err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Json_output_uses_relaxed_escaping()
    {
        // the extract-plan note contains |1>..|d>; strict escaping would write \u003E
        var r = CliRunner.Run("extract-plan", "--energies", "0,1", "--populations", "0.3,0.7", "--cells", "2", "--json");
        Assert.Equal(0, r.Code);
        Assert.Contains("|1>..|d>", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003E", r.Out, StringComparison.Ordinal);
        var report = new Report("test").Note("a > b + c'd \"q\" Γ ψ");
        var text = ReportWriter.ToJsonText(report);
        Assert.Contains("a > b + c'd \\\"q\\\" Γ ψ", text, StringComparison.Ordinal);
        Assert.Equal("a > b + c'd \"q\" Γ ψ", (string?)JsonNode.Parse(text)!["notes"]![0]);
    }

    [Fact]
    public void Ergotropy_table_levels_are_zero_based_like_the_docs()
    {
        var r = CliRunner.Json(CliRunner.Run("ergotropy", "--energies", "0,1,2", "--populations", "0.2,0.3,0.5", "--json"));
        var rows = r["tables"]!["passive_state"]!.AsArray();
        Assert.Equal([0, 1, 2], rows.Select(x => (int)x!["level"]!));
        var table = CliRunner.Run("ergotropy", "--energies", "0,1,2", "--populations", "0.2,0.3,0.5");
        Assert.Matches(@"│ 0\s+│ 0\s+│ 0\.5", table.Out);
    }

    [Fact]
    public void Energies_that_overflow_are_refused_with_the_working_range()
    {
        var r = CliRunner.Run("ergotropy", "--energies", "1e308,-1e308", "--populations", "0.3,0.7");
        CliRunner.AssertBadInput(r, "--energies: expected energies of magnitude at most 1e150");
        CliRunner.AssertBadInput(CliRunner.Run("copies", "--energies", "0,1e200", "--populations", "0.3,0.7", "--n", "2"), "--energies: expected energies of magnitude at most 1e150");
        // at the edge of the range the bound is still above the ergotropy (equal for a qubit, R3)
        var ok = CliRunner.Json(CliRunner.Run("ergotropy", "--energies", "1e150,-1e150", "--populations", "0.7,0.3", "--json"));
        Assert.InRange((double)ok["ergotropy"]! / 8e149 - 1, -1e-14, 1e-14);
        Assert.InRange((double)ok["entropy_bound"]! / 8e149 - 1, -1e-12, 1e-12);
        var dir = Directory.CreateTempSubdirectory("qbatt-cli-big").FullName;
        try
        {
            var rho = Path.Combine(dir, "rho.npy");
            var h = Path.Combine(dir, "h.npy");
            Npy.Write(rho, new double[,] { { 0.5, 0 }, { 0, 0.5 } });
            Npy.Write(h, new double[,] { { 1e200, 0 }, { 0, -1e200 } });
            CliRunner.AssertBadInput(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", h), "--hamiltonian: expected entries of magnitude at most 1e150");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_pure_state_read_from_a_file_gets_an_infinite_matched_beta()
    {
        // rank one in a basis where rho is not diagonal: its computed eigenvalues carry rounding noise
        var dir = Directory.CreateTempSubdirectory("qbatt-cli-pure").FullName;
        try
        {
            var psi = new Complex[] { 0.5, new(0, 0.5), 0.5, -0.5 };
            var rho = Path.Combine(dir, "rho.npy");
            var h = Path.Combine(dir, "h.npy");
            Npy.Write(rho, ComplexMatrix.Outer(psi, psi));
            Npy.Write(h, new double[,] { { 0, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 2, 0 }, { 0, 0, 0, 3 } });
            var r = CliRunner.Json(CliRunner.Run("ergotropy", "--state", rho, "--hamiltonian", h, "--json"));
            Assert.Equal("Infinity", (string?)r["beta_bar"]);
            // bound = <psi|H0|psi> - e_min = (0 + 1 + 2 + 3) / 4 (closed form)
            Assert.InRange((double)r["entropy_bound"]! - 1.5, -1e-12, 1e-12);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Interruption_message_says_what_was_kept()
    {
        Assert.Equal("qbatt dicke: interrupted (SIGINT); no output written", Interruption.Message("qbatt dicke", "SIGINT", [], 0));
        var cwd = Environment.CurrentDirectory;
        var kept = Enumerable.Range(0, 7).Select(i => Path.Combine(cwd, $"f{i}.csv")).ToArray();
        Assert.Equal("qbatt reproduce: interrupted (SIGTERM); kept 1 complete file: f0.csv; removed 1 unfinished temporary file",
            Interruption.Message("qbatt reproduce", "SIGTERM", kept[..1], 1));
        Assert.Equal("qbatt reproduce: interrupted (SIGINT); kept 7 complete files: f0.csv, f1.csv, f2.csv, f3.csv, f4.csv and 2 more",
            Interruption.Message("qbatt reproduce", "SIGINT", kept, 0));
    }

    [Fact]
    public void Suggestions_use_edit_distance_with_swaps()
    {
        Assert.Equal(3, Suggestions.Distance("kitten", "sitting"));
        Assert.Equal(1, Suggestions.Distance("ergtropy", "ergotropy"));
        Assert.Equal(1, Suggestions.Distance("ab", "ba"));
        Assert.Equal(0, Suggestions.Distance("", ""));
        Assert.Equal("--cells", Suggestions.Closest("--cell", ["--coupling", "--cells"]));
        Assert.Equal("chain", Suggestions.Closest("CHAIN", ["dicke", "chain"]));
        Assert.Null(Suggestions.Closest("frobnicate", QBattCli.Commands.Select(c => c.Name)));
        Assert.Null(Suggestions.Closest("--x", ["--k", "--json"])); // one letter is too short to guess from
        Assert.Null(Suggestions.Closest("co", ["copies", "cooper"]));
        Assert.Equal("cooper", Suggestions.Closest("coo", ["copies", "cooper", "conjecture"])); // the one name it starts
    }
}
