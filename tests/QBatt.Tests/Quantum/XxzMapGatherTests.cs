using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

/// <summary>
/// The split of the XXZ map into the line kernel, the gathered pass (the high terms in tiles gathered over their bits) and
/// the run axpys, at small n with small split parameters so that every path runs: each product against PauliSum's CSR
/// matrix of the same operator (an independent construction), for nearest-neighbour and all-to-all couplings.
/// </summary>
public class XxzMapGatherTests
{
    private static XxzMap Map(int n, int seed, bool allPairs, int threads, int lineBits, int gatherBits)
    {
        var (hz, hx, pairs) = XxzMapTests.RandomTerms(n, seed, allPairs);
        return new XxzMap(n, hz, hx, pairs, threads, lineBits, gatherBits);
    }

    private static double MaxDiff(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double m = 0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, (a[i] - b[i]).Magnitude);
        return m;
    }

    public static TheoryData<int, bool, int, int, int> Splits => new()
    {
        // n, all pairs, threads, line bits, gather bits
        { 10, false, 1, 4, 8 },   // chunks of 4 amplitudes, one nearest-neighbour pair left to the run axpys
        { 10, true, 2, 4, 9 },    // long-range pairs: gathered with a low bit, left over, or in the line kernel
        { 12, false, 2, 6, 9 },
        { 14, true, 0, 13, 13 },  // blocks of 2^13 and two gathered tiles
        { 17, false, 2, 16, 16 }, // the production split at the smallest n that gathers (chunks of 2^15)
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Every_product_matches_the_csr_matrix(int n, bool allPairs, int threads, int lineBits, int gatherBits)
    {
        var map = Map(n, 40 + n, allPairs, threads, lineBits, gatherBits);
        Assert.True(map.Gathers, "the split under test has a gathered pass");
        var csr = map.ToOperator();
        var d = 1 << n;
        var x = new RandomMatrices(1).UnitVector(d);
        var hx = csr.Apply(x);
        var y = new Complex[d];
        map.Apply(x, y);
        Assert.True(MaxDiff(y, hx) < 1e-11, "Apply");
        var alpha = new Complex(0.3, -1.7);
        var z = new RandomMatrices(2).UnitVector(d);
        var expected = z.Select((v, i) => v + alpha * hx[i]).ToArray();
        map.ApplyAdd(alpha, x, z);
        Assert.True(MaxDiff(z, expected) < 1e-11, "ApplyAdd");
        // <x|H|x> through the complete blocks
        var e = Enumerable.Range(0, d).Aggregate(Complex.Zero, (s, i) => s + Complex.Conjugate(x[i]) * hx[i]);
        Assert.Equal(e.Real, map.Expectation(x), 11);
        // <A x|B x> with a second map of the same split: whole blocks
        var other = Map(n, 90 + n, allPairs, threads, lineBits, gatherBits);
        var bx = other.ToOperator().Apply(x);
        var ab = Enumerable.Range(0, d).Aggregate(Complex.Zero, (s, i) => s + Complex.Conjugate(hx[i]) * bx[i]);
        Assert.True((map.Bilinear(other, x) - ab).Magnitude < 1e-10 * Math.Max(1, ab.Magnitude), "Bilinear");
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void The_fused_recurrence_matches_the_csr_matrix(int n, bool allPairs, int threads, int lineBits, int gatherBits)
    {
        var map = Map(n, 70 + n, allPairs, threads, lineBits, gatherBits);
        IFusedHermitianMap fused = map;
        var csr = map.ToOperator();
        var d = 1 << n;
        var x = new RandomMatrices(3).UnitVector(d);
        var y0 = new RandomMatrices(4).UnitVector(d);
        var hx = csr.Apply(x);
        double alpha = 0.7, beta = -0.2, gamma = -1;
        var expectedY = y0.Select((v, i) => alpha * hx[i] + beta * x[i] + gamma * v).ToArray();
        Complex[] c = [new(0.5, 0.25), new(-1, 2)];
        Complex[] cx = [new(0.1, 0), new(0, -0.3)];
        // initialize: acc = c y + cx x from y's entry values, then the step
        var y = (Complex[])y0.Clone();
        var acc = new[] { new Complex[d], new Complex[d] };
        fused.Recur(x, y, alpha, beta, gamma, acc, c, cx, true);
        Assert.True(MaxDiff(y, expectedY) < 1e-11, "y");
        for (var q = 0; q < 2; q++)
            Assert.True(MaxDiff(acc[q], y0.Select((v, i) => c[q] * v + cx[q] * x[i]).ToArray()) < 1e-11, $"initialised sum {q}");
        // accumulate: acc += c y (entry values) without an x term
        var before = acc.Select(a => (Complex[])a.Clone()).ToArray();
        var y1 = (Complex[])y.Clone();
        fused.Recur(x, y, alpha, beta, gamma, acc, c, [], false);
        Assert.True(MaxDiff(y, y1.Select((v, i) => alpha * hx[i] + beta * x[i] + gamma * v).ToArray()) < 1e-11, "second step");
        for (var q = 0; q < 2; q++)
            Assert.True(MaxDiff(acc[q], before[q].Select((v, i) => v + c[q] * y1[i]).ToArray()) < 1e-11, $"accumulated sum {q}");
        // two terms at once: acc += c y + cx x (the paired Chebyshev terms)
        before = acc.Select(a => (Complex[])a.Clone()).ToArray();
        var y2 = (Complex[])y.Clone();
        fused.Recur(x, y, alpha, beta, gamma, acc, c, cx, false);
        for (var q = 0; q < 2; q++)
            Assert.True(MaxDiff(acc[q], before[q].Select((v, i) => v + c[q] * y2[i] + cx[q] * x[i]).ToArray()) < 1e-11, $"paired sum {q}");
        // y write-only (gamma = 0, no sums)
        var w = new Complex[d];
        fused.Recur(x, w, alpha, beta, 0, [], [], [], false);
        Assert.True(MaxDiff(w, x.Select((v, i) => alpha * hx[i] + beta * v).ToArray()) < 1e-11, "y written");
    }

    [Fact]
    public void Splits_that_cannot_gather_apply_every_term_by_blocks()
    {
        // 2^6 tiles cannot hold the 6 high bits and two low bits: no gathered pass, the same operator
        var map = Map(10, 5, false, 1, 4, 6);
        Assert.False(map.Gathers);
        var x = new RandomMatrices(6).UnitVector(1 << 10);
        var y = new Complex[1 << 10];
        map.Apply(x, y);
        Assert.True(MaxDiff(y, map.ToOperator().Apply(x)) < 1e-11);
    }
}
