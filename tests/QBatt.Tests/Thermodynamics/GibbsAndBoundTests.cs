using System.Text.Json.Nodes;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>R3: Gibbs states, entropy, the entropy-matched inverse temperature and the entropy bound.</summary>
public class GibbsAndBoundTests
{
    public static IEnumerable<object[]> ScipyCases()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "thermo", "entropy_bound_reference.json")))!;
        foreach (var c in doc["cases"]!.AsArray())
            yield return [(string)c!["name"]!];
    }

    private static JsonNode Case(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "thermo", "entropy_bound_reference.json")))!["cases"]!
            .AsArray().First(c => (string)c!["name"]! == name)!;

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Entropy_bound_matches_scipy_brentq(string name)
    {
        // reference: Data/thermo/entropy_bound_reference.py (numpy + scipy brentq), run outside the suite
        var c = Case(name);
        var p = c["populations"]!.AsArray().Select(x => (double)x!).ToArray();
        var e = c["energies"]!.AsArray().Select(x => (double)x!).ToArray();
        var r = EntropyBound.Compute(p, e);
        Assert.InRange(r.Entropy - (double)c["entropy"]!, -1e-14, 1e-14);
        Assert.InRange(r.Beta / (double)c["beta_bar"]! - 1, -1e-12, 1e-12);
        Assert.InRange(r.GibbsEnergy - (double)c["gibbs_energy"]!, -1e-12, 1e-12);
        Assert.InRange(r.Bound - (double)c["bound"]!, -1e-12, 1e-12);
        Assert.InRange(Ergotropy.OfDiagonal(p, e) - (double)c["ergotropy"]!, -1e-14, 1e-14);
        // the same state as a density matrix in a rotated basis gives the same bound
        var v = new RandomMatrices(3).HaarUnitary(p.Length);
        var rho = new DensityMatrix(RandomCell.Sandwich(v, p));
        var h = Operator.FromDense(RandomCell.Sandwich(v, e));
        Assert.InRange(EntropyBound.Compute(rho, h).Bound - (double)c["bound"]!, -1e-10, 1e-10);
    }

    [Fact]
    public void Entropy_matched_beta_inverts_the_gibbs_entropy()
    {
        var rng = new RandomMatrices(17);
        for (var t = 0; t < 40; t++)
        {
            var d = 2 + t % 6;
            var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
            var beta = Math.Exp(4 * rng.Uniform() - 2);
            var s = Gibbs.Entropy(e, beta);
            Assert.InRange(Gibbs.EntropyMatchedBeta(s, e) / beta - 1, -1e-9, 1e-9);
        }
    }

    [Fact]
    public void Edge_cases_of_the_matched_beta_are_defined_or_refused()
    {
        double[] e = [0, 1, 3];
        Assert.Equal(double.PositiveInfinity, Gibbs.EntropyMatchedBeta(0, e));             // pure state
        Assert.Equal(0, Gibbs.EntropyMatchedBeta(Math.Log(3), e));                         // maximally mixed
        Assert.Equal(double.PositiveInfinity, Gibbs.EntropyMatchedBeta(0.5, [0, 0, 1]));    // below ln 2 with a 2-fold ground space
        Assert.InRange(Gibbs.EntropyMatchedBeta(0.8, [0, 0, 1]), 0.1, 100);                 // between ln 2 and ln 3
        var one = Assert.Throws<ValidationException>(() => Gibbs.EntropyMatchedBeta(0, [0.5]));
        Assert.Contains("at least two distinct energy levels", one.Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => Gibbs.EntropyMatchedBeta(0.1, [1, 1, 1]));
        var range = Assert.Throws<ValidationException>(() => Gibbs.EntropyMatchedBeta(1.2, [0, 1, 2]));
        Assert.Contains("entropy", range.Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => Gibbs.EntropyMatchedBeta(-0.1, [0, 1]));
    }

    [Fact]
    public void Gibbs_populations_closed_forms()
    {
        var p = Gibbs.Populations([0, 1], Math.Log(3));
        Assert.InRange(p[0] - 0.75, -1e-15, 1e-15);
        Assert.InRange(p[1] - 0.25, -1e-15, 1e-15);
        Assert.Equal([0.5, 0.5, 0], Gibbs.Populations([0, 0, 1], double.PositiveInfinity));
        Assert.Equal([0, 0, 1], Gibbs.Populations([0, 0, 1], double.NegativeInfinity));
        var neg = Gibbs.Populations([0, 1], -Math.Log(3));
        Assert.InRange(neg[1] - 0.75, -1e-15, 1e-15);
        var hot = Gibbs.Populations([0, 1e6], 1); // no overflow
        Assert.Equal(1, hot[0]);
    }

    [Fact]
    public void Gibbs_state_of_a_non_diagonal_H0_is_exp_minus_beta_H_over_Z()
    {
        var h = new RandomMatrices(4).Hermitian(4);
        var beta = 0.7;
        var expected = MatrixFunctions.Expm(h * -beta);
        var z = expected.Trace().Real;
        var omega = Gibbs.State(Operator.FromDense(h), beta).ToMatrix();
        Assert.True(ComplexMatrix.MaxAbsDifference(omega, expected * (1 / z)) < 1e-13);
    }

    [Fact]
    public void Qubit_bound_equals_the_ergotropy_because_qubit_passive_states_are_thermal()
    {
        // R3: for d = 2 the passive state is the Gibbs state of the same entropy, so the bound is tight
        var rng = new RandomMatrices(8);
        for (var t = 0; t < 30; t++)
        {
            var rho = new DensityMatrix(rng.DensityMatrix(2));
            var h = Operator.FromDense(rng.Hermitian(2));
            var w = Ergotropy.Compute(rho, h).Value;
            Assert.InRange(EntropyBound.Compute(rho, h).Bound - w, -1e-10, 1e-10);
        }
    }

    [Fact]
    public void Bound_with_a_trivial_H0_is_zero_and_has_no_temperature()
    {
        var r = EntropyBound.Compute([0.2, 0.8], [1.5, 1.5]);
        Assert.True(double.IsNaN(r.Beta));
        Assert.InRange(r.Bound, -1e-15, 1e-15);
        var pure = EntropyBound.Compute([0, 1], [0, 1]);
        Assert.Equal(double.PositiveInfinity, pure.Beta);
        Assert.InRange(pure.Bound - 1, -1e-15, 1e-15);
    }

    [Theory]
    [InlineData(2, 1.6142867579807968e-14)]
    [InlineData(4, 9.501029037649981e-14)]
    [InlineData(1024, 7.004191902510368e-09)]
    public void Pure_state_entropy_floor_is_d_minus_1_times_delta_times_1_minus_ln_delta(int d, double expected)
    {
        // closed form with delta = d eps, evaluated in Python (math.log) outside the suite
        Assert.InRange(Gibbs.PureStateEntropyFloor(d) / expected - 1, -1e-12, 1e-12);
        Assert.Equal(0, Gibbs.PureStateEntropyFloor(1));
    }

    [Fact]
    public void Rank_one_states_with_rounding_level_entropy_get_infinite_beta()
    {
        // R3: a pure state's Gibbs partner is the ground state (b = +infinity), also when the eigenvalues
        // of rho carry rounding noise; the bound is then <psi|H0|psi> - e_min (closed form, diagonal H0)
        Assert.Equal(double.PositiveInfinity, Gibbs.EntropyMatchedBeta(4e-15, [0, 1])); // issue 11: was 18.9
        var rng = new RandomMatrices(23);
        foreach (var d in new[] { 2, 3, 4, 8, 16, 64 })
        {
            for (var t = 0; t < 20; t++)
            {
                var psi = rng.UnitVector(d);
                var e = Enumerable.Range(0, d).Select(_ => rng.Normal()).ToArray();
                var rho = DensityMatrix.FromKet(new Ket(psi));
                var s = Entropy.VonNeumann(rho);
                Assert.InRange(Math.Abs(s), 0, Gibbs.PureStateEntropyFloor(d)); // eigenvalues 1 + eps give -x ln x < 0
                var r = EntropyBound.Compute(rho, Operator.FromDense(ComplexMatrix.Diagonal(e)));
                Assert.Equal(double.PositiveInfinity, r.Beta);
                var mean = Enumerable.Range(0, d).Sum(j => psi[j].Magnitude * psi[j].Magnitude * e[j]);
                Assert.InRange(r.Bound - (mean - e.Min()), -1e-12, 1e-12);
            }
        }
    }

    [Fact]
    public void Entropies_just_above_the_floor_keep_a_finite_matched_beta()
    {
        // the threshold does not swallow resolvable entropies: S(b) at the returned b (forward formula) is the input
        foreach (var d in new[] { 2, 4 })
        {
            var e = Enumerable.Range(0, d).Select(j => (double)j).ToArray();
            var s = 10 * Gibbs.PureStateEntropyFloor(d);
            var b = Gibbs.EntropyMatchedBeta(s, e);
            Assert.True(double.IsFinite(b), $"d = {d}: b = {b}");
            Assert.InRange(Gibbs.Entropy(e, b) / s - 1, -1e-6, 1e-6);
        }
    }

    [Fact]
    public void Energies_up_to_1e150_keep_the_bound_above_the_ergotropy_and_larger_ones_are_refused()
    {
        // two levels -E, +E with the upper one holding 0.7: W = 0.4 * 2E, and the bound is tight for a qubit
        // (R3) with b = ln(0.7/0.3) / 2E (closed forms)
        const double big = 1e150;
        double[] e = [big, -big];
        double[] p = [0.7, 0.3];
        Assert.InRange(Ergotropy.OfDiagonal(p, e) / (0.8 * big) - 1, -1e-14, 1e-14);
        var r = EntropyBound.Compute(p, e);
        Assert.InRange(r.Bound / (0.8 * big) - 1, -1e-12, 1e-12);
        Assert.InRange(r.Beta * 2 * big / Math.Log(0.7 / 0.3) - 1, -1e-9, 1e-9);
        foreach (var huge in new[] { 1.1e150, 1e308 })
        {
            var ex = Assert.Throws<ValidationException>(() => EntropyBound.Compute(p, [huge, -huge]));
            Assert.Contains("magnitude at most 1e150", ex.Message, StringComparison.Ordinal);
            Assert.Throws<ValidationException>(() => Ergotropy.OfDiagonal(p, [huge, -huge]));
            var h = Operator.FromDense(ComplexMatrix.FromRows(new double[,] { { 0, huge }, { huge, 0 } }));
            Assert.Throws<ValidationException>(() => Ergotropy.Compute(new DensityMatrix(ComplexMatrix.Diagonal([0.5, 0.5])), h));
        }
    }

    [Fact]
    public void Von_neumann_entropy_of_known_states()
    {
        Assert.Equal(0, Entropy.VonNeumann(DensityMatrix.FromKet(new Ket(new RandomMatrices(2).UnitVector(5)))), 12);
        Assert.InRange(Entropy.VonNeumann(DensityMatrix.MaximallyMixed(new Dims(2, 3))) - Math.Log(6), -1e-14, 1e-14);
        Assert.InRange(Entropy.Shannon([0.5, 0.25, 0.25]) - 1.5 * Math.Log(2), -1e-15, 1e-15);
        Assert.Throws<ValidationException>(() => Entropy.Shannon([0.5, 0.6]));
    }
}
