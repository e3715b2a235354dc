using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Bench.Suites;

/// <summary>
/// BENCHMARKS.md W6, large sizes (QBatt alone): the W3 chain (B = 1, omega = 1, g = 0.1, alpha = -1, open, nearest
/// neighbour, all spins down, outputs on [0, 3]) as whole <c>qbatt chain --json</c> processes, one per size, so that
/// the peak resident memory (VmHWM) is the run's own; next to it the matrix-free kernels' throughput against the
/// copy bandwidth measured in the same run.
/// </summary>
internal static class W6Suite
{
    /// <summary>The kernel table: XxzMap.Apply and the fused Chebyshev recurrence at each size against the copy bandwidth.</summary>
    public static string Kernels(int[] sizes, int reps)
    {
        var (copy1, copyAll) = MatvecSuite.CopyBandwidth(reps);
        var threads = Environment.ProcessorCount;
        var sb = new StringBuilder();
        sb.AppendLine("## Matrix-free XXZ kernels against memory bandwidth (W6)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"The charging map H = Hg + omega sum sigma_x of the W3 chain (`XxzMap`, nothing stored but 2^13-entry tables). Best of {reps} after a warm-up, {threads} threads, against the best of {reps} copies of a 512 MiB array (bytes read + written), the same statistic, in the same run. Compulsory bytes: `Apply` reads x and writes y (32 B per amplitude); the fused recurrence step of the Chebyshev propagator (y = 2 H' x - y and one partial sum s += c y) reads x, reads and writes y and s (80 B per amplitude), and with the sixteen partial sums of a full output group 560 B. Flips on bits above the 2^13-amplitude block read x again from other blocks; that traffic is not counted. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| n | amplitudes | kernel | s | GB/s (compulsory bytes) | copy GB/s | kernel / copy |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var chain = new SpinChain(n);
            var h = chain.ChargingMap();
            IFusedHermitianMap fused = h;
            var d = 1 << n;
            var x = new Complex[d];
            var y = new Complex[d];
            Complex[][] acc = [new Complex[d]];
            var rng = new RandomMatrices(1);
            for (var i = 0; i < d; i += 97) x[i] = rng.ComplexNormal();
            var apply = Timing.Best(reps, () => h.Apply(x, y));
            var a = 1 / h.NormBound;
            var recur = Timing.Best(reps, () => fused.Recur(x, y, 2 * a, 0, -1, acc, [new Complex(0, 0.1)], [], false));
            // a step with the sixteen partial sums of a full output group (the chain's usual case up to n = 24)
            var sums = Enumerable.Range(0, 16).Select(_ => new Complex[d]).ToArray();
            var coefficients = Enumerable.Range(0, 16).Select(q => new Complex(0.01 * q, 0.1)).ToArray();
            var recur16 = Timing.Best(reps, () => fused.Recur(x, y, 2 * a, 0, -1, sums, coefficients, [], false));
            sums = [];
            foreach (var (name, seconds, bytes) in new[] { ("Apply", apply, 32.0 * d), ("Chebyshev step", recur, 80.0 * d), ("Chebyshev step, 16 sums", recur16, (48.0 + 32 * 16) * d) })
            {
                var gbs = bytes / seconds / 1e9;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {n} | {d} | {name} | {seconds:F4} | {gbs:F2} | {copyAll:F2} | {gbs / copyAll:P0} |");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"w6kernel n = {n} {name}: {seconds:F4} s, {gbs:F2} GB/s, copy {copyAll:F2} GB/s"));
            }
            x = y = [];
            acc = [];
            Timing.Settle();
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Copy bandwidth with 1 thread: {copy1:F2} GB/s.");
        return sb.ToString();
    }

    /// <summary>The scaling table: one <c>qbatt chain</c> process per size.</summary>
    public static string Chain(int[] sizes, int steps28)
    {
        var exe = W7Suite.CliExecutable();
        var sb = new StringBuilder();
        sb.AppendLine("## W6 spin chain at large n (QBatt alone)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"W3 parameters, nearest neighbour, open chain, all spins down, [0, 3]; `qbatt chain --cells n --steps S --json` as a whole process per size (the Release apphost), wall time of the process, the JSON's own figures (mat-vecs of the charging run and the refinement of the maximal power, the memory estimate printed before the run, the peak resident memory VmHWM of the process). Lower bound of the method: r T + outputs, with r the rigorous norm bound of H the Chebyshev series is built on (the Krylov route needs about the same number of mat-vecs). {Machine.Describe()}, {Machine.Today}; load average at the start of each run in the last column (the machine is shared).");
        sb.AppendLine();
        sb.AppendLine("| n | outputs | solver | process s | mat-vecs | lower bound r T + outputs | estimate GiB | peak GiB | estimate / peak | W(3) | max W/t at t | error estimate | load |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var steps = n >= 28 ? steps28 : 200;
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "-";
            var clock = Stopwatch.StartNew();
            var doc = RunJson(exe, ["chain", "--cells", n.ToString(CultureInfo.InvariantCulture), "--steps", steps.ToString(CultureInfo.InvariantCulture), "--json"]);
            var seconds = clock.Elapsed.TotalSeconds;
            var r = new SpinChain(n).ChargingMap().NormBound;
            var bound = r * 3 + steps + 1;
            var est = (double)doc["estimated_memory_bytes"]! / (1L << 30);
            var peak = (double)doc["peak_memory_bytes"]! / (1L << 30);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {steps + 1} | {(string?)doc["solver"]} | {seconds:F1} | {(long)doc["matvecs"]!} | {bound:F0} | {est:F2} | {peak:F2} | {est / peak:F2} | {(double)doc["work_end"]!:F6} | {(double)doc["max_power"]!:F6} at {(double)doc["charging_time"]!:F4} | {(double)doc["error_estimate"]!:E1} | {load} |");
            Console.Error.WriteLine($"w6chain {line}");
            sb.AppendLine(line);
        }
        return sb.ToString();
    }

    private static JsonObject RunJson(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"w6: qbatt {string.Join(' ', args)} exited with {p.ExitCode}: {err.Result}");
        return JsonNode.Parse(output)!.AsObject();
    }
}
