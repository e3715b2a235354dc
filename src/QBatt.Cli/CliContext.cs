using Spectre.Console;

namespace QBatt.Cli;

/// <summary>
/// Where a command writes: injectable writers so tests run commands in-process, and which of the
/// two streams is a terminal. Progress bars go to stderr whenever stderr is a terminal (also when
/// stdout is piped into a file); tables use colours only when stdout is a terminal.
/// </summary>
internal sealed class CliContext
{
    private readonly bool _outputIsTerminal;
    private IAnsiConsole? _console;
    private IAnsiConsole? _errConsole;

    /// <summary>A context whose two streams are both terminals (<paramref name="interactive"/>) or both not.</summary>
    public CliContext(TextWriter output, TextWriter error, bool interactive)
        : this(output, error, interactive, interactive)
    {
    }

    /// <summary>A context with each stream's terminal status given separately.</summary>
    public CliContext(TextWriter output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal)
    {
        Out = output;
        Err = error;
        _outputIsTerminal = outputIsTerminal;
        Interactive = errorIsTerminal;
    }

    /// <summary>Spectre console over <see cref="Err"/> for progress bars (built on first use, like <see cref="Console"/>).</summary>
    public IAnsiConsole ErrConsole => _errConsole ??= Create(Err, Interactive);

    /// <summary>Standard output (results).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error (messages, progress).</summary>
    public TextWriter Err { get; }

    /// <summary>True when standard error is a terminal: long runs show a progress bar there.</summary>
    public bool Interactive { get; }

    /// <summary>The command being run, e.g. <c>qbatt dicke</c> (set once the command line is parsed); messages start with it.</summary>
    public string CommandName { get; set; } = QBattCli.Name;

    /// <summary>
    /// Spectre console over <see cref="Out"/> for tables, built on first use: <c>qbatt --version</c>
    /// and parse errors do not even load Spectre.Console.
    /// </summary>
    public IAnsiConsole Console => _console ??= CreateOutput();

    /// <summary>A context for the real process: progress when stderr is a terminal, colours when stdout is.</summary>
    public static CliContext ForProcess(TextWriter output, TextWriter error) =>
        new(output, error, !System.Console.IsOutputRedirected, !System.Console.IsErrorRedirected);

    private IAnsiConsole CreateOutput()
    {
        var c = Create(Out, _outputIsTerminal);
        if (!_outputIsTerminal) c.Profile.Width = 160;
        return c;
    }

    private static IAnsiConsole Create(TextWriter writer, bool terminal) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
}
