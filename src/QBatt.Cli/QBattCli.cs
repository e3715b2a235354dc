using System.CommandLine;
using QBatt.Cli.Commands;

namespace QBatt.Cli;

/// <summary>
/// Composes the <c>qbatt</c> command tree and runs it with QBatt's error policy: bad input gives
/// one line on stderr and exit code 2, a failure at run time exit code 1, never a stack trace
/// (set QBATT_DEBUG=1 to see one for an internal error).
/// </summary>
internal static class QBattCli
{
    public static RootCommand Build(CliContext ctx)
    {
        var root = new RootCommand("QBatt: quantum batteries toolkit. Ergotropy, passive states, charging power, speed limits and the collective quantum advantage.");
        root.Subcommands.Add(InfoCommand.Create(ctx));
        root.Subcommands.Add(ReproduceCommand.Create(ctx));
        root.Subcommands.Add(ErgotropyCommand.Create(ctx));
        root.Subcommands.Add(CopiesCommand.Create(ctx));
        root.Subcommands.Add(ExtractPlanCommand.Create(ctx));
        root.Subcommands.Add(EvolveCommand.Create(ctx));
        root.Subcommands.Add(DickeCommand.Create(ctx));
        root.Subcommands.Add(ChainCommand.Create(ctx));
        root.Subcommands.Add(SeparableBallCommand.Create(ctx));
        root.Subcommands.Add(AdvantageCommand.Create(ctx));
        root.Subcommands.Add(ConjectureCommand.Create(ctx));
        root.Subcommands.Add(CooperCommand.Create(ctx));
        root.Subcommands.Add(GaussianCommand.Create(ctx));
        root.Subcommands.Add(SweepCommand.Create(ctx));
        return root;
    }

    /// <summary>Runs the CLI in a real process (interactive when attached to a terminal).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, CliContext.ForProcess(output, error));

    /// <summary>Runs the CLI against the given context (tests use in-memory writers).</summary>
    public static int Run(string[] args, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var root = Build(ctx);
        if (Sweeps.ListSweep.TryRun(root, args, ctx) is { } swept) return swept;
        var parse = root.Parse(args);
        var command = CommandName(parse);
        if (parse.Errors.Count > 0)
        {
            ctx.Err.WriteLine($"qbatt{command}: {OneLine(parse.Errors[0].Message)}");
            if (parse.Errors.Count > 1)
                ctx.Err.WriteLine($"qbatt{command}: ({parse.Errors.Count - 1} more error(s); see 'qbatt{command} --help')");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = ctx.Out, Error = ctx.Err, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            ctx.Err.WriteLine($"qbatt{command}: {OneLine(e.Message)}");
            return 2;
        }
        catch (QBattException e)
        {
            ctx.Err.WriteLine($"qbatt{command}: {OneLine(e.Message)}");
            return e.IsInputError ? 2 : 1;
        }
        catch (OperationCanceledException)
        {
            ctx.Err.WriteLine($"qbatt{command}: cancelled");
            return 130;
        }
        catch (Exception e) when (e is OutOfMemoryException or InsufficientExecutionStackException)
        {
            ctx.Err.WriteLine($"qbatt{command}: out of memory ({OneLine(e.Message)})");
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("QBATT_DEBUG") != "1")
        {
            ctx.Err.WriteLine($"qbatt{command}: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return 1;
        }
    }

    private static string CommandName(ParseResult parse)
    {
        var name = parse.CommandResult.Command.Name;
        return parse.CommandResult.Command is RootCommand ? "" : " " + name;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
