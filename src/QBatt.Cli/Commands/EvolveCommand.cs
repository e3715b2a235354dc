using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO;
using QBatt.IO.Plot;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt evolve --model FILE</c>: runs the charging model of a YAML/JSON model file (closed or open
/// dynamics) and prints or writes W(t), P(t) and the chosen observables, with the maximal average power
/// and the charging time (R6, R7).
/// </summary>
internal static class EvolveCommand
{
    public static Command Create(CliContext ctx)
    {
        var model = CliOptions.File("--model", "The model file (YAML or JSON; see docs/model-files.md).", required: true, mustExist: true);
        var method = CliOptions.Choice("--method", "Integrator for intervals where H is constant (overrides the file).", [.. Integrators.Names]);
        var atol = CliOptions.Double("--atol", "Absolute tolerance (overrides the file; default 1e-10).", nonNegative: true);
        var rtol = CliOptions.Double("--rtol", "Relative tolerance (overrides the file; default 1e-10).", nonNegative: true);
        var output = new OutputOptions(plot: true, ".json", ".csv");
        var cmd = new Command("evolve", "Charge a battery described by a model file: closed (Schrödinger, von Neumann) or open (Lindblad) dynamics under H(t) = H_static + sum f_k(t) H_k. Prints W(t) = tr[rho(t) H0] - tr[rho(0) H0], P(t) = i tr(rho [H(t), H0]) from the state, the requested observables, the maximal average power max W(t)/t with the charging time refined below the output spacing, and the solver's error estimate.\n\nExample:\n  qbatt evolve --model docs/examples/two-qubit-pulse.yaml --plot charge.svg\n  qbatt evolve --model docs/examples/damped-qubit.json --json --out run.csv");
        cmd.Options.Add(model);
        cmd.Options.Add(method);
        cmd.Options.Add(atol);
        cmd.Options.Add(rtol);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var m = ModelFile.Load(path);
            var options = m.Options;
            if (parse.GetResult(method) is not null) options = options with { Method = parse.GetValue(method)! };
            if (parse.GetResult(atol) is not null) options = options with { AbsoluteTolerance = parse.GetValue(atol) };
            if (parse.GetResult(rtol) is not null) options = options with { RelativeTolerance = parse.GetValue(rtol) };
            CliOptions.Named(() => { options.Validate(); return options; }, ("AbsoluteTolerance", "--atol"), ("RelativeTolerance", "--rtol"), ("Method", "--method"));
            var open = m.Collapse.Count > 0;
            var charging = new ChargingObservables(m.Hamiltonian, m.Battery);
            var observables = charging.Observables.Concat(m.Observables).ToArray();
            var times = m.Times;
            var (expect, warnings, stats) = ProgressReporter.Run(ctx, "evolve", times.Count, progress =>
            {
                if (open)
                {
                    var solver = new LindbladSolver(m.Hamiltonian, m.Collapse, options);
                    OutputCallback<DensityMatrix>? cb = ctx.Interactive ? (i, _, _) => progress(i + 1) : null;
                    var traj = m.InitialKet is not null ? solver.Run(m.InitialKet, times, observables, cb) : solver.Run(m.InitialDensity!, times, observables, cb);
                    return (Series(traj, observables), traj.Warnings, traj.Statistics);
                }
                if (m.InitialKet is not null)
                {
                    OutputCallback<Ket>? cb = ctx.Interactive ? (i, _, _) => progress(i + 1) : null;
                    var traj = new SchrodingerSolver(m.Hamiltonian, options).Run(m.InitialKet, times, observables, cb);
                    return (Series(traj, observables), traj.Warnings, traj.Statistics);
                }
                OutputCallback<DensityMatrix>? cbm = ctx.Interactive ? (i, _, _) => progress(i + 1) : null;
                var mixed = new VonNeumannSolver(m.Hamiltonian, options).Run(m.InitialDensity!, times, observables, cbm);
                return (Series(mixed, observables), mixed.Warnings, mixed.Statistics);
            });
            var energy = expect[ChargingObservables.EnergyName];
            var work = Power.Work(energy);
            var power = expect[ChargingObservables.PowerName(0)].ToArray();
            for (var k = 0; k < m.Hamiltonian.Drives.Count; k++)
            {
                var pk = expect[ChargingObservables.PowerName(k + 1)];
                var f = m.Hamiltonian.Drives[k].Coefficient;
                for (var i = 0; i < power.Length; i++) power[i] += f.Value(times[i]) * pk[i];
            }
            var relative = times.Select(t => t - times[0]).ToArray();
            // P = dW/dt only for closed dynamics; with collapse operators refine from W alone
            var best = Power.MaximumAverage(relative, work, open ? null : power);

            var report = new Report("evolve");
            report.Param("model", path).Param("name", m.Name).Param("dims", Json.Array(m.Dims.AsSpan().ToArray()))
                .Param("dynamics", open ? "lindblad" : m.InitialKet is not null ? "schrodinger" : "von-neumann")
                .Param("collapse_operators", m.Collapse.Count).Param("drives", m.Hamiltonian.Drives.Count)
                .Param("method", options.Method).Param("time_dependent_method", options.TimeDependentMethod)
                .Param("atol", Json.Number(options.AbsoluteTolerance)).Param("rtol", Json.Number(options.RelativeTolerance))
                .Param("output_times", times.Count);
            report.Set("final_work", work[^1], "W(t_end)");
            report.Set("max_work", work.Max(), "max W over the outputs");
            report.Set("max_average_power", best.Power, "max W(t)/t (refined)");
            report.Set("charging_time", best.Time + times[0], "charging time (argmax W(t)/t)");
            report.Set("grid_max_average_power", best.GridPower, "max W(t)/t on the output grid");
            report.Set("power_refinement", best.Method + (best.AtBoundary ? " (maximum at the last output)" : ""), "refinement");
            report.Set("error_estimate", stats.ErrorEstimate, "error estimate (state, 2-norm)");
            report.Set("methods", stats.Methods, "propagators");
            report.Set("matvecs", stats.MatVecs, "mat-vecs");
            report.Set("steps", stats.Steps, "steps");
            report.Set("seconds", stats.Seconds, "solve seconds");
            if (!double.IsNaN(stats.TraceDrift)) report.Set("trace_drift", stats.TraceDrift, open ? "max |tr rho - 1|" : "| ||psi||^2 - 1 | at the end");
            if (!double.IsNaN(stats.MinEigenvalue)) report.Set("min_eigenvalue", stats.MinEigenvalue, "smallest eigenvalue of rho(t_end)");
            report.Set("times", Json.Array(times));
            report.Set("energy", Json.Array(energy));
            report.Set("work", Json.Array(work));
            report.Set("power", Json.Array(power));
            var series = new JsonObject();
            foreach (var o in m.Observables) series[o.Name] = Json.Array(expect[o.Name]);
            report.Set("observables", series);
            var columns = new List<string> { "t", "E0", "W", "P" };
            columns.AddRange(m.Observables.Select(o => o.Name));
            var table = report.AddTable("trajectory", [.. columns]);
            for (var i = 0; i < times.Count; i++)
            {
                var row = new List<object?> { times[i], energy[i], work[i], power[i] };
                row.AddRange(m.Observables.Select(o => (object?)expect[o.Name][i]));
                table.Add([.. row]);
            }
            if (open)
                report.Note("P = i tr(rho [H(t), H0]) is the Hamiltonian part of dW/dt; the collapse operators add tr(H0 D[rho]), so the charging time is refined from W alone.");
            foreach (var w in warnings) report.Note($"warning: {w}");
            if (output.Plot is not null && parse.GetValue(output.Plot) is { } svg)
            {
                var plot = new SvgPlot($"{m.Name}: charging", "t", "energy, power");
                plot.AddLine("W(t)", times.ToArray(), work);
                plot.AddLine(open ? "i tr(rho [H, H0])" : "P(t)", times.ToArray(), power, LineStyle.Dashed);
                foreach (var o in m.Observables) plot.AddLine($"<{o.Name}>", times.ToArray(), expect[o.Name], LineStyle.Dotted);
                plot.AddVerticalLine("charging time", best.Time + times[0]);
                plot.Save(svg);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static Dictionary<string, double[]> Series<TState>(Trajectory<TState> traj, IEnumerable<Observable> observables) where TState : class =>
        observables.ToDictionary(o => o.Name, o => traj.Expectation(o.Name));
}
