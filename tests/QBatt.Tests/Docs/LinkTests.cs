namespace QBatt.Tests.Docs;

/// <summary>The documentation stays inside the repository: no link leaves it, none is broken, nothing mentions ../shared.</summary>
public class LinkTests
{
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, "QBatt.slnx not found above the test binaries");
        return dir!.FullName;
    }

    [Fact]
    public void Repository_markdown_has_no_link_outside_the_repository_and_none_broken()
    {
        var root = RepositoryRoot();
        var files = MarkdownLinks.DocumentationFiles(root);
        foreach (var required in new[] { "README.md", "docs/PHYSICS.md", "docs/BIBLIOGRAPHY.md", "docs/ARCHITECTURE.md", "docs/cli.md" })
            Assert.Contains(Path.Combine(root, required), files);
        var problems = MarkdownLinks.Check(root, files);
        Assert.True(problems.Count == 0, "broken documentation links:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Readme_cites_the_physics_reference_and_the_bibliography()
    {
        var root = RepositoryRoot();
        var targets = MarkdownLinks.Links(File.ReadAllText(Path.Combine(root, "README.md"))).Select(l => l.Target).ToList();
        Assert.Contains("docs/PHYSICS.md", targets);
        Assert.Contains("docs/BIBLIOGRAPHY.md", targets);
        Assert.Contains("CITATION.cff", targets);
    }

    [Fact]
    public void Checker_reports_each_kind_of_broken_link_and_nothing_else()
    {
        var root = Path.Combine(Path.GetTempPath(), "qbatt-links-" + Guid.NewGuid().ToString("N"));
        var repo = Path.Combine(root, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "docs"));
        try
        {
            File.WriteAllText(Path.Combine(root, "outside.md"), "# Outside\n");
            File.WriteAllText(Path.Combine(repo, "docs", "b.md"), "# Real heading\n\n## Real heading\n\n## `code` and C0/C1 (notes)\n");
            File.WriteAllText(Path.Combine(repo, "a.md"), string.Join("\n",
                "# Top",
                "[ok](docs/b.md) [ok2](docs/b.md#real-heading) [ok3](docs/b.md#real-heading-1) [ok4](docs/b.md#code-and-c0c1-notes)",
                "[self](#top) [dir](docs) [web](https://doi.org/10.1016/S0167-2789(98)00054-2) [mail](mailto:x@y.z)",
                "[missing](docs/missing.md)",
                "[outside](../outside.md)",
                "[anchor](docs/b.md#no-such-heading)",
                "[absolute](/etc/passwd)",
                "see ../shared/REFERENCE.md",
                "`[in code](nowhere.md)`",
                "```",
                "[in fence](nowhere.md)",
                "```",
                "[ref]: docs/gone.md"));
            var problems = MarkdownLinks.Check(repo, [Path.Combine(repo, "a.md")]);
            var expected = new[]
            {
                (4, "docs/missing.md"), (5, "../outside.md"), (6, "docs/b.md#no-such-heading"), (7, "/etc/passwd"), (8, "../shared"), (13, "docs/gone.md"),
            };
            Assert.Equal(expected.Length, problems.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Item1, problems.OrderBy(p => p.Line).ElementAt(i).Line);
                Assert.Contains(expected[i].Item2, problems.OrderBy(p => p.Line).ElementAt(i).Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("R2 Ergotropy and passive states", "r2-ergotropy-and-passive-states")]
    [InlineData("Where the source texts are wrong", "where-the-source-texts-are-wrong")]
    [InlineData("qbatt extract-plan", "qbatt-extract-plan")]
    [InlineData("`qbatt reproduce` (the main job)", "qbatt-reproduce-the-main-job")]
    [InlineData("Charging and the collective advantage (Charging/, R9-R11)", "charging-and-the-collective-advantage-charging-r9-r11")]
    [InlineData("Cooper-pair-box batteries (Models.CooperPairBoxes, Charging.CooperPairBattery: R15)", "cooper-pair-box-batteries-modelscooperpairboxes-chargingcooperpairbattery-r15")]
    [InlineData("Links [in](x.md) headings", "links-in-headings")]
    public void Slug_follows_github(string heading, string anchor) => Assert.Equal(anchor, MarkdownLinks.Slug(heading));
}
