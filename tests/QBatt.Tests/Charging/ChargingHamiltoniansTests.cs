using QBatt.Charging;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Charging;

/// <summary>R9-R11 drives and states against Kronecker-product constructions and closed forms.</summary>
public class ChargingHamiltoniansTests
{
    /// <summary>|i&gt;&lt;j| on one cell as a dense matrix (oracle building block).</summary>
    private static ComplexMatrix Unit(int d, int i, int j)
    {
        var m = new ComplexMatrix(d, d);
        m[i, j] = 1;
        return m;
    }

    /// <summary>|0..0&gt;&lt;d-1..d-1| + h.c. on k cells by Kronecker products.</summary>
    private static ComplexMatrix BlockTerm(int d, int k)
    {
        var lowHigh = Unit(d, 0, d - 1);
        for (var i = 1; i < k; i++) lowHigh = ComplexMatrix.Kron(lowHigh, Unit(d, 0, d - 1));
        return lowHigh + lowHigh.Adjoint();
    }

    /// <summary>c sum_mu 1 (x) .. (x) term_mu (x) .. (x) 1 by Kronecker products with identities.</summary>
    private static ComplexMatrix BlockSum(ComplexMatrix term, int termDim, int blocks, double c)
    {
        var total = (int)Math.Pow(termDim, blocks);
        var sum = new ComplexMatrix(total, total);
        for (var mu = 0; mu < blocks; mu++)
        {
            var left = ComplexMatrix.Identity((int)Math.Pow(termDim, mu));
            var right = ComplexMatrix.Identity((int)Math.Pow(termDim, blocks - mu - 1));
            sum += ComplexMatrix.Kron(ComplexMatrix.Kron(left, term), right);
        }
        return sum * c;
    }

    [Theory]
    [InlineData(2, 4, 2)]
    [InlineData(2, 6, 3)]
    [InlineData(2, 4, 4)]
    [InlineData(3, 4, 2)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 2, 2)]
    public void Block_drive_matches_kronecker_construction_and_has_norm_c_times_s(int d, int n, int k)
    {
        const double c = 0.7;
        var h = ChargingHamiltonians.Blocks(d, n, k, c);
        var expected = BlockSum(BlockTerm(d, k), (int)Math.Pow(d, k), n / k, c);
        Assert.True(ComplexMatrix.MaxAbsDifference(h.ToDense(), expected) < 1e-15);
        Assert.Equal(Dims.Uniform(d, n), h.Dims);
        Assert.Equal(c * (n / k), h.OperatorNorm(), 12);   // commuting blocks with spectrum {-1, 0, 1}
    }

    [Fact]
    public void Parallel_and_global_are_the_k_1_and_k_n_blocks_of_rev_eqs_18_19()
    {
        const int d = 3, n = 3;
        var par = ChargingHamiltonians.Parallel(d, n, 0.5);
        var sum = Operators.SumOverCells(Operator.FromDense(BlockTerm(d, 1)), n) * 0.5;
        Assert.True(ComplexMatrix.MaxAbsDifference(par.ToDense(), sum.ToDense()) < 1e-15);
        Assert.Equal(0.5 * n, par.OperatorNorm(), 12);         // a_par n (Rev eq 20: a_par = Emax / n)

        var glob = ChargingHamiltonians.Global(d, n, 2).ToDense();
        var g = ChargingHamiltonians.Ground(d, n).Amplitudes.ToArray();
        var e = ChargingHamiltonians.Excited(d, n).Amplitudes.ToArray();
        var expected = (ComplexMatrix.Outer(e, g) + ComplexMatrix.Outer(g, e)) * 2;
        Assert.True(ComplexMatrix.MaxAbsDifference(glob, expected) < 1e-15);
        Assert.Equal(1, g[0].Real);
        Assert.Equal(1, e[26].Real); // |222> is the last basis state
        Assert.True(ComplexMatrix.MaxAbsDifference(ChargingHamiltonians.CellFlip(2).ToDense(), Pauli.X.ToDense()) == 0);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    [InlineData(5, 1)]
    public void Sigma_x_blocks_match_pauli_strings_and_square_to_identity_per_block(int n, int k)
    {
        var h = ChargingHamiltonians.SigmaXBlocks(n, k, 1.3);
        var p = new PauliSum(n);
        for (var mu = 0; mu < n / k; mu++)
            p.Add(1.3, Enumerable.Range(mu * k, k).Select(s => (s, 'X')).ToArray());
        Assert.True(ComplexMatrix.MaxAbsDifference(h.ToDense(), p.ToOperator().ToDense()) < 1e-15);
        if (k == n)
        {
            var sq = (h * h).ToDense();
            Assert.True(ComplexMatrix.MaxAbsDifference(sq, ComplexMatrix.Identity(1 << n) * (1.3 * 1.3)) < 1e-14);
        }
    }

    [Fact]
    public void Thermal_product_is_the_kronecker_power_of_the_cell_gibbs_state()
    {
        double[] e = [0, 0.4, 1.1];
        const double beta = 0.8;
        var rho = ChargingHamiltonians.ThermalProduct(e, 3, beta);
        var w = e.Select(x => Math.Exp(-beta * x)).ToArray();
        var z = w.Sum();
        var cell = ComplexMatrix.Diagonal(w.Select(x => x / z).ToArray());
        var expected = ComplexMatrix.Kron(ComplexMatrix.Kron(cell, cell), cell);
        Assert.True(ComplexMatrix.MaxAbsDifference(rho.ToMatrix(), expected) < 1e-16);
        // negative beta: the Proposition 1 target exp(+eps H0)/Z reverses the qubit populations
        var target = ChargingHamiltonians.ThermalProduct([0, 1], 1, -0.3);
        Assert.Equal(1 / (1 + Math.Exp(-0.3)), target.Populations()[1], 15);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var ex = Assert.Throws<ValidationException>(() => ChargingHamiltonians.Blocks(2, 6, 4));
        Assert.Contains("'k'", ex.Message);
        Assert.Contains("divides cells = 6", ex.Message);
        Assert.Throws<ValidationException>(() => ChargingHamiltonians.Blocks(1, 2, 1));
        Assert.Throws<ValidationException>(() => ChargingHamiltonians.Parallel(2, 3, double.NaN));
        Assert.Throws<ResourceException>(() => ChargingHamiltonians.Parallel(2, 30));
        Assert.Throws<ValidationException>(() => ChargingHamiltonians.ThermalProduct([0, 1], 2, double.PositiveInfinity));
    }
}
