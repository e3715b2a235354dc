using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QBatt.IO;
using QBatt.IO.Plot;
using QBatt.Numerics;
using Spectre.Console;

namespace QBatt.Cli.Output;

/// <summary>
/// The output options every result command shares: <c>--json</c> (one JSON document on stdout)
/// and <c>--out FILE</c> (.json, .csv, .h5, or .npy where the command has a matrix), plus
/// <c>--plot FILE.svg</c> where a figure fits.
/// </summary>
internal sealed class OutputOptions
{
    private readonly string[] _outExtensions;

    public OutputOptions(bool plot = false, params string[] outExtensions)
    {
        _outExtensions = outExtensions.Length == 0 ? [".json", ".csv", ".h5"] : outExtensions;
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
            FigureSize = CliOptions.Custom("--figure-size", "Printed size of the --plot figure: column (3.4 x 2.6 in, 8 pt), double (7 x 3.5 in, 9 pt), or WxH in inches with an optional font in points (3.4x2.4, 3.4x2.4@7); printed figures have no title (the caption carries it). Default: a 720 x 480 px screen figure with its title.", false, FigureSpec.Parse);
            FigureSize.HelpName = "column|double|WxH[@PT]";
        }
    }

    public Option<FigureSpec>? FigureSize { get; }

    /// <summary>
    /// Writes the <c>--plot</c> figure at its <c>--figure-size</c>, with its data (NAME.data.csv) and a
    /// matplotlib script redrawing it (NAME.py) beside it, and says so on stderr unless <c>--json</c>.
    /// </summary>
    public void SaveFigure(CliContext ctx, ParseResult parse, SvgPlot plot, string path)
    {
        if (FigureSize is not null && parse.GetValue(FigureSize) is { } size)
        {
            plot.SetPrintSize(size.WidthInches, size.HeightInches, size.FontPoints);
            plot.Title = "";
        }
        var written = plot.SaveWithData(path);
        if (!parse.GetValue(Json))
            ctx.Err.WriteLine($"qbatt: wrote {string.Join(", ", written)}");
    }

    public Option<bool> Json { get; }

    public Option<string> Out { get; }

    public Option<string>? Plot { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Out);
        if (Plot is not null) command.Options.Add(Plot);
        if (FigureSize is not null) command.Options.Add(FigureSize);
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
            foreach (var t in report.Tables.Where(t => !InResults(report, t)))
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

    /// <summary>Whether a result under the table's key holds its rows (an array), so the JSON does not repeat the table.</summary>
    private static bool InResults(Report report, ReportTable table) =>
        report.Results.TryGetPropertyValue(Key(table.Title), out var v) && v is JsonArray;

    /// <summary>The result that holds a table's rows as flat JSON objects (the same key, scalar values), or null.</summary>
    private static JsonArray? RowsOf(Report report, ReportTable table) =>
        report.Results.TryGetPropertyValue(Key(table.Title), out var v) && v is JsonArray a
            && a.All(x => x is JsonObject o && o.All(kv => kv.Value is null or JsonValue)) ? a : null;

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
            case ".npy" when report.Matrices.Count > 0:
                Npy.Write(outPath, report.Matrices[0].Value);
                break;
            case ".h5":
                ToHdf5(report).Save(outPath);
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

    /// <summary>
    /// The CSV of a report; its columns are JSON keys. The first table (one row a table row) or,
    /// without a table, the equal-length numeric arrays of the results (a time series, one row a time),
    /// followed by the scalar results (the headline numbers, repeated on every row); with neither,
    /// one row of the scalar results.
    /// </summary>
    public static string ToCsv(Report report)
    {
        var scalars = report.Results.Where(kv => kv.Value is null or JsonValue).ToList();
        string[] columns;
        List<object?[]> rows;
        if (report.Tables.Count > 0 && RowsOf(report, report.Tables[0]) is { } objects)
        {
            // the JSON rows of the table: the CSV columns are their keys, with every row (not only those shown)
            columns = [.. objects.SelectMany(o => o!.AsObject().Select(kv => kv.Key)).Distinct()];
            rows = [.. objects.Select(o => columns.Select(c => (object?)Scalar(o![c])).ToArray())];
        }
        else if (report.Tables.Count > 0)
        {
            var t = report.Tables[0];
            columns = t.Columns;
            rows = t.Rows;
        }
        else if (Series(report) is { Count: > 0 } series)
        {
            columns = [.. series.Select(s => s.Key)];
            var length = series[0].Values.Length;
            rows = [.. Enumerable.Range(0, length).Select(i => series.Select(s => (object?)s.Values[i]).ToArray())];
        }
        else
        {
            columns = [];
            rows = [[]];
        }
        var extra = scalars.Where(kv => !columns.Contains(kv.Key)).ToList();
        var header = columns.Concat(extra.Select(kv => kv.Key)).ToArray();
        var values = extra.Select(kv => Scalar(kv.Value)).ToArray();
        return Csv.ToString(header, rows.Select(r => (IReadOnlyList<object?>)[.. r, .. values]));
    }

    /// <summary>The numeric arrays of the results that share the length of the longest one (at least 2).</summary>
    private static List<(string Key, double[] Values)> Series(Report report)
    {
        var arrays = report.Results
            .Where(kv => kv.Value is JsonArray a && a.Count > 0 && a.All(IsNumber))
            .Select(kv => (kv.Key, Values: kv.Value!.AsArray().Select(Number).ToArray()))
            .ToList();
        if (arrays.Count == 0) return [];
        var length = arrays.Max(a => a.Values.Length);
        return length < 2 ? [] : [.. arrays.Where(a => a.Values.Length == length)];
    }

    private static bool IsNumber(JsonNode? n) =>
        n is JsonValue v && (v.GetValueKind() == JsonValueKind.Number || (v.TryGetValue<string>(out var s) && s is "Infinity" or "-Infinity" or "NaN"));

    private static double Number(JsonNode? n) =>
        n!.AsValue().GetValueKind() == JsonValueKind.Number
            ? double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture)
            : double.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>
    /// The HDF5 file of a report: the root's attributes hold the command, QBatt version, backend,
    /// units, the parameters (as JSON text and one attribute each) and every scalar result; every numeric
    /// or text array of the results is a dataset, every array of rows a group and every other table a group under
    /// <c>tables</c> (as in the JSON), with one dataset a column (attribute <c>dims</c>: "row"), every matrix a complex {r, i} dataset.
    /// </summary>
    public static Hdf5File ToHdf5(Report report)
    {
        var f = new Hdf5File();
        f.Attribute("command", report.Command).Attribute("qbatt_version", Version).Attribute("backend", LinearAlgebra.Default.Name)
            .Attribute("units", Units).Attribute("parameters", report.Parameters.ToJsonString(Compact));
        var parameters = f.Group("parameters");
        foreach (var (k, v) in report.Parameters)
            if (Attr(v) is { } a) parameters.Attribute(k, a);
        foreach (var (k, v) in report.Results)
        {
            switch (v)
            {
                case JsonValue when Attr(v) is { } a:
                    f.Attribute(k, a);
                    break;
                case JsonArray arr when arr.Count > 0 && arr.All(IsNumber):
                    f.Add(Safe(k), [.. arr.Select(Number)]).Attribute("dims", "index");
                    break;
                case JsonArray arr when arr.Count > 0 && arr.All(x => x is JsonValue xv && xv.GetValueKind() == JsonValueKind.String):
                    f.Add(Safe(k), [.. arr.Select(x => x!.GetValue<string>())]).Attribute("dims", "index");
                    break;
                case JsonArray arr when arr.Count > 0 && arr.All(x => x is JsonObject):
                    var keys = arr.SelectMany(x => x!.AsObject().Select(kv => kv.Key)).Distinct().ToArray();
                    Columns(f.Group(Safe(k)), keys, [.. arr.Select(x => keys.Select(c => (object?)x![c]).ToArray())]);
                    break;
            }
        }
        if (report.Notes.Count > 0) f.Attribute("notes", report.Notes.ToArray());
        foreach (var t in report.Tables.Where(t => !InResults(report, t)))
            Columns(f.Group("tables").Group(Safe(Key(t.Title))), t.Columns, t.Rows);
        foreach (var m in report.Matrices)
        {
            var data = new System.Numerics.Complex[m.Value.Rows * m.Value.Cols];
            for (var i = 0; i < m.Value.Rows; i++)
                for (var j = 0; j < m.Value.Cols; j++) data[i * m.Value.Cols + j] = m.Value[i, j];
            f.Add(Safe(m.Key), data, m.Value.Rows, m.Value.Cols).Attribute("dims", new[] { "row", "column" }).Attribute("description", m.Description);
        }
        return f;
    }

    /// <summary>hbar = 1: energies in the units of the Hamiltonian's parameters, times in their inverse.</summary>
    public const string Units = "hbar = 1; energies, works and powers in the units of the Hamiltonian's parameters (powers per unit time), times in inverse energy units; entropies in nats";

    private static void Columns(Hdf5Group g, string[] columns, List<object?[]> rows)
    {
        g.Attribute("columns", columns).Attribute("rows", (long)rows.Count);
        for (var c = 0; c < columns.Length; c++)
        {
            var cells = rows.Select(r => r[c] is JsonNode n ? NodeValue(n) : r[c]).ToArray();
            Hdf5Dataset ds;
            if (cells.All(x => x is int or long))
                ds = g.Add(Safe(columns[c]), [.. cells.Select(x => Convert.ToInt64(x, CultureInfo.InvariantCulture))]);
            else if (cells.All(x => x is double or float or int or long || (x is string s && s is "Infinity" or "-Infinity" or "NaN") || x is null))
                ds = g.Add(Safe(columns[c]), [.. cells.Select(x => x switch { null => double.NaN, string s => double.Parse(s, CultureInfo.InvariantCulture), _ => Convert.ToDouble(x, CultureInfo.InvariantCulture) })]);
            else if (cells.All(x => x is bool))
                ds = g.Add(Safe(columns[c]), [.. cells.Select(x => (bool)x! ? 1L : 0L)]).Attribute("type", "bool");
            else
                ds = g.Add(Safe(columns[c]), [.. cells.Select(x => Format(x))]);
            ds.Attribute("dims", "row").Attribute("column", columns[c]);
        }
    }

    private static object? NodeValue(JsonNode n) =>
        n is JsonValue v
            ? v.GetValueKind() switch
            {
                // the number as written (a value built from an int converts to neither long nor double)
                JsonValueKind.Number => long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => v.ToString(),
            }
            : n.ToJsonString(Compact);

    private static object? Attr(JsonNode? n) => n is null ? null : NodeValue(n) switch
    {
        long l => l,
        double d => d,
        bool b => b,
        string s => s,
        _ => null,
    };

    /// <summary>A link name: '/' is not allowed in HDF5 names.</summary>
    private static string Safe(string name) => name.Replace('/', '_');

    private static object? Scalar(JsonNode? n) =>
        n is JsonValue v
            ? v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : v.TryGetValue<bool>(out var b) ? b : v.ToString()
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
