using System.Diagnostics;
using System.Globalization;

namespace QBatt.Cli.Output;

/// <summary>
/// Time estimates of long runs on stderr (docs/RELIABILITY.md): announced before a run whose cost model predicts more
/// than a minute, or measured from the first part of a run that reports its progress (<see cref="ProgressReporter"/>),
/// once, when the rest is projected to take more than <see cref="AnnounceSeconds"/>.
/// </summary>
internal static class Estimate
{
    /// <summary>Remaining time above which a run says how long it will take.</summary>
    public const double AnnounceSeconds = 30;

    /// <summary>Seconds measured before a projection is trusted.</summary>
    public const double MeasureSeconds = 3;

    /// <summary>A duration as "45 s", "12 min" or "3.5 h".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0} days"),
    };

    /// <summary>Prints one line: what is about to run and its estimated time.</summary>
    public static void Announce(CliContext ctx, string what, double seconds)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.Err.WriteLine($"{ctx.CommandName}: {what}: estimated {Duration(seconds)} (an estimate from the size; interrupt with Ctrl-C)");
    }

    /// <summary>Projects the remaining time from the fraction done so far and prints it once when it is long.</summary>
    public sealed class Projection(CliContext ctx, string label)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _printed;

        /// <summary>Takes the fraction done in [0, 1].</summary>
        public void Report(double fraction)
        {
            if (_printed != 0 || !(fraction > 0) || fraction >= 1) return;
            var elapsed = _clock.Elapsed.TotalSeconds;
            if (elapsed < MeasureSeconds) return;
            var remaining = elapsed * (1 - fraction) / fraction;
            if (remaining < AnnounceSeconds || Interlocked.Exchange(ref _printed, 1) != 0) return;
            lock (ctx.Err)
            {
                ctx.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{ctx.CommandName}: {label}: {fraction:P0} done after {Duration(elapsed)}; estimated {Duration(remaining)} more (a progress bar shows when stderr is a terminal)"));
                ctx.Err.Flush();
            }
        }
    }
}
