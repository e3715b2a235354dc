using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using QBatt.Charging;
using QBatt.Studies;

namespace QBatt.Bench.Suites;

/// <summary>
/// The Conjecture 1 study of R11 at scale (issue 5 acceptance: `qbatt conjecture` with 10,000 samples for
/// (N, k) = (6, 2) in minutes on 2 cores): the CLI as a real process, the library with two threads and
/// one, the four (N, k) of the PRL at 10,000 samples each, and the numpy/scipy peer
/// (`bench/peers/conjecture_numpy.py`, same design, its own random numbers) for the time per sample and
/// the distribution of Gamma_C0.
/// </summary>
internal static class ConjectureSuite
{
    private const int Samples = 10_000;
    private const int Seed = 1;
    private const int PeerSamples = 1000;

    public static string Run()
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Conjecture 1 study (R11)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Random 2- and 3-local qubit Hamiltonians (all C(N, k) terms i log of Haar unitaries), rescaled to ||H||_op = N, max_t W(t)/t from |0..0> against N parallel sigma_x drives; seed {Seed}. One run each (no warm-up for the CLI process, whose figure includes process start and JIT). numpy/scipy peer: the same design with its own random numbers, {PeerSamples} samples. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();

        // the acceptance figure: the CLI as a user runs it
        var (cliSeconds, cli) = RunCli("conjecture", "--cells", "6", "--k", "2", "--samples", Samples.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--json");
        Console.Error.WriteLine($"conjecture CLI (6, 2) x {Samples}: {cliSeconds:F1} s");
        sb.AppendLine(CultureInfo.InvariantCulture, $"`qbatt conjecture --cells 6 --k 2 --samples {Samples} --seed {Seed}` (real process, {Environment.ProcessorCount} cores): **{cliSeconds:F1} s**, largest Gamma_C0 {(double)cli["max_gamma"]!:G6} < gamma k = {(double)cli["bound"]!:G6}.");
        sb.AppendLine();

        sb.AppendLine("| (N, k) | samples | QBatt s (2 threads) | QBatt s (1 thread) | ms per sample (1 thread) | largest Gamma_C0 | gamma k | mean Gamma_C0 +- s.e. | numpy ms per sample | numpy / QBatt (1 thread) | numpy mean +- s.e. |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (n, k) in new[] { (3, 2), (4, 2), (4, 3), (6, 2) })
        {
            ConjectureStudyResult? r = null, r1 = null;
            var t2 = Timing.Median(1, () => r = ConjectureStudy.Run(new ConjectureOptions { Cells = n, K = k, Samples = Samples, Seed = Seed }), warmup: false);
            var t1 = Timing.Median(1, () => r1 = ConjectureStudy.Run(new ConjectureOptions { Cells = n, K = k, Samples = Samples, Seed = Seed, Threads = 1 }), warmup: false);
            if (r!.MaxGamma != r1!.MaxGamma)
                Console.Error.WriteLine($"conjecture ({n}, {k}): one thread {r1.MaxGamma:R} vs two {r.MaxGamma:R}");
            var g = r.Samples.Select(s => s.Gamma).ToArray();
            var se = Math.Sqrt(g.Select(x => (x - r.MeanGamma) * (x - r.MeanGamma)).Sum() / (g.Length - 1) / g.Length);
            var peer = Peer.Run("conjecture_numpy.py", n.ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture), PeerSamples.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture));
            var peerMs = 1000 * (double)peer["seconds"]! / PeerSamples;
            var peerSe = (double)peer["std_gamma"]! / Math.Sqrt(PeerSamples);
            var ms1 = 1000 * t1 / Samples;
            Console.Error.WriteLine($"conjecture ({n}, {k}): {t2:F1} s (1 thread {t1:F1} s), max {r.MaxGamma:G6}, numpy {peerMs:F2} ms/sample");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| ({n}, {k}) | {Samples} | {t2:F1} | {t1:F1} | {ms1:F2} | {r.MaxGamma:G6} | {r.Bound:G6} | {r.MeanGamma:F4} +- {se:F4} | {peerMs:F2} | {peerMs / ms1:F1} | {(double)peer["mean_gamma"]!:F4} +- {peerSe:F4} |");
        }
        sb.AppendLine();
        sb.AppendLine("Target (issue 5): 10,000 samples for (6, 2) in minutes, not hours. The means of QBatt and the peer are independent estimates of the same distribution and agree within their standard errors when the designs match.");
        return sb.ToString();
    }

    /// <summary>Runs the built CLI (src/QBatt.Cli/bin/Release) as a process; its wall time and the JSON it printed.</summary>
    private static (double Seconds, JsonObject Json) RunCli(params string[] args)
    {
        var repository = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Peer.ScriptPath("x"))))!; // <repo>/bench/peers/x
        var dll = Path.Combine(repository, "src", "QBatt.Cli", "bin", "Release", "net10.0", "QBatt.Cli.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"build the CLI first (dotnet build src/QBatt.Cli -c Release): {Path.GetFullPath(dll)} not found");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var seconds = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"qbatt {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result.Trim()}");
        return (seconds, JsonNode.Parse(stdout.Result)!.AsObject());
    }
}
