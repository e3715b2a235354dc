using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>The CLI cites its sources: <c>reproduce --list</c>, the reproduce report, and the root help's pointer to docs/PHYSICS.md.</summary>
public class CitationCliTests
{
    [Fact]
    public void Reproduce_list_cites_every_reproduction_by_key_and_identifier()
    {
        var r = CliRunner.Run("reproduce", "--list");
        Assert.Equal(0, r.Code);
        Assert.Contains("10.1103/PhysRevLett.118.150601", r.Out, StringComparison.Ordinal);
        Assert.Contains("arXiv:1805.05507", r.Out, StringComparison.Ordinal);
        Assert.Contains("docs/PHYSICS.md", r.Out, StringComparison.Ordinal);
        var lines = r.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var idLine = lines.FindIndex(l => l.StartsWith("rev-fig2 ", StringComparison.Ordinal));
        Assert.True(idLine >= 0, r.Out);
        Assert.Equal("cites [Rev] arXiv:1805.05507", lines[idLine + 1].Trim());
        var prl = lines.FindIndex(l => l.StartsWith("prl-prop1 ", StringComparison.Ordinal));
        Assert.Equal("cites [PRL] doi:10.1103/PhysRevLett.118.150601 arXiv:1612.04991", lines[prl + 1].Trim());
        Assert.Contains(lines, l => l.StartsWith("[PRL] F. Campaioli", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Trim() == "cites -");
    }

    [Fact]
    public void Reproduce_report_ends_with_the_references_its_rows_cite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qbatt-cite-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("reproduce", "--only", "prl-c0-bounds", "--out", dir);
            Assert.Equal(0, r.Code);
            var md = File.ReadAllText(Path.Combine(dir, "report.md"));
            var at = md.IndexOf("\n## References\n", StringComparison.Ordinal);
            Assert.True(at > 0, md);
            var references = md[at..];
            Assert.Contains("**[PRL]**", references, StringComparison.Ordinal);
            Assert.Contains("(https://doi.org/10.1103/PhysRevLett.118.150601)", references, StringComparison.Ordinal);
            Assert.Contains("docs/PHYSICS.md", references, StringComparison.Ordinal);
            // only what the rows of this run cite: prl-c0-bounds cites the PRL, not the review
            Assert.DoesNotContain("**[Rev]**", references, StringComparison.Ordinal);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;
            var keys = json["references"]!.AsArray().Select(x => (string?)x!["key"]).ToList();
            Assert.Equal(["PRL"], keys);
            Assert.Equal("10.1103/PhysRevLett.118.150601", (string?)json["references"]![0]!["doi"]);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Root_help_says_where_the_r_items_are()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.Code);
        Assert.Contains("R1, R2, ...", r.Out, StringComparison.Ordinal);
        Assert.Contains("docs/PHYSICS.md", r.Out, StringComparison.Ordinal);
    }
}
