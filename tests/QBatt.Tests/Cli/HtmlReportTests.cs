using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QBatt.Tests.Docs;
using Xunit.Abstractions;

namespace QBatt.Tests.Cli;

/// <summary>
/// The reproduce report's index.html: self-contained (no script, no external style or image, figures
/// inline), rendered with headless Chromium (Debian's chromium, installed by .ci/run) to a PNG and to its
/// DOM: the page loads with no console message, every figure written to figures/ is in the page as an
/// inline SVG, every row of report.json is a table row, and no internal link of index.html or report.md
/// is broken. Skipped, with the reason printed, only when chromium is not installed.
/// </summary>
public sealed partial class HtmlReportTests(ITestOutputHelper output)
{
    private static readonly string[] Reproductions = ["rev-fig3", "prl-c0-bounds", "rev-eq8-bound"];

    [Fact]
    public async Task Index_html_renders_in_headless_chromium_with_every_figure_and_no_broken_link()
    {
        using var dir = new QBatt.Tests.IO.TempDir();
        var report = Path.Combine(dir.Root, "report");
        var run = CliRunner.RunProcess(new Dictionary<string, string?>(), "reproduce", "--only", string.Join(",", Reproductions), "--out", report);
        Assert.True(run.Code == 0, run.Err);
        var index = Path.Combine(report, "index.html");
        var html = File.ReadAllText(index);

        // self-contained: no script, no external resource (only citation links leave the page)
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var id in Reproductions) Assert.Contains($"<code>qbatt reproduce --only {id}</code>", html, StringComparison.Ordinal);
        Assert.Contains("https://doi.org/", html, StringComparison.Ordinal);

        // internal links: every relative href names a file of the report, every #anchor an id of the page
        var ids = IdRegex().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(IdRegex().Matches(html).Count, ids.Count); // ids are unique, also across inlined figures
        var broken = new List<string>();
        foreach (Match m in HrefRegex().Matches(html))
        {
            var target = System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
            if (target.StartsWith("https://", StringComparison.Ordinal)) continue;
            if (target.StartsWith('#'))
            {
                if (!ids.Contains(target[1..])) broken.Add(target);
            }
            else if (!File.Exists(Path.Combine(report, target)))
            {
                broken.Add(target);
            }
        }
        Assert.True(broken.Count == 0, "broken links in index.html: " + string.Join(", ", broken));
        var mdProblems = MarkdownLinks.Check(report, [Path.Combine(report, "report.md")]);
        Assert.True(mdProblems.Count == 0, "broken links in report.md:\n" + string.Join("\n", mdProblems));

        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            output.WriteLine("SKIPPED the Chromium rendering: chromium is not installed (apt-get install chromium; .ci/run installs it)");
            return;
        }
        var png = Path.Combine(dir.Root, "index.png");
        var uri = new Uri(index).AbsoluteUri;
        var shot = Task.Run(() => Chromium(chromium, dir.Root, $"--screenshot={png}", "--window-size=1280,2400", uri));
        var dom = Task.Run(() => Chromium(chromium, dir.Root, "--dump-dom", uri));
        var (shotOut, shotErr) = await shot;
        var (domOut, domErr) = await dom;

        // loaded without errors: Chromium logs every console message (errors included) as CONSOLE lines
        foreach (var err in new[] { shotErr, domErr })
        {
            var console = err.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            Assert.True(console.Count == 0, "console messages:\n" + string.Join("\n", console));
        }
        Assert.True(File.Exists(png), $"no screenshot: {shotOut} {shotErr}");
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(2400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 50_000, $"screenshot of {bytes.Length} bytes: nearly blank");

        // every figure is in the rendered page, inline, with its caption; every row is a table row
        var figures = Directory.GetFiles(Path.Combine(report, "figures"), "*.svg").Select(Path.GetFileName).Order().ToArray();
        Assert.NotEmpty(figures);
        var rendered = FigureRegex().Matches(domOut).Select(m => Path.GetFileName(m.Groups[1].Value)).Order().ToArray();
        Assert.Equal(figures, rendered);
        Assert.Equal(figures.Length, Regex.Matches(domOut, "<figure[^>]*>\\s*<svg", RegexOptions.None, TimeSpan.FromSeconds(10)).Count);
        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "report.json")))!["rows"]!.AsArray();
        Assert.Equal(rows.Count + Reproductions.Length, Regex.Matches(domOut, "<tr>", RegexOptions.None, TimeSpan.FromSeconds(10)).Count); // one header row a section
        Assert.Contains("</html>", domOut, StringComparison.Ordinal);
    }

    private static (string Out, string Err) Chromium(string chromium, string work, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--log-level=0", $"--user-data-dir={Path.Combine(work, "chromium-" + Guid.NewGuid().ToString("N"))}" })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish in 3 minutes");
        }
        p.WaitForExit();
        return (stdout.Result, stderr.Result);
    }

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdRegex();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefRegex();

    [GeneratedRegex("<figure class=\"qbatt-figure\" id=\"figure-\\d+\" data-file=\"([^\"]+)\"")]
    private static partial Regex FigureRegex();
}
