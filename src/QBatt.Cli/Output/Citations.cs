using System.Text;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Output;

/// <summary>
/// How the CLI cites the sources of <see cref="Sources"/>: by key and identifier in listings, in full in a
/// References section, and as JSON. Which sources a text cites is decided by <see cref="Sources.CitedIn"/>.
/// </summary>
internal static class Citations
{
    /// <summary>Where the R-item labels and the source keys are explained (relative to the repository root).</summary>
    public const string Pointer = "R-items (R1, R2, ...) are the items of docs/PHYSICS.md; source keys ([Rev], [PRL], ...) are listed in docs/BIBLIOGRAPHY.md.";

    /// <summary>The keys and identifiers of the sources a text cites, e.g. <c>[PRL] doi:10.1103/...</c>; "-" when none.</summary>
    public static string Short(string text)
    {
        var cited = Sources.CitedIn([text]);
        return cited.Count == 0 ? "-" : string.Join("; ", cited.Select(s => s.Identifiers.Length == 0 ? $"[{s.Key}] {s.Venue} ({s.Year})" : $"[{s.Key}] {s.Identifiers}"));
    }

    /// <summary>One full citation per line, <c>[Key] citation</c>, for plain-text output.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<Source> sources) => sources.Select(s => $"[{s.Key}] {s.Citation}");

    /// <summary>A Markdown "References" section: one bullet per source, its identifiers as links.</summary>
    public static string MarkdownSection(IReadOnlyList<Source> sources)
    {
        var md = new StringBuilder();
        md.AppendLine("## References");
        md.AppendLine();
        md.AppendLine(Pointer);
        md.AppendLine();
        foreach (var s in sources)
        {
            var ids = new List<string>();
            if (s.Doi is not null) ids.Add($"[doi:{s.Doi}](https://doi.org/{s.Doi})");
            if (s.ArXiv is not null) ids.Add($"[arXiv:{s.ArXiv}](https://arxiv.org/abs/{s.ArXiv})");
            var title = s.Title is null ? "" : $", \"{s.Title}\"";
            var note = s.Note is null ? "" : "; " + s.Note;
            md.AppendLine($"- **[{s.Key}]** {s.Authors}{title}, {s.Venue} ({s.Year}){(ids.Count > 0 ? ", " + string.Join(", ", ids) : "")}{note}");
        }
        return md.ToString();
    }

    /// <summary>The sources as a JSON array of {key, citation, doi, arxiv, url}.</summary>
    public static JsonArray Json(IReadOnlyList<Source> sources)
    {
        var a = new JsonArray();
        foreach (var s in sources)
            a.Add(new JsonObject { ["key"] = s.Key, ["citation"] = s.Citation, ["doi"] = s.Doi, ["arxiv"] = s.ArXiv, ["url"] = s.Url });
        return a;
    }
}
