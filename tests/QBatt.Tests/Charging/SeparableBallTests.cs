using QBatt.Charging;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Studies;

namespace QBatt.Tests.Charging;

/// <summary>R10 separability certificates: radii, distances, the certified eps, and PPT along the Proposition 1 orbit.</summary>
public class SeparableBallTests
{
    [Fact]
    public void Radii_take_the_values_of_r10()
    {
        Assert.Equal(1 / Math.Sqrt(12), SeparableBall.BipartiteRadius(4), 15);
        Assert.Equal(1 / Math.Sqrt(12), SeparableBall.QubitRadius(2), 15);          // exact two-qubit radius, not Hildebrand's constant
        Assert.Equal(1 / Math.Sqrt(68), SeparableBall.QubitRadius(3), 15);          // sqrt(54/17) 6^(-3/2) = 1/sqrt(68)
        Assert.Equal(1 / Math.Sqrt(72), SeparableBall.QubitRadiusGurvitsBarnum(3), 15); // sqrt(3) 6^(-3/2)
        Assert.Equal(1 / Math.Sqrt(12), SeparableBall.QubitRadiusGurvitsBarnum(2), 15); // sqrt(3)/6: also exact at N = 2
        Assert.True(Math.Sqrt(54.0 / 17) / 6 > 1 / Math.Sqrt(12));                   // why Hildebrand's constant is refused at N = 2
        for (var n = 3; n <= 40; n++)
        {
            Assert.True(SeparableBall.QubitRadius(n) > SeparableBall.QubitRadiusGurvitsBarnum(n));
            Assert.True(SeparableBall.QubitRadius(n) < SeparableBall.BipartiteRadius(Math.Pow(2, n))); // fully separable => every cut
        }
        Assert.Equal(1 / Math.Sqrt(72), SeparableBall.FullRadius(2, 3)!.Value, 15); // two qutrits: exact bipartite, D = 9
        Assert.Null(SeparableBall.FullRadius(3, 3));
    }

    public static IEnumerable<object[]> DistanceCases()
    {
        yield return [new[] { 0.0, 1.0 }, 3, 0.7];
        yield return [new[] { 0.0, 1.0 }, 6, 1e-6];
        yield return [new[] { 0.0, 0.3, 1.2 }, 4, 0.45];
        yield return [new[] { -1.0, 0.0, 0.0, 2.0 }, 2, 3.0];
        yield return [new[] { 0.0, 1.0 }, 2, -0.9];
    }

    [Theory]
    [MemberData(nameof(DistanceCases))]
    public void Thermal_product_distance_matches_the_dense_frobenius_distance(double[] e, int n, double beta)
    {
        var rho = ChargingHamiltonians.ThermalProduct(e, n, beta);
        var dense = SeparableBall.Distance(rho);
        var formula = SeparableBall.ThermalProductDistance(e, n, beta);
        // the dense state's own populations carry rounding of about 1e-16 / D each
        var rounding = 1e-16 / Math.Sqrt(rho.Dimension);
        Assert.InRange(Math.Abs(formula - dense), 0, 1e-12 * dense + rounding);
        // and the definition, entry by entry on the difference matrix
        var diff = rho.ToMatrix() - ComplexMatrix.Identity(rho.Dimension) * (1.0 / rho.Dimension);
        Assert.InRange(Math.Abs(diff.FrobeniusNorm() - dense), 0, 1e-12 * dense + rounding);
    }

    [Fact]
    public void Distance_is_invariant_under_unitary_evolution()
    {
        var rho = ChargingHamiltonians.ThermalProduct([0, 1], 3, 0.6);
        var u = new RandomMatrices(5).HaarUnitary(8);
        Assert.Equal(SeparableBall.Distance(rho), SeparableBall.Distance(rho.Transform(u)), 13);
    }

    [Fact]
    public void Max_certified_eps_for_qubits_matches_the_closed_form()
    {
        // (1 + tanh^2(eps/2))^N = 1 + R^2 D  =>  eps = 2 artanh sqrt((1 + R^2 D)^(1/N) - 1); the closed form
        // itself loses digits to (1 + x)^(1/N) - 1 as N grows (x = R^2 D ~ 3^-N), hence N <= 10 and 1e-10
        for (var n = 2; n <= 10; n++)
        {
            foreach (var r in new[] { SeparableBall.QubitRadius(n), SeparableBall.QubitRadiusGurvitsBarnum(n), SeparableBall.BipartiteRadius(Math.Pow(2, n)) })
            {
                var d = Math.Pow(2, n);
                var expected = 2 * Math.Atanh(Math.Sqrt(Math.Pow(1 + r * r * d, 1.0 / n) - 1));
                var eps = SeparableBall.MaxCertifiedBeta([0, 1], n, r);
                Assert.InRange(Math.Abs(eps - expected), 0, 1e-10 * expected);
            }
        }
        Assert.Equal(0.831442945529311, SeparableBall.MaxCertifiedBeta([0, 1], 2, 1 / Math.Sqrt(12)), 12); // closed form, N = 2
    }

    [Fact]
    public void Max_certified_beta_sits_on_the_ball_for_three_levels()
    {
        double[] e = [0, 0.5, 1.7];
        foreach (var n in new[] { 2, 3, 5 })
        {
            var r = SeparableBall.BipartiteRadius(Math.Pow(3, n));
            var beta = SeparableBall.MaxCertifiedBeta(e, n, r);
            Assert.InRange(Math.Abs(SeparableBall.ThermalProductDistance(e, n, beta) - r), 0, 1e-12 * r);
            Assert.True(SeparableBall.ThermalProductDistance(e, n, beta * (1 - 1e-6)) < r);
            Assert.True(SeparableBall.ThermalProductDistance(e, n, beta * (1 + 1e-6)) > r);
        }
        Assert.Equal(double.PositiveInfinity, SeparableBall.MaxCertifiedBeta([1, 1, 1], 3, 0.01)); // maximally mixed for every beta
    }

    [Fact]
    public void Certify_reports_which_certificate_applies()
    {
        var two = SeparableBall.Certify(2, [0, 1]);
        Assert.Equal(two.RadiusBipartite, two.RadiusFull!.Value, 15);
        Assert.Equal("full", two.MaxEpsCertifies);
        Assert.Equal(two.MaxEpsBipartite, two.MaxEps, 15);
        var six = SeparableBall.Certify(6, [0, 1]);
        Assert.True(six.MaxEpsFull < six.MaxEpsBipartite);
        Assert.True(six.MaxEpsFullGurvitsBarnum < six.MaxEpsFull);
        var qutrits = SeparableBall.Certify(3, [0, 1, 2]);
        Assert.Null(qutrits.RadiusFull);
        Assert.Null(qutrits.RadiusFullGurvitsBarnum);
        Assert.Equal("every bipartition", qutrits.MaxEpsCertifies);
        Assert.Equal(27, qutrits.Dimension);
        var ex = Assert.Throws<ValidationException>(() => SeparableBall.Certify(1, [0, 1]));
        Assert.Contains("'cells'", ex.Message);
        Assert.Throws<ValidationException>(() => SeparableBall.MaxCertifiedBeta([0, 1], 3, 0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void States_on_the_proposition_1_orbit_at_the_certified_eps_are_ppt_and_keep_their_distance(int n)
    {
        // closed-form orbit (oracle): sigma_x^(x)N squares to 1, so U(t) = cos t - i sin t sigma_x^(x)N
        var eps = SeparableBall.Certify(n, [0, 1]).MaxEps;
        var rho0 = ChargingHamiltonians.ThermalProduct([0, 1], n, eps);
        var r = SeparableBall.ThermalProductDistance([0, 1], n, eps);
        var x = ChargingHamiltonians.SigmaXBlocks(n, n).ToDense();
        var dim = 1 << n;
        foreach (var t in new[] { 0.2, Math.PI / 4, 1.1, Math.PI / 2 })
        {
            var u = ComplexMatrix.Identity(dim) * Math.Cos(t) + x * new System.Numerics.Complex(0, -Math.Sin(t));
            var rho = rho0.Transform(u);
            Assert.True(Entanglement.MinOverBipartitions(rho).MinEigenvalue >= -1e-13);
            Assert.InRange(Math.Abs(SeparableBall.Distance(rho) - r), 0, 1e-13);
        }
        // at pi/2 every cell is flipped: exp(-eps I)/Z -> exp(+eps I)/Z
        var end = rho0.Transform(ComplexMatrix.Identity(dim) * Math.Cos(Math.PI / 2) + x * new System.Numerics.Complex(0, -1));
        var target = ChargingHamiltonians.ThermalProduct([0, 1], n, -eps);
        Assert.True(ComplexMatrix.MaxAbsDifference(end.ToMatrix(), target.ToMatrix()) < 1e-15);
    }
}
