using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using QBatt.Tests.Cli;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>
/// Runs only where Debian's slurm-wlm and munge are installed (.ci/run installs them), and once per
/// CI run: skipped, with the reason shown, under QBATT_BACKEND=managed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("QBATT_BACKEND") == "managed")
            Skip = "the Slurm integration test runs once per CI run, under the native backend (QBATT_BACKEND=managed here)";
        else if (SlurmCluster.MissingBinaries() is { Count: > 0 } missing)
            Skip = $"slurm-wlm and munge are not installed ({string.Join(", ", missing)} not found; .ci/run installs them with apt-get)";
    }
}

/// <summary>
/// The acceptance test of scale-out: a real single-node Slurm cluster on localhost (munged,
/// slurmctld and slurmd started directly in a temporary directory, random free ports), a sweep
/// submitted as an array job, waited for and merged; the merged results equal the same sweep run
/// locally. Exactly the daemons started here are stopped (TERM, then KILL), also when the test fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class SlurmClusterTests
{
    [SlurmFact]
    public void A_sweep_submitted_as_an_array_job_merges_to_the_local_results()
    {
        using var dir = new TempDir();
        using var cluster = SlurmCluster.Start(Path.Combine(dir.Root, "cluster"));
        var file = SweepFixtures.Write(dir.Root, "s.yaml", SweepFixtures.SmallGrid);
        var local = dir.File("local");
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", local).Code);

        var outDir = dir.File("slurm-run");
        var submit = CliRunner.RunProcess(cluster.Environment, "sweep", file, "--out", outDir, "--slurm", "--shards", "3", "--array-limit", "2", "--time", "00:05:00", "--submit", "--json");
        var job = (string?)CliRunner.Json(submit)["job_id"];
        Assert.False(string.IsNullOrEmpty(job), submit.Out + submit.Err);
        cluster.Submitted.Add(job!);
        var states = cluster.WaitForJob(job!, TimeSpan.FromMinutes(4));
        Assert.True(states.All(s => s == "COMPLETED"), $"array tasks: {string.Join(", ", states)}; logs: {cluster.TaskLogs(outDir)}");
        Assert.Equal(3, states.Count);

        var merged = CliRunner.RunProcess(cluster.Environment, "sweep", "merge", outDir, "--json");
        Assert.True(merged.Code == 0, merged.Err);
        var a = SweepFixtures.Lines(Path.Combine(local, "results.jsonl")).OrderBy(l => (int)l["index"]!).ToList();
        var b = SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl"));
        Assert.Equal(6, b.Count);
        for (var i = 0; i < 6; i++) SweepFixtures.SamePoint(a[i], b[i]);
        foreach (var s in Enumerable.Range(0, 3))
        {
            var m = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "shards", $"{s}-of-3", "manifest.json")))!;
            Assert.Equal("complete", (string?)m["status"]);
            Assert.Equal($"{s}/3", (string?)m["shard"]);
        }
        var status = CliRunner.Json(CliRunner.RunProcess(cluster.Environment, "sweep", "status", outDir, "--json"));
        Assert.True((bool)status["complete"]!);
    }
}

/// <summary>A single-node Slurm cluster on localhost for one test, per the notes on running Slurm without systemd.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Binaries = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"];
    private readonly List<Process> _daemons = [];
    private readonly string _root;

    private SlurmCluster(string root)
    {
        _root = root;
        Environment = new Dictionary<string, string?> { ["SLURM_CONF"] = Path.Combine(root, "slurm.conf") };
    }

    /// <summary>SLURM_CONF for the client commands.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>Jobs to cancel before the daemons stop.</summary>
    public List<string> Submitted { get; } = [];

    public static List<string> MissingBinaries() =>
        [.. Binaries.Where(b => !new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Any(d => File.Exists(Path.Combine(d, b))))];

    public static SlurmCluster Start(string root)
    {
        var c = new SlurmCluster(root);
        try
        {
            c.Boot();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private void Boot()
    {
        var keyDir = Path.Combine(_root, "munge-key");
        var runDir = Path.Combine(_root, "munge-run");
        Directory.CreateDirectory(keyDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // munged wants its socket directory searchable by all and not writable by others
        Directory.CreateDirectory(runDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var key = Path.Combine(keyDir, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = Path.Combine(runDir, "munge.socket");
        Daemon("munged", "-F", $"--key-file={key}", $"--socket={socket}", $"--pid-file={Path.Combine(runDir, "munged.pid")}",
            $"--log-file={Path.Combine(keyDir, "munged.log")}", $"--seed-file={Path.Combine(keyDir, "munged.seed")}");
        WaitFor(() => File.Exists(socket), TimeSpan.FromSeconds(20), "munged socket");
        foreach (var d in new[] { "state", "spool" }) Directory.CreateDirectory(Path.Combine(_root, d));
        var conf = Environment["SLURM_CONF"]!;
        File.WriteAllText(conf, $"""
            ClusterName=qbatttest
            SlurmctldHost=localhost
            SlurmUser=root
            SlurmdUser=root
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            AuthType=auth/munge
            AuthInfo=socket={socket}
            StateSaveLocation={Path.Combine(_root, "state")}
            SlurmdSpoolDir={Path.Combine(_root, "spool")}
            SlurmctldPidFile={Path.Combine(_root, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(_root, "slurmd.pid")}
            SlurmctldLogFile={Path.Combine(_root, "slurmctld.log")}
            SlurmdLogFile={Path.Combine(_root, "slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            MpiDefault=none
            SlurmdParameters=config_overrides
            SchedulerParameters=batch_sched_delay=0
            MinJobAge=300
            ReturnToService=2
            NodeName=localhost CPUs=2 State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        Daemon("slurmctld", "-D", "-i", "-f", conf);
        Daemon("slurmd", "-D", "-N", "localhost", "-f", conf);
        WaitFor(() => Client("sinfo", "-h", "-n", "localhost", "-o", "%T").Trim() == "idle", TimeSpan.FromSeconds(60), "node localhost idle");
    }

    /// <summary>The state of each array task (one line each, finished ones included) once none is pending or running.</summary>
    public List<string> WaitForJob(string job, TimeSpan timeout)
    {
        List<string> states = [];
        string[] running = ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED"];
        WaitFor(() =>
        {
            states = [.. Client("squeue", "-h", "-r", "-t", "all", "-j", job, "-o", "%T").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            return states.Count > 0 && !states.Any(running.Contains);
        }, timeout, $"job {job}");
        return states;
    }

    public string TaskLogs(string outDir)
    {
        var logs = Path.Combine(outDir, "slurm");
        return Directory.Exists(logs) ? string.Join(" | ", Directory.GetFiles(logs, "task-*.out").Select(f => Path.GetFileName(f) + ": " + File.ReadAllText(f))) : "(none)";
    }

    private void Daemon(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _daemons.Add(p);
    }

    private string Client(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SLURM_CONF"] = Environment["SLURM_CONF"];
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return o.Result;
    }

    private void WaitFor(Func<bool> ready, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            var dead = _daemons.FirstOrDefault(d => d.HasExited);
            if (dead is not null) throw new InvalidOperationException($"waiting for {what}: {dead.StartInfo.FileName} exited with {dead.ExitCode}; logs in {_root}: {Logs()}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"waiting for {what} for {timeout.TotalSeconds} s; logs: {Logs()}");
            Thread.Sleep(250);
        }
    }

    private string Logs() => string.Join(" | ", Directory.GetFiles(_root, "*.log", SearchOption.AllDirectories).Select(f =>
    {
        var lines = File.ReadAllLines(f);
        return Path.GetFileName(f) + ": " + string.Join(" / ", lines.Skip(Math.Max(0, lines.Length - 5)));
    }));

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Cancels the jobs, then stops exactly the daemons started here: slurmd, slurmctld, munged; TERM, then KILL after 5 s.</summary>
    public void Dispose()
    {
        foreach (var job in Submitted)
        {
            try
            {
                Client("scancel", job);
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        for (var k = _daemons.Count - 1; k >= 0; k--)
        {
            var p = _daemons[k];
            if (!p.HasExited)
            {
                _ = Kill(p.Id, 15);
                if (!p.WaitForExit(5000)) p.Kill();
                p.WaitForExit();
            }
            p.Dispose();
        }
        _daemons.Clear();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
