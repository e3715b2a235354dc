using System.Text.Json.Nodes;
using Spectre.Console;
using QBatt.Cli.Output;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// The report of a sweep printed by a command with lists (<c>qbatt dicke --coupling 0.1,0.5</c>) or by
/// <c>qbatt sweep FILE</c> without <c>--out</c>: a table with one row a point (index, the varying
/// parameters, the command's scalar results); in JSON, <c>points</c>, an array of objects each with
/// its <c>index</c>, <c>parameters</c> and the command's <c>result</c>, and <c>failed</c>.
/// </summary>
internal static class TidyReport
{
    public static Report Build(SweepPlan plan, IReadOnlyList<PointOutcome> outcomes)
    {
        var report = new Report(plan.Command);
        foreach (var (p, v) in plan.Fixed) report.Param(p.Name, SweepPlan.Typed(p, v));
        foreach (var axis in plan.Axes)
        {
            foreach (var (p, c) in axis.Parameters.Select((p, c) => (p, c)))
                report.Param(p.Name, new JsonArray([.. axis.Values.Select(v => SweepPlan.Typed(p, v[c]))]));
        }
        var ok = outcomes.Where(o => o.Succeeded).ToList();
        var lines = ok.Select(o => o.ToLine()).ToList();
        var table = SweepTable.From(plan, lines);
        var varying = plan.Varying.Select(p => p.Name).ToList();
        var t = report.AddTable("points", ["index", .. varying, .. table.ResultColumns]);
        foreach (var r in table.Rows)
            t.Add([r.Index, .. varying.Select(c => SweepTable.Cell(r.Parameters[c])), .. table.ResultColumns.Select(c => SweepTable.Cell(r.Values.GetValueOrDefault(c)))]);
        report.Set("sweep", new JsonObject
        {
            ["points"] = plan.Count,
            ["axes"] = new JsonArray([.. plan.Axes.Select(a => (JsonNode?)new JsonObject
            {
                ["kind"] = a.Kind,
                ["parameters"] = Json.Array(a.Parameters.Select(p => p.Name)),
                ["length"] = a.Length,
            })]),
        });
        report.Set("points", new JsonArray([.. ok.Select(o => (JsonNode?)new JsonObject
        {
            ["index"] = o.Point.Index,
            ["parameters"] = o.Point.Parameters.DeepClone(),
            ["result"] = o.Result!.DeepClone(),
        })]));
        report.Set("failed", new JsonArray([.. outcomes.Where(o => !o.Succeeded).Select(o => (JsonNode?)SweepRunner.FailureEntry(o.ToLine()))]));
        return report;
    }
}

/// <summary>
/// The human view of a sweep table: numbers to 6 significant digits, and a wide table split into
/// several of at most <see cref="ResultColumnsPerTable"/> result columns, each repeating the point's
/// index and parameters (--json and --out FILE.csv have every column in one table).
/// </summary>
internal static class WideTable
{
    public const int ResultColumnsPerTable = 7;

    public static void Write(CliContext ctx, ReportTable table, int keyColumns)
    {
        var results = table.Columns.Length - keyColumns;
        for (var start = 0; start < Math.Max(results, 1); start += ResultColumnsPerTable)
        {
            var cols = Enumerable.Range(0, keyColumns).Concat(Enumerable.Range(keyColumns + start, Math.Min(ResultColumnsPerTable, Math.Max(0, results - start)))).ToArray();
            var t = new Table().Border(TableBorder.Rounded);
            foreach (var c in cols) t.AddColumn(Markup.Escape(table.Columns[c]));
            foreach (var r in table.Rows) t.AddRow([.. cols.Select(c => Markup.Escape(Short(r[c])))]);
            ctx.Console.Write(t);
        }
    }

    private static string Short(object? v) => v switch
    {
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        _ => ReportWriter.Format(v),
    };
}
