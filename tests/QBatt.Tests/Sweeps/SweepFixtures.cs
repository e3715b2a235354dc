using System.Diagnostics;
using System.Text.Json.Nodes;
using QBatt.Tests.Cli;

namespace QBatt.Tests.Sweeps;

/// <summary>Shared helpers of the sweep tests: cheap points, results files, Python, the repository root.</summary>
internal static class SweepFixtures
{
    /// <summary>A cheap Dicke grid: 3 N x 2 lambda on a short window (about 0.05 s a point).</summary>
    public const string SmallGrid = """
        command: dicke
        parameters:
          cells: [2, 3, 4]
          coupling: [0.3, 0.5]
          tmax: 1
        """;

    public static string Write(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The lines of a JSON-lines file (asserts every line is a JSON object).</summary>
    public static List<JsonObject> Lines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <summary>The command's JSON document of a point without the run time (the only field that differs between runs).</summary>
    public static JsonObject Physics(JsonObject result)
    {
        var r = result.DeepClone().AsObject();
        r.Remove("seconds");
        return r;
    }

    /// <summary>
    /// Asserts two results lines hold the same point and the same physics: numbers to a relative
    /// 1e-12 (the same code on the same machine; only thread scheduling may differ), everything else equal.
    /// </summary>
    public static void SamePoint(JsonObject expected, JsonObject actual)
    {
        Assert.Equal(expected["args"]!.ToJsonString(), actual["args"]!.ToJsonString());
        Same(Physics(expected["result"]!.AsObject()), Physics(actual["result"]!.AsObject()), "result");
    }

    public static void Same(JsonNode? a, JsonNode? b, string path)
    {
        switch (a)
        {
            case JsonObject o:
                var p = Assert.IsType<JsonObject>(b);
                Assert.Equal(o.Select(kv => kv.Key).Order(), p.Select(kv => kv.Key).Order());
                foreach (var (k, v) in o) Same(v, p[k], $"{path}.{k}");
                break;
            case JsonArray arr:
                var q = Assert.IsType<JsonArray>(b);
                Assert.Equal(arr.Count, q.Count);
                for (var i = 0; i < arr.Count; i++) Same(arr[i], q[i], $"{path}[{i}]");
                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                double x = (double)v, y = (double)b!;
                Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"{path}: {x} vs {y}");
                break;
            default:
                Assert.Equal(a?.ToJsonString(), b?.ToJsonString());
                break;
        }
    }

    /// <summary>The repository root (the folder with QBatt.slnx).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QBatt.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("QBatt.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs Debian's /usr/bin/python3 on a script; asserts exit code 0 and returns stdout.</summary>
    public static string Python(string script, string workingDirectory)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add("-");
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python exit {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    public static CliRunner.Result Sweep(params string[] args) => CliRunner.Run(["sweep", .. args]);
}
