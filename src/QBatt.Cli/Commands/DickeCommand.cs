using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Cli.Output;
using QBatt.IO.Plot;
using QBatt.Models;
using QBatt.Numerics;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt dicke</c>: charging of the Dicke cavity battery (R12, Rev eqs 23-26) from |N photons&gt; (x)
/// |all cells down&gt;: the maximal average power and charging time, the first maximum of E_B, the top Fock
/// level population (the cutoff check), and Gamma against N independent Rabi cells; with several N, the
/// scan Gamma(N) and its fit against sqrt(N).
/// </summary>
internal static class DickeCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cells = CliOptions.IntRanges("--cells", "Number of cells N, or a list/range to scan, e.g. 20 or 1..40.", required: true);
        var coupling = CliOptions.Double("--coupling", "Light-matter coupling lambda (H = wc a^dag a + wa Jz + 2 wc lambda Jx (a + a^dag)).", required: true);
        var cutoff = CliOptions.Int("--cutoff", "Photon levels |0>..|M-1> (default: chosen from N, lambda and t_max; must exceed N).", min: 1);
        var tmax = CliOptions.Double("--tmax", "End of the time window (default: chosen from N and lambda so that the power maximum and the first energy maximum are inside).", positive: true);
        var dt = CliOptions.Double("--dt", "Output spacing (default t_max/400).", positive: true);
        var space = CliOptions.Choice("--space", "symmetric: the Dicke subspace (N+1) x cutoff; full: 2^N x cutoff (N <= 12, a cross-check).", ["symmetric", "full"], "symmetric");
        var wa = CliOptions.Double("--wa", "Cell frequency wa.", 1.0, positive: true);
        var wc = CliOptions.Double("--wc", "Cavity frequency wc.", 1.0, positive: true);
        var strict = new Option<bool>("--strict") { Description = "Refuse (exit 1) instead of warning when the top Fock level population exceeds 1e-8." };
        var trace = new Option<bool>("--trace") { Description = "Add the arrays times, energy and power (E_B(t)/t) and instantaneous_power (dE_B/dt) to the output (one N only)." };
        var cmd = new Command("dicke", "Charge the Dicke cavity battery (R12): N two-level cells in one cavity, from |N photons> (x) |all cells down>. Reports the maximal average power E_B(t)/t and the charging time, the first maximum of E_B, the population of the top Fock level (warning above 1e-8), and Gamma = max P_Dicke / (N max P_Rabi) against N cells each charged by its own cavity with one photon. A list or range of N scans Gamma(N) and fits Gamma against sqrt(N).\n\nExamples:\n  qbatt dicke --cells 20 --coupling 0.5\n  qbatt dicke --cells 200 --coupling 0.5 --json\n  qbatt dicke --cells 1..40 --coupling 0.5 --plot gamma.svg\n  qbatt dicke --cells 6 --coupling 0.5 --space full --cutoff 40");
        foreach (var o in new Option[] { cells, coupling, cutoff, tmax, dt, space, wa, wc, strict, trace }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var ns = parse.GetValue(cells)!;
            var lambda = parse.GetValue(coupling);
            var options = new DickeChargingOptions
            {
                TimeWindow = parse.GetResult(tmax) is null ? null : parse.GetValue(tmax),
                TimeStep = parse.GetResult(dt) is null ? null : parse.GetValue(dt),
                Cutoff = parse.GetResult(cutoff) is null ? null : parse.GetValue(cutoff),
                Space = parse.GetValue(space) == "full" ? DickeSpace.Full : DickeSpace.Symmetric,
                CellFrequency = parse.GetValue(wa),
                CavityFrequency = parse.GetValue(wc),
                Strict = parse.GetValue(strict),
            };
            if (ns.Length > 1 && parse.GetValue(trace))
                throw new UsageException($"--trace: expected a single --cells value, got {ns.Length}");
            // every battery validated and sized before anything runs
            var batteries = ns.Select(n => new DickeBattery(n, lambda, options)).ToArray();
            foreach (var b in batteries) ChargingRunner.RequireFits(b.Setup());
            var report = new Report("dicke");
            report.Param("cells", ns.Length == 1 ? JsonValue.Create(ns[0]) : Json.Array(ns)).Param("coupling", lambda)
                .Param("wa", options.CellFrequency).Param("wc", options.CavityFrequency).Param("space", parse.GetValue(space))
                .Param("strict", options.Strict);
            if (options.Cutoff is { } c) report.Param("cutoff", c);
            if (options.TimeWindow is { } t) report.Param("tmax", t);
            if (options.TimeStep is { } s) report.Param("dt", s);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var runs = ProgressReporter.Run(ctx, "dicke", ns.Length, done =>
            {
                var r = new ChargingRun[ns.Length];
                var rabi = DickeBattery.ChargeRabi(lambda, options);
                for (var i = 0; i < ns.Length; i++)
                {
                    r[i] = batteries[i].Charge(rabi);
                    done(i + 1);
                }
                return r;
            });
            var warnings = runs.SelectMany(r => r.Warnings).Distinct().ToList();
            if (ns.Length == 1) Single(report, batteries[0], runs[0], parse.GetValue(trace));
            else Scan(report, batteries, runs);
            report.Set("seconds", clock.Elapsed.TotalSeconds);
            report.Set("warnings", Json.Array(warnings));
            foreach (var w in warnings) ctx.Err.WriteLine($"qbatt dicke: warning: {w}");
            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, (ns.Length > 1 ? Figures.DickeGamma(ns, runs.Select(r => r.Gamma).ToArray(), lambda) : EnergyPlot(batteries[0], runs[0])), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static double TopFock(ChargingRun r) => r.LimitMaxima[DickeBattery.TopFockLevel];

    private static void Single(Report report, DickeBattery battery, ChargingRun r, bool trace)
    {
        var c = r.Curve!;
        var rabi = r.Reference!;
        var rabiBattery = new DickeBattery(1, battery.Coupling, battery.Options with { TimeWindow = null, TimeStep = null, Cutoff = null });
        report.Set("max_power", c.MaxPower, "max average power E_B(t)/t");
        report.Set("charging_time", c.ChargingTime, "charging time (argmax E_B(t)/t)");
        report.Set("charging_time_error", Json.NumberOrNull(c.Maximum.TimeError), "error estimate of the charging time (refined from the dynamics)");
        report.Set("max_power_error", Json.NumberOrNull(c.Maximum.PowerError), "error estimate of the maximal average power");
        report.Set("energy_at_charging_time", c.WorkAtChargingTime, "E_B at the charging time");
        report.Set("first_energy_max", c.FirstMaximum is { } f ? Json.Number(f.Work) : null, "first maximum of E_B");
        report.Set("time_first_energy_max", c.FirstMaximum is { } g ? Json.Number(g.Time) : null, "time of the first maximum of E_B");
        report.Set("time_first_energy_max_error", c.FirstMaximum is { } fe ? Json.NumberOrNull(fe.TimeError) : null, "its error estimate (refined from the dynamics: the root of P)");
        report.Set("top_fock_population", TopFock(r), "top Fock level population (max over outputs)");
        report.Set("rabi_max_power", rabi.Curve!.MaxPower, "Rabi reference: max average power");
        report.Set("rabi_charging_time", rabi.Curve.ChargingTime, "Rabi reference: charging time");
        report.Set("gamma", r.Gamma, "Gamma = max P_Dicke / (N max P_Rabi)");
        report.Set("sqrt_n", Math.Sqrt(battery.Cells), "sqrt(N)");
        report.Set("cutoff", battery.Cutoff, battery.DefaultCutoff ? "photon cutoff (default)" : "photon cutoff");
        report.Set("tmax", battery.TimeWindow, "time window t_max");
        report.Set("dt", battery.TimeStep, "output spacing");
        report.Set("dimension", battery.Dimension, "dimension of the space");
        report.Set("rabi_cutoff", rabiBattery.Cutoff);
        report.Set("rabi_tmax", rabiBattery.TimeWindow);
        report.Set("rabi_top_fock_population", TopFock(rabi));
        report.Set("solver", r.Statistics!.Methods);
        report.Set("matvecs", r.Statistics.MatVecs, "mat-vecs of the grid run");
        report.Set("refinement_matvecs", r.RefinementMatVecs, "mat-vecs of the runs that refined the maxima");
        if (c.FirstMaximum is null)
            report.Note("E_B does not reach a maximum inside the window: extend --tmax for first_energy_max");
        if (!trace) return;
        report.Set("times", Json.Array(c.Times));
        report.Set("energy", Json.Array(c.Work));
        report.Set("power", Json.Array(c.AveragePower()));
        report.Set("instantaneous_power", Json.Array(c.InstantaneousPower!));
    }

    private static void Scan(Report report, DickeBattery[] batteries, ChargingRun[] runs)
    {
        var ns = batteries.Select(b => b.Cells).ToArray();
        var rows = new JsonArray();
        var table = report.AddTable("scan", "N", "gamma", "max_power", "charging_time", "first_energy_max", "time_first_energy_max", "top_fock_population", "cutoff", "tmax");
        for (var i = 0; i < ns.Length; i++)
        {
            var d = runs[i];
            var f = d.Curve!.FirstMaximum;
            rows.Add(new JsonObject
            {
                ["N"] = ns[i],
                ["gamma"] = Json.Number(runs[i].Gamma),
                ["max_power"] = Json.Number(d.Curve.MaxPower),
                ["charging_time"] = Json.Number(d.Curve.ChargingTime),
                ["energy_at_charging_time"] = Json.Number(d.Curve.WorkAtChargingTime),
                ["first_energy_max"] = f is null ? null : Json.Number(f.Work),
                ["time_first_energy_max"] = f is null ? null : Json.Number(f.Time),
                ["top_fock_population"] = Json.Number(TopFock(d)),
                ["cutoff"] = batteries[i].Cutoff,
                ["tmax"] = Json.Number(batteries[i].TimeWindow),
            });
            table.Add(ns[i], runs[i].Gamma, d.Curve.MaxPower, d.Curve.ChargingTime, f?.Work, f?.Time, TopFock(d), batteries[i].Cutoff, batteries[i].TimeWindow);
        }
        report.Set("scan", rows);
        report.Set("rabi_max_power", runs[0].Reference!.AveragePower, "Rabi reference: max average power");
        var distinct = ns.Distinct().Count();
        if (distinct < 2)
        {
            report.Note("the fit of Gamma against sqrt(N) needs at least two different N");
            return;
        }
        var sqrt = ns.Select(n => Math.Sqrt(n)).ToArray();
        var gamma = runs.Select(r => r.Gamma).ToArray();
        var fit = LinearFit.Of(sqrt, gamma);
        report.Set("fit_slope", fit.Slope, "fit Gamma = a sqrt(N) + b: a");
        report.Set("fit_slope_error", Json.NumberOrNull(fit.SlopeError), "its standard error (null for two points)");
        report.Set("fit_intercept", fit.Intercept, "fit Gamma = a sqrt(N) + b: b");
        report.Set("fit_r_squared", fit.RSquared, "fit R^2");
        var logFit = LinearFit.Of([.. ns.Select(n => Math.Log(n))], [.. gamma.Select(x => Math.Log(x))]);
        report.Set("exponent", logFit.Slope, "exponent of Gamma ~ N^e (log-log fit)");
        report.Set("exponent_error", Json.NumberOrNull(logFit.SlopeError), "its standard error (least squares; null for two points)");
    }

    private static SvgPlot EnergyPlot(DickeBattery battery, ChargingRun r)
    {
        var c = r.Curve!;
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Dicke battery, N = {battery.Cells}, λ = {battery.Coupling:G4}"), "time t (ħ = 1, units of 1/ω_a)", "battery energy E_B(t) (units of ω_a)");
        plot.AddLine("E_B(t)", c.Times, c.Work, color: SvgPlot.Palette[0]);
        plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"charging time τ = {c.ChargingTime:G4}"), c.ChargingTime, color: SvgPlot.Palette[1]);
        return plot;
    }
}
