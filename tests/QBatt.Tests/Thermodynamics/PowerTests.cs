using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>Work and power (R7).</summary>
public class PowerTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>
    /// The instantaneous power P(t) = i tr(rho [H(t), H0]) computed from the state, integrated over time
    /// (Simpson on a fine grid), equals the deposited work W(t) at every grid time: driven two-qubit
    /// battery with a smooth drive and an interaction.
    /// </summary>
    [Fact]
    public void Integral_of_the_instantaneous_power_equals_the_work()
    {
        var h0 = Operators.SumOverCells(0.5 * (Pauli.I + Pauli.Z), 2);
        var xx = Operator.Tensor(Pauli.X, Pauli.X);
        var h = new Hamiltonian(h0 + 0.3 * xx)
            .WithDrive(Operators.SumOverCells(Pauli.X, 2), TimeFunction.Sine(0.9, 1.3))
            .WithDrive(Operators.SumOverCells(Pauli.Y, 2), TimeFunction.GaussianPulse(0.5, 1.2, 0.4));
        var charging = new ChargingObservables(h, h0);
        var times = Grid(3, 601);
        var stats = new EnergyStatistics(h, h0);
        var traj = new SchrodingerSolver(h).Run(Ket.Basis(Dims.Uniform(2, 2), 1, 1), times, charging.Observables, stats.OnKet);
        var w = charging.Work(traj);
        var p = charging.InstantaneousPower(traj);
        var fromStates = stats.Power;
        for (var k = 0; k < times.Length; k++) Assert.True(Math.Abs(p[k] - fromStates[k]) < 1e-9, $"P from observables vs from the state at t={times[k]}");
        for (var k = 60; k < times.Length; k += 60)
        {
            var integral = SpeedLimit.Integrate(times[..(k + 1)], p[..(k + 1)]);
            Assert.True(Math.Abs(integral - w[k]) < 1e-7, $"t={times[k]}: int P = {integral}, W = {w[k]}");
        }
    }

    /// <summary>
    /// A resonant Rabi battery, W(t) = sin^2(t) and P(t) = sin(2t): max W/t is at tan t = 2t
    /// (t* = 1.1655611852072113...); the refinement lands well below the grid spacing 0.1.
    /// </summary>
    [Fact]
    public void Maximal_average_power_is_refined_below_the_grid_spacing()
    {
        // root of tan t - 2t by bisection: an independent oracle
        double lo = 1, hi = 1.3;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Math.Tan(mid) - 2 * mid < 0) lo = mid; else hi = mid;
        }
        var tStar = 0.5 * (lo + hi);
        var pStar = Math.Pow(Math.Sin(tStar), 2) / tStar;
        var times = Grid(3, 31);
        var work = times.Select(t => Math.Pow(Math.Sin(t), 2)).ToArray();
        var power = times.Select(t => Math.Sin(2 * t)).ToArray();
        var hermite = Power.MaximumAverage(times, work, power);
        Assert.Equal("hermite", hermite.Method);
        Assert.False(hermite.AtBoundary);
        Assert.True(Math.Abs(hermite.Time - tStar) < 1e-3, $"refined time {hermite.Time} vs {tStar}");
        Assert.True(Math.Abs(hermite.Power - pStar) < 1e-6, $"refined power {hermite.Power} vs {pStar}");
        Assert.True(Math.Abs(hermite.GridTime - tStar) > 0.03);
        var cubic = Power.MaximumAverage(times, work);
        Assert.Equal("cubic", cubic.Method);
        Assert.True(Math.Abs(cubic.Time - tStar) < 5e-3 && Math.Abs(cubic.Power - pStar) < 1e-5, $"cubic {cubic.Time} {cubic.Power}");
        Assert.True(Math.Abs(hermite.Power - pStar) < Math.Abs(hermite.GridPower - pStar));
    }

    [Fact]
    public void A_maximum_at_the_last_output_is_reported_at_the_boundary()
    {
        var times = Grid(1, 11);
        var work = times.Select(t => t * t).ToArray();
        var r = Power.MaximumAverage(times, work);
        Assert.True(r.AtBoundary);
        Assert.Equal(1, r.Time);
        Assert.Equal(1, r.Power, 12);
        Assert.Throws<ValidationException>(() => Power.MaximumAverage([0], [0]));
        Assert.Throws<DimensionMismatchException>(() => Power.MaximumAverage([0, 1], [0]));
    }

    /// <summary>
    /// P = d/dt tr[rho(t) H0] at t = 0 (R7) for a ket and for its density matrix, against a central finite difference
    /// of the energy under exp(-i H t) (Padé <see cref="MatrixFunctions.Expm"/>), an oracle that does not use the
    /// commutator. The generator varies the size (2 to 6), H, H0 (a random basis and spectrum each) and the state.
    /// </summary>
    [Fact]
    public void Instantaneous_power_of_a_ket_and_of_its_density_matrix_match_the_energy_derivative()
    {
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), seed =>
        {
            var rng = new RandomMatrices(seed);
            var d = 2 + seed % 5;
            var hd = rng.Hermitian(d);
            var h0d = rng.Hermitian(d);
            var h = Operator.FromDense(hd);
            var h0 = Operator.FromDense(h0d);
            var psi = new Ket(rng.UnitVector(d));
            const double dt = 1e-4;
            double Energy(double t)
            {
                var v = MatrixFunctions.Expm(hd * new Complex(0, -t)).Multiply(psi.Amplitudes);
                var w = h0d.Multiply(v);
                Complex e = 0;
                for (var i = 0; i < d; i++) e += Complex.Conjugate(v[i]) * w[i];
                return e.Real;
            }
            var oracle = (Energy(dt) - Energy(-dt)) / (2 * dt); // error O(dt^2 ||H||^3 ||H0||)
            var a = Power.Instantaneous(psi, h, h0);
            var b = Power.Instantaneous(psi.ToDensityMatrix(), h, h0);
            var c = Power.Operator(h, h0).Expectation(psi);
            var scale = Math.Max(1, Math.Abs(oracle));
            return Math.Abs(a - oracle) < 1e-6 * scale && Math.Abs(b - oracle) < 1e-6 * scale && Math.Abs(c.Real - oracle) < 1e-6 * scale
                && Math.Abs(c.Imaginary) < 1e-12 && Power.Operator(h, h0).IsHermitian(1e-12);
        }).Check(Properties.Seeded(7, 50));
    }
}
