using System.Diagnostics;
using System.Globalization;
using System.Text;
using QBatt.Cli;

namespace QBatt.Bench.Suites;

/// <summary>
/// BENCHMARKS.md W7: <c>qbatt</c> as a whole process (the Release build's apphost, ReadyToRun) against
/// the same command run in-process and warm (<see cref="QBattCli.Run(string[], CliContext)"/>: the
/// library work plus argument parsing and formatting). The difference is what every call of a
/// script or sweep pays for starting a process: runtime start-up, assembly loading and the JIT.
/// </summary>
internal static class W7Suite
{
    private static readonly string[][] Commands =
    [
        ["--version"],
        ["info"],
        ["dicke", "--cells", "40", "--coupling", "0.5"],
    ];

    public static string Run(int reps)
    {
        var exe = CliExecutable();
        var sb = new StringBuilder();
        sb.AppendLine("## W7: whole processes");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"`qbatt` as a whole process: `src/QBatt.Cli/bin/Release/net10.0/QBatt.Cli` (the apphost of the Release build, which is what `dotnet run -c Release` and the installed tool run; assemblies compiled ReadyToRun), stdout and stderr read through pipes, one warm-up then the median of {reps} runs. In-process: the same arguments through `QBattCli.Run` with in-memory writers after a warm-up, median of {reps}: the library work plus parsing and formatting, with the runtime started and the code compiled. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| command | whole process s | in-process s | start-up s (difference) | work share of the process |");
        sb.AppendLine("|---|---|---|---|---|");
        var spawn = File.Exists("/bin/true") ? Timing.Median(reps, () => RunProcess("/bin/true", [])) : double.NaN;
        foreach (var args in Commands)
        {
            var whole = Timing.Median(reps, () => RunProcess(exe, args));
            var inProcess = Timing.Median(reps, () => RunInProcess(args));
            var line = string.Create(CultureInfo.InvariantCulture, $"| `qbatt {string.Join(' ', args)}` | {whole:F3} | {inProcess:F4} | {whole - inProcess:F3} | {100 * inProcess / whole:F0} % |");
            Console.Error.WriteLine($"w7 {string.Join(' ', args)}: process {whole:F3} s, in-process {inProcess:F4} s");
            sb.AppendLine(line);
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Starting and reaping a process from the benchmark costs {spawn:F3} s by itself (`/bin/true`, same statistic), included in the whole-process figures. Target (issue 13): `qbatt --version` at most 0.08 s as a whole process on a quiet machine. The machine's load at the time of the run is part of the whole-process figures (these 2-core machines are shared), so compare rows of one run.");
        return sb.ToString();
    }

    internal static string CliExecutable()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Results.DefaultPath()))!;
        var exe = Path.Combine(root, "src", "QBatt.Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "QBatt.Cli.exe" : "QBatt.Cli");
        if (!File.Exists(exe))
            throw new FileNotFoundException($"w7: build the CLI first (dotnet build src/QBatt.Cli -c Release): {exe} not found");
        return exe;
    }

    private static void RunProcess(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"w7: qbatt {string.Join(' ', args)} exited with {p.ExitCode}: {err.Result}");
    }

    private static void RunInProcess(string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = args is ["--version"] ? VersionOnly(o) : QBattCli.Run(args, new CliContext(o, e, interactive: false));
        if (code != 0)
            throw new InvalidOperationException($"w7: qbatt {string.Join(' ', args)} in-process exited with {code}: {e}");
    }

    private static int VersionOnly(TextWriter o)
    {
        o.WriteLine(CliVersion.Text);
        return 0;
    }
}
