using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace QBatt.IO.Plot;

/// <summary>Small helpers that build SVG elements with compact, culture-invariant numbers.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Average advance of a glyph of the sans-serif fonts used, in ems (for layout estimates).</summary>
    private const double GlyphWidth = 0.6;

    public static XElement El(string name, params object?[] content) => new(Ns + name, content);

    public static XAttribute A(string name, double value) => new(name, F(value));

    public static XAttribute A(string name, string value) => new(name, value);

    /// <summary>A coordinate rounded to 0.01 px.</summary>
    public static string F(double v)
    {
        var r = Math.Round(v, 2);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>The text without characters that XML 1.0 cannot hold.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c >= ' ' || c is '\t' or '\n' or '\r')
                sb.Append(c == '\uFFFE' || c == '\uFFFF' ? ' ' : c);
        }
        return sb.ToString();
    }

    /// <summary>Estimated width in pixels of a text at a font size.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * GlyphWidth * fontSize;

    /// <summary>Estimated width of a tick label, counting a superscript exponent at 75%.</summary>
    public static double TextWidth(Tick tick, double fontSize) =>
        TextWidth(tick.Label, fontSize) + TextWidth(tick.Exponent ?? "", 0.75 * fontSize);

    /// <summary>A text element; a tick's exponent becomes a raised, smaller <c>tspan</c>.</summary>
    public static XElement Text(double x, double y, string text, string anchor, string cssClass, string? exponent = null, double fontSize = 12)
    {
        var e = El("text", A("x", x), A("y", y), A("text-anchor", anchor), A("class", cssClass), Clean(text));
        if (exponent is not null)
            e.Add(El("tspan", A("dy", -0.45 * fontSize), A("font-size", 0.75 * fontSize), exponent));
        return e;
    }

    /// <summary>Adds stroke attributes for a line style to <paramref name="e"/> and returns it.</summary>
    public static XElement Stroke(XElement e, string color, double width, LineStyle style)
    {
        e.Add(A("fill", "none"), A("stroke", color), A("stroke-width", width), A("stroke-linejoin", "round"));
        var dash = style switch
        {
            LineStyle.Dashed => "7 4",
            LineStyle.Dotted => "0.1 3.5",
            LineStyle.DashDot => "7 3 0.1 3",
            _ => null,
        };
        if (dash is not null) e.Add(A("stroke-dasharray", dash));
        if (style is LineStyle.Dotted or LineStyle.DashDot) e.Add(A("stroke-linecap", "round"));
        return e;
    }
}

/// <summary>The plotting rectangle in pixels and the map from data to pixel coordinates.</summary>
internal sealed class Frame(double left, double top, double width, double height, Axis x, (double Lo, double Hi) xRange, Axis y, (double Lo, double Hi) yRange)
{
    /// <summary>Pixel coordinates are clamped to this distance from the frame to keep the SVG numbers sane.</summary>
    private const double Far = 1e5;

    public double Left => left;
    public double Top => top;
    public double Width => width;
    public double Height => height;
    public double Right => left + width;
    public double Bottom => top + height;

    public double X(double v) => Math.Clamp(left + (x.Forward(v) - xRange.Lo) / (xRange.Hi - xRange.Lo) * width, -Far, Far);

    public double Y(double v) => Math.Clamp(top + height - (y.Forward(v) - yRange.Lo) / (yRange.Hi - yRange.Lo) * height, -Far, Far);

    /// <summary>The pixel row of a bar's base: y = 0 on a linear axis, the bottom edge on a log axis.</summary>
    public double Baseline => y.IsLog ? Bottom : Math.Clamp(Y(0), top, Bottom);

    public bool Contains(double px, double py) => px >= left && px <= Right && py >= top && py <= Bottom;
}
