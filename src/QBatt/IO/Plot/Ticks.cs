using System.Globalization;

namespace QBatt.IO.Plot;

/// <summary>
/// A tick at <see cref="Value"/> (data units). Major ticks carry a label, drawn as
/// <see cref="Label"/> followed by <see cref="Exponent"/> as a superscript when that is set
/// (decades of a log axis: <c>10</c> and <c>3</c> for 1000); minor ticks have an empty label.
/// </summary>
internal readonly record struct Tick(double Value, string Label, string? Exponent = null)
{
    public bool IsMajor => Label.Length > 0;

    public static Tick Minor(double value) => new(value, "");
}

/// <summary>
/// Tick placement: multiples of 1, 2 or 5 times a power of ten on linear axes; decades (with
/// minor ticks at 2..9) on log axes, or 1-2-5 mantissas when the range spans less than a decade.
/// Labels are compact and culture-invariant.
/// </summary>
internal static class Ticks
{
    private const double Eps = 1e-9;

    /// <summary>About <paramref name="target"/> (and at least two) major ticks in [lo, hi].</summary>
    public static List<Tick> Linear(double lo, double hi, int target)
    {
        var step = NiceStep((hi - lo) / Math.Max(target, 1));
        var values = Multiples(lo, hi, step);
        if (values.Count < 3)
        {
            step = SmallerNice(step);
            values = Multiples(lo, hi, step);
        }
        return LinearLabels(values, step);
    }

    /// <summary>Ticks for a log10 axis whose range is [lo, hi] in decades (log10 of the data).</summary>
    public static List<Tick> Log(double lo, double hi, int target)
    {
        int first = (int)Math.Ceiling(lo - Eps), last = (int)Math.Floor(hi + Eps);
        if (last - first + 1 >= 2)
            return Decades(lo, hi, first, last, target);
        var ticks = Mantissas(lo, hi, [1, 2, 5], [3, 4, 6, 7, 8, 9]);
        return ticks.Count(t => t.IsMajor) >= 2 ? ticks : Linear(Math.Pow(10, lo), Math.Pow(10, hi), target);
    }

    private static List<Tick> Decades(double lo, double hi, int first, int last, int target)
    {
        var stride = Math.Max(1, (int)Math.Ceiling((last - first + 1) / (double)Math.Max(target, 1)));
        var ticks = new List<Tick>();
        for (var k = first; k <= last; k++)
        {
            var value = Math.Pow(10, k);
            ticks.Add(k % stride == 0 ? new Tick(value, "10", k.ToString(CultureInfo.InvariantCulture)) : Tick.Minor(value));
        }
        if (stride == 1)
            ticks.AddRange(Mantissas(lo, hi, [], [2, 3, 4, 5, 6, 7, 8, 9]));
        return ticks;
    }

    private static List<Tick> Mantissas(double lo, double hi, int[] major, int[] minor)
    {
        var ticks = new List<Tick>();
        for (var k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
        {
            var decade = Math.Pow(10, k);
            foreach (var m in major.Concat(minor))
            {
                var value = m * decade;
                var log = Math.Log10(value);
                if (log < lo - Eps || log > hi + Eps) continue;
                ticks.Add(major.Contains(m) ? new Tick(value, Compact(value)) : Tick.Minor(value));
            }
        }
        return ticks;
    }

    /// <summary>The 1-2-5 step nearest to <paramref name="raw"/> (Heckbert's thresholds 1.5, 3, 7).</summary>
    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
    }

    private static double SmallerNice(double step)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(step) + Eps));
        var m = Math.Round(step / magnitude);
        return m >= 5 ? 2 * magnitude : m >= 2 ? magnitude : 0.5 * magnitude;
    }

    private static List<double> Multiples(double lo, double hi, double step)
    {
        var first = Math.Ceiling(lo / step - Eps);
        var last = Math.Floor(hi / step + Eps);
        var values = new List<double>();
        for (var k = first; k <= last && values.Count <= 1000; k++)
            values.Add(Math.Abs(k) < 0.5 ? 0 : k * step);
        return values;
    }

    private static List<Tick> LinearLabels(List<double> values, double step)
    {
        var maxAbs = values.Count == 0 ? 0 : values.Max(Math.Abs);
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + Eps));
        var scientific = maxAbs >= 1e5 || decimals > 4;
        var stepExponent = (int)Math.Floor(Math.Log10(step) + Eps);
        return values.Select(v => new Tick(v, scientific ? Scientific(v, stepExponent) : Fixed(v, decimals))).ToList();
    }

    private static string Fixed(double v, int decimals) =>
        Math.Round(v, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><c>2.5e-7</c>-style text with the digits down to 10^<paramref name="lastExponent"/>.</summary>
    private static string Scientific(double v, int lastExponent)
    {
        if (v == 0) return "0";
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(v)) + Eps);
        var mantissa = Math.Round(v / Math.Pow(10, exponent), Math.Clamp(exponent - lastExponent, 0, 15));
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        return mantissa.ToString("0.###############", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Short text for a value: plain between 0.001 and 10^5, scientific outside.</summary>
    public static string Compact(double v)
    {
        var a = Math.Abs(v);
        if (a == 0) return "0";
        if (a is >= 1e-3 and < 1e5)
            return double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("0.############", CultureInfo.InvariantCulture);
        return Scientific(v, (int)Math.Floor(Math.Log10(a) + Eps) - 11);
    }
}
