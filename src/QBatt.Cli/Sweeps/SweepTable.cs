using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// The tidy view of a sweep: one row a completed point, its parameters then the scalar results of
/// the command's JSON document (nested objects flattened with dots, arrays left to the JSON lines;
/// the document's command, version, backend and parameters are not repeated).
/// </summary>
internal sealed class SweepTable
{
    private static readonly string[] Skipped = ["command", "version", "backend", "parameters"];

    private SweepTable(List<string> parameterColumns, List<string> resultColumns, List<Row> rows)
    {
        ParameterColumns = parameterColumns;
        ResultColumns = resultColumns;
        Rows = rows;
    }

    public sealed record Row(long Index, JsonObject Parameters, Dictionary<string, JsonNode?> Values);

    public IReadOnlyList<string> ParameterColumns { get; }

    public IReadOnlyList<string> ResultColumns { get; }

    /// <summary>Rows in point order.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The table of results-file lines (each with index, parameters and result).</summary>
    public static SweepTable From(SweepPlan plan, IEnumerable<JsonObject> lines)
    {
        var parameterColumns = plan.Fixed.Select(f => f.Parameter.Name).Concat(plan.Varying.Select(p => p.Name)).ToList();
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var line in lines.OrderBy(l => l["index"]!.GetValue<long>()))
        {
            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            Flatten(line["result"]!.AsObject(), "", values);
            foreach (var k in values.Keys.Where(seen.Add)) order.Add(k);
            rows.Add(new Row(line["index"]!.GetValue<long>(), line["parameters"]!.AsObject(), values));
        }
        return new SweepTable(parameterColumns, order.Where(c => !parameterColumns.Contains(c)).ToList(), rows);
    }

    private static void Flatten(JsonObject o, string prefix, Dictionary<string, JsonNode?> into)
    {
        foreach (var (k, v) in o)
        {
            if (prefix.Length == 0 && Skipped.Contains(k)) continue;
            var name = prefix + k;
            switch (v)
            {
                case JsonObject inner:
                    Flatten(inner, name + ".", into);
                    break;
                case JsonArray:
                    break;
                default:
                    into[name] = v;
                    break;
            }
        }
    }

    /// <summary>A value as a double: numbers, booleans (0/1) and the strings "NaN", "Infinity", "-Infinity"; null when none.</summary>
    public static double? Number(JsonNode? v)
    {
        if (v is not JsonValue j) return null;
        return j.GetValueKind() switch
        {
            JsonValueKind.Number => double.Parse(j.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.String => j.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>True when every non-null value of the column is a number (or a boolean, or a non-finite marker).</summary>
    public static bool IsNumeric(IEnumerable<JsonNode?> values) => values.Where(v => v is not null).All(v => Number(v) is not null);

    /// <summary>A value for a CSV cell or a table: numbers as doubles (integers as longs), booleans, strings.</summary>
    public static object? Cell(JsonNode? v)
    {
        if (v is not JsonValue j) return v?.ToJsonString();
        return j.GetValueKind() switch
        {
            JsonValueKind.Number when j.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => double.Parse(j.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => j.GetValue<string>(),
            _ => null,
        };
    }

    public IReadOnlyList<string> Header => ["index", .. ParameterColumns, .. ResultColumns];

    public IEnumerable<IReadOnlyList<object?>> CsvRows() =>
        Rows.Select(r => (IReadOnlyList<object?>)[r.Index, .. ParameterColumns.Select(c => Cell(r.Parameters[c])), .. ResultColumns.Select(c => Cell(r.Values.GetValueOrDefault(c)))]);

    /// <summary>The value of a column (parameter or result) in a row.</summary>
    public static JsonNode? Get(Row r, string column) =>
        r.Parameters.TryGetPropertyValue(column, out var p) ? p : r.Values.GetValueOrDefault(column);

    public static string Text(JsonNode? v) => Cell(v) switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "",
    };
}
