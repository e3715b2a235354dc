using System.Numerics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// R18 daemonic ergotropy [Fra17, Ber19]: Bell-diagonal pairs against the analytic optimum, random pairs against
/// a brute-force grid over the Bloch sphere, pure states against tr(rho_A H_A) - e_min, never below W(rho_A).
/// </summary>
public class DaemonicErgotropyTests
{
    private static readonly Operator Qubit = Qudit.Hamiltonian([0, 1]);

    [Theory]
    [InlineData(0.3, -0.5, 0.2)]
    [InlineData(-1, -1, -1)]
    [InlineData(0.1, 0.1, -0.6)]
    [InlineData(0, 0, 0)]
    [InlineData(0.45, 0.2, 0.05)]
    public void Bell_diagonal_pair_reaches_half_omega_times_the_largest_correlation(double c1, double c2, double c3)
    {
        // rho_A = 1/2, so W(rho_A) = 0. Measuring B along n leaves A with Bloch vectors +-C n (C = diag c),
        // p = 1/2 each; with H_A = omega |1><1| a qubit of Bloch vector r holds W = omega (|r| - r_z)/2, so the
        // average is omega |C n| / 2, largest along the axis of the largest |c_i|: E_D = omega max|c_i| / 2.
        // A POVM cannot do better: sum_k p_k n_k = 0 cancels the r_z terms and sum_k p_k |C n_k| <= max|c_i|.
        foreach (var omega in new[] { 1.0, 2.5 })
        {
            var h = Qudit.Hamiltonian([0, omega]);
            var rho = TwoPartyStates.BellDiagonal(c1, c2, c3);
            var expected = omega * new[] { c1, c2, c3 }.Max(Math.Abs) / 2;
            var r = DaemonicErgotropy.Compute(rho, h, 2, 2);
            Assert.InRange(r.Value - expected, -1e-9, 1e-9);
            Assert.InRange(r.Ergotropy, -1e-14, 1e-14);
            Assert.InRange(r.Gain - expected, -1e-9, 1e-9);
            Assert.InRange(r.Outcomes.Sum(o => o.Probability) - 1, -1e-12, 1e-12);
            var povm = DaemonicErgotropy.Compute(rho, h, 2, 2, new DaemonicOptions { Generalised = true });
            Assert.InRange(povm.Value - expected, -1e-7, 1e-7);
            Assert.InRange(povm.Outcomes.Sum(o => o.Probability) - 1, -1e-12, 1e-12);
        }
    }

    [Fact]
    public void Random_pairs_match_a_brute_force_Bloch_grid_and_never_fall_below_the_plain_ergotropy()
    {
        var rng = new RandomMatrices(31);
        for (var k = 0; k < 12; k++)
        {
            var rho = TwoPartyStates.Random(rng, new Dims(2, 2), rank: 1 + k % 4);
            var h = k % 2 == 0 ? Qubit : Operator.FromDense(rng.Hermitian(2));
            var r = DaemonicErgotropy.Compute(rho, h, 2, 2);
            var grid = TwoPartyStates.DaemonicGrid(rho, h, 60);
            var plain = Ergotropy.Compute(rho.PartialTraceKeep(0), h).Value;
            Assert.InRange(r.Ergotropy - plain, -1e-12, 1e-12);
            Assert.True(r.Value >= grid - 1e-10, $"state {k}: {r.Value} below the grid's {grid}");
            // the grid's spacing is pi/60: its best point is within 2e-3 (in units of the level spacing) of the optimum
            Assert.True(r.Value <= grid + 2e-3 * (1 + h.MaxAbs()), $"state {k}: {r.Value} far above the grid's {grid}");
            Assert.True(r.Value >= plain - 1e-12);
            Assert.True(r.Value <= r.UpperBound + 1e-12);
        }
    }

    [Fact]
    public void Pure_states_give_every_conditional_state_pure_so_the_energy_above_the_ground()
    {
        var rng = new RandomMatrices(4);
        foreach (var (dA, dB) in new[] { (2, 2), (3, 2), (2, 3), (3, 3) })
        {
            var psi = new Ket(rng.UnitVector(dA * dB), new Dims(dA, dB));
            var h = Operator.FromDense(rng.Hermitian(dA));
            var e = MatrixFunctions.EigvalsH(h.ToDense());
            var rho = DensityMatrix.FromKet(psi);
            var r = DaemonicErgotropy.Compute(rho, h, dA, dB);
            var energy = h.Expectation(rho.PartialTraceKeep(0)).Real;
            Assert.InRange(r.Value - (energy - e[0]), -1e-9, 1e-9);
            Assert.InRange(r.UpperBound - (energy - e[0]), -1e-12, 1e-12);
        }
    }

    [Fact]
    public void Product_states_have_no_gain_and_POVMs_never_lose_to_projective_measurements()
    {
        var rng = new RandomMatrices(9);
        var a = TwoPartyStates.Random(rng, new Dims(3));
        var b = TwoPartyStates.Random(rng, new Dims(2));
        var h = Operator.FromDense(rng.Hermitian(3));
        var product = DaemonicErgotropy.Compute(DensityMatrix.Tensor(a, b), h, 3, 2);
        Assert.InRange(product.Gain, -1e-9, 1e-9);
        for (var k = 0; k < 4; k++)
        {
            var rho = TwoPartyStates.Random(rng, new Dims(2, 3), rank: 2);
            var hq = Operator.FromDense(rng.Hermitian(2));
            var proj = DaemonicErgotropy.Compute(rho, hq, 2, 3);
            var povm = DaemonicErgotropy.Compute(rho, hq, 2, 3, new DaemonicOptions { Generalised = true });
            Assert.True(proj.Value >= proj.Ergotropy - 1e-12);
            Assert.True(povm.Value >= proj.Value - 1e-8, $"POVM {povm.Value} below projective {proj.Value}");
            Assert.True(povm.Value <= povm.UpperBound + 1e-12);
            Assert.Equal(9, povm.Outcomes.Length);
        }
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        var rho = TwoPartyStates.BellDiagonal(0.1, 0.2, 0.3);
        Assert.Contains("dims", Assert.Throws<DimensionMismatchException>(() => DaemonicErgotropy.Compute(rho, Qubit, 2, 3)).Message);
        Assert.Contains("hA", Assert.Throws<DimensionMismatchException>(() => DaemonicErgotropy.Compute(rho, Qudit.Hamiltonian([0, 1, 2]), 2, 2)).Message);
        Assert.Contains("Starts", Assert.Throws<ValidationException>(() => DaemonicErgotropy.Compute(rho, Qubit, 2, 2, new DaemonicOptions { Starts = 0 })).Message);
        var notHermitian = new ComplexMatrix(2, 2);
        notHermitian[0, 1] = Complex.ImaginaryOne;
        Assert.Throws<ValidationException>(() => DaemonicErgotropy.Compute(rho, Operator.FromDense(notHermitian), 2, 2));
    }
}
