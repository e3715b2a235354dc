using System.CommandLine;
using QBatt.Batteries;
using QBatt.Cli.Output;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt two-photon-dicke</c>: the two-photon Dicke battery (R19, [Cre20]): N cells in one cavity coupled by
/// wc g J_x (a^2 + a^dag 2), from |2N photons&gt; (x) |all cells down&gt;: the maximal average power, the charging time, the first
/// maximum of E_B, the converged photon cutoff, and Gamma against N one-cell batteries with two photons each.
/// </summary>
internal static class TwoPhotonDickeCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var cells = CliOptions.Int("--cells", "Number of cells N.", required: true, min: 1);
        var coupling = CliOptions.Double("--coupling", "Two-photon coupling g, |g| < 1/N (H = wc a^dag a + wa Jz + wc g Jx (a^2 + a^dag 2)).", required: true);
        var cutoff = CliOptions.Int("--cutoff", "Photon levels M (default: raised from 4N + 16 by factors of 1.5 until the top Fock population stays below 1e-8).", min: 1);
        var tmax = CliOptions.Double("--tmax", "End of the time window (default 3 / (wc |g| sqrt N)).", positive: true);
        var steps = CliOptions.Int("--steps", "Output steps (steps + 1 equally spaced times on [0, t_max]).", 400, min: 2);
        var wa = CliOptions.Double("--wa", "Cell frequency wa (default 2: resonance with two photons).", 2.0, positive: true);
        var wc = CliOptions.Double("--wc", "Cavity frequency wc.", 1.0, positive: true);
        var trace = new Option<bool>("--trace") { Description = "Add the arrays times, energy and instantaneous_power to the output." };
        var cmd = new Command("two-photon-dicke", "Charge the two-photon Dicke battery (R19; Crescente et al., PRB 102, 245407 (2020)): N two-level cells in one cavity, H = wc a^dag a + wa Jz + wc g Jx (a^2 + a^dag 2), from |2N photons> (x) |all cells down> (each cell flip takes two photons; resonance wa = 2 wc). The Hamiltonian is bounded below only for |g| N < 1 (spectral collapse). The photon cutoff is converged unless given. Reports the maximal average power E_B(t)/t and the charging time, the first maximum of E_B, and Gamma = max P_N / (N max P_1) against N one-cell batteries with two photons each.\n\nExamples:\n  qbatt two-photon-dicke --cells 4 --coupling 0.1\n  qbatt two-photon-dicke --cells 8 --coupling 0.05 --json\n  qbatt two-photon-dicke --cells 2 --coupling 0.3 --cutoff 80 --trace --json");
        foreach (var o in new Option[] { cells, coupling, cutoff, tmax, steps, wa, wc, trace }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var options = new TwoPhotonDickeChargingOptions
            {
                Cutoff = parse.GetResult(cutoff) is null ? null : parse.GetValue(cutoff),
                TimeWindow = parse.GetResult(tmax) is null ? null : parse.GetValue(tmax),
                Steps = parse.GetValue(steps),
                CellFrequency = parse.GetValue(wa),
                CavityFrequency = parse.GetValue(wc),
            };
            var n = parse.GetValue(cells);
            var g = parse.GetValue(coupling);
            var battery = new TwoPhotonDickeBattery(n, g, options);
            var report = new Report("two-photon-dicke");
            report.Param("cells", n).Param("coupling", g).Param("wa", options.CellFrequency).Param("wc", options.CavityFrequency)
                .Param("tmax", battery.TimeWindow).Param("steps", options.Steps);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = battery.Charge();
            var run = result.Run;
            var c = run.Curve!;
            var cell = result.Reference!;
            report.Set("max_power", c.MaxPower, "max average power E_B(t)/t");
            report.Set("max_power_error", Json.NumberOrNull(c.Maximum.PowerError), "its error estimate");
            report.Set("charging_time", c.ChargingTime, "charging time (argmax E_B(t)/t)");
            report.Set("charging_time_error", Json.NumberOrNull(c.Maximum.TimeError), "its error estimate");
            report.Set("energy_at_charging_time", c.WorkAtChargingTime, "E_B at the charging time");
            report.Set("first_energy_max", c.FirstMaximum is { } f ? Json.Number(f.Work) : null, "first maximum of E_B");
            report.Set("time_first_energy_max", c.FirstMaximum is { } h ? Json.Number(h.Time) : null, "time of the first maximum of E_B");
            report.Set("time_first_energy_max_error", c.FirstMaximum is { } fe ? Json.NumberOrNull(fe.TimeError) : null, "its error estimate (refined from the dynamics: the root of P)");
            report.Set("cutoff", result.Cutoff, "photon levels (converged unless given)");
            report.Set("top_fock_population", result.TopPopulation, "largest population of the two top Fock levels");
            report.Set("reference_max_power", cell.AveragePower, "one-cell reference: max average power");
            report.Set("reference_charging_time", cell.ChargingTime, "one-cell reference: charging time");
            report.Set("reference_cutoff", result.ReferenceCutoff, "one-cell reference: photon levels");
            report.Set("gamma", result.Gamma, "Gamma = max P_N / (N max P_1)");
            report.Set("dimension", (long)result.Cutoff * (n + 1), "dimension M (N + 1)");
            var warnings = run.Warnings.Concat(cell.Warnings).ToArray();
            report.Set("warnings", Json.Array(warnings));
            foreach (var w in warnings) ctx.Err.WriteLine($"qbatt two-photon-dicke: warning: {w}");
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
