namespace QBatt.Cli;

/// <summary>"Did you mean": the known name nearest to a mistyped one.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/> (case-insensitive, leading dashes ignored), or
    /// null when none is close: an edit distance d (insertions, deletions, substitutions and swaps of
    /// neighbours, each 1) with d &lt;= 3 and 2d &lt;= the shorter length, or a unique candidate that
    /// starts with what was typed (at least 3 characters). Ties go to the earlier candidate.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var t = Core(typed);
        if (t.Length == 0) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        var prefixed = new List<string>();
        foreach (var c in candidates)
        {
            var k = Core(c);
            if (k.Length == 0) continue;
            if (t.Length >= 3 && k.StartsWith(t, StringComparison.Ordinal)) prefixed.Add(c);
            var d = Distance(t, k);
            if (d <= 3 && 2 * d <= Math.Min(t.Length, k.Length) && d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best ?? (prefixed.Count == 1 ? prefixed[0] : null);
    }

    private static string Core(string s) => s.TrimStart('-').ToLowerInvariant();

    /// <summary>Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a substring).</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
