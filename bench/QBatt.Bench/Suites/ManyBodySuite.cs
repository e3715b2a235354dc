using System.Diagnostics;
using System.Globalization;
using System.Text;
using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Models;

namespace QBatt.Bench.Suites;

/// <summary>
/// Many-body batteries at large sizes (issue 6, R12/R13), through the library API exactly as `qbatt dicke`
/// and `qbatt chain` run them: the Dicke battery in the symmetric subspace with the default cutoff and
/// window (its Rabi reference included), and spin chains in the full 2^n space with matrix-free
/// Hamiltonians (ground state certified, independent reference included) or in the collective-spin block.
/// One run per size (sizes of a minute or so; the small ones after a warm-up); the process's peak working
/// set after each row shows the memory actually used against the estimate checked before allocating.
/// </summary>
internal static class ManyBodySuite
{
    private sealed record Row(string Workload, string Size, double Seconds, string Memory, string Values);

    private static string F(double x, string format = "G6") => x.ToString(format, CultureInfo.InvariantCulture);

    private static double Time(Action work, bool warmup)
    {
        if (warmup) work();
        Timing.Settle();
        var sw = Stopwatch.StartNew();
        work();
        return sw.Elapsed.TotalSeconds;
    }

    private static string Peak() => F(Process.GetCurrentProcess().PeakWorkingSet64 / (double)(1L << 30), "F2") + " GiB peak so far";

    public static string Run(int maxSites)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<Row>();
        foreach (var (n, lambda) in new[] { (40, 0.5), (200, 0.5), (320, 0.1) })
        {
            ChargingRun r = null!;
            var d = new DickeBattery(n, lambda);
            var s = Time(() => r = d.Charge(), n <= 40);
            rows.Add(new Row("Dicke (R12)", $"N = {n}, lambda = {F(lambda)}, cutoff {d.Cutoff} (D = {d.Dimension}), t_max = {F(d.TimeWindow, "F4")}", s, Peak(),
                $"Gamma = {F(r.Gamma, "F5")} (sqrt N = {F(Math.Sqrt(n), "F5")}), max P = {F(r.Curve!.MaxPower, "F5")} at t = {F(r.Curve.ChargingTime, "F5")}, top Fock population {F(r.LimitMaxima[DickeBattery.TopFockLevel], "E2")}, {r.Statistics!.MatVecs} mat-vecs"));
            Console.Error.WriteLine($"[bench] Dicke N={n}: {s:F2} s");
        }
        var chains = new List<(string Name, SpinChain Chain)>
        {
            ("nearest neighbour", new SpinChain(16)), ("nearest neighbour", new SpinChain(18)), ("nearest neighbour", new SpinChain(20)),
            ("nearest neighbour", new SpinChain(22)), ("g/|i-j|", new SpinChain(16, range: CouplingRange.PowerLaw)),
            ("uniform (collective)", new SpinChain(1000, coupling: 1e-5, range: CouplingRange.Uniform)),
            ("uniform (collective)", new SpinChain(10000, coupling: 1e-6, range: CouplingRange.Uniform)),
        };
        foreach (var (name, chain) in chains.Where(c => c.Chain.Range == CouplingRange.Uniform || c.Chain.Sites <= maxSites))
        {
            ChargingRun r = null!;
            var battery = new SpinChainBattery(chain);
            var bytes = battery.CheckMemory();
            var s = Time(() => r = battery.Charge(), chain.Sites <= 16);
            rows.Add(new Row("spin chain (R13)", $"n = {chain.Sites}, {name}, D = {r.Dimension}", s, $"{F(bytes / (double)(1L << 30), "F2")} GiB estimated; {Peak()}",
                $"Gamma = {F(r.Gamma, "F6")}, max P = {F(r.Curve!.MaxPower, "F5")} at t = {F(r.Curve.ChargingTime, "F5")}, W(3) = {F(r.Curve.Work[^1], "F6")}, P(t) {(r.Curve.InstantaneousPower is null ? "not recorded" : "recorded")}, {r.Statistics!.MatVecs} mat-vecs"));
            Console.Error.WriteLine($"[bench] chain n={chain.Sites} {name}: {s:F2} s");
        }
        var sb = new StringBuilder();
        sb.AppendLine("## Many-body batteries at large sizes (R12, R13)");
        sb.AppendLine();
        sb.AppendLine("Library API, as `qbatt dicke` / `qbatt chain` run them (defaults: Dicke symmetric subspace with the default cutoff and window and its Rabi reference; chains with B = omega = 1, g = 0.1, alpha = -1, open, 201 outputs on [0, 3], ground state certified, independent reference, matrix-free full space or collective spin). One timed run per size, after a warm-up for the small ones. Timings from building the operators to the last result.");
        sb.AppendLine();
        sb.AppendLine("| workload | size | QBatt s | memory | values | date, machine |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Workload} | {r.Size} | {F(r.Seconds, "F2")} | {r.Memory} | {r.Values} | {Machine.Today}, {Machine.Describe()} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Targets (issue 6): Dicke N = 200 at lambda = 0.5 under a minute; nearest-neighbour chain n = 20 under a minute and n = 22 within the machine's memory. Suite wall time {clock.Elapsed.TotalSeconds:F0} s.");
        return sb.ToString();
    }
}
