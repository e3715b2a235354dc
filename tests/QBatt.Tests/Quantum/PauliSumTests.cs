using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Quantum;

/// <summary>PauliSum against the Kronecker-product route built from the Pauli factories.</summary>
public class PauliSumTests
{
    private static Operator Single(char p) => p switch { 'X' => Pauli.X, 'Y' => Pauli.Y, 'Z' => Pauli.Z, _ => Pauli.I };

    private static Operator Kron(int n, params (int Site, char P)[] f)
    {
        var ops = Enumerable.Range(0, n).Select(s => Single(f.FirstOrDefault(x => x.Site == s).P)).ToArray();
        return Operator.Tensor(ops);
    }

    [Fact]
    public void Random_pauli_strings_match_kronecker_products()
    {
        const int n = 5;
        var rnd = new Random(81);
        var sum = new PauliSum(n);
        var expected = Operator.Zero(Dims.Uniform(2, n));
        for (var k = 0; k < 40; k++)
        {
            var sites = Enumerable.Range(0, n).OrderBy(_ => rnd.Next()).Take(1 + rnd.Next(n)).ToArray();
            var f = sites.Select(s => (s, "IXYZ"[rnd.Next(4)])).ToArray();
            var c = new Complex(rnd.NextDouble() - 0.5, rnd.NextDouble() - 0.5);
            sum.Add(c, f);
            expected += c * Kron(n, f);
        }
        var built = sum.ToOperator();
        Assert.True(ComplexMatrix.MaxAbsDifference(built.ToDense(), expected.ToDense()) < 1e-13);
        Assert.Equal(Dims.Uniform(2, n), built.Dims);
    }

    [Fact]
    public void Xx_plus_yy_cancels_on_aligned_pairs_and_threads_agree()
    {
        // XX + YY = 2 (sigma+ sigma- + sigma- sigma+): zero on |00> and |11>
        var sum = new PauliSum(2).Add(1, 0, 'X', 1, 'X').Add(1, 0, 'Y', 1, 'Y');
        var m = sum.ToOperator().ToDense();
        Assert.Equal(0, m[0, 3].Magnitude);
        Assert.Equal(2, m[1, 2].Real);
        Assert.Equal(2, sum.ToOperator().SparseStorage!.NonZeros);
        // a 14-qubit chain built serially and with threads is identical
        var chain = new PauliSum(14);
        for (var i = 0; i < 13; i++) chain.Add(0.7, i, 'X', i + 1, 'X').Add(-0.3, i, 'Y', i + 1, 'Y').Add(1.1, i, 'Z', i + 1, 'Z');
        for (var i = 0; i < 14; i++) chain.Add(0.5, i, 'X');
        var a = chain.ToOperator(1).SparseStorage!;
        var b = chain.ToOperator(2).SparseStorage!;
        Assert.True(a.RowPointers.SequenceEqual(b.RowPointers));
        Assert.True(a.ColumnIndices.SequenceEqual(b.ColumnIndices));
        Assert.True(a.Values.SequenceEqual(b.Values));
        Assert.Equal(0, a.HermiticityError());
    }

    [Fact]
    public void Bad_terms_are_refused()
    {
        Assert.Throws<ValidationException>(() => new PauliSum(3).Add(1, 3, 'X'));
        Assert.Throws<ValidationException>(() => new PauliSum(3).Add(1, 0, 'Q'));
        Assert.Throws<ValidationException>(() => new PauliSum(3).Add(1, 0, 'X', 0, 'Z'));
        Assert.Throws<ValidationException>(() => new PauliSum(0));
    }
}
