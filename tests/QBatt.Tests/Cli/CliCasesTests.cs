using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace QBatt.Tests.Cli;

/// <summary>
/// The table of bad-input, size, file and signal cases (Data/cli-cases.tsv, issue 11) rerun as real processes. Each case
/// must end with its documented exit code (0, 2 bad input, 130 SIGINT, 143 SIGTERM); on failure nothing on stdout, exactly
/// one line on stderr containing the fragment, no stack trace, within 5 s of wall time from the start of the process (the runtime's
/// start-up included) unless a signal ended it (a refusal of
/// something too big comes before anything large is allocated), and no file in the case's output folder (no partial output
/// set); on success no NaN in the output.
/// </summary>
public class CliCasesTests
{
    private const double RefusalSeconds = 5;

    private sealed record Case(int Line, int Code, string Signal, string Fragment, string Arguments);

    // .ci/run runs the suite twice (native and managed backends); the processes do not depend on the backend of the
    // test host, so the table runs once, in the native pass (reported as skipped in the managed one)
    [OncePerCiFact]
    public void Every_case_of_the_table_behaves_as_documented()
    {
        var cases = Read();
        Assert.True(cases.Count >= 200, $"the table has {cases.Count} cases, fewer than 200");
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
        {
            try
            {
                if (Check(c, RefusalSeconds) is { } f) failures.Add($"line {c.Line} ({c.Arguments}): {f}");
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                failures.Add($"line {c.Line} ({c.Arguments}): {e.GetType().Name}: {e.Message}");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    private static List<Case> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "cli-cases.tsv");
        var cases = new List<Case>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            var f = lines[i].Split('\t');
            Assert.True(f.Length == 4, $"cli-cases.tsv line {i + 1}: expected 4 tab-separated columns, got {f.Length}");
            cases.Add(new Case(i + 1, int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3]));
        }
        return cases;
    }

    private static string[] Expand(string arguments, string data, string output)
    {
        var r = new List<string>();
        foreach (var t in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (t == "\"\"") r.Add("");
            else if (t.StartsWith("{modes:", StringComparison.Ordinal))
                r.Add(string.Join(',', Enumerable.Repeat("1", int.Parse(t[7..^1], CultureInfo.InvariantCulture))));
            else r.Add(t.Replace("{data}", data, StringComparison.Ordinal).Replace("{out}", output, StringComparison.Ordinal));
        }
        return [.. r];
    }

    private static string? Check(Case c, double limit)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data", "cli-cases");
        var output = Directory.CreateTempSubdirectory("qbatt-case").FullName;
        try
        {
            var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // --default-signal: a child of a background job would otherwise inherit SIGINT ignored
            foreach (var a in new[] { "--default-signal=INT", "dotnet", CliRunner.Dll }.Concat(Expand(c.Arguments, data, output))) psi.ArgumentList.Add(a);
            psi.Environment.Remove("QBATT_MAX_MEMORY");
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (c.Signal != "-")
            {
                // interrupt the computation, not the start-up: wait for a second and a half of CPU time
                while (CliRunner.CpuSeconds(p.Id) < 1.5 && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(50);
                if (p.HasExited) return $"finished before the signal (exit {p.ExitCode})";
                using var kill = Process.Start("kill", [$"-{c.Signal}", p.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }
            if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                p.Kill(entireProcessTree: true);
                return "did not finish in 2 minutes";
            }
            p.WaitForExit();
            var seconds = clock.Elapsed.TotalSeconds;
            if (Environment.GetEnvironmentVariable("QBATT_CASE_TIMES") is { Length: > 0 } log)
                File.AppendAllText(log, $"{seconds:0.000}\t{c.Code}\t{c.Signal}\t{c.Arguments}\n");
            var (o, e) = (stdout.Result, stderr.Result);
            // a run ended by a signal may first have said how long it would take (one "estimated" line)
            var lines = e.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => c.Signal == "-" || !l.Contains(": estimated ", StringComparison.Ordinal) && !l.Contains("% done after", StringComparison.Ordinal)).ToArray();
            if (p.ExitCode != c.Code) return $"exit {p.ExitCode}, expected {c.Code}; stderr: {e.Trim()}";
            if (e.Contains("   at ", StringComparison.Ordinal) || e.Contains("internal error", StringComparison.Ordinal))
                return $"a stack trace or internal error on stderr: {e.Trim()}";
            if (c.Code == 0)
                return o.Contains("NaN", StringComparison.Ordinal) ? "NaN in the output of a successful run" : null;
            if (o.Length > 0) return $"stdout is not empty on failure: {o[..Math.Min(200, o.Length)]}";
            if (lines.Length != 1) return $"{lines.Length} stderr lines, expected exactly one: {string.Join(" | ", lines)}";
            if (!lines[0].Contains(c.Fragment, StringComparison.Ordinal)) return $"stderr '{lines[0]}' does not contain '{c.Fragment}'";
            if (c.Signal == "-" && seconds > limit) return $"refused after {seconds:0.0} s, more than {limit:0.0} s";
            var left = Directory.GetFileSystemEntries(output);
            if (left.Length > 0) return $"a failed run left {string.Join(", ", left.Select(Path.GetFileName))} in its output folder";
            return null;
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }
}
