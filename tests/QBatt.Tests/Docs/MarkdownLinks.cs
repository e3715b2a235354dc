using System.Text;
using System.Text.RegularExpressions;

namespace QBatt.Tests.Docs;

/// <summary>
/// A checker for the links of the repository's Markdown files: every relative link must point to an
/// existing file or directory inside the repository, every #anchor to a heading of the target (GitHub's
/// anchor rules), and no file may mention ../shared (a clone does not have it). External http(s) and
/// mailto links are not followed.
/// </summary>
public static partial class MarkdownLinks
{
    public sealed record Problem(string File, int Line, string Message)
    {
        public override string ToString() => $"{File}:{Line}: {Message}";
    }

    /// <summary>The Markdown files the repository's documentation consists of.</summary>
    public static IReadOnlyList<string> DocumentationFiles(string root)
    {
        var files = new List<string> { Path.Combine(root, "README.md") };
        foreach (var dir in new[] { "docs", "bench", "tests" })
        {
            var d = Path.Combine(root, dir);
            if (!Directory.Exists(d)) continue;
            files.AddRange(Directory.EnumerateFiles(d, "*.md", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")));
        }
        return [.. files.Where(File.Exists).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every problem of the given files (paths absolute, all under <paramref name="root"/>).</summary>
    public static IReadOnlyList<Problem> Check(string root, IEnumerable<string> files)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var problems = new List<Problem>();
        var anchorCache = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var rel = Path.GetRelativePath(root, file);
            var text = File.ReadAllText(file);
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains("../shared", StringComparison.Ordinal))
                    problems.Add(new(rel, i + 1, "mentions ../shared, which is not part of the repository"));
            }
            foreach (var (line, target) in Links(text))
            {
                var message = CheckTarget(root, file, target, anchorCache);
                if (message is not null) problems.Add(new(rel, line, $"link '{target}': {message}"));
            }
        }
        return problems;
    }

    private static string? CheckTarget(string root, string file, string target, Dictionary<string, HashSet<string>> anchorCache)
    {
        if (target.Length == 0) return "empty link";
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            return null;
        if (SchemeRegex().IsMatch(target)) return "a URL scheme other than http(s) or mailto";
        if (target.StartsWith('/') || target.StartsWith('\\') || DriveRegex().IsMatch(target)) return "an absolute path (use a path relative to the file)";
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
        if (resolved != root && !resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return "points outside the repository";
        if (!File.Exists(resolved) && !Directory.Exists(resolved)) return $"{Path.GetRelativePath(root, resolved)} does not exist";
        if (anchor is null) return null;
        if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(resolved)) return "an anchor into a file that is not Markdown";
        if (!anchorCache.TryGetValue(resolved, out var anchors))
            anchorCache[resolved] = anchors = [.. Anchors(File.ReadAllText(resolved))];
        return anchors.Contains(anchor) ? null : $"no heading with anchor #{anchor} in {Path.GetRelativePath(root, resolved)}";
    }

    /// <summary>The link targets of a Markdown text with their line numbers, outside code blocks and code spans.</summary>
    public static IEnumerable<(int Line, string Target)> Links(string markdown)
    {
        var inFence = false;
        var fence = "";
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                if (!inFence) { inFence = true; fence = marker; }
                else if (marker == fence) inFence = false;
                continue;
            }
            if (inFence) continue;
            var text = CodeSpanRegex().Replace(line, m => new string(' ', m.Length));
            var def = ReferenceDefinitionRegex().Match(text);
            if (def.Success) yield return (i + 1, Destination(def.Groups[1].Value));
            foreach (var target in InlineDestinations(text)) yield return (i + 1, target);
            foreach (Match m in HtmlLinkRegex().Matches(text)) yield return (i + 1, m.Groups[1].Value);
        }
    }

    /// <summary>Destinations of inline links and images: the text after "](" up to the balancing ")".</summary>
    private static IEnumerable<string> InlineDestinations(string text)
    {
        for (var at = text.IndexOf("](", StringComparison.Ordinal); at >= 0; at = text.IndexOf("](", at + 2, StringComparison.Ordinal))
        {
            var depth = 1;
            var j = at + 2;
            for (; j < text.Length && depth > 0; j++)
            {
                if (text[j] == '\\') { j++; continue; }
                if (text[j] == '(') depth++;
                else if (text[j] == ')') depth--;
            }
            if (depth != 0) continue;
            yield return Destination(text[(at + 2)..(j - 1)]);
        }
    }

    private static string Destination(string raw)
    {
        var s = raw.Trim();
        if (s.StartsWith('<'))
        {
            var close = s.IndexOf('>', StringComparison.Ordinal);
            return close < 0 ? s : s[1..close];
        }
        var space = s.IndexOfAny([' ', '\t']);
        return space < 0 ? s : s[..space];
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown text (and explicit &lt;a id/name&gt; anchors).</summary>
    public static IReadOnlyList<string> Anchors(string markdown)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (inFence) continue;
            foreach (Match m in HtmlAnchorRegex().Matches(line)) anchors.Add(m.Groups[1].Value);
            var h = HeadingRegex().Match(line);
            if (!h.Success) continue;
            var slug = Slug(h.Groups[1].Value);
            if (seen.TryGetValue(slug, out var n))
            {
                seen[slug] = n + 1;
                anchors.Add($"{slug}-{n + 1}");
            }
            else
            {
                seen[slug] = 0;
                anchors.Add(slug);
            }
        }
        return anchors;
    }

    /// <summary>
    /// GitHub's anchor of a heading text: links reduced to their text, lower case, every character
    /// other than letters, digits, spaces, hyphens and underscores removed, spaces turned into hyphens.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = InlineLinkRegex().Replace(heading.Trim().TrimEnd('#').Trim(), "$1");
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c == ' ') sb.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(`+)(.+?)\1")]
    private static partial Regex CodeSpanRegex();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(\S+.*)$")]
    private static partial Regex ReferenceDefinitionRegex();

    [GeneratedRegex(@"<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLinkRegex();

    [GeneratedRegex(@"<a\s[^>]*?(?:id|name)\s*=\s*""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchorRegex();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.+)$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLinkRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex DriveRegex();
}
