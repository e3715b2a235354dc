using System.Diagnostics;

namespace QBatt.Bench;

/// <summary>
/// Whole-workload timing: one warm-up run, then the median (or best) of the timed runs. Garbage
/// left by the set-up is collected first, so a background collection does not run in the timed region.
/// </summary>
internal static class Timing
{
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(int reps, Action work, bool warmup = true)
    {
        Settle();
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
        Settle();
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
