using System.Globalization;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// The list and range syntax of sweep values (docs/cli.md): comma-separated items, each a single
/// value or a range. <c>a..b:n</c> is n equally spaced points from a to b, both ends included
/// (n &gt;= 2; a &gt; b runs downwards); <c>a..b</c> without a count is every integer from a to b
/// (integer options only, a &lt;= b). Single values are kept as written: the option's own parser
/// checks them. Range points are written in round-trip form, the ends exactly as given.
/// </summary>
internal static class ValueList
{
    /// <summary>Most values one option may take (before the product over options is formed).</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>True when <paramref name="text"/> has more than one value or a range.</summary>
    public static bool IsList(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains("..", StringComparison.Ordinal);

    /// <summary>The values of <paramref name="text"/> for an option <paramref name="name"/> of integer (or else real) values.</summary>
    /// <exception cref="UsageException">An item is empty or a range is malformed.</exception>
    public static List<string> Expand(string text, string name, bool integer)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException($"{name}: expected a value, a list like 0.1,0.5 or a range like 0.1..0.5:5, got an empty value");
        var values = new List<string>();
        var items = text.Split(',');
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k].Trim();
            if (item.Length == 0)
                throw new UsageException($"{name}: expected comma-separated values, got an empty item at position {k + 1} in '{text}'");
            var dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0) values.Add(item);
            else values.AddRange(Range(item, item[..dots], item[(dots + 2)..], name, integer));
            if (values.Count > MaxValues)
                throw new UsageException($"{name}: expected at most {MaxValues} values, got more in '{text}'");
        }
        return values;
    }

    private static IEnumerable<string> Range(string item, string from, string rest, string name, bool integer)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var to = colon < 0 ? rest : rest[..colon];
        if (colon < 0)
        {
            if (!integer)
                throw new UsageException($"{name}: expected a range of real values with a point count, like 0.1..0.5:5 (5 points from 0.1 to 0.5), got '{item}'");
            var a = Integer(from, item, name);
            var b = Integer(to, item, name);
            if (b < a)
                throw new UsageException($"{name}: expected a range a..b with a <= b, got '{item}'");
            if (b - a + 1 > MaxValues)
                throw new UsageException($"{name}: expected a range of at most {MaxValues} values, got '{item}'");
            return LongRange(a, b);
        }
        var countText = rest[(colon + 1)..].Trim();
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 2 || n > MaxValues)
            throw new UsageException($"{name}: expected a point count n with 2 <= n <= {MaxValues} after ':' in a..b:n, got '{countText}' in '{item}'");
        var lo = Real(from, item, name);
        var hi = Real(to, item, name);
        if (lo == hi)
            throw new UsageException($"{name}: expected a range a..b:n with a != b, got '{item}'");
        var points = new string[n];
        for (var k = 0; k < n; k++)
        {
            var v = k == 0 ? lo : k == n - 1 ? hi : lo + (hi - lo) * k / (n - 1);
            if (integer)
            {
                var r = Math.Round(v);
                if (Math.Abs(v - r) > 1e-9 * Math.Max(1, Math.Abs(v)))
                    throw new UsageException($"{name}: expected integer points from a..b:n (b - a divisible by n - 1), got {Format(v)} as point {k + 1} of '{item}'");
                points[k] = ((long)r).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                points[k] = k == 0 ? from.Trim() : k == n - 1 ? to.Trim() : Format(v);
            }
        }
        return points;
    }

    private static IEnumerable<string> LongRange(long a, long b)
    {
        for (var v = a; v <= b; v++) yield return v.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A double in the shortest text that reads back to the same value.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static long Integer(string text, string item, string name) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UsageException($"{name}: expected integers in the range a..b, got '{text.Trim()}' in '{item}'");

    private static double Real(string text, string item, string name) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"{name}: expected finite numbers in the range a..b:n, got '{text.Trim()}' in '{item}'");
}
