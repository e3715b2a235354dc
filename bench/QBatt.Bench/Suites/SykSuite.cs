using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using QBatt.Batteries;
using QBatt.IO;

namespace QBatt.Bench.Suites;

/// <summary>
/// The SYK battery's disorder average (R19; issue 15 acceptance: N = 12 complex fermions, 100 samples) against the
/// numpy/scipy peer (`bench/peers/syk_numpy.py`) in the same run and on the same disorder samples: QBatt draws the
/// couplings, writes them to .npy, and the peer builds the same Jordan-Wigner Hamiltonian from them and evolves with
/// scipy's expm_multiply on the same grid. Both timed from building the Hamiltonians to the last value; the per-sample
/// grid maxima of W(t)/t are compared one by one.
/// </summary>
internal static class SykSuite
{
    public static string Run(int modes = 12, int samples = 100)
    {
        const int seed = 1, steps = 200;
        var options = new SykChargingOptions { Samples = samples, Seed = seed, Steps = steps };
        var battery = new SykBattery(modes, options);
        // the couplings of every sample, drawn by QBatt, for the peer
        var m = modes * (modes - 1) / 2;
        var flat = new Complex[samples * m * m];
        for (var s = 0; s < samples; s++)
        {
            var model = battery.Sample(s);
            var p = 0;
            for (var i = 0; i < modes; i++)
                for (var j = i + 1; j < modes; j++, p++)
                {
                    var q = 0;
                    for (var k = 0; k < modes; k++)
                        for (var l = k + 1; l < modes; l++, q++)
                            flat[(s * m + p) * m + q] = model.PairCoupling(i, j, k, l);
                }
        }
        var path = Path.Combine(Path.GetTempPath(), $"qbatt-syk-{Environment.ProcessId}.npy");
        Npy.Write(path, flat);
        // warm-up (JIT) on a small battery
        new SykBattery(6, options with { Samples = 2 }).Average();
        // the peer runs alongside (same machine, same time): both are timed by wall clock and by their own CPU time
        var peerTask = Task.Run(() => Peer.Run("syk_numpy.py", modes.ToString(CultureInfo.InvariantCulture), path, battery.TimeWindow.ToString("R", CultureInfo.InvariantCulture),
            steps.ToString(CultureInfo.InvariantCulture), options.Field.ToString("R", CultureInfo.InvariantCulture)));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var average = battery.Average();
        var seconds = sw.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var grid = average.Runs.Select(r => GridMax(r)).ToArray();
        System.Text.Json.Nodes.JsonObject peer;
        try
        {
            peer = peerTask.GetAwaiter().GetResult();
        }
        finally
        {
            File.Delete(path);
        }
        var peerGrid = peer["grid_max_power"]!.AsArray().Select(v => (double)v!).ToArray();
        var disagreement = grid.Zip(peerGrid, (a, b) => Math.Abs(a - b) / Math.Abs(b)).Max();
        var peerSeconds = (double)peer["seconds"]!;
        var peerCpu = (double)peer["cpu_seconds"]!;
        var (mean, se) = SykDisorderAverage.MeanAndError(average.MaxPower);
        var (gridMean, gridSe) = SykDisorderAverage.MeanAndError(grid);
        var (gamma, gammaSe) = SykDisorderAverage.MeanAndError(average.Gamma);
        Console.Error.WriteLine($"syk N = {modes} x {samples}: QBatt {seconds:F1} s (cpu {cpuSeconds:F1} s), numpy {peerSeconds:F1} s (cpu {peerCpu:F1} s), disagreement {disagreement:E1}");

        var sb = new StringBuilder();
        sb.AppendLine("## SYK battery disorder average (R19)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"N = {modes} complex fermions (dimension {1 << modes}), {samples} disorder samples (seeds {seed}..{seed + samples - 1}), J = h = 1, from the ground state of H0 = h sum sigma^y, {steps + 1} outputs on [0, {battery.TimeWindow:G4}]. QBatt: library API (`SykBattery.Average`, the one charging pipeline, default tolerances 1e-10), one run after a JIT warm-up on N = 6; peer, run at the same time in its own process: numpy {(string?)peer["numpy"]} with scipy `expm_multiply`, the same couplings (written by QBatt to .npy), the same Jordan-Wigner Hamiltonian built vectorised, the same grid. Both timed from building the Hamiltonians to the last value, by wall clock and by the process's own CPU time (user + system; for the peer `time.process_time`, which counts every thread). Disagreement: largest relative difference of the per-sample grid maxima of W(t)/t. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| workload | QBatt s | QBatt CPU s | numpy/scipy s | numpy/scipy CPU s | numpy / QBatt (CPU) | largest relative disagreement | QBatt mean max W/t +- s.e. (refined) | grid maximum: QBatt, numpy | mean Gamma +- s.e. |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| SYK N = {modes}, {samples} samples | {seconds:F1} | {cpuSeconds:F1} | {peerSeconds:F1} | {peerCpu:F1} | {peerCpu / cpuSeconds:F1}x | {disagreement:E1} | {mean:F5} +- {se:F5} | {gridMean:F5} +- {gridSe:F5}, {(double)peer["mean_grid_max_power"]!:F5} +- {(double)peer["stderr_grid_max_power"]!:F5} | {gamma:F4} +- {gammaSe:F4} |");
        sb.AppendLine();
        sb.AppendLine("The machine was shared while this ran (other jobs on the same 2 cores, and the two sides alongside each other), so wall times are inflated; the CPU times are the comparison that holds under load.");
        return sb.ToString();
    }

    private static double GridMax(ChargingRun r)
    {
        var best = double.NegativeInfinity;
        for (var k = 1; k < r.Times.Count; k++) best = Math.Max(best, r.WorkSeries[k] / r.Times[k]);
        return best;
    }
}
