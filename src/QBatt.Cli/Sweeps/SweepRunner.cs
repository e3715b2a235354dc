using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using QBatt.Cli.Output;
using QBatt.IO;
using QBatt.Numerics;

namespace QBatt.Cli.Sweeps;

/// <summary>Options of one run of a stored sweep.</summary>
/// <param name="Dir">The sweep directory (<c>--out</c>).</param>
/// <param name="Shard">The slice to run, or null for every point.</param>
/// <param name="Jobs">Points run at the same time (threads in this process).</param>
/// <param name="RetryFailed">Run points that failed before again (otherwise they are skipped like completed ones).</param>
internal sealed record RunOptions(string Dir, Shard? Shard, int Jobs, bool RetryFailed);

/// <summary>What a run did.</summary>
internal sealed record RunSummary(long Points, long AlreadyDone, long Ran, long Succeeded, List<PointOutcome> Failures, bool Repaired, IReadOnlyList<string> Written, bool Complete, double Seconds);

/// <summary>
/// Runs the points of a stored sweep that are not done yet, <c>--jobs</c> at a time, appending
/// each finished point at once (flushed and fsynced) to the part's results or failures file and
/// keeping the part's manifest. A run killed at any moment loses only the points in flight.
/// </summary>
internal static class SweepRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RunSummary Run(SweepPlan plan, string sweepFile, string sha, RunOptions options, CliContext ctx)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var part = SweepStore.PartDir(options.Dir, options.Shard);
        using var lockFile = SweepStore.Lock(part);
        using var results = new JsonLinesWriter(Path.Combine(part, SweepStore.ResultsName));
        using var failures = new JsonLinesWriter(Path.Combine(part, SweepStore.FailedName));
        var before = SweepStore.Collect(options.Dir, plan);
        var mine = plan.Indices(options.Shard).ToList();
        var pending = mine.Where(i => !before.Completed.ContainsKey(i) && (options.RetryFailed || !before.Failed.ContainsKey(i))).ToList();
        var manifestPath = Path.Combine(part, SweepStore.ManifestName);
        var manifest = Manifest(manifestPath, plan, sweepFile, sha, options, mine.Count);
        Save(manifestPath, manifest);
        var failed = new List<PointOutcome>();
        long succeeded = 0;
        var gate = new object();
        ProgressReporter.Run(ctx, $"sweep {plan.Command}", pending.Count, done =>
        {
            long finished = 0;
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, i =>
            {
                var outcome = PointRunner.Run(plan.Point(i));
                lock (gate)
                {
                    if (outcome.Succeeded)
                    {
                        results.Append(outcome.ToLine());
                        succeeded++;
                    }
                    else
                    {
                        failures.Append(outcome.ToLine());
                        failed.Add(outcome);
                    }
                    done(++finished);
                }
            });
            return 0;
        });
        var after = SweepStore.Collect(options.Dir, plan);
        var doneHere = mine.Count(after.Completed.ContainsKey);
        var failedHere = mine.Where(i => after.Failed.ContainsKey(i)).ToList();
        manifest["ended"] = Now();
        manifest["completed"] = doneHere;
        manifest["status"] = doneHere == mine.Count ? "complete" : failedHere.Count > 0 ? "failed points" : "incomplete";
        manifest["failed"] = new JsonArray([.. failedHere.Select(i => (JsonNode?)FailureEntry(after.Failed[i]))]);
        Save(manifestPath, manifest);
        IReadOnlyList<string> written = [];
        if (options.Shard is null)
            written = SweepOutputs.Write(options.Dir, plan, SweepTable.From(plan, after.Completed.Values), sha);
        return new RunSummary(mine.Count, mine.Count - pending.Count, pending.Count, succeeded, failed, results.Repaired || failures.Repaired, written, after.IsComplete, clock.Elapsed.TotalSeconds);
    }

    public static JsonObject FailureEntry(JsonObject line) => new()
    {
        ["index"] = line["index"]?.DeepClone(),
        ["parameters"] = line["parameters"]?.DeepClone(),
        ["exit_code"] = line["exit_code"]?.DeepClone(),
        ["message"] = line["message"]?.DeepClone(),
    };

    private static JsonObject Manifest(string path, SweepPlan plan, string sweepFile, string sha, RunOptions options, int points)
    {
        JsonObject? old = null;
        try
        {
            old = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (JsonException)
        {
            // a damaged manifest is rebuilt: the results files are the record
        }
        return new JsonObject
        {
            ["command"] = "sweep",
            ["version"] = ReportWriter.Version,
            ["backend"] = LinearAlgebra.Default.Name,
            ["sweep_file"] = Path.GetFullPath(sweepFile),
            ["sweep_sha256"] = sha,
            ["sweep_command"] = plan.Command,
            ["qbatt"] = new JsonArray([.. Invocation.Current().Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["shard"] = options.Shard?.ToString(),
            ["jobs"] = options.Jobs,
            ["host"] = Environment.MachineName,
            ["pid"] = Environment.ProcessId,
            ["points"] = points,
            ["sweep_points"] = plan.Count,
            ["started"] = old?["started"]?.DeepClone() ?? Now(),
            ["last_started"] = Now(),
            ["ended"] = null,
            ["runs"] = (old?["runs"]?.GetValue<int>() ?? 0) + 1,
            ["status"] = "running",
        };
    }

    public static void Save(string path, JsonObject doc) => AtomicFile.WriteAllText(path, doc.ToJsonString(Indented) + "\n");

    public static string Now() => DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}

/// <summary>How this qbatt was started, to start it the same way elsewhere (the Slurm script).</summary>
internal static class Invocation
{
    /// <summary>
    /// The installed tool or apphost path when qbatt runs as its own executable; otherwise the
    /// <c>dotnet</c> host and the path of QBatt.Cli.dll (also when the CLI runs inside another host,
    /// e.g. tests).
    /// </summary>
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(Invocation).Assembly.Location;
        var isDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (!isDotnetHost && Assembly.GetEntryAssembly() == typeof(Invocation).Assembly)
            return [process];
        var host = isDotnetHost ? process : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [host, dll];
    }
}
