namespace QBatt.Tests.Cli;

/// <summary>
/// <c>qbatt optimize</c> (R17): the JSON keys the issue names, the values of the pipeline run (one qubit's pi pulse: W = 1 at
/// T = pi/(2 u_max), the speed limit saturated; the global drive under C0: Gamma = N, the closed form of R9-R11), the pulse
/// written as CSV and .npy, and the bad-input policy (one line, exit 2).
/// </summary>
public class OptimizeCliTests
{
    [Fact]
    public void OneQubitPiPulseAsJson()
    {
        var doc = CliRunner.Json(CliRunner.Run("optimize", "--cells", "1", "--u-max", "2", "--slices", "12", "--restarts", "2", "--json"));
        Assert.InRange(Math.Abs((double)doc["work"]! - 1), 0, 1e-9);
        Assert.InRange(Math.Abs((double)doc["charging_time"]! - Math.PI / 4), 0, 1e-12);
        Assert.InRange(Math.Abs((double)doc["max_power"]! - 4 / Math.PI), 0, 1e-8);
        Assert.InRange(Math.Abs((double)doc["qsl_ratio"]! - 1), 0, 1e-6);
        Assert.InRange((double)doc["gradient_check"]!, 0, 1e-6);
        Assert.Equal(12, doc["pulse"]!["global"]!.AsArray().Count);
        Assert.Null(doc["gamma"]);
    }

    [Fact]
    public void GlobalDriveUnderC0GivesGammaN()
    {
        var doc = CliRunner.Json(CliRunner.Run("optimize", "--cells", "3", "--controls", "global", "--constraint", "c0", "--time", "2", "--slices", "8", "--restarts", "2", "--json"));
        Assert.InRange(Math.Abs((double)doc["gamma"]! - 3), 0, 1e-6);
        Assert.InRange(Math.Abs((double)doc["prl_bound_theorem1"]! - 1.5 * Math.PI), 0, 1e-12);
        Assert.Equal("c0", (string)doc["parameters"]!["constraint"]!);
    }

    [Fact]
    public void PulseFiles()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-optimize-");
        try
        {
            var csv = Path.Combine(dir.FullName, "pulse.csv");
            var npy = Path.Combine(dir.FullName, "pulse.npy");
            Assert.Equal(0, CliRunner.Run("optimize", "--cells", "2", "--slices", "5", "--restarts", "1", "--out", csv).Code);
            var lines = File.ReadAllLines(csv);
            // the pulse table first, then the headline scalars of the JSON as columns (docs/cli.md, Output files)
            Assert.StartsWith("t_start,t_end,global,flip0,flip1,", lines[0], StringComparison.Ordinal);
            Assert.Contains(",work,", lines[0], StringComparison.Ordinal);
            Assert.Equal(6, lines.Length);
            Assert.Equal(0, CliRunner.Run("optimize", "--cells", "2", "--slices", "5", "--restarts", "1", "--out", npy).Code);
            var a = QBatt.IO.Npy.Read(npy);
            Assert.Equal(new[] { 5, 5 }, a.Shape.ToArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--controls flip9", "--controls: expected control terms of the model")]
    [InlineData("--u-max 0", "--u-max: expected a positive finite amplitude bound")]
    [InlineData("--u-max -1", "--u-max: expected a positive finite amplitude bound")]
    [InlineData("--constraint c0 --objective energy", "--objective: expected power under a fair budget")]
    [InlineData("--model dicke --constraint c0", "--constraint: expected none for the Dicke coupling")]
    public void BadInputIsOneLineExitTwo(string extra, string fragment)
    {
        var args = new[] { "optimize", "--cells", "2", "--slices", "4", "--restarts", "1" }.Concat(extra.Split(' ')).ToArray();
        CliRunner.AssertBadInput(CliRunner.Run(args), fragment);
    }

    [Fact]
    public void ModelFileWithoutAReferenceHasNoBudget()
    {
        var model = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "examples", "two-qubit-pulse.yaml");
        CliRunner.AssertBadInput(CliRunner.Run("optimize", model, "--controls", "drive0", "--constraint", "c0", "--slices", "4"), "reference");
        CliRunner.AssertBadInput(CliRunner.Run("optimize", model, "--controls", "drive3", "--slices", "4"), "--controls: expected control terms of the model (drive0)");
        var doc = CliRunner.Json(CliRunner.Run("optimize", model, "--controls", "drive0", "--time", "1", "--u-max", "1", "--slices", "6", "--restarts", "1", "--json"));
        // sigma_x sigma_x couples |1,1> (energy 0) to |0,0> (energy 2): W = 2 sin^2(int u dt), at most 2 sin^2(1)
        Assert.InRange(Math.Abs((double)doc["work"]! - 2 * Math.Pow(Math.Sin(1), 2)), 0, 1e-8);
    }
}
