using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QBatt.Quantum;

/// <summary>
/// The block kernel of <see cref="XxzMap"/>, (H x) over one block of 2^13 amplitudes. The line flips (masks below bit 16,
/// or a flip of one of the two lowest bits) are applied term by term over sub-tiles of 2^10 amplitudes held in L1, one
/// 64-byte line of four amplitudes at a time: a load of the source line, a permutation inside it for the two lowest bits
/// of the mask, and a multiply-add with a coefficient vector that holds the condition of X_i X_j + Y_i Y_j (the two bits
/// differ) where it varies inside the line. The run flips (terms the gathered pass cannot take) are then added as
/// contiguous run axpys from the partner block; with <c>complete</c> the gathered terms are too, for whole blocks of H x.
/// </summary>
public sealed partial class XxzMap
{
    /// <summary>One flip term in the form of the line kernel.</summary>
    private readonly record struct LineFlip(int HighMask, int Permutation, int Cond1, int Cond2, int Selector,
        Vector256<double> C0, Vector256<double> C1, Vector256<double> S0, Vector256<double> S1);

    // the flips of the line kernel (sources in the output's block, or a flip of the two lowest bits) and those applied as
    // run axpys from the partner block (a bit above the block and runs of at least four amplitudes); null below 3 qubits
    private TermSet? _lineTerms;
    private Flip[] _runFlips = [];

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
    /// s = (H x)[start, start + size) without the gathered terms (with them when <paramref name="complete"/>), for a block
    /// of 2^13 amplitudes (interleaved doubles): the diagonal and the line flips sub-tile by sub-tile in the offset scratch,
    /// their sources in cache (the block's neighbours up to bit 16 were or will be read within 1 MiB); then the run flips
    /// as contiguous run axpys from their partner blocks, one stream at a time, while the output block stays in cache.
    /// </summary>
    private unsafe void HybridBlock(int start, int size, double* x, double* s, bool complete = false)
    {
        if (_lineTerms is null)
        {
            Block(start, size, x, s, DiagonalBuffer);
            return;
        }
        var diagonal = DoubledDiagonalBuffer;
        if (_hasDiagonal) BlockDiagonalDoubled(start, diagonal);
        fixed (double* dd = diagonal)
        {
            // term-outer over sub-tiles of 2^10 amplitudes: the sub-tile's output (16 KiB) stays in L1 while each
            // term streams its source lines through it, every loop with its term's constants hoisted
            var tile = Math.Min(size, 1 << TileBits);
            var scratch = TileBuffer;
            fixed (double* sp = scratch)
            for (var t0 = start; t0 < start + size; t0 += tile)
            {
                var acc = Offset(sp, x);
                var end = t0 + tile;
                if (_hasDiagonal)
                {
                    var d0 = dd + 2 * (t0 - start);
                    var x0 = x + 2L * t0;
                    for (var j = 0; j < 2 * tile; j += 4)
                        Vector256.Store(Vector256.Load(d0 + j) * Vector256.Load(x0 + j), acc + j);
                }
                else
                {
                    Zero(acc, 2 * tile);
                }
                _lineTerms!.Apply(t0, end, x, acc);
                Copy(acc, s + 2 * (t0 - start), 2 * tile);
            }
        }
        RunFlips(_runFlips, start, size, x, s);
        // the terms of the gathered pass, for callers that need the whole of H x on this block
        if (complete) RunFlips(_gatherFlips, start, size, x, s);
    }

    /// <summary>s += (flips) x on the block at start, each flip as contiguous run axpys from its partner block.</summary>
    private static unsafe void RunFlips(Flip[] flips, int start, int size, double* x, double* s)
    {
        foreach (var f in flips)
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

    private const int TileBits = 10;

    [ThreadStatic] private static double[]? t_tile;

    // the sub-tile accumulator: 2^10 amplitudes and room to place it (see Offset)
    private static double[] TileBuffer => t_tile ??= GC.AllocateArray<double>((2 << TileBits) + 1024, pinned: true);

    /// <summary>
    /// The sub-tile accumulator inside the pinned scratch at 2304 bytes past x modulo 4096. The vectors are large arrays
    /// with the same alignment within a page, so an accumulator in the output vector has the low 12 address bits of the
    /// sources of every flip above bit 8, and the processor holds each such load behind the earlier stores it seems to
    /// alias (4K aliasing); at this offset no flip's source line is within 640 bytes below the lines being stored.
    /// </summary>
    private static unsafe double* Offset(double* scratch, double* x)
    {
        var shift = (2304 + (long)x - (long)scratch) & 4095;
        return (double*)((byte*)scratch + shift);
    }

    /// <summary>acc[r - t0] += (term x)[r] for the lines r in [t0, end) (acc interleaved doubles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void LineTerm(in LineFlip f, int t0, int end, double* x, double* acc)
    {
        var high = f.HighMask;
        if (f.Permutation == 0)
        {
            // the source of an aligned run of 2^(lowest bit of the mask) amplitudes is one contiguous run, and the
            // condition of X_i X_j + Y_i Y_j (bits Cond1 and Cond2 differ, Cond2 the lower) is constant over it
            var c = f.C0;
            var low = System.Numerics.BitOperations.TrailingZeroCount(high);
            var run = Math.Min(1 << low, end - t0);
            int c1 = f.Cond1, c2 = f.Cond2;
            for (var r0 = t0; r0 < end; r0 += run)
            {
                if (c1 >= 0 && (((r0 >> c1) ^ (r0 >> c2)) & 1) == 0) continue;
                Run(c, x + 2L * (r0 ^ high), acc + 2 * (r0 - t0), 2 * run);
            }
            return;
        }
        var swap = (f.Permutation & 1) != 0;
        var exchange = (f.Permutation & 2) != 0;
        for (var r = t0; r < end; r += 4)
        {
            if (f.Cond1 >= 0 && (((r >> f.Cond1) ^ (r >> f.Cond2)) & 1) == 0) continue;
            var src = x + 2L * (r ^ high);
            var w0 = Vector256.Load(src);
            var w1 = Vector256.Load(src + 4);
            if (swap)
            {
                w0 = SwapComplex(w0);
                w1 = SwapComplex(w1);
            }
            if (exchange) (w0, w1) = (w1, w0);
            var second = f.Selector >= 0 && ((r >> f.Selector) & 1) != 0;
            var o = acc + 2 * (r - t0);
            Vector256.Store(Vector256.FusedMultiplyAdd(second ? f.S0 : f.C0, w0, Vector256.Load(o)), o);
            Vector256.Store(Vector256.FusedMultiplyAdd(second ? f.S1 : f.C1, w1, Vector256.Load(o + 4)), o + 4);
        }
    }

    /// <summary>o[0..n) += c src[0..n) for n a multiple of 8 (whole lines; c holds the coefficient in every lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Run(Vector256<double> c, double* src, double* o, int n)
    {
        for (var i = 0; i < n; i += 8)
        {
            Vector256.Store(Vector256.FusedMultiplyAdd(c, Vector256.Load(src + i), Vector256.Load(o + i)), o + i);
            Vector256.Store(Vector256.FusedMultiplyAdd(c, Vector256.Load(src + i + 4), Vector256.Load(o + i + 4)), o + i + 4);
        }
    }

    /// <summary>d[0..n) = 0 for n a multiple of 8 (an explicit vector loop: the library's fill measured several times slower on
    /// these 16 KiB sub-tiles on the benchmark machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Zero(double* d, int n)
    {
        var z = Vector256<double>.Zero;
        for (var i = 0; i < n; i += 8)
        {
            Vector256.Store(z, d + i);
            Vector256.Store(z, d + i + 4);
        }
    }

    /// <summary>d[0..n) = s[0..n) for n a multiple of 8, as <see cref="Zero"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Copy(double* s, double* d, int n)
    {
        for (var i = 0; i < n; i += 8)
        {
            Vector256.Store(Vector256.Load(s + i), d + i);
            Vector256.Store(Vector256.Load(s + i + 4), d + i + 4);
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
