using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QBatt.Batteries;
using QBatt.Cli.Output;
using QBatt.Dynamics;
using QBatt.IO.Plot;
using QBatt.IO;
using QBatt.Models;

namespace QBatt.Cli.Commands;

/// <summary>
/// <c>qbatt chain</c>: charging of the spin-chain battery (R13, Rev eqs 27-28) from the ground state of
/// H0 = B sum sigma_z + Hg under H = Hg + omega sum sigma_x: maximal average power, charging time, work
/// there, and Gamma = &lt;P&gt;/&lt;P_ind&gt; against independent spins; with several n, the scan Gamma(n).
/// </summary>
internal static class ChainCommand
{
    internal sealed record RangeSpec(CouplingRange Kind, double Exponent, string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>Largest |g|, |B| and |omega|: the squares of sums over 10^5 spins stay far below the double range.</summary>
    private const double MaxField = 1e100;

    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions(plot: true);
        var cells = CliOptions.IntRanges("--cells", "Number of spins n, or a list/range to scan, e.g. 12 or 2..14.", required: true);
        var alpha = CliOptions.Double("--alpha", "Anisotropy alpha: 0 Ising, 0 < alpha < 1 XXZ, 1 XXX, -1 fully anisotropic.", -1.0);
        var g = CliOptions.Double("--g", "Coupling strength g.", 0.1);
        var range = CliOptions.Custom("--range", "Couplings g_ij: nearest (g for |i-j| = 1), inverse (g/|i-j|), uniform (g for every pair) or power:P (g/|i-j|^P).", false, ParseRange);
        range.DefaultValueFactory = _ => new RangeSpec(CouplingRange.NearestNeighbour, 1, "nearest");
        range.HelpName = "nearest|inverse|uniform|power:P";
        var matrix = CliOptions.File("--couplings", "A symmetric n x n matrix g_ij with zero diagonal (.npy or JSON) instead of --range and --g.", mustExist: true);
        var periodic = new Option<bool>("--periodic") { Description = "Periodic chain: distances min(|i-j|, n-|i-j|)." };
        var b = CliOptions.Double("--b", "Field B of H0 = B sum sigma_z + Hg (non-zero).", 1.0);
        var omega = CliOptions.Double("--omega", "Charging field omega of H = Hg + omega sum sigma_x.", 1.0);
        var tmax = CliOptions.Double("--tmax", "End of the time window.", 3.0, positive: true);
        var steps = CliOptions.Int("--steps", "Output steps (steps + 1 equally spaced times on [0, t_max]).", 200, min: 2);
        var route = CliOptions.Choice("--route", "auto: collective spin for uniform couplings, the sector below for rings of 23 spins and more where it applies, else the full 2^n space; collective; full; sector: the symmetric sector of the all-down state (reflection-even; momentum 0 too with --periodic), about 2^n/(2n) states on a ring, n up to 31 (needs ferromagnetic g >= 0 and |alpha| <= 1).", ["auto", "collective", "full", "sector"], "auto");
        var method = CliOptions.Choice("--method", "Propagator of the full route: auto (Krylov, or Chebyshev when a Krylov basis would not fit in memory), krylov, chebyshev (three vectors of 2^n amplitudes).", ["auto", "krylov", "chebyshev"], "auto");
        var threads = CliOptions.Int("--threads", "Threads for the matrix-free Hamiltonians and vector kernels (0: all processors).", 0, min: 0);
        var trace = new Option<bool>("--trace") { Description = "Add the arrays times, work, power (W(t)/t), instantaneous_power (dW/dt from the state; recorded for --trace even above 2^16 amplitudes, where it doubles the cost) and independent_work to the output (one n only)." };
        var cmd = new Command("chain", "Charge the spin-chain battery (R13): H0 = B sum sigma_z - sum_{i<j} g_ij [sz sz + alpha (sx sx + sy sy)], charged from its ground state by H = Hg + omega sum sigma_x. Reports the maximal average power W(t)/t, the charging time and the work there, and Gamma = <P>/<P_ind> against the same protocol with all g_ij = 0. Uniform couplings run in the collective-spin block (n in the thousands), others in the full 2^n space with matrix-free Hamiltonians (n up to 26-28 on 24 GiB, the Chebyshev propagator from n = 23), or with --route sector in the symmetry sector of the all-down state (rings up to n = 30 on 24 GiB); sizes that would not fit are refused with the memory they need. A list or range of n scans Gamma(n).\n\nExamples:\n  qbatt chain --cells 12 --alpha -1 --g 0.1 --range nearest\n  qbatt chain --cells 20 --range nearest --json\n  qbatt chain --cells 2..14 --g 0.05 --range inverse --plot gamma.svg\n  qbatt chain --cells 1000 --g 0.0001 --range uniform\n  qbatt chain --cells 6 --couplings g.json --trace --json\n  qbatt chain --cells 30 --periodic --route sector --steps 30 --json");
        foreach (var o in new Option[] { cells, alpha, g, range, matrix, periodic, b, omega, tmax, steps, route, method, threads, trace }) cmd.Options.Add(o);
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var ns = parse.GetValue(cells)!;
            var spec = parse.GetValue(range)!;
            var matrixPath = parse.GetResult(matrix) is null ? null : parse.GetValue(matrix);
            if (matrixPath is not null && (parse.GetResult(range) is { Implicit: false } || parse.GetResult(g) is { Implicit: false }))
                throw new UsageException("--couplings: expected either --couplings FILE or --range/--g, got both");
            double[,]? gij = matrixPath is null ? null : ReadCouplings(matrixPath);
            if (gij is not null && (ns.Length != 1 || ns[0] != gij.GetLength(0)))
                throw new UsageException($"--cells: expected {gij.GetLength(0)} (the size of the --couplings matrix), got {string.Join(",", ns)}");
            foreach (var n in ns)
                if (n < 2) throw new UsageException($"--cells: expected numbers of spins >= 2, got {n}");
            if (ns.Length > 1 && parse.GetValue(trace))
                throw new UsageException($"--trace: expected a single --cells value, got {ns.Length}");
            var field = parse.GetValue(b);
            var options = new SpinChainChargingOptions
            {
                TimeWindow = parse.GetValue(tmax),
                Steps = parse.GetValue(steps),
                Route = parse.GetValue(route) switch { "collective" => SpinChainRoute.Collective, "full" => SpinChainRoute.Full, "sector" => SpinChainRoute.Sector, _ => SpinChainRoute.Auto },
                Evolution = new EvolutionOptions { Threads = parse.GetValue(threads), Method = parse.GetValue(method)! },
                InstantaneousPower = parse.GetValue(trace) ? true : null,
            };
            foreach (var (name, o) in new[] { ("--g", g), ("--b", b), ("--omega", omega) })
                if (!(Math.Abs(parse.GetValue(o)) <= MaxField))
                    throw new UsageException($"{name}: expected |{name[2..]}| <= {MaxField:G2} (the energies of n spins stay finite in double precision), got {ReportWriter.Format(parse.GetValue(o))}");
            var report = new Report("chain");
            report.Param("cells", ns.Length == 1 ? JsonValue.Create(ns[0]) : Json.Array(ns)).Param("alpha", parse.GetValue(alpha))
                .Param("b", field).Param("omega", parse.GetValue(omega)).Param("periodic", parse.GetValue(periodic))
                .Param("tmax", options.TimeWindow).Param("steps", options.Steps).Param("route", parse.GetValue(route)).Param("method", parse.GetValue(method));
            if (matrixPath is null) report.Param("g", parse.GetValue(g)).Param("range", spec.Text);
            else report.Param("couplings", matrixPath);
            SpinChain Build(int n) => gij is not null
                ? new SpinChain(gij, field, parse.GetValue(alpha), parse.GetValue(omega))
                : new SpinChain(n, field, parse.GetValue(g), parse.GetValue(alpha), parse.GetValue(omega), spec.Kind, spec.Exponent, parse.GetValue(periodic));
            // every battery validated and sized before anything runs
            var batteries = ns.Select(n => new SpinChainBattery(Build(n), options)).ToArray();
            foreach (var battery in batteries) battery.CheckMemory();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var runs = ProgressReporter.Run(ctx, "chain", batteries.Length, done =>
            {
                var r = new ChargingRun[batteries.Length];
                for (var i = 0; i < batteries.Length; i++)
                {
                    r[i] = batteries[i].Charge();
                    done(i + 1);
                }
                return r;
            });
            if (runs.Length == 1) Single(report, batteries[0], runs[0], parse.GetValue(trace));
            else Scan(report, batteries, runs);
            report.Set("seconds", clock.Elapsed.TotalSeconds, "seconds");
            var warnings = runs.SelectMany(r => r.Warnings).Distinct().ToList();
            report.Set("warnings", Json.Array(warnings));
            foreach (var w in warnings) ctx.Err.WriteLine($"qbatt chain: warning: {w}");
            var plotPath = parse.GetValue(output.Plot!);
            if (plotPath is not null)
            {
                output.SaveFigure(ctx, parse, (runs.Length > 1 ? GammaPlot(batteries, runs) : WorkPlot(batteries[0], runs[0])), plotPath);
            }
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }

    /// <summary>nearest, inverse, uniform or power:P.</summary>
    internal static RangeSpec ParseRange(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "nearest": return new RangeSpec(CouplingRange.NearestNeighbour, 1, "nearest");
            case "inverse": return new RangeSpec(CouplingRange.PowerLaw, 1, "inverse");
            case "uniform": return new RangeSpec(CouplingRange.Uniform, 0, "uniform");
        }
        if (t.StartsWith("power:", StringComparison.Ordinal))
        {
            var p = CliOptions.ParseDouble(t["power:".Length..], "--range");
            return new RangeSpec(CouplingRange.PowerLaw, p, string.Create(CultureInfo.InvariantCulture, $"power:{p:R}"));
        }
        throw new UsageException($"--range: expected nearest, inverse, uniform or power:P (e.g. power:1.5), got '{text}'");
    }

    private static double[,] ReadCouplings(string path)
    {
        var m = MatrixFile.ReadMatrix(path);
        if (m.Rows != m.Cols)
            throw new UsageException($"--couplings: expected a square matrix g_ij, got {m.Rows}x{m.Cols}");
        var r = new double[m.Rows, m.Cols];
        for (var i = 0; i < m.Rows; i++)
        {
            for (var j = 0; j < m.Cols; j++)
            {
                if (m[i, j].Imaginary != 0)
                    throw new UsageException($"--couplings: expected real couplings, got {m[i, j]} at ({i}, {j})");
                r[i, j] = m[i, j].Real;
            }
        }
        return r;
    }

    private static void Single(Report report, SpinChainBattery battery, ChargingRun r, bool trace)
    {
        var c = r.Curve!;
        report.Set("max_power", c.MaxPower, "max average power W(t)/t");
        report.Set("charging_time", c.ChargingTime, "charging time (argmax W(t)/t)");
        report.Set("charging_time_error", Json.NumberOrNull(c.Maximum.TimeError), "error estimate of the charging time (refined from the dynamics)");
        report.Set("max_power_error", Json.NumberOrNull(c.Maximum.PowerError), "error estimate of the maximal average power");
        report.Set("work_at_charging_time", c.WorkAtChargingTime, "work at the charging time");
        report.Set("work_end", c.Work[^1], "work W(t_max)");
        report.Set("work_max", c.Work.Max(), "max over the grid of W");
        report.Set("independent_max_power", r.ReferencePower, "independent spins: max average power");
        report.Set("independent_charging_time", r.Reference!.ChargingTime, "independent spins: charging time");
        report.Set("gamma", r.Gamma, "Gamma = <P>/<P_ind>");
        report.Set("first_work_max", c.FirstMaximum is { } f ? Json.Number(f.Work) : null, "first maximum of W");
        report.Set("time_first_work_max", c.FirstMaximum is { } f2 ? Json.Number(f2.Time) : null, "time of the first maximum of W");
        report.Set("coupling_sum", battery.Chain.CouplingSum(), "sum_{i<j} g_ij");
        report.Set("route", RouteName(battery.Route), "route");
        report.Set("dimension", r.Dimension, "dimension of the space evolved");
        report.Set("initial_state", r.InitialDescription, "initial state");
        report.Set("ground_energy", r.Energy[0], "ground energy of H0");
        report.Set("estimated_memory_bytes", (long)r.EstimatedBytes);
        report.Set("solver", r.Statistics!.Methods);
        report.Set("matvecs", r.Statistics.MatVecs, "mat-vecs of the grid run");
        report.Set("refinement_matvecs", r.RefinementMatVecs, "mat-vecs of the runs that refined the maxima");
        report.Set("error_estimate", r.Statistics.ErrorEstimate, "bound on the 2-norm error of the final state (Chebyshev: a priori truncation bound plus rounding; Krylov: a posteriori estimate)");
        report.Set("tolerance", battery.Options.Evolution is { } ev ? ev.AbsoluteTolerance + ev.RelativeTolerance : EvolutionOptions.Default.AbsoluteTolerance + EvolutionOptions.Default.RelativeTolerance, "2-norm error budget of the state over the window (atol + rtol)");
        report.Set("peak_memory_bytes", System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64);
        if (!trace) return;
        report.Set("times", Json.Array(c.Times));
        report.Set("work", Json.Array(c.Work));
        report.Set("power", Json.Array(c.AveragePower()));
        report.Set("instantaneous_power", c.InstantaneousPower is null ? null : Json.Array(c.InstantaneousPower));
        report.Set("independent_work", Json.Array(r.ReferenceWork!));
    }

    private static string RouteName(SpinChainRoute route) => route switch
    {
        SpinChainRoute.Collective => "collective",
        SpinChainRoute.Sector => "sector",
        _ => "full",
    };

    private static void Scan(Report report, SpinChainBattery[] batteries, ChargingRun[] runs)
    {
        var rows = new JsonArray();
        var table = report.AddTable("scan", "n", "gamma", "max_power", "charging_time", "work_at_charging_time", "independent_max_power", "coupling_sum", "route", "dimension");
        for (var i = 0; i < runs.Length; i++)
        {
            var (b, r) = (batteries[i], runs[i]);
            var c = r.Curve!;
            rows.Add(new JsonObject
            {
                ["n"] = b.Chain.Sites,
                ["gamma"] = Json.Number(r.Gamma),
                ["max_power"] = Json.Number(c.MaxPower),
                ["charging_time"] = Json.Number(c.ChargingTime),
                ["work_at_charging_time"] = Json.Number(c.WorkAtChargingTime),
                ["independent_max_power"] = Json.Number(r.ReferencePower),
                ["coupling_sum"] = Json.Number(b.Chain.CouplingSum()),
                ["route"] = RouteName(b.Route),
                ["dimension"] = r.Dimension,
            });
            table.Add(b.Chain.Sites, r.Gamma, c.MaxPower, c.ChargingTime, c.WorkAtChargingTime, r.ReferencePower, b.Chain.CouplingSum(), RouteName(b.Route), r.Dimension);
        }
        report.Set("scan", rows);
    }

    /// <summary>Gamma against n.</summary>
    internal static SvgPlot GammaPlot(IReadOnlyList<SpinChainBattery> batteries, IReadOnlyList<ChargingRun> runs)
    {
        var order = Enumerable.Range(0, runs.Count).OrderBy(i => batteries[i].Chain.Sites).ToArray();
        var plot = new SvgPlot("Spin-chain battery: Γ = ⟨P⟩/⟨P_ind⟩", "number of spins n", "Γ = ⟨P⟩/⟨P_ind⟩");
        var x = order.Select(i => (double)batteries[i].Chain.Sites).ToArray();
        var y = order.Select(i => runs[i].Gamma).ToArray();
        plot.AddLine("Γ(n)", x, y, color: SvgPlot.Palette[0]);
        plot.AddScatter("", x, y, color: SvgPlot.Palette[0]);
        plot.AddHorizontalLine("independent spins (Γ = 1)", 1, color: SvgPlot.Palette[1]);
        return plot;
    }

    private static SvgPlot WorkPlot(SpinChainBattery battery, ChargingRun r)
    {
        var plot = new SvgPlot(string.Create(CultureInfo.InvariantCulture, $"Spin-chain battery, n = {battery.Chain.Sites}"), "time t (ħ = 1, units of 1/B)", "work W(t) (units of B)");
        plot.AddLine("W(t)", r.Curve!.Times, r.Curve.Work, color: SvgPlot.Palette[0]);
        plot.AddLine("independent spins", r.Reference!.Times, r.ReferenceWork!, LineStyle.Dashed, SvgPlot.Palette[1]);
        plot.AddVerticalLine(string.Create(CultureInfo.InvariantCulture, $"charging time τ = {r.Curve.ChargingTime:G4}"), r.Curve.ChargingTime, color: SvgPlot.Palette[2]);
        return plot;
    }
}
