using System.CommandLine;

namespace QBatt.Cli.Sweeps;

/// <summary>How a sweep passes a value to an option.</summary>
internal enum ParameterKind
{
    /// <summary>A switch: true adds <c>--name</c>, false leaves it out.</summary>
    Flag,

    /// <summary>One integer (lists and ranges expand into sweep points).</summary>
    Integer,

    /// <summary>One real number (lists and ranges expand into sweep points).</summary>
    Real,

    /// <summary>An option that takes a list itself (e.g. dicke's <c>--cells 1..40</c>): the text is passed whole.</summary>
    List,

    /// <summary>Any other value (choices, files, complex numbers), passed as written.</summary>
    Text,
}

/// <summary>One option of a command as a sweep parameter: its long name without dashes and its kind.</summary>
internal sealed record CommandParameter(string Name, Option Option, ParameterKind Kind)
{
    /// <summary>The option as written on the command line.</summary>
    public string Flag => "--" + Name;

    /// <summary>True for options that take a single number: these accept lists and ranges on the command line.</summary>
    public bool IsScalarNumber => Kind is ParameterKind.Integer or ParameterKind.Real;
}

/// <summary>
/// The sweepable options of a command, read from the command tree itself (no per-command table):
/// every option but the output options <c>--json</c>, <c>--out</c> and <c>--plot</c>, which the sweep
/// owns. A command is sweepable when it prints a <c>--json</c> document.
/// </summary>
internal sealed class CommandParameters
{
    private static readonly string[] OutputOptions = ["json", "out", "plot"];

    private CommandParameters(string command, IReadOnlyList<CommandParameter> all)
    {
        Command = command;
        All = all;
    }

    public string Command { get; }

    public IReadOnlyList<CommandParameter> All { get; }

    public CommandParameter? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The commands a sweep can run, sorted.</summary>
    public static IReadOnlyList<string> Commands(Command root) =>
        [.. root.Subcommands.Where(IsSweepable).Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>The parameters of <paramref name="command"/>, or null when it is not a sweepable command.</summary>
    public static CommandParameters? For(Command root, string command)
    {
        var cmd = root.Subcommands.FirstOrDefault(c => c.Name == command || c.Aliases.Contains(command));
        return cmd is null || !IsSweepable(cmd) ? null : Of(cmd);
    }

    public static CommandParameters Of(Command cmd) =>
        new(cmd.Name, [.. cmd.Options
            .Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && !OutputOptions.Contains(o.Name[2..]))
            .Select(o => new CommandParameter(o.Name[2..], o, KindOf(o.ValueType)))]);

    private static bool IsSweepable(Command c) =>
        c.Name != SweepCommandName && c.Options.Any(o => o.Name == "--json");

    /// <summary>The sweep command itself is never a sweep point.</summary>
    public const string SweepCommandName = "sweep";

    private static ParameterKind KindOf(Type t) =>
        t == typeof(bool) ? ParameterKind.Flag
        : t == typeof(int) || t == typeof(long) ? ParameterKind.Integer
        : t == typeof(double) ? ParameterKind.Real
        : t.IsArray ? ParameterKind.List
        : ParameterKind.Text;
}
