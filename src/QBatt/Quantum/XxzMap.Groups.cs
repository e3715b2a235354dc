using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QBatt.Quantum;

/// <summary>
/// The register-blocked kernel of <see cref="XxzMap"/>: the output is formed four amplitudes (one 64-byte line) at a time
/// in two 256-bit registers, every term adding c x[r ^ m] for its flip mask m as one load of the source line, a
/// permutation inside it for the two lowest bits of m, and a multiply-add with a coefficient vector that holds the
/// condition of X_i X_j + Y_i Y_j (the two bits differ) where it varies inside the line. The output line is written once
/// (or combined with the recurrence and its partial sums), instead of one pass over a block per term.
/// </summary>
public sealed partial class XxzMap
{
    /// <summary>One flip term in the form of the line kernel.</summary>
    private readonly record struct LineFlip(int HighMask, int Permutation, int Cond1, int Cond2, int Selector,
        Vector256<double> C0, Vector256<double> C1, Vector256<double> S0, Vector256<double> S1);

    private readonly LineFlip[]? _groupFlips;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapReIm(Vector256<double> v) =>
        Avx.IsSupported ? Avx.Permute(v, 0b0101) : Vector256.Create(v[1], v[0], v[3], v[2]);

    /// <summary>c v for complex c on two interleaved complex numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Times(Complex c, Vector256<double> v) =>
        Vector256.Create(c.Real) * v + Vector256.Create(-c.Imaginary, c.Imaginary, -c.Imaginary, c.Imaginary) * SwapReIm(v);

    /// <summary>
    /// The block [start, start + size) of H x, line by line. With <paramref name="recurrence"/> null it is written to
    /// output; else y = alpha H x + beta x + gamma y there, and the partial sums acc_q = c_q y + (initialize ? cx_q x : acc_q).
    /// </summary>
    private unsafe void GroupBlock(int start, int size, double* x, double* output, double* recurrence, double alpha, double beta, double gamma,
        Complex[][] accumulators, Complex[] coefficients, Complex[] xCoefficients, bool initialize)
    {
        var flips = _groupFlips!;
        var diagonal = DoubledDiagonalBuffer;
        if (_hasDiagonal) BlockDiagonalDoubled(start, diagonal);
        var sums = accumulators.Length;
        var handles = sums == 0 ? [] : new double*[sums];
        var pins = sums == 0 ? [] : new System.Runtime.InteropServices.GCHandle[sums];
        try
        {
            for (var q = 0; q < sums; q++)
            {
                pins[q] = System.Runtime.InteropServices.GCHandle.Alloc(accumulators[q], System.Runtime.InteropServices.GCHandleType.Pinned);
                handles[q] = (double*)pins[q].AddrOfPinnedObject();
            }
            var av = Vector256.Create(alpha);
            var bv = Vector256.Create(beta);
            var gv = Vector256.Create(gamma);
            fixed (double* dd = diagonal)
            {
                for (var r = start; r < start + size; r += 4)
                {
                    var xr = x + 2L * r;
                    var x0 = Vector256.Load(xr);
                    var x1 = Vector256.Load(xr + 4);
                    Vector256<double> a0, a1;
                    if (_hasDiagonal)
                    {
                        var off = 2 * (r - start);
                        a0 = Vector256.Load(dd + off) * x0;
                        a1 = Vector256.Load(dd + off + 4) * x1;
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
                    if (recurrence is null)
                    {
                        Vector256.Store(a0, output + 2L * r);
                        Vector256.Store(a1, output + 2L * r + 4);
                        continue;
                    }
                    var yr = recurrence + 2L * r;
                    Vector256<double> y0, y1;
                    if (gamma == 0)
                    {
                        y0 = Vector256.FusedMultiplyAdd(av, a0, bv * x0);
                        y1 = Vector256.FusedMultiplyAdd(av, a1, bv * x1);
                    }
                    else
                    {
                        y0 = Vector256.FusedMultiplyAdd(av, a0, Vector256.FusedMultiplyAdd(bv, x0, gv * Vector256.Load(yr)));
                        y1 = Vector256.FusedMultiplyAdd(av, a1, Vector256.FusedMultiplyAdd(bv, x1, gv * Vector256.Load(yr + 4)));
                    }
                    Vector256.Store(y0, yr);
                    Vector256.Store(y1, yr + 4);
                    for (var q = 0; q < sums; q++)
                    {
                        var s = handles[q] + 2L * r;
                        var c = coefficients[q];
                        if (initialize)
                        {
                            var cx = xCoefficients[q];
                            Vector256.Store(Times(c, y0) + Times(cx, x0), s);
                            Vector256.Store(Times(c, y1) + Times(cx, x1), s + 4);
                        }
                        else
                        {
                            Vector256.Store(Vector256.Load(s) + Times(c, y0), s);
                            Vector256.Store(Vector256.Load(s + 4) + Times(c, y1), s + 4);
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var p in pins)
                if (p.IsAllocated) p.Free();
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
