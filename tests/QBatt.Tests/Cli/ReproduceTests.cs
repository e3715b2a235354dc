using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

public class ReproduceTests
{
    [Fact]
    public void Operator_norm_bounds_reproduce_and_agree()
    {
        var r = CliRunner.Run("reproduce", "--only", "prl-c0-bounds", "--no-files", "--json");
        Assert.Equal(0, r.Code);
        var rows = JsonNode.Parse(r.Out)!["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("agrees (source)", (string?)row!["agreement"]));
    }

    [Fact]
    public void Reproduce_writes_a_report_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qbatt-repro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("reproduce", "--only", "prl-c0-bounds", "--out", dir);
            Assert.Equal(0, r.Code);
            Assert.Contains("agrees", r.Out, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, "report.md")));
            Assert.Equal("reproduce", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!["command"]);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Unknown_reproduction_id_is_refused()
    {
        var r = CliRunner.Run("reproduce", "--only", "nope", "--no-files");
        Assert.Equal(2, r.Code);
        Assert.Contains("--only: expected reproduction ids", r.Err, StringComparison.Ordinal);
    }
}
