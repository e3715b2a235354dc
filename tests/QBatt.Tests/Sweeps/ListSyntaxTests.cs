using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Cli;
using QBatt.Cli.Sweeps;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Sweeps;

/// <summary>The list and range syntax (docs/cli.md) and lists on the command line of a model command.</summary>
public class ListSyntaxTests
{
    [Fact]
    public void A_range_with_a_count_is_numpy_linspace_with_both_ends_exact()
    {
        // numpy 1.24: np.linspace(0.05, 0.5, 10).tolist() (printed outside the suite)
        double[] linspace = [0.05, 0.1, 0.15000000000000002, 0.2, 0.25, 0.3, 0.35000000000000003, 0.4, 0.45, 0.5];
        var v = ValueList.Expand("0.05..0.5:10", "--g", integer: false).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(10, v.Length);
        for (var k = 0; k < v.Length; k++) Assert.True(Math.Abs(v[k] - linspace[k]) <= 1e-16, $"{k}: {v[k]} vs {linspace[k]}");
        Assert.Equal("0.05", ValueList.Expand("0.05..0.5:10", "--g", false)[0]);
        Assert.Equal("0.5", ValueList.Expand("0.05..0.5:10", "--g", false)[^1]);
        Assert.Equal(["1", "0.5", "0"], ValueList.Expand("1..0:3", "--g", false));
    }

    [Fact]
    public void Integer_ranges_lists_and_mixed_items()
    {
        Assert.Equal(["2", "3", "4", "7"], ValueList.Expand("2..4,7", "--cells", integer: true));
        Assert.Equal(["0", "5", "10"], ValueList.Expand("0..10:3", "--cells", integer: true));
        Assert.Equal(["-1", "0.25", "3"], ValueList.Expand("-1, 0.25 ,3", "--g", integer: false));
        Assert.True(ValueList.IsList("1,2") && ValueList.IsList("1..2:2") && !ValueList.IsList("-0.5"));
    }

    [Theory]
    [InlineData("0.1..0.5", false, "needs a point count|with a point count")]
    [InlineData("0..10:4", true, "integer points")]
    [InlineData("1..0", true, "a <= b")]
    [InlineData("0.1..0.5:1", false, "2 <= n")]
    [InlineData("0.1,,0.5", false, "empty item at position 2")]
    [InlineData("a..1:3", false, "finite numbers")]
    [InlineData("0.2..0.2:3", false, "a != b")]
    public void Malformed_ranges_are_refused_naming_the_option(string text, bool integer, string fragment)
    {
        var e = Assert.Throws<UsageException>(() => ValueList.Expand(text, "--g", integer));
        Assert.StartsWith("--g: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment.Split('|'), f => e.Message.Contains(f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_on_the_command_line_gives_one_point_per_value_equal_to_separate_runs()
    {
        var doc = CliRunner.Json(CliRunner.Run("dicke", "--cells", "2", "--coupling", "0.3,0.5", "--wa", "1..2:2", "--tmax", "1", "--json"));
        var points = doc["points"]!.AsArray();
        Assert.Equal(4, points.Count);
        (double Coupling, double Wa)[] expected = [(0.3, 1), (0.3, 2), (0.5, 1), (0.5, 2)];
        for (var k = 0; k < 4; k++)
        {
            var p = points[k]!.AsObject();
            Assert.Equal(k, (int)p["index"]!);
            Assert.Equal(expected[k].Coupling, (double)p["parameters"]!["coupling"]!);
            Assert.Equal(expected[k].Wa, (double)p["parameters"]!["wa"]!);
            // oracle: the same point run on its own, without the sweep machinery
            var single = CliRunner.Json(CliRunner.Run("dicke", "--cells", "2", "--coupling", expected[k].Coupling.ToString(CultureInfo.InvariantCulture),
                "--wa", expected[k].Wa.ToString(CultureInfo.InvariantCulture), "--tmax", "1", "--json"));
            SweepFixtures.Same(SweepFixtures.Physics(single), SweepFixtures.Physics(p["result"]!.AsObject()), $"point {k}");
        }
        Assert.Equal("dicke", (string?)doc["command"]);
        Assert.Equal(2, doc["parameters"]!["coupling"]!.AsArray().Count);
        Assert.Empty(doc["failed"]!.AsArray());
    }

    [Fact]
    public void The_existing_cells_scan_of_dicke_is_left_to_the_command()
    {
        var doc = CliRunner.Json(CliRunner.Run("dicke", "--cells", "2..3", "--coupling", "0.5", "--tmax", "1", "--json"));
        Assert.Null(doc["points"]);
        Assert.Equal(2, doc["scan"]!.AsArray().Count);
        var swept = CliRunner.Json(CliRunner.Run("dicke", "--cells", "2..3", "--coupling", "0.3,0.5", "--tmax", "1", "--json"));
        Assert.All(swept["points"]!.AsArray(), p => Assert.Equal(2, p!["result"]!["scan"]!.AsArray().Count));
    }

    [Fact]
    public void The_table_has_one_row_a_point_and_csv_out_holds_it()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var csv = dir.File("gamma.csv");
        var r = CliRunner.Run("dicke", "--cells", "2", "--coupling", "0.3,0.4,0.5", "--tmax", "1", "--out", csv);
        Assert.Equal(0, r.Code);
        Assert.Contains("gamma", r.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("index,coupling,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2,0.5,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void H5_out_holds_the_grid_of_a_sweep_of_lists_as_h5py_reads_it()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var h5 = dir.File("grid.h5");
        var r = CliRunner.Run("dicke", "--cells", "2", "--coupling", "0.3,0.5", "--wa", "1,1.2", "--tmax", "1", "--out", h5);
        Assert.Equal(0, r.Code);
        var output = SweepFixtures.Python("""
            import h5py
            f = h5py.File('grid.h5', 'r')
            print('attrs', f.attrs['command'], f.attrs['points'], ' '.join(f.attrs['arguments']))
            print('axes', list(f['axes/coupling'][()]), list(f['axes/wa'][()]), f['axes/coupling'].attrs['axis'], f['axes/wa'].attrs['axis'])
            g = f['grid/gamma'][()]
            print('shape', g.shape)
            for i in range(2):
                for j in range(2):
                    print('cell', i, j, repr(float(g[i, j])))
            """, dir.Root);
        Assert.Contains("attrs dicke 4 dicke --coupling 0.3,0.5 --wa 1,1.2 --cells 2 --tmax 1", output, StringComparison.Ordinal);
        Assert.Contains("axes [0.3, 0.5] [1.0, 1.2] 0 1", output, StringComparison.Ordinal);
        Assert.Contains("shape (2, 2)", output, StringComparison.Ordinal);
        // oracle: each point run on its own, without the sweep machinery; the grid is row-major over (coupling, wa)
        string[] couplings = ["0.3", "0.5"], was = ["1", "1.2"];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                var single = CliRunner.Json(CliRunner.Run("dicke", "--cells", "2", "--coupling", couplings[i], "--wa", was[j], "--tmax", "1", "--json"));
                var line = output.Split('\n').Single(l => l.StartsWith($"cell {i} {j} ", StringComparison.Ordinal));
                Assert.Equal((double)single["gamma"]!, double.Parse(line.Split(' ')[3], CultureInfo.InvariantCulture));
            }
        }
    }

    [Theory]
    [InlineData(new[] { "dicke", "--cells", "2", "--coupling", "0.1..0.5", "--json" }, "--coupling: expected a range of real values with a point count", 2)]
    [InlineData(new[] { "dicke", "--cells", "2", "--coupling", "0.1,x", "--json" }, "--coupling", 2)]
    [InlineData(new[] { "dicke", "--cells", "2", "--coupling", "0.1,0.2", "--plot", "a.svg" }, "--plot: not with lists", 2)]
    [InlineData(new[] { "dicke", "--cells", "2", "--coupling", "0.1,0.2", "--out", "a.npy" }, "--out: expected a file ending in .json, .csv or .h5", 2)]
    [InlineData(new[] { "dicke", "--cells", "2", "--coupling", "0,0.1", "--tmax", "1", "--json" }, "point 0 (coupling = 0): --coupling: expected a non-zero coupling", 2)]
    public void Bad_lists_give_one_line_and_exit_code_2(string[] args, string fragment, int code) =>
        CliRunner.AssertBadInput(CliRunner.Run(args), fragment, code);

    [Fact]
    public void Every_model_command_accepts_lists_for_its_scalar_number_options()
    {
        var root = QBattCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));
        foreach (var name in new[] { "dicke", "chain", "advantage", "cooper", "gaussian", "conjecture" })
        {
            var ps = CommandParameters.For(root, name)!;
            Assert.Contains(ps.All, p => p.IsScalarNumber);
        }
        var chain = CommandParameters.For(root, "chain")!;
        Assert.Equal(ParameterKind.Real, chain.Find("g")!.Kind);
        Assert.Equal(ParameterKind.List, chain.Find("cells")!.Kind);
        Assert.Null(chain.Find("json"));
        var doc = CliRunner.Json(CliRunner.Run("chain", "--cells", "3", "--g", "0.05..0.5:3", "--tmax", "0.5", "--steps", "10", "--json"));
        Assert.Equal([0.05, 0.275, 0.5], doc["points"]!.AsArray().Select(p => (double)p!["parameters"]!["g"]!));
    }
}
