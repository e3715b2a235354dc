using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Cli.Output;
using QBatt.IO;
using QBatt.Numerics;
using QBatt.Quantum;

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
        var model = CliOptions.Custom("--model", "The battery: cells (default: N cells with H0 = diag(0, 1, ..., d-1) each), dicke (the Dicke battery after its charging: cells and cavity), chain (the spin chain of R13 under its H0), or a model file (.json or .yaml) whose battery, Hamiltonian and collapse operators are stored.", false, s => s);
        model.HelpName = "cells|dicke|chain|FILE";
        var cells = CliOptions.Int("--cells", "Number of cells N (spins of the chain); required except with a model file.", min: 1);
        var levels = CliOptions.Int("--levels", "Levels d of each cell (H0 = diag(0, 1, ..., d-1) on each; --model cells).", 2, min: 2);
        var from = CliOptions.Custom("--from", $"The stored state: for cells {string.Join(", ", StorageState.Names)}, charging or charging-global (the state at the charging time of the parallel or the global drive; default charged: the highest-energy state of H0); for dicke and chain charging (default: the state at the charging time of the battery's own protocol), charged or ground; for a model file initial (default), charged or ground; or a state file (.npy or .json), a vector (ket) or a matrix (density matrix) of the system's dimension.", false, s => s);
        var decay = CliOptions.Double("--decay", "Local amplitude-damping rate g on each cell and ladder step (default 0).", 0, nonNegative: true);
        var dephasing = CliOptions.Double("--dephasing", "Local pure-dephasing rate g_phi (coherences decay at g_phi (j-k)^2; default 0).", 0, nonNegative: true);
        var collective = CliOptions.Double("--collective-decay", "Collective decay rate G of J_- = sum of the cells' lowering ladders (default 0).", 0, nonNegative: true);
        var collectiveDephasing = CliOptions.Double("--collective-dephasing", "Collective dephasing rate (sqrt(2 G) sum_cells n; default 0).", 0, nonNegative: true);
        var temperature = CliOptions.Double("--temperature", "Bath temperature T in the units of the energies (decay sqrt(g (nbar+1)), excitation sqrt(g nbar), nbar = 1/(e^(gap/T) - 1) at the cell's gap: 1 for cells, wa for Dicke cells, 2|B| for chain spins; default 0).", 0, nonNegative: true);
        var noise = CliOptions.Custom("--noise", $"Noise as keyword=value items, e.g. decay=0.1,dephasing=0.05,temperature=0.5 (keywords: {string.Join(", ", StorageNoise.Keywords)}); overrides the single options it names.", false, s => s);
        var drive = CliOptions.Double("--drive", "A protecting drive Omega sum_cells (|0><d-1| + h.c.) during storage (--model cells; default 0).", 0, nonNegative: true);
        var coupling = CliOptions.Double("--coupling", "Dicke: the coupling lambda of the charging that prepares the state (default 1).", 1.0);
        var storageCoupling = CliOptions.Double("--storage-coupling", "Dicke: the coupling kept during storage (default 0: switched off at the end of charging, the cavity then no longer touches the cells).", 0);
        var kappa = CliOptions.Double("--kappa", "Dicke: cavity loss rate kappa (sqrt(kappa) a; it reaches the cells only through --storage-coupling; default 0).", 0, nonNegative: true);
        var cutoff = CliOptions.Int("--cutoff", "Dicke: photon levels (default: those of the charging run, chosen from N and lambda).", min: 1);
        var wa = CliOptions.Double("--wa", "Dicke: cell frequency wa (default 1).", 1.0, positive: true);
        var wc = CliOptions.Double("--wc", "Dicke: cavity frequency wc (default 1).", 1.0, positive: true);
        var b = CliOptions.Double("--b", "Chain: field B of H0 = B sum sigma_z + Hg (non-zero; default 1).", 1.0);
        var g = CliOptions.Double("--g", "Chain: nearest-neighbour coupling g (default 0.1).", 0.1);
        var alpha = CliOptions.Double("--alpha", "Chain: anisotropy alpha (default -1).", -1.0);
        var omega = CliOptions.Double("--omega", "Chain: the charging field omega sum sigma_x of the charging that prepares the state (default 1).", 1.0);
        var tmax = CliOptions.Double("--tmax", "End of the storage window (required except with a model file that has output times).", positive: true);
        var dt = CliOptions.Double("--dt", "Output spacing (default tmax/200).", positive: true);
        var steady = new Option<bool>("--steady-state") { Description = "Also the Lindblad steady state (null space of the generator; dimension <= 64): its energy, ergotropy and parts." };
        var steadyDrives = CliOptions.Doubles("--steady-drives", "Cells: the steady state at each protecting-drive amplitude of this list (e.g. 0,0.05,0.1,0.2): energy, ergotropy and parts against the drive.");
        var output = new OutputOptions(false, ".json", ".csv");
        var cmd = new Command("discharge", "Storage of a charged battery in an open environment (R16): N cells with H0 = diag(0, 1, ..., d-1) each, the Dicke battery after its charging, the spin chain, or a model file; a stored state (the highest-energy state, the end of a charging run, a named or a file state), and Lindblad dissipators (local amplitude damping, thermal bath at T in detailed balance, pure dephasing, collective decay and dephasing, cavity loss), optionally with a protecting drive. Prints the stored energy, the ergotropy and its incoherent and coherent parts, the passive energy and the von Neumann entropy over time, P(t) = tr(L[rho] H0) from the state, the half-lives of the energy and of the ergotropy (null when not reached) and the best time to extract, refined below the output grid with error estimates; with --steady-state or --steady-drives the Lindblad steady state.\n\nExamples:\n  qbatt discharge --cells 2 --decay 0.1 --dephasing 0.05 --tmax 20 --json\n  qbatt discharge --cells 2 --from dark --collective-decay 0.5 --tmax 10\n  qbatt discharge --cells 1 --from product --noise dephasing=0.2 --tmax 10 --dt 0.5\n  qbatt discharge --cells 2 --decay 0.2 --temperature 0.5 --steady-drives 0,0.1,0.3,1 --tmax 30\n  qbatt discharge --model dicke --cells 3 --coupling 0.5 --decay 0.05 --tmax 20\n  qbatt discharge --model chain --cells 4 --g 0.5 --decay 0.1 --tmax 20");
        foreach (var o in new Option[] { model, cells, levels, from, decay, dephasing, collective, collectiveDephasing, temperature, noise, drive, coupling, storageCoupling, kappa, cutoff, wa, wc, b, g, alpha, omega, tmax, dt, steady, steadyDrives }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var modelText = parse.GetValue(model) ?? "cells";
            var kind = modelText.ToLowerInvariant() switch
            {
                "cells" => StorageModel.Cells,
                "dicke" => StorageModel.Dicke,
                "chain" => StorageModel.Chain,
                _ when File.Exists(modelText) => StorageModel.File,
                _ when Directory.Exists(modelText) => throw new UsageException($"--model: expected cells, dicke, chain or a model file, got the directory '{modelText}'"),
                _ => throw new UsageException($"--model: expected cells, dicke, chain or an existing model file (.json or .yaml), got '{modelText}'"),
            };
            var name = kind == StorageModel.File ? "a model file" : kind.ToString().ToLowerInvariant();
            void Only(Option o, params StorageModel[] models)
            {
                if (parse.GetResult(o) is { Implicit: false } && !models.Contains(kind))
                {
                    var names = models.Select(m => m.ToString().ToLowerInvariant()).ToArray();
                    var list = names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
                    throw new UsageException($"{o.Name}: expected only with --model {list}, got it with --model {(kind == StorageModel.File ? modelText : name)}");
                }
            }
            Only(levels, StorageModel.Cells);
            Only(drive, StorageModel.Cells);
            Only(steadyDrives, StorageModel.Cells);
            foreach (var o in new Option[] { coupling, storageCoupling, kappa, cutoff, wa, wc }) Only(o, StorageModel.Dicke);
            foreach (var o in new Option[] { b, g, alpha, omega }) Only(o, StorageModel.Chain);
            foreach (var o in new Option[] { decay, dephasing, collective, collectiveDephasing, temperature, noise, cells }) Only(o, StorageModel.Cells, StorageModel.Dicke, StorageModel.Chain);
            if (kind != StorageModel.File && parse.GetResult(cells) is null)
                throw new UsageException($"--cells: expected the number of cells with --model {name}, got none");
            var env = new StorageNoise
            {
                Decay = parse.GetValue(decay),
                Dephasing = parse.GetValue(dephasing),
                CollectiveDecay = parse.GetValue(collective),
                CollectiveDephasing = parse.GetValue(collectiveDephasing),
                Temperature = parse.GetValue(temperature),
            };
            if (parse.GetValue(noise) is { } spec) env = StorageNoise.Parse(spec, env, "noise");
            var n = parse.GetValue(cells);
            ChargingModel? file = kind == StorageModel.File ? ModelFile.Load(modelText) : null;
            var battery = kind switch
            {
                StorageModel.Cells => new StorageBattery(n, parse.GetValue(levels), env, parse.GetValue(drive)),
                StorageModel.Dicke => StorageBattery.Dicke(n, env, parse.GetValue(coupling), parse.GetResult(cutoff) is null ? null : parse.GetValue(cutoff),
                    parse.GetValue(kappa), parse.GetValue(storageCoupling), parse.GetValue(wa), parse.GetValue(wc)),
                StorageModel.Chain => StorageBattery.Chain(n < 2 ? throw new UsageException($"--cells: expected at least 2 spins for --model chain, got {n}") : new Models.SpinChain(n, parse.GetValue(b), parse.GetValue(g), parse.GetValue(alpha), parse.GetValue(omega)), env),
                _ => StorageBattery.FromModel(file!),
            };
            var fromText = parse.GetValue(from) ?? kind switch { StorageModel.Cells => "charged", StorageModel.File => "initial", _ => "charging" };
            ChargingRun? charging = null;
            StorageState state;
            if (fromText.Equals("charging", StringComparison.OrdinalIgnoreCase) && battery.StateNames.Contains("charging"))
                (state, charging) = battery.AfterCharging();
            else if (fromText.Equals("charging-global", StringComparison.OrdinalIgnoreCase) && battery.StateNames.Contains("charging-global"))
                (state, charging) = battery.AfterCharging(global: true);
            else
                state = ReadState(fromText, battery, file);
            ChargingWindow window;
            if (parse.GetResult(tmax) is not null)
            {
                var t = parse.GetValue(tmax);
                window = parse.GetResult(dt) is null ? ChargingWindow.Uniform(t, 200, "tmax") : ChargingWindow.Spacing(t, parse.GetValue(dt), "dt");
            }
            else if (file?.Times is { } times && parse.GetResult(dt) is null)
            {
                window = ChargingWindow.At(times);
            }
            else
            {
                throw new UsageException(parse.GetResult(dt) is not null && file is not null
                    ? "--dt: expected --tmax with it, got --dt alone"
                    : $"--tmax: expected the end of the storage window{(file is not null ? " (the model file has no output times)" : "")}, got none");
            }
            var run = ProgressReporter.Run(ctx, "discharge", 1, done =>
            {
                var r = battery.Discharge(state, window);
                done(1);
                return r;
            });
            var report = Describe(battery, fromText, run, charging, kind == StorageModel.File ? modelText : null);
            if (parse.GetValue(steady))
            {
                var (rho, residual) = battery.SteadyState();
                report.Set("steady_state", SteadyJson(battery, rho, residual));
            }
            if (parse.GetResult(steadyDrives) is { Implicit: false } && parse.GetValue(steadyDrives) is { } drives)
            {
                var scan = battery.SteadyStates(drives);
                var table = report.AddTable("steady_states", "drive", "energy", "ergotropy", "incoherent", "coherent", "passive_energy", "entropy", "residual");
                var array = new JsonArray();
                foreach (var (omegaValue, rho, residual) in scan)
                {
                    var p = battery.BatteryParts(rho);
                    table.Add(omegaValue, p.Energy, p.Ergotropy, p.Incoherent, p.Coherent, p.Passive, p.Entropy, residual);
                    var o = SteadyJson(battery, rho, residual);
                    o.Insert(0, "drive", Json.Number(omegaValue));
                    array.Add(o);
                }
                report.Set("steady_states", array);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static JsonObject SteadyJson(StorageBattery battery, DensityMatrix rho, double residual)
    {
        var p = battery.BatteryParts(rho);
        return new JsonObject
        {
            ["energy"] = Json.Number(p.Energy),
            ["ergotropy"] = Json.Number(p.Ergotropy),
            ["incoherent_ergotropy"] = Json.Number(p.Incoherent),
            ["coherent_ergotropy"] = Json.Number(p.Coherent),
            ["passive_energy"] = Json.Number(p.Passive),
            ["entropy"] = Json.Number(p.Entropy),
            ["populations"] = Json.Array(rho.Populations()),
            ["residual"] = Json.Number(residual),
        };
    }

    private static StorageState ReadState(string text, StorageBattery battery, ChargingModel? model)
    {
        if (battery.StateNames.Contains(text.ToLowerInvariant())) return battery.NamedState(text, model);
        if (Directory.Exists(text))
            throw new UsageException($"--from: expected one of {string.Join(", ", battery.StateNames)} or a state file, got the directory '{text}'");
        if (!File.Exists(text))
            throw new UsageException($"--from: expected one of {string.Join(", ", battery.StateNames)} or an existing state file, got '{text}'");
        var ext = Path.GetExtension(text).ToLowerInvariant();
        if (ext is not (".npy" or ".json"))
            throw new UsageException($"--from: expected a state file ending in .npy or .json, got '{text}'");
        // a matrix of the expected size is a density matrix (so a JSON 2x2 array is never read as a ket of [re, im] pairs); otherwise a vector is a ket
        var dimension = battery.Dims.Total;
        ComplexMatrix? matrix = null;
        try
        {
            matrix = MatrixFile.ReadMatrix(text);
        }
        catch (ValidationException)
        {
        }
        var description = $"state from {text}";
        if (matrix is not null && (matrix.Rows == dimension || matrix.Cols != 2 && matrix.Cols != 1))
            return StorageState.FromData(null, matrix, battery.Dims, battery.Description, description);
        return StorageState.FromData(MatrixFile.ReadVector(text), null, battery.Dims, battery.Description, description);
    }

    private static Report Describe(StorageBattery b, string from, DischargeRun run, ChargingRun? charging, string? modelFile)
    {
        var report = new Report("discharge");
        var noise = b.Noise;
        var e0 = run.GroundEnergy;
        report.Param("model", modelFile ?? b.Model.ToString().ToLowerInvariant()).Param("system", b.Description)
            .Param("cells", b.Cells).Param("levels", b.Levels).Param("from", from).Param("state", run.State.Description);
        if (b.Model != StorageModel.File)
        {
            report.Param("decay", Json.Number(noise.Decay)).Param("dephasing", Json.Number(noise.Dephasing))
                .Param("collective_decay", Json.Number(noise.CollectiveDecay)).Param("collective_dephasing", Json.Number(noise.CollectiveDephasing))
                .Param("temperature", Json.Number(noise.Temperature));
        }
        if (b.Model == StorageModel.Cells) report.Param("drive", Json.Number(b.Drive));
        if (b.Model == StorageModel.Dicke)
        {
            report.Param("coupling", Json.Number(b.ChargeCoupling)).Param("storage_coupling", Json.Number(b.StorageCoupling))
                .Param("kappa", Json.Number(b.CavityLoss)).Param("cutoff", b.Cutoff).Param("wa", Json.Number(b.CellFrequency)).Param("wc", Json.Number(b.CavityFrequency));
        }
        if (b.ChainModel is { } chain)
        {
            report.Param("b", Json.Number(chain.Field)).Param("g", Json.Number(chain.Coupling)).Param("alpha", Json.Number(chain.Anisotropy))
                .Param("omega", Json.Number(chain.Drive));
        }
        report.Param("ground_energy", Json.Number(e0)).Param("dynamics", run.Run.Dynamics).Param("collapse_operators", b.Collapse.Count)
            .Param("output_times", run.Times.Count);
        if (charging is not null)
        {
            report.Set("preparation_time", charging.ChargingTime, "charging time t* (max W/t) of the charging run that prepared the state");
            report.Set("preparation_time_error", charging.Curve is { } c ? Json.NumberOrNull(c.Maximum.TimeError) : null, "its error estimate");
            foreach (var w in charging.Warnings) report.Note($"warning (charging run): {w}");
        }
        var e = run.Ergotropy;
        var stored = run.Energy.Select(x => x - e0).ToArray();
        var passive = e.PassiveEnergy.Select(x => x - e0).ToArray();
        report.Set("initial_energy", stored[0], "stored energy at t = 0 (above e_min)");
        report.Set("initial_ergotropy", e.Ergotropy[0], "ergotropy at t = 0");
        report.Set("final_energy", stored[^1], "stored energy at t_max");
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
            report.Set("charging_time_error", Json.NumberOrNull(curve.Maximum.TimeError), "its error estimate");
            report.Set("max_average_power_error", Json.NumberOrNull(curve.Maximum.PowerError), "its error estimate");
        }
        if (run.Run.Statistics is { } stats)
        {
            report.Set("error_estimate", stats.ErrorEstimate, "error estimate (state, 2-norm)");
            if (!double.IsNaN(stats.TraceDrift)) report.Set("trace_drift", stats.TraceDrift, "max |tr rho - 1|");
        }
        report.Set("times", Json.Array(run.Times));
        report.Set("energy", Json.Array(stored));
        report.Set("power", run.Run.Power is null ? null : Json.Array(run.Run.Power));
        report.Set("ergotropy", Json.Array(e.Ergotropy));
        report.Set("incoherent_ergotropy", Json.Array(e.Incoherent!));
        report.Set("coherent_ergotropy", Json.Array(e.Coherent!));
        report.Set("passive_energy", Json.Array(passive));
        report.Set("entropy", Json.Array(e.Entropy));
        var table = report.AddTable("storage", "t", "energy", "ergotropy", "incoherent", "coherent", "passive_energy", "entropy");
        for (var i = 0; i < run.Times.Count; i++)
            table.Add(run.Times[i], stored[i], e.Ergotropy[i], e.Incoherent![i], e.Coherent![i], passive[i], e.Entropy[i]);
        foreach (var w in run.Run.Warnings.Where(w => b.Drive > 0 || !w.Contains("maximal average power", StringComparison.Ordinal))) report.Note($"warning: {w}");
        report.Note("half-lives: the first t with X(t) = X(0)/2, X the stored energy tr[rho H0] - e_min or the ergotropy, refined between outputs from the states (Illinois root-finding); null when not reached by t_max.");
        if (b.Model == StorageModel.Dicke)
        {
            report.Note("the battery is the cells: energy E_B = wa (J_z + N/2), ergotropy of the cells' reduced state (unitaries on the cells alone)");
            if (b.CavityLoss > 0 && b.StorageCoupling == 0) report.Note("--kappa acts on the cavity only: with --storage-coupling 0 the cells do not feel it");
        }
        if (b.Model == StorageModel.Chain && (noise.Decay > 0 || noise.Temperature > 0 || noise.CollectiveDecay > 0))
            report.Note("local dissipators on each spin (ladder of B sigma_z at the gap 2|B|), not on the eigenstates of the interacting H0: a local master equation");
        return report;
    }

    private static void Half(Report report, string key, RefinedTime? t, string label)
    {
        report.Set(key, t is null ? null : Json.Number(t.Time), label);
        report.Set(key + "_error", t is null ? null : Json.Number(t.TimeError), label + " error estimate");
    }
}
