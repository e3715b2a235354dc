using System.Globalization;
using System.Xml.Linq;
using QBatt.IO.Plot;
using Xunit;

namespace QBatt.Tests.IO;

public class SvgPlotTests
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";

    private static readonly double[] ZeroToTen = Enumerable.Range(0, 11).Select(i => (double)i).ToArray();

    private static XElement Render(SvgPlot plot) => XDocument.Parse(plot.ToSvg()).Root!;

    private static IEnumerable<XElement> WithClass(XElement svg, string cssClass) =>
        svg.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);

    /// <summary>Tick labels as shown: "10^3" for a decade with a superscript exponent.</summary>
    private static string[] TickLabels(XElement svg, string axis) => WithClass(svg, axis + "tick")
        .Select(e => string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value)) + (e.Element(S + "tspan") is { } sup ? "^" + sup.Value : ""))
        .ToArray();

    private static string[] DataPaths(XElement svg) =>
        WithClass(svg, "data").Single().Elements(S + "path").Select(p => (string)p.Attribute("d")!).ToArray();

    [Fact]
    public void OutputIsStandaloneSvg11WithEscapedText()
    {
        var svg = Render(new SvgPlot("E < 1 & \"fair\" <script>", "t", "E\u0001").AddLine("a & b", ZeroToTen, ZeroToTen));
        Assert.Equal(S + "svg", svg.Name);
        Assert.Equal("1.1", (string?)svg.Attribute("version"));
        Assert.Equal("720", (string?)svg.Attribute("width"));
        Assert.Equal("480", (string?)svg.Attribute("height"));
        Assert.Equal("E < 1 & \"fair\" <script>", svg.Element(S + "title")!.Value);
        Assert.Empty(svg.Descendants(S + "script"));
        Assert.Equal("a & b", WithClass(svg, "legend-label").Single().Value);
        Assert.Equal("E", WithClass(svg, "ylabel").Single().Value);
        Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", new SvgPlot().ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void LinearTicksForZeroToTenAreNiceNumbers()
    {
        var svg = Render(new SvgPlot().AddLine("", ZeroToTen, ZeroToTen));
        string[][] nice = [["0", "2", "4", "6", "8", "10"], ["0", "5", "10"]];
        Assert.Contains(TickLabels(svg, "x"), nice);
        Assert.Contains(TickLabels(svg, "y"), nice);
    }

    [Theory]
    [InlineData(0.0, 1.0, "0.0 0.2 0.4 0.6 0.8 1.0")]
    [InlineData(-3.0, 3.0, "-3 -2 -1 0 1 2 3")]
    [InlineData(0.0, 3e-7, "0 5e-8 1e-7 1.5e-7 2e-7 2.5e-7 3e-7")]
    [InlineData(0.0, 2e6, "0 5e5 1e6 1.5e6 2e6")]
    [InlineData(100.0, 100.5, "100.0 100.1 100.2 100.3 100.4 100.5")]
    public void LinearTickLabels(double lo, double hi, string expected)
    {
        var labels = Ticks.Linear(lo, hi, 5).Select(t => t.Label);
        Assert.Equal(expected, string.Join(' ', labels));
    }

    [Fact]
    public void LogAxisHasDecadeLabelsAndMinorTicks()
    {
        var xs = new[] { 1.0, 10, 100, 1000 };
        var plot = new SvgPlot().AddLine("", xs, xs);
        plot.Y.Scale = AxisScale.Log10;
        var svg = Render(plot);
        Assert.Equal(["10^0", "10^1", "10^2", "10^3"], TickLabels(svg, "y"));
        var tickMarks = WithClass(svg, "ticks").Single().Elements().Count();
        Assert.True(tickMarks > 4 + TickLabels(svg, "x").Length + 20, $"{tickMarks} tick marks: minor ticks expected");
    }

    [Fact]
    public void LogTicksOverManyDecadesAreThinnedAndNarrowRangesUseMantissas()
    {
        var wide = Ticks.Log(-12, 4, 5).Where(t => t.IsMajor).Select(t => t.Exponent ?? "").ToArray();
        Assert.Equal(["-12", "-8", "-4", "0", "4"], wide);
        var narrow = Ticks.Log(Math.Log10(1.5), Math.Log10(8), 5).Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["2", "5"], narrow);
    }

    [Fact]
    public void NaNBreaksALineInsteadOfEmittingNaN()
    {
        var ys = new[] { 0.0, 1, double.NaN, 3, 4, double.PositiveInfinity, 6 };
        var svg = Render(new SvgPlot().AddLine("", [0.0, 1, 2, 3, 4, 5, 6], ys));
        var d = DataPaths(svg).Single();
        Assert.Equal(3, d.Count(c => c == 'M'));
        Assert.Equal(2, d.Count(c => c == 'L'));
        Assert.DoesNotContain("NaN", d, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScatterSkipsNonFinitePoints()
    {
        var svg = Render(new SvgPlot().AddScatter("", [0.0, 1, 2], [1.0, double.NaN, 3], MarkerShape.Square));
        Assert.Equal(2, DataPaths(svg).Single().Count(c => c == 'M'));
    }

    [Fact]
    public void LogAxisRefusesNonPositiveData()
    {
        var plot = new SvgPlot().AddLine("energy", [1.0, 2, 3], [1.0, 0, 2]);
        plot.Y.Scale = AxisScale.Log10;
        var e = Assert.Throws<ValidationException>(() => plot.ToSvg());
        Assert.Contains("positive values on a log10 axis", e.Message, StringComparison.Ordinal);
        Assert.Contains("'energy'", e.Message, StringComparison.Ordinal);

        var limit = new SvgPlot().AddLine("", [1.0, 2], [1.0, 2]);
        limit.X.Scale = AxisScale.Log10;
        limit.X.Min = -1;
        Assert.Throws<ValidationException>(() => limit.ToSvg());
    }

    [Fact]
    public void EmptyPlotRendersAxesOnly()
    {
        var svg = Render(new SvgPlot("nothing yet", "x", "y"));
        Assert.NotEmpty(TickLabels(svg, "x"));
        Assert.NotEmpty(TickLabels(svg, "y"));
        Assert.Empty(WithClass(svg, "data").Single().Elements());
        Assert.Empty(WithClass(svg, "legend"));
        var log = new SvgPlot().AddLine("", [], []);
        log.X.Scale = AxisScale.Log10;
        Assert.NotEmpty(TickLabels(Render(log), "x"));
    }

    [Fact]
    public void SeriesTakeDistinctPaletteColoursAndStyles()
    {
        var svg = Render(new SvgPlot()
            .AddLine("a", ZeroToTen, ZeroToTen)
            .AddLine("b", ZeroToTen, ZeroToTen, LineStyle.Dashed)
            .AddHorizontalLine("bound", 12));
        var paths = WithClass(svg, "data").Single().Elements().ToArray();
        Assert.Equal(SvgPlot.Palette[0], (string?)paths[0].Attribute("stroke"));
        Assert.Equal(SvgPlot.Palette[1], (string?)paths[1].Attribute("stroke"));
        Assert.Equal(SvgPlot.Palette[2], (string?)paths[2].Attribute("stroke"));
        Assert.Null(paths[0].Attribute("stroke-dasharray"));
        Assert.NotNull(paths[1].Attribute("stroke-dasharray"));
        Assert.NotNull(paths[2].Attribute("stroke-dasharray"));
        Assert.Equal(["a", "b", "bound"], WithClass(svg, "legend-label").Select(e => e.Value));
        Assert.Equal(SvgPlot.Palette.Count, SvgPlot.Palette.Distinct().Count());
    }

    [Fact]
    public void ReferenceLinesWidenTheRange()
    {
        var svg = Render(new SvgPlot().AddLine("", ZeroToTen, ZeroToTen).AddHorizontalLine("limit", 20).AddVerticalLine("", -10));
        // negative tick labels carry the typographic minus sign U+2212, not a hyphen
        Assert.Contains("\u221210", TickLabels(svg, "x"));
        var y = TickLabels(svg, "y").Select(s => double.Parse(s.Replace('\u2212', '-'), CultureInfo.InvariantCulture)).ToArray();
        var x = TickLabels(svg, "x").Select(s => double.Parse(s.Replace('\u2212', '-'), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(20, y.Max());
        Assert.Equal(-10, x.Min());
    }

    [Fact]
    public void BarsStartAtZeroAndDrawOneRectanglePerNonEmptyBin()
    {
        var svg = Render(new SvgPlot().AddBars("hist", [0.0, 1, 2, 3, 4], [5.0, 0, 12, 7]));
        Assert.Equal(3, DataPaths(svg).Single().Count(c => c == 'z'));
        Assert.Equal("0", TickLabels(svg, "y")[0]);
        var frame = WithClass(svg, "frame").Single();
        var bottom = double.Parse((string)frame.Attribute("y")!, CultureInfo.InvariantCulture) + double.Parse((string)frame.Attribute("height")!, CultureInfo.InvariantCulture);
        var zeroTick = WithClass(svg, "ytick").First();
        Assert.Equal(bottom + 0.35 * 12, double.Parse((string)zeroTick.Attribute("y")!, CultureInfo.InvariantCulture), 2);
    }

    [Fact]
    public void ExplicitLimitsBoundTheTicks()
    {
        var plot = new SvgPlot().AddLine("", ZeroToTen, ZeroToTen);
        plot.X.Min = 2;
        plot.X.Max = 4;
        var x = TickLabels(Render(plot), "x").Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, x.Min());
        Assert.Equal(4, x.Max());
        plot.X.Min = 5;
        Assert.Throws<ValidationException>(() => plot.ToSvg());
    }

    [Fact]
    public void LegendCanBeTurnedOffAndIsOmittedWithoutLabels()
    {
        Assert.Empty(WithClass(Render(new SvgPlot().AddLine("", ZeroToTen, ZeroToTen)), "legend"));
        var plot = new SvgPlot().AddLine("a", ZeroToTen, ZeroToTen);
        plot.Legend = LegendPosition.None;
        Assert.Empty(WithClass(Render(plot), "legend"));
    }

    [Fact]
    public void AutoLegendAvoidsTheData()
    {
        // A rising line crosses the top-right and bottom-left corners; the legend goes elsewhere.
        var svg = Render(new SvgPlot().AddLine("rising", ZeroToTen, ZeroToTen));
        var box = WithClass(svg, "legend").Single().Element(S + "rect")!;
        var frame = WithClass(svg, "frame").Single();
        double Num(XElement e, string a) => double.Parse((string)e.Attribute(a)!, CultureInfo.InvariantCulture);
        var legendCentreX = Num(box, "x") + Num(box, "width") / 2;
        var legendCentreY = Num(box, "y") + Num(box, "height") / 2;
        var frameCentreX = Num(frame, "x") + Num(frame, "width") / 2;
        var frameCentreY = Num(frame, "y") + Num(frame, "height") / 2;
        Assert.True((legendCentreX < frameCentreX) == (legendCentreY < frameCentreY), "legend should sit top-left or bottom-right");
    }

    [Fact]
    public void InvalidInputsAreRefused()
    {
        var plot = new SvgPlot();
        Assert.Throws<DimensionMismatchException>(() => plot.AddLine("", [1.0, 2], [1.0]));
        Assert.Throws<DimensionMismatchException>(() => plot.AddBars("", [0.0, 1], [1.0, 2]));
        Assert.Throws<ValidationException>(() => plot.AddBars("", [0.0, 2, 1], [1.0, 2]));
        Assert.Throws<ValidationException>(() => plot.AddHorizontalLine("", double.NaN));
        plot.Width = 50;
        Assert.Throws<ValidationException>(() => plot.ToSvg());
    }

    [Fact]
    public void SaveWritesTheSvgFile()
    {
        using var dir = new TempDir();
        var plot = new SvgPlot("saved").AddScatter("p", [1.0, 2], [3.0, 4]);
        plot.Save(dir.File("fig.svg"));
        Assert.Equal(plot.ToSvg(), File.ReadAllText(dir.File("fig.svg")));
    }
}
