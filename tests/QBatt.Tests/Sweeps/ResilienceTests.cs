using System.Diagnostics;
using System.Text.Json.Nodes;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>
/// A real <c>qbatt sweep</c> process killed with SIGKILL at seeded random moments, resumed each
/// time: the final results equal an uninterrupted run, with no duplicate and no corrupt line.
/// </summary>
public class ResilienceTests
{
    private const string Sweep = """
        command: dicke
        parameters:
          cells: [2, 3]
          coupling: 0.2..0.5:16
          tmax: 1
        """;

    [Fact]
    public void Sigkill_at_random_moments_loses_no_completed_point_and_leaves_no_corrupt_line()
    {
        using var dir = new TempDir();
        var file = SweepFixtures.Write(dir.Root, "s.yaml", Sweep);
        var reference = dir.File("reference");
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", reference, "--jobs", "2").Code);
        var expected = SweepFixtures.Lines(Path.Combine(reference, "results.jsonl")).ToDictionary(l => (int)l["index"]!);
        Assert.Equal(32, expected.Count);

        var outDir = dir.File("killed");
        var results = Path.Combine(outDir, "results.jsonl");
        var random = new Random(20261202);
        var log = new List<string>();
        var interrupted = 0;
        for (var k = 0; k < 5; k++)
        {
            // Killed by progress, not by the clock: after 1-4 more completed points and a random
            // 0-30 ms more (so a kill can land mid-point or mid-write). A clock-based kill misses
            // on a fast machine, where the whole sweep ends before the first deadline.
            var before = NewlineCount(results);
            var more = 1 + random.Next(4);
            var jitter = TimeSpan.FromMilliseconds(30 * random.NextDouble());
            using var p = Start(file, outDir);
            var clock = Stopwatch.StartNew();
            while (!p.HasExited && NewlineCount(results) < before + more && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
            if (!p.WaitForExit(jitter))
            {
                p.Kill();
                p.WaitForExit();
                interrupted++;
            }
            var delay = clock.Elapsed;
            var lines = CompleteLines(results, out var torn);
            log.Add($"kill {k} after {delay.TotalSeconds:F2} s: {lines.Count} lines{(torn ? " + torn" : "")}, exit {p.ExitCode}");
            Assert.True(lines.Select(l => (int)l["index"]!).Distinct().Count() == lines.Count, "duplicate point: " + string.Join("; ", log));
            foreach (var l in lines) SweepFixtures.SamePoint(expected[(int)l["index"]!], l);
        }
        Assert.True(interrupted > 0, "no run was still going when killed: " + string.Join("; ", log));
        using (var last = Start(file, outDir))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromMinutes(3)), "the final resume did not finish");
            Assert.Equal(0, last.ExitCode);
        }
        var final = File.ReadAllText(results);
        Assert.EndsWith("\n", final, StringComparison.Ordinal);
        var all = SweepFixtures.Lines(results);
        Assert.Equal(32, all.Count);
        Assert.Equal(Enumerable.Range(0, 32), all.Select(l => (int)l["index"]!).Order());
        foreach (var l in all) SweepFixtures.SamePoint(expected[(int)l["index"]!], l);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "grids", "axis1_coupling.npy")), File.ReadAllBytes(Path.Combine(outDir, "grids", "axis1_coupling.npy")));
    }

    private static Process Start(string file, string outDir)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "QBatt.Cli.dll"), "sweep", file, "--out", outDir, "--jobs", "2" }) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static int NewlineCount(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path).Count(b => b == (byte)'\n') : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The complete lines (asserting each is a JSON object); a torn last line is allowed and reported.</summary>
    private static List<JsonObject> CompleteLines(string path, out bool torn)
    {
        torn = false;
        if (!File.Exists(path)) return [];
        var text = File.ReadAllText(path);
        var parts = text.Split('\n');
        torn = parts[^1].Length > 0;
        return [.. parts[..^1].Select(l => JsonNode.Parse(l)!.AsObject())];
    }
}
