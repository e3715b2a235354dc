using System.Globalization;
using System.Text;
using QBatt.Thermodynamics;

namespace QBatt.Bench.Suites;

/// <summary>
/// BENCHMARKS.md W5 (R4): extra work per copy Delta w(n) of Rev Fig. 3's cell (levels
/// {0, 0.579, 1}, populations {0.538, 0.237, 0.224} normalised) through type classes
/// (<see cref="ManyCopies"/>, library API) at n = 10 and 13 against numpy enumeration of the 3^n
/// product states, then n = 1000 and 10000 for QBatt alone (target: n = 10000 in under 10 s).
/// </summary>
internal static class W5Suite
{
    private static readonly double[] Levels = [0, 0.579, 1];
    private static readonly double[] Raw = [0.538, 0.237, 0.224];

    public static string Run(int reps)
    {
        var sum = Raw.Sum();
        var p = Raw.Select(x => x / sum).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("## W5: many copies (R4)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Rev Fig. 3 cell: levels {{0, 0.579, 1}}, populations {{0.538, 0.237, 0.224}} divided by their sum 0.999. QBatt: `ManyCopies.FromDiagonal(p, e).ExtraWorkPerCopy(n)` (library API; type classes, the probability stream on a second thread; `threads: 1` is the single-threaded figure), median of {reps} runs after a warm-up (one run at n = 10000 single-threaded). numpy peer (`bench/peers/w5_copies_numpy.py`): outer products of all 3^n product states, two sorts and a dot product. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| n | classes | QBatt s | QBatt 1 thread s | numpy s | numpy / QBatt | Delta w(n) QBatt | abs diff vs numpy |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        var peerNs = new[] { 10, 13 };
        var peer = Peer.Run("w5_copies_numpy.py", [reps.ToString(CultureInfo.InvariantCulture), .. peerNs.Select(n => n.ToString(CultureInfo.InvariantCulture))]);
        var peerSeconds = peer["seconds"]!.AsArray().Select(a => Median(a!.AsArray().Select(x => x!.GetValue<double>()).ToArray())).ToArray();
        var peerValues = peer["delta_w"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        foreach (var n in new[] { 10, 13, 1000, 10000 })
        {
            double value = 0, single = 0;
            var t = Timing.Median(reps, () => value = ManyCopies.FromDiagonal(p, Levels).ExtraWorkPerCopy(n));
            var t1 = n >= 10000
                ? Timing.Median(1, () => single = ManyCopies.FromDiagonal(p, Levels).ExtraWorkPerCopy(n, threads: 1), warmup: false)
                : Timing.Median(reps, () => single = ManyCopies.FromDiagonal(p, Levels).ExtraWorkPerCopy(n, threads: 1));
            if (single != value)
                Console.Error.WriteLine($"w5 n={n}: one thread {single:R} vs two {value:R}");
            var classes = ManyCopies.FromDiagonal(p, Levels).ClassCount(n);
            var k = Array.IndexOf(peerNs, n);
            var peerCells = k >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"{peerSeconds[k]:F4} | {peerSeconds[k] / t:F1} | {value:R} | {Math.Abs(value - peerValues[k]):E1}")
                : string.Create(CultureInfo.InvariantCulture, $"- | - | {value:R} | -");
            Console.Error.WriteLine($"w5 n={n}: {t:F3} s (1 thread {t1:F3} s)");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {n} | {classes:G4} | {t:F4} | {t1:F4} | {peerCells} |");
        }
        var limit = ManyCopies.FromDiagonal(p, Levels).ExtraLimit;
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Limit n -> infinity (entropy bound, R3): Delta w = {limit:R}. Target: n = 10000 in under 10 s.");
        return sb.ToString();
    }

    private static double Median(double[] t)
    {
        Array.Sort(t);
        return t.Length % 2 == 1 ? t[t.Length / 2] : 0.5 * (t[t.Length / 2 - 1] + t[t.Length / 2]);
    }
}
