using System.Globalization;
using System.Numerics;
using System.Text;

namespace QBatt.IO;

/// <summary>
/// Comma-separated tables: a header line and one line per row, separated by <c>\n</c>. Fields that
/// contain a comma, a double quote, a line break or surrounding spaces are quoted as RFC 4180
/// prescribes (quotes doubled). Values are formatted with the invariant culture; doubles in their
/// shortest round-trip form, so reading them back gives the same bits.
/// </summary>
public static class Csv
{
    /// <summary>Writes the table to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    /// <exception cref="ValidationException">A row has another number of fields than the header, or the path cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        AtomicFile.WriteAllText(path, ToString(header, rows));

    /// <summary>The CSV text of the table.</summary>
    /// <exception cref="ValidationException">A row has another number of fields than the header.</exception>
    public static string ToString(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        AppendLine(sb, header);
        var index = 0;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (row.Count != header.Count)
                throw new ValidationException("Csv.Write", "rows", $"{header.Count} fields per row (as the header)", $"{row.Count} fields in row {index}");
            AppendLine(sb, row);
            index++;
        }
        return sb.ToString();
    }

    /// <summary>
    /// One field's text: empty for null, shortest round-trip for <see cref="double"/> and
    /// <see cref="float"/> (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> for the special values),
    /// <c>re+imi</c> for <see cref="Complex"/>, <c>true</c>/<c>false</c> for booleans and the
    /// invariant-culture text otherwise; quoted when needed.
    /// </summary>
    public static string Field(object? value) => Quote(Format(value));

    private static void AppendLine<T>(StringBuilder sb, IReadOnlyList<T> fields)
    {
        for (var k = 0; k < fields.Count; k++)
        {
            if (k > 0) sb.Append(',');
            sb.Append(Field(fields[k]));
        }
        sb.Append('\n');
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => Number(d),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Complex z => Number(z.Real) + (double.IsNegative(z.Imaginary) && !double.IsNaN(z.Imaginary) ? "-" : "+") + Number(Math.Abs(z.Imaginary)) + "i",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text)
    {
        var needs = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        return needs ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
