using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
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
            foreach (var n in ns)
                if (n < 1) throw new UsageException($"--cells: expected numbers of cells >= 1, got {n}");
            var lambda = parse.GetValue(coupling);
            if (lambda == 0) throw new UsageException("--coupling: expected a non-zero coupling lambda, got 0");
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
            if (options.Cutoff is { } m && m <= ns.Max())
                throw new UsageException($"--cutoff: expected more photon levels than the initial photon number N = {ns.Max()} (at least {ns.Max() + 1}), got {m}");
            if (ns.Length > 1 && parse.GetValue(trace))
                throw new UsageException($"--trace: expected a single --cells value, got {ns.Length}");
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
                var r = new DickeCharging[ns.Length];
                var rabi = DickeBattery.ChargeRabi(lambda, options);
                for (var i = 0; i < ns.Length; i++)
                {
                    r[i] = DickeBattery.Charge(ns[i], lambda, options, rabi);
                    done(i + 1);
                }
                return r;
            });
            var warnings = runs.SelectMany(r => r.Warnings).Distinct().ToList();
            if (ns.Length == 1) Single(report, runs[0], parse.GetValue(trace));
            else Scan(report, ns, runs);
            report.Set("seconds", clock.Elapsed.TotalSeconds);
            report.Set("warnings", Json.Array(warnings));
            foreach (var w in warnings) ctx.Err.WriteLine($"qbatt dicke: warning: {w}");
            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                (ns.Length > 1 ? GammaPlot(ns, runs.Select(r => r.Gamma).ToArray(), lambda) : EnergyPlot(runs[0])).Save(plotPath);
                if (!parse.GetValue(output.Json)) ctx.Err.WriteLine($"qbatt: wrote {plotPath}");
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static void Single(Report report, DickeCharging r, bool trace)
    {
        var d = r.Dicke;
        var c = d.Curve;
        report.Set("max_power", c.MaxPower, "max average power E_B(t)/t");
        report.Set("charging_time", c.ChargingTime, "charging time (argmax E_B(t)/t)");
        report.Set("energy_at_charging_time", c.WorkAtChargingTime, "E_B at the charging time");
        report.Set("first_energy_max", c.FirstMaximum is { } f ? Json.Number(f.Work) : null, "first maximum of E_B");
        report.Set("time_first_energy_max", c.FirstMaximum is { } g ? Json.Number(g.Time) : null, "time of the first maximum of E_B");
        report.Set("top_fock_population", d.TopFockPopulation, "top Fock level population (max over outputs)");
        report.Set("rabi_max_power", r.Rabi!.Curve.MaxPower, "Rabi reference: max average power");
        report.Set("rabi_charging_time", r.Rabi.Curve.ChargingTime, "Rabi reference: charging time");
        report.Set("gamma", r.Gamma, "Gamma = max P_Dicke / (N max P_Rabi)");
        report.Set("sqrt_n", Math.Sqrt(d.Cells), "sqrt(N)");
        report.Set("cutoff", d.Cutoff, d.DefaultCutoff ? "photon cutoff (default)" : "photon cutoff");
        report.Set("tmax", d.TimeWindow, "time window t_max");
        report.Set("dt", d.TimeStep, "output spacing");
        report.Set("dimension", Dimension(d, r.Space), "dimension of the space");
        report.Set("rabi_cutoff", r.Rabi.Cutoff);
        report.Set("rabi_tmax", r.Rabi.TimeWindow);
        report.Set("rabi_top_fock_population", r.Rabi.TopFockPopulation);
        report.Set("solver", d.Statistics.Methods);
        if (c.FirstMaximum is null)
            report.Note("E_B does not reach a maximum inside the window: extend --tmax for first_energy_max");
        if (!trace) return;
        report.Set("times", Json.Array(c.Times));
        report.Set("energy", Json.Array(c.Work));
        report.Set("power", Json.Array(c.AveragePower()));
        report.Set("instantaneous_power", Json.Array(c.InstantaneousPower!));
    }

    private static int Dimension(CavityCharging d, DickeSpace space) =>
        d.Cutoff * (space == DickeSpace.Symmetric ? d.Cells + 1 : 1 << d.Cells);

    private static void Scan(Report report, int[] ns, DickeCharging[] runs)
    {
        var rows = new JsonArray();
        var table = report.AddTable("scan", "N", "gamma", "max_power", "charging_time", "first_energy_max", "time_first_energy_max", "top_fock_population", "cutoff", "tmax");
        for (var i = 0; i < ns.Length; i++)
        {
            var d = runs[i].Dicke;
            var f = d.Curve.FirstMaximum;
            rows.Add(new JsonObject
            {
                ["N"] = ns[i],
                ["gamma"] = Json.Number(runs[i].Gamma),
                ["max_power"] = Json.Number(d.Curve.MaxPower),
                ["charging_time"] = Json.Number(d.Curve.ChargingTime),
                ["energy_at_charging_time"] = Json.Number(d.Curve.WorkAtChargingTime),
                ["first_energy_max"] = f is null ? null : Json.Number(f.Work),
                ["time_first_energy_max"] = f is null ? null : Json.Number(f.Time),
                ["top_fock_population"] = Json.Number(d.TopFockPopulation),
                ["cutoff"] = d.Cutoff,
                ["tmax"] = Json.Number(d.TimeWindow),
            });
            table.Add(ns[i], runs[i].Gamma, d.Curve.MaxPower, d.Curve.ChargingTime, f?.Work, f?.Time, d.TopFockPopulation, d.Cutoff, d.TimeWindow);
        }
        report.Set("scan", rows);
        report.Set("rabi_max_power", runs[0].Rabi!.Curve.MaxPower, "Rabi reference: max average power");
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
        report.Set("fit_intercept", fit.Intercept, "fit Gamma = a sqrt(N) + b: b");
        report.Set("fit_r_squared", fit.RSquared, "fit R^2");
        var logFit = LinearFit.Of([.. ns.Select(n => Math.Log(n))], [.. gamma.Select(x => Math.Log(x))]);
        report.Set("exponent", logFit.Slope, "exponent of Gamma ~ N^e (log-log fit)");
    }

    /// <summary>Gamma against N with sqrt(N) and the least-squares fit a sqrt(N) + b.</summary>
    internal static SvgPlot GammaPlot(IReadOnlyList<int> ns, IReadOnlyList<double> gamma, double lambda)
    {
        var order = Enumerable.Range(0, ns.Count).OrderBy(i => ns[i]).ToArray();
        var x = order.Select(i => (double)ns[i]).ToArray();
        var y = order.Select(i => gamma[i]).ToArray();
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Dicke battery: collective advantage, lambda = {lambda:G4}"), "N (cells)", "Gamma = max P_Dicke / (N max P_Rabi)");
        plot.AddScatter("Gamma(N)", x, y, color: SvgPlot.Palette[0]);
        var dense = Enumerable.Range(0, 200).Select(k => x[0] + (x[^1] - x[0]) * k / 199.0).ToArray();
        plot.AddLine("sqrt(N)", dense, [.. dense.Select(Math.Sqrt)], LineStyle.Dashed, SvgPlot.Palette[1]);
        if (x.Distinct().Count() >= 2)
        {
            var fit = LinearFit.Of([.. x.Select(Math.Sqrt)], y);
            plot.AddLine(string.Create(CultureInfo.InvariantCulture, $"fit {fit.Slope:G4} sqrt(N) + {fit.Intercept:G3}"), dense, [.. dense.Select(n => fit.At(Math.Sqrt(n)))], color: SvgPlot.Palette[2]);
        }
        return plot;
    }

    private static SvgPlot EnergyPlot(DickeCharging r)
    {
        var c = r.Dicke.Curve;
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Dicke battery, N = {r.Dicke.Cells}, lambda = {r.Coupling:G4}"), "t", "E_B(t)");
        plot.AddLine("E_B(t)", c.Times, c.Work, color: SvgPlot.Palette[0]);
        plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"charging time {c.ChargingTime:G4}"), c.ChargingTime, color: SvgPlot.Palette[1]);
        return plot;
    }
}
