using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Bench.Suites;

/// <summary>
/// CSR mat-vec of an open XXZ chain of 20 spins (H = sum_i sigma_x sigma_x + sigma_y sigma_y + Delta sigma_z sigma_z, Delta = 0.5)
/// next to the memory-copy bandwidth measured in the same run. The mat-vec streams the CSR arrays
/// (16 B value + 4 B column per non-zero, 4 B row pointer per row) and reads x, writes y (16 B per
/// row each); its effective bandwidth is those bytes over the time, compared with a large-array copy
/// (bytes read + bytes written over the time) at 1 and at all threads.
/// </summary>
internal static class MatvecSuite
{
    public static string Run(int spins, int reps)
    {
        var h = new PauliSum(spins);
        for (var i = 0; i < spins - 1; i++)
            h.Add(1, i, 'X', i + 1, 'X').Add(1, i, 'Y', i + 1, 'Y').Add(0.5, i, 'Z', i + 1, 'Z');
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var m = h.ToOperator().SparseStorage!;
        var build = sw.Elapsed.TotalSeconds;
        var n = m.Rows;
        var rng = new RandomMatrices(2);
        var x = new Complex[n];
        for (var i = 0; i < n; i++) x[i] = rng.ComplexNormal();
        var y = new Complex[n];
        var bytes = 20.0 * m.NonZeros + 4.0 * (n + 1) + 32.0 * n;
        var threads = Environment.ProcessorCount;
        var t1 = Timing.Best(reps, () => m.Multiply(x, y, 1));
        var tAll = Timing.Best(reps, () => m.Multiply(x, y, threads));
        var real = m.ToReal();
        var yReal = new Complex[n];
        var realBytes = 12.0 * m.NonZeros + 4.0 * (n + 1) + 32.0 * n;
        var r1 = Timing.Best(reps, () => real.Multiply(x, yReal, 1));
        var rAll = Timing.Best(reps, () => real.Multiply(x, yReal, threads));
        double diff = 0;
        for (var i = 0; i < n; i++) diff = Math.Max(diff, (y[i] - yReal[i]).Magnitude);
        var (copy1, copyAll) = CopyBandwidth(reps);
        var sb = new StringBuilder();
        sb.AppendLine("## Sparse mat-vec against memory bandwidth (foundation)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Open XXZ chain, {spins} spins (dimension {n}, {m.NonZeros} non-zeros, {m.StorageBytes / 1e6:F0} MB CSR, built by PauliSum in {build:F2} s). Best of {reps} mat-vecs after a warm-up, against the best of {reps} memory copies (512 MiB array, `Buffer.MemoryCopy`, bytes read + written): the same statistic on both sides. {Machine.Describe()}, {Machine.Today}.");
        sb.AppendLine();
        sb.AppendLine("`CsrMatrix` stores complex values (20 B per entry); `RealCsrMatrix` (from `CsrMatrix.ToReal()`, for real Hamiltonians such as this one) stores real values (12 B per entry) and multiplies complex vectors. Bytes per mat-vec: entries + row pointers + x read + y written.");
        sb.AppendLine();
        sb.AppendLine("| matrix | threads | mat-vec s | mat-vec GB/s | copy GB/s | mat-vec / copy |");
        sb.AppendLine("|---|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| CsrMatrix (complex) | 1 | {t1:F4} | {bytes / t1 / 1e9:F2} | {copy1:F2} | {bytes / t1 / 1e9 / copy1:P0} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| CsrMatrix (complex) | {threads} | {tAll:F4} | {bytes / tAll / 1e9:F2} | {copyAll:F2} | {bytes / tAll / 1e9 / copyAll:P0} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| RealCsrMatrix | 1 | {r1:F4} | {realBytes / r1 / 1e9:F2} | {copy1:F2} | {realBytes / r1 / 1e9 / copy1:P0} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| RealCsrMatrix | {threads} | {rAll:F4} | {realBytes / rAll / 1e9:F2} | {copyAll:F2} | {realBytes / rAll / 1e9 / copyAll:P0} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Largest |y_complex - y_real| = {diff:E1}. The real form takes {rAll / tAll:P0} of the complex form's time on {threads} threads.");
        return sb.ToString();
    }

    /// <summary>Copy bandwidth in GB/s (read + write) with 1 thread and with all threads.</summary>
    public static unsafe (double One, double All) CopyBandwidth(int reps)
    {
        const long size = 512L << 20;
        var src = GC.AllocateUninitializedArray<byte>((int)size, pinned: true);
        var dst = GC.AllocateUninitializedArray<byte>((int)size, pinned: true);
        src.AsSpan().Fill(1);
        dst.AsSpan().Fill(2);
        var ps = (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(src));
        var pd = (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(dst));
        var threads = Environment.ProcessorCount;
        void Copy(int parts)
        {
            var chunk = size / parts;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, k =>
                Buffer.MemoryCopy((byte*)ps + k * chunk, (byte*)pd + k * chunk, chunk, chunk));
        }
        var t1 = Timing.Best(reps, () => Copy(1));
        var tAll = Timing.Best(reps, () => Copy(threads));
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
        return (2.0 * size / t1 / 1e9, 2.0 * size / tAll / 1e9);
    }
}
