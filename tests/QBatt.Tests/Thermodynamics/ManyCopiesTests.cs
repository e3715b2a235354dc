using QBatt.Numerics;
using QBatt.Tests.Oracles;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>R4: many copies through type classes against enumeration of all d^n product states.</summary>
public class ManyCopiesTests
{
    private const double Tol = 1e-12;

    public static IEnumerable<object[]> RandomCases()
    {
        // (levels, copies, seed): every d^n <= 10^6
        foreach (var (d, ns) in new[] { (2, new[] { 2, 3, 7, 13, 19 }), (3, new[] { 2, 3, 5, 8, 12 }), (4, new[] { 2, 4, 9 }), (5, new[] { 3, 6, 8 }), (6, new[] { 2, 5, 7 }) })
            foreach (var n in ns)
                yield return [d, n, 100 * d + n];
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Extra_work_per_copy_equals_enumeration(int d, int n, int seed)
    {
        var rng = new RandomMatrices(seed);
        var p = rng.Probabilities(d);
        var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
        var mc = ManyCopies.FromDiagonal(p, e);
        var expected = BruteForceWork.ExtraWorkPerCopy(p, e, n);
        Assert.InRange(mc.ExtraWorkPerCopy(n, threads: 1) - expected, -Tol, Tol);
        Assert.InRange(mc.ExtraWorkPerCopy(n, threads: 2) - expected, -Tol, Tol);
        var energy = p.Zip(e, (a, b) => a * b).Sum();
        Assert.InRange(mc.WorkPerCopy(n) - (energy - BruteForceWork.PassiveEnergy(p, e, n) / n), -Tol, Tol);
    }

    public static IEnumerable<object[]> SpecialCases()
    {
        yield return [new[] { 0.5, 0.3, 0.2 }, new[] { 0.0, 0.0, 1.0 }, 9];          // degenerate ground
        yield return [new[] { 0.4, 0.2, 0.2, 0.2 }, new[] { 0.0, 0.5, 0.5, 1.0 }, 7]; // degenerate middle, equal populations
        yield return [new[] { 0.6, 0.4, 0.0 }, new[] { 0.0, 1.0, 2.0 }, 10];         // a zero population
        yield return [new[] { 0.0, 0.3, 0.7 }, new[] { 0.0, 1.0, 2.0 }, 11];         // inverted, with a zero
        yield return [new[] { 0.0, 0.0, 1.0 }, new[] { -1.0, 0.0, 2.0 }, 8];         // pure excited state
        yield return [new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, new[] { 0.0, 0.4, 1.0 }, 9]; // maximally mixed
        yield return [new[] { 0.2, 0.5, 0.3 }, new[] { 1.0, 1.0, 1.0 }, 6];          // H0 proportional to 1
        yield return [new[] { 0.25, 0.25, 0.5 }, new[] { 0.0, 0.579, 1.0 }, 12];
        yield return [new[] { 0.7, 0.3 }, new[] { 2.0, -1.0 }, 15];                   // levels not sorted
        yield return [new[] { 1.0 }, new[] { 0.7 }, 20];                                // one level
    }

    [Theory]
    [MemberData(nameof(SpecialCases))]
    public void Degenerate_zero_and_edge_cases_equal_enumeration(double[] p, double[] e, int n)
    {
        var mc = ManyCopies.FromDiagonal(p, e);
        for (var k = 1; k <= n; k++)
        {
            var expected = BruteForceWork.ExtraWorkPerCopy(p, e, k);
            Assert.InRange(mc.ExtraWorkPerCopy(k, threads: 1) - expected, -Tol, Tol);
            Assert.InRange(mc.ExtraWorkPerCopy(k, threads: 2) - expected, -Tol, Tol);
        }
    }

    [Fact]
    public void Rev_fig3_state_matches_enumeration_up_to_12_copies()
    {
        var raw = new[] { 0.538, 0.237, 0.224 };
        var p = raw.Select(x => x / raw.Sum()).ToArray();
        var e = new[] { 0, 0.579, 1 };
        var mc = ManyCopies.FromDiagonal(p, e);
        for (var n = 1; n <= 12; n++)
            Assert.InRange(mc.ExtraWorkPerCopy(n) - BruteForceWork.ExtraWorkPerCopy(p, e, n), -Tol, Tol);
    }

    [Fact]
    public void Work_per_copy_rises_towards_the_entropy_bound()
    {
        var p = new[] { 0.1, 0.2, 0.7 };
        var e = new[] { 0.0, 0.3, 1.0 };
        var mc = ManyCopies.FromDiagonal(p, e);
        var w1 = mc.WorkPerCopy(1);
        var w2000 = mc.WorkPerCopy(2000);
        // W(1) <= w(n) <= limit, and the gap to the limit closes like (log n)/n (the spread of energies is 1)
        Assert.True(w1 <= w2000 + 1e-14, $"w(1) {w1} > w(2000) {w2000}");
        Assert.True(w2000 <= mc.Limit + 1e-12, $"w(2000) {w2000} above the limit {mc.Limit}");
        Assert.True(mc.Limit - w2000 < 10 * Math.Log(2000) / 2000, $"gap {mc.Limit - w2000}");
        Assert.InRange(mc.ExtraLimit - (mc.Limit - mc.SingleCopyErgotropy), -1e-15, 1e-15);
    }

    [Fact]
    public void Thermal_state_gains_nothing_from_copies()
    {
        var e = new[] { 0.0, 0.37, 1.0, 1.6 };
        var p = Gibbs.Populations(e, 1.3);
        var mc = ManyCopies.FromDiagonal(p, e);
        foreach (var n in new[] { 2, 5, 50, 300 })
            Assert.InRange(mc.ExtraWorkPerCopy(n), -1e-13, 1e-13);
        Assert.InRange(mc.ExtraLimit, -1e-12, 1e-12);
    }

    [Fact]
    public void Sweep_emits_every_class_once_in_key_order()
    {
        var rng = new RandomMatrices(5);
        foreach (var (m, n) in new[] { (1, 5), (2, 9), (3, 17), (4, 11), (5, 6) })
        {
            var w = Enumerable.Range(0, m).Select(_ => rng.Uniform()).ToArray();
            var inv = ScaledTables.InverseFactorials(n);
            var sweep = new TypeClassSweep(n, w, [], inv, ScaledTables.Factorial(n));
            var keys = new double[7];
            var mult = new Scaled[7];
            var all = new List<double>();
            double total = 0;
            int count;
            while ((count = sweep.Fill(keys, mult, default)) > 0)
            {
                for (var i = 0; i < count; i++) { all.Add(keys[i]); total += mult[i].ToDouble(); }
            }
            Assert.Equal(TypeClassSweep.ClassCount(m, n), all.Count);
            Assert.InRange(total / Math.Pow(m, n) - 1, -1e-13, 1e-13);
            for (var i = 1; i < all.Count; i++)
                Assert.True(all[i] >= all[i - 1] - 1e-12, $"m={m} n={n}: key {all[i]} after {all[i - 1]}");
        }
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<DimensionMismatchException>(() => ManyCopies.FromDiagonal([0.5, 0.5], [0, 1, 2]));
        Assert.Throws<ValidationException>(() => ManyCopies.FromDiagonal([0.5, 0.6], [0, 1]));
        Assert.Throws<ValidationException>(() => ManyCopies.FromDiagonal([1.2, -0.2], [0, 1]));
        var mc = ManyCopies.FromDiagonal([0.5, 0.5], [0, 1]);
        Assert.Throws<ValidationException>(() => mc.WorkPerCopy(0));
    }
}
