using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QBatt.Cli.Output;
using QBatt.Cli.Reproduce;
using QBatt.IO;
using QBatt.Numerics;
using Spectre.Console;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt reproduce</c>: the main job. Recomputes every quantitative claim of the two source
/// texts, prints a table (claim, source value, computed value, agreement) and writes a report with
/// figures and data to DIR. Exit code 1 when a computed value contradicts a claim.
/// </summary>
internal static class ReproduceCommand
{
    public const string DefaultDir = "qbatt-reproduce";

    public static Command Create(CliContext ctx)
    {
        var outDir = new Option<string>("--out")
        {
            Description = $"Directory for the report (index.html, report.md, report.json, figures/, data/). Default: {DefaultDir}.",
            DefaultValueFactory = _ => DefaultDir,
        };
        var only = new Option<string>("--only") { Description = "Comma-separated reproduction ids to run (see --list)." };
        var list = new Option<bool>("--list") { Description = "List the reproductions and exit." };
        var json = new Option<bool>("--json") { Description = "Print the rows as one JSON document instead of the table." };
        var noFiles = new Option<bool>("--no-files") { Description = "Print the table only; write no report directory." };
        var cmd = new Command("reproduce", "Recompute every quantitative claim of the review and the PRL, print claim / source value / computed value / agreement, and write a report with figures and data.\n\nExamples:\n  qbatt reproduce\n  qbatt reproduce --out report --only rev-fig2,rev-fig3\n  qbatt reproduce --list")
        {
            outDir, only, list, json, noFiles,
        };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var r in Catalog.All)
                {
                    ctx.Out.WriteLine($"{r.Id,-24} {r.Title}");
                    ctx.Out.WriteLine($"{"",-24} cites {Citations.Short(r.Title)}");
                }
                ctx.Out.WriteLine();
                ctx.Out.WriteLine("References");
                foreach (var line in Citations.Lines(Sources.CitedIn(Catalog.All.Select(r => r.Title)))) ctx.Out.WriteLine(line);
                ctx.Out.WriteLine(Citations.Pointer);
                return 0;
            }
            var selected = Select(parse.GetValue(only));
            var dir = parse.GetValue(noFiles) ? null : parse.GetValue(outDir);
            var rc = new ReproduceContext(dir);
            var timings = new List<(string Id, double Seconds)>();
            ProgressReporter.Run(ctx, "reproducing", selected.Count, done =>
            {
                for (var i = 0; i < selected.Count; i++)
                {
                    var sw = Stopwatch.StartNew();
                    rc.CurrentId = selected[i].Id;
                    selected[i].Run(rc);
                    timings.Add((selected[i].Id, sw.Elapsed.TotalSeconds));
                    done(i + 1);
                }
                return 0;
            });
            if (parse.GetValue(json))
                ctx.Out.WriteLine(ToJson(rc, timings).ToJsonString(ReportWriter.JsonOptions));
            else
                PrintTable(ctx, rc);
            if (dir is not null)
            {
                WriteReport(dir, rc, selected, timings);
                if (!parse.GetValue(json)) ctx.Out.WriteLine($"report written to {Path.Combine(dir, "index.html")} and {Path.Combine(dir, "report.md")}");
            }
            return rc.Rows.Any(r => r.Agreement == Agreement.Disagrees) ? 1 : 0;
        });
        return cmd;
    }

    private static List<IReproduction> Select(string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return [.. Catalog.All];
        var ids = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var r = new List<IReproduction>();
        foreach (var id in ids)
        {
            var match = Catalog.All.FirstOrDefault(x => x.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--only: expected reproduction ids from 'qbatt reproduce --list', got '{id}'");
            r.Add(match);
        }
        return r;
    }

    /// <summary>The count of each verdict category, in report order (also the JSON <c>counts</c> object).</summary>
    internal static IReadOnlyList<(Agreement Category, string Key, int Count)> Counts(ReproduceContext rc) =>
    [
        .. new[]
        {
            (Agreement.AgreesWithSource, "agrees_with_source"),
            (Agreement.AgreesWithClosedForm, "agrees_with_closed_form"),
            (Agreement.Consistency, "consistency"),
            (Agreement.Computed, "computed"),
            (Agreement.SourceDiffers, "source_differs"),
            (Agreement.Disagrees, "disagrees"),
        }.Select(c => (c.Item1, c.Item2, rc.Rows.Count(r => r.Agreement == c.Item1))),
    ];

    internal static string Summary(ReproduceContext rc)
    {
        var c = Counts(rc).ToDictionary(x => x.Category, x => x.Count);
        return $"{rc.Rows.Count} rows: {c[Agreement.AgreesWithSource]} agree with the source's value, {c[Agreement.AgreesWithClosedForm]} agree with a closed form or independent oracle, "
            + $"{c[Agreement.Consistency]} consistency checks (the library against itself, not counted as agreement), {c[Agreement.Computed]} computed without a printed value, "
            + $"{c[Agreement.SourceDiffers]} where the source's printed value differs (reason given, computed value matched to an independent expectation), {c[Agreement.Disagrees]} disagree";
    }

    private static void PrintTable(CliContext ctx, ReproduceContext rc)
    {
        var t = new Table().Border(TableBorder.Rounded).Title("QBatt reproduce: the review and the PRL, recomputed");
        foreach (var c in new[] { "id", "claim", "source", "source value", "computed", "agreement" }) t.AddColumn(c);
        foreach (var r in rc.Rows)
            t.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Claim), Markup.Escape(r.Source), Markup.Escape(r.SourceValue), Markup.Escape(r.Computed), Markup.Escape(r.AgreementText));
        ctx.Console.Write(t);
        foreach (var r in rc.Rows.Where(r => r.Agreement is Agreement.SourceDiffers or Agreement.Disagrees))
            ctx.Out.WriteLine($"note [{r.Id}] {r.Claim}: {r.Note}");
        ctx.Out.WriteLine(Summary(rc));
    }

    private static JsonObject ToJson(ReproduceContext rc, List<(string Id, double Seconds)> timings)
    {
        var rows = new JsonArray();
        foreach (var r in rc.Rows)
        {
            rows.Add(new JsonObject
            {
                ["id"] = r.Id, ["claim"] = r.Claim, ["source"] = r.Source, ["source_value"] = r.SourceValue,
                ["computed"] = r.Computed, ["agreement"] = r.AgreementText, ["note"] = r.Note,
                ["tests"] = new JsonArray([.. r.Tests.Select(x => (JsonNode)new JsonObject
                {
                    ["quantity"] = x.Quantity, ["value"] = Json.Number(x.Value), ["relation"] = x.Relation switch { Relation.Equal => "=", Relation.AtMost => "<=", _ => ">=" },
                    ["expected"] = Json.Number(x.Expected), ["tolerance"] = Json.Number(x.Tolerance),
                })]),
            });
        }
        var t = new JsonObject();
        foreach (var (id, s) in timings) t[id] = Json.Number(Math.Round(s, 3));
        return new JsonObject
        {
            ["command"] = "reproduce",
            ["version"] = ReportWriter.Version,
            ["backend"] = LinearAlgebra.Default.Name,
            ["rows"] = rows,
            ["seconds"] = t,
            ["summary"] = Summary(rc),
            ["counts"] = new JsonObject([.. Counts(rc).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Count))]),
            ["references"] = Citations.Json(Cited(rc)),
        };
    }

    private static void WriteReport(string dir, ReproduceContext rc, List<IReproduction> selected, List<(string Id, double Seconds)> timings)
    {
        var md = new StringBuilder();
        md.AppendLine("# QBatt reproduce report");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"QBatt {ReportWriter.Version}, backend {LinearAlgebra.Default.Description}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Every computed value below was computed by this run.");
        md.AppendLine();
        md.AppendLine(Summary(rc) + ".");
        md.AppendLine();
        md.AppendLine("Sources are cited by key; their full citations are under References at the end.");
        foreach (var rep in selected)
        {
            md.AppendLine();
            var secs = timings.FirstOrDefault(x => x.Id == rep.Id).Seconds;
            md.AppendLine(CultureInfo.InvariantCulture, $"## {rep.Title} (`{rep.Id}`, {secs:F2} s)");
            md.AppendLine();
            md.AppendLine("| claim | source | source value | computed | agreement | note |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var r in rc.Rows.Where(r => r.Id == rep.Id))
                md.AppendLine($"| {Cell(r.Claim)} | {Cell(r.Source)} | {Cell(r.SourceValue)} | {Cell(r.Computed)} | {r.AgreementText} | {Cell(r.Note)} |");
            foreach (var f in rc.Figures.Where(f => f.Id == rep.Id))
            {
                md.AppendLine();
                md.AppendLine($"![{Cell(f.Caption)}]({f.File})");
                md.AppendLine();
                md.AppendLine($"*{f.Caption}*");
            }
            var data = rc.Data.Where(d => d.Id == rep.Id).Select(d => $"[{Path.GetFileName(d.File)}]({d.File})").ToList();
            if (data.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Data: " + string.Join(", ", data));
            }
        }
        md.AppendLine();
        md.Append(Citations.MarkdownSection(Cited(rc, selected)));
        AtomicFile.WriteAllText(Path.Combine(dir, "report.md"), md.ToString());
        AtomicFile.WriteAllText(Path.Combine(dir, "report.json"), ToJson(rc, timings).ToJsonString(ReportWriter.JsonOptions) + "\n");
        AtomicFile.WriteAllText(Path.Combine(dir, "index.html"), HtmlReport.Build(rc, selected, timings, Summary(rc), Cited(rc, selected), LinearAlgebra.Default.Description));
    }

    /// <summary>The sources cited by the rows (claim source and note) and by the titles of the reproductions run.</summary>
    private static IReadOnlyList<Source> Cited(ReproduceContext rc, IEnumerable<IReproduction>? selected = null) =>
        Sources.CitedIn(rc.Rows.SelectMany(r => new[] { r.Source, r.Note })
            .Concat((selected ?? Catalog.All.Where(x => rc.Rows.Any(r => r.Id == x.Id))).Select(x => x.Title)));

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
