using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Studies;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt conjecture</c>: the Conjecture 1 study of R11: seeded random k-local Hamiltonians rescaled
/// to saturate C0, their maximal average power from |G&gt; against N parallel copies of the best one-cell
/// drive, and the largest Gamma_C0 found against gamma k.
/// </summary>
internal static class ConjectureCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(true, ".json", ".csv", ".h5", ".npy");
        var cells = CliOptions.Int("--cells", "Number of cells N (d^N <= 4096).", min: 2, required: true);
        var k = CliOptions.Int("--k", "Interaction order k (1..N).", min: 1, required: true);
        var samples = CliOptions.Int("--samples", "Number of random Hamiltonians (default 2000).", defaultValue: 2000, min: 1);
        var seed = CliOptions.Int("--seed", "Seed of the study (default 1); sample i draws from SampleSeed(seed, i).", defaultValue: 1, min: 0);
        var levels = CliOptions.Int("--levels", "Levels per cell d (default 2).", defaultValue: 2, min: 2);
        var ensemble = CliOptions.Choice("--ensemble", "How each k-body term is drawn: haar (i log of a Haar-random unitary) or gue.", ["haar", "gue"], defaultValue: "haar");
        var threads = CliOptions.Int("--threads", "Worker threads (default 0: all processors; the result does not depend on it).", defaultValue: 0, min: 0);
        var show = CliOptions.Int("--show", "Samples shown in the table, largest Gamma first (default 10; --out FILE.csv has all).", defaultValue: 10, min: 0);
        var cmd = new Command("conjecture", "The Conjecture 1 study of R11 (PRL): random k-local Hamiltonians H = sum over all k-sets of cells of independent terms (i log of Haar-random unitaries, or GUE), rescaled so ||H||_op = N (constraint C0), charged from |G>; their maximal average power max_t W(t)/t against N parallel copies of the best one-cell drive |0><d-1| + h.c. gives Gamma_C0, and the largest Gamma_C0 is set against gamma k = (pi/2) k. Seeded and reproducible; --out FILE.npy saves the worst sample's Hamiltonian.\n\nExamples:\n  qbatt conjecture --cells 4 --k 2 --samples 500\n  qbatt conjecture --cells 6 --k 2 --samples 10000 --seed 7 --json\n  qbatt conjecture --cells 4 --k 3 --out worst.npy --plot histogram.svg");
        foreach (var o in new Option[] { cells, k, samples, seed, levels, ensemble, threads, show }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(cells);
            var kk = parse.GetValue(k);
            var d = parse.GetValue(levels);
            if (kk > n)
                throw new UsageException($"--k: expected an interaction order in 1..{n} (--cells), got {kk}");
            if (Math.Pow(d, n) > RandomKLocal.MaxDimension)
                throw new UsageException($"--cells: expected d^N <= {RandomKLocal.MaxDimension}, got {d}^{n}");
            var options = new ConjectureOptions
            {
                Cells = n,
                K = kk,
                Levels = d,
                Samples = parse.GetValue(samples),
                Seed = parse.GetValue(seed),
                Ensemble = parse.GetValue(ensemble) == "gue" ? KLocalEnsemble.Gue : KLocalEnsemble.HaarLog,
                Threads = parse.GetValue(threads),
            };
            // one record per sample (about 160 bytes with its Gamma, time, power and norm), held for the table and histogram
            MemoryEstimate.Require(160.0 * options.Samples, null, "conjecture", "samples", $"{options.Samples} samples");
            var report = new Report("conjecture").Param("cells", n).Param("k", kk).Param("levels", d).Param("samples", options.Samples)
                .Param("seed", options.Seed).Param("ensemble", parse.GetValue(ensemble)).Param("threads", options.Threads);
            var r = ProgressReporter.Run(ctx, $"conjecture ({n}, {kk})", options.Samples, progress => ConjectureStudy.Run(options, progress));

            report.Set("max_gamma", r.MaxGamma, "largest Gamma_C0 found");
            report.Set("bound", r.Bound, "gamma k = (pi/2) k (Theorem 1, Conjecture 1)");
            report.Set("conjecture_holds", r.AboveBound == 0, "every sample below gamma k");
            report.Set("samples", options.Samples, "samples");
            report.Set("seed", options.Seed, "seed");
            report.Set("mean_gamma", r.MeanGamma, "mean Gamma_C0");
            report.Set("above_bound", r.AboveBound, "samples with Gamma_C0 >= gamma k");
            report.Set("parallel_power", r.ParallelPower, "P_par = N max_t W_1(t)/t (reference evolution)");
            report.Set("reference_time", r.Reference.ChargingTime, "reference time of maximal average power");
            report.Set("budget", r.Budget, "C0 budget N ||h_1||_op");
            report.Set("histogram", new JsonObject
            {
                ["edges"] = Json.Array(r.HistogramEdges),
                ["counts"] = Json.Array(r.HistogramCounts),
                ["above_bound"] = r.AboveBound,
            });
            var w = r.Worst;
            report.Set("worst", new JsonObject
            {
                ["index"] = w.Index,
                ["seed"] = w.Seed,
                ["gamma"] = Json.Number(w.Gamma),
                ["time"] = Json.Number(w.Time),
                ["power"] = Json.Number(w.Power),
                ["unscaled_norm"] = Json.Number(w.UnscaledNorm),
                ["rerun_gamma"] = Json.Number(r.WorstRun.AveragePower / r.ParallelPower),
                ["c0_on_trajectory"] = Json.Number(r.WorstRun.Constraints.OperatorNorm),
                ["c1_on_trajectory"] = Json.Number(r.WorstRun.Constraints.EnergySpread),
                ["c2_on_trajectory"] = Json.Number(r.WorstRun.Constraints.EnergyAboveGround),
                ["t_qsl"] = Json.Number(r.WorstRun.SpeedLimit.Rigorous),
                ["qsl_holds"] = r.WorstRun.SpeedLimit.Holds,
            });
            report.Set("worst_gamma_rerun", r.WorstRun.AveragePower / r.ParallelPower, $"worst sample (#{w.Index}) rerun as a full protocol: Gamma_C0");
            report.Set("worst_qsl_holds", r.WorstRun.SpeedLimit.Holds, "worst sample: T >= T_QSL");
            report.Set("operationalisation", r.Operationalisation);

            var wantCsv = parse.GetValue(output.Out) is { } o && (o.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || o.EndsWith(".h5", StringComparison.OrdinalIgnoreCase));
            var limit = wantCsv ? int.MaxValue : parse.GetValue(show);
            var ordered = wantCsv ? r.Samples.AsEnumerable() : r.Samples.OrderByDescending(s => s.Gamma).ThenBy(s => s.Index);
            var table = report.AddTable("samples", "index", "seed", "gamma_c0", "time", "power", "unscaled_norm");
            foreach (var s in ordered.Take(limit))
                table.Add(s.Index, s.Seed, s.Gamma, s.Time, s.Power, s.UnscaledNorm);
            report.Note(r.Operationalisation);

            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, Figures.ConjectureHistogram(r), plotPath);
            }
            report.Matrix("worst_hamiltonian", r.WorstHamiltonian.ToDense(), "the sample with the largest Gamma_C0, rescaled to the C0 budget (--out FILE.npy)");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

}
