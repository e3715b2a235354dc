using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QBatt.Quantum;

/// <summary>
/// The block kernel of <see cref="XxzMap"/>, (H x) over one block of 2^13 amplitudes. The terms whose partner lies in the
/// block (and the few that straddle it with a flip of the two lowest bits) are register-blocked: the output is formed four
/// amplitudes (one 64-byte line) at a time in two 256-bit registers, every term adding c x[r ^ m] for its flip mask m as one
/// load of the source line, a permutation inside it for the two lowest bits of m, and a multiply-add with a coefficient
/// vector that holds the condition of X_i X_j + Y_i Y_j (the two bits differ) where it varies inside the line. The terms on
/// bits above the block are then added as contiguous run axpys from the partner block, one memory stream at a time.
/// </summary>
public sealed partial class XxzMap
{
    /// <summary>One flip term in the form of the line kernel.</summary>
    private readonly record struct LineFlip(int HighMask, int Permutation, int Cond1, int Cond2, int Selector,
        Vector256<double> C0, Vector256<double> C1, Vector256<double> S0, Vector256<double> S1);

    // the flips of the line kernel (sources in the output's block, or a flip of the two lowest bits) and those applied as
    // run axpys from the partner block (a bit above the block and runs of at least four amplitudes); null below 3 qubits
    private readonly LineFlip[]? _lineFlips;
    private readonly Flip[] _runFlips = [];

    private static LineFlip GroupFlip(Flip f)
    {
        var m = f.Mask;
        int cond1 = -1, cond2 = -1, selector = -1;
        var active = new bool[2, 4];
        for (var sel = 0; sel < 2; sel++)
            for (var p = 0; p < 4; p++) active[sel, p] = true;
        if (f.Bit1 >= 0)
        {
            int hi = Math.Max(f.Bit1, f.Bit2), lo = Math.Min(f.Bit1, f.Bit2);
            if (lo >= 2)
            {
                (cond1, cond2) = (hi, lo);
            }
            else if (hi >= 2)
            {
                selector = hi;
                for (var sel = 0; sel < 2; sel++)
                    for (var p = 0; p < 4; p++) active[sel, p] = sel != ((p >> lo) & 1);
            }
            else
            {
                for (var sel = 0; sel < 2; sel++)
                    for (var p = 0; p < 4; p++) active[sel, p] = ((p >> hi) & 1) != ((p >> lo) & 1);
            }
        }
        Vector256<double> V(int sel, int p0) => Vector256.Create(
            active[sel, p0] ? f.C : 0, active[sel, p0] ? f.C : 0, active[sel, p0 + 1] ? f.C : 0, active[sel, p0 + 1] ? f.C : 0);
        return new LineFlip(m & ~3, m & 3, cond1, cond2, selector, V(0, 0), V(0, 2), V(1, 0), V(1, 2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapComplex(Vector256<double> v) =>
        Avx2.IsSupported ? Avx2.Permute4x64(v, 0b01_00_11_10) : Vector256.Create(v[2], v[3], v[0], v[1]);

    /// <summary>
    /// s = (H x)[start, start + size) for a block of 2^13 amplitudes (interleaved doubles): the diagonal and the line
    /// flips (every term whose partner lies in the same block, and the few that straddle it with a flip of the two lowest
    /// bits) line by line in registers, their sources in cache; then every other flip (a bit above the block, runs of at
    /// least four amplitudes) as contiguous run axpys from its partner block, one stream at a time, while the output block
    /// stays in cache (at n = 22 these streams run at about 27 GB/s, close to the memory bandwidth; bench/RESULTS.md, W6).
    /// </summary>
    private unsafe void HybridBlock(int start, int size, double* x, double* s)
    {
        if (_lineFlips is null)
        {
            Block(start, size, x, s, DiagonalBuffer);
            return;
        }
        var flips = _lineFlips;
        var diagonal = DoubledDiagonalBuffer;
        if (_hasDiagonal) BlockDiagonalDoubled(start, diagonal);
        fixed (double* dd = diagonal)
        {
            for (var r = start; r < start + size; r += 4)
            {
                var xr = x + 2L * r;
                Vector256<double> a0, a1;
                var off = 2 * (r - start);
                if (_hasDiagonal)
                {
                    a0 = Vector256.Load(dd + off) * Vector256.Load(xr);
                    a1 = Vector256.Load(dd + off + 4) * Vector256.Load(xr + 4);
                }
                else
                {
                    a0 = Vector256<double>.Zero;
                    a1 = Vector256<double>.Zero;
                }
                for (var k = 0; k < flips.Length; k++)
                {
                    ref readonly var f = ref flips[k];
                    if (f.Cond1 >= 0 && (((r >> f.Cond1) ^ (r >> f.Cond2)) & 1) == 0) continue;
                    var src = x + 2L * (r ^ f.HighMask);
                    var w0 = Vector256.Load(src);
                    var w1 = Vector256.Load(src + 4);
                    if ((f.Permutation & 1) != 0)
                    {
                        w0 = SwapComplex(w0);
                        w1 = SwapComplex(w1);
                    }
                    if ((f.Permutation & 2) != 0) (w0, w1) = (w1, w0);
                    var second = f.Selector >= 0 && ((r >> f.Selector) & 1) != 0;
                    a0 = Vector256.FusedMultiplyAdd(second ? f.S0 : f.C0, w0, a0);
                    a1 = Vector256.FusedMultiplyAdd(second ? f.S1 : f.C1, w1, a1);
                }
                Vector256.Store(a0, s + off);
                Vector256.Store(a1, s + off + 4);
            }
        }
        foreach (var f in _runFlips)
        {
            var length = Math.Min(1 << f.Low, size);
            var conditional = f.Bit1 >= 0;
            for (var o = 0; o < size; o += length)
            {
                var idx = start + o;
                if (conditional && (((idx >> f.Bit1) ^ (idx >> f.Bit2)) & 1) == 0) continue;
                Axpy(f.C, x + 2L * (idx ^ f.Mask), s + 2 * o, 2 * length);
            }
        }
    }

    [ThreadStatic] private static double[]? t_doubled;

    private double[] DoubledDiagonalBuffer => t_doubled is { } b && b.Length == 2 << _blockBits ? b : t_doubled = new double[2 << _blockBits];

    /// <summary>The block's diagonal with each entry twice (the real and imaginary lanes of its amplitude).</summary>
    private void BlockDiagonalDoubled(int start, double[] doubled)
    {
        var d = DiagonalBuffer;
        BlockDiagonal(start, d);
        var size = 1 << _blockBits;
        for (var r = 0; r < size; r++)
        {
            doubled[2 * r] = d[r];
            doubled[2 * r + 1] = d[r];
        }
    }
}
