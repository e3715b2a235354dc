using System.Diagnostics;
using System.Text.Json.Nodes;

namespace QBatt.Tests.Cli;

/// <summary>qbatt as a real process: progress on a terminal, SIGINT and SIGTERM.</summary>
public class ProcessTests
{
    [Fact]
    public async Task Progress_goes_to_stderr_when_it_is_a_terminal_even_with_stdout_in_a_file()
    {
        // script(1) gives the child a pseudo-terminal; stdout is redirected to a file inside it
        var dir = Directory.CreateTempSubdirectory("qbatt-progress").FullName;
        try
        {
            var json = Path.Combine(dir, "plan.json");
            var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-qefc", $"dotnet '{CliRunner.Dll}' extract-plan --energies 0,1 --populations 0.3,0.7 --cells 12 --json > '{json}'", "/dev/null" })
                psi.ArgumentList.Add(a);
            psi.Environment["TERM"] = "xterm-256color";
            using var p = Process.Start(psi)!;
            var terminal = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "qbatt extract-plan under script did not finish");
            var (screen, error) = (await terminal, await err);
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {error}");
            Assert.Contains("extract-plan: PPT checks (4096 states)", screen, StringComparison.Ordinal);
            Assert.Contains("%", screen, StringComparison.Ordinal);
            Assert.Equal("extract-plan", (string?)JsonNode.Parse(File.ReadAllText(json))!["command"]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void No_progress_when_stderr_is_not_a_terminal()
    {
        var r = CliRunner.RunProcess(new Dictionary<string, string?>(), "extract-plan", "--energies", "0,1", "--populations", "0.3,0.7", "--cells", "8", "--json");
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public async Task A_signal_prints_one_line_and_exits_128_plus_the_signal(string signal, int code, string name)
    {
        // env --default-signal: a child of a background shell job would otherwise inherit SIGINT ignored
        using var p = CliRunner.Start("env", "--default-signal=INT", "dotnet", CliRunner.Dll, "conjecture", "--cells", "6", "--k", "2", "--samples", "1000000", "--seed", "3");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            // interrupt the computation itself, not the start-up: wait until the process has used a second of CPU
            var clock = Stopwatch.StartNew();
            while (CliRunner.CpuSeconds(p.Id) < 1.0 && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(50);
            Assert.False(p.HasExited, "qbatt conjecture finished before the signal");
            using (var kill = Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "qbatt did not exit after the signal");
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
        Assert.Equal(code, p.ExitCode);
        Assert.Equal("", await stdout);
        // a run this long may first say how long it will take (one line, "estimated ..."), then the interruption
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"qbatt conjecture: interrupted ({name}); no output written", lines[^1]);
        Assert.All(lines[..^1], l => Assert.Contains("estimated", l, StringComparison.Ordinal));
        Assert.True(lines.Length <= 2, string.Join(" | ", lines));
    }

    [Fact]
    public async Task An_interrupted_reproduce_leaves_no_report_file()
    {
        // the report (index.html, report.md, report.json, figures/, data/) is one output set: put in place at the end or not at all
        var dir = Directory.CreateTempSubdirectory("qbatt-reproduce-int").FullName;
        var report = Path.Combine(dir, "report");
        try
        {
            using var p = CliRunner.Start("env", "--default-signal=INT", "dotnet", CliRunner.Dll, "reproduce", "--out", report);
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            try
            {
                // some rows computed, the report not yet written (a whole run takes minutes)
                var clock = Stopwatch.StartNew();
                while (CliRunner.CpuSeconds(p.Id) < 4.0 && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
                    Thread.Sleep(50);
                Assert.False(p.HasExited, "qbatt reproduce finished before the signal");
                using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    kill.WaitForExit();
                Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "qbatt reproduce did not exit after SIGINT");
            }
            finally
            {
                if (!p.HasExited) p.Kill();
            }
            await stdout;
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(130, p.ExitCode);
            Assert.StartsWith("qbatt reproduce: interrupted (SIGINT); no output written", lines[^1], StringComparison.Ordinal);
            var left = Directory.Exists(report) ? Directory.GetFiles(report, "*", SearchOption.AllDirectories) : [];
            Assert.True(left.Length == 0, "files left by the interrupted run: " + string.Join(", ", left.Select(Path.GetFileName)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_long_cooper_search_says_how_long_it_will_take()
    {
        // 100,000 random drives on 10 boxes: hours; after a few seconds of measuring, one line projects the rest (issue 11)
        using var p = CliRunner.Start("dotnet", CliRunner.Dll, "cooper", "--cells", "10", "--search", "100000", "--json");
        _ = p.StandardOutput.ReadToEndAsync();
        string? line = null;
        var clock = Stopwatch.StartNew();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                line = await p.StandardError.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                line = null;
            }
        }
        finally
        {
            p.Kill();
            p.WaitForExit();
        }
        Assert.NotNull(line);
        Assert.Matches(@"^qbatt cooper: cooper search: \d+ % done after \d+ s; estimated [0-9.]+ (min|h|days) more", line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the estimate came after {clock.Elapsed.TotalSeconds:0} s");
    }
}
