using Spectre.Console;

namespace QBatt.Cli.Output;

/// <summary>
/// A progress bar on stderr whenever stderr is a terminal (also with stdout piped), nothing
/// otherwise (DESIGN.md, CLI conventions). Two shapes: a count of finished items (runs over a list
/// of sizes or samples), and a fraction in [0, 1] that the library reports from inside one long
/// computation through an <see cref="IProgress{T}"/> in its options record (e.g.
/// <c>ExtractionVerificationOptions.Progress</c>).
/// </summary>
internal static class ProgressReporter
{
    private const double FractionScale = 1000;

    /// <summary>Runs <paramref name="work"/>, which reports the number of finished items out of <paramref name="total"/>.</summary>
    public static T Run<T>(CliContext ctx, string label, long total, Func<Action<long>, T> work)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(work);
        if (total <= 1)
            return work(_ => { });
        if (!ctx.Interactive)
        {
            var projection = new Estimate.Projection(ctx, label);
            return work(done => projection.Report((double)done / total));
        }
        return Show(ctx, label, total, task => work(done => task.Value = Math.Min(done, total)));
    }

    /// <summary>
    /// Runs one long computation that reports the fraction done (to a bar on a terminal, otherwise only to the
    /// one-line time estimate of <see cref="Estimate.Projection"/>).
    /// </summary>
    public static T Run<T>(CliContext ctx, string label, Func<IProgress<double>?, T> work)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(work);
        if (!ctx.Interactive)
            return work(new ProjectionSink(new Estimate.Projection(ctx, label)));
        return Show(ctx, label, FractionScale, task => work(new Sink(task)));
    }

    private static T Show<T>(CliContext ctx, string label, double max, Func<ProgressTask, T> work)
    {
        T result = default!;
        ctx.ErrConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(p =>
            {
                var task = p.AddTask(Markup.Escape(label), maxValue: max);
                result = work(task);
                task.Value = max;
            });
        return result;
    }

    /// <summary>Without a terminal: only the one-line time estimate of a long run.</summary>
    private sealed class ProjectionSink(Estimate.Projection projection) : IProgress<double>
    {
        public void Report(double value) => projection.Report(value);
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool and lag behind).</summary>
    private sealed class Sink(ProgressTask task) : IProgress<double>
    {
        public void Report(double value)
        {
            if (double.IsFinite(value))
                task.Value = Math.Clamp(value, 0, 1) * FractionScale;
        }
    }
}
