using System.Globalization;
using System.Text;
using QBatt.IO;
using QBatt.Numerics;
using QBatt.Thermodynamics;

namespace QBatt.Bench.Suites;

/// <summary>
/// BENCHMARKS.md W1 (R2): ergotropy of a random full-rank rho = G G^dag / tr(G G^dag)
/// with a random Hermitian H0 = (M + M^dag)/2 at D = 1024 and 2048. QBatt: build rho and H0, then
/// <see cref="Ergotropy.Value(ComplexMatrix, ComplexMatrix, QBatt.Quantum.ValidationTolerances?, ILinearAlgebraBackend?)"/>
/// (validates rho through its eigenvalues; two eigenvalue-only zheevd calls and one trace) on the
/// native backend. numpy: the same construction, eigvalsh of both and the trace, on the same G and M.
/// </summary>
internal static class W1Suite
{
    public static string Run(int[] sizes, int reps)
    {
        var native = LinearAlgebra.Native ?? throw new InvalidOperationException("OpenBLAS not loadable: install libopenblas0-pthread");
        var sb = new StringBuilder();
        sb.AppendLine("## W1: ergotropy of a dense state (R2)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"rho = G G^dag / tr(G G^dag), H0 = (M + M^dag)/2, G and M standard complex Gaussian (seed 11). Timed span: building rho and H0 from G and M, then the ergotropy. QBatt: `Ergotropy.Value(rho, h0)` on plain matrices (library API; rho validated through its eigenvalues), native OpenBLAS backend. numpy peer (`bench/peers/w1_ergotropy_numpy.py`): `eigvalsh` of both and tr(rho H0), same G and M (.npy), same OpenBLAS. Median, fastest and slowest of {reps} runs after a warm-up: on a shared machine the spread shows how much the runs were disturbed, and the fastest runs are the least disturbed comparison. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| D | QBatt s median (min-max) | numpy s median (min-max) | numpy / QBatt, medians (best runs) | ergotropy (QBatt) | abs diff vs numpy |");
        sb.AppendLine("|---|---|---|---|---|---|");
        var tmp = Directory.CreateTempSubdirectory("qbatt-bench-w1");
        try
        {
            foreach (var d in sizes)
            {
                var rng = new RandomMatrices(11);
                var g = rng.Ginibre(d, d);
                var m = rng.Ginibre(d, d);
                var gPath = Path.Combine(tmp.FullName, $"g{d}.npy");
                var mPath = Path.Combine(tmp.FullName, $"m{d}.npy");
                Npy.Write(gPath, g);
                Npy.Write(mPath, m);
                double w = 0;
                var runs = new List<double>();
                var t = Timing.Median(reps, () =>
                {
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    var rho = ComplexMatrix.Product(g, Op.None, g, Op.Adjoint, native);
                    VectorOps.Scale(1 / rho.Trace().Real, rho.Span);
                    var h = m.Adjoint().AddScaled(1, m);
                    VectorOps.Scale(0.5, h.Span);
                    w = Ergotropy.Value(rho, h, backend: native);
                    runs.Add(sw.Elapsed.TotalSeconds);
                });
                var timed = runs.Skip(1).ToArray(); // the first run is the warm-up
                Console.Error.WriteLine($"w1 D={d}: QBatt {t:F3} s");
                var peer = Peer.Run("w1_ergotropy_numpy.py", gPath, mPath, reps.ToString(CultureInfo.InvariantCulture));
                var times = peer["seconds"]!.AsArray().Select(x => x!.GetValue<double>()).Order().ToArray();
                var tNumpy = times.Length % 2 == 1 ? times[times.Length / 2] : 0.5 * (times[times.Length / 2 - 1] + times[times.Length / 2]);

                var wNumpy = peer["ergotropy"]!.GetValue<double>();
                Console.Error.WriteLine($"w1 D={d}: numpy {tNumpy:F3} s");
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {d} | {t:F3} ({timed.Min():F3}-{timed.Max():F3}) | {tNumpy:F3} ({times[0]:F3}-{times[^1]:F3}) | {tNumpy / t:F2} ({times[0] / timed.Min():F2}) | {w:R} | {Math.Abs(w - wNumpy):E1} |");
            }
        }
        finally
        {
            tmp.Delete(true);
        }
        sb.AppendLine();
        sb.AppendLine("Target: at least as fast as numpy on the same BLAS/LAPACK (numpy / QBatt >= 1).");
        return sb.ToString();
    }
}
