using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QBatt.Cli.Sweeps;

/// <summary>Options of the sbatch array script.</summary>
/// <param name="Shards">Array tasks; task i runs shard i/N.</param>
/// <param name="Partition">sbatch --partition, or null for the cluster's default.</param>
/// <param name="Time">sbatch --time (HH:MM:SS, or D-HH:MM:SS), or null.</param>
/// <param name="CpusPerTask">sbatch --cpus-per-task; each task runs as many points at once.</param>
/// <param name="ArrayLimit">Most tasks running at once (--array=0-(N-1)%K), or null.</param>
internal sealed record SlurmOptions(int Shards, string? Partition, string? Time, int CpusPerTask, int? ArrayLimit);

/// <summary>
/// Writes the sbatch array script of a stored sweep: one array task a shard, each running
/// <c>qbatt sweep DIR/sweep.yaml --out DIR --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT</c>
/// with qbatt started the way this process was (<see cref="Invocation"/>); a task that is run again
/// resumes its shard.
/// </summary>
internal static partial class SlurmScript
{
    [GeneratedRegex(@"^(\d+-)?\d{1,3}:\d{2}:\d{2}$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.,-]+$")]
    private static partial Regex PartitionPattern();

    public static void Check(SlurmOptions o)
    {
        if (o.Time is { } t && !TimePattern().IsMatch(t))
            throw new UsageException($"--time: expected HH:MM:SS or D-HH:MM:SS, got '{t}'");
        if (o.Partition is { } p && !PartitionPattern().IsMatch(p))
            throw new UsageException($"--partition: expected a partition name (letters, digits, _ . , -), got '{p}'");
    }

    public static string Write(string dir, SlurmOptions o, IReadOnlyList<string> invocation)
    {
        var full = Path.GetFullPath(dir);
        var logs = Path.Combine(full, "slurm");
        Directory.CreateDirectory(logs);
        var array = o.ArrayLimit is { } k ? $"0-{o.Shards - 1}%{k}" : $"0-{o.Shards - 1}";
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"# qbatt sweep of {Path.Combine(full, SweepStore.SweepFileName)}: {o.Shards} array task(s), task i runs shard i/N.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Written by qbatt {Output.ReportWriter.Version} on {SweepRunner.Now()}; qbatt runs as: {string.Join(' ', invocation.Select(Quote))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=qbatt-sweep\n#SBATCH --array={array}\n#SBATCH --cpus-per-task={o.CpusPerTask}\n");
        if (o.Partition is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={o.Partition}\n");
        if (o.Time is not null) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={o.Time}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(logs, "task-%A_%a.out")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --chdir={Environment.CurrentDirectory}\n");
        sb.Append("set -euo pipefail\n");
        var backend = Environment.GetEnvironmentVariable("QBATT_BACKEND");
        if (!string.IsNullOrEmpty(backend)) sb.Append(CultureInfo.InvariantCulture, $"export QBATT_BACKEND={Quote(backend)}\n");
        sb.Append("exec ").Append(string.Join(' ', invocation.Select(Quote)))
            .Append(CultureInfo.InvariantCulture, $" sweep {Quote(Path.Combine(full, SweepStore.SweepFileName))} --out {Quote(full)}")
            .Append(" --shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        var path = Path.Combine(logs, "sweep.sbatch");
        QBatt.IO.AtomicFile.WriteAllText(path, sb.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    /// <summary>Submits the script with <c>sbatch --parsable</c>: the job id, or null and why not.</summary>
    public static (string? JobId, string? Error) Submit(string script)
    {
        var psi = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--parsable");
        psi.ArgumentList.Add(script);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"sbatch: not found on PATH ({e.Message}); the script is {script}");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                return (null, $"sbatch refused {script} (exit {p.ExitCode}): {string.Join(' ', stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            return (stdout.Result.Trim().Split(';')[0], null);
        }
    }

    public static JsonObject Record(string script, SlurmOptions o, IReadOnlyList<string> invocation, string? jobId) => new()
    {
        ["script"] = script,
        ["qbatt"] = new JsonArray([.. invocation.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["shards"] = o.Shards,
        ["partition"] = o.Partition,
        ["time"] = o.Time,
        ["cpus_per_task"] = o.CpusPerTask,
        ["array_limit"] = o.ArrayLimit,
        ["job_id"] = jobId,
        ["written"] = SweepRunner.Now(),
    };

    /// <summary>A shell word: single-quoted unless it is plainly safe.</summary>
    public static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "/._-+=:,@%".Contains(c, StringComparison.Ordinal)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
