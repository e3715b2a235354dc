using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO.Plot;
using QBatt.Models;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt gaussian</c>: harmonic-oscillator batteries charged by Gaussian unitaries (R14): energy, deposited work,
/// final energy standard deviation and relative precision std/W from the exact moments; or, with --compare, the
/// single-mode protocols (displacement, squeezing, least-variance combination) at equal deposited energy.
/// </summary>
internal static class GaussianCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var omega = CliOptions.Doubles("--omega", "Mode frequencies w_j (positive), one per mode, e.g. 1 or 1,1.5.", required: true);
        var beta = CliOptions.Custom("--beta", "Inverse temperature of the initial Gibbs state: a positive number or 'inf' (vacuum, the default).", false, ParseBeta);
        var displace = CliOptions.Custom("--displace", "Displacement alpha per mode (complex numbers like 1.5, 0.2i, 1+0.5i), comma-separated, one per mode.", false, ParseComplexList);
        var squeeze = CliOptions.Doubles("--squeeze", "Single-mode squeezing r per mode (S(r e^(i phi)) = exp((conj(z) a^2 - z a^dag^2)/2)), one per mode.");
        var phase = CliOptions.Doubles("--squeeze-phase", "Squeezing phase phi per mode (default 0: x squeezed).");
        var twoMode = CliOptions.Double("--two-mode", "Two-mode squeezing r between modes 0 and 1, exp(r (a b - a^dag b^dag)), applied after the single-mode squeezing.");
        var compare = CliOptions.Doubles("--compare", "Deposited energies W (positive): compare displacement alone, squeezing alone and the least-variance combination on one mode at each W.");
        var cmd = new Command("gaussian", "Charge a battery of harmonic oscillators, H0 = sum_j w_j a_j^dag a_j, from its Gibbs state by Gaussian unitaries (R14), exactly through first moments and covariance matrix (no Fock cutoff): single-mode squeezing, then two-mode squeezing of modes 0 and 1, then displacement. Reports the initial and final energy, the deposited energy W, the standard deviations of H0 and the relative precision std(E_final)/W. With --compare (one mode), the protocols at equal W: displacement alone, squeezing alone, and squeezing plus displacement with the least variance.\n\nExamples:\n  qbatt gaussian --omega 1 --displace 2\n  qbatt gaussian --omega 1 --beta 0.5 --squeeze 0.8 --displace 1.5\n  qbatt gaussian --omega 1,1.5 --two-mode 0.7 --json\n  qbatt gaussian --omega 1 --compare 0.1,1,10,100 --plot precision.svg");
        cmd.Options.Add(omega);
        cmd.Options.Add(beta);
        cmd.Options.Add(displace);
        cmd.Options.Add(squeeze);
        cmd.Options.Add(phase);
        cmd.Options.Add(twoMode);
        cmd.Options.Add(compare);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var report = new Report("gaussian");
            report.MayBeInfinite.Add("relative_precision"); // W <= 0 (docs/cli.md)
            var w = parse.GetValue(omega)!;
            var b = parse.GetResult(beta) is null ? double.PositiveInfinity : parse.GetValue(beta);
            report.Param("omega", Json.Array(w));
            report.Param("beta", Json.Number(b));
            var works = parse.GetResult(compare) is null ? null : parse.GetValue(compare);
            var plotPath = parse.GetValue(output.Plot!);
            if (works is not null)
            {
                if (parse.GetResult(displace) is not null || parse.GetResult(squeeze) is not null || parse.GetResult(phase) is not null || parse.GetResult(twoMode) is not null)
                    throw new UsageException("--compare: expected no --displace, --squeeze, --squeeze-phase or --two-mode (it chooses the protocols itself), got some");
                if (w.Length != 1)
                    throw new UsageException($"--compare: expected one mode (--omega with one frequency), got {w.Length}");
                Compare(report, w[0], b, works, plotPath is null ? null : plot => output.SaveFigure(ctx, parse, plot, plotPath));
            }
            else
            {
                if (plotPath is not null)
                    throw new UsageException("--plot: expected --compare (the figure is std/W against W), got none");
                Charge(ctx, report, w, b, parse.GetResult(displace) is null ? null : parse.GetValue(displace),
                    parse.GetResult(squeeze) is null ? null : parse.GetValue(squeeze), parse.GetResult(phase) is null ? null : parse.GetValue(phase),
                    parse.GetResult(twoMode) is null ? null : parse.GetValue(twoMode));
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    private static void Charge(CliContext ctx, Report report, double[] w, double b, Complex[]? alphas, double[]? rs, double[]? phis, double? twoMode)
    {
        var n = w.Length;
        RequireCount("--displace", alphas?.Length, n);
        RequireCount("--squeeze", rs?.Length, n);
        RequireCount("--squeeze-phase", phis?.Length, n);
        if (phis is not null && rs is null)
            throw new UsageException("--squeeze-phase: expected --squeeze as well, got none");
        if (twoMode is not null && n < 2)
            throw new UsageException($"--two-mode: expected at least two modes in --omega, got {n}");
        RequireRange("--squeeze", rs, MaxSqueezing);
        if (twoMode is { } t2) RequireRange("--two-mode", [t2], MaxSqueezing);
        if (alphas?.FirstOrDefault(a => !(Complex.Abs(a) <= MaxDisplacement)) is { } big && big != default)
            throw new UsageException($"--displace: expected |alpha| <= {MaxDisplacement:G3} (larger displacements overflow the energies in double precision), got {ReportWriter.Format(Complex.Abs(big))}");
        RequireSize(ctx, n, (rs is null ? 0 : n) + (twoMode is null ? 0 : 1) + (alphas is null ? 0 : n));
        var battery = new OscillatorBattery(w, b);
        var u = GaussianUnitary.Identity(n);
        for (var j = 0; j < n && rs is not null; j++)
            u = u.Then(GaussianUnitary.Squeeze(n, j, rs[j], phis?[j] ?? 0));
        if (twoMode is not null) u = u.Then(GaussianUnitary.TwoModeSqueeze(n, 0, 1, twoMode.Value));
        for (var j = 0; j < n && alphas is not null; j++)
            u = u.Then(GaussianUnitary.Displace(n, j, alphas[j]));
        if (alphas is not null) report.Param("displace", new JsonArray([.. alphas.Select(a => (JsonNode?)new JsonArray(Json.Number(a.Real), Json.Number(a.Imaginary)))]));
        if (rs is not null) report.Param("squeeze", Json.Array(rs));
        if (phis is not null) report.Param("squeeze_phase", Json.Array(phis));
        if (twoMode is not null) report.Param("two_mode", Json.Number(twoMode.Value));

        var result = battery.Charge(u);
        var final = battery.InitialState.Apply(u);
        report.Set("initial_energy", result.InitialEnergy, "initial energy tr(omega_b H0)");
        report.Set("final_energy", result.FinalEnergy, "final energy");
        report.Set("work", result.Work, "deposited energy W");
        report.Set("initial_std", result.InitialStd, "initial std of H0");
        report.Set("final_std", result.FinalStd, "final std of H0");
        report.Set("relative_precision", result.RelativePrecision, "relative precision std(E_final)/W");
        var table = report.AddTable("modes", "mode", "omega", "initial_photons", "final_photons");
        var modes = new JsonArray();
        for (var j = 0; j < n; j++)
        {
            var before = battery.InitialState.MeanPhotons(j);
            var after = final.MeanPhotons(j);
            table.Add(j, w[j], before, after);
            modes.Add(new JsonObject { ["mode"] = j, ["omega"] = Json.Number(w[j]), ["initial_photons"] = Json.Number(before), ["final_photons"] = Json.Number(after) });
        }
        report.Set("modes", modes);
        if (!(result.Work > 0)) report.Note("no energy was deposited (W <= 0): the relative precision is reported as Infinity");
    }

    private static void Compare(Report report, double w, double b, double[] works, Action<SvgPlot>? save)
    {
        report.Param("compare", Json.Array(works));
        foreach (var x in works)
        {
            if (!(x > 0)) throw new UsageException($"--compare: expected positive deposited energies, got {x.ToString(CultureInfo.InvariantCulture)}");
            if (!(x <= MaxCompare)) throw new UsageException($"--compare: expected deposited energies up to {MaxCompare:G2} (the squeezing that deposits W grows as ln W and its variance as W^2), got {x.ToString(CultureInfo.InvariantCulture)}");
        }
        var rows = new JsonArray();
        var table = report.AddTable("rows", "work", "protocol", "squeezing_r", "alpha", "deposited", "final_std", "relative_precision");
        var curves = new Dictionary<string, double[]>();
        for (var i = 0; i < works.Length; i++)
        {
            foreach (var p in GaussianCharging.Compare(w, b, works[i]))
            {
                if (!curves.TryGetValue(p.Name, out var curve)) curves[p.Name] = curve = new double[works.Length];
                curve[i] = p.Result.RelativePrecision;
                table.Add(works[i], p.Name, p.Squeezing, p.Alpha, p.Result.Work, p.Result.FinalStd, p.Result.RelativePrecision);
                rows.Add(new JsonObject
                {
                    ["work"] = Json.Number(works[i]),
                    ["protocol"] = p.Name,
                    ["squeezing_r"] = Json.Number(p.Squeezing),
                    ["alpha"] = Json.Number(p.Alpha),
                    ["deposited"] = Json.Number(p.Result.Work),
                    ["final_std"] = Json.Number(p.Result.FinalStd),
                    ["relative_precision"] = Json.Number(p.Result.RelativePrecision),
                });
            }
        }
        report.Set("rows", rows);
        report.Note("optimal = squeezing by r, then displacement by alpha along the squeezed quadrature, with r minimising the final variance at the given W");
        if (save is null) return;
        var order = Enumerable.Range(0, works.Length).OrderBy(i => works[i]).ToArray();
        var plot = new SvgPlot("Relative precision of Gaussian charging at equal deposited energy", "deposited energy W (units of ω)", "relative precision σ(E_final)/W");
        if (works.Max() >= 100 * works.Min()) plot.X.Scale = AxisScale.Log10;
        plot.Y.Scale = AxisScale.Log10;
        var k = 0;
        foreach (var (name, curve) in curves)
            plot.AddLine(name, [.. order.Select(i => works[i])], [.. order.Select(i => curve[i])], color: SvgPlot.Palette[k++]);
        save(plot);
    }

    /// <summary>Largest |r| of single- and two-mode squeezing: cosh(2r) stays far from overflow (e^100 ~ 2.7e43 photons).</summary>
    internal const double MaxSqueezing = 50;

    /// <summary>Largest |alpha|: |alpha|^2 e^(2 r) stays finite for every allowed r.</summary>
    internal const double MaxDisplacement = 1e100;

    /// <summary>Largest deposited energy of --compare: W^2 (the variances) stays far inside the double range.</summary>
    internal const double MaxCompare = 1e100;

    /// <summary>Estimated floating-point operations per second of the dense symplectic products (managed code, one core).</summary>
    private const double Flops = 1e9;

    private static void RequireRange(string name, double[]? values, double max)
    {
        if (values?.FirstOrDefault(v => !(Math.Abs(v) <= max)) is { } v && v != 0)
            throw new UsageException($"{name}: expected a squeezing |r| <= {max} (cosh 2r overflows double precision near r = 355), got {ReportWriter.Format(v)}");
    }

    /// <summary>
    /// The size of a charge before anything is allocated: the covariance and symplectic matrices of 2n x 2n doubles (a few
    /// of them live at once) against the memory limit, and the time of the dense products, one per operation, at about
    /// 1e9 operations a second: more than an hour is refused, more than a minute announced on stderr.
    /// </summary>
    private static void RequireSize(CliContext ctx, int modes, int operations)
    {
        double m = 2.0 * modes;
        MemoryEstimate.Require(6 * 8 * m * m, null, "gaussian", "omega", $"{modes} modes ({m:G} x {m:G} covariance and symplectic matrices)");
        var seconds = Math.Max(1, operations) * 2 * m * m * m / Flops;
        if (seconds > 3600)
            throw new UsageException($"--omega: expected a battery whose charge takes at most an hour, got {modes} modes with {operations} operations (dense products of {m:G} x {m:G} matrices, about {Estimate.Duration(seconds)})");
        if (seconds > 60)
            Estimate.Announce(ctx, $"{modes} modes with {operations} operations", seconds);
    }

    private static void RequireCount(string name, int? count, int modes)
    {
        if (count is not null && count != modes)
            throw new UsageException($"{name}: expected one value per mode ({modes}), got {count}");
    }

    private static double ParseBeta(string text)
    {
        var t = text.Trim();
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        var v = CliOptions.ParseDouble(t, "--beta");
        if (!(v > 0)) throw new UsageException($"--beta: expected a positive inverse temperature or 'inf', got '{text}'");
        return v;
    }

    private static Complex[] ParseComplexList(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException("--displace: expected comma-separated complex numbers, got an empty value");
        return [.. text.Split(',').Select(p => CliOptions.ParseComplex(p, "--displace"))];
    }
}
