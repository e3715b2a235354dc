using Spectre.Console;

namespace QBatt.Cli;

/// <summary>
/// Where a command writes: injectable writers so tests run commands in-process, and whether the
/// error stream is an interactive terminal (progress bars are shown only then).
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Err = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
            Console.Profile.Width = 160;
        ErrConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    /// <summary>Spectre console over <see cref="Err"/> for progress bars.</summary>
    public IAnsiConsole ErrConsole { get; }

    /// <summary>Standard output (results).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error (messages, progress).</summary>
    public TextWriter Err { get; }

    /// <summary>True when attached to a terminal.</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console over <see cref="Out"/> for tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>A context for the real process: interactive when stderr is a terminal.</summary>
    public static CliContext ForProcess(TextWriter output, TextWriter error) =>
        new(output, error, !System.Console.IsErrorRedirected && !System.Console.IsOutputRedirected);
}
