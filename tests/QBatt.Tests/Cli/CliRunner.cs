using System.Diagnostics;
using System.Text.Json.Nodes;
using QBatt.Cli;

namespace QBatt.Tests.Cli;

/// <summary>Runs qbatt in-process (writers captured) or as a real process (dotnet QBatt.Cli.dll).</summary>
public static class CliRunner
{
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = QBattCli.Run(args, new CliContext(o, e, interactive: false));
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// Runs the space-separated command line in-process and requires a refusal: exit code 2, nothing on stdout, exactly one stderr
    /// line, and that line containing <paramref name="fragment"/> (the option or field it must name).
    /// </summary>
    public static void AssertRefused(string line, string fragment)
    {
        var r = Run(line.Split(' '));
        Assert.True(r.Code == 2, $"'{line}': exit {r.Code}: {r.Err}");
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
    }

    public static Result RunProcess(IDictionary<string, string?> env, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "QBatt.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The path of the built CLI assembly (run it with <c>dotnet</c>).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "QBatt.Cli.dll");

    /// <summary>Starts <paramref name="program"/> with the arguments, stdout and stderr redirected (read them asynchronously).</summary>
    public static Process Start(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>CPU seconds (user + system) a running process has used, from /proc (Linux); -1 once it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields after the command: state is field 3 of stat(5), utime 14 and stime 15 (clock ticks of 1/100 s)
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>The JSON document of a successful run (asserts exit code 0).</summary>
    public static JsonObject Json(Result r)
    {
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        return JsonNode.Parse(r.Out)!.AsObject();
    }

    /// <summary>The bad-input policy: the exit code (2 unless given), nothing on stdout, one line on stderr containing the fragment, no stack trace.</summary>
    public static void AssertBadInput(Result r, string fragment, int code = 2)
    {
        Assert.Equal(code, r.Code);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }
}
