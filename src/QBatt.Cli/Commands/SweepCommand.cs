using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Cli.Output;
using QBatt.Cli.Sweeps;
using QBatt.IO;
using QBatt.IO.Plot;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt sweep</c>: runs a sweep file (docs/sweeps.md) point by point, in parallel, resumably,
/// in a directory of JSON lines, tables and grids; writes and submits a Slurm array job for it; and
/// reads a sweep directory back (<c>status</c>, <c>merge</c>, <c>plot</c>).
/// </summary>
internal static class SweepCommand
{
    private const int DefaultMaxShards = 100;

    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("FILE") { Description = "The sweep file (YAML; see docs/sweeps.md)." };
        var outDir = new Option<string>("--out") { Description = "The sweep directory: results.jsonl (one line a finished point), failed.jsonl, manifest.json, results.csv, results.h5 and grids/*.npy. Running again resumes." };
        var jobs = CliOptions.Int("--jobs", "Points run at the same time in this process (default 1).", 1, min: 1);
        var shard = CliOptions.Custom("--shard", "Run only shard i of n (0 <= i < n): the points whose index is i modulo n, into DIR/shards/.", false, t => Shard.Parse(t));
        var retry = new Option<bool>("--retry-failed") { Description = "Run the points that failed before again (by default a rerun skips them like completed ones)." };
        var force = new Option<bool>("--force") { Description = "Run a sweep file that differs from the one DIR was started with (points whose command line is unchanged keep their results)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of the table." };
        var slurm = new Option<bool>("--slurm") { Description = "Write DIR/slurm/sweep.sbatch, an sbatch array script with one task a shard, instead of running here." };
        var shards = CliOptions.Int("--shards", $"Array tasks (shards) of --slurm (default: the number of points, at most {DefaultMaxShards}).", min: 1);
        var partition = new Option<string>("--partition") { Description = "sbatch --partition of --slurm." };
        var time = new Option<string>("--time") { Description = "sbatch --time limit of each task, HH:MM:SS or D-HH:MM:SS (--slurm)." };
        var cpus = CliOptions.Int("--cpus-per-task", "sbatch --cpus-per-task of --slurm; each task runs that many points at once (default 1).", 1, min: 1);
        var arrayLimit = CliOptions.Int("--array-limit", "Most array tasks running at once (--array=0-(N-1)%K) with --slurm.", min: 1);
        var submit = new Option<bool>("--submit") { Description = "Submit the --slurm script with sbatch and print the job id." };
        var cmd = new Command("sweep", "Run a parameter sweep: a command of qbatt over grids, zipped lists and seeded random draws of its options (docs/sweeps.md). With --out DIR each finished point is appended at once to DIR/results.jsonl (flushed and fsynced), so a run killed at any moment loses only the points in flight, and running again resumes. --shard i/n runs a deterministic slice; --slurm writes an sbatch array script (one task a shard) and --submit submits it; 'status', 'merge' and 'plot' read a sweep directory.\n\nExamples:\n  qbatt sweep gamma.yaml\n  qbatt sweep gamma.yaml --out runs/gamma --jobs 2\n  qbatt sweep gamma.yaml --out runs/gamma --slurm --shards 20 --time 00:30:00 --submit\n  qbatt sweep status runs/gamma\n  qbatt sweep merge runs/gamma\n  qbatt sweep plot runs/gamma --x cells --y coupling --value gamma --out gamma.svg");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { outDir, jobs, shard, retry, force, json, slurm, shards, partition, time, cpus, arrayLimit, submit }) cmd.Options.Add(o);
        cmd.Subcommands.Add(StatusCommand(ctx));
        cmd.Subcommands.Add(MergeCommand(ctx));
        cmd.Subcommands.Add(PlotCommand(ctx));
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var dir = parse.GetValue(outDir);
            var s = parse.GetValue(shard);
            var isSlurm = parse.GetValue(slurm);
            Option[] slurmOnly = [shards, partition, time, arrayLimit, submit];
            foreach (var o in slurmOnly.Append(cpus))
                if (!isSlurm && parse.GetResult(o) is { Implicit: false }) throw new UsageException($"{o.Name}: only with --slurm");
            if (dir is null)
            {
                foreach (var o in new Option[] { shard, retry, force, slurm })
                    if (parse.GetResult(o) is { Implicit: false }) throw new UsageException($"{o.Name}: needs --out DIR (the sweep directory)");
            }
            if (isSlurm && s is not null) throw new UsageException("--shard: not with --slurm (each array task runs its own shard)");
            var (plan, bytes) = Load(path);
            var sha = SweepStore.Sha256(bytes);
            if (dir is null) return RunInMemory(ctx, plan, parse.GetValue(jobs), parse.GetValue(json));
            SweepStore.Adopt(dir, path, bytes, parse.GetValue(force));
            if (isSlurm)
            {
                var n = parse.GetValue(shards) is var k && k > 0 ? k : (int)Math.Clamp(plan.Count, 1, DefaultMaxShards);
                if (n > plan.Count) throw new UsageException($"--shards: expected at most {plan.Count} (the sweep's points), got {n}");
                var so = new SlurmOptions(n, parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus), parse.GetResult(arrayLimit) is null ? null : parse.GetValue(arrayLimit));
                return Slurm(ctx, dir, so, parse.GetValue(submit), parse.GetValue(json));
            }
            var summary = SweepRunner.Run(plan, path, sha, new RunOptions(dir, s, parse.GetValue(jobs), parse.GetValue(retry)), ctx);
            return RunReport(ctx, dir, plan, summary, parse.GetValue(json));
        });
        return cmd;
    }

    private static (SweepPlan Plan, byte[] Bytes) Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"FILE: expected an existing sweep file, got '{path}' (not found)");
        var bytes = File.ReadAllBytes(path);
        var root = QBattCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));
        return (SweepFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), path, root), bytes);
    }

    private static SweepPlan LoadDir(string dir, string option = "DIR")
    {
        var copy = Path.Combine(dir, SweepStore.SweepFileName);
        if (!File.Exists(copy)) throw new UsageException($"{option}: expected a sweep directory (with {SweepStore.SweepFileName}), got '{dir}'");
        return Load(copy).Plan;
    }

    private static int RunInMemory(CliContext ctx, SweepPlan plan, int jobs, bool json)
    {
        var outcomes = new PointOutcome[plan.Count];
        ProgressReporter.Run(ctx, $"sweep {plan.Command}", plan.Count, done =>
        {
            long finished = 0;
            Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
            {
                outcomes[i] = PointRunner.Run(plan.Point(i));
                done(Interlocked.Increment(ref finished));
            });
            return 0;
        });
        ListSweep.Emit(ctx, TidyReport.Build(plan, outcomes), json, null, 1 + plan.Varying.Count);
        return FailureLine(ctx, [.. outcomes.Where(o => !o.Succeeded)], null);
    }

    private static int FailureLine(CliContext ctx, List<PointOutcome> failed, string? dir)
    {
        if (failed.Count == 0) return 0;
        var f = failed.MinBy(o => o.Point.Index)!;
        var where = dir is null ? "" : $"; see {Path.Combine(dir, SweepStore.FailedName)}, rerun with --retry-failed";
        ctx.Err.WriteLine($"qbatt sweep: {failed.Count} point(s) failed (first: point {f.Point.Index}: {f.Message}){where}");
        return 1;
    }

    private static int RunReport(CliContext ctx, string dir, SweepPlan plan, RunSummary s, bool json)
    {
        var report = new Report("sweep");
        report.Param("command", plan.Command).Param("dir", Path.GetFullPath(dir));
        report.Set("points", s.Points, plan.Count != s.Points ? "points of this shard" : "points");
        report.Set("already_done", s.AlreadyDone, "done before (skipped)");
        report.Set("ran", s.Ran, "run now");
        report.Set("succeeded", s.Succeeded, "succeeded now");
        report.Set("failed", s.Failures.Count, "failed now");
        report.Set("repaired_torn_line", s.Repaired, "torn last line cut");
        report.Set("complete", s.Complete, "whole sweep complete");
        report.Set("seconds", s.Seconds, "seconds");
        report.Set("files", Json.Array(s.Written.Select(f => Path.GetRelativePath(dir, f))));
        ListSweep.Emit(ctx, report, json, null);
        return FailureLine(ctx, s.Failures, dir);
    }

    private static int Slurm(CliContext ctx, string dir, SlurmOptions so, bool submit, bool json)
    {
        SlurmScript.Check(so);
        var invocation = Invocation.Current();
        var script = SlurmScript.Write(dir, so, invocation);
        string? jobId = null;
        string? error = null;
        if (submit) (jobId, error) = SlurmScript.Submit(script);
        var record = SlurmScript.Record(script, so, invocation, jobId);
        SweepRunner.Save(Path.Combine(dir, "slurm", "submission.json"), record);
        var report = new Report("sweep");
        report.Param("dir", Path.GetFullPath(dir));
        report.Set("script", script, "sbatch script");
        report.Set("shards", so.Shards, "array tasks (shards)");
        report.Set("qbatt", string.Join(' ', invocation), "qbatt runs as");
        report.Set("job_id", jobId, "submitted job");
        ListSweep.Emit(ctx, report, json, null);
        if (error is null) return 0;
        ctx.Err.WriteLine($"qbatt sweep: {error}");
        return 1;
    }

    private static Command StatusCommand(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep directory (--out of qbatt sweep)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of the tables." };
        var cmd = new Command("status", "Progress of a sweep directory: points completed, failed and missing over the whole sweep and per part (the local run and every shard), with the missing points.\n\nExample:\n  qbatt sweep status runs/gamma");
        cmd.Arguments.Add(dir);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            var plan = LoadDir(d);
            var c = SweepStore.Collect(d, plan);
            var report = Progress(d, plan, c, "sweep status");
            var parts = report.AddTable("parts", "part", "shard", "points", "completed", "failed", "status", "ended");
            foreach (var part in SweepStore.Parts(d))
            {
                var m = File.Exists(Path.Combine(part, SweepStore.ManifestName)) ? JsonNode.Parse(File.ReadAllText(Path.Combine(part, SweepStore.ManifestName))) as JsonObject : null;
                if (m is null) continue;
                var s = m["shard"]?.GetValue<string>();
                var mine = plan.Indices(s is null ? null : Shard.Parse(s)).ToList();
                parts.Add(Path.GetRelativePath(d, part), s ?? "-", mine.Count, mine.Count(c.Completed.ContainsKey), mine.Count(c.Failed.ContainsKey), m["status"]?.GetValue<string>(), m["ended"]?.GetValue<string>());
            }
            ListSweep.Emit(ctx, report, parse.GetValue(json), null);
            return 0;
        });
        return cmd;
    }

    private static Report Progress(string dir, SweepPlan plan, Collected c, string name)
    {
        var report = new Report(name);
        report.Param("dir", Path.GetFullPath(dir)).Param("command", plan.Command);
        report.Set("points", plan.Count, "points");
        report.Set("completed", c.Completed.Count, "completed");
        report.Set("failed", c.Failed.Count, "failed");
        var missing = c.Missing().ToList();
        report.Set("missing", missing.Count, "missing (not completed)");
        report.Set("complete", c.IsComplete, "complete");
        if (c.TornFiles.Count > 0) report.Set("torn_last_lines", Json.Array(c.TornFiles)).Note($"a torn last line (a run killed while writing, or one writing now) is skipped in {string.Join(", ", c.TornFiles)}");
        if (c.Stale > 0) report.Set("stale_lines", c.Stale, "lines of points no longer in the sweep");
        report.Set("missing_points", new JsonArray([.. missing.Select(i => (JsonNode?)new JsonObject
        {
            ["index"] = i,
            ["parameters"] = plan.Point(i).Parameters,
            ["failure"] = c.Failed.TryGetValue(i, out var f) ? f["message"]?.DeepClone() : null,
        })]));
        if (missing.Count == 0) return report;
        var t = report.AddTable("missing points", "index", "parameters", "failure");
        foreach (var i in missing.Take(20))
            t.Add(i, plan.Point(i).Parameters.ToJsonString(), c.Failed.TryGetValue(i, out var f) ? f["message"]?.GetValue<string>() : null);
        if (missing.Count > 20) report.Note($"{missing.Count - 20} more missing point(s) in --json");
        return report;
    }

    private static Command MergeCommand(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep directory (--out of qbatt sweep)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of the tables." };
        var cmd = new Command("merge", "Combine the results of every part of a sweep directory (the local run and every shard) into DIR/results.jsonl in point order, one line a point, and write results.csv, results.h5 and grids/*.npy from it. Lists the points still missing; the exit code is 1 while any is.\n\nExample:\n  qbatt sweep merge runs/gamma");
        cmd.Arguments.Add(dir);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            var plan = LoadDir(d);
            var sha = SweepStore.Sha256(File.ReadAllBytes(Path.Combine(d, SweepStore.SweepFileName)));
            Collected c;
            IReadOnlyList<string> written;
            using (SweepStore.Lock(d))
            {
                c = SweepStore.Collect(d, plan);
                WriteLines(Path.Combine(d, SweepStore.ResultsName), c.Completed);
                WriteLines(Path.Combine(d, SweepStore.FailedName), c.Failed);
                written = SweepOutputs.Write(d, plan, SweepTable.From(plan, c.Completed.Values), sha);
            }
            var report = Progress(d, plan, c, "sweep merge");
            report.Set("files", Json.Array([SweepStore.ResultsName, .. written.Select(f => Path.GetRelativePath(d, f))]));
            ListSweep.Emit(ctx, report, parse.GetValue(json), null);
            if (c.IsComplete) return 0;
            ctx.Err.WriteLine($"qbatt sweep merge: {plan.Count - c.Completed.Count} of {plan.Count} point(s) missing ({c.Failed.Count} failed); listed above");
            return 1;
        });
        return cmd;
    }

    private static void WriteLines(string path, Dictionary<long, JsonObject> lines) =>
        AtomicFile.WriteAllText(path, string.Concat(lines.OrderBy(kv => kv.Key).Select(kv => JsonLines.Line(kv.Value))));

    private static Command PlotCommand(CliContext ctx)
    {
        var dir = new Argument<string>("DIR") { Description = "A sweep directory (--out of qbatt sweep)." };
        var x = new Option<string>("--x") { Description = "The column on the x axis (a parameter).", Required = true };
        var y = new Option<string>("--y") { Description = "A second parameter: draw a heatmap of --value over (x, y)." };
        var value = new Option<string>("--value") { Description = "The result column drawn (e.g. gamma).", Required = true };
        var outFile = CliOptions.File("--out", "The figure, FILE.svg.", required: true);
        var logX = new Option<bool>("--log-x") { Description = "Log10 x axis." };
        var logY = new Option<bool>("--log-y") { Description = "Log10 y axis." };
        var cmd = new Command("plot", "Draw a sweep directory: --value against --x as curves (one per combination of the other varying parameters), or with --y a heatmap of --value over (x, y).\n\nExamples:\n  qbatt sweep plot runs/gamma --x coupling --value gamma --out gamma.svg\n  qbatt sweep plot runs/gamma --x cells --y coupling --value gamma --out gamma-map.svg");
        cmd.Arguments.Add(dir);
        foreach (var o in new Option[] { x, y, value, outFile, logX, logY }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            var path = parse.GetValue(outFile)!;
            if (!path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out: expected a file ending in .svg, got '{path}'");
            var plan = LoadDir(d);
            var c = SweepStore.Collect(d, plan);
            var table = SweepTable.From(plan, c.Completed.Values);
            var plot = SweepPlot.Draw(plan, table, parse.GetValue(x)!, parse.GetValue(y), parse.GetValue(value)!);
            if (parse.GetValue(logX)) plot.X.Scale = AxisScale.Log10;
            if (parse.GetValue(logY)) plot.Y.Scale = AxisScale.Log10;
            plot.Save(path);
            ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"qbatt: wrote {path} ({table.Rows.Count} of {plan.Count} points)"));
            return 0;
        });
        return cmd;
    }
}
