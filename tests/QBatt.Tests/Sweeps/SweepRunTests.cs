using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.IO;
using QBatt.Tests.Cli;
using QBatt.Tests.IO;

namespace QBatt.Tests.Sweeps;

/// <summary>Stored sweeps: results lines, resume, torn lines, failures, shards and merge, and the tables and grids.</summary>
public class SweepRunTests
{
    private static (TempDir Dir, string File, string Out) Setup(string yaml = SweepFixtures.SmallGrid)
    {
        var dir = new TempDir();
        return (dir, SweepFixtures.Write(dir.Root, "s.yaml", yaml), dir.File("out"));
    }

    [Fact]
    public void Each_point_is_one_line_with_its_parameters_and_the_command_result()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        var run = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--jobs", "2", "--json"));
        Assert.Equal(6, (int)run["ran"]!);
        Assert.True((bool)run["complete"]!);
        var lines = SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl"));
        Assert.Equal(6, lines.Count);
        Assert.Equal(Enumerable.Range(0, 6), lines.Select(l => (int)l["index"]!).Order());
        foreach (var l in lines)
        {
            var args = l["args"]!.AsArray().Select(a => (string)a!).ToArray();
            // oracle: the point's command line run on its own
            var single = CliRunner.Json(CliRunner.Run([.. args, "--json"]));
            SweepFixtures.Same(SweepFixtures.Physics(single), SweepFixtures.Physics(l["result"]!.AsObject()), $"point {l["index"]}");
            Assert.Equal((long)l["parameters"]!["cells"]!, (long)single["parameters"]!["cells"]!);
        }
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")))!.AsObject();
        Assert.Equal("complete", (string?)manifest["status"]);
        Assert.Equal(64, ((string)manifest["sweep_sha256"]!).Length);
        Assert.NotNull(manifest["ended"]);
        Assert.Empty(manifest["failed"]!.AsArray());
        Assert.Contains("QBatt.Cli.dll", manifest["qbatt"]!.ToJsonString(), StringComparison.Ordinal);
        var again = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--json"));
        Assert.Equal(0, (int)again["ran"]!);
        Assert.Equal(6, (int)again["already_done"]!);
        Assert.Equal(6, SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl")).Count);
    }

    [Fact]
    public void A_torn_last_line_is_cut_on_resume_and_its_point_runs_again()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir).Code);
        var results = Path.Combine(outDir, "results.jsonl");
        var lines = File.ReadAllLines(results);
        // as left by a kill during the write of the last point: 4 complete lines and half of the fifth
        File.WriteAllText(results, string.Join("\n", lines.Take(4)) + "\n" + lines[4][..(lines[4].Length / 2)]);
        var status = CliRunner.Json(SweepFixtures.Sweep("status", outDir, "--json"));
        Assert.Equal(4, (int)status["completed"]!);
        Assert.Single(status["torn_last_lines"]!.AsArray());
        var resumed = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--json"));
        Assert.True((bool)resumed["repaired_torn_line"]!);
        Assert.Equal(2, (int)resumed["ran"]!);
        var after = SweepFixtures.Lines(results);
        Assert.Equal(6, after.Count);
        Assert.Equal(6, after.Select(l => (int)l["index"]!).Distinct().Count());
    }

    [Fact]
    public void Failed_points_are_recorded_skipped_on_resume_and_retried_with_retry_failed()
    {
        var (dir, file, outDir) = Setup("command: dicke\nparameters:\n  cells: 2\n  coupling: [0, 0.5]\n  tmax: 1\n");
        using var _ = dir;
        var r = SweepFixtures.Sweep(file, "--out", outDir, "--json");
        Assert.Equal(1, r.Code);
        Assert.Contains("qbatt sweep: 1 point(s) failed (first: point 0: qbatt dicke: --coupling: expected a non-zero coupling lambda", r.Err, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")))!.AsObject();
        var failed = Assert.Single(manifest["failed"]!.AsArray())!;
        Assert.Equal(0, (int)failed["index"]!);
        Assert.Equal(2, (int)failed["exit_code"]!);
        Assert.Contains("non-zero coupling", (string)failed["message"]!, StringComparison.Ordinal);
        Assert.Equal("failed points", (string?)manifest["status"]);
        Assert.Single(SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl")));
        var skip = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--json"));
        Assert.Equal(0, (int)skip["ran"]!);
        var retry = SweepFixtures.Sweep(file, "--out", outDir, "--retry-failed", "--json");
        Assert.Equal(1, retry.Code);
        Assert.Equal(1, (int)JsonNode.Parse(retry.Out)!["ran"]!);
        Assert.Equal(2, SweepFixtures.Lines(Path.Combine(outDir, "failed.jsonl")).Count);
        var h5 = SweepFixtures.Python($$"""
            import h5py, numpy as np
            f = h5py.File('{{Path.Combine(outDir, "results.h5")}}', 'r')
            g = f['grid/gamma'][()]
            print(int(np.isnan(g[0])), int(np.isfinite(g[1])), f.attrs['completed'], f.attrs['points'])
            """, outDir);
        Assert.Equal("1 1 1 2", h5.Trim());
    }

    [Fact]
    public void Shards_partition_the_points_and_merge_equals_the_unsharded_run()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        var local = dir.File("local");
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", local).Code);
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir, "--shard", "0/4").Code);
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir, "--shard", "2/4").Code);
        var shard0 = SweepFixtures.Lines(Path.Combine(outDir, "shards", "0-of-4", "results.jsonl"));
        Assert.Equal([0, 4], shard0.Select(l => (int)l["index"]!));
        var partial = SweepFixtures.Sweep("merge", outDir, "--json");
        Assert.Equal(1, partial.Code);
        Assert.Contains("qbatt sweep merge: 3 of 6 point(s) missing", partial.Err, StringComparison.Ordinal);
        var missing = JsonNode.Parse(partial.Out)!["missing_points"]!.AsArray().Select(p => (int)p!["index"]!);
        Assert.Equal([1, 3, 5], missing);
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir, "--shard", "1/4").Code);
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir, "--shard", "3/4").Code);
        var merged = SweepFixtures.Sweep("merge", outDir, "--json");
        Assert.Equal(0, merged.Code);
        var a = SweepFixtures.Lines(Path.Combine(local, "results.jsonl")).OrderBy(l => (int)l["index"]!).ToList();
        var b = SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl"));
        Assert.Equal(Enumerable.Range(0, 6), b.Select(l => (int)l["index"]!));
        for (var i = 0; i < 6; i++) SweepFixtures.SamePoint(a[i], b[i]);
        var status = CliRunner.Json(SweepFixtures.Sweep("status", outDir, "--json"));
        Assert.True((bool)status["complete"]!);
    }

    [Fact]
    public void Csv_hdf5_and_npy_grids_hold_the_json_values()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir).Code);
        var lines = SweepFixtures.Lines(Path.Combine(outDir, "results.jsonl")).OrderBy(l => (int)l["index"]!).ToList();
        var gamma = lines.Select(l => (double)l["result"]!["gamma"]!).ToArray();
        var npy = Npy.Read(Path.Combine(outDir, "grids", "gamma.npy"));
        Assert.Equal([3, 2], npy.Shape);
        var axis = Npy.Read(Path.Combine(outDir, "grids", "axis0_cells.npy"));
        Assert.Equal([2.0, 3, 4], axis.RealData!);
        var csv = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        var header = csv[0].Split(',');
        var gi = Array.IndexOf(header, "gamma");
        var text = SweepFixtures.Python($$"""
            import h5py, numpy as np, json
            f = h5py.File('results.h5', 'r')
            g = f['grid/gamma']
            print(json.dumps({'shape': list(g.shape), 'values': g[()].ravel().tolist(),
              'axes': [a.decode() if isinstance(a, bytes) else a for a in g.attrs['axes']],
              'cells': f['axes/cells'][()].tolist(), 'coupling': f['axes/coupling'][()].tolist(),
              'tmax': float(f.attrs['tmax']), 'command': f.attrs['command'],
              'points_gamma': f['points/gamma'][()].tolist(), 'solver': [s.decode() for s in f['points/solver'][()]]}))
            """, outDir);
        var h = JsonNode.Parse(text)!;
        Assert.Equal("[3,2]", h["shape"]!.ToJsonString());
        Assert.Equal("[\"cells\",\"coupling\"]", h["axes"]!.ToJsonString());
        Assert.Equal("[2,3,4]", h["cells"]!.ToJsonString());
        Assert.Equal("[0.3,0.5]", h["coupling"]!.ToJsonString());
        Assert.Equal(1.0, (double)h["tmax"]!);
        Assert.Equal("dicke", (string?)h["command"]);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(gamma[i], (double)h["values"]![i]!);
            Assert.Equal(gamma[i], (double)h["points_gamma"]![i]!);
            Assert.Equal(gamma[i], npy.RealData![i]);
            Assert.Equal(gamma[i], double.Parse(csv[i + 1].Split(',')[gi], CultureInfo.InvariantCulture));
        }
        Assert.All(h["solver"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s)));
    }

    [Fact]
    public void Plot_draws_curves_and_a_heatmap_and_refuses_unknown_columns()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        Assert.Equal(0, SweepFixtures.Sweep(file, "--out", outDir).Code);
        var curves = dir.File("c.svg");
        Assert.Equal(0, SweepFixtures.Sweep("plot", outDir, "--x", "coupling", "--value", "gamma", "--out", curves).Code);
        var svg = File.ReadAllText(curves);
        Assert.Contains("cells = 2", svg, StringComparison.Ordinal);
        Assert.Contains("cells = 4", svg, StringComparison.Ordinal);
        var map = dir.File("h.svg");
        Assert.Equal(0, SweepFixtures.Sweep("plot", outDir, "--x", "cells", "--y", "coupling", "--value", "gamma", "--out", map).Code);
        var heat = File.ReadAllText(map);
        var cells = System.Text.RegularExpressions.Regex.Match(heat, "<g class=\"heatmap\"[^>]*>(.*?)</g>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(cells, "<rect ").Count);
        Assert.Contains("class=\"colorbar\"", heat, StringComparison.Ordinal);
        CliRunner.AssertBadInput(SweepFixtures.Sweep("plot", outDir, "--x", "coupling", "--value", "gama", "--out", curves), "--value: expected a column of the sweep");
        CliRunner.AssertBadInput(SweepFixtures.Sweep("status", dir.Root), "DIR: expected a sweep directory");
    }

    [Fact]
    public void The_slurm_script_runs_one_shard_a_task_with_the_same_qbatt()
    {
        var (dir, file, outDir) = Setup();
        using var _ = dir;
        var r = CliRunner.Json(SweepFixtures.Sweep(file, "--out", outDir, "--slurm", "--shards", "3", "--array-limit", "2", "--time", "00:10:00", "--partition", "debug", "--cpus-per-task", "2", "--json"));
        var script = File.ReadAllText((string)r["script"]!);
        Assert.Contains("#SBATCH --array=0-2%2\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=00:10:00\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=debug\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script, StringComparison.Ordinal);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\"", script, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "QBatt.Cli.dll"), script, StringComparison.Ordinal);
        Assert.Contains($"sweep {Path.GetFullPath(Path.Combine(outDir, "sweep.yaml"))} --out {Path.GetFullPath(outDir)}", script, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outDir, "shards")));
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", outDir, "--slurm", "--shards", "7"), "--shards: expected at most 6");
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", outDir, "--slurm", "--time", "10 minutes"), "--time: expected HH:MM:SS");
        CliRunner.AssertBadInput(SweepFixtures.Sweep(file, "--out", outDir, "--partition", "debug"), "--partition: only with --slurm");
    }
}
