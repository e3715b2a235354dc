using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.IO.Plot;
using QBatt.Thermodynamics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt advantage</c>: the collective quantum advantage under a fair constraint (R9-R11): a
/// disjoint-block k-local drive (k = N: the global drive of Rev eq 19, or PRL Proposition 1 from
/// thermal states) against N parallel copies of the best one-cell drive, every time computed from its
/// evolution, the collective Hamiltonian rescaled to saturate C0, C1 or C2.
/// </summary>
internal static class AdvantageCommand
{
    /// <summary>Largest total dimension d^N for pure states, and number of qubits for thermal ones.</summary>
    private const int MaxPureDimension = 1 << 20;
    private const int MaxThermalCells = 12;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cells = CliOptions.Int("--cells", "Number of cells N.", min: 1, required: true);
        var levels = CliOptions.Int("--levels", "Levels per cell d (energies 0, 1, .., d-1; default 2).", defaultValue: 2, min: 2);
        var k = CliOptions.Int("--k", "Interaction order: disjoint blocks of k cells, k dividing N (default N: the global drive).", min: 1);
        var constraint = CliOptions.Choice("--constraint", "The constraint saturated by the rescaling: c0 (time-averaged operator norm), c1 (energy spread), c2 (mean energy above the ground energy).", ["c0", "c1", "c2"], defaultValue: "c0");
        var thermal = CliOptions.Double("--thermal", "Charge from the thermal state exp(-EPS H0)/Z of every cell (H0 = diag(0, 1); the PRL writes I for it) to exp(+EPS H0)/Z with sigma_x^(x)k blocks (PRL Proposition 1; qubits only).", positive: true);
        var cmd = new Command("advantage", "The collective quantum advantage Gamma = P_coll / P_par under a fair constraint (R9-R11). Collective: sum over disjoint blocks of k cells of |0..0><d-1..d-1| + h.c. (k = N: the global drive |E><G| + h.c. of Rev eq 19), or with --thermal the sigma_x^(x)k blocks of PRL Proposition 1 from thermal states at +-EPS. Reference: N copies of the one-cell drive |0><d-1| + h.c. Every charging time is computed from the evolution (first arrival at the target); the collective Hamiltonian is rescaled H -> c H, t -> t/c so that its C0, C1 or C2 equals N (C0, C2) or sqrt(N) (C1) times the reference's. Closed forms: Gamma = k (C0, C2), sqrt(k) (C1).\n\nExamples:\n  qbatt advantage --cells 6 --constraint c0\n  qbatt advantage --cells 6 --levels 3 --k 3 --constraint c1 --json\n  qbatt advantage --cells 8 --constraint c2 --thermal 0.1 --plot work.svg");
        foreach (var o in new Option[] { cells, levels, k, constraint, thermal }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(cells);
            var d = parse.GetValue(levels);
            var kk = parse.GetResult(k) is null ? n : parse.GetValue(k);
            var c = ChargingConstraints.Parse(parse.GetValue(constraint)!);
            double? eps = parse.GetResult(thermal) is not null ? parse.GetValue(thermal) : null;
            if (kk > n || n % kk != 0)
                throw new UsageException($"--k: expected an interaction order that divides --cells {n}, got {kk}");
            if (eps is not null && d != 2)
                throw new UsageException($"--thermal: Proposition 1 is for two-level cells (--levels 2), got --levels {d}");
            if (eps is not null && n > MaxThermalCells)
                throw new UsageException($"--cells: expected at most {MaxThermalCells} cells with --thermal (mixed states of dimension 2^N), got {n}");
            if (Math.Pow(d, n) > MaxPureDimension)
                throw new UsageException($"--cells: expected d^N <= {MaxPureDimension}, got {d}^{n}");

            var report = new Report("advantage").Param("cells", n).Param("levels", d).Param("k", kk).Param("constraint", c.Label().ToLowerInvariant())
                .Param("thermal", eps is { } e0 ? Json.Number(e0) : null);
            var (collective, reference, what) = eps is { } e
                ? (QuditArrayBattery.ThermalBlocks(n, kk, e), QuditArrayBattery.ThermalFlip(e), $"sigma_x^(x){kk} on {n / kk} block(s) from (exp(-eps H0)/Z)^(x){n} to (exp(+eps H0)/Z)^(x){n}, eps = {ReportWriter.Format(e)} (PRL Proposition 1)")
                : (QuditArrayBattery.Blocks(d, n, kk), QuditArrayBattery.CellFlip(d), kk == n
                    ? $"global |E><G| + h.c. on {n} cells of {d} levels (Rev eq 19)"
                    : $"|0..0><{d - 1}..{d - 1}| + h.c. on {n / kk} disjoint blocks of {kk} cells of {d} levels (R11)");
            var a = ProgressReporter.Run(ctx, "advantage", 3, step =>
            {
                var refRun = reference.Run();
                step(1);
                var unscaled = collective.Run();
                step(2);
                return Advantage.Compare(unscaled, refRun, n, c);
            });

            var closed = QuditArrayBattery.BlockAdvantage(kk, c);
            report.Set("gamma", a.Gamma, $"quantum advantage Gamma ({c.Label()})");
            report.Set("closed_form", closed, c == ChargingConstraint.EnergySpread ? "closed form sqrt(k)" : "closed form k");
            report.Set("t_parallel", a.ParallelTime, "T_par (reference, from its evolution)");
            report.Set("t_collective", a.CollectiveTime, "T_coll (rescaled, from its evolution)");
            report.Set("work", a.CollectiveWork, "work deposited (collective)");
            report.Set("work_parallel", a.ParallelWork, "work deposited (N parallel copies)");
            report.Set("power_collective", a.CollectivePower, "average power, collective");
            report.Set("power_parallel", a.ParallelPower, "average power, N parallel copies");
            report.Set("constraint", c.Label());
            report.Set("scale", a.Scale, "rescaling c (H -> c H, t -> t/c)");
            report.Set("budget", a.Budget, $"{c.Label()} budget ({(c == ChargingConstraint.EnergySpread ? "sqrt(N)" : "N")} x reference)");
            report.Set("t_qsl_collective", a.Collective.SpeedLimit.Rigorous, "T_QSL of the rescaled collective run (rigorous)");
            report.Set("qsl_holds", a.Collective.SpeedLimit.Holds && a.Reference.SpeedLimit.Holds, "T >= T_QSL on every run");
            report.Set("collective", Describe(a.Collective));
            report.Set("collective_unscaled", Describe(a.CollectiveUnscaled));
            report.Set("reference", AdvantageCommand.OneCell(Describe(a.Reference)));
            var table = report.AddTable("runs", "run", "T", "W", "<P>", "C0", "C1", "C2", "T_QSL", "T_QSL_PRL_form", "T>=T_QSL");
            Row(table, "reference (1 cell)", a.Reference);
            Row(table, "collective (as given)", a.CollectiveUnscaled);
            Row(table, "collective (rescaled)", a.Collective);
            report.Note($"collective: {what}; reference: N = {n} copies of |0><{d - 1}| + h.c. on one cell");
            report.Note("T_QSL is the rigorous bound of R8 (Mandelstam-Tamm, and Margolus-Levitin for orthogonal pure states under a time-independent H); the PRL form L/min(E, dE) is shown beside it, a bound only for orthogonal pure states");

            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, Plot(a, n), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    /// <summary>The reference run's details, marked as one cell (the parallel values are N times its work and power).</summary>
    internal static JsonObject OneCell(JsonObject run)
    {
        run.Insert(0, "cells", 1);
        return run;
    }

    internal static JsonObject Describe(ChargingResult r) => new()
    {
        ["charging_time"] = Json.Number(r.ChargingTime),
        ["work"] = Json.Number(r.Work),
        ["average_power"] = Json.Number(r.AveragePower),
        ["c0"] = Json.Number(r.Constraints.OperatorNorm),
        ["c1"] = Json.Number(r.Constraints.EnergySpread),
        ["c2"] = Json.Number(r.Constraints.EnergyAboveGround),
        ["bures_angle"] = Json.Number(r.SpeedLimit.BuresAngle),
        ["t_qsl"] = Json.Number(r.SpeedLimit.Rigorous),
        ["t_qsl_prl_form"] = Json.Number(r.SpeedLimit.PrlForm),
        ["prl_form_applies"] = r.SpeedLimit.PrlFormApplies,
        ["qsl_holds"] = r.SpeedLimit.Holds,
        ["target_distance"] = r.TargetDistance is { } t ? Json.Number(t) : null,
        ["methods"] = r.Methods,
    };

    internal static void Row(ReportTable table, string label, ChargingResult r) =>
        table.Add(label, r.ChargingTime, r.Work, r.AveragePower, r.Constraints.OperatorNorm, r.Constraints.EnergySpread,
            r.Constraints.EnergyAboveGround, r.SpeedLimit.Rigorous, r.SpeedLimit.PrlForm, r.SpeedLimit.Holds);

    /// <summary>Deposited work against time: the rescaled collective run and N parallel copies of the reference.</summary>
    internal static SvgPlot Plot(AdvantageResult a, int n)
    {
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Collective vs parallel charging ({a.Constraint.Label()}), Γ = {a.Gamma:G6}"), "time t (ħ = 1)", "deposited work W(t) (units of H₀)");
        plot.AddLine("collective (rescaled)", a.Collective.Times, a.Collective.WorkSeries, color: SvgPlot.Palette[0]);
        plot.AddLine($"{n} parallel copies", a.Reference.Times, [.. a.Reference.WorkSeries.Select(w => n * w)], LineStyle.Dashed, SvgPlot.Palette[1]);
        plot.X.Min = 0;
        return plot;
    }
}
