using System.Numerics;
using QBatt.Numerics;

namespace QBatt.Tests.Numerics;

/// <summary>
/// The pinned, 64-byte aligned storage of the Krylov basis: every view starts on the boundary, holds exactly what was asked, and
/// writes through to later views (an unaligned basis made the native backend copy gigabytes per product).
/// </summary>
public class AlignedArrayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(1 << 17)]
    public unsafe void Views_start_on_a_64_byte_boundary_and_keep_what_was_written(int length)
    {
        // many allocations, so that the managed array lands on every 8-byte offset modulo 64 at least once
        for (var trial = 0; trial < 16; trial++)
        {
            var c = new AlignedArray<Complex>(length);
            var d = new AlignedArray<double>(length);
            Assert.Equal(length, c.Span.Length);
            Assert.Equal(length, d.Span.Length);
            fixed (Complex* pc = c.Span)
            fixed (double* pd = d.Span)
            {
                Assert.Equal(0UL, (ulong)pc & 63);
                Assert.Equal(0UL, (ulong)pd & 63);
            }
            for (var i = 0; i < length; i++) c.Span[i] = new Complex(i, -i);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var tail = c.AsSpan(length - 1, 1);
            Assert.Equal(new Complex(length - 1, 1 - length), tail[0]);
            Assert.Equal(new Complex(0, 0), c.AsSpan(0, 1)[0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => c.AsSpan(length, 1));
            _ = new byte[trial * 8 + 1];
        }
        Assert.Equal(0, AlignedArray<Complex>.Empty.Span.Length);
    }
}
