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
    public void Reproduce_figures_come_with_their_data_and_a_script_that_redraws_them()
    {
        // as the commands' --plot (issue 13): figures/NAME.svg, NAME.data.csv and NAME.py, with Unicode maths in the labels
        var dir = Path.Combine(Path.GetTempPath(), "qbatt-repro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("reproduce", "--only", "rev-fig3", "--out", dir);
            Assert.Equal(0, r.Code);
            var figures = Path.Combine(dir, "figures");
            Assert.Equal(["rev-fig3.data.csv", "rev-fig3.py", "rev-fig3.svg"], Directory.GetFiles(figures).Select(Path.GetFileName).Order());
            var svg = File.ReadAllText(Path.Combine(figures, "rev-fig3.svg"));
            Assert.Contains("Δw(n)", svg, StringComparison.Ordinal);
            Assert.Contains("n → ∞", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("Delta w", svg, StringComparison.Ordinal);
            // the figure's points are the row's data table (data/rev-fig3.csv: n, delta_w), and the script redraws them
            var output = QBatt.Tests.Sweeps.SweepFixtures.Python("""
                import csv, subprocess, sys
                drawn = [(float(r['x']), float(r['y'])) for r in csv.DictReader(open('figures/rev-fig3.data.csv', encoding='utf-8')) if r['kind'] == 'line' and r['label'] == 'Δw(n)']
                table = [(float(r['n']), float(r['delta_w'])) for r in csv.DictReader(open('data/rev-fig3.csv', encoding='utf-8'))]
                assert drawn == table and len(table) >= 5, (drawn, table)
                subprocess.run([sys.executable, 'rev-fig3.py'], check=True, cwd='figures')
                import matplotlib.image as mpimg
                print('png', mpimg.imread('figures/rev-fig3.png').shape[1] > 0)
                """, dir);
            Assert.Contains("png True", output, StringComparison.Ordinal);
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
