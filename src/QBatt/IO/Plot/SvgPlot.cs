using System.Xml.Linq;
using static QBatt.IO.Plot.Svg;

namespace QBatt.IO.Plot;

/// <summary>Where the legend goes.</summary>
public enum LegendPosition
{
    /// <summary>The inside corner that hides the fewest data (top right on a tie).</summary>
    Auto,

    /// <summary>Inside, top right.</summary>
    TopRight,

    /// <summary>Inside, top left.</summary>
    TopLeft,

    /// <summary>Inside, bottom right.</summary>
    BottomRight,

    /// <summary>Inside, bottom left.</summary>
    BottomLeft,

    /// <summary>No legend.</summary>
    None,
}

/// <summary>
/// A two-dimensional figure rendered as standalone SVG 1.1: lines, scatter markers, histogram
/// bars, heatmaps with a colour bar and horizontal or vertical reference lines over linear or log10 axes with automatic
/// ticks, grid, title, axis labels and a legend. Series take the colours of the colour-blind-safe
/// Okabe-Ito palette in turn unless given one. The <c>Add*</c> methods return the plot for chaining.
/// </summary>
public sealed partial class SvgPlot
{
    private const double BaseFont = 12;

    private static readonly string[] OkabeIto = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    private readonly List<Series> _series = [];
    private readonly List<FigureSeries> _data = [];

    /// <summary>An empty plot with an optional title and axis labels.</summary>
    public SvgPlot(string title = "", string xLabel = "", string yLabel = "")
    {
        Title = title;
        X.Label = xLabel;
        Y.Label = yLabel;
    }

    /// <summary>The colours series take in turn: the Okabe-Ito palette, yellow last.</summary>
    public static IReadOnlyList<string> Palette => OkabeIto;

    /// <summary>Text above the plot; empty for none.</summary>
    public string Title { get; set; }

    /// <summary>The horizontal axis.</summary>
    public Axis X { get; } = new("X");

    /// <summary>The vertical axis.</summary>
    public Axis Y { get; } = new("Y");

    /// <summary>Width in pixels (default 720).</summary>
    public int Width { get; set; } = 720;

    /// <summary>Height in pixels (default 480).</summary>
    public int Height { get; set; } = 480;

    /// <summary>Legend placement (default <see cref="LegendPosition.Auto"/>); series with an empty label have no entry.</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;

    /// <summary>Font size of the tick labels and legend (default 12; axis labels are 7/6 and the title 4/3 of it), in the units of <see cref="Width"/>.</summary>
    public double FontSize { get; set; } = BaseFont;

    /// <summary>
    /// The printed size in inches when set by <see cref="SetPrintSize"/> (null: a screen figure in pixels).
    /// A printed figure's coordinates are points (1/72 in): <see cref="Width"/> and <see cref="Height"/>
    /// are the size in points and <see cref="FontSize"/> is in points.
    /// </summary>
    public (double Width, double Height)? Inches { get; private set; }

    /// <summary>Prints the figure at <paramref name="widthInches"/> x <paramref name="heightInches"/> with tick labels of <paramref name="fontPoints"/> pt.</summary>
    /// <exception cref="ValidationException">A size or the font is not positive and finite, or the size is below 2.8 x 2.1 in at this font scale.</exception>
    public SvgPlot SetPrintSize(double widthInches, double heightInches, double fontPoints)
    {
        Guard.Finite(widthInches, "SvgPlot.SetPrintSize", "widthInches");
        Guard.Finite(heightInches, "SvgPlot.SetPrintSize", "heightInches");
        Guard.Finite(fontPoints, "SvgPlot.SetPrintSize", "fontPoints");
        if (!(widthInches > 0 && heightInches > 0 && fontPoints > 0))
            throw new ValidationException("SvgPlot.SetPrintSize", "size", "positive inches and points", $"{QBattException.Num(widthInches)} x {QBattException.Num(heightInches)} in, {QBattException.Num(fontPoints)} pt");
        Inches = (widthInches, heightInches);
        Width = (int)Math.Round(widthInches * 72);
        Height = (int)Math.Round(heightInches * 72);
        FontSize = fontPoints;
        return this;
    }

    private double Scale => FontSize / BaseFont;

    private double TickFont => FontSize;

    private double LabelFont => FontSize * 7 / 6;

    private double TitleFont => FontSize * 4 / 3;

    private double TickLength => 5 * Scale;

    private double MinorLength => 3 * Scale;

    private double ColourBarGap => 30 * Scale;

    private double ColourBarWidth => 16 * Scale;

    private double ColourBarSpace => 110 * Scale;

    /// <summary>Prefix of the ids inside the SVG; give each plot its own when several are inlined in one HTML page.</summary>
    public string IdPrefix { get; set; } = "qbatt-plot";

    /// <summary>Adds a line through the points (xs[i], ys[i]); a NaN or infinite coordinate breaks the line there.</summary>
    /// <exception cref="DimensionMismatchException">xs and ys differ in length.</exception>
    public SvgPlot AddLine(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, LineStyle style = LineStyle.Solid, string? color = null)
    {
        var (x, y) = Points("AddLine", xs, ys);
        var c = color ?? NextColor();
        _data.Add(new FigureSeries("line", label ?? "", Style(style), c, x, y));
        return Add(new LineSeries(label ?? "", c, x, y, style));
    }

    /// <summary>Adds markers at the points (xs[i], ys[i]); points with a NaN or infinite coordinate are skipped.</summary>
    /// <exception cref="DimensionMismatchException">xs and ys differ in length.</exception>
    public SvgPlot AddScatter(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, MarkerShape marker = MarkerShape.Circle, string? color = null)
    {
        var (x, y) = Points("AddScatter", xs, ys);
        var c = color ?? NextColor();
        _data.Add(new FigureSeries("scatter", label ?? "", marker.ToString().ToLowerInvariant(), c, x, y));
        return Add(new ScatterSeries(label ?? "", c, x, y, marker));
    }

    /// <summary>Adds a horizontal line at height <paramref name="y"/> across the plot, e.g. a bound; the y range includes it.</summary>
    /// <exception cref="ValidationException">y is NaN or infinite.</exception>
    public SvgPlot AddHorizontalLine(string label, double y, LineStyle style = LineStyle.Dashed, string? color = null)
    {
        Guard.Finite(y, "SvgPlot.AddHorizontalLine", "y");
        var c = color ?? NextColor();
        _data.Add(new FigureSeries("hline", label ?? "", Style(style), c, [double.NaN], [y]));
        return Add(new ReferenceLine(label ?? "", c, y, true, style));
    }

    /// <summary>Adds a vertical line at <paramref name="x"/> across the plot; the x range includes it.</summary>
    /// <exception cref="ValidationException">x is NaN or infinite.</exception>
    public SvgPlot AddVerticalLine(string label, double x, LineStyle style = LineStyle.Dashed, string? color = null)
    {
        Guard.Finite(x, "SvgPlot.AddVerticalLine", "x");
        var c = color ?? NextColor();
        _data.Add(new FigureSeries("vline", label ?? "", Style(style), c, [x], [double.NaN]));
        return Add(new ReferenceLine(label ?? "", c, x, false, style));
    }

    /// <summary>
    /// Adds bars of height counts[k] over the bins [binEdges[k], binEdges[k+1]] (a histogram). On a
    /// log y axis empty bins are left out.
    /// </summary>
    /// <exception cref="DimensionMismatchException">binEdges does not have one entry more than counts.</exception>
    /// <exception cref="ValidationException">The edges are not finite and strictly increasing, or a count is not finite.</exception>
    public SvgPlot AddBars(string label, IReadOnlyList<double> binEdges, IReadOnlyList<double> counts, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(binEdges);
        ArgumentNullException.ThrowIfNull(counts);
        if (binEdges.Count != counts.Count + 1 || counts.Count == 0)
            throw new DimensionMismatchException("SvgPlot.AddBars", "binEdges", $"counts.Length + 1 = {counts.Count + 1} edges, at least 2", $"{binEdges.Count}");
        double[] edges = [.. binEdges], heights = [.. counts];
        Guard.Finite(edges, "SvgPlot.AddBars", "binEdges");
        Guard.Finite(heights, "SvgPlot.AddBars", "counts");
        for (var k = 1; k < edges.Length; k++)
        {
            if (!(edges[k] > edges[k - 1]))
                throw new ValidationException("SvgPlot.AddBars", "binEdges", "strictly increasing edges", $"{QBattException.Num(edges[k - 1])} then {QBattException.Num(edges[k])} at index {k}");
        }
        var c = color ?? NextColor();
        _data.Add(new FigureSeries("bars", label ?? "", "solid", c, edges[..^1], heights, edges[1..]));
        return Add(new BarSeries(label ?? "", c, edges, heights));
    }

    /// <summary>
    /// Adds a heatmap: values[i, j] colours the cell centred on (xs[i], ys[j]) (viridis, the colour
    /// bar right of the frame is labelled <paramref name="label"/>); a NaN or infinite value leaves its
    /// cell grey. At most one heatmap per plot.
    /// </summary>
    /// <exception cref="DimensionMismatchException">values is not xs.Count x ys.Count.</exception>
    /// <exception cref="ValidationException">The centres are not finite and strictly increasing, or the plot has a heatmap already.</exception>
    public SvgPlot AddHeatmap(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != xs.Count || values.GetLength(1) != ys.Count || xs.Count == 0 || ys.Count == 0)
            throw new DimensionMismatchException("SvgPlot.AddHeatmap", "values", $"{xs.Count} x {ys.Count} (xs.Count x ys.Count, both at least 1)", $"{values.GetLength(0)} x {values.GetLength(1)}");
        if (Heatmap is not null)
            throw new ValidationException("SvgPlot.AddHeatmap", "values", "one heatmap per plot", "a second heatmap");
        double[] x = [.. xs], y = [.. ys];
        Increasing(x, "xs");
        Increasing(y, "ys");
        var cells = new List<(double X, double Y, double Z)>();
        for (var i = 0; i < x.Length; i++)
            for (var j = 0; j < y.Length; j++) cells.Add((x[i], y[j], values[i, j]));
        _data.Add(new FigureSeries("heatmap", label ?? "", "viridis", "", [.. cells.Select(q => q.X)], [.. cells.Select(q => q.Y)], Z: [.. cells.Select(q => q.Z)]));
        return Add(new HeatmapSeries(label ?? "", x, y, (double[,])values.Clone(), X, Y));
    }

    private static void Increasing(double[] centres, string argument)
    {
        Guard.Finite(centres, "SvgPlot.AddHeatmap", argument);
        for (var k = 1; k < centres.Length; k++)
        {
            if (!(centres[k] > centres[k - 1]))
                throw new ValidationException("SvgPlot.AddHeatmap", argument, "strictly increasing centres", $"{QBattException.Num(centres[k - 1])} then {QBattException.Num(centres[k])} at index {k}");
        }
    }

    private HeatmapSeries? Heatmap => _series.OfType<HeatmapSeries>().FirstOrDefault();

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    /// <exception cref="ValidationException">The plot cannot be drawn (see <see cref="ToSvg"/>) or the path cannot be written.</exception>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>The figure as a standalone SVG 1.1 document.</summary>
    /// <exception cref="ValidationException">
    /// A log axis meets a non-positive value or limit, an explicit limit is not finite or the
    /// limits are reversed, or the size is below 200 x 150 pixels.
    /// </exception>
    public string ToSvg()
    {
        Guard.AtLeast(Width, 200, "SvgPlot.ToSvg", "Width");
        Guard.AtLeast(Height, 150, "SvgPlot.ToSvg", "Height");
        CheckLogData(X, true);
        CheckLogData(Y, false);
        var layout = new Layout(this);
        var f = layout.Frame;
        var clipId = IdPrefix + "-clip";
        string width = Inches is { } size ? F(size.Width) + "in" : F(Width), height = Inches is { } size2 ? F(size2.Height) + "in" : F(Height);
        var svg = El("svg", A("version", "1.1"), A("width", width), A("height", height), A("viewBox", $"0 0 {Width} {Height}"),
            A("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"), A("font-size", TickFont));
        if (Title.Length > 0) svg.Add(El("title", Clean(Title)));
        svg.Add(El("rect", A("width", Width), A("height", Height), A("fill", "white")),
            El("defs", El("clipPath", A("id", clipId), El("rect", A("x", f.Left), A("y", f.Top), A("width", f.Width), A("height", f.Height)))),
            layout.Grid(),
            El("g", A("class", "data"), A("clip-path", $"url(#{clipId})"), _series.Select(s => s.Render(f))),
            El("rect", A("class", "frame"), A("x", f.Left), A("y", f.Top), A("width", f.Width), A("height", f.Height), A("fill", "none"), A("stroke", "#333"), A("stroke-width", 1)),
            layout.TickMarks(),
            layout.Labels(),
            Heatmap?.ColourBar(f, f.Right + ColourBarGap, ColourBarWidth, TickFont),
            LegendBox(f));
        return svg.ToString() + "\n";
    }

    private SvgPlot Add(Series s)
    {
        _series.Add(s);
        return this;
    }

    private string NextColor() => OkabeIto[_series.Count % OkabeIto.Length];

    private static (double[] X, double[] Y) Points(string op, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
            throw new DimensionMismatchException("SvgPlot." + op, "ys", $"{xs.Count} values (as many as xs)", $"{ys.Count}");
        return ([.. xs], [.. ys]);
    }

    private void CheckLogData(Axis axis, bool xAxis)
    {
        if (!axis.IsLog) return;
        foreach (var s in _series)
        {
            foreach (var v in s.Values(xAxis, true))
            {
                if (!(v > 0))
                    throw new ValidationException("SvgPlot.ToSvg", axis.Name, "positive values on a log10 axis", $"{QBattException.Num(v)} in series '{s.Label}'");
            }
        }
    }

    private IEnumerable<double> Data(bool xAxis) => _series.SelectMany(s => s.Values(xAxis, (xAxis ? X : Y).IsLog));

    private bool HasBars => _series.OfType<BarSeries>().Any();

    private XElement? LegendBox(Frame f)
    {
        var entries = _series.Where(s => s.Label.Length > 0 && s is not HeatmapSeries).ToList();
        if (Legend == LegendPosition.None || entries.Count == 0) return null;
        double k = Scale, pad = 8 * k, row = 18 * k, symbol = 26 * k, gap = 6 * k, inset = 10 * k;
        var w = 2 * pad + symbol + gap + entries.Max(s => TextWidth(Clean(s.Label), TickFont));
        var h = 2 * pad + row * entries.Count - 4;
        var (x, y) = LegendCorner(f, w, h, inset);
        var g = El("g", A("class", "legend"),
            El("rect", A("x", x), A("y", y), A("width", w), A("height", h), A("rx", 3), A("fill", "white"), A("fill-opacity", 0.9), A("stroke", "#bbb")));
        for (var e = 0; e < entries.Count; e++)
        {
            var cy = y + pad + row * e + row / 2 - 2 * k;
            g.Add(entries[e].LegendSymbol(x + pad, cy, symbol), Text(x + pad + symbol + gap, cy + 4 * k, entries[e].Label, "start", "legend-label"));
        }
        return g;
    }

    private (double X, double Y) LegendCorner(Frame f, double w, double h, double inset)
    {
        (double X, double Y)[] corners =
        [
            (f.Right - inset - w, f.Top + inset), (f.Left + inset, f.Top + inset),
            (f.Right - inset - w, f.Bottom - inset - h), (f.Left + inset, f.Bottom - inset - h),
        ];
        if (Legend != LegendPosition.Auto)
            return corners[(int)Legend - 1];
        var samples = _series.SelectMany(s => s.Samples(f)).Where(p => f.Contains(p.X, p.Y)).ToList();
        return corners.MinBy(c => samples.Count(p => p.X >= c.X - 2 && p.X <= c.X + w + 2 && p.Y >= c.Y - 2 && p.Y <= c.Y + h + 2));
    }

    /// <summary>Positions of the frame and the ticks, derived from the size, the texts and the data.</summary>
    private sealed class Layout
    {
        private readonly SvgPlot _plot;
        private readonly List<Tick> _xTicks, _yTicks;

        public Layout(SvgPlot plot)
        {
            _plot = plot;
            var k = plot.Scale;
            var top = (plot.Title.Length > 0 ? 44 : 16) * k;
            var bottom = plot.TickLength + 6 * k + plot.TickFont + (plot.X.Label.Length > 0 ? 12 * k + plot.LabelFont : 0) + 12 * k;
            var height = plot.Height - top - bottom;
            var yRange = plot.Y.Range(plot.Data(false), plot.HasBars);
            var xRange = plot.X.Range(plot.Data(true), false);
            _yTicks = plot.Y.Ticks(yRange, Math.Clamp((int)(height / (55 * k)), 3, 10));
            var yTickWidth = _yTicks.Where(t => t.IsMajor).Select(t => TextWidth(t, plot.TickFont)).DefaultIfEmpty(0).Max();
            var left = 12 * k + (plot.Y.Label.Length > 0 ? plot.LabelFont + 10 * k : 0) + yTickWidth + 4 * k + plot.TickLength;
            var width = plot.Width - left - 28 * k - (plot.Heatmap is null ? 0 : plot.ColourBarSpace);
            _xTicks = XTicks(plot.X, xRange, width, plot.TickFont);
            Frame = new Frame(left, top, width, height, plot.X, xRange, plot.Y, yRange);
        }

        public Frame Frame { get; }

        /// <summary>About one labelled tick per 90 px, fewer when the labels would crowd each other.</summary>
        private static List<Tick> XTicks(Axis axis, (double Lo, double Hi) range, double width, double font)
        {
            for (var target = Math.Clamp((int)(width / (90 * font / BaseFont)), 3, 10); ; target--)
            {
                var ticks = axis.Ticks(range, target);
                var major = ticks.Where(t => t.IsMajor).ToList();
                var widest = major.Select(t => TextWidth(t, font)).DefaultIfEmpty(0).Max();
                if (target <= 2 || major.Count * (widest + 14 * font / BaseFont) <= width) return ticks;
            }
        }

        public XElement Grid()
        {
            var f = Frame;
            var g = El("g", A("class", "grid"), A("stroke", "#e5e5e5"), A("stroke-width", 1), A("shape-rendering", "crispEdges"));
            foreach (var t in Visible(_xTicks, true).Where(t => t.IsMajor))
                g.Add(El("line", A("x1", f.X(t.Value)), A("y1", f.Top), A("x2", f.X(t.Value)), A("y2", f.Bottom)));
            foreach (var t in Visible(_yTicks, false).Where(t => t.IsMajor))
                g.Add(El("line", A("x1", f.Left), A("y1", f.Y(t.Value)), A("x2", f.Right), A("y2", f.Y(t.Value))));
            return g;
        }

        public XElement TickMarks()
        {
            var f = Frame;
            var g = El("g", A("class", "ticks"), A("stroke", "#333"), A("stroke-width", 1), A("shape-rendering", "crispEdges"));
            foreach (var t in Visible(_xTicks, true))
                g.Add(El("line", A("x1", f.X(t.Value)), A("y1", f.Bottom), A("x2", f.X(t.Value)), A("y2", f.Bottom + (t.IsMajor ? _plot.TickLength : _plot.MinorLength))));
            foreach (var t in Visible(_yTicks, false))
                g.Add(El("line", A("x1", f.Left - (t.IsMajor ? _plot.TickLength : _plot.MinorLength)), A("y1", f.Y(t.Value)), A("x2", f.Left), A("y2", f.Y(t.Value))));
            return g;
        }

        public XElement Labels()
        {
            var f = Frame;
            var g = El("g", A("class", "labels"), A("fill", "#222"));
            foreach (var t in Visible(_xTicks, true).Where(t => t.IsMajor))
                g.Add(Text(f.X(t.Value), f.Bottom + _plot.TickLength + 3 * _plot.Scale + _plot.TickFont, Minus(t.Label), "middle", "xtick", MinusOrNull(t.Exponent), _plot.TickFont));
            foreach (var t in Visible(_yTicks, false).Where(t => t.IsMajor))
                g.Add(Text(f.Left - _plot.TickLength - 4 * _plot.Scale, f.Y(t.Value) + 0.35 * _plot.TickFont, Minus(t.Label), "end", "ytick", MinusOrNull(t.Exponent), _plot.TickFont));
            var cx = f.Left + f.Width / 2;
            if (_plot.X.Label.Length > 0)
                g.Add(Sized(Text(cx, f.Bottom + _plot.TickLength + (6 + 10) * _plot.Scale + _plot.TickFont + _plot.LabelFont, _plot.X.Label, "middle", "xlabel"), _plot.LabelFont));
            if (_plot.Y.Label.Length > 0)
            {
                var (x, y) = (12 * _plot.Scale + _plot.LabelFont * 0.8, f.Top + f.Height / 2);
                g.Add(Sized(Text(x, y, _plot.Y.Label, "middle", "ylabel"), _plot.LabelFont, $"rotate(-90 {F(x)} {F(y)})"));
            }
            if (_plot.Title.Length > 0)
                g.Add(Sized(Text(cx, 28 * _plot.Scale, _plot.Title, "middle", "title"), _plot.TitleFont, weight: "bold"));
            return g;
        }

        /// <summary>Tick labels with the typographic minus sign (U+2212) for hyphens.</summary>
        private static string Minus(string label) => label.Replace('-', '\u2212');

        private static string? MinusOrNull(string? label) => label is null ? null : Minus(label);

        private IEnumerable<Tick> Visible(List<Tick> ticks, bool xAxis) => ticks.Where(t =>
        {
            var p = xAxis ? Frame.X(t.Value) : Frame.Y(t.Value);
            return xAxis ? p >= Frame.Left - 0.5 && p <= Frame.Right + 0.5 : p >= Frame.Top - 0.5 && p <= Frame.Bottom + 0.5;
        });

        private static XElement Sized(XElement text, double size, string? transform = null, string? weight = null)
        {
            text.Add(A("font-size", size));
            if (transform is not null) text.Add(A("transform", transform));
            if (weight is not null) text.Add(A("font-weight", weight));
            return text;
        }
    }
}
