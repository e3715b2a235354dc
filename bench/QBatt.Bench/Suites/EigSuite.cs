using System.Globalization;
using System.Text;
using QBatt.IO;
using QBatt.Numerics;

namespace QBatt.Bench.Suites;

/// <summary>
/// Hermitian eigendecomposition (values and vectors) of a random (M + M^dag)/2 at n = 1000 and
/// 2000: QBatt native (OpenBLAS zheevd), QBatt managed (MathNet) and numpy.linalg.eigh on the same
/// matrix, in the same run. Accuracy: largest eigenvalue difference against numpy.
/// </summary>
internal static class EigSuite
{
    public static string Run(int[] sizes, int reps)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Hermitian eigendecomposition (foundation)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Random Hermitian (M + M^dag)/2, M standard complex Gaussian (seed 1); eigenvalues and eigenvectors. Median of {reps} runs after a warm-up (managed: 1 run at n >= 2000). numpy {NumpyVersion()} `eigh` on the same matrix (.npy), same OpenBLAS through Debian's alternatives. Library API timings. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| n | QBatt native s | QBatt managed s | numpy eigh s | native / numpy | max abs eigenvalue diff vs numpy (native, managed) |");
        sb.AppendLine("|---|---|---|---|---|---|");
        var tmp = Directory.CreateTempSubdirectory("qbatt-bench-eig");
        try
        {
            foreach (var n in sizes)
            {
                var a = new RandomMatrices(1).Hermitian(n);
                var matPath = Path.Combine(tmp.FullName, $"h{n}.npy");
                var wPath = Path.Combine(tmp.FullName, $"w{n}.npy");
                Npy.Write(matPath, a);
                double[] wNative = [], wManaged = [];
                var native = LinearAlgebra.Native ?? throw new InvalidOperationException("OpenBLAS not loadable: install libopenblas0-pthread");
                var tNative = Timing.Median(reps, () => wNative = MatrixFunctions.Eigh(a, native).Values);
                Console.Error.WriteLine($"eig n={n}: native {tNative:F3} s");
                var managedReps = n >= 2000 ? 1 : reps;
                var tManaged = Timing.Median(managedReps, () => wManaged = MatrixFunctions.Eigh(a, LinearAlgebra.Managed).Values, warmup: n < 2000);
                Console.Error.WriteLine($"eig n={n}: managed {tManaged:F3} s");
                var peer = Peer.Run("eigh_numpy.py", matPath, reps.ToString(CultureInfo.InvariantCulture), wPath);
                var times = peer["seconds"]!.AsArray().Select(x => x!.GetValue<double>()).Order().ToArray();
                var tNumpy = times[times.Length / 2];
                var wNumpy = Npy.Read(wPath).ToDoubleArray();
                double dN = 0, dM = 0;
                for (var i = 0; i < n; i++)
                {
                    dN = Math.Max(dN, Math.Abs(wNative[i] - wNumpy[i]));
                    dM = Math.Max(dM, Math.Abs(wManaged[i] - wNumpy[i]));
                }
                Console.Error.WriteLine($"eig n={n}: numpy {tNumpy:F3} s");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {n} | {tNative:F3} | {tManaged:F2} | {tNumpy:F3} | {tNative / tNumpy:F2} | {dN:E1}, {dM:E1} |");
            }
        }
        finally
        {
            tmp.Delete(true);
        }
        return sb.ToString();
    }

    private static string NumpyVersion()
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Peer.Python, "-c \"import numpy; print(numpy.__version__)\"") { RedirectStandardOutput = true });
            var v = p!.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(not found)";
        }
    }
}
