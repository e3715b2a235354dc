using System.Text;
using QBatt.IO;

namespace QBatt.Bench;

/// <summary>
/// bench/RESULTS.md: each suite owns one section between <c>&lt;!-- suite:NAME --&gt;</c> markers and
/// replaces it when run with <c>--write</c>; the rest of the file is kept.
/// </summary>
internal static class Results
{
    public static string DefaultPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", "bench", "RESULTS.md");
    }

    public static void WriteSection(string path, string suite, string markdown)
    {
        var begin = $"<!-- suite:{suite} -->";
        var end = $"<!-- /suite:{suite} -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# QBatt benchmark results\n";
        var block = new StringBuilder().AppendLine(begin).Append(markdown.TrimEnd()).AppendLine().Append(end).ToString();
        var i = text.IndexOf(begin, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        text = i >= 0 && j > i
            ? string.Concat(text.AsSpan(0, i), block, text.AsSpan(j + end.Length))
            : text.TrimEnd() + "\n\n" + block + "\n";
        QBatt.IO.AtomicFile.WriteAllText(path, text);
    }
}
