using System.Diagnostics;

namespace QBatt.Bench;

/// <summary>Whole-workload timing: one warm-up run, then the median of the timed runs.</summary>
internal static class Timing
{
    public static double Median(int reps, Action work, bool warmup = true)
    {
        if (warmup) work();
        var t = new double[reps];
        for (var i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            work();
            t[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(t);
        return reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
    }

    public static double Best(int reps, Action work)
    {
        work();
        var best = double.PositiveInfinity;
        for (var i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }
}
