using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt charge FILE</c> (alias <c>qbatt evolve --model FILE</c>): charges the battery of a YAML/JSON model file on the one
/// charging pipeline (closed or open dynamics) and reports W(t), P(t) from the state, the requested observables, the maximal
/// average power and the charging time, the ergotropy along the trajectory, the constraint values C0-C2 and the speed limit,
/// and Gamma against the file's reference (R6-R9, R16).
/// </summary>
internal static class ChargeCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string?>("FILE") { Description = "The model file (YAML or JSON; see docs/model-files.md).", Arity = ArgumentArity.ZeroOrOne };
        var model = CliOptions.File("--model", "The model file (the form of the 'evolve' alias; give either FILE or --model).", mustExist: true);
        var method = CliOptions.Choice("--method", "Integrator for intervals where H is constant (overrides the file).", [.. Integrators.Names]);
        var atol = CliOptions.Double("--atol", "Absolute tolerance (overrides the file; default 1e-10).", nonNegative: true);
        var rtol = CliOptions.Double("--rtol", "Relative tolerance (overrides the file; default 1e-10).", nonNegative: true);
        var output = new OutputOptions(plot: true, ".json", ".csv", ".h5", ".npy");
        var cmd = new Command("charge", "Charge a battery described by a model file on the charging pipeline: closed (Schrödinger, von Neumann) or open (Lindblad) dynamics under H(t) = H_static + sum f_k(t) H_k. Prints W(t) = tr[rho(t) H0] - tr[rho(0) H0], P(t) = dW/dt from the state (with the dissipative part tr(D[rho] H0) for open dynamics), the requested observables, the maximal average power max W(t)/t with the charging time refined below the output spacing, and, as the file's compute: list asks, the ergotropy along the trajectory, the constraint values C0-C2 and the speed limit; with a reference: in the file, Gamma against its copies (under constraints when given).\n\nExamples:\n  qbatt charge docs/examples/two-qubit-pulse.yaml --plot charge.svg\n  qbatt charge docs/examples/damped-qubit.json --json --out run.csv\n  qbatt charge docs/examples/three-cells-global.yaml --json\n  qbatt evolve --model docs/examples/two-qubit-pulse.yaml");
        cmd.Aliases.Add("evolve");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { model, method, atol, rtol }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var positional = parse.GetValue(file);
            var flagged = parse.GetResult(model) is null ? null : parse.GetValue(model);
            if ((positional is null) == (flagged is null))
                throw new UsageException(positional is null ? "FILE: expected a model file (qbatt charge FILE, or --model FILE), got none" : "--model: expected either FILE or --model FILE, got both");
            var path = positional ?? flagged!;
            var m = ModelFile.Load(path);
            var evolution = m.Options;
            if (parse.GetResult(method) is not null) evolution = evolution with { Method = parse.GetValue(method)! };
            if (parse.GetResult(atol) is not null) evolution = evolution with { AbsoluteTolerance = parse.GetValue(atol) };
            if (parse.GetResult(rtol) is not null) evolution = evolution with { RelativeTolerance = parse.GetValue(rtol) };
            CliOptions.Named(() => { evolution.Validate(); return evolution; }, ("AbsoluteTolerance", "--atol"), ("RelativeTolerance", "--rtol"), ("Method", "--method"));
            m = m with { Options = evolution };
            var setup = ModelFileBattery.Setup(m);
            var run = ProgressReporter.Run(ctx, "charge", 1, done =>
            {
                var r = ChargingRunner.Run(setup);
                done(1);
                return r;
            });
            var report = Describe(path, m, run);
            foreach (var w in run.Warnings) report.Note($"warning: {w}");
            if (output.Plot is not null && parse.GetValue(output.Plot) is { } svg)
                output.SaveFigure(ctx, parse, Plot(m, run), svg);
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static Report Describe(string path, ChargingModel m, ChargingRun run)
    {
        var open = m.Collapse.Count > 0;
        var options = m.Options;
        var t0 = run.Times[0];
        var report = new Report("charge");
        report.Param("model", path).Param("name", m.Name).Param("dims", Json.Array(m.Dims.AsSpan().ToArray()))
            .Param("dynamics", run.Dynamics)
            .Param("collapse_operators", m.Collapse.Count).Param("drives", m.Hamiltonian.Drives.Count)
            .Param("method", options.Method).Param("time_dependent_method", options.TimeDependentMethod)
            .Param("atol", Json.Number(options.AbsoluteTolerance)).Param("rtol", Json.Number(options.RelativeTolerance))
            .Param("output_times", run.Times.Count)
            .Param("compute", Json.Array(m.Compute))
            .Param("end", m.End is null ? null : new JsonObject { ["kind"] = m.End.Kind, ["time"] = Json.Number(m.End.Time) });
        var work = run.WorkSeries.ToArray();
        report.Set("final_work", work[^1], "W(t_end)");
        report.Set("max_work", work.Max(), "max W over the outputs");
        if (run.Curve is { } curve)
        {
            var best = curve.Maximum;
            report.Set("max_average_power", best.Power, "max W(t)/t (refined)");
            report.Set("charging_time", best.Time + t0, "charging time (argmax W(t)/t)");
            report.Set("grid_max_average_power", best.GridPower, "max W(t)/t on the output grid");
            report.Set("power_refinement", best.Method + (best.AtBoundary ? " (maximum at the last output)" : ""), "refinement");
            report.Set("charging_time_error", Json.NumberOrNull(best.TimeError), "error estimate of the charging time");
            report.Set("max_average_power_error", Json.NumberOrNull(best.PowerError), "error estimate of the maximal average power");
        }
        else
        {
            report.Set("average_power", run.AveragePower, "W(T)/T at the end of the protocol");
            report.Set("charging_time", run.ChargingTime + t0, $"charging time ({m.End!.Kind})");
        }
        report.Set("work_at_charging_time", run.Work, "W at the charging time");
        if (run.Statistics is { } stats)
        {
            report.Set("error_estimate", stats.ErrorEstimate, "error estimate (state, 2-norm)");
            report.Set("methods", stats.Methods, "propagators");
            report.Set("matvecs", stats.MatVecs, "mat-vecs");
            if (run.Protocol is null) report.Set("refinement_matvecs", run.RefinementMatVecs, "mat-vecs of the runs that refined the maxima");
            report.Set("steps", stats.Steps, "steps");
            report.Set("seconds", stats.Seconds, "solve seconds");
            if (!double.IsNaN(stats.TraceDrift)) report.Set("trace_drift", stats.TraceDrift, open ? "max |tr rho - 1|" : "| ||psi||^2 - 1 | at the end");
            if (!double.IsNaN(stats.MinEigenvalue)) report.Set("min_eigenvalue", stats.MinEigenvalue, "smallest eigenvalue of rho(t_end)");
        }
        else if (run.Protocol is { } p)
        {
            report.Set("error_estimate", p.ErrorEstimate, "error estimate (state, 2-norm)");
            report.Set("methods", p.Methods, "propagators");
        }
        report.Set("estimated_memory_bytes", (long)run.EstimatedBytes);
        report.Set("times", Json.Array(run.Times));
        report.Set("energy", Json.Array(run.Energy));
        report.Set("work", Json.Array(work));
        report.Set("power", run.Power is null ? null : Json.Array(run.Power));
        var series = new JsonObject();
        foreach (var o in m.Observables) series[o.Name] = Json.Array(run.Observables[o.Name]);
        report.Set("observables", series);
        var columns = new List<string> { "t", "E0", "W", "P" };
        if (run.Ergotropy is { } e)
        {
            report.Set("ergotropy", Json.Array(e.Ergotropy));
            report.Set("passive_energy", Json.Array(e.PassiveEnergy));
            report.Set("entropy", Json.Array(e.Entropy));
            if (e.Incoherent is not null)
            {
                report.Set("incoherent_ergotropy", Json.Array(e.Incoherent));
                report.Set("coherent_ergotropy", Json.Array(e.Coherent!));
            }
            columns.Add("ergotropy");
        }
        if (run.Protocol is { } pr)
        {
            report.Set("c0", pr.Constraints.OperatorNorm, "C0 (time-averaged ||H||)");
            report.Set("c1", pr.Constraints.EnergySpread, "C1 (time-averaged Delta H)");
            report.Set("c2", pr.Constraints.EnergyAboveGround, "C2 (time-averaged <H> - h_g)");
            report.Set("bures_angle", pr.SpeedLimit.BuresAngle, "Bures angle L(rho(0), rho(T))");
            report.Set("t_qsl", pr.SpeedLimit.Rigorous, "T_QSL (rigorous)");
            report.Set("t_qsl_prl_form", pr.SpeedLimit.PrlForm, "T_QSL, PRL form L/min(E, dE)");
            report.Set("qsl_holds", pr.SpeedLimit.Holds, "T >= T_QSL");
            if (pr.TargetDistance is { } td) report.Set("target_distance", td, "||rho(T) - sigma||_F");
        }
        if (run.Reference is { } reference)
        {
            report.Set("gamma", run.Gamma, $"Gamma = P / ({run.ReferenceCopies} P_ref)");
            report.Set("reference", new JsonObject
            {
                ["name"] = reference.Setup.Name,
                ["copies"] = run.ReferenceCopies,
                ["note"] = "one copy; the comparison is against 'copies' of it",
                ["charging_time"] = Json.Number(reference.ChargingTime),
                ["work"] = Json.Number(reference.Work),
                ["average_power"] = Json.Number(reference.AveragePower),
            });
            var advantages = new JsonArray();
            foreach (var a in run.Advantages)
            {
                advantages.Add(new JsonObject
                {
                    ["constraint"] = a.Constraint.Label().ToLowerInvariant(),
                    ["gamma"] = Json.Number(a.Gamma),
                    ["scale"] = Json.Number(a.Scale),
                    ["budget"] = Json.Number(a.Budget),
                    ["t_parallel"] = Json.Number(a.ParallelTime),
                    ["t_collective"] = Json.Number(a.CollectiveTime),
                    ["work_mismatch"] = Json.Number(a.WorkMismatch),
                });
                report.Set($"gamma_{a.Constraint.Label().ToLowerInvariant()}", a.Gamma, $"Gamma under {a.Constraint.Label()}");
            }
            report.Set("advantages", advantages);
        }
        columns.AddRange(m.Observables.Select(o => o.Name));
        var table = report.AddTable("trajectory", [.. columns]);
        for (var i = 0; i < run.Times.Count; i++)
        {
            var row = new List<object?> { run.Times[i], run.Energy[i], work[i], run.Power?[i] };
            if (run.Ergotropy is { } er) row.Add(er.Ergotropy[i]);
            row.AddRange(m.Observables.Select(o => (object?)run.Observables[o.Name][i]));
            table.Add([.. row]);
        }
        switch (run.FinalState)
        {
            case DensityMatrix rho:
                report.Matrix("final_state", rho.ToMatrix(), "the density matrix at the last output time (--out FILE.npy)");
                break;
            case Ket psi:
                report.Matrix("final_state", QBatt.Numerics.ComplexMatrix.FromColumnMajor(psi.Amplitudes.Length, 1, psi.Amplitudes), "the state vector at the last output time, a column (--out FILE.npy)");
                break;
        }
        if (open)
            report.Note("P = tr(L[rho] H0) = i tr(rho [H(t), H0]) + tr(rho D^dag[H0]): the Hamiltonian part plus the dissipative part, both from the state.");
        return report;
    }

    private static SvgPlot Plot(ChargingModel m, ChargingRun run)
    {
        var times = run.Times.ToArray();
        var plot = new SvgPlot($"{m.Name}: charging", "time t (ħ = 1)", "W(t), P(t), ⟨O⟩ (model units)");
        plot.AddLine("W(t)", times, [.. run.WorkSeries]);
        if (run.Power is { } p) plot.AddLine("P(t)", times, [.. p], LineStyle.Dashed);
        foreach (var o in m.Observables) plot.AddLine($"⟨{o.Name}⟩", times, run.Observables[o.Name], LineStyle.Dotted);
        plot.AddVerticalLine("charging time", run.ChargingTime + times[0]);
        return plot;
    }
}
