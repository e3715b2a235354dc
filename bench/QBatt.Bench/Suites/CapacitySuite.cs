using System.Diagnostics;
using System.Globalization;
using System.Text;
using QBatt.Numerics;
using QBatt.Thermodynamics;

namespace QBatt.Bench.Suites;

/// <summary>
/// R18 battery capacity and the ergotropy at D = 4096 dense, side by side with the eigenvalue-only
/// decompositions (zheevd, native OpenBLAS) of rho and H0 they need: the measures should cost those two
/// decompositions and nothing visible on top (validation scans and the trace are O(D^2)).
/// One run per quantity after a warm-up at D = 256 (the brief's budget: one short run).
/// </summary>
internal static class CapacitySuite
{
    public static string Run(int[] sizes, int reps)
    {
        var native = LinearAlgebra.Native ?? throw new InvalidOperationException("OpenBLAS not loadable: install libopenblas0-pthread");
        var sb = new StringBuilder();
        sb.AppendLine("## R18 capacity and ergotropy against their eigendecompositions");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"rho = G G^dag / tr(G G^dag), H0 = (M + M^dag)/2, G and M standard complex Gaussian (seed 11), built outside the timed span. Timed: `zheevd` eigenvalues only of rho and of H0 (the backend call the measures make), `BatteryCapacity.Compute(rho, h0)` on plain matrices (validation of both, two eigenvalue-only decompositions, one trace; the ergotropy comes with it), and `Ergotropy.Value(rho, h0)`. Native OpenBLAS backend, best of {reps} run(s) each after a warm-up at D = 256, interleaved. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("| D | eig(rho) s | eig(H0) s | eig(rho) + eig(H0) s | capacity s | capacity / eigs | ergotropy s | ergotropy / eigs | capacity | ergotropy |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        Warm(native);
        foreach (var d in sizes)
        {
            var (rho, h) = Build(d);
            double tRho = double.PositiveInfinity, tH = double.PositiveInfinity, tCap = double.PositiveInfinity, tErg = double.PositiveInfinity;
            CapacityResult? cap = null;
            double erg = 0;
            for (var k = 0; k < reps; k++)
            {
                tRho = Math.Min(tRho, Time(() => EigenvaluesOnly(rho, native)));
                tH = Math.Min(tH, Time(() => EigenvaluesOnly(h, native)));
                tCap = Math.Min(tCap, Time(() => cap = BatteryCapacity.Compute(rho, h, backend: native)));
                tErg = Math.Min(tErg, Time(() => erg = Ergotropy.Value(rho, h, backend: native)));
                Console.Error.WriteLine($"capacity D={d} run {k + 1}: eig {tRho:F2} + {tH:F2} s, capacity {tCap:F2} s, ergotropy {tErg:F2} s");
            }
            var eigs = tRho + tH;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {d} | {tRho:F2} | {tH:F2} | {eigs:F2} | {tCap:F2} | {tCap / eigs:F2} | {tErg:F2} | {tErg / eigs:F2} | {cap!.Capacity:R} | {erg:R} |");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Consistency: |capacity ergotropy - Ergotropy.Value| = {Math.Abs(cap.Ergotropy - erg):E1}; capacity - (ergotropy + antiergotropy) = {cap.Capacity - cap.Ergotropy - cap.Antiergotropy:E1}.");
        }
        sb.AppendLine();
        sb.AppendLine("Target: capacity / eigs and ergotropy / eigs close to 1 (the measures cost their two decompositions).");
        return sb.ToString();
    }

    private static (ComplexMatrix Rho, ComplexMatrix H) Build(int d)
    {
        var rng = new RandomMatrices(11);
        var g = rng.Ginibre(d, d);
        var m = rng.Ginibre(d, d);
        var rho = ComplexMatrix.Product(g, Op.None, g, Op.Adjoint, LinearAlgebra.Native);
        VectorOps.Scale(1 / rho.Trace().Real, rho.Span);
        var h = m.Adjoint().AddScaled(1, m);
        VectorOps.Scale(0.5, h.Span);
        return (rho, h);
    }

    private static void Warm(ILinearAlgebraBackend native)
    {
        var (rho, h) = Build(256);
        EigenvaluesOnly(rho, native);
        BatteryCapacity.Compute(rho, h, backend: native);
        Ergotropy.Value(rho, h, backend: native);
    }

    private static void EigenvaluesOnly(ComplexMatrix a, ILinearAlgebraBackend be)
    {
        var w = new double[a.Rows];
        be.HermitianEigen(a.Rows, a.Clone().Span, w, false);
    }

    private static double Time(Action work)
    {
        Timing.Settle();
        var sw = Stopwatch.StartNew();
        work();
        return sw.Elapsed.TotalSeconds;
    }
}
