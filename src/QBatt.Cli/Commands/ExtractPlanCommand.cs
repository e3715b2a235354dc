using System.CommandLine;
using System.Text.Json.Nodes;
using QBatt.Charging;
using QBatt.Cli.Inputs;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt extract-plan</c>: entanglement-free optimal work extraction from n copies of a cell
/// (R5, Rev eqs 12-13): the single-cell steps, their count against the direct transpositions, the
/// final state checked against the passive state, separability checked along the way, and the
/// entanglement the direct route creates.
/// </summary>
internal static class ExtractPlanCommand
{
    /// <summary>Largest --samples: angles inside (0, pi/2) checked per step; each costs one partial-transpose eigenvalue problem of d^n states.</summary>
    internal const int MaxSamples = 1000;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var cell = new CellInput(required: true);
        var cells = CliOptions.Int("--cells", "Number of cells n (d^n at most 65536).", min: 1, required: true);
        var samples = CliOptions.Int("--samples", "Rotation angles checked for separability inside each step (default 3: pi/8, pi/4, 3pi/8).", defaultValue: 3, min: 1);
        var show = CliOptions.Int("--show", "Steps shown in the table (0: all; --json and --out have every step).", defaultValue: 40, min: 0);
        var cmd = new Command("extract-plan", "Entanglement-free optimal work extraction from n copies of a cell (R5): every transposition of populations that takes rho^(x)n to its passive state is split into 2h - 1 two-level rotations that change one cell each, so the state stays separable (checked by PPT across every bipartition at sampled angles), while the direct rotation between states differing in several cells is shown to entangle.\n\nExamples:\n  qbatt extract-plan --energies 0,0.579,1 --populations 0,0.3,0.7 --cells 2\n  qbatt extract-plan --energies 0,1 --populations 0.3,0.7 --cells 12 --json\n  qbatt extract-plan --energies 0,0.5,1 --populations 0.2,0.3,0.5 --cells 4 --out plan.csv");
        cell.AddTo(cmd);
        cmd.Options.Add(cells);
        cmd.Options.Add(samples);
        cmd.Options.Add(show);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("extract-plan");
            var (e, p) = cell.Read(parse, report);
            var n = parse.GetValue(cells);
            var k = parse.GetValue(samples);
            report.Param("cells", n).Param("samples", k);
            if (k > MaxSamples)
                throw new UsageException($"--samples: expected at most {MaxSamples} rotation angles per step (each angle is one partial-transpose check of the whole state), got {k}");
            var plan = EntanglementFreeExtraction.PlanForCopies(p, e, n);
            var v = ProgressReporter.Run(ctx, $"extract-plan: PPT checks ({plan.Dims.Total} states)", progress =>
                EntanglementFreeExtraction.Verify(plan, new ExtractionVerificationOptions { SamplesPerStep = k, Progress = progress }));

            report.Set("dimension", plan.Dims.Total, "dimension d^n");
            report.Set("ergotropy", plan.Ergotropy, "ergotropy of the n cells");
            report.Set("initial_energy", plan.InitialEnergy, "initial energy");
            report.Set("passive_energy", v.PassiveEnergy, "passive energy");
            report.Set("final_energy", v.FinalEnergy, "final energy");
            report.Set("final_is_passive", v.FinalIsPassive, "final state passive");
            report.Set("max_final_deviation", v.MaxShellDeviation, "max |final - passive| population");
            report.Set("direct_transpositions", plan.Transpositions.Count, "direct transpositions (one rotation each)");
            report.Set("single_cell_steps", plan.Steps.Count, "single-cell steps (2h - 1 per transposition)");
            report.Set("executed_steps", plan.ExecutedSteps, "steps that change the state");
            report.Set("trivial_steps", plan.Steps.Count - plan.ExecutedSteps, "trivial steps (equal populations, skipped)");
            report.Set("separable_throughout", v.SeparableThroughout, "PPT across every bipartition throughout");
            report.Set("min_ppt_eigenvalue", v.MinPptEigenvalue, "min partial-transpose eigenvalue (steps)");
            report.Set("ppt_states_checked", v.StatesChecked, "sampled intermediate states");
            report.Set("bipartitions", v.Bipartitions, "bipartitions per state");
            if (v.Direct is { } d)
            {
                report.Set("direct_route", new JsonObject
                {
                    ["transposition"] = d.Transposition,
                    ["from"] = plan.Label(d.Alpha),
                    ["to"] = plan.Label(d.Beta),
                    ["angle"] = Json.Number(d.Angle),
                    ["min_ppt_eigenvalue"] = Json.Number(d.MinPptEigenvalue),
                    ["cut"] = Json.Array(d.Cut),
                    ["entangles"] = v.DirectRouteEntangles,
                });
                report.Set("direct_min_ppt_eigenvalue", d.MinPptEigenvalue, $"direct route: min PPT eigenvalue ({plan.Label(d.Alpha)} <-> {plan.Label(d.Beta)}, theta = {ReportWriter.Format(d.Angle)})");
                report.Set("direct_route_entangles", v.DirectRouteEntangles, "direct route entangles");
            }
            else
            {
                report.Set("direct_route", null);
                report.Note("every transposition changes a single cell, so the direct route is already entanglement-free");
            }

            var transpositions = new JsonArray();
            foreach (var t in plan.Transpositions)
            {
                transpositions.Add(new JsonObject
                {
                    ["index"] = t.Index, ["from"] = plan.Label(t.Alpha), ["to"] = plan.Label(t.Beta),
                    ["distance"] = t.Distance, ["first_step"] = t.FirstStep, ["steps"] = t.StepCount,
                });
            }
            report.Set("transpositions", transpositions);
            var steps = new JsonArray();
            foreach (var s in plan.Steps)
            {
                steps.Add(new JsonObject
                {
                    ["step"] = s.Index, ["transposition"] = s.Transposition, ["from"] = plan.Label(s.From), ["to"] = plan.Label(s.To),
                    ["cell"] = s.Cell, ["from_level"] = s.FromLevel, ["to_level"] = s.ToLevel, ["trivial"] = s.Trivial,
                });
            }
            report.Set("steps", steps);
            var limit = parse.GetValue(show);
            var all = limit == 0 || (parse.GetValue(output.Out) is { } o && o.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
            var table = report.AddTable("steps", "step", "transposition", "from", "to", "cell", "levels", "trivial");
            foreach (var s in plan.Steps.Take(all ? int.MaxValue : limit))
                table.Add(s.Index, s.Transposition, plan.Label(s.From), plan.Label(s.To), s.Cell, $"{s.FromLevel} -> {s.ToLevel}", s.Trivial);
            if (!all && plan.Steps.Count > limit)
                report.Note($"showing {limit} of {plan.Steps.Count} steps (--show 0 for all; --json or --out FILE has every step)");
            report.Note("levels are 0-based (the texts' |1>..|d> are |0>..|d-1> here); cell 0 is the leftmost digit; trivial steps swap equal populations and are skipped");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
