using System.Diagnostics;
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

    /// <summary>The JSON document of a successful run (asserts exit code 0).</summary>
    public static System.Text.Json.Nodes.JsonObject Json(Result r)
    {
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        return System.Text.Json.Nodes.JsonNode.Parse(r.Out)!.AsObject();
    }

    /// <summary>Asserts QBatt's bad-input policy: exit 2, nothing on stdout, one line on stderr containing the fragment, no stack trace.</summary>
    public static void AssertBadInput(Result r, string fragment)
    {
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
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
}
