using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Tests.Cli;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// The locked ergotropy W(rho) - sum_i W(rho_i) of R18 (the ergotropic gap) against closed forms and brute force written here:
/// a Werner state p |Phi+&gt;&lt;Phi+| + (1 - p) 1/4 of two qubits with H_i = |1&gt;&lt;1| locks p (its marginals are 1/2, the global
/// spectrum (1 + 3p)/4, (1 - p)/4 x 3 on the energies 0, 1, 1, 2 gives W = 1 - (1 - p) = p); two copies of a passive qutrit lock
/// the ergotropy of the pair, found by sorting the nine products of populations against the nine sums of energies.
/// </summary>
public class LockedErgotropyTests
{
    private static readonly Dims Pair = Dims.Uniform(2, 2);

    [Theory]
    [InlineData(0)]
    [InlineData(0.3)]
    [InlineData(1)]
    public void A_Werner_state_locks_p(double p)
    {
        var rho = ComplexMatrix.Identity(4) * ((1 - p) / 4);
        rho[0, 0] += p / 2;
        rho[0, 3] += p / 2;
        rho[3, 0] += p / 2;
        rho[3, 3] += p / 2;
        var h0 = Operator.Diagonal([0, 1, 1, 2], Pair);
        var r = LockedErgotropy.Compute(new DensityMatrix(rho, Pair), h0, Pair);
        Assert.Equal(p, r.Ergotropy, 12);
        Assert.Equal(0, r.LocalErgotropies[0], 12);
        Assert.Equal(0, r.LocalErgotropies[1], 12);
        Assert.Equal(p, r.Locked, 12);
    }

    [Fact]
    public void Two_copies_of_a_passive_qutrit_lock_the_ergotropy_of_the_pair()
    {
        double[] pop = [0.6, 0.25, 0.15], e = [0, 1, 3];
        var products = new List<double>();
        var sums = new List<double>();
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
            {
                products.Add(pop[a] * pop[b]);
                sums.Add(e[a] + e[b]);
            }
        var energy = products.Zip(sums, (x, y) => x * y).Sum();
        var passive = products.OrderByDescending(x => x).Zip(sums.OrderBy(x => x), (x, y) => x * y).Sum();
        var expected = energy - passive;
        Assert.True(expected > 1e-3, $"the pair is not passive: {expected}");
        var dims = Dims.Uniform(3, 2);
        var rho = DensityMatrix.Diagonal([.. products], dims);
        var h0 = Operator.Diagonal([.. sums], dims);
        var r = LockedErgotropy.Compute(rho, h0, dims);
        Assert.Equal(expected, r.Ergotropy, 12);
        Assert.Equal(0, r.LocalErgotropies.Sum(), 12);
        Assert.Equal(expected, r.Locked, 12);
        // the local terms recovered from H0 are the qutrit's energies up to a constant
        var levels = MatrixFunctions.EigvalsH(r.LocalTerms[0].ToDense());
        Assert.Equal(1, levels[1] - levels[0], 12);
        Assert.Equal(3, levels[2] - levels[0], 12);
    }

    [Fact]
    public void An_interacting_H0_is_refused()
    {
        var zz = Operator.Diagonal([1, -1, -1, 1], Pair);
        var e = Assert.Throws<ValidationException>(() => LockedErgotropy.Compute(DensityMatrix.Diagonal([0.25, 0.25, 0.25, 0.25], Pair), zz, Pair));
        Assert.Equal("h0", e.Argument);
    }

    [Fact]
    public void The_command_reports_the_locked_ergotropy_of_a_Bell_state_and_refuses_bad_dims()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-locked").FullName;
        try
        {
            var state = Path.Combine(dir, "bell.json");
            var h = Path.Combine(dir, "h0.json");
            File.WriteAllText(state, "[[0.5,0,0,0.5],[0,0,0,0],[0,0,0,0],[0.5,0,0,0.5]]");
            File.WriteAllText(h, "[[0,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,2]]");
            var r = CliRunner.Run("ergotropy", "--state", state, "--hamiltonian", h, "--dims", "2,2", "--json");
            Assert.True(r.Code == 0, r.Err);
            var o = System.Text.Json.Nodes.JsonNode.Parse(r.Out)!;
            Assert.Equal(1, (double)o["locked_ergotropy"]!, 12);
            Assert.Equal(0, (double)o["local_ergotropies"]![0]!, 12);
            var bad = CliRunner.Run("ergotropy", "--state", state, "--hamiltonian", h, "--dims", "2,3");
            Assert.Equal(2, bad.Code);
            Assert.StartsWith("qbatt ergotropy: --dims: expected dimensions whose product is the state's dimension 4", bad.Err, StringComparison.Ordinal);
            File.WriteAllText(h, "[[1,0,0,0],[0,-1,0,0],[0,0,-1,0],[0,0,0,1]]");
            var interacting = CliRunner.Run("ergotropy", "--state", state, "--hamiltonian", h, "--dims", "2,2");
            Assert.Equal(2, interacting.Code);
            Assert.StartsWith("qbatt ergotropy: --hamiltonian: expected a non-interacting H0", interacting.Err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
