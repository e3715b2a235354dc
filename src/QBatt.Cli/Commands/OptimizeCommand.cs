using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.Control;
using QBatt.IO;
using QBatt.IO.Plot;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt optimize</c>: optimal-control charging (R17). GRAPE with exact gradients on piecewise-constant amplitudes of chosen
/// drive terms (qudit cells with k-local block and local flip controls, the Dicke coupling lambda(t), or a model file's drives),
/// projected L-BFGS under |u| &lt;= u_max from seeded starts, optionally the power under the fair C0 budget against N copies of the
/// optimised one-cell protocol; the final pulse is re-simulated by the charging pipeline and every reported value comes from that run.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string?>("FILE") { Description = "A model file (YAML or JSON) whose drives (drive0, drive1, ...) are controlled; without it --model chooses a built-in battery.", Arity = ArgumentArity.ZeroOrOne };
        var model = CliOptions.Choice("--model", "Built-in battery without FILE: cells (qudit cells, controls on the k-local blocks and the local flips), dicke (the coupling lambda(t) of the Dicke cavity), chain (the charging field omega(t) of the spin chain) or cooper (gate pulses and two-body couplings of Cooper-pair boxes).", ["cells", "dicke", "chain", "cooper"], defaultValue: "cells");
        var cells = CliOptions.Int("--cells", "Number of cells N (default 2).", defaultValue: 2, min: 1);
        var levels = CliOptions.Int("--levels", "Levels per cell d (cells; energies 0, 1, .., d-1; default 2).", defaultValue: 2, min: 2);
        var k = CliOptions.Int("--k", "Interaction order of the block controls, k dividing N (cells; default N: one global term).", min: 1);
        var cutoff = CliOptions.Int("--cutoff", "Photon levels of the Dicke cavity (default 2N + 8).", min: 2);
        var controls = CliOptions.Custom("--controls", "Controlled terms, comma-separated: cells global or block0, block1, .., flip0, flip1, .. (groups: blocks, flips; default all); dicke coupling; a model file drive0, drive1, .. (default all).", false,
            text => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var constraint = CliOptions.Choice("--constraint", "none (the amplitude bound alone) or a fair budget against N copies of the optimised one-cell protocol (cells) or the file's reference: c0 (operator norm), c1 (energy spread, budget sqrt(N) times the reference's) or c2 (mean energy above the instantaneous ground energy); c1 and c2 are optimised with their exact adjoint gradients.", ["none", "c0", "c1", "c2"], defaultValue: "none");
        var objective = CliOptions.Choice("--objective", "energy (W(T)), ergotropy (at T; for the pure closed evolution W(T) + e(0) - e_min, the same pulse), power (W(T)/T at the given T; under a budget, the power of the protocol rescaled to saturate it), max-power (W(T)/T maximised over T in (0, --time], golden section) or time (the shortest T whose optimised pulse deposits --target, bisection). Default: power with a budget, energy otherwise.", ["energy", "ergotropy", "power", "max-power", "time"]);
        var target = CliOptions.Double("--target", "With --objective time: the energy to deposit (0 < target <= e_max - e(0)).", positive: true);
        var b = CliOptions.Double("--b", "Chain: field B of H0 = B sum sigma_z + Hg (non-zero; default 1).", 1.0);
        var g = CliOptions.Double("--g", "Chain: nearest-neighbour coupling g (default 0.1).", 0.1);
        var alpha = CliOptions.Double("--alpha", "Chain: anisotropy alpha (default -1).", -1.0);
        var cooperKind = CliOptions.Choice("--kind", "Cooper: the coupling of each pair, xx (sigma_x sigma_x) or swap ((XX + YY)/2).", ["xx", "swap"], defaultValue: "xx");
        var topology = CliOptions.Choice("--topology", "Cooper: the coupled pairs, pairs (disjoint), chain (nearest neighbours) or all.", ["pairs", "chain", "all"], defaultValue: "pairs");
        var time = CliOptions.Double("--time", "The duration T (default pi/(2 u-max), the one-cell pi time).", positive: true);
        var slices = CliOptions.Int("--slices", "Piecewise-constant slices M (default 50).", defaultValue: 50, min: 1);
        var umax = CliOptions.Custom("--u-max", "The amplitude bound u_max > 0 (|u_k(t)| <= u_max; default 1).", false, text =>
        {
            var v = CliOptions.ParseDouble(text, "--u-max");
            return v > 0 && double.IsFinite(v) ? v : throw new UsageException($"--u-max: expected a positive finite amplitude bound, got {text}");
        });
        var seed = CliOptions.Int("--seed", "Seed of the random starts (default 1).", defaultValue: 1);
        var restarts = CliOptions.Int("--restarts", "Random starts (default 4).", defaultValue: 4, min: 1);
        var smooth = CliOptions.Int("--smooth", "Smooth controls with J Chebyshev modes: u_k(t) = u_max sin(sum_{j<J} c_kj T_j(2t/T - 1)), sampled on the slices (default 0: every slice amplitude free).", defaultValue: 0, min: 0);
        var iterations = CliOptions.Int("--iterations", "Largest number of L-BFGS steps per start (default 300).", defaultValue: 300, min: 1);
        var reference = new Option<bool>("--with-reference") { Description = "cells: also compare with N copies of the one-cell protocol optimised the same way (Gamma = P / (N P_ref)) without a budget." };
        var output = new OutputOptions(plot: true, ".json", ".csv", ".npy", ".h5");
        var cmd = new Command("optimize", "Optimal-control charging (R17): H(t) = H_d + sum_k u_k(t) H_k with u_k piecewise constant on M slices of [0, T], |u_k| <= u_max; GRAPE with exact gradients (derivative of each slice's exponential, adjoint propagation) maximised by projected L-BFGS from seeded random starts; the gradient is checked against finite differences on every run. With --constraint c0 the objective is the power of the protocol rescaled to saturate the C0 budget of N copies of the one-cell protocol (itself optimised), and Gamma is the fair comparison of R9. The final pulse is re-simulated by the charging pipeline (each slice held constant) and the work, power, C0-C2, speed limit and Gamma reported come from that run. --out writes the pulse (.csv, .npy: rows t_start, t_end, u_1, .., u_K) or the whole report (.json); --plot draws the pulse.\n\nExamples:\n  qbatt optimize --cells 1 --u-max 1 --slices 20\n  qbatt optimize --cells 4 --constraint c0 --slices 100 --json\n  qbatt optimize --model dicke --cells 2 --time 2.5 --u-max 0.4 --slices 40 --out pulse.csv\n  qbatt optimize docs/examples/two-qubit-pulse.yaml --controls drive0 --time 2 --u-max 1");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { model, cells, levels, k, cutoff, controls, constraint, objective, target, b, g, alpha, cooperKind, topology, time, slices, umax, seed, restarts, smooth, iterations, reference }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(file);
            var kind = path is null ? parse.GetValue(model)! : "file";
            var u = parse.GetResult(umax) is null ? 1.0 : parse.GetValue(umax);
            var c = parse.GetValue(constraint) is "none" or null ? (ChargingConstraint?)null : ChargingConstraints.Parse(parse.GetValue(constraint)!);
            var objectiveText = parse.GetResult(objective) is null ? (c is null ? "energy" : "power") : parse.GetValue(objective)!;
            var obj = objectiveText switch
            {
                "power" or "max-power" => ControlObjective.Power,
                "ergotropy" => ControlObjective.Ergotropy,
                _ => ControlObjective.Energy,
            };
            var search = objectiveText is "time" or "max-power";
            if (search && c is not null)
                throw new UsageException($"--objective: expected energy, ergotropy or power under a budget (the budget fixes the power at every T), got {objectiveText}");
            if (objectiveText == "time" && parse.GetResult(target) is null)
                throw new UsageException("--target: expected the energy to deposit with --objective time, got none");
            if (objectiveText != "time" && parse.GetResult(target) is not null)
                throw new UsageException($"--target: expected only with --objective time, got it with --objective {objectiveText}");
            foreach (var (specific, only) in new[] { (new Option[] { b, g, alpha }, "chain"), (new Option[] { cooperKind, topology }, "cooper") })
            {
                if (path is null && parse.GetValue(model) == only) continue;
                foreach (var o in specific)
                    if (parse.GetResult(o) is { Implicit: false })
                        throw new UsageException($"{o.Name}: expected only with --model {only}, got it with {(path is null ? "--model " + parse.GetValue(model) : "a model file")}");
            }
            // max-power searches T in (0, --time]: by default four one-cell pi times
            var t = parse.GetResult(time) is null ? (objectiveText == "max-power" ? 4 : 1) * Math.PI / (2 * u) : parse.GetValue(time);
            var settings = new ControlModels.Settings(t, parse.GetValue(slices), u, obj, c);
            var names = parse.GetResult(controls) is null ? null : parse.GetValue(controls);
            var n = parse.GetValue(cells);
            if (path is not null && parse.GetResult(model) is { Implicit: false })
                throw new UsageException("--model: expected either FILE or --model, got both");
            if (kind is not ("cells" or "cooper") && parse.GetValue(reference))
                throw new UsageException($"--with-reference: expected --model cells or cooper (the optimised one-cell reference), got {(path is null ? "--model " + kind : "a model file")}");
            var kk = parse.GetResult(k) is null ? n : parse.GetValue(k);
            var loaded = path is null ? null : QBatt.IO.ModelFile.Load(path);
            ControlProblem problem = kind switch
            {
                "cells" => ControlModels.Cells(n, parse.GetValue(levels), kk, names, settings, parse.GetValue(reference)),
                "dicke" => c is not null
                    ? throw new UsageException("--constraint: expected none for the Dicke coupling (its reference is not a one-cell protocol of the same drive), got " + c.Value.Label().ToLowerInvariant())
                    : ControlModels.Dicke(n, parse.GetResult(cutoff) is null ? 2 * n + 8 : parse.GetValue(cutoff), settings),
                "chain" => c is not null
                    ? throw new UsageException("--constraint: expected none for the chain's field (its reference is not a one-cell protocol of the same drive), got " + c.Value.Label().ToLowerInvariant())
                    : ControlModels.Chain(n < 2 ? throw new UsageException($"--cells: expected at least 2 spins for --model chain, got {n}") : new Models.SpinChain(n, parse.GetValue(b), parse.GetValue(g), parse.GetValue(alpha)), settings),
                "cooper" => ControlModels.Cooper(n, parse.GetValue(cooperKind) == "swap" ? Models.CooperCoupling.Swap : Models.CooperCoupling.SigmaXX,
                    parse.GetValue(topology) switch { "chain" => Models.CooperTopology.Chain, "all" => Models.CooperTopology.AllToAll, _ => Models.CooperTopology.Pairs },
                    names, settings, withReference: parse.GetValue(reference)),
                _ => ControlModels.ModelFile(loaded!, names ?? [.. Enumerable.Range(0, loaded!.Hamiltonian.Drives.Count).Select(i => $"drive{i}")], settings),
            };
            var options = new ControlOptions { Seed = parse.GetValue(seed), Restarts = parse.GetValue(restarts), MaxIterations = parse.GetValue(iterations), SmoothModes = parse.GetValue(smooth) };
            DurationSearchResult? found = null;
            var r = ProgressReporter.Run(ctx, "optimize", 1, done =>
            {
                found = objectiveText switch
                {
                    "time" => CliOptions.Named(() => ControlSearch.ShortestTime(problem, parse.GetValue(target), options), ("target", "--target")),
                    "max-power" => ControlSearch.MaximumPower(problem, t, options),
                    _ => null,
                };
                var result = found?.Result ?? ControlOptimizer.Optimize(problem, options);
                done(1);
                return result;
            });
            var report = Describe(r, kind, path, options);
            report.Param("objective", objectiveText);
            if (found is not null)
            {
                if (objectiveText == "time") report.Param("target", Json.Number(parse.GetValue(target)));
                report.Set("charging_time_error", found.TimeError, objectiveText == "time" ? "bracket of the shortest time (bisection)" : "bracket of the time of the largest power (golden section)");
                report.Set("optimizations", found.Optimizations, "optimisations run by the search over T");
                report.Note(objectiveText == "time"
                    ? "shortest time: bisection on T, each trial optimised from the seeded starts; it assumes that the optimised W(T) does not fall with T (true without a drift, where u = 0 holds the state)"
                    : "largest power over T: golden-section search of the optimised W(T)/T on (0, --time]");
            }
            var svg = output.Plot is null ? null : parse.GetValue(output.Plot);
            if (svg is not null) Plot(r).Save(svg);
            ReportWriter.Emit(ctx, parse, report, output, npy => Npy.Write(npy, PulseMatrix(r.Pulse)));
            return 0;
        });
        return cmd;
    }

    private static Report Describe(ControlResult r, string kind, string? path, ControlOptions o)
    {
        var p = r.Problem;
        var report = new Report("optimize");
        report.Param("model", path ?? kind).Param("name", p.Name).Param("dims", Json.Array(p.Dims.AsSpan().ToArray()))
            .Param("controls", Json.Array(p.Controls.Select(x => x.Name)))
            .Param("constraint", p.Constraint is { } c ? c.Label().ToLowerInvariant() : "none")
            .Param("objective", p.Objective.ToString().ToLowerInvariant())
            .Param("time", Json.Number(p.Duration)).Param("slices", p.Slices).Param("u_max", Json.Number(p.MaxAmplitude))
            .Param("seed", o.Seed).Param("restarts", o.Restarts).Param("iterations", o.MaxIterations).Param("smooth", o.SmoothModes);
        var run = r.Run;
        var pr = run.Protocol!;
        var scaled = p.Constraint is { } cc && run.Advantages.Count > 0 ? run.Advantage(cc) : null;
        report.Set("work", r.Work, "W(T) (pipeline run of the pulse)");
        report.Set("max_power", scaled?.CollectivePower ?? r.AveragePower, scaled is null ? "average power W(T)/T" : "average power at the budget (rescaled protocol)");
        report.Set("charging_time", scaled?.CollectiveTime ?? run.ChargingTime, scaled is null ? "charging time T" : "charging time at the budget (rescaled protocol)");
        report.Set("average_power_unscaled", r.AveragePower, "W(T)/T of the pulse as optimised");
        report.Set("ergotropy", r.Work + InitialErgotropyOffset(r), "ergotropy at T (pure state: E(T) - e_min)");
        report.Set("gamma", Json.NumberOrNull(r.Gamma), scaled is null ? "Gamma = P / (N P_ref)" : $"Gamma under {scaled.Constraint.Label()} (fair comparison)");
        if (r.Budget is { } b) report.Set("budget", b, $"{p.Constraint!.Value.Label()} budget (N x the reference's value)");
        if (scaled is not null)
        {
            report.Set("scale", scaled.Scale, "rescaling c to the budget (H -> c H, t -> t/c)");
            report.Set("power_parallel", scaled.ParallelPower, "power of N parallel copies of the reference");
        }
        report.Set("c0", pr.Constraints.OperatorNorm, "C0 (time-averaged ||H||), pulse as optimised");
        report.Set("c1", pr.Constraints.EnergySpread, "C1 (time-averaged Delta H)");
        report.Set("c2", pr.Constraints.EnergyAboveGround, "C2 (time-averaged <H> - h_g)");
        report.Set("bures_angle", pr.SpeedLimit.BuresAngle, "Bures angle L(psi(0), psi(T))");
        report.Set("t_qsl", pr.SpeedLimit.Rigorous, "T_QSL (rigorous)");
        report.Set("qsl_ratio", pr.SpeedLimit.Rigorous / p.Duration, "T_QSL / T (1: the speed limit is saturated)");
        report.Set("qsl_holds", pr.SpeedLimit.Holds, "T >= T_QSL");
        if (p.Constraint is not null && kind == "cells")
        {
            var locality = p.Controls.Max(x => x.Name == "global" ? r.Problem.Dims.Count : x.Name.StartsWith("block", StringComparison.Ordinal) ? BlockSize(p) : 1);
            report.Set("prl_bound_theorem1", Math.PI / 2 * locality, "PRL Theorem 1: Gamma_C0 < gamma k, gamma = pi/2");
            // participation number m: the most control terms any one cell takes part in (a block or the global term, and its flip)
            var m = (p.Controls.Any(x => x.Name == "global" || x.Name.StartsWith("block", StringComparison.Ordinal)) ? 1 : 0)
                + (p.Controls.Any(x => x.Name.StartsWith("flip", StringComparison.Ordinal)) ? 1 : 0);
            report.Set("participation_number", m, "participation number m (most control terms on one cell)");
            report.Set("prl_bound_theorem2", Math.PI / 2 * (locality * locality * (m - 1) + locality), "PRL Theorem 2: Gamma_C0 < gamma [k^2 (m - 1) + k]");
        }
        report.Set("gradient_check", Json.NumberOrNull(r.GradientCheck?.MaxRelativeDifference ?? double.NaN), "max |g - g_fd| / max |g| (exact vs finite differences)");
        report.Set("optimizer_objective", r.OptimizerObjective, "objective reached by the optimiser");
        report.Set("optimizer_work_discrepancy", r.WorkDiscrepancy, "|W(optimiser) - W(pipeline)|");
        report.Set("restart_objectives", Json.Array(r.RestartObjectives));
        report.Set("iterations_best", r.Iterations, "L-BFGS steps of the best start");
        report.Set("iterations_total", r.TotalIterations, "L-BFGS steps over all starts");
        report.Set("stop", r.Stop, "why the best start stopped");
        report.Set("fraction_at_bound", r.Pulse.FractionAtBound(p.MaxAmplitude), "fraction of amplitudes at |u| = u_max (bang-bang: 1)");
        if (r.Reference is { } rr)
            report.Set("reference", new JsonObject
            {
                ["name"] = rr.Problem.Name,
                ["copies"] = p.Reference!.Copies,
                ["work"] = Json.Number(rr.Work),
                ["average_power"] = Json.Number(rr.AveragePower),
                ["c0"] = Json.Number(rr.Constraints.OperatorNorm),
                ["gradient_check"] = Json.NumberOrNull(rr.GradientCheck?.MaxRelativeDifference ?? double.NaN),
            });
        var pulse = new JsonObject
        {
            ["edges"] = Json.Array(r.Pulse.Edges),
        };
        for (var i = 0; i < r.Pulse.Names.Count; i++) pulse[r.Pulse.Names[i]] = Json.Array(r.Pulse.Amplitudes[i]);
        report.Set("pulse", pulse);
        var table = report.AddTable("pulse", ["t_start", "t_end", .. r.Pulse.Names]);
        for (var j = 0; j < p.Slices; j++)
            table.Add([r.Pulse.Edges[j], r.Pulse.Edges[j + 1], .. r.Pulse.Amplitudes.Select(a => (object?)a[j])]);
        foreach (var w in run.Warnings) report.Note($"warning: {w}");
        report.Note("every physical value is from the charging pipeline's re-simulation of the final pulse (each slice held constant)");
        return report;
    }

    private static int BlockSize(ControlProblem p) => p.Dims.Count / Math.Max(1, p.Controls.Count(x => x.Name.StartsWith("block", StringComparison.Ordinal)));

    /// <summary>The ergotropy offset e(0) - e_min of the pure initial state: the ergotropy at T is W(T) plus it.</summary>
    private static double InitialErgotropyOffset(ControlResult r) =>
        r.Problem.Battery.Expectation(r.Problem.Initial).Real - r.Problem.Battery.LowestEigenvalue();

    private static double[,] PulseMatrix(ControlPulse pulse)
    {
        var m = pulse.Edges.Length - 1;
        var a = new double[m, pulse.Names.Count + 2];
        for (var j = 0; j < m; j++)
        {
            a[j, 0] = pulse.Edges[j];
            a[j, 1] = pulse.Edges[j + 1];
            for (var k = 0; k < pulse.Names.Count; k++) a[j, k + 2] = pulse.Amplitudes[k][j];
        }
        return a;
    }

    private static SvgPlot Plot(ControlResult r)
    {
        var plot = new SvgPlot($"{r.Problem.Name}: optimal pulse, W = {ReportWriter.Format(r.Work)}", "t", "u_k(t)");
        for (var k = 0; k < r.Pulse.Names.Count; k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var j = 0; j + 1 < r.Pulse.Edges.Length; j++)
            {
                xs.Add(r.Pulse.Edges[j]); ys.Add(r.Pulse.Amplitudes[k][j]);
                xs.Add(r.Pulse.Edges[j + 1]); ys.Add(r.Pulse.Amplitudes[k][j]);
            }
            plot.AddLine(r.Pulse.Names[k], xs, ys, color: SvgPlot.Palette[k % SvgPlot.Palette.Count]);
        }
        return plot;
    }
}
