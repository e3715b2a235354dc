using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using QBatt.Dynamics;
using QBatt.Numerics;
using QBatt.Quantum;
using QBatt.Thermodynamics;

namespace QBatt.Tests.Thermodynamics;

/// <summary>Distances and quantum speed limits (R8).</summary>
public class SpeedLimitTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    [Fact]
    public void Distances_match_known_values_and_the_classical_fidelity_of_commuting_states()
    {
        var zero = Ket.Basis(2, 0);
        var one = Ket.Basis(2, 1);
        var plus = new Ket([1 / Math.Sqrt(2), 1 / Math.Sqrt(2)]);
        Assert.Equal(0, Distances.Fidelity(zero, one), 15);
        Assert.Equal(0.5, Distances.Fidelity(zero, plus), 14);
        Assert.Equal(Math.PI / 4, Distances.BuresAngle(zero, plus), 12);
        Assert.Equal(Math.Sqrt(0.5), Distances.TraceDistance(zero, plus), 14);
        Assert.Equal(0.5, Distances.Fidelity(zero, DensityMatrix.MaximallyMixed(new Dims(2))), 14);
        Assert.Equal(1, Distances.TraceDistance(zero.ToDensityMatrix(), one.ToDensityMatrix()), 12);
        // commuting (diagonal) states: F = (sum sqrt(p q))^2 and D = (1/2) sum |p - q|
        double[] p = [0.5, 0.3, 0.2], q = [0.1, 0.6, 0.3];
        var f = Math.Pow(p.Zip(q, (a, b) => Math.Sqrt(a * b)).Sum(), 2);
        Assert.Equal(f, Distances.Fidelity(DensityMatrix.Diagonal(p), DensityMatrix.Diagonal(q)), 12);
        Assert.Equal(0.5 * p.Zip(q, (a, b) => Math.Abs(a - b)).Sum(), Distances.TraceDistance(DensityMatrix.Diagonal(p), DensityMatrix.Diagonal(q)), 12);
        // pure-state formula equals the Uhlmann formula on the same states
        var rng = new RandomMatrices(5);
        var a1 = new Ket(rng.UnitVector(4));
        var b1 = new Ket(rng.UnitVector(4));
        Assert.Equal(Distances.Fidelity(a1, b1), Distances.Fidelity(a1.ToDensityMatrix(), b1.ToDensityMatrix()), 9);
        Assert.Equal(Distances.Fidelity(a1, b1), Distances.Fidelity(a1, b1.ToDensityMatrix()), 12);
    }

    /// <summary>
    /// sigma_x flips |0&gt; to |1&gt; in T = pi/2; E = &lt;H&gt; - h_g = 1 and dE = 1 throughout, L = pi/2, so both
    /// the Mandelstam-Tamm and the Margolus-Levitin bounds are tight: T_QSL = T.
    /// </summary>
    [Fact]
    public void The_speed_limit_is_tight_for_an_orthogonal_flip()
    {
        var times = Grid(Math.PI / 2, 201);
        var stats = new EnergyStatistics(Pauli.X);
        var traj = new SchrodingerSolver(Pauli.X).Run(Ket.Basis(2, 0), times, null, stats.OnKet);
        var l = Distances.BuresAngle(Ket.Basis(2, 0), traj.FinalState);
        Assert.Equal(Math.PI / 2, l, 6);
        var report = stats.SpeedLimitReport(l, orthogonalPureStates: true);
        Assert.Equal(1, report.MeanEnergyAboveGround, 9);
        Assert.Equal(1, report.MeanEnergySpread, 9);
        Assert.Equal(Math.PI / 2, report.MandelstamTamm, 5);
        Assert.Equal(Math.PI / 2, report.MargolusLevitin, 5);
        Assert.True(report.PrlFormApplies);
        Assert.True(report.Holds);
        Assert.True(Math.Abs(report.Rigorous - report.Duration) < 1e-5);
    }

    /// <summary>
    /// Near the ground state of sigma_x (angle theta = 0.05) E &lt; dE and L/E exceeds the elapsed time:
    /// the PRL form L/min(E, dE) is not a bound here (R8), while Mandelstam-Tamm holds.
    /// </summary>
    [Fact]
    public void The_prl_form_fails_for_a_small_angle_and_the_rigorous_bound_holds()
    {
        const double theta = 0.05;
        var minus = new[] { new Complex(1 / Math.Sqrt(2), 0), new Complex(-1 / Math.Sqrt(2), 0) };
        var plusv = new[] { new Complex(1 / Math.Sqrt(2), 0), new Complex(1 / Math.Sqrt(2), 0) };
        var psi0 = new Ket([Math.Cos(theta) * minus[0] + Math.Sin(theta) * plusv[0], Math.Cos(theta) * minus[1] + Math.Sin(theta) * plusv[1]]);
        var times = Grid(1, 201);
        var stats = new EnergyStatistics(Pauli.X);
        var traj = new SchrodingerSolver(Pauli.X).Run(psi0, times, null, stats.OnKet);
        var report = stats.SpeedLimitReport(Distances.BuresAngle(psi0, traj.FinalState), orthogonalPureStates: false);
        Assert.True(report.MeanEnergyAboveGround < report.MeanEnergySpread);
        Assert.True(report.PrlForm > report.Duration, $"PRL form {report.PrlForm} vs T {report.Duration}");
        Assert.False(report.PrlFormApplies);
        Assert.True(double.IsNaN(report.MargolusLevitin));
        Assert.True(report.Holds && report.Rigorous <= report.Duration);
    }

    /// <summary>
    /// T &gt;= T_QSL on random protocols: random H0, two random drive operators with a sine and a gaussian
    /// coefficient, random durations, random pure and mixed initial states (seeded, 25 cases each).
    /// </summary>
    [Fact]
    public void Every_random_protocol_respects_the_rigorous_speed_limit()
    {
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed =>
        {
            var rng = new RandomMatrices(seed);
            var d = 2 + seed % 3;
            var h = new Hamiltonian(Operator.FromDense(rng.Hermitian(d)))
                .WithDrive(Operator.FromDense(rng.Hermitian(d)), TimeFunction.Sine(2 * rng.Uniform(), 3 * rng.Uniform(), rng.Uniform()))
                .WithDrive(Operator.FromDense(rng.Hermitian(d)), TimeFunction.GaussianPulse(2 * rng.Normal(), rng.Uniform(), 0.2 + rng.Uniform()));
            var duration = 0.3 + 2 * rng.Uniform();
            var times = Grid(duration, 201);
            var pure = new Ket(rng.UnitVector(d));
            var s1 = new EnergyStatistics(h);
            var t1 = new SchrodingerSolver(h).Run(pure, times, null, s1.OnKet);
            var r1 = s1.SpeedLimitReport(Distances.BuresAngle(pure, t1.FinalState), orthogonalPureStates: false);
            var mixed = new DensityMatrix(rng.DensityMatrix(d, 2));
            var s2 = new EnergyStatistics(h);
            var t2 = new VonNeumannSolver(h).Run(mixed, times, null, s2.OnDensityMatrix);
            var r2 = s2.SpeedLimitReport(Distances.BuresAngle(mixed, t2.FinalState), orthogonalPureStates: false);
            return r1.Holds && r2.Holds && r1.Rigorous <= duration * (1 + 1e-6) && r2.Rigorous <= duration * (1 + 1e-6);
        }).Check(Properties.Seeded(11, 25));
    }

    [Fact]
    public void Simpson_integrates_cubics_exactly_and_bad_grids_are_refused()
    {
        var t = Grid(2, 11);
        Assert.Equal(4.0, SpeedLimit.Integrate(t, t.Select(x => x * x * x).ToArray()), 12);
        Assert.Equal(2.0, SpeedLimit.Integrate([0, 0.5, 2], [1, 1, 1]), 14);
        Assert.Throws<ValidationException>(() => SpeedLimit.Evaluate([0], [0], [0], 0, false, true));
        Assert.Throws<DimensionMismatchException>(() => SpeedLimit.Evaluate([0, 1], [0], [0, 0], 0, false, true));
    }
}
