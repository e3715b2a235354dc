using System.Text;
using System.Xml.Linq;
using static QBatt.IO.Plot.Svg;

namespace QBatt.IO.Plot;

/// <summary>Stroke pattern of a line.</summary>
public enum LineStyle
{
    /// <summary>A continuous line.</summary>
    Solid,

    /// <summary>Long dashes.</summary>
    Dashed,

    /// <summary>Round dots.</summary>
    Dotted,

    /// <summary>Alternating dashes and dots.</summary>
    DashDot,
}

/// <summary>Marker of a scatter series.</summary>
public enum MarkerShape
{
    /// <summary>A filled disc.</summary>
    Circle,

    /// <summary>A filled square.</summary>
    Square,

    /// <summary>A filled upward triangle.</summary>
    Triangle,

    /// <summary>A filled diamond.</summary>
    Diamond,

    /// <summary>An x-shaped cross (stroked).</summary>
    Cross,
}

/// <summary>One thing drawn in the plotting area, with its legend entry.</summary>
internal abstract class Series(string label, string color)
{
    /// <summary>Spacing in pixels of the points sampled along lines and areas to place the legend.</summary>
    protected const double SampleStep = 5;

    public string Label => label;

    public string Color => color;

    /// <summary>The values this series puts on the x (or y) axis: what sets the range and what a log axis checks.</summary>
    public abstract IEnumerable<double> Values(bool xAxis, bool log);

    public abstract XElement Render(Frame f);

    /// <summary>The legend symbol, drawn in a box of width <paramref name="w"/> centred vertically on <paramref name="y"/>.</summary>
    public abstract XElement LegendSymbol(double x, double y, double w);

    /// <summary>Pixel points covered by the series, to keep the legend off the data.</summary>
    public abstract IEnumerable<(double X, double Y)> Samples(Frame f);

    protected static IEnumerable<(double X, double Y)> Segment(double x0, double y0, double x1, double y1)
    {
        var n = (int)Math.Min(200, Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) / SampleStep));
        for (var k = 0; k <= n; k++)
            yield return (x0 + (x1 - x0) * k / Math.Max(n, 1), y0 + (y1 - y0) * k / Math.Max(n, 1));
    }
}

/// <summary>A polyline through (x, y) points; a NaN or infinite coordinate breaks the line.</summary>
internal sealed class LineSeries(string label, string color, double[] xs, double[] ys, LineStyle style) : Series(label, color)
{
    private const double Width = 1.8;

    private IEnumerable<int> Finite() => Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i]));

    public override IEnumerable<double> Values(bool xAxis, bool log) => Finite().Select(i => xAxis ? xs[i] : ys[i]);

    public override XElement Render(Frame f)
    {
        var d = new StringBuilder();
        var penDown = false;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                penDown = false;
                continue;
            }
            d.Append(penDown ? " L" : d.Length == 0 ? "M" : " M").Append(F(f.X(xs[i]))).Append(' ').Append(F(f.Y(ys[i])));
            penDown = true;
        }
        return Stroke(El("path", A("d", d.ToString())), Color, Width, style);
    }

    public override XElement LegendSymbol(double x, double y, double w) =>
        Stroke(El("line", A("x1", x), A("y1", y), A("x2", x + w), A("y2", y)), Color, Width, style);

    public override IEnumerable<(double X, double Y)> Samples(Frame f)
    {
        (double X, double Y)? previous = null;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                previous = null;
                continue;
            }
            var p = (f.X(xs[i]), f.Y(ys[i]));
            foreach (var s in previous is { } q ? Segment(q.X, q.Y, p.Item1, p.Item2) : [p]) yield return s;
            previous = p;
        }
    }
}

/// <summary>Markers at (x, y) points; points with a NaN or infinite coordinate are skipped.</summary>
internal sealed class ScatterSeries(string label, string color, double[] xs, double[] ys, MarkerShape marker) : Series(label, color)
{
    private const double Radius = 3.5;

    private IEnumerable<int> Finite() => Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i]));

    public override IEnumerable<double> Values(bool xAxis, bool log) => Finite().Select(i => xAxis ? xs[i] : ys[i]);

    public override XElement Render(Frame f)
    {
        var d = new StringBuilder();
        foreach (var i in Finite())
            AppendMarker(d, f.X(xs[i]), f.Y(ys[i]));
        return Style(El("path", A("d", d.ToString().TrimStart())));
    }

    public override XElement LegendSymbol(double x, double y, double w)
    {
        var d = new StringBuilder();
        AppendMarker(d, x + w / 2, y);
        return Style(El("path", A("d", d.ToString().TrimStart())));
    }

    public override IEnumerable<(double X, double Y)> Samples(Frame f) => Finite().Select(i => (f.X(xs[i]), f.Y(ys[i])));

    private XElement Style(XElement path)
    {
        if (marker == MarkerShape.Cross)
            return Stroke(path, Color, 1.6, LineStyle.Solid);
        path.Add(A("fill", Color), A("stroke", "white"), A("stroke-width", 0.5));
        return path;
    }

    private void AppendMarker(StringBuilder d, double x, double y)
    {
        const double r = Radius;
        var s = 0.886 * r;
        d.Append(' ').Append(marker switch
        {
            MarkerShape.Square => $"M{F(x - s)} {F(y - s)}h{F(2 * s)}v{F(2 * s)}h{F(-2 * s)}z",
            MarkerShape.Triangle => $"M{F(x)} {F(y - 1.2 * r)}L{F(x + 1.05 * r)} {F(y + 0.6 * r)}L{F(x - 1.05 * r)} {F(y + 0.6 * r)}z",
            MarkerShape.Diamond => $"M{F(x)} {F(y - 1.25 * r)}L{F(x + r)} {F(y)}L{F(x)} {F(y + 1.25 * r)}L{F(x - r)} {F(y)}z",
            MarkerShape.Cross => $"M{F(x - s)} {F(y - s)}L{F(x + s)} {F(y + s)}M{F(x - s)} {F(y + s)}L{F(x + s)} {F(y - s)}",
            _ => $"M{F(x - r)} {F(y)}a{F(r)} {F(r)} 0 1 0 {F(2 * r)} 0a{F(r)} {F(r)} 0 1 0 {F(-2 * r)} 0z",
        });
    }
}

/// <summary>A horizontal or vertical line across the whole plotting area, e.g. a bound.</summary>
internal sealed class ReferenceLine(string label, string color, double value, bool horizontal, LineStyle style) : Series(label, color)
{
    private const double Width = 1.5;

    public override IEnumerable<double> Values(bool xAxis, bool log) => xAxis == horizontal ? [] : [value];

    public override XElement Render(Frame f) => Stroke(horizontal
        ? El("line", A("x1", f.Left), A("y1", f.Y(value)), A("x2", f.Right), A("y2", f.Y(value)))
        : El("line", A("x1", f.X(value)), A("y1", f.Top), A("x2", f.X(value)), A("y2", f.Bottom)), Color, Width, style);

    public override XElement LegendSymbol(double x, double y, double w) =>
        Stroke(El("line", A("x1", x), A("y1", y), A("x2", x + w), A("y2", y)), Color, Width, style);

    public override IEnumerable<(double X, double Y)> Samples(Frame f) => horizontal
        ? Segment(f.Left, f.Y(value), f.Right, f.Y(value))
        : Segment(f.X(value), f.Top, f.X(value), f.Bottom);
}

/// <summary>Bars over bins [edges[k], edges[k+1]) of height counts[k] (a histogram); on a log axis empty bins are not drawn.</summary>
internal sealed class BarSeries(string label, string color, double[] edges, double[] counts) : Series(label, color)
{
    public override IEnumerable<double> Values(bool xAxis, bool log) =>
        xAxis ? edges : log ? counts.Where(c => c != 0) : counts.Append(0);

    private IEnumerable<(double X0, double X1, double Y0, double Y1)> Bars(Frame f) =>
        Enumerable.Range(0, counts.Length)
            .Where(k => counts[k] != 0)
            .Select(k => (f.X(edges[k]), f.X(edges[k + 1]), Math.Min(f.Baseline, f.Y(counts[k])), Math.Max(f.Baseline, f.Y(counts[k]))));

    public override XElement Render(Frame f)
    {
        var d = new StringBuilder();
        foreach (var (x0, x1, y0, y1) in Bars(f))
            d.Append(d.Length == 0 ? "" : " ").Append($"M{F(x0)} {F(y0)}H{F(x1)}V{F(y1)}H{F(x0)}z");
        return Style(El("path", A("d", d.ToString())));
    }

    public override XElement LegendSymbol(double x, double y, double w) =>
        Style(El("rect", A("x", x + w / 2 - 7), A("y", y - 5), A("width", 14), A("height", 10)));

    public override IEnumerable<(double X, double Y)> Samples(Frame f)
    {
        foreach (var (x0, x1, y0, y1) in Bars(f))
            for (var py = y0; py <= y1; py += SampleStep)
                foreach (var s in Segment(x0, py, x1, py)) yield return s;
    }

    private XElement Style(XElement e)
    {
        e.Add(A("fill", Color), A("fill-opacity", 0.55), A("stroke", Color), A("stroke-width", 1));
        return e;
    }
}
