using System.Numerics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Models;

/// <summary>The Cooper-pair-box builders (R15) against explicit Kronecker products of Pauli matrices.</summary>
public class CooperPairBoxesTests
{
    /// <summary>sigma_p on box i and sigma_q on box j (identity elsewhere), by explicit Kronecker products (box 0 first).</summary>
    private static ComplexMatrix Two(int cells, int i, ComplexMatrix p, int j, ComplexMatrix q)
    {
        var m = ComplexMatrix.Identity(1);
        for (var l = 0; l < cells; l++)
            m = ComplexMatrix.Kron(m, l == i ? p : l == j ? q : ComplexMatrix.Identity(2));
        return m;
    }

    private static ComplexMatrix One(int cells, int i, ComplexMatrix p) => Two(cells, i, p, -1, p);

    private static ComplexMatrix X => Pauli.X.ToDense();

    private static ComplexMatrix Y => Pauli.Y.ToDense();

    private static ComplexMatrix Z => Pauli.Z.ToDense();

    private static ComplexMatrix Sum(int dim, IEnumerable<(double C, ComplexMatrix M)> terms)
    {
        var s = new ComplexMatrix(dim, dim);
        foreach (var (c, m) in terms)
            for (var r = 0; r < dim; r++)
                for (var k = 0; k < dim; k++) s[r, k] += c * m[r, k];
        return s;
    }

    [Fact]
    public void Battery_is_the_charging_energy_of_each_box_with_the_empty_island_as_ground()
    {
        const int n = 3;
        const double e = 2.5;
        var h0 = CooperPairBoxes.Battery(n, e).ToDense();
        // E sum (1 - sigma_z)/2 from Operators.Embed of the one-box matrix
        var cell = Operator.FromDense(ComplexMatrix.FromRows(new double[,] { { 0, 0 }, { 0, e } }));
        var expected = Enumerable.Range(0, n).Select(l => Operators.Embed(cell, l, n).ToDense()).Aggregate((a, b) => a + b);
        Assert.True(ComplexMatrix.MaxAbsDifference(h0, expected) <= 1e-14);
        var viaZ = Sum(8, Enumerable.Range(0, n).SelectMany(l => new[] { (e / 2, ComplexMatrix.Identity(8)), (-e / 2, One(n, l, Z)) }));
        Assert.True(ComplexMatrix.MaxAbsDifference(h0, viaZ) <= 1e-14);
        Assert.Equal(0, CooperPairBoxes.Battery(n, e).Expectation(CooperPairBoxes.Ground(n)).Real, 14);
        Assert.Equal(n * e, CooperPairBoxes.Battery(n, e).Expectation(CooperPairBoxes.Charged(n)).Real, 12);
    }

    [Theory]
    [InlineData(CooperCoupling.SigmaXX, CooperTopology.Chain, 4)]
    [InlineData(CooperCoupling.Swap, CooperTopology.AllToAll, 4)]
    [InlineData(CooperCoupling.SigmaXX, CooperTopology.Pairs, 4)]
    [InlineData(CooperCoupling.Swap, CooperTopology.Chain, 3)]
    public void Drive_matches_explicit_kronecker_products(CooperCoupling kind, CooperTopology topology, int n)
    {
        const double a = 0.7, j = -1.3;
        var h = CooperPairBoxes.Drive(n, a, j, kind, topology).ToDense();
        var dim = 1 << n;
        var pairs = topology switch
        {
            CooperTopology.Chain => Enumerable.Range(0, n - 1).Select(i => (i, i + 1)),
            CooperTopology.Pairs => Enumerable.Range(0, n / 2).Select(i => (2 * i, 2 * i + 1)),
            _ => from p in Enumerable.Range(0, n) from q in Enumerable.Range(0, n) where p < q select (p, q),
        };
        var terms = Enumerable.Range(0, n).Select(l => (a, One(n, l, X))).ToList();
        foreach (var (p, q) in pairs)
        {
            if (kind == CooperCoupling.SigmaXX) terms.Add((j, Two(n, p, X, q, X)));
            else
            {
                terms.Add((j / 2, Two(n, p, X, q, X)));
                terms.Add((j / 2, Two(n, p, Y, q, Y)));
            }
        }
        Assert.True(ComplexMatrix.MaxAbsDifference(h, Sum(dim, terms)) <= 1e-14);
    }

    [Fact]
    public void Swap_coupling_tunnels_one_pair_between_islands()
    {
        // J (XX + YY)/2 = J (|01><10| + |10><01|) on two boxes
        var h = CooperPairBoxes.Couplings(2, [PairCoupling.Of(CooperCoupling.Swap, 0, 1, 1.7)]).ToDense();
        var expected = new ComplexMatrix(4, 4);
        expected[1, 2] = expected[2, 1] = 1.7;
        Assert.True(ComplexMatrix.MaxAbsDifference(h, expected) <= 1e-14);
    }

    [Fact]
    public void General_couplings_and_gates_match_explicit_kronecker_products()
    {
        const int n = 3;
        var h = (CooperPairBoxes.GatePulses([0.3, -0.2, 1.1]) + CooperPairBoxes.Couplings(n, [new PairCoupling(0, 2, 0.5, -0.4, 0.9), new PairCoupling(1, 2, 0, 1.2, -0.6)])
            + CooperPairBoxes.Detuning(n, 0.25)).ToDense();
        var expected = Sum(8,
        [
            (0.3, One(n, 0, X)), (-0.2, One(n, 1, X)), (1.1, One(n, 2, X)),
            (0.5, Two(n, 0, X, 2, X)), (-0.4, Two(n, 0, Y, 2, Y)), (0.9, Two(n, 0, Z, 2, Z)),
            (1.2, Two(n, 1, Y, 2, Y)), (-0.6, Two(n, 1, Z, 2, Z)),
            (3 * 0.125, ComplexMatrix.Identity(8)), (-0.125, One(n, 0, Z)), (-0.125, One(n, 1, Z)), (-0.125, One(n, 2, Z)),
        ]);
        Assert.True(ComplexMatrix.MaxAbsDifference(h, expected) <= 1e-14);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Contains("'cells'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Battery(0)).Message);
        Assert.Contains("'chargingEnergy'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Battery(2, -1)).Message);
        Assert.Contains("'cells'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Pairs(3, CooperTopology.Pairs)).Message);
        Assert.Contains("'couplings'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Couplings(3, [new PairCoupling(1, 1, 1, 0, 0)])).Message);
        Assert.Contains("'couplings'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Couplings(3, [new PairCoupling(0, 3, 1, 0, 0)])).Message);
        Assert.Contains("'gate'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Drive(2, double.NaN, 1, CooperCoupling.Swap, CooperTopology.Chain)).Message);
        Assert.Contains("'cells'", Assert.Throws<ValidationException>(() => CooperPairBoxes.Ground(CooperPairBoxes.MaxCells + 1)).Message);
    }
}
