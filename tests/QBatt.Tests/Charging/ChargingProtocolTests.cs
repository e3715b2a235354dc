using QBatt.Batteries;
using QBatt.Charging;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Charging;

/// <summary>
/// Charging protocols (R7-R9) on the dynamics engine against hand-derived closed forms: a flip
/// |0&gt;&lt;d-1| + h.c. of amplitude a rotates |0&gt; into |d-1&gt; as cos(at)|0&gt; - i sin(at)|d-1&gt;, so it arrives
/// at pi/(2a) with &lt;H&gt; = 0, Delta H = a, h_g = -a; every run must respect T &gt;= T_QSL.
/// </summary>
public class ChargingProtocolTests
{
    private static void AssertQsl(ChargingResult r)
    {
        Assert.True(r.SpeedLimit.Holds, $"T = {r.ChargingTime} < T_QSL = {r.SpeedLimit.Rigorous}");
        Assert.True(r.ChargingTime >= r.SpeedLimit.Rigorous * (1 - 1e-6));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Cell_flip_arrives_at_pi_over_2_with_unit_constraints_and_saturates_the_speed_limit(int d)
    {
        var r = QuditArrayBattery.CellFlip(d).Run();
        Assert.InRange(Math.Abs(r.ChargingTime - Math.PI / 2), 0, 1e-9);
        Assert.InRange(Math.Abs(r.Work - (d - 1)), 0, 1e-9);
        Assert.InRange(Math.Abs(r.AveragePower - (d - 1) / (Math.PI / 2)), 0, 1e-8);
        Assert.InRange(Math.Abs(r.Constraints.OperatorNorm - 1), 0, 1e-12);
        Assert.InRange(Math.Abs(r.Constraints.EnergySpread - 1), 0, 1e-8);
        Assert.InRange(Math.Abs(r.Constraints.EnergyAboveGround - 1), 0, 1e-8);
        Assert.True(r.TargetDistance <= 1e-6 * r.InitialTargetDistance);
        // orthogonal pure states, time-independent H: L = pi/2, dE = E = 1, so T_QSL = pi/2 = T (saturated)
        Assert.InRange(Math.Abs(r.SpeedLimit.BuresAngle - Math.PI / 2), 0, 1e-8);
        Assert.InRange(Math.Abs(r.SpeedLimit.Rigorous - Math.PI / 2), 0, 1e-7);
        AssertQsl(r);
    }

    [Theory]
    [InlineData(2, 4, 0.25)]
    [InlineData(3, 3, 1.0 / 3)]
    [InlineData(2, 7, 2.0)]
    public void Parallel_and_global_of_rev_eqs_18_20(int d, int n, double emax)
    {
        // Rev eq 20: a_par = Emax / n, a_glob = Emax; T_par = n pi/(2 Emax), T_glob = pi/(2 Emax)
        var par = QuditArrayBattery.Parallel(d, n, emax / n).Run();
        var glob = QuditArrayBattery.Global(d, n, emax).Run();
        Assert.InRange(Math.Abs(par.ChargingTime - n * Math.PI / (2 * emax)), 0, 1e-9 * n / emax);
        Assert.InRange(Math.Abs(glob.ChargingTime - Math.PI / (2 * emax)), 0, 1e-9 / emax);
        Assert.InRange(Math.Abs(par.Work - n * (d - 1)), 0, 1e-8 * n);
        Assert.InRange(Math.Abs(glob.Work - n * (d - 1)), 0, 1e-8 * n);
        Assert.InRange(Math.Abs(glob.AveragePower / par.AveragePower - n), 0, 1e-8 * n); // P_glob = n P_par
        // both have operator norm Emax; parallel: Delta H = a sqrt(n), <H> - h_g = a n; global: both a
        Assert.InRange(Math.Abs(par.Constraints.OperatorNorm - emax), 0, 1e-12 * emax);
        Assert.InRange(Math.Abs(glob.Constraints.OperatorNorm - emax), 0, 1e-12 * emax);
        Assert.InRange(Math.Abs(par.Constraints.EnergySpread - emax / Math.Sqrt(n)), 0, 1e-8 * emax);
        Assert.InRange(Math.Abs(par.Constraints.EnergyAboveGround - emax), 0, 1e-8 * emax);
        Assert.InRange(Math.Abs(glob.Constraints.EnergySpread - emax), 0, 1e-8 * emax);
        AssertQsl(par);
        AssertQsl(glob);
    }

    [Fact]
    public void Fixed_duration_deposits_sin_squared_work()
    {
        var p = QuditArrayBattery.CellFlip(3);
        var r = ChargingProtocol.ForDuration(p.Drive, p.Battery, p.InitialKet!, 0.7).Run();
        Assert.Equal(0.7, r.ChargingTime);
        Assert.InRange(Math.Abs(r.Work - 2 * Math.Sin(0.7) * Math.Sin(0.7)), 0, 1e-9);
        Assert.Null(r.TargetDistance);
        AssertQsl(r);
    }

    [Fact]
    public void Maximum_average_power_of_a_flip_is_at_tan_t_equals_2t()
    {
        // d/dt sin^2(t)/t = 0  <=>  2 t cos t = sin t; Newton from 1.2 (independent of the engine)
        var t = 1.2;
        for (var i = 0; i < 50; i++) t -= (2 * t * Math.Cos(t) - Math.Sin(t)) / (Math.Cos(t) - 2 * t * Math.Sin(t));
        var p = QuditArrayBattery.CellFlip(2);
        var r = ChargingProtocol.ToMaximumPower(p.Drive, p.Battery, p.InitialKet!, Math.PI).Run();
        // the maximum is flat: an interpolation error e in W(t)/t moves the time by about sqrt(e)
        Assert.InRange(Math.Abs(r.ChargingTime - t), 0, 1e-5);
        Assert.InRange(Math.Abs(r.AveragePower - Math.Sin(t) * Math.Sin(t) / t), 0, 1e-9);
        Assert.NotNull(r.MaximumPower);
        Assert.False(r.MaximumPower!.AtBoundary);
        AssertQsl(r);
    }

    [Fact]
    public void Piecewise_constant_drive_integrates_its_rotation_angle()
    {
        // H(t) = f(t) sigma_x with f = 1 on [0, 0.3), 2 after: the angle int f reaches pi/2 at T = 0.3 + (pi/2 - 0.3)/2
        var f = TimeFunction.PiecewiseConstant([0, 0.3], [1, 2]);
        var h = new Hamiltonian(Operator.Zero(new Dims(2)), [new DriveTerm(Pauli.X, f)]);
        var p = ChargingProtocol.ToTarget(h, Qudit.Hamiltonian([0, 1]), Ket.Basis(2, 0), Ket.Basis(2, 1), 3);
        var r = p.Run();
        var expected = 0.3 + (Math.PI / 2 - 0.3) / 2;
        Assert.InRange(Math.Abs(r.ChargingTime - expected), 0, 1e-9);
        // ||H|| = Delta H = <H> - h_g = f(t): all three averages are (0.3 + 2 (T - 0.3)) / T
        var average = (0.3 + 2 * (expected - 0.3)) / expected;
        Assert.InRange(Math.Abs(r.Constraints.OperatorNorm - average), 0, 1e-10);
        Assert.InRange(Math.Abs(r.Constraints.EnergySpread - average), 0, 1e-7);
        Assert.InRange(Math.Abs(r.Constraints.EnergyAboveGround - average), 0, 1e-7);
        AssertQsl(r);
        // rescaling H -> c H(c t) traverses the same path c times faster: T/c, every constraint times c
        var s = p.Scaled(2.5).Run();
        Assert.InRange(Math.Abs(s.ChargingTime - expected / 2.5), 0, 1e-9);
        Assert.InRange(Math.Abs(s.Constraints.OperatorNorm - 2.5 * average), 0, 1e-9);
        Assert.InRange(Math.Abs(s.Constraints.EnergySpread - 2.5 * r.Constraints.EnergySpread), 0, 1e-8);
        AssertQsl(s);
    }

    [Fact]
    public void Smooth_drive_reaches_the_target_when_its_angle_is_pi_over_2()
    {
        // f(t) = 1 + 0.5 sin(3 t): angle t + (1 - cos 3t)/6, bisection for pi/2 (oracle)
        double Angle(double t) => t + (1 - Math.Cos(3 * t)) / 6;
        double lo = 0, hi = 2;
        for (var i = 0; i < 200; i++) { var mid = 0.5 * (lo + hi); if (Angle(mid) < Math.PI / 2) lo = mid; else hi = mid; }
        var h = new Hamiltonian(Operator.Zero(new Dims(3)), [new DriveTerm(ChargingHamiltonians.CellFlip(3), TimeFunction.Sine(0.5, 3, offset: 1))]);
        var r = ChargingProtocol.ToTarget(h, Qudit.Hamiltonian([0, 1, 2]), Ket.Basis(3, 0), Ket.Basis(3, 2), 3).Run();
        Assert.InRange(Math.Abs(r.ChargingTime - lo), 0, 1e-8);
        Assert.InRange(Math.Abs(r.Work - 2), 0, 1e-8);
        AssertQsl(r);
    }

    [Fact]
    public void Random_protocols_respect_the_speed_limit()
    {
        var rng = new RandomMatrices(404);
        for (var s = 0; s < 12; s++)
        {
            var d = 2 + s % 3;
            var h = Operator.FromDense(rng.Hermitian(d * 2), Dims.Uniform(d, 1).Concat(new Dims(2)));
            var h0 = Operator.FromDense(rng.Hermitian(d * 2), h.Dims);
            var duration = 0.2 + 2 * rng.Uniform();
            var r = s % 2 == 0
                ? ChargingProtocol.ForDuration(h, h0, new Ket(rng.UnitVector(2 * d), h.Dims), duration).Run()
                : ChargingProtocol.ForDuration(h, h0, new DensityMatrix(rng.DensityMatrix(2 * d, 1 + s % 3), h.Dims), duration).Run();
            AssertQsl(r);
            // the C0 <= bounds of R9 on the trajectory: Delta H <= ||H||, <H> - h_g <= 2 ||H||
            Assert.True(r.Constraints.EnergySpread <= r.Constraints.OperatorNorm * (1 + 1e-12));
            Assert.True(r.Constraints.EnergyAboveGround <= 2 * r.Constraints.OperatorNorm * (1 + 1e-12));
        }
    }

    [Fact]
    public void Bad_protocols_are_refused_with_the_argument_named()
    {
        var p = QuditArrayBattery.CellFlip(2);
        var shortHorizon = ChargingProtocol.ToTarget(p.Drive, p.Battery, p.InitialKet!, p.TargetKet!, 1.0);
        var ex = Assert.Throws<ConvergenceException>(() => shortHorizon.Run());
        Assert.Contains("not reached within the horizon", ex.Message);
        Assert.Contains("'target'", Assert.Throws<ValidationException>(() => ChargingProtocol.ToTarget(p.Drive, p.Battery, p.InitialKet!, p.InitialKet!, 3).Run()).Message);
        var rho = ChargingHamiltonians.ThermalProduct([0, 1], 1, 0.5);
        var other = ChargingHamiltonians.ThermalProduct([0, 1], 1, 0.9);
        Assert.Contains("unitary orbit", Assert.Throws<ValidationException>(() => ChargingProtocol.ToTarget(p.Drive, p.Battery, rho, other, 3)).Message);
        Assert.Throws<DimensionMismatchException>(() => ChargingProtocol.ForDuration(p.Drive, QuditArrayBattery.Battery(3, 1), p.InitialKet!, 1));
        Assert.Contains("'duration'", Assert.Throws<ValidationException>(() => ChargingProtocol.ForDuration(p.Drive, p.Battery, p.InitialKet!, -1)).Message);
        Assert.Contains("'c'", Assert.Throws<ValidationException>(() => p.Scaled(0)).Message);
    }
}
