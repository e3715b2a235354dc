using System.Numerics;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>R2: ergotropy, passive state, optimal unitary, incoherent/coherent split, against hand-derived cases.</summary>
public class ErgotropyTests
{
    [Fact]
    public void Rev_fig2_five_level_example_by_hand()
    {
        // H0 = Lz diag(-2..2), rho = 0.1|1> + 0.2|2> + 0.3|4> + 0.4|5> (levels 0-based here):
        // tr[rho H0] = 0.7 Lz, passive energy -1.0 Lz, so W = 1.7 Lz (the caption prints 1.8 Lz)
        foreach (var lz in new[] { 1.0, 2.5 })
        {
            var h = Qudit.Hamiltonian([-2 * lz, -lz, 0, lz, 2 * lz]);
            var rho = DensityMatrix.Diagonal([0.1, 0.2, 0, 0.3, 0.4]);
            var r = Ergotropy.Compute(rho, h);
            Assert.InRange(r.Value - 1.7 * lz, -1e-14, 1e-14);
            Assert.InRange(r.Energy - 0.7 * lz, -1e-15, 1e-15);
            Assert.Equal([0.4, 0.3, 0.2, 0.1, 0], r.PassivePopulations);
            Assert.Equal([0.4, 0.3, 0.2, 0.1, 0], r.PassiveState.Populations());
            Assert.Equal(0, r.UnitaryResidual);
            Assert.Equal(r.Value, r.IncoherentValue);
            Assert.Equal(0, r.CoherentValue);
        }
    }

    [Fact]
    public void Non_diagonal_H0_is_handled_in_its_eigenbasis()
    {
        // H0 = sigma_x, rho = |0><0|: energy 0, levels -1, +1, so W = 1 and sigma_rho = |-><-|.
        // (Sorting the diagonal of rho in the computational basis, as QuantumOptics.jl's passive_state does, would give 0.)
        var r = Ergotropy.Compute(DensityMatrix.FromKet(Ket.Basis(2, 0)), Pauli.X);
        Assert.InRange(r.Value - 1, -1e-14, 1e-14);
        var minus = new Ket([1 / Math.Sqrt(2), -1 / Math.Sqrt(2)]);
        Assert.True(ComplexMatrix.MaxAbsDifference(r.PassiveState.ToMatrix(), DensityMatrix.FromKet(minus).ToMatrix()) < 1e-14);
        // |0> = (|+> + |->)/sqrt2 has populations 1/2, 1/2 in H0's eigenbasis: its dephased state is maximally
        // mixed, so the whole ergotropy is coherent
        Assert.InRange(r.IncoherentValue, -1e-14, 1e-14);
        Assert.InRange(r.CoherentValue - 1, -1e-14, 1e-14);
    }

    [Fact]
    public void Pure_state_ergotropy_is_energy_above_ground()
    {
        var rng = new RandomMatrices(21);
        for (var d = 1; d <= 7; d++)
        {
            var psi = new Ket(rng.UnitVector(d));
            var h = rng.Hermitian(d);
            var r = Ergotropy.Compute(DensityMatrix.FromKet(psi), Operator.FromDense(h));
            var e = MatrixFunctions.EigvalsH(h);
            var energy = Operator.FromDense(h).Expectation(psi).Real;
            Assert.InRange(r.Value - (energy - e[0]), -1e-12, 1e-12);
        }
    }

    [Fact]
    public void Qubit_closed_form()
    {
        // populations (p0, p1) on (0, w): W = w (p1 - p0) when p1 > p0, else 0
        var h = Qudit.Hamiltonian([0, 1.3]);
        Assert.InRange(Ergotropy.Compute(DensityMatrix.Diagonal([0.2, 0.8]), h).Value - 1.3 * 0.6, -1e-15, 1e-15);
        Assert.Equal(0, Ergotropy.Compute(DensityMatrix.Diagonal([0.8, 0.2]), h).Value);
        // coherent qubit: rho = [[p, c], [c*, 1-p]]: eigenvalues 1/2 +/- sqrt((p - 1/2)^2 + |c|^2)
        double p = 0.3, c = 0.4;
        var rho = new DensityMatrix(ComplexMatrix.FromRows(new Complex[,] { { p, c }, { c, 1 - p } }));
        var radius = Math.Sqrt((p - 0.5) * (p - 0.5) + c * c);
        var expected = 1.3 * (1 - p) - 1.3 * (0.5 - radius);
        var r = Ergotropy.Compute(rho, h);
        Assert.InRange(r.Value - expected, -1e-14, 1e-14);
        Assert.InRange(r.IncoherentValue - 1.3 * (1 - p - p), -1e-14, 1e-14);
    }

    [Fact]
    public void Coherences_inside_a_degenerate_eigenspace_count_as_incoherent()
    {
        // H0 = diag(0, 1, 1), psi = (|1> + |2>)/sqrt2 lies in the degenerate eigenspace: energy 1, W = 1.
        // Dephasing in H0's eigenbasis keeps the coherence inside the eigenspace (it costs no energy), so the
        // whole ergotropy is incoherent; dephasing in the computational basis would call it all coherent.
        var h = Qudit.Hamiltonian([0, 1, 1]);
        var psi = new Ket([0, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        var r = Ergotropy.Compute(DensityMatrix.FromKet(psi), h);
        Assert.InRange(r.Value - 1, -1e-14, 1e-14);
        Assert.InRange(r.IncoherentValue - 1, -1e-14, 1e-14);
        Assert.InRange(r.CoherentValue, -1e-14, 1e-14);
        // the same with the degenerate eigenspace rotated (non-diagonal H0 with the same spectrum)
        var v = new RandomMatrices(6).HaarUnitary(3);
        var hv = Operator.FromDense(RandomCell.Sandwich(v, [0, 1, 1]));
        var rv = Ergotropy.Compute(DensityMatrix.FromKet(psi).Transform(v), hv);
        Assert.InRange(rv.IncoherentValue - 1, -1e-12, 1e-12);
        Assert.InRange(rv.CoherentValue, -1e-12, 1e-12);
    }

    [Fact]
    public void Subsystem_ergotropy_uses_the_reduced_state_and_the_local_H0()
    {
        // |1> (x) |0> on two qubits with local H0 = diag(0, 1): cell 0 holds 1, cell 1 nothing
        var rho = DensityMatrix.FromKet(Ket.Basis(new Dims(2, 2), 1, 0));
        var local = Qudit.Hamiltonian([0, 1]);
        Assert.InRange(Ergotropy.OfSubsystem(rho, [0], local).Value - 1, -1e-15, 1e-15);
        Assert.InRange(Ergotropy.OfSubsystem(rho, [1], local).Value, -1e-15, 1e-15);
        // Bell state: the reduced states are maximally mixed, so no local ergotropy, while the global one is 1
        var bell = DensityMatrix.FromKet(new Ket([1 / Math.Sqrt(2), 0, 0, 1 / Math.Sqrt(2)], new Dims(2, 2)));
        Assert.InRange(Ergotropy.OfSubsystem(bell, [1], local).Value, -1e-15, 1e-15);
        var global = Operators.SumOverCells(local, 2);
        Assert.InRange(Ergotropy.Compute(bell, global).Value - 1, -1e-14, 1e-14);
    }

    [Fact]
    public void Plain_matrix_entry_point_agrees_and_validates()
    {
        var rng = new RandomMatrices(31);
        var rho = rng.DensityMatrix(9);
        var h = rng.Hermitian(9);
        var w = Ergotropy.Value(rho, h);
        Assert.InRange(w - Ergotropy.Compute(new DensityMatrix(rho), Operator.FromDense(h)).Value, -1e-12, 1e-12);
        var bad = rho * 1.01;
        Assert.Contains("unit trace", Assert.Throws<ValidationException>(() => Ergotropy.Value(bad, h)).Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => Ergotropy.Value(rho, rng.Ginibre(9, 9)));
        Assert.Throws<DimensionMismatchException>(() => Ergotropy.Value(rho, rng.Hermitian(8)));
        var nan = rho.Clone();
        nan[3, 5] = double.NaN;
        Assert.Contains("finite entries", Assert.Throws<ValidationException>(() => Ergotropy.Value(nan, h)).Message, StringComparison.Ordinal);
        var skew = rho.Clone();
        skew[3, 5] += 1e-6;
        Assert.Contains("Hermitian", Assert.Throws<ValidationException>(() => Ergotropy.Value(skew, h)).Message, StringComparison.Ordinal);
        // a large matrix exercises the tiled scan across tile boundaries
        var big = rng.DensityMatrix(150);
        var hb = rng.Hermitian(150);
        Assert.InRange(Ergotropy.Value(big, hb) - Ergotropy.Compute(new DensityMatrix(big), Operator.FromDense(hb)).Value, -1e-11, 1e-11);
        var bigSkew = big.Clone();
        bigSkew[140, 70] += 1e-6;
        Assert.Throws<ValidationException>(() => Ergotropy.Value(bigSkew, hb));
        var notPsd = ComplexMatrix.Diagonal([1.5, -0.5]);
        Assert.Contains("positive semidefinite", Assert.Throws<ValidationException>(() => Ergotropy.Value(notPsd, ComplexMatrix.Diagonal([0.0, 1]))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.Available), MemberType = typeof(Backends))]
    public void Both_backends_give_the_same_result(string backend)
    {
        var rng = new RandomMatrices(41);
        var rho = new DensityMatrix(rng.DensityMatrix(12, rank: 5));
        var h = Operator.FromDense(rng.Hermitian(12));
        var r = Ergotropy.Compute(rho, h, new ErgotropyOptions { Backend = Backends.Get(backend) });
        var expected = Ergotropy.Value(rho.ToMatrix(), h.ToDense(), backend: LinearAlgebra.Managed);
        Assert.InRange(r.Value - expected, -1e-12, 1e-12);
        Assert.True(r.UnitaryResidual < 1e-12);
    }

    [Fact]
    public void Mismatched_or_non_hermitian_H0_is_refused()
    {
        var rho = DensityMatrix.Diagonal([0.5, 0.5]);
        Assert.Throws<DimensionMismatchException>(() => Ergotropy.Compute(rho, Qudit.Hamiltonian([0, 1, 2])));
        var nonHermitian = Operator.FromDense(ComplexMatrix.FromRows(new double[,] { { 0, 1 }, { 0, 1 } }));
        Assert.Throws<ValidationException>(() => Ergotropy.Compute(rho, nonHermitian));
        Assert.Throws<DimensionMismatchException>(() => Ergotropy.OfDiagonal([0.5, 0.5], [0, 1, 2]));
        Assert.Throws<ValidationException>(() => Ergotropy.OfDiagonal([0.7, 0.7], [0, 1]));
    }
}
