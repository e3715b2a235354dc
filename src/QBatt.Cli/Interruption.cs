using System.Runtime.InteropServices;
using QBatt.IO;

namespace QBatt.Cli;

/// <summary>
/// SIGINT and SIGTERM in a real process: the temporary files of writes in progress are removed
/// (<see cref="AtomicFile.AbandonPending"/>), one line on stderr says what was interrupted and which
/// complete files were kept, and the process exits with 130 (SIGINT) or 143 (SIGTERM).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private const int Listed = 5;
    private readonly CliContext _ctx;
    private readonly List<string> _written = [];
    private readonly PosixSignalRegistration[] _registrations;
    private int _fired;

    private Interruption(CliContext ctx)
    {
        _ctx = ctx;
        AtomicFile.Completed += OnCompleted;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static Interruption Register(CliContext ctx) => new(ctx);

    /// <summary>The one line printed on an interruption.</summary>
    internal static string Message(string command, string signal, IReadOnlyList<string> kept, int removedTemporary)
    {
        var text = $"{command}: interrupted ({signal}); ";
        if (kept.Count == 0)
        {
            text += "no output written";
        }
        else
        {
            var shown = string.Join(", ", kept.Take(Listed).Select(Display));
            text += $"kept {kept.Count} complete file{(kept.Count == 1 ? "" : "s")}: {shown}{(kept.Count > Listed ? $" and {kept.Count - Listed} more" : "")}";
        }
        if (removedTemporary > 0)
            text += $"; removed {removedTemporary} unfinished temporary file{(removedTemporary == 1 ? "" : "s")}";
        return text;
    }

    public void Dispose()
    {
        AtomicFile.Completed -= OnCompleted;
        foreach (var r in _registrations) r.Dispose();
    }

    private void OnCompleted(string path)
    {
        lock (_written) _written.Add(path);
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref _fired, 1) == 1) return;
        var removed = AtomicFile.AbandonPending();
        var signal = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        if (_ctx.Interactive)
            _ctx.Err.Write("\u001b[?25h\n"); // a progress bar may have hidden the cursor
        string[] kept;
        lock (_written) kept = [.. _written.Distinct()];
        _ctx.Err.WriteLine(Message(_ctx.CommandName, signal, kept, removed));
        _ctx.Err.Flush();
        Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }

    /// <summary>
    /// Ends the process at once. Environment.Exit would run the exit handlers of native libraries while the computation
    /// is still inside them on other threads: OpenBLAS's shutdown then waits for worker threads that never finish (a hang
    /// seen in CI) or frees buffers in use (a segmentation fault). Everything that must be kept is written and flushed.
    /// </summary>
    private static void Exit(int code)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Console.Out.Flush();
            ImmediateExit(code);
        }
        Environment.Exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ImmediateExit(int code);

    private static string Display(string full)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}
