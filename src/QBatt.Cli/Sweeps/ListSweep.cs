using System.CommandLine;
using QBatt.Cli.Output;
using QBatt.IO;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// Lists and ranges on the command line of any command (docs/cli.md): an option that takes one
/// number and is given <c>0.1,0.5</c>, <c>0.05..0.5:10</c> or (integers) <c>2..6</c> makes the command
/// run once per value, in this process, and the product over several such options is the sweep.
/// The points' JSON documents become one tidy table (see <see cref="TidyReport"/>). Options that take
/// lists themselves (dicke's and chain's <c>--cells</c>) are left to the command, so their own scans
/// keep working as before. The points run in order; the first that fails stops the sweep with its
/// message, and nothing is printed on stdout.
/// </summary>
internal static class ListSweep
{
    /// <summary>The exit code when <paramref name="args"/> is a command with lists, else null (the command runs as usual).</summary>
    public static int? TryRun(Command root, string[] args, CliContext ctx)
    {
        if (args.Length < 2) return null;
        var cmd = root.Subcommands.FirstOrDefault(c => c.Name == args[0]);
        if (cmd is null || cmd.Name == CommandParameters.SweepCommandName) return null;
        var parameters = CommandParameters.Of(cmd);
        if (!parameters.All.Any(p => p.IsScalarNumber) || cmd.Options.All(o => o.Name != "--json")) return null;
        var swept = new List<(CommandParameter P, string Text)>();
        var rest = new List<string>();
        var json = false;
        string? outPath = null, plot = null;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                rest.AddRange(args[i..]);
                break;
            }
            var eq = a.StartsWith("--", StringComparison.Ordinal) ? a.IndexOf('=', StringComparison.Ordinal) : -1;
            var flag = eq > 0 ? a[..eq] : a;
            var p = parameters.All.FirstOrDefault(x => x.Option.Name == flag || x.Option.Aliases.Contains(flag));
            string? Value() => eq > 0 ? a[(eq + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (p is { IsScalarNumber: true })
            {
                var at = i;
                var v = Value();
                if (v is not null && ValueList.IsList(v))
                {
                    swept.Add((p, v));
                    continue;
                }
                i = at;
            }
            else if (flag == "--json" && eq < 0)
            {
                json = true;
                continue;
            }
            else if (flag is "--out" or "--plot")
            {
                var v = Value();
                if (flag == "--out") outPath = v;
                else plot = v;
                if (v is null) rest.Add(a);
                continue;
            }
            rest.Add(a);
        }
        if (swept.Count == 0) return null;
        try
        {
            return Run(root, parameters, swept, rest, json, outPath, plot, ctx);
        }
        catch (Exception e) when (e is UsageException or QBattException)
        {
            ctx.Err.WriteLine($"qbatt {cmd.Name}: {OneLine(e.Message)}");
            return e is QBattException { IsInputError: false } ? 1 : 2;
        }
    }

    private static int Run(Command root, CommandParameters parameters, List<(CommandParameter P, string Text)> swept, List<string> rest, bool json, string? outPath, string? plot, CliContext ctx)
    {
        if (plot is not null)
            throw new UsageException($"--plot: not with lists of values ({swept[0].P.Flag} {swept[0].Text}); write the sweep with --out FILE.json or run it with qbatt sweep and draw it with qbatt sweep plot");
        if (outPath is not null && Path.GetExtension(outPath).ToLowerInvariant() is not (".json" or ".csv" or ".h5"))
            throw new UsageException($"--out: expected a file ending in .json, .csv or .h5 for a sweep of lists, got '{outPath}'");
        var checker = new ValueChecker(root, parameters);
        var axes = new List<SweepAxis>();
        var order = new List<(CommandParameter, int, int, string?)>();
        foreach (var (p, text) in swept)
        {
            if (order.Any(o => o.Item1 == p))
                throw new UsageException($"{p.Flag}: given twice with lists");
            var values = ValueList.Expand(text, p.Flag, p.Kind == ParameterKind.Integer);
            foreach (var v in values) checker.CheckValue(p, v, m => new UsageException(m));
            order.Add((p, axes.Count, 0, null));
            axes.Add(new SweepAxis("grid", [p], [.. values.Select(v => new[] { v })]));
        }
        var plan = new SweepPlan(parameters.Command, order, axes, "the command line", rest);
        checker.CheckPoint(plan.Point(0), m => new UsageException(m));
        var outcomes = ProgressReporter.Run(ctx, parameters.Command, plan.Count, done =>
        {
            var list = new List<PointOutcome>();
            for (long i = 0; i < plan.Count; i++)
            {
                var o = PointRunner.Run(plan.Point(i));
                if (!o.Succeeded) return new List<PointOutcome> { o };
                list.Add(o);
                done(i + 1);
            }
            return list;
        });
        if (outcomes!.Count == 1 && !outcomes[0].Succeeded)
        {
            var f = outcomes[0];
            var prefix = $"qbatt {parameters.Command}: ";
            var message = f.Message!.StartsWith(prefix, StringComparison.Ordinal) ? f.Message[prefix.Length..] : f.Message;
            ctx.Err.WriteLine($"{prefix}point {f.Point.Index} ({string.Join(", ", f.Point.Parameters.Select(kv => $"{kv.Key} = {kv.Value?.ToJsonString()}"))}): {message}");
            return f.ExitCode;
        }
        var report = TidyReport.Build(plan, outcomes);
        if (outPath is not null && Path.GetExtension(outPath).Equals(".h5", StringComparison.OrdinalIgnoreCase))
        {
            Emit(ctx, report, json, null, 1 + plan.Varying.Count);
            string[] arguments = [parameters.Command, .. swept.SelectMany(s => new[] { s.P.Flag, s.Text }), .. rest];
            SweepOutputs.WriteHdf5(outPath, plan, SweepTable.From(plan, outcomes.Select(o => o.ToLine())), arguments);
            if (!json) ctx.Err.WriteLine($"qbatt: wrote {outPath}");
            return 0;
        }
        Emit(ctx, report, json, outPath, 1 + plan.Varying.Count);
        return 0;
    }

    /// <summary>
    /// Prints the report (table, or JSON with --json) and writes --out FILE.json/.csv. With
    /// <paramref name="keyColumns"/> the first table is a sweep table shown by <see cref="WideTable"/>.
    /// </summary>
    public static void Emit(CliContext ctx, Report report, bool json, string? outPath, int keyColumns = 0)
    {
        if (json) ctx.Out.WriteLine(ReportWriter.ToJsonText(report));
        else if (keyColumns > 0)
        {
            WideTable.Write(ctx, report.Tables[0], keyColumns);
            foreach (var n in report.Notes) ctx.Out.WriteLine($"note: {n}");
        }
        else ReportWriter.WriteHuman(ctx, report);
        if (outPath is null) return;
        AtomicFile.WriteAllText(outPath, Path.GetExtension(outPath).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ReportWriter.ToCsv(report) : ReportWriter.ToJsonText(report) + "\n");
        if (!json) ctx.Err.WriteLine($"qbatt: wrote {outPath}");
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
