using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using System.CommandLine;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt syk</c>: the SYK battery (R19): N complex fermions charged from the ground state of H0 = h sum sigma^y by
/// the quench to the q = 4 SYK Hamiltonian, averaged over seeded disorder samples: the maximal average power, the
/// charging time, the work there and Gamma against N cells rotated by J sigma^z, each with its standard error.
/// </summary>
internal static class SykCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var cells = CliOptions.Int("--cells", "Number N of complex fermion modes (qubits), 4 or more (dimension 2^N).", required: true, min: 1);
        var samples = CliOptions.Int("--samples", "Disorder samples averaged (sample s uses seed + s).", 1, min: 1);
        var seed = CliOptions.Int("--seed", "Seed of the first disorder sample.", 1, min: 0);
        var j = CliOptions.Double("--j", "Coupling scale J: E|J_{ij;kl}|^2 = 2 J^2 / N^3.", 1.0);
        var h = CliOptions.Double("--h", "Field h of the battery Hamiltonian H0 = h sum sigma^y.", 1.0);
        var tmax = CliOptions.Double("--tmax", "End of the time window (default 3/|J|).", positive: true);
        var steps = CliOptions.Int("--steps", "Output steps (steps + 1 equally spaced times on [0, t_max]).", 200, min: 2);
        var threads = CliOptions.Int("--threads", "Threads for the sparse mat-vecs (0: all processors).", 0, min: 0);
        var cmd = new Command("syk", "Charge the SYK battery (R19; Rossini et al. 2020): N complex fermions (Jordan-Wigner on N qubits) with Gaussian q = 4 couplings H_SYK = sum_{i<j, k<l} J_{ij;kl} c_i^dag c_j^dag c_k c_l, charged from the ground state of H0 = h sum sigma^y by the sudden switch to H_SYK. Averages over seeded disorder samples and reports the maximal average power W(t)/t, the charging time, the work there and Gamma = P / (N P_cell) against N cells each rotated by J sigma^z, each as a mean with its standard error (s / sqrt(samples)). Sizes that would not fit are refused with the memory they need.\n\nExamples:\n  qbatt syk --cells 8 --samples 20 --seed 1\n  qbatt syk --cells 12 --samples 100 --json\n  qbatt syk --cells 10 --j 2 --h 0.5 --tmax 2 --steps 100");
        foreach (var o in new Option[] { cells, samples, seed, j, h, tmax, steps, threads }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var options = new SykChargingOptions
            {
                Coupling = parse.GetValue(j),
                Field = parse.GetValue(h),
                Samples = parse.GetValue(samples),
                Seed = parse.GetValue(seed),
                TimeWindow = parse.GetResult(tmax) is null ? null : parse.GetValue(tmax),
                Steps = parse.GetValue(steps),
                Evolution = new EvolutionOptions { Threads = parse.GetValue(threads) },
            };
            var n = parse.GetValue(cells);
            var battery = new SykBattery(n, options);
            battery.CheckMemory();
            var report = new Report("syk");
            report.Param("cells", n).Param("samples", options.Samples).Param("seed", options.Seed).Param("j", options.Coupling)
                .Param("h", options.Field).Param("tmax", battery.TimeWindow).Param("steps", options.Steps);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var average = ProgressReporter.Run(ctx, "syk", options.Samples, done => battery.Average(s => done(s)));
            foreach (var (key, values, label) in new[]
            {
                ("max_power", average.MaxPower, "max average power W(t)/t"),
                ("charging_time", average.ChargingTime, "charging time (argmax W(t)/t)"),
                ("work", average.Work, "work at the charging time"),
                ("gamma", average.Gamma, "Gamma = P / (N P_cell)"),
            })
            {
                foreach (var v in values)
                    if (!double.IsFinite(v)) throw new ConvergenceException($"SykBattery.Charge: {key} of a sample is {QBattException.Num(v)} (expected a finite value)");
                var (mean, se) = SykDisorderAverage.MeanAndError(values);
                report.Set(key, mean, $"{label}, mean over samples");
                report.Set(key + "_error", Json.NumberOrNull(se), $"standard error of {key}");
            }
            var reference = average.Runs[0].Reference!;
            report.Set("cell_max_power", reference.AveragePower, "reference cell: max average power");
            report.Set("cell_charging_time", reference.ChargingTime, "reference cell: charging time");
            report.Set("dimension", battery.Dimension, "dimension 2^N");
            report.Set("ground_energy", -Math.Abs(options.Field) * n, "E0 = -|h| N");
            report.Set("seeds", Json.Array(average.Seeds));
            report.Set("samples_max_power", Json.Array(average.MaxPower));
            var warnings = average.Runs.SelectMany(r => r.Warnings).Distinct().ToList();
            report.Set("warnings", Json.Array(warnings));
            foreach (var w in warnings) ctx.Err.WriteLine($"qbatt syk: warning: {w}");
            if (options.Samples == 1) report.Note("one sample: the standard errors need at least two (--samples)");
            report.Set("seconds", clock.Elapsed.TotalSeconds);
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
