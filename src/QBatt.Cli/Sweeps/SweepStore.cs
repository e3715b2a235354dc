using System.Security.Cryptography;
using System.Text.Json.Nodes;
using QBatt.IO;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// The directory of a sweep (docs/sweeps.md): <c>sweep.yaml</c> (the sweep as first run), and per
/// part (the whole sweep, or one shard under <c>shards/I-of-N/</c>) <c>results.jsonl</c>,
/// <c>failed.jsonl</c> and <c>manifest.json</c>. Each part is written by one run at a time (a lock
/// file); any reader sees every completed point of every part.
/// </summary>
internal static class SweepStore
{
    public const string SweepFileName = "sweep.yaml";
    public const string ResultsName = "results.jsonl";
    public const string FailedName = "failed.jsonl";
    public const string ManifestName = "manifest.json";

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Takes the sweep into <paramref name="dir"/>: stores the file on first use; later, the same
    /// bytes go on, changed ones are refused unless <paramref name="force"/> (which replaces the copy;
    /// points whose command line is unchanged keep their results).
    /// </summary>
    /// <exception cref="UsageException">The file differs from the directory's sweep and force is not given.</exception>
    public static void Adopt(string dir, string file, byte[] bytes, bool force)
    {
        var copy = Path.Combine(dir, SweepFileName);
        if (File.Exists(copy))
        {
            var old = File.ReadAllBytes(copy);
            if (old.AsSpan().SequenceEqual(bytes)) return;
            if (!force)
                throw new UsageException($"{Path.GetFileName(file)}: changed since {dir} was started (sha256 {Sha256(bytes)[..12]}, the sweep in {copy} has {Sha256(old)[..12]}); pass --force to run the new file there (unchanged points are kept), or use another --out");
        }
        AtomicFile.WriteAllBytes(copy, bytes);
    }

    public static string PartDir(string dir, Shard? shard) => shard is null ? dir : Path.Combine(dir, shard.Directory);

    /// <summary>The root part and every shard directory present.</summary>
    public static IEnumerable<string> Parts(string dir)
    {
        yield return dir;
        var shards = Path.Combine(dir, "shards");
        if (!Directory.Exists(shards)) yield break;
        foreach (var d in Directory.GetDirectories(shards).Order(StringComparer.Ordinal)) yield return d;
    }

    /// <summary>Every completed and failed point found under <paramref name="dir"/>, by key, for the points of <paramref name="plan"/>.</summary>
    public static Collected Collect(string dir, SweepPlan plan)
    {
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < plan.Count; i++) keys[plan.Point(i).Key] = i;
        var completed = new Dictionary<long, JsonObject>();
        var failed = new Dictionary<long, JsonObject>();
        var torn = new List<string>();
        long stale = 0;
        foreach (var part in Parts(dir))
        {
            foreach (var (name, into) in new[] { (ResultsName, completed), (FailedName, failed) })
            {
                var path = Path.Combine(part, name);
                var c = JsonLines.Read(path);
                if (c.Torn) torn.Add(path);
                foreach (var r in c.Records)
                {
                    if (r["args"] is not JsonArray args || !keys.TryGetValue(SweepPoint.KeyOf(args.Select(a => a!.GetValue<string>())), out var index))
                    {
                        stale++;
                        continue;
                    }
                    r["index"] = index;
                    into[index] = r;
                }
            }
        }
        foreach (var k in completed.Keys) failed.Remove(k);
        return new Collected(plan, completed, failed, torn, stale);
    }

    /// <summary>Holds the lock of a part for the life of a run; refused when another run holds it.</summary>
    /// <exception cref="UsageException">Another process writes this part now.</exception>
    public static FileStream Lock(string part)
    {
        Directory.CreateDirectory(part);
        var path = Path.Combine(part, ".lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new UsageException($"{part}: another qbatt sweep is writing here now (lock {path}); wait for it or stop it");
        }
    }
}

/// <summary>The state of a sweep directory: completed points (their results lines) and failed ones (their last failure), by index.</summary>
internal sealed record Collected(SweepPlan Plan, Dictionary<long, JsonObject> Completed, Dictionary<long, JsonObject> Failed, List<string> TornFiles, long Stale)
{
    public IEnumerable<long> Missing()
    {
        for (long i = 0; i < Plan.Count; i++)
            if (!Completed.ContainsKey(i)) yield return i;
    }

    public bool IsComplete => Completed.Count == Plan.Count;
}
