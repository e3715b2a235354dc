using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// R18 local ergotropy [SDG22, CFGA24]: a qubit of a two-qubit Heisenberg pair against a brute-force grid over
/// SU(2) (the closed form must match it and the descent), never above the global ergotropy; non-interacting
/// batteries against the marginal's ergotropy (qutrit subsystems: the descent path).
/// </summary>
public class LocalErgotropyTests
{
    /// <summary>H = (omega/2)(Z1 + Z2) + J (X X + Y Y + Delta Z Z).</summary>
    private static Operator Heisenberg(double omega, double j, double delta) =>
        (omega / 2) * (Operator.Tensor(Pauli.Z, Pauli.I) + Operator.Tensor(Pauli.I, Pauli.Z))
        + j * (Operator.Tensor(Pauli.X, Pauli.X) + Operator.Tensor(Pauli.Y, Pauli.Y) + delta * Operator.Tensor(Pauli.Z, Pauli.Z));

    [Fact]
    public void Qubit_of_a_Heisenberg_pair_matches_brute_force_over_SU2_and_stays_below_the_global_ergotropy()
    {
        var rng = new RandomMatrices(17);
        var cases = new List<(DensityMatrix, Operator)>
        {
            (DensityMatrix.FromKet(Ket.Basis(new Dims(2, 2), 0, 0)), Heisenberg(1, 0.3, 1)),
            (DensityMatrix.FromKet(Ket.Basis(new Dims(2, 2), 0, 1)), Heisenberg(1, 0.5, 0.2)),
        };
        for (var k = 0; k < 8; k++)
            cases.Add((TwoPartyStates.Random(rng, new Dims(2, 2), rank: 1 + k % 4), Heisenberg(1, 0.2 + 0.2 * k, k % 2 == 0 ? 1 : -0.5)));
        foreach (var (rho, h) in cases)
        {
            var r = LocalErgotropy.Compute(rho, h, 0);
            var grid = TwoPartyStates.LocalGrid(rho, h, 24);
            Assert.True(r.ClosedForm);
            // the closed form is the exact optimum: no grid point beats it, and the grid (spacing pi/24) comes within 2e-2
            Assert.True(r.Value >= grid - 1e-10, $"closed form {r.Value} below the grid's {grid}");
            Assert.True(r.Value <= grid + 2e-2, $"closed form {r.Value} far above the grid's {grid}");
            Assert.InRange(r.OptimisedValue - r.Value, -1e-8, 1e-8);
            Assert.True(r.Value <= r.GlobalErgotropy + 1e-12);
            Assert.True(r.Value <= r.UpperBound + 1e-10);
            Assert.True(r.Value >= -1e-12);
        }
    }

    [Fact]
    public void The_second_qubit_is_the_first_of_the_swapped_pair()
    {
        var rng = new RandomMatrices(2);
        var rho = TwoPartyStates.Random(rng, new Dims(2, 2));
        var h = Heisenberg(1.3, 0.7, 0.4) + 0.3 * Operator.Tensor(Pauli.X, Pauli.Z);
        var swap = ComplexMatrix.FromRows(new double[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } });
        var rhoS = new DensityMatrix(ComplexMatrix.Product(ComplexMatrix.Product(swap, Op.None, rho.ToMatrix(), Op.None), Op.None, swap, Op.None), new Dims(2, 2));
        var hS = Operator.FromDense(ComplexMatrix.Product(ComplexMatrix.Product(swap, Op.None, h.ToDense(), Op.None), Op.None, swap, Op.None), new Dims(2, 2));
        var a = LocalErgotropy.Compute(rho, h, 1);
        var b = LocalErgotropy.Compute(rhoS, hS, 0);
        Assert.InRange(a.Value - b.Value, -1e-10, 1e-10);
        Assert.InRange(a.Value - TwoPartyStates.LocalGrid(rhoS, hS, 24), -1e-10, 2e-2);
    }

    [Fact]
    public void Without_coupling_the_local_ergotropy_is_the_marginal_ergotropy()
    {
        // H = H_A (x) 1 + 1 (x) H_B: a unitary on A leaves the energy of B alone, so W_A = W(rho_A, H_A)
        var rng = new RandomMatrices(23);
        foreach (var (dA, dB) in new[] { (2, 2), (3, 2), (2, 3) })
        {
            var hA = Operator.FromDense(rng.Hermitian(dA));
            var hB = Operator.FromDense(rng.Hermitian(dB));
            var h = Operator.Tensor(hA, Operator.Identity(new Dims(dB))) + Operator.Tensor(Operator.Identity(new Dims(dA)), hB);
            var rho = TwoPartyStates.Random(rng, new Dims(dA, dB), rank: 2);
            var r = LocalErgotropy.Compute(rho, h, 0, new LocalErgotropyOptions { Starts = 12 });
            var expected = Ergotropy.Compute(rho.PartialTraceKeep(0), hA).Value;
            Assert.InRange(r.Value - expected, -1e-8, 1e-8);
            Assert.True(r.UpperBound >= r.Value - 1e-10);
            Assert.Equal(dA == 2, r.ClosedForm);
        }
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        var rho = TwoPartyStates.BellDiagonal(0.1, 0.2, 0.3);
        Assert.Contains("subsystem", Assert.Throws<ValidationException>(() => LocalErgotropy.Compute(rho, Heisenberg(1, 1, 1), 2)).Message);
        Assert.Throws<DimensionMismatchException>(() => LocalErgotropy.Compute(rho, Qudit.Hamiltonian([0, 1]), 0));
        Assert.Contains("Starts", Assert.Throws<ValidationException>(() => LocalErgotropy.Compute(rho, Heisenberg(1, 1, 1), 0, new LocalErgotropyOptions { Starts = 0 })).Message);
    }
}
