using System.Globalization;

namespace QBatt.Cli.Output;

/// <summary>
/// A printed figure size from <c>--figure-size</c>: <c>column</c> (3.4 x 2.6 in, 8 pt: one column of a
/// two-column journal page), <c>double</c> (7 x 3.5 in, 9 pt: the full page width), or <c>WxH</c> in
/// inches with an optional font size <c>@PT</c> in points (default 8).
/// </summary>
internal sealed record FigureSpec(double WidthInches, double HeightInches, double FontPoints)
{
    public static FigureSpec Column { get; } = new(3.4, 2.6, 8);

    public static FigureSpec Double { get; } = new(7.0, 3.5, 9);

    public static FigureSpec Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "column") return Column;
        if (t == "double") return Double;
        var font = 8.0;
        var at = t.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            font = Number(t[(at + 1)..], text);
            t = t[..at];
        }
        var parts = t.Split('x');
        if (parts.Length != 2)
            throw new UsageException($"--figure-size: expected column, double or WxH in inches (e.g. 3.4x2.4 or 3.4x2.4@7), got '{text}'");
        var spec = new FigureSpec(Number(parts[0], text), Number(parts[1], text), font);
        // the smallest a legible plot with ticks, labels and a legend can be at that font
        var min = (Width: 2.8 * font / 12, Height: 2.1 * font / 12);
        if (spec.WidthInches < min.Width || spec.HeightInches < min.Height || spec.WidthInches > 40 || spec.HeightInches > 40 || font > 72)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--figure-size: expected at least {min.Width:0.##} x {min.Height:0.##} in at {font:G4} pt (and at most 40 x 40 in, 72 pt), got '{text}'"));
        return spec;
    }

    private static double Number(string part, string text)
    {
        if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || !(v > 0))
            throw new UsageException($"--figure-size: expected column, double or WxH in inches (e.g. 3.4x2.4 or 3.4x2.4@7), got '{text}'");
        return v;
    }
}
