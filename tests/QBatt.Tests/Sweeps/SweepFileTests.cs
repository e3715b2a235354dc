using QBatt.Cli;
using QBatt.Cli.Sweeps;
using QBatt.Tests.Cli;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>Sweep files: grids, zipped lists and seeded draws, and the one-line refusal of bad files (docs/sweeps.md).</summary>
public class SweepFileTests
{
    private static readonly System.CommandLine.Command Root = QBattCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));

    private static SweepPlan Plan(string yaml) => SweepFile.Parse(yaml, "s.yaml", Root);

    [Fact]
    public void A_grid_is_the_product_in_row_major_order_with_fixed_values_on_every_point()
    {
        var plan = Plan(SweepFixtures.SmallGrid);
        Assert.Equal(6, plan.Count);
        string[][] expected = [["2", "0.3"], ["2", "0.5"], ["3", "0.3"], ["3", "0.5"], ["4", "0.3"], ["4", "0.5"]];
        for (var i = 0; i < 6; i++)
            Assert.Equal(["dicke", "--cells", expected[i][0], "--coupling", expected[i][1], "--tmax", "1"], plan.Point(i).Args);
        Assert.Equal(3L, (long)plan.Point(2).Parameters["cells"]!);
        Assert.Equal(0.3, (double)plan.Point(2).Parameters["coupling"]!);
    }

    [Fact]
    public void Zipped_lists_vary_together_and_ranges_and_switches_are_accepted()
    {
        var plan = Plan("""
            command: dicke
            parameters:
              cells: 2
              coupling: 0.1..0.3:3
              strict: [false, true]
            zip:
              wa: [1, 2]
              wc: [1.5, 2.5]
            """);
        Assert.Equal(3 * 2 * 2, plan.Count);
        var last = plan.Point(plan.Count - 1);
        Assert.Equal(["dicke", "--cells", "2", "--coupling", "0.3", "--strict", "--wa", "2", "--wc", "2.5"], last.Args);
        Assert.DoesNotContain("--strict", plan.Point(0).Args);
        Assert.False((bool)plan.Point(0).Parameters["strict"]!);
    }

    [Fact]
    public void Random_draws_are_a_function_of_the_seed_inside_their_bounds()
    {
        const string yaml = """
            command: dicke
            parameters: {cells: 2}
            random:
              seed: SEED
              draws: 400
              parameters:
                coupling: {uniform: [0.1, 0.5]}
                wa: {loguniform: [0.5, 2]}
                cutoff: {integers: [5, 9]}
                space: {choice: [symmetric, full]}
            """;
        var a = Plan(yaml.Replace("SEED", "7", StringComparison.Ordinal));
        var b = Plan(yaml.Replace("SEED", "7", StringComparison.Ordinal));
        var c = Plan(yaml.Replace("SEED", "8", StringComparison.Ordinal));
        Assert.Equal(400, a.Count);
        var couplings = new List<double>();
        var cutoffs = new HashSet<long>();
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a.Point(i).Args, b.Point(i).Args);
            var p = a.Point(i).Parameters;
            var g = (double)p["coupling"]!;
            Assert.InRange(g, 0.1, 0.5);
            Assert.InRange((double)p["wa"]!, 0.5, 2);
            cutoffs.Add((long)p["cutoff"]!);
            couplings.Add(g);
        }
        Assert.NotEqual(a.Point(0).Args, c.Point(0).Args);
        Assert.Equal([5L, 6, 7, 8, 9], cutoffs.Order());
        // uniform on [0.1, 0.5]: mean 0.3, standard error 0.4/sqrt(12 * 400) = 0.0058; 5 sigma
        Assert.InRange(couplings.Average(), 0.3 - 0.029, 0.3 + 0.029);
    }

    [Fact]
    public void A_model_file_sweeps_the_options_of_evolve()
    {
        var model = Path.Combine(SweepFixtures.RepositoryRoot(), "docs", "examples", "two-qubit-pulse.yaml");
        var plan = Plan($"model: {model}\nparameters:\n  atol: [1e-8, 1e-10]\n");
        Assert.Equal(2, plan.Count);
        Assert.Equal(["charge", "--model", model, "--atol", "1e-10"], plan.Point(1).Args);
        var e = Assert.Throws<UsageException>(() => Plan("command: dicke\nmodel: x.yaml\n"));
        Assert.Equal("s.yaml: model: expected either command or model, got both", e.Message);
    }

    [Fact]
    public void The_splitmix64_stream_matches_the_reference_sequence()
    {
        // SplitMix64 from state 0 (Vigna's reference splitmix64.c): first outputs
        var r = new RandomStream(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, r.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, r.Next());
        Assert.Equal(0x06C45D188009454FUL, r.Next());
    }

    [Theory]
    [InlineData("command: dike\nparameters: {cells: [2]}\n", "s.yaml: command: unknown command 'dike' (expected one of")]
    [InlineData("command: dicke\nparameters: {cells: [2], colupling: [0.1]}\n", "s.yaml: parameters.colupling: unknown parameter of qbatt dicke (expected one of cells, coupling,")]
    [InlineData("command: dicke\nparameters: {cells: [2], coupling: []}\n", "s.yaml: parameters.coupling: empty grid")]
    [InlineData("command: dicke\nparameters: {cells: 2, coupling: [0.1, abc]}\n", "s.yaml: parameters.coupling[1]: --coupling: expected a number, got 'abc'")]
    [InlineData("command: dicke\nparameters: {cells: 2}\nzip: {coupling: [0.1, 0.2], wa: [1]}\n", "s.yaml: zip.wa: expected 2 values (as many as zip.coupling), got 1")]
    [InlineData("command: dicke\nparameters: {cells: 2, coupling: 0.1, out: x.json}\n", "s.yaml: parameters.out: unknown parameter")]
    [InlineData("command: dicke\nparameters: {cells: 2}\n", "s.yaml: parameters: qbatt dicke --cells 2: Option '--coupling' is required.")]
    [InlineData("command: dicke\nparamters: {cells: 2}\n", "s.yaml: paramters: unknown key (expected one of command")]
    [InlineData("command: dicke\nparameters: {cells: 2, coupling: 0.1}\nrandom: {draws: 3, parameters: {wa: {uniform: [1, 2]}}}\n", "s.yaml: random.seed: missing")]
    [InlineData("command: dicke\nparameters: {cells: 2, coupling: 0.1}\nrandom: {seed: 1, draws: 3, parameters: {wa: {uniform: [2, 1]}}}\n", "s.yaml: random.parameters.wa.uniform: expected low < high")]
    [InlineData("command: dicke\nparameters: {cells: 2, coupling: 0.1, strict: maybe}\n", "s.yaml: parameters.strict: expected true or false")]
    [InlineData("command: dicke\nparameters: [1, 2]\n", "s.yaml: parameters: expected a mapping")]
    [InlineData("command: dicke\nparameters: {cells: [2\n", "s.yaml: line ")]
    public void Bad_sweep_files_give_one_line_with_the_field_path_and_exit_code_2(string yaml, string fragment)
    {
        using var dir = new TempDir();
        var file = SweepFixtures.Write(dir.Root, "s.yaml", yaml);
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", dir.File("out")), "qbatt sweep: " + fragment);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("3/3", "--shard: expected i/n with 0 <= i < n, got '3/3' (index 3 out of range for 3 shard(s))")]
    [InlineData("1-3", "--shard: expected i/n")]
    [InlineData("0/0", "--shard: expected i/n with 0 <= i < n")]
    public void A_shard_out_of_range_is_refused(string shard, string fragment)
    {
        using var dir = new TempDir();
        var file = SweepFixtures.Write(dir.Root, "s.yaml", SweepFixtures.SmallGrid);
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", dir.File("out"), "--shard", shard), fragment);
    }

    [Fact]
    public void A_changed_sweep_file_is_refused_unless_forced_and_unchanged_points_are_kept()
    {
        using var dir = new TempDir();
        var file = SweepFixtures.Write(dir.Root, "s.yaml", SweepFixtures.SmallGrid.Replace("cells: [2, 3, 4]", "cells: [2]", StringComparison.Ordinal));
        var outDir = dir.File("out");
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir).Code);
        SweepFixtures.Write(dir.Root, "s.yaml", SweepFixtures.SmallGrid.Replace("cells: [2, 3, 4]", "cells: [2, 3]", StringComparison.Ordinal));
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", outDir), "qbatt sweep: s.yaml: changed since");
        var forced = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--force", "--json"));
        Assert.Equal(4, (int)forced["points"]!);
        Assert.Equal(2, (int)forced["already_done"]!);
        Assert.Equal(2, (int)forced["ran"]!);
        Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(outDir, "sweep.yaml")));
    }
}
