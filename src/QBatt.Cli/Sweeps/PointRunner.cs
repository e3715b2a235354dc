using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Sweeps;

/// <summary>What one point gave: the command's JSON document, or the exit code and first error line.</summary>
internal sealed record PointOutcome(SweepPoint Point, JsonObject? Result, int ExitCode, string? Message, IReadOnlyList<string> Stderr, double Seconds)
{
    public bool Succeeded => Result is not null;

    /// <summary>The results-file line: index, args, parameters, the command's JSON, seconds (and stderr lines when any).</summary>
    public JsonObject ToLine()
    {
        var line = new JsonObject
        {
            ["index"] = Point.Index,
            ["args"] = new JsonArray([.. Point.Args.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["parameters"] = Point.Parameters.DeepClone(),
        };
        if (Result is not null) line["result"] = Result.DeepClone();
        else
        {
            line["exit_code"] = ExitCode;
            line["message"] = Message;
        }
        line["seconds"] = Math.Round(Seconds, 6);
        if (Stderr.Count > 0) line["stderr"] = new JsonArray([.. Stderr.Select(s => (JsonNode?)JsonValue.Create(s))]);
        return line;
    }
}

/// <summary>
/// Runs one point as <c>qbatt COMMAND ARGS --json</c> in this process, through
/// <see cref="QBattCli.Run(string[], CliContext)"/> with captured writers: the sweep depends on
/// the command's command line and JSON document only, never on its internals. In-process rather
/// than one process per point: starting the runtime costs about 0.8 s a point on these machines
/// (bench/RESULTS.md, sweep overhead), more than a small point itself.
/// </summary>
internal static class PointRunner
{
    public static PointOutcome Run(SweepPoint point)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var clock = Stopwatch.StartNew();
        var code = QBattCli.Run([.. point.Args, "--json"], new CliContext(o, e, interactive: false));
        var seconds = clock.Elapsed.TotalSeconds;
        var stderr = e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (code != 0)
            return new PointOutcome(point, null, code, stderr.FirstOrDefault() ?? $"exit code {code} without a message", stderr, seconds);
        try
        {
            if (JsonNode.Parse(o.ToString()) is JsonObject doc)
                return new PointOutcome(point, doc, 0, null, stderr, seconds);
        }
        catch (JsonException)
        {
        }
        return new PointOutcome(point, null, 1, "the command printed no JSON document with --json", stderr, seconds);
    }
}
