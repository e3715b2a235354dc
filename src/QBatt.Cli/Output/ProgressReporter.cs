using Spectre.Console;

namespace QBatt.Cli.Output;

/// <summary>
/// A progress bar on stderr when attached to a terminal, nothing when piped (DESIGN.md, CLI
/// conventions). The work receives a callback that reports the number of finished items.
/// </summary>
internal static class ProgressReporter
{
    public static T Run<T>(CliContext ctx, string label, long total, Func<Action<long>, T> work)
    {
        if (!ctx.Interactive || total <= 1)
            return work(_ => { });
        T result = default!;
        ctx.ErrConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(p =>
            {
                var task = p.AddTask(Markup.Escape(label), maxValue: total);
                result = work(done => task.Value = Math.Min(done, total));
                task.Value = total;
            });
        return result;
    }
}
