using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using QBatt.Cli.Reproduce;

namespace QBatt.Cli.Output;

/// <summary>
/// The self-contained <c>index.html</c> of <c>qbatt reproduce</c>: no script, no external style or
/// image; every figure inlined as SVG (its ids made unique in the page), the rows of every reproduction
/// as a table with the exact command that recomputes them, links to the data files written beside it,
/// and the full citations with their DOI and arXiv links.
/// </summary>
internal static partial class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.4; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
        th { background: #f3f3f3; }
        td[class^="verdict-agree"] { background: #e8f5e9; } td[class^="verdict-disagree"] { background: #ffebee; }
        code, pre { font-family: "DejaVu Sans Mono", monospace; background: #f6f6f6; padding: 0.1em 0.3em; }
        figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-style: italic; font-size: 0.9em; }
        nav ul { columns: 2; }
        """;

    /// <summary>The page for the rows of the reproductions run, the figures inlined from the run.</summary>
    public static string Build(ReproduceContext rc, IReadOnlyList<IReproduction> selected, IReadOnlyList<(string Id, double Seconds)> timings, string summary, IReadOnlyList<Source> cited, string backend)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>QBatt reproduce report</title>\n");
        h.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>QBatt reproduce report</h1>\n");
        h.Append(CultureInfo.InvariantCulture, $"<p>QBatt {E(ReportWriter.Version)}, backend {E(backend)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Every computed value below was computed by this run; each section gives the command that recomputes it.</p>\n");
        h.Append("<p id=\"summary\">").Append(E(summary)).Append(".</p>\n");
        h.Append("<p>Files: <a href=\"report.md\">report.md</a>, <a href=\"report.json\">report.json</a>. Sources are cited by key; their full citations are under <a href=\"#references\">References</a>.</p>\n");
        h.Append("<nav><h2>Contents</h2><ul>\n");
        foreach (var rep in selected)
            h.Append("<li><a href=\"#").Append(E(rep.Id)).Append("\">").Append(E(rep.Title)).Append("</a></li>\n");
        h.Append("<li><a href=\"#references\">References</a></li>\n</ul></nav>\n");
        var figure = 0;
        foreach (var rep in selected)
        {
            var secs = timings.FirstOrDefault(x => x.Id == rep.Id).Seconds;
            h.Append("<section id=\"").Append(E(rep.Id)).Append("\">\n<h2>").Append(E(rep.Title)).Append("</h2>\n");
            h.Append(CultureInfo.InvariantCulture, $"<p>Recompute: <code>qbatt reproduce --only {E(rep.Id)}</code> ({secs:F2} s in this run)</p>\n");
            h.Append("<table>\n<tr><th>claim</th><th>source</th><th>source value</th><th>computed</th><th>agreement</th><th>note</th></tr>\n");
            foreach (var r in rc.Rows.Where(r => r.Id == rep.Id))
            {
                // the verdict's text names its class (verdict-agrees, verdict-disagrees, ...), whatever the categories are
                var css = "verdict-" + NonWord().Replace(r.AgreementText.ToLowerInvariant(), "-").Trim('-');
                h.Append("<tr><td>").Append(E(r.Claim)).Append("</td><td>").Append(E(r.Source)).Append("</td><td>").Append(E(r.SourceValue))
                    .Append("</td><td>").Append(E(r.Computed)).Append("</td><td class=\"").Append(css).Append("\">").Append(E(r.AgreementText))
                    .Append("</td><td>").Append(E(r.Note)).Append("</td></tr>\n");
            }
            h.Append("</table>\n");
            foreach (var f in rc.Figures.Where(f => f.Id == rep.Id))
            {
                figure++;
                var svg = rc.FigureSvg(f.File);
                h.Append(CultureInfo.InvariantCulture, $"<figure class=\"qbatt-figure\" id=\"figure-{figure}\" data-file=\"{E(f.File)}\">\n");
                h.Append(Inline(svg, $"f{figure}-"));
                h.Append("<figcaption>Figure ").Append(figure.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(E(f.Caption))
                    .Append(" (<a href=\"").Append(E(f.File)).Append("\">").Append(E(Path.GetFileName(f.File))).Append("</a>)</figcaption>\n</figure>\n");
            }
            var data = rc.Data.Where(d => d.Id == rep.Id).ToList();
            if (data.Count > 0)
                h.Append("<p>Data: ").Append(string.Join(", ", data.Select(d => $"<a href=\"{E(d.File)}\">{E(Path.GetFileName(d.File))}</a>"))).Append("</p>\n");
            h.Append("</section>\n");
        }
        h.Append("<section id=\"references\">\n<h2>References</h2>\n<p>").Append(E(Citations.Pointer)).Append("</p>\n<ul>\n");
        foreach (var s in cited)
        {
            h.Append("<li id=\"ref-").Append(E(s.Key)).Append("\"><strong>[").Append(E(s.Key)).Append("]</strong> ").Append(E(s.Authors));
            if (s.Title is not null) h.Append(", \u201c").Append(E(s.Title)).Append('\u201d');
            h.Append(", ").Append(E(s.Venue)).Append(CultureInfo.InvariantCulture, $" ({s.Year})");
            if (s.Doi is not null) h.Append(", <a href=\"https://doi.org/").Append(E(s.Doi)).Append("\">doi:").Append(E(s.Doi)).Append("</a>");
            if (s.ArXiv is not null) h.Append(", <a href=\"https://arxiv.org/abs/").Append(E(s.ArXiv)).Append("\">arXiv:").Append(E(s.ArXiv)).Append("</a>");
            if (s.Note is not null) h.Append("; ").Append(E(s.Note));
            h.Append("</li>\n");
        }
        h.Append("</ul>\n</section>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The SVG element without its XML declaration, its ids (and the references to them) prefixed so several figures share one page.</summary>
    internal static string Inline(string svg, string prefix)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var body = start > 0 ? svg[start..] : svg;
        body = IdAttribute().Replace(body, m => $"id=\"{prefix}{m.Groups[1].Value}\"");
        body = UrlReference().Replace(body, m => $"url(#{prefix}{m.Groups[1].Value})");
        body = HrefReference().Replace(body, m => $"href=\"#{prefix}{m.Groups[1].Value}\"");
        return body.TrimEnd() + "\n";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
