using System.Globalization;
using System.Xml.Linq;
using static QBatt.IO.Plot.Svg;

namespace QBatt.IO.Plot;

/// <summary>
/// Cells coloured by value over a rectangular grid of centres: cell edges lie halfway between
/// neighbouring centres (in log10 on a log axis) and half a spacing beyond the outer ones. Colours
/// follow the perceptually uniform viridis map from the smallest to the largest finite value, shown
/// by a colour bar right of the frame; a NaN or infinite value leaves its cell grey.
/// </summary>
internal sealed class HeatmapSeries : Series
{
    /// <summary>Viridis sampled at 9 equally spaced points (matplotlib's table), interpolated linearly.</summary>
    private static readonly (double R, double G, double B)[] Viridis =
    [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ];

    private const string Missing = "#d9d9d9";

    private readonly double[] _xs, _ys;
    private readonly double[,] _values;
    private readonly Axis _xAxis, _yAxis;

    public HeatmapSeries(string label, double[] xs, double[] ys, double[,] values, Axis xAxis, Axis yAxis)
        : base(label, "#000000")
    {
        _xs = xs;
        _ys = ys;
        _values = values;
        _xAxis = xAxis;
        _yAxis = yAxis;
        var finite = values.Cast<double>().Where(double.IsFinite).ToList();
        (Low, High) = finite.Count == 0 ? (0, 1) : (finite.Min(), finite.Max());
        if (High == Low)
        {
            var half = Low == 0 ? 1 : 0.1 * Math.Abs(Low);
            (Low, High) = (Low - half, High + half);
        }
    }

    /// <summary>The value mapped to the first colour.</summary>
    public double Low { get; }

    /// <summary>The value mapped to the last colour.</summary>
    public double High { get; }

    public override IEnumerable<double> Values(bool xAxis, bool log) => xAxis ? Edges(_xs, _xAxis) : Edges(_ys, _yAxis);

    public override XElement Render(Frame f)
    {
        var g = El("g", A("class", "heatmap"), A("shape-rendering", "crispEdges"));
        double[] xe = Edges(_xs, _xAxis), ye = Edges(_ys, _yAxis);
        for (var i = 0; i < _xs.Length; i++)
        {
            for (var j = 0; j < _ys.Length; j++)
            {
                double x0 = f.X(xe[i]), x1 = f.X(xe[i + 1]), y0 = f.Y(ye[j + 1]), y1 = f.Y(ye[j]);
                var v = _values[i, j];
                g.Add(El("rect", A("x", x0), A("y", y0), A("width", x1 - x0), A("height", y1 - y0),
                    A("fill", double.IsFinite(v) ? Colour((v - Low) / (High - Low)) : Missing)));
            }
        }
        return g;
    }

    public override XElement LegendSymbol(double x, double y, double w) =>
        El("rect", A("x", x + w / 2 - 7), A("y", y - 5), A("width", 14), A("height", 10), A("fill", Colour(0.5)));

    public override IEnumerable<(double X, double Y)> Samples(Frame f) => [];

    /// <summary>The colour bar: 64 bands from <see cref="Low"/> (bottom) to <see cref="High"/> (top), ticks and the label.</summary>
    public XElement ColourBar(Frame f, double left, double width, double fontSize)
    {
        const int bands = 64;
        var g = El("g", A("class", "colorbar"), A("shape-rendering", "crispEdges"));
        var h = f.Height / bands;
        for (var k = 0; k < bands; k++)
            g.Add(El("rect", A("x", left), A("y", f.Bottom - (k + 1) * h), A("width", width), A("height", h + 0.5), A("fill", Colour((k + 0.5) / bands))));
        g.Add(El("rect", A("x", left), A("y", f.Top), A("width", width), A("height", f.Height), A("fill", "none"), A("stroke", "#333"), A("stroke-width", 1)));
        foreach (var t in Ticks.Linear(Low, High, 5).Where(t => t.IsMajor && t.Value >= Low && t.Value <= High))
        {
            var y = f.Bottom - (t.Value - Low) / (High - Low) * f.Height;
            g.Add(El("line", A("x1", left + width), A("y1", y), A("x2", left + width + 4), A("y2", y), A("stroke", "#333")),
                Text(left + width + 6, y + 0.35 * fontSize, t.Label, "start", "cbtick", t.Exponent, fontSize));
        }
        if (Label.Length > 0)
        {
            var (x, y) = (left - 6, f.Top + f.Height / 2);
            var text = Text(x, y, Label, "middle", "cblabel", fontSize: fontSize);
            text.Add(A("transform", string.Create(CultureInfo.InvariantCulture, $"rotate(-90 {F(x)} {F(y)})")));
            g.Add(text);
        }
        return g;
    }

    /// <summary>Viridis at position <paramref name="t"/> in [0, 1] as #rrggbb.</summary>
    internal static string Colour(double t)
    {
        var s = Math.Clamp(t, 0, 1) * (Viridis.Length - 1);
        var k = Math.Min((int)s, Viridis.Length - 2);
        var u = s - k;
        var (a, b) = (Viridis[k], Viridis[k + 1]);
        int R(double p, double q) => (int)Math.Round(p + (q - p) * u);
        return string.Create(CultureInfo.InvariantCulture, $"#{R(a.R, b.R):x2}{R(a.G, b.G):x2}{R(a.B, b.B):x2}");
    }

    /// <summary>Cell edges around increasing centres, halfway in the axis' forward coordinate.</summary>
    internal static double[] Edges(double[] centres, Axis axis)
    {
        var c = centres.Select(axis.Forward).ToArray();
        var e = new double[c.Length + 1];
        if (c.Length == 1)
        {
            var half = axis.IsLog ? 0.5 : c[0] == 0 ? 0.5 : 0.1 * Math.Abs(c[0]);
            (e[0], e[1]) = (c[0] - half, c[0] + half);
        }
        else
        {
            for (var k = 1; k < c.Length; k++) e[k] = (c[k - 1] + c[k]) / 2;
            e[0] = c[0] - (c[1] - c[0]) / 2;
            e[^1] = c[^1] + (c[^1] - c[^2]) / 2;
        }
        return axis.IsLog ? [.. e.Select(v => Math.Pow(10, v))] : e;
    }
}
