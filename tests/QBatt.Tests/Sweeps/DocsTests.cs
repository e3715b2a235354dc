using System.Text.RegularExpressions;
using QBatt.Cli;
using QBatt.Cli.Sweeps;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>docs/sweeps.md: its sweep files parse to the point counts it states, and its Python snippet runs on a real sweep directory.</summary>
public partial class DocsTests
{
    [GeneratedRegex("```(yaml|python)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    private static List<(string Lang, string Text)> Blocks() =>
        [.. Block().Matches(File.ReadAllText(Path.Combine(SweepFixtures.RepositoryRoot(), "docs", "sweeps.md"))).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [Fact]
    public void The_sweep_files_of_the_guide_have_the_stated_points()
    {
        var root = QBattCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));
        var yaml = Blocks().Where(b => b.Lang == "yaml").Select(b => b.Text).ToList();
        Assert.Equal(2, yaml.Count);
        Assert.Equal(4 * 5, SweepFile.Parse(yaml[0], "gamma.yaml", root).Count);
        Assert.Equal(3 * 3 * 20, SweepFile.Parse(yaml[1], "chain.yaml", root).Count);
    }

    [Fact]
    public void The_python_snippet_reads_a_sweep_directory_with_numpy_pandas_and_h5py()
    {
        var snippet = Assert.Single(Blocks(), b => b.Lang == "python").Text;
        using var dir = new TempDir();
        var file = SweepFixtures.Write(dir.Root, "gamma.yaml", SweepFixtures.SmallGrid);
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", Path.Combine(dir.Root, "runs", "gamma")).Code);
        var output = SweepFixtures.Python(snippet, dir.Root);
        Assert.Contains("dicke", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("lambda = ", StringComparison.Ordinal)));
    }
}
