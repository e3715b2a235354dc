using System.Numerics;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Models;

/// <summary>The Dicke (R12) and spin-chain (R13) builders against constructions written from the definitions.</summary>
public class ModelTests
{
    /// <summary>
    /// Matrix elements of H = wc n + wa m + 2 wc lambda J_x (a + a^dag) on |n&gt;|m&gt; (photons first, m = j..-j):
    /// &lt;m+-1|J_x|m&gt; = sqrt(j(j+1) - m(m+-1))/2 and &lt;n+-1|a + a^dag|n&gt; = sqrt(n+1), sqrt(n).
    /// </summary>
    [Theory]
    [InlineData(3, 6, 0.5, 1.0, 1.0)]
    [InlineData(4, 7, 0.27, 1.3, 0.8)]
    public void Dicke_hamiltonian_has_the_textbook_matrix_elements(int cells, int cutoff, double lambda, double wa, double wc)
    {
        var model = new Dicke(cells, cutoff, lambda, wa, wc);
        var h = model.Hamiltonian().ToDense();
        var j = cells / 2.0;
        var d = cells + 1;
        int Index(int n, int k) => n * d + k;
        for (var n = 0; n < cutoff; n++)
        {
            for (var k = 0; k < d; k++)
            {
                var m = j - k;
                Assert.Equal(wc * n + wa * m, h[Index(n, k), Index(n, k)].Real, 12);
                for (var n2 = 0; n2 < cutoff; n2++)
                {
                    for (var k2 = 0; k2 < d; k2++)
                    {
                        if (n2 == n && k2 == k) continue;
                        var m2 = j - k2;
                        var jx = Math.Abs(m2 - m - 1) < 1e-12 ? 0.5 * Math.Sqrt(j * (j + 1) - m * (m + 1))
                            : Math.Abs(m2 - m + 1) < 1e-12 ? 0.5 * Math.Sqrt(j * (j + 1) - m * (m - 1)) : 0;
                        var field = n2 == n + 1 ? Math.Sqrt(n + 1) : n2 == n - 1 ? Math.Sqrt(n) : 0;
                        var expected = 2 * wc * lambda * jx * field;
                        Assert.True((h[Index(n2, k2), Index(n, k)] - expected).Magnitude < 1e-12, $"<{n2},{m2}|H|{n},{m}>");
                    }
                }
            }
        }
        var psi0 = model.InitialState();
        Assert.Equal(1, psi0[Index(cells, cells)].Real);
        Assert.Equal(0, model.BatteryEnergy().Expectation(psi0).Real, 14);
        Assert.Equal(wa * cells, model.BatteryEnergy().ToDense()[0, 0].Real, 12);
        Assert.Equal(cutoff * d, model.Dims.Total);
        Assert.Equal(1, model.TopFockProjector().ToDense()[Index(cutoff - 1, 0), Index(cutoff - 1, 0)].Real);
        Assert.Throws<ValidationException>(() => new Dicke(4, 4, 0.5));
    }

    private static Operator Site(Operator p, int i, int n) => Operators.Embed(p, i, n);

    /// <summary>H0 and the charging Hamiltonian against Kronecker-product constructions of the definitions.</summary>
    [Theory]
    [InlineData(5, CouplingRange.NearestNeighbour, false, -1.0)]
    [InlineData(5, CouplingRange.NearestNeighbour, true, 0.5)]
    [InlineData(5, CouplingRange.PowerLaw, false, 1.0)]
    [InlineData(6, CouplingRange.PowerLaw, true, 0.0)]
    [InlineData(4, CouplingRange.Uniform, false, -1.0)]
    public void Spin_chain_matches_the_kronecker_construction(int n, CouplingRange kind, bool periodic, double alpha)
    {
        double b = 0.7, g = 0.13, omega = 1.1, p = 1.5;
        var chain = new SpinChain(n, b, g, alpha, omega, kind, p, periodic);
        var hg = Operator.Zero(Dims.Uniform(2, n));
        for (var i = 0; i < n; i++)
        {
            for (var k = i + 1; k < n; k++)
            {
                var dist = periodic ? Math.Min(k - i, n - (k - i)) : k - i;
                var gij = kind switch
                {
                    CouplingRange.NearestNeighbour => dist == 1 ? g : 0,
                    CouplingRange.PowerLaw => g / Math.Pow(dist, p),
                    _ => g,
                };
                if (gij == 0) continue;
                hg -= gij * (Site(Pauli.Z, i, n) * Site(Pauli.Z, k, n) + alpha * (Site(Pauli.X, i, n) * Site(Pauli.X, k, n) + Site(Pauli.Y, i, n) * Site(Pauli.Y, k, n)));
            }
        }
        var h0 = b * Operators.SumOverCells(Pauli.Z, n) + hg;
        var h = hg + omega * Operators.SumOverCells(Pauli.X, n);
        Assert.True(ComplexMatrix.MaxAbsDifference(h0.ToDense(), chain.BatteryHamiltonian().ToDense()) < 1e-13);
        Assert.True(ComplexMatrix.MaxAbsDifference(h.ToDense(), chain.ChargingHamiltonian().ToDense()) < 1e-13);
        Assert.True(ComplexMatrix.MaxAbsDifference(hg.ToDense(), chain.Interaction().ToDense()) < 1e-13);
        // all spins down: sigma_z = -1 everywhere, an eigenstate of H0 with energy -n B - sum_ij g_ij
        var down = chain.AllDown();
        var expected = -n * b - chain.PairCouplings().Sum(c => c.G);
        Assert.Equal(expected, chain.BatteryHamiltonian().Expectation(down).Real, 12);
        var h0down = chain.BatteryHamiltonian().Apply(down.Amplitudes);
        for (var k = 0; k < h0down.Length; k++) Assert.True((h0down[k] - expected * down[k]).Magnitude < 1e-12);
    }

    [Fact]
    public void Nearest_neighbour_pairs_of_open_and_periodic_chains()
    {
        Assert.Equal(4, new SpinChain(5).PairCouplings().Count);
        Assert.Equal(5, new SpinChain(5, periodic: true).PairCouplings().Count);
        Assert.Equal(10, new SpinChain(5, range: CouplingRange.Uniform).PairCouplings().Count);
        Assert.Equal(2, new SpinChain(6, periodic: true).Distance(0, 4));
        Assert.Throws<ValidationException>(() => new SpinChain(1));
        Assert.Throws<ValidationException>(() => new SpinChain(4, field: double.NaN));
    }
}
