using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>
/// The charging reproductions (R9-R11). prl-bounds runs here; rev-eq20, prl-prop1, prl-blocks and
/// prl-conjecture1 (seconds to half a minute) are left to `qbatt reproduce`: their computations are covered
/// by ChargingProtocolTests, AdvantageTests, ConjectureAndSeparabilityTests and the CLI tests.
/// </summary>
public class ChargingReproduceTests
{
    [Fact]
    public void Bound_rows_agree_and_list_the_fig6_value()
    {
        var r = CliRunner.Run("reproduce", "--only", "prl-bounds", "--no-files", "--json");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var rows = JsonNode.Parse(r.Out)!["rows"]!.AsArray();
        Assert.DoesNotContain(rows, row => (string?)row!["agreement"] == "DISAGREES");
        var fig6 = rows.Single(row => ((string)row!["claim"]!).Contains("Fig. 6", StringComparison.Ordinal))!;
        Assert.Equal(15 * Math.PI, double.Parse((string)fig6["computed"]!, System.Globalization.CultureInfo.InvariantCulture), 7);
    }

    [Fact]
    public void Catalog_lists_the_charging_reproductions()
    {
        var r = CliRunner.Run("reproduce", "--list");
        Assert.Equal(0, r.Code);
        foreach (var id in new[] { "rev-eq20", "prl-prop1", "prl-blocks", "prl-bounds", "prl-conjecture1" })
            Assert.Contains(id, r.Out, StringComparison.Ordinal);
    }
}
