using System.CommandLine;
using QBatt.Batteries;
using QBatt.Cli.Output;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt tavis-cummings</c>: the Tavis-Cummings battery (R19): N cells in one cavity with the rotating-wave coupling,
/// from |n photons&gt; (x) |all cells down&gt;: the maximal average power, the charging time, the first maximum of E_B, and
/// Gamma against N Jaynes-Cummings cells with one photon each.
/// </summary>
internal static class TavisCummingsCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var cells = CliOptions.Int("--cells", "Number of cells N.", required: true, min: 1);
        var coupling = CliOptions.Double("--coupling", "Coupling lambda (H = wc a^dag a + wa Jz + wc lambda (a J+ + a^dag J-)).", required: true);
        var photons = CliOptions.Int("--photons", "Photons n of the initial state (default N); Fock levels 0..n are exact.", min: 1);
        var tmax = CliOptions.Double("--tmax", "End of the time window (default 3 / (wc lambda sqrt(max(N, n))), which holds the first energy maximum).", positive: true);
        var steps = CliOptions.Int("--steps", "Output steps (steps + 1 equally spaced times on [0, t_max]).", 400, min: 2);
        var wa = CliOptions.Double("--wa", "Cell frequency wa.", 1.0, positive: true);
        var wc = CliOptions.Double("--wc", "Cavity frequency wc.", 1.0, positive: true);
        var trace = new Option<bool>("--trace") { Description = "Add the arrays times, energy and instantaneous_power to the output." };
        var cmd = new Command("tavis-cummings", "Charge the Tavis-Cummings battery (R19): N two-level cells in one cavity with the rotating-wave coupling H = wc a^dag a + wa Jz + wc lambda (a J+ + a^dag J-), from |n photons> (x) |all cells down> (n = N by default). The excitation number is conserved, so the n + 1 Fock levels are exact. Reports the maximal average power E_B(t)/t and the charging time, the first maximum of E_B, and Gamma = max P_TC / (N max P_JC) against N Jaynes-Cummings cells with one photon each.\n\nExamples:\n  qbatt tavis-cummings --cells 20 --coupling 0.1\n  qbatt tavis-cummings --cells 50 --coupling 0.05 --json\n  qbatt tavis-cummings --cells 10 --coupling 0.2 --photons 1 --wa 1.1 --trace --json");
        foreach (var o in new Option[] { cells, coupling, photons, tmax, steps, wa, wc, trace }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var options = new TavisCummingsChargingOptions
            {
                Photons = parse.GetResult(photons) is null ? null : parse.GetValue(photons),
                TimeWindow = parse.GetResult(tmax) is null ? null : parse.GetValue(tmax),
                Steps = parse.GetValue(steps),
                CellFrequency = parse.GetValue(wa),
                CavityFrequency = parse.GetValue(wc),
            };
            var n = parse.GetValue(cells);
            var lambda = parse.GetValue(coupling);
            var battery = new TavisCummingsBattery(n, lambda, options);
            battery.CheckMemory();
            var report = new Report("tavis-cummings");
            report.Param("cells", n).Param("coupling", lambda).Param("photons", battery.Photons).Param("wa", options.CellFrequency)
                .Param("wc", options.CavityFrequency).Param("tmax", battery.TimeWindow).Param("steps", options.Steps);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = battery.Charge();
            var c = run.Curve!;
            var cell = run.Reference!;
            report.Set("max_power", c.MaxPower, "max average power E_B(t)/t");
            report.Set("charging_time", c.ChargingTime, "charging time (argmax E_B(t)/t)");
            report.Set("charging_time_error", Json.NumberOrNull(c.Maximum.TimeError), "error estimate of the charging time (refined from the dynamics)");
            report.Set("max_power_error", Json.NumberOrNull(c.Maximum.PowerError), "error estimate of the maximal average power");
            report.Set("energy_at_charging_time", c.WorkAtChargingTime, "E_B at the charging time");
            report.Set("first_energy_max", c.FirstMaximum is { } f ? Json.Number(f.Work) : null, "first maximum of E_B");
            report.Set("time_first_energy_max", c.FirstMaximum is { } g ? Json.Number(g.Time) : null, "time of the first maximum of E_B");
            report.Set("time_first_energy_max_error", c.FirstMaximum is { } fe ? Json.NumberOrNull(fe.TimeError) : null, "its error estimate (refined from the dynamics: the root of P)");
            report.Set("jc_max_power", cell.AveragePower, "Jaynes-Cummings reference: max average power");
            report.Set("jc_charging_time", cell.ChargingTime, "Jaynes-Cummings reference: charging time");
            report.Set("gamma", run.Gamma, "Gamma = max P_TC / (N max P_JC)");
            report.Set("sqrt_n", Math.Sqrt(n), "sqrt(N)");
            report.Set("dimension", battery.Dimension, "dimension (n + 1)(N + 1)");
            report.Set("warnings", Json.Array(run.Warnings));
            foreach (var w in run.Warnings) ctx.Err.WriteLine($"qbatt tavis-cummings: warning: {w}");
            if (c.FirstMaximum is null)
                report.Note("E_B does not reach a maximum inside the window: extend --tmax for first_energy_max");
            if (parse.GetValue(trace))
            {
                report.Set("times", Json.Array(c.Times));
                report.Set("energy", Json.Array(c.Work));
                report.Set("instantaneous_power", Json.Array(c.InstantaneousPower!));
            }
            report.Set("seconds", clock.Elapsed.TotalSeconds);
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
