using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using QBatt.Tests.Sweeps;

namespace QBatt.Tests.Cli;

/// <summary>
/// Publication figures: a printed size in inches with fonts in points (--figure-size), Unicode maths and
/// units on the axes, no title on a printed figure, and beside the SVG its data (NAME.data.csv) and a
/// matplotlib script (NAME.py) that redraws it, run here with Debian's python3-matplotlib.
/// </summary>
public sealed class PublicationFigureTests
{
    [Fact]
    public void A_column_figure_is_3_4_inches_wide_with_8_pt_ticks_unicode_labels_its_data_and_a_script_that_redraws_it()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var svg = dir.File("gamma.svg");
        var r = CliRunner.RunProcess(new Dictionary<string, string?>(), "dicke", "--cells", "1..3", "--coupling", "0.5", "--tmax", "1", "--plot", svg, "--figure-size", "column", "--json");
        var doc = CliRunner.Json(r);
        var root = XDocument.Load(svg).Root!;
        Assert.Equal("3.4in", (string)root.Attribute("width")!);
        Assert.Equal("2.6in", (string)root.Attribute("height")!);
        Assert.Equal("0 0 245 187", (string)root.Attribute("viewBox")!); // points: 3.4 x 72, 2.6 x 72
        Assert.Equal("8", (string)root.Attribute("font-size")!);
        var text = File.ReadAllText(svg);
        Assert.Contains("Γ = max P_Dicke", text, StringComparison.Ordinal);
        Assert.Contains("√N", text, StringComparison.Ordinal);
        Assert.Contains("number of cells N", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sqrt(N)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("+ -", text, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"title\"", text, StringComparison.Ordinal); // printed figures leave the title to the caption
        Assert.Equal(["gamma.data.csv", "gamma.py", "gamma.svg"], dir.Entries().Order());

        // the data file holds the points drawn (the JSON's Gamma(N)), and the script redraws the figure
        var gammas = doc["scan"]!.AsArray().Select(x => (double)x!["gamma"]!).ToArray();
        var output = SweepFixtures.Python($$"""
            import csv, subprocess, sys
            rows = [r for r in csv.DictReader(open('gamma.data.csv', encoding='utf-8')) if r['kind'] == 'scatter']
            assert [r['label'] for r in rows] == ['Γ(N)'] * 3, rows
            ys = [float(r['y']) for r in rows]
            expected = [{{string.Join(", ", gammas.Select(g => g.ToString("R", CultureInfo.InvariantCulture)))}}]
            assert all(abs(a - b) <= 1e-12 * abs(b) for a, b in zip(ys, expected)), (ys, expected)
            subprocess.run([sys.executable, 'gamma.py'], check=True)
            import matplotlib.image as mpimg
            png = mpimg.imread('gamma.png')
            print('png', png.shape[1], png.shape[0])
            print('pdf', open('gamma.pdf', 'rb').read(4).decode())
            """, dir.Root);
        Assert.Contains("png 1020 780", output, StringComparison.Ordinal); // 3.4 x 2.6 in at 300 dpi
        Assert.Contains("pdf %PDF", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_figures_keep_their_title_and_pixels_and_sizes_are_checked()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var svg = dir.File("w.svg");
        Assert.Equal(0, CliRunner.Run("copies", "--energies", "0,1,2", "--populations", "0.5,0.2,0.3", "--n", "1..4", "--plot", svg).Code);
        var root = XDocument.Load(svg).Root!;
        Assert.Equal("720", (string)root.Attribute("width")!);
        var text = File.ReadAllText(svg);
        Assert.Contains("Δw(n)", text, StringComparison.Ordinal);
        Assert.Contains("n → ∞", text, StringComparison.Ordinal);
        Assert.Contains("class=\"title\"", text, StringComparison.Ordinal);
        CliRunner.AssertBadInput(CliRunner.Run("copies", "--energies", "0,1", "--populations", "0.5,0.5", "--n", "1", "--plot", svg, "--figure-size", "3x"), "--figure-size");
        CliRunner.AssertBadInput(CliRunner.Run("copies", "--energies", "0,1", "--populations", "0.5,0.5", "--n", "1", "--plot", svg, "--figure-size", "1x1"), "--figure-size: expected at least");
    }
}
