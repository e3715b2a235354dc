using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QBatt.Cli;

namespace QBatt.Bench.Suites;

/// <summary>
/// Overhead of <c>qbatt sweep</c> (issue 12): a 400-point Dicke sweep (N = 2, ..., 9 as a grid, lambda = 0.1..0.5:50,
/// default windows) stored with <c>--out</c> on 1 and 2 local jobs, as real processes, against the same
/// 400 command lines run one after the other through QBattCli.Run in this process (no sweep engine);
/// and a sample of points started as a process each, the alternative the sweep engine does not take.
/// </summary>
internal static class SweepSuite
{
    private const string File = """
        command: dicke
        parameters:
          cells: [2, 3, 4, 5, 6, 7, 8, 9]
          coupling: 0.1..0.5:50
        """;

    private const int ProcessSample = 20;

    public static string Run()
    {
        var work = Path.Combine(Path.GetTempPath(), "qbatt-bench-sweep-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            return Measure(work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Measure(string work)
    {
        var sweepFile = Path.Combine(work, "dicke400.yaml");
        System.IO.File.WriteAllText(sweepFile, File);
        var dll = CliDll();

        // the same runs in one process, one after the other (one warm-up point first)
        var lines = ListPoints(sweepFile);
        InProcess(lines[0]);
        var perPoint = new double[lines.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < lines.Count; i++)
        {
            var t = Stopwatch.StartNew();
            InProcess(lines[i]);
            perPoint[i] = t.Elapsed.TotalSeconds;
        }
        var inProcess = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"sweep: 400 points in one process {inProcess:F1} s");

        var (jobs1, inside1) = Stored(dll, sweepFile, Path.Combine(work, "j1"), 1);
        Console.Error.WriteLine($"sweep: --jobs 1 {jobs1:F1} s");
        var (jobs2, inside2) = Stored(dll, sweepFile, Path.Combine(work, "j2"), 2);
        Console.Error.WriteLine($"sweep: --jobs 2 {jobs2:F1} s");

        // a process per point, for a sample spread over the sweep
        var sample = Enumerable.Range(0, ProcessSample).Select(k => k * lines.Count / ProcessSample).ToList();
        var processSeconds = sample.Select(i => Time(() => RunProcess(dll, [.. lines[i], "--json"]))).ToList();
        var sampleInProcess = sample.Select(i => perPoint[i]).ToList();
        var processOverhead = processSeconds.Average() - sampleInProcess.Average();
        Console.Error.WriteLine($"sweep: a process per point {processSeconds.Average():F2} s a point");

        var n = lines.Count;
        var sb = new StringBuilder();
        sb.AppendLine("## Sweep overhead (issue 12)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"A 400-point Dicke sweep (`cells: [2, 3, 4, 5, 6, 7, 8, 9]`, `coupling: 0.1..0.5:50`, default windows): `qbatt sweep FILE --out DIR --jobs J` as a real process (wall time, including the runtime's start, writing each point to results.jsonl with fsync, the manifest, results.csv, results.h5 and the grids), against the same 400 command lines run one after the other through `QBattCli.Run` with captured output in one warm process (no sweep engine). One run each. {Machine.Describe()}, {Machine.Today}; the machine is shared, so wall times carry the load of other work.");
        sb.AppendLine();
        sb.AppendLine("| run | wall s | ms a point | sum of the points' own seconds | overhead a point (ms) |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| same runs in one process | {inProcess:F1} | {1000 * inProcess / n:F1} | {perPoint.Sum():F1} | - |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `qbatt sweep --jobs 1` | {jobs1:F1} | {1000 * jobs1 / n:F1} | {inside1:F1} | {1000 * (jobs1 - inProcess) / n:F1} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `qbatt sweep --jobs 2` | {jobs2:F1} | {1000 * jobs2 / n:F1} | {inside2:F1} | {1000 * (2 * jobs2 - inProcess) / n:F1} (core time: 2 x wall - one process) |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Speed-up of 2 jobs over 1: {jobs1 / jobs2:F2}. Overhead a point = (sweep wall - one-process wall) / 400; it includes the runtime's start once (about 0.8 s, 2 ms a point here). A process per point instead (the {ProcessSample} points {string.Join(", ", sample.Take(3))}, ... as `dotnet QBatt.Cli.dll dicke ... --json` each): {1000 * processSeconds.Average():F0} ms a point against {1000 * sampleInProcess.Average():F0} ms in one process, **{1000 * processOverhead:F0} ms of overhead a point**, which is why the sweep engine runs its points in-process.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"The points' own seconds: {perPoint.Sum():F1} s one after the other, {inside2:F1} s summed over the two jobs: a Dicke point's kernels (OpenBLAS, Parallel.For) already use both cores, so two points at once mostly share them; `--jobs` pays off for points that use one core, or with more cores than points in flight.");
        return sb.ToString();
    }

    /// <summary>The command lines of the sweep's points, in index order (from a dry, in-memory parse of the file).</summary>
    private static List<string[]> ListPoints(string sweepFile)
    {
        var root = QBattCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, false));
        var plan = QBatt.Cli.Sweeps.SweepFile.Parse(System.IO.File.ReadAllText(sweepFile), sweepFile, root);
        var points = new List<string[]>();
        for (long i = 0; i < plan.Count; i++) points.Add([.. plan.Point(i).Args]);
        return points;
    }

    private static void InProcess(string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = QBattCli.Run([.. args, "--json"], new CliContext(o, e, interactive: false));
        if (code != 0) throw new InvalidOperationException($"qbatt {string.Join(' ', args)}: exit {code}: {e}");
        _ = JsonNode.Parse(o.ToString());
    }

    private static (double Wall, double Inside) Stored(string dll, string sweepFile, string dir, int jobs)
    {
        var wall = Time(() => RunProcess(dll, "sweep", sweepFile, "--out", dir, "--jobs", jobs.ToString(CultureInfo.InvariantCulture)));
        var inside = System.IO.File.ReadLines(Path.Combine(dir, "results.jsonl")).Sum(l => (double)JsonNode.Parse(l)!["seconds"]!);
        var count = System.IO.File.ReadLines(Path.Combine(dir, "results.jsonl")).Count();
        if (count != 400) throw new InvalidOperationException($"{dir}: {count} points, expected 400");
        return (wall, inside);
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }

    private static string CliDll()
    {
        var repository = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Peer.ScriptPath("x"))))!;
        var dll = Path.Combine(repository, "src", "QBatt.Cli", "bin", "Release", "net10.0", "QBatt.Cli.dll");
        return System.IO.File.Exists(dll) ? dll : throw new InvalidOperationException($"build the CLI first (dotnet build src/QBatt.Cli -c Release): {Path.GetFullPath(dll)} not found");
    }

    private static void RunProcess(string dll, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"qbatt {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result.Trim()}");
        _ = stdout.Result;
    }
}
