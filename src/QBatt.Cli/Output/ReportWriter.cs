using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QBatt.IO;
using QBatt.Numerics;
using Spectre.Console;

namespace QBatt.Cli.Output;

/// <summary>
/// The output options every result command shares: <c>--json</c> (one JSON document on stdout)
/// and <c>--out FILE</c> (.json, .csv, or .npy where the command supports it), plus
/// <c>--plot FILE.svg</c> where a figure fits.
/// </summary>
internal sealed class OutputOptions
{
    private readonly string[] _outExtensions;

    public OutputOptions(bool plot = false, params string[] outExtensions)
    {
        _outExtensions = outExtensions.Length == 0 ? [".json", ".csv"] : outExtensions;
        Json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of the table." };
        Out = CliOptions.File("--out", $"Write the results to FILE ({string.Join(", ", _outExtensions)} by extension).");
        Out.Validators.Add(r =>
        {
            var v = r.Tokens.Count == 1 ? r.Tokens[0].Value : null;
            if (v is not null && !_outExtensions.Contains(Path.GetExtension(v).ToLowerInvariant()))
                r.AddError($"--out: expected a file ending in {string.Join(", ", _outExtensions)}, got '{v}'");
        });
        if (plot)
        {
            Plot = CliOptions.File("--plot", "Draw the figure to FILE.svg.");
            Plot.Validators.Add(r =>
            {
                var v = r.Tokens.Count == 1 ? r.Tokens[0].Value : null;
                if (v is not null && !v.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                    r.AddError($"--plot: expected a file ending in .svg, got '{v}'");
            });
        }
    }

    public Option<bool> Json { get; }

    public Option<string> Out { get; }

    public Option<string>? Plot { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Out);
        if (Plot is not null) command.Options.Add(Plot);
    }
}

/// <summary>Renders a <see cref="Report"/> as a table, a JSON document or a file.</summary>
internal static class ReportWriter
{
    /// <summary>
    /// Indented JSON with relaxed escaping: <c>&gt;</c>, <c>+</c>, quotes inside strings and non-ASCII
    /// letters (Γ, ψ) are written as themselves, not as <c>\u003E</c>; the output is never embedded in HTML.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Version { get; } =
        typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ReportWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The JSON document: command, parameters, QBatt version and backend, then the results and notes.</summary>
    public static JsonObject ToJson(Report report)
    {
        var doc = new JsonObject
        {
            ["command"] = report.Command,
            ["version"] = Version,
            ["backend"] = LinearAlgebra.Default.Name,
            ["parameters"] = report.Parameters.DeepClone(),
        };
        foreach (var (k, v) in report.Results) doc[k] = v?.DeepClone();
        if (report.Tables.Count > 0 && !report.Results.ContainsKey("tables"))
        {
            var tables = new JsonObject();
            foreach (var t in report.Tables.Where(t => !report.Results.ContainsKey(Key(t.Title))))
            {
                var rows = new JsonArray();
                foreach (var r in t.Rows)
                {
                    var o = new JsonObject();
                    for (var c = 0; c < t.Columns.Length; c++) o[t.Columns[c]] = Json.Value(r[c]);
                    rows.Add((JsonNode)o); // the JsonNode overload: Add<T> is not trim- or AOT-safe
                }
                tables[Key(t.Title)] = rows;
            }
            if (tables.Count > 0) doc["tables"] = tables;
        }
        if (report.Notes.Count > 0) doc["notes"] = Json.Array(report.Notes);
        return doc;
    }

    private static string Key(string title) => title.ToLowerInvariant().Replace(' ', '_');

    public static string ToJsonText(Report report) => ToJson(report).ToJsonString(JsonOptions);

    /// <summary>
    /// Prints the report (table or JSON per <c>--json</c>) and writes <c>--out</c>. A command that
    /// supports .npy passes <paramref name="writeNpy"/>.
    /// </summary>
    public static void Emit(CliContext ctx, ParseResult parse, Report report, OutputOptions options, Action<string>? writeNpy = null)
    {
        RequireFinite(parse, report);
        // the file first: a path that cannot be written fails the run before anything is printed
        var outPath = parse.GetValue(options.Out);
        if (outPath is not null) WriteOut(parse, report, options, outPath, writeNpy);
        if (parse.GetValue(options.Json))
            ctx.Out.WriteLine(ToJsonText(report));
        else
            WriteHuman(ctx, report);
        if (outPath is not null && !parse.GetValue(options.Json))
            ctx.Err.WriteLine($"qbatt: wrote {outPath}");
    }

    private static void WriteOut(ParseResult parse, Report report, OutputOptions options, string outPath, Action<string>? writeNpy)
    {
        switch (Path.GetExtension(outPath).ToLowerInvariant())
        {
            case ".json":
                AtomicFile.WriteAllText(outPath, ToJsonText(report) + "\n");
                break;
            case ".csv":
                AtomicFile.WriteAllText(outPath, ToCsv(report));
                break;
            case ".npy" when writeNpy is not null:
                writeNpy(outPath);
                break;
            default:
                throw new UsageException($"--out: this command cannot write '{Path.GetExtension(outPath)}' files");
        }
        _ = parse;
        _ = options;
    }

    /// <summary>
    /// Refuses a report with a NaN or an infinite result (outside <see cref="Report.MayBeInfinite"/>) before anything is printed
    /// or written: a value that overflowed double precision (e.g. <c>gaussian --squeeze 800</c>) is an error naming the
    /// options given, never a printed NaN with exit code 0.
    /// </summary>
    /// <exception cref="UsageException">A result is not finite.</exception>
    public static void RequireFinite(ParseResult parse, Report report)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(report);
        var bad = report.Results.Select(kv => NonFinite(kv.Key, kv.Value, report.MayBeInfinite)).FirstOrDefault(b => b is not null);
        foreach (var t in report.Tables)
        {
            if (bad is not null) break;
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < t.Columns.Length && bad is null; c++)
                    if (r[c] is double d && !double.IsFinite(d) && !(double.IsPositiveInfinity(d) && report.MayBeInfinite.Contains(t.Columns[c])))
                        bad = ($"{Key(t.Title)}.{t.Columns[c]}", d.ToString(CultureInfo.InvariantCulture));
                if (bad is not null) break;
            }
        }
        if (bad is not { } b) return;
        var given = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(o => !o.Implicit && o.Tokens.Count > 0)
            .Select(o => $"{o.IdentifierToken?.Value ?? o.Option.Name} {string.Join(' ', o.Tokens.Select(t => t.Value))}")
            .Select(x => x.Length > 60 ? x[..57] + "..." : x).ToList();
        throw new UsageException($"the result {b.Path} is {b.Value}, not a finite number: the inputs ({(given.Count == 0 ? "the defaults" : string.Join(", ", given))}) overflow double precision; use smaller values (see docs/RELIABILITY.md)");
    }

    private static (string Path, string Value)? NonFinite(string path, JsonNode? node, HashSet<string> allowed)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                    if (NonFinite($"{path}.{k}", v, allowed) is { } b) return b;
                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (NonFinite($"{path}[{i}]", a[i], allowed) is { } b) return b;
                return null;
            case JsonValue v:
                var name = path[(path.LastIndexOf('.') + 1)..];
                var bracket = name.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0) name = name[..bracket];
                if (v.TryGetValue<double>(out var d))
                    return double.IsFinite(d) || (double.IsPositiveInfinity(d) && allowed.Contains(name)) ? null : (path, d.ToString(CultureInfo.InvariantCulture));
                if (v.TryGetValue<string>(out var s) && s is "NaN" or "Infinity" or "-Infinity")
                    return s == "Infinity" && allowed.Contains(name) ? null : (path, s);
                return null;
            default:
                return null;
        }
    }

    /// <summary>CSV of the first table, or of the summary results when there is no table.</summary>
    public static string ToCsv(Report report)
    {
        if (report.Tables.Count > 0)
        {
            var t = report.Tables[0];
            return Csv.ToString(t.Columns, t.Rows.Select(r => (IReadOnlyList<object?>)r));
        }
        var rows = report.Results.Where(kv => kv.Value is JsonValue).Select(kv => (IReadOnlyList<object?>)[kv.Key, Scalar(kv.Value)]);
        return Csv.ToString(["key", "value"], rows);
    }

    private static object? Scalar(JsonNode? n) =>
        n is JsonValue v
            ? v.TryGetValue<double>(out var d) ? d : v.TryGetValue<bool>(out var b) ? b : v.ToString()
            : n?.ToJsonString(Compact);

    public static void WriteHuman(CliContext ctx, Report report)
    {
        if (report.Summary.Count > 0)
        {
            var t = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (key, label) in report.Summary)
                t.AddRow(Markup.Escape(label), Markup.Escape(Format(Scalar(report.Results[key]))));
            ctx.Console.Write(t);
        }
        foreach (var table in report.Tables)
        {
            var t = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(table.Title));
            foreach (var c in table.Columns) t.AddColumn(new TableColumn(Markup.Escape(c)));
            foreach (var r in table.Rows) t.AddRow(r.Select(v => Markup.Escape(Format(v))).ToArray());
            ctx.Console.Write(t);
        }
        foreach (var n in report.Notes) ctx.Out.WriteLine($"note: {n}");
    }

    /// <summary>Human formatting: 10 significant digits for doubles, invariant culture.</summary>
    public static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
