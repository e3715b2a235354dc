using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using QBatt.Cli.Commands;

namespace QBatt.Cli;

/// <summary>
/// Composes the <c>qbatt</c> command tree and runs it with QBatt's error policy: bad input gives
/// one line on stderr and exit code 2, a failure at run time exit code 1, never a stack trace
/// (set QBATT_DEBUG=1 to see one for an internal error).
/// </summary>
/// <remarks>
/// Only the command named on the command line is constructed (a run of <c>qbatt dicke</c> builds
/// no other command's options, and <c>qbatt --version</c> builds none): the list below carries the
/// names and one-line summaries that the root help and the "did you mean" suggestions need.
/// </remarks>
internal static class QBattCli
{
    /// <summary>The name of the command-line tool, as users type it.</summary>
    public const string Name = "qbatt";

    private const string Description = "QBatt: quantum batteries toolkit. Ergotropy, passive states, charging power, speed limits and the collective quantum advantage. The labels R1, R2, ... in the help texts and outputs are the items of docs/PHYSICS.md (the physics reference, with citations; sources in docs/BIBLIOGRAPHY.md).";

    /// <summary>One entry per command: its name, the summary shown by <c>qbatt --help</c>, and its factory.</summary>
    internal sealed record Entry(string Name, string Summary, Func<CliContext, Command> Create, params string[] Aliases)
    {
        /// <summary>True when <paramref name="token"/> names this command or one of its aliases.</summary>
        public bool Matches(string token) => token == Name || Aliases.Contains(token);
    }

    internal static readonly Entry[] Commands =
    [
        new("info", "version, backend, OpenBLAS core and threads", InfoCommand.Create),
        new("reproduce", "recompute every quantitative claim of the two source texts", ReproduceCommand.Create),
        new("ergotropy", "ergotropy, passive state, entropy bound, incoherent/coherent parts of a state (R2, R3)", ErgotropyCommand.Create),
        new("daemonic", "daemonic ergotropy of a battery whose correlated ancilla is measured, and the gain (R18)", DaemonicCommand.Create),
        new("local-ergotropy", "local ergotropy of one subsystem of an interacting battery, with its upper bound (R18)", LocalErgotropyCommand.Create),
        new("copies", "work per copy from n copies, passivity of n copies, the n -> infinity limit (R4)", CopiesCommand.Create),
        new("extract-plan", "entanglement-free extraction from n copies: single-cell steps, PPT checks, direct route (R5)", ExtractPlanCommand.Create),
        new("charge", "charge a battery described by a YAML/JSON model file on the pipeline (closed or open dynamics; alias: evolve)", ChargeCommand.Create, "evolve"),
        new("discharge", "storage in an open environment: self-discharge, ergotropy half-lives, dark states, steady state (R16)", DischargeCommand.Create),
        new("dicke", "Dicke cavity battery: power, charging time, Gamma against Rabi cells (R12)", DickeCommand.Create),
        new("chain", "spin-chain battery: power, charging time, Gamma against independent spins (R13)", ChainCommand.Create),
        new("syk", "SYK battery: disorder-averaged power, charging time, Gamma with standard errors (R19)", SykCommand.Create),
        new("tavis-cummings", "Tavis-Cummings battery: power, charging time, Gamma against Jaynes-Cummings cells (R19)", TavisCummingsCommand.Create),
        new("two-photon-dicke", "Two-photon Dicke battery: power, charging time, Gamma against one-cell batteries (R19)", TwoPhotonDickeCommand.Create),
        new("separable-ball", "separable-ball radii around I/D and the largest certified eps (R10)", SeparableBallCommand.Create),
        new("advantage", "collective quantum advantage Gamma under the fair constraints C0, C1, C2 (R9-R11)", AdvantageCommand.Create),
        new("conjecture", "Conjecture 1 study: random k-local Hamiltonians under C0 against gamma k (R11)", ConjectureCommand.Create),
        new("cooper", "coupled Cooper-pair boxes: Gamma under C0, C1, C2, or a seeded search (R15)", CooperCommand.Create),
        new("gaussian", "harmonic-oscillator batteries under Gaussian charging: energy, spread, precision (R14)", GaussianCommand.Create),
        new("optimize", "optimal-control charging: GRAPE pulses under |u| <= u_max or the fair C0 budget, re-simulated on the pipeline (R17)", OptimizeCommand.Create),
        new("sweep", "parameter sweeps from a sweep file: resumable, sharded, on Slurm; status, merge, plot", SweepCommand.Create),
    ];

    /// <summary>The whole command tree (every command constructed).</summary>
    public static Command Build(CliContext ctx) => Build(ctx, Commands);

    private static Command Build(CliContext ctx, IEnumerable<Entry> entries)
    {
        var root = new Command(Name, Description);
        var help = new HelpOption();
        help.Action = new RootHelpAction((HelpAction)help.Action!);
        root.Options.Add(help);
        root.Options.Add(new VersionOption { Action = new VersionAction() });
        root.Options.Add(MaxMemory());
        foreach (var e in entries) root.Subcommands.Add(e.Create(ctx));
        return root;
    }

    /// <summary>Runs the CLI in a real process (progress on stderr when it is a terminal; SIGINT/SIGTERM reported).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var ctx = CliContext.ForProcess(output, error);
        using var interruption = Interruption.Register(ctx);
        return Run(args, ctx);
    }

    /// <summary>Runs the CLI against the given context (tests use in-memory writers).</summary>
    public static int Run(string[] args, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(ctx);
        var named = args.Length > 0 ? Array.Find(Commands, c => c.Matches(args[0])) : null;
        var root = Build(ctx, named is null ? [] : [named]);
        if (Sweeps.ListSweep.TryRun(root, args, ctx) is { } swept) return swept;
        var parse = root.Parse(args);
        var command = CommandName(parse);
        ctx.CommandName = Name + command;
        if (ParseFailure(parse) is { } failure)
        {
            ctx.Err.WriteLine($"{Name}{command}: {OneLine(failure)}");
            return 2;
        }
        var limit = parse.GetResult(MaxMemoryName) is { Tokens.Count: 1 } given ? given.Tokens[0].Value : null;
        var previousLimit = Environment.GetEnvironmentVariable(QBatt.Dynamics.MemoryEstimate.LimitVariable);
        if (limit is not null) Environment.SetEnvironmentVariable(QBatt.Dynamics.MemoryEstimate.LimitVariable, limit);
        else if (previousLimit is { Length: > 0 } && !QBatt.Dynamics.MemoryEstimate.TryParseBytes(previousLimit, out _))
        {
            ctx.Err.WriteLine($"{Name}{command}: {QBatt.Dynamics.MemoryEstimate.LimitVariable}: expected a memory size like 8G or 512M, got '{previousLimit}'");
            return 2;
        }
        // every file of the run (--out, --plot, reproduce --out DIR) is renamed into place only when the run completes;
        // a sweep keeps its resumable records as it goes
        using var outputs = command == " sweep" ? null : QBatt.IO.AtomicFile.BeginSet();
        try
        {
            var code = parse.Invoke(new InvocationConfiguration { Output = ctx.Out, Error = ctx.Err, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
            outputs?.Commit(); // a run that returns is complete (reproduce returns 1 when a claim disagrees, with its whole report)
            return code;
        }
        catch (UsageException e)
        {
            ctx.Err.WriteLine($"{Name}{command}: {OneLine(e.Message)}");
            return 2;
        }
        catch (QBattException e)
        {
            ctx.Err.WriteLine($"{Name}{command}: {OneLine(Describe(e, parse))}");
            return e.IsInputError ? 2 : 1;
        }
        catch (OperationCanceledException)
        {
            ctx.Err.WriteLine($"{Name}{command}: cancelled");
            return 130;
        }
        catch (Exception e) when (e is OutOfMemoryException or InsufficientExecutionStackException)
        {
            ctx.Err.WriteLine($"{Name}{command}: out of memory ({OneLine(e.Message)})");
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("QBATT_DEBUG") != "1")
        {
            ctx.Err.WriteLine($"{Name}{command}: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return 1;
        }
        finally
        {
            if (limit is not null) Environment.SetEnvironmentVariable(QBatt.Dynamics.MemoryEstimate.LimitVariable, previousLimit);
        }
    }

    private const string MaxMemoryName = "--max-memory";

    /// <summary>
    /// <c>--max-memory SIZE</c>, accepted by every command: the memory a run may use (default 90% of the available
    /// memory; also QBATT_MAX_MEMORY), checked against the estimate made before anything large is allocated.
    /// </summary>
    private static Option<string> MaxMemory()
    {
        var o = CliOptions.Custom(MaxMemoryName, "Memory a run may use, e.g. 8G or 512M (default: 90% of the available memory, or QBATT_MAX_MEMORY); larger runs are refused before they allocate.", false, text =>
            QBatt.Dynamics.MemoryEstimate.TryParseBytes(text, out _) ? text : throw new UsageException($"{MaxMemoryName}: expected a memory size like 8G, 512M or 1073741824, got '{text}'"));
        o.Recursive = true;
        return o;
    }

    /// <summary>
    /// The message of a library error; when its argument is an option of the command (the models name their parameters as the
    /// CLI does, and validate them once), it is reported as that option: "--coupling: expected ..., got ...".
    /// </summary>
    private static string Describe(QBattException e, ParseResult parse)
    {
        if (e.Argument is { Length: > 0 } a && e.Expected.Length > 0)
        {
            var name = "--" + a;
            if (parse.CommandResult.Command.Options.Any(o => o.Name == name || o.Aliases.Contains(name)))
                return $"{name}: expected {e.Expected}, got {e.Actual}";
        }
        return e.Message;
    }

    /// <summary>
    /// The one message of a failed parse, or null. A token nothing matched is always an error (also
    /// with <c>--help</c>, which would otherwise print the parent's help and exit 0), reported as an
    /// unknown command or option with the nearest known name; otherwise the first parse error.
    /// </summary>
    private static string? ParseFailure(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var isRoot = command.Parents.FirstOrDefault() is null;
        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                token = token.Split('=', ':')[0]; // --name=value and --name:value
                var known = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive || isRoot))
                    .Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(a => a.StartsWith("--", StringComparison.Ordinal)).Distinct();
                return Suggestions.Closest(token, known) is { } option
                    ? $"unknown option '{token}'; did you mean '{option}'?"
                    : $"unknown option '{token}'; see '{Name}{CommandName(parse)} --help'";
            }
            if (isRoot)
            {
                return Suggestions.Closest(token, Commands.Select(c => c.Name)) is { } name
                    ? $"unknown command '{token}'; did you mean '{name}'?"
                    : $"unknown command '{token}'; the commands are {string.Join(", ", Commands.Select(c => c.Name))}";
            }
            return $"unexpected argument '{token}' (options take the form --name value); see '{Name}{CommandName(parse)} --help'";
        }
        // the root has no action of its own: without --help or --version a command is required
        if (isRoot && parse.Action is null or ParseErrorAction)
            return $"expected a command: {string.Join(", ", Commands.Select(c => c.Name))}; see '{Name} --help'";
        return parse.Errors.Count == 0 ? null : parse.Errors[0].Message;
    }

    private static string CommandName(ParseResult parse)
    {
        // the name as typed, so an alias (evolve for charge) is reported as the user wrote it
        var c = parse.CommandResult.Command;
        return c.Parents.FirstOrDefault() is null ? "" : " " + (parse.CommandResult.IdentifierToken?.Value ?? c.Name);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// <c>qbatt --version</c>: the informational version of this assembly (System.CommandLine's own
    /// prints the entry assembly's, which is the test host's when tests run the CLI in-process).
    /// </summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(CliVersion.Text);
            return 0;
        }
    }

    /// <summary>
    /// <c>qbatt --help</c> from the command list (names and summaries, no command constructed);
    /// a command's own help is System.CommandLine's.
    /// </summary>
    private sealed class RootHelpAction(HelpAction commandHelp) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command.Parents.FirstOrDefault() is not null)
                return commandHelp.Invoke(parseResult);
            var o = parseResult.InvocationConfiguration.Output;
            var width = Commands.Max(c => c.Name.Length) + 2;
            o.WriteLine("Description:");
            o.WriteLine($"  {Description}");
            o.WriteLine();
            o.WriteLine("Usage:");
            o.WriteLine($"  {Name} <command> [options]");
            o.WriteLine();
            o.WriteLine("Commands:");
            foreach (var c in Commands) o.WriteLine($"  {c.Name.PadRight(width)}{c.Summary}");
            o.WriteLine();
            o.WriteLine("Options:");
            o.WriteLine("  -?, -h, --help  Show help and usage information");
            o.WriteLine("  --version       Show version information");
            o.WriteLine();
            o.WriteLine($"Run '{Name} <command> --help' for a command's options and examples.");
            return 0;
        }
    }
}
