using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>qbatt discharge (R16): the JSON keys of the issue, closed-form values through the command, and one-line refusals with exit code 2.</summary>
public class DischargeCliTests
{
    [Fact]
    public void Json_has_the_series_and_refined_half_lives()
    {
        var r = CliRunner.Run("discharge", "--cells", "1", "--decay", "0.3", "--tmax", "10", "--dt", "0.5", "--json");
        Assert.Equal(0, r.Code);
        var d = JsonNode.Parse(r.Out)!;
        foreach (var key in new[] { "times", "energy", "ergotropy", "coherent_ergotropy", "incoherent_ergotropy", "passive_energy", "entropy" })
            Assert.Equal(21, d[key]!.AsArray().Count);
        Assert.Equal(Math.Log(2) / 0.3, (double)d["energy_half_life"]!, 1e-9);
        Assert.Equal(Math.Log(4.0 / 3) / 0.3, (double)d["ergotropy_half_life"]!, 1e-9);
        Assert.True((double)d["energy_half_life_error"]! <= 1e-9);
    }

    [Fact]
    public void Half_lives_not_reached_are_null_and_the_steady_state_is_reported()
    {
        var r = CliRunner.Run("discharge", "--cells", "1", "--noise", "decay=0.01,temperature=0.5", "--drive", "0.3", "--tmax", "2", "--steady-state", "--json");
        Assert.Equal(0, r.Code);
        var d = JsonNode.Parse(r.Out)!;
        Assert.Null(d["energy_half_life"]);
        Assert.Null(d["ergotropy_half_life"]);
        Assert.True((double)d["steady_state"]!["residual"]! < 1e-10);
        Assert.Equal(201, d["times"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("--decay: expected a non-negative number", "--decay", "-0.1")]
    [InlineData("--dephasing: expected a non-negative number", "--dephasing=-1")]
    [InlineData("--temperature: expected a non-negative number", "--temperature", "-2")]
    [InlineData("--noise: expected a noise keyword", "--noise", "decay=0.1,damping=0.2")]
    [InlineData("--noise: expected a non-negative finite rate", "--noise", "collective-decay=-3")]
    [InlineData("--from: expected one of charged", "--from", "nosuchstate")]
    [InlineData("--from: expected an even number of two-level cells", "--from", "dark")]
    public void Bad_input_is_one_line_and_exit_code_2(string message, params string[] extra)
    {
        var r = CliRunner.Run(["discharge", "--cells", "3", "--tmax", "1", .. extra]);
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(message, lines[0]);
    }

    [Fact]
    public void A_state_file_of_the_wrong_size_is_refused_in_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qbatt-state-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "[1, 0, 0]");
        try
        {
            var r = CliRunner.Run("discharge", "--cells", "1", "--from", path, "--tmax", "1");
            Assert.Equal(2, r.Code);
            Assert.Equal("", r.Out);
            Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("--from: expected a state of dimension 2", r.Err);
            File.WriteAllText(path, "[[0.5, 0], [0, 0.5]]");
            var ok = CliRunner.Run("discharge", "--cells", "1", "--from", path, "--tmax", "1", "--json");
            Assert.Equal(0, ok.Code);
            Assert.Equal(0.5, (double)JsonNode.Parse(ok.Out)!["initial_energy"]!, 1e-12);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Help_has_an_example_line()
    {
        var r = CliRunner.Run("discharge", "--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("  qbatt discharge --cells", r.Out);
    }
}
