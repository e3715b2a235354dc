using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Oracles;

namespace QBatt.Tests.Numerics;

public class SubsystemsTests
{
    private static readonly int[] Dims = [2, 3, 2];

    public static IEnumerable<object[]> Subsets() =>
    [
        [new[] { 0 }], [new[] { 1 }], [new[] { 2 }], [new[] { 0, 1 }], [new[] { 0, 2 }], [new[] { 1, 2 }], [new[] { 0, 1, 2 }],
    ];

    [Theory]
    [MemberData(nameof(Subsets))]
    public void Partial_trace_matches_the_definition(int[] keep)
    {
        var m = new RandomMatrices(41).Ginibre(12, 12);
        var r = Subsystems.PartialTraceKeep(m, Dims, keep);
        Assert.True(Naive.MaxAbsDiff(Naive.PartialTraceKeep(Naive.ToArray(m), Dims, keep), r) < 1e-13);
    }

    [Theory]
    [MemberData(nameof(Subsets))]
    public void Partial_trace_of_a_product_state_is_the_product_of_the_kept_factors(int[] keep)
    {
        var rng = new RandomMatrices(42);
        var parts = Dims.Select(d => rng.DensityMatrix(d)).ToArray();
        var full = ComplexMatrix.Kron(ComplexMatrix.Kron(parts[0], parts[1]), parts[2]);
        var expected = parts[keep[0]];
        for (var k = 1; k < keep.Length; k++) expected = ComplexMatrix.Kron(expected, parts[keep[k]]);
        Assert.True(ComplexMatrix.MaxAbsDifference(Subsystems.PartialTraceKeep(full, Dims, keep), expected) < 1e-14);
    }

    [Theory]
    [MemberData(nameof(Subsets))]
    public void Partial_transpose_matches_the_definition(int[] sel)
    {
        var m = new RandomMatrices(43).Ginibre(12, 12);
        var r = Subsystems.PartialTranspose(m, Dims, sel);
        Assert.Equal(0, Naive.MaxAbsDiff(Naive.PartialTranspose(Naive.ToArray(m), Dims, sel), r));
    }

    [Fact]
    public void Permute_swaps_kronecker_factors()
    {
        var rng = new RandomMatrices(44);
        var a = rng.Ginibre(2, 2);
        var b = rng.Ginibre(3, 3);
        var c = rng.Ginibre(2, 2);
        var abc = ComplexMatrix.Kron(ComplexMatrix.Kron(a, b), c);
        var cab = ComplexMatrix.Kron(ComplexMatrix.Kron(c, a), b);
        Assert.True(ComplexMatrix.MaxAbsDifference(Subsystems.Permute(abc, Dims, [2, 0, 1]), cab) < 1e-13);
    }

    [Fact]
    public void Bad_subsystem_lists_are_refused()
    {
        var m = new ComplexMatrix(12, 12);
        Assert.Contains("indices in 0..2", Assert.Throws<ValidationException>(() => Subsystems.PartialTraceKeep(m, Dims, [3])).Message, StringComparison.Ordinal);
        Assert.Contains("distinct", Assert.Throws<ValidationException>(() => Subsystems.PartialTraceKeep(m, Dims, [1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("12x12 for dims [2, 3, 2]", Assert.Throws<DimensionMismatchException>(() => Subsystems.PartialTraceKeep(new ComplexMatrix(6, 6), Dims, [0])).Message, StringComparison.Ordinal);
    }
}
