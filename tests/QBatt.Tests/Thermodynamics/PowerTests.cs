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

    /// <summary>P from a density matrix equals P from the ket it came from, and i[H, H0] is Hermitian.</summary>
    [Fact]
    public void Instantaneous_power_of_a_ket_and_of_its_density_matrix_agree()
    {
        var rng = new RandomMatrices(17);
        var h = Operator.FromDense(rng.Hermitian(5));
        var h0 = Operator.FromDense(rng.Hermitian(5));
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), seed =>
        {
            var psi = new Ket(new RandomMatrices(seed).UnitVector(5));
            var a = Power.Instantaneous(psi, h, h0);
            var b = Power.Instantaneous(psi.ToDensityMatrix(), h, h0);
            var c = Power.Operator(h, h0).Expectation(psi);
            return Math.Abs(a - b) < 1e-12 && Math.Abs(a - c.Real) < 1e-12 && Math.Abs(c.Imaginary) < 1e-12;
        }).Check(Properties.Seeded(7, 50));
        Assert.True(Power.Operator(h, h0).IsHermitian(1e-12));
    }
}
