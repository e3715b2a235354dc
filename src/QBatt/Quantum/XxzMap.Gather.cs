using System.Numerics;
using System.Runtime.Intrinsics;

namespace QBatt.Quantum;

/// <summary>
/// The gathered pass of <see cref="XxzMap"/>: the flips on the high bits of the index. Applied block by block, each of them
/// streams its partner block from memory, one whole vector read per term and mat-vec (n = 24: about 19 reads of 256 MiB).
/// Instead, the amplitudes are taken in tiles of 2^G (G = 16) that share every bit but the k lowest and the high bits the
/// terms act on (k = G minus the number of those bits, chunks of 2^k contiguous amplitudes): a tile is gathered into a
/// buffer, where every such term is a flip of its local bits applied by the line kernel in cache, and the result is added
/// back chunk by chunk. The high terms then cost one read of x and one read and write of y in all. Terms that do not fit
/// (a bit between k and the line kernel's 2^16, as in long-range couplings) stay run axpys from the partner block.
/// </summary>
public sealed partial class XxzMap
{
    private const int DefaultLineBits = 16;
    private const int DefaultGatherBits = 16;

    // the gathered terms (the original flips, for the complete blocks of Bilinear) and the same in local bits
    private Flip[] _gatherFlips = [];
    private TermSet? _gatherTerms;
    private int _gatherBits;
    private int _chunkBits;
    private int _fixedMask;
    private int[] _chunkOffsets = [];

    [ThreadStatic] private static double[]? t_gatherX;

    /// <summary>True when the map applies its high terms in the gathered pass.</summary>
    internal bool Gathers => _gatherTerms is not null;

    /// <summary>Splits the flips into the line kernel's, the gathered pass's and the run axpys (n &gt;= 3).</summary>
    private void Partition(int lineBits, int gatherBits)
    {
        var lineLimit = lineBits >= 31 ? int.MaxValue : 1 << Math.Min(lineBits, 30);
        bool line(Flip f) => f.Mask < lineLimit || f.Low < 2;
        var high = _flips.Where(f => !line(f)).ToArray();
        // the high bits the candidate terms touch above the line kernel's range
        var highMask = 0;
        foreach (var f in high) highMask |= f.Mask & ~(lineLimit - 1);
        var highBits = Enumerable.Range(0, Qubits).Where(b => (highMask >> b & 1) != 0).ToArray();
        var k = gatherBits - highBits.Length;
        var lowMask = k >= 0 ? (1 << Math.Max(k, 0)) - 1 : 0;
        var gathered = k >= 2 && k < lineBits
            ? high.Where(f => (f.Mask & ~(highMask | lowMask)) == 0).ToArray()
            : [];
        _lineTerms = new TermSet([.. _flips.Where(line).Select(GroupFlip)]);
        _runFlips = [.. high.Except(gathered)];
        if (gathered.Length == 0) return;
        _gatherFlips = gathered;
        _gatherBits = gatherBits;
        _chunkBits = k;
        _fixedMask = (Dimension - 1) & ~highMask & ~lowMask;
        // local bit of every global bit of the tile: the k lowest stay, the high ones follow in order
        var local = new int[Qubits];
        for (var b = 0; b < k; b++) local[b] = b;
        for (var i = 0; i < highBits.Length; i++) local[highBits[i]] = k + i;
        int Local(int mask)
        {
            var r = 0;
            for (var b = 0; b < Qubits; b++)
                if ((mask >> b & 1) != 0) r |= 1 << local[b];
            return r;
        }
        LineFlip[] localFlips = [.. gathered.Select(f =>
        {
            var m = Local(f.Mask);
            var low = System.Numerics.BitOperations.TrailingZeroCount(m);
            return GroupFlip(new Flip(m, low, f.Bit1 < 0 ? -1 : local[f.Bit1], f.Bit2 < 0 ? -1 : local[f.Bit2], f.C));
        })];
        _gatherTerms = new TermSet(localFlips);
        _chunkOffsets = new int[1 << highBits.Length];
        for (var c = 0; c < _chunkOffsets.Length; c++) _chunkOffsets[c] = Deposit(c, highMask);
    }

    /// <summary>The bits of value placed, lowest first, at the set bits of mask (the PDEP instruction).</summary>
    private static int Deposit(int value, int mask)
    {
        var r = 0;
        for (var b = 0; mask != 0; mask &= mask - 1, b++)
            if ((value >> b & 1) != 0) r |= mask & -mask;
        return r;
    }

    private int GatherTiles => Dimension >> _gatherBits;

    private double[] GatherXBuffer => t_gatherX is { } b && b.Length == 2 << _gatherBits ? b : t_gatherX = new double[2 << _gatherBits];

    /// <summary>What the gathered pass does with one sub-tile of (gathered terms) x (local order, in the offset scratch).</summary>
    private unsafe delegate void SubTile(int tileIndex, int baseIndex, double* xb, double* acc, int t0, int length);

    /// <summary>
    /// For every tile, in parallel: the tile of x is gathered into a buffer, each sub-tile of 2^10 amplitudes of (gathered
    /// terms) x is formed in the offset scratch of the line kernel and handed to <paramref name="visit"/>.
    /// </summary>
    private unsafe void ForEachGathered(double* x, SubTile visit)
    {
        For(GatherTiles, j =>
        {
            var xbArray = GatherXBuffer;
            var scratch = TileBuffer;
            fixed (double* xb = xbArray)
            fixed (double* sp = scratch)
            {
                var baseIndex = Deposit(j, _fixedMask);
                var k = _chunkBits;
                var chunk = 1 << k;
                var offsets = _chunkOffsets;
                for (var c = 0; c < offsets.Length; c++)
                    Copy(x + 2L * (baseIndex | offsets[c]), xb + 2 * (c << k), 2 * chunk);
                var size = 1 << _gatherBits;
                var tile = Math.Min(size, 1 << TileBits);
                var acc = Offset(sp, xb);
                for (var t0 = 0; t0 < size; t0 += tile)
                {
                    Zero(acc, 2 * tile);
                    _gatherTerms!.Apply(t0, t0 + tile, xb, acc);
                    visit(j, baseIndex, xb, acc, t0, tile);
                }
            }
        });
    }

    /// <summary>y += alpha (gathered terms) x, each sub-tile added to y piece by piece (contiguous runs of 2^k amplitudes).</summary>
    private unsafe void GatherPass(double* x, double* y, Complex alpha)
    {
        var k = _chunkBits;
        var chunk = 1 << k;
        var offsets = _chunkOffsets;
        ForEachGathered(x, (_, baseIndex, _, acc, t0, length) =>
        {
            var piece = Math.Min(chunk, length);
            for (var l = t0; l < t0 + length; l += piece)
                AddChunk(alpha, acc + 2 * (l - t0), y + 2L * (baseIndex | offsets[l >> k] | (l & (chunk - 1))), piece);
        });
    }

    /// <summary>&lt;x|(gathered terms) x&gt; tile by tile, summed in a fixed order (deterministic for any thread count).</summary>
    private unsafe Complex GatherExpectation(double* x)
    {
        var partial = new Complex[GatherTiles];
        ForEachGathered(x, (j, _, xb, acc, t0, length) => partial[j] += DotPairs(xb + 2 * t0, acc, length));
        Complex sum = 0;
        foreach (var p in partial) sum += p;
        return sum;
    }

    /// <summary>y[0..size) += alpha s[0..size) on complex numbers (interleaved doubles); alpha real and 1 take the short paths.</summary>
    private static unsafe void AddChunk(Complex alpha, double* s, double* y, int size)
    {
        var n = 2 * size;
        if (alpha.Imaginary == 0)
        {
            var a = Vector256.Create(alpha.Real);
            var i = 0;
            for (; i + 3 < n; i += 4) Vector256.Store(Vector256.FusedMultiplyAdd(a, Vector256.Load(s + i), Vector256.Load(y + i)), y + i);
            for (; i < n; i++) y[i] += alpha.Real * s[i];
            return;
        }
        AddScaled(alpha, s, y, size);
    }
}
