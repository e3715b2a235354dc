using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>
/// R18 battery capacity [Yang23] against closed forms (qubits), brute force over all level permutations
/// (diagonal states, and random cells through their known spectra) and random unitaries (the orbit's
/// energies never leave [E_min, E_max]).
/// </summary>
public class BatteryCapacityTests
{
    private static IEnumerable<int[]> Permutations(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        return Recurse(a, 0);

        static IEnumerable<int[]> Recurse(int[] a, int k)
        {
            if (k == a.Length) { yield return (int[])a.Clone(); yield break; }
            for (var i = k; i < a.Length; i++)
            {
                (a[k], a[i]) = (a[i], a[k]);
                foreach (var p in Recurse(a, k + 1)) yield return p;
                (a[k], a[i]) = (a[i], a[k]);
            }
        }
    }

    /// <summary>Brute force: min and max of sum_j p_perm(j) e_j over all d! assignments.</summary>
    private static (double Min, double Max) OrbitRange(double[] p, double[] e)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var perm in Permutations(p.Length))
        {
            double s = 0;
            for (var j = 0; j < p.Length; j++) s += p[perm[j]] * e[j];
            lo = Math.Min(lo, s);
            hi = Math.Max(hi, s);
        }
        return (lo, hi);
    }

    [Fact]
    public void Qubit_capacity_is_omega_times_the_Bloch_length()
    {
        // H0 = omega |1><1|, rho = (1 + r.sigma)/2: eigenvalues (1 +- |r|)/2, so C = omega |r|,
        // W = omega (|r| - r_z)/2 and the antiergotropy omega (|r| + r_z)/2 (|0> is the ground state, r_z = +1)
        var rng = new RandomMatrices(5);
        foreach (var omega in new[] { 1.0, 0.37, 12.5 })
        {
            for (var k = 0; k < 20; k++)
            {
                var len = rng.Uniform();
                var (x, y, z) = (rng.Normal(), rng.Normal(), rng.Normal());
                var norm = Math.Sqrt(x * x + y * y + z * z);
                (x, y, z) = (len * x / norm, len * y / norm, len * z / norm);
                var m = new ComplexMatrix(2, 2);
                m[0, 0] = (1 + z) / 2;
                m[1, 1] = (1 - z) / 2;
                m[0, 1] = new Complex(x, -y) / 2;
                m[1, 0] = new Complex(x, y) / 2;
                var r = BatteryCapacity.Compute(new DensityMatrix(m), Qudit.Hamiltonian([0, omega]));
                var tol = 1e-14 * omega * 10;
                Assert.InRange(r.Capacity - omega * len, -tol, tol);
                Assert.InRange(r.Ergotropy - omega * (len - z) / 2, -tol, tol);
                Assert.InRange(r.Antiergotropy - omega * (len + z) / 2, -tol, tol);
            }
        }
    }

    [Fact]
    public void Pure_state_capacity_is_the_spectral_width()
    {
        // a pure state reaches every level: C = e_max - e_min whatever the state
        var rng = new RandomMatrices(8);
        for (var d = 1; d <= 6; d++)
        {
            var h = rng.Hermitian(d);
            var e = MatrixFunctions.EigvalsH(h);
            var r = BatteryCapacity.Compute(DensityMatrix.FromKet(new Ket(rng.UnitVector(d))), Operator.FromDense(h));
            Assert.InRange(r.Capacity - (e[^1] - e[0]), -1e-12, 1e-12);
        }
    }

    [Fact]
    public void Diagonal_states_match_brute_force_over_all_permutations()
    {
        var rng = new RandomMatrices(13);
        for (var d = 1; d <= 6; d++)
        {
            for (var k = 0; k < 10; k++)
            {
                var p = rng.Probabilities(d);
                var e = Enumerable.Range(0, d).Select(_ => 3 * rng.Normal()).ToArray();
                if (k % 3 == 0 && d >= 3) e[2] = e[0]; // a degenerate pair
                var (lo, hi) = OrbitRange(p, e);
                var energy = p.Zip(e, (a, b) => a * b).Sum();
                var r = BatteryCapacity.OfDiagonal(p, e);
                Assert.InRange(r.Capacity - (hi - lo), -1e-13, 1e-13);
                Assert.InRange(r.PassiveEnergy - lo, -1e-13, 1e-13);
                Assert.InRange(r.ActiveEnergy - hi, -1e-13, 1e-13);
                Assert.InRange(r.Ergotropy - (energy - lo), -1e-13, 1e-13);
                Assert.InRange(r.Antiergotropy - (hi - energy), -1e-13, 1e-13);
            }
        }
    }

    [Fact]
    public void Maximally_mixed_state_has_zero_capacity_and_a_Fock_ladder_has_a_closed_form()
    {
        Assert.Equal(0, BatteryCapacity.OfDiagonal([0.25, 0.25, 0.25, 0.25], [0, 1, 2, 3]).Capacity, 15);
        // populations (0.5, 0.3, 0.2) on levels 0, 1, 2: C = 0.5 (2 - 0) + 0.3 (1 - 1) + 0.2 (0 - 2) = 0.6
        Assert.Equal(0.6, BatteryCapacity.OfDiagonal([0.2, 0.5, 0.3], [0, 1, 2]).Capacity, 14);
    }

    [Fact]
    public void Random_cells_match_brute_force_and_bound_every_unitary_orbit_energy()
    {
        Properties.Verify(Prop.ForAll(RandomCell.Arbitrary(), c =>
        {
            var r = BatteryCapacity.Compute(c.Rho, c.H0);
            var (lo, hi) = OrbitRange(c.Spectrum, c.Levels);
            var tol = 1e-10 * (1 + c.Levels.Max(Math.Abs));
            var ok = Math.Abs(r.Capacity - (hi - lo)) <= tol
                && Math.Abs(r.Capacity - (r.Ergotropy + r.Antiergotropy)) <= tol
                && Math.Abs(r.Ergotropy - Ergotropy.Compute(c.Rho, c.H0).Value) <= tol;
            var rng = new RandomMatrices(c.Seed ^ 0x5a5a);
            for (var k = 0; k < 5 && ok; k++)
            {
                var turned = c.Rho.Transform(rng.HaarUnitary(c.D));
                var energy = c.H0.Expectation(turned).Real;
                ok = energy >= lo - tol && energy <= hi + tol;
            }
            return ok;
        }));
    }

    [Fact]
    public void Dense_matrix_route_agrees_with_the_state_route()
    {
        var c = RandomCell.Create(24, 3, 24, false, false);
        var a = BatteryCapacity.Compute(c.Rho, c.H0);
        var b = BatteryCapacity.Compute(c.Rho.ToMatrix(), c.H0.ToDense());
        Assert.InRange(a.Capacity - b.Capacity, -1e-11, 1e-11);
        Assert.InRange(a.Antiergotropy - b.Antiergotropy, -1e-11, 1e-11);
        Assert.InRange(b.Ergotropy - Ergotropy.Value(c.Rho.ToMatrix(), c.H0.ToDense()), -1e-12, 1e-12);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        var e = Assert.Throws<DimensionMismatchException>(() => BatteryCapacity.OfDiagonal([0.5, 0.5], [0, 1, 2]));
        Assert.Contains("populations", e.Message);
        Assert.Throws<ValidationException>(() => BatteryCapacity.OfDiagonal([0.7, 0.7], [0, 1]));
        var notHermitian = new ComplexMatrix(2, 2);
        notHermitian[0, 1] = 1;
        Assert.Throws<ValidationException>(() => BatteryCapacity.Compute(DensityMatrix.Diagonal([1, 0]).ToMatrix(), notHermitian));
    }
}
