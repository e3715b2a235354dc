using System.CommandLine;
using System.Globalization;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.IO.Plot;
using QBatt.Studies;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt separable-ball</c>: the separability certificates of R10 (PRL Proposition 1) for n cells:
/// the ball radii around I/D, and the largest eps for which the thermal product state
/// (exp(-eps H0)/Z)^(x)n, and so its whole unitary charging trajectory, lies inside them.
/// </summary>
internal static class SeparableBallCommand
{
    /// <summary>Largest number of qubits for the PPT cross-check on the trajectory (dense PPT on every cut).</summary>
    private const int MaxPptCells = 6;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cells = CliOptions.Int("--cells", $"Number of cells n (2..{SeparableBall.MaxCells}).", min: 2, required: true);
        var levels = CliOptions.Int("--levels", "Levels per cell d (energies 0, 1, ..., d-1; default 2: Proposition 1's E0 = 0, E1 = 1).", defaultValue: 2, min: 2);
        var cmd = new Command("separable-ball", "Separability certificates of R10 (PRL Proposition 1): balls around the maximally mixed state that contain only separable states (bipartite: Gurvits-Barnum 1/sqrt(D(D-1)); n qubits fully separable: exact 1/sqrt(12) at n = 2, Hildebrand sqrt(54/17) 6^(-n/2) for n >= 3, and the older sqrt(3) 6^(-n/2)), and the largest eps for which the thermal product state exp(-eps H0)/Z of every cell lies inside. Unitary charging keeps the distance from I/D, so the whole trajectory is certified separable. For qubits and n <= 6 the certificate is cross-checked on the dynamics engine: the Proposition 1 trajectory (H_glob = sigma_x^(x)n) at max_eps is tested by PPT on every bipartition, and the largest eps with a PPT trajectory is found by bisection.\n\nExamples:\n  qbatt separable-ball --cells 4\n  qbatt separable-ball --cells 3 --levels 3 --json\n  qbatt separable-ball --cells 6 --plot ball.svg");
        cmd.Options.Add(cells);
        cmd.Options.Add(levels);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(cells);
            var d = parse.GetValue(levels);
            if (n > SeparableBall.MaxCells)
                throw new UsageException($"--cells: expected an integer in 2..{SeparableBall.MaxCells}, got {n}");
            if (d > 64)
                throw new UsageException($"--levels: expected an integer in 2..64, got {d}");
            var report = new Report("separable-ball").Param("cells", n).Param("levels", d);
            var energies = Enumerable.Range(0, d).Select(j => (double)j).ToArray();
            report.Param("energies", Json.Array(energies));
            var c = SeparableBall.Certify(n, energies);

            report.Set("dimension", c.Dimension, "total dimension D = d^n");
            report.Set("radius_bipartite", c.RadiusBipartite, "bipartite radius 1/sqrt(D(D-1)) (every cut)");
            report.Set("radius_full", c.RadiusFull is { } rf ? Json.Number(rf) : null, "full-separability radius");
            report.Set("radius_full_source", c.FullRadiusSource);
            report.Set("radius_full_gurvits_barnum", c.RadiusFullGurvitsBarnum is { } rg ? Json.Number(rg) : null, c.RadiusFullGurvitsBarnum is null ? null : "older qubit radius sqrt(3) 6^(-n/2)");
            report.Set("max_eps", c.MaxEps, $"largest certified eps ({c.MaxEpsCertifies} separability)");
            report.Set("max_eps_certifies", c.MaxEpsCertifies);
            report.Set("max_eps_bipartite", c.MaxEpsBipartite, "largest eps inside the bipartite ball");
            report.Set("max_eps_full", c.MaxEpsFull is { } ef ? Json.Number(ef) : null, c.MaxEpsFull is null ? null : "largest eps inside the full-separability ball");
            report.Set("max_eps_full_gurvits_barnum", c.MaxEpsFullGurvitsBarnum is { } eg ? Json.Number(eg) : null, c.MaxEpsFullGurvitsBarnum is null ? null : "largest eps inside the older qubit ball");
            report.Set("distance_at_max_eps", SeparableBall.ThermalProductDistance(energies, n, c.MaxEps), "distance ||rho - I/D||_F at max_eps");
            double? pptThreshold = null;
            if (d == 2 && n <= MaxPptCells)
            {
                // cross-check on the engine: the Proposition 1 trajectory at max_eps, PPT on every cut at 17 times
                var check = Proposition1.CheckTrajectory(n, c.MaxEps);
                var (threshold, thresholdError) = Proposition1.PptThresholdWithError(n);
                pptThreshold = threshold;
                report.Set("ppt_min_eigenvalue", check.MinPptEigenvalue, "PPT cross-check at max_eps: min partial-transpose eigenvalue");
                report.Set("ppt_throughout", check.PptThroughout, "PPT on every cut along the trajectory at max_eps");
                report.Set("ppt_threshold_eps", threshold, "largest eps with a PPT trajectory (root of the smallest partial-transpose eigenvalue)");
                report.Set("ppt_threshold_eps_error", thresholdError, "error estimate of ppt_threshold_eps (bracket width)");
                report.Set("ppt_states_checked", check.StatesChecked);
                report.Set("ppt_bipartitions", check.Bipartitions);
                report.Note($"PPT cross-check: the trajectory of H_glob = sigma_x^(x){n} (PRL Proposition 1) over [0, pi/2] on the dynamics engine, {check.StatesChecked} states, all {check.Bipartitions} bipartitions");
            }
            report.Note("distances are Frobenius distances ||rho - I/D||_F of unit-trace states; a state in a ball stays in it under any unitary evolution (R10)");
            if (c.RadiusFull is null)
                report.Note($"R10 gives no full-separability radius for n >= 3 cells of d = {d} levels: max_eps certifies separability across every bipartition only");

            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, Plot(c, energies, pptThreshold), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    /// <summary>The distance r(eps) of the thermal product state from I/D against eps, with the ball radii: the certified region is r below a radius.</summary>
    internal static SvgPlot Plot(SeparableBallCertificate c, double[] energies, double? pptThreshold = null)
    {
        var plot = new SvgPlot($"Separability certificates, n = {c.Cells} cells of d = {c.Levels} levels", "ε (inverse temperature of each cell, units of 1/H₀)", "‖ρ − I/D‖_F");
        var top = Math.Max(2.5 * c.MaxEpsBipartite, 1.2 * (pptThreshold ?? 0));
        var xs = Enumerable.Range(0, 201).Select(i => top * i / 200).ToArray();
        plot.AddLine("distance of (e^(−εH₀)/Z)^⊗n", xs, [.. xs.Select(x => SeparableBall.ThermalProductDistance(energies, c.Cells, x))], color: SvgPlot.Palette[0]);
        plot.AddHorizontalLine(F("bipartite radius", c.RadiusBipartite), c.RadiusBipartite, color: SvgPlot.Palette[1]);
        if (c.RadiusFull is { } rf && Math.Abs(rf - c.RadiusBipartite) > 1e-15 * rf)
            plot.AddHorizontalLine(F("full-separability radius", rf), rf, color: SvgPlot.Palette[2]);
        if (c.RadiusFullGurvitsBarnum is { } rg && Math.Abs(rg - (c.RadiusFull ?? 0)) > 1e-15 * rg)
            plot.AddHorizontalLine(F("older radius sqrt(3) 6^(-n/2)", rg), rg, LineStyle.Dotted, SvgPlot.Palette[3]);
        plot.AddVerticalLine(F("max certified eps", c.MaxEps), c.MaxEps, LineStyle.Dotted, SvgPlot.Palette[4]);
        if (pptThreshold is { } t)
            plot.AddVerticalLine(F("largest eps with a PPT trajectory", t), t, LineStyle.DashDot, SvgPlot.Palette[5]);
        plot.X.Min = 0;
        plot.Y.Min = 0;
        return plot;
    }

    private static string F(string label, double v) => string.Create(CultureInfo.InvariantCulture, $"{label}: {v:G6}");
}
