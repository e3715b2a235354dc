using FsCheck;
using FsCheck.Fluent;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// FsCheck properties of the ergotropy that hold for every state and Hermitian H0 (R2, R3, R4), over
/// generated random cells (d &lt;= 6, degenerate and non-diagonal H0, rank-deficient states).
/// </summary>
public class ErgotropyPropertyTests
{
    private static double Scale(RandomCell c) => 1 + c.Levels.Max(Math.Abs);

    [Fact]
    public void Ergotropy_lies_between_zero_and_the_energy_above_the_ground_state()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var r = Ergotropy.Compute(c.Rho, c.H0);
            var tol = 1e-10 * Scale(c);
            return r.Value >= -tol && r.Value <= r.Energy - c.Levels.Min() + tol;
        }));
    }

    [Fact]
    public void Passive_states_have_zero_ergotropy()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var sigma = Ergotropy.Compute(c.Rho, c.H0).PassiveState;
            var w = Ergotropy.Compute(sigma, c.H0).Value;
            return Math.Abs(w) <= 1e-10 * Scale(c) && Passivity.IsPassive(sigma, c.H0, tolerance: 1e-9);
        }));
    }

    [Fact]
    public void Ergotropy_is_unchanged_by_shifting_H0()
    {
        var arb = Arb.From(RandomCell.Arbitrary().Generator.Zip(Gen.Choose(-1000, 1000)));
        Properties.Verify(Prop.ForAll(arb, t =>
        {
            var (c, k) = t;
            var shift = k / 7.0;
            var shifted = c.H0 + shift * Operator.Identity(c.H0.Dims);
            var a = Ergotropy.Compute(c.Rho, c.H0);
            var b = Ergotropy.Compute(c.Rho, shifted);
            var tol = 1e-10 * (Scale(c) + Math.Abs(shift));
            return Math.Abs(a.Value - b.Value) <= tol && Math.Abs(a.IncoherentValue - b.IncoherentValue) <= tol;
        }));
    }

    [Fact]
    public void Ergotropy_is_unchanged_by_rotating_rho_and_H0_together()
    {
        var arb = Arb.From(RandomCell.Arbitrary().Generator.Zip(Gen.Choose(0, int.MaxValue)));
        Properties.Verify(Prop.ForAll(arb, t =>
        {
            var (c, seed) = t;
            var w = new RandomMatrices(seed).HaarUnitary(c.D);
            var rho = c.Rho.Transform(w);
            var h = w * c.H0.ToDense() * w.Adjoint();
            Gibbs.Symmetrise(h);
            var a = Ergotropy.Compute(c.Rho, c.H0);
            var b = Ergotropy.Compute(rho, Operator.FromDense(h));
            var tol = 1e-10 * Scale(c);
            return Math.Abs(a.Value - b.Value) <= tol && Math.Abs(a.IncoherentValue - b.IncoherentValue) <= tol;
        }));
    }

    [Fact]
    public void Ergotropy_never_exceeds_the_entropy_bound()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var w = Ergotropy.Compute(c.Rho, c.H0).Value;
            var bound = EntropyBound.Compute(c.Rho, c.H0).Bound;
            return w <= bound + 1e-9 * Scale(c);
        }));
    }

    [Fact]
    public void Work_per_copy_of_n_copies_is_at_least_the_single_copy_ergotropy()
    {
        var arb = Arb.From(RandomCell.Arbitrary(maxD: 4).Generator.Zip(Gen.Choose(2, 9)));
        Properties.Verify(Prop.ForAll(arb, t =>
        {
            var (c, n) = t;
            var single = Ergotropy.Compute(c.Rho, c.H0).Value;
            var copies = ManyCopies.FromState(c.Rho, c.H0);
            return copies.WorkPerCopy(n) >= single - 1e-10 * Scale(c);
        }), cases: 60);
    }

    [Fact]
    public void Ergotropy_equals_the_minimum_over_permutations_of_the_known_spectra()
    {
        // oracle: the spectra are known by construction; min over all d! pairings (d <= 6)
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var r = Ergotropy.Compute(c.Rho, c.H0);
            var expected = r.Energy - Oracles.BruteForceWork.MinOverPermutations(c.Spectrum, c.Levels);
            return Math.Abs(r.Value - expected) <= 1e-10 * Scale(c) && Math.Abs(Ergotropy.Value(c.Rho, c.H0) - expected) <= 1e-10 * Scale(c);
        }));
    }

    [Fact]
    public void The_optimal_unitary_is_unitary_and_reaches_the_passive_energy()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var r = Ergotropy.Compute(c.Rho, c.H0);
            var after = c.H0.Expectation(c.Rho.Transform(r.Unitary, unitaryTol: 1e-10)).Real;
            return r.Unitary.UnitarityError() <= 1e-10 && Math.Abs(after - r.PassiveEnergy) <= 1e-10 * Scale(c) && r.UnitaryResidual <= 1e-10;
        }));
    }

    [Fact]
    public void Coherent_part_is_non_negative_and_parts_add_up()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var r = Ergotropy.Compute(c.Rho, c.H0);
            var tol = 1e-10 * Scale(c);
            return r.CoherentValue >= -tol && r.IncoherentValue >= -tol && Math.Abs(r.IncoherentValue + r.CoherentValue - r.Value) <= tol;
        }));
    }
}
