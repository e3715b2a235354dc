using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QBatt.Quantum;

/// <summary>
/// The terms of the line kernel as it applies them to one sub-tile: flips that leave the two lowest bits alone (the
/// source of a line is one whole line, no permutation inside it) four at a time, so that the output line is loaded and
/// stored once for four terms, each term's coefficient taken branch-free from a two-entry table indexed by its
/// condition bit (X_i X_j + Y_i Y_j acts where bits i and j differ; a field X_i everywhere); the other flips one by one.
/// </summary>
public sealed partial class XxzMap
{
    /// <summary>Four flips of whole lines: source masks and condition bit pairs (equal bits for no condition).</summary>
    private readonly record struct Quad(int H0, int H1, int H2, int H3, int A0, int B0, int A1, int B1, int A2, int B2, int A3, int B3, int Table);

    private sealed class TermSet
    {
        public readonly LineFlip[] Singles;
        public readonly Quad[] Quads;
        // per quad: 4 terms x 2 entries (condition bit 0, 1) x 4 lanes
        public readonly double[] Tables;

        public TermSet(LineFlip[] flips)
        {
            // the conditional flips (X_i X_j + Y_i Y_j) stay single: alone, they skip the half of the lines where they vanish
            bool whole(in LineFlip f) => f.Permutation == 0 && f.Selector < 0 && f.Cond1 < 0;
            var simple = flips.Where(f => whole(f)).ToArray();
            var count = simple.Length / 4;
            Quads = new Quad[count];
            Tables = GC.AllocateArray<double>(Math.Max(1, count) * 32, pinned: true);
            for (var g = 0; g < count; g++)
            {
                var t = simple.AsSpan(4 * g, 4);
                for (var j = 0; j < 4; j++)
                {
                    var c = t[j].C0[0];
                    var off = 32 * g + 8 * j;
                    for (var l = 0; l < 4; l++)
                    {
                        Tables[off + l] = t[j].Cond1 < 0 ? c : 0;
                        Tables[off + 4 + l] = c;
                    }
                }
                static (int, int) Cond(in LineFlip f) => f.Cond1 < 0 ? (0, 0) : (f.Cond1, f.Cond2);
                var (a0, b0) = Cond(t[0]);
                var (a1, b1) = Cond(t[1]);
                var (a2, b2) = Cond(t[2]);
                var (a3, b3) = Cond(t[3]);
                Quads[g] = new Quad(t[0].HighMask, t[1].HighMask, t[2].HighMask, t[3].HighMask, a0, b0, a1, b1, a2, b2, a3, b3, 32 * g);
            }
            Singles = [.. flips.Where(f => !whole(f)), .. simple.Skip(4 * count)];
        }

        /// <summary>acc[r - t0] += (terms x)[r] for the lines r in [t0, end).</summary>
        public unsafe void Apply(int t0, int end, double* x, double* acc)
        {
            fixed (double* tables = Tables)
            {
                for (var g = 0; g < Quads.Length; g++) QuadTerm(in Quads[g], tables, t0, end, x, acc);
            }
            for (var k = 0; k < Singles.Length; k++) LineTerm(in Singles[k], t0, end, x, acc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void QuadTerm(in Quad q, double* tables, int t0, int end, double* x, double* acc)
    {
        int h0 = q.H0, h1 = q.H1, h2 = q.H2, h3 = q.H3;
        int a0 = q.A0, b0 = q.B0, a1 = q.A1, b1 = q.B1, a2 = q.A2, b2 = q.B2, a3 = q.A3, b3 = q.B3;
        var t = tables + q.Table;
        for (var r = t0; r < end; r += 4)
        {
            var o = acc + 2 * (r - t0);
            var v0 = Vector256.Load(o);
            var v1 = Vector256.Load(o + 4);
            var c = Vector256.Load(t + 4 * (((r >> a0) ^ (r >> b0)) & 1));
            var s = x + 2L * (r ^ h0);
            v0 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s), v0);
            v1 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s + 4), v1);
            c = Vector256.Load(t + 8 + 4 * (((r >> a1) ^ (r >> b1)) & 1));
            s = x + 2L * (r ^ h1);
            v0 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s), v0);
            v1 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s + 4), v1);
            c = Vector256.Load(t + 16 + 4 * (((r >> a2) ^ (r >> b2)) & 1));
            s = x + 2L * (r ^ h2);
            v0 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s), v0);
            v1 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s + 4), v1);
            c = Vector256.Load(t + 24 + 4 * (((r >> a3) ^ (r >> b3)) & 1));
            s = x + 2L * (r ^ h3);
            v0 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s), v0);
            v1 = Vector256.FusedMultiplyAdd(c, Vector256.Load(s + 4), v1);
            Vector256.Store(v0, o);
            Vector256.Store(v1, o + 4);
        }
    }
}
