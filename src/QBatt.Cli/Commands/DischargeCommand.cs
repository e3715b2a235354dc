using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Cli.Output;
using QBatt.IO;
using QBatt.Numerics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt discharge</c>: storage and self-discharge of a charged array of cells (R16). The stored state evolves on the charging
/// pipeline under H0 (plus an optional protecting drive) and the Lindblad dissipators of <see cref="StorageNoise"/>; the command
/// reports the energy, the ergotropy with its incoherent and coherent parts, the passive energy and the entropy over time, the
/// half-lives of the stored energy and of the ergotropy and the best time to extract (refined from the states, with error
/// estimates), and on request the Lindblad steady state from the generator's null space.
/// </summary>
internal static class DischargeCommand
{
    public static Command Create(CliContext ctx)
    {
        var cells = CliOptions.Int("--cells", "Number of cells N.", min: 1, required: true);
        var levels = CliOptions.Int("--levels", "Levels d of each cell (H0 = diag(0, 1, ..., d-1) on each).", 2, min: 2);
        var from = CliOptions.Custom("--from", $"The stored state: {string.Join(", ", StorageState.Names)} (default charged: the highest-energy state of H0), or a file (.npy or .json): a vector (ket) or a matrix (density matrix) of dimension d^N.", false, s => s);
        var decay = CliOptions.Double("--decay", "Local amplitude-damping rate g on each cell and ladder step (default 0).", 0, nonNegative: true);
        var dephasing = CliOptions.Double("--dephasing", "Local pure-dephasing rate g_phi (coherences decay at g_phi (j-k)^2; default 0).", 0, nonNegative: true);
        var collective = CliOptions.Double("--collective-decay", "Collective decay rate G of J_- = sum of the cells' lowering ladders (default 0).", 0, nonNegative: true);
        var collectiveDephasing = CliOptions.Double("--collective-dephasing", "Collective dephasing rate (sqrt(2 G) sum_cells n; default 0).", 0, nonNegative: true);
        var temperature = CliOptions.Double("--temperature", "Bath temperature T in units of the gap (decay sqrt(g (nbar+1)), excitation sqrt(g nbar), nbar = 1/(e^(1/T) - 1); default 0).", 0, nonNegative: true);
        var noise = CliOptions.Custom("--noise", $"Noise as keyword=value items, e.g. decay=0.1,dephasing=0.05,temperature=0.5 (keywords: {string.Join(", ", StorageNoise.Keywords)}); overrides the single options it names.", false, s => s);
        var drive = CliOptions.Double("--drive", "A protecting drive Omega sum_cells (|0><d-1| + h.c.) during storage (default 0).", 0, nonNegative: true);
        var tmax = CliOptions.Double("--tmax", "End of the storage window.", required: true, positive: true);
        var dt = CliOptions.Double("--dt", "Output spacing (default tmax/200).", positive: true);
        var steady = new Option<bool>("--steady-state") { Description = "Also the Lindblad steady state (null space of the generator; d^N <= 64): its energy, ergotropy and parts." };
        var output = new OutputOptions(false, ".json", ".csv");
        var cmd = new Command("discharge", "Storage of a charged battery in an open environment (R16): N cells with H0 = diag(0, 1, ..., d-1) each, a stored state, and Lindblad dissipators (local amplitude damping, thermal bath at T in detailed balance, pure dephasing, collective decay and dephasing), optionally with a protecting drive. Prints the stored energy, the ergotropy and its incoherent and coherent parts, the passive energy and the von Neumann entropy over time, P(t) = tr(L[rho] H0) from the state, the half-lives of the energy and of the ergotropy (null when not reached) and the best time to extract, refined below the output grid with error estimates; with --steady-state the Lindblad steady state.\n\nExamples:\n  qbatt discharge --cells 2 --decay 0.1 --dephasing 0.05 --tmax 20 --json\n  qbatt discharge --cells 2 --from dark --collective-decay 0.5 --tmax 10\n  qbatt discharge --cells 1 --from product --noise dephasing=0.2 --tmax 10 --dt 0.5\n  qbatt discharge --cells 2 --decay 0.2 --temperature 0.5 --drive 0.3 --tmax 30 --steady-state --out storage.csv");
        foreach (var o in new Option[] { cells, levels, from, decay, dephasing, collective, collectiveDephasing, temperature, noise, drive, tmax, dt, steady }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(cells);
            var d = parse.GetValue(levels);
            var env = new StorageNoise
            {
                Decay = parse.GetValue(decay),
                Dephasing = parse.GetValue(dephasing),
                CollectiveDecay = parse.GetValue(collective),
                CollectiveDephasing = parse.GetValue(collectiveDephasing),
                Temperature = parse.GetValue(temperature),
            };
            if (parse.GetValue(noise) is { } spec) env = StorageNoise.Parse(spec, env, "noise");
            var battery = new StorageBattery(n, d, env, parse.GetValue(drive));
            var fromText = parse.GetValue(from) ?? "charged";
            var state = ReadState(fromText, d, n);
            var t = parse.GetValue(tmax);
            var window = parse.GetResult(dt) is null ? ChargingWindow.Uniform(t, 200, "tmax") : ChargingWindow.Spacing(t, parse.GetValue(dt), "dt");
            var run = ProgressReporter.Run(ctx, "discharge", 1, done =>
            {
                var r = battery.Discharge(state, window);
                done(1);
                return r;
            });
            var report = Describe(battery, fromText, run);
            if (parse.GetValue(steady))
            {
                var (rho, residual) = battery.SteadyState();
                var parts = Thermodynamics.Ergotropy.Compute(rho, battery.Battery);
                report.Set("steady_state", new JsonObject
                {
                    ["energy"] = Json.Number(parts.Energy),
                    ["ergotropy"] = Json.Number(parts.Value),
                    ["incoherent_ergotropy"] = Json.Number(parts.IncoherentValue),
                    ["coherent_ergotropy"] = Json.Number(parts.CoherentValue),
                    ["passive_energy"] = Json.Number(parts.PassiveEnergy),
                    ["entropy"] = Json.Number(Thermodynamics.Entropy.VonNeumann(rho)),
                    ["populations"] = Json.Array(rho.Populations()),
                    ["residual"] = Json.Number(residual),
                });
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static StorageState ReadState(string text, int levels, int cells)
    {
        if (StorageState.Names.Contains(text.ToLowerInvariant())) return StorageState.Named(text, levels, cells);
        if (!File.Exists(text))
            throw new UsageException($"--from: expected one of {string.Join(", ", StorageState.Names)} or an existing state file, got '{text}'");
        var ext = Path.GetExtension(text).ToLowerInvariant();
        if (ext is not (".npy" or ".json"))
            throw new UsageException($"--from: expected a state file ending in .npy or .json, got '{text}'");
        // a matrix of the expected size is a density matrix (so a JSON 2x2 array is never read as a ket of [re, im] pairs); otherwise a vector is a ket
        var dimension = (int)Math.Pow(levels, cells);
        ComplexMatrix? matrix = null;
        try
        {
            matrix = MatrixFile.ReadMatrix(text);
        }
        catch (ValidationException)
        {
        }
        if (matrix is not null && (matrix.Rows == dimension || matrix.Cols != 2 && matrix.Cols != 1))
            return StorageState.FromData(null, matrix, levels, cells, $"state from {text}");
        return StorageState.FromData(MatrixFile.ReadVector(text), null, levels, cells, $"state from {text}");
    }

    private static Report Describe(StorageBattery b, string from, DischargeRun run)
    {
        var report = new Report("discharge");
        var noise = b.Noise;
        report.Param("cells", b.Cells).Param("levels", b.Levels).Param("from", from).Param("state", run.State.Description)
            .Param("decay", Json.Number(noise.Decay)).Param("dephasing", Json.Number(noise.Dephasing))
            .Param("collective_decay", Json.Number(noise.CollectiveDecay)).Param("collective_dephasing", Json.Number(noise.CollectiveDephasing))
            .Param("temperature", Json.Number(noise.Temperature)).Param("drive", Json.Number(b.Drive))
            .Param("dynamics", run.Run.Dynamics).Param("collapse_operators", b.Collapse.Count).Param("output_times", run.Times.Count);
        var e = run.Ergotropy;
        report.Set("initial_energy", run.Energy[0], "stored energy at t = 0");
        report.Set("initial_ergotropy", e.Ergotropy[0], "ergotropy at t = 0");
        report.Set("final_energy", run.Energy[^1], "energy at t_max");
        report.Set("final_ergotropy", e.Ergotropy[^1], "ergotropy at t_max");
        Half(report, "energy_half_life", run.EnergyHalfLife, "energy half-life");
        Half(report, "ergotropy_half_life", run.ErgotropyHalfLife, "ergotropy half-life");
        report.Set("best_extraction_time", run.BestExtraction.Time, "best time to extract (largest ergotropy)");
        report.Set("best_extraction_time_error", run.BestExtraction.TimeError, "its error estimate");
        report.Set("best_extraction_ergotropy", run.BestExtraction.Value, "the ergotropy there");
        if (b.Drive > 0 && run.Run.Curve is { } curve)
        {
            report.Set("max_average_power", curve.Maximum.Power, "max W(t)/t (refined)");
            report.Set("charging_time", curve.Maximum.Time + run.Times[0], "argmax W(t)/t");
            report.Set("max_average_power_error", Json.NumberOrNull(curve.Maximum.PowerError), "its error estimate");
        }
        if (run.Run.Statistics is { } stats)
        {
            report.Set("error_estimate", stats.ErrorEstimate, "error estimate (state, 2-norm)");
            if (!double.IsNaN(stats.TraceDrift)) report.Set("trace_drift", stats.TraceDrift, "max |tr rho - 1|");
        }
        report.Set("times", Json.Array(run.Times));
        report.Set("energy", Json.Array(run.Energy));
        report.Set("power", run.Run.Power is null ? null : Json.Array(run.Run.Power));
        report.Set("ergotropy", Json.Array(e.Ergotropy));
        report.Set("incoherent_ergotropy", Json.Array(e.Incoherent!));
        report.Set("coherent_ergotropy", Json.Array(e.Coherent!));
        report.Set("passive_energy", Json.Array(e.PassiveEnergy));
        report.Set("entropy", Json.Array(e.Entropy));
        var table = report.AddTable("storage", "t", "energy", "ergotropy", "incoherent", "coherent", "passive_energy", "entropy");
        for (var i = 0; i < run.Times.Count; i++)
            table.Add(run.Times[i], run.Energy[i], e.Ergotropy[i], e.Incoherent![i], e.Coherent![i], e.PassiveEnergy[i], e.Entropy[i]);
        foreach (var w in run.Run.Warnings.Where(w => b.Drive > 0 || !w.Contains("maximal average power", StringComparison.Ordinal))) report.Note($"warning: {w}");
        report.Note("half-lives: the first t with X(t) = X(0)/2, X the stored energy tr[rho H0] - e_min or the ergotropy, refined between outputs from the states (Illinois root-finding); null when not reached by t_max.");
        return report;
    }

    private static void Half(Report report, string key, RefinedTime? t, string label)
    {
        report.Set(key, t is null ? null : Json.Number(t.Time), label);
        report.Set(key + "_error", t is null ? null : Json.Number(t.TimeError), label + " error estimate");
    }
}
