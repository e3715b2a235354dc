using System.Globalization;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Output;

/// <summary>
/// The result of one command: parameters, named results (top-level JSON keys), tables for the
/// human view and CSV, and notes (e.g. an explicit renormalisation). Rendered by <see cref="ReportWriter"/>.
/// </summary>
internal sealed class Report(string command)
{
    public string Command { get; } = command;

    public JsonObject Parameters { get; } = [];

    public JsonObject Results { get; } = [];

    public List<ReportTable> Tables { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Result keys and table columns whose value may be +Infinity by definition (documented in docs/cli.md, e.g. beta_bar of a pure state); any other non-finite result is refused.</summary>
    public HashSet<string> MayBeInfinite { get; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Matrices of the result (passive state, optimal unitary, a state, a Hamiltonian), written by
    /// <c>--out FILE.npy</c> (the first one) and <c>--out FILE.h5</c> (all of them, complex {r, i}).
    /// </summary>
    public List<ReportMatrix> Matrices { get; } = [];

    /// <summary>Scalar results shown in the human summary, in insertion order (key, label).</summary>
    public List<(string Key, string Label)> Summary { get; } = [];

    public Report Param(string key, JsonNode? value)
    {
        Parameters[key] = value;
        return this;
    }

    /// <summary>Sets a result; with a label it also appears in the human summary table.</summary>
    public Report Set(string key, JsonNode? value, string? label = null)
    {
        Results[key] = value;
        if (label is not null) Summary.Add((key, label));
        return this;
    }

    public Report Set(string key, double value, string? label = null) => Set(key, Json.Number(value), label);

    public ReportTable AddTable(string title, params string[] columns)
    {
        var t = new ReportTable(title, columns);
        Tables.Add(t);
        return t;
    }

    /// <summary>Adds a matrix (see <see cref="Matrices"/>); the first one added is the .npy output.</summary>
    public Report Matrix(string key, QBatt.Numerics.ComplexMatrix matrix, string description)
    {
        Matrices.Add(new ReportMatrix(key, matrix, description));
        return this;
    }

    public Report Note(string text)
    {
        Notes.Add(text);
        return this;
    }
}

/// <summary>A named matrix of a result with a one-line description (an HDF5 attribute).</summary>
internal sealed record ReportMatrix(string Key, QBatt.Numerics.ComplexMatrix Value, string Description);

/// <summary>A table: column names and rows of raw values (numbers, strings, booleans).</summary>
internal sealed class ReportTable(string title, string[] columns)
{
    public string Title { get; } = title;

    public string[] Columns { get; } = columns;

    public List<object?[]> Rows { get; } = [];

    public void Add(params object?[] row)
    {
        if (row.Length != Columns.Length)
            throw new InvalidOperationException($"table '{Title}' has {Columns.Length} columns, row has {row.Length}");
        Rows.Add(row);
    }
}

/// <summary>JSON helpers: doubles are written with round-trip precision; non-finite values as the strings "Infinity", "-Infinity", "NaN".</summary>
internal static class Json
{
    public static JsonNode Number(double v) =>
        double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(v.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>A number, or null when it was not computed (NaN).</summary>
    public static JsonNode? NumberOrNull(double v) => double.IsNaN(v) ? null : Number(v);

    public static JsonArray Array(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)Number(v))]);

    public static JsonArray Array(IEnumerable<int> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>A value for a table cell or result: numbers, strings and booleans.</summary>
    public static JsonNode? Value(object? v) => v switch
    {
        null => null,
        double d => Number(d),
        float f => Number(f),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        JsonNode n => n,
        _ => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };
}
