using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Bench.Suites;

/// <summary>
/// Workloads W2 (Dicke), W3 (spin chain) and W4 (open charging) of BENCHMARKS.md: QBatt through the
/// library API and QuTiP 4.7 (bench/peers/qutip_*.py) in the same run, timed from building the
/// operators to the last expectation value. QBatt: one warm-up, then the median of the timed runs
/// (a single run for sizes of a minute or more); QuTiP: the same inside the script (a single run
/// for long ones), with a time limit after which QBatt runs alone.
/// </summary>
internal static class DynamicsSuites
{
    private sealed record Row(string Workload, string Size, double QBatt, double? QuTiP, string QuTiPNote, double Disagreement, double SelfCheck, string Values)
    {
        /// <summary>QuTiP / QBatt of each round when the pair was timed in several rounds (the ratio cell then gives their range).</summary>
        public double[]? RoundRatios { get; init; }
    }

    /// <summary>Rounds of the W2 and W4 comparisons: QBatt and QuTiP timed alternately, so that the spread of the ratio is seen.</summary>
    private const int Rounds = 3;

    private static double MedianOf(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>The tolerances of the self-check: QBatt's values at the defaults against these.</summary>
    private static readonly EvolutionOptions Tight = new() { AbsoluteTolerance = 1e-13, RelativeTolerance = 1e-13 };

    private static double Relative(Dictionary<string, double> a, Dictionary<string, double> b) =>
        a.Keys.Max(k => Math.Abs(a[k] - b[k]) / Math.Max(Math.Abs(b[k]), 1e-300));

    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    private static string F(double x, string format = "G6") => x.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Warm-up until the JIT has settled (at least one run, and runs for up to 2 s or 50 runs for short
    /// workloads), then the median of the timed runs.
    /// </summary>
    private static (double Seconds, T Result) Time<T>(int reps, bool warmup, Func<T> work)
    {
        T result = default!;
        if (warmup)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var k = 0; k < 50 && (k == 0 || clock.Elapsed.TotalSeconds < 2); k++) result = work();
        }
        var s = Timing.Median(reps, () => result = work(), warmup: false);
        return (s, result);
    }

    private static (int Index, double Power) GridMaxPower(double[] t, double[] w)
    {
        var best = 1;
        for (var k = 1; k < t.Length; k++) if (w[k] / t[k] > w[best] / t[best]) best = k;
        return (best, w[best] / t[best]);
    }

    /// <summary>Largest relative difference over the named values present on both sides.</summary>
    private static double Disagreement(Dictionary<string, double> mine, JsonObject? peer)
    {
        if (peer is null) return double.NaN;
        var values = peer["values"]!.AsObject();
        double worst = 0;
        foreach (var (k, v) in mine)
        {
            if (!values.ContainsKey(k)) continue;
            var p = (double)values[k]!;
            worst = Math.Max(worst, Math.Abs(v - p) / Math.Max(Math.Abs(p), 1e-300));
        }
        return worst;
    }

    private static JsonObject? RunPeer(string script, TimeSpan timeout, bool quick, params string[] args)
    {
        Console.Error.WriteLine($"[bench] QuTiP {script} {string.Join(' ', args)} (limit {timeout.TotalSeconds:F0} s)");
        return Peer.TryRun(script, timeout, [.. args, "--reps", quick ? "3" : "1"]);
    }

    private static string Table(string title, string intro, IEnumerable<Row> rows, double suiteSeconds, string? notes = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        sb.AppendLine();
        sb.AppendLine(intro);
        sb.AppendLine();
        sb.AppendLine("| workload | size | QBatt s | QuTiP s | QuTiP / QBatt | largest relative disagreement | QBatt self-check | QBatt values | date, machine |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var q = r.QuTiP is { } v ? F(v, "F3") : r.QuTiPNote;
            var ratio = r.QuTiP is { } w ? F(w / r.QBatt, "F1") + "x" : "-";
            if (r.QuTiP is not null && r.RoundRatios is { Length: > 1 } rr) ratio += $" ({F(rr.Min(), "F1")}-{F(rr.Max(), "F1")})";
            var dis = double.IsNaN(r.Disagreement) ? "-" : F(r.Disagreement, "E1");
            var self = double.IsNaN(r.SelfCheck) ? "-" : F(r.SelfCheck, "E1");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Workload} | {r.Size} | {F(r.QBatt, "F3")} | {q} | {ratio} | {dis} | {self} | {r.Values} | {Machine.Today}, {Machine.Describe()} |");
        }
        sb.AppendLine();
        sb.AppendLine("QBatt self-check: the largest relative change of the same values when QBatt reruns with atol = rtol = 1e-13 (not timed; '-' for the largest sizes): QBatt's own error, so a disagreement well above it is the peer's.");
        sb.AppendLine();
        if (notes is not null)
        {
            sb.AppendLine(notes);
            sb.AppendLine();
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"Suite wall time {suiteSeconds:F0} s.");
        return sb.ToString();
    }

    private const string Common = "QBatt: library API (`SchrodingerSolver`/`LindbladSolver` with default options: atol = rtol = 1e-10, method auto), warm-up runs (up to 2 s) then the median of {0} runs; QuTiP 4.7.1: `sesolve`/`mesolve`, `Options(atol=1e-10, rtol=1e-8, nsteps=10**6)`, `e_ops`, same statistic inside the script. Both timed from building the operators to the last expectation value. Disagreement: largest |QBatt - QuTiP| / |QuTiP| over the values.";

    public static string W2(int reps, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<Row>();
        foreach (var n in new[] { 20, 40 })
        {
            // the converged cutoff of BENCHMARKS.md: QBatt's default, whose top Fock population stays below 1e-8 on [0, 2]
            var cutoff = Dicke.DefaultCutoff(n, 0.5, 2);
            var times = Grid(2, 201);
            (double[] EB, double Top) Work(EvolutionOptions? options)
            {
                var d = new Dicke(n, cutoff, 0.5);
                var traj = new SchrodingerSolver(d.Hamiltonian(), options).Run(d.InitialState(), times,
                    [new Observable("E_B", d.BatteryEnergy()), new Observable("top", d.TopFockProjector())]);
                return (traj.Expectation("E_B"), traj.Expectation("top").Max());
            }
            Dictionary<string, double> Values(double[] eb)
            {
                var (k, p) = GridMaxPower(times, eb);
                return new Dictionary<string, double> { ["E_B_end"] = eb[^1], ["E_B_max"] = eb.Max(), ["P_max"] = p, ["t_P_max"] = times[k] };
            }
            // rounds: QBatt (median of reps), then QuTiP (median of 3 in its script), alternately
            var mineSeconds = new List<double>();
            var peerSeconds = new List<double>();
            (double[] EB, double Top) res = ([], 0);
            JsonObject? peer = null;
            for (var round = 0; round < Rounds; round++)
            {
                var (s, r) = Time(reps, round == 0, () => Work(null));
                mineSeconds.Add(s);
                res = r;
                var p = RunPeer("qutip_w2_dicke.py", limit, true, $"{n}", $"{cutoff}");
                if (p is null) break;
                peer = p;
                peerSeconds.Add((double)p["seconds"]!);
            }
            var (eb, top) = res;
            var (k, pmax) = GridMaxPower(times, eb);
            var refined = Power.MaximumAverage(times, eb);
            var mine = Values(eb);
            var selfCheck = Relative(mine, Values(Work(Tight).EB));
            var values = $"E_B(2) = {F(eb[^1], "F6")}, max E_B = {F(eb.Max(), "F6")}, max E_B/t = {F(pmax, "F6")} at t = {F(times[k], "F3")} (refined {F(refined.Power, "F6")} at {F(refined.Time, "F4")}), top Fock population over the window {F(top, "E2")} (QuTiP at t = 2: {(peer is null ? "-" : F((double)peer["values"]!["top_fock_population_end"]!, "E2"))})";
            var complete = peerSeconds.Count == mineSeconds.Count;
            rows.Add(new Row("W2 Dicke", $"N = {n}, cutoff {cutoff} (D = {n + 1} x {cutoff} = {(n + 1) * cutoff})", MedianOf(mineSeconds),
                complete ? MedianOf(peerSeconds) : null, "timed out", Disagreement(mine, peer), selfCheck, values)
            {
                RoundRatios = complete ? [.. peerSeconds.Zip(mineSeconds, (q, m) => q / m)] : null,
            });
            Console.Error.WriteLine($"[bench] W2 N={n}: QBatt {string.Join(", ", mineSeconds.Select(x => F(x, "F3")))} s, QuTiP {string.Join(", ", peerSeconds.Select(x => F(x, "F3")))} s");
        }
        return Table("W2 Dicke battery (R12)", string.Format(CultureInfo.InvariantCulture, Common, reps) + $" wa = wc = 1, lambda = 0.5, |N photons> (x) |all down>, 201 outputs on [0, 2], the converged photon cutoff of BENCHMARKS.md (QBatt's default, `Dicke.DefaultCutoff`) on both sides; E_B and the top Fock level population as e_ops on both sides. {Rounds} rounds, QBatt and QuTiP alternately: the times are the medians over the rounds and the ratio cell gives the range of the rounds' ratios.", rows, clock.Elapsed.TotalSeconds);
    }

    public static string W3(int reps, TimeSpan limit, int maxSites)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<Row>();
        var cases = new List<(int N, CouplingRange Kind, string Name)>
        {
            (12, CouplingRange.NearestNeighbour, "nn"), (14, CouplingRange.NearestNeighbour, "nn"), (16, CouplingRange.NearestNeighbour, "nn"),
            (18, CouplingRange.NearestNeighbour, "nn"), (20, CouplingRange.NearestNeighbour, "nn"),
            (12, CouplingRange.PowerLaw, "power"), (14, CouplingRange.Uniform, "uniform"),
        };
        var qutipGaveUp = false;
        foreach (var (n, kind, name) in cases.Where(c => c.N <= maxSites))
        {
            var times = Grid(3, 201);
            var big = n >= 18;
            double[] Work(EvolutionOptions? options)
            {
                var chain = new SpinChain(n, range: kind);
                var traj = new SchrodingerSolver(chain.ChargingHamiltonian(), options).Run(chain.AllDown(), times, [new Observable("H0", chain.BatteryHamiltonian())]);
                var e = traj.Expectation("H0");
                return e.Select(x => x - e[0]).ToArray();
            }
            Dictionary<string, double> Values(double[] w)
            {
                var (k, p) = GridMaxPower(times, w);
                return new Dictionary<string, double> { ["W_end"] = w[^1], ["W_max"] = w.Max(), ["P_max"] = p, ["t_P_max"] = times[k] };
            }
            var (s, w) = Time(big ? 1 : reps, !big, () => Work(null));
            var (k, p) = GridMaxPower(times, w);
            var refined = Power.MaximumAverage(times, w);
            var mine = Values(w);
            var selfCheck = big ? double.NaN : Relative(mine, Values(Work(Tight)));
            JsonObject? peer = null;
            var note = "timed out";
            if (kind == CouplingRange.NearestNeighbour && qutipGaveUp)
                note = $"not run (> {limit.TotalSeconds:F0} s at a smaller n)";
            else
            {
                peer = RunPeer("qutip_w3_chain.py", limit, n <= 14, $"{n}", name);
                if (peer is null && kind == CouplingRange.NearestNeighbour) qutipGaveUp = true;
                if (peer is null) note = $"> {limit.TotalSeconds:F0} (timed out)";
            }
            var values = $"W(3) = {F(w[^1], "F6")}, max W = {F(w.Max(), "F6")}, max W/t = {F(p, "F6")} at t = {F(times[k], "F3")} (refined {F(refined.Power, "F6")} at {F(refined.Time, "F4")})";
            rows.Add(new Row("W3 spin chain", $"n = {n}, {name} (D = {1 << n})", s, (double?)peer?["seconds"], note, Disagreement(mine, peer), selfCheck, values));
            Console.Error.WriteLine($"[bench] W3 n={n} {name}: QBatt {s:F3} s, QuTiP {(peer is null ? note : F((double)peer["seconds"]!, "F3"))}");
        }
        return Table("W3 spin-chain battery (R13)", string.Format(CultureInfo.InvariantCulture, Common, reps) + " n >= 18: one QBatt run. B = 1, omega = 1, g = 0.1, alpha = -1, open chain, all spins down, H = Hg + omega sum sigma_x, 201 outputs on [0, 3]; <H0> as e_op on both sides. {Rounds} rounds below n = 12, QBatt and QuTiP alternately: the times are the medians over the rounds and the ratio cell gives the range of the rounds' ratios.", rows, clock.Elapsed.TotalSeconds,
            "W(3) = <H0>(3) - <H0>(0) is a difference of energies about twice its size, so QuTiP's rtol = 1e-8 per step shows up there: the rows whose disagreement approaches 1e-6 differ from QBatt's self-checked values by QuTiP's error.");
    }

    public static string W4(int reps, TimeSpan limit, int maxCells)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<Row>();
        var qutipGaveUp = false;
        var n10WithinLimit = false;
        foreach (var n in new[] { 6, 8, 10, 12 }.Where(x => x <= maxCells))
        {
            var times = Grid(5, 101);
            var big = n >= 10;
            double[] Work(EvolutionOptions? options)
            {
                var h0 = Operators.SumOverCells(0.5 * (Pauli.I + Pauli.Z), n);
                var h = h0 + Operators.SumOverCells(Pauli.X, n);
                var c = Enumerable.Range(0, n).Select(i => Operators.Embed(Math.Sqrt(0.05) * Pauli.Minus, i, n)).ToArray();
                var ground = Ket.Basis(Dims.Uniform(2, n), [.. Enumerable.Repeat(1, n)]);
                return new LindbladSolver(h, c, options).Run(ground, times, [new Observable("H0", h0)]).Expectation("H0");
            }
            static Dictionary<string, double> Values(double[] e) => new() { ["E_end"] = e[^1], ["E_max"] = e.Max() };
            // rounds (below n = 12): QBatt, then QuTiP, alternately; one QBatt run per round from n = 10
            var mineSeconds = new List<double>();
            var peerSeconds = new List<double>();
            double[] e = [];
            JsonObject? peer = null;
            var note = qutipGaveUp ? $"not run (> {limit.TotalSeconds:F0} s at a smaller n)" : $"> {limit.TotalSeconds:F0} (timed out)";
            if (n >= 12) note = "not run (W6: QBatt alone at n = 12)";
            for (var round = 0; round < (n >= 12 ? 1 : Rounds); round++)
            {
                var (sec, r) = Time(big ? 1 : reps, !big && round == 0, () => Work(null));
                mineSeconds.Add(sec);
                e = r;
                if (qutipGaveUp || n >= 12) continue;
                var p = RunPeer("qutip_w4_lindblad.py", limit, n <= 8, $"{n}");
                if (p is null)
                {
                    qutipGaveUp = true;
                    continue;
                }
                peer = p;
                peerSeconds.Add((double)p["seconds"]!);
            }
            var mine = Values(e);
            var selfCheck = big ? double.NaN : Relative(mine, Values(Work(Tight)));
            var complete = peerSeconds.Count > 0 && peerSeconds.Count == mineSeconds.Count;
            var values = $"<H0>(5) = {F(e[^1], "F8")}, max <H0> = {F(e.Max(), "F8")}";
            var s = MedianOf(mineSeconds);
            rows.Add(new Row("W4 open charging", $"n = {n} (D = {1 << n}, generator {1 << (2 * n)}^2)", s, complete ? MedianOf(peerSeconds) : null, note, Disagreement(mine, peer), selfCheck, values)
            {
                RoundRatios = complete ? [.. peerSeconds.Zip(mineSeconds, (q, m) => q / m)] : null,
            });
            if (n == 10 && peer is not null) n10WithinLimit = true;
            Console.Error.WriteLine($"[bench] W4 n={n}: QBatt {string.Join(", ", mineSeconds.Select(x => F(x, "F3")))} s, QuTiP {(peerSeconds.Count == 0 ? note : string.Join(", ", peerSeconds.Select(x => F(x, "F3"))))} s");
        }
        return Table("W4 open-system charging (R6)", string.Format(CultureInfo.InvariantCulture, Common, reps) + $" n = 10: one QBatt run. H0 = sum (1 + sigma_z)/2, H = H0 + sum sigma_x, amplitude damping sqrt(0.05) sigma_- on every cell, ground state, 101 outputs on [0, 5]; <H0> as e_op on both sides. {Rounds} rounds below n = 12, QBatt and QuTiP alternately: the times are the medians over the rounds and the ratio cell gives the range of the rounds' ratios.", rows, clock.Elapsed.TotalSeconds,
            n10WithinLimit
                ? "BENCHMARKS.md defines W4 at n = 6 and 8, and n = 10 for QBatt alone if QuTiP exceeds 10 minutes; QuTiP finished n = 10 within the limit, so that row compares beyond the defined sizes. From D = 64 this real Hamiltonian with real collapse operators runs in matrix form (RealLindbladMap: the generator applied column by column to X = Re rho + Im rho, never assembled; about 3x fewer seconds per application than the assembled 25 M-entry generator at n = 10), and at D = 1024 the Arnoldi basis may grow to 160, so one basis of 112 vectors covers [0, 5] (a basis of 90 needed three restarts and 244 mat-vecs). The rest of the n = 10 time is the orthogonalisation of 8 MB vectors (memory-bound, shared by both cores)."
                : null);
    }

    /// <summary>
    /// Storage (R16): discharge of n charged qubits under local amplitude damping (0.1) and dephasing (0.05), 201 outputs on [0, 10],
    /// through the storage battery's pipeline setup (ChargingRunner -> dispatcher -> Lindblad) with the energy recorded, against
    /// QuTiP mesolve with H0 as e_op (bench/peers/qutip_storage.py bench).
    /// </summary>
    public static string Storage(int reps, TimeSpan limit, int maxCells)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<Row>();
        foreach (var n in new[] { 6, 8, 10 }.Where(x => x <= maxCells))
        {
            var big = n >= 10;
            double[] Work(EvolutionOptions? options)
            {
                var battery = new QBatt.Batteries.StorageBattery(n, 2, new QBatt.Batteries.StorageNoise { Decay = 0.1, Dephasing = 0.05 });
                var setup = battery.Setup(QBatt.Batteries.StorageState.Named("charged", 2, n), QBatt.Batteries.ChargingWindow.Uniform(10, 200));
                setup = setup with { Compute = QBatt.Batteries.ChargingQuantities.None, Options = options is null ? setup.Options : setup.Options with { Evolution = options } };
                return [.. QBatt.Batteries.ChargingRunner.Run(setup).Energy];
            }
            static Dictionary<string, double> Values(double[] e) => new() { ["E_end"] = e[^1], ["E_mid"] = e[e.Length / 2] };
            var (s, e) = Time(big ? 1 : reps, !big, () => Work(null));
            var mine = Values(e);
            var selfCheck = big ? double.NaN : Relative(mine, Values(Work(Tight)));
            var peer = RunPeer("qutip_storage.py", limit, n <= 8, "bench", $"{n}");
            // closed form: local decay takes the energy of any state as n e^(-g t)
            var exact = n * Math.Exp(-0.1 * 10);
            var values = $"<H0>(10) = {F(e[^1], "F8")} (closed form n e^(-1) = {F(exact, "F8")}), <H0>(5) = {F(e[e.Length / 2], "F8")}";
            rows.Add(new Row("storage discharge", $"n = {n} (D = {1 << n}, generator {1 << (2 * n)}^2)", s, (double?)peer?["seconds"], $"> {limit.TotalSeconds:F0} (timed out)", Disagreement(mine, peer), selfCheck, values));
            Console.Error.WriteLine($"[bench] storage n={n}: QBatt {s:F3} s, QuTiP {(peer is null ? "timed out" : F((double)peer["seconds"]!, "F3"))}");
        }
        return Table("Storage: self-discharge (R16)", string.Format(CultureInfo.InvariantCulture, Common, reps) + " n = 10: one QBatt run. H0 = sum diag(0, 1), charged state |1...1>, local amplitude damping sqrt(0.1) |0><1| and dephasing sqrt(2 * 0.05) n on every cell, 201 outputs on [0, 10]; QBatt through StorageBattery.Setup and ChargingRunner (energy only: the ergotropy series of qbatt discharge, one eigendecomposition per output, is not part of the timed work, as QuTiP records only <H0>).", rows, clock.Elapsed.TotalSeconds);
    }
}
