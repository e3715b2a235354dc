using System.Numerics;
using QBatt.Charging;
using QBatt.Control;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Control;

/// <summary>
/// Optimal-control charging (R17) against closed forms. One qubit driven by u(t) sigma_x from |0&gt; (no drift: the rotating frame
/// of a resonant drive) reaches W = sin^2(int u dt), so under |u| &lt;= u_max at T = pi/(2 u_max) the only maxima (W = 1) are the
/// constant pulses u = +-u_max (the resonant pi pulse), and at a shorter T the best W is sin^2(u_max T). Along that pulse Delta H =
/// u_max and the Bures angle between the orthogonal end states is pi/2, so the Mandelstam-Tamm time L/dE equals T: the speed limit
/// is saturated. Under C0 the global drive u(t) (|E&gt;&lt;G| + h.c.) on N cells gives W = N sin^2(theta), theta = int u dt, and
/// T C0 = int |u| dt &gt;= |theta|, so the power at the budget B is at most B N sin^2(theta)/theta, largest at tan(theta) = 2 theta;
/// the one-cell reference gives the same with N = 1 and B its own C0, hence Gamma = N (R9-R11).
/// </summary>
public class ControlOptimizerTests
{
    private static ControlModels.Settings Amplitude(double t, int slices, double umax) => new(t, slices, umax, ControlObjective.Energy);

    [Fact]
    public void OneQubitOptimumIsTheResonantPiPulseFromRandomStarts()
    {
        const double umax = 0.7;
        var t = Math.PI / (2 * umax);
        var problem = ControlModels.Cells(1, 2, 1, null, Amplitude(t, 20, umax));
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 4, Seed = 11 });
        Assert.InRange(1 - r.Work, 0, 1e-9);                      // from the pipeline run
        Assert.All(r.RestartObjectives, w => Assert.InRange(1 - w, 0, 1e-9));
        var u = r.Pulse.Amplitudes[0];
        var sign = Math.Sign(u[0]);
        Assert.All(u, a => Assert.InRange(sign * a, umax * (1 - 1e-5), umax));
        Assert.InRange(r.WorkDiscrepancy, 0, 1e-9);
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        // the speed limit is saturated for the orthogonal pure end states
        var qsl = r.Run.Protocol!.SpeedLimit;
        Assert.InRange(Math.Abs(qsl.BuresAngle - Math.PI / 2), 0, 1e-5);
        Assert.InRange(Math.Abs(qsl.MandelstamTamm / t - 1), 0, 1e-6);
        Assert.True(qsl.Holds);
    }

    [Fact]
    public void OneQubitBelowThePiTimeReachesSinSquared()
    {
        const double umax = 1.3;
        var t = 0.8 * Math.PI / (2 * umax);
        var r = ControlOptimizer.Optimize(ControlModels.Cells(1, 2, 1, null, Amplitude(t, 16, umax)), new ControlOptions { Restarts = 3, Seed = 5 });
        var expected = Math.Pow(Math.Sin(umax * t), 2);
        Assert.InRange(Math.Abs(r.Work - expected), 0, 1e-9);
        Assert.InRange(Math.Abs(r.AveragePower - expected / t), 0, 1e-9);
    }

    /// <summary>The root of tan(theta) = 2 theta in (1, 1.4) by bisection (the maximum of sin^2(theta)/theta).</summary>
    private static double BestAngle()
    {
        double a = 1, b = 1.4;
        for (var i = 0; i < 200; i++)
        {
            var m = 0.5 * (a + b);
            if (Math.Tan(m) - 2 * m < 0) a = m; else b = m;
        }
        return 0.5 * (a + b);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void GlobalDriveUnderC0ReachesGammaN(int cells)
    {
        var settings = new ControlModels.Settings(2.0, 10, 1.0, ControlObjective.Power, ChargingConstraint.OperatorNorm);
        var problem = ControlModels.Cells(cells, 2, cells, ["global"], settings);
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 3 });
        Assert.InRange(Math.Abs(r.Gamma - cells), 0, 1e-6 * cells);
        var theta = BestAngle();
        var unit = Math.Pow(Math.Sin(theta), 2) / theta;          // one cell's power at a unit C0 budget
        Assert.InRange(Math.Abs(r.Reference!.OptimizerObjective - unit), 0, 1e-8);
        Assert.InRange(Math.Abs(r.OptimizerObjective - cells * r.Budget!.Value * unit), 0, 1e-7 * cells);
        // the budget is N times the reference's C0 from its pipeline run
        Assert.InRange(Math.Abs(r.Budget.Value - cells * r.Reference.Constraints.OperatorNorm), 0, 1e-12 * cells);
    }

    /// <summary>
    /// C1 and C2 for the global drive (R9, R17): from |G...G&gt; the drive u (|E&gt;&lt;G| + h.c.) rotates about its own x axis, so
    /// &lt;H&gt; = 0, Delta H = |u| and h_g = -|u| along any pulse: both functionals equal C0 slice by slice. Under C2 (budget N times the
    /// reference) the optimum is that of C0, Gamma = N; under C1 (budget sqrt(N) times the reference) Gamma = sqrt(N); in both the
    /// one-cell power at a unit budget is sin^2(theta)/theta at tan(theta) = 2 theta.
    /// </summary>
    [Theory]
    [InlineData(2, ChargingConstraint.EnergyAboveGround)]
    [InlineData(3, ChargingConstraint.EnergyAboveGround)]
    [InlineData(2, ChargingConstraint.EnergySpread)]
    [InlineData(4, ChargingConstraint.EnergySpread)]
    public void GlobalDriveUnderC1AndC2ReachesTheClosedForms(int cells, ChargingConstraint constraint)
    {
        var settings = new ControlModels.Settings(2.0, 10, 1.0, ControlObjective.Power, constraint);
        var problem = ControlModels.Cells(cells, 2, cells, ["global"], settings);
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 3 });
        var expected = constraint == ChargingConstraint.EnergySpread ? Math.Sqrt(cells) : cells;
        Assert.InRange(Math.Abs(r.Gamma - expected), 0, 1e-6 * cells);
        var theta = BestAngle();
        var unit = Math.Pow(Math.Sin(theta), 2) / theta;
        Assert.InRange(Math.Abs(r.Reference!.OptimizerObjective - unit), 0, 1e-8);
        Assert.InRange(Math.Abs(r.OptimizerObjective - cells * r.Budget!.Value * unit), 0, 1e-7 * cells);
        // the budget from the reference's pipeline run, and the pulse's own value of the functional from its pipeline run saturating it
        var copies = constraint == ChargingConstraint.EnergySpread ? Math.Sqrt(cells) : cells;
        Assert.InRange(Math.Abs(r.Budget.Value - copies * r.Reference.Constraints.Get(constraint)), 0, 1e-12 * cells);
        Assert.InRange(Math.Abs(r.Constraints.Get(constraint) - r.Constraints.OperatorNorm), 0, 1e-6);
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
    }

    [Theory]
    [InlineData(ChargingConstraint.EnergySpread)]
    [InlineData(ChargingConstraint.EnergyAboveGround)]
    public void StateDependentBudgetGradientsAgreeWithFiniteDifferences(ChargingConstraint constraint)
    {
        var problem = RandomProblem(42, ControlObjective.Power, constraint);
        var grape = new Grape(problem, 2.5);
        var rng = new Random(9);
        var u = Enumerable.Range(0, grape.Parameters).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        var check = ControlOptimizer.Check(grape, u, grape.Parameters, 1);
        Assert.Equal(grape.Parameters, check!.Components);
        Assert.InRange(check.MaxRelativeDifference, 0, 1e-6);
        // the slice sums against the pipeline's time averages along the same pulse (the ordinary solver and its quadrature)
        var rows = new[] { u[..problem.Slices], u[problem.Slices..] };
        var run = QBatt.Batteries.ChargingRunner.Run(problem.Setup(rows));
        var piped = run.Protocol!.Constraints.Get(constraint);
        Assert.InRange(Math.Abs(grape.NormIntegral / problem.Duration - piped), 0, 1e-6 * Math.Abs(piped));
    }

    private static Operator RandomHermitian(RandomMatrices rm, int n, double scale) => Operator.FromDense(rm.Hermitian(n) * scale);

    private static ControlProblem RandomProblem(int seed, ControlObjective objective, ChargingConstraint? constraint)
    {
        var rm = new RandomMatrices(seed);
        var dims = new Dims(2, 3);
        var battery = Operator.Diagonal([0, 0.3, 1.1, 1.7, 2.0, 2.9], dims);
        var amplitudes = rm.UnitVector(6);
        return new ControlProblem
        {
            Name = "random",
            Drift = RandomHermitian(rm, 6, 0.3).WithDims(dims),
            Controls = [new ControlTerm("a", RandomHermitian(rm, 6, 0.5).WithDims(dims)), new ControlTerm("b", RandomHermitian(rm, 6, 0.5).WithDims(dims))],
            Battery = battery,
            Initial = new Ket(amplitudes, dims),
            Duration = 1.7,
            Slices = 9,
            MaxAmplitude = 1,
            Objective = objective,
            Constraint = constraint,
        };
    }

    [Theory]
    [InlineData(ControlObjective.Energy, false)]
    [InlineData(ControlObjective.Power, false)]
    [InlineData(ControlObjective.Power, true)]
    public void ExactGradientAgreesWithFiniteDifferences(ControlObjective objective, bool c0)
    {
        var problem = RandomProblem(42, objective, c0 ? ChargingConstraint.OperatorNorm : null);
        var grape = new Grape(problem, c0 ? 2.5 : null);
        var rng = new Random(9);
        var u = Enumerable.Range(0, grape.Parameters).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        var check = ControlOptimizer.Check(grape, u, grape.Parameters, 1);
        Assert.Equal(grape.Parameters, check!.Components);
        Assert.InRange(check.MaxRelativeDifference, 0, 1e-6);
    }

    [Fact]
    public void OptimiserWorkEqualsThePipelineRun()
    {
        // the optimiser's propagation of a random pulse against the ordinary pipeline (an independent solver path)
        var problem = RandomProblem(7, ControlObjective.Energy, null);
        var grape = new Grape(problem, null);
        var rng = new Random(2);
        var u = Enumerable.Range(0, grape.Parameters).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        grape.Evaluate(u, []);
        var rows = new[] { u[..problem.Slices], u[problem.Slices..] };
        var run = QBatt.Batteries.ChargingRunner.Run(problem.Setup(rows));
        Assert.InRange(Math.Abs(run.Work - grape.Work), 0, 1e-9);
    }

    [Fact]
    public void DickeCouplingBoundedInAmplitudeIsBangBang()
    {
        var settings = Amplitude(2.5, 40, 0.4);
        var problem = ControlModels.Dicke(2, 10, settings);
        var r = ControlOptimizer.Optimize(problem, new ControlOptions { Restarts = 3, Seed = 1 });
        Assert.InRange(r.Pulse.FractionAtBound(0.4, 1e-3), 0.9, 1);
        Assert.InRange(r.GradientCheck!.MaxRelativeDifference, 0, 1e-6);
        // better than the constant coupling at the bound (the pipeline on both)
        var constant = QBatt.Batteries.ChargingRunner.Run(problem.Setup([Enumerable.Repeat(0.4, 40).ToArray()]));
        Assert.True(r.Work > constant.Work + 1e-3, $"optimised {r.Work} vs constant {constant.Work}");
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        var s = Amplitude(1, 4, 1);
        var e1 = Assert.Throws<ValidationException>(() => ControlModels.Cells(2, 2, 2, ["flip7"], s));
        Assert.Equal("controls", e1.Argument);
        var e2 = Assert.Throws<ValidationException>(() => ControlOptimizer.Optimize(ControlModels.Cells(1, 2, 1, null, s with { MaxAmplitude = 0 })));
        Assert.Equal("u-max", e2.Argument);
        var bare = ControlModels.Cells(2, 2, 2, null, s) with { Constraint = ChargingConstraint.OperatorNorm, Objective = ControlObjective.Power };
        var e3 = Assert.Throws<ValidationException>(() => ControlOptimizer.Optimize(bare));
        Assert.Equal("reference", e3.Argument);
    }
}
