using System.Globalization;
using BenchmarkDotNet.Running;
using QBatt.Bench;
using QBatt.Bench.Micro;
using QBatt.Bench.Suites;

// QBatt benchmarks: whole-workload suites side by side with their peers in the same run, and
// BenchmarkDotNet micro-benchmarks of kernels. See bench/README.md.
//   dotnet run --project bench/QBatt.Bench -c Release -- eig matvec [--write] [--reps N]
//   dotnet run --project bench/QBatt.Bench -c Release -- micro
var write = args.Contains("--write");
var reps = 3;
var repsAt = Array.IndexOf(args, "--reps");
if (repsAt >= 0 && repsAt + 1 < args.Length) reps = int.Parse(args[repsAt + 1], CultureInfo.InvariantCulture);
var suites = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToList();
if (suites.Count == 0)
{
    Console.Error.WriteLine("usage: QBatt.Bench (eig|matvec|micro)... [--write] [--reps N]");
    return 2;
}
foreach (var suite in suites)
{
    string? section = suite switch
    {
        "eig" => EigSuite.Run([1000, 2000], reps),
        "matvec" => MatvecSuite.Run(20, Math.Max(reps, 10)),
        "micro" => RunMicro(),
        _ => throw new ArgumentException($"unknown suite '{suite}' (expected eig, matvec, micro)"),
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
