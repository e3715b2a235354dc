using System.Numerics;
using QBatt.Dynamics;
using QBatt.Models;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Tests.Dynamics;

/// <summary>Time-dependent drives, energy conservation, the step-by-step API, callbacks and bad input.</summary>
public class DrivesAndApiTests
{
    private static double[] Grid(double t1, int points) => [.. Enumerable.Range(0, points).Select(k => t1 * k / (points - 1))];

    /// <summary>Energy conservation for a time-independent H (a W3-type chain, n = 8): &lt;H&gt;(t) stays &lt;H&gt;(0).</summary>
    [Theory]
    [InlineData("krylov")]
    [InlineData("dop853")]
    public void Energy_is_conserved_for_a_time_independent_hamiltonian(string method)
    {
        var chain = new SpinChain(8, range: CouplingRange.PowerLaw);
        var h = chain.ChargingHamiltonian();
        var times = Grid(3, 61);
        var traj = new SchrodingerSolver(h, new EvolutionOptions { Method = method }).Run(chain.AllDown(), times, [new Observable("H", h)]);
        var e = traj.Expectation("H");
        foreach (var x in e) Assert.True(Math.Abs(x - e[0]) < 1e-9 * Math.Max(1, Math.Abs(e[0])), $"{method}: {x} vs {e[0]}");
    }

    /// <summary>A piecewise-constant drive against the product of exact exponentials of each piece.</summary>
    [Theory]
    [InlineData("auto")]
    [InlineData("krylov")]
    [InlineData("dop853")]
    public void Piecewise_constant_drive_matches_the_product_of_exact_exponentials(string method)
    {
        var rng = new RandomMatrices(3);
        var h0 = Operator.FromDense(rng.Hermitian(6));
        var v = Operator.FromDense(rng.Hermitian(6));
        double[] switches = [0, 1, 1.7];
        double[] values = [0.3, -1.2, 0.7];
        var h = new Hamiltonian(h0).WithDrive(v, TimeFunction.PiecewiseConstant(switches, values));
        var psi0 = new Ket(rng.UnitVector(6));
        var times = Grid(2.5, 11);
        var traj = new SchrodingerSolver(h, new EvolutionOptions { Method = method, StoreStates = true }).Run(psi0, times);
        for (var k = 0; k < times.Length; k++)
        {
            var psi = psi0.ToArray();
            var t0 = 0.0;
            for (var p = 0; p < switches.Length && t0 < times[k]; p++)
            {
                var t1 = p + 1 < switches.Length ? Math.Min(switches[p + 1], times[k]) : times[k];
                var u = MatrixFunctions.ExpMinusIHt((h0 + values[p] * v).ToDense(), t1 - t0);
                psi = u.Multiply(psi);
                t0 = t1;
            }
            double err = 0;
            for (var i = 0; i < 6; i++) err = Math.Max(err, (psi[i] - traj.States![k][i]).Magnitude);
            Assert.True(err < 1e-8, $"{method}: t={times[k]} error {err}");
        }
    }

    /// <summary>A smooth drive (sine) and a ramp: the two Runge-Kutta integrators agree to their tolerance.</summary>
    [Fact]
    public void Smooth_drives_agree_between_dop853_and_dopri5()
    {
        var h = new Hamiltonian(0.5 * Pauli.Z)
            .WithDrive(Pauli.X, TimeFunction.Sine(0.8, 1.1, 0.3))
            .WithDrive(Pauli.Y, TimeFunction.Ramp(0.5, 2, 0, 0.6))
            .WithDrive(Pauli.Z, TimeFunction.GaussianPulse(0.4, 1.5, 0.3));
        var times = Grid(4, 41);
        var a = new SchrodingerSolver(h, new EvolutionOptions { TimeDependentMethod = "dop853" }).Run(Ket.Basis(2, 1), times, [new Observable("Z", Pauli.Z)]);
        var b = new SchrodingerSolver(h, new EvolutionOptions { TimeDependentMethod = "dopri5", AbsoluteTolerance = 1e-12, RelativeTolerance = 1e-12 }).Run(Ket.Basis(2, 1), times, [new Observable("Z", Pauli.Z)]);
        for (var k = 0; k < times.Length; k++)
            Assert.True(Math.Abs(a.Expectation("Z")[k] - b.Expectation("Z")[k]) < 1e-8, $"t={times[k]}");
    }

    [Fact]
    public void Step_by_step_evolution_matches_a_run()
    {
        var chain = new SpinChain(6);
        var h = chain.ChargingHamiltonian();
        var times = Grid(2, 21);
        var run = new SchrodingerSolver(h, new EvolutionOptions { StoreStates = true }).Run(chain.AllDown(), times);
        var evo = new SchrodingerSolver(h).Start(chain.AllDown(), 0, horizon: 2);
        for (var k = 1; k < times.Length; k++)
        {
            var psi = evo.Step(times[k]);
            Assert.Equal(times[k], evo.Time);
            var err = 0.0;
            for (var i = 0; i < psi.Dimension; i++) err = Math.Max(err, (psi[i] - run.States![k][i]).Magnitude);
            Assert.True(err < 1e-9, $"t={times[k]} error {err}");
        }
        Assert.Throws<ValidationException>(() => evo.Step(1));
        Assert.True(evo.Statistics.ErrorEstimate < 1e-9);
    }

    [Fact]
    public void Callbacks_see_every_output_and_the_final_state_is_always_kept()
    {
        var seen = new List<(int, double, double)>();
        var times = Grid(1, 5);
        var traj = new SchrodingerSolver(Pauli.X).Run(Ket.Basis(2, 0), times, [new Observable("Z", Pauli.Z)],
            (i, t, psi) => seen.Add((i, t, Pauli.Z.Expectation(psi).Real)));
        Assert.Equal(times.Length, seen.Count);
        for (var k = 0; k < times.Length; k++)
        {
            Assert.Equal(k, seen[k].Item1);
            Assert.Equal(times[k], seen[k].Item2);
            Assert.True(Math.Abs(seen[k].Item3 - Math.Cos(2 * times[k])) < 1e-9);
        }
        Assert.Null(traj.States);
        Assert.True(Math.Abs(Pauli.Z.Expectation(traj.FinalState).Real - Math.Cos(2)) < 1e-9);
        Assert.Throws<ValidationException>(() => traj.Expectation("nope"));
    }

    [Fact]
    public void Bad_input_is_refused_with_one_line_errors()
    {
        var nonHermitian = Operator.FromDense(ComplexMatrix.FromRows(new Complex[,] { { 0, 1 }, { 0, 0 } }));
        var e1 = Assert.Throws<ValidationException>(() => new SchrodingerSolver(nonHermitian));
        Assert.Contains("Hamiltonian: argument 'h0' expected a Hermitian operator", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<DimensionMismatchException>(() => new LindbladSolver(Pauli.Z, [Pauli.Minus, Operators.Embed(Pauli.Minus, 0, 2)]));
        Assert.Contains("argument 'collapse[1]' expected a 2x2 operator", e2.Message, StringComparison.Ordinal);
        var e3 = Assert.Throws<ValidationException>(() => new SchrodingerSolver(Pauli.Z).Run(Ket.Basis(2, 0), [0, 1, 1]));
        Assert.Contains("strictly increasing output times", e3.Message, StringComparison.Ordinal);
        var e4 = Assert.Throws<ValidationException>(() => new SchrodingerSolver(Pauli.Z, new EvolutionOptions { AbsoluteTolerance = -1e-8 }));
        Assert.Contains("argument 'AbsoluteTolerance' expected a non-negative finite number, got -1E-08", e4.Message, StringComparison.Ordinal);
        var e5 = Assert.Throws<ValidationException>(() => new SchrodingerSolver(Pauli.Z, new EvolutionOptions { Method = "euler" }));
        Assert.Contains("one of auto, krylov, chebyshev, exact, dop853, dopri5, got 'euler'", e5.Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => new LindbladSolver(Pauli.Z, [], new EvolutionOptions { Method = "exact" }));
        Assert.Throws<DimensionMismatchException>(() => new SchrodingerSolver(Pauli.Z).Run(Ket.Basis(3, 0), [0, 1]));
        Assert.Throws<DimensionMismatchException>(() => new SchrodingerSolver(Pauli.Z).Run(Ket.Basis(2, 0), [0, 1], [new Observable("big", Operator.Identity(new Dims(3)))]));
        foreach (var e in new QBattException[] { e1, e2, e3, e4, e5 }) Assert.DoesNotContain('\n', e.Message);
    }
}
