using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>
/// The work-extraction reproductions (R2-R5) run and agree. rev-fig3 (n up to 10^4, about 3 s) is left to
/// `qbatt reproduce` itself; its computations are covered by ManyCopiesTests and the copies CLI tests.
/// </summary>
public class WorkExtractionReproduceTests
{
    [Fact]
    public void Fig2_bound_passivity_and_indirect_path_rows_agree_or_explain()
    {
        var r = CliRunner.Run("reproduce", "--only", "rev-fig2,rev-eq8-bound,rev-complete-passivity,rev-indirect-path", "--no-files", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var rows = JsonNode.Parse(r.Out)!["rows"]!.AsArray();
        Assert.DoesNotContain(rows, row => (string?)row!["agreement"] == "DISAGREES");
        var w = rows.Single(row => (string)row!["id"]! == "rev-fig2" && ((string)row["claim"]!).StartsWith("ergotropy", StringComparison.Ordinal))!;
        Assert.Equal("source differs", (string?)w["agreement"]);
        Assert.Equal("1.8 Lz", (string?)w["source_value"]);
        Assert.Equal("1.7 Lz", (string?)w["computed"]);
        Assert.Contains(rows, row => (string)row!["id"]! == "rev-eq8-bound" && (string)row["agreement"]! == "source differs");
        Assert.Contains(rows, row => (string)row!["id"]! == "rev-indirect-path" && (string)row["agreement"]! == "source differs" && ((string)row["source_value"]!).Contains("0.21", StringComparison.Ordinal));
        Assert.Equal(6, rows.Count(row => (string)row!["id"]! == "rev-complete-passivity"));
    }
}
