using System.Globalization;
using BenchmarkDotNet.Running;
using QBatt.Bench;
using QBatt.Bench.Micro;
using QBatt.Bench.Suites;

// QBatt benchmarks: whole-workload suites side by side with their peers in the same run, and
// BenchmarkDotNet micro-benchmarks of kernels. See bench/README.md.
//   dotnet run --project bench/QBatt.Bench -c Release -- eig matvec w1 capacity w2 w3 w4 storage w5 manybody conjecture w7 sweep syk grape [--write] [--reps N]
//     [--peer-timeout SECONDS (QuTiP limit, default 600)] [--max-size N (largest n of w3/w4)] [--samples S (syk, default 100)]
//   dotnet run --project bench/QBatt.Bench -c Release -- micro
var write = args.Contains("--write");
var reps = 3;
var repsAt = Array.IndexOf(args, "--reps");
if (repsAt >= 0 && repsAt + 1 < args.Length) reps = int.Parse(args[repsAt + 1], CultureInfo.InvariantCulture);
var limitAt = Array.IndexOf(args, "--peer-timeout");
var peerLimit = TimeSpan.FromSeconds(limitAt >= 0 && limitAt + 1 < args.Length ? double.Parse(args[limitAt + 1], CultureInfo.InvariantCulture) : 600);
var maxAt = Array.IndexOf(args, "--max-size");
var maxSize = maxAt >= 0 && maxAt + 1 < args.Length ? int.Parse(args[maxAt + 1], CultureInfo.InvariantCulture) : int.MaxValue;
var samplesAt = Array.IndexOf(args, "--samples");
var samples = samplesAt >= 0 && samplesAt + 1 < args.Length ? int.Parse(args[samplesAt + 1], CultureInfo.InvariantCulture) : 100;
string[] valued = ["--reps", "--peer-timeout", "--max-size", "--samples"];
var suites = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).ToList();
if (suites.Count == 0)
{
    Console.Error.WriteLine("usage: QBatt.Bench (eig|matvec|w1|capacity|w2|w3|w4|storage|w5|w6kernel|w6chain|manybody|conjecture|w7|sweep|syk|grape|micro)... [--write] [--reps N] [--peer-timeout SECONDS] [--max-size N]");
    return 2;
}
foreach (var suite in suites)
{
    string? section = suite switch
    {
        "eig" => EigSuite.Run([1000, 2000], reps),
        "matvec" => MatvecSuite.Run(20, Math.Max(reps, 10)),
        "w1" => W1Suite.Run([1024, 2048], reps),
        "capacity" => CapacitySuite.Run([Math.Min(4096, maxSize)], repsAt >= 0 ? reps : 1),
        "w2" => DynamicsSuites.W2(reps, peerLimit),
        "w3" => DynamicsSuites.W3(reps, peerLimit, maxSize),
        "w4" => DynamicsSuites.W4(reps, peerLimit, maxSize),
        "storage" => DynamicsSuites.Storage(reps, peerLimit, maxSize),
        "w5" => W5Suite.Run(reps),
        "manybody" => ManyBodySuite.Run(maxSize),
        "conjecture" => ConjectureSuite.Run(),
        "w7" => W7Suite.Run(Math.Max(reps, 5)),
        "w6kernel" => W6Suite.Kernels([.. new[] { 20, 22, 24, 26, 28 }.Where(n => n <= maxSize)], Math.Max(reps, 5)),
        "w6chain" => W6Suite.Chain([.. new[] { 12, 16, 20, 22, 24, 26, 28 }.Where(n => n <= maxSize)], 30),
        "sweep" => SweepSuite.Run(),
        "syk" => SykSuite.Run(12, samples),
        "grape" => GrapeSuite.Run(reps, 10, peerLimit),
        "micro" => RunMicro(),
        _ => throw new ArgumentException($"unknown suite '{suite}' (expected eig, matvec, w1, capacity, w2, w3, w4, storage, w5, w6kernel, w6chain, manybody, conjecture, w7, sweep, syk, grape, micro)"),
    };
    if (section is null) continue;
    Console.WriteLine(section);
    if (write) Results.WriteSection(Results.DefaultPath(), suite, section);
}
return 0;

static string? RunMicro()
{
    BenchmarkRunner.Run<KernelBenchmarks>();
    return null;
}
